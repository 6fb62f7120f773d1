"""Dates: every time expression in the article, normalised against the publication date.
The grammar (``timex``) finds "on Wednesday", "in December", "last week", "May 19"; the tense
of each one's clause (``tense``) says which way it lies from the publication date."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING

from dateline.model import Article, Precision, TimeExpression
from dateline.stages.sentences import sentence_of
from dateline.stages.tense import Tense, clause_tense, governing_verb, is_predicate
from dateline.stages.timeforms import CalendarDate, Lean, Period, Relative, Unit
from dateline.stages.timex import Bare, Found, find_timexes
from dateline.timewords import MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

_LEANS = {Tense.PAST: Lean.PAST, Tense.FUTURE: Lean.FUTURE}
# A date stamp in the page header ("Published: August 2, 2013") dates the article when
# nothing else does; it must open a line near the top, alone or after a label like these.
_HEADER_CHARS = 400
_HEADER_LABEL = frozenset(
    {"published", "posted", "updated", "last", "modified", "first", "created", "date", "of",
     "publication", "on", "dated"}
)  # fmt: skip
# Entities whose words are names, not dates: "Theresa May", "USA Today", "Sunday Times".
_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "PRODUCT", "GPE", "LOC", "NORP"})
# Words before a bare month or year that make it a date: "in May", "since 2011".
_TIME_PREPOSITIONS = frozenset(
    {"in", "since", "until", "till", "by", "before", "after", "during", "through",
     "throughout", "from", "circa", "between"}
)  # fmt: skip
# "the end of", "the month of", "as of" + a month or year
_OF_HEADS = frozenset(
    {"month", "months", "year", "years", "spring", "summer", "autumn", "fall", "winter",
     "end", "beginning", "start", "middle", "half", "quarter", "part", "as", "rest"}
)  # fmt: skip
# "the 2011 uprising", "Syria's 2012 elections": a year before a noun, after one of these
_YEAR_DETERMINERS = frozenset({"the", "its", "his", "her", "their", "our", "this", "that", "a"})
_COORDINATORS = frozenset({"and", "or", "to", "-", "\u2013", "through"})
# Words that may follow a stamp on its line: a time of day ("5: 55p", "10:07 AM EST")
_STAMP_TAIL_WORDS = 4
_HABITUAL = frozenset({"on", "every", "most", "all", "some", "other", "many"})


class RuleTimeFinder:
    """Finds time expressions with a grammar and places them with the parse's tenses."""

    def __init__(self, nlp: Language) -> None:
        # the grammar needs no model of its own; the parse comes with each call
        self.nlp = nlp

    def __call__(self, article: Article, doc: Doc) -> tuple[TimeExpression, ...]:
        """Every time expression in ``article.text`` (parsed as ``doc``), normalised."""
        return tuple(find_times(article, doc))


def find_times(article: Article, doc: Doc) -> Iterator[TimeExpression]:
    """Find and normalise the time expressions of ``article`` in text order.

    Dates are placed against the publication date, else the dateline's date, else a date
    stamp in the page header; with none of these a relative expression keeps its span
    and has no value.
    """
    found = find_timexes(article.text)
    anchor = anchor_date(article, found)
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _NAME_LABELS]
    for item in found:
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is None or _inside_name(item, names) or _is_name_word(item, span):
            continue
        if item.bare is not None and not _is_date_use(item.bare, span):
            continue
        period = _resolve(item, span, article, anchor)
        yield TimeExpression(
            start=item.start,
            end=item.end,
            text=article.text[item.start : item.end],
            value=period.value if period else None,
            precision=period.precision if period else None,
            end_value=period.end if period else None,
        )


def anchor_date(article: Article, found: Sequence[Found] | None = None) -> date | None:
    """The date relative expressions count from: the text's own date stamp, else published,
    else the dateline's date.

    A stamp at the head of the text ("Published November 17 2017", "AFP Thursday 5 Feb 2015")
    says when these words were written; a ``published`` date from a feed or a collection can
    be when the page was gathered. ``found`` is what the grammar found in the text, when it
    is at hand already.
    """
    stamp = header_stamp(article.text, found)
    if stamp is not None:
        return stamp[0]
    if article.published is not None:
        return article.published
    if article.dateline is not None and article.dateline.date is not None:
        return article.dateline.date
    return None


def header_stamp(text: str, found: Sequence[Found] | None = None) -> tuple[date, int, int] | None:
    """A full date stamping the text near its top, with its offsets: opening a line, alone or
    after a label ("Published", "Posted on", "Date of publication"), or led by its weekday
    after a source name ("AFP Thursday 5 Feb 2015"). A date after a preposition ("On 5
    January 2015 rebels attacked") is the date of an act, not of the text."""
    for item in find_timexes(text[:_HEADER_CHARS]) if found is None else found:
        if item.start > _HEADER_CHARS:
            break
        form = item.form
        if not (isinstance(form, CalendarDate) and form.year and form.month and form.day):
            continue
        label = text[text.rfind("\n", 0, item.start) + 1 : item.start].lower()
        words = re.findall(r"\w+", label)
        line_end = text.find("\n", item.end)
        rest = text[item.end : line_end if line_end >= 0 else len(text)].split()
        # "on Apr 12 2007" alone on its line stamps the page; "On 5 January 2015 rebels
        # attacked ..." dates an act
        alone = len(rest) <= _STAMP_TAIL_WORDS
        labelled = (set(words) <= _HEADER_LABEL and (words[-1:] != ["on"] or alone)) or (
            words[-2:-1] in (["posted"], ["published"], ["updated"])
        )
        first = text[item.start : item.end].split(maxsplit=1)[0].rstrip(".,").lower()
        stamped = first in WEEKDAYS and (not words or words[-1] not in _TIME_PREPOSITIONS | {"on"})
        if labelled or stamped:
            period = form.resolve(None, Lean.NEAREST)
            if period is not None:
                return period.value, item.start, item.end
    return None


