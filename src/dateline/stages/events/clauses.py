"""Which clauses of a sentence tell events: the main verbs, the content of reported speech and
statements, "when" clauses; and what a clause's verb makes of its complement (intent, threat,
refusal, demand)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dateline.stages.events.modality import Stance, stance_of
from dateline.stages.events.verbs import VerbMatch

if TYPE_CHECKING:
    from spacy.tokens import Token

VERBAL = frozenset({"VERB", "AUX"})
# Nouns naming an attack or its weapon: their own words can name who acted
ATTACK_NOUNS = frozenset(
    {"strike", "airstrike", "raid", "attack", "bombing", "shelling", "bombardment", "assault",
     "offensive", "fire", "explosion", "blast", "clash", "fighting", "ambush", "mine",
     "landmine", "bomb", "missile", "rocket", "shell", "barrel", "mortar", "sniper", "gunfire"}
)  # fmt: skip
# Verbs that only report speech: the event, if any, is in what was said.
REPORTING_VERBS = frozenset(
    {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "declare", "quote",
     "note", "reiterate", "stress", "indicate", "explain", "write", "tweet", "comment",
     "acknowledge", "reveal", "disclose", "insist", "assert", "argue", "believe", "think",
     "know", "learn", "hear", "show", "suggest", "predict", "estimate", "emphasise",
     "emphasize", "underline", "affirm", "maintain", "remark", "recall", "specify"}
)  # fmt: skip
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
# "X said Y must do Z": the speaker demands it of Y
_OBLIGATION_MODALS = frozenset({"must", "should"})
# "the priority for Syria was ending ...": nouns whose content is a demand
DEMAND_NOUNS = frozenset(
    {"priority", "demand", "goal", "aim", "call", "condition", "request", "objective", "wish",
     "insistence", "precondition", "appeal"}
)  # fmt: skip


def clause_heads(root: Token, speaker: Token | None) -> Iterator[tuple[Token, Token | None]]:
    """Main verbs of a sentence: the root and its coordinated verbs; for reported speech, the
    verbs of what was said (with the verb of saying) instead of the verb of saying."""
    for head in (root, *[c for c in root.conjuncts if c.pos_ in VERBAL]):
        if head.lemma_.lower() in DENIAL_VERBS and any(c.dep_ == "ccomp" for c in head.children):
            continue  # "denied the army had used such weapons": nothing is asserted
        if head.lemma_.lower() in REPORTING_VERBS:
            said = [c for c in head.children if c.dep_ in ("ccomp", "xcomp", "parataxis")]
            for clause in said:
                yield from clause_heads(clause, head)
            if said:
                continue
        yield head, speaker
        # "... were killed when Russian warplanes struck the town": a clause of its own
        for clause in temporal_clauses(head):
            yield clause, speaker
        if head.lemma_.lower() not in STATEMENT_VERBS:
            continue
        # "issued a declaration demanding that ...": the statement's content is reported speech
        for noun in head.children:
            if noun.dep_ in ("dobj", "nsubj") and noun.lemma_.lower() in SPEECH_NOUNS:
                for clause in noun.children:
                    if clause.dep_ in ("acl", "ccomp", "relcl") and clause.pos_ in VERBAL:
                        yield from clause_heads(clause, head)


def temporal_clauses(head: Token) -> Iterator[Token]:
    """ "when Russian warplanes struck a town": clauses with their own subject, hung on the head
    or on a phrase of it (the parser often makes them relative clauses); and participles that
    say who did it ("people killed in US air strikes", "a bus hit by regime raids")."""
    for token in head.subtree:
        if token.dep_ not in ("advcl", "relcl", "acl") or token.pos_ not in VERBAL:
            continue
        if token.i == head.i:
            continue
        if token.dep_ == "advcl" and token.head.i != head.i:
            continue
        if token.dep_ in ("relcl", "acl") and token.tag_ == "VBN" and _has_agent(token):
            yield token
            continue
        if token.dep_ == "acl":
            continue
        marked = any(
            c.dep_ in ("mark", "advmod") and c.lower_ in _TEMPORAL_MARKS for c in token.children
        )
        if marked and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            yield token


def _has_agent(verb: Token) -> bool:
    """ "hit by regime raids", "killed in US air strikes": the participle names who acted."""
    for child in verb.children:
        if child.dep_ == "agent":
            return True
        attack = any(g.dep_ == "pobj" and g.lemma_.lower() in ATTACK_NOUNS for g in child.children)
        if child.dep_ == "prep" and child.lower_ in ("in", "by") and attack:
            return True
    return False


def predicate(head: Token) -> tuple[Token, Token | None, Stance]:
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
            action = predicate if predicate.pos_ in VERBAL else _clausal_child(predicate)
            if action is not None:
                return head, action, Stance.DEMAND
        if predicate is not None:
            verb = predicate
    stance = stance_of(verb)
    complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in VERBAL), None)
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


def adjective_code(adjective: Token) -> VerbMatch | None:
    """ "is opposed to", "is ready to": only stance adjectives say something happened; "the
    weather was fine" is not a fine."""
    stance = stance_of(adjective)
    code = {Stance.REFUSAL: "120", Stance.INTENT: "030"}.get(stance)
    return VerbMatch(code, adjective, None, None, adjective.i) if code else None


def states_demand(verb: Token) -> bool:
    """ "reiterated its demand that ...", "renewed its call for ...": what follows is demanded."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in DEMAND_NOUNS for c in verb.children)


def is_obligation(head: Token) -> bool:
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
            if c.dep_ in ("acl", "ccomp", "xcomp", "relcl") and c.pos_ in VERBAL
        ),
        None,
    )
