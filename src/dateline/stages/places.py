"""Places: every place name in an article, resolved against the offline gazetteer.

``place_names`` collects the candidates (the dateline, entities, proper nouns the gazetteer
knows, streets and buildings, written qualifiers, place names opening an organisation's
name); this module resolves each name once per article and decides which mentions are
places. A country or capital standing for its government ("Ankara said") is an actor, not a
place: ``toponyms.is_locative`` decides, as for the actor stage. Where an act of force lands
("rockets on Damascus") the name is both (``toponyms.is_target``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from dateline.model import Actor, ActorKind, Article, Dateline, Place
from dateline.stages.cues import FRAGMENT, REPORTING
from dateline.stages.gazetteer import Entry, Feature, Gazetteer, NameKind, load_gazetteer
from dateline.stages.geocoding import CONFIDENT_MARGIN, PLACE_WEIGHT, Context, best, readings
from dateline.stages.lexicon import load_lexicon
from dateline.stages.place_names import (
    DATELINE,
    EMBEDDED,
    MISLABELLED,
    PLACE_LABELS,
    QUALIFIER,
    STREET,
    VENUE_LABELS,
    Mention,
    PlaceNames,
    is_facility,
    is_street,
)
from dateline.stages.toponyms import is_locative, is_target

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PRODUCED_BY = "places.gazetteer@1"

# an untagged name of a place this large is taken for it in any position
_WELL_KNOWN = 100_000
# a populated place smaller than this, in a country the article names nowhere else, is
# more likely a place the gazetteer lacks than that village (the size below which the
# gazetteer keeps no foreign names of a place either)
_VILLAGE = 15_000
_DEMONYM_KINDS = frozenset({"adjective", "demonym"})
_COMPASS_WORDS = frozenset(
    f"{a}{b}"
    for a in ("", "north", "south")
    for b in ("north", "south", "east", "west", "northern", "southern", "eastern", "western")
    if not (a and b.startswith(("north", "south")))
)
# "experts at the Illinois Department of Public Health": people at an organisation work
# for it; it need not be where they are
_AFFILIATION_NOUNS = frozenset(
    "expert analyst economist researcher scientist professor lecturer student director "
    "manager official spokesman spokeswoman spokesperson employee worker staff executive "
    "chief head officer engineer doctor fellow member partner strategist".split()
)
# prepositions and nouns whose object is a place whatever the model calls it
_INSIDE = frozenset({"in", "near", "inside", "outside", "throughout", "across", "around"})
_SETTLEMENTS = frozenset(
    "town village city suburb district neighbourhood neighborhood province region county "
    "governorate municipality".split()
)
# actor codes that are not countries say nothing about where an article is
_NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})


class GazetteerPlaceFinder:
    """Finds place names and resolves them with the shipped GeoNames gazetteer."""

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None) -> None:
        # the finder reads the pipeline's parse; it keeps no model of its own, and shares
        # the actor stage's dictionary (cached per model) to read "Syrian" as Syria
        self.gazetteer = gazetteer or load_gazetteer()
        self.lexicon = load_lexicon(nlp) if nlp is not None else None

    def __call__(self, article: Article, doc: Doc, actors: Sequence[Actor]) -> tuple[Place, ...]:
        """Every place named in ``doc`` (the parse of ``article.text``), in text order."""
        codes, demonyms = self._demonyms(doc)
        names = PlaceNames(self.gazetteer, article, doc, demonyms)
        return tuple(_ArticlePlaces(names, doc, actors, codes).find())

    def _demonyms(self, doc: Doc) -> tuple[list[str], set[int]]:
        """Countries named by an adjective or demonym ("British", "Syrians"), and the first
        tokens of the entities that are such words."""
        codes: list[str] = []
        starts: set[int] = set()
        if self.lexicon is None:
            return codes, starts
        for ent in doc.ents:
            if ent.label_ == "NORP":
                entries = self.lexicon.lookup(ent.text)
                found = [e.code for e in entries if e.kind in _DEMONYM_KINDS and e.code]
                if found:
                    starts.add(ent.start)
                codes.extend(found)
        return codes, starts

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
        self, names: PlaceNames, doc: Doc, actors: Sequence[Actor], demonyms: Sequence[str] = ()
    ) -> None:
        self.demonyms = demonyms  # countries of the article's demonyms ("Syrian": SYR)
        self.doc = doc
        self.actors = actors
        self.names = names
        self.mentions: list[Mention] = []
        self.persons: set[str] = set()  # words of people's full names

    def find(self) -> Iterator[Place]:
        self.mentions = self.names.find()
        self.persons = self._person_words()
        self._resolve()
        self._decide()
        for mention in sorted(self.mentions, key=lambda m: m.start):
            if mention.is_place:
                span = self.doc[mention.start : mention.end]
                yield _place(span.start_char, span.end_char, span.text, mention.entry)

    def _resolve(self) -> None:
        """Resolve each distinct name twice: alone, then with what the confident ones say."""
        context = Context()
        for mention in self.mentions:
            if mention.label == DATELINE and mention.start == self.names.dateline_token:
                entry, _ = best(readings(mention.entries), context, mention.qualifiers)
                context.dateline_country = entry.country if entry else None
        for actor in self.actors:
            if actor.code and len(actor.code) == 3 and actor.code not in _NON_STATE_CODES:
                context.add_country(actor.code)
        for code in self.demonyms:
            context.add_country(code)
        groups: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            groups.setdefault(mention.key, []).append(mention)
        first = Context(context.dateline_country, context.countries.copy())
        own: dict[str, float] = {}  # what each name added to the article's countries
        for key, group in groups.items():
            entry, margin = self._best(group, first)
            if entry is not None and margin >= CONFIDENT_MARGIN:
                for _ in group:
                    context.add(entry)
                own[key] = len(group) * PLACE_WEIGHT
        for key, group in groups.items():
            entry, _ = self._best(group, context)
            if entry is not None and self._unsupported(entry, group, context, own.get(key, 0.0)):
                entry = None
            for mention in group:
                mention.entry = entry

    def _unsupported(
        self, entry: Entry, group: list[Mention], context: Context, own: float
    ) -> bool:
        """True for a village in a country that nothing else in the article points to: in a
        story about Egypt, "Rehab" is the Cairo suburb the gazetteer lacks, not the Jordanian
        village it holds. The name stays a place, unresolved, rather than put in the wrong
        country. A written qualifier ("Rehab, Jordan") or the dateline is support enough."""
        if entry.feature is not Feature.CITY or entry.population >= _VILLAGE:
            return False
        if entry.country is None or entry.country == context.dateline_country:
            return False
        if any(m.qualifiers for m in group) or not context.countries:
            return False
        return context.share(entry.country, own) <= 0

    def _best(self, group: list[Mention], context: Context) -> tuple[Entry | None, float]:
        entries = readings(
            group[0].entries,
            division_named=any(m.division_named for m in group),
            abbreviations=any(m.label == QUALIFIER for m in group),
        )
        if any(m.with_article and not m.qualifiers for m in group):
            # "the White House", "the Pentagon": a town is not written with a "the" of its
            # own (unless the name has it: "The Hague"); a building or a body is, and it is
            # the same one wherever the article names it ("White House aides"). A large
            # city is named too often for one "the" to outweigh it (a misparse of "the
            # Pittsburgh-based company")
            entries = [e for e in entries if not _small_town(e) or _has_the(e.name)]
        qualifiers = [q for m in group for q in m.qualifiers]
        return best(entries, context, qualifiers)

    def _decide(self) -> None:
        """Mark the mentions that are places; a name listed with places, owning one, or
        used as a place elsewhere in the article is one too."""
        for mention in self.mentions:
            mention.is_place = mention.label != EMBEDDED and self._is_place(mention)
        places = {i for m in self.mentions if m.is_place for i in range(m.start, m.end)}
        for mention in self.mentions:
            if mention.is_place or mention.entry is None or mention.entry.is_national:
                continue
            root = self.doc[mention.start : mention.end].root
            # "Tamil Nadu, Karnataka, Kerala and Puducherry": one list, one kind of thing;
            # "Derry's Altnagelvin Hospital": the owner of a place is a place
            if (
                any(t.i in places for t in root.conjuncts)
                or (root.dep_ == "poss" and root.head.i in places)
            ) and not self._in_actor(mention):
                mention.is_place = True
        placed = self._spread_by_name()
        for mention in self.mentions:
            if mention.label == EMBEDDED:
                mention.is_place = self._is_embedded_place(mention, placed)

    def _spread_by_name(self) -> set[str]:
        """One sense per article: a name used as a place is a place wherever it stands alone
        ("in Cirencester" ... "the road to Cirencester"), unless the article makes it a
        speaker ("said Noma", "Tamil Nadu said") or a person's name. Returns the names."""
        placed = {m.key for m in self.mentions if m.is_place and m.entry is not None}
        placed -= {m.key for m in self.mentions if _is_speaker(self.doc[m.start : m.end].root)}
        persons = self.persons
        for mention in self.mentions:
            entry = mention.entry
            if mention.is_place or mention.label == EMBEDDED or mention.key not in placed:
                continue
            if entry is None or entry.is_national:
                continue  # a country or capital is an actor unless used as a place
            span = self.doc[mention.start : mention.end]
            if self._in_actor(mention) or persons & {t.lower_ for t in span}:
                continue
            # "arrested Deen and Villanueva": listed with a person, a person
            if not any(t.ent_type_ == "PERSON" for t in span.root.conjuncts):
                mention.is_place = True
        return placed

    def _is_embedded_place(self, mention: Mention, placed: set[str]) -> bool:
        """A place name in an organisation's name ("Toronto Police") names where it is: a
        division, a large town, or a name the article uses as a place; not when the whole
        name is a place already ("Colchester General Hospital") or the name is a country's
        (the actor stage gives the organisation that country)."""
        entry = mention.entry
        if entry is None or (mention.container is not None and mention.container.is_place):
            return False
        if entry.feature in (Feature.COUNTRY, Feature.CONTINENT) or self._in_actor(mention):
            return False
        if mention.key in placed:
            return True
        if entry.kind is not NameKind.MAIN:
            return False
        return entry.feature in (Feature.ADMIN1, Feature.ADMIN2) or (
            entry.population >= _WELL_KNOWN
        )

    def _person_words(self) -> set[str]:
        """Surnames of the people the article names in full ("Ashley Sutton"): alone, such
        a word names the person ("Sutton said"), not a place of that name. Only the last
        word: in "Homs Governor Talal Barazi" Homs is still a place."""
        words: set[str] = set()
        for ent in self.doc.ents:
            full = ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_alpha
            if full and not self.names.lookup(ent.text)[0]:
                words.add(ent[-1].lower_)
        return words

    def _is_place(self, mention: Mention) -> bool:
        entry = mention.entry
        span = self.doc[mention.start : mention.end]
        if mention.label == QUALIFIER:
            return entry is not None
        if mention.label == STREET:
            return True
        if mention.label == DATELINE:
            return entry is not None or mention.start == self.names.dateline_token
        known = entry is not None and (entry.is_national or entry.kind is NameKind.MAIN)
        if known and is_target(span):
            # "rockets on Damascus": the state is hit, in the place (a name the place is
            # only also known by, "storm the Acropolis", is not taken so)
            return True
        if self._in_actor(mention):
            return False
        if _after_compass_point(span):
            return True  # "eastern Ghouta", "northern Syria": part of a place is a place
        if mention.qualifiers and not mention.entries:
            return True  # "Knockhill, Fife": a name qualified by a division is a place
        if mention.label in MISLABELLED:
            return entry is not None and is_locative(span)
        if entry is not None and entry.is_national:
            # "talks in Moscow" is a place; "Moscow said" an actor
            return is_locative(span)
        if mention.label in PLACE_LABELS and (entry is not None or mention.label == "FAC"):
            # "the deaths of Helen, Clarence and Irene": listed with people, a person
            return is_locative(span) or not _listed_with_person(span)
        if entry is None:
            # an unknown name is a place where it is used as one: "in Kasba Bonli", "taken
            # to Colchester General Hospital", "at the Dubai World Trade Centre"
            if is_street(span):
                return True  # a street is a place wherever it is named
            if is_facility(span):
                # so is a building or site, unless it speaks for those in it
                return not _is_speaker(span.root)
            if mention.label in PLACE_LABELS:
                return is_locative(span)
            if mention.label == "PERSON" and _inside(span):
                # "living in Madinaty", "the suburb of Madinaty": the small model calls a
                # place it does not know a person; nobody lives in one (a firm's name after
                # "in" is as often a division or a journal: "in Global Affairs")
                return True
            # "at the Dubai World Trade Centre"; not "at the UN": an acronym names an
            # organisation, not its building
            return mention.label in VENUE_LABELS and _is_at(span) and not _is_acronym(span.text)
        # an organisation or person name, or an untagged word, that the gazetteer knows
        if entry.feature in (Feature.REGION, Feature.CONTINENT):
            return False
        if is_locative(span) or _is_home(span):
            return True
        # a large place is rarely anything else, except a person's name ("Jackson said",
        # "Sutton goes into the season" after "Ashley Sutton")
        if mention.label == "PERSON" or entry.kind is not NameKind.MAIN or mention.division_named:
            return False
        if self.persons & {t.lower_ for t in span}:
            return False
        return entry.feature is Feature.ADMIN1 or (
            entry.feature is Feature.CITY and entry.population >= _WELL_KNOWN
        )

    def _in_actor(self, mention: Mention) -> bool:
        """True if an actor's words cover the name: it names a government or a person. A
        country or capital in a person's description is theirs ("Syria's foreign
        minister"); a smaller place is where they hold office ("California Governor Jerry
        Brown"), a place of its own."""
        start, end = (
            self.doc[mention.start].idx,
            self.doc[mention.end - 1].idx + len(self.doc[mention.end - 1]),
        )
        for actor in self.actors:
            if actor.start <= start and end <= actor.end:
                if actor.kind is ActorKind.STATE:
                    return True
                if actor.kind is ActorKind.PERSON and (actor.start, actor.end) != (start, end):
                    return mention.entry is None or mention.entry.is_national
        return False


