"""`dictum import` as a user runs it: idempotent, never clobbers edits, clear about bad input."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from generator import frontmatter
from generator.importer import decode, settle_date
from generator.models import Draft

from .conftest import CORPUS, SEED, run_dictum
from .test_build import tree_hashes

KREMLIN = sorted((CORPUS / "kremlin").glob("*.txt"))
REUTERS = sorted((CORPUS / "reuters21578").glob("*.txt"))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    inbox = root / "content" / "inbox"
    inbox.mkdir(parents=True)
    shutil.copy(SEED, inbox / SEED.name)
    for path in KREMLIN[:3] + REUTERS[:3]:
        shutil.copy(path, inbox / path.name)
    return root


def pages(root: Path) -> list[Path]:
    return sorted((root / "content" / "statements").glob("*.md"))


def test_reimport_of_unchanged_inbox_changes_no_byte(archive):
    first = run_dictum("import", cwd=archive, check=True)
    assert "7 created" in first.stdout
    before = tree_hashes(archive / "content")
    second = run_dictum("import", cwd=archive, check=True)
    assert "7 unchanged" in second.stdout
    assert tree_hashes(archive / "content") == before


def test_changed_raw_document_updates_an_unedited_page(archive):
    run_dictum("import", cwd=archive, check=True)
    raw = archive / "content" / "inbox" / SEED.name
    raw.write_text(raw.read_text(encoding="utf-8") + "\n\nA new closing paragraph.\n")
    completed = run_dictum("import", cwd=archive, check=True)
    assert "1 updated" in completed.stdout
    page = next(p for p in pages(archive) if p.name.startswith("russia-calls"))
    assert "A new closing paragraph." in page.read_text(encoding="utf-8")


def test_hand_edit_survives_reimport_of_changed_raw_document_with_conflict_line(archive):
    run_dictum("import", cwd=archive, check=True)
    page = next(p for p in pages(archive) if p.name.startswith("russia-calls"))
    edited = page.read_text(encoding="utf-8").replace(
        "role: Russian Deputy Foreign Minister", "role: Deputy Foreign Minister of Russia"
    )
    assert "Deputy Foreign Minister of Russia" in edited
    page.write_text(edited, encoding="utf-8")
    raw = archive / "content" / "inbox" / SEED.name
    raw.write_text(raw.read_text(encoding="utf-8") + "\n\nA correction from the agency.\n")
    completed = run_dictum("import", cwd=archive)
    assert page.read_text(encoding="utf-8") == edited
    conflict = [line for line in completed.stderr.splitlines() if "conflict" in line]
    assert len(conflict) == 1 and SEED.name in conflict[0] and page.name in conflict[0]


def test_dry_run_shows_what_would_change_and_writes_nothing(archive):
    completed = run_dictum("import", "--dry-run", cwd=archive, check=True)
    assert completed.stdout.count("would create") == 7
    assert not (archive / "content" / "statements").exists()
    assert not (archive / "content" / "speakers.yaml").exists()


def test_year_option_dates_a_batch_and_is_recorded_as_default(archive):
    run_dictum("import", "--year", "1987", cwd=archive, check=True)
    for page in pages(archive):
        meta = frontmatter.parse(page.read_text(encoding="utf-8")).meta
        if meta["origin"]["file"] in {p.name for p in REUTERS[:3]}:
            assert meta["date_from"] == "default"
            assert meta["date"].year == 1987
        if meta["origin"]["file"] == SEED.name:
            # The seed states its full date: text beats the archivist's default.
            assert meta["date"] == dt.date(2016, 5, 31) and meta["date_from"] == "text"


def test_index_file_beside_documents_gives_metadata_dates(tmp_path):
    root = tmp_path / "archive"
    inbox = root / "content" / "inbox" / "reuters"
    inbox.mkdir(parents=True)
    index = (CORPUS / "reuters21578" / "index.tsv").read_text().splitlines()
    keep = [index[0]] + [line for line in index[1:] if line.split("\t")[0] in
                         {p.name for p in REUTERS[:3]}]
    (inbox / "index.tsv").write_text("\n".join(keep) + "\n")
    for path in REUTERS[:3]:
        shutil.copy(path, inbox / path.name)
    run_dictum("import", cwd=root, check=True)
    truth = {line.split("\t")[0]: line.split("\t")[2] for line in keep[1:]}
    for page in pages(root):
        meta = frontmatter.parse(page.read_text(encoding="utf-8")).meta
        expected = dt.datetime.strptime(truth[Path(meta["origin"]["file"]).name].split()[0],
                                        "%d-%b-%Y").date()
        assert meta["date_from"] in ("metadata", "text", "inferred")
        assert meta["date"] == expected


def test_bad_inputs_each_get_one_line_and_the_rest_is_imported(archive):
    inbox = archive / "content" / "inbox"
    bad = {
        "empty.txt": b"",
        "blank.txt": b"\n  \n\t\n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "huge.txt": b"Title\n\n" + b"word " * 1_200_000,
        "no-title.txt": b"...\n\n---\n",
    }
    for name, data in bad.items():
        (inbox / name).write_bytes(data)
    completed = run_dictum("import", "--report", str(archive / "report.json"), cwd=archive)
    assert completed.returncode == 1
    lines = completed.stderr.splitlines()
    for name, expected in [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("binary.txt", "binary file"),
        ("huge.txt", "too large"),
        ("no-title.txt", "title"),
    ]:
        matching = [line for line in lines if f"content/inbox/{name}:" in line]
        assert len(matching) == 1 and expected in matching[0], (name, lines)
        assert (inbox / name).read_bytes() == bad[name]  # the raw file stays where it was
    assert len(pages(archive)) == 7
    report = json.loads((archive / "report.json").read_text())
    statuses = {d["file"]: d["status"] for d in report["documents"]}
    assert statuses["empty.txt"] == "failed" and statuses[SEED.name] == "created"


def test_legacy_encodings_are_detected(archive):
    inbox = archive / "content" / "inbox"
    cyrillic = "Заявление МИД России\n\nМОСКВА, 31 мая. Министр сказал, что «всё хорошо».\n"
    (inbox / "cp1251.txt").write_bytes(cyrillic.encode("cp1251"))
    latin = "Déclaration du ministère\n\nPARIS, 3 mars - Le ministre a déclaré à la presse.\n"
    (inbox / "latin1.txt").write_bytes(latin.encode("latin-1"))
    run_dictum("import", "--report", str(archive / "report.csv"), cwd=archive, check=True)
    titles = {
        frontmatter.parse(p.read_text(encoding="utf-8")).meta["title"] for p in pages(archive)
    }
    assert "Заявление МИД России" in titles
    assert "Déclaration du ministère" in titles
    rows = list(csv.DictReader((archive / "report.csv").open(encoding="utf-8")))
    assert any("cp1251" in row["warnings"] for row in rows if row["file"] == "cp1251.txt")


def test_decode_refuses_what_is_not_text():
    with pytest.raises(ValueError, match="empty"):
        decode(b"   ")
    with pytest.raises(ValueError, match="binary"):
        decode(b"abc\x00def")
    assert decode("naïve".encode())[0] == "naïve"


def test_slugs_are_ascii_unique_and_stable(archive):
    inbox = archive / "content" / "inbox"
    # Two documents with the same title must not overwrite each other.
    twin = inbox / "twin.txt"
    twin.write_text(SEED.read_text(encoding="utf-8").replace("31, 2016", "31, 2016."))
    (inbox / "cyrillic.txt").write_text("Заявление МИД России\n\nТекст.\n", encoding="utf-8")
    run_dictum("import", cwd=archive, check=True)
    first = [p.name for p in pages(archive)]
    assert len(first) == 9 and all(name.isascii() for name in first)
    assert any(name.startswith("zaiavlenie-mid-rossii") for name in first)
    assert sum(name.startswith("russia-calls") for name in first) == 2
    shutil.rmtree(archive / "content" / "statements")
    run_dictum("import", cwd=archive, check=True)
    assert [p.name for p in pages(archive)] == first


def test_registry_gets_new_people_and_keeps_hand_edits(archive):
    registry = archive / "content" / "speakers.yaml"
    registry.write_text(
        "# curated by hand\nspeakers:\n- name: Oleg V. Syromolotov\n  slug: syromolotov\n"
        "  aliases: [Oleg Syromolotov]\n  note: checked 2024\n",
        encoding="utf-8",
    )
    before = registry.read_text(encoding="utf-8")
    run_dictum("import", cwd=archive, check=True)
    after = registry.read_text(encoding="utf-8")
    assert after.startswith(before)  # the curated entry and comment are untouched
    entries = yaml.safe_load(after)["speakers"]
    assert sum(e["name"] == "Oleg Syromolotov" for e in entries) == 0
    assert entries[0]["note"] == "checked 2024"
    run_dictum("build", cwd=archive, check=True)
    assert (archive / "site" / "speakers" / "syromolotov" / "index.html").is_file()


def test_settle_date_order():
    draft = Draft(title="t", body="b", month_day=(2, 26))
    assert settle_date(draft, dt.date(1987, 2, 27), 1990) == (dt.date(1987, 2, 26), "metadata")
    assert settle_date(draft, None, 1990) == (dt.date(1990, 2, 26), "default")
    assert settle_date(draft, None, None) == (None, "unknown")
    stated = Draft(title="t", body="b", month_day=(5, 31), date=dt.date(2016, 5, 31),
                   date_from="text")
    assert settle_date(stated, dt.date(2017, 1, 1), 1990) == (dt.date(2016, 5, 31), "text")
