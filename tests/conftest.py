"""Shared test fixtures: where the real documents are, and running `dictum` as a process."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_469faddfd09abc77.txt"
CORPUS = SHARED / "corpus"


def run_dictum(*args: str, cwd: Path, check: bool = False) -> subprocess.CompletedProcess:
    """`dictum ARGS` as a user runs it: a separate process, output captured."""
    completed = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if check and completed.returncode != 0:
        raise AssertionError(
            f"dictum {' '.join(args)} exited {completed.returncode}\n"
            f"stdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
        )
    return completed


@pytest.fixture
def sample_archive(tmp_path: Path) -> Path:
    """A copy of the shipped sample archive (content/ and dictum.toml), free to modify."""
    root = tmp_path / "archive"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "dictum.toml", root / "dictum.toml")
    return root


@pytest.fixture
def seed_archive(tmp_path: Path) -> Path:
    """An archive whose inbox holds only the seed document."""
    root = tmp_path / "seed-archive"
    (root / "content" / "inbox").mkdir(parents=True)
    shutil.copy(SEED, root / "content" / "inbox" / SEED.name)
    return root
