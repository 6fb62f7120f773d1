"""Quotes: direct, partial and indirect speech with its speaker, cue and channel.

Quoted stretches come from the quotation marks (``quotemarks``), reported clauses and
"according to" from the parse (``cues``); speakers are read through the article (``speakers``).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.model import Actor, Article, Quote, QuoteKind
from dateline.stages.cues import REPORTING, Cue, find_cues
from dateline.stages.quotemarks import Quoted, find_quoted
from dateline.stages.sentences import sentence_of, sentences
from dateline.stages.speakers import Speaker, SpeakerResolver

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PRODUCED_BY = "quotes.rules@1"

# a quote with no cue near it is a statement (and not a title or a scare-quoted term) when
# it is a clause of at least this many words
_MIN_STATEMENT_WORDS = 4
_MIN_INDIRECT_TOKENS = 3
# sentences between a quote with no cue of its own and the quote whose speaker it continues
_CONTINUATION_REACH = 3
# tokens between a cue and the quote it introduces: 'said in a statement on Tuesday that "'
_MAX_LEAD_IN = 10
_CONTRAST = frozenset({"but", "yet"})
_LEADING = frozenset({"that", "and", "but", "so", "while", "as"})


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is settled."""

    start: int
    end: int
    kind: QuoteKind
    sentence: int
    cue: Cue | None
    speaker: Speaker | None = None
    tokens: list[Token] = field(default_factory=list)


