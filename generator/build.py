"""`dictum build`: the named stages in order, each timed.

import new documents -> load pages and registry -> group the archive -> render pages into
a staging folder -> copy theme assets -> index with Pagefind -> swap into `site/`.
Everything is read and validated before the live site is touched.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import jinja2

from . import render
from .archive import Archive, build_archive
from .config import Config
from .content import load_registry, load_statements
from .importer import Importer, ImportReport
from .models import Problem
from .search import SearchIndexError, index_site
from .speakers import Registry
from .themes import ThemeError, environment, resolve_theme
from .writer import Staging


@dataclass
class BuildReport:
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
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


def build(
    config: Config,
    *,
    import_inbox: bool = True,
    log: Callable[[str], None] = lambda _: None,
) -> BuildReport:
    report = BuildReport()

    if import_inbox and config.inbox.is_dir():
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

    staging = Staging(config.output)
    staging.open()
    try:
        with report.stage("render"):
            site = render.Views(archive, config).site()
            broken_templates = False
            for job in render.plan_pages(archive, config):
                try:
                    staging.write(job.output, render.render_page(env, job, site))
                    report.pages += 1
                except Exception as error:  # syntax errors and errors raised while rendering
                    report.problems.append(template_problem(error, config))
                    broken_templates = True
                    break
        if broken_templates:
            staging.abort()
            return report
        with report.stage("assets"):
            for folder in theme.static_dirs:
                staging.copy_tree(folder, "static")
        with report.stage("search"):
            try:
                index_site(staging.dir)
            except SearchIndexError as error:
                report.problems.append(Problem("site", str(error), "search-index"))
                staging.abort()
                return report
        with report.stage("publish"):
            staging.commit()
            report.published = True
    except BaseException:
        staging.abort()
        raise
    return report
