"""How a clause presents its action: done, planned, refused, demanded, threatened, denied.

"Turkey will allow refugees to return" announces an intent (CAMEO 03x, PLOVER AGREE); "refused
to deploy" is a refusal (12x); "fighting has not re-emerged" is negated; "had held talks" is
historical. These rules read auxiliaries, negation and the governing verb from the parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# Verbs whose complement ("to X") is the action, and what they make of it.
THREAT_VERBS = frozenset({"threaten", "vow", "warn", "swear"})
INTENT_VERBS = frozenset(
    {"promise", "pledge", "offer", "agree", "decide", "plan", "intend", "commit", "undertake",
     "prepare", "volunteer", "propose", "resolve", "consent", "want", "wish", "hope", "expect"}
)  # fmt: skip
REFUSAL_VERBS = frozenset({"refuse", "decline", "reject", "renege", "resist", "balk", "oppose"})
DEMAND_VERBS = frozenset(
    {"demand", "urge", "ask", "call", "press", "pressure", "push", "appeal", "insist", "request",
     "implore", "beg", "exhort", "order", "instruct", "tell", "invite", "encourage"}
)  # fmt: skip
FAIL_VERBS = frozenset({"fail", "stop", "cease", "halt", "abandon"})
# "is prepared to", "is ready to", "is willing to", "is committed to"
INTENT_ADJECTIVES = frozenset(
    {"prepared", "ready", "willing", "committed", "determined", "eager", "poised", "set", "keen"}
)  # fmt: skip
REFUSAL_ADJECTIVES = frozenset({"unwilling", "reluctant", "opposed"})

FUTURE_MODALS = frozenset({"will", "shall", "'ll", "wo"})  # "wo" as in "won't"
CONDITIONAL_MODALS = frozenset({"would", "may", "might", "could", "should", "can", "'d"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether"})


class Stance(StrEnum):
    """What the governing verb makes of the embedded action."""

    DONE = "done"
    INTENT = "intent"
    THREAT = "threat"
    REFUSAL = "refusal"
    DEMAND = "demand"


@dataclass(frozen=True, slots=True)
class Modality:
    """How the clause presents its action."""

    is_negated: bool
    is_future: bool  # will/shall, "going to"
    is_conditional: bool  # would/may/might/could, or under "if"/"unless"
    is_perfect_past: bool  # "had held talks"


def stance_of(governor: Token) -> Stance:
    """The stance a verb (or predicate adjective) takes towards its "to ..." complement."""
    lemma = governor.lemma_.lower()
    if lemma in THREAT_VERBS:
        return Stance.THREAT
    if lemma in REFUSAL_VERBS or governor.lower_ in REFUSAL_ADJECTIVES:
        return Stance.REFUSAL
    if lemma in DEMAND_VERBS:
        return Stance.DEMAND
    if lemma in INTENT_VERBS or governor.lower_ in INTENT_ADJECTIVES:
        return Stance.INTENT
    return Stance.DONE


def is_failure_verb(token: Token) -> bool:
    """ "failed to", "stopped": the complement did not happen."""
    return token.lemma_.lower() in FAIL_VERBS


def modality(verb: Token, *, reported: bool = False) -> Modality:
    """Read auxiliaries, negation and conditional markers attached to ``verb``.

    In reported speech ("announced it would prohibit aid") "would" is the future of the time
    of speaking, not a condition.
    """
    children = list(verb.children)
    auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxiliaries}
    if reported and "would" in words and not _under_condition(verb):
        words = (words - {"would"}) | {"will"}
    negated = any(
        c.dep_ == "neg" or (c.lower_ in _NEGATIONS and c.dep_ == "advmod") for c in children
    )
    future = bool(words & FUTURE_MODALS) or _going_to(verb)
    conditional = bool(words & CONDITIONAL_MODALS) or _under_condition(verb)
    perfect_past = "had" in words and verb.tag_ == "VBN"
    return Modality(negated, future, conditional, perfect_past)


def _going_to(verb: Token) -> bool:
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lower_ == "going"
        and any(c.lower_ == "to" for c in verb.children)
    )


def _under_condition(verb: Token) -> bool:
    """The clause is the "if"/"unless" clause of another."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKERS for c in verb.children
    )
