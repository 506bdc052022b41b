"""The subject of a speech verb: who "said" in `Oleg Syromolotov, Russia's deputy foreign
minister, said`, `," said Paine Webber analyst Stephen Smith`, `the Foreign Ministry said`.

Parsing only: a `Subject` says what the words name (a person, an institution, a pronoun, a
role that refers back); `generator.extract_speakers` resolves it against the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract_countries import is_country
from .extract_names import (
    CONNECTORS,
    GENERIC_PERSON_NOUNS,
    PARTICLES,
    PLACE_NOUNS,
    ROLE_MODIFIERS,
    VAGUE_NOUNS,
    affiliated_name,
    is_name_word,
    is_org_word,
    is_role_word,
    org_run,
    role_before,
    split_name,
    tokens,
)

# Clause openers: the subject of a speech verb never reaches back past these words.
CLAUSE_WORDS = frozenset(
    """that which who whom and but while as because when if although though so where since
    after before until whereas than said told how whether why""".split()
)
# Words between a subject and its verb: "X also said", "he later told".
_ADVERBS = frozenset(
    """also later earlier today yesterday has have had further again then previously recently
    once repeatedly reportedly however meanwhile would will could may might separately
    publicly flatly bluntly firmly clearly already subsequently similarly likewise
    specifically particularly immediately quickly did does do positively negatively highly strongly
    warmly jointly unanimously categorically openly personally officially briefly afterwards
    afterward privately""".split()
)
ADVERBS = _ADVERBS  # for callers that strip them too ("Greece has repeatedly said")
# One-word asides set off by commas between a subject and its verb.
_ASIDES = frozenset("meanwhile however too though also instead moreover nevertheless".split())
ORG_NOUNS = frozenset(
    """ministry company bank department agency government commission committee council office
    fund board group firm union party corporation court service embassy administration
    kremlin treasury parliament authority organization organisation exchange association
    federation institute bureau center centre foundation society league alliance coalition
    institution community""".split()
)
COMPANY_NOUNS = frozenset({"company", "firm", "group", "corporation"})
# Unnamed legislators as a group (capitalised or not, never a body's name).
_LEGISLATORS = frozenset("congressmen congresswomen lawmakers legislators senators".split())
# Plural nouns of unnamed groups that may share a statement with a named speaker.
_VAGUE_GROUPS = VAGUE_NOUNS | frozenset("groups organisations organizations countries".split())
# Unnamed people who speak for an institution: "a spokesman for Airbus", "Trade Ministry
# officials said" credit the institution.
_FOR_INSTITUTION = frozenset(
    """spokesman spokeswoman spokesperson spokesmen official officials representative
    representatives executives""".split()  # "Top executives with Tenneco Corp": the firm
)
_PLURAL_LEADERS = re.compile(
    # a readout's two sides: "The parties confirmed", "The interlocutors noted"
    r"^(?:two\s+|both\s+)?(?:leaders|presidents|heads\s+of\s+state|prime\s+ministers|"
    r"parties|sides|interlocutors)$",
    re.IGNORECASE,
)
# The words after an inverted verb, up to the sentence end; the dot of a title ("Sen.",
# "Rep.") or an initial ("J.") does not end it.
_RIGHT_SEGMENT = re.compile(
    r"(?:\b(?:Sen|Rep|Gov|Gen|Dr|Mr|Mrs|Ms|St|Lt|Col|Sgt|Capt|Prof)\.|"
    r"\b[A-Z]\.(?=\s*[A-Z])|[^.;:!?\"“”])*"
)
_SUBJECT_SMALL = CONNECTORS | ROLE_MODIFIERS | PARTICLES | {"a", "an"}


@dataclass
class Subject:
    kind: str  # person, org, surname, pronoun, it, backref, plural, they, sentence
    name: str = ""
    role: str | None = None
    also: list[Subject] = field(default_factory=list)  # "A and B said"
    before: str | None = None  # a surname's capitalised word before it: "General" Cinema


def _strip_adverbs(toks: list[str]) -> list[str]:
    while toks and toks[-1].lower() in _ADVERBS:
        toks = toks[:-1]
    return toks


def strip_articles(toks: list[str]) -> list[str]:
    while toks and toks[0].lower() in {"the", "a", "an"}:
        toks = toks[1:]
    return toks


def _strip_the(name: str) -> str:
    return name[4:] if name.startswith(("The ", "the ")) else name


# A U.S. legislator's party and state after the name: "Rep Edward Markey (D-Mass) told".
_PARTY_IN_PARENS = re.compile(r"\s*\(\s*[DRI]\s*-\s*[A-Z][\w.\-]*\s*\)")


# Where or how a statement was made, between its subject and the verb or after an inverted
# subject: "Gutfreund in a statement reiterated", "said Black at a news conference".
_SETTING = re.compile(
    r"\s+(?:in|at|during)\s+(?:a|an|the|his|her|its|their)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:statement|letter|interview|speech|conference|briefing|address|release|message|"
    r"testimony|hearing)s?\b(?=\s*$|[\s,.])"
)


# "For its part the Soviet Union has said": an opener, not part of the subject, with or
# without its comma.
_ACRONYM_IN_PARENS = re.compile(r"\s*\([A-Z][A-Z&]{1,9}\)")  # "Federation (AFBF) official"
_PART_OPENER = re.compile(
    r"^\s*(?:(?:For|On)\s+(?:its|his|her|their|our)\s+part\b,?|(?:But|And|Yet)\s+(?=[a-zA-Z]))"
)


# When, between a subject and its verb: "Juan Sourrouille on Thursday accused", "James
# Baker last week said", "Zelenskyy during the meeting noted".
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = r"(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_WHEN = re.compile(
    rf"(?:\s*,)?\s+(?:on\s+{_WEEKDAY}|on\s+{_MONTH}\s+\d{{1,2}}|"
    rf"(?:last|this|earlier\s+this|late\s+last|on)\s+(?:week|month|year|weekend|night|{_WEEKDAY})|"
    r"during\s+(?:the|a|an|his|her|their|its)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:meeting|talks|conversation|visit|call|session|debate|discussion))(?:\s*,)?\s*$"
)
# What may follow a setting before the verb: "in a speech to bankers", "in an interview
# with Reuters", "in testimony before the House panel".
_SETTING_TAIL = re.compile(r"\s+(?:to|with|before|at|for|on|from)\s+[^,;:\"“”]{1,60}?(?:\s*,)?\s*")


def parse_left(clause: str) -> Subject | None:
    """The subject at the end of the text before a speech verb."""
    clause = _PART_OPENER.sub(" ", clause)
    clause = _WHEN.sub(" ", clause)
    setting = _SETTING.search(clause)
    if setting is not None:
        rest = clause[setting.end() :]
        head = clause[: setting.start()].rstrip()
        set_off = head.endswith(",")  # ", in a speech to bankers,": neither comma is the subject's
        if (
            not rest.strip()
            or (set_off and rest.strip() == ",")
            or (_SETTING_TAIL.fullmatch(rest) and (set_off or not rest.strip().endswith(",")))
        ):
            clause = (head[:-1] if set_off else head) + " "
            clause = _WHEN.sub(" ", clause)  # "on Thursday in a speech at the IMF"
    toks = _strip_adverbs(tokens(_ACRONYM_IN_PARENS.sub("", _PARTY_IN_PARENS.sub(" ", clause))))
    if len(toks) >= 3 and toks[-2] == "," and toks[-1].rstrip(".") in _COMMA_SUFFIXES:
        # "Petroleos de Venezuela, S.A. said": a corporate suffix set off by a comma
        run = org_run(toks, len(toks) - 2) or _capital_tail(toks[:-2])
        if run:
            return Subject("org", f"{_strip_the(run)}, {toks[-1]}")
    if len(toks) >= 3 and toks[-2:] == [",", "who"]:
        # "Kenyan President Daniel Arap Moi, who afterwards appealed": the relative
        # pronoun stands for the name before it
        antecedent = parse_left(" ".join(toks[:-2]))
        return antecedent if antecedent is not None and antecedent.kind == "person" else None
    if len(toks) >= 3 and toks[-1] == "who" and toks[-2][:1].isupper():
        # "union president Hans Kjeldsen who said", "Mitchell who urged": without the comma
        # the name before "who" still speaks; a lone surname must be someone named before
        antecedent = parse_phrase(_tail_phrase(toks[:-1]))
        if antecedent is not None and antecedent.kind in {"person", "surname"}:
            return antecedent
        return None
    while len(toks) >= 3 and toks[-1] == "," and toks[-3] == "," and toks[-2].lower() in _ASIDES:
        toks = toks[:-3]  # "Edouard Balladur, meanwhile, confirmed"
    commas = [i for i, t in enumerate(toks) if t == ","]
    comma = commas[-1] if commas else -1
    if (
        len(commas) >= 2
        and comma < len(toks) - 2
        and toks[comma + 1] == "and"
        # the name or role set off by the commas opens the clause: not "Alfonsin met with
        # ... Camdessus, and Sourrouille said"
        and commas[-2] - (commas[-3] + 1 if len(commas) >= 3 else 0) <= 6
    ):
        # "Japan's delegate, Minoru Endo, and U.S. Ambassador Michael Samuels replied": an
        # appositive closed by a comma, then a second subject
        second = parse_phrase(toks[comma + 2 :][-14:])
        first = parse_left(" ".join(toks[: comma + 1]))
        if first and second and first.kind == second.kind == "person":
            second.also.append(first)
            return second
    if toks and toks[-1] == ",":
        subject = _appositive(toks)
        if subject is not None:
            return subject
        toks = toks[:-1]
    elif "," in toks:
        subject = _unclosed_appositive(toks)
        if subject is not None:
            return subject
    listed = toks
    if "," in toks:
        toks = toks[len(toks) - toks[::-1].index(",") :]
    cut = 0
    for i, t in enumerate(toks):
        if t in CLAUSE_WORDS and not _in_firm_name(toks, i):
            cut = i + 1
    if cut and cut == len(toks) and toks[-1] in {"and", "but"}:
        return Subject("sentence")  # "X shared ... and stressed": the sentence's subject
    if cut and toks[cut - 1] in {"how", "whether", "why", "if"}:
        return None  # "It was not known how Nakasone responded": a question, no statement
    if cut and toks[cut - 1] == "and" and cut >= 2 and toks[cut - 2].lower() in VAGUE_NOUNS:
        return None  # "bankers and company officials said": a vague group as a whole
    if cut and toks[cut - 1] == "and" and cut >= 2:
        first = parse_phrase(_tail_phrase(toks[: cut - 1]))
        second = parse_phrase(toks[cut:][-14:])
        if (
            first is not None
            and first.kind == "person"
            and not first.role
            and second is not None
            and second.kind == "person"
            and second.role
            and second.role.split()[0][:1].isupper()
            and not is_role_word(second.role.split()[0])
            and " ".join(toks[: cut - 1]).endswith(first.name)
        ):
            # "Ecuadorean Energy and Mines Minister Javier Espinosa": one role with "and"
            return Subject("person", second.name, f"{first.name} and {second.role}")
        if first and second and first.kind == second.kind and first.kind in {"person", "org"}:
            second.also.append(first)  # "House Speaker Jim Wright and ... Robert Byrd said"
            second.also[:0] = _listed_before(listed[: len(listed) - len(toks)], first.kind)
            return second
        if (
            first is not None
            and (
                first.kind in {"person", "org"}
                # "Baker and other finance ministers say": the one named of the group
                or (first.kind == "surname" and toks[cut].lower() in _LIST_DETERMINERS)
            )
            and second is None
            and toks[-1].lower() in _VAGUE_GROUPS
            # "U.S. and Argentine officials said", "U.S. and congressional leaders say": a
            # country's adjective before a vague group, unlike "the EC and some U.S. groups"
            and not (is_country(first.name) and _tail_phrase(toks[: cut - 1])[0].lower() != "the"
                     and toks[cut].lower() not in _LIST_DETERMINERS)
        ):
            return first  # "the EC and some U.S. domestic groups have said": the named one
    return parse_phrase(toks[cut:][-14:])


_LIST_DETERMINERS = frozenset("some other several many most its their the".split())


def _listed_before(toks: list[str], kind: str) -> list[Subject]:
    """The earlier items of a list whose last two are joined by "and": "Senators Jake Garn of
    Utah, Richard Shelby of Alabama and John Heinz of Pennslvania said". Each item is a
    short capitalised phrase naming one more of the same kind; the list stops at anything
    else ("In a letter, Shelby and Heinz said")."""
    found: list[Subject] = []
    for part in reversed(_comma_parts(toks[:-1])) if toks[-1:] == [","] else []:
        if not part or len(part) > 8 or not all(t[0].isupper() or t in CONNECTORS for t in part):
            break
        subject = parse_phrase(part)
        if subject is None or subject.kind != kind:
            break
        found.insert(0, subject)
    return found


_COMMA_SUFFIXES = frozenset("S.A Inc Ltd N.V Corp Co Plc PLC AG SA NV".split())


def _capital_tail(toks: list[str]) -> str | None:
    """The capitalised words ending `toks`, "de"/"of" between them: "Petroleos de Venezuela"."""
    i = len(toks)
    while i > 0 and (toks[i - 1][0].isupper() or toks[i - 1] in {"de", "of", "and", "del"}):
        i -= 1
    words = toks[i:]
    while words and not words[0][0].isupper():
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


_FIRM_ENDS = frozenset("Co Co. Cos Company Sons Partners Associates Jenrette Gamble".split())


def _in_firm_name(toks: list[str], i: int) -> bool:
    """The "and" of "Wertheim and Co", "Department of Housing and Urban Development": part
    of an institution's name."""
    if toks[i] != "and" or not 0 < i < len(toks) - 1:
        return False
    if toks[i + 1] in _FIRM_ENDS:
        return True
    j = i - 1
    while j > 0 and toks[j][0].isupper():
        j -= 1
    if (
        toks[i - 1][0].isupper()
        and toks[i + 1][0].isupper()
        and j >= 2
        and toks[j] == "the"
        and toks[j - 1] == "for"
        and toks[j - 2].lower() in _FOR_INSTITUTION
    ):
        return True  # "a spokesman for the Ecological Life and Cultivation": one body
    span = 3  # "of Housing and", not "of Ukraine Kyrylo Shevchenko and"
    if toks[j] == "the" and j > 0 and toks[j - 1] == "of":
        j, span = j - 1, 4  # "Secretary of the National Security and Defense Council"
    # "Ministry of Trade and Industry": an "of" right after an institution's head word
    return (
        toks[i - 1][0].isupper()
        and toks[i + 1][0].isupper()
        and toks[j] == "of"
        and 0 < j
        and i - j <= span
        # "Ministry of Trade and Industry", "Minister of Agrarian Policy and Food"
        and (is_org_word(toks[j - 1]) or is_role_word(toks[j - 1]))
    )


