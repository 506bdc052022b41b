"""Sentences and direct quotations in running text, for speaker finding.

Straight quotes are paired by what surrounds them (an opening mark follows a space, a
closing one precedes punctuation), so a nested `"next"` inside a quotation does not end it,
and a quotation left open at a paragraph's end runs on, as wire copy does.
"""

from __future__ import annotations

import re

from .extract_names import UPPER

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st co corp inc ltd jr sr no gen sen rep gov lt col capt maj sgt vs messrs
    prof mt ft etc approx dept govt atty asst adm""".split()
)
_SENTENCE_END = re.compile(rf"[.!?…]+[\"”’)]*\s+(?=[\"“‘(]?[{UPPER}0-9])")
# Words that open a sentence and never follow an initial inside a name.
_OPENER = re.compile(r"(?:The|It|He|She|They|We|But|This|That|These|In|Its)\s")
_WORD_BEFORE = re.compile(r"([\w.]+)\W*$")
_QUOTE_CHARS = re.compile(r"[\"“”]")
_OPEN_BEFORE = frozenset(" \t\n([{:—–-/")
_CLOSE_AFTER = frozenset(" \t\n.,;:!?)]}—–-/")
# A quoted name, not a quotation: decree "On ...", the "Large Construction" programme.
_NAMING_BEFORE = re.compile(
    r"\b(?:decree|decrees|law|laws|resolution|program|programme|project|operation|award|"
    r"awards|forum|festival|film|book|newspaper|magazine|channel|called|titled|entitled|named|"
    r"dubbed|so-called|slogan|platform|campaign|initiative|order|medal|title|plan|strategy|"
    r"concept|agreement|treaty|code|bill|document|declaration|doctrine|brand|motto|word|words|"
    r"term|phrase|category|nomination|contest|competition|prize|song|series|show|station|"
    r"group|company|corporation|party|movement|center|centre|club|school|"
    r"university|museum|hotel|ship|vessel|airport|plant|factory|the|a|an|of|as|known as)\W*$",
    re.IGNORECASE,
)
_LAW_TITLE = re.compile(r"^On\s+\w")
_MAX_QUOTE = 3000  # an unclosed quote longer than this is a stray mark, not a quotation


def sentence_starts(text: str) -> list[int]:
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start() + 1)
        w = word.group(1).lower().rstrip(".") if word else ""
        if (len(w) == 1 and w.isalpha() or "." in w or w in _ABBREVIATIONS) and not (
            _OPENER.match(text, m.end())  # "... brought in S and P. The agency cited"
        ):
            continue  # an initial ("J. David Lyons"), "U.S." or "Mr." ends no sentence
        starts.append(m.end())
    return starts


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """Top-level quotations: (start, end) of the quoted text and whether it was closed.

    Straight quotes are paired by what surrounds them, so a nested `"next"` inside a quote
    does not end it.
    """
    spans: list[tuple[int, int, bool]] = []
    depth = 0
    opened = 0
    for m in _QUOTE_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        can_open = ch != "”" and (before in _OPEN_BEFORE or ch == "“")
        can_close = ch != "“" and (after in _CLOSE_AFTER or ch == "”" or after in '"“”')
        if can_open and can_close:
            if before != ":" or depth:
                continue  # a lone mark between spaces
            can_close = False  # `said:" Delors assured me`: a quotation after a colon
        if not can_open and not can_close:
            can_close = depth > 0
            can_open = not can_close
        if can_open:
            if depth == 0:
                opened = i + 1
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, i, True))
    if depth and len(text) - opened <= _MAX_QUOTE:
        spans.append((opened, len(text), False))
    return spans


def quote_text(text: str, start: int, end: int) -> str | None:
    quoted = text[start:end].strip().rstrip(",").strip()
    if not quoted:
        return None
    if start and _NAMING_BEFORE.search(text, max(0, start - 40), start - 1):
        if len(quoted.split()) < 12 or _LAW_TITLE.match(quoted):
            return None
    if _LAW_TITLE.match(quoted) and len(quoted) < 300 and not quoted.endswith((".", "!", "?")):
        return None
    return quoted
