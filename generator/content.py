"""Read the archive: statement pages and the speaker registry, validated into models.

Each bad page becomes one Problem (file, line, what is wrong); the others still load.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path

import yaml

from . import frontmatter
from .frontmatter import FrontMatterError
from .models import DATE_FROM_VALUES, Origin, Problem, Quote, Speaker, SpeakerRef, Statement
from .speakers import speaker_slug

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PAGE_SUFFIX = ".md"


class PageError(ValueError):
    def __init__(self, message: str, line: int | None = None, code: str = "front-matter") -> None:
        super().__init__(message)
        self.message, self.line, self.code = message, line, code


def _text(meta: dict, key: str, lines: list[str], *, required: bool = False) -> str | None:
    value = meta.get(key)
    if value is None or value == "":
        if required:
            raise PageError(f"'{key}' is required", frontmatter.key_line(lines, key) or 2)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # `title: 1984` is a fine title, YAML just read a number
    if not isinstance(value, str):
        raise PageError(
            f"'{key}' must be text, got {type(value).__name__}", frontmatter.key_line(lines, key)
        )
    return value.strip()


def _date(meta: dict, lines: list[str]) -> dt.date | None:
    value = meta.get("date")
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PageError(
        f"'date' must be an ISO date like 2016-05-31, got {value!r}",
        frontmatter.key_line(lines, "date"),
    )


def _speakers(meta: dict, lines: list[str]) -> tuple[SpeakerRef, ...]:
    value = meta.get("speakers")
    line = frontmatter.key_line(lines, "speakers")
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PageError("'speakers' must be a list of {name, role}", line)
    refs = []
    for index, item in enumerate(value, start=1):
        if isinstance(item, str) and item.strip():
            refs.append(SpeakerRef(name=item.strip()))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise PageError(f"speaker {index} needs a 'name' (text)", line)
        role = item.get("role")
        kind = item.get("kind", "person")
        if role is not None and not isinstance(role, str):
            raise PageError(f"speaker {index}: 'role' must be text", line)
        if kind not in ("person", "organization"):
            raise PageError(
                f"speaker {index}: 'kind' must be person or organization, got {kind!r}", line
            )
        refs.append(SpeakerRef(name=item["name"].strip(), role=role or None, kind=kind))
    return tuple(refs)


def _quotes(meta: dict, lines: list[str]) -> tuple[Quote, ...]:
    value = meta.get("quotes") or []
    if not isinstance(value, list):
        raise PageError("'quotes' must be a list", frontmatter.key_line(lines, "quotes"))
    quotes = []
    for item in value:
        if isinstance(item, str):
            quotes.append(Quote(text=item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str):
            speaker = item.get("speaker")
            quotes.append(Quote(text=item["text"], speaker=speaker if speaker else None))
        else:
            raise PageError("each quote needs a 'text'", frontmatter.key_line(lines, "quotes"))
    return tuple(quotes)


def _tags(meta: dict, lines: list[str]) -> tuple[str, ...]:
    value = meta.get("tags") or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(t, (str, int)) for t in value):
        raise PageError("'tags' must be a list of words", frontmatter.key_line(lines, "tags"))
    return tuple(str(t) for t in value)


def _origin(meta: dict) -> Origin | None:
    value = meta.get("origin")
    if not isinstance(value, dict) or "file" not in value:
        return None
    return Origin(
        file=str(value["file"]),
        sha256=str(value.get("sha256", "")),
        converter=str(value["converter"]) if value.get("converter") is not None else None,
    )


def statement_from_meta(
    meta: dict, body: str, slug: str, digest: str, path: Path | None = None, text: str = ""
) -> Statement:
    """Validate parsed front matter into a Statement; raises PageError naming the line."""
    lines = text.split("\n", 400)[1:]
    explicit_slug = meta.get("slug")
    if explicit_slug is not None:
        if not isinstance(explicit_slug, str) or not _SLUG.match(explicit_slug):
            raise PageError(
                "'slug' must be lower-case letters, digits and '-'",
                frontmatter.key_line(lines, "slug"),
            )
        slug = explicit_slug
    date_from = meta.get("date_from")
    if date_from is not None and date_from not in DATE_FROM_VALUES:
        raise PageError(
            f"'date_from' must be one of {', '.join(DATE_FROM_VALUES)}, got {date_from!r}",
            frontmatter.key_line(lines, "date_from"),
        )
    return Statement(
        slug=slug,
        title=_text(meta, "title", lines, required=True) or "",
        body=body,
        date=_date(meta, lines),
        date_from=date_from,
        place=_text(meta, "place", lines),
        source=_text(meta, "source", lines),
        summary=_text(meta, "summary", lines),
        speakers=_speakers(meta, lines),
        tags=_tags(meta, lines),
        quotes=_quotes(meta, lines),
        origin=_origin(meta),
        path=path,
        digest=digest,
    )


def parse_statement(text: str, slug: str, path: Path | None = None) -> Statement:
    """Parse and validate one page's text; raises PageError / FrontMatterError."""
    page = frontmatter.parse(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return statement_from_meta(page.meta, page.body, slug, digest, path, text)


def page_files(statements_dir: Path) -> list[Path]:
    if not statements_dir.is_dir():
        return []
    # Sorted by text: comparing Path objects costs more than reading the files' names.
    return sorted(
        (p for p in statements_dir.rglob(f"*{PAGE_SUFFIX}") if p.is_file()), key=str
    )


class ParseCache:
    """Parsed front matter of pages seen before, keyed by the sha256 of their bytes.

    YAML parsing is most of the cost of loading an archive; a page whose bytes are unchanged
    parses to the same front matter, so it is read from here. Stored as JSON (dates as ISO
    text, which validation accepts), never pickle: the cache sits in the archive folder.
    """

    VERSION = 1

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, list] = {}
        self.used: dict[str, list] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == self.VERSION:
                    self.entries = data["pages"]
            except (OSError, ValueError, KeyError, AttributeError):
                self.entries = {}

    def get(self, digest: str) -> tuple[dict, int] | None:
        entry = self.entries.get(digest)
        if entry is None:
            return None
        self.used[digest] = entry
        return entry[0], entry[1]

    def put(self, digest: str, meta: dict, body_start: int) -> None:
        self.used[digest] = [meta, body_start]

    def save(self) -> None:
        """Keep only the pages of this load, so the cache never outgrows the archive."""
        if self.path is None or self.used.keys() == self.entries.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_suffix(".tmp")
        temp.write_text(
            json.dumps({"version": self.VERSION, "pages": self.used}, default=_json_value),
            encoding="utf-8",
        )
        os.replace(temp, self.path)


