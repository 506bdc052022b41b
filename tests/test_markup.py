"""Markdown to safe HTML: the plain-prose fast path must equal the full Markdown path."""

from __future__ import annotations

import pytest

from generator import markup
from generator.extract import extract

from .conftest import CORPUS, SEED


def _slow(text: str) -> str:
    """The full path: Python-Markdown, nh3, quotation paragraphs set apart."""
    markup._converter().reset()
    rendered = markup._converter().convert(markup._escape_tags(text))
    import nh3

    clean = nh3.clean(rendered, tags=markup._ALLOWED_TAGS, attributes=markup._ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"},
                      link_rel="noopener noreferrer nofollow")
    return markup._set_apart_quotes(clean)


def _bodies() -> list[str]:
    files = [SEED, *sorted(CORPUS.glob("*/*.txt"))]
    return [extract(path.read_text(encoding="utf-8")).body for path in files]


def test_fast_path_equals_markdown_on_every_corpus_body():
    bodies = _bodies()
    fast = [b for b in bodies if not markup._MARKDOWN_SYNTAX.search(b)]
    assert len(fast) > len(bodies) // 3  # the fast path is worth having
    for body in fast:
        assert markup.body_html(body) == _slow(body)


@pytest.mark.parametrize(
    "text",
    [
        "x <script>alert(1)</script>",
        "AT&T said, &amp; &copy; &#169;",
        "Shares of <DGN> rose > 5 pct!",
        "a | b ~ c",
    ],
)
def test_escaped_characters_take_the_fast_path(text):
    assert not markup._MARKDOWN_SYNTAX.search(text)
    assert markup.body_html(text) == _slow(text)
    assert "<script>" not in markup.body_html(text)


@pytest.mark.parametrize(
    "text",
    [
        "a *b* c",
        "1. first\n2. second",
        "# heading",
        "> quoted",
        "code    \n    block",
        "see https://example.org",
        "line  \nbreak",
    ],
)
def test_markdown_syntax_takes_the_full_path(text):
    assert markup._MARKDOWN_SYNTAX.search(text)
    assert markup.body_html(text) == _slow(text)


def test_quotation_paragraphs_are_set_apart():
    html = markup.body_html('Intro.\n\n"We hope," he said.\n\n“Curly,” she said.')
    assert html.count('<blockquote class="quote"') == 2
    assert '<p>Intro.</p>' in html
