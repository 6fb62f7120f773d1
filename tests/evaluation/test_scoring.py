"""The corpus scorer on hand-made predictions: each measure moves when it should."""

from __future__ import annotations

import pytest

from dateline.evaluation.corpus import GoldEvent, Mention, Sentence, event_from_json
from dateline.evaluation.scoring import relation_right, score_corpus
from dateline.model import Actor, Event, TimeStatus

pytestmark = pytest.mark.issue(8)

TEXT = "Syrian troops shelled Douma and Russia met Turkey."


def actor(words: str, code: str | None, sector: str | None = None) -> Actor:
    start = TEXT.index(words)
    return Actor(start=start, end=start + len(words), text=words, code=code, sector=sector)


def mention(words: str, code: str | None, sector: str | None = None) -> Mention:
    start = TEXT.index(words)
    return Mention(words, start, start + len(words), code, sector)


def event(kind: str, trigger: str, actors=(), recipients=(), status=TimeStatus.CURRENT) -> Event:
    start = TEXT.index(trigger)
    return Event(
        id=trigger,
        type=kind,
        mode=None,
        context=(),
        cameo="190",
        actors=tuple(actors),
        recipients=tuple(recipients),
        date=None,
        time_status=status,
        location=None,
        quad_code=4,
        score=-10.0,
        start=0,
        end=len(TEXT),
        trigger=trigger,
        trigger_start=start,
        trigger_end=start + len(trigger),
        confidence=0.9,
    )


GOLD = Sentence(
    sid="s1",
    article="a",
    start=0,
    end=len(TEXT),
    text=TEXT,
    events=(
        GoldEvent(
            ("ASSAULT",),
            mention("shelled", None),
            (mention("Syrian troops", "SYR", "MIL"),),
            (mention("Douma", "SYR", "CVL"),),
        ),
        GoldEvent(
            ("CONSULT",),
            mention("met", None),
            (mention("Russia", "RUS"), mention("Turkey", "TUR")),
            (),
        ),
    ),
)


def test_perfect_prediction_scores_one():
    predicted = [
        event(
            "ASSAULT",
            "shelled",
            [actor("Syrian troops", "SYR", "MIL")],
            [actor("Douma", "SYR", "CVL")],
        ),
        event("CONSULT", "met", [actor("Russia", "RUS")], [actor("Turkey", "TUR")]),
    ]
    report = score_corpus([GOLD], {"s1": predicted})
    assert (report.types.precision, report.types.recall) == (1.0, 1.0)
    assert report.relation.value == 1.0  # the reciprocal meeting accepts Turkey as recipient
    assert report.codes.f1 == 1.0
    assert report.sectors.value == 1.0
    assert report.status.value == 1.0


def test_wrong_type_is_a_miss_and_a_false_alarm():
    report = score_corpus([GOLD], {"s1": [event("COERCE", "shelled")]})
    assert (report.types.tp, report.types.fp, report.types.fn) == (0, 1, 2)
    assert report.confusions[("ASSAULT", "COERCE")] == 1


def test_wrong_recipient_breaks_the_relation_not_the_type():
    predicted = [
        event("ASSAULT", "shelled", [actor("Syrian troops", "SYR")], [actor("Russia", "RUS")])
    ]
    report = score_corpus([GOLD], {"s1": predicted})
    assert report.types.tp == 1
    assert report.relation.right == 0
    assert report.recipient_codes.fp == 1
    assert report.recipient_codes.fn == 1
    assert report.sectors.scored == 1  # SYR given ...
    assert report.sectors.right == 0  # ... without its sector


def test_incomplete_sentence_does_not_count_other_types():
    partial = Sentence("s2", "a", 0, len(TEXT), TEXT, GOLD.events[:1], complete=False)
    predicted = [event("ASSAULT", "shelled"), event("CONSULT", "met")]
    report = score_corpus([partial], {"s2": predicted})
    assert (report.types.tp, report.types.fp) == (1, 0)


def test_status_is_scored_on_pairs():
    predicted = [event("ASSAULT", "shelled", status=TimeStatus.NEGATED)]
    report = score_corpus([GOLD], {"s1": predicted})
    assert (report.status.right, report.status.scored) == (0, 1)


def test_relation_with_empty_gold_roles_wants_empty_prediction():
    gold = GoldEvent(("ASSAULT",), None, (), ())
    assert relation_right(gold, event("ASSAULT", "shelled"))
    assert not relation_right(gold, event("ASSAULT", "shelled", [actor("Russia", "RUS")]))


def test_plv_yield_covers_two_types():
    parsed = event_from_json({"type": "YIELD", "actor": [], "recipient": []})
    assert parsed.types == ("CONCEDE", "RETREAT")


def test_outcomes_pair_confidence_with_rightness():
    from dateline.evaluation.scoring import outcomes

    predicted = [event("ASSAULT", "shelled"), event("PROTEST", "met")]
    found = outcomes([GOLD], {"s1": predicted})
    assert sorted(right for _, right in found) == [False, True]
    assert all(value == 0.9 for value, _ in found)
