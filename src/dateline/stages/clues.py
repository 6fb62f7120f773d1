"""Where an actor's country comes from when its own words do not say: a country the phrase
names by its dictionary name, a well-known place ("Homs Governor"), the group's own clause
("refugees fleeing the war in Liberia"), namesakes in the people dictionary ("President
Bush"), or the one country its sentence (or the dateline) names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dateline.model import Actor, Article
from dateline.stages.gazetteer import Gazetteer
from dateline.stages.lexicon import Hit, Lexicon, surname
from dateline.stages.sentences import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "foreign ministers of/for Turkey", "King Hassan of Morocco", "rebels in Darfur"
ORIGIN_PREPOSITIONS = frozenset({"of", "for", "from", "in", "throughout", "across"})
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})
# A place is known enough to tell an actor's country from this population up, and when no
# namesake elsewhere has at least a fifth of its population
_KNOWN_PLACE = 100_000
_RIVAL_SHARE = 5
# Sectors whose actors belong to one country, which the context can tell
# (civilians and refugees are left out: victims are too often of another country than the one named)
_DOMESTIC_SECTORS = frozenset(
    {"GOV", "MIL", "COP", "REB", "OPP", "PTY", "LEG", "JUD", "LAB", "EDU", "AGR", "SPY"}
)  # fmt: skip


class CountryClues:
    """The country evidence of one article: dictionary hits, the gazetteer, the dateline."""

    def __init__(
        self, lexicon: Lexicon, gazetteer: Gazetteer, article: Article, doc: Doc,
        hits: Mapping[int, Hit],
    ) -> None:  # fmt: skip
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.article = article
        self.doc = doc
        self.hits = hits

    def country_code(self, token: Token) -> str | None:
        """The code a dictionary name at ``token`` (or a name modifying it) gives."""
        hit = self.hits.get(token.i)
        if hit is None:
            # "from two American aid groups": the country may modify the object
            for child in token.children:
                if child.dep_ in ("amod", "compound", "poss") and child.i in self.hits:
                    return self.country_code(child)
            return None
        entry = next((e for e in hit.entries if e.is_country), None) or hit.first("org")
        return entry.code if entry is not None else None

    def leader_code(self, token: Token) -> str | None:
        """ "the Assad regime", "the Erdogan government": the country of the leader named."""
        if not token.text[:1].isupper() or token.i in self.hits:
            return None
        return self.by_surname(token.text, "GOV")

    def place_code(self, token: Token) -> str | None:
        """The country of a well-known place named by a proper noun, if the gazetteer is sure."""
        # the small model often tags such names ADJ or NOUN, so their capital letter decides
        if not token.text[:1].isupper() or token.i in self.hits or token.is_stop:
            return None
        name = " ".join(
            t.text for t in token.lefts if t.dep_ == "compound" and t.text[:1].isupper()
        )
        entries = self.gazetteer.lookup(f"{name} {token.text}".strip())
        if not entries:
            return None
        largest = entries[0]
        rivals = {e.country for e in entries if e.population * _RIVAL_SHARE >= largest.population}
        known = largest.population >= _KNOWN_PLACE or largest.feature in ("region", "admin1")
        return largest.country if known and len(rivals) == 1 else None

    def nearby(self, head: Token) -> list[tuple[str, Token]]:
        """The first state named where a group's own clause says it is or comes from."""
        for clause in head.rights:
            if clause.dep_ not in ("acl", "relcl"):
                continue
            for token in clause.subtree:
                if token.dep_ == "pobj" and token.head.lower_ in ORIGIN_PREPOSITIONS | {
                    "to",
                    "into",
                }:
                    code = self.country_code(token) or self.place_code(token)
                    if code is not None and code not in NON_STATE_CODES:
                        return [(code, token)]
        return []

    def by_surname(self, name: str, sector: str | None) -> str | None:
        """ "President Bush": the country of the dictionary's people of that surname, when the
        title fits them and they all share one country."""
        if not name:
            return None
        entries = [
            e
            for e in self.lexicon.by_surname(surname(name))
            if e.code and e.sector == (sector or "GOV")
        ]
        if len(name.split()) > 1:
            # a full name must match in full: namesakes with another first name are others
            first = name.split()[0].lower()
            entries = [e for e in entries if e.name.split()[0].lower() == first]
        people: dict[str, set[str]] = {}
        for entry in entries:
            people.setdefault(entry.code or "", set()).add(entry.name)
        ranked = sorted(people.items(), key=lambda item: -len(item[1]))
        # the country most of the namesakes served, when clearly most
        if ranked and (len(ranked) == 1 or len(ranked[0][1]) > len(ranked[1][1])):
            return ranked[0][0]
        return None

    def in_context(self, actor: Actor, actors: Sequence[Actor]) -> Actor:
        """An official or a group with no country of its own takes the one country its sentence
        names ("President Bouteflika threatened a curfew in Algiers"), else the dateline's."""
        if actor.code is not None or actor.sector not in _DOMESTIC_SECTORS:
            return actor
        token = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if token is None:
            return actor
        sentence = sentence_of(token.root)
        codes = {
            entry.code
            for i in range(sentence.start, sentence.end)
            if (hit := self.hits.get(i)) is not None and not token.start <= i < token.end
            for entry in hit.entries
            # a capital's name is too often a homonym ("Moscow, Idaho") to tell a country
            if entry.code
            and entry.code not in NON_STATE_CODES
            and ((entry.is_country and entry.kind != "capital") or entry.kind == "org")
        }
        codes |= {
            a.code
            for a in actors
            if a.code and a.code not in NON_STATE_CODES
            and sentence.start_char <= a.start < sentence.end_char
        }  # fmt: skip
        if len(codes) == 1:
            return replace(actor, code=codes.pop())
        dateline = self.article.dateline
        if not codes and dateline is not None and dateline.country:
            return replace(actor, code=dateline.country)
        return actor
