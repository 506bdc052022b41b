"""What one document has told speaker finding so far: its people and institutions.

A `Registry` is built afresh for each document. It merges the forms a text gives one
person ("Sergei Lavrov", "Lavrov", "the Russian foreign minister") or one institution
("AMR", "AMR Corp", "the company") into one `Person`, canonical under the fullest form.
Pure: nothing is kept between documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .extract_countries import is_country
from .extract_names import (
    GENERIC_PERSON_NOUNS,
    STOP_CAPS,
    articled,
    is_acronym,
    is_role_word,
    one_edit,
    role_head,
    role_matches,
    split_name,
    title_name,
    tokens,
)
from .extract_orgs import (
    company_names,
    company_with_word,
    expand_acronym,
    fuller_company,
    named_institution,
    spelt_out,
)
from .extract_subjects import COMPANY_NOUNS, ORG_NOUNS

# Generic nouns that refer back to an institution the text names in full ("the council").
_WHEN_WORD = re.compile(
    r"^(?:January|February|March|April|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?=\S)"
)
# A Chinese given name in Wade-Giles or Pinyin with a hyphen: "Chi-cheng", "Teng-hui".
_CHINESE_GIVEN = re.compile(r"[A-Z][a-z]{1,5}-[a-z]{2,6}")
_NAMED_BODIES = frozenset(
    """ministry department agency commission committee council board union bank embassy
    authority organization organisation exchange association federation institute bureau
    treasury parliament center centre foundation society league alliance coalition
    institution community""".split()
)
# Bodies whose capitalised common noun is itself a name: "The Treasury said".
_PROPER_BODIES = frozenset({"treasury", "kremlin", "parliament"})
# Two or more capitalised words, "of"/"and"/"for" between them: "General Accounting Office".
_CAPITALISED_NAME = re.compile(r"[A-Z][\w.&'\-]*(?:\s+(?:(?:of|and|for|the)\s+)*[A-Z][\w.&'\-]*)+")
# A company's possessive before the unit that speaks: "Monsanto Corp's", "Ford Motor Co's".
_OWNED = re.compile(r"^.*\b(?:Co|Corp|Inc|Ltd|Plc|PLC|AG|Group)\.?['’]s\s+(?=[A-Z]\S*\s)")
_PARTY_TAIL = re.compile(r"\s+[DRI]-[A-Z][\w.\-]*$")
HOST_ROLES = re.compile(r"^(?:President|Head of State|Prime Minister|Chancellor)\b")


@dataclass(eq=False)
class Person:
    name: str
    kind: str = "person"
    role: str | None = None
    first: float = 1 << 30  # where the text first attributes a statement to them
    first_said: float = 1 << 30  # ... with a plain verb of saying, not "announced", "reported"
    speaker: bool = False
    main: bool = False  # named as the author by the title
    credits: int = 0  # how many statements the text attributes to them


@dataclass
class Registry:
    """What one document has told us so far about its people and institutions."""

    people: list[Person] = field(default_factory=list)
    current: Person | None = None  # the person "he"/"she" refers to
    credited_at: float = -1.0  # where the text last credited anyone
    current_org: Person | None = None  # what "it"/"the company" refers to
    author: Person | None = None  # who sent the message that "the message reads"
    pair: list[Person] = field(default_factory=list)  # "the two leaders" of a readout
    parties: list[Person] = field(default_factory=list)  # everyone the readout's lede names
    host: Person | None = None  # the leader the lede opens with: "Vladimir Putin had a ..."
    last_plural: bool = False  # the last subject was the pair: "they" means them
    text: str = ""  # the whole document, to spell out acronyms
    raw: str = ""  # the text with its tickers, where company names are read (on demand)
    _companies: list[tuple[int, str]] | None = None

    @property
    def companies(self) -> list[tuple[int, str]]:
        """Companies the text names in full, in order; read only when a reference needs it."""
        if self._companies is None:
            self._companies = company_names(self.raw)
        return self._companies

    def person(self, name: str, role: str | None) -> Person:
        name = _PARTY_TAIL.sub("", title_name(name))  # "Dan Glickman (D-Kans.)": no name part
        role = _clean_role(role)
        toks = name.split()
        for p in reversed(self.people):
            if p.kind == "person" and _same_person(p.name.split(), toks):
                if len(name) > len(p.name):
                    p.name = name  # canonical: the fullest form in the text
                if role and not p.role:
                    p.role = role
                return p
        p = Person(name, "person", role)
        self.people.append(p)
        return p

    def org(self, name: str, refer: bool = True) -> Person:
        if refer and name.lower() in ORG_NOUNS:  # "... - ASSOCIATION": the one the text names
            named = self.by_role(name)
            if named is not None:
                return named
        owned = _OWNED.search(name)
        if owned:
            name = name[owned.end() :]  # "Ford Motor Co's First Nationwide Financial Corp"
        name = _WHEN_WORD.sub("", name)  # "the February FOMC said": which meeting, not who
        # the fullest form the text gives: "AMR" -> "AMR Corp", "ICO" -> "International
        # Coffee Organization"
        name = fuller_company(name, self.companies) or self._longer_form(name) or name
        if " " not in name and not is_acronym(name) and name.lower() not in ORG_NOUNS:
            name = company_with_word(name, self.companies) or name  # "Lilly" -> "Eli Lilly and Co"
        if is_acronym(name):
            name = expand_acronym(name, self.text) or spelt_out(name, self.text) or name
        elif _CLIP.fullmatch(name) and name.lower() not in ORG_NOUNS:
            name = _unclipped(name, self.text) or name  # "a Fed spokesman": Federal Reserve
        key = name.lower()
        for p in self.people:
            if p.kind == "organization" and p.name.lower() == key:
                return p
        for p in self.people:  # "Revenue" after "Inland Revenue": the institution named
            if p.kind == "organization" and _contains(p.name.lower().split(), key.split()):
                return p
        for p in self.people:
            # "Commerce Bank" after "Canadian Imperial Bank of Commerce": a short form that
            # reorders the full name's words
            if p.kind == "organization" and _reordered(p.name.lower().split(), key.split()):
                return p
        p = Person(name, "organization")
        self.people.append(p)
        return p

    def _longer_form(self, name: str) -> str | None:
        """A name the clause reader cut short: "Rubber Co" of "Goodyear Tire and Rubber Co"."""
        words = name.lower().split()
        if len(words) < 2 or any(full == name for _, full in self.companies):
            return None  # "Bache Securities Inc" is named in full, whatever owns it
        for _, full in self.companies:
            fw = full.lower().split()
            if len(fw) > len(words) and fw[-len(words) :] == words:
                extra = full.split()[: len(fw) - len(words)]
                if all(w in STOP_CAPS for w in extra):
                    continue  # "European Airbus Industrie": an adjective, not the name's start
                return full
        return None

    def by_surname(self, word: str) -> Person | None:
        low = word.lower()
        for p in reversed(self.people):  # "Ali told" after "Sheikh Ali al-Khalifa al-Sabah"
            words = p.name.split()
            if p.kind == "person" and len(words) > 1 and articled(words[-1]):
                if words[0].lower() == low:
                    return p
        for p in reversed(self.people):
            if p.kind == "person" and p.name.split()[-1].lower() == low:
                return p
        for p in reversed(self.people):
            words = p.name.split()
            if p.kind == "person" and len(words) == 2 and _CHINESE_GIVEN.fullmatch(words[1]):
                if words[0].lower() == low:
                    return p  # "Chang" of "Chang Chi-cheng": the family name comes first
        if len(low) >= 6:  # "Melknikov" for "Melnikov": one slip in a long surname
            for p in reversed(self.people):
                last = p.name.split()[-1].lower()
                if p.kind == "person" and len(last) >= 6 and one_edit(low, last):
                    return p
        return None

    def by_role(self, phrase: str) -> Person | None:
        phrase = re.sub(r"\bhead of (?:the )?state\b", "president", phrase, flags=re.I)
        head = phrase.lower().split()[-1]
        if head in ORG_NOUNS and role_head(phrase) is None:  # not "President of the Council"
            for p in reversed(self.people):
                if p.kind == "organization" and (head in p.name.lower() or head in COMPANY_NOUNS):
                    return p
            if head in COMPANY_NOUNS and self.companies:
                return self.org(self.companies[0][1])  # the story's company, named first
            if head in _NAMED_BODIES:
                named = named_institution(head, self.text)
                if named:
                    return self.org(named, False)  # "the council said": the Council named
            if head in _PROPER_BODIES and phrase[:1].isupper():
                return self.org(phrase, False)  # "The Treasury said": a capitalised name
            if _CAPITALISED_NAME.fullmatch(phrase):
                # "The U.S. General Accounting Office said": a body's own capitalised name
                return self.org(phrase, False)
            return None
        if (
            phrase.lower() == "president"
            and self.host is not None
            and self.text.startswith(self.host.name)  # "Vladimir Putin had a conversation"
        ):
            # a readout's bare "the President" is its host, not "US President Joseph Biden"
            # whom the text mentions in between
            if self.host.role is None:
                self.host.role = phrase
            return self.host
        if self.current and role_matches(phrase, self.current.role):
            return self.current
        for p in reversed(self.people):
            if p.kind == "person" and role_matches(phrase, p.role):
                return p
        if head in GENERIC_PERSON_NOUNS:
            return self.current
        host = self.host or (
            self.pair[0] if self.pair and HOST_ROLES.match(self.pair[0].role or "") else None
        )
        if HOST_ROLES.match(phrase) and host is not None:
            # "The President of Russia noted": the lede's own leader
            if host.role is None:
                host.role = phrase
            return host
        return None

    def by_word(self, word: str) -> Person | None:
        """A lone capitalised word as a subject: a surname, or a short form of a named
        institution ("Bally said" -> "Bally Manufacturing Corp"), or the surname of a full
        name given elsewhere in the text ("Markey said" -> "Edward Markey")."""
        low = word.lower()
        namesakes = {
            p.name for p in self.people if p.kind == "person" and p.name.split()[-1].lower() == low
        }
        if len(namesakes) >= 2:
            # "Saxon said" after "Saxon Oil Co said its chairman Bill Saxon and ... Steven
            # Saxon have resigned": two people share the word, the institution it names speaks
            for p in self.people:
                if p.kind == "organization" and p.speaker and low in p.name.lower().split():
                    return p
        p = self.by_surname(word)
        if p is not None and not self._company_first(word, p):
            return p
        for p in self.people:
            if p.kind == "organization" and low in p.name.lower().split():
                return p
        company = company_with_word(word, self.companies)
        if company:
            return self.org(company)
        if any(full.split()[0] == word for _, full in self.companies):
            # "Airbus has said" after "<Airbus Industrie>": a firm the text marks, known by
            # its first word
            return self.org(word)
        for _, full in self.companies:
            words = full.split()
            if word in words[1:] and len(words) - words.index(word) >= 2:
                # "Airbus said" after "the European Airbus Industrie <AINP.PA> consortium":
                # the firm's name from that word on, without the adjective before it
                return self.org(" ".join(words[words.index(word) :]))
        full = _full_name(word, self.text)
        if full:
            return self.person(full, None)
        return self.org(word) if is_acronym(word) else None

    def companies_named(self, word: str) -> bool:
        """Whether a company the text names has this word in its name."""
        return any(word in full.split() for _, full in self.companies)

    def _company_first(self, word: str, person: Person) -> bool:
        """ "Taft said" where "Taft Broadcasting Co" is named before "Dudley Taft": the
        company the story opened with, not the namesake named after it."""
        named = self.raw.find(person.name)
        return named > 0 and any(
            at < named and full.split()[0] == word for at, full in self.companies
        )

    def credit(self, p: Person, pos: float, said: bool = True) -> None:
        p.speaker = True
        p.credits += 1
        self.credited_at = max(self.credited_at, pos)
        p.first = min(p.first, pos)
        if said:
            p.first_said = min(p.first_said, pos)
        if p.kind == "person":
            self.current = p
        else:
            self.current_org = p


def _reordered(words: list[str], part: list[str]) -> bool:
    """`part` has two or more of the longer name's own words, in another order."""
    return 2 <= len(part) < len(words) and set(part) <= set(words)


