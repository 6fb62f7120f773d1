"""Wire-story datelines: "ANKARA, May 10 (Reuters) -" -> place, date, agency."""

from __future__ import annotations

import re
from datetime import date

from dateline.model import Dateline
from dateline.timewords import MONTHS, month_number

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

# The place is written in capitals (ANKARA, NEW YORK, DAMASCUS, Syria) or title case
# followed by an agency or date; the dash after it is what tells a dateline from a
# sentence that starts with a capitalised word.
# a dateline and a byline run into it fit in this many characters; matching no further keeps
# the regexes' backtracking bounded on a text that opens with thousands of spaces
_HEAD = 300
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}[.,]?\s+(?=[A-Z]{2})")
_DATELINE = re.compile(
    r"""\s*
    (?P<place>[A-Z][A-Za-z.'\u2019\- ]{1,40}?(?:,\s+[A-Z][A-Za-z.\- ]{1,30}?)?)
    (?:,\s*(?P<month>(?:"""
    + _MONTH_NAMES
    + r""")\.?)\s+(?P<day>\d{1,2}))?
    \s*(?:-{1,2}\s*)?(?:\((?P<agency>[^()]{0,30})\)\s*)?
    (?:-{1,2}|\u2014|\u2013|:)\s*""",
    re.VERBOSE | re.IGNORECASE,
)


def parse_dateline(body: str, published: date | None) -> Dateline | None:
    """Find the dateline at the start of ``body``; its date takes the year of ``published``.

    The place must be in capitals, or carry a date or an agency, so that an ordinary
    sentence ("Officials said - ...") is not taken for a dateline.
    """
    offset = 0
    opening = body[:_HEAD]
    byline = _BYLINE.match(opening)
    if byline is not None:
        # "By Nate Raymond. BOSTON (Reuters) -": a byline run into the dateline
        offset = byline.end()
    match = _DATELINE.match(opening, offset)
    if match is None:
        return None
    place = match.group("place").strip().rstrip(",")
    month, agency = match.group("month"), (match.group("agency") or "").strip() or None
    head = place.split(",")[0]
    if not (head.isupper() or month or agency):
        return None
    if len(head.split()) > 4:
        return None
    found: date | None = None
    if month and published is not None:
        found = _dateline_date(published, month_number(month) or 0, int(match.group("day")))
    return Dateline(
        place=_title_case(head),
        date=found,
        agency=agency,
        start=match.start("place"),
        end=match.end(),
    )


def _dateline_date(published: date, month: int, day: int) -> date | None:
    try:
        found = date(published.year, month, day)
    except ValueError:
        return None
    # a story published on 2 January may carry a dateline of 31 December
    if found > published:
        try:
            found = date(published.year - 1, month, day)
        except ValueError:
            return None
    return found


def _title_case(place: str) -> str:
    if not place.isupper():
        return place
    return " ".join(part.capitalize() for part in place.split())
