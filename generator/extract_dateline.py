"""Datelines and dates of raw wire text: `MOSCOW, May 31 /TASS/. ` -> place, month, day, source.

Pure helpers for `generator.extract`. A wire dateline has no year; the year is set only when
the text itself states a full date that agrees with the dateline (see `find_date`), because
a wrong year marked as known is worse than an unknown one.
"""

from __future__ import annotations

import datetime as dt
import re

from .models import Dateline

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

# Longest alternatives first so "Sept" is not read as "Sep" + "t".
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"

# One comma part of a place: "SAO PAULO", "Calif.", "N.Y.", "ST. LOUIS", "WINSTON-SALEM".
_PLACE_PART = r"[A-Za-z][A-Za-z.'’\- ]{0,38}[A-Za-z.]"
_PLACE = rf"(?P<place>{_PLACE_PART}(?:,\s*{_PLACE_PART}){{0,2}})"
_AGENCY = r"[A-Za-z][A-Za-z&\- ]{0,20}"

# `MOSCOW, May 31 /TASS/. ` and `NEW YORK, Feb 26 - ` and `LAKE SUCCESS, N.Y. March 3 - `;
# the dash is optional only when an agency tag ends the dateline.
# A comma (or the dot of "N.Y.") must part place and month, and a space must follow the
# dash, so "On January 6–7, ..." is not read as a dateline.
_WIRE_DATELINE = re.compile(
    rf"^{_PLACE}(?:,|(?<=\.))\s+(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}),?\s*"
    rf"(?:(?:/(?P<tag>{_AGENCY})/|\((?P<paren>{_AGENCY})\))\s*[.:]?\s*(?:[-–—]{{1,2}}\s+)?"
    rf"|(?P<bare>Reuters?|TASS|AP|AFP|UPI)\s*[-–—]{{1,2}}\s+|[-–—]{{1,2}}\s+)",
    re.IGNORECASE,
)
# `LONDON (Reuters) - ` (modern wire style): a place and an agency, no date.
_AGENCY_DATELINE = re.compile(rf"^{_PLACE}\s*\((?P<paren>{_AGENCY})\)\s*[-–—]{{1,2}}\s*")
# `WASHINGTON - ` with no date (digests): only an all-capitals place counts.
_PLACE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]*(?: [A-Z][A-Z.'\-]*){0,2}) [-–—]{1,2} (?=\S)"
)
# `(Kyiv, 1 February 2022) ` as president.gov.ua joint statements open.
_PAREN_DATELINE = re.compile(
    rf"^\({_PLACE},\s*(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})\)\s*",
    re.IGNORECASE,
)
# "Today, June 22" at the very start of an address gives the day the words were spoken.
_TODAY = re.compile(
    rf"(?:^\W{{0,3}}|[.!?]\s+)Today,?\s+(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})\b"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{_MONTH})\b)",
    re.IGNORECASE,
)

_TODAY_WITHIN = 1000  # characters: later "today"s are about something else

_FULL_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH})\.?,?\s+"
    rf"(?P<year2>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
# Words just before a date that make it a reference date, not the day of the story:
# "quarter ended (on) March 31, 1986", "since", "fiscal", "due", "a year earlier".
_REFERENCE_CONTEXT = re.compile(
    r"\b(?:end(?:ed|ing|s)?|fiscal|quarter|period|year|since|until|till|through|thru|from|"
    r"before|after|ago|back|last|previous|earlier|compared|against|versus|vs|due|matur\w*|"
    r"expir\w*|effective|as\s+of|by|between|record|born|founded|established|anniversary|"
    r"in|during|years?|to)(?:\W+(?:on|of|the|at))*\W*$",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|would|shall|expected|scheduled|planned|plans?|due|set to|is to|are to|next|"
    r"upcoming|forthcoming)\b",
    re.IGNORECASE,
)
_AGO_AFTER = re.compile(r"^\W{0,3}(?:ago|earlier|before)\b", re.IGNORECASE)

