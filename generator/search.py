"""Search: Pagefind indexes of the statement pages, built by the binary `pagefind[bin]` ships.

The binary indexes 10,000 pages in about 13 s; the Python wrapper's per-page calls are
capped at ten a second by a poll delay, so the binary is the practical choice here.

The index is split into shards (`pagefind/0/`, `pagefind/1/`, ...) by a hash of each
statement's slug. A rebuild re-indexes only the shards whose pages changed, each Pagefind
run stays small in memory, and shards index in parallel. The browser searches all shards as
one through Pagefind's multisite `mergeIndex`.

Pagefind names its fragment and word-index files by a hash of their content and does not
write a file that already exists, and compressing those files is about half of its time on a
small shard. So a re-indexed shard starts from hard links to its previous fragment and index
files; Pagefind writes only what changed, and `prune_bundle` then drops what the new index
no longer names, leaving exactly the files a fresh run writes.

Pagefind 1.5.2 writes its filter indexes from hash maps, so the order of filter values (and
with it the hashed names of `filter/*.pf_filter`, `pagefind.*.pf_meta` and the content of
`pagefind-entry.json`) changes from run to run. `canonicalize_bundle` sorts those lists, so
the same pages give a byte-identical bundle. Pagefind numbers pages in the order its
directory walk meets them; that order is stable on one file system, not across them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagefind_bin import get_executable

from .writer import Staging

BUNDLE_ROOT = "pagefind"
# Pagefind takes about 0.08 s plus 1.1 ms per page of a shard on two cores, so a one-page
# change re-indexes a 160-page shard in about a quarter of a second. Each shard is one more
# bundle for the browser to load (a first search at 10,000 pages: 1.5 s with 20 shards,
# 2.4 s with 64, served locally), hence the cap; past it, shards grow instead. At 128
# shards of about 780 pages, a 100,000-statement archive still indexes two shards at a
# time within its memory budget.
SHARD_SIZE = 160
MAX_SHARDS = 128
# Pagefind holds about 0.4 MB per page it indexes: shards index in parallel only while
# their Pagefind processes together stay within the memory the build can spare.
PAGEFIND_MB_PER_PAGE = 0.4
SEARCH_MEMORY_MB = 900


class SearchIndexError(Exception):
    pass


def shard_count(pages: int) -> int:
    return max(1, min(MAX_SHARDS, -(-pages // SHARD_SIZE)))


def shard_of(slug: str, count: int) -> int:
    return int.from_bytes(hashlib.blake2b(slug.encode(), digest_size=4).digest(), "big") % count


def bundle_path(shard: int) -> str:
    """Site-relative folder of one shard's bundle."""
    return f"{BUNDLE_ROOT}/{shard}/"


def _index_one(staging: Staging, shard: int, pages: list[str]) -> None:
    """Index `pages` (site-relative files of this build) into the shard's bundle."""
    source = staging.dir / f".search-source-{shard}"
    output = staging.replace_dir(bundle_path(shard))
    shutil.rmtree(source, ignore_errors=True)
    if staging.incremental:
        _reuse_immutable(staging.output / bundle_path(shard), output)
    try:
        for page in pages:
            target = source / page
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(staging.source(page), target)
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
        canonicalize_bundle(output)
        prune_bundle(output)
    finally:
        shutil.rmtree(source, ignore_errors=True)


# Files Pagefind names by content and never rewrites: safe to share with the previous bundle.
# Filter and meta files are left out, as `canonicalize_bundle` rewrites them.
_IMMUTABLE = ("fragment", "index")


def _reuse_immutable(previous: Path, output: Path) -> None:
    """Hard-link the previous bundle's content-named files into the new bundle's folder."""
    for folder in _IMMUTABLE:
        old = previous / folder
        if not old.is_dir():
            continue
        new = output / folder
        new.mkdir(parents=True, exist_ok=True)
        try:
            for entry in os.scandir(old):
                os.link(entry.path, new / entry.name)
        except OSError:  # no hard links here: Pagefind writes everything, as on a clean build
            shutil.rmtree(new, ignore_errors=True)
            return


def index_shards(
    staging: Staging,
    shards: dict[int, list[str]],
    total: int,
    workers: int | None = None,
    memory_mb: float = SEARCH_MEMORY_MB,
) -> None:
    """Re-index the given shards, several Pagefind processes at a time (as many as fit in
    `memory_mb`), and drop shards beyond `total` (the archive shrank)."""
    live = staging.output / BUNDLE_ROOT
    if staging.incremental and live.is_dir():
        for child in sorted(live.iterdir()):
            if child.is_dir() and child.name.isdigit() and int(child.name) >= total:
                staging.replace_dir(f"{BUNDLE_ROOT}/{child.name}")  # replaced by nothing
    largest = max((len(pages) for pages in shards.values()), default=0)
    affordable = int(memory_mb // max(1.0, largest * PAGEFIND_MB_PER_PAGE))
    workers = max(1, min(workers or os.cpu_count() or 1, affordable))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_index_one, staging, n, pages) for n, pages in shards.items()]
        for future in futures:
            future.result()