_PARTICIPLES = frozenset("asked speaking interviewed questioned quoted reached".split())


def _participle(word: str) -> bool:
    return (
        word.islower()
        and (word.endswith("ing") or word in _PARTICIPLES)
        and word not in ROLE_MODIFIERS  # "acting assistant attorney general"
    )


def _tail_phrase(toks: list[str]) -> list[str]:
    cut = 0
    for i, t in enumerate(toks):
        if t in CLAUSE_WORDS or t == ",":
            cut = i + 1
    return toks[cut:]


_PARTY_CODE = re.compile(r"^[DRI]-[A-Z][\w.\-]*$")  # "D-Mass", "R-N.Y." after a legislator
# Head nouns of an appositive that describes an institution: "Nova, the Canadian company
# that owns ..., said".
_BODY_APPOSITIVES = frozenset(
    """company firm group bank airline carrier concern maker producer utility agency
    subsidiary unit brokerage newspaper daily agency organisation organization union
    association federation""".split()
)


def _comma_parts(toks: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for t in toks:
        if t == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if not (len(p) == 1 and _PARTY_CODE.match(p[0]))]


_FIRM_NOUNS = frozenset(
    """subsidiary unit firm company journal newspaper magazine newsletter publication
    affiliate group agency service concern maker producer manufacturer operator""".split()
)


