import datetime as dt

import pytest

from generator import frontmatter
from generator.frontmatter import FrontMatterError


def test_round_trip_keeps_order_unicode_and_dates():
    meta = {"title": "Заявление — «цитата»", "date": dt.date(2016, 5, 31), "speakers": []}
    text = frontmatter.dump(meta, "Body paragraph.\n\nSecond.")
    page = frontmatter.parse(text)
    assert page.meta == meta
    assert list(page.meta) == ["title", "date", "speakers"]
    assert page.body == "Body paragraph.\n\nSecond.\n"
    assert "Заявление" in text  # not escaped to \u sequences


def test_body_line_points_into_the_file():
    text = "---\ntitle: x\n---\n\nBody"
    page = frontmatter.parse(text)
    assert text.splitlines()[page.body_line - 1] == "Body"


def test_yaml_error_reports_file_line():
    text = "---\ntitle: ok\nspeakers: [unclosed\nplace: x\n---\nbody\n"
    with pytest.raises(FrontMatterError) as caught:
        frontmatter.parse(text)
    assert caught.value.line in (3, 4, 5)


@pytest.mark.parametrize(
    "text", ["no front matter", "---\ntitle: x\nno closing line\n", "---\n- a list\n---\n"]
)
def test_malformed(text):
    with pytest.raises(FrontMatterError):
        frontmatter.parse(text)
