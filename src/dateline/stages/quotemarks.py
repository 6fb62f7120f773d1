"""Quotation marks -> quoted stretches of text: straight and typographic, nested, unbalanced,
and quotes that run over several paragraphs (each new paragraph reopens, only the last closes).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_DOUBLE_ANY = '"'
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’›"
_SINGLE_ANY = "'`"
_DOUBLED = ("``", "''")
_OPEN_BEFORE = " \t\n([{—–-/"
_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.?!]\s")
# a closing mark with no opening one before it closes a quote of its sentence, if long enough
_MIN_ORPHAN_WORDS = 4
# a quote left open at the end of a paragraph that does not go on in the next is closed there,
# unless it is so long that the mark was more likely a stray
_MAX_UNCLOSED = 600


@dataclass(frozen=True, slots=True)
class Quoted:
    """A stretch of text inside quotation marks; ``start``/``end`` exclude the marks."""

    start: int
    end: int
    opened: int  # offset of the opening mark
    closed: int  # offset of the closing mark, or -1 when the quote was never closed
    single: bool = False  # inside single marks ('...' or ‘...’)

    @property
    def balanced(self) -> bool:
        """True when a closing mark was found."""
        return self.closed >= 0


@dataclass(slots=True)
class _Mark:
    at: int
    can_open: bool
    can_close: bool


def find_quoted(text: str) -> list[Quoted]:
    """Every outermost quoted stretch of ``text``, in order.

    Double marks are paired first; single marks count only outside every double quote, so
    'bombs refugees' in a headline is a quote but ‘no’ inside “he said ‘no’” is not a second one.
    """
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    doubles = sorted(_pair_doubles(text, paragraphs), key=lambda q: q.opened)
    # reach[i]: the furthest end of the double quotes opened at or before doubles[i]; a single
    # quote lies inside one iff the last of them opened before it reaches past its end
    openings = [d.opened for d in doubles]
    reach = list(itertools.accumulate((_outer_end(d) for d in doubles), max))
    singles = [
        q
        for q in _pair_singles(text, paragraphs)
        if (i := bisect.bisect_right(openings, q.opened) - 1) < 0 or reach[i] < q.end
    ]
    return sorted(doubles + singles, key=lambda q: q.opened)


def _outer_end(quoted: Quoted) -> int:
    return quoted.closed if quoted.balanced else quoted.end


def _double_marks(text: str, start: int, end: int) -> list[_Mark]:
    marks = []
    skip = -1
    for i in range(start, end):
        char = text[i]
        if i == skip:
            continue
        if text[i : i + 2] in _DOUBLED:
            marks.append(_Mark(i, True, True))  # `` and '' of text re-joined from tokens
            skip = i + 1
        elif char in _DOUBLE_OPEN:
            marks.append(_Mark(i, True, False))
        elif char in _DOUBLE_CLOSE:
            # some sites write ” for both marks: read it by its place
            marks.append(_Mark(i, _looks_opening(text, i), True))
        elif char in _DOUBLE_ANY:
            marks.append(_Mark(i, True, True))
    return marks


def _looks_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _OPEN_BEFORE and not after.isspace()


def _looks_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _pair_doubles(text: str, paragraphs: list[tuple[int, int]]) -> Iterator[Quoted]:
    """Pair double marks paragraph by paragraph, carrying an open quote into the next one."""
    pending: int | None = None  # opening mark of a quote carried over from the last paragraph
    for number, (start, end) in enumerate(paragraphs):
        opened, carried = pending, pending is not None
        pending = None
        floor = start  # just past the last mark: an orphan's quote never reaches back over one
        for k, mark in enumerate(_double_marks(text, start, end)):
            previous, floor = floor, mark.at + 1
            if opened is None:
                if (
                    mark.can_close
                    and _looks_closing(text, mark.at)
                    and not _looks_opening(text, mark.at)
                ):
                    # 'since strikes began" the report said': the opening mark was lost; the
                    # quote is taken to start with its sentence (or after the last mark)
                    begin = _sentence_start(text, previous, mark.at)
                    if len(text[begin : mark.at].split()) >= _MIN_ORPHAN_WORDS:
                        yield Quoted(start=begin, end=mark.at, opened=begin - 1, closed=mark.at)
                elif mark.can_open:
                    opened, carried = mark.at, False
            elif carried and k == 0 and not text[start : mark.at].strip():
                continue  # the mark that reopens a carried quote at the paragraph start
            elif (
                mark.can_open
                and _looks_opening(text, mark.at)
                and not _looks_closing(text, mark.at)
            ):
                # '"We lack equipment. "There is no way out" continued': the first quote was
                # never closed (a lost paragraph break); it ends where the next one opens
                end = _trim_end(text, opened + 1, mark.at)
                if end > opened + 1:
                    yield Quoted(start=_after(text, opened), end=end, opened=opened, closed=-1)
                opened, carried = mark.at, False
            elif mark.can_close:
                yield Quoted(start=_after(text, opened), end=mark.at, opened=opened, closed=mark.at)
                opened, carried = None, False
            else:
                opened, carried = mark.at, False  # “ while open: the earlier mark was stray
        if opened is None:
            continue
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        if following is not None and _continues(text, following):
            pending = opened
        elif 1 < end - opened <= _MAX_UNCLOSED:
            yield Quoted(
                start=_after(text, opened),
                end=_trim_end(text, opened + 1, end),
                opened=opened,
                closed=-1,
            )


def _continues(text: str, paragraph: tuple[int, int]) -> bool:
    """True if an open quote goes on into ``paragraph``: the paragraph reopens it, or its
    first mark closes it."""
    start, end = paragraph
    first = text[start:end].lstrip()
    if first[:1] in _DOUBLE_OPEN + _DOUBLE_ANY:
        return True
    marks = _double_marks(text, start, end)
    # a spaced mark ('answer, " Mr Deng said', text re-joined from tokens) closes too
    return bool(marks) and marks[0].can_close and not _looks_opening(text, marks[0].at)


def _pair_singles(text: str, paragraphs: list[tuple[int, int]]) -> Iterator[Quoted]:
    """Single marks double as apostrophes, so a pair needs an opening mark before a word
    and a closing mark after one, within one paragraph."""
    for start, end in paragraphs:
        opened: int | None = None
        for i in range(start, end):
            char = text[i]
            if char not in _SINGLE_OPEN + _SINGLE_CLOSE + _SINGLE_ANY:
                continue
            if text[i : i + 2] in _DOUBLED or text[i - 1 : i + 1] in _DOUBLED:
                continue
            after = text[i + 1] if i + 1 < end else " "
            if opened is None:
                if char not in _SINGLE_CLOSE and _looks_opening(text, i) and after.isalnum():
                    opened = i
            elif char not in _SINGLE_OPEN and _looks_closing(text, i) and i - opened > 1:
                yield Quoted(start=opened + 1, end=i, opened=opened, closed=i, single=True)
                opened = None


def _sentence_start(text: str, floor: int, at: int) -> int:
    """Where the sentence holding offset ``at`` starts, not before ``floor`` (its paragraph's
    start or the last quotation mark): each stretch of text is searched once."""
    found = max((m.end() for m in _SENTENCE_END.finditer(text, floor, at)), default=floor)
    while found < at and text[found].isspace():
        found += 1
    return found


def _after(text: str, mark: int) -> int:
    """The offset just past the opening mark at ``mark`` (two characters for ``)."""
    return mark + (2 if text[mark : mark + 2] in _DOUBLED else 1)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
