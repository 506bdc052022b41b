"""The one place that maps archive objects to URLs and output files.

Paths here are site-relative ("statements/slug/"); `Urls.href` puts them under the base
path so the site works at a domain root or under a subpath.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATEMENTS = "statements/"  # every statement page's folder is under it, and nothing else


def statement(slug: str) -> str:
    return f"{STATEMENTS}{slug}/"


def speakers_index() -> str:
    return "speakers/"


def speaker(slug: str, page: int = 1) -> str:
    return f"speakers/{slug}/" if page == 1 else f"speakers/{slug}/page/{page}/"


def speaker_feed(slug: str) -> str:
    return f"speakers/{slug}/feed.xml"


def dates_index() -> str:
    return "dates/"


def year(number: int) -> str:
    return f"dates/{number:04d}/"


def month(number_year: int, number_month: int) -> str:
    return f"dates/{number_year:04d}/{number_month:02d}/"


def day(date: dt.date) -> str:
    return f"{month(date.year, date.month)}#d{date.isoformat()}"


def undated() -> str:
    return "dates/undated/"


def search() -> str:
    return "search/"


def feed() -> str:
    return "feed.xml"


def home() -> str:
    return ""


def not_found() -> str:
    return "404.html"


def sitemap(part: int | None = None) -> str:
    """`sitemap.xml`, or one part of a sitemap split because it is too long."""
    return "sitemap.xml" if part is None else f"sitemap-{part}.xml"


def robots() -> str:
    return "robots.txt"


def static(name: str) -> str:
    return f"static/{name}"


def output_file(path: str) -> str:
    """The file a site-relative path is written to: folders get an index.html."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path


@dataclass(frozen=True)
class Urls:
    base_path: str = "/"
    absolute_base: str | None = None

    def href(self, path: str) -> str:
        return self.base_path + path

    def absolute(self, path: str) -> str:
        """A full URL when the configuration gives one, else the root-relative href."""
        return (self.absolute_base or self.base_path) + path
