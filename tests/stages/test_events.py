"""The rule coder (``[stages] events = "rules"``), clause by clause. The default combined
coder reads its proposals; its own tests are in ``test_learned_events.py``."""

from dataclasses import replace
from datetime import date

import pytest

from dateline.ingest import build_article
from dateline.model import TimeStatus
from dateline.stages.events import RuleEventCoder


@pytest.fixture(scope="module")
def rules(pipeline):
    return replace(pipeline, code_events=RuleEventCoder(pipeline.nlp), min_confidence=0.0)


@pytest.fixture
def analyse(rules):
    """The shared ``analyse`` fixture's behaviour, with the rule coder."""

    def run(text, published=date(2023, 5, 10), **fields):
        fields.setdefault("title", "Test article")
        return rules.analyse(build_article(text, origin="<test>", published=published, **fields))

    return run


def events_of(analyse, text, **fields):
    return analyse(text, **fields).events


def summary(event):
    return (
        event.type,
        sorted(a.code or "?" for a in event.actors),
        sorted(a.code or "?" for a in event.recipients),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey and Syria held talks in Moscow on Wednesday.", ("CONSULT", ["SYR", "TUR"], [])),
        ("Israeli jets bombed targets in Gaza on Monday.", ("ASSAULT", ["ISR"], ["PSE"])),
        ("The United States imposed new sanctions on Iran.", ("COERCE", ["USA"], ["IRN"])),
        ("Russia condemned the Turkish strike on Syrian troops.", ("ACCUSE", ["RUS"], ["TUR"])),
        ("Egypt rejected the Israeli proposal.", ("REJECT", ["EGY"], ["ISR"])),
        ("Iraqi police arrested three men in Baghdad.", ("COERCE", ["IRQ"], ["IRQ"])),
        (
            "Thousands of Kenyan students demonstrated against the government.",
            ("PROTEST", ["KEN"], ["KEN"]),
        ),
    ],
)
def test_events_code_plain_clauses(analyse, text, expected):
    assert expected in [summary(e) for e in events_of(analyse, text)]


def test_events_read_reported_speech_not_the_verb_of_saying(analyse):
    [event] = events_of(analyse, "Jordan will send aid to Lebanon, the foreign minister said.")
    assert event.type == "AGREE"  # an undated plan is a statement of intent made now
    assert summary(event)[1:] == (["JOR"], ["LBN"])


def test_events_only_speech_is_no_event(analyse):
    assert events_of(analyse, "The Turkish foreign minister said the weather was fine.") == ()


def test_events_threat_to_act(analyse):
    [event] = events_of(analyse, "Azerbaijan threatened to break relations with Russia.")
    assert (event.type, event.cameo[:2]) == ("THREATEN", "13")


def test_events_refusal_to_act(analyse):
    [event] = events_of(analyse, "Pakistan has refused to deploy peacekeepers in Iraq.")
    assert event.type == "REJECT"


def test_events_negation_is_marked_not_dropped_silently(analyse):
    events = events_of(analyse, "Syrian troops did not attack the town, officials said.")
    assert all(e.time_status is TimeStatus.NEGATED for e in events)


def test_events_future_meeting_with_a_date_is_a_future_consult(analyse):
    [event] = [
        e
        for e in events_of(analyse, "Iran and Iraq will meet in Baghdad next month.")
        if e.type == "CONSULT"
    ]
    assert event.time_status is TimeStatus.FUTURE
    assert event.date == "2023-06"


def test_events_past_perfect_with_old_date_is_historical(analyse):
    [event] = events_of(
        analyse, "Syrian and Turkish defence ministers had held talks in Moscow in December."
    )
    assert (event.type, event.date, event.time_status) == (
        "CONSULT",
        "2022-12",
        TimeStatus.HISTORICAL,
    )


def test_events_point_back_to_their_sentence(analyse):
    analysis = analyse("Fighting stopped. Turkey and Syria held talks in Moscow on Wednesday.")
    [event] = [e for e in analysis.events if e.type == "CONSULT"]
    text = analysis.article.text
    assert text[event.start : event.end] == "Turkey and Syria held talks in Moscow on Wednesday."
    assert text[event.trigger_start : event.trigger_end] == event.trigger


def test_events_have_stable_ids(analyse):
    text = "Turkey and Syria held talks in Moscow on Wednesday."
    assert [e.id for e in events_of(analyse, text)] == [e.id for e in events_of(analyse, text)]


def test_events_carry_quad_class_and_score(analyse):
    [attack] = [
        e
        for e in events_of(analyse, "Israeli jets bombed targets in Gaza on Monday.")
        if e.type == "ASSAULT"
    ]
    assert attack.quad_code == 4
    assert attack.score <= -9
