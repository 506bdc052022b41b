"""Transcript speaker labels in running text: `... thank you. Pavel Malkov: Good afternoon`.

The Kremlin and president.gov.ua bodies are one long paragraph, so labels sit inline. Bio
tooltips sometimes leak into them (`Defence Minister Sergei Shoigu Shoigu SergeiDefence
Minister:`); the leak is removed from the label shown. Pure helpers for `generator.extract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .extract_names import LOWER, UPPER, role_before, split_name, tokens

_LABEL_WORD = rf"(?:[{UPPER}]\.|[{UPPER}][\w'’\-]*)"  # a dot only after an initial
# A label follows a sentence end, a cut mark `<…>`, or the start of the text; after a
# heading with no full stop ("... enterprises President of Russia Vladimir Putin:") it is
# "loose" and trusted only when it carries a role.
_LABEL = re.compile(
    rf"(?:^|(?<=[.?!…>\"”»)\]*]\s)|(?<=[.?!…>\"”»)\]])|(?P<loose>(?<=[{LOWER}]\s)))"
    rf"(?P<label>{_LABEL_WORD}(?:\s(?:{_LABEL_WORD}|of|the|and|for|de|von|der|van"
    rf"|da|al|bin)){{0,16}})"
    r"(?:\s?\([a-z]{3,20}\))?"  # "Narendra Modi(retranslated):", a translator's note
    r"\s?:(?:\s+(?=\S)|(?=[\"“]))"  # "Vladimir Putin:\"We, the ...": no space before a quote
)
_LEAK = re.compile(
    rf"^(?P<pre>.*?)\s*(?P<first>[{UPPER}]\S*) (?P<last>[{UPPER}]\S*) "
    rf"(?P=last) (?P=first)(?P<role>[{UPPER}].*?)?\s*$"
)
ANONYMOUS_LABELS = frozenset(
    """Question Remark Answer Reply Response Moderator Interpreter Host Presenter Journalist
    Voice Voices Participant Audience Correspondent Comment Replica""".split()
)


@dataclass(frozen=True)
class Label:
    """One transcript speaker label found in running text."""

    start: int
    end: int  # where the spoken text begins
    text: str  # the label as it should be shown, tooltip leak removed
    name: str | None  # None for "Question:" and the like
    role: str | None


def find_labels(text: str) -> list[Label]:
    """Transcript speaker labels in `text`, in order; [] when the text is not a transcript."""
    if ":" not in text:
        return []
    found = []
    for m in _LABEL.finditer(text):
        label = _parse_label(m["label"])
        if label and (m["loose"] is None or label[2]):
            shown, name, role = label
            found.append(Label(m.start(), m.end(), shown, name, role))
    named = [lab for lab in found if lab.name]
    # One stray "Word Word:" in prose is not a transcript; a role-bearing label is.
    if len(named) >= 2 or any(lab.role for lab in named):
        return found
    return []


def _parse_label(raw: str) -> tuple[str, str | None, str | None] | None:
    raw = raw.strip()
    if raw in ANONYMOUS_LABELS:
        return raw, None, None
    leak = _LEAK.match(raw)
    if leak:
        name = f"{leak['first']} {leak['last']}"
        role = leak["pre"].strip() or (leak["role"] or "").strip() or None
        return (f"{role} {name}" if role else name), name, role
    toks = tokens(raw)
    if len(toks) < 2 or "," in toks:
        return None
    start = split_name(toks, len(toks))
    if start >= len(toks) - 1:
        return None  # no full name at the end
    role = role_before(toks, start)
    if start and not role:
        return None  # words before the name that are no role: a heading, not a label
    return raw, " ".join(toks[start:]), role