def _place(start: int, end: int, text: str, entry: Entry | None) -> Place:
    if entry is None:
        return Place(start=start, end=end, text=text, produced_by=PRODUCED_BY)
    return Place(
        start=start, end=end, text=text, name=entry.name, country=entry.country,
        admin1=entry.admin1, lat=round(entry.lat, 4), lon=round(entry.lon, 4),
        feature=entry.feature.value, geonameid=entry.geonameid, produced_by=PRODUCED_BY,
    )  # fmt: skip


def _is_speaker(token: Token) -> bool:
    """True if ``token`` is the subject of a verb of saying: "Tamil Nadu said", a body; or
    its object where the verb comes first: "said Noma"."""
    if token.dep_ == "nsubj":
        return token.head.lemma_.lower() in FRAGMENT
    return token.dep_ in ("dobj", "attr", "npadvmod") and (
        token.head.lemma_.lower() in REPORTING and token.head.i < token.i
    )


def _small_town(entry: Entry) -> bool:
    """A town not large enough, or not known by this name well enough, to be named often:
    "White House" is also a translation of Casablanca's name."""
    return entry.feature is Feature.CITY and (
        entry.population < _WELL_KNOWN or entry.kind is not NameKind.MAIN
    )


def _has_the(name: str) -> bool:
    return name.lower().startswith(("the ", "la ", "le ", "el ", "al "))


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= 6


