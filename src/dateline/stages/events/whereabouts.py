"""Where an event happened, read from its own words.

An event takes, in order: the place its own clause names for it (a locative phrase on its verb
or noun, "in Idlib", "the town of Khan Shaykhun"; a place it is done to, "shelled Douma"; a
name modifying its noun, "the Moscow talks"); else a place its sentence states in a locative
phrase; else (``settle``) the place of the same kind of event in a neighbouring sentence; else,
for a material event, the article's main place when the article is about one place. A wire
dateline says where the reporter was, so it is never taken by default. Each event records the
source and the precision of its place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.model import Dateline, Place
from dateline.stages.events.clauses import REPORTING_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CLAUSE = "clause"
SENTENCE = "sentence"
NEIGHBOUR = "neighbour"
ARTICLE = "article"
DATELINE = "dateline"  # reserved: a place only the dateline gives is not taken by default

# Prepositions that say where: "in Idlib", "near the border", "a visit to Moscow"
_LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into",
     "within", "along", "over", "off", "to", "toward", "towards", "nearby", "beyond"}
)  # fmt: skip
# Where a statement or a meeting was made: "said in Moscow", "talks in Geneva", "a visit to
# Ankara"
_WHERE_SAID = frozenset({"in", "inside", "outside", "near", "to"})
# Where a place is what the act is done to: "an attack on Douma", "a raid against Jobar"
_TARGET_PREPOSITIONS = frozenset({"on", "against", "upon"})
# Events whose object or target place is where they happened: "shelled Douma", "retook
# Khan Shaykhun", "stormed Jobar", "besieged Madaya"
_PHYSICAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "PROTEST", "AID"})
_OBJECTS = frozenset({"dobj", "nsubjpass", "obj"})
# Prepositions whose phrase says why, when or about what, not where: a place inside one
# belongs to another event ("retaliate for the bombing of Guffa")
_ASIDE = frozenset(
    {"for", "about", "after", "before", "following", "despite", "since", "amid", "because",
     "like", "as", "than", "regarding", "concerning", "unlike", "during", "until"}
)  # fmt: skip
# Noun-internal links a place climbs through to the phrase that holds it: "the town of X",
# "X province", "the outskirts of X", "Aleppo, Syria"
_INNER = frozenset({"compound", "amod", "nmod", "appos", "conj", "npadvmod", "poss"})
# "20 km north of Aleppo": a direction word carries the place to the verb
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "northern", "southern", "eastern", "western", "outskirts", "edge"}
)  # fmt: skip
# Entity labels of place names, resolved or not
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# How many arcs a place may climb inside its own phrase, and then up to the event's words
# ("outside an apartment in the 12000 block of East 223rd Street in Hawaiian Gardens")
_REACH = 5
_CHAIN = 8
# The more specific place wins between two in the same clause ("in Aleppo, Syria")
_RANK = {"point": 0, "city": 1, "admin1": 2, "country": 3}
# An article is about one place when one place has at least this share of its place
# mentions (the dateline's aside) and is named at least twice
_MAIN_SHARE = 0.5
_MAIN_MENTIONS = 2


@dataclass(frozen=True, slots=True)
class Located:
    """An event's place and where it was found."""

    place: Place
    source: str

    @property
    def precision(self) -> str | None:
        """How precise the place is."""
        return precision_of(self.place)


def precision_of(place: Place) -> str | None:
    """``point``, ``city``, ``admin1`` or ``country``, from the place's feature class."""
    feature = place.feature
    if feature == "country":
        return "country"
    if feature in ("admin1", "admin2", "region"):
        # a district or region is known to within a province, not a town
        return "admin1" if place.country else None
    if feature == "city":
        return "city"
    if feature == "continent":
        return None
    return "point" if place.lat is not None else None


@dataclass(frozen=True, slots=True)
class _Candidate:
    place: Place
    root: Token


