"""Institutions in news prose: the companies a story names, acronyms spelt out, fullest forms.

Wire copy names a company in full once ("Bally Manufacturing Corp", "Total Cie Francaise
des Petroles <TPN.PA>") and then by a short form ("Bally said", "the company said", "a Lilly
spokesperson said"). These helpers find the full names so a short reference can be credited
to the institution under its fullest form. Pure; nothing is kept between documents.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from .extract_names import UPPER, is_org_word

# Words that end a company's name: "Inc", "Corp", "Co", "Ltd", "Plc", "AG", "Cie", ...
_SUFFIXES = frozenset(
    """Inc Corp Co Ltd Plc PLC Cie AG SA NV N.V GmbH SpA Corporation Company Group Holdings
    Industries Bancorp Airlines Ltda Bhd Pty Partners Associates Laboratories Enterprises
    Bancshares Bankshares""".split()
)
_ANY_SUFFIX = re.compile(r"\s(?:" + "|".join(re.escape(x) for x in _SUFFIXES) + r")\b")
_WORD = rf"[{UPPER}][\w.'’&\-]*"
_JOINS = frozenset("and & of de des du la der van von y".split())
_RUN = re.compile(rf"\b{_WORD}(?:\s+(?:{_WORD}|(?:and|&|of|de|des|du|la|der|van|von|y)(?=\s)))*")
_TICKER_AFTER = re.compile(r"\s*<[A-Z0-9.\-]{1,10}>")
# Capitalised words that open a sentence or clause rather than a name.
_OPENERS = frozenset(
    """The A An In On At For From By With But And Or If As So It He She We They This That
    These Those There Its His Her Their Also However Meanwhile Earlier Later After Before
    During While When Last Next Both Separately Shares Analysts Officials""".split()
)
_CAPITAL_RUN = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+(?:(?:of|and|for|the|&)\s+)?[A-Z][\w'’\-]*){1,7}")


def company_names(text: str) -> list[tuple[int, str]]:
    """(position, name) of every company the raw text names in full, in text order: a
    capitalised run ending in a corporate suffix, or one right before a ticker or inside
    angle brackets. Names that start at one place keep only their longest form."""
    found: dict[int, str] = {}
    for m in _RUN.finditer(text):
        bracketed = (
            m.start() > 0
            and text[m.start() - 1] == "<"
            and text[m.end() : m.end() + 1] == ">"
            and not m.group().isupper()  # `<BA>` is a ticker, `<Wellcome PLC>` a company
        )
        ticker = bool(_TICKER_AFTER.match(text, m.end()))
        if not (bracketed or ticker or _ANY_SUFFIX.search(m.group())):
            continue  # most runs name no company: skip them cheaply
        pieces = _pieces(m.group().split())
        for k, words in enumerate(pieces):
            name = _company(words, whole=(bracketed or ticker) and k == len(pieces) - 1)
            pos = text.find(name, m.start()) if name else -1
            if pos >= 0 and len(name) > len(found.get(pos, "")):  # type: ignore[arg-type]
                found[pos] = name  # type: ignore[assignment]
    return sorted(found.items())


def _pieces(words: list[str]) -> list[list[str]]:
    """Split a run where one name ends and another begins: after "Singer Co" in "Singer Co
    and Northrop Corp", after a possessive or a sentence end, after "Atlanta-based"."""
    pieces: list[list[str]] = [[]]
    for i, w in enumerate(words):
        if w in {"and", "&"} and pieces[-1] and pieces[-1][-1].rstrip(".") in _SUFFIXES:
            pieces.append([])
            continue
        if w == "and" and len(pieces[-1]) >= 2 and _own_name(words[i + 1 :]):
            # "investor Asher Edelman and Dominion Textiles Inc": two names, for "Goodyear
            # Tire and Rubber Co" and "Merrill Lynch and Co" continue one name after "and"
            pieces.append([])
            continue
        pieces[-1].append(w)
        ends_sentence = w.endswith(".") and len(w) > 3 and not re.fullmatch(r"(?:\w\.)+", w)
        if (
            (w.endswith(("'s", "’s")) and not _own_possessive(pieces[-1], words[i + 1 :]))
            or (ends_sentence and w.rstrip(".") not in _SUFFIXES and i + 1 < len(words))
            or re.search(r"-[a-z]+$", w)
        ):
            pieces.append([])
    return [p for p in pieces if p]