def _appositive(toks: list[str]) -> Subject | None:
    """`Oleg Syromolotov, Russia's deputy foreign minister, said`, `vice president of
    group marketing, J. David Lyons, told`, `Rep. Norman Lent, R-N.Y., said`, `Ortner,
    who stressed ..., said`, `Nova, the Canadian company that owns ..., said`."""
    parts = _comma_parts(toks[:-1])
    first = parts[0] if parts else []
    if (
        len(parts) >= 3
        and len(first) >= 2
        and split_name(first, len(first)) == 0
        and all(part and part[0][0].islower() for part in parts[1:])
        and any(is_role_word(t) for part in parts[1:] for t in part)
        and sum(map(len, parts)) <= 30
    ):
        # "Donald Keithley, vice president, dealer services, for J.D. Power, a
        # California-based market research firm, says": a name opening the clause, then a
        # role set off in several lower-case pieces; "William Schreyer, chairman ..., and
        # Daniel Tully, president ..., said": two such names
        named = [
            Subject("person", " ".join(part[1:]), " ".join(strip_articles(after)))
            for part, after in zip(parts[1:], [*parts[2:], []], strict=True)
            if part[0] == "and" and len(part) >= 3 and split_name(part, len(part)) == 1
        ]
        subject = Subject("person", " ".join(first), " ".join(strip_articles(parts[1])))
        if named:
            named[-1].also = [subject, *named[:-1]]
            return named[-1]
        return subject
    if len(parts) == 1:  # only a party code was set off: "Rep. Norman Lent, R-N.Y.,"
        return parse_phrase(_tail_phrase(parts[0])) if len(toks) > 2 else None
    if len(parts) < 2 or not parts[-1]:
        return None
    k = len(parts) - 2
    while (
        k > 0
        and parts[-1]
        and parts[-1][0][0].islower()
        and strip_articles(parts[k])
        and strip_articles(parts[k])[0][0].islower()  # not "the Detroit Free Press"
        and parts[k][0] != "and"
        and len(parts[k]) <= 12
        and split_name(parts[k], len(parts[k])) == len(parts[k])
        and parts[k - 1]
        and parts[k - 1][0].lower() not in _PREPOSITIONS
    ):
        k -= 1  # "Financial Corp, parent of American Savings ..., the nation's largest thrift,"
    if k < len(parts) - 2:
        org = org_run(parts[k], len(parts[k]))  # "Economic and Social Council, an ... body,"
        if org:
            return Subject("org", re.sub(r"^\S+['’]s\s+", "", _strip_the(org)))
    appositive, before = parts[k + 1], _tail_phrase(parts[k])
    if not before:
        return None
    if appositive[0].lower() in {"who", "which"} or _participle(appositive[0]):
        # a relative clause or participle set off by commas: "Joe Clark, winding up a
        # two-day visit to Washington, said"
        return parse_phrase(before)
    start = split_name(before, len(before))
    has_role = any(is_role_word(t) for t in appositive)
    # "Senator Don Nickles, an Oklahoma Republican, said": "a"/"an" opens a description
    described = appositive[0] in {"a", "an"} and not any(
        is_org_word(t) or t.lower() in _FIRM_NOUNS for t in appositive
    )  # "Shearson Lehman, a subsidiary of American Express Co," is a firm
    # "Jim Candor, senior forecaster for Accu Weather, said": a lower-case description
    # after a bare full name is that person's role, even with no known role word in it
    plain = (
        start == 0
        and len(before) >= 2
        and appositive[0][0].islower()
        and appositive[0] not in {"a", "an", "the"}
        and len(appositive) <= 15
        # "Recker, of the Mannheim water authority," is affiliated; "Shearson Lehman, a
        # subsidiary of American Express Co," is a firm described
        and (
            appositive[0] in {"of", "at", "with", "from"}
            or not any(is_org_word(t) or t.lower() in _FIRM_NOUNS for t in appositive)
        )
    )
    if start < len(before) and (has_role or described or plain):
        role = " ".join(strip_articles(appositive))
        return Subject("person", " ".join(before[start:]), role)
    lone = len(before) == 1 and is_name_word(before[0])
    if lone and has_role and appositive[0][0].islower():
        return Subject("surname", before[0])  # "Ortner, senior economist at ..., told"
    name_start = split_name(appositive, len(appositive))
    if name_start == 0 and appositive:
        role = " ".join(strip_articles(before)) if len(before) <= 8 else None
        if role and not any(is_role_word(t) for t in before):
            role = None
        return Subject("person", " ".join(appositive), role)
    if len(appositive) > 20 or appositive[0][0].isupper():
        return None
    org = org_run(before, len(before))
    if org:
        return Subject("org", _strip_the(org))
    head = [t.lower() for t in appositive[:4]]
    if any(w in _BODY_APPOSITIVES for w in head) and all(t[0].isupper() for t in before):
        if len(before) <= 5 and before[0] not in {"The", "A", "An"}:
            return Subject("org", " ".join(before))
    if (
        appositive[0][0].islower()
        and len(appositive) <= 16
        and len(before) <= 6
        and before[0].lower() not in _PREPOSITIONS
    ):
        # any other short aside set off by commas after a short subject: "a Morgan Guaranty
        # official, while declining to reveal the pricing on the facility, said", "The ...
        # concern, hit hard after two years of huge losses, has said"
        subject = parse_phrase(before)
        if subject is not None and subject.kind in {"person", "org", "backref", "surname"}:
            return subject
    return None


