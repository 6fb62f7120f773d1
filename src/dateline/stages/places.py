"""Places: every place name in an article, resolved against the offline gazetteer.

Names come from the dateline, spaCy's GPE/LOC/FAC entities, names the small model mislabels
(an ORG or PERSON the gazetteer knows, used as a place: "in Dewsbury"), streets and named
buildings or venues in locative use ("taken to Colchester General Hospital"), and written
qualifiers ("Moscow, Idaho"). A country or capital standing for its government ("Ankara
said") is an actor, not a place: ``toponyms.is_locative`` decides, as for the actor stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.model import Actor, ActorKind, Article, Dateline, Place
from dateline.stages.cues import FRAGMENT, REPORTING
from dateline.stages.gazetteer import Entry, Feature, Gazetteer, NameKind, load_gazetteer, normalise
from dateline.stages.geocoding import CONFIDENT_MARGIN, Context, best, contains, readings
from dateline.stages.lexicon import load_lexicon
from dateline.stages.toponyms import is_locative

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PRODUCED_BY = "places.gazetteer@1"

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# spaCy's small model often calls a place it does not know a person or an organisation
_NAME_LABELS = frozenset({"ORG", "PERSON"})
# an organisation or event "at" which something happens is where it happens
_VENUE_LABELS = frozenset({"ORG", "EVENT", "FAC"})
_STREET_WORDS = _words("street avenue road drive boulevard lane highway motorway parkway")
# Names whose last word says they are a building or site: "Colchester General Hospital"
_FACILITY_WORDS = _words(
    "hospital clinic school academy university college institute hotel inn church "
    "cathedral chapel mosque temple synagogue centre center stadium arena airport park "
    "castle prison jail courthouse museum library station market mall bridge tower hall "
    "theatre theater palace embassy consulate camp base port harbour harbor square plaza "
    "farm estate garden gardens zoo beach lake river mountain mountains valley bay island "
    "islands canal dam circuit racecourse graveyard cemetery village " + " ".join(_STREET_WORDS)
)
# an untagged name of a place this large is taken for it in any position
_WELL_KNOWN = 100_000
_DEMONYM_KINDS = frozenset({"adjective", "demonym"})
_DATELINE = "DATELINE"
_QUALIFIER = "QUALIFIER"  # "Idaho" in "Moscow, Idaho": always a place
_DATELINE_QUALIFIER = re.compile(r"\s*,\s*([A-Za-z][A-Za-z.\- ]*?)\s*(?:[,(\u2014\u2013-]|$)")
_SENTENCE_ENDS = frozenset({".", "!", "?", '"', "\u201d", ")"})
# actor codes that are not countries say nothing about where an article is
_NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})
_DIVISION_WORDS = _words(
    "province provinces governorate state region oblast county district prefecture "
    "department territory canton municipality"
)
_DIVISION_PREFIX = re.compile(r"^(?:state|province|governorate|county|region|city) of ", re.I)
_QUALIFIER_FEATURES = frozenset({Feature.COUNTRY, Feature.ADMIN1, Feature.ADMIN2})
_DATELINE_END = frozenset({",", "(", "-", "--", "—", "–", ":"})
_TRIM_LEFT = frozenset({"the", "The", "THE"})


@dataclass(slots=True)
class _Mention:
    """A name in the text that may be a place, with its possible readings."""

    start: int  # token range
    end: int
    label: str  # the spaCy entity label, "DATELINE", or "" for an unlabelled proper noun
    key: str  # the normalised name looked up
    entries: list[Entry]
    qualifiers: list[Entry] = field(default_factory=list)
    division_named: bool = False
    entry: Entry | None = None
    is_place: bool = False


class GazetteerPlaceFinder:
    """Finds place names and resolves them with the shipped GeoNames gazetteer."""

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None) -> None:
        # the finder reads the pipeline's parse; it keeps no model of its own, and shares
        # the actor stage's dictionary (cached per model) to read "Syrian" as Syria
        self.gazetteer = gazetteer or load_gazetteer()
        self.lexicon = load_lexicon(nlp) if nlp is not None else None

    def __call__(self, article: Article, doc: Doc, actors: Sequence[Actor]) -> tuple[Place, ...]:
        """Every place named in ``doc`` (the parse of ``article.text``), in text order."""
        demonyms = self._demonyms(doc)
        return tuple(_ArticlePlaces(self.gazetteer, article, doc, actors, demonyms).find())

    def _demonyms(self, doc: Doc) -> list[str]:
        """Countries named by an adjective or demonym ("British", "Syrians")."""
        if self.lexicon is None:
            return []
        codes: list[str] = []
        for ent in doc.ents:
            if ent.label_ == "NORP":
                entries = self.lexicon.lookup(ent.text)
                codes.extend(e.code for e in entries if e.kind in _DEMONYM_KINDS and e.code)
        return codes

    def locate(self, dateline: Dateline) -> Place | None:
        """The gazetteer entry for a dateline's place, or None."""
        words = dateline.place.split()
        for first in range(len(words)):
            # "By Nate Raymond. BOSTON": the known tail of a dateline read too greedily
            name = " ".join(words[first:])
            entry, _ = best(readings(self.gazetteer.lookup(name)), Context())
            if entry is not None:
                start = dateline.start + dateline.place.rindex(name)
                return _place(start, start + len(name), name, entry)
        return None


