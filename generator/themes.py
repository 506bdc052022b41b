"""Themes: an ordered chain of folders (the user's theme, then the bundled default).

A template is looked up by name along the chain, so a user theme overrides one template
without copying the rest; `{% extends "default/statement.html" %}` reaches the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

DEFAULT_THEME = "default"


class ThemeError(Exception):
    pass


@dataclass(frozen=True)
class Theme:
    folders: tuple[Path, ...]  # most specific first

    @property
    def template_dirs(self) -> list[Path]:
        return [f / "templates" for f in self.folders if (f / "templates").is_dir()]

    @property
    def static_dirs(self) -> list[Path]:
        """Least specific first, so later copies override earlier ones."""
        return [f / "static" for f in reversed(self.folders) if (f / "static").is_dir()]


def bundled_theme(name: str = DEFAULT_THEME) -> Path:
    return Path(str(resources.files("generator.bundled_themes") / name))


def resolve_theme(root: Path, name: str) -> Theme:
    """The archive's own `themes/<name>/` (if any) in front of the bundled default."""
    default = bundled_theme()
    folders: list[Path] = []
    candidate = Path(name) if Path(name).is_absolute() else root / "themes" / name
    if candidate.is_dir():
        folders.append(candidate.resolve())
    elif (bundled := bundled_theme(name)).is_dir():
        folders.append(bundled.resolve())
    else:
        raise ThemeError(f"theme {name!r} not found (looked in {candidate} and the bundled themes)")
    if default.resolve() not in folders:
        folders.append(default.resolve())
    return Theme(tuple(folders))


def environment(theme: Theme) -> jinja2.Environment:
    default_templates = bundled_theme() / "templates"
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
            jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(default_templates))}),
        ]
    )
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(("html", "xml"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env
