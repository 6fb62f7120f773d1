"""The grammar of English time expressions in news: article text -> spans and their forms.
Rules are regular expressions; where they overlap, the longest span wins. Words that are only
sometimes dates ("May", "2000", "Tuesdays") come out ``bare``, for the parse to decide."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from dateline.stages.timeforms import (
    Ago,
    CalendarDate,
    Century,
    DaysOf,
    Decade,
    Deixis,
    Form,
    Range,
    Relative,
    Season,
    Unit,
    Weekend,
    YearPart,
    borrow_fields,
)
from dateline.timewords import (
    MONTHS,
    NUMBER_WORDS,
    SEASONS,
    WEEKDAYS,
    count_number,
    month_number,
    weekday_number,
)


class Bare(StrEnum):
    """A word that is a date only in some contexts."""

    MONTH = "month"  # "May" the month, the modal or the name
    HOLIDAY = "holiday"  # "Christmas" the day, or "Christmas shoppers"
    YEAR = "year"  # "2013" the year or a count
    WEEKDAYS = "weekdays"  # "Tuesdays": a possessive without its apostrophe, or a habit


@dataclass(frozen=True, slots=True)
class Found:
    """A time expression found in the text: its span, what it says, and whether it is bare."""

    start: int
    end: int
    form: Form
    bare: Bare | None = None


def _names(words: list[str]) -> str:
    """Names as written in running text: capitalised or in capitals, longest first."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(f"{w.capitalize()}|{w.upper()}" for w in ordered)


_FULL_MONTHS = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR_MONTHS = [m for m in MONTHS if m not in _FULL_MONTHS]
_FULL_WEEKDAYS = [w for w in WEEKDAYS if w.endswith("day")]
_ABBR_WEEKDAYS = [w for w in WEEKDAYS if not w.endswith("day")]

MONTH = rf"(?:{_names(_FULL_MONTHS)}|(?:{_names(_ABBR_MONTHS)})\.?)(?![A-Za-z])"
FULL_MONTH = rf"(?:{_names(_FULL_MONTHS)})(?![A-Za-z])"
WEEKDAY = rf"(?:{_names(_FULL_WEEKDAYS)})"
ANY_WEEKDAY = rf"(?:{_names(_FULL_WEEKDAYS)}|(?:{_names(_ABBR_WEEKDAYS)})\.?)(?![A-Za-z])"
DAY = r"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d])"
YEAR = r"(?<![\d.,])(?:1[5-9]\d\d|20\d\d)(?![\d]|s\b)"
_COUNT = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_SEASON = "|".join(SEASONS)
_PART = r"(?i:early|mid|late)(?:\s+|-)|(?i:mid-)"
_OF_PART = r"(?i:(?:the\s+)?(?:end|beginning|start|middle|turn)\s+of\s+)"
_DEIXIS = {"last": Deixis.LAST, "next": Deixis.NEXT, "this": Deixis.THIS, "coming": Deixis.NEXT}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "twenty-first": 21}  # fmt: skip
_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
# Holidays on a fixed day of the Gregorian calendar
_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
             "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
             "valentine's day": (2, 14)}  # fmt: skip
_HOLIDAY = (
    r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['\u2019]?s\s+(?:Day|Eve)|Halloween"
    r"|Valentine['\u2019]?s\s+Day)"
)

# One end of a range, without groups: "April 27", "27", "May", "2011", "Monday".
_HALF = (
    rf"(?:{WEEKDAY}|{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAY}(?:\s+{MONTH}(?:,?\s+{YEAR})?)?"
    rf"|{MONTH}(?:,?\s+{YEAR})?|{YEAR})"
)

_FULL_DATE_RULES = tuple(
    re.compile(p)
    for p in (
        rf"(?:(?P<wd>{ANY_WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY}),?\s+(?P<year>{YEAR})",
        rf"(?:(?P<wd>{ANY_WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<day>{DAY})(?:\s+(?i:of))?\s+"
        rf"(?P<month>{MONTH}),?\s+(?P<year>{YEAR})",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY})",
        rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?i:the)\s+)?(?P<day>{DAY})(?:\s+(?i:of))?\s+(?P<month>{MONTH})",
        rf"(?:{_PART})?(?P<month>{MONTH}),?\s+(?:(?i:of)\s+)?(?P<year>{YEAR})",
        rf"(?P<month>{MONTH})",
        rf"(?P<year>{YEAR})",
        rf"(?P<wd>{WEEKDAY})",
    )
)


