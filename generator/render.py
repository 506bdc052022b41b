"""Plan the site's pages and render them through the theme.

`plan_pages` turns the archive into a list of `PageJob`s: an output path, a template name
and the template's context. Contexts hold ready-made values (URLs, labels, safe HTML), so
templates carry markup, not logic. `render_page` needs only a Jinja2 environment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from . import urls
from .archive import Archive, SpeakerEntry
from .config import Config
from .markup import body_html
from .models import Speaker, SpeakerRef, Statement

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


class StatementBody:
    """A statement's body, rendered to safe HTML only when a template prints it.

    Fingerprints use the Markdown source, so unchanged statements are never re-rendered.
    """

    __slots__ = ("source",)

    def __init__(self, source: str) -> None:
        self.source = source

    def __html__(self) -> str:
        return body_html(self.source)

    def __str__(self) -> str:
        return Markup(self.__html__())


@dataclass(frozen=True)
class PageJob:
    path: str  # site-relative URL path ("statements/x/")
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def output(self) -> str:
        return urls.output_file(self.path)


def date_label(date: dt.date | None) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}" if date else "Undated"


def _speaker_link(u: urls.Urls, speaker: Speaker, ref: SpeakerRef | None) -> dict[str, Any]:
    return {
        "name": speaker.name,
        "url": u.href(urls.speaker(speaker.slug)),
        "role": ref.role if ref else None,
        "kind": speaker.kind,
    }


class Views:
    """Builds the plain values templates print, with URLs under the base path."""

    def __init__(self, archive: Archive, config: Config) -> None:
        self.archive = archive
        self.config = config
        self.u = urls.Urls(config.base_path, config.absolute_base)

    def link(self, statement: Statement) -> dict[str, Any]:
        return {
            "title": statement.title,
            "url": self.u.href(urls.statement(statement.slug)),
            "date_iso": statement.date.isoformat() if statement.date else None,
            "date_label": date_label(statement.date),
            "place": statement.place,
            "summary": statement.summary,
            "speakers": [
                _speaker_link(self.u, speaker, ref)
                for speaker, ref in self.archive.speakers_of.get(statement.slug, [])
            ],
        }

    def statement(self, statement: Statement) -> dict[str, Any]:
        view = self.link(statement)
        date = statement.date
        view.update(
            slug=statement.slug,
            permalink=self.u.absolute(urls.statement(statement.slug)),
            year=date.year if date else None,
            day_url=self.u.href(urls.day(date)) if date else self.u.href(urls.undated()),
            month_label=f"{MONTHS[date.month - 1]} {date.year}" if date else None,
            date_from=statement.date_from,
            source=statement.source,
            tags=list(statement.tags),
            body=StatementBody(statement.body),
            quotes=[
                {"id": f"quote-{n}", "text": q.text, "speaker": q.speaker}
                for n, q in enumerate(statement.quotes, start=1)
            ],
            origin=(
                {
                    "file": statement.origin.file,
                    "sha256": statement.origin.sha256,
                    "converter": statement.origin.converter,
                }
                if statement.origin
                else None
            ),
        )
        return view

    def speaker(self, entry: SpeakerEntry) -> dict[str, Any]:
        slug = entry.speaker.slug
        return {
            "name": entry.speaker.name,
            "kind": entry.speaker.kind,
            "url": self.u.href(urls.speaker(slug)),
            "feed_url": self.u.href(urls.speaker_feed(slug)),
            "count": len(entry.statements),
            "roles": [
                {
                    "role": r.role,
                    "first": date_label(r.first) if r.first else None,
                    "last": date_label(r.last) if r.last else None,
                }
                for r in entry.roles
            ],
        }

    def site(self) -> dict[str, Any]:
        u = self.u
        return {
            "title": self.config.title,
            "description": self.config.description,
            "language": self.config.language,
            "base_path": self.config.base_path,
            "home_url": u.href(urls.home()),
            "speakers_url": u.href(urls.speakers_index()),
            "dates_url": u.href(urls.dates_index()),
            "search_url": u.href(urls.search()),
            "feed_url": u.href(urls.feed()),
            "static_url": u.href("static/"),
        }


def _page(views: Views, path: str, title: str, **extra: Any) -> dict[str, Any]:
    page = {"title": title, "canonical": views.u.absolute(path), "path": path,
            "description": None, "feed_url": None}
    page.update(extra)
    return page


def _paginate(items: list, size: int) -> Iterator[tuple[int, int, list]]:
    pages = max(1, -(-len(items) // size))
    for number in range(1, pages + 1):
        yield number, pages, items[(number - 1) * size : number * size]


def plan_pages(
    archive: Archive, config: Config, search_bundles: list[str]
) -> Iterator[PageJob]:
    """Every page of the site, in a stable order. `search_bundles` are the site-relative
    folders of the search index shards: the search page loads the first, merges the rest."""
    views = Views(archive, config)
    neighbours = archive.neighbours()

    for statement in archive.statements:
        path = urls.statement(statement.slug)
        previous, following = neighbours.get(statement.slug, (None, None))
        yield PageJob(
            path,
            "statement.html",
            {
                "page": _page(views, path, statement.title, description=statement.summary),
                "statement": views.statement(statement),
                "previous": views.link(previous) if previous else None,
                "next": views.link(following) if following else None,
            },
        )

    yield from _speaker_pages(archive, views, config)
    yield from _date_pages(archive, views)

    span = archive.span
    yield PageJob(
        urls.home(),
        "home.html",
        {
            "page": _page(views, urls.home(), config.title, description=config.description),
            "stats": {
                "statements": len(archive.statements),
                "speakers": len(archive.speakers),
                "first": date_label(span[0]) if span else None,
                "last": date_label(span[1]) if span else None,
                "years": len(archive.years),
            },
            "latest": [views.link(s) for s in reversed(archive.dated[-config.home_latest :])],
            "top_speakers": [views.speaker(e) for e in archive.most_quoted(10)],
        },
    )
    yield PageJob(
        urls.search(),
        "search.html",
        {
            "page": _page(views, urls.search(), "Search"),
            "bundles": [views.u.href(b) for b in search_bundles],
        },
    )
    yield PageJob(
        urls.not_found(), "404.html", {"page": _page(views, urls.not_found(), "Page not found")}
    )
    latest = archive.dated[-config.feed_size :]
    yield PageJob(
        urls.feed(), "feed.xml", {"feed": _feed(views, config.title, urls.feed(), "", latest)}
    )


def _speaker_pages(archive: Archive, views: Views, config: Config) -> Iterator[PageJob]:
    letters: dict[str, list[dict[str, Any]]] = {}
    for entry in archive.speakers.values():
        letter = (entry.speaker.name[:1] or "#").upper()
        letters.setdefault(letter if letter.isalpha() else "#", []).append(views.speaker(entry))
    yield PageJob(
        urls.speakers_index(),
        "speakers.html",
        {
            "page": _page(views, urls.speakers_index(), "Speakers"),
            "letters": [{"letter": k, "speakers": v} for k, v in sorted(letters.items())],
            "total": len(archive.speakers),
        },
    )
    for entry in archive.speakers.values():
        slug = entry.speaker.slug
        speaker = views.speaker(entry)
        for number, pages, chunk in _paginate(entry.statements, config.page_size):
            path = urls.speaker(slug, number)
            title = entry.speaker.name if number == 1 else f"{entry.speaker.name} (page {number})"
            yield PageJob(
                path,
                "speaker.html",
                {
                    "page": _page(views, path, title, feed_url=speaker["feed_url"]),
                    "speaker": speaker,
                    "statements": [views.link(s) for s in chunk],
                    "pagination": {
                        "page": number,
                        "pages": pages,
                        "previous_url": views.u.href(urls.speaker(slug, number - 1))
                        if number > 1
                        else None,
                        "next_url": views.u.href(urls.speaker(slug, number + 1))
                        if number < pages
                        else None,
                    },
                },
            )
        newest = list(reversed(entry.statements[: config.feed_size]))
        yield PageJob(
            urls.speaker_feed(slug),
            "feed.xml",
            {
                "feed": _feed(
                    views, f"{entry.speaker.name} — {config.title}",
                    urls.speaker_feed(slug), urls.speaker(slug), newest,
                )
            },
        )


def _date_pages(archive: Archive, views: Views) -> Iterator[PageJob]:
    u = views.u
    yield PageJob(
        urls.dates_index(),
        "dates.html",
        {
            "page": _page(views, urls.dates_index(), "Statements by date"),
            "years": [
                {
                    "year": year,
                    "url": u.href(urls.year(year)),
                    "count": sum(len(s) for s in months.values()),
                }
                for year, months in archive.years.items()
            ],
            "undated": {"url": u.href(urls.undated()), "count": len(archive.undated)}
            if archive.undated
            else None,
        },
    )
    for year, months in archive.years.items():
        path = urls.year(year)
        yield PageJob(
            path,
            "year.html",
            {
                "page": _page(views, path, str(year)),
                "year": {"year": year, "dates_url": u.href(urls.dates_index())},
                "months": [
                    {
                        "name": MONTHS[month - 1],
                        "url": u.href(urls.month(year, month)),
                        "count": len(statements),
                        "statements": [views.link(s) for s in statements],
                    }
                    for month, statements in months.items()
                ],
            },
        )
        for month, statements in months.items():
            path = urls.month(year, month)
            days: dict[dt.date, list[Statement]] = {}
            for statement in statements:
                days.setdefault(statement.date, []).append(statement)  # type: ignore[arg-type]
            yield PageJob(
                path,
                "month.html",
                {
                    "page": _page(views, path, f"{MONTHS[month - 1]} {year}"),
                    "month": {
                        "label": f"{MONTHS[month - 1]} {year}",
                        "year": year,
                        "year_url": u.href(urls.year(year)),
                        "count": len(statements),
                    },
                    "days": [
                        {
                            "anchor": f"d{day.isoformat()}",
                            "iso": day.isoformat(),
                            "label": date_label(day),
                            "statements": [views.link(s) for s in items],
                        }
                        for day, items in days.items()
                    ],
                },
            )
    if archive.undated:
        yield PageJob(
            urls.undated(),
            "undated.html",
            {
                "page": _page(views, urls.undated(), "Undated statements"),
                "statements": [views.link(s) for s in archive.undated],
            },
        )


def _feed(
    views: Views, title: str, path: str, alternate: str, statements: list[Statement]
) -> dict[str, Any]:
    """An Atom feed, newest first. `updated` is the newest statement's date, not the build
    time, so two builds of the same archive are byte-identical."""
    newest_first = list(reversed(statements))
    updated = newest_first[0].date.isoformat() if newest_first and newest_first[0].date else (
        "1970-01-01"
    )
    return {
        "title": title,
        "id": views.u.absolute(path),
        "self_url": views.u.absolute(path),
        "alternate_url": views.u.absolute(alternate),
        "updated": f"{updated}T00:00:00Z",
        "entries": [
            {
                "title": s.title,
                "url": views.u.absolute(urls.statement(s.slug)),
                "updated": f"{s.date.isoformat() if s.date else '1970-01-01'}T00:00:00Z",
                "summary": s.summary or "",
                "authors": [sp.name for sp, _ in views.archive.speakers_of.get(s.slug, [])],
            }
            for s in newest_first
        ],
    }


def render_page(env: jinja2.Environment, job: PageJob, site: dict[str, Any]) -> str:
    return env.get_template(job.template).render(site=site, **job.context)


def _fingerprint_value(value: object) -> object:
    if isinstance(value, StatementBody):
        return value.source
    return str(value)


def fingerprint(job: PageJob, salt: str) -> str:
    """What a page's output depends on: its template, its context, and `salt` (theme,
    site values, generator version). Equal fingerprints mean byte-identical output."""
    payload = json.dumps(job.context, sort_keys=True, default=_fingerprint_value,
                         ensure_ascii=False)
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{job.template}\0{salt}\0".encode())
    digest.update(payload.encode())
    return digest.hexdigest()
