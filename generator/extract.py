"""Extraction: one raw news-wire or press text -> a `Draft` (title, summary, body, dateline,
date, speakers, quotes). Pure: no file I/O, no state kept between calls.

Layout of the input (the seed and the corpus): site chrome lines, a title line, a blank line,
an optional lede, then body paragraphs; wire copy opens its first body paragraph with a
dateline (`MOSCOW, May 31 /TASS/. `) and Reuters copy ends with the sign-off `Reuter`.
The dateline module reads dates, the speakers module reads who speaks; this module does
the layout and the Markdown body.
"""

from __future__ import annotations

import datetime as dt
import re

from .extract_dateline import find_date, parse_dateline, today_month_day
from .extract_labels import Label, find_labels
from .extract_speakers import Segment, find_speakers
from .models import Draft

CONVERTER_VERSION = "8"  # bump when the output for the same input changes

__all__ = ["CONVERTER_VERSION", "ExtractError", "extract"]


class ExtractError(ValueError):
    """A document extraction cannot use: one line saying what is wrong, and where."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line  # callers add it to their own `path:line:` prefix


# Site chrome: navigation and share widgets that scrapers keep as lines of their own.
_CHROME = re.compile(
    r"^(?:all news|news feed|latest news|top stories|home|menu|share|share this|print|"
    r"copy link|tweet|advertisement|subscribe|back to top|related news|more news|"
    r"(?:share|post) (?:on|to|via) \w+(?: \w+)?|"
    r"(?:read|see) (?:also|more)\b.*|also read\b.*|related:.*|tags?:.*|photo:.*|"
    r"(?:facebook|twitter|telegram|vk|whatsapp|linkedin|email)(?:\s*[|/·•]\s*\w+)*)\W*$",
    re.IGNORECASE,
)
_CHROME_MAX = 160  # a longer line is text, whatever it starts with
# "By John Smith, Reuters", "BY TED D'AFFLISIO, Reuters", "by Dean Lokken".
_BYLINE = re.compile(r"^by\s+[^\s,][^,\n]{1,60}(?:,\s*[A-Za-z .]{2,40})?$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^\s*(?P<who>Reuter|Reuters|REUTER|REUTERS|TASS)\s*$")
_SOURCE_NAMES = {"REUTER": "Reuters", "REUTERS": "Reuters"}  # the wire signs off "Reuter"
_LEDE_MAX = 1500  # a "lede" longer than this is the start of the body

# Markdown that would change how a line renders: headings, quotes, lists, rules, code.
_LINE_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s|$)|=+\s*$|\d{1,9}(?=[.)](?:\s|$)))")
_INLINE = re.compile(r"([*_`\\])|\[(?=[^\]\n]*\]\s*[(\[:])")
_SPACES = re.compile(r"[ \t]+")


def extract(text: str) -> Draft:
    """Turn one raw document into a `Draft`; `ExtractError` when it has no usable title."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
    warnings: list[str] = []
    paragraphs = _paragraphs(lines)
    if not paragraphs:
        raise ExtractError("empty document: no text to take a title from", None)
    (title_line, title), first = paragraphs[0][0], paragraphs[0][1:]
    title = title.strip()
    if not any(c.isalnum() for c in title):
        raise ExtractError("no title: the first line has no letters or digits", title_line)
    # Lines right under the title with no blank line between are the next paragraph.
    paras = ["\n".join(line for _, line in para) for para in ([first] if first else [])]
    paras += ["\n".join(line for _, line in para) for para in paragraphs[1:]]

    source = None
    if paras and (m := _SIGN_OFF.match(paras[-1])):
        source = m["who"]
        paras = paras[:-1]

    byline = None
    summary = None
    dateline = None
    year = None
    for i, para in enumerate(paras[:4]):
        parsed = parse_dateline(para)
        if parsed is None:
            continue
        dateline, cut, year = parsed
        leading = paras[:i]
        paras = [para[cut:].lstrip()] + paras[i + 1 :]
        for lead in leading:
            if _BYLINE.match(lead):
                byline = lead
            elif summary is None:
                summary = lead
            else:
                paras.insert(0, lead)  # keep any other text before the dateline
        break
    else:
        paras = [p for p in paras if not (_BYLINE.match(p) and len(p) < 80)] if paras else paras
        if len(paras) >= 2 and len(paras[0]) <= _LEDE_MAX and not find_labels(paras[0]):
            summary, paras = paras[0], paras[1:]
    if byline and ", reuter" in byline.lower() and source is None:
        source = "Reuters"
    paras = [p for p in paras if p.strip()]

    segments = _segments(paras)
    speakers, quotes = find_speakers(title, ([Segment(summary)] if summary else []) + segments)

    draft = Draft(title=title, body=_markdown(segments), summary=summary)
    draft.speakers, draft.quotes, draft.warnings = speakers, quotes, warnings
    if dateline is not None:
        draft.place = dateline.place
        draft.source = dateline.source or source
        if dateline.month and dateline.day:
            draft.month_day = (dateline.month, dateline.day)
    else:
        draft.source = source
        if paras:
            draft.month_day = today_month_day(paras[0])
    if draft.source:
        draft.source = _SOURCE_NAMES.get(draft.source.upper(), draft.source)
    _set_date(draft, year, [summary or "", *paras])
    if not draft.body:
        warnings.append("no body text after the title")
    if dateline is None and source is not None:
        warnings.append("wire sign-off but no dateline")
    return draft


