"""Merging event mentions from many articles into real-world events (no database needed)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from dateline.model import Actor, ActorKind, Article, ArticleId, Event, TimeStatus
from dateline.store.merge import MergeMention, merge_events, merge_key


def mention(
    article: str, day: date | None, *, country: str | None = "SYR", outlet: str = "Reuters",
    key: str = "ASSAULT|RUS|SYR|factual|day", idx: int = 0, story: str | None = None,
) -> MergeMention:  # fmt: skip
    location = None if country is None else {"name": "Idlib", "country": country}
    return MergeMention(
        article_id=article, idx=idx, merge_key=key, day=day,
        coded_date=day.isoformat() if day else None, date_precision="day" if day else None,
        type=key.split("|")[0], mode=None, context=("military",), cameo="195", quad_code=4,
        score=-10.0, actors=(("RUS", "MIL", None),), recipients=(("SYR", None, None),),
        time_status="current", location=location, seen=day, outlet=outlet,
        story_id=story or article, is_root=idx == 0,
    )  # fmt: skip


MAY_10 = date(2023, 5, 10)


def test_merge_joins_reports_of_one_event_from_several_outlets() -> None:
    reports = [mention("a", MAY_10, outlet="Reuters"), mention("b", MAY_10, outlet="AFP"),
               mention("c", MAY_10 + timedelta(days=1), outlet="AFP")]  # fmt: skip

    [event] = merge_events(reports)

    row = event.row
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (3, 3, 2)
    assert (row["first_seen"], row["last_seen"]) == (MAY_10, MAY_10 + timedelta(days=1))
    assert row["date"] == "2023-05-10"
    assert set(event.members) == {("a", 0), ("b", 0), ("c", 0)}


def test_merge_keeps_a_daily_series_of_similar_events_apart() -> None:
    reports = [mention(f"day{i}", MAY_10 + timedelta(days=i)) for i in range(6)]

    events = merge_events(reports)

    assert len(events) == 3  # windows of TOLERANCE_DAYS + 1 days, anchored on the first report


def test_merge_keeps_events_in_different_countries_apart() -> None:
    reports = [mention("a", MAY_10, country="SYR"), mention("b", MAY_10, country="IRQ")]

    assert len(merge_events(reports)) == 2


def test_merge_joins_an_unlocated_report_to_the_one_located_event_that_day() -> None:
    reports = [mention("a", MAY_10, country="SYR"), mention("b", MAY_10, country=None)]

    [event] = merge_events(reports)

    assert event.row["location"]["country"] == "SYR"  # type: ignore[index]


def test_merge_counts_a_syndicated_copy_as_an_article_but_not_a_story() -> None:
    reports = [mention("wire", MAY_10), mention("copy", MAY_10, outlet="Site", story="wire")]

    [event] = merge_events(reports)

    assert (event.row["num_articles"], event.row["num_stories"]) == (2, 1)


def test_merge_result_does_not_depend_on_input_order() -> None:
    reports = [mention(f"a{i}", MAY_10 + timedelta(days=i % 4), country=("SYR", "IRQ", None)[i % 3],
                       outlet=f"o{i % 5}") for i in range(30)]  # fmt: skip
    shuffled = reports[:]
    random.Random(7).shuffle(shuffled)

    first = sorted((e.row["id"], sorted(e.members)) for e in merge_events(reports))
    second = sorted((e.row["id"], sorted(e.members)) for e in merge_events(shuffled))

    assert first == second


def event(
    actors: tuple[str | None, ...],
    recipients: tuple[str | None, ...],
    status: TimeStatus = TimeStatus.CURRENT,
    when: str | None = "2023-05-10",
) -> Event:
    def actor(code: str | None) -> Actor:
        return Actor(start=0, end=1, text="x", code=code, kind=ActorKind.STATE)

    return Event(
        id="e", type="ASSAULT", mode=None, context=(), cameo="190",
        actors=tuple(actor(c) for c in actors), recipients=tuple(actor(c) for c in recipients),
        date=when, time_status=status, location=None, quad_code=4, score=-10.0, start=0, end=1,
        trigger="x", trigger_start=0, trigger_end=1, confidence=1.0,
    )  # fmt: skip


ARTICLE = Article(id=ArticleId("a"), text="x", published=date(2023, 5, 10))


def test_merge_key_ignores_participant_order_and_repeats() -> None:
    assert merge_key(event(("TUR", "SYR", "TUR"), ()), ARTICLE, 0) == merge_key(
        event(("SYR", "TUR"), ()), ARTICLE, 1
    )


def test_merge_key_treats_current_and_historical_alike_but_not_negated() -> None:
    current = merge_key(event(("RUS",), ("SYR",)), ARTICLE, 0)

    assert merge_key(event(("RUS",), ("SYR",), TimeStatus.HISTORICAL), ARTICLE, 0) == current
    assert merge_key(event(("RUS",), ("SYR",), TimeStatus.NEGATED), ARTICLE, 0) != current


def test_merge_key_keeps_an_event_with_no_coded_participant_alone() -> None:
    first = merge_key(event((None,), ()), ARTICLE, 0)

    assert first != merge_key(event((None,), ()), ARTICLE, 1)


def test_merge_key_matches_month_dates_only_with_the_same_month() -> None:
    may = merge_key(event(("RUS",), ("SYR",), when="2023-05"), ARTICLE, 0)

    assert may == merge_key(event(("RUS",), ("SYR",), when="2023-05"), ARTICLE, 1)
    assert may != merge_key(event(("RUS",), ("SYR",), when="2023-06"), ARTICLE, 0)
    assert may != merge_key(event(("RUS",), ("SYR",), when="2023-05-10"), ARTICLE, 0)


def test_merge_keeps_the_most_specific_place_its_reports_give() -> None:
    from dataclasses import replace

    country = replace(mention("a", MAY_10), location={"name": "Syria", "country": "SYR"},
                      location_source="clause", location_precision="country")  # fmt: skip
    borrowed = replace(mention("b", MAY_10), location={"name": "Aleppo", "country": "SYR"},
                       location_source="article", location_precision="city")  # fmt: skip
    own = replace(mention("c", MAY_10), location={"name": "Aleppo", "country": "SYR"},
                  location_source="clause", location_precision="city")  # fmt: skip

    [event] = merge_events([country, borrowed, own])

    assert event.row["location"]["name"] == "Aleppo"  # type: ignore[index]
    assert (event.row["location_precision"], event.row["location_source"]) == ("city", "clause")
    assert event.row["date_source"] is None  # these reports do not say where their date came from
