"""An incremental build must produce exactly the files a clean build produces.

Random edits (change, add and delete statements, rename a speaker, edit a template) are
applied to an archive; after each round the incremental build of it is compared, byte for
byte, with a clean build of a copy. Search shards are made small so that edits cross them.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import time
from pathlib import Path

import pytest

from generator import search
from generator.build import Session, build
from generator.config import load_config

from .conftest import REPO, run_dictum
from .test_build import tree_hashes


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "dictum.toml", root / "dictum.toml")
    (root / "dictum.toml").write_text('title = "Incremental"\ntheme = "mine"\npage_size = 3\n')
    theme = root / "themes" / "mine" / "templates"
    theme.mkdir(parents=True)
    (theme / "statement.html").write_text(
        '{% extends "default/statement.html" %}\n{# revision 0 #}\n'
    )
    run_dictum("import", cwd=root, check=True)
    return root


def _pages(root: Path) -> list[Path]:
    return sorted((root / "content" / "statements").glob("*.md"))


def _edit_one(rng: random.Random, root: Path, round_number: int) -> str:
    pages = _pages(root)
    kind = rng.choice(["title", "body", "date", "add", "delete", "speaker", "template", "none"])
    if kind == "title":
        page = rng.choice(pages)
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"^title: (.*)$", rf"title: Edited {round_number} \1", text,
                               count=1, flags=re.M), encoding="utf-8")
    elif kind == "body":
        page = rng.choice(pages)
        page.write_text(page.read_text(encoding="utf-8") + f"\nAdded paragraph {round_number}.\n",
                        encoding="utf-8")
    elif kind == "date":
        page = rng.choice(pages)
        text = page.read_text(encoding="utf-8")
        year = rng.choice([1999, 2016, 2022])
        text = re.sub(r"^date: \d{4}-(\d\d-\d\d)$", rf"date: {year}-\1", text, count=1, flags=re.M)
        page.write_text(text, encoding="utf-8")
    elif kind == "add":
        source = rng.choice(pages)
        text = source.read_text(encoding="utf-8").replace("title: ", f"title: Copy {round_number} ",
                                                          1)
        (source.parent / f"added-{round_number}.md").write_text(text, encoding="utf-8")
    elif kind == "delete" and len(pages) > 5:
        rng.choice(pages).unlink()
    elif kind == "speaker":
        # Rename a speaker everywhere: every page naming them changes, and their page moves.
        names = re.findall(r"^- name: (.+)$", "".join(p.read_text() for p in pages), re.M)
        if names:
            old = rng.choice(names)
            for page in pages:
                text = page.read_text(encoding="utf-8")
                page.write_text(text.replace(f"- name: {old}\n", f"- name: {old} Renamed\n"),
                                encoding="utf-8")
    elif kind == "template":
        template = root / "themes" / "mine" / "templates" / "statement.html"
        template.write_text(
            '{% extends "default/statement.html" %}\n'
            f"{{% block title %}}{round_number} {{{{ super() }}}}{{% endblock %}}\n"
        )
    return kind


@pytest.mark.parametrize("kept", [False, True], ids=["fresh-process", "serve-session"])
def test_random_edits_incremental_equals_clean(archive, tmp_path, monkeypatch, kept):
    """`kept`: builds share one Session (parsed pages, templates), as `dictum serve`'s do;
    edits then follow builds within milliseconds, as they do while serving."""
    monkeypatch.setattr(search, "SHARD_SIZE", 7)  # several shards even in a small archive
    config = load_config(archive)
    session = Session() if kept else None
    assert build(config, session=session).published
    rng = random.Random(20261127)
    kinds = []
    quick = []  # builds planned from the page edits alone
    for round_number in range(1, 13):
        kinds.append(_edit_one(rng, archive, round_number))
        if round_number % 3:
            kinds.append(_edit_one(rng, archive, round_number + 100))  # two edits, one build
        report = build(config, session=session)
        assert report.published, [str(p) for p in report.problems]
        quick.append(report.quick)

        clean = tmp_path / f"clean-{round_number}"
        shutil.copytree(archive, clean, ignore=shutil.ignore_patterns("site", ".site.*"))
        clean_report = build(load_config(clean), full=True)
        assert clean_report.published
        incremental_tree = tree_hashes(archive / "site")
        clean_tree = tree_hashes(clean / "site")
        assert incremental_tree.keys() == clean_tree.keys(), (round_number, kinds)
        different = [k for k in clean_tree if clean_tree[k] != incremental_tree[k]]
        assert different == [], (round_number, kinds)
        shutil.rmtree(clean)
    # The edits must have exercised the incremental paths, not just full rebuilds.
    assert {"title", "add", "delete", "template"} <= set(kinds), kinds
    assert True in quick and False in quick  # the short way (a body edit) and the whole plan


def test_noop_rebuild_renders_nothing(archive):
    config = load_config(archive)
    first = build(config)
    assert first.pages > 0
    second = build(config)
    assert second.published and second.pages == 0 and second.shards_indexed == 0


def test_one_changed_statement_renders_only_what_shows_it(archive):
    config = load_config(archive)
    build(config)
    page = next(p for p in _pages(archive) if p.name.startswith("russia-calls"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    report = build(config)
    # The body is shown only on the statement page itself.
    assert report.pages == 1 and report.shards_indexed == 1


def _written_a_while_ago(root: Path) -> None:
    """Date every input file ten seconds back: a file changed within the last moments is
    never trusted by its time alone (it could change again within one clock tick)."""
    past = time.time_ns() - 10_000_000_000
    for path in root.rglob("*"):
        if path.is_file() and "site" not in path.relative_to(root).parts:
            os.utime(path, ns=(past, past))


def test_up_to_date_only_when_nothing_changed(archive):
    config = load_config(archive)
    _written_a_while_ago(archive)
    assert not build(config).up_to_date
    assert build(config).up_to_date
    # A removed site is rebuilt, even though no input changed.
    shutil.rmtree(archive / "site")
    report = build(config)
    assert not report.up_to_date and (archive / "site" / "index.html").is_file()
    # A touched page is looked at again: same bytes, so nothing is rendered.
    page = _pages(archive)[0]
    page.write_bytes(page.read_bytes())
    report = build(config)
    assert not report.up_to_date and report.pages == 0
    # Just written, it is not trusted by its time: the next build still looks closer...
    assert not build(config).up_to_date
    # ... until the change is old enough for its time to tell.
    _written_a_while_ago(archive)
    assert not build(config).up_to_date  # new file times: one more look
    assert build(config).up_to_date


def _clean_tree(archive: Path, tmp_path: Path) -> dict[str, str]:
    clean = tmp_path / "clean"
    shutil.copytree(archive, clean, ignore=shutil.ignore_patterns("site", ".site.*"))
    assert build(load_config(clean), full=True).published
    return tree_hashes(clean / "site")


def test_pages_go_live_before_their_search_index(archive, tmp_path, monkeypatch):
    """`dictum serve` reloads browsers once a build's pages are live, before its search
    step. At that moment the live manifest still names the old shards: a build whose search
    step then fails (or is stopped) leaves them for the next build to index."""
    config = load_config(archive)
    build(config)
    manifest = archive / "site" / ".dictum" / "manifest.json"
    old_shards = json.loads(manifest.read_text())["shards"]
    page = _pages(archive)[0]
    page.write_text(page.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1),
                    encoding="utf-8")  # fmt: skip
    live_page = archive / "site" / "statements" / page.stem / "index.html"
    seen = []

    def ready(report):
        seen.append((">Edited " in live_page.read_text(encoding="utf-8"),
                     json.loads(manifest.read_text())["shards"] == old_shards))  # fmt: skip

    def broken(*args, **kwargs):
        raise search.SearchIndexError("pagefind failed on shard 0: test")

    with monkeypatch.context() as patched:
        patched.setattr(search, "index_shards", broken)
        report = build(config, pages_ready=ready)
    assert seen == [(True, True)]
    assert report.published and [p.code for p in report.errors] == ["search-index"]
    assert json.loads(manifest.read_text())["shards"] == old_shards

    report = build(config, pages_ready=ready)  # the next build indexes what was left
    assert report.shards_indexed >= 1 and not report.problems
    assert tree_hashes(archive / "site") == _clean_tree(archive, tmp_path)


def test_an_edit_of_a_page_text_plans_only_that_page(archive, tmp_path):
    config = load_config(archive)
    build(config)
    page = next(p for p in _pages(archive) if p.name.startswith("russia-calls"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", "\nsource: Edited agency\n---\n", 1) + "\nMore.\n",
                    encoding="utf-8")  # fmt: skip
    report = build(config)  # a new process would plan the same: the plans are on disk
    assert report.quick and report.pages == 1 and report.shards_indexed == 1
    assert tree_hashes(archive / "site") == _clean_tree(archive, tmp_path)
    # A new title shows in listings: the whole site is planned.
    page.write_text(page.read_text(encoding="utf-8").replace("title: ", "title: New ", 1),
                    encoding="utf-8")  # fmt: skip
    report = build(config)
    assert not report.quick and report.pages > 1


def test_pages_of_a_build_that_failed_are_planned_again(archive, tmp_path, monkeypatch):
    """Plans are kept before a build publishes: after a failed build they are ahead of the
    live site, and a later text edit must not be planned from them alone."""
    config = load_config(archive)
    build(config)
    first, second = _pages(archive)[:2]
    first.write_text(first.read_text(encoding="utf-8").replace("title: ", "title: New ", 1),
                     encoding="utf-8")  # fmt: skip

    def broken(*args, **kwargs):
        raise search.SearchIndexError("pagefind failed on shard 0: test")

    with monkeypatch.context() as patched:
        patched.setattr(search, "index_shards", broken)
        assert not build(config).published
    second.write_text(second.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    report = build(config)
    assert report.published and not report.quick
    assert tree_hashes(archive / "site") == _clean_tree(archive, tmp_path)