class _ArticlePlaces:
    """The place finder's working state for one article."""

    def __init__(
        self, gazetteer: Gazetteer, article: Article, doc: Doc, actors: Sequence[Actor],
        demonyms: Sequence[str] = (),
    ) -> None:  # fmt: skip
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self.article = article
        self.doc = doc
        self.tokens = list(doc)  # indexing a Doc builds a Token each time: read them once
        self.actors = actors
        self.taken: set[int] = set()  # tokens already in a mention
        self.mentions: list[_Mention] = []
        self.dateline_token = -1  # first token of the article's dateline place

    def find(self) -> Iterator[Place]:
        self._dateline()
        self._datelines_in_text()
        self._entities()
        self._proper_nouns()
        self._resolve()
        self._decide()
        for mention in sorted(self.mentions, key=lambda m: m.start):
            if mention.is_place:
                span = self.doc[mention.start : mention.end]
                yield _place(span.start_char, span.end_char, span.text, mention.entry)

    # -- finding names ---------------------------------------------------------------------

    def _dateline(self) -> None:
        dateline = self.article.dateline
        if dateline is None:
            return
        start = dateline.start
        end = start + len(dateline.place)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or normalise(span.text) != normalise(dateline.place):
            return
        # "By Nate Raymond. BOSTON (Reuters)": keep the words the gazetteer knows
        for first in range(span.start, span.end):
            if self.doc[first].is_alpha and self._lookup(self.doc[first : span.end].text)[0]:
                span = self.doc[first : span.end]
                break
        self.dateline_token = span.start
        qualifiers: list[Entry] = []
        match = _DATELINE_QUALIFIER.match(self.article.text, end, dateline.end)
        if match:
            words = self.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if words is not None:
                qualifiers = self._add_qualifier(words.start, words.end)
        self._add(span.start, span.end, _DATELINE, qualifiers=qualifiers)
        # the agency and date are the rest of the dateline, never places
        rest = self.doc.char_span(start, dateline.end, alignment_mode="expand")
        if rest is not None:
            self.taken.update(range(rest.start, rest.end))

    def _datelines_in_text(self) -> None:
        """Datelines inside the text, as in pages that join several stories: a place in
        capitals opening a line or sentence, then a comma, bracket or dash ("TORONTO -",
        "SAN DIEGO (AP)", "ALBUQUERQUE, N.M.")."""
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            if i in self.taken or not _is_capitals(tokens[i].text) or not self._opens(i):
                i += 1
                continue
            end = i
            while end < len(tokens) and _is_capitals(tokens[end].text) and end - i < 4:
                end += 1
            if end < len(tokens) and tokens[end].text in _DATELINE_END:
                entries = self.gazetteer.lookup(self.doc[i:end].text)
                if any(e.feature in (Feature.CITY, Feature.ADMIN1) for e in entries):
                    self._add(i, end, _DATELINE, qualify=True)
            i = end + 1

    def _opens(self, i: int) -> bool:
        """True if token ``i`` starts a line or follows the end of a sentence."""
        start = self.doc[i].idx
        if start == 0 or "\n" in self.article.text[max(0, start - 2) : start]:
            return True
        before = self.doc[i - 1]
        return before.text in _SENTENCE_ENDS or (
            before.is_space and i > 1 and self.doc[i - 2].text in _SENTENCE_ENDS
        )

    def _entities(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ not in _PLACE_LABELS | _NAME_LABELS | _VENUE_LABELS:
                continue
            if any(i in self.taken for i in range(ent.start, ent.end)):
                continue
            start, end = _trimmed(ent)
            for a, b in _possessor_split(self.doc, start, end):
                self._entity(a, b, ent.label_)

    def _entity(self, start: int, end: int, label: str) -> None:
        if start >= end:
            return
        commas = [i for i in range(start, end) if self.doc[i].text == ","]
        if commas and not self.gazetteer.lookup(self.doc[start:end].text):
            self._entity_with_commas(start, end, commas, label)
        else:
            self._add(start, end, label, qualify=True)

    def _entity_with_commas(self, start: int, end: int, commas: list[int], label: str) -> None:
        """ "Washington, D.C." is one place; "Donington Park, Leicestershire" two."""
        parts = [
            (a, b) for a, b in zip([start, *(c + 1 for c in commas)], [*commas, end], strict=True)
        ]
        if len(parts) == 2:
            entries = self._lookup(self.doc[parts[0][0] : parts[0][1]].text)[0]
            qualifiers = [
                q for q in self._qualifiers(self.doc[parts[1][0] : parts[1][1]].text)
                if any(contains(q, e) for e in entries)
            ]  # fmt: skip
            if qualifiers:
                self._add_qualifier(*parts[1])
                self._add(*parts[0], label, qualifiers=qualifiers)
                return
        for a, b in parts:
            if a < b:
                self._add(a, b, label)

    def _proper_nouns(self) -> None:
        """Capitalised words no entity covers, if the gazetteer knows them: "in Makurdi"."""
        tokens, doc = self.tokens, self.doc
        names = [t.pos_ == "PROPN" and not t.ent_type_ and _is_name_word(t.text) for t in tokens]
        i = 0
        while i < len(tokens):
            if i in self.taken or not names[i]:
                i += 1
                continue
            end = i + 1
            while end < len(tokens) and end not in self.taken and names[end]:
                end += 1
            if self._lookup(doc[i:end].text)[0] or _is_facility(doc[i:end]):
                self._add(i, end, "")
            i = end

    def _add(
        self, start: int, end: int, label: str, *, qualifiers: list[Entry] | None = None,
        qualify: bool = False,
    ) -> None:  # fmt: skip
        name = self.doc[start:end].text
        entries, division_named = self._lookup(name)
        if label != _DATELINE and _is_acronym(name):
            # "US", "UAE" are countries; "EU", "OAS", "WA" are not the towns Eu, Oas, Wa
            entries = [e for e in entries if e.feature is Feature.COUNTRY]
        if end < len(self.doc) and self.doc[end].lower_ in _DIVISION_WORDS:
            division_named = True  # "Idlib province"
        self.taken.update(range(start, end))
        if qualify and entries:
            qualifiers = self._qualifier_after(end, entries)
        mention = _Mention(
            start, end, label, normalise(name), entries, qualifiers or [], division_named
        )
        self.mentions.append(mention)

    def _lookup(self, name: str) -> tuple[list[Entry], bool]:
        """Readings of a name, trying it without a division word ("Borno State") if need be."""
        entries = list(self.gazetteer.lookup(name))
        if entries:
            return entries, False
        words = name.split()
        bare = None
        if len(words) > 1 and words[-1].lower() in _DIVISION_WORDS:
            bare = " ".join(words[:-1])
        elif _DIVISION_PREFIX.match(name):
            bare = _DIVISION_PREFIX.sub("", name)
        if bare:
            return list(self.gazetteer.lookup(bare)), True
        return [], False

    def _qualifiers(self, text: str) -> list[Entry]:
        """Countries or divisions that a written qualifier ("Idaho", "N.M.") can mean."""
        return [e for e in self.gazetteer.lookup(text) if e.feature in _QUALIFIER_FEATURES]

    def _qualifier_after(self, end: int, entries: Sequence[Entry]) -> list[Entry]:
        """The qualifier in "Lemay, Missouri": a country or division right after a comma
        that contains a reading of the name (in "Saipan, Guam" each is a place of its own).

        The qualifier is a place mention of its own; returns what it can mean.
        """
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text != ",":
            return []
        stop = end + 1
        while stop < len(doc) and stop - end <= 3 and (doc[stop].is_title or doc[stop].is_upper):
            stop += 1
            if any(i in self.taken for i in range(end + 1, stop)):
                break
            found = [
                q
                for q in self._qualifiers(doc[end + 1 : stop].text)
                if any(contains(q, e) for e in entries)
            ]
            if found:
                self._add_qualifier(end + 1, stop)
                return found
        return []

    def _add_qualifier(self, start: int, end: int) -> list[Entry]:
        """Add a qualifier ("N.M.", "Idaho", "Belgium") as a place; return its readings."""
        found = self._qualifiers(self.doc[start:end].text)
        if found:
            self.mentions.append(
                _Mention(start, end, _QUALIFIER, normalise(self.doc[start:end].text), found)
            )
            self.taken.update(range(start, end))
        return found

    # -- resolving and deciding --------------------------------------------------------------

    def _resolve(self) -> None:
        """Resolve each distinct name twice: alone, then with what the confident ones say."""
        context = Context()
        for mention in self.mentions:
            if mention.label == _DATELINE and mention.start == self.dateline_token:
                entry, _ = best(readings(mention.entries), context, mention.qualifiers)
                context.dateline_country = entry.country if entry else None
        for actor in self.actors:
            if actor.code and len(actor.code) == 3 and actor.code not in _NON_STATE_CODES:
                context.add_country(actor.code)
        for code in self.demonyms:
            context.add_country(code)
        groups: dict[str, list[_Mention]] = {}
        for mention in self.mentions:
            groups.setdefault(mention.key, []).append(mention)
        first = Context(context.dateline_country, context.countries.copy(), set())
        for group in groups.values():
            entry, margin = self._best(group, first)
            if entry is not None and margin >= CONFIDENT_MARGIN:
                for _ in group:
                    context.add(entry)
        for group in groups.values():
            entry, _ = self._best(group, context)
            for mention in group:
                mention.entry = entry

    def _best(self, group: list[_Mention], context: Context) -> tuple[Entry | None, float]:
        entries = readings(
            group[0].entries,
            division_named=any(m.division_named for m in group),
            abbreviations=any(m.label == _QUALIFIER for m in group),
        )
        qualifiers = [q for m in group for q in m.qualifiers]
        return best(entries, context, qualifiers)

    def _decide(self) -> None:
        """Mark the mentions that are places; a name listed with places, owning one, or
        used as a place elsewhere in the article is one too."""
        for mention in self.mentions:
            mention.is_place = self._is_place(mention)
        places = {i for m in self.mentions if m.is_place for i in range(m.start, m.end)}
        persons = self._person_words()
        for mention in self.mentions:
            if mention.is_place or mention.entry is None or mention.entry.is_national:
                continue
            span = self.doc[mention.start : mention.end]
            root = span.root
            # "Tamil Nadu, Karnataka, Kerala and Puducherry": one list, one kind of thing;
            # "Derry's Altnagelvin Hospital": the owner of a place is a place
            if (
                any(t.i in places for t in root.conjuncts)
                or (root.dep_ == "poss" and root.head.i in places)
            ) and not self._in_actor(mention):
                mention.is_place = True
        # one sense per article: a name used as a place is a place wherever it stands alone
        # ("in Cirencester" ... "the road to Cirencester"), unless the article makes it
        # a speaker ("said Noma", "Tamil Nadu said") or a person's name
        placed = {m.key for m in self.mentions if m.is_place and m.entry is not None}
        placed -= {m.key for m in self.mentions if _is_speaker(self.doc[m.start : m.end].root)}
        for mention in self.mentions:
            entry = mention.entry
            if mention.is_place or mention.key not in placed or entry is None:
                continue
            if entry.is_national:
                continue  # a country or capital is an actor unless used as a place
            span = self.doc[mention.start : mention.end]
            if not self._in_actor(mention) and not persons & {t.lower_ for t in span}:
                mention.is_place = True

    def _person_words(self) -> set[str]:
        """Words of the full names of people in the article ("Ashley Sutton"): alone, such
        a word names the person ("Sutton said"), not a place of that name."""
        words: set[str] = set()
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1 and not self._lookup(ent.text)[0]:
                words.update(t.lower_ for t in ent if t.is_alpha)
        return words

    def _is_place(self, mention: _Mention) -> bool:
        entry = mention.entry
        span = self.doc[mention.start : mention.end]
        if mention.label == _QUALIFIER:
            return entry is not None
        if mention.label == _DATELINE:
            return entry is not None or mention.start == self.dateline_token
        if self._in_actor(mention):
            return False
        if entry is not None and entry.is_national:
            # "talks in Moscow" is a place; "Moscow said" an actor
            return is_locative(span)
        if mention.label in _PLACE_LABELS and (entry is not None or mention.label == "FAC"):
            return True
        if entry is None:
            # an unknown name is a place where it is used as one: "in Kasba Bonli", "taken
            # to Colchester General Hospital", "at the Dubai World Trade Centre"
            if _is_street(span):
                return True  # a street is a place wherever it is named
            if mention.label in _PLACE_LABELS or _is_facility(span):
                return is_locative(span)
            return mention.label in _VENUE_LABELS and _is_at(span)
        # an organisation or person name, or an untagged word, that the gazetteer knows
        if entry.feature in (Feature.REGION, Feature.CONTINENT):
            return False
        if is_locative(span):
            return True
        # a large place is rarely anything else, except a person's name ("Jackson said")
        if mention.label == "PERSON" or entry.kind is not NameKind.MAIN or mention.division_named:
            return False
        return entry.feature is Feature.ADMIN1 or (
            entry.feature is Feature.CITY and entry.population >= _WELL_KNOWN
        )

    def _in_actor(self, mention: _Mention) -> bool:
        """True if an actor's words cover the name: it names a government or a person."""
        start, end = (
            self.doc[mention.start].idx,
            self.doc[mention.end - 1].idx + len(self.doc[mention.end - 1]),
        )
        for actor in self.actors:
            if actor.start <= start and end <= actor.end:
                if actor.kind is ActorKind.STATE:
                    return True
                # "Syria's foreign minister": the name is part of a longer description
                if actor.kind is ActorKind.PERSON and (actor.start, actor.end) != (start, end):
                    return True
        return False


def _place(start: int, end: int, text: str, entry: Entry | None) -> Place:
    if entry is None:
        return Place(start=start, end=end, text=text, produced_by=PRODUCED_BY)
    return Place(
        start=start, end=end, text=text, name=entry.name, country=entry.country,
        admin1=entry.admin1, lat=round(entry.lat, 4), lon=round(entry.lon, 4),
        feature=entry.feature.value, geonameid=entry.geonameid, produced_by=PRODUCED_BY,
    )  # fmt: skip


def _trimmed(span: Span) -> tuple[int, int]:
    """Token range of an entity without "the" before it or "'s" and punctuation after it."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _TRIM_LEFT or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "\u2019s")):
        end -= 1
    return start, end


def _possessor_split(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """A building's or street's name split at a possessive inside it: "Derry's Altnagelvin
    Hospital" names Derry and the hospital in it."""
    parts, first = [], start
    if end - start < 3 or not _is_facility(doc[start:end]):
        return [(start, end)]  # "Moody's Analytics" is one name
    for i in range(start + 1, end - 1):
        if doc[i].tag_ == "POS":
            parts.append((first, i))
            first = i + 1
    parts.append((first, end))
    return parts


def _is_facility(span: Span) -> bool:
    last = span[-1]
    return last.lower_ in _FACILITY_WORDS and len(span) > 1 and span[0].text[:1].isupper()


def _is_street(span: Span) -> bool:
    return _is_facility(span) and span[-1].lower_ in _STREET_WORDS


def _is_speaker(token: Token) -> bool:
    """True if ``token`` is the subject of a verb of saying: "Tamil Nadu said", a body; or
    its object where the verb comes first: "said Noma"."""
    if token.dep_ == "nsubj":
        return token.head.lemma_.lower() in FRAGMENT
    return token.dep_ in ("dobj", "attr", "npadvmod") and (
        token.head.lemma_.lower() in REPORTING and token.head.i < token.i
    )


def _is_at(span: Span) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "at"


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= 4


def _is_capitals(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.replace(".", "").isalpha()


def _is_name_word(text: str) -> bool:
    return text[:1].isupper() and text.replace("-", "").isalpha()
