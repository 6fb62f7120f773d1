"""Actors: every mention of a state, organisation, titled person or body, with a code
(ISO 3166 alpha-3, or IGO/NGO/IMG/MNC) and a PLOVER sector.

Each noun phrase is read as a whole: "Turkish Foreign Minister Mevlut Cavusoglu" is one
actor (TUR, GOV, name and office), "Foreign ministers for Turkey, Syria and Iran" three.
What the article says about a person's office wins over the (dated) dictionary.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from dateline.model import Actor, ActorKind, Article
from dateline.stages.clues import NON_STATE_CODES, ORIGIN_PREPOSITIONS, CountryClues
from dateline.stages.gazetteer import Gazetteer, load_gazetteer
from dateline.stages.lexicon import Entry, Hit, Lexicon, load_lexicon
from dateline.stages.persons import PersonIndex, person_name
from dateline.stages.sentences import sentence_of
from dateline.stages.toponyms import GEOGRAPHIC_NOUNS, is_locative

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PRODUCED_BY = "actors.dictionary@1"

_NOUNS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "nummod", "npadvmod", "conj"})
# What the last word of an organisation's name says it is
_ORGANISATION_SECTORS = {
    "front": "REB", "brigade": "REB", "brigades": "REB", "militia": "REB", "party": "PTY",
    "movement": "OPP", "coalition": "OPP", "alliance": "OPP", "council": "GOV",
    "commission": "GOV", "commision": "GOV", "committee": "GOV", "ministry": "GOV",
    "agency": "GOV", "authority": "GOV", "office": "GOV", "court": "JUD", "tribunal": "JUD",
    "parliament": "LEG", "assembly": "LEG", "congress": "LEG", "police": "COP", "army": "MIL",
    "forces": "MIL", "guard": "MIL", "union": "LAB", "university": "EDU", "bank": "BUS",
    "company": "BUS", "corporation": "BUS", "association": "CVL", "society": "CVL",
}  # fmt: skip


@dataclass(slots=True)
class _Phrase:
    """What one noun phrase says about the actor it names."""

    head: Token
    start: int  # token range of the phrase
    end: int
    codes: list[tuple[str, Token]] = field(default_factory=list)  # code and its token
    role: Entry | None = None
    org: Entry | None = None
    org_span: tuple[int, int] | None = None
    person: Span | None = None


class DictionaryActorFinder:
    """Codes actors with the shipped dictionaries over the spaCy parse."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon: Lexicon = load_lexicon(nlp)
        self.gazetteer: Gazetteer = load_gazetteer()

    def __call__(self, article: Article, doc: Doc) -> tuple[Actor, ...]:
        """Find every actor mention in ``doc`` (the parse of ``article.text``)."""
        return tuple(_ArticleActors(self.lexicon, self.gazetteer, article, doc).find())


