"""Import: raw documents in the inbox become statement pages, without ever clobbering edits.

For each raw document: decode it, extract a draft (pure), settle the year (text, then
metadata next to the document, then a default), pick a slug, and write the page atomically.
A page whose raw document is unchanged is left alone; a page a person edited is never
rewritten (its front matter records a hash of what the importer wrote, so edits show).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from slugify import slugify

from . import files, frontmatter
from .content import PageError, page_files, parse_registry
from .extract import CONVERTER_VERSION, ExtractError, extract
from .frontmatter import FrontMatterError
from .models import Draft, Problem, Speaker
from .speakers import Registry, speaker_slug

RAW_SUFFIXES = {".txt", ".text"}
MAX_BYTES = 5 * 1024 * 1024
INDEX_NAMES = ("index.tsv", "index.csv", "metadata.tsv", "metadata.csv")


@dataclass
class DocumentResult:
    """One raw document's outcome, as the report lists it."""

    file: str
    status: str  # created | updated | unchanged | conflict | failed | skipped
    page: str | None = None
    title: str | None = None
    date: str | None = None
    date_from: str | None = None
    speakers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class ImportReport:
    results: list[DocumentResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_speakers: list[Speaker] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> bool:
        return any(r.status == "failed" for r in self.results)

    def summary(self) -> str:
        order = ("created", "updated", "unchanged", "conflict", "failed")
        parts = [f"{self.count(s)} {s}" for s in order if self.count(s)]
        undated = sum(1 for r in self.results if r.date_from == "unknown" and r.page)
        if undated:
            parts.append(f"{undated} undated")
        return f"import: {len(self.results)} documents: " + (", ".join(parts) or "nothing to do")


# -- decoding ---------------------------------------------------------------------------


class DecodeError(ValueError):
    pass


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes to text and the encoding used; refuses empty, binary and oversized files."""
    if not raw.strip():
        raise DecodeError("empty file")
    if len(raw) > MAX_BYTES:
        raise DecodeError(
            f"file is too large ({len(raw) / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)"
        )
    if b"\x00" in raw[:8192]:
        raise DecodeError("binary file (contains NUL bytes), not a text document")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only legacy files pay for the import

    best = from_bytes(raw, cp_isolation=["cp1251", "cp1252", "latin_1", "koi8_r", "utf_16"]).best()
    if best is None:
        raise DecodeError("not text in a known encoding (tried UTF-8, cp1251, cp1252, latin-1)")
    return str(best), best.encoding


# -- metadata next to a document ----------------------------------------------------------


def _parse_meta_date(value: str) -> dt.date | None:
    """ISO dates and timestamps, and the `26-FEB-1987 15:38:26.23` form of old wire records."""
    value = value.strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.strptime(value.split()[0], "%d-%b-%Y").date()
    except ValueError:
        pass
    for fmt in ("%d %B %Y", "%B %d, %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


@dataclass
class Metadata:
    """Facts about documents given by files beside them, keyed by document path."""

    dates: dict[Path, dt.date] = field(default_factory=dict)

    def date_for(self, doc: Path) -> dt.date | None:
        return self.dates.get(doc)


def read_metadata(docs: Iterable[Path]) -> Metadata:
    """Sidecar `<doc>.yaml` files and `index.tsv`/`index.csv` files in the documents' folders."""
    meta = Metadata()
    folders = {doc.parent for doc in docs}
    for folder in sorted(folders):
        for name in INDEX_NAMES:
            index = folder / name
            if index.is_file():
                _read_index(index, meta)
    for doc in docs:
        sidecar = doc.with_suffix(".yaml")
        if sidecar.is_file():
            try:
                data = yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {}
            except (yaml.YAMLError, UnicodeDecodeError):
                continue
            value = data.get("date") if isinstance(data, dict) else None
            date = value if isinstance(value, dt.date) else _parse_meta_date(str(value or ""))
            if date:
                meta.dates[doc] = date
    return meta


def _read_index(index: Path, meta: Metadata) -> None:
    delimiter = "\t" if index.suffix == ".tsv" else ","
    try:
        with index.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter=delimiter))
    except (OSError, UnicodeDecodeError, csv.Error):
        return
    for row in rows:
        lowered = {(k or "").strip().lower(): (v or "") for k, v in row.items()}
        name = lowered.get("file") or lowered.get("filename") or lowered.get("name")
        value = lowered.get("date") or lowered.get("published")
        if name and value and (date := _parse_meta_date(value)):
            meta.dates[index.parent / name] = date


# -- settling the date ------------------------------------------------------------------


