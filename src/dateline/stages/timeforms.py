"""What a time expression says (its form), and the period it names once set against an
anchor date and a lean from the clause's tense: "December" + 2023-05-10 + past -> 2022-12.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from dateline.model import Precision
from dateline.timewords import SEASONS

_ORDER = (Precision.DAY, Precision.WEEK, Precision.MONTH, Precision.YEAR)


class Lean(StrEnum):
    """Which way an under-specified date ("May 19", "Friday") lies from the anchor."""

    PAST = "past"  # the latest such date on or before the anchor
    FUTURE = "future"  # the earliest on or after it
    NEAREST = "nearest"  # whichever is closer; a tie goes to the past


class Deixis(StrEnum):
    """An explicit "last", "next" or "this" before a month, weekday or season name."""

    LAST = "last"  # strictly before the anchor's month/day/season
    NEXT = "next"  # strictly after it
    THIS = "this"  # in the anchor's year (months, seasons) or week (weekdays)


class Unit(StrEnum):
    """The calendar unit of a relative expression."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Period:
    """A resolved time: first day, precision, and last day where it is a range."""

    value: date
    precision: Precision
    end: date | None = None

    def last_day(self) -> date:
        """The last day the period covers."""
        return self.end if self.end is not None else period_end(self.value, self.precision)


def period_end(value: date, precision: Precision) -> date:
    """The last day of the period of ``precision`` that starts at ``value``."""
    if precision is Precision.WEEK:
        return value + timedelta(days=6)
    if precision is Precision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision is Precision.YEAR:
        return value.replace(month=12, day=31)
    return value


def coarser(first: Precision, second: Precision) -> Precision:
    """The less precise of two precisions."""
    return max(first, second, key=_ORDER.index)


