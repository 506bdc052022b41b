"""A site built for a subpath works under it: served over HTTP at `/archive/`, every internal
link and asset resolves, and search in Chromium lands on statements under `/archive/`. The
same for a site built for the domain root."""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from .browser import chromium, static_server
from .conftest import run_dictum


class _Refs(HTMLParser):
    """Every href and src of a page (a parser of its own, not the one `dictum check` uses)."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.refs.append(values[name])  # type: ignore[arg-type]
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")


def crawl(*starts: str) -> tuple[dict[str, int], dict[str, str]]:
    """Follow every same-origin href and src from `starts`, HTML pages recursively, and the
    links of feeds, sitemaps and robots.txt. Returns each URL's status and each page's
    canonical link."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(starts[0]))
    status: dict[str, int] = {}
    canonical: dict[str, str] = {}
    queue = list(starts)
    while queue:
        url = queue.pop()
        if url in status:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status[url] = response.status
                body = response.read()
                kind = response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            status[url] = error.code
            continue
        refs: list[str] = []
        if kind == "text/html":
            parser = _Refs()
            parser.feed(body.decode("utf-8"))
            refs = parser.refs
            canonical[url] = parser.canonical or ""
        elif url.endswith(".xml"):
            text = body.decode("utf-8")
            refs = re.findall(r'href="([^"]+)"', text) + re.findall(r"<loc>([^<]+)</loc>", text)
        elif url.endswith("robots.txt"):
            refs = re.findall(r"^Sitemap: (\S+)$", body.decode("utf-8"), re.M)
        for ref in refs:
            target = urljoin(url, ref).split("#")[0]
            if target.startswith(origin + "/"):
                queue.append(target)
    return status, canonical


@pytest.mark.parametrize("prefix", ["archive/", ""], ids=["subpath", "root"])
def test_site_works_where_it_is_served(sample_archive, tmp_path, prefix):
    served = tmp_path / "served"
    served.mkdir()
    # The server's port is the base URL's: start it first, then build for its address.
    with static_server(served) as origin, chromium() as browser:
        base = origin + prefix
        run_dictum("build", "--base-url", base, cwd=sample_archive, check=True)
        site = sample_archive / "site"
        if prefix:  # the site in a folder of the served tree: nothing exists outside it
            shutil.copytree(site, served / prefix.strip("/"))
        else:
            shutil.copytree(site, served, dirs_exist_ok=True)

        status, canonical = crawl(base, base + "robots.txt")
        broken = {url: code for url, code in status.items() if code != 200}
        assert broken == {}
        assert all(url.startswith(base) for url in status)
        # Every page was reached (404.html is linked from nowhere), and the search bundle.
        pages = {
            base + p.relative_to(site).as_posix().removesuffix("index.html")
            for p in site.rglob("*.html")
        } - {base + "404.html"}
        assert pages <= set(status)
        assert base + "pagefind/0/pagefind-ui.js" in status
        assert base + "sitemap.xml" in status and base + "feed.xml" in status
        assert all(canonical[url] == url for url in pages)

        page = browser.new_page()
        failed: list[str] = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(base + "dates/")
        page.fill("#site-search", "terrorism")
        page.press("#site-search", "Enter")
        page.wait_for_url(re.compile(re.escape(base) + r"search/\?q=terrorism"))
        result = page.locator(".pagefind-ui__result-link").first
        result.wait_for(timeout=15_000)
        title = result.inner_text()
        result.click()
        page.wait_for_url(re.compile(re.escape(base) + r"statements/[a-z0-9-]+/$"))
        assert page.locator("h1").inner_text() == title
        assert failed == []
