"""Choosing among homonyms: priors, shadowed divisions, context and qualifiers."""

from __future__ import annotations

import pytest

from dateline.stages.gazetteer import Entry, Feature, NameKind
from dateline.stages.geocoding import Context, best, contains, distance_km, readings


def entry(
    entry_id: int, country: str, *, feature: Feature = Feature.CITY, population: int = 10_000,
    admin1: str | None = None, lat: float = 0.0, lon: float = 0.0, capital: bool = False,
    name: str = "Springfield", kind: NameKind = NameKind.MAIN,
) -> Entry:  # fmt: skip
    return Entry(id=entry_id, name=name, country=country, admin1=admin1, lat=lat, lon=lon,
                 population=population, feature=feature, is_capital=capital, kind=kind)  # fmt: skip


def test_best_prefers_the_larger_place_without_context() -> None:
    small, large = entry(1, "USA", population=5_000), entry(2, "GBR", population=500_000)
    chosen, margin = best([small, large], Context())
    assert chosen == large
    assert margin == pytest.approx(2.0, abs=0.01)


def test_best_follows_the_dateline_country() -> None:
    small, large = entry(1, "USA", population=50_000), entry(2, "GBR", population=500_000)
    chosen, _ = best([small, large], Context(dateline_country="USA"))
    assert chosen == small


def test_best_follows_a_written_qualifier() -> None:
    idaho = entry(10, "USA", feature=Feature.ADMIN1, name="Idaho")
    moscow_idaho = entry(1, "USA", admin1="Idaho", population=25_000)
    moscow = entry(2, "RUS", population=10_000_000, capital=True)
    chosen, _ = best([moscow_idaho, moscow], Context(), [idaho])
    assert chosen == moscow_idaho


def test_best_of_nothing_is_none() -> None:
    assert best([], Context()) == (None, 0.0)


def test_readings_drop_a_division_named_like_its_city() -> None:
    city = entry(1, "SYR", admin1="Aleppo", population=2_000_000, name="Aleppo")
    division = entry(2, "SYR", feature=Feature.ADMIN1, population=3_000_000, name="Aleppo")
    assert readings([division, city]) == [city]
    assert readings([division, city], division_named=True) == [division]


def test_readings_keep_a_division_over_a_small_town_of_another_name() -> None:
    # "Maryland" is also an alternate name of Maryland City, a town of 16,000 in the state
    state = entry(1, "USA", feature=Feature.ADMIN1, population=6_000_000, name="Maryland")
    town = entry(2, "USA", admin1="Maryland", population=16_000, kind=NameKind.ALTERNATE)
    assert readings([state, town]) == [state, town]
    # "New York" is the city, a large part of the state
    ny_state = entry(3, "USA", feature=Feature.ADMIN1, population=20_000_000, name="New York")
    ny_city = entry(4, "USA", admin1="New York", population=8_800_000, kind=NameKind.ALTERNATE)
    assert readings([ny_state, ny_city]) == [ny_city]


def test_readings_keep_abbreviations_only_where_asked() -> None:
    state = entry(1, "USA", feature=Feature.ADMIN1, kind=NameKind.ABBREVIATION)
    assert readings([state]) == []
    assert readings([state], abbreviations=True) == [state]


def test_context_share_counts_places_more_than_actors() -> None:
    context = Context()
    context.add(entry(1, "LBN"))
    context.add_country("SYR")
    assert context.share("LBN") == pytest.approx(2 / 3)
    assert context.share(None) == 0.0


def test_contains_reads_countries_and_first_order_divisions() -> None:
    town = entry(1, "USA", admin1="Idaho")
    assert contains(entry(2, "USA", feature=Feature.COUNTRY), town)
    assert contains(entry(3, "USA", feature=Feature.ADMIN1, name="Idaho"), town)
    assert not contains(entry(4, "USA", feature=Feature.ADMIN1, name="Texas"), town)
    assert not contains(town, town)


def test_distance_km_between_ankara_and_moscow() -> None:
    assert distance_km(39.93, 32.86, 55.75, 37.62) == pytest.approx(1780, rel=0.02)


def test_best_prefers_the_homonym_near_a_place_named_for_certain() -> None:
    # two villages of one name, the smaller 20 km from a town the article names
    far = entry(1, "GBR", population=6_000, lat=51.5, lon=-3.2)
    near = entry(2, "GBR", population=1_500, lat=53.67, lon=-1.63)
    context = Context()
    assert best([far, near], context)[0] == far
    context.add(entry(3, "GBR", population=60_000, lat=53.69, lon=-1.63))
    assert best([far, near], context)[0] == near


def test_best_prefers_the_homonym_in_a_county_the_article_names() -> None:
    county = entry(10, "USA", feature=Feature.ADMIN2, name="Latah County", lat=46.8, lon=-116.8)
    other = Entry(
        id=1,
        name="Troy",
        country="USA",
        admin1="Ohio",
        admin2="Miami County",
        lat=40.0,
        lon=-84.2,
        population=26_000,
        feature=Feature.CITY,
        is_capital=False,
    )
    local = Entry(
        id=2,
        name="Troy",
        country="USA",
        admin1="Idaho",
        admin2="Latah County",
        lat=46.7,
        lon=-116.8,
        population=900,
        feature=Feature.CITY,
        is_capital=False,
    )
    context = Context()
    context.add(county)
    assert best([other, local], context)[0] == local


def test_context_share_can_leave_out_the_name_judged() -> None:
    context = Context()
    context.add(entry(1, "JOR"))
    context.add(entry(2, "EGY"))
    assert context.share("JOR") == pytest.approx(0.5)
    assert context.share("JOR", own=1.0) == 0.0
