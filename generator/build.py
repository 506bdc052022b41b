"""`dictum build`: the named stages in order, each timed.

import new documents -> load pages and registry -> group the archive -> render pages into
a staging folder -> copy theme assets -> index with Pagefind -> swap into `site/`.
Everything is read and validated before the live site is touched.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from . import __version__, render, search
from .archive import Archive, build_archive
from .config import Config
from .content import RACY_NS, PageStat, ParseCache, load_registry, load_statements, scan_pages
from .models import Problem, Statement
from .plans import Plans, plan_page_edits, plan_site
from .speakers import Registry
from .themes import Theme, ThemeError, bundled_theme, environment, resolve_theme
from .writer import MANIFEST, Manifest, Staging, recover

if TYPE_CHECKING:
    import threading

    from .importer import ImportReport


@dataclass
class BuildReport:
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0  # pages rendered (unchanged pages of an incremental build are not)
    shards_indexed: int = 0
    statements: int = 0
    published: bool = False  # whether site/ is this build's output
    up_to_date: bool = False  # nothing had changed: nothing was read or written
    quick: bool = False  # only statement pages' own text changed (`plan_page_edits`)
    imported: ImportReport | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:  # a stage run in several parts adds up
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def template_problem(error: Exception, theme: str = "theme") -> Problem:
    """A template error as `file:line: message`."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return Problem(error.filename or error.name or "template", error.message or str(error),
                       "template-syntax", error.lineno)
    if isinstance(error, jinja2.TemplateNotFound):
        return Problem(theme, f"template {error.name!r} not found", "template-missing")
    # A runtime error inside a template: the innermost frame in a template file names it.
    frame = error.__traceback__
    where, line = "template", None
    while frame is not None:
        filename = frame.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml")):
            where, line = filename, frame.tb_lineno
        frame = frame.tb_next
    return Problem(where, f"{type(error).__name__}: {error}", "template-error", line)


def cache_path(config: Config) -> Path:
    """Parsed front matter, beside the output (`.site.cache/`): safe to delete any time."""
    return config.output.parent / f".{config.output.name}.cache" / "pages.json"


def load_archive(
    config: Config,
    report: BuildReport,
    cache: ParseCache | None = None,
    pages: list[PageStat] | None = None,
) -> tuple[Archive, list[Problem]]:
    """Read the registry and every page (`pages`: their scan, if the caller made it); bad
    pages are returned as problems."""
    with report.stage("load"):
        speakers, problems = load_registry(config.registry, config.root)
        statements, page_problems = load_statements(
            config.statements, config.root, cache, pages
        )
    with report.stage("archive"):
        archive = build_archive(statements, Registry.of(speakers))
    report.statements = len(archive.statements)
    return archive, problems + page_problems