class Whereabouts:
    """The places of one article, and how each stands to the event words of the parse."""

    def __init__(self, doc: Doc, places: Sequence[Place], dateline: Dateline | None) -> None:
        self.doc = doc
        self.dateline = dateline
        self.candidates: list[_Candidate] = []
        for place in places:
            if (
                place.lat is None
                or precision_of(place) is None
                or (dateline and dateline.covers(place.start))
            ):
                continue
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is not None:
                self.candidates.append(_Candidate(place, span.root))
        self.main = _main_place([c.place for c in self.candidates])
        self.known = {c.root.i for c in self.candidates}
        # per sentence (by its first token): its resolved places, and the place names the
        # gazetteer did not resolve
        self._places: dict[int, list[_Candidate]] = {}
        self._unknown: dict[int, list[Span]] = {}
        for candidate in self.candidates:
            self._places.setdefault(candidate.root.sent.start, []).append(candidate)
        # one pass over the doc's entities for all sentences: ``Span.ents`` walks the whole
        # doc on every call, which made long articles quadratic
        for ent in doc.ents:
            sentence = doc[ent.start].sent
            known = ent.root.i in self.known
            if ent.end <= sentence.end and ent.label_ in _PLACE_LABELS and not known:
                self._unknown.setdefault(sentence.start, []).append(ent)

    def _unknown_names(self, sentence: Span) -> list[Span]:
        """The place names of ``sentence`` that are no resolved place."""
        return self._unknown.get(sentence.start, [])

    def clause_place(self, head: Token, trigger: Token, kind: str) -> Located | None:
        """The place the event's own clause names for it, the most specific of the nearest."""
        targets = _targets(head, trigger)
        found: list[tuple[int, int, Place]] = []
        roots: dict[int, Token] = {}
        # a place hangs from the event's words only inside their sentence
        for candidate in self._places.get(trigger.sent.start, ()):
            steps = _attachment(candidate.root, targets, kind)
            if steps is not None:
                rank = _RANK[precision_of(candidate.place) or "country"]
                found.append((steps, rank, candidate.place))
                roots[id(candidate.place)] = candidate.root
        if not found:
            return None
        # the nearest; between equally near ones ("Aleppo and Syria") the more specific
        steps, _, nearest = min(found, key=lambda item: (item[0], item[1]))
        named = _named_in(roots[id(nearest)], [(roots[id(p)], p) for _, _, p in found])
        if named is not None:
            return Located(named, CLAUSE)
        if self._unknown_nearer(targets, kind, steps, nearest):
            return None
        return Located(_finest_within(nearest, [(s, p) for s, _, p in found]), CLAUSE)

    def _unknown_nearer(self, targets: set[int], kind: str, steps: int, place: Place) -> bool:
        """A place name the gazetteer lacks lies nearer the event's words than ``place``
        ("killed scores in Maaret al-Numaan ... and targeted strongholds in Raqqa province"),
        unless ``place`` only qualifies it ("the village of Babeska in Idlib")."""
        root = next(c.root for c in self.candidates if c.place is place)
        for ent in self._unknown_names(root.sent):
            distance = _unknown_attachment(ent.root, targets, kind)
            if distance is not None and distance < steps and ent.root not in root.ancestors:
                return True
        return False

    def names_other_place(self, trigger: Token, borrowed: Place) -> bool:
        """The trigger's sentence says where in words that are no resolved place ("Meanwhile
        in Damascus Countryside 9 persons were injured"): a place borrowed from another
        sentence or from the article could contradict it."""
        names = {n.lower() for n in (borrowed.text, borrowed.name) if n}
        return any(
            ent.text.lower() not in names and _is_locative(ent.root)
            for ent in self._unknown_names(trigger.sent)
        )

    def borrows(self, kind: str) -> bool:
        """Whether an event of this kind may take a place from outside its sentence."""
        return kind in _PHYSICAL

    def names_unknown_place(self, head: Token, trigger: Token, kind: str) -> bool:
        """The clause names where the event was with a name that is no resolved place
        ("near the village of al-Bahariya", "rockets on Damascus" read as the state): no
        other sentence's place nor the article's may then stand in for it."""
        targets = _targets(head, trigger)
        return any(
            _attachment(ent.root, targets, kind) is not None
            for ent in self._unknown_names(trigger.sent)
        )

    def sentence_place(self, trigger: Token, kind: str) -> Located | None:
        """A place the trigger's sentence states in a locative phrase, nearest the trigger,
        for an act (a statement is placed only by its own words: see ``_reach``)."""
        if kind not in _PHYSICAL:
            return None
        found = [
            (abs(c.root.i - trigger.i), c.place)
            for c in self._places.get(trigger.sent.start, ())
            if _is_locative(c.root) and not _is_aside(c.root)
        ]
        if not found:
            return None
        nearest = min(found, key=lambda item: item[0])[1]
        return Located(_finest_within(nearest, found), SENTENCE)

    def article_place(self, kind: str) -> Located | None:
        """The article's main place, for a material event of an article about one place."""
        if self.main is None or kind not in _PHYSICAL:
            return None
        return Located(self.main, ARTICLE)


