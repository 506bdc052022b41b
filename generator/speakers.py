"""Speaker identity: the registry in `content/speakers.yaml` and how names are matched to it.

"Sergei Lavrov", "Sergey Lavrov" and "Lavrov" should be one speaker. Matching is by a
name key that folds case, accents and common transliteration variants, then by surname
when exactly one known person carries it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from slugify import slugify

from .models import Speaker, SpeakerRef

# Transliterations of Slavic names vary by source: Sergei/Sergey, Zelensky/Zelenskyy,
# Dmitry/Dmitri, Yuriy/Yuri. Folding these endings keeps one key per person.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Ukrainian h for Russian g: Oleh/Oleg, Olha/Olga, Serhiy/Sergei, Ihor/Igor.
    (re.compile(r"(?<=[aeiouylr])h(?=[aeiouy]|\b)"), "g"),
    (re.compile(r"yy\b"), "y"),
    (re.compile(r"(?<=[a-z])iy\b"), "i"),
    (re.compile(r"(?<=[a-z])ey\b"), "ei"),
    (re.compile(r"(?<=[a-z])(?<!e)y\b"), "i"),
    (re.compile(r"ii\b"), "i"),
    (re.compile(r"(?<=[a-z])ei\b"), "i"),
    (re.compile(r"kh"), "h"),
    # Russian ё as "yo" or "e": Alyoshin/Aleshin, Fyodor/Fedor, Pyotr/Petr
    (re.compile(r"(?<=[bcdfglmnprstvz])yo"), "e"),
    (re.compile(r"ff\b"), "v"),
)


@lru_cache(maxsize=1 << 16)  # the same few hundred names recur across a whole archive
def name_key(name: str) -> str:
    """A matching key: ASCII, lower case, spaces only, transliteration variants folded."""
    key = slugify(name, separator=" ")
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


def surname_key(name: str) -> str:
    parts = name_key(name).split()
    return parts[-1] if parts else ""


@lru_cache(maxsize=1 << 16)
def _looks_like_a_name(name: str) -> bool:
    """"Sergei Lavrov" is a personal name with a surname; "President of Ukraine", a role
    standing in for an unnamed person, has none to match."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def speaker_slug(name: str) -> str:
    return slugify(name, max_length=80, word_boundary=True) or "speaker"


@dataclass
class Registry:
    """Known speakers, looked up by any of their names."""

    speakers: list[Speaker] = field(default_factory=list)
    _by_key: dict[str, Speaker] = field(default_factory=dict, repr=False)
    _by_surname: dict[str, list[Speaker]] = field(default_factory=dict, repr=False)
    _by_slug: dict[str, Speaker] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, speakers: Iterable[Speaker]) -> Registry:
        registry = cls()
        for speaker in speakers:
            registry.add(speaker)
        return registry

    def add(self, speaker: Speaker) -> None:
        self.speakers.append(speaker)
        self._by_slug.setdefault(speaker.slug, speaker)
        for name in (speaker.name, *speaker.aliases):
            self._by_key.setdefault(name_key(name), speaker)
        if speaker.kind == "person" and _looks_like_a_name(speaker.name):
            surnames = self._by_surname.setdefault(surname_key(speaker.name), [])
            if speaker not in surnames:
                surnames.append(speaker)

    def by_slug(self, slug: str) -> Speaker | None:
        return self._by_slug.get(slug)

    def find(self, name: str, kind: str = "person") -> Speaker | None:
        """The known speaker this name means, or None when it is new or ambiguous."""
        key = name_key(name)
        found = self._by_key.get(key)
        if found is not None:
            return found
        # A bare surname ("Lavrov") matches only a person, and only when one known person
        # carries it; "Federation" must not find "President of the Russian Federation".
        if kind == "person" and " " not in key:
            candidates = self._by_surname.get(key, [])
            if len(candidates) == 1:
                return candidates[0]
        return None

    def resolve(self, ref: SpeakerRef) -> Speaker:
        """The registry's speaker for a reference, or a new one made from the name."""
        found = self.find(ref.name, ref.kind)
        if found is not None:
            return found
        slug = speaker_slug(ref.name)
        base, n = slug, 2
        while slug in self._by_slug:
            slug = f"{base}-{n}"
            n += 1
        speaker = Speaker(slug=slug, name=ref.name, kind=ref.kind)
        self.add(speaker)
        return speaker
