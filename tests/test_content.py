import datetime as dt
import os
from pathlib import Path

from generator.content import ParseCache, load_registry, load_statements, parse_statement
from generator.models import SpeakerRef

GOOD = """---
title: "Russia calls on foreign partners to create united front to fight terrorism — diplomat"
date: 2016-05-31
place: Moscow
source: TASS
speakers:
  - name: Oleg Syromolotov
    role: Russian Deputy Foreign Minister
  - name: Foreign Ministry
    kind: organization
tags: [terrorism]
origin: {file: 000_469faddfd09abc77.txt, sha256: abc}
---

Body text.
"""


def test_parse_statement_contract():
    statement = parse_statement(GOOD, slug="russia-calls")
    assert statement.date == dt.date(2016, 5, 31)
    assert statement.place == "Moscow" and statement.source == "TASS"
    assert statement.speakers == (
        SpeakerRef("Oleg Syromolotov", "Russian Deputy Foreign Minister"),
        SpeakerRef("Foreign Ministry", None, "organization"),
    )
    assert statement.tags == ("terrorism",)
    assert statement.origin.file == "000_469faddfd09abc77.txt"
    assert statement.body.strip() == "Body text."


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_bad_pages_are_reported_one_line_each_and_others_load(tmp_path):
    statements = tmp_path / "content" / "statements"
    write(statements, "good.md", GOOD)
    write(statements, "no-title.md", "---\ndate: 2016-05-31\n---\nx\n")
    write(statements, "bad-date.md", "---\ntitle: T\nplace: X\ndate: May 31\n---\nx\n")
    write(statements, "bad-yaml.md", "---\ntitle: T\nspeakers: [a\n---\nx\n")
    write(statements, "bad-speaker.md", "---\ntitle: T\nspeakers:\n  - role: minister\n---\n")
    loaded, problems = load_statements(statements, tmp_path)
    assert [s.slug for s in loaded] == ["good"]
    shown = sorted(str(p) for p in problems)
    assert len(shown) == 4
    assert any(line.startswith("content/statements/bad-date.md:4:") for line in shown), shown
    assert any("no-title.md" in line and "'title' is required" in line for line in shown)
    assert any("bad-yaml.md:" in line and "invalid YAML" in line for line in shown)
    assert any("bad-speaker.md:3:" in line and "needs a 'name'" in line for line in shown)


def test_duplicate_explicit_slug_is_a_problem(tmp_path):
    statements = tmp_path / "statements"
    write(statements, "a.md", "---\ntitle: A\nslug: same\n---\n")
    write(statements, "b.md", "---\ntitle: B\nslug: same\n---\n")
    loaded, problems = load_statements(statements, tmp_path)
    assert len(loaded) == 1 and problems[0].code == "duplicate-slug"


def test_registry_entries_and_errors(tmp_path):
    path = tmp_path / "speakers.yaml"
    path.write_text("speakers:\n  - name: Sergey Lavrov\n    aliases: [Sergei Lavrov]\n")
    speakers, problems = load_registry(path, tmp_path)
    assert problems == [] and speakers[0].slug == "sergey-lavrov"
    path.write_text("speakers: [\n")
    speakers, problems = load_registry(path, tmp_path)
    assert speakers == [] and "speakers.yaml" in str(problems[0])


def _load_cached(statements: Path, root: Path) -> list:
    cache = ParseCache(root / "cache.json")
    loaded, problems = load_statements(statements, root, cache)
    cache.save()
    assert problems == []
    return loaded


def test_cached_statements_equal_parsed_ones_and_follow_every_edit(tmp_path):
    statements = tmp_path / "content" / "statements"
    write(statements, "russia-calls.md", GOOD)
    write(statements, "other.md", "---\ntitle: Other\n---\nFirst body.\n")
    parsed = _load_cached(statements, tmp_path)  # fills the cache
    cached = _load_cached(statements, tmp_path)  # served from it, bodies read lazily
    assert cached == parsed and cached[1].body.strip() == "Body text."
    # An edit of the same size: the modification time still tells.
    page = statements / "other.md"
    stat = page.stat()
    page.write_text("---\ntitle: Other\n---\nOther body.\n", encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert page.stat().st_size == stat.st_size
    edited = _load_cached(statements, tmp_path)
    assert edited[0].body.strip() == "Other body." and edited[0].digest != parsed[0].digest
    # A page touched but not changed keeps its fields (no YAML parse needed).
    os.utime(statements / "russia-calls.md")
    assert _load_cached(statements, tmp_path)[1] == parsed[1]


def test_a_broken_cache_file_is_ignored(tmp_path):
    statements = tmp_path / "statements"
    write(statements, "a.md", "---\ntitle: A\n---\nBody.\n")
    (tmp_path / "cache.json").write_text('{"version": 2, "pages": [1, 2]}')
    assert [s.title for s in _load_cached(statements, tmp_path)] == ["A"]


def test_a_page_changed_within_one_clock_tick_is_still_seen(tmp_path):
    """A page rewritten with the same size and the same file time (two saves within one
    tick of the file system's clock) must not be served from the cache."""
    statements = tmp_path / "statements"
    write(statements, "a.md", "---\ntitle: A\n---\nFirst.\n")
    page = statements / "a.md"
    stat = page.stat()
    cache = ParseCache(tmp_path / "cache.json")
    assert load_statements(statements, tmp_path, cache)[0][0].body.strip() == "First."
    cache.save()
    page.write_text("---\ntitle: B\n---\nSecnd.\n", encoding="utf-8")
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.stat().st_size == stat.st_size
    for kept in (cache, ParseCache(tmp_path / "cache.json")):  # in this process, or the next
        loaded = load_statements(statements, tmp_path, kept)[0][0]
        assert (loaded.title, loaded.body.strip()) == ("B", "Secnd.")