def _targets(head: Token, trigger: Token) -> set[int]:
    """The event's words: its trigger, and the verb heading its clause unless that verb only
    reports it ("the Pentagon confirmed strikes in Aleppo": "in Washington" on "confirmed"
    says where the Pentagon spoke)."""
    if head.i != trigger.i and head.lemma_.lower() in REPORTING_VERBS:
        return {trigger.i}
    return {head.i, trigger.i}


def _finest_within(nearest: Place, found: Sequence[tuple[int, Place]]) -> Place:
    """The finest of the places found in the nearest one's country, the nearest of those:
    "fighting in Syria to recapture the town of Tabqa", "positions in Syria and in Homs".
    A place in another country ("talks on Syria in Geneva") does not displace it."""
    rank = _RANK[precision_of(nearest) or "country"]
    inside = [
        (distance, _RANK[precision_of(place) or "country"], place)
        for distance, place in found
        if place.country == nearest.country and _RANK[precision_of(place) or "country"] < rank
    ]
    if not inside:
        return nearest
    return min(inside, key=lambda item: (item[1], item[0]))[2]


def _named_in(container: Token, found: Sequence[tuple[Token, Place]]) -> Place | None:
    """The place a phrase names when the nearest place only qualifies its noun: "the
    Damascus suburb of Jaramana", "the Aleppo neighbourhood of Bustan al-Qasr" name
    Jaramana and Bustan al-Qasr, which lie in Damascus and Aleppo."""
    if container.dep_ not in ("compound", "amod", "nmod", "poss"):
        return None
    noun = container.head
    for root, place in found:
        if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.i == noun.i:
            return place
    return None


def _phrase_head(token: Token) -> tuple[Token, int]:
    """Up from a place name through noun-internal links and "of" to the phrase holding it:
    "Khan Shaykhun" in "the town of Khan Shaykhun" -> "town". Returns it and the arcs."""
    node, steps = token, 0
    for _ in range(_REACH):
        if node.dep_ in _INNER and node.head is not node and node.head.pos_ in ("PROPN", "NOUN"):
            node, steps = node.head, steps + 1
        elif (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and node.head.head.pos_ in ("NOUN", "PROPN", "ADV", "ADJ")
            and node.head.head is not node.head
        ):
            node, steps = node.head.head, steps + 2
        else:
            break
    return node, steps


def _attachment(root: Token, targets: set[int], kind: str) -> int | None:
    """Arcs from a place to the event's words when the place says where the event was."""
    if root.i in targets:
        return None  # the trigger is itself inside the place name
    phrase, steps = _phrase_head(root)
    if phrase.i in targets:
        # "the Moscow talks", "the siege of Madaya": the name modifies the event noun
        return steps
    dep = phrase.dep_
    if dep == "pobj":
        preposition = phrase.head
        word = preposition.lower_
        if word in _TARGET_PREPOSITIONS and kind in _PHYSICAL:
            pass  # "an attack on Douma"
        elif word not in (_LOCATIVE if kind in _PHYSICAL else _WHERE_SAID):
            return None  # "took a jab at the United States" names whom, not where
        return _up_to(preposition, targets, steps + 1, _reach(kind), kind in _PHYSICAL)
    if dep in _OBJECTS and kind in _PHYSICAL and phrase.head.i in targets:
        return steps + 1  # "shelled Douma", "Douma was shelled"
    if dep in _OBJECTS and kind in _PHYSICAL and _purpose_of(phrase.head, targets):
        return steps + 2  # "fighting to recapture the town of Tabqa"
    if dep in ("advmod", "npadvmod") and phrase.lower_ in _DIRECTIONS:
        return _up_to(phrase, targets, steps, _reach(kind))  # "20 km north of Aleppo"
    return None