class RuleQuoteFinder:
    """Finds quotes with rules over the spaCy parse and the actors stage's mentions."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, article: Article, doc: Doc, actors: Sequence[Actor]) -> tuple[Quote, ...]:
        """Every quote in ``article`` (parsed as ``doc``), in text order."""
        return tuple(_ArticleQuotes(article, doc, actors).find())


class _ArticleQuotes:
    """The quote finder's working state for one article."""

    def __init__(self, article: Article, doc: Doc, actors: Sequence[Actor]) -> None:
        self.text = article.text
        self.doc = doc
        body = article.dateline.end if article.dateline is not None else 0
        self.marks = [q for q in find_quoted(article.text) if q.start >= body and q.end > q.start]
        self.openings = [q.opened for q in self.marks]
        self.resolver = SpeakerResolver(doc, actors, self._quoted_at)
        self.sentences = sentences(doc).spans
        # _words[i]: words (not punctuation, not space) among the first i tokens
        self._words = [0, *itertools.accumulate(not (t.is_punct or t.is_space) for t in doc)]
        self.cues: dict[int, list[Cue]] = {}
        for number, sentence in enumerate(self.sentences):
            self.cues[number] = list(find_cues(sentence, self._quoted_at))
        # a cue with a speaker of its own ends the statement of a cue above it
        # ("..., saying ..." inside a statement ends it too)
        self.nested = {
            c.verb.i
            for cues in self.cues.values()
            for c in cues
            if (c.subject is not None and c.complements())
            or (c.verb.tag_ == "VBG" and c.verb.lemma_.lower() in REPORTING)
        }

    def find(self) -> Iterator[Quote]:
        found = [f for q in self.marks if (f := self._attribute(q)) is not None]
        found.extend(self._reported(found))
        found.sort(key=lambda f: (f.start, f.end))
        for item in found:
            if item.cue is not None and item.cue.subject is not None:
                item.speaker = self.resolver.resolve(item.cue.subject)
                if item.speaker is not None:
                    self.resolver.remember(item.cue.verb, item.speaker)
        for number, item in enumerate(found):
            if item.speaker is None and (item.cue is None or item.cue.subject is None):
                item.speaker = _continued(found, number)
        seen: set[tuple[int, int]] = set()
        for item in found:
            if (item.start, item.end) in seen:
                continue
            seen.add((item.start, item.end))
            yield self._quote(item)

    # -- quoted stretches ------------------------------------------------------------------

    def _quoted_at(self, offset: int) -> bool:
        """True if the character at ``offset`` lies inside quotation marks."""
        # the quotes are in text order and do not overlap: only the last one opened before
        # the offset can hold it
        index = bisect.bisect_left(self.openings, offset) - 1
        if index < 0:
            return False
        quoted = self.marks[index]
        return offset < (quoted.closed if quoted.balanced else quoted.end)

    def _attribute(self, quoted: Quoted) -> _Found | None:
        """The cue a quoted stretch belongs to, and whether it is a whole statement."""
        covered = self.doc.char_span(quoted.start, quoted.end, alignment_mode="expand")
        tokens = [t for t in covered or () if quoted.start <= t.idx < quoted.end and not t.is_space]
        if not tokens:
            return None
        first, last = self._sentence(tokens[0]), self._sentence(tokens[-1])
        numbers = list(range(first, last + 1))
        following = self._attribution_after(quoted, last)
        if following is not None:
            numbers.append(following)
        inside = {t.i for t in tokens}
        cue = self._cue_for(numbers, inside)
        words = [t for t in tokens if not t.is_punct]
        statement = len(words) >= _MIN_STATEMENT_WORDS and any(
            t.pos_ in ("VERB", "AUX") for t in tokens
        )
        # words of the quote's sentences outside it, counted from prefix sums: a sentence
        # holding many quotes is not walked once per quote
        span_start = self.sentences[numbers[0]].start
        span_end = self.sentences[numbers[-1]].end
        before = self._words[tokens[0].i] - self._words[span_start]
        outside = (self._words[span_end] - self._words[span_start]) - (
            self._words[tokens[-1].i + 1] - self._words[tokens[0].i]
        )
        if cue is None:
            # with no cue, a whole sentence in quotation marks is a statement (its speaker is
            # the one quoted before it); a phrase inside someone's sentence is a title, a name
            # or a scare-quoted word
            whole = not before or self.text[quoted.start : quoted.end].rstrip(" ,")[-1:] in ".?!"
            if not statement or not whole or outside > len(words) // 2:
                return None
            kind = QuoteKind.DIRECT
        else:
            attribution = _attribution(cue, inside)
            loose = any(
                t.i not in attribution and t.lower_ not in _LEADING
                for t in self._outside(span_start, span_end, tokens[0].i, tokens[-1].i)
            )
            kind = QuoteKind.DIRECT if not loose and statement else QuoteKind.PARTIAL
        start, end = _trim(self.text, quoted.start, quoted.end)
        while end > start and self.text[end - 1] in ",;:":
            end -= 1  # '"...," he said': the comma belongs to the sentence around the quote
        return _Found(start=start, end=end, kind=kind, sentence=first, cue=cue, tokens=tokens)

    def _outside(self, start: int, end: int, first: int, last: int) -> Iterator[Token]:
        """The words of doc[start:end] outside doc[first:last + 1], lazily."""
        for i in itertools.chain(range(start, first), range(last + 1, end)):
            token = self.doc[i]
            if not token.is_punct and not token.is_space:
                yield token

    def _sentence(self, token: Token) -> int:
        return self.resolver.sentence_number(token)

    def _attribution_after(self, quoted: Quoted, last: int) -> int | None:
        """The next sentence, when it starts right after the quote with its attribution
        ('"..." \\n he said.' split by the parser)."""
        if last + 1 >= len(self.sentences) or not quoted.balanced:
            return None
        following = self.sentences[last + 1]
        gap = self.text[quoted.closed : following.start_char]
        if following.start_char > quoted.closed + 3 or "\n" in gap:
            return None  # a new paragraph has an attribution of its own
        head = following[:4]
        return last + 1 if any(c.verb.i < head.end for c in self.cues[last + 1]) else None

    def _cue_for(self, numbers: Sequence[int], inside: set[int]) -> Cue | None:
        """The cue of a quote: one right beside it ('"...," said Kurdi', 'X said: "..."'),
        else one the parse links to it (a reporting verb before a verb that only names a
        fragment), else the nearest reporting verb."""
        tiers: list[list[tuple[int, Cue]]] = [[], [], [], []]
        first, last = min(inside), max(inside)
        for number in numbers:
            for cue in self.cues[number]:
                if cue.verb.i in inside or _in_subject(cue, inside):
                    continue
                distance = cue.verb.i - last if cue.verb.i > last else first - cue.verb.i
                reporting = cue.according or cue.verb.lemma_.lower() in REPORTING
                if _beside(cue, inside):
                    tiers[0].append((distance, cue))
                elif _linked(cue, inside):
                    tiers[1 if reporting else 2].append((distance, cue))
                elif reporting:
                    tiers[3].append((distance, cue))
        if tiers[0]:
            return min(tiers[0], key=lambda pair: pair[0])[1]
        if tiers[1]:
            # words quoted inside a report are the reporter's source's: "Cavusoglu said in a
            # tweet that he had stressed the need for '...'" -> the outermost reporting verb
            return min(tiers[1], key=lambda pair: (len(list(pair[1].verb.ancestors)), pair[0]))[1]
        for tier in tiers:
            if tier:
                return min(tier, key=lambda pair: pair[0])[1]
        return None

    # -- reported speech without quotation marks ----------------------------------------

    def _reported(self, quoted: Sequence[_Found]) -> Iterator[_Found]:
        taken = [(f.start, f.end) for f in quoted]
        for number, cues in self.cues.items():
            for cue in cues:
                if cue.subject is None:
                    continue
                statements = self._according(cue) if cue.according else self._clauses(cue)
                for whole, parts in statements:
                    # a statement holding a quoted fragment is told by the fragment; its
                    # other clauses ("she was unfamiliar ... but '...'") still count
                    for start, end in [whole] if not _overlaps(whole, taken) else parts:
                        if end - start < 2 or _overlaps((start, end), taken):
                            continue
                        taken.append((start, end))
                        yield _Found(
                            start=start, end=end, kind=QuoteKind.INDIRECT, sentence=number, cue=cue
                        )

    def _clauses(self, cue: Cue) -> Iterator[tuple[tuple[int, int], list[tuple[int, int]]]]:
        """Each statement of a reporting verb, with the clauses it is made of."""
        complements = cue.complements()
        split = {c.i for c in complements}
        found: list[tuple[tuple[int, int], list[tuple[int, int]]]] = []
        for clause in complements:
            if clause.i in self.nested:
                continue  # "Moscow says ... but Rudskoi told a briefing that ...": his own report
            stops = (split | self.nested | {cue.verb.i}) - {clause.i}
            whole = self._span(clause, stops, cue)
            if whole is None:
                continue
            joined = [
                c
                for c in clause.conjuncts
                if c.i > clause.i and c.i not in split and _has_subject(c)
            ]
            pieces = [
                self._span(part, stops | {c.i for c in joined} - {part.i}, cue)
                for part in (clause, *joined)
            ]
            found.append((whole, [p for p in pieces if p is not None]))
        wholes = _merge_adjacent(self.text, sorted(w for w, _ in found))
        for whole in wholes:
            parts = [p for w, ps in found if whole[0] <= w[0] and w[1] <= whole[1] for p in ps]
            yield whole, parts

    def _span(self, clause: Token, stops: set[int], cue: Cue) -> tuple[int, int] | None:
        # "said the rebels had advanced but residents feared ...": what follows "but" is
        # the reporter's, not the speaker's
        stops = stops | {t.i for t in clause.subtree if t.i != clause.i and _contrasted(t)}
        kept = {t.i for t in clause.subtree if not _under(t, stops, clause)} - {cue.verb.i}
        span = _clean(_run(clause, kept))
        if span is None or len(span) < _MIN_INDIRECT_TOKENS:
            return None
        return _bounds(self.text, span)

    def _according(self, cue: Cue) -> Iterator[tuple[tuple[int, int], list[tuple[int, int]]]]:
        """ "CLAUSE, according to X" / "According to X, CLAUSE": the clause is the statement."""
        phrase = {t.i for t in cue.verb.subtree} | {t.i for t in cue.verb.nbor().subtree}
        sentence = sentence_of(cue.verb)
        before = [t for t in sentence if t.i < min(phrase)]
        after = [t for t in sentence if t.i > max(phrase)]
        # "According to X, CLAUSE" opens the sentence; else the longer side is the clause
        opening = cue.verb.text == "According"
        side = _clean(after if opening or len(after) > len(before) else before)
        if side is not None and len(side) >= _MIN_INDIRECT_TOKENS:
            yield _bounds(self.text, side), []

    # -- output --------------------------------------------------------------------------

    def _quote(self, item: _Found) -> Quote:
        cue = item.cue
        speaker = item.speaker
        channel = None
        if cue is not None and cue.channel is not None:
            channel = self.text[cue.channel[0] : cue.channel[1]]
            if speaker is not None and channel in (speaker.text, speaker.actor.text):
                channel = None
        return Quote(
            start=item.start,
            end=item.end,
            text=self.text[item.start : item.end],
            kind=item.kind,
            cue=cue.text if cue is not None else None,
            speaker=speaker.actor if speaker is not None else None,
            speaker_text=speaker.text if speaker is not None else None,
            speaker_start=speaker.start if speaker is not None else None,
            speaker_end=speaker.end if speaker is not None else None,
            channel=channel,
            produced_by=PRODUCED_BY,
        )


