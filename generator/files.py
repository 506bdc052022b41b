"""Writing files so that a reader, or a crash, never leaves half of one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, prefix: str = ".dictum-") -> None:
    """Replace `path` with `text`: readers see the old file or the new one, never a mix.

    The temporary file is unique, so two processes saving the same cache cannot clash.
    """
    temp = _written(path, text, prefix)
    try:
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def write_new(path: Path, text: str, prefix: str = ".dictum-") -> None:
    """Create `path` atomically; fails with FileExistsError rather than overwrite."""
    temp = _written(path, text, prefix)
    try:
        os.link(temp, path)  # atomic, and refuses to replace an existing file
    finally:
        os.unlink(temp)


def _written(path: Path, text: str, prefix: str) -> str:
    """A complete temporary file beside `path` holding `text`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except BaseException:
        os.unlink(temp)
        raise
    return temp
