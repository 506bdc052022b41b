"""Extraction speed over the development corpus: documents per second on one core.

Reads every corpus file first, then times only `extract` (best of three runs).
Run from the repository root: `python benchmarks/extract_speed.py [corpus_dir]`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.extract import extract  # noqa: E402


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*/*.txt"))]
    size = sum(len(t) for t in texts)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            extract(text)
        best = min(best, time.perf_counter() - start)
    print(
        f"{len(texts)} documents, {size / 1e6:.1f} M characters: {best:.2f} s, "
        f"{len(texts) / best:.0f} documents/s"
    )


if __name__ == "__main__":
    main()
