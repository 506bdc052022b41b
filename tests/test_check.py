"""`dictum check` run as a process: content validation, then every link of the built site."""

from __future__ import annotations

import re
from pathlib import Path

from generator.check import page_refs

from .conftest import run_dictum

BASE = "https://example.org/archive/"


def _statement_slugs(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "content" / "statements").glob("*.md"))


def test_check_passes_on_the_sample_archive(sample_archive):
    run_dictum("build", cwd=sample_archive, check=True)
    completed = run_dictum("check", "--base-url", BASE, cwd=sample_archive)
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert "0 errors, 0 warnings" in completed.stdout
    pages, links = map(int, re.search(r"(\d+) pages and (\d+) links", completed.stdout).groups())
    assert pages > len(_statement_slugs(sample_archive)) and links > 10 * pages

    # With base_url a path, it still passes, and says what a path cannot give.
    plain = run_dictum("check", cwd=sample_archive)
    assert plain.returncode == 0
    assert "dictum.toml: warning: base_url '/' is a path" in plain.stderr
    strict = run_dictum("check", "--strict", cwd=sample_archive)
    assert strict.returncode == 1 and "0 errors, 1 warning" in strict.stdout


def test_check_builds_into_a_temporary_folder_and_writes_nothing(sample_archive):
    run_dictum("import", cwd=sample_archive, check=True)
    before = sorted(p.relative_to(sample_archive) for p in sample_archive.rglob("*"))
    completed = run_dictum("check", "--base-url", BASE, cwd=sample_archive)
    assert completed.returncode == 0, completed.stderr
    assert "temporary folder" in completed.stdout
    assert sorted(p.relative_to(sample_archive) for p in sample_archive.rglob("*")) == before
    assert not (sample_archive / "site").exists()


def test_check_names_page_and_target_of_a_broken_link_in_a_theme(sample_archive):
    theme = sample_archive / "themes" / "mine" / "templates"
    theme.mkdir(parents=True)
    (theme / "statement.html").write_text(
        '{% extends "default/statement.html" %}\n'
        '{% block content %}{{ super() }}\n'
        '<p><a href="{{ site.home_url }}no-such-page/">More</a></p>{% endblock %}\n'
    )
    with (sample_archive / "dictum.toml").open("a", encoding="utf-8") as toml:
        toml.write('theme = "mine"\n')
    run_dictum("build", cwd=sample_archive, check=True)  # the build itself does not mind
    completed = run_dictum("check", cwd=sample_archive)
    assert completed.returncode == 1
    broken = [line for line in completed.stderr.splitlines() if "[broken-link]" in line]
    slugs = _statement_slugs(sample_archive)
    assert len(broken) == len(slugs)
    assert all(
        re.fullmatch(
            rf"site/statements/({'|'.join(slugs)})/index\.html:\d+: error: broken link to "
            r"/no-such-page/ \(no file no-such-page/index\.html\) \[broken-link\]",
            line,
        )
        for line in broken
    ), broken
    assert "1 error" not in completed.stdout and f"{len(slugs)} errors" in completed.stdout


def test_check_site_finds_links_edited_into_built_pages(sample_archive):
    run_dictum("build", "--base-url", BASE, cwd=sample_archive, check=True)
    site = sample_archive / "site"
    home = site / "index.html"
    html = home.read_text(encoding="utf-8")
    html = html.replace(
        "</main>",
        '<img src="static/missing.png" alt="">\n'  # relative to the page
        '<a href="/statements/">outside /archive/</a>\n'
        f'<a href="{BASE}dates/#nowhere">absolute, to a missing id</a>\n'
        '<a href="https://elsewhere.example/">external</a> <a href="#main">skip</a>\n'
        "</main>",
    )
    home.write_text(html, encoding="utf-8")
    feed = site / "feed.xml"
    feed.write_text(
        feed.read_text(encoding="utf-8").replace(f"{BASE}statements/", f"{BASE}statement/", 2),
        encoding="utf-8",
    )
    completed = run_dictum("check", "--site", "site", "--base-url", BASE, cwd=sample_archive)
    assert completed.returncode == 1
    errors = [line for line in completed.stderr.splitlines() if "error:" in line]
    line = html[: html.index('<img src="static/missing.png"')].count("\n") + 1
    assert len(errors) == 4
    assert re.fullmatch(
        rf"site/feed\.xml:\d+: error: broken link to {re.escape(BASE)}statement/\S+ "
        r"\(no file statement/\S+/index\.html\) \[broken-link\]",
        errors[0],
    )
    assert errors[1:] == [
        f"site/index.html:{line}: error: broken link to static/missing.png "
        "(no file static/missing.png) [broken-link]",
        f"site/index.html:{line + 1}: error: broken link to /statements/ "
        "(outside the site's base path /archive/) [broken-link]",
        f"site/index.html:{line + 2}: error: broken link to {BASE}dates/#nowhere "
        "(no id 'nowhere' on dates/index.html) [broken-link]",
    ]


