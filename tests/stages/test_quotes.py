"""The quotes stage on the real parse: kinds, speakers read through the article, cues, channels."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.model import Analysis, Quote, QuoteKind

Analyse = Callable[..., Analysis]


def quote_with(analysis: Analysis, words: str) -> Quote:
    found = [q for q in analysis.quotes if words in q.text]
    assert len(found) == 1, [q.text for q in analysis.quotes]
    return found[0]


def speaker_words(quote: Quote) -> str:
    assert quote.speaker is not None, quote
    return f"{quote.speaker_text} | {quote.speaker.text} | {quote.speaker.name}"


def test_quotes_spans_point_into_the_article_text(seed_analysis: Analysis):
    assert seed_analysis.quotes
    for quote in seed_analysis.quotes:
        assert seed_analysis.article.text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    ("words", "code", "name", "channel"),
    [
        ("cooperation in the fight against terrorism", "TUR", "Cavusoglu", "tweet"),
        ("despite all the negatives of the past years", "SYR", "Mekdad", "SANA"),
        ("Without progress in this matter", "SYR", "Mekdad", None),
        ("positive and constructive atmosphere", "RUS", "foreign ministry", "statement"),
    ],
)
def test_quotes_seed_speakers_codes_and_channels(seed_analysis, words, code, name, channel):
    quote = quote_with(seed_analysis, words)
    assert quote.speaker is not None
    assert quote.speaker.code == code
    assert name in speaker_words(quote)
    assert (channel is None and quote.channel is None) or (
        channel and channel in (quote.channel or "")
    )


def test_quotes_seed_kinds(seed_analysis: Analysis):
    assert quote_with(seed_analysis, "Without progress").kind is QuoteKind.DIRECT
    assert quote_with(seed_analysis, "positive and constructive").kind is QuoteKind.PARTIAL
    indirect = quote_with(seed_analysis, "the priority for Syria was ending")
    assert indirect.kind is QuoteKind.INDIRECT
    assert indirect.text.startswith("the priority")  # without the "But" that joins it
    assert "Mekdad" in speaker_words(indirect)


def test_quotes_seed_that_clauses_are_separate_statements(seed_analysis: Analysis):
    roadmap = quote_with(seed_analysis, "deputy foreign ministers would be tasked")
    assert roadmap.kind is QuoteKind.INDIRECT
    assert "positive" not in roadmap.text


def test_quotes_direct_quote_with_inverted_attribution(analyse: Analyse):
    analysis = analyse(
        '"The talks will go on next week," said Maria Lopez, a spokeswoman for the ministry.'
    )
    quote = quote_with(analysis, "The talks will go on")
    assert quote.kind is QuoteKind.DIRECT
    assert quote.text == "The talks will go on next week"  # the comma is not the speaker's
    assert "Maria Lopez" in speaker_words(quote)
    assert quote.cue == "said"


def test_quotes_pronoun_speaker_is_the_person_named_before(analyse: Analyse):
    analysis = analyse(
        "Interior Minister Ahmed Karimi visited the border town on Monday.\n\n"
        '"We will rebuild every house that was destroyed," he told reporters.'
    )
    quote = quote_with(analysis, "We will rebuild")
    assert "Karimi" in speaker_words(quote)
    assert quote.speaker_text == "he"
    assert quote.cue == "told reporters"


def test_quotes_surname_speaker_takes_the_full_name(analyse: Analyse):
    analysis = analyse(
        "Aid worker Samira Haddad described the camp as overcrowded.\n\n"
        '"There is not enough water for everyone," Haddad said.'
    )
    quote = quote_with(analysis, "not enough water")
    assert quote.speaker is not None
    assert quote.speaker.name == "Samira Haddad"


def test_quotes_quote_paragraph_without_a_cue_continues_the_speaker(analyse: Analyse):
    analysis = analyse(
        '"The shelling started at dawn," said Omar Khalil, a teacher in the town.\n\n'
        '"Nobody could leave the shelters until the evening."'
    )
    follow = quote_with(analysis, "Nobody could leave")
    assert follow.kind is QuoteKind.DIRECT
    assert follow.cue is None
    assert "Omar Khalil" in speaker_words(follow)


def test_quotes_indirect_speech_with_that_clause(analyse: Analyse):
    analysis = analyse("The army said on Tuesday that its troops had retaken the airport.")
    quote = quote_with(analysis, "retaken the airport")
    assert quote.kind is QuoteKind.INDIRECT
    assert quote.text == "its troops had retaken the airport"
    assert "army" in speaker_words(quote)


def test_quotes_according_to(analyse: Analyse):
    analysis = analyse("At least 12 people were killed in the raid, according to the Red Crescent.")
    quote = quote_with(analysis, "12 people were killed")
    assert quote.kind is QuoteKind.INDIRECT
    assert quote.cue == "according to"
    assert "Red Crescent" in speaker_words(quote)


def test_quotes_definite_description_points_back_to_the_body(analyse: Analyse):
    analysis = analyse(
        "The Syrian Observatory for Human Rights said 20 fighters were killed.\n\n"
        "The monitor said the fighting continued overnight."
    )
    later = quote_with(analysis, "the fighting continued overnight")
    assert later.speaker is not None
    assert "Observatory" in later.speaker.text


def test_quotes_scare_quotes_and_titles_are_not_quotes(analyse: Analyse):
    analysis = analyse(
        'Rescuers from the "White Helmets" group reached the so-called "safe zone" at noon.'
    )
    assert analysis.quotes == ()


def test_quotes_negated_and_question_clauses_are_not_statements(analyse: Analyse):
    analysis = analyse("The spokesman did not say what weapons were used. He declined to comment.")
    assert analysis.quotes == ()


def test_quotes_statement_document_gives_speaker_and_channel(analyse: Analyse):
    analysis = analyse(
        '"No aircraft were in the area at the time," a statement from the defence ministry said.'
    )
    quote = quote_with(analysis, "No aircraft were in the area")
    assert "ministry" in speaker_words(quote)
    assert quote.channel == "statement"


def test_quotes_quoted_by_an_agency_names_the_channel(analyse: Analyse):
    analysis = analyse(
        'Deputy minister Faisal Amin was quoted as saying by the state news agency SANA that "the '
        'border will stay open" for refugees.'
    )
    quote = quote_with(analysis, "the border will stay open")
    assert quote.kind is QuoteKind.PARTIAL
    assert "Faisal Amin" in speaker_words(quote)
    assert quote.channel is not None
    assert "SANA" in quote.channel


def test_quotes_a_quoted_phrase_inside_a_sentence_without_cue_is_not_a_quote(analyse: Analyse):
    analysis = analyse(
        'The pirates had "a large cache of weapons that could sink a tanker" on board.'
    )
    assert analysis.quotes == ()


def test_quotes_statement_stops_before_but(analyse: Analyse):
    analysis = analyse(
        "The monitor said the rebels had advanced overnight but residents feared a new siege."
    )
    quote = quote_with(analysis, "the rebels had advanced")
    assert quote.text == "the rebels had advanced overnight"


def test_quotes_a_second_report_in_the_sentence_has_its_own_speaker(analyse: Analyse):
    analysis = analyse(
        "Moscow says it has not bombed the city since Monday but army spokesman Igor Petrov "
        "told a briefing that the military had asked for new strikes."
    )
    first = quote_with(analysis, "it has not bombed the city")
    assert "Moscow" in speaker_words(first)
    assert "Petrov" not in first.text
    second = quote_with(analysis, "the military had asked for new strikes")
    assert "Petrov" in speaker_words(second)


def test_quotes_said_as_an_aside(analyse: Analyse):
    analysis = analyse(
        "UN chief Ban Ki-moon condemned the attack.\n\n"
        "These events highlight the dangers of the fighting, he said."
    )
    quote = quote_with(analysis, "These events highlight the dangers")
    assert quote.kind is QuoteKind.INDIRECT
    assert "Ban" in speaker_words(quote)


@pytest.mark.issue(10)
def test_speaker_text_and_offsets_name_the_same_words(seed_analysis: Analysis, pipeline):
    from pathlib import Path

    from dateline.ingest import iter_articles
    from dateline.output import quote_record

    real = Path(__file__).resolve().parents[1] / "data" / "real_articles.jsonl"
    analyses = [seed_analysis]
    articles = list(iter_articles([real]))[:8]
    analyses += [pipeline.analyse(a) for a in articles]
    checked = 0
    for analysis in analyses:
        text = analysis.article.text
        for quote in analysis.quotes:
            speaker = quote_record(quote)["speaker"]
            if speaker is None:
                continue
            checked += 1
            assert text[speaker["start"] : speaker["end"]] == speaker["text"], speaker
            resolved = speaker["resolved"]
            assert text[resolved["start"] : resolved["end"]] == resolved["text"], resolved
    assert checked >= 10


@pytest.mark.issue(10)
def test_a_pronoun_speaker_points_at_the_pronoun_and_keeps_the_person(analyse: Analyse):
    from dateline.output import quote_record

    text = (
        "Interior Minister Ahmed Karimi visited the border town on Monday.\n\n"
        '"We will rebuild every house that was destroyed," he told reporters.'
    )
    analysis = analyse(text)
    speaker = quote_record(quote_with(analysis, "We will rebuild"))["speaker"]
    body = analysis.article.text
    assert speaker["text"] == "he"
    assert body[speaker["start"] : speaker["end"]] == "he"
    assert speaker["start"] == body.index(" he told") + 1
    assert "Ahmed Karimi" in speaker["resolved"]["text"]
    assert body[speaker["resolved"]["start"] : speaker["resolved"]["end"]].endswith("Karimi")