def _own_possessive(piece: list[str], rest: list[str]) -> bool:
    """ "Wendy's International Inc", "McDonald's Corp": a possessive that starts the name,
    with at most one word before the suffix (not "Chrysler's American Motors Corp")."""
    if len(piece) != 1:
        return False
    for k, w in enumerate(rest[:3]):
        if w.rstrip(".").removesuffix("'s").removesuffix("’s") in _SUFFIXES:
            return k <= 1  # also "Wendy's International Inc's stock"
        if not w[:1].isupper():
            return False
    return False


def _own_name(words: list[str]) -> bool:
    """Two or more capitalised words before a corporate suffix: a name of its own."""
    for k, w in enumerate(words):
        if w.rstrip(".") in _SUFFIXES:
            return k >= 2
        if not w[:1].isupper():
            return False
    return False


def _company(words: list[str], whole: bool) -> str | None:
    while words and (words[0] in _OPENERS or words[0] in _JOINS):
        words = words[1:]
    if len(words) > 3 and words[1] == "of" and words[0].endswith("s"):
        words = words[2:]  # "Shareholders of PHLCORP Inc", "Directors of Allegis Corp"
    if "of" in words:  # "Julius Maldutis of Salomon Brothers Inc": a person's firm
        k = words.index("of")
        if 2 <= k <= 3 and all(
            # not "Dominion Textiles Inc of Canada": a company of a place
            w[:1].isupper() and not w.isupper() and w.rstrip(".") not in _SUFFIXES
            for w in words[:k]
        ):
            words = words[k + 1 :]
    if words and words[-1].endswith(("'s", "’s")):
        words = [*words[:-1], words[-1][:-2]]
    elif words and words[-1].endswith(("s'", "s’")):
        words = [*words[:-1], words[-1][:-1]]  # "Abbott Laboratories' <ABT> planned supply"
    last = max((i for i, w in enumerate(words) if w.rstrip(".") in _SUFFIXES), default=-1)
    if whole:
        pass  # right before a ticker: the whole run is the name, "Total Cie ... Petroles"
    elif last >= 1:
        words = words[: last + 1]
    else:
        return None
    while words and words[-1] in _JOINS:
        words = words[:-1]
    if not words or (len(words) == 1 and not words[0].isupper()):
        return None  # a lone title-case word before a ticker is a heading, not a name
    return " ".join(words).rstrip(".")


def fuller_company(name: str, companies: list[tuple[int, str]]) -> str | None:
    """The full name a short form starts: "AMR" -> "AMR Corp", "Bally" -> "Bally Mfg Co"."""
    words = name.lower().split()
    for _, full in companies:
        fw = [w.removesuffix("'s").removesuffix("’s") for w in full.lower().split()]
        # only a name with a corporate suffix: "<Airbus Industrie>" stays "Airbus"; "Wendy"
        # is "Wendy's International Inc"
        if len(fw) > len(words) and fw[: len(words)] == words and _has_suffix(full):
            return full
    return None


def company_containing(name: str, companies: list[tuple[int, str]]) -> str | None:
    """The company whose name holds `name` after a word that cannot start a personal name:
    "National Fuel Gas said" is read as "Fuel Gas" -> "National Fuel Gas Co"."""
    words = name.lower().split()
    n = len(words)
    for _, full in companies:
        fw = full.lower().split()
        if _has_suffix(full) and any(fw[i : i + n] == words for i in range(1, len(fw) - n)):
            return full
    return None


def first_companies(companies: list[tuple[int, str]], n: int = 2) -> list[str]:
    """The first `n` companies a story names in full: whom "the companies said" means."""
    names: list[str] = []
    for _, full in companies:
        if _has_suffix(full) and all(full.split()[0] != other.split()[0] for other in names):
            names.append(full)
    return names[:n]


def _has_suffix(name: str) -> bool:
    return any(w.rstrip(".") in _SUFFIXES for w in name.split()[1:])


def company_with_word(word: str, companies: list[tuple[int, str]]) -> str | None:
    """The company one of whose name words is `word`: "Lilly" -> "Eli Lilly and Co"."""
    low = word.lower()
    for _, full in companies:
        if low in full.lower().replace("-", " ").split() and _has_suffix(full):
            return full
    return None


