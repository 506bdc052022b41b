"""Names and roles in English news prose: the word lists and token rules behind speaker finding.

"Russian Deputy Foreign Minister Oleg Syromolotov" -> role "Russian Deputy Foreign Minister",
name "Oleg Syromolotov"; "the Foreign Ministry" -> an organization. Pure helpers for
`generator.extract_speakers`; nothing here keeps state between documents.
"""

from __future__ import annotations

import re

from .extract_countries import is_country

# Letter classes for Latin script with accents ("Kvedaravičius", "Sidabrinė"): re has no \p{Lu}.
UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
LOWER = "".join(c for c in map(chr, range(0x61, 0x250)) if c.islower())

# A token of running text: words with inner apostrophes, dots, hyphens; commas stand alone.
TOKEN = re.compile(r"[^\s,;:()\[\]\"“”«»]+|,")
# "McDonald", "O'Neill", "Kassym-Jomart", "el-Sisi", "al-Sabah", but not "Atlanta-based".
_CAP_WORD = re.compile(
    rf"^(?:(?:al|el|ad|as|ash|abu|bin|ibn)-)?"
    rf"[{UPPER}][{LOWER}'’]*(?:[{UPPER}][{LOWER}'’]*)*(?:-[{UPPER}][{LOWER}'’]*)*$"
)
# A romanised Chinese given name: "Chi-cheng", "Teng-hui" (not "York-based", "State-owned").
_NOT_GIVEN = """based owned run led area grade made type wide free style term class level scale
range rate time year day month week rich poor born bound held like long only plus size up out
off in on""".split()
_HYPHENED_GIVEN = re.compile(rf"^[A-Z][a-z]{{1,4}}-(?!(?:{'|'.join(_NOT_GIVEN)})$)[a-z]{{2,5}}$")
_INITIAL = re.compile(rf"^(?:[{UPPER}]\.)+$")  # "J.", "H.W."
_ACRONYM = re.compile(rf"^[{UPPER}]{{2,8}}$")  # "MITI", "FNV", "OPEC", "PHLCORP"

PARTICLES = frozenset(
    "von van de der den del della da di du dos das la le bin ibn al el ter ten".split()
)
_PATRONYMIC = frozenset({"bin", "ibn", "bint"})
SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
CONNECTORS = frozenset({"of", "the", "for", "and", "on", "to", "in", "at"})