def _unclosed_appositive(toks: list[str]) -> Subject | None:
    """`Chris Johns, currency analyst at UBS-Phillips and Drew in London said`: the comma
    that should close the role is missing. Only a full name that is the whole phrase before
    the comma (role words aside) counts, not "In a meeting with John Smith, the chairman"."""
    parts = _comma_parts(toks)
    if len(parts) < 2:
        return None
    role, before = parts[-1], parts[-2]
    if not role or not before or not any(
        is_role_word(t) or t.lower() in GENERIC_PERSON_NOUNS for t in role[:4]  # "a Democrat"
    ):
        return None
    if role[0][0].isupper() and not is_role_word(role[0]):
        # "Romilly Humphries, S.A.Y. president and chief executive officer said": the firm
        # before a lower-case role; not "..., IBM chairman Tom Jones said"
        k = next((i for i, t in enumerate(role) if not t[0].isupper()), len(role))
        if k == len(role) or not is_role_word(role[k]) or is_name_word(role[-1]):
            return None
    start = split_name(before, len(before))
    if start >= len(before) or not all(
        t[0].isupper() or is_role_word(t) or t.lower() in ROLE_MODIFIERS or t in {"and", "of"}
        for t in before[:start]  # "Ways and Means chairman Dan Rostenkowski, an ..."
    ):
        return None
    return Subject("person", " ".join(before[start:]), " ".join(strip_articles(role)))


def _close_to(toks: list[str]) -> bool:
    """ "an aide to X", "a source close to X", "sources close to X" (not "Adviser to the
    Head of the Office", a title)."""
    if toks[0].lower() in {"a", "an", "the"}:
        noun, rest = toks[1:2], toks[2:4]
    else:
        noun, rest = [toks[0][:-1]] if toks[0].endswith("s") else [], toks[1:3]
    if not noun or noun[0].lower() not in _CLOSE_TO or len(rest) < 2:
        return False
    return rest[0].lower() == "to" or [t.lower() for t in rest] == ["close", "to"]