def add_months(value: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) the month of ``value``."""
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _pick(
    candidates: Sequence[tuple[int, date]],
    anchor: int,
    lean: Lean,
    deixis: Deixis | None,
    is_this: Callable[[date], bool],
) -> date | None:
    """Choose among dated candidates keyed on a comparable index (day or month number)."""
    if deixis is Deixis.LAST:
        chosen = [c for c in candidates if c[0] < anchor]
        return max(chosen)[1] if chosen else None
    if deixis is Deixis.NEXT:
        chosen = [c for c in candidates if c[0] > anchor]
        return min(chosen)[1] if chosen else None
    if deixis is Deixis.THIS:
        this = [c for c in candidates if is_this(c[1])]
        if this:
            return min(this, key=lambda c: (abs(c[0] - anchor), c[0]))[1]
    if lean is Lean.PAST:
        chosen = [c for c in candidates if c[0] <= anchor]
        return max(chosen)[1] if chosen else None
    if lean is Lean.FUTURE:
        chosen = [c for c in candidates if c[0] >= anchor]
        return min(chosen)[1] if chosen else None
    return min(candidates, key=lambda c: (abs(c[0] - anchor), c[0]))[1] if candidates else None


def _month_key(value: date) -> int:
    return value.year * 12 + value.month - 1


@dataclass(frozen=True, slots=True)
class CalendarDate:
    """A date by its calendar fields, any of which may be missing: "May 19", "March 2011",
    "Friday", "2013", "Wednesday 16 November 2016"."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    deixis: Deixis | None = None

    @property
    def is_absolute(self) -> bool:
        """The year is written, so no anchor is needed."""
        return self.year is not None

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The period named, choosing the year (or week) from the anchor and lean."""
        if self.year is not None:
            return self._absolute(self.year)
        if anchor is None:
            return None
        if self.month is not None and self.day is not None:
            return self._month_day(anchor, self.month, self.day, lean)
        if self.month is not None:
            found = _pick(
                [
                    (_month_key(date(y, self.month, 1)), date(y, self.month, 1))
                    for y in _years(anchor)
                ],
                _month_key(anchor),
                lean,
                self.deixis,
                lambda c: c.year == anchor.year,
            )
            return Period(found, Precision.MONTH) if found else None
        if self.weekday is not None:
            days = [anchor + timedelta(days=k) for k in range(-7, 8)]
            week = anchor.isocalendar()[:2]
            found = _pick(
                [(d.toordinal(), d) for d in days if d.weekday() == self.weekday],
                anchor.toordinal(),
                lean,
                self.deixis,
                lambda c: c.isocalendar()[:2] == week,
            )
            return Period(found, Precision.DAY) if found else None
        return None

    def _absolute(self, year: int) -> Period | None:
        try:
            if self.month is not None and self.day is not None:
                return Period(date(year, self.month, self.day), Precision.DAY)
            if self.month is not None:
                return Period(date(year, self.month, 1), Precision.MONTH)
            return Period(date(year, 1, 1), Precision.YEAR)
        except ValueError:  # "February 30 2015": not a date, so no value
            return None

    def _month_day(self, anchor: date, month: int, day: int, lean: Lean) -> Period | None:
        candidates: list[tuple[int, date]] = []
        for year in _years(anchor):
            try:
                candidates.append((date(year, month, day).toordinal(), date(year, month, day)))
            except ValueError:
                continue
        if self.weekday is not None:
            # "Wednesday, May 17": the weekday tells the year when only one candidate fits
            fitting = [c for c in candidates if c[1].weekday() == self.weekday]
            if len(fitting) == 1:
                return Period(fitting[0][1], Precision.DAY)
        found = _pick(candidates, anchor.toordinal(), lean, self.deixis, lambda c: True)
        return Period(found, Precision.DAY) if found else None


def _years(anchor: date) -> range:
    return range(anchor.year - 1, anchor.year + 2)


@dataclass(frozen=True, slots=True)
class Season:
    """ "the summer of 2013", "spring 2015", "this summer", "last winter": months, at month
    precision (the records have no season precision), with the last day as ``end``."""

    name: str
    year: int | None = None
    deixis: Deixis | None = None

    @property
    def is_absolute(self) -> bool:
        """The year is written, so no anchor is needed."""
        return self.year is not None

    def span(self, year: int) -> Period:
        """The season of ``year`` (a winter runs from December into the next year)."""
        first, _, last = SEASONS[self.name]
        start = date(year, first, 1)
        end_year = year + 1 if last < first else year
        return Period(start, Precision.MONTH, period_end(date(end_year, last, 1), Precision.MONTH))

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The season named, in the year the anchor, deixis and lean choose."""
        if self.year is not None:
            return self.span(self.year)
        if anchor is None:
            return None
        spans = [self.span(y) for y in range(anchor.year - 2, anchor.year + 2)]
        if self.deixis is Deixis.LAST:
            return max((s for s in spans if s.last_day() < anchor), key=lambda s: s.value)
        if self.deixis is Deixis.NEXT:
            return min((s for s in spans if s.value > anchor), key=lambda s: s.value)
        holding = [s for s in spans if s.value <= anchor <= s.last_day()]
        if holding:
            return holding[0]
        if self.deixis is Deixis.THIS:
            return self.span(anchor.year if SEASONS[self.name][0] != 12 else anchor.year - 1)
        before = max((s for s in spans if s.last_day() < anchor), key=lambda s: s.value)
        after = min((s for s in spans if s.value > anchor), key=lambda s: s.value)
        if lean is Lean.FUTURE:
            return after
        if lean is Lean.PAST:
            return before
        return before if (anchor - before.last_day()) <= (after.value - anchor) else after


@dataclass(frozen=True, slots=True)
class Decade:
    """ "the 1980s": the ten years, at year precision with the last day as ``end``."""

    start_year: int
    is_absolute = True

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The decade; no anchor is needed."""
        return Period(
            date(self.start_year, 1, 1), Precision.YEAR, date(self.start_year + 9, 12, 31)
        )


@dataclass(frozen=True, slots=True)
class Century:
    """ "the 19th century": the hundred years, at year precision with the last day as ``end``."""

    start_year: int
    is_absolute = True

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The century; no anchor is needed."""
        return Period(
            date(self.start_year, 1, 1), Precision.YEAR, date(self.start_year + 99, 12, 31)
        )


