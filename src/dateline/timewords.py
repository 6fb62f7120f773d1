"""Month, weekday and season names, number words and absolute date parsing, shared by ingest
and the dates stage."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
    "sat": 5, "sun": 6,
}  # fmt: skip

# Meteorological seasons of the northern hemisphere, where most news is written: the months
# each covers. Winter starts in December and runs into the next year.
SEASONS: dict[str, tuple[int, int, int]] = {
    "spring": (3, 4, 5), "summer": (6, 7, 8), "autumn": (9, 10, 11), "fall": (9, 10, 11),
    "winter": (12, 1, 2),
}  # fmt: skip

# Counts written as words in "two weeks ago", "the last twelve days of ...".
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

# "May 10, 2023", "Wed 05 Apr 2017", "10 May 2023", "2023-05-10", "Sep. 9 2013"
_DATE_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        rf"^{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
        rf"^{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}\b",
        r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b",
    )
)


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept."), else None."""
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    """0 (Monday) to 6 (Sunday) for a weekday name or abbreviation ("Tues."), else None."""
    return WEEKDAYS.get(word.lower().rstrip("."))


def count_number(word: str) -> int | None:
    """The number a count is written as, in digits or words ("12", "twelve"), else None."""
    word = word.lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def parse_date_prefix(text: str) -> tuple[date, int] | None:
    """Parse an absolute date at the start of ``text``; return it and the characters used.

    >>> parse_date_prefix("May 10, 2023 450 views")
    (datetime.date(2023, 5, 10), 12)
    """
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(stripped)
        if match is None:
            continue
        raw_month = match.group("month")
        month = int(raw_month) if raw_month.isdigit() else month_number(raw_month)
        try:
            found = date(int(match.group("year")), month or 0, int(match.group("day")))
        except ValueError:
            continue
        return found, offset + match.end()
    return None


def parse_iso_date(value: str) -> date:
    """Parse an ISO date or datetime ("2023-05-10", "2023-05-10T08:00:00Z") to a date.

    Raises:
        ValueError: the value is not an ISO date.
    """
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
