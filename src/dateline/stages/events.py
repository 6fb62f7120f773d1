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
from dateline.stages.circumstances import Circumstances, time_status
from dateline.stages.modality import (
    Stance,
    is_failure_verb,
    modality,
    stance_of,
)
from dateline.stages.ontology import Coding, coding, demand, intent, refusal, threat
from dateline.stages.participants import Participants
from dateline.stages.sentences import sentences
from dateline.stages.verbs import NounDictionary, VerbDictionary, VerbMatch, load_nouns, load_verbs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PRODUCED_BY = "events.rules@1"

# Verbs that only report speech: the event, if any, is in what was said.
REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "declare", "quote",
     "note", "reiterate", "stress", "indicate", "explain", "write", "tweet", "comment",
     "acknowledge", "reveal", "disclose", "insist", "assert", "argue", "believe", "think",
     "know", "learn", "hear", "show", "suggest", "predict", "estimate", "emphasise",
     "emphasize", "underline", "affirm", "maintain", "remark", "recall", "specify"}
)  # fmt: skip
_VERBAL = frozenset({"VERB", "AUX"})
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
# Nouns naming a statement whose content clause is reported speech (a demand, appeal or
# ultimatum is itself the event, its content is what is demanded, not what happened)
SPEECH_NOUNS = frozenset(
    {"statement", "declaration", "communique", "message", "letter", "resolution",
     "announcement", "note", "report"}
)  # fmt: skip
# Verbs that deny what their clause says: the clause is not an event
DENIAL_VERBS = frozenset({"deny", "dismiss", "refute", "reject"})
# "when Russian jets struck", "as police fired": clauses that tell an event of their own
_TEMPORAL_MARKS = frozenset({"when", "as", "after", "while", "before"})
# Verbs that make a statement whose content is then reported ("issued a declaration that")
STATEMENT_VERBS = frozenset(
    {"issue", "make", "release", "deliver", "send", "publish", "lodge", "reiterate", "renew",
     "repeat", "insist", "adopt", "pass", "sign", "announce", "voice", "express", "file"}
)  # fmt: skip
# Groups of people whose country is where they are, and state organs that act at home
_PEOPLE_SECTORS = frozenset({"CVL", "REF", "LAB", "EDU", "OPP", "AGR", "REB"})
_STATE_SECTORS = frozenset({"GOV", "COP", "JUD", "LEG"})
# Dissidents' blocking is protest (CAMEO 144), a state's is coercion
_CIVILIAN_SECTORS = frozenset({"CVL", "LAB", "EDU", "OPP", "REF", "AGR", "BUS", "HRI", "NGO"})
_OBSTRUCTION_VERBS = frozenset({"block", "blockade", "barricade", "obstruct", "occupy", "close"})
# "X said Y must do Z": the speaker demands it of Y
_OBLIGATION_MODALS = frozenset({"must", "should"})
# "the priority for Syria was ending ...": nouns whose content is a demand
DEMAND_NOUNS = frozenset(
    {"priority", "demand", "goal", "aim", "call", "condition", "request", "objective", "wish",
     "insistence", "precondition", "appeal"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Reading:
    """A clause read as one event before actors are attached."""

    code: str
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
        return tuple(events)

    # -- clauses ------------------------------------------------------------------------------

    def _readings(self, sentence: Span) -> Iterator[_Reading]:
        for head, speaker in _clause_heads(sentence.root, None):
            reading = self._read(head, speaker) or self._subject_event(head, speaker)
            if reading is None:
                continue
            if head.dep_ == "advcl" and reading.coding.quad != 4:
                continue  # a "when" clause is kept for the attack it tells, not for more talk
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
        verb, complement, stance = _predicate(head)
        own = self.verbs.code(verb) if verb.pos_ in _VERBAL else _adjective_code(verb)
        if complement is verb or (complement is not None and complement.i == verb.i):
            own, complement = None, verb
        if (
            own is None
            or own.pattern is None
            or (verb.lemma_.lower() in LIGHT_VERBS and own.pattern.weight <= 1)
        ):
            own = self._noun_event(verb) or own
        # "X must do Y", a minister said; "reiterated its demand that X do Y"
        obliged = speaker is not None and (_is_obligation(head) or _states_demand(speaker))
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
            code=found.cameo, coding=found, trigger=match.verb, head=head, speaker=speaker,
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
        verb, nested, stance = _predicate(complement)
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
        if (
            not reading.is_negated
            and reading.is_future
            and anchors.time_of(reading.head, reading.trigger) is None
        ):
            # an undated plan is a statement of intent made now (CAMEO 03x / 13x)
            code = intent(found.cameo)
            found = coding(code) or found
        elif reading.is_conditional and not reading.is_negated and not reading.is_future:
            code = intent(found.cameo)
            found = coding(code) or found
        when = anchors.time_of(reading.head, reading.trigger)
        status = time_status(
            when,
            anchors.published,
            found.event,
            negated=reading.is_negated,
            conditional=reading.is_conditional,
            future=reading.is_future,
            perfect_past=reading.is_perfect_past and reading.speaker is None,
        )
        event_date = anchors.date_of(when, status)
        location = anchors.place_of(
            reading.head, reading.trigger, fallback=status is TimeStatus.CURRENT
        )
        sources, targets = _place_people(sources, targets, location)
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
        )


def _clause_heads(root: Token, speaker: Token | None) -> Iterator[tuple[Token, Token | None]]:
    """Main verbs of a sentence: the root and its coordinated verbs; for reported speech, the
    verbs of what was said (with the verb of saying) instead of the verb of saying."""
    for head in (root, *[c for c in root.conjuncts if c.pos_ in _VERBAL]):
        if head.lemma_.lower() in DENIAL_VERBS and any(c.dep_ == "ccomp" for c in head.children):
            continue  # "denied the army had used such weapons": nothing is asserted
        if head.lemma_.lower() in REPORTING_VERBS:
            said = [c for c in head.children if c.dep_ in ("ccomp", "xcomp", "parataxis")]
            for clause in said:
                yield from _clause_heads(clause, head)
            if said:
                continue
        yield head, speaker
        # "... were killed when Russian warplanes struck the town": a clause of its own
        for clause in _temporal_clauses(head):
            yield clause, speaker
        if head.lemma_.lower() not in STATEMENT_VERBS:
            continue
        # "issued a declaration demanding that ...": the statement's content is reported speech
        for noun in head.children:
            if noun.dep_ in ("dobj", "nsubj") and noun.lemma_.lower() in SPEECH_NOUNS:
                for clause in noun.children:
                    if clause.dep_ in ("acl", "ccomp", "relcl") and clause.pos_ in _VERBAL:
                        yield from _clause_heads(clause, head)


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


def _temporal_clauses(head: Token) -> Iterator[Token]:
    """ "when Russian warplanes struck a town": clauses with their own subject, hung on the head
    or on a phrase of it (the parser often makes them relative clauses)."""
    for token in head.subtree:
        if token.dep_ not in ("advcl", "relcl") or token.pos_ not in _VERBAL or token.i == head.i:
            continue
        if token.dep_ == "advcl" and token.head.i != head.i:
            continue
        marked = any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _TEMPORAL_MARKS for c in token.children
        )
        if marked and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            yield token