def theme_digest(theme: Theme) -> str:
    """A hash of every template and asset of the theme chain."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in (*theme.folders, bundled_theme()):
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(folder).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def input_stamp(config: Config, theme: Theme, pages: list[PageStat] | None = None) -> str:
    """Names, sizes and modification times of every file a build reads, and the settings.

    An unchanged stamp means an unchanged site, so a no-op rebuild stops here without
    reading a page. Any difference only means "look closer": the build then hashes contents.
    A file changed in the last moments could change again within the same tick of the file
    system's clock, keeping its time (git's "racy clean" problem): then the stamp is "",
    which never matches, and the next build looks closer. `pages` is the statement pages'
    scan when the caller has it (loading reuses it, so the pages are listed once a build).
    """
    racy_after = time.time_ns() - RACY_NS
    settings = {k: v for k, v in vars(config).items() if k != "root"}  # every option counts here
    lines = [f"{__version__}\0{json.dumps(settings, sort_keys=True, default=str)}"]
    statements = os.path.normpath(config.statements)
    found = list(scan_pages(config.statements) if pages is None else pages)
    for folder in (config.content, *theme.folders, bundled_theme()):
        for root, dirs, files in os.walk(folder):
            if os.path.normpath(root) == statements:
                dirs.clear()  # its pages are in `found`; other files there are not read
                continue
            dirs.sort()
            for name in sorted(files):
                path = os.path.join(root, name)
                try:
                    found.append((path, os.stat(path)))
                except FileNotFoundError:
                    continue
    racy = any(stat.st_mtime_ns > racy_after for _path, stat in found)
    lines += [f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}" for path, stat in found]
    text = "\n".join(lines)
    return "" if racy else hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _stamp_line(stamp: str, config: Config) -> str:
    """The stamp with the live manifest's file time: a site replaced behind our back (or
    restored from a backup) does not pass for up to date."""
    if not stamp:
        return ""
    try:
        manifest_time = os.stat(config.output / MANIFEST).st_mtime_ns
    except FileNotFoundError:
        return ""
    return f"{stamp} {manifest_time}"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _stamp(path: Path, stamp: str, config: Config, report: BuildReport) -> None:
    """Remember the inputs of a good build (kept beside the site, not in it: the stamp
    holds local paths and file times, and the site must be the same on every machine).
    A build with problems is not stamped: the next one must report them again."""
    if report.problems:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_stamp_line(stamp, config), encoding="utf-8")


class BuildCancelled(Exception):
    """`build(cancel=...)` was told to stop; the staging folder has been discarded."""


def _checkpoint(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise BuildCancelled


def _origins(statements: Iterable[Statement]) -> dict[str, tuple[Path, str]]:
    """Inbox file -> (its page, the sha256 it was imported from)."""
    return {
        s.origin.file: (s.path, s.origin.sha256)
        for s in statements
        if s.origin is not None and s.path is not None
    }


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "none"


def _import_new(
    config: Config, report: BuildReport, origins: dict[str, tuple[Path, str]],
    log: Callable[[str], None],
) -> bool:
    """Import inbox documents that have no page yet; True when pages were created."""
    from .importer import ExistingPage, Importer  # only builds that import pay for extraction

    existing = {
        file: ExistingPage(page, sha256, edited=False) for file, (page, sha256) in origins.items()
    }
    with report.stage("import"):
        imported = Importer(
            inbox=config.inbox,
            statements_dir=config.statements,
            registry_path=config.registry,
            root=config.root,
            default_year=config.default_year,
            only_new=True,
        ).run(existing=existing)
    report.imported = imported
    report.problems += imported.problems
    if imported.results:
        log(imported.summary())
    return any(r.status == "created" for r in imported.results)


class Session:
    """What a long-running caller (`dictum serve`) keeps from one build to the next: parsed
    pages, compiled templates, planned statement pages. A build gives the same site with
    or without it."""

    def __init__(self, *, keep: bool = True) -> None:
        # A one-off build (keep=False) lets the archive go once its pages are written, so
        # the search step has the memory to run Pagefind processes side by side.
        self.keep = keep
        self._plans: dict[Path, Plans] = {}
        # The input stamp lets a build that finds nothing changed stop at once. A watcher
        # that builds because something changed turns it off after its first build.
        self.stamps = True
        self._caches: dict[Path, ParseCache] = {}
        self._environments: dict[tuple[Path, ...], jinja2.Environment] = {}

    def forget(self) -> None:
        """Let go of everything kept from earlier builds."""
        self._caches, self._environments, self._plans = {}, {}, {}

    def forget_pages(self) -> None:
        self._caches = {}

    def cache(self, path: Path) -> ParseCache:
        if path not in self._caches:
            self._caches = {path: ParseCache(path)}  # one archive at a time
        return self._caches[path]

    def plans(self, path: Path) -> Plans:
        if path not in self._plans:
            self._plans = {path: Plans(path)}
        return self._plans[path]

    def environment(self, theme: Theme) -> jinja2.Environment:
        # Jinja2 recompiles a template whose file changed, so an environment serves as long
        # as the folders it searches are the same.
        key = tuple(theme.template_dirs)
        if key not in self._environments:
            self._environments = {key: environment(theme)}
        return self._environments[key]


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Loading and planning allocate hundreds of thousands of small objects that live until
    the build ends and hold no reference cycles; Python's default cycle collector would
    rescan them every 700 allocations (about a fifth of a warm build's time)."""
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def build(
    config: Config,
    *,
    import_inbox: bool = True,
    full: bool = False,
    log: Callable[[str], None] = lambda _: None,
    cancel: threading.Event | None = None,
    workers: int | None = None,
    session: Session | None = None,
    pages_ready: Callable[[BuildReport], None] | None = None,
) -> BuildReport:
    """Build the site; with a previous build on disk, render only what changed.

    `full` ignores the previous build (a clean build). Either way the result is the same.
    `cancel` (used by `dictum serve` on Ctrl-C) is checked after the import and between
    pages and stages: once set, build raises BuildCancelled and leaves `site/` as it was.
    `workers` caps the processes that render (default: one per core). `session` carries
    parsed pages and templates over from the caller's previous builds. `pages_ready`
    (`dictum serve`'s reload) makes an incremental build publish its pages before the
    search step, call it, then publish the search index: until then the live manifest keeps
    the old digests of the shards being indexed, so a build cut off there indexes them next.
    """
    with _fewer_collections():
        return _build(
            config, import_inbox, full, log, cancel, workers, session or Session(keep=False),
            pages_ready,
        )  # fmt: skip


