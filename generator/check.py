"""`dictum check`: validate the archive, then every internal link of the built site.

Like zola's `check`, it loads and validates and leaves no output behind. Content problems
are the ones a build reports plus what a build lets through: clashing registry entries,
speakers of a page the registry does not know or knows as another kind, dates in the future.
The link check reads every HTML page, feed, sitemap and robots.txt of a built site and names
the page, line and target of each internal link or asset that leads nowhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from . import frontmatter
from .config import CONFIG_FILE, Config
from .content import load_registry, load_statements, shown_path
from .models import Problem, Statement
from .speakers import Registry, name_key, speaker_slug
from .writer import MANIFEST

# `dictum serve` injects its live-reload script from this path; it must never be published.
DEV_MARKER = "/__dictum/"
MANIFEST_DIR = MANIFEST.split("/")[0]  # the build's own bookkeeping, never published


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    pages: int = 0  # HTML pages read
    links: int = 0  # internal links and asset references followed

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


# -- content ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    name: str
    slug: str
    kind: str
    aliases: tuple[str, ...]
    line: int


def _registry_entries(text: str) -> list[_Entry]:
    """The registry's entries with their lines; malformed YAML is load_registry's to report."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    sequence = next(
        (v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "speakers"),
        None,
    )
    if not isinstance(sequence, yaml.SequenceNode):
        return []
    entries = []
    for item in sequence.value:
        if not isinstance(item, yaml.MappingNode):
            continue
        fields = {k.value: v for k, v in item.value if isinstance(k, yaml.ScalarNode)}
        name = fields.get("name")
        if not isinstance(name, yaml.ScalarNode) or not name.value:
            continue
        slug, kind = fields.get("slug"), fields.get("kind")
        aliases = fields.get("aliases")
        entries.append(
            _Entry(
                name=name.value,
                slug=slug.value if isinstance(slug, yaml.ScalarNode) and slug.value
                else speaker_slug(name.value),
                kind=kind.value if isinstance(kind, yaml.ScalarNode) else "person",
                aliases=tuple(
                    a.value for a in aliases.value if isinstance(a, yaml.ScalarNode) and a.value
                )
                if isinstance(aliases, yaml.SequenceNode)
                else (),
                line=item.start_mark.line + 1,
            )
        )
    return entries


def registry_problems(text: str, shown: str) -> list[Problem]:
    """Entries of the speaker registry that clash: one person listed twice, two entries with
    one slug, a name or alias that already names another entry, a kind that is neither."""
    problems: list[Problem] = []
    names: dict[str, tuple[_Entry, str]] = {}  # name key -> entry, "name" or "alias"
    slugs: dict[str, _Entry] = {}
    for entry in _registry_entries(text):
        if entry.kind not in ("person", "organization"):
            problems.append(Problem(
                shown, f"speaker {entry.name!r}: kind must be person or organization, "
                f"got {entry.kind!r}", "speaker-kind", entry.line,
            ))  # fmt: skip
        claimed = names.get(name_key(entry.name))
        if claimed is not None:
            other, how = claimed
            what = "listed twice" if how == "name" else f"also an alias of {other.name!r}"
            problems.append(Problem(
                shown, f"speaker {entry.name!r} is {what} (line {other.line}); merge the "
                "entries", "duplicate-speaker", entry.line,
            ))  # fmt: skip
            continue
        if entry.slug in slugs:
            other = slugs[entry.slug]
            problems.append(Problem(
                shown, f"slug {entry.slug!r} of {entry.name!r} is also the slug of "
                f"{other.name!r} (line {other.line})", "duplicate-speaker-slug", entry.line,
            ))  # fmt: skip
        slugs.setdefault(entry.slug, entry)
        names[name_key(entry.name)] = (entry, "name")
        for alias in entry.aliases:
            key = name_key(alias)
            claimed = names.get(key)
            if claimed is not None and claimed[0] is not entry:
                problems.append(Problem(
                    shown, f"alias {alias!r} of {entry.name!r} already names "
                    f"{claimed[0].name!r} (line {claimed[0].line})", "duplicate-speaker-alias",
                    entry.line,
                ))  # fmt: skip
            else:
                names[key] = (entry, "alias")
    return problems