def _place_after_in(toks: list[str]) -> int:
    """How many tokens a trailing "in <Place>" takes (0 when there is none)."""
    for size in (2, 3, 4):
        if len(toks) > size and toks[-size] == "in":
            place = toks[-size + 1 :]
            if all(t[:1].isupper() and not is_role_word(t) and not is_org_word(t) for t in place):
                return size
    return 0


# Documents that "state" or "say" things; the guidelines credit no one with their words.
_PAPERS = frozenset(
    """declaration treaty agreement memorandum charter resolution report document accord
    convention protocol decree constitution study survey order regulation ordinance
    directive""".split()
)


def _is_paper(toks: list[str]) -> bool:
    """ "The Joint Declaration", "the Memorandum of Understanding", "The Minsk Agreements"."""
    head = toks[toks.index("of", 1) - 1] if "of" in toks[1:] else toks[-1]
    word = head.lower()
    return word in _PAPERS or (word.endswith("s") and word[:-1] in _PAPERS)


def parse_phrase(toks: list[str]) -> Subject | None:
    """What a short noun phrase names: a person, an institution, or a reference to one."""
    if not toks:
        return None
    place = _place_after_in(toks)
    if place:
        toks = toks[:-place]  # "Merrill Lynch in London", "officials in Washington": where, not who
    last = toks[-1].lower()
    if _is_paper(toks):
        return None  # "The Joint Declaration states": a document does not speak by itself
    if [t.lower() for t in toks[-2:]] in (["the", "companies"], ["both", "companies"]) and all(
        t in _OPENING_TIMES for t in toks[:-2]
    ):
        return Subject("companies")  # "Earlier the companies said": the two the story names
    for k in range(1, len(toks) - 1):
        if toks[k] == "by" and toks[k - 1] in {"led", "headed"}:
            # "An investor group led by Coniston Partners said": the group's named leader
            leader = parse_phrase(toks[k + 1 :])
            return leader if leader is not None and leader.kind in {"person", "org"} else None
    if last in {"he", "she", "him", "her"}:
        return Subject("pronoun")
    if last == "it":
        return Subject("it")
    if last == "they":
        return Subject("they")
    if last in _LEGISLATORS:
        return None  # "The Republican Congressmen also said": lawmakers unnamed, a vague group
    if len(toks) <= 4 and "." in toks[-1] and is_country(" ".join(toks)):
        # "the U.S. said": the state (a one-word name goes the surname way, where a country
        # inside a longer subject is dropped)
        return Subject("org", " ".join(strip_articles(toks)))
    if _close_to(toks):
        # "an aide to Rep. Charles Schumer said" speaks for the legislator, as a spokesman
        # does; "Sources close to Farmers Commodities confirmed", "a friend of X": people
        # near someone speak for themselves, unnamed
        if toks[0].lower() in {"a", "an", "the"} and toks[1].lower() in {"aide", "assistant"}:
            person = parse_phrase(toks[3:])
            if person is not None and person.kind in {"person", "surname"}:
                return person
        return None
    affiliated = affiliated_name(toks)
    if affiliated:
        start, end = affiliated
        if end - start == 1:
            return Subject("surname", toks[start])
        role = role_before(toks, start) or " ".join(strip_articles(toks[end + 1 :])) or None
        return Subject("person", " ".join(toks[start:end]), role)
    if _PLURAL_LEADERS.match(" ".join(strip_articles(toks))):
        return Subject("plural")  # "The leaders reaffirmed", "Both leaders ...": the pair
    institution = _speaking_for(toks)
    if institution:
        words = institution.split()
        if len(words) >= 2 and words[0].lower() in _PERSON_TITLES:
            # "a spokesman for Governor Perpich": the spokesman speaks for that person
            person = parse_phrase(words)
            if person is not None and person.kind in {"person", "surname"}:
                return person
        return Subject("org", institution)
    if len(toks) >= 2 and last in _SPEAKING_FOR and toks[-2].lower() in _OWN_BODIES:
        if toks[-2].lower() == "bank" and last.endswith("s"):
            return None  # "bank officials said": bankers in general, like "bankers said"
        return Subject("backref", toks[-2].lower())  # "company officials said": the company
    if len(toks) <= 3 and last in _SPOKESPEOPLE and toks[0].lower() in {"a", "an"}:
        if len(toks) == 3 and toks[1].lower() in _NATIONAL | _GENERIC_BODIES:
            return None  # "a government spokesman": no institution named
        return Subject("it")  # "A spokesman said": for the institution the story is about
    if last in _DOCUMENTS and len(toks) >= 2:
        org = org_run(toks, len(toks) - 1) or _lower_body(toks, len(toks) - 1)
        if org and _leads(toks[:-1], org):
            return Subject("org", _strip_the(org))  # "A White House statement said"
    body = _named_body(toks) or _lower_body(toks, len(toks))
    if body and _leads(toks, body):
        return Subject("org", body)
    if (
        toks[0].lower() == "the"
        and last in _COMPANY_BACKREFS
        and 2 <= len(toks) <= 6
        and all(t.islower() or "-" in t for t in toks[1:-1])
    ):
        return Subject("backref", "company")  # "The large Minneapolis-based computer concern"
    if (
        toks[0].lower() == "the"
        and not any(is_role_word(t) for t in toks)
        and last not in GENERIC_PERSON_NOUNS
    ):
        org = org_run(toks, len(toks)) or _capital_run(toks)
        if org:
            return Subject("org", org)  # "the New York Times said"
        if len(toks) == 3 and toks[1].lower() in _BODY_KINDS and last in ORG_NOUNS:
            # "the central bank said", "the economy ministry said": the one the text means
            return Subject("org", f"{toks[1].capitalize()} {toks[2].capitalize()}")
        return _backref(toks) if len(toks) == 2 and last in ORG_NOUNS else None
    if toks[0].lower() in {"the", "this"} and last in GENERIC_PERSON_NOUNS:
        return _backref(toks)  # "The Illinois Democrat told Reuters": no name
    start = split_name(toks, len(toks))
    if start >= 2 and toks[start - 2 : start] == ["of", "the"]:
        # "the Prime Minister of the United Kingdom": a country or body after "of the",
        # not a personal name; the whole phrase is a role naming someone
        return _backref(toks)
    run = start
    while run > 0 and toks[run - 1][:1].isupper() and not is_role_word(toks[run - 1]):
        run -= 1
    if (
        start < len(toks)
        and run >= 1
        and toks[run - 1].lower() == "the"
        # not "Head of the Mykolaiv Regional State Administration Vitaliy Kim"
        and (run < 2 or toks[run - 2].lower() not in {"of", "and", "to", "for", "at"})
        and not any(is_org_word(t) for t in toks[run:start])
    ):
        # "the Farm Credit System", "the damaged Unit Two": "the" and capitals with no title
        # among them come before a thing's name, not a person's
        return None
    if start < len(toks):
        return Subject("person", " ".join(toks[start:]), role_before(toks, start))
    if last in VAGUE_NOUNS or last in {"we", "i", "you", "them", "us", "who"}:
        return None
    backref = _backref(toks)
    if backref:
        return backref
    org = org_run(toks, len(toks))
    if org and _leads(toks, org):
        return Subject("org", _strip_the(org))
    if is_name_word(toks[-1]) and (len(toks) == 1 or not is_name_word(toks[-2])):
        if len(toks) >= 2 and toks[-2] in _APPOSITIVE_BODIES:
            return Subject("org", toks[-1])  # "oil company Ecopetrol": a company, no surname
        # "General Cinema said": a capitalised word before the surname may start a company's
        # name, which the caller checks against the companies the text names
        before = toks[-2] if len(toks) >= 2 and toks[-2][0].isupper() else None
        return Subject("surname", toks[-1], before=before)
    if _SLASHED.fullmatch(toks[-1]):  # "Royal Dutch/Shell said": a group of two firms
        j = len(toks) - 1
        while j > 0 and toks[j - 1][0].isupper() and toks[j - 1] not in _DETERMINERS:
            j -= 1
        return Subject("org", " ".join(toks[j:]))
    return None


