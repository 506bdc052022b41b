"""The `dictum` command: parse options, call one library function, map problems to exit codes.

Exit codes: 0 success, 1 the run finished but some input had errors, 2 usage or
configuration errors (nothing was done).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .config import Config, ConfigError, load_config
from .models import Problem


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _config(args: argparse.Namespace) -> Config:
    overrides = {"base_url": getattr(args, "base_url", None)}
    return load_config(Path(args.root).resolve(), overrides)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    config = _config(args)
    report = build(config, import_inbox=not args.no_import, log=print)
    _print_problems(report.problems)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
    if report.published:
        print(
            f"built {report.pages} pages from {report.statements} statements into "
            f"{config.output_dir}/ ({timings})"
        )
    else:
        print(f"build failed; {config.output_dir}/ was left as it was", file=sys.stderr)
    return 1 if report.errors or not report.published else 0


def cmd_import(args: argparse.Namespace) -> int:
    from .importer import Importer, write_report

    config = _config(args)
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if interactive and total >= 200 and (done % 100 == 0 or done == total):
            print(f"\rimporting {done}/{total}", end="" if done < total else "\n", file=sys.stderr)

    importer = Importer(
        inbox=config.inbox,
        statements_dir=config.statements,
        registry_path=config.registry,
        root=config.root,
        default_year=args.year if args.year is not None else config.default_year,
        dry_run=args.dry_run,
        progress=progress,
    )
    report = importer.run([Path(p).resolve() for p in args.paths] or None)
    _print_problems(report.problems)
    if args.dry_run:
        for result in report.results:
            if result.status in ("created", "updated"):
                print(f"would {result.status[:-1]} {result.page} from {result.file}")
    if args.report:
        write_report(report, Path(args.report))
    print(report.summary() + (" (dry run: nothing written)" if args.dry_run else ""))
    return 1 if report.failed else 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="dictum", description="Build a searchable website from an archive of statements."
    )
    top.add_argument("--version", action="version", version=f"dictum {__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.add_argument("--root", default=".", help="the archive folder (default: .)")
        return sub

    build = command("build", "import new documents, then render the site into site/")
    build.add_argument("--base-url", help="override base_url from dictum.toml")
    build.add_argument("--no-import", action="store_true", help="do not import new documents")
    build.set_defaults(func=cmd_build)

    imp = command("import", "convert raw documents into statement pages")
    imp.add_argument("paths", nargs="*", help="files or folders (default: content/inbox/)")
    imp.add_argument("--year", type=int, help="year for documents whose text gives none")
    imp.add_argument("--dry-run", action="store_true", help="show what would change")
    imp.add_argument("--report", metavar="FILE", help="write a JSON or CSV report")
    imp.set_defaults(func=cmd_import)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as error:
        _print_problems(error.problems)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