class _ArticleActors:
    """The actor finder's working state for one article."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer, article: Article, doc: Doc) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.article = article
        self.doc = doc
        self.day: date | None = article.published
        first = 0
        if article.dateline is not None:
            # the dateline's place and agency are not actors
            while first < len(doc) and doc[first].idx < article.dateline.end:
                first += 1
        self.first = first
        self.hits: dict[int, Hit] = {}
        for hit in lexicon.match(doc, first):
            for i in range(hit.start, hit.end):
                self.hits[i] = hit
        self.publishers = {
            name.lower()
            for name in (article.source, article.dateline.agency if article.dateline else None)
            if name
        }
        self.clues = CountryClues(lexicon, gazetteer, article, doc, self.hits)
        self.persons = PersonIndex()
        self.used: set[int] = set()
        # Doc.ents builds its spans anew on every call: read them once
        self.people: dict[int, Span] = {
            i: ent for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)
        }

    def find(self) -> Iterator[Actor]:
        actors: list[Actor] = []
        heads = [t for t in self.doc[self.first :] if self._is_head(t)]
        # whole phrases first, so that "Syria" in "Syria's foreign minister" is read with it;
        # a name left over ("Syria" in "Syria's civil war") is then an actor on its own
        modifiers = [t for t in heads if _is_modifier(t)]
        for token in [t for t in heads if not _is_modifier(t)] + modifiers:
            actors.extend(self._actors_of(token, actors))
        actors.extend(self._later_surnames(actors))
        actors.extend(self._unknown_organisations())
        actors = [self.clues.in_context(a, actors) for a in actors]
        actors.sort(key=lambda a: (a.start, a.end, a.code or ""))
        yield from self.persons.number(actors)

    def _unknown_organisations(self) -> list[Actor]:
        """Named bodies the dictionaries lack, read by the word that says what they are:
        "Islamic Salvation Front", "Kenya Anti-Corruption Commission", "Umma party"."""
        found = []
        for ent in self.doc.ents:
            if ent.label_ not in ("ORG", "NORP") or ent.start < self.first or len(ent) < 2:
                continue
            if (
                any(i in self.used for i in range(ent.start, ent.end))
                or ent.text.lower() in self.publishers
            ):
                continue
            sector = _ORGANISATION_SECTORS.get(ent[-1].lemma_.lower())
            if sector is None:
                continue
            codes = [
                e.code for i in range(ent.start, ent.end) if (hit := self.hits.get(i)) is not None
                for e in hit.entries if e.is_country and e.code
            ]  # fmt: skip
            self.used.update(range(ent.start, ent.end))
            found.append(self._actor(ent.start, ent.end, ent.root, codes[0] if codes else None,
                                     sector, ActorKind.BODY, ent.text, None))  # fmt: skip
        return found

    # -- phrases -------------------------------------------------------------------------

    def _is_head(self, token: Token) -> bool:
        if token.pos_ not in _NOUNS and token.i not in self.hits:
            return False
        head = token.head
        if head is token:
            return True
        hit = self.hits.get(token.i)
        # a modifier inside a bigger noun phrase is read with that phrase
        if token.dep_ in ("compound", "flat") and head.pos_ in _NOUNS and head.i > token.i:
            return hit is not None and hit.start == token.i
        # "Turkish" in "Turkish troops", "Syria" in "Syria's foreign minister"
        return not (token.dep_ in ("amod", "poss", "nmod") and head.i > token.i and hit is None)

    def _phrase(self, head: Token) -> _Phrase:
        start = head.left_edge.i
        while start < head.i and self.doc[start].is_punct:
            start += 1
        phrase = _Phrase(head=head, start=max(start, self.first), end=head.i + 1)
        hit = self.hits.get(head.i)
        # a dictionary term may run past the parse head: "Syrian Observatory for Human Rights"
        if hit is not None and hit.end > phrase.end:
            phrase.end = hit.end
        for hit in self._hits_in(phrase.start, phrase.end):
            org = hit.first("org")
            if org is not None:
                phrase.org, phrase.org_span = org, (hit.start, hit.end)
                continue
            role = hit.first("role")
            if role is not None and hit.end - 1 <= head.i + (phrase.end - head.i - 1):
                phrase.role = role
            country = next((e for e in hit.entries if e.is_country), None)
            if country is not None and country.code and self._modifies(self.doc[hit.end - 1], head):
                phrase.codes.append((country.code, self.doc[hit.start]))
        ent = self._person_entity(head)
        if ent is not None:
            phrase.person = ent
        return phrase

    def _hits_in(self, start: int, end: int) -> list[Hit]:
        seen: list[Hit] = []
        for i in range(start, end):
            hit = self.hits.get(i)
            if hit is not None and hit not in seen and hit.start >= start:
                seen.append(hit)
        return seen

    def _modifies(self, token: Token, head: Token) -> bool:
        """True if ``token`` reaches ``head`` through noun modifiers only."""
        current = token
        for _ in range(8):
            if current is head or current.i == head.i:
                return True
            if current.dep_ not in _MODIFIER_DEPS and current.dep_ != "appos":
                return current.i in range(head.i - 8, head.i + 1) and current.head is head
            parent = current.head
            if parent is current:
                return False
            # "Turkish-backed rebels" are not Turkish; "Vietnamese-led forces" are
            outside = parent.pos_ not in _NOUNS and parent.i not in self.hits and parent is not head
            if outside and parent.lemma_.lower() != "lead":
                return False
            current = parent
        return False

    def _person_entity(self, head: Token) -> Span | None:
        return self.people.get(head.i) if head.ent_type_ == "PERSON" else None

    # -- actors from a phrase head ---------------------------------------------------------

    def _actors_of(self, head: Token, found: Sequence[Actor]) -> list[Actor]:
        if head.i in self.used:
            return []
        phrase = self._phrase(head)
        hit = self.hits.get(head.i)
        if phrase.person is not None or self.persons.knows(head):
            return self._person(phrase)
        if head.pos_ == "PROPN" and hit is None and head.dep_ != "appos":
            # "Kenzo Oshima, the United Nations Emergency Relief Coordinator": the NER missed
            # the name, the apposition says who this is
            appositive = self._appositive(head)
            if appositive is not None and (appositive.role or appositive.org or appositive.codes):
                return self._person(phrase)
        if (
            phrase.org is not None
            and phrase.org_span
            and phrase.org_span[0] <= head.i < phrase.org_span[1]
        ):
            return self._organisation(phrase)
        if phrase.role is not None and hit is not None and hit.first("role") is phrase.role:
            return self._body(phrase, found)
        if hit is not None:
            country = _country_entry(hit, head)
            if country is not None:
                return self._state(hit, country)
            if hit.first("org") is not None and hit.start == head.i:
                return self._organisation(self._org_phrase(hit))
        return []

    def _org_phrase(self, hit: Hit) -> _Phrase:
        """An organisation named inside another phrase: "al-Qaeda" in "al-Qaeda leaders"."""
        tokens = self.doc[hit.start : hit.end]
        phrase = _Phrase(head=tokens.root, start=hit.start, end=hit.end)
        phrase.org, phrase.org_span = hit.first("org"), (hit.start, hit.end)
        return phrase

    def _person(self, phrase: _Phrase) -> list[Actor]:
        head = phrase.head
        name = person_name(phrase.person, self.hits) if phrase.person is not None else head.text
        codes = self._codes(phrase)
        role = phrase.role
        known = self.persons.lookup(name)
        if not codes and role is None:
            appositive = self._appositive(head)
            if appositive is not None:
                codes, role = self._codes(appositive), appositive.role
        code = codes[0][0] if codes else None
        sector = role.sector if role else None
        office = role.name if role and role.subtype in ("title", "office") else None
        if known is not None and code is None and sector is None:
            code, sector, office, name = known.code, known.sector, known.office, known.name or name
        if code is None and sector is None:
            entry = self._dictionary_person(phrase)
            if entry is None:
                return []
            code, sector = entry.code, entry.sector if entry.valid_on(self.day) else None
            name = entry.name
        elif code is None:
            entry = self._dictionary_person(phrase)
            code = entry.code if entry is not None else self.clues.by_surname(name, sector)
        start = self._trim_start(phrase)
        actor = self._actor(start, phrase.end, head, code, sector, ActorKind.PERSON, name, office)
        self.persons.add(actor)
        self._use(phrase)
        return [actor]

    def _organisation(self, phrase: _Phrase) -> list[Actor]:
        org = phrase.org
        assert org is not None
        assert phrase.org_span is not None
        if org.name.lower() in self.publishers or org.term.lower() in self.publishers:
            return []
        code = org.code
        if code is None and phrase.codes:
            code = phrase.codes[0][0]
        sector = org.sector or (phrase.role.sector if phrase.role else None)
        kind = ActorKind.IGO if code in NON_STATE_CODES else ActorKind.BODY
        start = self._trim_start(phrase)
        self._use(phrase)
        return [self._actor(start, phrase.end, phrase.head, code, sector, kind, org.name, None)]

    def _body(self, phrase: _Phrase, found: Sequence[Actor]) -> list[Actor]:
        role = phrase.role
        assert role is not None
        kind = ActorKind.PERSON if role.subtype in ("title", "office") else ActorKind.BODY
        office = _singular(role.name) if role.subtype != "group" else None
        codes = self._codes(phrase) or self._possessor(phrase, found)
        start = self._trim_start(phrase)
        self._use(phrase)
        if not codes:
            org = phrase.org
            code = org.code if org is not None else None
            return [
                self._actor(start, phrase.end, phrase.head, code, role.sector, kind, None, office)
            ]
        actors = []
        for code, token in codes:
            if len(codes) > 1 and (token.i < phrase.start or token.i >= phrase.end):
                # "foreign ministers for Turkey, Syria ...": the actor is read at the country
                hit = self.hits.get(token.i)
                lo, hi = (hit.start, hit.end) if hit else (token.i, token.i + 1)
                self.used.update(range(lo, hi))
                actors.append(
                    self._actor(lo, hi, phrase.head, code, role.sector, kind, None, office)
                )
            else:
                actors.append(
                    self._actor(
                        start, phrase.end, phrase.head, code, role.sector, kind, None, office
                    )
                )
        return actors

    def _state(self, hit: Hit, country: Entry) -> list[Actor]:
        span = self.doc[hit.start : hit.end]
        root = span.root
        if country.kind == "adjective" or root.dep_ in ("amod", "compound"):
            # "an Indian proposal", "Israeli air raids": the state is a party; "the Turkish
            # border", "Syrian territory" are places
            if root.head.lemma_.lower() in GEOGRAPHIC_NOUNS or root.head.pos_ not in _NOUNS:
                return []
        elif is_locative(span):
            return []
        sector = {"capital": "GOV", "demonym": "CVL"}.get(country.kind)
        code = country.code
        start = hit.start
        if country.kind == "demonym":
            # "ethnic Albanians", "the Albanians of southern Serbia": a people where it lives,
            # not the state its name comes from
            phrase = _Phrase(head=root, start=hit.start, end=hit.end)
            where = self._codes(phrase)
            ethnic = [t for t in root.lefts if t.lower_ == "ethnic"]
            if where:
                code = where[0][0]
            elif ethnic:
                code = None
            if ethnic:
                start = min(start, ethnic[0].i)
        self.used.update(range(hit.start, hit.end))
        return [self._actor(start, hit.end, span.root, code, sector, ActorKind.STATE, None, None)]

    def _codes(self, phrase: _Phrase) -> list[tuple[str, Token]]:
        """Countries of a phrase: its modifiers, else "of/for/in X" after it."""
        if phrase.codes:
            return list(dict((code, (code, tok)) for code, tok in phrase.codes).values())
        if phrase.org is not None and phrase.org.code:
            return [(phrase.org.code, self.doc[phrase.org_span[0] if phrase.org_span else 0])]
        found: list[tuple[str, Token]] = []
        for prep in phrase.head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ORIGIN_PREPOSITIONS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for token in (obj, *obj.conjuncts):
                    code = self.clues.country_code(token) or self.clues.place_code(token)
                    if code is not None:
                        found.append((code, token))
        if not found and phrase.role is not None:
            # "Homs Governor Talal Barazi", "Darfur rebels": a place names the country
            # "the Assad regime": a leader's name does as well
            for token in self.doc[phrase.start : phrase.head.i]:
                if token.dep_ not in ("compound", "nmod", "amod", "poss"):
                    continue
                code = self.clues.place_code(token) or self.clues.leader_code(token)
                if code is not None:
                    return [(code, token)]
        if not found and phrase.role is not None and phrase.role.subtype == "group":
            # "refugees fleeing the civil war in Liberia", "guerrillas operating in Macedonia"
            return self.clues.nearby(phrase.head)
        return found

    def _possessor(self, phrase: _Phrase, found: Sequence[Actor]) -> list[tuple[str, Token]]:
        """ "its own troops", "their army": the code of the nearest earlier state or body."""
        pronoun = next(
            (
                t
                for t in self.doc[phrase.start : phrase.end]
                if t.lower_ in ("its", "their") and t.dep_ == "poss"
            ),
            None,
        )
        if pronoun is None:
            return []
        sentence_start = sentence_of(pronoun).start
        earliest = sentence_of(self.doc[max(sentence_start - 1, 0)]).start_char
        candidates = [
            a
            for a in sorted(found, key=lambda a: -a.start)
            if earliest <= a.start < pronoun.idx and a.kind is not ActorKind.PERSON and a.code
        ]
        # "Libya offered to hand over to Britain its nationals": the subject owns them
        subjects = [a for a in candidates if self._is_subject(a)]
        chosen = (subjects or candidates)[:1]
        return [(a.code, pronoun) for a in chosen if a.code]

    def _is_subject(self, actor: Actor) -> bool:
        span = self.doc.char_span(actor.start, actor.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")

    def _appositive(self, head: Token) -> _Phrase | None:
        """The phrase in apposition: "Faisal Mekdad, Syria's foreign minister"."""
        for child in head.children:
            if child.dep_ == "appos":
                return self._phrase(child)
        if head.dep_ == "appos":
            return self._phrase(head.head)
        return None

    def _dictionary_person(self, phrase: _Phrase) -> Entry | None:
        for hit in self._hits_in(phrase.start, phrase.end):
            entries = [e for e in hit.entries if e.kind == "person"]
            if entries:
                current = [e for e in entries if e.valid_on(self.day)]
                return (current or sorted(entries, key=lambda e: e.valid_to or date.max))[-1]
        return None

    def _later_surnames(self, actors: Sequence[Actor]) -> list[Actor]:
        """Later mentions of a coded person by surname alone ("Cavusoglu said")."""
        found = []
        for token in self.doc[self.first :]:
            if token.i in self.used or token.pos_ not in _NOUNS:
                continue
            known = self.persons.at(token)
            if known is None:
                continue
            self.used.add(token.i)
            found.append(replace(known, start=token.idx, end=token.idx + len(token.text),
                                 text=token.text, head=token.idx))  # fmt: skip
        return found

    # -- building --------------------------------------------------------------------------

    def _trim_start(self, phrase: _Phrase) -> int:
        start = phrase.start
        while start < phrase.head.i and self.doc[start].pos_ in ("DET", "PUNCT", "CCONJ"):
            start += 1
        return start

    def _use(self, phrase: _Phrase) -> None:
        self.used.update(range(phrase.start, phrase.end))

    def _actor(
        self, start: int, end: int, head: Token, code: str | None, sector: str | None,
        kind: ActorKind, name: str | None, office: str | None,
    ) -> Actor:  # fmt: skip
        span = self.doc[start:end]
        return Actor(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            code=code,
            sector=sector,
            kind=kind,
            name=name,
            office=office,
            head=head.idx,
            produced_by=PRODUCED_BY,
        )


def _country_entry(hit: Hit, token: Token) -> Entry | None:
    """The country reading that fits the word's use: "US" as a noun is the name, as a
    modifier the adjective."""
    entries = [e for e in hit.entries if e.is_country]
    if not entries:
        return None
    as_modifier = token.dep_ in ("amod", "compound") and token.head.i > token.i
    preferred = [e for e in entries if (e.kind == "adjective") == as_modifier]
    return (preferred or entries)[0]


def _is_modifier(token: Token) -> bool:
    return token.dep_ in ("amod", "poss", "nmod", "compound") and token.head.i > token.i


def _singular(office: str) -> str:
    """ "foreign ministers" -> "foreign minister": an office is named in the singular."""
    if office.endswith("ies"):
        return office[:-3] + "y"
    if office.endswith("s") and not office.endswith(("ss", "us")):
        return office[:-1]
    return office