# -- reproducible bundles -------------------------------------------------------------------
# Pagefind's binary files are gzip("pagefind_dcd" + CBOR). Only the small filter and meta
# files are rewritten here; the codec covers what they hold (integers, text, arrays) and
# refuses anything else, so a format change of a future Pagefind fails loudly.

_SIGNATURE = b"pagefind_dcd"


def _cbor_decode(data: bytes, pos: int = 0) -> tuple[object, int]:
    head = data[pos]
    major, info = head >> 5, head & 31
    pos += 1
    if info < 24:
        argument = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument = int.from_bytes(data[pos : pos + size], "big")
        pos += size
    else:
        raise SearchIndexError(f"unexpected CBOR item {head:#x} in a Pagefind bundle")
    if major == 0:
        return argument, pos
    if major == 1:
        return -1 - argument, pos
    if major == 3:
        return data[pos : pos + argument].decode("utf-8"), pos + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, pos = _cbor_decode(data, pos)
            items.append(item)
        return items, pos
    raise SearchIndexError(f"unexpected CBOR item {head:#x} in a Pagefind bundle")


def _cbor_head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise SearchIndexError(f"integer {argument} too large for CBOR")


def _cbor_encode(value: object) -> bytes:
    """Shortest-form CBOR, as Pagefind's minicbor writes it."""
    if isinstance(value, bool):
        raise SearchIndexError("unexpected boolean in a Pagefind bundle")
    if isinstance(value, int):
        return _cbor_head(0, value) if value >= 0 else _cbor_head(1, -1 - value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _cbor_head(3, len(raw)) + raw
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    raise SearchIndexError(f"unexpected {type(value).__name__} in a Pagefind bundle")


def _read_index_file(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_SIGNATURE):
        raise SearchIndexError(f"{path.name}: not a Pagefind index file")
    payload = data[len(_SIGNATURE) :]
    value, end = _cbor_decode(payload)
    if end != len(payload) or _cbor_encode(value) != payload or not isinstance(value, list):
        raise SearchIndexError(f"{path.name}: unexpected Pagefind format (pinned: 1.5.2)")
    return value


def _write_index_file(path: Path, payload: bytes) -> None:
    # mtime=0: no timestamp in the gzip header.
    path.write_bytes(gzip.compress(_SIGNATURE + payload, compresslevel=9, mtime=0))


def _content_hash(payload: bytes) -> str:
    """Pagefind's file hash: SHA-1 of the payload, each byte in hex without zero padding."""
    return "".join(f"{b:x}" for b in hashlib.sha1(payload).digest())


def canonicalize_bundle(bundle: Path) -> None:
    """Sort the hash-map-ordered lists of a Pagefind bundle and rename what they change."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_index_file(meta_path)
        if len(meta) < 5 or not all(isinstance(f, list) and len(f) == 2 for f in meta[3]):
            raise SearchIndexError(f"{meta_path.name}: unexpected Pagefind format (pinned: 1.5.2)")
        # Read every filter file before writing any: a new name may be another's old name.
        filters = []
        for name, short in sorted(meta[3], key=lambda f: f[0]):
            path = bundle / "filter" / f"{short}.pf_filter"
            filter_name, values = _read_index_file(path)
            filters.append((name, [filter_name, sorted(values, key=lambda v: v[0])]))
            path.unlink()
        meta[3] = []
        taken: set[str] = set()
        for name, content in filters:
            payload = _cbor_encode(content)
            digest, length = _content_hash(payload), 7
            while f"{language}_{digest[:length]}" in taken and length < len(digest):
                length += 1  # a short-hash collision: lengthen it, as Pagefind does
            short = f"{language}_{digest[:length]}"
            taken.add(short)
            _write_index_file(bundle / "filter" / f"{short}.pf_filter", payload)
            meta[3].append([name, short])
        meta[4] = sorted(meta[4], key=lambda s: s[0])
        payload = _cbor_encode(meta)
        meta_path.unlink()
        info["hash"] = f"{language}_{_content_hash(payload)[:10]}"
        _write_index_file(bundle / f"pagefind.{info['hash']}.pf_meta", payload)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def prune_bundle(bundle: Path) -> None:
    """Remove fragment and word-index files that no language index of the bundle names."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    named: dict[str, set[str]] = {folder: set() for folder in _IMMUTABLE}
    for info in entry["languages"].values():
        meta = _read_index_file(bundle / f"pagefind.{info['hash']}.pf_meta")
        if not all(isinstance(p, list) and p for p in meta[1]) or not all(
            isinstance(c, list) and len(c) == 3 for c in meta[2]
        ):
            raise SearchIndexError("pf_meta: unexpected Pagefind format (pinned: 1.5.2)")
        named["fragment"].update(f"{page[0]}.pf_fragment" for page in meta[1])
        named["index"].update(f"{chunk[2]}.pf_index" for chunk in meta[2])
    for folder, keep in named.items():
        path = bundle / folder
        if path.is_dir():
            for file in os.scandir(path):
                if file.name not in keep:
                    os.unlink(file.path)
