"""Edit-to-reload latency of `dictum serve`, measured in headless Chromium (not a test).

For each archive size: generate an archive (`make_archive.py`), build it once with
`dictum build`, start `dictum serve`, open one statement page in Chromium, then rewrite that
statement's title several times. Each edit is timed from the moment the file is written to
- `event`: the page receives the Server-Sent Event of the build that includes the edit;
- `page`: the reloaded page has parsed its HTML showing the new title (DOMContentLoaded);
- `indexed`: `dictum serve` reports the build done, search index included (serve publishes a
  build's pages and reloads the browser before its search step, so this comes last).
Both are read from the browser's clock, which is the machine's clock, so Playwright's own
polling adds nothing. `build` is the build's wall time as `dictum serve` reports it, and the
second table splits it into the build's stages; "other" is the part of the build outside
its timed stages (theme hashing, manifest, hard-linking the staging copy).

    python benchmarks/serve_latency.py [--sizes 1000 10000] [--edits 5] [--work DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.make_archive import make_archive  # noqa: E402
from tests.browser import CHROMIUM_ARGS, free_port  # noqa: E402

# Runs in every document before its own scripts: note when each build event arrives (in
# sessionStorage, which survives the reload it causes) and when the document was parsed.
PROBE = """
(() => {
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("build", (event) => {
        const key = "bench-build-" + JSON.parse(event.data).build;
        if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, String(Date.now()));
      });
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    const h1 = document.querySelector("h1");
    window.__benchShown = {at: Date.now(), title: h1 ? h1.textContent : null};
  });
})();
"""
BUILD_LINE = re.compile(r"^build (\d+): .* in ([\d.]+)s \((.*)\)$")


class Server:
    """`dictum serve` in `root`, its output lines collected by a thread."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(free_port())],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.lines: list[str] = []
        self.times: list[float] = []  # time.time() when each line arrived
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for(re.compile(r"serving \S+ at (http://\S+)")).group(1)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.times.append(time.time())
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern: re.Pattern, timeout: float = 600, start: int = 0) -> re.Match:
        return self.wait_for_line(pattern, timeout, start)[0]

    def wait_for_line(
        self, pattern: re.Pattern, timeout: float = 600, start: int = 0
    ) -> tuple[re.Match, float]:
        """The first matching line from `start` on, and when it arrived."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for number, line in enumerate(self.lines[start:], start):
                if match := pattern.search(line):
                    return match, self.times[number]
            if self.process.poll() is not None:
                raise SystemExit("dictum serve exited:\n" + "\n".join(self.lines))
            time.sleep(0.02)
        raise SystemExit(f"timed out waiting for {pattern.pattern}:\n" + "\n".join(self.lines))

    def stop(self) -> None:
        self.process.send_signal(2)  # SIGINT, as Ctrl-C
        self.process.wait(60)


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def measure(n: int, edits: int, work: Path) -> dict:
    from playwright.sync_api import expect, sync_playwright

    root = work / f"archive-{n}"
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    pages = make_archive(root, n, seed=0)
    print(f"[{n}] generated in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, check=True,
                   capture_output=True)  # fmt: skip
    print(f"[{n}] first build in {time.perf_counter() - started:.1f}s", file=sys.stderr)

    target = pages[len(pages) // 2]
    text = target.read_text(encoding="utf-8")
    server = Server(root)
    results: dict[str, list[float]] = {"event": [], "page": [], "indexed": [], "build": []}
    stages: dict[str, list[float]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.add_init_script(PROBE)
            page.goto(f"{server.url}statements/{target.stem}/")
            h1 = page.locator("h1")
            stored = "Object.keys(sessionStorage).filter(k => k.startsWith('bench-build-'))"
            page.wait_for_function(f"() => {stored}.length > 0")  # the page is listening
            for number in range(1, edits + 1):
                title = f"Latency probe {number} of {n} statements"
                edited = re.sub(r"^title: .*$", f"title: {title!r}", text, count=1,
                                flags=re.MULTILINE)  # fmt: skip
                lines_before = len(server.lines)
                seen = set(page.evaluate(f"() => {stored}"))
                written_ms = time.time() * 1000
                target.write_text(edited, encoding="utf-8")
                expect(h1).to_have_text(title, timeout=600_000)
                shown = page.wait_for_function(
                    "t => window.__benchShown && window.__benchShown.title === t && "
                    "window.__benchShown", arg=title,
                ).json_value()
                arrivals = [
                    int(value)
                    for key, value in page.evaluate("Object.entries(sessionStorage)")
                    if key.startswith("bench-build-") and key not in seen
                ]
                built, built_at = server.wait_for_line(BUILD_LINE, start=lines_before)
                results["indexed"].append(built_at - written_ms / 1000)
                results["page"].append((shown["at"] - written_ms) / 1000)
                results["event"].append((min(arrivals) - written_ms) / 1000)
                results["build"].append(float(built.group(2)))
                timed = 0.0
                for part in built.group(3).split(", "):
                    name, seconds = part.rsplit(" ", 1)
                    stages.setdefault(name, []).append(float(seconds.rstrip("s")))
                    timed += float(seconds.rstrip("s"))
                stages.setdefault("other", []).append(float(built.group(2)) - timed)
                print(f"[{n}] edit {number}: event {results['event'][-1]:.2f}s, "
                      f"page {results['page'][-1]:.2f}s, indexed {results['indexed'][-1]:.2f}s; "
                      f"{built.group(0)}",
                      file=sys.stderr)  # fmt: skip
                time.sleep(1)
            browser.close()
    finally:
        server.stop()
    return {"n": n, "edits": edits, **results, "stages": stages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--work", type=Path, help="folder for the archives (default: a temp)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="dictum-serve-latency-"))
    rows = [measure(n, args.edits, work) for n in args.sizes]

    print(f"\nedit-to-reload latency of dictum serve, seconds ({args.edits} edits each)\n")
    print("| statements | event median | event p90 | page median | page p90 | indexed median "
          "| build median |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['n']:,} | {statistics.median(row['event']):.2f} | "
              f"{_p90(row['event']):.2f} | {statistics.median(row['page']):.2f} | "
              f"{_p90(row['page']):.2f} | {statistics.median(row['indexed']):.2f} | "
              f"{statistics.median(row['build']):.2f} |")
    names = list(dict.fromkeys(name for row in rows for name in row["stages"]))
    print("\nwhere a rebuild's time goes (median seconds per stage)\n")
    print("| statements | " + " | ".join(names) + " |")
    print("|---:|" + "---:|" * len(names))
    for row in rows:
        cells = [f"{statistics.median(row['stages'][name]):.2f}" if name in row["stages"]
                 else "-" for name in names]  # fmt: skip
        print(f"| {row['n']:,} | " + " | ".join(cells) + " |")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