_SLASHED = re.compile(r"[A-Z][\w.&'\-]*(?:/[A-Z][\w.&'\-]*)+")


_COMPANY_BACKREFS = frozenset({"company", "concern", "firm"})
# Unnamed people near someone named, who speak for themselves, not for that person (a
# spokesman for a person does speak for them)
_CLOSE_TO = frozenset("aide adviser advisor assistant source friend associate".split())
_PREPOSITIONS = frozenset(
    "of for by from to with in on at against about over under into than like via".split()
)


def _leads(toks: list[str], org: str) -> bool:
    """The institution is the phrase itself ("X Corp's new Y Ltd unit"), not the object of
    a preposition ("the recommendation of AMR")."""
    before = toks[: len(toks) - len(org.split())]
    return not any(t.lower() in _PREPOSITIONS for t in before)


# Lower-case nouns after a name that make it an institution: "The United Auto Workers
# union", "The Oslo government", "Canadian Airlines International Ltd unit".
_BODY_NOUNS = frozenset(
    "union government ministry party parliament cabinet unit subsidiary agency administration"
    .split()
)
# "the Reagan administration": the leader's name alone would be a person, not the body
_BODY_KEEPS_NOUN = frozenset("government ministry party parliament cabinet administration".split())
# Lower-case nouns that put a company in apposition before its name: "State-run oil company
# Ecopetrol said", "the Dutch airline KLM said".
_APPOSITIVE_BODIES = frozenset(
    """company firm group concern carrier airline utility bank insurer brokerage retailer
    maker producer conglomerate""".split()
)


def _named_body(toks: list[str]) -> str | None:
    if len(toks) < 2 or toks[-1] not in _BODY_NOUNS:
        return None
    i = len(toks) - 1
    while i > 0 and not toks[i - 1].endswith(("'s", "’s")) and (
        toks[i - 1][0].isupper()
        # "G.D. Searle and Co unit": a joining word inside the name
        or (toks[i - 1] in {"and", "of", "&"} and i >= 2 and toks[i - 2][0].isupper())
    ):
        i -= 1
    run = [t for t in toks[i:-1] if t not in {"The", "A", "An"}]
    if not run or not _leads(toks, " ".join(toks[i:])):
        return None
    if len(run) >= 2 or run[0].isupper():
        return " ".join(run)
    if toks[-1] in _BODY_KEEPS_NOUN:  # "the Oslo government": the place alone is no body
        return f"{run[0]} {toks[-1]}"
    return None


def _capital_run(toks: list[str]) -> str | None:
    words = toks[1:]
    if (
        len(words) >= 2
        and words[0][0].isupper()
        and all(w[0].isupper() or w in {"of", "and", "for", "&"} for w in words)
    ):
        return " ".join(words)
    return None


