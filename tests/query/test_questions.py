"""Read-only questions on a real store: events, mentions, dyad timeline, top actors, SQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.model import Actor, ActorKind, Analysis, Article, ArticleId, Event, TimeStatus
from dateline.query import (
    EventFilter,
    dyad_timeline,
    find_events,
    find_mentions,
    run_sql,
    top_actors,
)
from dateline.store import Store

TEXT = "Turkish forces shelled Syrian army posts. Officials from both sides met later."

# (type, quad, score, actors, recipients, date)
Coded = tuple[str, int, float, tuple[str, ...], tuple[str, ...], str]


def party(code: str) -> Actor:
    return Actor(start=0, end=7, text="Turkish", code=code, sector="GOV", kind=ActorKind.STATE)


def article(aid: str, published: date, source: str, *coded: Coded) -> Analysis:
    events = tuple(
        Event(
            id=f"{aid}-{i}", type=kind, mode=None, context=(), cameo="190" if quad == 4 else "040",
            actors=tuple(party(c) for c in actors), recipients=tuple(party(c) for c in recipients),
            date=when, time_status=TimeStatus.CURRENT, location=None, quad_code=quad, score=score,
            start=0, end=40, trigger="shelled", trigger_start=15, trigger_end=22, confidence=0.8,
        )
        for i, (kind, quad, score, actors, recipients, when) in enumerate(coded)
    )  # fmt: skip
    return Analysis(
        article=Article(id=ArticleId(aid), text=TEXT, published=published, source=source),
        events=events,
    )


def build(path: Path) -> None:
    with Store.open(path) as store:
        store.save([
            article("jan-a", date(2023, 1, 5), "Reuters",
                    ("ASSAULT", 4, -10.0, ("TUR",), ("SYR",), "2023-01-05")),
            article("jan-b", date(2023, 1, 5), "AFP",
                    ("ASSAULT", 4, -10.0, ("TUR",), ("SYR",), "2023-01-05")),
            article("mar", date(2023, 3, 2), "AP",
                    ("CONSULT", 1, 1.0, ("TUR", "SYR"), (), "2023-03-01"),
                    ("ACCUSE", 3, -2.0, ("SYR",), ("TUR",), "2023-03-01")),
            article("rus", date(2023, 3, 9), "TASS",
                    ("AID", 2, 7.0, ("RUS",), ("SYR",), "2023-03-09")),
        ])  # fmt: skip


def reader(tmp_path: Path) -> Store:
    path = tmp_path / "q.duckdb"
    build(path)
    return Store.open(path, read_only=True)


def test_find_events_lists_each_real_world_event_once_with_its_reach(tmp_path: Path) -> None:
    with reader(tmp_path) as store:
        result = find_events(store, EventFilter(type="ASSAULT"))

    [row] = list(result.records())
    assert (row["actor"], row["recipient"], row["num_mentions"], row["num_sources"]) == (
        "TUR/GOV",
        "SYR/GOV",
        2,
        2,
    )


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (EventFilter(actor="tur"), {"ASSAULT", "CONSULT"}),
        (EventFilter(recipient="SYR"), {"ASSAULT", "AID"}),
        (EventFilter(type="04"), {"CONSULT", "ACCUSE", "AID"}),
        (EventFilter(since=date(2023, 3, 2)), {"AID"}),
        (EventFilter(until=date(2023, 2, 1)), {"ASSAULT"}),
        (EventFilter(min_mentions=2), {"ASSAULT"}),
    ],
)
def test_find_events_applies_each_filter(
    tmp_path: Path, where: EventFilter, expected: set[str]
) -> None:
    with reader(tmp_path) as store:
        result = find_events(store, where)

    assert {r["event"] for r in result.records()} == expected


def test_find_mentions_gives_each_report_with_its_sentence(tmp_path: Path) -> None:
    with reader(tmp_path) as store:
        result = find_mentions(store, EventFilter(type="ASSAULT"))

    rows = list(result.records())
    assert sorted(r["outlet"] for r in rows) == ["AFP", "Reuters"]
    assert {r["sentence"] for r in rows} == {TEXT[0:40]}
    assert len({r["event_id"] for r in rows}) == 1


def test_dyad_timeline_counts_quad_classes_per_month_with_empty_months(tmp_path: Path) -> None:
    with reader(tmp_path) as store:
        result = dyad_timeline(store, "TUR", "SYR", by="month")

    rows = [(r["period"], r["verbal_cooperation"], r["verbal_conflict"], r["material_conflict"],
             r["events"], r["mentions"], r["mean_score"]) for r in result.records()]  # fmt: skip
    assert rows == [
        ("2023-01-01", 0, 0, 1, 1, 2, -10.0),
        ("2023-02-01", 0, 0, 0, 0, 0, None),
        ("2023-03-01", 1, 1, 0, 2, 2, -0.5),
    ]


def test_dyad_timeline_directed_leaves_out_the_other_direction(tmp_path: Path) -> None:
    with reader(tmp_path) as store:
        result = dyad_timeline(store, "SYR", "TUR", by="year", directed=True)

    [row] = list(result.records())
    # SYR accused TUR, and the hostless meeting counts for every pair; TUR's shelling does not
    assert (row["verbal_conflict"], row["verbal_cooperation"], row["material_conflict"]) == (
        1,
        1,
        0,
    )


def test_dyad_timeline_refuses_an_unknown_period_and_a_bad_code(tmp_path: Path) -> None:
    with reader(tmp_path) as store:
        with pytest.raises(InputError, match="choose one of day, week"):
            dyad_timeline(store, "TUR", "SYR", by="fortnight")
        with pytest.raises(InputError, match="'Turkey' is not an actor code"):
            dyad_timeline(store, "Turkey", "SYR")


def test_top_actors_ranks_by_events_taken_part_in(tmp_path: Path) -> None:
    with reader(tmp_path) as store:
        result = top_actors(store)

    ranking = [
        (r["actor"], r["events"], r["as_actor"], r["as_recipient"]) for r in result.records()
    ]
    assert ranking == [("SYR", 4, 2, 2), ("TUR", 3, 2, 1), ("RUS", 1, 1, 0)]


def test_run_sql_answers_read_only_queries(tmp_path: Path) -> None:
    with reader(tmp_path) as store:
        result = run_sql(store, "select count(*) as n from event_mentions")

    assert list(result.records()) == [{"n": 5}]


def test_run_sql_refuses_to_write(tmp_path: Path) -> None:
    with reader(tmp_path) as store, pytest.raises(InputError, match="read-only"):
        run_sql(store, "delete from events")


def test_event_filter_names_the_bad_event_type() -> None:
    with pytest.raises(InputError, match="'MEETING' is neither a PLOVER type"):
        EventFilter(type="MEETING").where()


@pytest.mark.issue(9)
def test_events_that_did_not_happen_are_stored_but_not_counted(tmp_path):
    path = tmp_path / "status.duckdb"
    happened = article(
        "a", date(2023, 5, 1), "AP", ("ASSAULT", 4, -10.0, ("TUR",), ("SYR",), "2023-05-01")
    )
    denied = Event(**{**{f: getattr(happened.events[0], f) for f in happened.events[0].__dataclass_fields__},
                      "id": "b-0", "type": "CONSULT", "cameo": "040", "quad_code": 1,
                      "time_status": TimeStatus.NEGATED})  # fmt: skip
    not_done = Analysis(
        article=Article(id=ArticleId("b"), text=TEXT, published=date(2023, 5, 2), source="AFP"),
        events=(denied,),
    )
    with Store.open(path) as store:
        store.save([happened, not_done])
    with Store.open(path, read_only=True) as store:
        counted = find_events(store, EventFilter(), 0)
        everything = find_events(store, EventFilter(statuses=None), 0)
        negated = find_events(store, EventFilter(statuses=("negated",)), 0)
    assert [r["event"] for r in counted.records()] == ["ASSAULT"]
    assert sorted(r["event"] for r in everything.records()) == ["ASSAULT", "CONSULT"]
    assert [r["event"] for r in negated.records()] == ["CONSULT"]


@pytest.mark.issue(9)
def test_status_option_is_checked():
    from dateline.query.filters import statuses

    assert statuses("all") is None
    assert statuses("happened") == ("current", "historical")
    assert statuses("current,negated") == ("current", "negated")
    with pytest.raises(InputError, match="--status"):
        statuses("maybe")
