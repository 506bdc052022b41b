"""Generate a synthetic archive of N statement pages for benchmarks.

Pages follow the front matter contract (README.md) and read like the real thing: titles,
ledes and body paragraphs are recombined from the development corpus (`../shared/corpus`),
about 500 speakers share the statements with a long tail (a few speak often, most rarely),
dates spread over decades, quotes are quoted sentences of the body. Deterministic for a
given seed and corpus.

    python benchmarks/make_archive.py ARCHIVE_DIR 10000 [--seed 0]

or from Python: `make_archive(root, n, seed=0)`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from slugify import slugify

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"

FIRST_NAMES = (
    "Anna", "Boris", "Carlos", "Dmitry", "Elena", "Fatima", "George", "Hannah", "Igor",
    "Julia", "Karim", "Lena", "Maria", "Nikolai", "Olena", "Pavel", "Qiang", "Rosa",
    "Sergei", "Tamara", "Umar", "Viktor", "Wei", "Xenia", "Yuri", "Zofia", "Ahmed",
    "Brigitte", "Chen", "Daniel", "Emma", "Farid", "Giulia", "Hugo", "Ines", "James",
)  # fmt: skip
SURNAMES = (
    "Abramov", "Becker", "Costa", "Dubois", "Esposito", "Fischer", "Garcia", "Horvat",
    "Ivanenko", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov",
    "Quintero", "Rossi", "Schmidt", "Tanaka", "Usmanov", "Volkov", "Weber", "Xu", "Yilmaz",
    "Zhukov", "Almeida", "Bondarenko", "Castillo", "Dimitrov", "Eriksen", "Ferrari",
)  # fmt: skip
ORGANIZATIONS = (
    "Foreign Ministry", "Defence Ministry", "Finance Ministry", "Central Bank",
    "Ministry of Health", "Ministry of Energy", "Federal Customs Service", "Security Council",
    "Office of the Prosecutor General", "Ministry of Agriculture", "Transport Ministry",
    "Emergencies Ministry", "State Statistics Service", "Ministry of Education",
    "Competition Authority", "Treasury", "Trade Ministry", "Interior Ministry",
    "Ministry of Justice", "Environment Agency",
)  # fmt: skip
ROLES = (
    "Foreign Minister", "Deputy Foreign Minister", "Prime Minister", "President",
    "Finance Minister", "Defence Minister", "Central Bank Governor", "Presidential Spokesman",
    "Ambassador to the United Nations", "Energy Minister", "Trade Representative",
    "Health Minister", "Governor", "Mayor", "Senator", "Deputy Prime Minister",
    "Agriculture Secretary", "Chairman of the State Duma", "Head of the Presidential Office",
    "Minister of Economic Development", "Secretary of the Security Council", "Prosecutor General",
)  # fmt: skip
PLACES = (
    "Moscow", "Kyiv", "Washington", "London", "Brussels", "Geneva", "Paris", "Berlin",
    "Beijing", "Tokyo", "New York", "Vienna", "Minsk", "Ankara", "Warsaw", "Rome",
)  # fmt: skip
SOURCES = ("TASS", "Kremlin", "Reuters", "Office of the President of Ukraine", "Interfax")
TAGS = ("economy", "security", "diplomacy", "energy", "health", "trade", "terrorism", "budget")

FIRST_DATE = dt.date(1987, 1, 1)
LAST_DATE = dt.date(2024, 12, 31)
BODY_CHARS = 3000  # about the size of a wire statement
# A quotation opens after a space (or a line start) and closes before a space or punctuation,
# so the text between two quotations of one paragraph is never taken for one.
QUOTED = re.compile(r"(?:(?<=[\s:])|^)\"(\S[^\"]{28,298}\S)\"(?=[\s.,;:]|$)", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    lede: str | None
    paragraphs: tuple[str, ...]
    sha256: str


def read_corpus(corpus: Path = CORPUS) -> list[Source]:
    """Every corpus document as title, lede and body paragraphs (the corpus layout)."""
    sources = []
    for path in sorted(corpus.glob("*/*.txt")):
        raw = path.read_bytes()
        blocks = [b.strip() for b in raw.decode("utf-8").split("\n\n") if b.strip()]
        if len(blocks) < 2:
            continue
        title, rest = blocks[0].replace("\n", " "), blocks[1:]
        lede = rest[0] if len(rest) > 1 and len(rest[0]) < 400 else None
        paragraphs = tuple(rest[1:] if lede else rest)
        sources.append(
            Source(path.relative_to(corpus).as_posix(), title, lede, paragraphs,
                   hashlib.sha256(raw).hexdigest())
        )
    if not sources:
        raise SystemExit(f"no corpus documents under {corpus}")
    return sources


def make_speakers(rng: random.Random, count: int = 500) -> list[dict]:
    """`count` distinct speakers, about one in twenty an organization, each with a role."""
    people = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
    rng.shuffle(people)
    organizations = [f"{place} {org}" for org in ORGANIZATIONS for place in PLACES]
    rng.shuffle(organizations)
    n_orgs = count // 20
    speakers = [
        {"name": name, "slug": slugify(name), "kind": "organization"}
        for name in organizations[:n_orgs]
    ]
    speakers += [
        {"name": name, "slug": slugify(name), "kind": "person", "role": rng.choice(ROLES)}
        for name in people[: count - n_orgs]
    ]
    rng.shuffle(speakers)
    return speakers


def _body(rng: random.Random, primary: Source, sources: list[Source]) -> str:
    """The primary document's paragraphs, topped up from others to about BODY_CHARS."""
    paragraphs = list(primary.paragraphs)
    while sum(len(p) for p in paragraphs) < BODY_CHARS:
        paragraphs.extend(rng.choice(sources).paragraphs[:3])
    body, size = [], 0
    for paragraph in paragraphs:
        body.append(paragraph)
        size += len(paragraph)
        if size >= BODY_CHARS:
            break
    return "\n\n".join(body)


