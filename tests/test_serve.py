"""`dictum serve`: live preview as a process, driven by file edits and watched in Chromium.

The server runs as `python -m generator serve` in a copy of the sample archive; tests edit
files on disk as a curator would and wait for open pages to change by themselves.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.config import load_config
from generator.serve import (
    EVENTS_PATH,
    Changes,
    Preview,
    content_type,
    inject_live_reload,
    resolve,
)

from .browser import chromium, free_port
from .conftest import CORPUS, REPO, run_dictum

SEED_SLUG = "russia-calls-on-foreign-partners-to-create-united-front-to-fight"
NEW_DOC = CORPUS / "kremlin" / "0004_e64782747df6fb58.txt"  # a transcript, not in the sample
NEW_TITLE = "Meeting with Head of the Federal Customs Service Vladimir Bulavin"
NEW_SPEAKER = "Vladimir Bulavin"
LIVE_MARK = "data-dictum-live-reload"
TIMEOUT_MS = 30_000


# -- helpers --------------------------------------------------------------------------------


class Served:
    """`dictum serve` as a process; its output lines are collected as they come."""

    def __init__(self, root: Path, *args: str, port: int | None = None) -> None:
        self.requested = port or free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(self.requested), *args],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.lines: list[str] = []
        self._lock = threading.Lock()
        self._readers = [
            threading.Thread(target=self._read, args=(stream,), daemon=True)
            for stream in (self.process.stdout, self.process.stderr)
        ]
        for reader in self._readers:
            reader.start()
        self.url = self.wait_for(r"serving \S+ at (http://\S+)").group(1)
        self.port = int(re.search(r":(\d+)/", self.url).group(1))  # the one actually used

    def _read(self, stream) -> None:
        for line in stream:
            with self._lock:
                self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        with self._lock:
            return "\n".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = 60) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(pattern, self.output, re.MULTILINE)
            if match:
                return match
            if self.process.poll() is not None:
                time.sleep(0.2)  # let the readers drain
                match = re.search(pattern, self.output, re.MULTILINE)
                if match:
                    return match
                raise AssertionError(f"dictum serve exited {self.process.returncode}:\n"
                                     f"{self.output}")  # fmt: skip
            time.sleep(0.05)
        raise AssertionError(f"no {pattern!r} in the output of dictum serve:\n{self.output}")

    def builds(self) -> int:
        return len(re.findall(r"^build \d+", self.output, re.MULTILINE))

    def stop(self, signum: int = signal.SIGINT, timeout: float = 30) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(
                f"dictum serve ignored signal {signum}:\n{self.output}"
            ) from None
        for reader in self._readers:
            reader.join(5)
        return code


@contextlib.contextmanager
def served(root: Path, *args: str, port: int | None = None) -> Iterator[Served]:
    server = Served(root, *args, port=port)
    try:
        yield server
    finally:
        server.stop()
        print(f"--- dictum serve output ---\n{server.output}")  # shown when a test fails


def raw_get(port: int, target: str) -> tuple[int, bytes, str]:
    """GET exactly `target` (no client-side normalisation): status, body, raw headers."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                     .encode("latin-1"))  # fmt: skip
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, body, head.decode("latin-1")