def _predicate(head: Token) -> tuple[Token, Token | None, Stance]:
    """The clause's verb, its "to ..." complement and the stance the verb takes towards it:
    "is prepared to lift" -> (prepared, lift, INTENT); "the priority is ending" -> DEMAND."""
    verb = head
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lemma_.lower() in DEMAND_NOUNS and head.tag_ == "VBG":
        # "the priority was ending the presence ...": parsed as a progressive verb
        return head, head, Stance.DEMAND
    if head.lemma_ == "be":
        predicate = next((c for c in head.children if c.dep_ in ("acomp", "attr", "xcomp")), None)
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if predicate is not None and subject is not None and subject.lemma_.lower() in DEMAND_NOUNS:
            action = predicate if predicate.pos_ in _VERBAL else _clausal_child(predicate)
            if action is not None:
                return head, action, Stance.DEMAND
        if predicate is not None:
            verb = predicate
    stance = stance_of(verb)
    complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in _VERBAL), None)
    if complement is None and stance is not Stance.DONE:
        # "have sworn to fight" is sometimes parsed as a purpose clause
        complement = next(
            (
                c
                for c in verb.children
                if c.dep_ == "advcl"
                and c.i > verb.i
                and any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)
            ),
            None,
        )
    if complement is None:
        # "is committed to opening", "demanded that X withdraw"
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "to":
                complement = next((g for g in child.children if g.dep_ == "pcomp"), None)
            elif child.dep_ == "ccomp" and stance is Stance.DEMAND:
                complement = child
            if complement is not None:
                break
    return verb, complement, stance


def _adjective_code(adjective: Token) -> VerbMatch | None:
    """ "is opposed to", "is ready to": only stance adjectives say something happened; "the
    weather was fine" is not a fine."""
    stance = stance_of(adjective)
    code = {Stance.REFUSAL: "120", Stance.INTENT: "030"}.get(stance)
    return VerbMatch(code, adjective, None, None, adjective.i) if code else None


def _states_demand(verb: Token) -> bool:
    """ "reiterated its demand that ...", "renewed its call for ...": what follows is demanded."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in DEMAND_NOUNS for c in verb.children)


def _is_obligation(head: Token) -> bool:
    """ "must hand over", "should withdraw", "has to leave", "needs to stop"."""
    for child in head.children:
        if child.dep_ == "aux" and child.lower_ in _OBLIGATION_MODALS:
            return True
    parent = head.head
    return head.dep_ == "xcomp" and parent.lemma_.lower() in ("have", "need") and parent.i < head.i


def _clausal_child(token: Token) -> Token | None:
    return next(
        (
            c
            for c in token.children
            if c.dep_ in ("acl", "ccomp", "xcomp", "relcl") and c.pos_ in _VERBAL
        ),
        None,
    )


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