@dataclass(frozen=True, slots=True)
class YearPart:
    """A quarter or half of a year: "the fourth quarter", "Q1 2012", "the first half of
    2016". Months, at month precision (the records have no quarter precision)."""

    months: int  # 3 for a quarter, 6 for a half
    index: int  # 1-based
    year: int | None = None
    year_shift: int | None = None  # "of this year" 0, "of last year" -1
    deixis: Deixis | None = None

    @property
    def is_absolute(self) -> bool:
        """The year is written, so no anchor is needed."""
        return self.year is not None

    def span(self, year: int) -> Period:
        """This part of ``year``."""
        first = date(year, (self.index - 1) * self.months + 1, 1)
        return Period(first, Precision.MONTH, add_months(first, self.months) - timedelta(days=1))

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The part of the year written, or chosen by the anchor, deixis and lean."""
        if self.year is not None:
            return self.span(self.year)
        if anchor is None:
            return None
        if self.year_shift is not None:
            return self.span(anchor.year + self.year_shift)
        found = _pick(
            [(_month_key(p.value), p.value) for p in map(self.span, _years(anchor))],
            _month_key(anchor) - (anchor.month - 1) % self.months,
            lean,
            self.deixis,
            lambda c: c.year == anchor.year,
        )
        return self.span(found.year) if found else None


@dataclass(frozen=True, slots=True)
class Weekend:
    """ "the weekend", "last weekend": a Saturday and Sunday, at day precision."""

    deixis: Deixis | None = None
    is_absolute = False

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The weekend the anchor, deixis and lean choose."""
        saturday = CalendarDate(weekday=5, deixis=self.deixis).resolve(anchor, lean)
        if saturday is None:
            return None
        return Period(saturday.value, Precision.DAY, saturday.value + timedelta(days=1))


@dataclass(frozen=True, slots=True)
class Relative:
    """A unit counted from the anchor: "last week" (week, -1), "this year", "yesterday"."""

    unit: Unit
    shift: int
    is_absolute = False

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The unit ``shift`` steps from the anchor's."""
        if anchor is None:
            return None
        if self.unit is Unit.DAY:
            return Period(anchor + timedelta(days=self.shift), Precision.DAY)
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=self.shift)
        if self.unit is Unit.WEEK:
            return Period(monday, Precision.WEEK)
        if self.unit is Unit.MONTH:
            return Period(add_months(anchor, self.shift), Precision.MONTH)
        return Period(date(anchor.year + self.shift, 1, 1), Precision.YEAR)


@dataclass(frozen=True, slots=True)
class Ago:
    """ "a week ago", "three months ago": days and weeks give a day, months a month, years
    a year."""

    unit: Unit
    count: int
    is_absolute = False

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The time ``count`` units before the anchor."""
        if anchor is None:
            return None
        if self.unit is Unit.DAY:
            return Period(anchor - timedelta(days=self.count), Precision.DAY)
        if self.unit is Unit.WEEK:
            return Period(anchor - timedelta(weeks=self.count), Precision.DAY)
        if self.unit is Unit.MONTH:
            return Period(add_months(anchor, -self.count), Precision.MONTH)
        return Period(date(anchor.year - self.count, 1, 1), Precision.YEAR)


@dataclass(frozen=True, slots=True)
class DaysOf:
    """ "the last 12 days of September", "the first three days of May": a range of days."""

    month: CalendarDate
    count: int
    from_end: bool

    @property
    def is_absolute(self) -> bool:
        """The month's year is written."""
        return self.month.is_absolute

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The days, inside the month resolved as a month on its own would be."""
        month = self.month.resolve(anchor, lean)
        if month is None or month.precision is not Precision.MONTH:
            return None
        last = month.last_day()
        count = min(self.count, last.day)
        if self.from_end:
            return Period(last - timedelta(days=count - 1), Precision.DAY, last)
        return Period(month.value, Precision.DAY, month.value + timedelta(days=count - 1))


Single = CalendarDate | Season | Decade | Century | YearPart | Weekend | Relative | Ago | DaysOf


@dataclass(frozen=True, slots=True)
class Range:
    """ "between April 27 and May 18", "from 2011 to 2013", "2015-16": first to last."""

    first: Single
    last: Single

    @property
    def is_absolute(self) -> bool:
        """Both ends have their year written."""
        return self.first.is_absolute and self.last.is_absolute

    def resolve(self, anchor: date | None, lean: Lean) -> Period | None:
        """The range; its first end is placed on or before its last."""
        last = self.last.resolve(anchor, lean)
        if last is None:
            return None
        # the first end is read from the last one: "between December 20 and January 5"
        first = self.first.resolve(last.value, Lean.PAST)
        if first is None or first.value > last.value:
            return None
        return Period(first.value, coarser(first.precision, last.precision), last.last_day())


Form = Single | Range


def borrow_fields(first: CalendarDate, last: CalendarDate) -> CalendarDate:
    """Fill in the month (and year) that the first end of a range leaves to the last:
    "27-28 May 2017"."""
    if first.month is None and first.day is not None and last.month is not None:
        return replace(first, month=last.month, year=last.year)
    return first
