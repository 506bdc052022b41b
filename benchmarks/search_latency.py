"""First-search cost of a built site in headless Chromium (not a test).

Serves SITE over HTTP on 127.0.0.1, opens its search page in a fresh browser context,
types the query into the search box and times the wait for the first result, counting the
requests and bytes the Pagefind bundles took. A fresh context per run: nothing cached.
The number of search shards sets most of this cost (each shard's metadata and filters are
loaded), so run it on sites built with different shard sizes to see the trade-off.

    python benchmarks/search_latency.py SITE [--query minister] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, static_server  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site/ folder")
    parser.add_argument("--query", default="minister")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    shards = sum(1 for p in (args.site / "pagefind").iterdir() if p.name.isdigit())
    seconds: list[float] = []
    with static_server(args.site) as base, chromium() as browser:
        for run in range(1, args.runs + 1):
            context = browser.new_context()
            page = context.new_page()
            fetched = {"requests": 0, "bytes": 0}

            def on_response(response: object, fetched: dict = fetched) -> None:
                if "/pagefind/" in response.url:  # type: ignore[attr-defined]
                    fetched["requests"] += 1
                    try:
                        fetched["bytes"] += len(response.body())  # type: ignore[attr-defined]
                    except Exception:  # a response the browser dropped (navigation)
                        pass

            page.on("response", on_response)
            page.goto(base + "search/")
            page.wait_for_selector("#search input")
            start = time.monotonic()
            page.fill("#search input", args.query)
            page.wait_for_selector(".pagefind-ui__result", timeout=120_000)
            seconds.append(time.monotonic() - start)
            page.wait_for_timeout(1000)  # let the result fragments finish loading
            print(f"run {run}: first result after {seconds[-1]:.2f} s; "
                  f"{fetched['requests']} Pagefind requests, {fetched['bytes'] / 1e6:.2f} MB")
            context.close()
    print(f"{shards} shards: median {statistics.median(seconds):.2f} s to the first result "
          f"for {args.query!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