def _json_value(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def load_statement(path: Path, root: Path, cache: ParseCache | None = None) -> Statement:
    """Read and validate one page. Raises PageError naming the problem."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    slug = path.stem.lower()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PageError("not valid UTF-8 text", line, "encoding") from None
    cached = cache.get(digest) if cache is not None else None
    if cached is not None:
        meta, body_start = cached
        return statement_from_meta(meta, text[body_start:], slug, digest, path, text)
    page = frontmatter.parse(text)
    statement = statement_from_meta(page.meta, page.body, slug, digest, path, text)
    if cache is not None:
        cache.put(digest, page.meta, len(text) - len(page.body))
    return statement


def load_statements(
    statements_dir: Path, root: Path, cache: ParseCache | None = None
) -> tuple[list[Statement], list[Problem]]:
    """Every page under statements_dir; bad pages are reported, not fatal."""
    statements: list[Statement] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in page_files(statements_dir):
        shown = _shown(path, root)
        try:
            statement = load_statement(path, root, cache)
        except (PageError, FrontMatterError) as error:
            code = getattr(error, "code", "front-matter")
            problems.append(Problem(shown, error.message, code, error.line))
            continue
        if statement.slug in seen:
            problems.append(
                Problem(
                    shown,
                    f"slug {statement.slug!r} is already used by "
                    f"{_shown(seen[statement.slug], root)}",
                    "duplicate-slug",
                )
            )
            continue
        seen[statement.slug] = path
        statements.append(statement)
    return statements, problems


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# -- the speaker registry ---------------------------------------------------------------


def parse_registry(text: str) -> list[Speaker]:
    """`speakers:` list of {name, slug, kind, aliases}; raises PageError on bad entries."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise PageError(
            f"invalid YAML: {getattr(error, 'problem', error)}",
            mark.line + 1 if mark else None,
            "registry",
        ) from None
    entries = data.get("speakers") if isinstance(data, dict) else None
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise PageError("'speakers' must be a list", None, "registry")
    speakers = []
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise PageError(f"entry {index} needs a 'name'", None, "registry")
        aliases = entry.get("aliases") or []
        speakers.append(
            Speaker(
                slug=str(entry.get("slug") or speaker_slug(entry["name"])),
                name=entry["name"],
                kind=entry.get("kind", "person"),
                aliases=tuple(str(a) for a in aliases if a),
            )
        )
    return speakers


def load_registry(path: Path, root: Path) -> tuple[list[Speaker], list[Problem]]:
    if not path.exists():
        return [], []
    try:
        return parse_registry(path.read_text(encoding="utf-8")), []
    except (PageError, UnicodeDecodeError) as error:
        message = getattr(error, "message", str(error))
        return [], [Problem(_shown(path, root), message, "registry", getattr(error, "line", None))]
