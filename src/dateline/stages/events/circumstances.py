"""When and where an event happened: the time expression and the place attached to its verb,
and whether it is current, historical, future, hypothetical or negated.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateline.model import Article, Place, Precision, TimeExpression, TimeStatus
from dateline.stages.dates import anchor_date, expression_for
from dateline.stages.timeforms import period_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How far back a date must lie before the report for an event to count as historical
HISTORICAL_AFTER = timedelta(days=45)
_VERBAL = frozenset({"VERB", "AUX"})
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})
# Intent and threat are statements made now, whatever tense the plan is in
_STATEMENTS = frozenset({"AGREE", "THREATEN"})


def time_status(
    when: TimeExpression | None, published: date | None, event: str, *, negated: bool,
    conditional: bool, future: bool, perfect_past: bool,
) -> TimeStatus:  # fmt: skip
    """Current, historical, future, hypothetical or negated, from the clause and its date."""
    if negated:
        return TimeStatus.NEGATED
    if conditional and event not in _STATEMENTS:
        return TimeStatus.HYPOTHETICAL
    if future and event not in _STATEMENTS:
        return TimeStatus.FUTURE
    if when is not None and when.value is not None and published is not None:
        last = when.end_value or period_end(when.value, when.precision or Precision.DAY)
        if when.value > published:
            return TimeStatus.FUTURE
        if published - last > HISTORICAL_AFTER:
            return TimeStatus.HISTORICAL
    if perfect_past:
        return TimeStatus.HISTORICAL
    return TimeStatus.CURRENT


def dated(when: TimeExpression | None, published: date | None) -> str | None:
    """How an event's own date stands to the report's: "future", "past_far" (historical by
    the same measure as ``time_status``), "recent", or None when either is unknown."""
    if when is None or when.value is None or published is None:
        return None
    if when.value > published:
        return "future"
    return "past_far" if published - when.value > HISTORICAL_AFTER else "recent"


class Circumstances:
    """Time expressions and places of an article, found by the tokens they cover."""

    def __init__(
        self, doc: Doc, places: Sequence[Place], times: Sequence[TimeExpression], article: Article
    ) -> None:
        self.doc = doc
        self.article = article
        self.times = [t for t in times if t.value is not None]
        self.published = anchor_date(article)
        self.places = [(p, _root(doc, p.start, p.end)) for p in places]
        dateline = article.dateline
        self.dateline_place = next(
            (
                p
                for p in places
                if dateline is not None
                and dateline.start <= p.start < dateline.end
                and p.lat is not None
            ),
            None,
        )

    def time_of(self, head: Token, trigger: Token) -> TimeExpression | None:
        """The time expression that dates the event's verbs, if any."""
        return expression_for(trigger, self.times) or (
            expression_for(head, self.times) if head.i != trigger.i else None
        )

    def date_of(self, when: TimeExpression | None, status: TimeStatus) -> str | None:
        """The event's date: its own time expression, else the report's date for an event of
        the day; None for an undated past or future event."""
        if when is not None:
            return when.formatted()
        if status is TimeStatus.CURRENT and self.published is not None:
            return self.published.isoformat()
        return None

    def place_of(self, head: Token, trigger: Token, *, fallback: bool) -> Place | None:
        """Where the event happened: a place attached to its verb, else (for an event of the
        day) the dateline's place."""
        for place, root in self.places:
            if root is None or place.lat is None:
                continue
            if (
                root.dep_ == "pobj"
                and root.head.lower_ in _LOCATIVE
                and _attached(root, head, trigger)
            ):
                return place
        return self.dateline_place if fallback else None


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def _attached(token: Token, head: Token, trigger: Token) -> bool:
    """True if ``token`` modifies the event's verbs, not a nested clause or a noun far away."""
    targets = {head.i, trigger.i}
    current = token
    for _ in range(4):
        if current.i in targets:
            return True
        if current.head is current:
            return False
        if current is not token and current.pos_ in _VERBAL:
            return False
        current = current.head
    return current.i in targets
