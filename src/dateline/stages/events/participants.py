"""Who is the event's actor and who its recipient: subjects, agents, objects and the parties
named in prepositional phrases, found through the parse from the actor mentions.

The recipient is looked for in order: the pattern's marked target; the verb's objects and
prepositional phrases ("aid to Mozambique", "talks with Syria"); any other actor inside the
clause; and last the country of the place where it happened ("demonstrated in Serbia").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from dateline.model import Actor, ActorKind, Place
from dateline.stages.events.clauses import ATTACK_NOUNS
from dateline.stages.events.features import char_index
from dateline.stages.sentences import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_OBJECTS = frozenset({"dobj", "iobj", "dative", "attr", "oprd"})
# "aid to Mozambique", "talks with Syria", "war against Iraq", "ultimatum to Ecuador"
_TARGET_PREPOSITIONS = frozenset(
    {"to", "with", "against", "on", "upon", "at", "from", "for", "into", "toward", "towards",
     "over", "between", "of", "by", "among"}
)  # fmt: skip
_INNER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "appos", "npadvmod"})
# "foreign militaries including Turkey's", "groups such as Hamas"
_INCLUDING = frozenset({"including", "like", "as"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
_IMPERSONAL = frozenset({"it", "they", "them"})
_OWN = frozenset({"its", "their", "his", "her"})
# Clauses inside the event's clause that speak of something else
_NESTED = frozenset({"relcl", "advcl", "acl", "ccomp", "csubj", "parataxis"})
# Phrases that set the scene rather than name a party: "after the shooting of two Israelis"
_ADJUNCTS = frozenset(
    {"after", "before", "following", "despite", "during", "since", "amid", "because", "as",
     "like", "until", "in", "near", "while", "ago", "due"}
)  # fmt: skip
# Participles whose passive subject is the one acting: "were engaged in", "is opposed to"
_STATIVE = frozenset(
    {"engage", "involve", "oppose", "commit", "determine", "prepare", "concern", "dedicate",
     "entrench", "station", "deploy", "poise", "resolve"}
)  # fmt: skip
_LOCATIVE = frozenset({"in", "into", "inside", "across", "throughout", "at", "to", "near"})
# How many sentences back a pronoun may find its antecedent
_PRONOUN_REACH = 2


class Participants:
    """Actor mentions of one article, reachable from the tokens of the parse."""

    def __init__(self, doc: Doc, actors: Sequence[Actor], places: Sequence[Place] = ()) -> None:
        self.doc = doc
        self.by_char = char_index(doc)
        self.by_head: dict[int, list[Actor]] = defaultdict(list)
        self.subjects: list[tuple[int, Actor]] = []  # (token, actor) of subject mentions, in order
        for actor in actors:
            head = self._token(actor.head, actor.start, actor.end)
            if head is None:
                continue
            self.by_head[head].append(actor)
            if doc[head].dep_ in ("nsubj", "nsubjpass") or actor.kind is ActorKind.PERSON:
                self.subjects.append((head, actor))
        self.subjects.sort(key=lambda item: item[0])
        self.places: dict[int, Place] = {}
        for place in places:
            head = self._token(-1, place.start, place.end)
            if head is not None and place.country:
                self.places[head] = place

    def _token(self, offset: int, start: int, end: int) -> int | None:
        """The token at ``offset`` (an actor's head), else the root of the span."""
        if offset in self.by_char:
            return self.by_char[offset]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return int(span.root.i) if span is not None else None

    def roles(
        self, head: Token, trigger: Token, marked: Token | None
    ) -> tuple[list[Actor], list[Actor]]:
        """The actors of the event's subject (actor) and object (recipient)."""
        sources = self.subject(head) or (self.subject(trigger) if trigger is not head else [])
        if not sources and trigger.pos_ in ("NOUN", "PROPN"):
            # "clashes erupted between the FSA and ISIL": every party acts
            parties = self.between(trigger)
            if parties:
                return _unique(parties), []
        chain = _chain(head, trigger)
        targets: list[Actor] = self.at(marked) if marked is not None else []
        for verb in chain:
            if targets:
                break
            targets = self._objects(verb, exclude=chain)
        if not targets:
            targets = self._inside(chain, sources)
        if not targets:
            targets = self._purpose(chain, sources)
        if not targets and len({a.code for a in sources}) < 2:
            # a visit's host is where it happened; a meeting of several is not with the host
            targets = self._where(chain)
        source_keys = {_key(a) for a in sources}
        source_codes = {a.code for a in sources}
        targets = [
            a for a in targets
            if _key(a) not in source_keys and not (a.code in source_codes and _is_own(a))
        ]  # fmt: skip
        return _unique(sources), _unique(targets)

    def at(self, token: Token, depth: int = 0) -> list[Actor]:
        """Actors named by the phrase headed by ``token`` (and its coordinated phrases)."""
        found = list(self.by_head.get(token.i, ()))
        if not found and token.lower_ in _PERSONAL | _IMPERSONAL:
            found = self.antecedent(token)
        if not found and depth < 2:
            for child in token.children:
                if child.dep_ in _INNER_DEPS:
                    found.extend(self.at(child, depth + 1))
                elif child.dep_ == "prep" and child.lower_ in ("of", *_INCLUDING):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found.extend(self.at(obj, depth + 1))
        for conjunct in token.conjuncts:
            if conjunct.i > token.i:
                found.extend(self.by_head.get(conjunct.i, ()))
        return found

    def antecedent(self, pronoun: Token) -> list[Actor]:
        """The actor a pronoun stands for: the latest fitting subject within two sentences."""
        personal = pronoun.lower_ in _PERSONAL
        plural = pronoun.lower_ in ("they", "them")
        first_sentence = sentence_of(pronoun).start
        for _ in range(_PRONOUN_REACH):
            if first_sentence > 0:
                first_sentence = sentence_of(self.doc[first_sentence - 1]).start
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
            if agent is not None:
                # "killed by raids by Russian aircraft": an attack's own party acted
                return [a for obj in agent.children if obj.dep_ == "pobj" for a in self.party(obj)]
            if passive is not None:
                # "Serb forces were engaged in ...": the passive subject acts
                if current.lemma_.lower() in _STATIVE:
                    return self.at(passive)
                # "were killed in US air strikes": the attack's own party
                return self._agent_noun(current)
            subject = next((c for c in current.children if c.dep_ in _SUBJECTS), None)
            if subject is not None:
                found = self.party(subject)
                if not found and subject.lower_ in ("who", "which", "that"):
                    found = self.at(current.head)  # "rebels who attacked ..."
                return found
            # coordinated and complement verbs share the subject of the verb they hang on
            if current.dep_ in ("conj", "xcomp", "advcl") and current.head is not current:
                current = current.head
                continue
            if current.dep_ in ("relcl", "acl"):
                return self.at(current.head)
            return []
        return []

    def _agent_noun(self, verb: Token) -> list[Actor]:
        """ "were killed in US air strikes": the party of an attack named after the verb."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "by"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in ATTACK_NOUNS:
                        found = self.party(obj)
                        if found:
                            return found
        return []

    def party(self, token: Token) -> list[Actor]:
        """The actors a phrase names; for an attack or a weapon ("air strikes carried out by
        Syrian warplanes", "mines planted by Daesh"), the party behind it."""
        found = self.at(token)
        if found or token.pos_ not in ("NOUN", "PROPN"):
            return found
        attack = token.lemma_.lower() in ATTACK_NOUNS
        if attack:
            found = self.between(token)  # "killed in clashes between the army and rebels"
        for child in token.children:
            if attack and child.dep_ == "prep" and child.lower_ == "by":
                found.extend(a for g in child.children if g.dep_ == "pobj" for a in self.at(g))
            elif child.dep_ == "acl":
                # "the demonstration staged by students", "mines planted by Daesh"
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    found.extend(a for g in agent.children if g.dep_ == "pobj" for a in self.at(g))
        return found

    def between(self, noun: Token) -> list[Actor]:
        """The parties "between X and Y" of a clash or of talks."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("between", "among"):
                return [a for obj in child.children if obj.dep_ == "pobj" for a in self.at(obj)]
        return []

    def _objects(self, verb: Token, exclude: Sequence[Token]) -> list[Actor]:
        """Recipients: the passive subject, objects, and parties in the verb's phrases."""
        skip = {t.i for t in exclude}
        found: list[Actor] = []
        for child in verb.children:
            if child.i in skip:
                continue
            if child.dep_ == "nsubjpass" and any(c.dep_ == "agent" for c in verb.children):
                found.extend(self.at(child))
            elif _is_preposition(child) and child.lower_ in _TARGET_PREPOSITIONS:
                found.extend(self._prepositional_object(child))
            elif child.dep_ in _OBJECTS:
                named = self.party(child)
                # "condemned the Turkish strike on Syrian troops": the object's own party
                found.extend(named or self._prepositional(child))
            elif child.dep_ == "prt":
                found.extend(self._prepositional(child))
            elif child.dep_ == "ccomp":
                subject = next(
                    (c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None
                )
                if subject is not None:
                    found.extend(self.at(subject))  # "demanded that the US cancel ..."
        return found

    def _inside(self, chain: Sequence[Token], sources: Sequence[Actor]) -> list[Actor]:
        """Any other coded actor in the clause, outside its subject and nested clauses."""
        verb = chain[-1]
        own = {_key(a) for a in sources}
        blocked: set[int] = set()
        for token in verb.subtree:
            if token.i == verb.i or token.i in blocked:
                continue
            nested = token.dep_ in _NESTED or (token.dep_ == "prep" and token.lower_ in _ADJUNCTS)
            subject = token.dep_ in ("nsubj", "nsubjpass", "agent", "csubj") and token.head.i in {
                t.i for t in chain
            }
            if nested or subject:
                blocked.update(t.i for t in token.subtree)
        for token in verb.subtree:
            if token.i in blocked or token.i == verb.i:
                continue
            found = [a for a in self.by_head.get(token.i, ()) if _key(a) not in own and a.code]
            if found:
                return found
        return []

    def _purpose(self, chain: Sequence[Token], sources: Sequence[Actor]) -> list[Actor]:
        """Whom the act is aimed at, from its purpose: "began a hunger strike to protest
        against Sweden's decision", "rallied to demand the president's resignation"."""
        own = {_key(a) for a in sources}
        for verb in chain:
            for clause in verb.children:
                if clause.dep_ not in ("advcl", "xcomp") or not any(
                    c.lower_ == "to" and c.dep_ == "aux" for c in clause.children
                ):
                    continue
                found = [a for a in self._objects(clause, exclude=()) if _key(a) not in own]
                if found:
                    return [a for a in found if a.code] or found
        return []

    def _where(self, chain: Sequence[Token]) -> list[Actor]:
        """The state where the event happened, when no one else is named: "rallied in Serbia",
        "sent aid to Lebanon"."""
        for verb in chain:
            objects = [c for c in verb.children if c.dep_ in _OBJECTS]
            for child in [c for holder in (verb, *objects) for c in holder.children]:
                if not _is_preposition(child) or child.lower_ not in _LOCATIVE:
                    continue
                for obj in child.children:
                    place = self.places.get(obj.i)
                    if obj.dep_ == "pobj" and place is not None and place.country:
                        return [_state_at(place)]
        return []

    def _prepositional(self, noun: Token) -> list[Actor]:
        found: list[Actor] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS:
                found.extend(self._prepositional_object(child))
        return found

    def _prepositional_object(self, preposition: Token) -> list[Actor]:
        return [a for obj in preposition.children if obj.dep_ == "pobj" for a in self.at(obj)]


def _is_preposition(token: Token) -> bool:
    """ "to Lebanon" is sometimes parsed as a dative, not a prep."""
    return token.dep_ == "prep" or (token.dep_ == "dative" and token.pos_ == "ADP")


def _chain(head: Token, trigger: Token) -> list[Token]:
    """The verbs from the clause head down to the trigger: "threatened to break" -> both."""
    chain = [trigger]
    current = trigger
    while current.i != head.i and current.head is not current and len(chain) < 5:
        current = current.head
        chain.append(current)
    if chain[-1].i != head.i:
        return [trigger, head]
    return chain


def _state_at(place: Place) -> Actor:
    return Actor(
        start=place.start, end=place.end, text=place.text, code=place.country, sector=None,
        kind=ActorKind.STATE, head=place.start, produced_by="events.location",
    )  # fmt: skip


def _is_own(actor: Actor) -> bool:
    """ "its own troops": the actor's own forces, not a recipient."""
    return actor.text.split(" ", 1)[0].lower() in _OWN


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
