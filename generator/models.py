"""The data model that flows through every stage: drafts, statements, speakers, the archive.

Everything here is plain data; nothing reads or writes files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

SpeakerKind = Literal["person", "organization"]
DateFrom = Literal["text", "metadata", "inferred", "default", "unknown"]
DATE_FROM_VALUES: tuple[str, ...] = ("text", "metadata", "inferred", "default", "unknown")


@dataclass(frozen=True)
class SpeakerRef:
    """A speaker as one statement names them: the name and the role the text gives."""

    name: str
    role: str | None = None
    kind: SpeakerKind = "person"


@dataclass(frozen=True)
class Quote:
    """One direct quotation and the name of who said it (None when unattributed)."""

    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Dateline:
    """`MOSCOW, May 31 /TASS/.` -> place, month, day, source (each may be missing)."""

    place: str | None
    month: int | None
    day: int | None
    source: str | None


@dataclass
class Draft:
    """What extraction finds in one raw document, before import decides the year and slug.

    `date` is set only when the text itself establishes the year (`date_from` is then
    "text" or "inferred"); otherwise `month_day` carries what the dateline says and the
    importer fills the year from metadata or a default.
    """

    title: str
    body: str
    summary: str | None = None
    place: str | None = None
    source: str | None = None
    month_day: tuple[int, int] | None = None
    date: dt.date | None = None
    date_from: DateFrom = "unknown"
    speakers: list[SpeakerRef] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Origin:
    """Provenance: the raw file a page was converted from."""

    file: str
    sha256: str
    converter: str | None = None


class _Deferred:
    """A Statement field given as its value or as a function that makes it when read.

    Statements loaded from the parse cache defer what only their own page shows (body,
    quotes, file path): a build that renders a few pages of a large archive then never
    reads the other page files or builds their quotes. Made each time it is read, not kept:
    each is read about once a build, and a large archive's bodies held in memory (in every
    render worker) would outweigh everything else.
    """

    def __init__(self, *default: object) -> None:
        self.default = default  # () or (value,)

    def __set_name__(self, owner: type, name: str) -> None:
        self.attr = f"_{name}"

    def __get__(self, obj: object, objtype: type | None = None) -> Any:
        if obj is None:
            if self.default:
                return self.default[0]
            raise AttributeError(self.attr)  # no class-level default: the field is required
        value = obj.__dict__[self.attr]
        return value() if callable(value) else value

    def __set__(self, obj: object, value: object) -> None:
        obj.__dict__[self.attr] = value


@dataclass(frozen=True)
class Statement:
    """One page of `content/statements/`, validated."""

    slug: str
    title: str
    body: _Deferred = _Deferred()  # str, or a reader of it; reads as str
    date: dt.date | None
    date_from: str | None = None
    place: str | None = None
    source: str | None = None
    summary: str | None = None
    speakers: tuple[SpeakerRef, ...] = ()
    tags: tuple[str, ...] = ()
    quotes: _Deferred = _Deferred(())  # tuple[Quote, ...], or a maker of it
    origin: Origin | None = None
    path: _Deferred = _Deferred(None)  # Path | None, or a maker of it: the page file
    digest: str = ""  # sha256 of the page file's bytes

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


@dataclass(frozen=True)
class RoleSeen:
    role: str
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass(frozen=True)
class Speaker:
    """One person or organization of the archive, as the registry and the pages know them."""

    slug: str
    name: str
    kind: SpeakerKind = "person"
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleSeen, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file: printed as one line, `path:line: code: message`."""

    path: str
    message: str
    code: str = "error"
    line: int | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} [{self.code}]"