def settle_date(
    draft: Draft, meta_date: dt.date | None, default_year: int | None
) -> tuple[dt.date | None, str]:
    """Text first, then metadata, then the archivist's default year; else unknown."""
    if draft.date is not None and draft.date_from in ("text", "inferred"):
        return draft.date, draft.date_from
    md = draft.month_day
    if meta_date is not None:
        if md is not None:
            # Trust the document's month and day; the metadata's clock may sit in another
            # time zone and show the next day.
            try:
                candidate = dt.date(meta_date.year, *md)
            except ValueError:
                candidate = None
            if candidate and abs((candidate - meta_date).days) <= 2:
                return candidate, "metadata"
        return meta_date, "metadata"
    if default_year is not None and md is not None:
        try:
            return dt.date(default_year, *md), "default"
        except ValueError:
            return None, "unknown"
    return None, "unknown"


# -- pages ------------------------------------------------------------------------------


def generated_hash(meta: dict, body: str) -> str:
    """Hash of a page's meaning, not its bytes, minus the hash itself: differs after a hand edit."""
    origin = dict(meta.get("origin") or {})
    origin.pop("generated", None)
    clean = {**meta, "origin": origin}
    payload = json.dumps(clean, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{payload}\0{body.strip()}".encode()).hexdigest()[:16]


def page_meta(draft: Draft, date: dt.date | None, date_from: str, origin: dict) -> dict:
    meta: dict = {"title": draft.title}
    if date is not None:
        meta["date"] = date
    meta["date_from"] = date_from
    if draft.place:
        meta["place"] = draft.place
    if draft.source:
        meta["source"] = draft.source
    if draft.summary:
        meta["summary"] = draft.summary
    meta["speakers"] = [
        {"name": s.name, "role": s.role, **({"kind": s.kind} if s.kind != "person" else {})}
        for s in draft.speakers
    ]
    if draft.quotes:
        meta["quotes"] = [{"text": q.text, "speaker": q.speaker} for q in draft.quotes]
    meta["origin"] = origin
    return meta


def render_page(draft: Draft, date: dt.date | None, date_from: str, origin: dict) -> str:
    meta = page_meta(draft, date, date_from, dict(origin))
    meta["origin"]["generated"] = generated_hash(meta, draft.body)
    return frontmatter.dump(meta, draft.body)


def make_slug(title: str) -> str:
    return slugify(title, max_length=70, word_boundary=True, save_order=True) or "statement"


def write_new(path: Path, text: str) -> None:
    files.write_new(path, text, prefix=".import-")


def replace(path: Path, text: str) -> None:
    """Replace a generated page atomically (only called after checking it is unedited)."""
    files.write_atomic(path, text, prefix=".import-")


@dataclass
class ExistingPage:
    path: Path
    origin_sha: str
    edited: bool


def existing_pages(statements_dir: Path) -> dict[str, ExistingPage]:
    """Pages that came from a raw document, keyed by that document's inbox path."""
    found: dict[str, ExistingPage] = {}
    for path in page_files(statements_dir):
        try:
            page = frontmatter.parse(path.read_text(encoding="utf-8"))
        except (FrontMatterError, UnicodeDecodeError, OSError):
            continue
        origin = page.meta.get("origin")
        if not isinstance(origin, dict) or "file" not in origin:
            continue
        edited = origin.get("generated") != generated_hash(page.meta, page.body)
        found[str(origin["file"])] = ExistingPage(path, str(origin.get("sha256", "")), edited)
    return found


def raw_documents(inbox: Path, paths: list[Path] | None = None) -> list[Path]:
    roots = paths or [inbox]
    docs: list[Path] = []
    for root in roots:
        if root.is_file():
            docs.append(root)
        elif root.is_dir():
            docs.extend(
                p
                for p in root.rglob("*")
                if p.is_file()
                and p.suffix.lower() in RAW_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(root).parts)
            )
    return sorted(set(docs))


def _origin_name(doc: Path, inbox: Path) -> str:
    try:
        return doc.resolve().relative_to(inbox.resolve()).as_posix()
    except ValueError:
        return doc.name


