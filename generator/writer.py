"""Output: pages go into a staging folder that replaces `site/` only when the build succeeded.

A killed or failed build leaves the previous `site/` whole. The swap is two renames; if a
build dies between them, the next build puts the previous site back first.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class Staging:
    def __init__(self, output: Path) -> None:
        self.output = output
        self.dir = output.parent / f".{output.name}.building"
        self.previous = output.parent / f".{output.name}.previous"
        self._made: set[Path] = set()

    def open(self) -> Path:
        recover(self.output)
        if self.dir.exists():
            shutil.rmtree(self.dir)  # a killed build's leftovers
        self.dir.mkdir(parents=True)
        return self.dir

    def write(self, relative: str, data: str | bytes) -> None:
        path = self.dir / relative
        parent = path.parent
        if parent not in self._made:
            parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)

    def copy_tree(self, source: Path, relative: str) -> None:
        shutil.copytree(source, self.dir / relative, dirs_exist_ok=True)

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