def _listed_with_person(span: Span) -> bool:
    """True if the name is coordinated with a person's name: "Helen, Clarence and Irene"."""
    return any(t.ent_type_ == "PERSON" for t in span.root.conjuncts)


def _after_compass_point(span: Span) -> bool:
    """True if a lower-case compass word comes right before the name: "eastern Ghouta"."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.is_lower and before.lower_.replace("-", "") in _COMPASS_WORDS


def _inside(span: Span) -> bool:
    """True if the name is what something is in: "in X", "near X", "the town of X"."""
    root = span.root
    if root.dep_ != "pobj" or len(span) > 3 or span[0].text[:1].islower():
        return False
    if _is_acronym(span.text) or any(child.dep_ == "det" for child in root.children):
        return False  # "in the EU", "in the Money Market Division", "in a weak La Niña"
    preposition = root.head
    if preposition.lower_ in _INSIDE:
        return True
    return preposition.lower_ == "of" and preposition.head.lemma_.lower() in _SETTLEMENTS


def _is_home(span: Span) -> bool:
    """True if the name says where a person is from: "Miss Abdhou, of Hayes"."""
    root = span.root
    preposition = root.head
    return (
        root.dep_ == "pobj"
        and preposition.lower_ == "of"
        and preposition.head.ent_type_ == "PERSON"
    )


def _is_at(span: Span) -> bool:
    """True if the name follows "at" as where something is, not where someone works:
    "spoke at the Dubai World Trade Centre", not "an economist at Moody's Analytics"."""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "at":
        return False
    return root.head.head.lemma_.lower() not in _AFFILIATION_NOUNS