def _half(text: str) -> CalendarDate | None:
    """Read one end of a range as a calendar date."""
    for rule in _FULL_DATE_RULES:
        match = rule.fullmatch(text)
        if match is not None:
            return _calendar(match)
    day = re.fullmatch(DAY, text)
    return CalendarDate(day=int(re.sub(r"\D", "", text))) if day else None


def _calendar(match: re.Match[str], deixis: Deixis | None = None) -> CalendarDate:
    groups = match.groupdict()
    return CalendarDate(
        year=int(groups["year"]) if groups.get("year") else None,
        month=month_number(groups["month"]) if groups.get("month") else None,
        day=int(re.sub(r"\D", "", groups["day"])) if groups.get("day") else None,
        weekday=weekday_number(groups["wd"]) if groups.get("wd") else None,
        deixis=deixis,
    )


Builder = Callable[[re.Match[str]], Found | None]


def _found(
    match: re.Match[str], form: Form, bare: Bare | None = None, group: int | str = 0
) -> Found:
    return Found(match.start(group), match.end(group), form, bare)


def _full_date(match: re.Match[str]) -> Found | None:
    return _found(match, _calendar(match))


def _numeric_date(match: re.Match[str]) -> Found | None:
    groups = match.groupdict()
    first, second, year = int(groups["a"]), int(groups["b"]), int(groups["year"])
    if groups.get("iso"):
        month, day = first, second
    elif groups.get("dot"):
        day, month = first, second  # 23.10.2017: day first, as wherever dots are used
    else:
        # 10/23/2017 is American; 23/10/2017 can only be day first
        month, day = (second, first) if first > 12 else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _found(match, CalendarDate(year=year, month=month, day=day))


def _month(match: re.Match[str]) -> Found | None:
    deixis = _DEIXIS.get((match.group("deixis") or "").lower())
    form = _calendar(match, deixis)
    is_bare = not (match.group("part") or deixis)
    return _found(match, form, Bare.MONTH if is_bare else None)


def _month_of_year(match: re.Match[str]) -> Found | None:
    """ "August last year": the month of the year before (this, next) the anchor's, whichever
    way the month lies from the anchor's month."""
    shift = _RELATIVE_SHIFT[match.group("rel").lower()]
    month = month_number(match.group("month"))
    return None if month is None else _found(match, YearPart(1, month, None, shift))


def _bare_year(match: re.Match[str]) -> Found | None:
    return _found(match, CalendarDate(year=int(match.group("year"))), Bare.YEAR)


def _year_with_part(match: re.Match[str]) -> Found | None:
    return _found(match, CalendarDate(year=int(match.group("year"))))


def _decade(match: re.Match[str]) -> Found | None:
    return _found(match, Decade(int(match.group("decade"))))


def _season(match: re.Match[str]) -> Found | None:
    groups = match.groupdict()
    name = groups["season"].lower()
    year = groups.get("year")
    deixis = _DEIXIS.get((groups.get("deixis") or "").lower())
    return _found(match, Season(name, int(year) if year else None, deixis))


_RELATIVE_SHIFT = {"last": -1, "past": -1, "this": 0, "the": 0, "next": 1, "coming": 1}


def _relative(match: re.Match[str]) -> Found | None:
    deixis = " ".join(match.group("deixis").lower().split())
    if deixis == "the" and not match.group("of"):
        return None  # "the week" alone is a duration or refers back, not to a date
    unit = Unit(match.group("unit").lower())
    return _found(match, Relative(unit, _RELATIVE_SHIFT[deixis.split()[-1]]))