# A clipped name, a capitalised word of three letters: "Fed" (longer words are names of
# their own: "Ford" is no clip of "Fordham University").
_CLIP = re.compile(r"[A-Z][a-z]{2}")


def _unclipped(clip: str, text: str) -> str | None:
    """The capitalised name in the text whose first word the clip cuts short: "Fed" for
    "Federal Reserve"."""
    if is_country(clip):
        return None  # "Iran" is no clip of "Iranian Prime Minister ..."
    for m in re.finditer(rf"\b{clip}[a-z]{{2,}}\s+[A-Z][a-z]+\b", text):
        if not is_role_word(m.group(0).split()[-1]):
            return m.group(0)  # two words: "Federal Reserve", not "... Board Chairman"
    return None


def _contains(words: list[str], part: list[str]) -> bool:
    """`part` is a run of `words` (and not a lone generic word such as "bank")."""
    n = len(part)
    if not n or n >= len(words) or (n == 1 and part[0] in ORG_NOUNS):
        return False
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _full_name(surname: str, text: str) -> str | None:
    """The first full personal name in the text that ends with this surname."""
    for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
        toks = tokens(text[max(0, m.start() - 60) : m.start()])
        toks.append(surname)
        start = split_name(toks, len(toks))
        if start < len(toks) - 1:
            return " ".join(toks[start:])
    return None


