"""The time expression grammar: which spans it finds in raw text."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.stages.timeforms import CalendarDate, Decade, Lean, Range, Relative, Unit
from dateline.stages.timex import Bare, find_timexes


def _spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_timexes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ANKARA, May 10 (Reuters) - They met on Wednesday.", ["May 10", "Wednesday"]),
        ("Wednesday 16 November 2016 The council voted.", ["Wednesday 16 November 2016"]),
        ("Posted on July 20 2016 by the agency", ["July 20 2016"]),
        ("In this Oct. 11 2016 file photo", ["Oct. 11 2016"]),
        (
            "troops came in early on Friday and again on Friday evening",
            ["Friday", "Friday evening"],
        ),
        ("It fell in late May and the end of July.", ["late May", "the end of July"]),
        (
            "the beginning of the week and earlier this month",
            ["the beginning of the week", "earlier this month"],
        ),
        (
            "killed between April 27 and May 18 and in 2015-16",
            ["between April 27 and May 18", "2015-16"],
        ),
        ("married from 1943 to 1947", ["from 1943 to 1947"]),
        ("since the 1980s and the 19th century", ["the 1980s", "the 19th century"]),
    ],
)
def test_find_timexes_spans(text: str, expected: list[str]) -> None:
    assert _spans(text) == expected


def test_find_timexes_prefers_the_longest_reading() -> None:
    [found] = find_timexes("It began in March 2011.")
    assert found.form == CalendarDate(year=2011, month=3)


@pytest.mark.parametrize(
    ("text", "bare"),
    [("in May", Bare.MONTH), ("since 2011", Bare.YEAR), ("Tuesdays vote", Bare.WEEKDAYS)],
)
def test_find_timexes_marks_words_that_need_context(text: str, bare: Bare) -> None:
    [found] = find_timexes(text)
    assert found.bare is bare


@pytest.mark.parametrize(
    "text",
    [
        "the past week",  # a duration
        "the next year",  # a duration
        "a few days ago",  # too vague to place
        "at 1700 GMT",  # not a year
        "in his 50s",  # an age
        "the 16 - year - old",
        "the week",
    ],
)
def test_find_timexes_ignores(text: str) -> None:
    assert [text[f.start : f.end] for f in find_timexes(text) if f.bare is None] == []


def test_find_timexes_reads_relative_shift() -> None:
    [found] = find_timexes("Prices rose this past week.")
    assert found.form == Relative(Unit.WEEK, -1)


def test_find_timexes_reads_short_decade() -> None:
    [found] = find_timexes("Throughout the 50s she posed for magazines.")
    assert found.form == Decade(1950)


def test_find_timexes_rejects_mixed_range() -> None:
    found = find_timexes("Scores were 3-2 May.")
    assert not any(isinstance(f.form, Range) for f in found)


@pytest.mark.issue(11)
def test_a_month_of_last_year_is_one_expression() -> None:
    [found] = find_timexes("In August last year a car bomb killed 27 people.")
    period = found.form.resolve(date(2013, 8, 18), Lean.NEAREST)
    assert period is not None
    assert (period.value, period.precision.value) == (date(2012, 8, 1), "month")
