"""Golden test: the seed's rendered statement page must stay byte-stable.

After an intended change, regenerate with `DICTUM_UPDATE_GOLDEN=1 python -m pytest
tests/test_golden.py` and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.build import build
from generator.config import load_config

GOLDEN = Path(__file__).parent / "golden"


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DICTUM_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from the golden copy; see the module docstring"


def test_seed_statement_page(seed_archive):
    report = build(load_config(seed_archive))
    assert report.published and not report.errors
    pages = list((seed_archive / "site" / "statements").glob("*/index.html"))
    assert len(pages) == 1
    _check("seed_statement.html", pages[0].read_text(encoding="utf-8"))


def test_seed_statement_markdown(seed_archive):
    build(load_config(seed_archive))
    (page,) = (seed_archive / "content" / "statements").glob("*.md")
    _check("seed_statement.md", page.read_text(encoding="utf-8"))