def _resolve(item: Found, span: Span, article: Article, anchor: date | None) -> Period | None:
    dateline = article.dateline
    if (
        dateline is not None
        and dateline.date is not None
        and dateline.start <= item.start
        and item.end <= dateline.end
    ):
        return Period(dateline.date, Precision.DAY)  # "ANKARA, May 10 (Reuters)"
    if item.form.is_absolute:
        return item.form.resolve(anchor, Lean.NEAREST)
    return item.form.resolve(anchor, _lean(span))


def _lean(span: Span) -> Lean:
    """Which way from the anchor the clause puts the expression."""
    if span.start > 0 and span.doc[span.start - 1].lower_ == "since":
        return Lean.PAST  # "a halt in place since October 18", whatever the clause's tense
    return _LEANS.get(clause_tense(span.root), Lean.NEAREST)


def _inside_name(item: Found, names: Sequence[tuple[int, int]]) -> bool:
    """The words belong to a longer name ("Theresa May", "USA Today")."""
    return any(
        start < item.end and item.start < end and (start < item.start or end > item.end)
        for start, end in names
    )


def _is_name_word(item: Found, span: Span) -> bool:
    """A capitalised "Today" after a proper noun is a title ("USA Today"), not a day."""
    first = span[0]
    is_day_word = isinstance(item.form, Relative) and item.form.unit is Unit.DAY
    if not is_day_word or not first.text.istitle() or first.is_sent_start:
        return False
    return span.start > 0 and span.doc[span.start - 1].pos_ == "PROPN"


def _is_date_use(bare: Bare, span: Span) -> bool:
    """Whether a word that is only sometimes a date is one here."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if bare is Bare.WEEKDAYS:
        return before is None or before.lower_ not in _HABITUAL
    if before is None:
        return bare is not Bare.YEAR and _is_date_entity(span)
    word = before.lower_
    if word == "of":
        return span.start > 1 and doc[span.start - 2].lower_ in _OF_HEADS
    if word in _COORDINATORS:
        return span.start > 1 and _is_date_word(doc[span.start - 2])
    if bare in {Bare.MONTH, Bare.HOLIDAY}:
        # "September was the deadliest month", "at May peace talks": no preposition, but
        # the tagger reads a noun and the recogniser a date
        return word in _TIME_PREPOSITIONS or _is_date_entity(span)
    if word == "from" and after is not None and after.lower_ in {"to", "-"}:
        # "from 2000 to a few hundred" counts people, not years
        return _is_date_word(doc[after.i + 1]) if after.i + 1 < len(doc) else False
    if word in _TIME_PREPOSITIONS:
        return True
    is_attribute = word in _YEAR_DETERMINERS or before.tag_ == "POS"
    return is_attribute and after is not None and after.tag_ in {"NN", "NNP", "JJ"}


def _is_date_entity(span: Span) -> bool:
    return all(t.ent_type_ == "DATE" and t.tag_ in {"NNP", "NN"} for t in span)


def _is_date_word(token: Token) -> bool:
    text = token.text.rstrip(".")
    return text.lower() in MONTHS or (text.isdigit() and len(text) == 4)


def expression_for(token: Token, times: Sequence[TimeExpression]) -> TimeExpression | None:
    """The time expression that dates ``token`` (an event's trigger) within its own clause.

    The expression must hang from the trigger, or from the verb whose subject or object
    the trigger is, without crossing another clause: in "said on Tuesday that rebels
    attacked", "Tuesday" dates "said", not "attacked". Returns the closest, or None.
    """
    doc = token.doc
    targets = {token.i}
    if not is_predicate(token):
        verb = governing_verb(token)
        if verb is not None:
            targets.add(verb.i)
    best: tuple[int, TimeExpression] | None = None
    sentence = sentence_of(token)
    for time in times:
        # an expression in another sentence cannot hang from the token: skip the parse walk
        if not sentence.start_char <= time.start < sentence.end_char:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None:
            continue
        steps = _steps_up(span.root, targets)
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, time)
    return best[1] if best else None


def _steps_up(node: Token, targets: set[int]) -> int | None:
    """How many arcs lead up from ``node`` to one of ``targets`` without passing a verb."""
    for steps in range(len(node.doc)):
        if node.i in targets:
            return steps
        if node.head is node or (steps > 0 and is_predicate(node)):
            return None
        node = node.head
    return None
