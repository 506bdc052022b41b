"""Output: the live `site/` changes only when a build has succeeded, and never half-way.

A full build writes the whole site into a staging folder and swaps it in with two renames.
An incremental build writes only what changed into the staging folder, then applies it:
a marker file is written first, then files are moved into place (one atomic rename each)
and stale files removed. A build that fails or is killed before the marker leaves `site/`
exactly as it was; one killed while applying is completed by the next build (`recover`),
so the site is never left as a mix of two builds.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".dictum/manifest.json"  # inside the site, so it travels with the pages it describes
_APPLY = ".dictum-apply.json"  # in the staging folder: "this build is complete, apply it"


class Staging:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.dir = output.parent / f".{output.name}.building"
        self.previous = output.parent / f".{output.name}.previous"
        self.incremental = False
        self.removed: list[str] = []
        self.replaced_dirs: list[str] = []  # folders swapped whole (search shards)
        self._made: set[Path] = set()

    def open(self, *, incremental: bool = False) -> Path:
        recover(self.output)
        if self.dir.exists():
            shutil.rmtree(self.dir)  # a killed build's leftovers
        self.dir.mkdir(parents=True)
        self.incremental = incremental and self.output.is_dir()
        return self.dir

    def source(self, relative: str) -> Path:
        """Where a page of this build is now: staged if rewritten, else in the live site."""
        staged = self.dir / relative
        if not self.incremental or staged.exists():
            return staged
        return self.output / relative

    def write(self, relative: str, data: str | bytes) -> None:
        path = self.dir / relative
        parent = path.parent
        if parent not in self._made:
            parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)

    def remove(self, relative: str) -> None:
        """A file of the previous build that this build no longer has."""
        self.removed.append(relative)

    def replace_dir(self, relative: str) -> Path:
        """A folder this build writes whole (a search shard): its old copy goes entirely."""
        self.replaced_dirs.append(relative.rstrip("/"))
        path = self.dir / relative
        shutil.rmtree(path, ignore_errors=True)
        return path

    def copy_tree(self, source: Path, relative: str) -> None:
        for file in sorted(source.rglob("*")):
            if file.is_file():
                self.write(f"{relative}/{file.relative_to(source).as_posix()}", file.read_bytes())

    def commit(self) -> None:
        if not self.incremental:
            self._swap()
            return
        marker = {"remove": self.removed, "dirs": self.replaced_dirs}
        temp = self.dir / (_APPLY + ".tmp")
        temp.write_text(json.dumps(marker), encoding="utf-8")
        os.replace(temp, self.dir / _APPLY)  # from here on, the build is applied, come what may
        _apply(self.dir, self.output)

    def _swap(self) -> None:
        """Put the finished staging folder in place of the live site."""
        if self.previous.exists():
            shutil.rmtree(self.previous)
        if self.output.exists():
            os.rename(self.output, self.previous)
        os.rename(self.dir, self.output)
        if self.previous.exists():
            shutil.rmtree(self.previous)

    def abort(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _apply(staging: Path, output: Path) -> None:
    """Move a completed incremental build into the live site. Safe to run again after a
    crash: everything already moved is simply no longer in the staging folder."""
    marker = json.loads((staging / _APPLY).read_text(encoding="utf-8"))
    trash = staging / ".trash"
    for number, folder in enumerate(marker["dirs"]):
        new = staging / folder
        if not new.exists():
            continue  # moved before a crash
        old = output / folder
        if old.exists():
            trash.mkdir(exist_ok=True)
            shutil.rmtree(trash / str(number), ignore_errors=True)
            os.rename(old, trash / str(number))
        old.parent.mkdir(parents=True, exist_ok=True)
        os.rename(new, old)
    manifest = staging / MANIFEST
    for root, _dirs, files in os.walk(staging):
        base = Path(root)
        if base == trash or trash in base.parents:
            continue
        for name in files:
            path = base / name
            if path == manifest or (base == staging and name.startswith(_APPLY)):
                continue
            target = output / path.relative_to(staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)
    for relative in marker["remove"]:
        path = output / relative
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != output and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()  # a deleted statement's folder
            parent = parent.parent
    if manifest.exists():  # last: the manifest describes the site only once it is whole
        (output / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
        os.replace(manifest, output / MANIFEST)
    shutil.rmtree(staging)


def recover(output: Path) -> None:
    """Finish what a killed build left: complete an apply, or undo a half swap."""
    staging = output.parent / f".{output.name}.building"
    if (staging / _APPLY).exists() and output.is_dir():
        _apply(staging, output)
    previous = output.parent / f".{output.name}.previous"
    if previous.exists() and not output.exists():
        os.rename(previous, output)


@dataclass
class Manifest:
    """What the live site was built from: a fingerprint per output file, per search shard."""

    version: str = ""
    files: dict[str, str] = field(default_factory=dict)
    shards: dict[str, str] = field(default_factory=dict)  # shard number -> members digest
    assets: str = ""
    registry: str = ""  # digest of the speaker registry, when it was read without problems

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
            registry=str(data.get("registry") or ""),
        )

    def dumps(self) -> str:
        return json.dumps(
            {"version": self.version, "files": self.files, "shards": self.shards,
             "assets": self.assets, "registry": self.registry},
            sort_keys=True,
        )