def _speaking_for(toks: list[str]) -> str | None:
    """`a spokesman for Airbus` -> Airbus; `Trade Ministry officials`, `a finance ministry
    spokesman in Bonn` -> Trade Ministry, Finance Ministry; `a Lilly spokesperson` -> Lilly.
    Officials of no named institution ("U.S. officials", "government officials") are vague."""
    for i, t in enumerate(toks):
        if t.lower() not in _FOR_INSTITUTION:
            continue
        after = toks[i + 1 :]
        if len(after) >= 2 and after[0] == "in" and after[1][0].isupper():
            after = []  # "a spokesman in Bonn": where, not for whom
        if not after:
            org = org_run(toks, i) or _lower_body(toks, i)
            if (
                org
                # "U.S. officials" name no body, "U.S. Treasury officials" do
                and (not org.startswith("U.S") or any(is_org_word(w) for w in org.split()[1:]))
                and org.lower() not in _GENERIC_BODIES
            ):
                return _strip_the(org)
            if t.lower() in _SPOKESPEOPLE | {"official", "representative"} and i >= 1:
                j = i
                while j > 0 and toks[j - 1][0].isupper() and toks[j - 1] not in _DETERMINERS:
                    j -= 1  # not "Another Noranda spokesman": the firm is Noranda
                run = toks[j:i]
                if (
                    run
                    and not run[0].startswith("U.S")
                    and not any(w.lower().rstrip("n") in _NATIONAL for w in run)
                ):
                    name = " ".join(run)  # "a Douglas Aircraft spokesman"
                    return name[:-2] if name.endswith(("'s", "’s")) else name
            return None
        if after[0] in {"for", "at", "of", "with"} and len(after) >= 2:
            rest = after[1:]
            rest = rest[1:] if rest[0].lower() == "the" else rest
            while len(rest) > 1 and rest[0].endswith("-based"):
                rest = rest[1:]  # "a spokesman for Montreal-based Alcan": where, not who
            if rest and all(
                # "Teamsters Local 912": a number inside the name, after a capital
                w[0].isupper() or w in {"of", "and", "&"} or (k and w.isdigit())
                for k, w in enumerate(rest)
            ):
                caps = [w[0] for w in rest[:-1] if w[0].isupper()]
                if len(rest) >= 3 and rest[-1] == "".join(caps):
                    rest = rest[:-1]  # "of the Commodity Futures Trading Commission (CFTC)"
                return " ".join(rest)
        return None
    return None


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# What kind of body "the central bank", "the finance ministry" is: a country has one each.
_BODY_KINDS = frozenset(
    """central finance economy economic foreign trade agriculture defence defense interior
    justice energy health labor labour commerce transport industry education""".split()
)
# Titles that name a person, never a firm ("General Foods"): "a spokesman for Governor X".
_PERSON_TITLES = frozenset(
    """governor president senator sen rep minister premier chancellor mayor secretary
    chairman congressman king queen prince""".split()
)
_SPEAKING_FOR = (_FOR_INSTITUTION - {"executives"}) | _SPOKESPEOPLE  # "company executives": vague
_OWN_BODIES = frozenset({"company", "bank", "ministry", "agency", "union"})
_DOCUMENTS = frozenset({"statement", "communique", "announcement", "release"})
_ARTICLES = frozenset({"The", "A", "An"})
_DETERMINERS = _ARTICLES | frozenset(
    "Another One Other Some Each Every Any No This That These Those Its His Her Their Our".split()
)
_GENERIC_BODIES = frozenset({"government", "administration", "state", "company"})
# "a West German spokesman", "a Japanese official": a country's adjective is no institution.
_NATIONAL = frozenset(
    """american british german west east french italian japanese chinese soviet russian
    ukrainian canadian brazilian mexican indian european western government""".split()
)


# Words before "department" that are no field of government: "the same department".
_NOT_FIELDS = frozenset(
    """same new old other whole entire local relevant respective former latter appropriate
    responsible government state's""".split()
)


def _lower_body(toks: list[str], end: int) -> str | None:
    """`finance ministry` in lower-case wire copy -> "Finance Ministry"; `The French foreign
    ministry` -> "French Foreign Ministry"."""
    if end < 2:
        return None
    if (
        toks[end - 1] == "administration"
        and toks[end - 2][0].isupper()
        and is_name_word(toks[end - 2])
        and not is_country(toks[end - 2])
    ):
        return f"{toks[end - 2]} administration"  # "a Reagan administration official"
    if toks[end - 1].lower() not in {"ministry", "department"}:
        return None
    modifier = toks[end - 2].lower()
    if modifier not in ROLE_MODIFIERS and not (
        # "the statistics department": a definite, lower-case subject field
        end >= 3
        and toks[end - 3].lower() == "the"
        and modifier.isalpha()
        and modifier.islower()
        and modifier not in _NOT_FIELDS
    ):
        return None
    name = f"{toks[end - 2].capitalize()} {toks[end - 1].capitalize()}"
    if end >= 3 and toks[end - 3][0].isupper() and toks[end - 3] not in _ARTICLES:
        name = f"{toks[end - 3]} {name}"
    return name


def _backref(toks: list[str]) -> Subject | None:
    """`the Russian deputy foreign minister`, `The Adviser to the Head of the President's
    Office`, `the two leaders`: a role standing for someone already named."""
    for i, t in enumerate(toks):
        if t.lower() not in {"the", "this", "both"}:
            continue
        phrase = toks[i + 1 :] if t.lower() != "both" else toks[i:]
        if not phrase:
            return None
        text = " ".join(phrase)
        if _PLURAL_LEADERS.match(text):
            return Subject("plural")
        first = phrase[0].lower()
        if not (
            is_role_word(first)
            or first in ROLE_MODIFIERS
            or phrase[0][0].isupper()
            or (len(phrase) == 1 and first in ORG_NOUNS)  # "the company said"
        ):
            continue
        core = phrase
        for k, w in enumerate(phrase):
            if w.lower() in {"of", "to", "for", "at"}:
                core = phrase[:k]
                break
        head = core[-1] if core else phrase[0]
        if is_org_word(head) and not is_role_word(head) and len(phrase) > 1:
            # "the Bank of Spain" names an institution; "the President's Press Secretary"
            # is a role, whatever word comes before its head noun
            return None
        if all(
            w[0].isupper()
            or w.lower() in ROLE_MODIFIERS
            or w.lower() in CONNECTORS
            or is_role_word(w)
            or w.lower() in GENERIC_PERSON_NOUNS | ORG_NOUNS
            or w.lower() in PLACE_NOUNS  # "The head of the region reported"
            for w in phrase
        ) and any(is_role_word(w) or w.lower() in GENERIC_PERSON_NOUNS | ORG_NOUNS for w in phrase):
            return Subject("backref", text)
        return None
    return None


