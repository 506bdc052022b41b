"""Field accuracy of extraction against hand labels of real corpus documents.

The labels (tests/labels/, see its README) were made by reading each text; dates come from
the corpus index files. This test prints a table of field accuracy and checks the targets:
title 100 %, place >= 98 %, source >= 95 %, main speaker >= 95 %, speaker F1 >= 0.92, date
exactly right for >= 98 % of documents with a dateline when the batch year is given, and
with no hints at all, no wrong date unless it is marked `default` or `unknown`. The speaker
targets hold over all labels but not on the held-out labels (tests/labels/heldout/, the fourth
sample, which extraction was never tuned on); their assertions are regression floors just
under the measured level.

Dates need no hand labels: every corpus document's true date is in its folder's index.tsv
(read here, never by extraction). So the two date checks run over the whole corpus, not only
the labelled sample: 1,000 Reuters stories carry a dateline, which makes the 98 % target a
measurement rather than a coin toss over a few dozen documents. The labelled sample's date
rate is printed too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.extract import extract
from generator.importer import settle_date
from generator.models import Draft
from generator.speakers import name_key

from .conftest import CORPUS

LABELS = Path(__file__).parent / "labels"
FOLDERS = ("reuters21578", "kremlin", "president_ua")


@dataclass
class Labelled:
    folder: str
    doc: dict
    draft: Draft
    heldout: bool  # in tests/labels/heldout/: never used to tune extraction


def _load() -> list[Labelled]:
    items = []
    for folder in FOLDERS:
        for doc, heldout in _documents(folder):
            text = (CORPUS / folder / doc["file"]).read_text(encoding="utf-8")
            items.append(Labelled(folder, doc, extract(text), heldout))
    return items


def _documents(folder: str) -> list[tuple[dict, bool]]:
    """Every labelled document of a corpus folder, and whether it is held out."""
    documents = []
    for heldout, folder_path in ((False, LABELS), (True, LABELS / "heldout")):
        for path in sorted(folder_path.glob(f"{folder}*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            documents += [(doc, heldout) for doc in data["documents"]]
    return documents


@pytest.fixture(scope="module")
def labelled() -> list[Labelled]:
    return _load()


def _norm(value: str | None) -> str:
    return " ".join((value or "").lower().replace(".", "").split())


def same_speaker(a: str, b: str) -> bool:
    """One person or body under two spellings: equal name keys, or the same surname with
    compatible first names ("Lavrov" / "Sergei Lavrov"), or one body's name inside the other's
    ("Foreign Ministry" / "Soviet Foreign Ministry")."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    pa, pb = ka.split(), kb.split()
    if pa and pb and pa[-1] == pb[-1]:
        if len(pa) == 1 or len(pb) == 1 or pa[0][0] == pb[0][0]:
            return True
    return len(pa) > 1 and len(pb) > 1 and (f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} ")


def _match_count(expected: list[str], found: list[str]) -> int:
    remaining = list(found)
    hits = 0
    for name in expected:
        for index, other in enumerate(remaining):
            if same_speaker(name, other):
                hits += 1
                del remaining[index]
                break
    return hits


def _scores(items: list[Labelled]) -> dict[str, float]:
    n = len(items)
    title = sum(i.draft.title == i.doc["title"] for i in items) / n
    place = sum(_norm(i.draft.place) == _norm(i.doc["place"]) for i in items) / n
    source = sum(_norm(i.draft.source) == _norm(i.doc["source"]) for i in items) / n
    main = 0
    tp = fp = fn = 0
    for i in items:
        expected = [s["name"] for s in i.doc["speakers"]]
        found = [s.name for s in i.draft.speakers]
        if not expected:
            main += not found
        else:
            main += bool(found) and same_speaker(expected[0], found[0])
        hits = _match_count(expected, found)
        tp, fp, fn = tp + hits, fp + len(found) - hits, fn + len(expected) - hits
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    dated = [i for i in items if i.doc["has_dateline"]]
    with_year = sum(
        settle_date(i.draft, None, i.doc["date"].year)[0] == i.doc["date"] for i in dated
    )
    return {
        "documents": n,
        "title": title,
        "place": place,
        "source": source,
        "main speaker": main / n,
        "speaker precision": precision,
        "speaker recall": recall,
        "speaker F1": f1,
        "date, --year (dateline docs)": with_year / len(dated) if dated else float("nan"),
    }


