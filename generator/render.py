"""Plan the site's pages and render them through the theme.

`statement_page` and `listing_pages` turn the archive into `PageJob`s: an output path, a
template name and the template's context. Contexts hold ready-made values (URLs, labels,
safe HTML), so templates carry markup, not logic. `render_page` needs only a Jinja2
environment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
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
    """One output file: where it goes, its template, and its context.

    `data` is the context or a function making it, so pages an incremental build skips
    never build theirs. `inputs` is a key of everything the context is made from (statement
    digests, resolved speakers); when set, the fingerprint uses it instead of the context.
    """

    path: str  # site-relative URL path ("statements/x/")
    template: str
    data: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)
    inputs: str | None = None
    indexed: bool = False  # a search result: Pagefind indexes it
    # For indexed pages: a key of what Pagefind reads (the page's own content, not the
    # navigation around it), so a neighbour's new title does not re-index this page's shard.
    search_inputs: str | None = None

    @property
    def context(self) -> dict[str, Any]:
        return self.data() if callable(self.data) else self.data

    @property
    def output(self) -> str:
        return urls.output_file(self.path)


class InputKeys:
    """Cheap keys for what pages show. A statement's link key covers what listings show of
    it (`link_key`; speakers as resolved depend on the registry and on other statements);
    its page key adds the whole page's digest."""

    def __init__(self, archive: Archive | None = None) -> None:
        self.link: dict[str, str] = {}
        self.everything = ""
        if archive is not None:
            speakers_of = archive.speakers_of
            self.link = {s.slug: link_key(s, speakers_of[s.slug]) for s in archive.statements}
            self.everything = self.of(archive.statements)

    @classmethod
    def of_links(cls, links: dict[str, str]) -> InputKeys:
        """Keys of a few statements whose link keys are known (planned before)."""
        keys = cls()
        keys.link = links
        return keys

    def links(
        self, statement: Statement, before: Statement | None, after: Statement | None
    ) -> tuple[str, str, str]:
        """The link keys a statement's page shows: its own and its neighbours'."""
        link = self.link
        return (
            link[statement.slug],
            link[before.slug] if before else "-",
            link[after.slug] if after else "-",
        )

    def of(self, statements: Iterable[Statement | None], *extra: object) -> str:
        """A key of these statements' link keys and `extra`. Short keys stay text (the
        fingerprint hashes them anyway); long ones are hashed, which has no newline."""
        link = self.link
        text = "\n".join(link[s.slug] if s else "-" for s in statements)
        text = f"{text}\n{extra!r}"
        if len(text) < 1024:
            return text
        return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def link_key(s: Statement, resolved: list[tuple[Speaker, SpeakerRef]]) -> str:
    """A key of what listings, feeds and neighbouring pages show of a statement: slug,
    title, date, place, summary, speakers as named and as resolved (`resolved`)."""
    # repr() of each optional value, so that None and the text "None" differ.
    named = "\x1f".join(f"{r.name!r}\x1e{r.role!r}\x1e{r.kind}" for r in s.speakers)
    found = "\x1f".join(f"{sp.slug}\x1e{sp.name!r}\x1e{sp.kind}" for sp, _ in resolved)
    text = f"{s.slug}\0{s.title!r}\0{s.date}\0{s.place!r}\0{s.summary!r}\0{named}\0{found}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


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


def statement_page(
    views: Views,
    keys: InputKeys,
    statement: Statement,
    previous: Statement | None,
    following: Statement | None,
) -> PageJob:
    """One statement's page; its inputs are the statement's digest and the link keys of the
    three statements it shows (itself, the previous and the next in time)."""
    return PageJob(
        urls.statement(statement.slug),
        "statement.html",
        partial(_statement_context, views, statement, previous, following),
        inputs=keys.of((statement, previous, following), statement.digest),
        indexed=True,
        search_inputs=keys.of((statement,), statement.digest),
    )


def listing_pages(
    archive: Archive, config: Config, views: Views, keys: InputKeys, search_bundles: list[str]
) -> Iterator[PageJob]:
    """Every other page: speakers, dates, home, search, feeds, crawler files."""
    yield from _speaker_pages(archive, views, config, keys)
    yield from _date_pages(archive, views, keys)
    yield PageJob(
        urls.home(),
        "home.html",
        partial(_home_context, archive, views, config),
        inputs=keys.everything,
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
        urls.feed(),
        "feed.xml",
        partial(_feed_context, views, config.title, urls.feed(), urls.home(), latest),
        inputs=keys.of(latest),
    )
    yield from _crawler_files(archive, views, config, keys)