def statement_page(rng: random.Random, number: int, sources: list[Source],
                   speakers: list[dict], weights: list[float], *,
                   first_date: dt.date = FIRST_DATE,
                   last_date: dt.date = LAST_DATE) -> tuple[str, str]:
    """One page: (file slug, text), dated between `first_date` and `last_date`."""
    primary = rng.choice(sources)
    body = _body(rng, primary, sources)
    chosen: list[dict] = []
    for speaker in rng.choices(speakers, weights=weights, k=rng.choice((1, 1, 1, 2, 2, 3))):
        if speaker not in chosen:
            chosen.append(speaker)
    meta: dict = {"title": primary.title}
    if rng.random() < 0.98:
        day = first_date + dt.timedelta(days=rng.randrange((last_date - first_date).days))
        meta["date"] = day
        meta["date_from"] = rng.choice(("text", "text", "metadata", "inferred"))
    else:
        meta["date_from"] = "unknown"
    meta["place"] = rng.choice(PLACES)
    meta["source"] = rng.choice(SOURCES)
    if primary.lede:
        meta["summary"] = primary.lede
    meta["speakers"] = [
        {"name": s["name"], "kind": "organization"}
        if s["kind"] == "organization"
        else {"name": s["name"], "role": s["role"]}
        for s in chosen
    ]
    tags = sorted(set(rng.sample(TAGS, rng.choice((0, 0, 1, 2)))))
    if tags:
        meta["tags"] = tags
    quotes = QUOTED.findall(body)[:2]
    if quotes and chosen:
        meta["quotes"] = [{"text": q, "speaker": chosen[0]["name"]} for q in quotes]
    meta["origin"] = {"file": primary.name, "sha256": primary.sha256, "converter": "1"}
    stem = slugify(primary.title, max_length=60, word_boundary=True) or "statement"
    slug = f"{stem}-{number:06d}"
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return slug, f"---\n{front}---\n\n{body}\n"


def make_archive(root: Path, n: int, seed: int = 0, *, speakers: int = 500,
                 corpus: Path = CORPUS, first_date: dt.date = FIRST_DATE,
                 last_date: dt.date = LAST_DATE) -> list[Path]:
    """Write an archive of `n` statements into `root`: content/statements/*.md,
    content/speakers.yaml and dictum.toml. Returns the page files, in creation order.
    Dates fall between `first_date` and `last_date`."""
    rng = random.Random(seed)
    sources = read_corpus(corpus)
    registry = make_speakers(rng, speakers)
    # A long tail: the k-th speaker is quoted about 1/k^0.8 as often as the first.
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(registry))]
    statements = root / "content" / "statements"
    statements.mkdir(parents=True, exist_ok=True)
    pages = []
    for number in range(1, n + 1):
        slug, text = statement_page(rng, number, sources, registry, weights,
                                    first_date=first_date, last_date=last_date)
        path = statements / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        pages.append(path)
    entries = [
        {k: v for k, v in s.items() if k in ("name", "slug")}
        | ({"kind": s["kind"]} if s["kind"] != "person" else {})
        for s in registry
    ]
    (root / "content" / "speakers.yaml").write_text(
        "# Speakers of this archive (generated by benchmarks/make_archive.py).\n"
        + yaml.safe_dump({"speakers": entries}, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    (root / "dictum.toml").write_text(
        f'title = "Benchmark archive of {n} statements"\n'
        f'description = "Synthetic statements recombined from the development corpus '
        f'(seed {seed})."\n',
        encoding="utf-8",
    )
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="archive folder to write (created if needed)")
    parser.add_argument("n", type=int, help="number of statements")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--speakers", type=int, default=500)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    pages = make_archive(args.root, args.n, args.seed, speakers=args.speakers, corpus=args.corpus)
    print(f"wrote {len(pages)} statements to {args.root / 'content' / 'statements'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