def _wrong_unmarked_dates(items: list[Labelled]) -> list[str]:
    """With no hints at all, every date marked text/inferred must be right."""
    wrong = []
    for i in items:
        date, date_from = settle_date(i.draft, None, None)
        if date is not None and date_from not in ("default", "unknown") and date != i.doc["date"]:
            wrong.append(f"{i.folder}/{i.doc['file']}: {date} ({date_from}) != {i.doc['date']}")
    return wrong


def test_field_accuracy(labelled, capsys):
    rows = {"all": _scores(labelled)}
    for folder in FOLDERS:
        rows[folder] = _scores([i for i in labelled if i.folder == folder])
    rows["tuned on"] = _scores([i for i in labelled if not i.heldout])
    rows["held out"] = _scores([i for i in labelled if i.heldout])
    fields = list(rows["all"])
    with capsys.disabled():
        print("\n\nExtraction accuracy against hand labels (tests/labels/; targets: title 1.0, "
              "place .98, source .95, main speaker .95, speaker F1 .92)")
        print(f"{'field':32}" + "".join(f"{name:>14}" for name in rows))
        for name in fields:
            cells = "".join(
                f"{rows[r][name]:>14}" if name == "documents" else f"{rows[r][name]:>14.3f}"
                for r in rows
            )
            print(f"{name:32}{cells}")
        wrong = _wrong_unmarked_dates(labelled)
        print(f"wrong dates marked text/inferred with no hints: {len(wrong)}")
    overall, heldout = rows["all"], rows["held out"]
    # The targets hold over all labels. On the held-out sample the speaker scores are lower
    # (see the table: documents nobody tuned on score lowest), so those floors only stop
    # regressions; raise them as extraction improves.
    assert overall["title"] == 1.0
    assert overall["place"] >= 0.98
    assert overall["source"] >= 0.95
    assert overall["main speaker"] >= 0.95
    assert overall["speaker F1"] >= 0.92
    # measured 0.917 in the fifth to ninth rounds, 0.933 in the tenth
    assert heldout["main speaker"] >= 0.93
    # measured 0.892 in the fifth round, 0.905 in the sixth to ninth, 0.913 in the tenth
    assert heldout["speaker F1"] >= 0.91


def _corpus_truth() -> list[tuple[str, str, dt.date]]:
    """(folder, file, true date) for every corpus document, from the index files."""
    rows = []
    for folder in FOLDERS:
        lines = (CORPUS / folder / "index.tsv").read_text(encoding="utf-8").splitlines()
        header = lines[0].lower().split("\t")
        column = header.index("date")
        for line in lines[1:]:
            cells = line.split("\t")
            value = cells[column]
            if value[4:5] == "-":  # 2021-10-24T11:00:00Z; Reuters: 26-FEB-1987 15:38:26.23
                date = dt.date.fromisoformat(value[:10])
            else:
                date = dt.datetime.strptime(value.split()[0], "%d-%b-%Y").date()
            rows.append((folder, cells[0], date))
    return rows


@pytest.fixture(scope="module")
def corpus_dates() -> list[tuple[str, str, Draft, dt.date]]:
    return [
        (folder, name, extract((CORPUS / folder / name).read_text(encoding="utf-8")), date)
        for folder, name, date in _corpus_truth()
    ]


def test_dates_over_the_whole_corpus(corpus_dates, capsys):
    wire = [(f, n, d, t) for f, n, d, t in corpus_dates if f == "reuters21578"]
    right = sum(settle_date(d, None, t.year)[0] == t for _, _, d, t in wire)
    unhinted_wrong = [
        f"{f}/{n}: {date} ({how}) != {t}"
        for f, n, d, t in corpus_dates
        for date, how in [settle_date(d, None, None)]
        if date is not None and how not in ("default", "unknown") and date != t
    ]
    stated = sum(
        settle_date(d, None, None)[1] in ("text", "inferred") for _, _, d, _ in corpus_dates
    )
    with capsys.disabled():
        print(
            f"\ndates, whole corpus: {right}/{len(wire)} wire documents with a dateline exactly "
            f"right with --year ({right / len(wire):.1%}); {stated} of {len(corpus_dates)} "
            f"documents dated from the text alone, {len(unhinted_wrong)} of them wrong"
        )
    assert right / len(wire) >= 0.98
    assert unhinted_wrong == []


def test_no_wrong_date_without_a_hint(labelled):
    assert _wrong_unmarked_dates(labelled) == []


def test_labels_cover_every_folder():
    for folder in FOLDERS:
        documents = [doc for doc, _ in _documents(folder)]
        assert len(documents) >= 40
        assert len({d["file"] for d in documents}) == len(documents)
        assert all(isinstance(d["date"], dt.date) for d in documents)
