"""Who speaks in a document, and which direct quotations are theirs.

Speakers are the people and institutions the text attributes statements to: subjects of
speech verbs ("X said", "said X", "according to X"), transcript speaker labels, senders of
quoted messages, and authors the title names ("address by ..."). People who are only
mentioned (met, phoned, appointed) are not speakers, nor are vague groups ("analysts said"),
nor people a speaker quotes inside their own speech. Pure: each call builds its own `Registry`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .extract_countries import is_country, is_state
from .extract_labels import Label
from .extract_names import (
    PARTICLES,
    ROLE_WORDS,
    STOP_CAPS,
    UPPER,
    VAGUE_NOUNS,
    capitalise_lower_names,
    is_acronym,
    is_name_word,
    is_org_word,
    is_role_word,
    one_edit,
    role_before,
    role_matches,
    split_name,
    tokens,
)
from .extract_orgs import (
    company_containing,
    first_companies,
    fuller_company,
    merge_aliases,
)
from .extract_quotes import quote_spans, quote_text, sentence_starts
from .extract_registry import HOST_ROLES, Person, Registry
from .extract_subjects import (
    ADVERBS,
    CLAUSE_WORDS,
    ORG_NOUNS,
    Subject,
    parse_left,
    parse_phrase,
    parse_right,
    sentence_subject,
    strip_articles,
)
from .models import Quote, SpeakerRef

_VERBS = (
    "said|says|say|told|tells|stated|stressed|stresses|noted|notes|adds|"
    "announced|announces|emphasi[sz]ed|emphasi[sz]es|warned|warns|urged|urges|"
    "went on to say|goes on to say|pointed out|points out|explained|explains|remarked|"
    "underlined|underscored|reiterated|asserted|insisted|argued|claimed|commented|replied|"
    "responded|observed|recalled|confirmed|acknowledged|admitted|predicted|informed|"
    "assured|wrote|writes|answered|concluded|mentioned|disclosed|revealed|"
    "estimated|reported|complained|cautioned|conceded|contended|suggested|"
    "expressed|reaffirmed|highlighted|updated|briefed|spoke about|talked about|thanked"
)
# A speech verb; not the passive "is said to be"; "declared" only before what was declared
# ("UNESCO declared 2021 the Year of ..." is no statement).
_SPEECH = re.compile(
    rf"\b(?:{_VERBS})\b(?!\s+to\s+(?:be|have)\b)|\bdeclared\b(?=\s*(?:that\b|[:,\"“]))"
    # "proposed that ...", not "proposed the elimination of all farm subsidies" (an act)
    r"|\bproposed\b(?=\s*(?:that\b|[:,\"“]))"
    # "Vladimir Putin gave an exhaustive explanation of the reasons", "gave his principled
    # assessment of ...": an assessment given is a statement
    r"|\b(?:gave|provided)\s+(?:an?|his|her|their)\s+(?:[a-z]+\s+)?"
    r"(?:explanations?|assessments?|appraisals?|evaluations?)\b"
    # "Dean Kleckner made the comments in response to ...": the statement just reported
    r"|\bmade\s+(?:the|his|her|these|those|its|their)\s+(?:comments?|remarks?)\b"
    # "shared his assessment of ...", not "shared opinions" or "shared views" (exchanged them)
    r"|\bshared\b(?!\s+(?:their\s+|his\s+|her\s+)?(?:opinions|views)\b)"
    r"|\b[Aa]ccording to\b"  # also opening a sentence: "According to Prime Minister X, ..."
    # "The statement states that ...", not "the Gulf Arab states could ..."
    r"|\bstates\b(?=\s+that\b|\s*[:,\"“])"
    # "called for the debt to be rescheduled", "called on foreigners to join": a plea
    r"|\bcalled\s+(?:for|on)\b(?!\s+(?:a|the)\s+(?:meeting|visit)\b)"
    # "appealed for more U.S. investment": a plea, as "called for"; not a court appeal
    r"|\bappeal(?:ed|s)\s+for\b"
    # "the Council is claiming that ...": a statement in progress
    r"|\b(?:is|are|was|were)\s+(?:also\s+)?(?:saying|claiming|arguing|insisting)\b"
    # "the newspaper quoted Stoltenberg as saying": the one quoted speaks
    r"|\bas\s+(?:saying|telling)\b"
    # "Shultz has been more guarded, saying that ...": the subject of the sentence speaks;
    # "..., with the Congressional Budget Office saying the deficit is understated": the
    # institution after "with" speaks
    r"|\bsaying\b(?<=, saying)"
    # "..., noting that ...", "..., arguing that ...": likewise, before what was said
    r"|(?:"
    + "|".join(
        rf"\b{word}\b(?<=, {word})"
        for word in """adding noting arguing warning stressing insisting claiming explaining
        charging complaining asserting contending""".split()
    )
    + r")(?=\s+(?:that\b|[\"“]))"
    # "..., emphasising the authority enjoyed by the Pope": what a readout's subject stressed
    r"|(?:"
    + "|".join(
        rf"\b{word}\b(?<=, {word})"
        for word in """emphasising emphasizing underlining underscoring highlighting
        stressing noting""".split()
    )
    + r")(?=\s+the\b)"
    # (no alternative may start with a look-behind: that defeats the regex engine's scan for
    # a first character and made this pattern four times slower)
    r"|\bwith\b(?<=, with)\s+(?=[^,;:\"“”]{2,80}?\ssaying\b)"
    # verbs that are also actions: "asked the White House to block" (a request), "denied
    # all motions" (a ruling), "added it to its list" are no statements
    r"|\basked\b(?=\s+(?:whether|why|what|how|if|who|about)\b|\s*[,:\"“])"
    r"|\bdenied\b(?=\s+(?:that|any|reports?|allegations?|charges?|claims?|rumou?rs?|"
    r"wrongdoing|it|this)\b|\s*[,:\"“])"
    r"|\badded\b(?!\s+(?:it|them|to|\d)\b)"
    # `"...," he continued.` and `he continued: "..."` are statements; "prices continued
    # strong", "continued the discussion", "the war continued for years" are not
    r"|\bcontinued\b(?=\s*(?:[.,]\s*(?:[\"“]|$)|:))"
    # `"...," agreed Elliot Platt`: right after a quotation; "agreed to" alone is no statement
    r"|\bagreed\b(?<=[,!?][\"”] agreed)"
    # "Eggar dismissed the claims as ...", "Lyng rejected suggestions ...": answering what
    # others said is a statement; "dismissed the minister", "rejected the bid" are acts
    r"|\b(?:dismissed|rejected)\b(?=\s+(?:the\s+|such\s+|these\s+|those\s+|all\s+|any\s+)?"
    r"(?:[a-z]+\s+)?(?:claims?|allegations?|charges?|accusations?|suggestions?|criticism|"
    r"speculation|rumou?rs?|fears?)\b)"
    # "Schoufour accused the FNV of intransigence": an accusation is a statement; the
    # passive "was accused of" is not the accused's (see _PASSIVE_BEFORE)
    r"|\baccused\b(?=\s+[^.;:\"“”]{1,60}?\bof\b)"
)
_PARTICIPLES = frozenset(
    """saying adding noting arguing warning stressing insisting claiming explaining charging
    complaining asserting contending emphasising emphasizing underlining underscoring
    highlighting""".split()
)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+(?:also\s+|not\s+)?$")
_BY_AGENT = re.compile(r"\s+by\s+(?=[A-Z]|the\s+[A-Z])")
# Verbs that report an act more than a statement ("recently announced write-offs", "the
# New York Times reported"): such a speaker carries a story only when nobody says anything.
_WEAK_VERBS = frozenset(
    """announced announces disclosed revealed estimated predicted proposed suggested
    confirmed""".split()
)
# Verbs whose object follows them ("told the Senate panel"): never an inverted subject.
_OBJECT_VERBS = frozenset(
    """told tells informed assured urged urges briefed updated asked warned warns cited
    called dismissed rejected accused""".split()
)
_MESSAGE_READS = re.compile(
    r"\b(?:message|telegram|letter|greetings?|address|statement|condolences|appeal|note)\s+"
    r"(?:reads|read|says|states|stated|said)\b",
    re.IGNORECASE,
)
# The greeting's own formula, "The message reads, in part:", not "the statement said".
_READS = re.compile(r"\b(?:message|telegram|letter|greetings?|condolences)\s+reads\b", re.I)
# "Vladimir Putin sent a message of greetings to ...", "expressed his condolences to ...".
_MESSAGE_SENT = re.compile(
    r"\s(?:has\s+)?(?:sent|addressed|conveyed|extended|dispatched|expressed)\b[^.]{0,80}?\b"
    r"(?:message|greetings?|telegram|letter|condolences|congratulations|best wishes)\b"
    r"|\s(?:has\s+)?congratulated\b"
)
_TITLE_AUTHOR = re.compile(
    r"\b(?:address|speech|statement|remarks|article|interview|message|letter|appeal|op-ed|"
    r"greetings?)\s+(?:by|of|from)\s+(?P<who>.+?)(?=\s+(?:to|on|at|in|for|during|with|"
    r"following|after|before|about|regarding)\b|\s*[:\"“(,]|$)",
    re.IGNORECASE,
)
_ROLE_JOINERS = frozenset({"of", "the", "for", "and", "to"})  # "Adviser to the Head of ..."
_TITLE_WORK = re.compile(
    r"['’]s\s+(?:address|speech|statement|remarks|article|interview|message|letter|appeal|"
    r"op-ed|greetings?)\b.*$",
    re.IGNORECASE,
)
_TITLE_JOINT = re.compile(r"^\s*joint\b", re.IGNORECASE)
_TITLE_LEAD = re.compile(r"^(?P<who>[^:]{3,80}?)(?:\s+in\s+an?\s+interview\b[^:]*)?:\s+\S")
_TITLE_TAIL = re.compile(
    r"\s[-–—]\s+(?P<who>[^-–—]{2,80}?)"
    r"(?:\s+(?:during|at|to|in|on|for|with|before|after|following|about|via)\s.*)?$"
)
# "... - address by President ...": the whole body is the author's first-person speech.
_TITLE_ADDRESS = re.compile(
    r"\b(?:address|speech|article|greetings|video address|message)\b", re.IGNORECASE
)

_PLURAL_OPENING = re.compile(
    r"\s*(?:the|both)\s+(?:two\s+)?(?:leaders|presidents|heads\s+of\s+state|parties|sides|"
    r"interlocutors)\s+[a-z]",
    re.IGNORECASE,
)
_PLURAL_MENTION = re.compile(
    r"\b(?:the|both)\s+(?:two\s+)?(?:leaders|presidents|heads\s+of\s+state|parties|sides|"
    r"interlocutors)\b",
    re.IGNORECASE,
)
# Reuters tickers `<DGN>` and unlisted-company brackets `<Hoechst Celanese Corp>`: blanked
# (same length, so offsets hold) before names are read.
_TICKER = re.compile(r"<[A-Z0-9.\-]{1,10}>|[<>]")
_SENTENCE_OR_LINE = re.compile(rf"(?<![{UPPER}])[.!?]\s+(?=[{UPPER}])|\n")
# Words followed by a capitalised word (or "of"): the only places a role can introduce a
# name. Simple classes keep this scan fast; membership in ROLE_WORDS is checked after.
_BEFORE_CAPITAL = re.compile(rf"\b[A-Za-z][\w\-]*(?=\s+(?:of\s+)?[{UPPER}])")


@dataclass
class Segment:
    """One paragraph (or transcript turn) of the document, as speaker finding sees it."""

    text: str
    label: Label | None = None


# ------------------------------------------------------------------------ the pass


@dataclass
class _Attribution:
    clause_start: int
    verb_start: int
    verb_end: int
    speaker: Person | None


def find_speakers(title: str, segments: list[Segment]) -> tuple[list[SpeakerRef], list[Quote]]:
    """Speakers (main first, then in order of appearance) and quotations of one document."""
    texts = [_TICKER.sub(lambda m: " " * len(m.group()), s.text) for s in segments]
    if texts and texts[0][:1].islower():  # lower-case wire copy: "the sharp fall in ..."
        texts = [capitalise_lower_names(t) for t in texts]
    elif texts:
        # wire copy that turns lower-case part way ("Finance minister domingo cordovez
        # said"): the names a role introduces there, across the whole text
        joined = capitalise_lower_names("\n".join(texts), every_verb=False)
        at = 0
        for k, t in enumerate(texts):
            texts[k] = joined[at : at + len(t)]
            at += len(t) + 1
    doc = Registry(text="\n".join(texts), raw="\n".join(s.text for s in segments))
    _prescan(doc, title + "\n" + "\n".join(texts))
    _find_pair(doc, texts)  # first: "The President of Russia congratulated" needs the host
    if _TITLE_JOINT.match(title):
        doc.pair = []  # "The parties agreed" in a joint statement: the delegations, no one
    _find_author(doc, texts)
    address = bool(_TITLE_ADDRESS.search(title)) and _title_author(title) is not None
    quotes: list[tuple[str, Person | None]] = []
    offset = 0
    last_open: Person | None = None
    before = ""  # the paragraph before, where "He said" may find whom it means
    for seg, text in zip(segments, texts, strict=True):
        if seg.label and seg.label.name:
            doc.credit(doc.person(seg.label.name, seg.label.role), offset)
        # whom a speaker quotes inside their own speech is not a speaker of the document
        second_hand = seg.label is not None or address
        attributions = [] if second_hand else _attributions(doc, text, offset, before)
        spans = quote_spans(text)
        previous: Person | None = None
        prev_end = -1
        for qs, qe, _closed in spans:
            quoted = quote_text(seg.text, qs, qe)
            if quoted is None:
                continue
            speaker = _quote_speaker(text, qs, qe, attributions)
            if (
                speaker is None
                and previous is not None
                and not any(prev_end < a.verb_start < qs for a in attributions)
            ):
                speaker = previous  # the quote goes on after "...," he said. "..."
            if speaker is None and qs <= 1 and last_open is not None:
                speaker = last_open  # a quotation running on from the last paragraph
            if speaker is None and _MESSAGE_READS.search(text, max(0, qs - 60), qs):
                speaker = doc.author
                if speaker:
                    doc.credit(speaker, offset + qs)
            if speaker is None and len(quoted.split()) < 4:
                continue  # a short unattributed quote is a term or a title, not a quotation
            quotes.append((quoted, speaker))
            previous, prev_end = speaker, qe
        last_open = previous if spans and not spans[-1][2] else None
        offset += len(text) + 1
        before = text
    _unnamed_official(doc, texts)
    _title_speakers(doc, title, "\n".join(texts))
    if doc.author and not doc.author.speaker and not _PASSING_GREETING.search(title):
        # the sender of a message is its speaker, but not of birthday wishes passed on in a
        # telephone call ("Putin extended warm birthday greetings to ..." in a call readout)
        doc.credit(doc.author, 0)
    speakers = merge_aliases(sorted((p for p in doc.people if p.speaker), key=lambda p: p.first))
    main = _main_speaker(speakers, segments, texts, doc.pair, title)
    speakers = main + [p for p in speakers if p not in main]
    refs = [SpeakerRef(p.name, p.role, p.kind) for p in speakers]  # type: ignore[arg-type]
    return refs, [Quote(t, p.name if p else None) for t, p in quotes]


_AN_OFFICIAL = re.compile(
    r"\b[Aa]n?\s+(?:[\w.\-()]+\s+){1,6}(?P<who>official|spokes(?:man|woman|person))\s*$"
)


def _unnamed_official(doc: Registry, texts: list[str]) -> None:
    """Wire ledes cite "a senior USDA official" and name him in the next paragraph ("Bill
    Bailey, deputy administrator ..., told Reuters"): the official is that person, and his
    institution made no statement of its own. So is "a company spokesman" the "spokesman
    David Annesley" of the next paragraph, though the company may speak elsewhere too."""
    if len(texts) < 2:
        return
    lede_end = len(texts[0]) + 1
    for org in doc.people:
        if org.kind != "organization" or not org.speaker:
            continue
        m = _AN_OFFICIAL.search(texts[0], 0, int(org.first)) if 0 <= org.first < lede_end else None
        if m is None or (org.credits != 1 and m["who"] == "official"):
            continue
        later = [p for p in doc.people if p.speaker and p.first >= lede_end]
        first = min(later, key=lambda p: p.first, default=None)
        if (
            first is not None
            and first.kind == "person"
            and first.first < lede_end + len(texts[1])
            and (m["who"] == "official" or "spokes" in (first.role or "").lower())
        ):
            org.speaker = org.credits > 1
            first.first = org.first - 0.5  # before the institution, if it still speaks
            first.first_said = min(first.first_said, org.first_said - 0.5)


def _main_speaker(
    speakers: list[Person],
    segments: list[Segment],
    texts: list[str],
    pair_host: list[Person],
    title: str = "",
) -> list[Person]:
    """The speaker whose statement is the subject: named by the title as author, else the
    first label of a transcript, else the one the lede names first."""
    named = [p for p in speakers if p.main]
    if named:
        return named[:1]
    labels = [seg.label.name.split()[-1] for seg in segments if seg.label and seg.label.name]
    first_label = next((seg.label for seg in segments if seg.label and seg.label.name), None)
    if labels and texts and segments[0].label is None:
        # "Pavel Kosov reported to the President": the lede makes a turn-taker's report
        # the subject of the transcript, whoever speaks first
        lede = [p for p in speakers if 0 <= p.first_said < len(texts[0])]
        lede = [p for p in lede if any(p.name.endswith(last) for last in labels)]
        if lede:
            return [min(lede, key=lambda p: p.first_said)]
        presented = _PRESENTED_REPORT.search(texts[0], 0, 300)
        if presented is not None:
            # "Boris Titov presented to the President the regular report of ...": the
            # presenter's report is the subject of the transcript
            who = texts[0][: presented.start()].split()
            for p in speakers:
                if who and p.name.split()[-1] == who[-1] and who[-1] in labels:
                    return [p]
    reporter = _handed_over(segments)
    if reporter is not None:
        labels = [reporter.split()[-1]]
    elif (
        pair_host
        and texts
        and _TALKS_WITH.match(texts[0], len(pair_host[0].name))
        and texts[0].startswith(pair_host[0].name)
        and first_label is not None
        and HOST_ROLES.match(first_label.role or "")
    ):
        # "Vladimir Putin held talks with Prime Minister of India Narendra Modi": the report
        # is of the host's talks, even when the guest leader takes the floor first
        last = pair_host[0].name.split()[-1]
        if last in labels:
            labels = [last]
    for last in labels[:1]:
        return [p for p in speakers if p.name.endswith(last)][:1]
    heard = _HEARD_REPORT.search(texts[0], 0, 400) if texts else None
    if heard is not None:
        # "Zelenskyy heard a report on ...": the report is the subject, so its presenter,
        # the first other speaker, is main
        listener = texts[0][: heard.start()]
        others = [p for p in speakers if p.name not in listener and p.first_said < 1 << 30]
        if others and len(others) < len(speakers):
            return [min(others, key=lambda p: p.first_said)]
    host = pair_host[0] if pair_host else None
    reported = _REPORTED_TO.search(texts[0], 0, 300) if texts else None
    if reported is not None:
        # "The head of the region reported to the President on ...": the report is the
        # subject, as in a transcript whose lede says so
        reporters = [p for p in speakers if p is not host and 0 <= p.first_said < reported.end()]
        if reporters:
            return [max(reporters, key=lambda p: p.first_said)]
    if host is not None and host in speakers and texts and texts[0].startswith(host.name):
        return [host]  # "Vladimir Putin had a telephone conversation with ...": his readout
    guest = _TITLE_GUEST.match(title)
    if guest is not None and len(pair_host) == 2:
        # "Telephone conversation with President of France Emmanuel Macron": the readout is
        # of the publisher's own leader, the one of the lede's two whom the title does not name
        others = [p for p in pair_host if p.name not in guest["who"] and p in speakers]
        if len(others) == 1:
            return others
    said = min(speakers, key=lambda p: p.first_said, default=None)
    if said is not None and said.first_said < 1 << 30:
        return [said]  # the first to say something, not the first to announce something
    return speakers[:1]


_PASSING_GREETING = re.compile(r"^(?:telephone\s+|phone\s+)?conversations?\s+with\b", re.I)
_TITLE_GUEST = re.compile(
    r"^(?:telephone\s+|phone\s+)?(?:conversations?|meeting|talks)\s+with\s+(?P<who>.+)$",
    re.IGNORECASE,
)
_TALKS_WITH = re.compile(
    r"\s+(?:held\s+talks|had\s+talks|met|spoke|had\s+an?\s+(?:\w+\s+)?(?:conversation|meeting))"
    r"\s+with\b"
)
_PRESENTED_REPORT = re.compile(
    r"\s(?:presented|submitted|delivered)\s+(?:to\s+the\s+President\s+)?"
    r"(?:the|a|an|his|her)\s+(?:[\w\-]+\s+){0,2}report\b"
)
_REPORTED_TO = re.compile(
    r"\b(?:reported|briefed|informed|updated)\s+(?:to\s+)?the\s+(?:President|Head\s+of\s+State)\b"
)
_HEARD_REPORT = re.compile(r"\b(?:heard|listened\s+to)\s+(?:an?\s+|the\s+)?reports?\b")
_HANDOVER_WORDS = 80  # an opening this short only greets and gives the floor
_REPORT_WORDS = 150  # ... to a turn this long: the report the meeting is held for


def _handed_over(segments: list[Segment]) -> str | None:
    """The speaker whose report a transcript is about when the first speaker only opens it:
    "Mr Shoigu, I know that today you are ready to report ... Please, go ahead." followed by
    the minister's long report. None when the opener has something of their own to say."""
    opener: str | None = None
    said = 0
    for seg in segments:
        if seg.label is None or not seg.label.name:
            continue
        words = len(seg.text.split())
        if opener is None or seg.label.name == opener:
            opener = seg.label.name
            said += words
            if said >= _HANDOVER_WORDS:
                return None
        elif words >= max(_REPORT_WORDS, 2 * said):
            return seg.label.name
    return None


def _quote_speaker(text: str, qs: int, qe: int, attributions: list[_Attribution]) -> Person | None:
    after = qe + 1
    for a in attributions:
        # `"...," Syromolotov said` and `"...," said Smith`: the verb's clause starts here
        if after <= a.verb_start and a.clause_start <= after + 2 and a.verb_start - after < 90:
            if a.speaker is not None:
                return a.speaker
    sentence_start = 0
    for s in sentence_starts(text[:qs]):
        sentence_start = s
    for a in reversed(attributions):
        # `X said: "..."` and `X said the push "took place ..."` in the same sentence
        if sentence_start <= a.verb_start and a.verb_end <= qs and a.speaker is not None:
            between = text[a.verb_end : qs - 1]
            if '"' not in between and "“" not in between and "”" not in between:
                return a.speaker
    return None


def _attributions(doc: Registry, text: str, offset: int, before: str = "") -> list[_Attribution]:
    found: list[_Attribution] = []
    if not _SPEECH.search(text):
        return found
    spans = quote_spans(text)
    starts = sentence_starts(text)
    # "we said" inside a quotation is not an attribution
    verbs = [
        m for m in _SPEECH.finditer(text) if not any(qs <= m.start() < qe for qs, qe, _ in spans)
    ]
    parsed = [_parse_attribution(text, m, spans, starts) for m in verbs]
    nested = _second_hand(text, verbs, parsed, starts, spans)
    for k, m in enumerate(verbs):
        if parsed[k] is None:
            continue  # "it was noted that": no one in particular
        clause_start, subject = parsed[k]  # type: ignore[misc]
        vs = m.start()
        if k in nested:
            found.append(_Attribution(clause_start, vs, m.end(), None))
            continue
        if subject is not None and subject.kind == "they" and _PLURAL_MENTION.search(text, 0, vs):
            subject = Subject("plural")  # "the two leaders ... they underscored"
        current = doc.current
        if subject is not None and subject.kind == "sentence":
            # "Dauster urged producers not to panic and said ...": the subject of the verb
            # before it in the sentence, else the sentence's own subject
            s0 = starts[bisect_right(starts, vs) - 1]
            earlier = [a.speaker for a in found if a.verb_start >= s0 and a.speaker is not None]
            if earlier:
                doc.credit(earlier[-1], offset + vs, m.group(0) not in _WEAK_VERBS)
                found.append(_Attribution(clause_start, vs, m.end(), earlier[-1]))
                continue
            subject = sentence_subject(text[s0:vs], strict=subject.name == "strict")
            opened = subject  # the sentence's own subject: "Argentina is aiming ... and has said"
            if subject is None and _PLURAL_OPENING.match(text, s0):
                subject = Subject("plural")  # "The leaders continued ... and confirmed"
        else:
            opened = None
        named = None
        if subject is not None and subject.kind == "pronoun":
            named = _named_before(doc, text, offset, starts, vs, before)
        if subject is not None and subject.kind == "it" and m.group(0) in {"said", "says"}:
            k0 = bisect_right(starts, vs) - 1
            if k0 >= 1:
                # "The U.S. Supreme Court struck down a ruling ... It said ...": the
                # institution the sentence before opened with
                previous = sentence_subject(text[starts[k0 - 1] : starts[k0]])
                if previous is not None and previous.kind == "org":
                    subject = previous
        speakers = [named] if named is not None else _resolve(doc, subject)
        if not speakers and subject is not None and subject.kind == "surname":
            lone = _lone_surname(doc, text[clause_start:vs], subject.name)
            speakers = [lone] if lone is not None else []
        if (
            subject is not None
            and subject is not opened
            and subject.kind in {"person", "surname"}
            and not _lone_country(text[clause_start:vs])
        ):
            # "The presidents of Russia and France noted", "Ford in Brazil and Argentina,
            # said": a country inside a longer subject is not the one speaking
            speakers = [p for p in speakers if not is_country(p.name)]
        said = m.group(0) not in _WEAK_VERBS or _states(text, m, starts)
        for i, p in enumerate(speakers):
            if p.kind == "organization" and (
                m.group(0) == "reported" or (offset > 0 and _media_name(p.name))
            ):
                # "the New York Times reported", and past the lede "The Washington Post
                # said": a source that relays the news, not the story's voice
                said = False
            doc.credit(p, offset + vs + i / 10, said)  # joint speakers keep the text's order
        if re.fullmatch(r"as\s+(?:saying|telling)", m.group(0)):
            doc.current = current  # "he" after "he quoted X as saying" is still the quoter
        found.append(_Attribution(clause_start, vs, m.end(), speakers[0] if speakers else None))
    return found


# "announced that ...", "confirmed in a statement that ...": the verb reports what was said.
_THAT_AFTER = re.compile(
    r"\s+(?:(?:at|in|on|during|after|before|today|yesterday|last|earlier|late)\b"
    r"[^.;:!?\"“”]{0,80}?\s+)?that\b"
)


def _states(text: str, m: re.Match[str], starts: list[int]) -> bool:
    """A verb that can report an act ("announced write-offs") reports a statement here: it
    takes a that-clause, or it closes the sentence as its attribution (", a Texaco Pipeline
    Co spokesman confirmed.")."""
    return bool(_THAT_AFTER.match(text, m.end())) or _trailing(text, m, starts)


def _trailing(text: str, m: re.Match[str], starts: list[int]) -> bool:
    """The verb closes its sentence after a comma and a short subject: "..., X said." The
    whole sentence before the comma is X's statement."""
    k = bisect_right(starts, m.start()) - 1
    end = starts[k + 1] if k + 1 < len(starts) else len(text)
    comma = text.rfind(",", starts[k], m.start())
    return (
        comma >= 0
        and len(text[comma + 1 : m.start()].split()) <= 7
        and bool(_CLOSING.match(text, m.end(), end))
    )


# What may follow a verb that closes its sentence: "said.", "told Reuters.", "said in a
# statement.", not "adds to the value of the merger."
_CLOSING = re.compile(r"(?:\s+[\w'’]+){0,4}\s*[.!?]?[\"”’)]*\s*$")


def _named_before(
    doc: Registry, text: str, offset: int, starts: list[int], vs: int, before: str
) -> Person | None:
    """Whom "He said" means when a sentence since the last attribution opened with someone
    else's full name and role: "Joe Liro of S.G. Warburg Securities and Co expects the
    February budget deficit to total 26-28 billion dlrs." then "He said that ..."."""
    k = bisect_right(starts, vs) - 1
    pairs = zip(starts[:k], starts[1 : k + 1], strict=True)
    sentences = [(offset + a, text[a:b]) for a, b in pairs]
    if before and k <= 1:
        last = sentence_starts(before)[-1]
        sentences.insert(0, (offset - len(before) - 1 + last, before[last:]))
    sentences = [*sentences[-2:], (offset + starts[k], text[starts[k] : vs])]
    for n, (at, sentence) in enumerate(reversed(sentences)):
        if at < doc.credited_at or _QUOTE_MARK.search(sentence):
            # whoever the text credited since is whom "he" means; a quotation's sentences
            # are the speaker's own words, not the story's
            return None
        subject = sentence_subject(sentence, strict=True)
        if subject is None or (n == 0 and subject.kind == "pronoun"):
            continue  # nothing, or the "He" of "He said" itself
        if subject.kind == "person" and subject.role and " " in subject.name:
            # also in the pronoun's own sentence: "Jeffrey Leeds of Chemical Bank agreed
            # that ... but, contrary to di Clemente, he said"
            return doc.person(subject.name, subject.role)
        if subject.kind in {"person", "pronoun", "surname", "backref", "plural", "they"}:
            return None  # someone else, or "he" again: the usual reading holds
    return None


_QUOTE_MARK = re.compile(r"[\"“”]")
_CLAUSE_OPENER = re.compile(
    r"^(?:[A-Z][\w ]{0,20},\s+|(?:For|On)\s+(?:its|his|her|their|our)\s+part\s+)?(?:[Tt]he\s+)?"
)
# A participle or relative clause set off after the subject: ", responding to ...,"
_SET_OFF = re.compile(r",\s+(?:who|which|[a-z]+ing)\b[^,]*,?$")


def _lone_country(clause: str) -> bool:
    """The clause's whole subject is a country: "Iran had", "For its part, Taiwan",
    "Greece, responding to a warning by Turkey,"."""
    clause = _SET_OFF.sub("", clause.strip())
    aside = re.fullmatch(r"([^,]+),\s+[a-z][^,]*,", clause)
    if aside:
        clause = aside.group(1)  # "Britain, normally a keen advocate of ... changes,"
    words = _CLAUSE_OPENER.sub("", clause).split()
    while words and words[-1].lower() in ADVERBS:  # "Greece has repeatedly said"
        words.pop()
    return bool(words) and is_country(" ".join(words))


def _parse_attribution(
    text: str, m: re.Match[str], spans: list[tuple[int, int, bool]], starts: list[int]
) -> tuple[int, Subject | None] | None:
    """Where the verb's clause starts and the subject it names; None for "it was noted"."""
    vs = m.start()
    by = None
    if _PASSIVE_BEFORE.search(text, max(0, vs - 20), vs):
        by = _BY_AGENT.match(text, m.end())
        if by is None:
            return None
    elif m.group(0).endswith("ed") and _BY_AGENT.match(text, m.end()):
        # "the relief ... announced by U.K. Chancellor of the Exchequer Nigel Lawson": a
        # participle whose agent speaks, not the noun before it
        by = _BY_AGENT.match(text, m.end())
    sentence_start = starts[bisect_right(starts, vs) - 1]
    clause_start = sentence_start
    terms = []
    for qs, qe, _ in spans:
        if sentence_start <= qe < vs:
            if quote_text(text, qs, qe) is None:
                terms.append((qs, qe))  # 'describing the floods as a "routine hazard," told'
            else:
                clause_start = max(clause_start, qe + 1)
    semi = max(text.rfind(";", clause_start, vs), text.rfind(":", clause_start, vs))
    if semi >= 0:
        clause_start = semi + 1
    if by is not None:  # "This was stated by President Volodymyr Zelenskyy"
        return clause_start, parse_right(text[by.end() :])
    quoting = _QUOTING.match(text, m.end())
    if quoting is not None and m.group(0) in {"said", "says", "reported"}:
        # "the Kuwait News Agency KUNA said, quoting a Defense Ministry official": the agency
        # relays, the one it quotes speaks
        quoted = parse_phrase(tokens(quoting["who"]))
        if quoted is not None and quoted.kind in {"person", "org", "surname"}:
            return clause_start, quoted
    clause = text[clause_start:vs]
    for qs, qe in terms:  # a quoted term is neither the subject nor the end of a quotation
        if qs > clause_start:
            a, b = qs - 1 - clause_start, min(qe + 1, vs) - clause_start
            comma = "," if text[qs:qe].rstrip().endswith(",") else " "  # '"routine hazard,"'
            clause = clause[:a] + " " * (b - a - 1) + comma + clause[b:]
    return clause_start, _verb_subject(text, clause, m, sentence_start)


# Verbs that report what someone said; what follows them is the reported statement.
_REPORTING = re.compile(
    r"(?:said|says|told|tells|stated|added|noted|reported|stressed|"
    r"emphasi[sz]ed|underlined|underscored|explained|announced|declared|confirmed)$"
)
# What ends a reported statement within the sentence: a new clause with its own subject.
_CLAUSE_BREAK = re.compile(
    r"[;\"“”]|,\s*(?:and|but|while|whereas|although|though)\b|\b(?:but|while|whereas|although)\b"
    r"|\s(?:-|--|—)\s|\band\s+(?:also\s+)?$"
)
# A dash-paired aside inside a reported statement ("he learned of the diversion -- which
# may have broken U.S. laws -- only when Meese told him") does not end the statement.
_ASIDE = re.compile(r"\s--\s[^\"“”]*?\s--\s")
_MEDIA = re.compile(
    r"\b(?:news\s+agency|agency|newspaper|daily|radio|television|Tass|TASS|Times|Journal|Post|"
    r"magazine|weekly)\b"
)


def _media_name(name: str) -> bool:
    """A news outlet's name: "Washington Post", "Kyodo News Service", not "Canada Post"."""
    m = _MEDIA.search(name)
    if m is None:
        return False
    before = name[: m.start()].strip()
    return m.group(0) != "Post" or not (before and is_country(before))


_HAVING = re.compile(r"\b[Hh]aving\s+$")
_DOCUMENT_WORDS = frozenset("statement report letter communique brief release message".split())
_TRAILING_AFTER = re.compile(r"[^.;:!?,\"“”]{0,40}[.!?]?\s*$")


def _second_hand(
    text: str,
    verbs: list[re.Match[str]],
    parsed: list[tuple[int, Subject | None] | None],
    starts: list[int],
    spans: list[tuple[int, int, bool]],
) -> set[int]:
    """Attributions inside another speaker's reported statement: "The statement said senior
    officials of the company have stated ...", "Ingram reported that ..., an NEC
    spokeswoman said." Whom a speaker reports is no speaker of the document; but what vague
    sources report ("the Commission has told ..., Commission sources said") stays the named
    speaker's own."""
    nested: set[int] = set()
    sentence = [bisect_right(starts, m.start()) - 1 for m in verbs]

    def reporter(i: int) -> bool:  # someone, or a document, is named as reporting
        entry = parsed[i]
        if entry is None:
            return False
        clause = text[entry[0] : verbs[i].start()].split()
        if _MEDIA.search(text, entry[0], verbs[i].end()):
            return False  # "..., Tass said": the agency relays the statement, it is not theirs
        if _HAVING.search(text, max(0, verbs[i].start() - 8), verbs[i].start()):
            return False  # "Having noted ..., Erdogan expressed": the same subject goes on
        return entry[1] is not None or bool(clause and clause[-1].lower() in _DOCUMENT_WORDS)

    for k, m in enumerate(verbs):
        end = starts[sentence[k] + 1] if sentence[k] + 1 < len(starts) else len(text)
        comma = text.rfind(",", starts[sentence[k]], m.start())
        trailing = (
            comma >= 0
            and m.group(0) not in _PARTICIPLES  # ", adding that ...": the same speaker goes on
            and reporter(k)
            and len(text[comma + 1 : m.start()].split()) <= 7
            and _TRAILING_AFTER.match(text[m.end() : end])
            and not any(comma < qe <= m.start() for _, qe, _ in spans)
        )
        j = k - 1
        if j >= 0 and sentence[j] == sentence[k] and reporter(j) and not (
            trailing and _trailing(text, m, starts)
        ):
            # "The CBT has said it may apply ..., a CFTC spokesman said.": the closing
            # attribution is the outer one, so it is never inside the statement before it
            p = verbs[j]
            between = _ASIDE.sub(" ", text[p.end() : m.start()])
            if (
                _REPORTING.match(p.group(0))
                and not _CLAUSE_BREAK.search(between)
                # "... that the exchange announced last month, the CBOE said": the first
                # verb ends its clause there, and reports nothing
                and not _ENDS_CLAUSE.match(between)
            ):
                nested.add(k)  # "X said Y stated": Y is what X reports
        # "..., an NEC spokeswoman said.": the whole sentence before is the spokeswoman's
        if trailing:
            nested.update(
                i for i in range(k) if sentence[i] == sentence[k] and verbs[i].end() <= comma
            )
    return nested


_ENDS_CLAUSE = re.compile(
    r"(?:\s+(?:last|this|next|earlier|on|today|yesterday|recently)(?:\s+[A-Za-z]+)?)?\s*,"
)
_WHICH_SAID = re.compile(r",\s*which\s+(?:also\s+)?$")
_QUOTED_PASSIVE = re.compile(
    r"\s(?:was|were|is|has\s+been)\s+(?:also\s+)?quoted(?:\s+by\s+[^.;:\"“”]{2,60}?)?\s+$"
)
_QUOTED = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<who>[^.;:\"“”]{2,80}?)\s+$")


def _verb_subject(text: str, clause: str, m: re.Match[str], sentence_start: int) -> Subject | None:
    if re.fullmatch(r"as\s+(?:saying|telling)", m.group(0)):  # "quoted X as saying"
        passive = _QUOTED_PASSIVE.search(clause)
        if passive is not None:  # "Iacocca was quoted as saying": the one quoted speaks
            return parse_left(clause[: passive.start()] + " ")
        quoted = _QUOTED.search(text, max(0, m.start() - 90), m.start())
        return parse_phrase(tokens(quoted["who"])) if quoted else None
    if m.group(0) in _PARTICIPLES:  # ", saying": the sentence's subject, when it is a name
        return Subject("sentence", "strict")
    if m.group(0).startswith("with"):  # ", with X saying": X, and only a name counts
        rest = text[m.end() :]
        subject = parse_phrase(tokens(rest[: rest.find(" saying")]))
        return subject if subject is not None and subject.kind in {"person", "org"} else None
    according = m.group(0).lower() == "according to"
    bare = clause.strip()
    # `," said X` and `But said X`: nothing before the verb can be its subject; a lone
    # name or pronoun ("Shamrock said Raymond Nawara ...", "He said") is the subject itself.
    if (
        according
        or not bare
        or (re.fullmatch(r"[\s,]*(?:\w+\s+)?", clause) and not _lone_subject(bare))
    ):
        if not according and m.group(0).split()[0] in _OBJECT_VERBS:
            # "... and called on Ottawa authorities to ...": what follows is the object
            return parse_left(clause) if bare else None
        subject = parse_right(text[m.end() :])
        if subject is None and not according and bare:
            subject = parse_left(clause)
        return subject
    if _ASIDE_AT_END.search(bare) or _RELATIVE_ASIDE.search(bare):
        # "At least one, however, estimated", "The official, who asked that his name not be
        # used, said the National Security Council ... held a meeting": the subject before it
        return parse_left(clause)
    if bare.endswith((",", '"', "”")) and m.group(0).split()[0] not in _OBJECT_VERBS:
        # `..., said Deputy Head of the President's Office Ihor Zhovkva.`, `..., said a
        # Canadian Airlines spokesman`
        subject = parse_right(text[m.end() :])
        if subject is not None and subject.kind in {"person", "backref", "org"}:
            if bare.endswith(",") and subject.kind != "person":
                # "Winston Wallin, Medtronic chairman, said the company will ...": a name set
                # off with its role is the subject, and what follows is the statement
                left = parse_left(clause)
                if left is not None and left.kind == "person" and left.role:
                    return left
            return subject
    which = _WHICH_SAID.search(clause)
    if which is not None and m.group(0) in {"said", "says", "told", "stated"}:
        # "... pay off for F.W. Woolworth Co, once known only as a five and dime store chain,
        # which said its 1986 income rose": the institution before the relative pronoun; only
        # with a plain verb of saying ("which responded immediately" is an act)
        antecedent = parse_left(clause[: which.start()] + ", ")
        return antecedent if antecedent is not None and antecedent.kind == "org" else None
    return parse_left(clause)  # kind "sentence" is resolved by the caller


_QUOTING = re.compile(r",\s+quoting\s+(?P<who>[^,.;:\"“”]{3,80}?)\s*(?:[,.;:]|\s+as\b)")
_RELATIVE_ASIDE = re.compile(r"^[^,]{2,60},\s+(?:who|which)\s[^,]*,$")
_ASIDE_AT_END = re.compile(
    r",\s*(?:however|meanwhile|though|too|also|instead|moreover|nevertheless|in turn),$",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
# Endings of plural nouns that open a sentence as a group ("Proponents say", "Congressmen
# said") and of participles ("Having noted ..."), not of a surname.
_GROUP_ENDS = ("ers", "ors", "ents", "ists", "ants", "men", "ies", "ians", "ing")
_SURNAME = re.compile(r"[A-Z][a-z]{2,}")
_OPENING_WORDS = frozenset({"but", "and", "however", "meanwhile"})


def _lone_surname(doc: Registry, clause: str, word: str) -> Person | None:
    """ "Ammerman said", '"...," Lim said' when the text never gives the full name: the
    surname is the only name the speaker has (Reuters 0154 names its speaker only by role in
    the lede). Only a word that makes up the whole clause, looks like a name and is no
    common word (it never appears in lower case), no place (never after "in", "at", "from")
    and no plural group."""
    words = [w for w in clause.split() if w.lower() not in ADVERBS]
    if words[:1] and words[0].lower() in _OPENING_WORDS:
        words = words[1:]
    if words != [word] or not _SURNAME.fullmatch(word) or word in STOP_CAPS:
        return None
    if is_country(word) or word.lower().endswith(_GROUP_ENDS):
        return None
    if re.search(rf"\b{word.lower()}\b|\b(?:in|at|from|near|to)\s+{word}\b", doc.text):
        return None
    if _media_name(word) or re.search(rf"{_MEDIA.pattern}\s+{word}\b", doc.text):
        return None  # "Tass said": an agency that may only relay what others said
    if re.search(rf"\b{word.upper()}\b", doc.text):
        return doc.org(word.upper())  # "Lilco said" after "LILCO said": an institution
    for p in doc.people:
        if p.kind == "person" and p.role and p.role.split()[-1] == word:
            return p  # "Trade Minister Rha Woong Bae": the family name read into the role
    low = word.lower()
    for _, full in doc.companies:
        if any(len(w) >= 6 and one_edit(low, w) for w in full.lower().split()):
            return doc.org(full)  # "Entertaiment said": a slip in the company's name
    articled_name = re.search(
        rf"\b[{UPPER}][a-z]+\s+(?:al|el|ad|as|abu|bin|ibn)-{word}\b", doc.text
    )
    if articled_name:
        return doc.person(articled_name.group(0), None)  # "Oteiba" of "Khalaf al-Oteiba"
    given = re.search(rf"\b{word}\s+([{UPPER}][a-z]+)\b", doc.text)
    if given and given.group(1) not in STOP_CAPS and not is_org_word(given.group(1)):
        return doc.person(f"{word} {given.group(1)}", None)  # "Yehor" of "Yehor Kravtsov"
    return doc.person(word, None)


def _lone_subject(word: str) -> bool:
    """A one-word clause that names the subject: a pronoun or a capitalised name."""
    return word.lower() in _PRONOUNS or (word[:1].isupper() and word not in STOP_CAPS)


def _resolve(doc: Registry, subject: Subject | None) -> list[Person]:
    if subject is None:
        return []
    plural = subject.kind == "plural" or (subject.kind == "they" and doc.last_plural)
    doc.last_plural = plural
    if subject.kind == "companies":
        names = first_companies(doc.companies)
        return [doc.org(name) for name in names] if len(names) == 2 else []
    if plural:  # "both sides have reported" needs the lede's two people, not one of them
        if len(doc.pair) == 2 and len(doc.parties) == 3:
            return list(doc.parties)  # "conversations with Ilham Aliyev and Nikol Pashinyan"
        return list(doc.pair) if len(doc.pair) == 2 else []
    found = _resolve_one(doc, subject)
    others = [p for s in subject.also if (p := _resolve_one(doc, s)) is not None]
    return others + [found] if found else others


def _resolve_one(doc: Registry, subject: Subject) -> Person | None:
    if subject.kind == "surname" and len(subject.name) >= 6:
        namesake = doc.by_surname(subject.name)
        if namesake is not None and namesake.name.split()[-1] != subject.name:
            return namesake  # "Britain called for" after "Alfred Brittain": his name misspelt
    if subject.kind in {"person", "surname"} and not subject.role and is_state(subject.name):
        # "Iran had warned", "Canada said", "Washington has said": the state speaks
        return doc.org(subject.name)
    if subject.kind == "person":
        if not subject.role and fuller_company(subject.name, doc.companies):
            return doc.org(subject.name)  # "Merrill Lynch" of "Merrill Lynch and Co"
        inside = None if subject.role else company_containing(subject.name, doc.companies)
        if inside:
            return doc.org(inside)
        return doc.person(subject.name, subject.role)
    if subject.kind == "org":
        if subject.name.lower() in ORG_NOUNS:  # "the Bank said": the bank named before
            return doc.by_role(subject.name)
        if " " not in subject.name and not is_acronym(subject.name):
            person = doc.by_surname(subject.name)
            if person is not None and not doc.companies_named(subject.name):
                return person  # "A spokesman for Gardner" after "Doresy Gardner": his
        return doc.org(subject.name)
    if subject.kind == "surname":
        if subject.before:  # "General Cinema said" -> "General Cinema Corp"
            company = fuller_company(f"{subject.before} {subject.name}", doc.companies)
            if company:
                return doc.org(company)
        return doc.by_word(subject.name)
    if subject.kind == "pronoun":  # "He reaffirmed" with no one speaking yet: the lede's
        return doc.current or (doc.pair[0] if len(doc.pair) == 2 else None)  # its host
    if subject.kind == "it":
        if doc.current_org is None and doc.companies and doc.companies[0][0] < _LEDE_SUBJECT:
            # "But it said ..." before any institution spoke: the company the story is
            # about, the lede's subject ("Deutsche Bank AG <DBKG.F> has seen ...")
            return doc.org(doc.companies[0][1])
        return doc.current_org
    if subject.kind == "backref":
        found = doc.by_role(subject.name)
        if (
            found is None
            and _OFFICE.match(subject.name)
            and not is_country(subject.name.split(" of ")[-1].removeprefix("the "))
        ):
            # "The Minister of Finance reported" and no minister named: the office speaks
            found = doc.person(subject.name, subject.name)
        return found
    return None


_LEDE_SUBJECT = 40  # a company named this close to the text's start is the lede's subject

# A minister known by portfolio: "Minister of Finance", "Deputy Minister for Veterans".
# (Leaders' titles, "the President of Ukraine", refer back to someone named.)
# A minister of a country ("Prime Minister of India") is a person named elsewhere.
_OFFICE = re.compile(
    rf"(?!Prime\b)(?:[{UPPER}][\w\-]*\s)*Minister\s(?:of|for)\s(?:the\s)?[{UPPER}]"
)


# ------------------------------------------------------------------- registry passes


def _prescan(doc: Registry, text: str) -> None:
    """Register people introduced with a role ("Minister Dilson Funaro", "President Reagan")."""
    for m in _BEFORE_CAPITAL.finditer(text):
        if m.group().lower() not in ROLE_WORDS:
            continue
        line_end = text.find("\n", m.start(), m.start() + 160)
        toks = tokens(text[m.start() : line_end if line_end >= 0 else m.start() + 160])
        k = 1
        while k < len(toks) and (
            toks[k][0].isupper()
            or toks[k] in {"of", "the", "for", "and"}
            or toks[k].lower() in PARTICLES
        ):
            if toks[k].endswith(".") and len(toks[k]) > 2 and toks[k][-3] != ".":
                toks[k] = toks[k][:-1]  # "Zelenskyy." ends the sentence and the name
                k += 1
                break
            k += 1
        end = k
        while end > 1 and not is_name_word(toks[end - 1]):
            end -= 1
        if end <= 1:
            continue
        start = split_name(toks, end)
        if start == end and end == 2 and toks[0][0].isupper():
            start = 1  # "President Reagan": a capitalised title before a lone surname
        if not 0 < start < end or toks[max(0, start - 2) : start] == ["of", "the"]:
            continue  # not "United Kingdom" of "the Prime Minister of the United Kingdom"
        context = _SENTENCE_OR_LINE.split(text[max(0, m.start() - 100) : m.start()])
        before = tokens(context[-1])
        cut = len(before)
        while (
            cut > 0
            and before[cut - 1] != ","
            and not (
                before[cut - 1] in CLAUSE_WORDS
                and not (
                    before[cut - 1] == "and" and cut < len(before) and before[cut][0].isupper()
                )
            )
        ):
            cut -= 1
        before = before[cut:]
        role = role_before(before + toks[:end], len(before) + start)
        if role:
            doc.person(" ".join(toks[start:end]), role)


_OCCASIONS = frozenset("Day Week Year Games Olympics Cup Championship Festival Forum".split())


def _names_in(text: str) -> list[str]:
    """Full personal names in a short text, in order ("Vladimir Putin", "Mahmoud Abbas")."""
    raw = tokens(text)
    toks = []
    for k, t in enumerate(raw):
        # "President of Uzbekistan Shavkat Mirziyoyev." ends the sentence and the name
        if (
            t.endswith(".")
            and len(t) > 3
            and t[-3] != "."
            and (
                any(is_role_word(w) for w in raw[max(0, k - 7) : k])
                # "... EU Affairs Igor Senčar.": a surname after a given name, a long title away
                or (k >= 1 and is_name_word(raw[k - 1]) and is_name_word(t[:-1]))
            )
        ):
            toks += [t[:-1], "."]  # the full stop stays, so no name runs on past it
        else:
            toks.append(t)
    names = []
    for k in range(1, len(toks) + 1):
        if not is_name_word(toks[k - 1]):
            continue
        if k < len(toks) and (is_name_word(toks[k]) or toks[k].lower() in PARTICLES):
            continue
        start = split_name(toks, k)
        after = toks[k] if k < len(toks) else ""
        if toks[k - 1] in _OCCASIONS:
            continue  # "On National Unity Day, Vladimir Putin ...": a holiday, no person
        if start >= 1 and toks[start - 1].lower() == "the":
            continue  # "President of the Untied States": a place or body, no person
        if start >= 2 and toks[start - 1] == "of" and is_role_word(toks[start - 2]):
            continue  # "Crown Prince of Abu Dhabi": the title's place; the name comes after
        if start < k - 1 and not (is_org_word(after) or after in VAGUE_NOUNS):
            # not "Presidential Grants" Foundation, "Congressional Democratic" leaders
            names.append(" ".join(toks[start:k]))
    return names


_JOINED_BY_TITLE = re.compile(r"\s+and\s+(?:(?:[A-Z][\w\-]*|of|the)\s+)*")


def _find_pair(doc: Registry, texts: list[str]) -> None:
    """The two people of a readout's lede: "Vladimir Putin had a telephone conversation with
    President of Uzbekistan Shavkat Mirziyoyev" -> whom "the presidents" means."""
    if not texts:
        return
    lede = texts[0][:400]
    names = []
    for name in _names_in(lede):
        p = doc.person(name, None)
        if p not in names:
            names.append(p)
    if len(names) >= 2:
        doc.pair = names[:2]
        doc.parties = names[:2]
        for third in names[2:3]:
            # "with President ... Ilham Aliyev and Prime Minister of ... Nikol Pashinyan": a
            # third party only when joined to the second by "and" and a title
            between = lede[lede.find(names[1].name) + len(names[1].name) : lede.find(third.name)]
            if _JOINED_BY_TITLE.fullmatch(between):
                doc.parties.append(third)
    elif names:
        doc.pair = names[:1]
    if names:
        # only the lede's subject hosts: "Vladimir Putin had a telephone conversation with",
        # "President of Russia Vladimir Putin met", not a guest named after "with"
        first = names[0]
        at = lede.find(first.name.split()[-1])
        before = lede[:at].split() if at >= 0 else ["?"]
        if all(w[0].isupper() or w in {"of", "the"} for w in before) and (
            first.role is None or HOST_ROLES.match(first.role)
        ):
            doc.host = first


def _find_author(doc: Registry, texts: list[str]) -> None:
    for text in texts[:3]:
        m = _MESSAGE_SENT.search(text)
        if m:
            starts = [s for s in sentence_starts(text) if s <= m.start()]
            subject = sentence_subject(text[starts[-1] if starts else 0 : m.start()])
            if subject and subject.kind == "person":
                doc.author = doc.person(subject.name, subject.role)
            elif subject and subject.kind == "backref":
                doc.author = doc.by_role(subject.name)
                if doc.author is None and subject.name[:1].isupper():
                    # "The President sent a message": a sender named only by role
                    doc.author = doc.person(subject.name, subject.name)
            return
    if texts and any(_READS.search(text) for text in texts[:3]):
        # "Vladimir Putin wished all the best to ... The message reads": a message no verb
        # says was sent is the lede subject's
        subject = sentence_subject(texts[0][: (sentence_starts(texts[0]) + [len(texts[0])])[1]])
        if subject and subject.kind == "person":
            doc.author = doc.person(subject.name, subject.role)


def _title_author(title: str) -> str | None:
    m = _TITLE_AUTHOR.search(title)
    return m["who"] if m else None


def _title_speakers(doc: Registry, title: str, text: str) -> None:
    """Authors the title names: "Address by President Volodymyr Zelenskyy", "X: ...", "... - X"."""
    if _TITLE_JOINT.match(title):
        return
    candidates = [_title_author(title)]
    m = _TITLE_LEAD.match(title)
    candidates.append(m["who"] if m else None)
    m = _TITLE_TAIL.search(title)
    candidates.append(m["who"] if m else None)
    for k, who in enumerate(candidates):
        if not who:
            continue
        known = {id(q) for q in doc.people}
        p = _title_person(doc, who, text)
        if (
            k == 1
            and p is not None
            and id(p) not in known
            and not any(is_role_word(w) for w in who.split())
        ):
            # "Large Construction: President observed ...": a headline's lead names an author
            # the text knows or a role, not any capitalised phrase before a colon
            doc.people.remove(p)
            continue
        if p is not None:
            doc.credit(p, -1)
            p.main = True
            return


def _title_person(doc: Registry, who: str, text: str) -> Person | None:
    who = _TICKER.sub(" ", who).strip()
    who = _TITLE_WORK.sub("", who)  # "President Volodymyr Zelenskyy's address": the author
    toks = tokens(who)
    if len(toks) >= 2 and who.isupper():
        # "... - DATA GENERAL <DGN>": a headline's source is a speaker of the story, the
        # institution or the person whose role names it ("Data General Corp president")
        low = who.lower()
        for q in doc.people:
            if q.speaker and (low in q.name.lower() or low in (q.role or "").lower()):
                return q
    if len(toks) == 1 and toks[0].isupper() and len(toks[0]) > 2:
        p = doc.by_surname(toks[0])  # "... - YEUTTER" in a Reuters headline
        if p is not None:
            return p
        toks = [toks[0].capitalize()]
    subject = parse_phrase(toks)
    if subject is not None and subject.kind == "person":
        return doc.person(subject.name, subject.role)
    if subject is not None and subject.kind == "surname" and len(toks) == 1:
        p = doc.by_surname(subject.name)
        if p is None:  # "... – Zelenskyy": the body may give the full name
            full = re.search(rf"\b([{UPPER}][\w'’\-]+) {re.escape(subject.name)}\b", text)
            if full and is_name_word(full.group(1)):
                p = doc.person(full.group(0), None)
        return p
    if subject is not None and subject.kind == "org":
        return doc.org(subject.name)
    words = strip_articles(toks)
    for k, w in enumerate(words):
        if k and w[:1].islower() and w not in _ROLE_JOINERS:
            # "Head of State addressed foreign diplomats", "President of Ukraine at the
            # GLOBSEC Forum": the role ends where the headline goes on
            words = words[:k]
            break
    if words and any(is_role_word(w) for w in words):
        role = " ".join(words)
        # "... - President": the speaker holding the role who speaks most, not the last named
        holders = [q for q in doc.people if q.speaker and role_matches(role, q.role)]
        p = max(holders, key=lambda q: (q.credits, -q.first), default=None) or doc.by_role(role)
        if p is not None and not p.speaker and _addressed(p.name, text):
            p = None  # "Mr. President! Macky Sall, ...!": a guest the speech greets
        if p is None:
            p = _introduced_as(doc, role, text)
        if p is None and words[0][0].isupper():
            p = doc.person(role, role)  # "address by the President of Ukraine", unnamed
        return p
    return None


# The salutations that open a speech: "Mr. President! Macky Sall, Chairperson of the African
# Union, President of Senegal! Ladies and Gentlemen!"
_SALUTATION = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.|[^.!?]){1,200}!")


def _addressed(name: str, text: str) -> bool:
    """The person is greeted in the salutations that open the text, not its speaker."""
    at = 0
    while m := _SALUTATION.match(text, at):
        if name in m.group():
            return True
        at = m.end()
        while text[at : at + 1].isspace():
            at += 1
    return False


def _introduced_as(doc: Registry, role: str, text: str) -> Person | None:
    """The speaker the body introduces with the title's role, whatever role the registry
    kept: "Deputy Prime Minister - Minister for Reintegration ... Iryna Vereshchuk" for a
    title ending "- Deputy Prime Minister"."""
    for m in re.finditer(re.escape(role), text):
        near = text[m.end() : m.end() + 160]
        found = [(near.find(q.name), q) for q in doc.people if q.speaker and q.kind == "person"]
        found = [(at, q) for at, q in found if at >= 0 and ". " not in near[:at]]
        if found:
            return min(found, key=lambda f: f[0])[1]
    return None