def _build(
    config: Config,
    import_inbox: bool,
    full: bool,
    log: Callable[[str], None],
    cancel: threading.Event | None,
    workers: int | None,
    session: Session,
    pages_ready: Callable[[BuildReport], None] | None,
) -> BuildReport:
    report = BuildReport()
    recover(config.output)
    try:
        theme = resolve_theme(config.root, config.theme)
    except ThemeError as error:
        report.problems.append(Problem(str(config.root / "dictum.toml"), str(error), "theme"))
        return report
    previous = (
        Manifest(version=__version__)
        if full
        else Manifest.load(config.output / MANIFEST, __version__)
    )
    with report.stage("scan"):
        scanned = scan_pages(config.statements)
        stamp = input_stamp(config, theme, scanned) if session.stamps else ""
    stamp_file = cache_path(config).with_name("stamp")
    line = _stamp_line(stamp, config)
    if not full and line and _read(stamp_file) == line:
        report.published = report.up_to_date = True
        return report
    cache = session.cache(cache_path(config))
    plans = session.plans(cache_path(config).with_name("plans.json"))
    env = session.environment(theme)
    theme_hash = theme_digest(theme)
    incremental = bool(previous.files) and config.output.is_dir()
    manifest = Manifest(version=__version__, assets=theme_hash, registry=_digest(config.registry))

    pages = None
    if incremental:
        with report.stage("plan"):
            pages = plan_page_edits(config, cache, plans, scanned, previous, theme_hash, manifest)
        if pages is not None and import_inbox and config.inbox.is_dir():
            if _import_new(config, report, cache.origins(config.root), log):
                pages = None  # new pages: plan them all
                manifest = Manifest(version=__version__, assets=theme_hash,
                                    registry=_digest(config.registry))  # fmt: skip
                stamp = input_stamp(config, theme) if session.stamps else ""
                scanned = None
    if pages is None:
        archive, problems = load_archive(config, report, cache, scanned)
        if scanned is not None and import_inbox and config.inbox.is_dir():
            if _import_new(config, report, _origins(archive.statements), log):
                # New pages and registry entries: load again (the parse cache makes it cheap).
                stamp = input_stamp(config, theme) if session.stamps else ""
                manifest.registry = _digest(config.registry)
                archive, problems = load_archive(config, report, cache)
        report.problems += problems
        if any(p.code == "registry" for p in problems):
            manifest.registry = ""  # a build from this registry is not one to plan from
        _checkpoint(cancel)  # the import is never cut off: its pages and registry go together
        cache.save()
        if not session.keep:
            # Saved, the parse cache's entries (and the scan) make room for the plan: this
            # process's size decides how many render workers it can fork.
            session.forget_pages()
            cache = scanned = None
        with report.stage("plan"):
            pages = plan_site(
                archive, config, plans, previous if incremental else None, theme_hash, manifest
            )
        del archive
    else:
        cache.save()
    _checkpoint(cancel)
    report.statements, report.quick = pages.statements, pages.quick
    todo, stale, changed_shards = pages.todo, pages.stale, pages.changed_shards
    shard_total, site = pages.shard_total, pages.site
    assets_changed = not incremental or previous.assets != theme_hash

    if incremental and not (todo or stale or changed_shards or assets_changed):
        plans.save()
        report.published = True  # the live site is already this build's output
        _stamp(stamp_file, stamp, config, report)
        return report

    staging = Staging(config.output)
    staging.open(incremental=incremental)
    try:
        with report.stage("render"):
            failure = render_pages(env, todo, site, staging, cancel, workers, config.theme)
            if failure is not None:
                report.problems.append(failure)
                staging.abort()
                return report
            report.pages = len(todo)
            for path in stale:
                staging.remove(path)
        with report.stage("assets"):
            if assets_changed:
                for folder in theme.static_dirs:
                    staging.copy_tree(folder, "static")
        _checkpoint(cancel)
        if pages_ready is not None and staging.incremental and changed_shards:
            with report.stage("publish"):
                staging.write(MANIFEST, _before_search(manifest, previous, changed_shards))
                staging.commit()
            report.published = True
            pages_ready(report)
            staging = Staging(config.output)  # the search index follows in a second step
            staging.open(incremental=True)
        plans.save()
        if not session.keep:
            # Everything that holds statements goes: the jobs, the archive, the caches.
            del pages, todo, site, cache, previous, plans
            session.forget()
            _release_memory()
        with report.stage("search"):
            try:
                spare = max(search.SEARCH_MEMORY_MB / 3, MEMORY_BUDGET_MB - _memory_mb())
                search.index_shards(
                    staging, changed_shards, total=shard_total,
                    memory_mb=min(search.SEARCH_MEMORY_MB, spare),
                )  # fmt: skip
            except search.SearchIndexError as error:
                report.problems.append(Problem("site", str(error), "search-index"))
                staging.abort()
                return report
            report.shards_indexed = len(changed_shards)
        _checkpoint(cancel)
        with report.stage("publish"):
            staging.write(MANIFEST, manifest.dumps())
            staging.commit()
            report.published = True
        _stamp(stamp_file, stamp, config, report)
    except BaseException:
        staging.abort()
        raise
    return report


