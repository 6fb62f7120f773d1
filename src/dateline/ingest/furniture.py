"""Page furniture in scraped text: title, date and view-counter lines before the story,
bylines, standards notes and "Source:" lines after it. Separates them from the body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from dateline.timewords import parse_date_prefix

# Lines that are page furniture wherever they stand before the story starts.
_HEADER_NOISE = re.compile(
    r"""^(?:
        [\d,.]+\s*[km]?\s*(?:views?|reads?|comments?|shares?)
      | (?:\d+\s*)?min(?:ute)?s?\s+read
      | (?:share|print|e-?mail|advertisement|listen|follow|subscribe|save|tweet)
        (?:\s+(?:this|on|to|article|story).*)?
      | (?:published|updated|posted|last\ updated)(?:\s+(?:on|at))?\b.{0,60}
      | by\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}
        (?:\s*(?:,|and)\s*[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})*
      | https?://\S+
      | https?:\s*/\s*/.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Lines that end a story: nothing after them is article text.
_FOOTER_START = re.compile(
    r"""^(?:
        our\ standards\b
      | source\s*:
      | ©|\(c\)\s|copyright\b|all\ rights\ reserved
      | related\ (?:coverage|stories|articles)\b
      | read\ more\b|recommended\b|more\ from\b
      | follow\ (?:us|@)
      | sign\ up\b|subscribe\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_CREDIT_ROLES = {
    "reporting by": "authors",
    "additional reporting by": "authors",
    "writing by": "authors",
    "written by": "authors",
    "compiled by": "authors",
    "editing by": "editors",
    "edited by": "editors",
}
_CREDIT = re.compile(
    r"\(?\b(" + "|".join(sorted(_CREDIT_ROLES, key=len, reverse=True)) + r")\s+",
    re.IGNORECASE,
)
_URL_LINE = re.compile(r"^(?:https?\s*:\s*/\s*/|www\s*\.)\s*\S", re.IGNORECASE)
# "Date of publication 19 October 2016 Russia has ...", "Last updated at Jul 01 2016 BEIRUT ..."
_STAMP_PREFIX = re.compile(
    r"^(?:date\s+of\s+publication|published(?:\s+on)?|last\s+updated(?:\s+at|\s+on)?|updated(?:\s+at|\s+on)?)"
    r"\s*:?\s*",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<source>.+?)\s*$", re.IGNORECASE)
_TRAILING_AGENCY = re.compile(r"\s*-{1,2}\s*(?P<agency>[A-Z][A-Za-z]+|AFP|AP)\s*$")
_AGENCY_TAIL = 100


@dataclass(slots=True)
class Cleaned:
    """What the furniture cleaner found: the body and the metadata around it."""

    body: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)


def clean_scraped(raw: str, *, has_title: bool = False) -> Cleaned:
    """Split scraped text into furniture and body.

    Args:
        raw: the text as scraped, paragraphs on their own lines.
        has_title: the title is known already, so the first line is not taken as one.
    """
    lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    out = Cleaned(body="")
    body_from = _strip_header(lines, out, has_title=has_title)
    body = lines[body_from:]
    body = _strip_footer(body, out)
    out.body = "\n\n".join(body)
    return out


def _strip_header(lines: list[str], out: Cleaned, *, has_title: bool) -> int:
    index = 0
    # a page's address sometimes comes first: "http: / / www. example. com / ..."
    while index < len(lines) - 1 and _URL_LINE.match(lines[index]):
        # some corpora split addresses into tokens: "http: / / www. example. com / a"
        out.url = out.url or "".join(lines[index].split())
        index += 1
    # A title is a short first line without closing punctuation, followed by more text.
    if not has_title and len(lines) > index + 1 and _looks_like_title(lines[index]):
        out.title = lines[index]
        index += 1
    while index < len(lines) - 1:
        line = lines[index]
        parsed = parse_date_prefix(line)
        stamp = _STAMP_PREFIX.match(line)
        rest = line[stamp.end() :] if stamp else ""
        stamped = parse_date_prefix(rest) if rest else None
        if parsed is not None and len(line) - parsed[1] < 40 and _is_header_date(line, parsed[1]):
            out.published = out.published or parsed[0]
        elif stamped is not None and _is_header_date(rest, stamped[1]):
            # "Published: August 2, 2013": a stamp line gives the date before it goes
            out.published = out.published or stamped[0]
        elif not _HEADER_NOISE.match(line):
            break
        index += 1
    if index < len(lines):
        lines[index] = _strip_stamp(lines[index], out)
    return index


def _strip_stamp(line: str, out: Cleaned) -> str:
    """Drop a date stamp run into the first paragraph ("Date of publication 19 October 2016
    Russia has ..."), keeping the date when none is known."""
    stamp = _STAMP_PREFIX.match(line)
    rest = line[stamp.end() :] if stamp else line
    parsed = parse_date_prefix(rest)
    if parsed is None or len(rest) - parsed[1] < 40:
        return line
    out.published = out.published or parsed[0]
    return rest[parsed[1] :].lstrip(" ,.-|")


def _is_header_date(line: str, used: int) -> bool:
    # "May 10, 2023" or "May 10, 2023 09:14 GMT" but not "May 10, 2023 was a day when ..."
    rest = line[used:].strip()
    return not rest or bool(re.fullmatch(r"[\d:apmAPMGTUTC+\-., /|]*", rest))


def _looks_like_title(line: str) -> bool:
    return len(line) <= 200 and not line.endswith((".", ":", ",")) and len(line.split()) >= 2


def _strip_footer(body: list[str], out: Cleaned) -> list[str]:
    kept: list[str] = []
    for number, line in enumerate(body):
        if _FOOTER_START.match(line):
            for footer in body[number:]:
                _read_source(footer, out)
                _take_credits(footer, out)
            break
        if _take_credits(line, out):
            continue
        kept.append(line)
    # Credits also hide at the end of the last paragraph: "... talks. (Reporting by X)"
    if kept:
        last = kept[-1]
        match = _CREDIT.search(last)
        if match is not None and match.start() > 0 and _take_credits(last[match.start() :], out):
            kept[-1] = last[: match.start()].rstrip()
        # only the line's tail: searching a long run of spaces from every offset is quadratic
        agency = _TRAILING_AGENCY.search(kept[-1], max(0, len(kept[-1]) - _AGENCY_TAIL))
        if agency is not None:
            out.source = out.source or agency.group("agency")
            kept[-1] = kept[-1][: agency.start()].rstrip()
    return [line for line in kept if line]


def _read_source(line: str, out: Cleaned) -> None:
    match = _SOURCE_LINE.match(line)
    if match is not None:
        out.source = match.group("source")


def _take_credits(line: str, out: Cleaned) -> bool:
    """Read a byline such as "Reporting by A and B; Editing by C" into authors and editors."""
    text = line.strip().strip("()").strip()
    if len(text) > 300:
        return False
    matches = list(_CREDIT.finditer(text))
    if not matches or matches[0].start() != 0:
        return False
    for number, match in enumerate(matches):
        end = matches[number + 1].start() if number + 1 < len(matches) else len(text)
        role = _CREDIT_ROLES[match.group(1).lower()]
        names = _split_names(text[match.end() : end])
        target = out.authors if role == "authors" else out.editors
        target.extend(name for name in names if name not in target)
    return True


def _split_names(chunk: str) -> list[str]:
    chunk = re.sub(r"\bin\s+[A-Z][\w ]+$", "", chunk.strip().strip(";,.()"))
    parts = re.split(r"\s*(?:;|,|\band\b|&)\s*", chunk)
    return [part.strip(" .;") for part in parts if part.strip(" .;")]
