"""`dictum build`: the named stages in order, each timed.

import new documents -> load pages and registry -> group the archive -> render pages into
a staging folder -> copy theme assets -> index with Pagefind -> swap into `site/`.
Everything is read and validated before the live site is touched.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import jinja2

from . import __version__, render, search
from .archive import Archive, build_archive
from .config import Config
from .content import load_registry, load_statements
from .models import Problem
from .speakers import Registry
from .themes import Theme, ThemeError, bundled_theme, environment, resolve_theme
from .writer import MANIFEST, Manifest, Staging, recover

if TYPE_CHECKING:
    from .importer import ImportReport


@dataclass
class BuildReport:
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0  # pages rendered (unchanged pages of an incremental build are not)
    shards_indexed: int = 0
    statements: int = 0
    published: bool = False  # whether site/ was replaced
    imported: ImportReport | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = time.perf_counter() - start


def template_problem(error: Exception, config: Config) -> Problem:
    """A template error as `file:line: message`."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return Problem(error.filename or error.name or "template", error.message or str(error),
                       "template-syntax", error.lineno)
    if isinstance(error, jinja2.TemplateNotFound):
        return Problem(config.theme, f"template {error.name!r} not found", "template-missing")
    # A runtime error inside a template: the innermost frame in a template file names it.
    frame = error.__traceback__
    where, line = "template", None
    while frame is not None:
        filename = frame.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml")):
            where, line = filename, frame.tb_lineno
        frame = frame.tb_next
    return Problem(where, f"{type(error).__name__}: {error}", "template-error", line)


def load_archive(config: Config, report: BuildReport) -> Archive:
    with report.stage("load"):
        speakers, problems = load_registry(config.registry, config.root)
        report.problems += problems
        statements, problems = load_statements(config.statements, config.root)
        report.problems += problems
    with report.stage("archive"):
        archive = build_archive(statements, Registry.of(speakers))
    report.statements = len(archive.statements)
    return archive


def theme_digest(theme: Theme) -> str:
    """A hash of every template and asset of the theme chain."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in (*theme.folders, bundled_theme()):
        for file in sorted(folder.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(file.relative_to(folder).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def build(
    config: Config,
    *,
    import_inbox: bool = True,
    full: bool = False,
    log: Callable[[str], None] = lambda _: None,
) -> BuildReport:
    """Build the site; with a previous build on disk, render only what changed.

    `full` ignores the previous build (a clean build). Either way the result is the same.
    """
    report = BuildReport()

    if import_inbox and config.inbox.is_dir():
        from .importer import Importer  # only builds that import pay for extraction's setup

        with report.stage("import"):
            imported = Importer(
                inbox=config.inbox,
                statements_dir=config.statements,
                registry_path=config.registry,
                root=config.root,
                default_year=config.default_year,
                only_new=True,
            ).run()
        report.imported = imported
        report.problems += imported.problems
        if imported.results:
            log(imported.summary())

    archive = load_archive(config, report)

    try:
        theme = resolve_theme(config.root, config.theme)
    except ThemeError as error:
        report.problems.append(Problem(str(config.root / "dictum.toml"), str(error), "theme"))
        return report
    env = environment(theme)
    theme_hash = theme_digest(theme)

    recover(config.output)
    previous = (
        Manifest(version=__version__)
        if full
        else Manifest.load(config.output / MANIFEST, __version__)
    )
    manifest = Manifest(version=__version__, assets=theme_hash)
    staging = Staging(config.output)
    staging.open(link_previous=bool(previous.files))
    try:
        with report.stage("render"):
            shard_total = search.shard_count(len(archive.statements))
            site = render.Views(archive, config).site()
            bundles = [search.bundle_path(n) for n in range(shard_total)]
            salt = f"{__version__}\0{theme_hash}\0{json.dumps(site, sort_keys=True)}"
            shard_members: dict[int, list[str]] = {n: [] for n in range(shard_total)}
            for job in render.plan_pages(archive, config, bundles):
                fingerprint = render.fingerprint(job, salt)
                manifest.files[job.output] = fingerprint
                if job.template == "statement.html":
                    shard = search.shard_of(job.context["statement"]["slug"], shard_total)
                    shard_members[shard].append(f"{job.output}\0{fingerprint}")
                if previous.files.get(job.output) == fingerprint and staging.exists(job.output):
                    continue
                try:
                    staging.write(job.output, render.render_page(env, job, site))
                except Exception as error:  # syntax errors and errors raised while rendering
                    report.problems.append(template_problem(error, config))
                    staging.abort()
                    return report
                report.pages += 1
            for stale in sorted(set(previous.files) - set(manifest.files)):
                staging.remove(stale)
        with report.stage("assets"):
            if previous.assets != theme_hash or not staging.exists("static/dictum.css"):
                for folder in theme.static_dirs:
                    staging.copy_tree(folder, "static")
        with report.stage("search"):
            changed: dict[int, list[str]] = {}
            for shard, members in shard_members.items():
                members_digest = hashlib.blake2b(
                    "\n".join(members).encode(), digest_size=16
                ).hexdigest()
                manifest.shards[str(shard)] = members_digest
                if previous.shards.get(str(shard)) != members_digest:
                    changed[shard] = [m.split("\0")[0] for m in members]
            try:
                search.remove_shards(staging.dir, keep=range(shard_total))
                search.index_shards(staging.dir, changed)
            except search.SearchIndexError as error:
                report.problems.append(Problem("site", str(error), "search-index"))
                staging.abort()
                return report
            report.shards_indexed = len(changed)
        with report.stage("publish"):
            staging.write(MANIFEST, "")
            manifest.save(staging.dir / MANIFEST)
            staging.commit()
            report.published = True
    except BaseException:
        staging.abort()
        raise
    return report
