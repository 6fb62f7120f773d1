"""The tense of the clause a word sits in, read from the spaCy parse ("had held" -> past,
"will meet" -> future), so that "December" or "Friday" can be placed before or after the
publication date."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


class Tense(StrEnum):
    """Where a clause puts its event relative to the time of writing."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "\u2019ll", "wo"})
# Modals of obligation and intent look ahead ("must leave by Friday", "said it would meet on
# Monday"); those of possibility and ability do not say when ("could be seen on Tuesday").
_FORWARD_MODALS = frozenset({"would", "must", "should", "ought", "shall"})
_OPEN_MODALS = frozenset({"could", "might", "may", "can", "ca"})
# Words whose infinitive complement lies ahead of them: "agreed to meet on Friday",
# "is due to vote next month", "was invited to attend the summit on May 19".
_FORWARD = frozenset(
    {"plan", "expect", "schedule", "set", "due", "agree", "decide", "invite", "prepare",
     "hope", "want", "intend", "aim", "vow", "promise", "pledge", "threaten", "propose",
     "urge", "call", "ask", "order", "likely", "certain", "ready", "able", "be", "go",
     "slate", "arrange", "offer", "seek"}
)  # fmt: skip
_AUXILIARY_DEPS = frozenset({"aux", "auxpass"})


def is_predicate(token: Token) -> bool:
    """The token heads a clause: a verb, or a copula used as the main verb."""
    return token.pos_ in {"VERB", "AUX"} and token.dep_ not in _AUXILIARY_DEPS


def governing_verb(token: Token) -> Token | None:
    """The verb of the clause ``token`` belongs to (itself when it is one), or None."""
    node = token
    for _ in range(len(token.doc)):  # a parse is a tree, so the walk ends; bound it anyway
        if is_predicate(node):
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def clause_tense(token: Token) -> Tense:
    """The tense of the clause ``token`` belongs to."""
    verb = governing_verb(token)
    return Tense.UNKNOWN if verb is None else verb_tense(verb)


def verb_tense(verb: Token, depth: int = 0) -> Tense:
    """The tense a verb and its auxiliaries express; perfects count as past."""
    auxiliaries = [c for c in verb.children if c.dep_ in _AUXILIARY_DEPS]
    words = {a.lower_ for a in auxiliaries}
    has_perfect = any(a.lemma_.lower() == "have" for a in auxiliaries)
    if words & _FUTURE_AUXILIARIES:
        return Tense.FUTURE
    if has_perfect:
        # "may have been killed on Tuesday", "alleged to have been used on December 23"
        return Tense.PAST
    if words & _FORWARD_MODALS:
        return Tense.FUTURE
    if words & _OPEN_MODALS:
        return Tense.UNKNOWN
    if "to" in words:
        return _infinitive_tense(verb, depth)
    if any("Past" in a.morph.get("Tense", []) for a in auxiliaries):
        return Tense.PAST
    if verb.tag_ == "VBD":
        return Tense.PAST
    if verb.tag_ == "VBN":
        # "the vote scheduled for Friday" looks ahead; "the talks held in December" back
        return Tense.UNKNOWN if verb.lemma_.lower() in _FORWARD else Tense.PAST
    if verb.tag_ in {"VBZ", "VBP"} or auxiliaries:
        return Tense.PRESENT
    if verb.tag_ == "VBG" and verb.head is not verb and depth < 3:
        # "..., adding that ...": a bare participle shares its head's time
        head = governing_verb(verb.head)
        if head is not None and head is not verb:
            return verb_tense(head, depth + 1)
    return Tense.UNKNOWN


def _infinitive_tense(verb: Token, depth: int) -> Tense:
    head = verb.head
    if head is verb or (head.dep_ == "ROOT" and head.pos_ in {"NOUN", "PROPN"}):
        return Tense.FUTURE  # a headline's "to" is its future: "DeGeneres to host Oscars"
    if verb.dep_ == "advcl" and depth < 3:
        # a purpose shares its clause's time: "went to Moscow to attend talks on Monday"
        outer = governing_verb(head)
        return verb_tense(outer, depth + 1) if outer is not None else Tense.UNKNOWN
    if head.lemma_.lower() in _FORWARD:
        return Tense.FUTURE
    return Tense.UNKNOWN