# Head nouns of a personal role; any case ("analyst", "Minister").
ROLE_WORDS = frozenset(
    """minister president vice-president secretary spokesman spokeswoman spokesperson
    chairman chairwoman chairperson chair governor ambassador director chief head officer
    executive ceo cfo coo analyst economist official senator congressman congresswoman
    representative lawmaker legislator commissioner mayor premier chancellor king queen prince
    emir pope patriarch general admiral commander envoy aide adviser advisor counsel treasurer
    manager partner founder owner leader speaker judge justice prosecutor attorney deputy
    undersecretary under-secretary diplomat negotiator strategist professor ombudsman
    coordinator controller comptroller confidant consultant expert specialist editor
    correspondent journalist rector
    coach secretary-general lady president-elect premier-elect mp member metropolitan
    administrator superintendent inspector auditor governor-general sheikh sultan emperor
    dealer trader banker broker researcher scientist historian writer author designer attache
    attaché""".split()
)
# Words that qualify a role without being its head: "deputy foreign minister".
ROLE_MODIFIERS = frozenset(
    """deputy vice foreign finance trade economy economic senior chief executive general first
    second former acting assistant associate managing press prime state industry group company
    bank central oil agriculture agricultural treasury defense defence interior justice energy
    health labor labour commerce transport affairs international national regional federal
    presidential principal top special permanent junior interim caretaker new outgoing
    incoming communications marketing sales research investment financial political military
    security foreign-policy public""".split()
)
# Words that make a capitalised run an institution: "Foreign Ministry", "Data General Corp".
ORG_WORDS = frozenset(
    """ministry department bank corp corp. corporation inc inc. co co. ltd ltd. plc group
    company government commission committee council office agency service board fund
    association federation union party institute reserve treasury parliament kremlin cabinet
    court authority administration organization organisation secretariat exchange bureau
    embassy foundation society chamber assembly congress senate duma rada pentagon nations
    house ministries directorate inspectorate prosecutor's headquarters command staff
    bundesbank army navy police centers centres center centre times post journal news
    airlines airways hill street revenue subcommittee securities brothers industries
    holdings systems motors partners associates laboratories products stores mines mining
    petroleum resources capital trust savings financial insurance hospital university
    college network television radio press cie sa ag nv gmbh spa conference summit forum
    authorities committees community""".split()
)
# Capitalised words that never start or make up a personal name.
STOP_CAPS = frozenset(
    """The A An In On At For From By With But And Or If As So It He She We They I You This That
    These Those There Here His Her Their Our Its My Your Today Yesterday Tomorrow Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov
    Dec Also However Meanwhile Earlier Later According After Before During While When Where
    What Who Why How Although Since Until Thus Then Now Yes No Thank Thanks Dear Friends
    Colleagues Ladies Gentlemen Mister Mr Mrs Ms Dr Sir Madam Mr. Mrs. Ms. Dr. Glory Please
    Let Question Answer Remark Reply Good Well Ok Okay Only All Every Each Both Some Many
    Such Other Another Last Next First Second Third Federal National State Republic
    Russian Ukrainian American British German French Chinese Japanese Soviet European
    Western Eastern Northern Southern Central International Global Minister President
    Foreign Deputy Prime Defence Defense Finance Trade Secretary Rep Sen Gov Reps Sens
    Following Speaking Addressing Responding Commenting Asked Given Under Over Despite Regarding
    Concerning Amid Among Through Within Without Upon Into Unlike Including Against Toward
    Towards Besides Beyond Across Along Around Between Throughout Neither Either Granting
    Greeting Welcoming Congratulating Noting Stressing Emphasizing Emphasising Recalling
    Thanking Expressing Answering Summing Opening Closing Taking Having Being Touching
    Referring Turning Starting Visiting Receiving Presenting Attending Discussing Assessing
    Highlighting Underlining Reporting Describing Explaining Calling Urging Citing
    Investor Investors Lawyer Lawyers Republican Republicans Democrat Democrats
    Democratic Belgian Dutch Italian Spanish Canadian Mexican Brazilian Argentine Australian
    Swiss Swedish Norwegian Danish Finnish Polish Greek Turkish Israeli Egyptian Saudi
    Iranian Iraqi Indian Pakistani Korean Taiwanese Philippine Indonesian Malaysian Nigerian
    Kenyan Venezuelan Colombian Peruvian Chilean Ecuadorean Cuban Irish Austrian Hungarian
    Czech Romanian Bulgarian Yugoslav Portuguese Kuwaiti Lebanese Syrian Jordanian Libyan
    Algerian Moroccan Tunisian Zambian Ghanaian Ethiopian Thai Vietnamese Lithuanian Latvian
    Estonian Belarusian Armenian Azerbaijani Kazakh Uzbek Slovak Slovenian Croatian Serbian
    Bolivian Uruguayan Paraguayan Dominican Nicaraguan Salvadoran Panamanian Icelandic
    """.split()
)  # "Rep Edward Markey": wire copy drops the dot of a title
# Plural or vague subjects: statements by them name no speaker ("analysts said").
VAGUE_NOUNS = frozenset(
    """analysts officials sources bankers dealers traders economists experts observers
    diplomats people residents witnesses reports report executives industry markets
    participants leaders others some many several most critics members parties sides
    authorities investors statement data figures survey spokesmen delegates ministers
    newspaper paper agency interlocutors""".split()
)

# Role-only references that stand for a person already speaking ("the Russian diplomat").
GENERIC_PERSON_NOUNS = frozenset(
    "diplomat politician leader envoy negotiator head-of-state statesman official".split()
    # "the Illinois Democrat told Reuters": a legislator described by party
    + "democrat republican".split()
)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def is_initial(tok: str) -> bool:
    return bool(_INITIAL.match(tok)) and tok not in _PLACE_ABBREVIATIONS