_DAY_WORDS = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "today": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


def _day_word(match: re.Match[str]) -> Found | None:
    return _found(match, Relative(Unit.DAY, _DAY_WORDS[" ".join(match.group().lower().split())]))


def _ago(match: re.Match[str]) -> Found | None:
    count = count_number(match.group("count"))
    if count is None:
        return None
    return _found(match, Ago(Unit(match.group("unit").lower()), count))


def _weekday(match: re.Match[str]) -> Found | None:
    deixis = _DEIXIS.get((match.group("lead") or "").lower())
    form = CalendarDate(weekday=weekday_number(match.group("wd")), deixis=deixis)
    plural = bool(match.group("plural")) and not match.group("possessive")
    return _found(match, form, Bare.WEEKDAYS if plural else None)


def _days_of(match: re.Match[str]) -> Found | None:
    count = count_number(match.group("count"))
    if not count:
        return None
    month = _calendar(match)
    return _found(match, DaysOf(month, count, match.group("edge").lower() == "last"))


def _range(match: re.Match[str]) -> Found | None:
    first, last = _half(match.group("a")), _half(match.group("b"))
    if first is None or last is None:
        return None
    if last.month is None and last.day is not None and last.weekday is None:
        # "May 27-28": the last end takes its month and year from the first
        if first.month is None:
            return None
        last = CalendarDate(year=first.year, month=first.month, day=last.day)
    first = borrow_fields(first, last)
    if not _same_kind(first, last) or _runs_backwards(first, last):
        return None
    return _found(match, Range(first, last))


def _same_kind(first: CalendarDate, last: CalendarDate) -> bool:
    """Both ends name the same sort of thing: two days, two months, two years, two weekdays."""
    return _shape(first) == _shape(last)


def _runs_backwards(first: CalendarDate, last: CalendarDate) -> bool:
    """ "3-2 May" is a score before a month, not a range of days."""
    if first.month != last.month or first.year != last.year:
        return first.year is not None and last.year is not None and first.year > last.year
    return (first.day or 0) > (last.day or 0)


def _shape(found: CalendarDate) -> tuple[bool, bool, bool]:
    return (found.month is not None, found.day is not None, found.weekday is not None)


def _ordinal(word: str) -> int | None:
    word = word.lower()
    return int(word[:-2]) if word[:-2].isdigit() else _ORDINALS.get(word)


def _century(match: re.Match[str]) -> Found | None:
    number = _ordinal(match.group("ord"))
    if number is None or not 1 <= number <= 21:
        return None
    return _found(match, Century((number - 1) * 100))


def _short_decade(match: re.Match[str]) -> Found | None:
    return _found(match, Decade(1900 + int(match.group("short"))))


def _year_part(match: re.Match[str]) -> Found | None:
    groups = match.groupdict()
    size = 6 if (groups.get("kind") or "").lower() == "half" else 3
    index = int(groups["q"]) if groups.get("q") else _ordinal(groups.get("ord") or "")
    if index is None or not 1 <= index <= 12 // size:
        return None
    year = int(groups["year"]) if groups.get("year") else None
    shift = _RELATIVE_SHIFT.get((groups.get("rel") or "").lower())
    return _found(match, YearPart(size, index, year, shift))


def _weekend(match: re.Match[str]) -> Found | None:
    word = match.group("deixis").lower()
    if word == "the" and not match.group("preposition"):
        return None  # "the weekend" dates something only after "over", "at", "during"...
    return _found(match, Weekend(_DEIXIS.get(word)), group="span")


def _holiday(match: re.Match[str]) -> Found | None:
    name = " ".join(match.group("name").lower().replace("\u2019", "'").split())
    month, day = _HOLIDAYS[name.replace("years", "year's").replace("valentines", "valentine's")]
    year = match.group("year")
    form = CalendarDate(year=int(year) if year else None, month=month, day=day)
    return _found(match, form, Bare.HOLIDAY if name == "christmas" and not year else None)


