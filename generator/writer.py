"""Output: pages go into a staging folder that replaces `site/` only when the build succeeded.

A killed or failed build leaves the previous `site/` whole. The swap is two renames; if a
build dies between them, the next build puts the previous site back first.

Incremental builds start the staging folder as hard links to the previous site's files
(cheap: no data is copied) and replace only what changed. A file is always unlinked before
it is written, so the live site's copy is never modified in place.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path


class Staging:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.dir = output.parent / f".{output.name}.building"
        self.previous = output.parent / f".{output.name}.previous"
        self._made: set[Path] = set()

    def open(self, *, link_previous: bool = False) -> Path:
        recover(self.output)
        if self.dir.exists():
            shutil.rmtree(self.dir)  # a killed build's leftovers
        if link_previous and self.output.is_dir():
            shutil.copytree(self.output, self.dir, copy_function=os.link, symlinks=True)
        else:
            self.dir.mkdir(parents=True)
        return self.dir

    def exists(self, relative: str) -> bool:
        return (self.dir / relative).is_file()

    def write(self, relative: str, data: str | bytes) -> None:
        path = self.dir / relative
        parent = path.parent
        if parent not in self._made:
            parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.unlink(missing_ok=True)  # break a hard link to the live site before writing
        path.write_bytes(data)

    def remove(self, relative: str) -> None:
        path = self.dir / relative
        path.unlink(missing_ok=True)
        # Drop folders left empty (a deleted statement's folder), up to the site root.
        parent = path.parent
        while parent != self.dir and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent

    def copy_tree(self, source: Path, relative: str) -> None:
        for file in sorted(source.rglob("*")):
            if file.is_file():
                self.write(f"{relative}/{file.relative_to(source).as_posix()}", file.read_bytes())

    def commit(self) -> None:
        """Swap the finished staging folder in for the live site."""
        if self.previous.exists():
            shutil.rmtree(self.previous)
        if self.output.exists():
            os.rename(self.output, self.previous)
        os.rename(self.dir, self.output)
        if self.previous.exists():
            shutil.rmtree(self.previous)

    def abort(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def recover(output: Path) -> None:
    """Undo a swap that was cut off between its two renames."""
    previous = output.parent / f".{output.name}.previous"
    if previous.exists() and not output.exists():
        os.rename(previous, output)


MANIFEST = ".dictum/manifest.json"  # inside the site, so it swaps in with the pages it describes


@dataclass
class Manifest:
    """What the live site was built from: a fingerprint per output file, per search shard."""

    version: str = ""
    files: dict[str, str] = field(default_factory=dict)
    shards: dict[str, str] = field(default_factory=dict)  # shard number -> members digest
    assets: str = ""

    @classmethod
    def load(cls, path: Path, version: str) -> Manifest:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(version=version)
        if not isinstance(data, dict) or data.get("version") != version:
            return cls(version=version)  # another generator version: build everything
        return cls(
            version=version,
            files=dict(data.get("files") or {}),
            shards=dict(data.get("shards") or {}),
            assets=str(data.get("assets") or ""),
        )

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".tmp")
        temp.write_text(
            json.dumps(
                {"version": self.version, "files": self.files, "shards": self.shards,
                 "assets": self.assets},
                sort_keys=True,
            ),
            encoding="utf-8",
        )
        os.replace(temp, path)