def _contrasted(token: Token) -> bool:
    """True for a conjunct joined by "but": "... advanced but residents feared"."""
    if token.dep_ != "conj":
        return False
    head = token.head
    return any(
        c.dep_ == "cc" and c.lower_ in _CONTRAST and head.i < c.i < token.i for c in head.children
    )


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _has_subject(clause: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)


def _continued(found: Sequence[_Found], number: int) -> Speaker | None:
    """The speaker of a quote with no cue: the one of the quote just before it, else of the
    quote just after it ('"...." \\n "....," she said.')."""
    item = found[number]
    for other in reversed(found[:number]):
        if item.sentence - other.sentence > _CONTINUATION_REACH:
            break
        if other.speaker is not None and other.cue is not None:
            return other.speaker
    for other in found[number + 1 :]:
        if other.sentence - item.sentence > 1:
            break
        if other.speaker is not None and other.kind is not QuoteKind.INDIRECT:
            return other.speaker
    return None


def _attribution(cue: Cue, inside: set[int]) -> set[int]:
    """The tokens that say who said it, how and where: the cue's clause without the part
    that holds the quote."""
    verb = cue.verb
    holder = next((c for c in verb.children if any(t.i in inside for t in c.subtree)), None)
    tokens = {t.i for t in verb.subtree}
    if holder is not None:
        tokens -= {t.i for t in holder.subtree}
    if cue.subject is not None:
        tokens |= {t.i for t in cue.subject.subtree}
    head = verb
    while head.dep_ in ("pcomp", "prep", "advcl", "xcomp") and head.head is not head:
        head = head.head  # "was quoted as saying": the attribution goes up to "quoted"
        tokens.add(head.i)
        tokens |= {t.i for c in head.children if c.dep_ in ("aux", "auxpass", "nsubj",
                   "nsubjpass", "agent", "prep") and not any(x.i in inside for x in c.subtree)
                   for t in c.subtree}  # fmt: skip
    return tokens