_YO = re.compile(r"(?<=[^aeiou])yo|ё")


def _same_person(a: list[str], b: list[str]) -> bool:
    """One surname (or one slip in it) and no conflicting given name: one person."""
    if 2 <= len(a) != len(b) >= 2 and (a[: len(b)] == b or b[: len(a)] == a):
        return True  # "Antonio Ortiz" of "Antonio Ortiz Mena": a double surname cut short
    for x, y in ((a, b), (b, a)):
        # "Buchanan Snith" for "Alick Buchanan-Smith": a double surname split, with a slip
        if "-" in x[-1] and len(y) == 2 and one_edit("-".join(y).lower(), x[-1].lower()):
            return True
    if a[-1].lower() != b[-1].lower():
        if len(a) < 2 or len(b) < 2 or a[0] != b[0] or len(a[-1]) < 6:
            return False
        if _YO.sub("e", a[-1].lower()) == _YO.sub("e", b[-1].lower()):
            return True  # "Alexander Aleshin" is "Alexander Alyoshin": ё written two ways
        if not one_edit(a[-1].lower(), b[-1].lower()):
            return False  # "Mykhailo Podoyak" is "Mykhailo Podolyak" misspelt
    if len(a) == 1 or len(b) == 1:
        return True
    ga, gb = a[0].rstrip("."), b[0].rstrip(".")
    return ga == gb or a[-2] == b[-2] or ga.startswith(gb) or gb.startswith(ga)


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = role.strip(" ,;:")
    if role.endswith(".") and not re.search(r"\b(?:[A-Z]\.|Inc\.|Co\.|Corp\.|Ltd\.)$", role):
        role = role[:-1]
    return role or None
