"""Events: who did what to whom, read clause by clause from the parse.

For each main clause (the root, its coordinated verbs, and the content of reported speech) the
CAMEO verb dictionary codes the verb in its context; a governing verb turns that into intent,
threat, refusal or demand; the subject's actors become the PLOVER ``actor``, the object's the
``recipient``; the clause's own time expression and place give date and location.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dateline.model import Actor, Article, Event, Place, TimeExpression, TimeStatus, content_id
from dateline.stages.events.circumstances import Circumstances, time_status
from dateline.stages.events.clauses import (
    REPORTING_VERBS,
    VERBAL,
    adjective_code,
    clause_heads,
    is_obligation,
    predicate,
    states_demand,
)
from dateline.stages.events.modality import (
    Stance,
    is_failure_verb,
    modality,
)
from dateline.stages.events.ontology import Coding, coding, demand, intent, refusal, threat
from dateline.stages.events.participants import Participants
from dateline.stages.events.verbs import (
    NounDictionary,
    VerbDictionary,
    VerbMatch,
    load_nouns,
    load_verbs,
)
from dateline.stages.events.whereabouts import CLAUSE
from dateline.stages.sentences import sentences

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PRODUCED_BY = "events.rules@1"

# Verbs that say little but that an event happens: the event is their object ("staged a rally")
LIGHT_VERBS = frozenset(
    {"stage", "hold", "launch", "begin", "start", "continue", "mount", "carry", "conduct",
     "organize", "organise", "undertake", "make", "give", "resume", "wage", "lead", "join",
     "call", "announce", "step", "intensify", "escalate", "declare", "impose", "go",
     "have", "do", "take", "engage", "participate", "use", "open", "keep", "maintain"}
)  # fmt: skip
# "ten days of war games", "a wave of arrests": the event is what they measure
_MEASURES = frozenset(
    {"day", "week", "month", "hour", "series", "wave", "round", "spate", "string", "number",
     "campaign", "kind"}
)  # fmt: skip
# Verbs that say an event named by their subject goes on: "riots continued", "clashes erupted"
OCCURRENCE_VERBS = frozenset(
    {"continue", "begin", "start", "erupt", "escalate", "intensify", "spread", "resume", "persist",
     "occur", "happen", "rage", "break", "take", "go", "end", "follow"}
)  # fmt: skip
# "..., killing one person and arresting 12": material conflict following the main event
_FOLLOW_ON_ROOTS = frozenset({"17", "18", "19", "20"})
# "engaged in ethnic cleansing", "took part in talks"
_EVENT_PREPOSITIONS = frozenset({"in", "into"})
# Groups of people whose country is where they are, and state organs that act at home
_PEOPLE_SECTORS = frozenset({"CVL", "REF", "LAB", "EDU", "OPP", "AGR", "REB"})
_STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG"})
# Dissidents' blocking is protest (CAMEO 144), a state's is coercion
_CIVILIAN_SECTORS = frozenset({"CVL", "LAB", "EDU", "OPP", "REF", "AGR", "BUS", "HRI", "NGO"})
_OBSTRUCTION_VERBS = frozenset({"block", "blockade", "barricade", "obstruct", "occupy", "close"})


@dataclass(frozen=True, slots=True)
class _Reading:
    """A clause read as one event before actors are attached."""

    coding: Coding
    trigger: Token  # the verb that carries the action
    head: Token  # the clause's main verb: subject and modality are read here
    speaker: Token | None  # the verb of saying when the clause is reported speech
    match: VerbMatch
    is_negated: bool
    is_future: bool
    is_conditional: bool
    is_perfect_past: bool
    is_obligation: bool  # "Libya must hand over ...", said a minister: a demand


class RuleEventCoder:
    """Codes PLOVER events with the CAMEO verb dictionary over the spaCy parse."""

    def __init__(self, nlp: Language) -> None:
        self.verbs: VerbDictionary = load_verbs()
        self.nouns: NounDictionary = load_nouns()

    def __call__(
        self,
        article: Article,
        doc: Doc,
        actors: Sequence[Actor],
        places: Sequence[Place],
        times: Sequence[TimeExpression],
    ) -> tuple[Event, ...]:
        """Every event in the article, in text order."""
        participants = Participants(doc, actors, places)
        anchors = Circumstances(doc, places, times, article)
        events: list[Event] = []
        seen: set[tuple[str, int]] = set()
        for sentence in sentences(doc).spans:
            if article.dateline is not None and sentence.end_char <= article.dateline.end:
                continue
            for reading in self._readings(sentence):
                key = (reading.coding.event, reading.trigger.i)
                if key in seen:
                    continue
                event = self._event(article, sentence, reading, participants, anchors)
                if event is not None:
                    seen.add(key)
                    events.append(event)
        return anchors.settle(events)

    # -- clauses ------------------------------------------------------------------------------

    def _readings(self, sentence: Span) -> Iterator[_Reading]:
        for head, speaker in clause_heads(sentence.root, None):
            reading = self._read(head, speaker) or self._subject_event(head, speaker)
            if reading is None:
                continue
            if head.dep_ == "advcl" and reading.coding.quad != 4:
                continue  # a "when" clause is kept for the violence it tells, not for more talk
            if head.dep_ in ("acl", "relcl") and reading.coding.cameo[:2] not in ("18", "19", "20"):
                continue  # "people killed in air strikes" is an attack; "territory held" is not
            yield reading
            yield from self._follow_ons(head, reading)

    def _subject_event(self, head: Token, speaker: Token | None) -> _Reading | None:
        """ "Palestinian riots are continuing", "clashes erupted": the subject is the event."""
        if head.lemma_.lower() not in OCCURRENCE_VERBS:
            return None
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        code = self.nouns.code(subject) if subject is not None else None
        if subject is None or code is None:
            return None
        return self._finish(head, VerbMatch(code, subject, None, None, subject.i), code, speaker)

    def _follow_ons(self, head: Token, reading: _Reading) -> Iterator[_Reading]:
        """ "opened fire, killing one and arresting 12": participles that add material acts."""
        for child in head.children:
            if child.dep_ != "advcl" or child.tag_ != "VBG" or child.i < head.i:
                continue
            if any(c.dep_ in ("nsubj", "mark") for c in child.children):
                continue
            for verb in (child, *child.conjuncts):
                match = self.verbs.code(verb)
                if match is not None and match.code[:2] in _FOLLOW_ON_ROOTS and coding(match.code):
                    follow = self._finish(head, match, match.code, reading.speaker)
                    if follow is not None:
                        yield follow

    def _read(self, head: Token, speaker: Token | None) -> _Reading | None:
        """Code one clause: its verb, a governed "to ..." complement, auxiliaries, negation."""
        verb, complement, stance = predicate(head)
        own = self.verbs.code(verb) if verb.pos_ in VERBAL else adjective_code(verb)
        if complement is verb or (complement is not None and complement.i == verb.i):
            own, complement = None, verb
        if (
            own is None
            or own.pattern is None
            or (verb.lemma_.lower() in LIGHT_VERBS and own.pattern.weight <= 1)
        ):
            own = self._noun_event(verb) or own
        # "X must do Y", a minister said; "reiterated its demand that X do Y"
        obliged = speaker is not None and (is_obligation(head) or states_demand(speaker))
        if obliged and stance is Stance.DONE:
            stance = Stance.DEMAND
        inner: VerbMatch | None = None
        if complement is not None:
            inner = self._code_complement(complement)
        match, code = self._combine(own, inner, stance)
        if match is None or code is None:
            return None
        if obliged and inner is None and coding(code) is not None:
            code = demand(code)
        failed = complement is not None and is_failure_verb(verb)
        return self._finish(
            head, match, code, speaker, obliged=obliged, failed=failed, stance=stance
        )

    def _finish(
        self, head: Token, match: VerbMatch, code: str, speaker: Token | None, *,
        obliged: bool = False, failed: bool = False, stance: Stance = Stance.DONE,
    ) -> _Reading | None:  # fmt: skip
        """The reading of a coded clause, with its modality."""
        found = coding(code)
        if found is None:
            return None  # a public statement (CAMEO 01): no PLOVER event
        mood = modality(head, reported=speaker is not None)
        inner_mood = (
            modality(match.verb, reported=speaker is not None) if match.verb is not head else mood
        )
        negated = mood.is_negated or inner_mood.is_negated or failed
        future = mood.is_future or inner_mood.is_future
        conditional = mood.is_conditional or inner_mood.is_conditional
        if negated and future and stance is Stance.DONE:
            # "will not meet": a refusal now, not a meeting that did not happen
            code, negated, future = refusal(code), False, False
            found = coding(code) or found
        return _Reading(
            coding=found, trigger=match.verb, head=head, speaker=speaker,
            match=match,
            is_negated=negated, is_future=future, is_conditional=conditional,
            is_perfect_past=mood.is_perfect_past, is_obligation=obliged,
        )  # fmt: skip

    def _noun_event(self, verb: Token) -> VerbMatch | None:
        """The event a light verb's object names: "staged a rally", "engaged in cleansing"."""
        lemma = verb.lemma_.lower()
        if lemma not in LIGHT_VERBS and lemma not in REPORTING_VERBS and self.verbs.knows(lemma):
            return None
        for child in verb.children:
            noun = None
            if child.dep_ in ("dobj", "attr"):
                noun = child
            elif child.dep_ == "prep" and child.lower_ in _EVENT_PREPOSITIONS:
                noun = next((g for g in child.children if g.dep_ == "pobj"), None)
            if noun is None:
                continue
            code = self.nouns.code(noun)
            if code is None and noun.lemma_.lower() in _MEASURES:
                # "launched ten days of war games", "a series of attacks"
                inner = next(
                    (
                        g
                        for c in noun.children
                        if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children
                        if g.dep_ == "pobj"
                    ),
                    None,
                )
                if inner is not None:
                    noun, code = inner, self.nouns.code(inner)
            if code is not None:
                return VerbMatch(code, noun, None, None, noun.i)
        return None

    def _code_complement(self, complement: Token) -> VerbMatch | None:
        verb, nested, stance = predicate(complement)
        match = self.verbs.code(verb)
        if nested is not None and nested.i != verb.i:
            deeper = self._code_complement(nested)
            if deeper is not None and (match is None or stance is not Stance.DONE):
                combined, code = self._combine(match, deeper, stance)
                if combined is not None and code is not None:
                    return VerbMatch(
                        code, combined.verb, combined.pattern, combined.target, combined.end
                    )
            if match is None:
                return deeper
        return match

    def _combine(
        self, own: VerbMatch | None, inner: VerbMatch | None, stance: Stance
    ) -> tuple[VerbMatch | None, str | None]:
        """The code of "<governor> to <action>": threat, intent, refusal, demand or the action."""
        if inner is None or coding(inner.code) is None:
            return own, own.code if own else None
        action = inner.code
        if stance is Stance.THREAT:
            return inner, threat(action)
        if stance is Stance.INTENT:
            planned = intent(action)
            # "agreed to investigate": whatever the action, agreeing to it is cooperation
            return inner, planned if coding(planned) and planned[:2] in ("03", "13") else "030"
        if stance is Stance.REFUSAL:
            return inner, refusal(action)
        if stance is Stance.DEMAND:
            return inner, demand(action)
        if own is not None and own.pattern is not None and coding(own.code) is not None:
            return own, own.code  # the governing verb's own pattern is more specific
        return inner, action

    # -- the event ----------------------------------------------------------------------------

    def _event(
        self, article: Article, sentence: Span, reading: _Reading, participants: Participants,
        anchors: Circumstances,
    ) -> Event | None:  # fmt: skip
        sources, targets = participants.roles(reading.head, reading.trigger, reading.match.target)
        if reading.is_obligation and reading.speaker is not None:
            # "the Sudanese government must reach an agreement", Straw said
            targets, sources = sources or targets, participants.subject(reading.speaker)
        if not sources and reading.speaker is not None:
            # "the priority was ending ..., Mekdad said": the speaker holds the position
            sources = [a for a in participants.subject(reading.speaker) if a not in targets]
        if not sources and not targets:
            return None
        found = reading.coding
        if (
            found.cameo[:2] in ("17", "19") and reading.trigger.lemma_.lower() in _OBSTRUCTION_VERBS
            and sources and all(a.sector in _CIVILIAN_SECTORS for a in sources)
        ):  # fmt: skip
            found = coding("144") or found
        when = anchors.time_of(reading.head, reading.trigger)
        if not reading.is_negated and reading.is_future and when is None:
            # an undated plan is a statement of intent made now (CAMEO 03x / 13x)
            code = intent(found.cameo)
            found = coding(code) or found
        elif reading.is_conditional and not reading.is_negated and not reading.is_future:
            code = intent(found.cameo)
            found = coding(code) or found
        status = time_status(
            when,
            anchors.published,
            found.event,
            negated=reading.is_negated,
            conditional=reading.is_conditional,
            future=reading.is_future,
            perfect_past=reading.is_perfect_past and reading.speaker is None,
        )
        if reading.head.dep_ in ("acl", "relcl") and status is not TimeStatus.CURRENT:
            return None  # "property seized in the 1970s": background, not the news
        event_date, date_source = anchors.date_of(when, reading.trigger)
        located = anchors.place_of(reading.head, reading.trigger, found.event)
        location = located.place if located is not None else None
        # only a place the clause attaches to the event tells where its people are
        attached = location if located is not None and located.source == CLAUSE else None
        sources, targets = _place_people(sources, targets, attached)
        civilians = targets and all(a.sector in ("CVL", "REF") for a in targets)
        if found.event == "CONSULT" and civilians:
            return None  # "hosting refugees" is no visit
        mode = _mode(found, sources, targets, location)
        trigger = reading.trigger
        return Event(
            id=content_id(article.id, sentence.start_char, found.event, trigger.idx, PRODUCED_BY),
            type=found.event,
            mode=mode,
            context=found.contexts,
            cameo=found.cameo,
            actors=tuple(sources),
            recipients=tuple(targets),
            date=event_date,
            time_status=status,
            location=location,
            quad_code=found.quad,
            score=found.goldstein,
            start=sentence.start_char,
            end=sentence.end_char,
            trigger=trigger.text,
            trigger_start=trigger.idx,
            trigger_end=trigger.idx + len(trigger.text),
            confidence=_confidence(reading, sources, targets),
            produced_by=PRODUCED_BY,
            location_source=located.source if located is not None else None,
            location_precision=located.precision if located is not None else None,
            date_source=date_source,
        )