def expand_acronym(acronym: str, text: str) -> str | None:
    """Spell out an acronym ("ICO" -> "International Coffee Organization") from the text:
    the initials of a capitalised run, where a word may give more than its first letter
    ("LILCO" -> "Long Island Lighting Co") and a trailing corporate suffix may give none
    ("BP" -> "British Petroleum Co Plc"), or the name the text defines it as
    ("Petroleos de Venezuela (PDVSA)", "Petroleos De Venezuela, PDVSA,")."""
    for m in _CAPITAL_RUN.finditer(text):
        if acronym[0] not in m.group():
            continue  # cheap: the run holds no word that could start it
        words = m.group().split()
        for start in range(len(words)):
            sub = words[start:]
            caps = [w for w in sub if w[0].isupper()]
            if "".join(w[0] for w in caps) == acronym and len(caps) == len(acronym):
                return " ".join(sub)
        for start in range(len(words)):
            if words[start][0] == acronym[0] and words[start] not in _OPENERS:
                end = _spells(acronym, words, start)
                if end:
                    return " ".join(words[start:end])
    for particled in _PARTICLED.finditer(text) if len(acronym) >= 3 else ():
        # "Petroleos de Venezuela, S.A." for "PDVSA": particles and a suffix's letters count
        if _initials(particled.group().replace(",", " ").split()) == acronym:
            return particled.group().rstrip(",")
    defined = re.search(
        rf"\b([A-Z][\w.&'\-]*(?:\s+(?:(?:de|del|da|do|of|and|for|la|le|du)\s+)?[A-Z][\w.&'\-]*)"
        rf"{{0,6}})\s*(?:\(\s*{re.escape(acronym)}\s*\)|,\s*{re.escape(acronym)}\s*,)",
        text,
    )
    if defined:
        words = defined.group(1).split()
        while words and (words[0] in _OPENERS or words[0].endswith(("'s", "’s", "-based"))):
            words.pop(0)  # "USDA's Food Safety and ...", "Paris-based Organisation ..."
        if len(words) >= 2 and words[0][0] == acronym[0]:  # not a translation's initials
            return " ".join(words)
    return None


_PARTICLED = re.compile(
    r"\b[A-Z][\w\-]*(?:\s+(?:de|del|da|do|di|du|la|le|y)\s+[A-Z][\w\-]*)+(?:,?\s+[A-Z]\.[A-Z]\.)?"
)


def _initials(words: list[str]) -> str:
    """ "Petroleos de Venezuela S.A." -> "PDVSA": each word's first letter, an abbreviation's
    every letter."""
    return "".join(w.replace(".", "") if "." in w else w[0] for w in words).upper()


def _spells(acronym: str, words: list[str], start: int) -> int | None:
    """End of the words from `start` whose initials spell `acronym` (two words at least),
    where a short word may give all its letters ("Co" in "LILCO"), then any corporate
    suffixes; the name must end there ("Iraqi National" of "Iraqi National Oil" is none)."""
    end = _spell_from(acronym, words, start)
    if end is None or end - start < 2:
        return None  # a single word is the name itself, not what the acronym stands for
    while end < len(words) and words[end].rstrip(".") in _SUFFIXES:
        end += 1
    if end < len(words) and words[end][0].isupper():
        return None
    return end


def _spell_from(rest: str, words: list[str], k: int) -> int | None:
    if not rest:
        return k
    while k < len(words) and not words[k][0].isupper():
        k += 1  # "of", "and", "the" inside the name give no letter
    if k >= len(words) or not words[k][1:].islower():
        return None  # "USDA's" or "U.S." spells nothing
    word = words[k].upper()
    for take in {1, len(word)} if len(word) <= 3 else {1}:
        if rest.startswith(word[:take]):
            end = _spell_from(rest[take:], words, k + 1)
            if end is not None:
                return end
    return None


class Speaking(Protocol):
    """What alias merging needs of a speaker being collected."""

    name: str
    kind: str
    role: str | None


_S = TypeVar("_S", bound=Speaking)
_CORPORATE = frozenset(
    "inc inc. corp corp. co co. ltd ltd. plc corporation company cie sa ag nv group".split()
)


