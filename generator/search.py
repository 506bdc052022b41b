"""Search: Pagefind indexes of the statement pages, built by the binary `pagefind[bin]` ships.

The binary indexes 10,000 pages in about 13 s; the Python wrapper's per-page calls are
capped at ten a second by a poll delay, so the binary is the practical choice here.

The index is split into shards (`pagefind/0/`, `pagefind/1/`, ...) by a hash of each
statement's slug. A rebuild re-indexes only the shards whose pages changed, each Pagefind
run stays small in memory, and shards index in parallel. The browser searches all shards as
one through Pagefind's multisite `mergeIndex`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind_bin import get_executable

BUNDLE_ROOT = "pagefind"
SHARD_SIZE = 500  # pages per shard: a one-page change re-indexes about this many
MAX_SHARDS = 64  # each shard is one more bundle for the browser to load


class SearchIndexError(Exception):
    pass


def shard_count(pages: int) -> int:
    return max(1, min(MAX_SHARDS, -(-pages // SHARD_SIZE)))


def shard_of(slug: str, count: int) -> int:
    return int.from_bytes(hashlib.blake2b(slug.encode(), digest_size=4).digest(), "big") % count


def bundle_path(shard: int) -> str:
    """Site-relative folder of one shard's bundle."""
    return f"{BUNDLE_ROOT}/{shard}/"


def _index_one(site: Path, shard: int, pages: list[str]) -> None:
    """Index `pages` (site-relative files) into `site/pagefind/<shard>/`."""
    source = site / f".search-source-{shard}"
    output = site / bundle_path(shard)
    shutil.rmtree(source, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    try:
        for page in pages:
            target = source / page
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(site / page, target)
        command = [
            str(get_executable()),
            "--site", str(source),
            "--output-path", str(output),
            "--quiet",
        ]  # fmt: skip
        completed = subprocess.run(command, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            detail = (completed.stderr or completed.stdout).strip().splitlines()
            raise SearchIndexError(
                f"pagefind failed on shard {shard}: "
                + (detail[-1] if detail else f"exit {completed.returncode}")
            )
    finally:
        shutil.rmtree(source, ignore_errors=True)


def index_shards(site: Path, shards: dict[int, list[str]], workers: int | None = None) -> None:
    """Re-index the given shards, several Pagefind processes at a time."""
    workers = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(_index_one, site, n, pages) for n, pages in shards.items()]:
            future.result()


def remove_shards(site: Path, keep: Iterable[int]) -> None:
    """Delete bundles of shards that no longer exist (the shard count shrank)."""
    root = site / BUNDLE_ROOT
    if not root.is_dir():
        return
    keep_names = {str(n) for n in keep}
    for child in root.iterdir():
        if child.name not in keep_names:
            shutil.rmtree(child) if child.is_dir() else child.unlink()