def statement_problems(
    statements: Iterable[Statement], registry: Registry, *, registry_shown: str | None,
    today: dt.date, shown: Callable[[Path], str],
) -> list[Problem]:
    """Dates in the future; speakers the registry knows as another kind (errors) or does not
    know at all (warnings: the build makes each unknown name a new speaker). `registry_shown`
    is None when the archive keeps no registry, so there is nothing to know names from."""
    problems: list[Problem] = []
    for statement in statements:
        path = shown(statement.path) if statement.path else statement.slug
        lines: list[str] | None = None

        def line_of(key: str, statement: Statement = statement) -> int | None:
            nonlocal lines
            if lines is None:  # read the page again only when it has something to report
                text = statement.path.read_text(encoding="utf-8") if statement.path else ""
                lines = text.split("\n", 400)[1:]
            return frontmatter.key_line(lines, key)

        if statement.date and statement.date > today:
            problems.append(Problem(
                path, f"date {statement.date.isoformat()} is in the future", "future-date",
                line_of("date"),
            ))  # fmt: skip
        for ref in statement.speakers:
            known = registry.find(ref.name)
            if known is None:
                if registry_shown is not None:
                    problems.append(Problem(
                        path, f"speaker {ref.name!r} is not in {registry_shown}; the build "
                        "makes a new speaker of them (add them there, or fix the spelling)",
                        "unknown-speaker", line_of("speakers"), "warning",
                    ))  # fmt: skip
            elif known.kind != ref.kind:
                problems.append(Problem(
                    path, f"speaker {ref.name!r} has kind {ref.kind} here but {known.name!r} "
                    f"has kind {known.kind} in {registry_shown}", "speaker-kind-conflict",
                    line_of("speakers"),
                ))  # fmt: skip
    return problems


def validate_content(config: Config, today: dt.date | None = None) -> list[Problem]:
    """Everything wrong with the archive's pages and registry, without rendering."""
    speakers, problems = load_registry(config.registry, config.root)
    registry_shown = shown_path(config.registry, config.root) if config.registry.exists() else None
    if registry_shown is not None and not problems:
        problems += registry_problems(config.registry.read_text(encoding="utf-8"), registry_shown)
    statements, page_problems = load_statements(config.statements, config.root)
    problems += page_problems
    problems += statement_problems(
        statements, Registry.of(speakers), registry_shown=registry_shown,
        today=today or dt.date.today(), shown=lambda p: shown_path(p, config.root),
    )  # fmt: skip
    return problems


def base_url_problems(config: Config) -> list[Problem]:
    if config.absolute_base:
        return []
    return [Problem(
        CONFIG_FILE,
        f"base_url {config.base_url!r} is a path, not a full URL: canonical links and feed "
        "ids are not absolute and no sitemap.xml is written; set base_url to the address "
        "the site is published at, like https://example.org/archive/",
        "base-url", severity="warning",
    )]  # fmt: skip


# -- links --------------------------------------------------------------------------------