def _place_people(
    sources: Sequence[Actor], targets: Sequence[Actor], location: Place | None
) -> tuple[list[Actor], list[Actor]]:
    """Give uncoded groups of people the country they belong to by the event's own facts:
    "ethnic Albanians demonstrated in Serbia" are in Serbia; the demonstrators Egyptian police
    dispersed are Egypt's."""
    where = location.country if location is not None else None
    home = {a.code for a in sources if a.code and a.sector in _STATE_SECTORS}
    state = home.pop() if len(home) == 1 else None

    def place(actor: Actor, fallback: str | None) -> Actor:
        if actor.code is not None or actor.sector not in _PEOPLE_SECTORS:
            return actor
        code = where or fallback
        return replace(actor, code=code) if code else actor

    return [place(a, None) for a in sources], [place(a, state) for a in targets]


def _mode(
    found: Coding, sources: Sequence[Actor], targets: Sequence[Actor], location: Place | None
) -> str | None:
    if found.event != "CONSULT" or found.mode is not None:
        return found.mode
    parties = {a.code for a in (*sources, *targets) if a.code}
    if len(parties) >= 3:
        return "multilateral"
    if location is not None and location.country and parties and location.country not in parties:
        return "third-party"
    return None


def _confidence(reading: _Reading, sources: Sequence[Actor], targets: Sequence[Actor]) -> float:
    score = 0.75 if reading.match.pattern is not None else 0.6
    if sources and targets:
        score += 0.1
    if all(a.code for a in (*sources, *targets)):
        score += 0.05
    return min(score, 0.95)