# "In the U.S. Silas said": a country's abbreviation, never a person's initials
_PLACE_ABBREVIATIONS = frozenset({"U.S.", "U.K.", "U.N.", "E.C."})


def is_acronym(tok: str) -> bool:
    return bool(_ACRONYM.match(tok))


def is_org_word(tok: str) -> bool:
    low = tok.lower()
    return low in ORG_WORDS or (len(low) > 6 and low.endswith("bank"))


def is_role_word(tok: str) -> bool:
    return tok.lower().strip(".") in ROLE_WORDS


def is_name_word(tok: str) -> bool:
    """A word that can be part of a personal name: capitalised, not a role or stop word."""
    if tok in STOP_CAPS or tok.endswith(("'s", "’s")) or is_role_word(tok) or is_org_word(tok):
        return False
    if tok.endswith(("'", "’")):
        return False  # a plural possessive: "Commissioner for Entrepreneurs' Rights"
    if tok.endswith("s") and tok[:-1].lower() in ROLE_WORDS | GENERIC_PERSON_NOUNS:
        # "Senators Jake Garn of Utah, ...": a plural title, no given name; "Liberal
        # Democrats said": a party, no surname
        return False
    if is_initial(tok):
        return True
    if not _CAP_WORD.match(tok) and not _HYPHENED_GIVEN.match(tok):
        return False
    return not (tok.isupper() and len(tok) > 1)  # acronyms are institutions


def title_name(name: str) -> str:
    """Old wire copy may have `agustin legorreta`; give such names capitals."""
    if name.islower():
        return " ".join(w if w in PARTICLES else w.capitalize() for w in name.split())
    return name


_GIVEN_MONTHS = frozenset({"Jan"})
_ARTICLED = re.compile(r"^(?:al|el|ad|as|ash|abu|bin|ibn)-[A-Z]")  # Arabic "al-", "el-" names


def articled(tok: str) -> bool:
    """An Arabic family name with its article: "al-Sabah", "el-Sisi"."""
    return bool(_ARTICLED.match(tok))


def split_name(toks: list[str], end: int) -> int:
    """Start index of the personal name that ends at toks[end - 1], or `end` when none.

    Surname, particles ("von der"), one given name, and initials; a third full word joins
    only when nothing role-like precedes it ("Jose Antonio Ocampo", not "Ukraine Volodymyr
    Zelenskyy" from "President of Ukraine Volodymyr Zelenskyy").
    """
    i = end
    if i > 0 and toks[i - 1] in SUFFIXES:
        i -= 1
    if i == 0 or not is_name_word(toks[i - 1]) or is_initial(toks[i - 1]):
        return end
    i -= 1  # surname
    surname = i
    while i > 0 and (toks[i - 1].lower() in PARTICLES or _ARTICLED.match(toks[i - 1])):
        i -= 1  # "von der", "al-Khalifa" in "Ali al-Khalifa al-Sabah"
    while i > 0 and is_initial(toks[i - 1]):
        i -= 1  # "Clarence A. Brimmer"
    if (
        i > 0
        and (is_name_word(toks[i - 1]) or toks[i - 1] in _GIVEN_MONTHS)
        and not is_initial(toks[i - 1])
        and not is_country(toks[i - 1])  # "President of Belarus Lukashenko"
    ):
        i -= 1  # given name; "Jan" before a surname is a name, not January
        while i > 0 and is_initial(toks[i - 1]):
            i -= 1  # "J. David Lyons"
        if i >= 2 and toks[i - 1] in _PATRONYMIC and is_name_word(toks[i - 2]):
            i -= 2  # "Hamad bin Isa Al Khalifa": the given name before the father's
        if i > 0 and is_name_word(toks[i - 1]) and not is_initial(toks[i - 1]):
            before = toks[i - 2] if i >= 2 else ""
            if (
                not before
                or before == ","
                or (before[0].islower() and before not in CONNECTORS)
                or is_role_word(before)  # "Minister Cheikh Hamidou Kane": the title ends there
                or _ARTICLED.match(toks[surname])  # "Abdel Fattah el-Sisi": two given names
            ):
                i -= 1
    if i == surname:
        return end  # a lone surname is not a full name
    return i


