"""Writing files so that a reader, or a crash, never leaves half of one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, prefix: str = ".dictum-") -> None:
    """Replace `path` with `text`: readers see the old file or the new one, never a mix.

    The temporary file is unique, so two processes saving the same cache cannot clash.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def write_new(path: Path, text: str, prefix: str = ".dictum-") -> None:
    """Create `path` atomically; fails with FileExistsError rather than overwrite."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.link(temp, path)  # atomic, and refuses to replace an existing file
    finally:
        os.unlink(temp)
