"""The archive's configuration: one optional `dictum.toml`, validated, with defaults.

Every option is declared once in `OPTIONS` with its type, default and meaning; the README's
configuration table and the validation both come from there.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from .models import Problem

CONFIG_FILE = "dictum.toml"


@dataclass(frozen=True)
class Option:
    type: type | tuple[type, ...]
    default: object
    help: str


OPTIONS: dict[str, Option] = {
    "title": Option(str, "Statement archive", "Site title, shown in the header and feeds."),
    "description": Option(str, "", "One sentence about the archive, for the home page and feeds."),
    "base_url": Option(
        str,
        "/",
        "Where the site is published: `https://example.org/archive/` or a path like "
        "`/archive/`. Links are built under its path; canonical links need a full URL.",
    ),
    "language": Option(str, "en", "Language of the pages (`<html lang>`), a BCP 47 tag."),
    "page_size": Option(int, 50, "Statements per page on speaker pages."),
    "home_latest": Option(int, 20, "Latest statements listed on the home page."),
    "feed_size": Option(int, 50, "Entries in each Atom feed."),
    "theme": Option(str, "default", "Theme name: a folder under `themes/`, or a bundled theme."),
    "content_dir": Option(str, "content", "The archive folder: inbox, statements, registry."),
    "output_dir": Option(str, "site", "Where `dictum build` writes the site."),
    "default_year": Option(
        (int, type(None)), None, "Year for imported documents whose year nothing else gives."
    ),
    "cname": Option((str, type(None)), None, "Custom domain written to `CNAME` on publish."),
}


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Config:
    root: Path
    title: str = "Statement archive"
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    page_size: int = 50
    home_latest: int = 20
    feed_size: int = 50
    theme: str = "default"
    content_dir: str = "content"
    output_dir: str = "site"
    default_year: int | None = None
    cname: str | None = None

    def page_settings(self) -> dict[str, object]:
        """The options pages are made from. Where files live (content_dir, output_dir) and
        what only import or publish use do not change a page, so they do not re-render it."""
        skip = {"root", "content_dir", "output_dir", "default_year", "cname"}
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in skip}

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always with a leading and trailing slash."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def absolute_base(self) -> str | None:
        """`scheme://host/path/` when base_url is absolute, for canonical links and feeds."""
        parts = urlsplit(self.base_url)
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}{self.base_path}"
        return None

    @property
    def content(self) -> Path:
        return self.root / self.content_dir

    @property
    def inbox(self) -> Path:
        return self.content / "inbox"

    @property
    def statements(self) -> Path:
        return self.content / "statements"

    @property
    def registry(self) -> Path:
        return self.content / "speakers.yaml"

    @property
    def output(self) -> Path:
        return self.root / self.output_dir


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def validate(raw: dict, root: Path, *, text: str = "", source: str = CONFIG_FILE) -> Config:
    """Check every key against OPTIONS; collect all problems before failing."""
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for key, value in raw.items():
        option = OPTIONS.get(key)
        line = _line_of(text, key)
        if option is None:
            known = ", ".join(sorted(OPTIONS))
            problems.append(
                Problem(source, f"unknown option {key!r} (known: {known})", "config-key", line)
            )
            continue
        # bool is an int in Python; a `page_size = true` is still a mistake.
        if isinstance(value, bool) or not isinstance(value, option.type):
            expected = option.type if isinstance(option.type, type) else option.type[0]
            problems.append(
                Problem(
                    source,
                    f"{key} must be {expected.__name__}, got {type(value).__name__} {value!r}",
                    "config-type",
                    line,
                )
            )
            continue
        values[key] = value
    for key in ("page_size", "home_latest", "feed_size"):
        if key in values and values[key] < 1:  # type: ignore[operator]
            problems.append(
                Problem(source, f"{key} must be at least 1", "config-value", _line_of(text, key))
            )
    base = values.get("base_url")
    if isinstance(base, str):
        parts = urlsplit(base)
        if not (parts.path.startswith("/") or (parts.scheme and parts.netloc)) or (
            parts.scheme and parts.scheme not in ("http", "https")
        ):
            problems.append(
                Problem(
                    source,
                    f"base_url must be an http(s) URL or a path starting with '/', got {base!r}",
                    "config-value",
                    _line_of(text, "base_url"),
                )
            )
    if problems:
        raise ConfigError(problems)
    return Config(root=root, **values)  # type: ignore[arg-type]


def load_config(root: Path, overrides: dict[str, object] | None = None) -> Config:
    """Read `dictum.toml` in `root` if present; command-line overrides win."""
    path = root / CONFIG_FILE
    raw: dict = {}
    text = ""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            match = re.search(r"line (\d+)", str(error))
            line = int(match.group(1)) if match else None
            raise ConfigError(
                [Problem(str(path), f"not valid TOML: {error}", "config-syntax", line)]
            ) from None
    raw.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return validate(raw, root, text=text, source=str(path))


def option_names() -> list[str]:
    return [f.name for f in fields(Config) if f.name != "root"]
