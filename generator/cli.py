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
    report = build(config, import_inbox=not args.no_import, full=args.clean, log=print)
    _print_problems(report.problems)
    timings = ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
    if report.up_to_date:
        print(f"{config.output_dir}/ is up to date ({timings})")
    elif report.published:
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


def cmd_check(args: argparse.Namespace) -> int:
    from .check import check

    config = _config(args)
    site = Path(args.site).resolve() if args.site else None
    if site is not None and not site.is_dir():
        print(f"{args.site} is not a folder: build the site first, or leave out --site",
              file=sys.stderr)  # fmt: skip
        return 2
    report = check(config, site=site, log=print)
    _print_problems(report.problems)
    errors, warnings = len(report.errors), len(report.warnings)
    print(
        f"checked the content, {report.pages} pages and {report.links} links: "
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    )
    return 1 if errors or (args.strict and warnings) else 0


def cmd_publish(args: argparse.Namespace) -> int:
    from .publish import DEFAULT_BRANCH, FolderTarget, GitTarget, PublishError, publish

    config = _config(args)
    if args.to and args.branch:
        print("--branch goes with --git, not with --to", file=sys.stderr)
        return 2
    target = (
        FolderTarget(Path(args.to))
        if args.to
        else GitTarget(args.git, args.branch or DEFAULT_BRANCH, cname=config.cname,
                       root=config.root)
    )  # fmt: skip
    try:
        report = publish(config, target, force=args.force, import_inbox=not args.no_import,
                         message=args.message, log=print)  # fmt: skip
    except PublishError as error:  # the target cannot be used: nothing was built or copied
        print(f"error: {error}", file=sys.stderr)
        return 2
    _print_problems(report.problems)
    if report.deployed is None:
        print(f"not published: {report.refused}", file=sys.stderr)
        return 1
    print(report.deployed.summary())
    if report.errors:
        print(f"published despite {len(report.errors)} errors (--force)", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    if not 0 <= args.port <= 65535:
        print(f"--port must be 0-65535, got {args.port}", file=sys.stderr)
        return 2
    return serve(_config(args), host=args.host, port=args.port)


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
    build.add_argument(
        "--clean", action="store_true", help="ignore the previous build and render everything"
    )
    build.set_defaults(func=cmd_build)

    imp = command("import", "convert raw documents into statement pages")
    imp.add_argument("paths", nargs="*", help="files or folders (default: content/inbox/)")
    imp.add_argument("--year", type=int, help="year for documents whose text gives none")
    imp.add_argument("--dry-run", action="store_true", help="show what would change")
    imp.add_argument("--report", metavar="FILE", help="write a JSON or CSV report")
    imp.set_defaults(func=cmd_import)

    chk = command("check", "validate the content and every internal link of a build")
    chk.add_argument("--base-url", help="override base_url from dictum.toml")
    chk.add_argument("--site", metavar="DIR",
                     help="check this built site instead of building into a temporary folder")
    chk.add_argument("--strict", action="store_true", help="fail on warnings too")
    chk.set_defaults(func=cmd_check)

    pub = command("publish", "build, check links, and copy the site to a folder or git branch")
    where = pub.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", metavar="DIR", help="make DIR an exact copy of the site")
    where.add_argument("--git", metavar="REMOTE",
                       help="commit the site to a branch of REMOTE (URL, path or remote name)")
    pub.add_argument("--branch", help="the branch for --git (default: gh-pages)")
    pub.add_argument("--message", "-m", help="commit message for --git")
    pub.add_argument("--base-url", help="override base_url from dictum.toml")
    pub.add_argument("--no-import", action="store_true", help="do not import new documents")
    pub.add_argument("--force", action="store_true",
                     help="publish despite broken links, dev-only scripts or content errors")
    pub.set_defaults(func=cmd_publish)

    srv = command("serve", "build, serve the site locally, rebuild and reload pages on changes")
    srv.add_argument("--port", type=int, default=8000,
                     help="port to listen on (default: 8000; a busy port picks a free one)")
    srv.add_argument("--host", default="127.0.0.1",
                     help="address to listen on (default: 127.0.0.1, this machine only)")
    srv.set_defaults(func=cmd_serve)
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
