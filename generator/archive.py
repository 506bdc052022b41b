"""The archive as readers browse it: statements in time order, grouped by speaker and date.

Pure: takes validated statements and the registry, returns the grouped model.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .models import RoleSeen, Speaker, SpeakerRef, Statement
from .speakers import Registry


@dataclass
class SpeakerEntry:
    speaker: Speaker
    statements: list[Statement] = field(default_factory=list)  # newest first
    roles: list[RoleSeen] = field(default_factory=list)


@dataclass
class Archive:
    statements: list[Statement]  # oldest first, undated last
    speakers: dict[str, SpeakerEntry]  # by slug, A-Z by name
    speakers_of: dict[str, list[tuple[Speaker, SpeakerRef]]]  # statement slug -> speakers
    years: dict[int, dict[int, list[Statement]]]  # year -> month -> statements, oldest first
    undated: list[Statement]

    @property
    def dated(self) -> list[Statement]:
        return [s for s in self.statements if s.date is not None]

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        dated = self.dated
        return (dated[0].date, dated[-1].date) if dated else None  # type: ignore[return-value]

    def neighbours(self) -> dict[str, tuple[Statement | None, Statement | None]]:
        """Previous and next statement in time for each dated statement."""
        dated = self.dated
        result: dict[str, tuple[Statement | None, Statement | None]] = {}
        for index, statement in enumerate(dated):
            previous = dated[index - 1] if index > 0 else None
            following = dated[index + 1] if index + 1 < len(dated) else None
            result[statement.slug] = (previous, following)
        return result

    def in_order(self) -> Iterator[tuple[Statement, Statement | None, Statement | None]]:
        """Each statement with the previous and the next in time (None when undated)."""
        neighbours = self.neighbours()
        for statement in self.statements:
            yield (statement, *neighbours.get(statement.slug, (None, None)))

    def most_quoted(self, limit: int) -> list[SpeakerEntry]:
        entries = sorted(
            self.speakers.values(), key=lambda e: (-len(e.statements), e.speaker.name.lower())
        )
        return entries[:limit]


def chronological_key(statement: Statement) -> tuple:
    return (statement.date is None, statement.date or dt.date.min, statement.slug)


def build_archive(statements: list[Statement], registry: Registry) -> Archive:
    ordered = sorted(statements, key=chronological_key)
    speakers: dict[str, SpeakerEntry] = {}
    speakers_of: dict[str, list[tuple[Speaker, SpeakerRef]]] = {}
    years: dict[int, dict[int, list[Statement]]] = {}
    undated: list[Statement] = []
    roles: dict[str, Counter] = {}
    role_dates: dict[tuple[str, str], list[dt.date]] = {}
    for statement in ordered:
        resolved: list[tuple[Speaker, SpeakerRef]] = []
        for ref in statement.speakers:
            speaker = registry.resolve(ref)
            if any(s.slug == speaker.slug for s, _ in resolved):
                continue  # one statement names a person once, however often they spoke
            resolved.append((speaker, ref))
            entry = speakers.get(speaker.slug)
            if entry is None:
                entry = speakers[speaker.slug] = SpeakerEntry(speaker)
            entry.statements.append(statement)
            if ref.role:
                counts = roles.get(speaker.slug)
                if counts is None:
                    counts = roles[speaker.slug] = Counter()
                counts[ref.role] += 1
                if statement.date:
                    role_dates.setdefault((speaker.slug, ref.role), []).append(statement.date)
        speakers_of[statement.slug] = resolved
        if statement.date is None:
            undated.append(statement)
        else:
            year = years.setdefault(statement.date.year, {})
            year.setdefault(statement.date.month, []).append(statement)
    for slug, entry in speakers.items():
        entry.statements.reverse()
        for role, _count in roles.get(slug, Counter()).most_common():
            dates = role_dates.get((slug, role), [])
            entry.roles.append(
                RoleSeen(role, min(dates) if dates else None, max(dates) if dates else None)
            )
    by_name = dict(sorted(speakers.items(), key=lambda item: item[1].speaker.name.lower()))
    return Archive(
        statements=ordered,
        speakers=by_name,
        speakers_of=speakers_of,
        years=dict(sorted(years.items())),
        undated=undated,
    )
