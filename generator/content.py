"""Read the archive: statement pages and the speaker registry, validated into models.

Each bad page becomes one Problem (file, line, what is wrong); the others still load.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

from . import files, frontmatter
from .frontmatter import FrontMatterError
from .models import DATE_FROM_VALUES, Origin, Problem, Quote, Speaker, SpeakerRef, Statement
from .speakers import speaker_slug

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
PAGE_SUFFIX = ".md"
# A file modified this recently (ns) may be modified again within the same tick of the file
# system's clock without its time changing: its stat alone does not vouch for its content.
RACY_NS = 2_000_000_000


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
    meta: dict,
    body: str | Callable[[], str],
    slug: str,
    digest: str,
    path: Path | None = None,
    text: str = "",
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


PageStat = tuple[str, os.stat_result]  # a page file's path and its stat


def page_files(statements_dir: Path) -> list[Path]:
    return [Path(path) for path, _stat in scan_pages(statements_dir)]


def scan_pages(statements_dir: Path) -> list[PageStat]:
    """Every page file under the folder with its stat, sorted by path (one stat per file)."""
    found: list[PageStat] = []
    folders = [str(statements_dir)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if entry.is_dir():
                folders.append(entry.path)
            elif entry.name.endswith(PAGE_SUFFIX) and entry.is_file():
                found.append((entry.path, entry.stat()))
    # Sorted by text: comparing Path objects costs more than reading the files' names.
    found.sort(key=lambda item: item[0])
    return found


class ParseCache:
    """Validated statements of pages seen before, so a rebuild reads only what changed.

    Each entry is keyed by the page's path and checked against its size, modification time
    and inode: a page whose file is untouched is not even opened, and its body is read from
    the file only if a page is rendered from it. A touched page is read and hashed; if its
    bytes are unchanged (a `git checkout`, a `touch`), its cached fields still serve and only
    YAML parsing is saved. Stored as JSON, never pickle: the cache sits beside the archive.
    """

    VERSION = 2
    RESAVE_AFTER = 32  # changed pages

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, list] = {}
        self.used: dict[str, list] = {}
        # Statements made from entries, kept while the cache lives (`dictum serve` keeps it
        # between builds), so an untouched page costs one stat and one lookup.
        self._made: dict[str, tuple[list, Statement]] = {}
        self._refs: dict[tuple, SpeakerRef] = {}
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == self.VERSION and isinstance(data["pages"], dict):
                    self.entries = data["pages"]
            except (OSError, ValueError, KeyError, AttributeError):
                self.entries = {}
        self._disk = self.entries  # what the file holds
        self._racy_after = time.time_ns() - RACY_NS

    def start(self) -> None:
        """A new scan of every page begins: only what it sees is kept."""
        self.used = {}
        self._racy_after = time.time_ns() - RACY_NS

    def _key(self, stat: os.stat_result) -> list:
        # A recently modified file is recorded with no time (-1), so the next load reads
        # and hashes it instead of trusting its stat (see RACY_NS).
        mtime = stat.st_mtime_ns if stat.st_mtime_ns <= self._racy_after else -1
        return [stat.st_size, mtime, stat.st_ino]

    def fresh(self, key: str, stat: os.stat_result) -> list | None:
        """The cached entry of an untouched file."""
        entry = self.entries.get(key)
        if (
            entry is None
            or entry[1] != stat.st_mtime_ns
            or entry[0] != stat.st_size
            or entry[2] != stat.st_ino
        ):
            return None
        self.used[key] = entry
        return entry

    def same_bytes(self, key: str, stat: os.stat_result, digest: str) -> list | None:
        """The cached entry of a touched file whose bytes are what they were."""
        entry = self.entries.get(key)
        if entry is None or entry[3] != digest:
            return None
        entry = [*self._key(stat), *entry[3:]]
        self.used[key] = entry
        return entry

    def known(self, key: str, stat: os.stat_result, path: Path | str) -> Statement | None:
        """The statement of an untouched file, if this cache has it."""
        entry = self.fresh(key, stat)
        return None if entry is None else self.statement(key, entry, path)

    def statement(self, key: str, entry: list, path: Path | str) -> Statement:
        made = self._made.get(key)
        if made is not None and made[0] is entry:
            return made[1]
        statement = _from_cache(entry, path, self._refs)
        self._made[key] = (entry, statement)
        return statement

    def origins(self, root: Path) -> dict[str, tuple[Path, str]]:
        """Inbox file -> (its page, the sha256 it was imported from), for the pages of this
        scan, without making their statements."""
        found = {}
        for key, entry in self.used.items():
            origin = entry[-1]
            if origin:
                found[origin[0]] = (root / key, origin[1])
        return found

    def put(self, key: str, stat: os.stat_result, statement: Statement, body_start: int) -> None:
        self.used[key] = [*self._key(stat), statement.digest, body_start, *_fields(statement)]

    def save(self) -> None:
        """Keep only the pages of this load, so the cache never outgrows the archive.

        A few changed pages are not worth rewriting the whole file for: the next process
        re-reads them (a millisecond each), and the file is written once more have changed.
        """
        used, self.used = self.used, {}
        self.entries = used  # the next load (in this process) compares with this one
        self._made = {key: made for key, made in self._made.items() if key in used}
        if self.path is None or used == self._disk:
            return
        changed = sum(1 for key, entry in used.items() if self._disk.get(key) != entry)
        if self._disk and changed <= self.RESAVE_AFTER and len(used) >= len(self._disk):
            return
        files.write_atomic(
            self.path, json.dumps({"version": self.VERSION, "pages": used}, separators=(",", ":"))
        )
        self._disk = used


def _fields(s: Statement) -> list:
    return [
        s.slug, s.title, s.date.isoformat() if s.date else None, s.date_from, s.place,
        s.source, s.summary, [[r.name, r.role, r.kind] for r in s.speakers], list(s.tags),
        [[q.text, q.speaker] for q in s.quotes],
        [s.origin.file, s.origin.sha256, s.origin.converter] if s.origin else None,
    ]  # fmt: skip


def _from_cache(
    entry: list, path: Path | str, refs: dict[tuple, SpeakerRef] | None = None
) -> Statement:
    """The statement of a cache entry. Speakers come from `refs`, shared by the statements
    that name the same person in the same role; quotes and the page's Path are made only if
    read (rendering its page)."""
    (_size, _mtime, _ino, digest, body_start, slug, title, date, date_from, place, source,
     summary, speakers, tags, quotes, origin) = entry  # fmt: skip
    refs = {} if refs is None else refs
    named = []
    for name, role, kind in speakers:
        ref = refs.get((name, role, kind))
        if ref is None:
            ref = refs[(name, role, kind)] = SpeakerRef(name, role, kind)
        named.append(ref)
    return Statement(
        slug=slug,
        title=title,
        body=partial(_read_body, path, body_start),
        date=dt.date.fromisoformat(date) if date else None,
        date_from=date_from,
        place=place,
        source=source,
        summary=summary,
        speakers=tuple(named),
        tags=tuple(tags),
        quotes=partial(_cached_quotes, quotes) if quotes else (),
        origin=Origin(*origin) if origin else None,
        path=path if isinstance(path, Path) else partial(Path, path),
        digest=digest,
    )


def _cached_quotes(entries: list) -> tuple[Quote, ...]:
    return tuple(Quote(text, speaker) for text, speaker in entries)


def _read_body(path: Path | str, body_start: int) -> str:
    with open(path, "rb") as page:
        return page.read().decode("utf-8", errors="replace")[body_start:]


def load_statement(
    path: Path, root: Path, cache: ParseCache | None = None, stat: os.stat_result | None = None
) -> Statement:
    """Read and validate one page. Raises PageError naming the problem."""
    key = ""
    if cache is not None:
        key, stat = shown_path(path, root), stat or path.stat()
        known = cache.known(key, stat, path)
        if known is not None:
            return known
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if cache is not None:
        entry = cache.same_bytes(key, stat, digest)
        if entry is not None:
            return _from_cache(entry, path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PageError("not valid UTF-8 text", line, "encoding") from None
    page = frontmatter.parse(text)
    body_start = len(text) - len(page.body)
    # The body is read again when a page is rendered from it: held for every statement of
    # a large archive, bodies would be most of a build's memory.
    body = partial(_read_body, path, body_start) if cache is not None else page.body
    statement = statement_from_meta(page.meta, body, path.stem.lower(), digest, path, text)
    if cache is not None:
        cache.put(key, stat, statement, body_start)
    return statement


def load_statements(
    statements_dir: Path,
    root: Path,
    cache: ParseCache | None = None,
    pages: list[PageStat] | None = None,
) -> tuple[list[Statement], list[Problem]]:
    """Every page under statements_dir (`pages`: its scan, when the caller has made it);
    bad pages are reported, not fatal."""
    statements: list[Statement] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}  # slug -> page file
    if cache is not None:
        cache.start()
    for name, stat in scan_pages(statements_dir) if pages is None else pages:
        # The common case first: an untouched page the cache knows, no Path made for it.
        statement = cache.known(shown_path(name, root), stat, name) if cache is not None else None
        if statement is None:
            try:
                statement = load_statement(Path(name), root, cache, stat)
            except (PageError, FrontMatterError) as error:
                code = getattr(error, "code", "front-matter")
                problems.append(Problem(shown_path(name, root), error.message, code, error.line))
                continue
        if statement.slug in seen:
            problems.append(
                Problem(
                    shown_path(name, root),
                    f"slug {statement.slug!r} is already used by "
                    f"{shown_path(seen[statement.slug], root)}",
                    "duplicate-slug",
                )
            )
            continue
        seen[statement.slug] = name
        statements.append(statement)
    return statements, problems


def shown_path(path: Path | str, root: Path) -> str:
    """The path as messages show it: relative to the archive root when inside it."""
    text, base = str(path), str(root)
    if text.startswith(base + os.sep):
        return text[len(base) + 1 :]
    try:
        return str(Path(path).relative_to(root))
    except ValueError:
        return text


# -- the speaker registry ---------------------------------------------------------------


def parse_registry(text: str) -> list[Speaker]:
    """`speakers:` list of {name, slug, kind, aliases}; raises PageError on bad entries."""
    try:
        data = frontmatter.load_yaml(text) or {}
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
        line = getattr(error, "line", None)
        return [], [Problem(shown_path(path, root), message, "registry", line)]