def _short_year_range(match: re.Match[str]) -> Found | None:
    first = int(match.group("year"))
    last = first // 100 * 100 + int(match.group("short"))
    if last <= first:
        return None
    return _found(match, Range(CalendarDate(year=first), CalendarDate(year=last)))


def _rule(pattern: str, build: Builder, cue: str | None = None) -> _Rule:
    # every expression starts a word: trying the rule only there makes the scan several
    # times faster than trying its alternatives at every character
    return _Rule(re.compile(rf"\b(?=\w)(?:{pattern})"), build, re.compile(cue) if cue else None)


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    build: Builder
    # a word the rule cannot match without: most texts lack it, and a scan for it is cheap
    cue: re.Pattern[str] | None


_RULES: tuple[_Rule, ...] = (
    # ranges
    _rule(rf"(?i:between)\s+(?P<a>{_HALF})\s+(?i:and)\s+(?P<b>{_HALF})", _range, r"(?i)between"),
    _rule(
        rf"(?i:from)\s+(?P<a>{_HALF})\s+(?i:to|until|till|through)\s+(?P<b>{_HALF})",
        _range,
        r"(?i)\bfrom\b",
    ),
    _rule(rf"(?P<a>{_HALF}) ?[-\u2013\u2014] ?(?P<b>{_HALF})", _range, r"\w ?[-\u2013\u2014] ?\w"),
    _rule(
        rf"(?P<year>{YEAR})[-\u2013/](?P<short>\d\d)(?![\d])", _short_year_range, r"\d[-\u2013/]\d"
    ),
    _rule(
        rf"(?i:the)\s+(?P<edge>(?i:first|last))\s+(?P<count>{_COUNT})\s+(?i:days)\s+(?i:of)\s+"
        rf"(?P<month>{FULL_MONTH})(?:,?\s+(?P<year>{YEAR}))?",
        _days_of,
        r"(?i)days\s+of",
    ),
    # dates with a day
    _rule(
        r"(?<![\d.])(?P<a>[0-3]?\d)(?P<dot>\.)(?P<b>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)",
        _numeric_date,
        r"\d\.\d\d?\.\d",
    ),
    _rule(
        r"(?<![\d.])(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?!\d)",
        _numeric_date,
        r"\d/\d",
    ),
    _rule(
        r"(?<![\d.-])(?P<year>(?:19|20)\d\d)(?P<iso>-)(?P<a>[01]\d)-(?P<b>[0-3]\d)(?![\d])",
        _numeric_date,
        r"\d-\d\d-\d",
    ),
    *(_rule(rule.pattern, _full_date) for rule in _FULL_DATE_RULES[:5]),
    # months, years, decades, seasons
    _rule(
        rf"(?P<month>{FULL_MONTH})(?:\s+(?i:of))?\s+(?P<rel>(?i:this|last|next))\s+(?i:year)\b",
        _month_of_year,
        r"(?i)year",
    ),
    _rule(
        rf"(?:(?P<part>{_PART}|{_OF_PART})|(?P<deixis>(?i:last|next|this|coming))\s+)?"
        rf"(?P<month>{FULL_MONTH})",
        _month,
    ),
    _rule(rf"(?:{_PART}|{_OF_PART})(?P<year>{YEAR})", _year_with_part),
    _rule(rf"(?P<year>{YEAR})(?!\s*(?:BCE?|AD|B\.C\.|A\.D\.)(?![A-Za-z]))", _bare_year),
    _rule(
        rf"(?:(?i:the)\s+)?(?:{_PART})?(?<!\d)(?P<decade>1[5-9]\d0|20\d0)['\u2019]?s\b",
        _decade,
        r"0['\u2019]?s\b",
    ),
    _rule(
        rf"(?i:the)\s+(?:{_PART})?['\u2019]?(?P<short>[2-9]0)['\u2019]?s\b",
        _short_decade,
        r"0['\u2019]?s\b",
    ),
    _rule(
        rf"(?:(?i:the)\s+)?(?:{_PART})?(?P<ord>(?i:{_ORDINAL}))[\s-]+(?i:century)\b",
        _century,
        r"(?i)century",
    ),
    _rule(
        rf"(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))"
        rf"[\s-]+(?P<kind>(?i:quarter|half))\s+(?i:of)\s+"
        rf"(?:(?P<year>{YEAR})|(?P<rel>(?i:this|last|next|the))\s+(?i:year)\b)",
        _year_part,
        r"(?i)quarter|half",
    ),
    _rule(rf"\bQ(?P<q>[1-4])(?:\s+(?P<year>{YEAR}))?\b", _year_part, r"Q[1-4]"),
    _rule(rf"(?P<year>{YEAR})\s+Q(?P<q>[1-4])\b", _year_part, r"Q[1-4]"),
    _rule(
        rf"(?P<name>{_HOLIDAY})(?:,?\s+(?P<year>{YEAR}))?\b",
        _holiday,
        r"Christmas|New Year|Halloween|Valentine",
    ),
    _rule(
        rf"(?:(?i:the)\s+)?(?:{_PART})?(?P<season>(?i:{_SEASON}))(?:\s+(?i:of))?\s+(?P<year>{YEAR})",
        _season,
        rf"(?i){_SEASON}",
    ),
    _rule(
        rf"(?P<deixis>(?i:last|next|this|coming))\s+(?P<season>(?i:{_SEASON}))\b",
        _season,
        rf"(?i){_SEASON}",
    ),
    # counted from the publication date
    _rule(
        rf"(?<![Tt]he\s)(?:(?i:earlier|later|early|late|mid)(?:\s+|-)|(?P<of>{_OF_PART}))?"
        r"(?P<deixis>(?i:last|this\s+past|this|next|the))\s+(?P<unit>(?i:week|month|year))\b",
        _relative,
        r"(?i)week|month|year",
    ),
    _rule(
        r"(?P<preposition>\b(?i:over|at|during|on|since|until|by|throughout)\s+)?"
        r"(?P<span>(?P<deixis>(?i:last|this|next|coming|the))\s+(?i:weekend)\b)",
        _weekend,
        r"(?i)weekend",
    ),
    _rule(
        r"\b(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow)\b",
        _day_word,
        r"(?i)yesterday|today|tomorrow",
    ),
    _rule(
        rf"\b(?P<count>(?i:{_COUNT}))\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b",
        _ago,
        r"(?i)\bago\b",
    ),
    _rule(
        rf"(?:(?P<lead>(?i:early|late|last|next|this))\s+)?(?P<wd>{WEEKDAY})(?P<plural>s\b)?"
        r"(?P<possessive>['\u2019]s\b)?(?![A-Za-z])(?:\s+(?i:morning|afternoon|evening|night)\b)?",
        _weekday,
    ),
)


def find_timexes(text: str) -> list[Found]:
    """Every time expression the grammar finds in ``text``, in text order, none overlapping."""
    candidates = [
        found
        for rule in _RULES
        if rule.cue is None or rule.cue.search(text)
        for found in _matches(rule.pattern, rule.build, text)
    ]
    candidates.sort(key=lambda f: (f.start - f.end, f.start))
    taken: list[Found] = []
    for found in candidates:
        if all(found.end <= t.start or found.start >= t.end for t in taken):
            taken.append(found)
    return sorted(taken, key=lambda f: f.start)


def _matches(rule: re.Pattern[str], build: Builder, text: str) -> Iterator[Found]:
    # overlapping matches: "March 2011" must not hide the "2011-2013" that starts inside it
    position = 0
    while (match := rule.search(text, position)) is not None:
        found = build(match)
        if found is not None and found.end > found.start:
            yield found
        position = match.start() + 1
