"""When and where an event happened, and whether it is current, historical, future,
hypothetical or negated.

The date is the one its own clause gives ("attacked on 5 January"), else the point date its
sentence gives, else that of its earlier mention a sentence or two before, else (for an event
of the day) the publication date; ``date_source`` says which. A span up to now ("since 2014")
dates no act. The place is found by ``whereabouts``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateline.model import Article, Event, Place, Precision, TimeExpression, TimeStatus
from dateline.stages.dates import anchor_date, expression_for, header_stamp
from dateline.stages.events.whereabouts import (
    CLAUSE,
    NEIGHBOUR,
    SENTENCE,
    Located,
    Whereabouts,
    precision_of,
)
from dateline.stages.timeforms import period_end

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How far back a date must lie before the report for an event to count as historical
HISTORICAL_AFTER = timedelta(days=45)
# Where an event's date came from, beyond its own clause and sentence
EARLIER = "earlier_mention"
PUBLICATION = "publication"
# How many sentences back an earlier mention of the same event may lie
_EARLIER_REACH = 2
_CUMULATIVE = frozenset({"since"})
_SCENE_CHANGES = frozenset({"elsewhere", "meanwhile", "separately", "also", "further"})
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
        stamp = header_stamp(article.text)
        # the dateline's date and the text's date stamp say when it was written, not when
        # anything in it happened
        self.times = [
            t
            for t in times
            if t.value is not None
            and not (article.dateline and article.dateline.covers(t.start))
            and (stamp is None or not stamp[1] <= t.start < stamp[2])
        ]
        self.published = stamp[0] if stamp is not None else anchor_date(article)
        self.whereabouts = Whereabouts(doc, places, article.dateline)
        # triggers whose clause names a place the gazetteer does not resolve
        self.unknown_place: set[int] = set()
        # point dates of each sentence (by its first character): what a sentence says of when
        self.sentence_times: dict[int, list[TimeExpression]] = {}
        for time in self.times:
            if _is_cumulative(doc, time):
                continue
            span = doc.char_span(time.start, time.end, alignment_mode="expand")
            if span is not None:
                self.sentence_times.setdefault(span.sent.start_char, []).append(time)

    def time_of(self, head: Token, trigger: Token) -> TimeExpression | None:
        """The time expression that dates the event's verbs, if any: one hanging from them
        ("attacked on Tuesday"), or the one a "when" clause of theirs belongs to ("since
        early 2011, when the regime cracked down")."""
        found = expression_for(trigger, self.times) or (
            expression_for(head, self.times) if head.i != trigger.i else None
        )
        if found is not None and not _is_cumulative(self.doc, found):
            return found
        return self._when_clause(head) or self._when_clause(trigger)

    def _when_clause(self, verb: Token) -> TimeExpression | None:
        if verb.dep_ not in ("relcl", "advcl") or not any(
            c.dep_ == "advmod" and c.lower_ == "when" for c in verb.children
        ):
            return None
        owner = verb.head
        for time in self.times:
            if time.start <= owner.idx < time.end:
                return time
        return None

    def date_of(self, when: TimeExpression | None, trigger: Token) -> tuple[str | None, str | None]:
        """The event's date and where it came from: its own clause's time expression, else
        the point date its sentence gives, else nothing yet (``settle`` looks further)."""
        if when is not None:
            return when.formatted(), CLAUSE
        stated = self.sentence_times.get(trigger.sent.start_char)
        if stated:
            nearest = min(stated, key=lambda t: abs(t.start - trigger.idx))
            return nearest.formatted(), SENTENCE
        return None, None

    def place_of(self, head: Token, trigger: Token, kind: str) -> Located | None:
        """Where the event happened by its own words: a place its clause names for it, else
        one its sentence states."""
        where = self.whereabouts
        found = where.clause_place(head, trigger, kind)
        if found is None and where.names_unknown_place(head, trigger, kind):
            self.unknown_place.add(trigger.idx)
            return None
        return found or where.sentence_place(trigger, kind)

    def _token_at(self, offset: int) -> Token | None:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def settle(self, events: Sequence[Event]) -> tuple[Event, ...]:
        """Fill what an event's own sentence did not give: the place of the same kind of
        event in a neighbouring sentence, else the article's main place (material events of
        an article about one place); the date of its earlier mention, else the publication
        date for an event of the day (marked so)."""
        index = {s.start_char: n for n, s in enumerate(self.doc.sents)}
        # sentences that open on another scene: "Elsewhere in Syria ...", "Meanwhile ..."
        moved = {n for n, s in enumerate(self.doc.sents) if s[0].lower_ in _SCENE_CHANGES}
        numbered = [(index.get(e.start, -1), e) for e in events]
        settled = []
        for number, event in numbered:
            place, source = event.location, event.location_source
            if (
                place is None
                and event.trigger_start not in self.unknown_place
                and event.time_status is TimeStatus.CURRENT
                and self.whereabouts.borrows(event.type)
            ):
                near = _neighbour(numbered, number, event, moved)
                found = near or self.whereabouts.article_place(event.type)
                trigger = self._token_at(event.trigger_start)
                if found is not None and not (
                    trigger is not None and self.whereabouts.names_other_place(trigger, found.place)
                ):
                    place, source = found.place, found.source
            day, day_source = event.date, event.date_source
            if day is None:
                earlier = _earlier(numbered, number, event)
                if earlier is not None:
                    day, day_source = earlier.date, EARLIER
                elif event.time_status is TimeStatus.CURRENT and self.published is not None:
                    day, day_source = self.published.isoformat(), PUBLICATION
            settled.append(
                replace(
                    event, location=place, location_source=source,
                    location_precision=precision_of(place) if place is not None else None,
                    date=day, date_source=day_source,
                )
            )  # fmt: skip
        return tuple(settled)


def _neighbour(
    numbered: Sequence[tuple[int, Event]], number: int, event: Event, moved: set[int]
) -> Located | None:
    """The place of an event of the same type in the same sentence ("shelled Douma, killing
    five"), the one before ("Jets bombed Douma. The strikes killed nine") or the one after,
    placed by its own words; not across a sentence that opens on another scene ("Elsewhere",
    "Meanwhile")."""
    for offset in (0, -1, 1):
        for other_number, other in numbered:
            if (
                other_number == number + offset
                and not (offset and max(number, other_number) in moved)
                and other is not event
                and other.type == event.type
                and other.location is not None
                and other.location_source in (CLAUSE, SENTENCE)
            ):
                return Located(other.location, SENTENCE if offset == 0 else NEIGHBOUR)
    return None


def _earlier(numbered: Sequence[tuple[int, Event]], number: int, event: Event) -> Event | None:
    """The latest earlier mention of an event of the same type, a sentence or two before,
    dated by its own words."""
    found = None
    for other_number, other in numbered:
        if other is event:
            break
        if (
            0 <= number - other_number <= _EARLIER_REACH
            and other.type == event.type
            and other.date is not None
            and other.date_source in (CLAUSE, SENTENCE)
        ):
            found = other
    return found


def _is_cumulative(doc: Doc, time: TimeExpression) -> bool:
    """ "since 2014", "for the past five years": a span up to now, not the date of an act."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc[span.start - 1].lower_ in _CUMULATIVE or span[0].lower_ in _CUMULATIVE
