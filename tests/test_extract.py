"""Extraction on real text: the seed TASS item and documents of the development corpus."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from generator.extract import CONVERTER_VERSION, ExtractError, extract
from generator.models import Draft, SpeakerRef

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_469faddfd09abc77.txt"
CORPUS = SHARED / "corpus"


def read(relative: str) -> str:
    return (CORPUS / relative).read_text(encoding="utf-8")


@cache
def draft_of(relative: str) -> Draft:
    return extract(read(relative))


def paragraphs(draft: Draft) -> list[str]:
    return draft.body.split("\n\n")


def speaker_names(draft: Draft) -> list[str]:
    return [s.name for s in draft.speakers]


def quote_speaker(draft: Draft, start: str) -> str | None:
    matches = [q for q in draft.quotes if q.text.startswith(start)]
    assert len(matches) == 1, f"one quote should start {start!r}: {draft.quotes}"
    return matches[0].speaker


# ------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed() -> Draft:
    return extract(SEED.read_text(encoding="utf-8"))


def test_seed_layout(seed: Draft) -> None:
    assert seed.title == (
        "Russia calls on foreign partners to create united front to fight terrorism — diplomat"
    )
    assert seed.summary == (
        "The only way to conquer terrorism is not only to ensure its military defeat but also "
        "to prevent the spread of terrorist ideology and to effectively cut off material "
        "support to terrorists"
    )
    body = paragraphs(seed)
    assert "All news" not in seed.body
    assert "/TASS/" not in seed.body and not body[0].startswith("MOSCOW")
    assert body[0].startswith("Russia calls on all foreign partners to create a genuinely")
    assert body[0].endswith("Counter-Terrorism Conference in Berlin on May 31, 2016.")
    assert len(body) == 8  # every paragraph kept, none merged or split
    assert body[5].startswith("According to him, Russia’s experience in counteracting")
    assert body[-1].endswith(
        "the fight against violent extremism and, consequently, in any "
        'international cooperation in this area," Syromolotov stressed.'
    )
    assert seed.summary not in seed.body and seed.title not in seed.body


def test_seed_dateline_and_date(seed: Draft) -> None:
    assert (seed.place, seed.source, seed.month_day) == ("Moscow", "TASS", (5, 31))
    assert seed.date == dt.date(2016, 5, 31)
    assert seed.date_from == "text"
    assert seed.warnings == []


def test_seed_speaker_and_quotes(seed: Draft) -> None:
    assert seed.speakers == [
        SpeakerRef("Oleg Syromolotov", "Russian Deputy Foreign Minister", "person")
    ]
    assert len(seed.quotes) == 6
    assert {q.speaker for q in seed.quotes} == {"Oleg Syromolotov"}
    assert seed.quotes[0].text.startswith("We still hope that given the political will")
    assert seed.quotes[0].text.endswith("in other areas of international relations")
    # nested single quotes stay inside the quotation
    assert "‘terrorist international’" in seed.quotes[2].text


# -------------------------------------------------------------------------- Reuters


def test_reuters_byline_dateline_signoff() -> None:
    d = draft_of("reuters21578/0856_d1f9967536594097.txt")
    assert d.title == "DATA GENERAL <DGN> SEES LITTLE SALES UPTURN"
    assert d.summary is None  # "By Lawrence Edelman, Reuters" is a byline, not a lede
    assert "Edelman" not in d.body
    assert (d.place, d.source, d.month_day, d.date) == ("New York", "Reuters", (6, 2), None)
    assert paragraphs(d)[0].startswith("Data General Corp said sales continue to remain flat")
    assert (
        paragraphs(d)[-1] == '"A lot of people are coming to the market from a lot of '
        'different angles," he said.'
    )
    assert not d.body.rstrip().endswith("Reuter")


def test_reuters_speakers_and_quotes() -> None:
    d = draft_of("reuters21578/0856_d1f9967536594097.txt")
    people = {s.name: s for s in d.speakers}
    assert people["J. David Lyons"].role == "vice president of group marketing"
    assert people["Stephen Smith"].role == "Paine Webber analyst"
    assert people["Data General Corp"].kind == "organization"
    assert "Edson de Castro" not in people  # only "declined to comment"
    assert quote_speaker(d, "Our sales have been moderate to flat") == "J. David Lyons"
    assert quote_speaker(d, "PC integration is a tough strategy") == "Stephen Smith"


def test_reuters_spokesman_partial_quote() -> None:
    d = draft_of("reuters21578/0309_9a0b4f06a7fd0b15.txt")
    assert d.speakers == [SpeakerRef("Charles Redman", "State Department spokesman", "person")]
    assert quote_speaker(d, "took place in an area of Iraqi territory") == "Charles Redman"
    assert quote_speaker(d, "Actual possession of the area") == "Charles Redman"  # "he added"


def test_reuters_place_keeps_state_qualifier() -> None:
    assert draft_of("reuters21578/0026_57d56182b92c425b.txt").place == "Ann Arbor, Mich."
    assert draft_of("reuters21578/0436_22adef208a4eb447.txt").place == "Taupo, New Zealand"
    assert draft_of("reuters21578/0436_22adef208a4eb447.txt").source == "Reuters"


def test_reuters_history_date_does_not_give_the_year() -> None:
    # dateline March 2 (1987); "On March 5, 1985, Ohio Gov. ..." is history, not the story
    d = draft_of("reuters21578/0029_487c82137142fbee.txt")
    assert d.month_day == (3, 2)
    assert (d.date, d.date_from) == (None, "unknown")


# -------------------------------------------------------------------------- Kremlin


def test_kremlin_transcript_labels_and_tooltip_leak() -> None:
    d = draft_of("kremlin/0371_b46b8548f3d32356.txt")
    assert d.summary == (
        "Vladimir Putin had a working meeting with Minister of Defence of the Russian "
        "Federation Sergei Shoigu."
    )
    assert d.speakers == [
        SpeakerRef("Vladimir Putin", "President of Russia"),
        SpeakerRef("Sergei Shoigu", "Defence Minister"),
    ]
    body = paragraphs(d)
    assert body[0].startswith("**President of Russia Vladimir Putin:** Mr Shoigu, I know")
    assert body[1].startswith("**Defence Minister Sergei Shoigu:** Mr President, indeed")
    assert body[2].startswith("**Vladimir Putin:** Ok, thank you very much.")
    assert "Shoigu Shoigu" not in d.body and len(body) == 3
    assert (d.place, d.source, d.month_day, d.date) == (None, None, None, None)


def test_kremlin_greeting_message_is_the_presidents() -> None:
    d = draft_of("kremlin/0385_71b8a3ae9c5a9372.txt")
    assert d.speakers == [SpeakerRef("Vladimir Putin")]
    assert d.summary is not None and d.summary.startswith("Vladimir Putin sent a message")
    assert quote_speaker(d, "Your brilliant performance on Beijing ice") == "Vladimir Putin"
    assert "Anna Shcherbakova" not in speaker_names(d)


def test_kremlin_event_headline_gives_no_date_and_no_speaker() -> None:
    d = draft_of("kremlin/0008_50c08c8897d3495e.txt")
    assert d.title == "On October 27, Vladimir Putin will attend the 16th East Asia Summit"
    assert (d.month_day, d.date, d.date_from) == (None, None, "unknown")
    assert d.speakers == [] and d.quotes == []
    assert d.summary is None  # one paragraph under the title is the body
    assert d.body.startswith("The discussion at the summit that will take place")


def test_kremlin_heading_before_label_and_rule_escaped() -> None:
    d = draft_of("kremlin/0041_41ef37fb94abbf62.txt")
    assert speaker_names(d) == ["Vladimir Putin"]  # the attendance list only mentions people
    assert "\\* \\* \\*" in d.body  # would otherwise render as emphasis or a rule
    assert "**President of Russia Vladimir Putin:** Good afternoon, colleagues." in d.body


def test_kremlin_readout_credits_both_leaders_host_first() -> None:
    # "Vladimir Putin also updated his counterpart ... Alexander Lukashenko expressed his
    # support": both speak; the readout is Putin's, so he comes first
    d = draft_of("kremlin/0541_935232523c2db8ec.txt")
    assert speaker_names(d) == ["Vladimir Putin", "Alexander Lukashenko"]


# --------------------------------------------------------------------- president_ua


def test_president_ua_press_release() -> None:
    d = draft_of("president_ua/0133_b1f4d0cd930b6251.txt")
    assert d.summary is None
    assert d.speakers[0] == SpeakerRef("Volodymyr Zelenskyy", "President of Ukraine")
    assert quote_speaker(d, "I want to thank everyone who fought") == "Volodymyr Zelenskyy"
    # a decree's quoted title is a name, not a quotation
    assert not any(q.text.startswith("On additional measures") for q in d.quotes)


def test_president_ua_address_and_today_date() -> None:
    d = draft_of("president_ua/0720_bee95618f57a5f4b.txt")
    assert d.month_day == (5, 8)  # "Today, May 8, is a key day of remembrance"
    assert (d.date, d.date_from) == (None, "unknown")  # no year guessed
    assert d.body.startswith("I would like to thank you for the invitation.")


def test_president_ua_dated_joint_statement() -> None:
    d = draft_of("president_ua/0247_be0ba7b4c26387e1.txt")
    assert (d.place, d.month_day) == ("Kyiv", (2, 1))
    assert (d.date, d.date_from) == (dt.date(2022, 2, 1), "text")
    assert d.body.startswith("The Prime Minister of the United Kingdom")


def test_first_lady_attributions() -> None:
    d = draft_of("president_ua/0049_2277913fd34faf1a.txt")
    assert speaker_names(d) == ["Olena Zelenska"]
    assert quote_speaker(d, "My ambition is not only to share experience") == "Olena Zelenska"


def test_unnamed_president_address_is_credited_to_the_office() -> None:
    d = draft_of("president_ua/0889_91752b8e48838e1f.txt")
    assert d.speakers == [SpeakerRef("President of Ukraine", "President of Ukraine")]


def test_reuters_institutions_and_joint_statement() -> None:
    d = draft_of("reuters21578/0951_249fb67f25fc5a9f.txt")  # "ICO" spelt out in the text
    assert d.speakers == [SpeakerRef("International Coffee Organization", None, "organization")]
    d = draft_of("reuters21578/0876_0f3cdf5c9f4ef312.txt")  # "Jim Wright and ... Byrd said"
    assert d.speakers[:2] == [
        SpeakerRef("Jim Wright", "House Speaker"),
        SpeakerRef("Robert Byrd", "Senate Majority Leader"),
    ]


# ---------------------------------------------------------------- corpus and errors


def test_every_corpus_document_extracts() -> None:
    files = sorted(CORPUS.glob("*/*.txt"))
    assert len(files) == 2766
    for path in files:
        text = path.read_text(encoding="utf-8")
        draft = extract(text)
        assert draft.title == text.split("\n", 1)[0].strip(), path.name
        assert draft.body or draft.summary, path.name
        assert draft.date is None or draft.date_from in ("text", "inferred"), path.name
        assert len({s.name for s in draft.speakers}) == len(draft.speakers), path.name


@pytest.mark.parametrize("text", ["", "   \n\n \t\n", "All news\n\nShare\n", "***\n\nbody text"])
def test_no_usable_title_is_an_error(text: str) -> None:
    with pytest.raises(ExtractError) as info:
        extract(text)
    assert "\n" not in str(info.value) and str(info.value)


def test_error_carries_the_line() -> None:
    with pytest.raises(ExtractError) as info:
        extract("\n\n--- \n\nbody")
    assert info.value.line == 3


def test_converter_version_is_a_string() -> None:
    assert isinstance(CONVERTER_VERSION, str) and CONVERTER_VERSION