def _statement_context(
    views: Views, statement: Statement, previous: Statement | None, following: Statement | None
) -> dict[str, Any]:
    path = urls.statement(statement.slug)
    return {
        "page": _page(views, path, statement.title, description=statement.summary),
        "statement": views.statement(statement),
        "previous": views.link(previous) if previous else None,
        "next": views.link(following) if following else None,
    }


def _home_context(archive: Archive, views: Views, config: Config) -> dict[str, Any]:
    span = archive.span
    return {
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
    }


def _speakers_index_context(archive: Archive, views: Views) -> dict[str, Any]:
    letters: dict[str, list[dict[str, Any]]] = {}
    for entry in archive.speakers.values():
        letter = (entry.speaker.name[:1] or "#").upper()
        letters.setdefault(letter if letter.isalpha() else "#", []).append(views.speaker(entry))
    return {
        "page": _page(views, urls.speakers_index(), "Speakers"),
        "letters": [{"letter": k, "speakers": v} for k, v in sorted(letters.items())],
        "total": len(archive.speakers),
    }


def _speaker_context(
    views: Views, entry: SpeakerEntry, number: int, pages: int, chunk: list[Statement]
) -> dict[str, Any]:
    slug = entry.speaker.slug
    speaker = views.speaker(entry)
    path = urls.speaker(slug, number)
    title = entry.speaker.name if number == 1 else f"{entry.speaker.name} (page {number})"
    return {
        "page": _page(views, path, title, feed_url=speaker["feed_url"]),
        "speaker": speaker,
        "statements": [views.link(s) for s in chunk],
        "pagination": {
            "page": number,
            "pages": pages,
            "previous_url": views.u.href(urls.speaker(slug, number - 1)) if number > 1 else None,
            "next_url": views.u.href(urls.speaker(slug, number + 1)) if number < pages else None,
        },
    }


def _speaker_pages(
    archive: Archive, views: Views, config: Config, keys: InputKeys
) -> Iterator[PageJob]:
    yield PageJob(
        urls.speakers_index(),
        "speakers.html",
        partial(_speakers_index_context, archive, views),
        inputs=keys.everything,
    )
    for entry in archive.speakers.values():
        slug = entry.speaker.slug
        # A speaker page shows the speaker's roles and count: all their statements count.
        speaker_key = keys.of(entry.statements, slug, entry.speaker.name, entry.speaker.kind)
        for number, pages, chunk in _paginate(entry.statements, config.page_size):
            yield PageJob(
                urls.speaker(slug, number),
                "speaker.html",
                partial(_speaker_context, views, entry, number, pages, chunk),
                inputs=f"{speaker_key}:{number}:{pages}",
            )
        # Feeds list dated statements only, like the archive's feed: Atom needs a date.
        dated = [s for s in entry.statements if s.date is not None]
        newest = list(reversed(dated[: config.feed_size]))
        yield PageJob(
            urls.speaker_feed(slug),
            "feed.xml",
            partial(
                _feed_context, views, f"{entry.speaker.name} — {config.title}",
                urls.speaker_feed(slug), urls.speaker(slug), newest,
            ),
            inputs=speaker_key,
        )


def _dates_index_context(archive: Archive, views: Views) -> dict[str, Any]:
    u = views.u
    return {
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
    }


def _year_context(views: Views, year: int, months: dict[int, list[Statement]]) -> dict[str, Any]:
    u = views.u
    return {
        "page": _page(views, urls.year(year), str(year)),
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
    }


def _month_context(
    views: Views, year: int, month: int, statements: list[Statement]
) -> dict[str, Any]:
    u = views.u
    days: dict[dt.date, list[Statement]] = {}
    for statement in statements:
        days.setdefault(statement.date, []).append(statement)  # type: ignore[arg-type]
    return {
        "page": _page(views, urls.month(year, month), f"{MONTHS[month - 1]} {year}"),
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
    }


def _undated_context(archive: Archive, views: Views) -> dict[str, Any]:
    return {
        "page": _page(views, urls.undated(), "Undated statements"),
        "statements": [views.link(s) for s in archive.undated],
    }