def processes_of(root: Path) -> list[str]:
    """Live processes working in `root` or naming it on their command line: dictum serve,
    its forked render workers, its Pagefind runs (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
            cwd = os.readlink(entry / "cwd")
        except (OSError, IndexError):
            continue
        if state != "Z" and (str(root) in cmdline or Path(cwd).is_relative_to(root)):
            found.append(f"{entry.name}: {cmdline}")
    return found


def pagefind_children(pid: int) -> list[int]:
    """Pagefind processes started by process `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = (entry / "stat").read_text().rpartition(")")[2].split()[1]
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if ppid == str(pid) and b"pagefind" in cmdline:
            found.append(int(entry.name))
    return found


def in_stage(pid: int, root: Path, stage: str) -> bool:
    """Whether serve's build is rendering pages into its staging folder (serve renders in
    its own process) or running Pagefind."""
    if stage == "render":
        return (root / ".site.building" / "statements").is_dir()
    return bool(pagefind_children(pid))


def set_title(page_file: Path, title: str) -> None:
    text = page_file.read_text(encoding="utf-8")
    text, count = re.subn(r"^title: .*$", f"title: {title!r}", text, count=1, flags=re.MULTILINE)
    assert count == 1
    page_file.write_text(text, encoding="utf-8")


# -- the browser ----------------------------------------------------------------------------


def test_edited_title_shows_in_the_open_page_and_template_errors_overlay(sample_archive):
    from playwright.sync_api import expect

    statements = sample_archive / "content" / "statements"
    with served(sample_archive) as server, chromium() as browser:
        page_file = statements / f"{SEED_SLUG}.md"
        assert page_file.is_file(), server.output  # the first build imported the inbox
        page = browser.new_page()
        page.goto(f"{server.url}statements/{SEED_SLUG}/")
        h1 = page.locator("h1")
        assert h1.inner_text().startswith("Russia calls on foreign partners")
        assert page.locator("#dictum-overlay").count() == 0

        # The curator fixes a title; the open page follows without the test navigating.
        set_title(page_file, "Diplomat calls for a united front against terrorism")
        expect(h1).to_have_text("Diplomat calls for a united front against terrorism",
                                timeout=TIMEOUT_MS)  # fmt: skip

        # A user theme with a Jinja syntax error: overlay naming the file, last good page kept.
        templates = sample_archive / "themes" / "mine" / "templates"
        templates.mkdir(parents=True)
        override = templates / "statement.html"
        override.write_text('{% extends "default/statement.html" %}\n{% block content %}\n'
                            "{{ statement.title }\n{% endblock %}\n")  # fmt: skip
        config = sample_archive / "dictum.toml"
        config.write_text(config.read_text() + 'theme = "mine"\n')
        overlay = page.locator("#dictum-overlay")
        expect(overlay).to_contain_text("themes/mine/templates/statement.html:3",
                                        timeout=TIMEOUT_MS)  # fmt: skip
        expect(overlay).to_contain_text("build failed")
        expect(h1).to_have_text("Diplomat calls for a united front against terrorism")
        assert "themes/mine/templates/statement.html:3: error:" in server.output

        # Fixed: the page reloads with the new template and no overlay.
        override.write_text('{% extends "default/statement.html" %}\n{% block content %}'
                            '<p class="banner">Archive copy</p>{{ super() }}{% endblock %}\n')
        expect(page.locator("p.banner")).to_have_text("Archive copy", timeout=TIMEOUT_MS)
        expect(overlay).to_have_count(0)
        expect(h1).to_have_text("Diplomat calls for a united front against terrorism")


def test_content_problem_overlays_the_new_build(sample_archive):
    from playwright.sync_api import expect

    with served(sample_archive) as server, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server.url}statements/{SEED_SLUG}/")
        page_file = sample_archive / "content" / "statements" / f"{SEED_SLUG}.md"
        set_title(page_file, "Edited together with a broken page")
        (page_file.parent / "broken-page.md").write_text(
            "---\ntitle: Broken\ndate: 31 May\n---\nText\n", encoding="utf-8"
        )
        overlay = page.locator("#dictum-overlay")
        expect(overlay).to_contain_text("content/statements/broken-page.md:3",
                                        timeout=TIMEOUT_MS)  # fmt: skip
        expect(overlay).to_contain_text("built with problems")
        # The rest was published: the page shows the new build under the overlay.
        expect(page.locator("h1")).to_have_text("Edited together with a broken page")
        (page_file.parent / "broken-page.md").unlink()
        expect(overlay).to_have_count(0, timeout=TIMEOUT_MS)


def test_new_inbox_document_appears_in_speakers_and_search_and_goes_away(sample_archive):
    from playwright.sync_api import expect

    inbox = sample_archive / "content" / "inbox"
    with served(sample_archive) as server, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server.url}speakers/")
        speaker_link = page.get_by_role("link", name=NEW_SPEAKER, exact=True)
        assert speaker_link.count() == 0

        dropped = inbox / NEW_DOC.name
        shutil.copy(NEW_DOC, dropped)
        expect(speaker_link).to_have_count(1, timeout=TIMEOUT_MS)  # the open index reloaded

        # Search through the search page's own box (Pagefind UI), as a reader would.
        page.goto(f"{server.url}search/")
        page.locator(".pagefind-ui__search-input").fill("Bulavin")
        result = page.locator(".pagefind-ui__result-link", has_text=NEW_TITLE)
        expect(result).to_have_count(1, timeout=TIMEOUT_MS)
        result.click()
        expect(page.locator("h1")).to_have_text(NEW_TITLE)
        statement_url = page.url

        # Deleted (the raw file too, or the next build imports it again): gone everywhere.
        dropped.unlink()
        for made in (sample_archive / "content" / "statements").glob("*bulavin*.md"):
            made.unlink()
        expect(page.locator("h1")).to_have_text("Page not found", timeout=TIMEOUT_MS)
        status, _, _ = raw_get(server.port, statement_url.removeprefix(server.url[:-1]))
        assert status == 404
        page.goto(f"{server.url}search/?q=Bulavin")
        expect(page.locator(".pagefind-ui__message")).to_contain_text("No results",
                                                                    timeout=TIMEOUT_MS)
        expect(page.locator(".pagefind-ui__result-link")).to_have_count(0)
        page.goto(f"{server.url}speakers/")
        assert speaker_link.count() == 0


# -- HTTP -----------------------------------------------------------------------------------


def test_types_folders_and_404_page(sample_archive):
    with served(sample_archive) as server:
        site = sample_archive / "site"
        (site / "probe.wasm").write_bytes(b"\0asm\1\0\0\0")
        meta = next((site / "pagefind" / "0").glob("*.pf_meta")).name
        fragment = next((site / "pagefind" / "0" / "fragment").glob("*.pf_fragment")).name
        expected = {
            "/probe.wasm": "application/wasm",
            "/pagefind/0/wasm.en.pagefind": "application/octet-stream",
            f"/pagefind/0/{meta}": "application/octet-stream",
            f"/pagefind/0/fragment/{fragment}": "application/octet-stream",
            "/pagefind/0/pagefind.js": "text/javascript",
            "/pagefind/0/pagefind-entry.json": "application/json",
            "/static/dictum.css": "text/css",
            "/feed.xml": "application/xml",
            "/speakers/": "text/html",
        }
        for target, kind in expected.items():
            status, _, head = raw_get(server.port, target)
            assert status == 200, target
            assert re.search(rf"(?im)^content-type: {re.escape(kind)}", head), (target, head)

        status, _, head = raw_get(server.port, "/speakers")
        assert status == 301 and re.search(r"(?im)^location: /speakers/\r?$", head)
        status, body, _ = raw_get(server.port, "/speakers/")
        assert b"<h1>Speakers</h1>" in body
        assert body.count(LIVE_MARK.encode()) == 1
        assert body.index(LIVE_MARK.encode()) < body.rindex(b"</body>")
        status, body, _ = raw_get(server.port, "/no/such/page/")
        assert status == 404
        assert b"Page not found" in body and LIVE_MARK.encode() in body
        status, body, _ = raw_get(server.port, "/static/dictum.css")
        assert LIVE_MARK.encode() not in body  # the script goes into HTML only


def test_path_traversal_never_leaves_the_site(sample_archive):
    secret = sample_archive / "secret.txt"
    secret.write_text("TOPSECRET\n")
    with served(sample_archive) as server:
        site = sample_archive / "site"
        (site / "escape").symlink_to(sample_archive, target_is_directory=True)
        (site / "leak.txt").symlink_to(secret)
        (site / "abs").symlink_to("/etc", target_is_directory=True)
        attempts = [
            "/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt",
            "/%2E%2E/%2E%2E/%2E%2E/etc/passwd", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
            "/statements/..%2F..%2Fsecret.txt", "/static/%2e%2e/%2e%2e/secret.txt",
            "/..\\secret.txt", "/%5c..%5csecret.txt", "/static/..%5c..%5csecret.txt",
            "//etc/passwd", "/%2fetc%2fpasswd", "/etc/passwd", f"/{secret}",
            f"/%2f{str(secret).lstrip('/').replace('/', '%2f')}", "/%252e%252e/secret.txt",
            "/escape/secret.txt", "/escape/", "/leak.txt", "/abs/passwd", "/.dictum/manifest.json",
            "/secret.txt%00.html", f"http://127.0.0.1:{server.port}/../secret.txt",
            "/%c0%ae%c0%ae/secret.txt",
        ]  # fmt: skip
        for target in attempts:
            status, body, _ = raw_get(server.port, target)
            assert status in (403, 404), (target, status)
            assert b"TOPSECRET" not in body and b"root:" not in body, target
        # The same server does serve the site (so the refusals above are not an outage).
        assert raw_get(server.port, f"/statements/{SEED_SLUG}/")[0] == 200


def _listening_addresses(port: int) -> list[str]:
    """Local addresses of sockets listening on `port`, from /proc/net/tcp and tcp6."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                address, port_hex = fields[1].rsplit(":", 1)
                if int(port_hex, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                    found.append(address)
    return found


def test_listens_on_loopback_only_by_default(sample_archive):
    with served(sample_archive) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert _listening_addresses(server.port) == ["0100007F"]  # 127.0.0.1, nothing else


def test_busy_port_picks_another_and_says_so(sample_archive):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        with served(sample_archive, port=taken) as server:
            assert server.requested == taken
            assert f"port {taken} is busy; using port {server.port} instead" in server.output
            assert server.port != taken
            assert raw_get(server.port, "/")[0] == 200


# -- watching and building ------------------------------------------------------------------


def test_a_burst_of_changes_is_one_build_and_temp_files_none(sample_archive):
    statements = sample_archive / "content" / "statements"
    with served(sample_archive) as server:
        time.sleep(0.5)  # the first build's own import events have come and gone
        first = server.builds()
        (statements / f".{SEED_SLUG}.md.swp").write_bytes(b"vim swap")
        (statements / ".import-abc123.tmp").write_text("half a page")
        (statements / "4913").write_text("")
        (sample_archive / "site" / "index.html").touch()
        time.sleep(1.5)
        assert server.builds() == first, server.output

        pages = sorted(statements.glob("*.md"))[:15]
        texts = [page.read_bytes() + b"\nAppended.\n" for page in pages]
        for page, text in zip(pages, texts, strict=True):  # as fast as a git checkout
            page.write_bytes(text)
        server.wait_for(rf"^build {first + 1}:", timeout=30)
        time.sleep(1.5)
        assert server.builds() == first + 1, server.output


def test_build_output_never_contains_the_live_reload_script(sample_archive):
    with served(sample_archive) as server:
        status, body, _ = raw_get(server.port, f"/statements/{SEED_SLUG}/")
        assert status == 200 and LIVE_MARK.encode() in body
    site = sample_archive / "site"
    run_dictum("build", cwd=sample_archive, check=True)
    shutil.rmtree(site)
    run_dictum("build", cwd=sample_archive, check=True)
    for file in site.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            assert LIVE_MARK.encode() not in data and EVENTS_PATH.encode() not in data, file


@pytest.fixture(scope="module")
def built_1500(tmp_path_factory) -> Path:
    """A built archive of 1,500 generated statements: big enough to catch a build mid-way."""
    root = tmp_path_factory.mktemp("serve-1500") / "archive"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_archive.py"), str(root),
                    "1500"], check=True, capture_output=True)  # fmt: skip
    run_dictum("build", cwd=root, check=True)
    return root


@pytest.mark.parametrize(
    ("signum", "stage"),
    [(signal.SIGINT, "search"), (signal.SIGTERM, "render")],
    ids=["SIGINT-while-indexing", "SIGTERM-while-rendering"],
)
def test_signal_during_a_build_stops_its_helpers_and_keeps_the_old_site(
    built_1500, tmp_path, signum, stage
):
    root = tmp_path / "archive"
    shutil.copytree(built_1500, root, symlinks=True)
    manifest = (root / "site" / ".dictum" / "manifest.json").read_bytes()
    config = root / "dictum.toml"
    config.write_text(config.read_text().replace("Benchmark archive", "Renamed archive"))

    # The new title changes every page: serve's first build re-renders and re-indexes all.
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port",
                                str(free_port())], cwd=root, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not in_stage(process.pid, root, stage):
            assert process.poll() is None and time.monotonic() < deadline, f"no {stage} seen"
            time.sleep(0.01)
        assert (root / ".site.building").is_dir()
        process.send_signal(signum)
        code = process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = process.stdout.read()
    assert code in (0, 130), output
    assert "stopped" in output
    assert processes_of(root) == []
    assert not (root / ".site.building").exists()
    assert not (root / ".site.previous").exists()
    live = root / "site" / ".dictum" / "manifest.json"
    if stage == "render":
        assert live.read_bytes() == manifest
    else:
        # Serve publishes a build's pages before its search step (the reload comes first):
        # stopped while indexing, the search index stays the old one, and says so...
        old, now = json.loads(manifest), json.loads(live.read_bytes())
        assert now["shards"] == old["shards"] and now["files"] != old["files"]
        # ... so the next build indexes it.
        run_dictum("build", cwd=root, check=True)
        assert json.loads(live.read_bytes())["shards"] != old["shards"]


def test_sigterm_when_idle_exits_0(sample_archive):
    server = Served(sample_archive)
    assert server.stop(signal.SIGTERM) == 0
    assert server.output.rstrip().endswith("stopped")


# -- the parts, in process ------------------------------------------------------------------


def test_resolve_keeps_to_the_site(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("a")
    (site / "page.html").write_text("p")
    (tmp_path / "outside.txt").write_text("secret")
    (site / "out").symlink_to(tmp_path / "outside.txt")
    (site / "up").symlink_to(tmp_path, target_is_directory=True)
    assert resolve(site, "/page.html").file == (site / "page.html").resolve()
    assert resolve(site, "/a/").file == (site / "a" / "index.html").resolve()
    assert resolve(site, "/a").status == 301
    assert resolve(site, "/").status == 404  # a folder without index.html: no listing
    for path in ("/../outside.txt", "/%2e%2e/outside.txt", "/a/..%2f..%2foutside.txt",
                 "/a\\..\\..\\outside.txt", "/%5C..%5Coutside.txt", "/out", "/up/outside.txt",
                 "/page.html%00"):  # fmt: skip
        assert resolve(site, path).status == 403, path
    for path in ("/nothing", "/%ff", "/.hidden", f"/{tmp_path}/outside.txt"):
        assert resolve(site, path).status == 404, path


def test_content_types():
    assert content_type("pagefind.wasm") == "application/wasm"
    assert content_type("wasm.en.pagefind") == "application/octet-stream"
    for name in ("pagefind.en_1.pf_meta", "a.pf_fragment", "b.pf_index", "c.pf_filter"):
        assert content_type(name) == "application/octet-stream"
    assert content_type("index.html").startswith("text/html")
    assert content_type("pagefind.js").startswith("text/javascript")


def test_inject_live_reload_goes_before_the_last_body_end():
    html = b"<html><body><p>x</p><script>'</body>'</script></BODY></html>"
    injected = inject_live_reload(html, 7)
    assert injected.endswith(b"</BODY></html>")
    assert b"const served = 7;" in injected
    assert injected.index(LIVE_MARK.encode()) > injected.index(b"'</body>'")
    assert inject_live_reload(b"<p>no body</p>", 1).startswith(b"<p>no body</p><script")


def test_changes_debounce_a_burst_into_one_take():
    changes = Changes()
    taken: list[set[str]] = []
    thread = threading.Thread(target=lambda: taken.append(changes.take()))
    thread.start()
    for n in range(20):
        changes.add([f"/archive/content/statements/{n}.md"])
        time.sleep(0.01)
    thread.join(5)
    assert len(taken) == 1 and len(taken[0]) == 20
    changes.close()
    assert changes.take() is None


def test_inputs_are_content_themes_and_config_only(sample_archive):
    preview = Preview(load_config(sample_archive), out=print, err=print)
    root = sample_archive
    for path in ("dictum.toml", "content/statements/x.md", "content/speakers.yaml",
                 "content/inbox/kremlin/new.txt", "themes/mine/templates/base.html"):
        assert preview.is_input(str(root / path)), path
    for path in ("site/index.html", ".site.building/index.html", ".site.previous/a.html",
                 "content/statements/.import-k2j3.tmp", "content/statements/.x.md.swp",
                 "content/statements/x.md~", "content/statements/4913", "README.md",
                 "content/statements/#x.md#", ".git/index", "themes/mine/.x.html.swp",
                 ".site.cache/pages.json"):
        assert not preview.is_input(str(root / path)), path