def test_check_finds_a_development_script(sample_archive):
    run_dictum("build", cwd=sample_archive, check=True)
    page = sample_archive / "site" / "speakers" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "</body>", '<script src="/__dictum/livereload.js"></script>\n</body>'
        ),
        encoding="utf-8",
    )
    completed = run_dictum("check", "--site", "site", cwd=sample_archive)
    assert completed.returncode == 1
    assert re.search(
        r"site/speakers/index\.html:\d+: error: development-only script .*\[dev-script\]",
        completed.stderr,
    )


def test_check_validates_registry_and_pages(sample_archive):
    run_dictum("build", cwd=sample_archive, check=True)
    content = sample_archive / "content"
    registry = content / "speakers.yaml"
    text = registry.read_text(encoding="utf-8")
    start = text.count("\n") + 1
    registry.write_text(
        text
        + "- name: Vladimir Putin\n"  # listed twice
        "  slug: vladimir-putin\n"
        "- name: Oleh Ustenko Junior\n"  # another's slug
        "  slug: oleh-ustenko\n"
        "- name: Foreign Ministry\n"  # an alias that names another entry
        "  kind: organization\n"
        "  aliases: [Dmytro Kuleba]\n"
        "- name: Press Office\n"
        "  kind: agency\n",
        encoding="utf-8",
    )
    statements = content / "statements"
    (statements / "hand-made.md").write_text(
        "---\ntitle: A hand-made page\ndate: 2999-01-01\nspeakers:\n"
        "  - name: Vladimir Putin\n    kind: organization\n"
        "  - name: Nobody Knownname\n---\n\nText.\n",
        encoding="utf-8",
    )
    (statements / "copy.md").write_text(
        "---\ntitle: A copy\nslug: hand-made\ndate: 2020-01-01\n---\n\nText.\n",
        encoding="utf-8",
    )
    completed = run_dictum("check", "--base-url", BASE, cwd=sample_archive)
    assert completed.returncode == 1
    lines = completed.stderr.splitlines()
    expected = [
        f"content/speakers.yaml:{start}: error: speaker 'Vladimir Putin' is listed twice "
        "(line 4); merge the entries [duplicate-speaker]",
        f"content/speakers.yaml:{start + 2}: error: slug 'oleh-ustenko' of 'Oleh Ustenko "
        "Junior' is also the slug of 'Oleh Ustenko' (line ",
        f"content/speakers.yaml:{start + 4}: error: alias 'Dmytro Kuleba' of 'Foreign "
        "Ministry' already names 'Dmytro Kuleba' (line ",
        f"content/speakers.yaml:{start + 7}: error: speaker 'Press Office': kind must be "
        "person or organization, got 'agency' [speaker-kind]",
        "content/statements/hand-made.md: error: slug 'hand-made' is already used by "
        "content/statements/copy.md [duplicate-slug]",
    ]
    for prefix in expected:
        assert any(line.startswith(prefix) for line in lines), (prefix, lines)
    # copy.md sorts first, so it owns the slug and hand-made.md is the one left out.
    assert not any("future" in line or "Nobody" in line for line in lines)

    (statements / "copy.md").unlink()
    completed = run_dictum("check", "--base-url", BASE, cwd=sample_archive)
    lines = completed.stderr.splitlines()
    for prefix in [
        "content/statements/hand-made.md:3: error: date 2999-01-01 is in the future "
        "[future-date]",
        "content/statements/hand-made.md:4: error: speaker 'Vladimir Putin' has kind "
        "organization here but 'Vladimir Putin' has kind person in content/speakers.yaml "
        "[speaker-kind-conflict]",
        "content/statements/hand-made.md:4: warning: speaker 'Nobody Knownname' is not in "
        "content/speakers.yaml",
    ]:
        assert any(line.startswith(prefix) for line in lines), (prefix, lines)


def test_page_refs_reads_attributes_not_text_comments_or_scripts():
    html = (
        "<!doctype html>\n<p>Text with href=\"/nope/\" in it &lt;a href=\"/no/\"&gt;</p>\n"
        "<!-- <a href=\"/commented/\"> -->\n"
        "<script>var a = '<a href=\"/in-script/\">';</script>\n"
        "<a\n  class='x' href='/a/?q=1&amp;r=2' id=top-link>A</a>\n"
        '<img srcset="/s1.png 1x, /s2.png 2x" src=/s0.png>\n'
        '<script src="/app.js"></script>\n'
    )
    refs, ids = page_refs(html)
    assert refs == [("/a/?q=1&r=2", 5), ("/s1.png", 7), ("/s2.png", 7), ("/s0.png", 7),
                    ("/app.js", 8)]  # fmt: skip
    assert ids == {"top-link"}