def _paragraphs(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Non-chrome lines grouped into paragraphs at blank lines, with 1-based line numbers."""
    paragraphs: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            if current:
                paragraphs.append(current)
                current = []
            continue
        if len(stripped) <= _CHROME_MAX and _CHROME.match(stripped):
            continue
        current.append((number, stripped))
    if current:
        paragraphs.append(current)
    return paragraphs


def _segments(paras: list[str]) -> list[Segment]:
    """Body paragraphs, with transcripts split into one segment per speaker turn."""
    segments: list[Segment] = []
    for para in paras:
        labels = find_labels(para)
        if not labels:
            segments.append(Segment(para))
            continue
        if labels[0].start > 0:
            head = para[: labels[0].start].strip()
            if head:
                segments.append(Segment(head))
        for label, following in zip(labels, [*labels[1:], None], strict=True):
            end = following.start if following else len(para)
            segments.append(Segment(para[label.end : end].strip(), label))
    return segments


def _markdown(segments: list[Segment]) -> str:
    out = []
    for seg in segments:
        text = _escape(seg.text)
        if seg.label is not None:
            text = f"**{_escape_label(seg.label)}:** {text}"
        out.append(text)
    return "\n\n".join(out)


def _escape_label(label: Label) -> str:
    return _INLINE.sub(lambda m: "\\" + (m.group(1) or "["), label.text)


def _escape(text: str) -> str:
    """Escape what Markdown would read as markup; `<` is left to the renderer's sanitiser."""
    lines = []
    for line in text.split("\n"):
        line = _INLINE.sub(lambda m: "\\" + (m.group(1) or "["), line.strip())
        line = _LINE_START.sub(_escape_line_start, line)
        lines.append(line)
    return "\n".join(lines)


def _escape_line_start(m: re.Match[str]) -> str:
    mark = m.group(2)
    if mark[0].isdigit():
        return m.group(1) + mark + "\\"  # "1987. The ..." must not become a list item
    return m.group(1) + "\\" + mark


def _set_date(draft: Draft, year: int | None, paras: list[str]) -> None:
    if draft.month_day is None:
        return
    if year is not None:  # "(Kyiv, 1 February 2022)": the dateline states its year
        draft.date = dt.date(year, *draft.month_day)
        draft.date_from = "text"
        return
    found = find_date(draft.month_day, "\n".join(paras))
    if found:
        draft.date, draft.date_from = found  # type: ignore[assignment]