def _beside(cue: Cue, inside: set[int]) -> bool:
    """True if only the attribution stands between the quote and the cue's verb."""
    verb = cue.verb
    doc = verb.doc
    first, last = min(inside), max(inside)
    if verb.i > last:
        # '"..." Kremlin spokesman Dmitry Peskov said': a name or a description, no verb
        between = [t for t in doc[last + 1 : verb.i] if not t.is_punct]
        subject = cue.subject
        if subject is None or not (subject.i > verb.i or any(t.i == subject.i for t in between)):
            return False  # '"..." and instead attributed': the speaker is not here
        return len(between) <= _MAX_LEAD_IN and all(
            t.pos_ not in ("VERB", "AUX") or t.dep_ in ("aux", "auxpass") for t in between
        )
    if verb.i >= first or first - verb.i > _MAX_LEAD_IN:
        return False
    attribution = _attribution(cue, inside)
    between = [t for t in doc[verb.i + 1 : first] if not t.is_punct]
    return all(t.i in attribution or t.lower_ == "that" for t in between)


def _linked(cue: Cue, inside: set[int]) -> bool:
    """True if the parse ties the quote to the cue: the quote hangs from it, or it from it."""
    verb = cue.verb
    if any(t.i in inside for t in verb.subtree):
        return True
    return any(a.i in inside for a in verb.ancestors)


def _in_subject(cue: Cue, inside: set[int]) -> bool:
    """True if the quote is part of the speaker's name: '"White Helmets" units said'."""
    subject = cue.subject
    if subject is None:
        return False
    phrase = {t.i for t in subject.subtree}
    return all(i in phrase for i in inside)


def _under(token: Token, heads: set[int], clause: Token) -> bool:
    """True if ``token`` lies in the subtree of one of ``heads`` (below ``clause``)."""
    current = token
    while current.i != clause.i:
        if current.i in heads:
            return True
        if current.head is current:
            return False
        current = current.head
    return False


def _run(clause: Token, kept: set[int]) -> list[Token]:
    """The unbroken stretch of ``kept`` tokens around the clause's head."""
    doc = clause.doc
    start = end = clause.i
    while start - 1 in kept:
        start -= 1
    while end + 1 in kept:
        end += 1
    return [t for t in doc[start : end + 1] if not t.is_space]


def _merge_adjacent(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join statements of one cue that the parse split with nothing but punctuation between."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1] : start].strip(" ,;"):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _clean(tokens: Sequence[Token]) -> Span | None:
    """The contiguous stretch from the first to the last word, without the "that" or
    "but" that joins it and the punctuation around it."""
    ordered = sorted(tokens, key=lambda t: t.i)
    while ordered and (ordered[0].is_punct or ordered[0].lower_ in _LEADING or ordered[0].is_space):
        ordered.pop(0)
    while ordered and (
        ordered[-1].is_punct or ordered[-1].is_space or ordered[-1].lower_ in ("and", "but")
    ):
        ordered.pop()
    if not ordered:
        return None
    doc = ordered[0].doc
    return doc[ordered[0].i : ordered[-1].i + 1]


def _bounds(text: str, span: Span) -> tuple[int, int]:
    return _trim(text, span.start_char, span.end_char)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
