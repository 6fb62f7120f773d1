"""Resolving time expression forms against an anchor date: pure calendar arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.model import Precision
from dateline.stages.timeforms import (
    Ago,
    CalendarDate,
    DaysOf,
    Deixis,
    Lean,
    Period,
    Range,
    Relative,
    Season,
    Unit,
    Weekend,
    YearPart,
    borrow_fields,
)

THURSDAY = date(2016, 10, 13)


@pytest.mark.parametrize(
    ("lean", "expected"),
    [
        (Lean.PAST, date(2016, 10, 11)),
        (Lean.FUTURE, date(2016, 10, 18)),
        (Lean.NEAREST, date(2016, 10, 11)),
    ],
)
def test_weekday_follows_lean(lean: Lean, expected: date) -> None:
    assert CalendarDate(weekday=1).resolve(THURSDAY, lean) == Period(expected, Precision.DAY)


@pytest.mark.parametrize("lean", [Lean.PAST, Lean.FUTURE, Lean.NEAREST])
def test_weekday_of_the_anchor_is_the_anchor(lean: Lean) -> None:
    assert CalendarDate(weekday=3).resolve(THURSDAY, lean) == Period(THURSDAY, Precision.DAY)


@pytest.mark.parametrize(
    ("deixis", "expected"),
    [
        (Deixis.LAST, date(2016, 10, 7)),
        (Deixis.NEXT, date(2016, 10, 14)),
        (Deixis.THIS, date(2016, 10, 14)),
    ],
)
def test_weekday_follows_deixis(deixis: Deixis, expected: date) -> None:
    found = CalendarDate(weekday=4, deixis=deixis).resolve(THURSDAY, Lean.PAST)
    assert found == Period(expected, Precision.DAY)


@pytest.mark.parametrize(
    ("month", "lean", "expected"),
    [
        (12, Lean.PAST, date(2015, 12, 1)),
        (12, Lean.FUTURE, date(2016, 12, 1)),
        (10, Lean.PAST, date(2016, 10, 1)),
        (3, Lean.FUTURE, date(2017, 3, 1)),
        (2, Lean.NEAREST, date(2017, 2, 1)),
        (5, Lean.NEAREST, date(2016, 5, 1)),
    ],
)
def test_month_follows_lean(month: int, lean: Lean, expected: date) -> None:
    assert CalendarDate(month=month).resolve(THURSDAY, lean) == Period(expected, Precision.MONTH)


def test_last_month_name_is_strictly_before_the_anchor_month() -> None:
    found = CalendarDate(month=10, deixis=Deixis.LAST).resolve(THURSDAY, Lean.FUTURE)
    assert found == Period(date(2015, 10, 1), Precision.MONTH)


def test_month_day_skips_a_year_without_the_day() -> None:
    found = CalendarDate(month=2, day=29).resolve(date(2017, 3, 1), Lean.PAST)
    assert found == Period(date(2016, 2, 29), Precision.DAY)


def test_month_day_year_chosen_by_written_weekday() -> None:
    # "Wednesday, December 20": only 2017 fits, though the lean points ahead
    found = CalendarDate(month=12, day=20, weekday=2).resolve(date(2018, 1, 3), Lean.FUTURE)
    assert found == Period(date(2017, 12, 20), Precision.DAY)


def test_impossible_written_date_has_no_value() -> None:
    assert CalendarDate(year=2015, month=2, day=30).resolve(THURSDAY, Lean.PAST) is None


def test_relative_forms_need_an_anchor() -> None:
    assert Relative(Unit.WEEK, -1).resolve(None, Lean.PAST) is None
    assert CalendarDate(weekday=1).resolve(None, Lean.PAST) is None


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        (Relative(Unit.WEEK, -1), Period(date(2016, 10, 3), Precision.WEEK)),
        (Relative(Unit.MONTH, 1), Period(date(2016, 11, 1), Precision.MONTH)),
        (Relative(Unit.MONTH, -10), Period(date(2015, 12, 1), Precision.MONTH)),
        (Relative(Unit.YEAR, -1), Period(date(2015, 1, 1), Precision.YEAR)),
        (Relative(Unit.DAY, -1), Period(date(2016, 10, 12), Precision.DAY)),
        (Ago(Unit.WEEK, 2), Period(date(2016, 9, 29), Precision.DAY)),
        (Ago(Unit.MONTH, 3), Period(date(2016, 7, 1), Precision.MONTH)),
    ],
)
def test_relative_counts_from_the_anchor(form: Relative | Ago, expected: Period) -> None:
    assert form.resolve(THURSDAY, Lean.PAST) == expected


def test_winter_runs_into_the_next_year() -> None:
    found = Season("winter", 2013).resolve(None, Lean.PAST)
    assert found == Period(date(2013, 12, 1), Precision.MONTH, date(2014, 2, 28))


@pytest.mark.parametrize(
    ("season", "deixis", "expected"),
    [
        ("summer", Deixis.THIS, date(2016, 6, 1)),
        ("summer", Deixis.LAST, date(2016, 6, 1)),
        ("summer", Deixis.NEXT, date(2017, 6, 1)),
        ("autumn", Deixis.THIS, date(2016, 9, 1)),
        ("spring", None, date(2016, 3, 1)),
    ],
)
def test_season_without_year(season: str, deixis: Deixis | None, expected: date) -> None:
    found = Season(season, deixis=deixis).resolve(THURSDAY, Lean.PAST)
    assert found is not None
    assert found.value == expected


def test_weekend_in_past_text_is_the_one_before() -> None:
    found = Weekend().resolve(THURSDAY, Lean.PAST)
    assert found == Period(date(2016, 10, 8), Precision.DAY, date(2016, 10, 9))


def test_quarter_without_year_in_past_text() -> None:
    found = YearPart(3, 4).resolve(date(2013, 2, 1), Lean.PAST)
    assert found == Period(date(2012, 10, 1), Precision.MONTH, date(2012, 12, 31))


def test_days_of_month_count_back_from_its_end() -> None:
    found = DaysOf(CalendarDate(month=9), 12, from_end=True).resolve(THURSDAY, Lean.PAST)
    assert found == Period(date(2016, 9, 19), Precision.DAY, date(2016, 9, 30))


def test_range_places_its_first_end_before_its_last() -> None:
    found = Range(CalendarDate(month=12, day=20), CalendarDate(month=1, day=5)).resolve(
        date(2017, 1, 20), Lean.PAST
    )
    assert found == Period(date(2016, 12, 20), Precision.DAY, date(2017, 1, 5))


def test_range_takes_the_coarser_precision() -> None:
    found = Range(CalendarDate(year=2011, month=3), CalendarDate(year=2013)).resolve(
        None, Lean.PAST
    )
    assert found == Period(date(2011, 3, 1), Precision.YEAR, date(2013, 12, 31))


def test_borrow_fields_fills_a_bare_day_from_the_last_end() -> None:
    last = CalendarDate(year=2017, month=5, day=28)
    assert borrow_fields(CalendarDate(day=27), last) == CalendarDate(year=2017, month=5, day=27)
