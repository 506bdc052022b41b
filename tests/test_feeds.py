"""Atom feeds, sitemap.xml and robots.txt of a built sample archive, read back with feedparser
and ElementTree and compared with what the statement pages say."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
import yaml

from generator import render
from generator.build import build
from generator.check import check_site, url_path
from generator.config import load_config
from generator.speakers import name_key

from .conftest import REPO, run_dictum

BASE = "https://example.org/archive/"
FEED_SIZE = 5
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _copy_sample(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "dictum.toml", root / "dictum.toml")
    with (root / "dictum.toml").open("a", encoding="utf-8") as toml:
        toml.write(f"feed_size = {FEED_SIZE}\n")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = _copy_sample(tmp_path_factory.mktemp("feeds") / "archive")
    run_dictum("build", "--base-url", BASE, cwd=root, check=True)
    return root


def _pages(root: Path) -> list[dict]:
    """What the statement pages say, read with plain YAML: slug, title, date, speakers."""
    pages = []
    for path in sorted((root / "content" / "statements").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        pages.append({
            "slug": meta.get("slug") or path.stem,
            "title": str(meta["title"]),
            "date": meta.get("date"),
            "speakers": [s["name"] for s in meta.get("speakers") or []],
        })  # fmt: skip
    return pages


def _newest(pages: list[dict]) -> list[dict]:
    dated = sorted((p for p in pages if p["date"]), key=lambda p: (p["date"], p["slug"]))
    return list(reversed(dated))[:FEED_SIZE]


def _parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    assert parsed.version == "atom10"
    return parsed


def _alternates(page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    atom = r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"'
    return re.findall(atom, html)


def test_archive_feed_is_valid_atom_with_the_newest_statements(built):
    feed = _parse(built / "site" / "feed.xml")
    newest = _newest(_pages(built))
    assert [e.link for e in feed.entries] == [f"{BASE}statements/{p['slug']}/" for p in newest]
    assert [e.title for e in feed.entries] == [p["title"] for p in newest]
    assert [e.id for e in feed.entries] == [e.link for e in feed.entries]
    assert all(e.get("author") for e in feed.entries)
    assert feed.feed.title == "Dictum sample archive"
    assert feed.feed.id == f"{BASE}feed.xml"
    assert feed.feed.updated == f"{newest[0]['date'].isoformat()}T00:00:00Z"
    assert {link.rel: link.href for link in feed.feed.links} == {
        "self": f"{BASE}feed.xml", "alternate": BASE,
    }  # fmt: skip
    assert _alternates(built / "site" / "index.html") == ["/archive/feed.xml"]


def test_each_speaker_feed_lists_exactly_that_speakers_statements(built):
    pages = _pages(built)
    registry = yaml.safe_load((built / "content" / "speakers.yaml").read_text(encoding="utf-8"))
    feeds = sorted((built / "site" / "speakers").glob("*/feed.xml"))
    assert len(feeds) == len(registry["speakers"])
    truncated = 0
    for entry in registry["speakers"]:
        slug, name = entry["slug"], entry["name"]
        feed = _parse(built / "site" / "speakers" / slug / "feed.xml")
        # Spellings of one name ("Oleh"/"Oleg Ustenko") are one speaker with one feed.
        theirs = [p for p in pages if name_key(name) in {name_key(s) for s in p["speakers"]}]
        assert theirs, name
        truncated += len(theirs) > FEED_SIZE
        assert [e.link for e in feed.entries] == [
            f"{BASE}statements/{p['slug']}/" for p in _newest(theirs)
        ], name
        assert feed.feed.title == f"{name} — Dictum sample archive"
        assert all(name in [a.name for a in e.authors] for e in feed.entries)  # registry name
        page = built / "site" / "speakers" / slug / "index.html"
        assert _alternates(page) == ["/archive/feed.xml", f"/archive/speakers/{slug}/feed.xml"]
    assert truncated  # some speaker has more statements than a feed holds


def test_speaker_feed_leaves_out_undated_statements(seed_archive):
    statements = seed_archive / "content" / "statements"
    statements.mkdir(parents=True)
    (statements / "undated-remark.md").write_text(
        "---\ntitle: An undated remark\nspeakers:\n  - name: Oleg Syromolotov\n---\n\nText.\n",
        encoding="utf-8",
    )
    run_dictum("build", "--base-url", BASE, cwd=seed_archive, check=True)
    feed = _parse(seed_archive / "site" / "speakers" / "oleg-syromolotov" / "feed.xml")
    assert [e.title for e in feed.entries] == [
        "Russia calls on foreign partners to create united front to fight terrorism — diplomat"
    ]
    assert feed.feed.updated == "2016-05-31T00:00:00Z"
    # The undated statement still has its page and its place on the speaker's page.
    speaker = (seed_archive / "site" / "speakers" / "oleg-syromolotov" / "index.html").read_text()
    assert "An undated remark" in speaker


def test_sitemap_lists_every_page_but_404_and_search(built):
    site = built / "site"
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    entries = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iter(f"{SITEMAP}url")
    }
    pages = {
        BASE + url_path(p.relative_to(site).as_posix())
        for p in site.rglob("*.html")
        if p.relative_to(site).as_posix() not in ("404.html", "search/index.html")
    }
    assert set(entries) == pages
    assert len(list(root.iter(f"{SITEMAP}url"))) == len(pages)  # no URL twice
    for page in _pages(built):
        assert entries[f"{BASE}statements/{page['slug']}/"] == page["date"].isoformat()
    dates = [p["date"] for p in _pages(built) if p["date"].strftime("%Y-%m") == "2022-03"]
    assert entries[f"{BASE}dates/2022/03/"] == max(dates).isoformat()
    assert entries[BASE] == max(p["date"] for p in _pages(built)).isoformat()

    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots == (
        f"User-agent: *\nDisallow: /archive/search/\n\nSitemap: {BASE}sitemap.xml\n"
    )


def test_a_long_sitemap_is_split_into_parts(sample_archive, monkeypatch):
    run_dictum("import", cwd=sample_archive, check=True)
    monkeypatch.setattr(render, "SITEMAP_LIMIT", 10)
    config = load_config(sample_archive, {"base_url": BASE})
    assert build(config, import_inbox=False).published
    site = sample_archive / "site"
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    parts = [s.findtext(f"{SITEMAP}loc") for s in index.iter(f"{SITEMAP}sitemap")]
    assert parts == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    urls = []
    for part in parts:
        urlset = ET.parse(site / part.removeprefix(BASE)).getroot()
        found = [u.findtext(f"{SITEMAP}loc") for u in urlset.iter(f"{SITEMAP}url")]
        assert 0 < len(found) <= 10
        urls += found
    assert len(urls) == len(set(urls)) == len(list(site.rglob("*.html"))) - 2
    assert check_site(site, config).problems == []


def test_a_base_url_path_gets_no_sitemap_and_a_warning(sample_archive):
    run_dictum("build", "--base-url", "/archive/", cwd=sample_archive, check=True)
    site = sample_archive / "site"
    assert not (site / "sitemap.xml").exists()
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /archive/search/\n"
    feed = _parse(site / "feed.xml")
    assert feed.entries[0].link.startswith("/archive/statements/")
    completed = run_dictum("check", "--site", "site", "--base-url", "/archive/",
                           cwd=sample_archive)  # fmt: skip
    assert completed.returncode == 0
    assert "warning: base_url '/archive/' is a path" in completed.stderr
    assert "no sitemap.xml is written" in completed.stderr


def test_statement_dates_are_not_build_times(built):
    """Nothing in a feed or sitemap comes from the clock: every date is a statement's."""
    known = {p["date"].isoformat() for p in _pages(built)}
    for name in ["feed.xml", "sitemap.xml", *[
        p.relative_to(built / "site").as_posix()
        for p in (built / "site" / "speakers").glob("*/feed.xml")
    ]]:  # fmt: skip
        text = (built / "site" / name).read_text(encoding="utf-8")
        dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", text))
        assert dates and dates <= known, name
        assert dt.date.today().isoformat() not in dates or dt.date.today().isoformat() in known
