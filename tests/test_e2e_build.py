"""End to end: `dictum build` as a process, the site opened in headless Chromium.

On the shipped sample archive and on the whole corpus (with the seed document added), a
reader types a query into the header's search box, finds the seed statement, narrows the
results with the speaker filter, and walks speaker index -> speaker page -> statement.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .browser import chromium, static_server
from .conftest import CORPUS, REPO, SEED, run_dictum

SEED_TITLE = "Russia calls on foreign partners to create united front to fight terrorism — diplomat"
SPEAKER = "Oleg Syromolotov"


def _sample(tmp: Path) -> Path:
    root = tmp / "sample"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "dictum.toml", root / "dictum.toml")
    return root


def _corpus(tmp: Path) -> Path:
    root = tmp / "corpus"
    shutil.copytree(CORPUS, root / "content" / "inbox", ignore=shutil.ignore_patterns("README*"))
    shutil.copy(SEED, root / "content" / "inbox" / SEED.name)
    return root


@pytest.fixture(scope="module", params=["sample", "corpus"])
def built(request, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp(request.param)
    root = _sample(tmp) if request.param == "sample" else _corpus(tmp)
    completed = run_dictum("build", cwd=root)
    assert completed.returncode == 0, completed.stderr[-3000:]
    inbox_docs = [p for p in (root / "content" / "inbox").rglob("*.txt")]
    return {"root": root, "site": root / "site", "docs": len(inbox_docs), "out": completed}


def test_a_page_per_document(built):
    pages = list((built["root"] / "content" / "statements").glob("*.md"))
    assert len(pages) == built["docs"]
    rendered = list((built["site"] / "statements").glob("*/index.html"))
    assert len(rendered) == built["docs"]
    assert (built["site"] / "pagefind" / "0" / "pagefind.js").is_file()
    assert (built["site"] / "pagefind" / "0" / "pagefind-ui.js").is_file()


def test_seed_pages_on_disk(built):
    site = built["site"]
    statement = next(
        p for p in (site / "statements").glob("*/index.html")
        if SEED_TITLE in p.read_text(encoding="utf-8")
    )
    html = statement.read_text(encoding="utf-8")
    assert re.search(r'<a href="/speakers/oleg-syromolotov/"[^>]*>Oleg Syromolotov</a>', html)
    assert "Russian Deputy Foreign Minister" in html
    assert 'datetime="2016-05-31"' in html and "Moscow" in html
    speaker_page = (site / "speakers" / "oleg-syromolotov" / "index.html").read_text()
    assert SEED_TITLE in speaker_page
    year_page = (site / "dates" / "2016" / "index.html").read_text()
    assert SEED_TITLE in year_page


JS_SEARCH = """async ([query, filters]) => {
    // The index is sharded: load the first bundle, merge the others.
    const base = document.querySelector('link[rel=stylesheet]').href.replace(/static\\/.*$/, '');
    const html = await (await fetch(base + 'search/')).text();
    const bundles = html.match(/data-bundles="([^"]*)"/)[1].split(' ');
    const pagefind = await import(bundles[0] + 'pagefind.js');
    for (const other of bundles.slice(1)) await pagefind.mergeIndex(other);
    const search = await pagefind.search(query, {filters});
    const data = await Promise.all(search.results.map(r => r.data()));
    return data.map(d => ({title: d.meta.title, filters: d.filters, date: d.meta.date}));
}"""


def _no_foreign_requests(page, base: str) -> list[str]:
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else foreign.append(r.url))
    return foreign


def test_search_box_filter_and_browse(built):
    with static_server(built["site"]) as base, chromium() as browser:
        page = browser.new_page()
        foreign = _no_foreign_requests(page, base)
        page.goto(base)
        page.fill("#site-search", "terrorism")
        page.press("#site-search", "Enter")
        page.wait_for_url(re.compile(r"/search/\?q=terrorism"))
        result = page.locator(".pagefind-ui__result-link", has_text=SEED_TITLE)
        result.first.wait_for(timeout=15_000)

        # Narrow to the speaker: the UI then shows exactly the statements the Pagefind API
        # finds for that filter, the seed among them.
        expected = page.evaluate(JS_SEARCH, ["terrorism", {"speaker": SPEAKER}])
        assert SEED_TITLE in [r["title"] for r in expected]
        page.locator(".pagefind-ui__filter-label", has_text=SPEAKER).first.click()
        count = len(expected)
        page.locator(".pagefind-ui__message").filter(
            has_text=re.compile(rf"^{count} results? for")
        ).wait_for(timeout=15_000)
        titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
        assert sorted(titles) == sorted(r["title"] for r in expected)
        if built["docs"] > 100:  # the corpus has other "terrorism" results the filter removed
            unfiltered = page.evaluate(JS_SEARCH, ["terrorism", {}])
            assert len(unfiltered) > count

        # Speaker index -> speaker page -> statement.
        page.goto(base + "speakers/")
        page.get_by_role("link", name=SPEAKER, exact=True).click()
        assert page.locator("h1").inner_text() == SPEAKER
        page.get_by_role("link", name=SEED_TITLE).click()
        assert page.locator("h1").inner_text() == SEED_TITLE
        assert page.locator("a[href='/speakers/oleg-syromolotov/']").count() >= 1
        assert foreign == []


def test_pagefind_api_record_carries_speaker_filter(built):
    with static_server(built["site"]) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(base + "search/")
        for query in ("terrorism", "coalition"):
            found = page.evaluate(JS_SEARCH, [query, {}])
            seed = [r for r in found if r["title"] == SEED_TITLE]
            assert seed, f"{query!r} did not find the seed"
            assert seed[0]["filters"]["speaker"] == [SPEAKER]
            assert seed[0]["filters"]["year"] == ["2016"]
            assert seed[0]["date"] == "2016-05-31"
