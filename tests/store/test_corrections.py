"""Corrections on a real store: checked, kept with who and when, latest wins, and untouched by
a re-ingest of the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import InputError, StoreError
from dateline.evaluation.corrections import gold_from_corrections, score_store
from dateline.model import Analysis
from dateline.store import Store
from dateline.store.corrections import Correction, add_correction, check, latest_corrections


def _mention(store: Store, kind: str) -> str:
    return str(store.con.execute(
        "SELECT id FROM event_mentions WHERE type = ? ORDER BY idx", [kind]
    ).fetchall()[0][0])  # fmt: skip


def test_check_cleans_and_refuses_bad_fields() -> None:
    cleaned = check(Correction(mention_id=" m ", verdict="Right", type="assault",
                               actor="syr/gov, tur", date="2023-05", place=" "))  # fmt: skip
    assert (cleaned.mention_id, cleaned.verdict, cleaned.type) == ("m", "right", "ASSAULT")
    assert cleaned.actor == "SYR/GOV, TUR"
    assert cleaned.date == "2023-05"
    assert cleaned.place is None
    for bad, words in (({"verdict": "maybe"}, "verdict"), ({"type": "DANCE"}, "PLOVER"),
                       ({"actor": "Syria"}, "not an actor code"),
                       ({"date": "2023-13"}, "not a calendar date"),
                       ({"time_status": "soon"}, "status")):  # fmt: skip
        with pytest.raises(InputError, match=words):
            check(Correction(**{"mention_id": "m", "verdict": "right", **bad}))


def test_corrections_keep_history_and_survive_a_reingest(
    seed_db: Path, seed_analysis: Analysis
) -> None:
    with Store.open(seed_db) as store:
        mention = _mention(store, "AID")
        add_correction(store, Correction(mention_id=mention, verdict="right"), "ann")
        add_correction(store, Correction(mention_id=mention, verdict="wrong", note="no aid"), "bob")
        with pytest.raises(InputError, match="no event mention"):
            add_correction(store, Correction(mention_id="missing", verdict="right"), "ann")
        store.save([seed_analysis])  # the article again: its rows are replaced
        latest = latest_corrections(store)
        assert store.count("corrections") == 2
    assert latest[mention].correction.verdict == "wrong"
    assert latest[mention].made_by == "bob"
    with (
        Store.open(seed_db, read_only=True) as reader,
        pytest.raises(StoreError, match="read-only"),
    ):
        add_correction(reader, Correction(mention_id=mention, verdict="right"), "ann")


def test_gold_applies_the_fixes_and_scoring_follows_them(seed_db: Path) -> None:
    with Store.open(seed_db) as store:
        consult = _mention(store, "CONSULT")
        add_correction(store, Correction(mention_id=consult, verdict="right"), "ann")
        right = score_store(store)
        add_correction(store, Correction(mention_id=consult, verdict="right", type="AGREE",
                                         actor="TUR/GOV, SYR/GOV, RUS/GOV, IRN/GOV",
                                         place="Moscow"), "ann")  # fmt: skip
        sentences, articles = gold_from_corrections(store)
        fixed = score_store(store)
    assert right.types.precision == 1.0
    assert right.relation.value == 1.0
    [event] = next(s for s in sentences if s.events).events
    assert event.type == "AGREE"
    assert [m.code for m in event.actors] == ["TUR", "SYR", "RUS", "IRN"]
    assert all(m.start is not None for m in event.actors)
    assert event.place is not None
    assert event.place.text == "Moscow"
    assert event.place.start
    assert fixed.types.precision == 0.0
    assert list(articles) == [sentences[0].article]