# Capitalised words that are stop words for names but fine inside a role.
_ROLE_CAPS = frozenset(
    """Federal National State Republic Russian Ukrainian American British German French
    Chinese Japanese Soviet European Western Eastern Northern Southern Central International
    Global Minister President Foreign Deputy Prime Defence Defense Finance Trade Secretary
    First Second Third The""".split()
)
_NAME_STOPS = STOP_CAPS - _ROLE_CAPS


def role_before(toks: list[str], start: int) -> str | None:
    """The role words right before a name at toks[start]: "Russian Deputy Foreign Minister"."""
    i = start
    while i > 0:
        tok = toks[i - 1]
        low = tok.lower()
        if tok == ",":
            break
        if tok == "and" and i >= 3 and is_name_word(toks[i - 2]) and is_name_word(toks[i - 3]):
            break  # "House Speaker Jim Wright and Senate Majority Leader Robert Byrd"
        if (
            is_role_word(tok)
            or low in ROLE_MODIFIERS
            or low in CONNECTORS
            or (tok[0].isupper() and tok not in _NAME_STOPS)
            or tok.endswith(("'s", "’s"))
        ):
            i -= 1
            continue
        break
    words = toks[i:start]
    while words and words[0].lower() in CONNECTORS | {"a", "an"}:
        words = words[1:]
    while words and words[-1].lower() in CONNECTORS:
        words = words[:-1]
    if not words or not any(is_role_word(w) for w in words):
        return None
    return " ".join(words)


def affiliated_name(toks: list[str]) -> tuple[int, int] | None:
    """`Joseph Doyle of Smith Barney`: (start, end) of the name before an affiliation."""
    for idx, tok in enumerate(toks):
        if tok != "of" or idx < 1 or toks[idx - 1].lower() in _SPEAKING_GROUPS:
            continue  # "Representatives of American Baptist Churches": no one's name
        start = split_name(toks, idx)
        if (
            start == idx
            and is_name_word(toks[idx - 1])
            and (idx < 2 or not is_name_word(toks[idx - 2]))
        ):
            start = idx - 1  # "Eisenberg of Bear Stearns": a surname named before
        if any(t in {"of", "for", "and"} for t in toks[:start]):
            # "Minister of Internal Affairs of Ukraine X", "Minister for Reintegration of the
            # Temporarily Occupied Territories of Ukraine X": a role's object, no name
            continue
        if start < idx and not any(is_role_word(t) for t in toks[idx + 1 :]):
            return start, idx
    return None


_SPEAKING_GROUPS = frozenset(
    "representatives representative officials official spokesmen spokesman spokeswoman".split()
)


def org_run(toks: list[str], end: int) -> str | None:
    """The institution whose name ends at toks[end - 1]: "Foreign Ministry", "Bank of Japan"."""
    i = end
    while i > 0:
        tok = toks[i - 1]
        if (
            tok[0].isupper()
            and tok not in {"The", "A", "An"}
            or (tok in {"of", "for", "and", "&"} and i < end and toks[i][0].isupper())
        ):
            i -= 1
            continue
        break
    while i < end and toks[i] in {"of", "for", "and", "&"}:
        i += 1
    words = toks[i:end]
    if not words:
        return None
    if any(is_org_word(w) for w in words) or (len(words) == 1 and is_acronym(words[0])):
        return " ".join(w for w in words)
    return None


def role_matches(reference: str, role: str | None) -> bool:
    """`the Russian deputy foreign minister` refers to role `Russian Deputy Foreign Minister`:
    every word of the reference is in the role ("the Emergencies Minister" is not a Defence
    Minister)."""
    if not role:
        return False
    # "the head of the region" is "Head of the Republic of Buryatia": a place's generic name
    ref = _role_words(reference) - {"the", "a", "an", "to", "of", "for", "and"} - PLACE_NOUNS
    words = _role_words(role)
    if not ref or not ref <= words:
        return False
    if (words - ref) & _LESSER:
        return False  # "the Head of the Office" is not its Deputy Head
    # "the President" is not "Head of the Office of the President": the heads must agree
    head, other = role_head(reference), role_head(role)
    return head is None or other is None or head == other


