"""`dictum serve`: build, serve `site/` over HTTP, rebuild on every change, reload the browser.

Four kinds of threads:
- the main thread waits for Ctrl-C or SIGTERM, then stops the others in order;
- the HTTP server answers each request in a thread of its own: files of `site/`, and the
  long-lived Server-Sent Events stream `/__dictum/events` that tells open pages a build
  finished;
- watchdog's observer turns file events under `content/`, `themes/` and `dictum.toml` into
  pending `Changes`;
- one builder thread waits until the changes go quiet (debounce), then calls `build()`, which
  re-renders only what changed and touches `site/` only when it succeeded, and publishes
  the outcome to the `Hub`. Build helpers (Pagefind, forked render workers) are children of
  this process; on shutdown they are killed and the cut-off build discards its staging.

The live-reload script is added to HTML responses on their way out; files on disk never
contain it, so `site/` stays exactly what `dictum build` makes.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import mimetypes
import os
import re
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from .build import BuildCancelled, BuildReport, Session, build
from .config import CONFIG_FILE, Config, ConfigError, load_config
from .models import Problem
from .writer import MANIFEST

EVENTS_PATH = "/__dictum/events"
DEBOUNCE = 0.05  # seconds of quiet after the last change: an editor's save is one build
MAX_DELAY = 2.0  # ... but a stream of changes that never pauses still gets built
KEEPALIVE = 15.0  # seconds between SSE comments; writing to a closed tab ends its thread
PORT_TRIES = 20  # busy port: try the next ones, then let the system pick

# Only changes of content, never reads: the build itself opens every page, and watching
# IN_OPEN/IN_CLOSE would make each build trigger the next.
WATCHED_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
]  # fmt: skip

# Names that are never input: hidden files (editor swap files `.x.md.swp`, the importer's
# `.import-*.tmp`, `.git`, the build's `.site.building` and `.site.previous`), backups and
# other editors' temporary files.
IGNORED_NAME = re.compile(
    r"""^(?: \..*
           | .*~
           | \#.*\#
           | 4913
           | .*\.(?:swp|swo|swx|tmp|bak|kate-swp|crdownload|part)
           | .*___jb_(?:tmp|old)___
         )$""",
    re.VERBOSE,
)

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",  # browsers compile only this type in streaming mode
    ".pagefind": "application/octet-stream",  # Pagefind's wasm.<language>.pagefind
}


def content_type(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    if suffix.startswith(".pf_"):  # Pagefind's index chunks: .pf_meta, .pf_index, ...
        return "application/octet-stream"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


# -- the page side of live reload ----------------------------------------------------------

# Static: the only value that varies is the site version the page was served at. Nothing is
# fetched from elsewhere; problems are shown with textContent, never as HTML.
LIVE_RELOAD = """<script data-dictum-live-reload>
(() => {
  "use strict";
  const served = __DICTUM_SITE__;
  let box = null;
  const show = (state) => {
    if (box) { box.remove(); box = null; }
    if (!state.problems.length) return;
    box = document.createElement("aside");
    box.id = "dictum-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:0;right:0;top:0;z-index:2147483647;" +
      "max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#3b0d0c;" +
      "color:#fff;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;" +
      "box-shadow:0 4px 24px rgba(0,0,0,.45)";
    const head = document.createElement("p");
    head.style.cssText = "margin:0 0 .5rem;font-weight:bold";
    head.textContent = state.published
      ? "dictum: built with problems (the page shows the new build)"
      : "dictum: build failed (the page shows the last good build)";
    const list = document.createElement("pre");
    list.style.cssText = "margin:0 0 .75rem;white-space:pre-wrap;font:inherit";
    list.textContent = state.problems.join("\\n");
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", () => { box.remove(); box = null; });
    box.append(head, list, close);
    document.body.append(box);
  };
  const source = new EventSource("__DICTUM_EVENTS__");
  source.addEventListener("build", (event) => {
    const state = JSON.parse(event.data);
    if (state.site !== served) { source.close(); location.reload(); return; }
    show(state);
  });
})();
</script>
"""

NO_SITE_PAGE = (
    "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>No site yet"
    "</title></head>\n<body>\n<h1>No site yet</h1>\n<p>The build has not produced a site; "
    "the terminal running <code>dictum serve</code> says why.</p>\n</body>\n</html>\n"
)


def inject_live_reload(html: bytes, site_version: int) -> bytes:
    """The page with the live-reload script before its last `</body>` (or at the end)."""
    script = (
        LIVE_RELOAD.replace("__DICTUM_SITE__", str(site_version))
        .replace("__DICTUM_EVENTS__", EVENTS_PATH)
        .encode()
    )
    end = html.lower().rfind(b"</body>")
    return html + script if end == -1 else html[:end] + script + html[end:]


# -- safe paths ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    status: HTTPStatus
    file: Path | None = None


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def resolve(site: Path, url_path: str) -> Resolved:
    """The file of `site` that a percent-encoded URL path names.

    403 for anything that tries to leave the folder (`..` in any encoding, backslashes, NUL,
    symlinks pointing outside), 404 for what is missing or hidden (the build's manifest),
    301 for a folder asked without its trailing slash. Real paths are compared, so no
    spelling of a path can reach a file outside `site`.
    """
    try:
        decoded = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return Resolved(HTTPStatus.NOT_FOUND)
    if "\x00" in decoded or "\\" in decoded:
        return Resolved(HTTPStatus.FORBIDDEN)
    parts = [part for part in decoded.split("/") if part]  # "//etc" is "etc", not "/etc"
    if any(part in (".", "..") for part in parts):
        return Resolved(HTTPStatus.FORBIDDEN)
    if any(part.startswith(".") for part in parts):
        return Resolved(HTTPStatus.NOT_FOUND)
    root = os.path.realpath(site)
    target = os.path.realpath(os.path.join(root, *parts))
    if not _inside(target, root):
        return Resolved(HTTPStatus.FORBIDDEN)
    if os.path.isdir(target):
        if not decoded.endswith("/"):
            return Resolved(HTTPStatus.MOVED_PERMANENTLY)
        target = os.path.realpath(os.path.join(target, "index.html"))
        if not _inside(target, root):
            return Resolved(HTTPStatus.FORBIDDEN)
    if os.path.isfile(target):
        return Resolved(HTTPStatus.OK, Path(target))
    return Resolved(HTTPStatus.NOT_FOUND)


# -- builds as the browser sees them -------------------------------------------------------


@dataclass(frozen=True)
class BuildState:
    """The outcome of the latest build. `site` is the number of the last build that changed
    the published site: a page served at another number is out of date."""

    build: int = 0
    site: int = 0
    published: bool = False
    problems: tuple[str, ...] = ()

    def event(self) -> bytes:
        data = json.dumps(
            {"build": self.build, "site": self.site, "published": self.published,
             "problems": list(self.problems)}
        )
        return f"id: {self.build}\nevent: build\ndata: {data}\n\n".encode()


class Hub:
    """The latest BuildState; SSE handlers wait here for the next one."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._state = BuildState()
        self._closed = False

    @property
    def state(self) -> BuildState:
        return self._state

    def publish(self, state: BuildState) -> None:
        with self._changed:
            self._state = state
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> BuildState | None:
        """The state once its build number differs from `seen` (or after `timeout`);
        None when the server is stopping."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._state.build != seen, timeout)
            return None if self._closed else self._state

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()


class Changes:
    """Paths changed since the last build was started, and when the last one came."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paths: set[str] = set()
        self._first = self._last = 0.0
        self._closed = False

    def add(self, paths: Iterable[str]) -> None:
        with self._cond:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths.update(paths)
            self._last = now
            self._cond.notify_all()

    def forget(self, paths: set[str]) -> None:
        """Drop changes the build made itself (pages and registry entries it imported)."""
        with self._cond:
            self._paths -= paths

    def take(self) -> set[str] | None:
        """Block until there are changes and they have been quiet for DEBOUNCE seconds (or
        have kept coming for MAX_DELAY); return them. None once closed."""
        with self._cond:
            while True:
                if self._closed:
                    return None
                if self._paths:
                    now = time.monotonic()
                    quiet = now - self._last
                    if quiet >= DEBOUNCE or now - self._first >= MAX_DELAY:
                        taken, self._paths = self._paths, set()
                        return taken
                    self._cond.wait(DEBOUNCE - quiet)
                else:
                    self._cond.wait()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def _manifest(output: Path) -> bytes | None:
    """The live site's manifest: equal manifests mean an identical site."""
    try:
        return (output / MANIFEST).read_bytes()
    except OSError:
        return None


def _shown(problem: Problem, root: Path) -> str:
    """A problem's one-line form, its path relative to the archive when inside it."""
    path = Path(problem.path)
    if path.is_absolute():
        with contextlib.suppress(ValueError):
            problem = replace(problem, path=path.relative_to(root).as_posix())
    return str(problem)


def _import_writes(report: BuildReport, config: Config) -> set[str]:
    """Files the build's import wrote: their file events are the build's own doing."""
    imported = report.imported
    if imported is None:
        return set()
    written = {
        os.path.normpath(config.root / result.page)
        for result in imported.results
        if result.page and result.status in ("created", "updated")
    }
    if imported.new_speakers:
        written.add(os.path.normpath(config.registry))
    return written


def child_processes(pid: int) -> list[int]:
    """Direct children of `pid`, read from /proc (empty where there is none)."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    children = []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            stat = Path("/proc", entry, "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()  # the command name may hold spaces
        if len(fields) > 1 and fields[1] == str(pid):
            children.append(int(entry))
    return children


# -- watching ------------------------------------------------------------------------------


class _Watcher(FileSystemEventHandler):
    def __init__(self, preview: Preview) -> None:
        self.preview = preview

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("created", "modified", "deleted", "moved"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # a folder's mtime: the file event beside it says what changed
        paths = [os.fsdecode(event.src_path)]
        if event.event_type == "moved" and event.dest_path:
            paths.append(os.fsdecode(event.dest_path))  # an editor's atomic save ends here
        if event.is_directory and event.event_type in ("deleted", "moved"):
            self.preview.watched_folder_gone(paths[0])
        relevant = [os.path.normpath(p) for p in paths if self.preview.is_input(p)]
        if relevant:
            self.preview.changes.add(relevant)


# -- HTTP ----------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # idle keep-alive connections must not hold up Ctrl-C
    block_on_close = False
    request_queue_size = 64
    preview: Preview

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # a browser dropping a connection is no news
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class _Server6(_Server):
    address_family = socket.AF_INET6


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive: Pagefind fetches many small files
    timeout = 60  # an idle keep-alive connection gives its thread back after a minute
    server_version = "dictum-serve"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # an access log of a local preview is noise in the terminal

    def _respond(self, *, body: bool) -> None:
        try:
            self._route(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the browser went elsewhere

    def _route(self, body: bool) -> None:
        url = urlsplit(self.path)
        if url.path == EVENTS_PATH:
            self._events(body)
            return
        preview = self.server.preview
        base = preview.config.base_path  # "/" or "/archive/": the site lives under it
        if not url.path.startswith(base):
            if url.path in ("/", base.rstrip("/")):
                self._redirect(base)
            else:
                self._not_found(body)
            return
        self._file(url.path, url.path[len(base) - 1 :], url.query, body)

    def _file(self, path: str, relative: str, query: str, body: bool) -> None:
        preview = self.server.preview
        version = preview.hub.state.site  # read before the file: a swap between = one reload
        for _ in range(10):
            site = preview.config.output
            resolved = resolve(site, relative)
            if resolved.status == HTTPStatus.MOVED_PERMANENTLY:
                location = "/" + path.lstrip("/") + "/"  # never "//host/": no open redirect
                self._redirect(quote(location, safe="/%") + (f"?{query}" if query else ""))
                return
            if resolved.status == HTTPStatus.FORBIDDEN:
                self._send(HTTPStatus.FORBIDDEN, b"Forbidden\n", "text/plain; charset=utf-8",
                           body)
                return
            if resolved.file is not None:
                try:
                    data = resolved.file.read_bytes()
                except OSError:
                    data = None  # swapped out between resolving and reading
                if data is not None:
                    kind = content_type(resolved.file.name)
                    if kind.startswith("text/html"):
                        data = inject_live_reload(data, version)
                    self._send(HTTPStatus.OK, data, kind, body)
                    return
            elif site.is_dir():
                break
            time.sleep(0.02)  # site/ is between the two renames of a swap
        self._not_found(body)

    def _not_found(self, body: bool) -> None:
        preview = self.server.preview
        version = preview.hub.state.site
        page = resolve(preview.config.output, "/404.html")
        data = NO_SITE_PAGE.encode()
        if page.file is not None:
            with contextlib.suppress(OSError):
                data = page.file.read_bytes()
        self._send(HTTPStatus.NOT_FOUND, inject_live_reload(data, version),
                   "text/html; charset=utf-8", body)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, data: bytes, kind: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a preview always shows the latest
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self, body: bool) -> None:
        """One event per finished build, the current state first, until the tab closes."""
        hub = self.server.preview.hub
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")  # the stream ends when the connection does
        self.end_headers()
        self.close_connection = True
        if not body:
            return
        self.wfile.write(b"retry: 500\n\n")  # reconnect quickly after a restart
        seen = -1
        while True:
            state = hub.wait(seen, KEEPALIVE)
            if state is None:
                return
            if state.build == seen:
                self.wfile.write(b": keep-alive\n\n")
            else:
                self.wfile.write(state.event())
                seen = state.build


def _family(host: str) -> socket.AddressFamily:
    return socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)[0][0]


def bind(host: str, port: int, warn: Callable[[str], None]) -> _Server:
    """A server bound to `host:port`, or, when that port is busy, to a free one nearby."""
    server_class = _Server6 if _family(host) == socket.AF_INET6 else _Server
    candidates = [port, *range(port + 1, port + PORT_TRIES), 0] if port else [0]
    for candidate in candidates:
        try:
            server = server_class((host, candidate), _Handler)
        except OSError as error:
            if error.errno != errno.EADDRINUSE or candidate == 0:
                raise
            continue
        if candidate != port:
            warn(f"port {port} is busy; using port {server.server_address[1]} instead")
        return server
    raise AssertionError("unreachable: port 0 always binds or raises")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def url_of(server: _Server, host: str, base_path: str) -> str:
    port = server.server_address[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}{base_path}"


# -- the whole thing -----------------------------------------------------------------------


class Preview:
    """The state `dictum serve` shares between its threads."""

    def __init__(self, config: Config, *, out: Callable[[str], None],
                 err: Callable[[str], None]) -> None:
        self.config = config  # replaced (never mutated) when dictum.toml changes
        self.out, self.err = out, err
        self.hub = Hub()
        self.changes = Changes()
        self.cancel = threading.Event()  # set on shutdown: the running build stops
        self.first_build_done = threading.Event()
        self.observer = Observer()
        self._handler = _Watcher(self)
        self._watches: dict[tuple[str, bool], ObservedWatch] = {}
        self._watched: frozenset[str] = frozenset()  # the folders, for the observer thread
        self._watches_stale = False
        self._watch_lock = threading.Lock()
        self._builds = 0
        self._events = 0  # states published to the hub: one per build, two if pages go first
        self._pages_shown_at: int | None = None  # the state that announced this build's pages
        self.session = Session()  # parsed pages and templates, kept between builds

    # What is input. Paths come from watchdog as the strings the watches were made with.
    def is_input(self, path: str) -> bool:
        config = self.config
        file = Path(os.path.normpath(path))
        theme = self._theme_folder(config)
        try:
            relative = file.relative_to(config.root)
        except ValueError:
            if theme is None or not file.is_relative_to(theme):
                return False
            relative = file.relative_to(theme)
        if any(IGNORED_NAME.match(part) for part in relative.parts):
            return False
        if file == config.root / CONFIG_FILE:
            return True
        if file.is_relative_to(config.output):
            return False
        return any(
            folder is not None and file.is_relative_to(folder)
            for folder in (config.content, config.root / "themes", theme)
        )

    @staticmethod
    def _theme_folder(config: Config) -> Path | None:
        theme = Path(config.theme)
        return theme if theme.is_absolute() else None

    def watched_folder_gone(self, path: str) -> None:
        if os.path.normpath(path) in self._watched:
            self._watches_stale = True  # the watch died with its folder: renew it

    def sync_watches(self) -> None:
        """Watch the archive folder itself (for dictum.toml and new folders), and content/
        and themes/ with everything under them; never site/, which a build rewrites."""
        config = self.config
        wanted = {(os.path.normpath(config.root), False)}
        for folder in (config.content, config.root / "themes", self._theme_folder(config)):
            if folder is not None and folder.is_dir():
                wanted.add((os.path.normpath(folder), True))
        if (os.path.normpath(config.root), True) in wanted:  # content_dir = "."
            wanted.discard((os.path.normpath(config.root), False))
        with self._watch_lock:
            if self._watches_stale:
                self._watches_stale = False
                for watch in self._watches.values():
                    with contextlib.suppress(KeyError, OSError):
                        self.observer.unschedule(watch)
                self._watches.clear()
            for key in set(self._watches) - wanted:
                with contextlib.suppress(KeyError, OSError):
                    self.observer.unschedule(self._watches.pop(key))
            for key in wanted - set(self._watches):
                path, recursive = key
                try:
                    self._watches[key] = self.observer.schedule(
                        self._handler, path, recursive=recursive, event_filter=WATCHED_EVENTS
                    )
                except OSError as error:  # the folder went away meanwhile, or no watches left
                    self.err(f"cannot watch {path}: {error}")
            self._watched = frozenset(path for path, _ in self._watches)

    # Building.
    def build_once(self) -> None:
        start = time.perf_counter()
        root = self.config.root
        try:
            config = load_config(root)
        except ConfigError as error:
            self._finish(error.problems, published=False, site_changed=False, start=start)
            return
        except (OSError, UnicodeDecodeError) as error:  # dictum.toml caught mid-save
            problem = Problem(str(root / CONFIG_FILE), f"cannot read: {error}", "config")
            self._finish([problem], published=False, site_changed=False, start=start)
            return
        self.config = config
        self.sync_watches()
        before = _manifest(config.output)
        self._pages_shown_at = None
        try:
            # workers=1: forking render processes from this threaded server could copy a
            # lock held by another thread into the child; live edits render few pages anyway.
            report = build(
                config, import_inbox=True, log=self.out, cancel=self.cancel, workers=1,
                session=self.session, pages_ready=self._show_pages,
            )
        except BuildCancelled:
            return
        except Exception as error:  # a bug or a full disk must not end the preview
            if self.cancel.is_set():
                return  # helpers killed by the shutdown fail in their own ways
            traceback.print_exc(file=sys.stderr)
            problem = Problem("dictum", f"the build crashed: {type(error).__name__}: {error}",
                              "internal")
            self._finish([problem], published=False, site_changed=False, start=start)
            return
        if self.cancel.is_set():
            return  # Pagefind was stopped by the shutdown: the failure is ours, not the site's
        self.session.stamps = False  # from now on, builds run because files changed
        self.changes.forget(_import_writes(report, config))
        changed = report.published and _manifest(config.output) != before
        self._finish(report.problems, published=report.published, site_changed=changed,
                     start=start, report=report)

    def _show_pages(self, report: BuildReport) -> None:
        """The pages of this build are live, its search index not yet: reload browsers now,
        since the curator looks at the page; search catches up a moment later."""
        self._events += 1
        self._pages_shown_at = self._events
        root = self.config.root
        errors = tuple(_shown(p, root) for p in report.problems if p.severity == "error")
        self.hub.publish(
            BuildState(build=self._events, site=self._events, published=True, problems=errors)
        )

    def _finish(self, problems: list[Problem], *, published: bool, site_changed: bool,
                start: float, report: BuildReport | None = None) -> None:
        self._builds += 1
        self._events += 1
        # A build announced with its pages reloads nothing more: only its search index came.
        reload = site_changed and self._pages_shown_at is None
        root = self.config.root
        errors = [p for p in problems if p.severity == "error"]
        lines = tuple(_shown(p, root) for p in errors + [p for p in problems if p not in errors])
        for line in lines:
            self.err(line)
        seconds = time.perf_counter() - start
        output = self.config.output_dir
        if published and report is not None:
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in report.timings.items())
            what = (
                f"{report.pages} pages rendered, {report.shards_indexed} search shards indexed"
                if site_changed else "nothing changed"
            )
            self.out(f"build {self._builds}: {what} in {seconds:.2f}s ({stages})")
        else:
            self.err(f"build {self._builds} failed in {seconds:.2f}s; "
                     f"still serving the last good {output}/")
        # The overlay lists errors; warnings stay in the terminal unless they stopped a build.
        shown = tuple(_shown(p, root) for p in errors) or (() if published else lines)
        self.hub.publish(
            BuildState(
                build=self._events,
                site=self._events if reload else self.hub.state.site,
                published=published,
                problems=shown,
            )
        )

    def run_builds(self) -> None:
        """The builder thread: the first build, then one build per quiet burst of changes."""
        try:
            self._build_safely()
            self.first_build_done.set()
            while self.changes.take() is not None:
                self._build_safely()
        finally:
            self.first_build_done.set()

    def _build_safely(self) -> None:
        try:
            self.build_once()
        except Exception:  # a bug here must not stop the rebuilds that would show its fix
            traceback.print_exc(file=sys.stderr)

    def stop_children(self) -> None:
        """End the build's helper processes (Pagefind, forked render workers), so a cut-off
        build ends at once. SIGKILL, because forked workers inherit this process's signal
        handlers and would shrug off SIGTERM; all they write goes to the staging folder,
        which the build then discards."""
        for pid in child_processes(os.getpid()):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def serve(config: Config, *, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Build, serve and watch until Ctrl-C or SIGTERM; returns the exit code."""

    def out(line: str) -> None:
        print(line, flush=True)

    def err(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        server = bind(host, port, err)
    except OSError as error:
        err(f"cannot listen on {host}:{port}: {error.strerror or error}")
        return 2
    preview = Preview(config, out=out, err=err)
    server.preview = preview
    if not _is_loopback(host):
        err(f"listening on {host}: anyone who can reach this machine can read the site")

    stop = threading.Event()
    previous_handlers: dict[int, object] = {}

    def on_signal(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second Ctrl-C: stop waiting for the build
        stop.set()

    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            previous_handlers[signum] = signal.signal(signum, on_signal)

    builder = threading.Thread(target=preview.run_builds, name="dictum-builder", daemon=True)
    http = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                            name="dictum-http", daemon=True)
    try:
        preview.sync_watches()
        preview.observer.start()
        out(f"building {config.root} ...")
        builder.start()
        while not stop.wait(0.1):
            if preview.first_build_done.is_set() and not http.is_alive():
                http.start()
                out(f"serving {preview.config.output_dir}/ at "
                    f"{url_of(server, host, preview.config.base_path)} "
                    f"(watching content, themes and {CONFIG_FILE}; Ctrl-C to stop)")
        out("stopping ...")
        preview.cancel.set()
        preview.changes.close()
        preview.observer.stop()
        preview.hub.close()
        if http.is_alive():
            server.shutdown()
        while builder.is_alive():  # Pagefind runs in the builder's threads: end it, wait
            preview.stop_children()
            builder.join(0.05)
        with contextlib.suppress(RuntimeError):
            preview.observer.join(5)
    finally:
        server.server_close()
        for signum, handler in previous_handlers.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
    out("stopped")
    return 0