_ATTRIBUTES = ("href", "src", "action", "poster")
# A tokenizer of tags rather than html.parser: three times faster on a site of 10,000
# pages. Comments and the raw text of scripts and styles are blanked first (newlines kept,
# for line numbers); everything else of a page is text or tags.
_RAW = re.compile(r"<!--.*?-->|(<(script|style)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)
_TAG = re.compile(
    r"""<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>"""
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _blank(match: re.Match[str]) -> str:
    if match.group(1) is None:  # a comment
        return "\n" * match.group(0).count("\n")
    return match.group(1) + "\n" * match.group(3).count("\n") + match.group(4)


def page_refs(text: str) -> tuple[list[tuple[str, int]], set[str]]:
    """The references (url, line) and fragment targets (ids) of one HTML page."""
    text = _RAW.sub(_blank, text)
    refs: list[tuple[str, int]] = []
    ids: set[str] = set()
    for tag, line in _with_lines(text, _TAG.finditer(text)):
        element = tag.group(1).lower()
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            name = attribute.group(1).lower()
            raw = next((v for v in attribute.group(2, 3, 4) if v is not None), None)
            if raw is None:
                continue
            value = html.unescape(raw)
            if name == "id" or (element == "a" and name == "name"):
                ids.add(value)
            elif name in _ATTRIBUTES:
                refs.append((value.strip(), line))
            elif name in ("srcset", "imagesrcset"):
                refs += [(c.split()[0], line) for c in value.split(",") if c.strip()]
    return refs, ids


def _with_lines(text: str, matches: Iterable[re.Match[str]]) -> Iterable[tuple[re.Match[str], int]]:
    """Each match with its line, counting newlines once through the text."""
    line, position = 1, 0
    for match in matches:
        line += text.count("\n", position, match.start())
        position = match.start()
        yield match, line


_XML_REF = re.compile(r"""\shref\s*=\s*["']([^"']*)["']|<loc>\s*([^<]*?)\s*</loc>""")


def xml_refs(text: str) -> list[tuple[str, int]]:
    """Links of an Atom feed (`href`) or a sitemap (`<loc>`), with lines."""
    return [
        (html.unescape(m.group(1) if m.group(1) is not None else m.group(2)), line)
        for m, line in _with_lines(text, _XML_REF.finditer(text))
    ]


def url_path(relative_file: str) -> str:
    """The site-relative URL a file is served at: folders' index.html as the folder."""
    if relative_file == "index.html":
        return ""
    if relative_file.endswith("/index.html"):
        return relative_file[: -len("index.html")]
    return relative_file


@dataclass(frozen=True)
class _Site:
    """What a reference can point to: the site's files and each HTML page's ids."""

    files: frozenset[str]
    ids: dict[str, set[str]]
    base_path: str
    origin: str  # scheme://host of the site; a placeholder when base_url is a path
    _cache: dict = field(default_factory=dict, compare=False)

    def target(self, ref: str, page: str) -> tuple[str | None, str | None, str | None]:
        """(file, fragment, why broken) for an internal reference; (None, None, None) for
        an external or non-HTTP one."""
        # Most references are root-relative and repeat on every page: resolve them once.
        key = ref if ref.startswith("/") and not ref.startswith("//") else (ref, page)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._target(ref, page)
        return found

    def _target(self, ref: str, page: str) -> tuple[str | None, str | None, str | None]:
        if not ref or ref == "#":
            return None, None, None
        scheme = urlsplit(ref).scheme
        if scheme and scheme not in ("http", "https"):
            return None, None, None  # mailto:, data:, javascript: ...
        absolute = urljoin(self.origin + self.base_path + url_path(page), ref)
        parts = urlsplit(absolute)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None, None, None
        path = unquote(parts.path)
        if path + "/" == self.base_path:
            path = self.base_path
        if not path.startswith(self.base_path):
            return None, None, f"outside the site's base path {self.base_path}"
        relative = path[len(self.base_path) :]
        fragment = unquote(parts.fragment) or None
        if relative == "" or relative.endswith("/"):
            candidates = [relative + "index.html"]
        else:  # a folder without its slash: static hosts redirect to the slash
            candidates = [relative, relative + "/index.html"]
        for candidate in candidates:
            if candidate in self.files:
                return candidate, fragment, None
        return None, None, f"no file {candidates[0]}"


def site_files(site: Path) -> list[str]:
    """The site's files, site-relative and sorted, without the build's manifest folder."""
    files = []
    for folder, dirs, names in os.walk(site):
        relative = Path(folder).relative_to(site).as_posix()
        if relative == ".":
            dirs[:] = [d for d in dirs if d != MANIFEST_DIR]
            relative = ""
        dirs.sort()
        files += [f"{relative}/{n}" if relative else n for n in sorted(names)]
    return files


def check_site(site: Path, config: Config, shown: str | None = None) -> CheckReport:
    """Every internal href/src of every HTML page, and the links of feeds, sitemaps and
    robots.txt, must lead to a file of `site` (and to an id on it, for `#fragment`s).
    Development-only scripts are errors too. `shown` names the site folder in problems."""
    report = CheckReport()
    prefix = (shown or shown_path(site, config.root)).rstrip("/") + "/"
    files = site_files(site)
    if config.absolute_base:
        parts = urlsplit(config.absolute_base)
        origin = f"{parts.scheme}://{parts.netloc}"
    else:  # links to full URLs cannot be told from external ones: they are not checked
        origin = "http://base-url-is-a-path.invalid"
    refs: dict[str, list[tuple[str, int]]] = {}
    ids: dict[str, set[str]] = {}
    for name in files:
        if name.endswith(".html"):
            text = (site / name).read_text(encoding="utf-8", errors="replace")
            refs[name], ids[name] = page_refs(text)
            report.pages += 1
        elif name.endswith(".xml"):
            text = (site / name).read_text(encoding="utf-8", errors="replace")
            try:
                ET.fromstring(text.encode("utf-8"))
            except ET.ParseError as error:
                report.problems.append(
                    Problem(prefix + name, f"not well-formed XML: {error}", "xml",
                            error.position[0])
                )
                continue
            refs[name] = xml_refs(text)
        elif name == "robots.txt":
            text = (site / name).read_text(encoding="utf-8", errors="replace")
            refs[name] = [
                (line.split(":", 1)[1].strip(), number)
                for number, line in enumerate(text.splitlines(), start=1)
                if line.lower().startswith("sitemap:")
            ]
        else:
            continue
        for _, line in _with_lines(text, re.finditer(re.escape(DEV_MARKER), text)):
            report.problems.append(Problem(
                prefix + name, f"development-only script or link ({DEV_MARKER}): "
                "publish what `dictum build` writes, not pages saved from `dictum serve`",
                "dev-script", line,
            ))  # fmt: skip
    index = _Site(frozenset(files), ids, config.base_path, origin)
    for page, page_refs_ in refs.items():
        seen: set[str] = set()
        for ref, line in page_refs_:
            target, fragment, broken = index.target(ref, page)
            if target is None and broken is None:
                continue
            report.links += 1
            if broken is None and fragment and target in ids and fragment != "top" \
                    and fragment not in ids[target]:
                broken = f"no id {fragment!r} on {target}"
            if broken and ref not in seen:
                seen.add(ref)  # one line per broken target and page is enough
                report.problems.append(
                    Problem(prefix + page, f"broken link to {ref} ({broken})", "broken-link", line)
                )
    return report


# -- the command ----------------------------------------------------------------------------


def _seed(previous: Path, folder: Path) -> None:
    """Start `folder` as a copy of the previous build (hard links where the file system
    allows) so the build into it renders only what changed."""
    try:
        shutil.copytree(previous, folder, copy_function=os.link, symlinks=True)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(previous, folder, symlinks=True)


def check(
    config: Config, *, site: Path | None = None, log: Callable[[str], None] = lambda _: None
) -> CheckReport:
    """Validate the content, then check the links of `site`, or, when None, of a build of
    the archive into a temporary folder (site/ is left as it is)."""
    problems = validate_content(config)
    problems += base_url_problems(config)
    if site is not None:
        report = check_site(site, config)
        report.problems[:0] = problems
        return report

    from .build import build  # the build pulls in rendering and search: only when needed

    with tempfile.TemporaryDirectory(prefix="dictum-check-") as temp:
        output = Path(temp) / "site"
        if (config.output / MANIFEST).is_file():
            _seed(config.output, output)
        built = build(dataclasses.replace(config, output_dir=str(output)), import_inbox=False)
        # Loading problems were reported by validate_content already.
        problems += [p for p in built.problems if p not in problems]
        if not built.published or not output.is_dir():
            if not built.errors:
                problems.append(Problem(config.output_dir, "the build wrote no site", "build"))
            return CheckReport(problems=problems)
        log("built the site into a temporary folder to check its links")
        report = check_site(output, config, shown=config.output_dir)
    report.problems[:0] = problems
    return report