_LESSER = frozenset({"deputy", "vice", "assistant", "former", "vice-president"})
PLACE_NOUNS = frozenset("region republic province state city country territory".split())


def role_head(role: str) -> str | None:
    """The noun a role is about: "Minister" in "Russian Deputy Foreign Minister", "Head" in
    "Head of the Office of the President"."""
    words = role.lower().replace("’s", "'s").split()
    for k, w in enumerate(words):
        if w in {"of", "to", "for", "at", "with"} or w.endswith("'s"):
            words = words[:k]
            break
    heads = [w for w in words if w.strip(".,") in ROLE_WORDS and w not in ROLE_MODIFIERS]
    return heads[-1].strip(".,") if heads else None


def _role_words(text: str) -> set[str]:
    words = text.lower().replace("'s", "").replace("’s", "").replace(".", "").split()
    # "President of the Russian Federation" is "President of Russia"
    return {_COUNTRY_OF.get(w, w) for w in words} - _STATE_FORMS


_COUNTRY_OF = {"russian": "russia", "ukrainian": "ukraine", "american": "america"}
_STATE_FORMS = frozenset({"republic", "federation", "kingdom", "state", "states", "united"})


def one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by at most one inserted, deleted or changed letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


# Old wire copy set in lower case ("finance minister cesar gaviria told reuters"): a role
# noun, two lower-case words, a speech verb. Only read when the whole text is lower case.
_LOWER_NAMED = re.compile(
    r"\b(?P<role>[a-z\-]+)\s+(?P<first>[a-z][a-z'\-]+)\s+(?P<last>[a-z][a-z'\-]+)"
    # a verb of saying, or any past-tense verb: "president jaime lusinchi defended ..."
    r"(?=\s+(?:said|says|told|stated|added|announced|declared|stressed|[a-z]{3,}ed)\b)"
)
# In mixed-case copy only a plain verb of saying, found first: "minister domingo cordovez
# said" (scanning every word as _LOWER_NAMED does costs too much on ordinary text).
_SAID_VERB = re.compile(r" (?:said|says|told|stated|added|announced|declared|stressed)\b")
_LOWER_NAMED_END = re.compile(
    r"\b(?P<role>[a-z\-]+)\s+(?P<first>[a-z][a-z'\-]+)\s+(?P<last>[a-z][a-z'\-]+)$"
)
_NOT_NAMES = frozenset(
    """also has had have then later earlier today yesterday tonight would will was is were
    recently last on in at of the and but who which that this here there said told not
    never again further however meanwhile himself herself once previously subsequently
    officials official reuter reuters spokesman general minister president""".split()
)


def capitalise_lower_names(text: str, every_verb: bool = True) -> str:
    """`text` with the names of lower-case copy capitalised where a role introduces them
    before a verb (with `every_verb` false, a verb of saying: for mixed-case copy), and
    wherever else the full name recurs; same length, so offsets hold."""
    if every_verb:
        found = list(_LOWER_NAMED.finditer(text))
    else:
        found = [
            m
            for v in _SAID_VERB.finditer(text)
            if (m := _LOWER_NAMED_END.search(text, max(0, v.start() - 80), v.start()))
        ]
    names = set()
    for m in found:
        first, last = m["first"], m["last"]
        if m["role"] not in ROLE_WORDS or first in _NOT_NAMES or last in _NOT_NAMES:
            continue
        if first in ROLE_WORDS or last in ROLE_WORDS or first in ROLE_MODIFIERS:
            continue
        if first.endswith(("'s", "s'")):
            continue  # "the attorney general's office said": an office, no name
        names.add(f"{first} {last}")
    for name in names:
        text = re.sub(rf"\b{re.escape(name)}\b", name.title(), text)
    return text