@dataclass
class Importer:
    """One import run over an archive's inbox."""

    inbox: Path
    statements_dir: Path
    registry_path: Path
    root: Path
    default_year: int | None = None
    only_new: bool = False  # `build` imports only documents that have no page yet
    dry_run: bool = False
    progress: Callable[[int, int], None] | None = None

    def run(
        self, paths: list[Path] | None = None, existing: dict[str, ExistingPage] | None = None
    ) -> ImportReport:
        """Import `paths` (default: the whole inbox). `existing` maps inbox files to their
        pages when the caller has read them already (build has); else pages are scanned."""
        report = ImportReport()
        docs = raw_documents(self.inbox, paths)
        if existing is None:
            existing = existing_pages(self.statements_dir)
        taken = {p.stem for p in page_files(self.statements_dir)}
        registry_text = (
            self.registry_path.read_text(encoding="utf-8") if self.registry_path.exists() else ""
        )
        try:
            registry = Registry.of(parse_registry(registry_text))
        except PageError as error:
            report.problems.append(
                Problem(self._shown(self.registry_path), error.message, "registry", error.line)
            )
            registry = Registry()
        known_slugs = {s.slug for s in registry.speakers}
        metadata = read_metadata(docs)
        for number, doc in enumerate(docs, start=1):
            if self.progress:
                self.progress(number, len(docs))
            name = _origin_name(doc, self.inbox)
            page = existing.get(name)
            if page is not None and self.only_new:
                continue
            result = self._one(doc, name, page, taken, metadata, registry)
            report.results.append(result)
            if result.status == "failed":
                report.problems.append(Problem(self._shown(doc), result.error or "", "import"))
            elif result.status == "conflict":
                report.problems.append(
                    Problem(
                        self._shown(doc),
                        f"changed since import, but {result.page} was edited by hand; "
                        "left both alone (merge by hand, or delete the page to re-import)",
                        "conflict",
                        severity="warning",
                    )
                )
        report.new_speakers = [s for s in registry.speakers if s.slug not in known_slugs]
        if report.new_speakers and not self.dry_run:
            self._append_speakers(registry_text, report.new_speakers)
        return report

    def _one(
        self,
        doc: Path,
        name: str,
        page: ExistingPage | None,
        taken: set[str],
        metadata: Metadata,
        registry: Registry,
    ) -> DocumentResult:
        result = DocumentResult(file=name, status="failed")
        try:
            raw = doc.read_bytes()
            sha = hashlib.sha256(raw).hexdigest()
            if page is not None and page.origin_sha == sha:
                result.status, result.page = "unchanged", self._shown(page.path)
                return result
            text, encoding = decode(raw)
            draft = extract(text)
        except (DecodeError, ExtractError, OSError) as error:
            line = getattr(error, "line", None)
            result.error = f"{error}" + (f" (line {line})" if line else "")
            return result
        if encoding != "utf-8":
            draft.warnings.append(f"decoded as {encoding}")
        date, date_from = settle_date(draft, metadata.date_for(doc), self.default_year)
        origin = {"file": name, "sha256": sha, "converter": CONVERTER_VERSION}
        text_out = render_page(draft, date, date_from, origin)
        for ref in draft.speakers:
            registry.resolve(ref)
        result.title, result.date, result.date_from = (
            draft.title,
            date.isoformat() if date else None,
            date_from,
        )
        result.speakers = [s.name for s in draft.speakers]
        result.warnings = list(draft.warnings)
        if page is not None:
            result.page = self._shown(page.path)
            if page.edited:
                result.status = "conflict"
                return result
            if not self.dry_run:
                replace(page.path, text_out)
            result.status = "updated"
            return result
        slug = make_slug(draft.title)
        if slug in taken:
            slug = f"{slug}-{sha[:8]}"
        taken.add(slug)
        target = self.statements_dir / f"{slug}.md"
        if not self.dry_run:
            try:
                write_new(target, text_out)
            except FileExistsError:
                result.error = f"page {self._shown(target)} already exists; not overwritten"
                return result
        result.status, result.page = "created", self._shown(target)
        return result

    def _append_speakers(self, registry_text: str, speakers: list[Speaker]) -> None:
        """Append new entries as text: a person's edits and comments above stay byte for byte."""
        lines = [] if registry_text.strip() else ["# Speakers of this archive. Edit freely:\n",
                                                  "# import only appends new people.\n",
                                                  "speakers:\n"]
        for speaker in speakers:
            entry = {"name": speaker.name, "slug": speaker.slug or speaker_slug(speaker.name)}
            if speaker.kind != "person":
                entry["kind"] = speaker.kind
            dumped = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=10_000)
            lines.append(dumped)
        text = registry_text
        if text and not text.endswith("\n"):
            text += "\n"
        new_text = text + "".join(lines)
        self.registry_path.parent.mkdir(parents=True, exist_ok=True)
        if self.registry_path.exists():
            replace(self.registry_path, new_text)
        else:
            write_new(self.registry_path, new_text)

    def _shown(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


_CSV_FIELDS = ("file", "status", "page", "title", "date", "date_from", "speakers", "warnings",
               "error")


def write_report(report: ImportReport, path: Path) -> None:
    rows = [r.__dict__ for r in report.results]
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=_CSV_FIELDS)
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {**row, "speakers": "; ".join(row["speakers"]),
                     "warnings": "; ".join(row["warnings"])}
                )
    else:
        path.write_text(json.dumps({"documents": rows}, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")