def _before_search(manifest: Manifest, previous: Manifest, shards: dict[int, list[str]]) -> str:
    """The manifest of a site whose pages are this build's but whose search shards `shards`
    are still the previous build's."""
    kept = dict(manifest.shards)
    for shard in map(str, shards):
        if shard in previous.shards:
            kept[shard] = previous.shards[shard]
        else:
            kept.pop(shard, None)
    return dataclasses.replace(manifest, shards=kept).dumps()


def render_pages(
    env: jinja2.Environment,
    jobs: list[render.PageJob],
    site: dict,
    staging: Staging,
    cancel: threading.Event | None = None,
    workers: int | None = None,
    theme: str = "theme",
) -> Problem | None:
    """Render and write `jobs`; on several cores, this process and forked workers together.

    Returns the first template error as a Problem, or None. Workers inherit the jobs and
    environment by fork, so nothing is pickled but problems. Each process takes the next
    chunk of jobs from a shared counter until none is left.
    """
    workers = min(workers or os.cpu_count() or 1, max(1, len(jobs) // PAGES_PER_WORKER))
    if workers > 1:
        # A forked worker ends up with a private copy of most of what it reads: about
        # three quarters of this process. Fork only as many as the memory budget holds.
        own = _memory_mb()
        workers = min(workers, 1 + int((MEMORY_BUDGET_MB - own) // (0.8 * own)))
    if workers > 1:  # imported here: a small rebuild renders in this process only
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            _checkpoint(cancel)
            try:
                staging.write(job.output, render.render_page(env, job, site))
            except Exception as error:  # syntax errors and errors raised while rendering
                return template_problem(error, theme)
        return None
    global _FORKED
    chunks = [range(i, min(i + 100, len(jobs))) for i in range(0, len(jobs), 100)]
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # chunks handed out so far, shared with the workers
    _FORKED = (env, jobs, site, staging, theme, chunks, taken)
    # Objects the workers inherit stay shared with this process only while nothing writes
    # to them; frozen, the cycle collector in a worker never does.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers - 1, mp_context=context) as pool:
            helpers = [pool.submit(_render_chunks) for _ in range(workers - 1)]
            try:
                problem = _render_chunks(cancel)
            except BaseException:
                _stop_taking(taken, len(chunks))
                raise
            if problem is not None:
                _stop_taking(taken, len(chunks))
                return problem
            for helper in helpers:
                problem = helper.result()
                if problem is not None:
                    return problem
    finally:
        _FORKED = None
        gc.unfreeze()
    return None


def _stop_taking(taken: Any, total: int) -> None:
    with taken.get_lock():
        taken.value = total


PAGES_PER_WORKER = 400  # below this, starting processes costs more than it saves
# Memory a build aims to stay within, helper processes included: render workers and Pagefind
# processes are added only while they fit (a large archive then builds with fewer of them).
MEMORY_BUDGET_MB = 1400


def _release_memory() -> None:
    """Collect what the build let go and hand freed heap back to the system (glibc)."""
    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the memory stays reusable by this process
        pass


def _memory_mb() -> float:
    """This process's resident memory now (its peak so far where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024


_FORKED: tuple | None = None  # what forked render workers inherit


def _render_chunks(cancel: threading.Event | None = None) -> Problem | None:
    """Render chunks of `_FORKED`'s jobs until none is left (in this process or a worker)."""
    env, jobs, site, staging, theme, chunks, taken = _FORKED  # type: ignore[misc]
    while True:
        _checkpoint(cancel)
        with taken.get_lock():
            number = taken.value
            taken.value += 1
        if number >= len(chunks):
            return None
        for index in chunks[number]:
            job = jobs[index]
            try:
                staging.write(job.output, render.render_page(env, job, site))
            except Exception as error:  # syntax errors and errors raised while rendering
                return template_problem(error, theme)