def _unknown_attachment(root: Token, targets: set[int], kind: str) -> int | None:
    """As ``_attachment``, for a name that is no resolved place weighed against one that is:
    a name that only modifies the event's noun names who acted ("a U.S. missile strike on an
    airbase near Homs"), not where; only resolved places do that ("the Moscow talks"). (It
    still keeps a borrowed place away: "US strikes" in a sentence is no clue where they
    were.)"""
    phrase, _ = _phrase_head(root)
    if phrase.i in targets:
        return None
    return _attachment(root, targets, kind)


def _reach(kind: str) -> int:
    """A statement, a meeting or a demand happens where it is made: only a phrase on its own
    words or its object places it ("said in Moscow", "held talks in Geneva"), not one on what
    it is about
    ("looking into the use of chemical weapons in Saraqeb"). An act happens where the
    phrases of its objects and targets put it ("strikes on rebel positions in Idlib")."""
    return _CHAIN if kind in _PHYSICAL else 2


def _up_to(
    token: Token, targets: set[int], steps: int, reach: int = _CHAIN, purpose: bool = False
) -> int | None:
    """Arcs from ``token`` up to the event's words, through nouns and prepositions only: a
    place in a nested clause ("said the rebels who fled to Idlib") or in a phrase saying why
    or when ("retaliate for the bombing of Guffa in Upper Nile") is not the event's. With
    ``purpose``, also through the aim of an act ("an offensive to take positions in Manbij")."""
    node = token
    for _ in range(reach):
        if node.i in targets:
            return steps
        head = node.head
        if head.i == node.i:
            return None
        aim = purpose and _purpose_of(head, targets)
        if head.i not in targets and head.pos_ in ("VERB", "AUX") and not aim:
            return None
        if head.i not in targets and head.dep_ == "prep" and head.lower_ in _ASIDE:
            return None
        node, steps = head, steps + 1
    return steps if node.i in targets else None


def _purpose_of(verb: Token, targets: set[int]) -> bool:
    """The verb is what an act of force is for, an infinitive on its words: "fighting to
    recapture Tabqa", "an offensive to take Manbij". An act's aim is the place it is fought
    over; "killed civilians as they tried to flee to Turkey" says no such thing."""
    return (
        verb.dep_ in ("xcomp", "acl")
        and verb.head.i in targets
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _is_aside(root: Token) -> bool:
    """The place belongs to a parenthesis, a remark on something else ("Daesh (banned in
    Russia)")."""
    before = root.doc[root.sent.start : root.i].text
    return before.count("(") > before.count(")")


def _is_locative(root: Token) -> bool:
    """The place sits in a locative phrase ("in Idlib", "near the town of X")."""
    phrase, _ = _phrase_head(root)
    if phrase.dep_ == "pobj":
        return phrase.head.lower_ in _LOCATIVE
    return phrase.dep_ in ("advmod", "npadvmod") and phrase.lower_ in _DIRECTIONS


def _main_place(places: Sequence[Place]) -> Place | None:
    """The place an article is about: the one named most, when it holds at least half of the
    article's place mentions and every other place named lies in its country (so a place
    named beside others far away is no main place)."""
    if not places:
        return None
    counts = Counter(_key(p) for p in places)
    key, count = counts.most_common(1)[0]
    if count < _MAIN_MENTIONS or count / len(places) < _MAIN_SHARE:
        return None
    main = next(p for p in places if _key(p) == key)
    if any(p.country != main.country for p in places):
        return None
    return main


def _key(place: Place) -> tuple[object, ...]:
    return (place.geonameid,) if place.geonameid is not None else (place.name, place.country)
