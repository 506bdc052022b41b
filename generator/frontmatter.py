"""Split, parse and write YAML front matter, keeping line numbers for error messages."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

# The C loader is several times faster; fall back when PyYAML was built without libyaml.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load_yaml(text: str) -> object:
    """Safe YAML (no tags that build objects), with the C loader when available."""
    return yaml.load(text, Loader=_Loader)


class FrontMatterError(ValueError):
    """Bad front matter; `line` is 1-based in the page file when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Page:
    meta: dict
    body: str
    body_line: int  # 1-based line of the file where the body starts


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml text, body, body line). The page must open with a `---` line."""
    text = text.removeprefix("\ufeff")
    if not text.startswith("---"):
        raise FrontMatterError("page does not start with a '---' front matter line", 1)
    first_break = text.find("\n")
    if first_break == -1 or text[:first_break].strip() != "---":
        raise FrontMatterError("page does not start with a '---' front matter line", 1)
    pos = first_break + 1
    line = 2
    while True:
        end = text.find("\n", pos)
        current = text[pos:] if end == -1 else text[pos:end]
        if current.rstrip() in ("---", "..."):
            yaml_text = text[first_break + 1 : pos]
            body = "" if end == -1 else text[end + 1 :]
            return yaml_text, body.lstrip("\n"), line + 1 + _leading_newlines(body)
        if end == -1:
            raise FrontMatterError("front matter is not closed by a '---' line", 1)
        pos = end + 1
        line += 1


def _leading_newlines(body: str) -> int:
    return len(body) - len(body.lstrip("\n"))


def parse(text: str) -> Page:
    yaml_text, body, body_line = split(text)
    try:
        meta = load_yaml(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        # +1 for the opening '---' line, +1 because marks are 0-based.
        raise FrontMatterError(
            f"invalid YAML: {problem}", mark.line + 2 if mark else None
        ) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values", 2)
    return Page(meta=meta, body=body, body_line=body_line)


def dump(meta: dict, body: str) -> str:
    """Serialise a page: keys in the given order, Unicode kept, long lines not folded."""
    yaml_text = yaml.dump(
        meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000
    )
    return f"---\n{yaml_text}---\n\n{body.rstrip()}\n"


def key_line(yaml_lines: list[str], key: str) -> int | None:
    """1-based file line of a top-level key, for pointing at a bad value."""
    prefix = f"{key}:"
    for number, line in enumerate(yaml_lines, start=2):
        if line.startswith(prefix):
            return number
    return None
