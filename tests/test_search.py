"""The search stage: sharded Pagefind bundles, reproducible and cheap to re-index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import search
from generator.writer import Staging

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head>
<body><main data-pagefind-body><h1>{title}</h1>
<p data-pagefind-filter="speaker">{speaker}</p><p>{text}</p></main></body></html>
"""
WORDS = "ministry statement sanctions grain corridor talks minister envoy summit".split()


def _page(number: int, edit: str = "") -> str:
    text = " ".join(WORDS[(number + k) % len(WORDS)] for k in range(40)) + edit
    return PAGE.format(title=f"Statement {number}", speaker=f"Speaker {number % 3}", text=text)


def _build(output: Path, pages: dict[str, str], changed: list[str] | None = None) -> Staging:
    """Index `pages` into `output`; with `changed`, an incremental build that writes only those."""
    staging = Staging(output)
    staging.open(incremental=changed is not None)
    for path in pages if changed is None else changed:
        staging.write(path, pages[path])
    search.index_shards(staging, {0: sorted(pages)}, total=1)
    staging.commit()
    return staging


def _files(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def test_reindexing_a_shard_reuses_unchanged_files_and_equals_a_fresh_run(tmp_path: Path) -> None:
    pages = {f"statements/s{n}/index.html": _page(n) for n in range(12)}
    live = tmp_path / "live" / "site"
    _build(live, pages)
    bundle = live / "pagefind" / "0"
    before = {p.name: p.stat().st_ino for p in (bundle / "fragment").iterdir()}
    old_bytes = {name: (bundle / "fragment" / name).read_bytes() for name in before}

    pages["statements/s3/index.html"] = _page(3, " drought")  # one page changes
    _build(live, pages, changed=["statements/s3/index.html"])
    after = {p.name: p.stat().st_ino for p in (bundle / "fragment").iterdir()}

    fresh = tmp_path / "fresh" / "site"
    _build(fresh, pages)
    assert _files(live / "pagefind") == _files(fresh / "pagefind")
    # Eleven fragments were kept as they were (same file), one was written, one went away.
    kept = set(before) & set(after)
    assert len(kept) == 11 and len(after) == 12
    assert all(before[name] == after[name] for name in kept)
    # Reusing never wrote through a link into the previous bundle's files.
    assert all(old_bytes[name] == (bundle / "fragment" / name).read_bytes() for name in kept)


def test_prune_removes_only_files_no_index_names(tmp_path: Path) -> None:
    live = tmp_path / "site"
    _build(live, {f"statements/s{n}/index.html": _page(n) for n in range(4)})
    bundle = live / "pagefind" / "0"
    named = _files(bundle)
    (bundle / "fragment" / "en_0000000.pf_fragment").write_bytes(b"stale")
    (bundle / "index" / "en_0000000.pf_index").write_bytes(b"stale")
    search.prune_bundle(bundle)
    assert _files(bundle) == named


def test_prune_refuses_an_unknown_meta_format(tmp_path: Path) -> None:
    live = tmp_path / "site"
    _build(live, {"statements/s0/index.html": _page(0)})
    bundle = live / "pagefind" / "0"
    meta = next(bundle.glob("pagefind.*.pf_meta"))
    search._write_index_file(meta, search._cbor_encode(["1.5.2", [1, 2], [], [], []]))
    with pytest.raises(search.SearchIndexError, match="unexpected Pagefind format"):
        search.prune_bundle(bundle)


def test_without_hard_links_the_shard_is_written_whole(tmp_path: Path, monkeypatch) -> None:
    pages = {f"statements/s{n}/index.html": _page(n) for n in range(5)}
    live = tmp_path / "live" / "site"
    _build(live, pages)
    pages["statements/s1/index.html"] = _page(1, " harvest")
    real_link = os.link

    def link_pages_only(source: str | Path, target: str | Path) -> None:
        if f"{os.sep}pagefind{os.sep}" in str(source):  # a file system refusing these links
            raise OSError("hard links not supported")
        real_link(source, target)

    monkeypatch.setattr(os, "link", link_pages_only)
    _build(live, pages, changed=["statements/s1/index.html"])
    monkeypatch.undo()
    fresh = tmp_path / "fresh" / "site"
    _build(fresh, pages)
    assert _files(live / "pagefind") == _files(fresh / "pagefind")