def _date_pages(archive: Archive, views: Views, keys: InputKeys) -> Iterator[PageJob]:
    yield PageJob(
        urls.dates_index(),
        "dates.html",
        partial(_dates_index_context, archive, views),
        inputs=keys.everything,
    )
    for year, months in archive.years.items():
        yield PageJob(
            urls.year(year),
            "year.html",
            partial(_year_context, views, year, months),
            inputs=keys.of([s for statements in months.values() for s in statements]),
        )
        for month, statements in months.items():
            yield PageJob(
                urls.month(year, month),
                "month.html",
                partial(_month_context, views, year, month, statements),
                inputs=keys.of(statements),
            )
    if archive.undated:
        yield PageJob(
            urls.undated(),
            "undated.html",
            partial(_undated_context, archive, views),
            inputs=keys.of(archive.undated),
        )


SITEMAP_LIMIT = 50_000  # URLs per sitemap file, the protocol's maximum


def _newest(statements: Iterable[Statement]) -> str | None:
    dates = [s.date for s in statements if s.date is not None]
    return max(dates).isoformat() if dates else None


def _sitemap_urls(archive: Archive, views: Views, config: Config) -> list[dict[str, Any]]:
    """Every HTML page but search and 404, with the newest date of what it shows."""
    absolute = views.u.absolute
    entries = [{"url": absolute(urls.home()), "lastmod": _newest(archive.statements)}]
    entries += [
        {"url": absolute(urls.statement(s.slug)), "lastmod": _newest([s])}
        for s in archive.statements
    ]
    entries.append({"url": absolute(urls.speakers_index()), "lastmod": _newest(archive.statements)})
    for entry in archive.speakers.values():
        for number, _pages, chunk in _paginate(entry.statements, config.page_size):
            entries.append(
                {"url": absolute(urls.speaker(entry.speaker.slug, number)),
                 "lastmod": _newest(chunk)}
            )
    entries.append({"url": absolute(urls.dates_index()), "lastmod": _newest(archive.statements)})
    for year, months in archive.years.items():
        entries.append(
            {"url": absolute(urls.year(year)),
             "lastmod": _newest(s for m in months.values() for s in m)}
        )
        for month, statements in months.items():
            entries.append(
                {"url": absolute(urls.month(year, month)), "lastmod": _newest(statements)}
            )
    if archive.undated:
        entries.append({"url": absolute(urls.undated()), "lastmod": None})
    return entries


def _sitemap_jobs(archive: Archive, views: Views, config: Config) -> list[PageJob]:
    entries = _sitemap_urls(archive, views, config)
    if len(entries) <= SITEMAP_LIMIT:
        return [PageJob(urls.sitemap(), "sitemap.xml", {"sitemap": {"urls": entries}})]
    chunks = [entries[i : i + SITEMAP_LIMIT] for i in range(0, len(entries), SITEMAP_LIMIT)]
    jobs = [
        PageJob(urls.sitemap(n), "sitemap.xml", {"sitemap": {"urls": chunk, "parts": []}})
        for n, chunk in enumerate(chunks, start=1)
    ]
    parts = [
        {"url": views.u.absolute(urls.sitemap(n)),
         "lastmod": max((e["lastmod"] for e in chunk if e["lastmod"]), default=None)}
        for n, chunk in enumerate(chunks, start=1)
    ]
    jobs.insert(0, PageJob(urls.sitemap(), "sitemap.xml", {"sitemap": {"parts": parts}}))
    return jobs


def _crawler_files(
    archive: Archive, views: Views, config: Config, keys: InputKeys
) -> Iterator[PageJob]:
    """sitemap.xml (only when base_url is a full URL: sitemaps need absolute URLs) and
    robots.txt. Built only when needed: the sitemap lists every page."""
    sitemap = views.u.absolute_base is not None
    if sitemap:
        # Every page's URL and date is in keys.everything: no need to hash the list itself.
        for job in _sitemap_jobs(archive, views, config):
            yield PageJob(job.path, job.template, job.data, inputs=keys.everything)
    yield PageJob(
        urls.robots(),
        "robots.txt",
        {
            "robots": {
                "disallow": [views.u.href(urls.search())],
                "sitemap_url": views.u.absolute(urls.sitemap()) if sitemap else None,
            }
        },
    )


def _feed_context(
    views: Views, title: str, path: str, alternate: str, statements: list[Statement]
) -> dict[str, Any]:
    return {"feed": _feed(views, title, path, alternate, statements)}


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
    """What a page's output depends on: its template, its inputs (or else its context), and
    `salt` (theme, configuration, generator version). Equal fingerprints: identical output."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{job.template}\0{job.path}\0{salt}\0".encode())
    if job.inputs is not None:
        digest.update(job.inputs.encode())
    else:
        payload = json.dumps(
            job.context, sort_keys=True, default=_fingerprint_value, ensure_ascii=False
        )
        digest.update(payload.encode())
    return digest.hexdigest()
