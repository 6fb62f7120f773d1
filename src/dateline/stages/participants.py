"""Who is the event's actor and who its recipient: subjects, agents, objects and the parties
named in prepositional phrases, found through the parse from the actor mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dateline.model import Actor, ActorKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_OBJECTS = frozenset({"dobj", "iobj", "dative", "attr", "oprd"})
# "aid to Mozambique", "talks with Syria", "war against Iraq", "ultimatum to Ecuador"
_TARGET_PREPOSITIONS = frozenset(
    {"to", "with", "against", "on", "upon", "at", "from", "for", "into", "toward", "towards",
     "over", "between", "of", "by"}
)  # fmt: skip
_INNER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "appos", "npadvmod"})
# "foreign militaries including Turkey's", "groups such as Hamas"
_INCLUDING = frozenset({"including", "like", "as"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
_IMPERSONAL = frozenset({"it", "they", "them"})
# How many sentences back a pronoun may find its antecedent
_PRONOUN_REACH = 2


class Participants:
    """Actor mentions of one article, reachable from the tokens of the parse."""

    def __init__(self, doc: Doc, actors: Sequence[Actor]) -> None:
        self.doc = doc
        by_char = {token.idx: token.i for token in doc}
        self.by_head: dict[int, list[Actor]] = defaultdict(list)
        self.subjects: list[tuple[int, Actor]] = []  # (token, actor) of subject mentions, in order
        for actor in actors:
            head = by_char.get(actor.head)
            if head is None:
                span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
                head = span.root.i if span is not None else None
            if head is not None:
                self.by_head[head].append(actor)
                if doc[head].dep_ in ("nsubj", "nsubjpass") or actor.kind is ActorKind.PERSON:
                    self.subjects.append((head, actor))
        self.subjects.sort(key=lambda item: item[0])

    def roles(self, head: Token, trigger: Token, marked: Token | None) -> tuple[list[Actor], list[Actor]]:
        """The actors of the event's subject (actor) and object (recipient)."""
        sources = self.subject(head) or (self.subject(trigger) if trigger is not head else [])
        targets: list[Actor] = []
        if marked is not None:
            targets = self.at(marked)
        if not targets:
            targets = self._objects(trigger, exclude=head)
        if not targets and trigger is not head:
            targets = self._objects(head, exclude=trigger)
        source_keys = {_key(a) for a in sources}
        targets = [a for a in targets if _key(a) not in source_keys]
        return _unique(sources), _unique(targets)

    def at(self, token: Token) -> list[Actor]:
        """Actors named by the phrase headed by ``token`` (and its coordinated phrases)."""
        found = list(self.by_head.get(token.i, ()))
        if not found and token.lower_ in _PERSONAL | _IMPERSONAL:
            found = self.antecedent(token)
        if not found:
            for child in token.children:
                if child.dep_ in _INNER_DEPS:
                    found.extend(self.by_head.get(child.i, ()))
                elif child.dep_ == "prep" and child.lower_ in ("of", *_INCLUDING):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found.extend(self.at(obj))
        for conjunct in token.conjuncts:
            if conjunct.i > token.i:
                found.extend(self.by_head.get(conjunct.i, ()))
        return found

    def antecedent(self, pronoun: Token) -> list[Actor]:
        """The actor a pronoun stands for: the latest fitting subject within two sentences."""
        personal = pronoun.lower_ in _PERSONAL
        plural = pronoun.lower_ in ("they", "them")
        first_sentence = pronoun.sent.start
        for _ in range(_PRONOUN_REACH):
            if first_sentence > 0:
                first_sentence = self.doc[first_sentence - 1].sent.start
        for index, actor in reversed(self.subjects):
            if index >= pronoun.i:
                continue
            if index < first_sentence:
                break
            if personal != (actor.kind is ActorKind.PERSON):
                continue
            if plural and actor.kind is ActorKind.STATE:
                continue
            return [actor]
        return []

    def subject(self, verb: Token) -> list[Actor]:
        """The actors of the verb's subject (the agent of a passive), through coordination."""
        current = verb
        for _ in range(4):
            passive = next((c for c in current.children if c.dep_ == "nsubjpass"), None)
            agent = next((c for c in current.children if c.dep_ == "agent"), None)
            if passive is not None or agent is not None:
                if agent is None:
                    return []
                return [a for obj in agent.children if obj.dep_ == "pobj" for a in self.at(obj)]
            subject = next((c for c in current.children if c.dep_ in _SUBJECTS), None)
            if subject is not None:
                found = self.at(subject)
                if not found and subject.dep_ == "nsubj" and subject.lower_ in ("who", "which", "that"):
                    found = self.at(current.head)  # "rebels who attacked ..."
                return found
            # coordinated and complement verbs share the subject of the verb they hang on
            if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
                current = current.head
                continue
            if current.dep_ == "relcl":
                return self.at(current.head)
            return []
        return []

    def _objects(self, verb: Token, exclude: Token) -> list[Actor]:
        """Recipients: the passive subject, objects, and parties in the verb's phrases."""
        found: list[Actor] = []
        for child in verb.children:
            if child.i == exclude.i:
                continue
            if child.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in verb.children):
                found.extend(self.at(child))
            elif child.dep_ in _OBJECTS:
                found.extend(self.at(child))
                found.extend(self._prepositional(child))
            elif child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS:
                found.extend(self._prepositional_object(child))
            elif child.dep_ == "ccomp":
                subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    found.extend(self.at(subject))  # "demanded that the US cancel ..."
        return found

    def _prepositional(self, noun: Token) -> list[Actor]:
        found: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS:
                found.extend(self._prepositional_object(child))
        return found

    def _prepositional_object(self, preposition: Token) -> list[Actor]:
        return [a for obj in preposition.children if obj.dep_ == "pobj" for a in self.at(obj)]


def _key(actor: Actor) -> tuple[int, int, str | None]:
    return (actor.start, actor.end, actor.code)


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    seen: set[tuple[int, int, str | None]] = set()
    out = []
    for actor in actors:
        if _key(actor) not in seen:
            seen.add(_key(actor))
            out.append(actor)
    return out