def parse_right(text: str) -> Subject | None:
    """The subject after an inverted verb: `," said Paine Webber analyst Stephen Smith.`"""
    m = _RIGHT_SEGMENT.match(text)
    segment = m.group(0) if m else ""
    setting = _SETTING.search(segment)
    if setting is not None:
        segment = segment[: setting.start()]  # "said Gutfreund in a statement."
    toks = tokens(segment)
    if not toks:
        return None
    first = toks[0].lower()
    if first in {"him", "her", "he", "she"}:
        return Subject("pronoun")
    if first == "it":
        return Subject("it")
    head = toks[: toks.index(",")] if "," in toks else toks
    end = 0
    while end < len(head):
        tok, low = head[end], head[end].lower()
        if tok[0].isupper() or low in _SUBJECT_SMALL or is_role_word(tok):
            end += 1
        elif end + 1 < len(head) and is_role_word(head[end + 1]):
            end += 1  # "Kidder peabody analyst": a lower-case firm name before a role
        else:
            break
    while end > 0 and head[end - 1].lower() in CONNECTORS:
        end -= 1
    subject = parse_phrase(head[:end])
    if subject and subject.kind == "person" and not subject.role and end == len(head):
        rest = toks[len(head) + 1 :]
        tail = rest[: rest.index(",")] if "," in rest else rest
        if any(is_role_word(t) for t in tail) and len(tail) <= 12:
            subject.role = " ".join(strip_articles(tail))  # "said Denny Lynch, Wendy's VP"
    return subject


def sentence_subject(sentence: str, strict: bool = False) -> Subject | None:
    """The subject opening a sentence: "Nicolas Maduro expressed ... and emphasised ...".
    `strict`: only a name or title that the verb or an aside follows, not the modifier of a
    noun ("New York cocoa traders reacted")."""
    toks = tokens(sentence[:200])
    for start in _subject_starts(toks):
        k = plain = start
        while k < len(toks):
            if toks[k][0].isupper() or toks[k].lower() in PARTICLES:
                k += 1
            elif (
                # "Joe Liro of S.G. Warburg Securities and Co expects": an affiliation, and
                # "and" only inside it (not "Vladimir Putin and Recep Tayyip Erdogan")
                (toks[k] in {"of", "at"} or (toks[k] in {"and", "&"} and "of" in toks[start:k]))
                and k > start
                and k + 1 < len(toks)
                and toks[k + 1][0].isupper()
            ):
                k += 1
            elif (
                # "USDA secretary Richard Lyng", "president jaime lusinchi": a lower-case
                # title inside the name's phrase
                (is_role_word(toks[k]) or toks[k] in ROLE_MODIFIERS)
                and k + 1 < len(toks)
                and (toks[k + 1][0].isupper() or is_role_word(toks[k + 1]))
            ):
                k += 1
            else:
                break
            if plain == k - 1 and toks[k - 1] not in {"of", "at", "and", "&"}:
                plain = k  # the run before any joining word
        if k < len(toks) and toks[k] == "and" and plain < k:
            k = plain  # "The Republic of Lithuania and the Republic of Poland": a list
        present = k < len(toks) and toks[k].islower() and toks[k].endswith("s")
        if strict and k < len(toks) and not (_verb_follows(toks[k]) or present):
            continue
        if (
            k > start
            and k + 1 < len(toks)
            and toks[k].lower() in _SPEAKING_FOR
            and (_verb_follows(toks[k + 1]) or toks[k + 1].endswith("ed"))
        ):
            # "European Community officials welcomed ... but said": the body they speak for
            spoken_for = parse_phrase(toks[start : k + 1])
            if spoken_for is not None and spoken_for.kind == "org":
                return spoken_for
        subject = parse_phrase(toks[start:k]) if k > start else None
        if (
            subject is not None
            and is_country(subject.name)
            and k < len(toks)
            and toks[k][:1].islower()
            and not _verb_follows(toks[k])
        ):
            continue  # "U.S. lawmakers expressed": the country's adjective, not the state
        if strict and present and not _verb_follows(toks[k]):
            # "Joe Liro of S.G. Warburg ... expects": a verb only after a named person with a
            # role or firm; after "Most Paris" in "Most Paris dealers" it is a plural noun
            if subject is None or subject.kind != "person" or not subject.role:
                continue
        if subject is not None:
            return subject
    return None


def _verb_follows(word: str) -> bool:
    """What may follow a sentence's subject: its verb, an auxiliary or an aside."""
    low = word.lower()
    return (
        word == ","
        or low in _ADVERBS
        or low in _AUXILIARY_VERBS
        or (word.islower() and low.endswith("ed"))  # "defended"
    )


_AUXILIARY_VERBS = frozenset("is was are were has had have continues continued".split())


def _subject_starts(toks: list[str]) -> list[int]:
    """Where a sentence's subject may start: at the start, or after an opening phrase
    ("For his part, Shmyhal thanked ... and said")."""
    starts = [0]
    if toks and toks[0] in _OPENING_TIMES:
        # "Yesterday the U.S. Supreme Court struck down ..."
        starts.append(2 if toks[1:2] == ["the"] else 1)
    if "," in toks[:6]:
        starts.append(toks.index(",") + 1)
    elif toks and toks[0] in _OPENING_PREPOSITIONS and "," in toks[:25]:
        # "On the occasion of the 77th anniversary of Victory ..., Vladimir Putin sent"
        starts.append(toks.index(",") + 1)
    return starts


_OPENING_PREPOSITIONS = frozenset("On In At During Following After Before Amid Ahead".split())


_OPENING_TIMES = frozenset("Yesterday Today Earlier Later Meanwhile Separately Now Also".split())