# Place words kept lower case inside a name: "Rio de Janeiro", "Stratford-upon-Avon".
_PLACE_PARTICLES = frozenset({"de", "da", "do", "dos", "la", "le", "of", "the", "am", "upon", "on"})
_INITIALS = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # U.S., N.Y., D.C.
_LETTERS = re.compile(r"[A-Za-z]+")


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def place_case(place: str) -> str:
    """`NEW YORK` -> `New York`, `ANN ARBOR, Mich.` -> `Ann Arbor, Mich.`; keeps `N.Y.`, `U.S.`."""
    parts = []
    for n, part in enumerate(re.split(r"\s*,\s*", place.strip())):
        words = []
        for i, word in enumerate(part.split()):
            if n and not i and word.lower() == "the":
                words.append("the")  # "GRONINGEN, The Netherlands" -> "..., the Netherlands"
            elif _INITIALS.match(word) or not word.isupper() and not word.islower():
                words.append(word)  # already mixed case or initials: trust the writer
            elif i and word.lower() in _PLACE_PARTICLES:
                words.append(word.lower())
            else:
                # "WINSTON-SALEM" -> "Winston-Salem", "O'HARE" -> "O'Hare", "ST." -> "St."
                words.append(_LETTERS.sub(lambda m: m.group(0).capitalize(), word.lower()))
        parts.append(" ".join(words))
    return ", ".join(p for p in parts if p)


def _valid_day(month: int, day: int) -> bool:
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def parse_dateline(paragraph: str) -> tuple[Dateline, int, int | None] | None:
    """The dateline opening `paragraph`: (dateline, characters it spans, year it states)."""
    m = _WIRE_DATELINE.match(paragraph)
    if m:
        month, day = month_number(m["month"]), int(m["day"])
        if month and _valid_day(month, day):
            source = (m["tag"] or m["paren"] or m["bare"] or "").strip() or None
            return Dateline(place_case(m["place"]), month, day, source), m.end(), None
    m = _AGENCY_DATELINE.match(paragraph)
    if m:
        return Dateline(place_case(m["place"]), None, None, m["paren"].strip()), m.end(), None
    m = _PLACE_DATELINE.match(paragraph)
    if m:
        return Dateline(place_case(m["place"]), None, None, None), m.end(), None
    m = _PAREN_DATELINE.match(paragraph)
    if m:
        month, day = month_number(m["month"]), int(m["day"])
        if month and _valid_day(month, day):
            return Dateline(place_case(m["place"]), month, day, None), m.end(), int(m["year"])
    return None


def today_month_day(paragraph: str) -> tuple[int, int] | None:
    """`Today, June 22, ...` opening a sentence near the start of an address -> (6, 22)."""
    m = _TODAY.search(paragraph, 0, _TODAY_WITHIN)
    if not m:
        return None
    month = month_number(m["month"] or m["month2"])
    day = int(m["day"] or m["day2"])
    return (month, day) if month and _valid_day(month, day) else None


def full_dates(text: str) -> list[tuple[dt.date, bool]]:
    """Explicit full dates ("May 31, 2016", "31 May 2016") that can be the day of the story,
    each with whether its sentence speaks of the future ("will meet on ...").

    Dates introduced by reference words ("ended", "since", "fiscal", "due") are skipped.
    """
    found = []
    for m in _FULL_DATE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _REFERENCE_CONTEXT.search(before) or _AGO_AFTER.match(text[m.end() : m.end() + 12]):
            continue
        month = month_number(m["month"] or m["month2"])
        day = int(m["day"] or m["day2"])
        year = int(m["year"] or m["year2"])
        if month and _valid_day(month, day):
            try:
                date = dt.date(year, month, day)
            except ValueError:  # 29 February of a common year
                continue
            start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            end = text.find(". ", m.end())
            sentence = text[start : end if end >= 0 else len(text)]
            found.append((date, bool(_FUTURE.search(sentence))))
    return found


def find_date(month_day: tuple[int, int], text: str) -> tuple[dt.date, str] | None:
    """The full date of a story whose dateline says `month_day`, with how it was found.

    "text": a full date in the text has the dateline's month and day. "inferred": a full date
    from 10 days before to 3 days after the dateline gives its year (across New Year too).
    Conflicting candidates give None: an unknown year is better than a wrong one.
    """
    month, day = month_day
    exact: set[dt.date] = set()
    near: set[dt.date] = set()
    for date, future in full_dates(text):
        if (date.month, date.day) == (month, day):
            exact.add(date)
            continue
        for year in (date.year - 1, date.year, date.year + 1):
            try:
                story = dt.date(year, month, day)
            except ValueError:
                continue
            # a day after the dateline must be spoken of as ahead ("will meet on March 5,
            # 1987"); "On March 5, 1985, the governor closed ..." is history
            if 0 < (story - date).days <= 10 or (-3 <= (story - date).days < 0 and future):
                near.add(story)
    if len(exact) == 1:
        return exact.pop(), "text"
    if not exact and len(near) == 1:
        return near.pop(), "inferred"
    return None
