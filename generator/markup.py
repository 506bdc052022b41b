"""Statement text (Markdown written by the importer or a curator) to safe HTML.

Imported text is third-party data: whatever HTML it carries is sanitised with nh3 (the
ammonia sanitiser), so a `<script>` in a raw document shows as text and never runs.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import markdown

_ALLOWED_TAGS = {
    "p", "br", "em", "strong", "b", "i", "a", "blockquote", "q", "ul", "ol", "li",
    "h2", "h3", "h4", "code", "pre", "hr", "sup", "sub", "table", "thead", "tbody",
    "tr", "th", "td", "abbr", "cite",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
_QUOTE_START = re.compile(r"<p>(?=[\"“«„])")


@cache
def _converter() -> markdown.Markdown:
    # Imported on first use: most bodies take the plain-prose path below, and a small
    # rebuild then saves the import (a tenth of a second with its entry-point scan).
    import markdown

    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


# Text with none of these is plain paragraphs to Markdown: escaping it and wrapping each
# paragraph in <p> gives the same HTML as Python-Markdown, about fifty times faster. Most
# statements are such plain prose. `&` and `<` are not here (they reach Markdown escaped,
# see `_escape_tags`), nor `>` inside a line, `!` (an image needs `[`), `|` and `~` (no
# table or strikethrough extension): wire copy is full of "AT&T", "<DGN>" and "!".
_MARKDOWN_SYNTAX = re.compile(
    r"[\\`*_\[\]]|^\s*(?:[-+*#=>]|\d+[.)])|^(?: {4}|\t)| {2}$|https?:|www\.", re.MULTILINE
)
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def _plain_paragraphs(text: str) -> str:
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text.strip()) if p.strip()]
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def body_html(text: str) -> str:
    """Render, sanitise, then set apart paragraphs that open with a quotation."""
    if not _MARKDOWN_SYNTAX.search(text):
        return _set_apart_quotes(_plain_paragraphs(text))
    import nh3

    converter = _converter()
    converter.reset()
    # Escape raw HTML before Markdown sees it: a tag in a wire story is text, not markup.
    rendered = converter.convert(_escape_tags(text))
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return _set_apart_quotes(clean)


def _escape_tags(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _set_apart_quotes(fragment: str) -> str:
    parts = _QUOTE_START.split(fragment)
    if len(parts) == 1:
        return fragment
    out = [parts[0]]
    for number, part in enumerate(parts[1:], start=1):
        end = part.find("</p>")
        paragraph, rest = (part, "") if end == -1 else (part[:end], part[end + 4 :])
        out.append(
            f'<blockquote class="quote" id="q{number}"><p>{paragraph}</p></blockquote>{rest}'
        )
    return "".join(out)


def plain(text: str) -> str:
    """Text for attributes and feeds: tags stripped, entities resolved."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))