def merge_aliases(speakers: list[_S]) -> list[_S]:
    """One institution under two names: "AMR" and "AMR Corp", "ICO" and "International Coffee
    Organization", "Memotec Data" (read as a person) and "Memotec Data Inc"."""
    kept: list[_S] = []
    for p in speakers:
        for q in kept:
            if _aliases(p, q) or _aliases(q, p):
                if len(p.name) > len(q.name) and p.kind == "organization":
                    q.name, q.kind, q.role = p.name, p.kind, q.role or p.role
                elif q.kind != "organization" and p.kind == "organization":
                    q.name, q.kind = p.name, "organization"
                break
        else:
            kept.append(p)
    return kept


def _aliases(short: Speaking, full: Speaking) -> bool:
    """`short` is `full` without its corporate suffix, or its initials."""
    if full.kind != "organization" or short is full:
        return False
    if short.name == full.name:
        return True  # one name read once as a person, once as an institution
    a, b = short.name.lower().split(), full.name.lower().split()
    if len(a) < len(b) and b[: len(a)] == a and all(w in _CORPORATE for w in b[len(a) :]):
        return True
    if len(a) != 1 or not short.name.isupper():
        return False
    return stands_for(short.name, full.name)


def stands_for(acronym: str, name: str) -> bool:
    """`acronym` is the initials of `name`, in its order or in another."""
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    if acronym == initials:
        return True
    # "USDA" for "U.S. Agriculture Department": the same initials in another order, as
    # wire copy swaps "Department of Agriculture"; "U.S." gives both its letters
    letters = "".join(w.replace(".", "") if _DOTTED.fullmatch(w) else w[0]
                      for w in name.split() if w[0].isupper())
    if len(letters) >= 3 and sorted(letters) == sorted(acronym):
        return True
    # ... and with the country's prefix that the full name leaves out: "USDA" for
    # "Agriculture Department" in U.S. wire copy
    national = acronym[2:] if acronym[:2] in {"US", "UK"} else ""
    return len(national) >= 2 and sorted(letters) == sorted(national)


# A government body's capitalised name, with a country's dotted prefix: "U.S. Agriculture
# Department", "Agriculture Department".
_BODY_NAME = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}\s+)?\b[A-Z][\w'’\-]*(?:\s+(?:(?:of|and|for|the)\s+)*[A-Z][\w'’\-]*){1,5}"
)


def spelt_out(acronym: str, text: str) -> str | None:
    """The name the text gives in full for an acronym whose letters it swaps: "USDA" ->
    "U.S. Agriculture Department", which the text names once before using "USDA"."""
    if acronym[0] not in text:
        return None
    for m in _BODY_NAME.finditer(text):
        words = m.group().split()
        if not is_org_word(words[-1]):
            continue
        for start in range(len(words) - 1):
            if words[start][0].isupper() and stands_for(acronym, " ".join(words[start:])):
                return " ".join(words[start:])
    return None


_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")


_NAME_WORD = r"[A-Z][\w'’\-]*"
_OF_TAIL = rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?{_NAME_WORD}(?:\s+(?:and\s+)?{_NAME_WORD}){{0,4}})"


def named_institution(noun: str, text: str) -> str | None:
    """The institution a generic reference means: "the council said" -> the "International
    Tin Council" the text names; "the association" -> "National Association of Wheat
    Growers"; "the ministry" -> "Ministry of Defence". First full name in the text wins."""
    word = noun.capitalize()
    pattern = re.compile(
        rf"\b((?:{_NAME_WORD}\s+(?:(?:and|&)\s+)?){{0,5}}){word}\b(?!['’]s\s+[A-Z])({_OF_TAIL}?)"
    )
    apposed = re.search(
        rf"\bthe\s+(?:[a-z]+\s+){{0,3}}{re.escape(noun)},\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,5}}),",
        text,
    )
    if apposed:  # "the port union, FNV, ...": the name set beside the generic noun
        return apposed.group(1)
    for m in pattern.finditer(text):
        before = [w for w in m.group(1).split()]
        while before and (before[0] in _OPENERS or before[0].endswith(("'s", "’s"))):
            before = before[1:]
        if not before and not m.group(2):
            continue
        return " ".join([*before, word]) + m.group(2)
    return None
