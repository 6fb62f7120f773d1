"""The names in an article that may be places, each with the gazetteer's readings of it.

``PlaceNames`` collects them from the dateline, capitalised datelines inside the text,
streets listed before "streets", spaCy's entities, proper nouns no entity covers, written
qualifiers ("Moscow, Idaho", "Knockhill, Fife") and place names that open an organisation's
name ("Toronto Police"); the places stage decides which are places.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.model import Article
from dateline.stages.gazetteer import Entry, Feature, Gazetteer, NameKind, normalise
from dateline.stages.geocoding import contains

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# spaCy's small model often calls a place it does not know a person or an organisation
_NAME_LABELS = frozenset({"ORG", "PERSON"})
# an organisation or event "at" which something happens is where it happens
VENUE_LABELS = frozenset({"ORG", "EVENT", "FAC"})
# other labels the small model gives names it does not know: a place among them must be
# known to the gazetteer and used as a place
MISLABELLED = frozenset({"NORP", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"})
DATELINE = "DATELINE"
QUALIFIER = "QUALIFIER"  # "Idaho" in "Moscow, Idaho": always a place
EMBEDDED = "EMBEDDED"  # "Toronto" in "the Toronto Police Services Board"
STREET = "STREET"  # "Bourbon" in "Bourbon and Dauphine streets": always a place
_STREET_WORDS = _words("street avenue road drive boulevard lane highway motorway parkway")
_PLURAL_STREET_WORDS = _words("streets avenues roads boulevards lanes")
# Names whose last word says they are a building or site: "Colchester General Hospital"
_FACILITY_WORDS = _words(
    "hospital clinic school academy university college institute hotel inn church "
    "cathedral chapel mosque temple synagogue centre center stadium arena airport park "
    "castle prison jail courthouse museum library station market mall bridge tower hall "
    "theatre theater palace embassy consulate camp base port harbour harbor square plaza "
    "farm estate garden gardens zoo beach lake river mountain mountains valley bay island "
    "islands canal dam circuit racecourse graveyard cemetery village " + " ".join(_STREET_WORDS)
)
_DATELINE_QUALIFIER = re.compile(r"\s*,\s*([A-Za-z][A-Za-z.\- ]*?)\s*(?:[,(\u2014\u2013-]|$)")
_SENTENCE_ENDS = frozenset({".", "!", "?", '"', "\u201d", ")"})
_DIVISION_WORDS = _words(
    "province provinces governorate state region oblast county district prefecture "
    "department territory canton municipality"
)
_DIVISION_PREFIX = re.compile(r"^(?:state|province|governorate|county|region|city) of ", re.I)
_DIVISIONS = frozenset({Feature.ADMIN1, Feature.ADMIN2})
_CITIES = frozenset({Feature.CITY})
_QUALIFIER_FEATURES = frozenset({Feature.COUNTRY, Feature.ADMIN1, Feature.ADMIN2})
_DATELINE_END = frozenset({",", "(", "-", "--", "—", "–", ":"})
_TRIM_LEFT = frozenset({"the", "The", "THE"})
# GeoNames has divisions called "Central", "Western", "Capital", "Centre", "Nord": in an
# organisation's name ("Central Bank", "the Western Trust") such a word is no place name
_GENERIC_WORDS = _words(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest middle upper lower capital centre center nord sud union federal "
    "national commonwealth new la le el al"
)
_EMBEDDED_WORDS = 3  # the longest place name looked for at the start of a name
# division words that belong to a place name opening an organisation's; "State" does not:
# "Maryland State Police", "Colorado State University"
_EMBEDDED_DIVISIONS = _words("county province governorate district oblast prefecture")


@dataclass(slots=True)
class Mention:
    """A name in the text that may be a place, with its possible readings."""

    start: int  # token range
    end: int
    label: str  # spaCy's entity label, DATELINE, QUALIFIER, EMBEDDED, STREET or "" (untagged)
    key: str  # the normalised name looked up
    entries: list[Entry]
    qualifiers: list[Entry] = field(default_factory=list)
    division_named: bool = False
    entry: Entry | None = None
    is_place: bool = False
    container: Mention | None = None  # the organisation's name an EMBEDDED name opens
    with_article: bool = False  # written with a "the" of its own: "the White House"


class PlaceNames:
    """The candidate place names of one article, in the order they were found."""

    def __init__(
        self, gazetteer: Gazetteer, article: Article, doc: Doc, demonyms: Set[int] = frozenset()
    ) -> None:
        self.gazetteer = gazetteer
        self.demonyms = demonyms  # first tokens of entities that are demonyms ("Syrian")
        self.article = article
        self.doc = doc
        self.tokens = list(doc)  # indexing a Doc builds a Token each time: read them once
        self.taken: set[int] = set()  # tokens already in a mention
        self.mentions: list[Mention] = []
        self.dateline_token = -1  # first token of the article's dateline place

    def find(self) -> list[Mention]:
        """Collect every candidate; the dateline's and the entities' first."""
        self._dateline()
        self._datelines_in_text()
        self._street_lists()
        self._entities()
        self._proper_nouns()
        return self.mentions

    def lookup(self, name: str) -> tuple[list[Entry], bool]:
        """Readings of a name, trying it without a division word ("Borno State") if need be;
        the flag says a division word was dropped."""
        entries = list(self.gazetteer.lookup(name))
        if entries:
            return entries, False
        if owner := self.gazetteer.lost_possessive(name):
            return owner, False
        words = name.split()
        bare = None
        if len(words) > 1 and words[-1].lower() in _DIVISION_WORDS:
            bare = " ".join(words[:-1])
        elif _DIVISION_PREFIX.match(name):
            bare = _DIVISION_PREFIX.sub("", name)
        if not bare:
            return [], False
        # the word dropped says what kind of place is meant: "Borno State" is the state,
        # never a town; "the Granite State", "the Lone Star State" (nicknames the gazetteer
        # does not hold) are not the towns of Granite and Lone Star
        wanted = _CITIES if name.lower().startswith("city of ") else _DIVISIONS
        return [e for e in self.gazetteer.lookup(bare) if e.feature in wanted], True

    def _dateline(self) -> None:
        dateline = self.article.dateline
        if dateline is None:
            return
        start = dateline.start
        end = start + len(dateline.place)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or normalise(span.text) != normalise(dateline.place):
            return
        # "By Nate Raymond. BOSTON (Reuters)": keep the words the gazetteer knows; but words
        # in capitals are the place's own: "CAMP MURRAY, Wash." is no town of Murray
        for first in range(span.start, span.end):
            dropped = self.doc[span.start : first]
            if len(dropped) and all(_is_capitals(t.text) or not t.is_alpha for t in dropped):
                break
            if self.doc[first].is_alpha and self.lookup(self.doc[first : span.end].text)[0]:
                span = self.doc[first : span.end]
                break
        rest = self.doc.char_span(start, dateline.end, alignment_mode="expand")
        if any(t.is_alpha and t.is_lower for t in span) and not self.lookup(span.text)[0]:
            # "By JILL COLVIN and GILLIAN WONG, Associated Press WASHINGTON (AP)": the byline
            # read as the place; the place is the known name in capitals before the agency
            found = self._known_capitals(rest) if rest is not None else None
            if rest is not None:
                self.taken.update(range(rest.start, rest.end))
            if found is not None:
                self.dateline_token = found.start
                self.taken.difference_update(range(found.start, found.end))
                self._add(found.start, found.end, DATELINE)
            return
        self.dateline_token = span.start
        qualifiers: list[Entry] = []
        match = _DATELINE_QUALIFIER.match(self.article.text, end, dateline.end)
        if match:
            words = self.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
            if words is not None:
                qualifiers = self._add_qualifier(words.start, words.end)
        self._add(span.start, span.end, DATELINE, qualifiers=qualifiers)
        # the agency and date are the rest of the dateline, never places
        if rest is not None:
            self.taken.update(range(rest.start, rest.end))

    def _known_capitals(self, span: Span) -> Span | None:
        """The last run of words in capitals in ``span`` that the gazetteer knows."""
        found = None
        i = span.start
        while i < span.end:
            if not _is_capitals(self.doc[i].text):
                i += 1
                continue
            stop = i
            while stop < span.end and _is_capitals(self.doc[stop].text):
                stop += 1
            if self.gazetteer.lookup(self.doc[i:stop].text):
                found = self.doc[i:stop]
            i = stop
        return found

    def _datelines_in_text(self) -> None:
        """Datelines inside the text, as in pages that join several stories: a place in
        capitals opening a line or sentence, then a comma, bracket or dash ("TORONTO -",
        "SAN DIEGO (AP)", "ALBUQUERQUE, N.M."), or anywhere before an agency's name in
        brackets ("..., Associated Press WASHINGTON (AP) -")."""
        tokens = self.tokens
        i = 0
        while i < len(tokens):
            if i in self.taken or not _is_capitals(tokens[i].text):
                i += 1
                continue
            end = i
            while end < len(tokens) and _is_capitals(tokens[end].text) and end - i < 4:
                end += 1
            opens = self._opens(i) or self._before_agency(end)
            if opens and end < len(tokens) and tokens[end].text in _DATELINE_END:
                entries = self.gazetteer.lookup(self.doc[i:end].text)
                if any(e.feature in (Feature.CITY, Feature.ADMIN1) for e in entries):
                    self._add(i, end, DATELINE, qualify=True)
            i = end + 1

    def _before_agency(self, i: int) -> bool:
        """True if tokens from ``i`` are an agency's name in brackets: "(AP)", "(Reuters)"."""
        tokens = self.tokens
        return (
            i + 2 < len(tokens)
            and tokens[i].text == "("
            and tokens[i + 2].text == ")"
            and tokens[i + 1].text[:1].isupper()
            and tokens[i + 1].is_alpha
        )

    def _opens(self, i: int) -> bool:
        """True if token ``i`` starts a line or follows the end of a sentence."""
        start = self.doc[i].idx
        if start == 0 or "\n" in self.article.text[max(0, start - 2) : start]:
            return True
        before = self.doc[i - 1]
        return before.text in _SENTENCE_ENDS or (
            before.is_space and i > 1 and self.doc[i - 2].text in _SENTENCE_ENDS
        )

    def _street_lists(self) -> None:
        """Streets named before a plural street word: "Bourbon and Dauphine streets". Each
        is the name of a street, not of a town: they stay unresolved."""
        for token in self.tokens:
            if token.lower_ not in _PLURAL_STREET_WORDS or token.pos_ != "NOUN":
                continue
            for child in token.children:
                if child.dep_ not in ("compound", "nmod") or not _is_name_word(child.text):
                    continue
                for name in (child, *child.conjuncts):
                    if name.i not in self.taken and _is_name_word(name.text):
                        self.taken.add(name.i)
                        self.mentions.append(
                            Mention(name.i, name.i + 1, STREET, normalise(name.text), [])
                        )

    def _entities(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ in MISLABELLED and (
                ent.start in self.demonyms
                or not (all(t.pos_ == "PROPN" for t in ent) or self.gazetteer.large_city(ent.text))
            ):
                continue  # "in Tunis" (NORP), "across Mauritius" (PRODUCT); not "Syrian"
            if ent.label_ not in PLACE_LABELS | _NAME_LABELS | VENUE_LABELS | MISLABELLED:
                continue
            if any(i in self.taken for i in range(ent.start, ent.end)):
                continue
            start, end = _trimmed(ent)
            for a, b in self._possessor_split(start, end):
                self._entity(a, b, ent.label_)

    def _possessor_split(self, start: int, end: int) -> list[tuple[int, int]]:
        """A building's or street's name split after a place that owns it: "Derry's
        Altnagelvin Hospital" names Derry and the hospital in it; "Caesar's Palace" and
        "Moody's Analytics" are one name each."""
        doc = self.doc
        lost = end - start > 1 and not self.gazetteer.lookup(doc[start:end].text)
        if lost and self.gazetteer.lost_possessive(doc[start].text):
            return [(start, start + 1), (start + 1, end)]  # "Syrias Aleppo"
        owner = next((i for i in range(start + 1, end - 2) if doc[i].tag_ == "POS"), None)
        if owner is None or not is_facility(doc[owner + 1 : end]):
            return [(start, end)]
        if not self.gazetteer.lookup(doc[start:owner].text):
            return [(start, end)]
        return [(start, owner), (owner + 1, end)]

    def _entity(self, start: int, end: int, label: str) -> None:
        if start >= end:
            return
        end = self._joined(start, end)
        commas = [i for i in range(start, end) if self.doc[i].text == ","]
        if commas and not self.gazetteer.lookup(self.doc[start:end].text):
            self._entity_with_commas(start, end, commas, label)
            return
        mention = self._add(start, end, label, qualify=True)
        if label == "ORG" and (not mention.entries or mention.division_named):
            self._embedded(mention)  # "Maryland State Police", "Mississippi State"

    def _joined(self, start: int, end: int) -> int:
        """The end of a name the gazetteer knows with its comma ("Washington, D.C."), which
        the model reads as two entities; else ``end``."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text != ",":
            return end
        for stop in range(min(end + 4, len(doc)), end + 1, -1):
            last = doc[stop - 1]
            if (last.is_title or last.is_upper) and self.gazetteer.lookup(doc[start:stop].text):
                return stop
        return end

    def _entity_with_commas(self, start: int, end: int, commas: list[int], label: str) -> None:
        """ "Washington, D.C." is one place; "Donington Park, Leicestershire" two."""
        parts = [
            (a, b) for a, b in zip([start, *(c + 1 for c in commas)], [*commas, end], strict=True)
        ]
        if len(parts) == 2:
            entries = self.lookup(self.doc[parts[0][0] : parts[0][1]].text)[0]
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

    def _embedded(self, organisation: Mention) -> None:
        """A place name an organisation's name opens or ends with: "the Toronto Police
        Services Board", "Osun State Police Command", "the Kidney Foundation of Canada",
        "CTV Saskatoon"."""
        doc, start, end = self.doc, organisation.start, organisation.end
        spans = [(start, start + n) for n in range(min(_EMBEDDED_WORDS, end - start - 1), 0, -1)]
        of = next((i for i in range(start + 1, end - 1) if doc[i].lower_ == "of"), None)
        if of is not None:
            spans.append((of + 1, end))
        else:
            # "Baseball Toronto", "CTV Saskatoon": a place name closing the name
            spans.extend((end - n, end) for n in range(min(2, end - start - 1), 0, -1))
        for a, b in spans:
            words = doc[a:b]
            if not all(t.is_title for t in words):
                continue  # "KOBE IN THE HOUSE" is no organisation of Kobe's
            if len(words) == 1 and words[0].lower_ in _GENERIC_WORDS:
                continue
            # the name as written: in "Maryland State Police" the state is Maryland; but
            # "Walker County Sheriff's Office" names Walker County
            entries = [
                e for e in self.gazetteer.lookup(words.text) if e.kind is not NameKind.ABBREVIATION
            ]
            if entries:
                if b < end and doc[b].lower_ in _EMBEDDED_DIVISIONS:
                    b += 1
                mention = Mention(
                    a, b, EMBEDDED, normalise(words.text), entries, container=organisation,
                    division_named=b > words.end,
                )  # fmt: skip
                self.mentions.append(mention)
                if a == start or b == end:
                    return  # one place name opens or closes a name: "Colorado State University"

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
            if end - i == 1 and tokens[i].lower_ in _FACILITY_WORDS:
                pass  # "Estey's Bridge": a building word alone is no town's name
            elif self.lookup(doc[i:end].text)[0] or is_facility(doc[i:end]):
                self._add(i, end, "", qualify=True)
            elif self._qualifier_after(end, (), add=False)[0]:
                self._add(i, end, "", qualify=True)  # "Snetterton, Norfolk"
            i = end

    def _add(
        self, start: int, end: int, label: str, *, qualifiers: list[Entry] | None = None,
        qualify: bool = False,
    ) -> Mention:  # fmt: skip
        name = self.doc[start:end].text
        entries, division_named = self.lookup(name)
        if label != DATELINE and _is_acronym(name):
            # "US", "UAE" are countries; "EU", "OAS", "WA" are not the towns Eu, Oas, Wa
            entries = [e for e in entries if e.feature is Feature.COUNTRY]
        if end < len(self.doc) and self.doc[end].lower_ in _DIVISION_WORDS:
            division_named = True  # "Idlib province"
        self.taken.update(range(start, end))
        if qualify and (entries or label not in ("PERSON", "") or end - start == 1):
            # an unknown name is qualified too ("Knockhill, Fife"), but not a person's
            qualifiers, contained = self._qualifier_after(end, entries)
            if qualifiers and not contained:
                entries = []  # "Rockingham, Northamptonshire": not a Rockingham we know
        mention = Mention(
            start, end, label, normalise(name), entries, qualifiers or [], division_named,
            with_article=self._has_article(start, end),
        )  # fmt: skip
        self.mentions.append(mention)
        return mention

    def _has_article(self, start: int, end: int) -> bool:
        """True if "the" right before the name is the name's own ("the White House"), not
        that of a noun it modifies ("the Damascus suburbs", "the Notre Dame coach")."""
        if start == 0:
            return False
        before = self.doc[start - 1]
        return before.lower_ == "the" and before.dep_ == "det" and start <= before.head.i < end

    def _qualifiers(self, text: str) -> list[Entry]:
        """Countries or divisions that a written qualifier ("Idaho", "N.M.", "Oaxaca State")
        can mean."""
        return [e for e in self.lookup(text)[0] if e.feature in _QUALIFIER_FEATURES]

    def _qualifier_after(
        self, end: int, entries: Sequence[Entry], *, add: bool = True
    ) -> tuple[list[Entry], bool]:
        """The qualifier in "Lemay, Missouri": a country or division right after a comma.

        It qualifies a known name if it contains a reading of it (in "Saipan, Guam" each is
        a place of its own); a name the gazetteer does not know there takes a qualifier
        that ends the phrase ("Oulton Park, Cheshire.", "Rockingham, Northamptonshire"), not
        one of a list ("Helen, Clarence, Irene"). The qualifier is a place mention of its
        own (added unless ``add`` is false). Returns what it can mean, and whether it
        contains a reading of the name.
        """
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text != ",":
            return [], False
        stop = end + 1
        while stop < len(doc) and stop - end <= 3 and (doc[stop].is_title or doc[stop].is_upper):
            stop += 1
            if any(i in self.taken for i in range(end + 1, stop)):
                # a place named already ("Northamptonshire" is an entity) qualifies too
                if not any((m.start, m.end) == (end + 1, stop) for m in self.mentions):
                    break
                add = False
            found = self._qualifiers(doc[end + 1 : stop].text)
            contained = [q for q in found if any(contains(q, e) for e in entries)]
            if not contained:
                found = [q for q in found if q.kind is not NameKind.ABBREVIATION]
                if not found or not self._ends_phrase(stop):
                    continue
            elif not found:
                continue
            if stop < len(doc) and doc[stop].is_title and doc[stop].lower_ in _DIVISION_WORDS:
                stop += 1  # "Matias Romero, Oaxaca State, Mexico": the division word too
            if add:
                self._add_qualifier(end + 1, stop)
            return (contained or found), bool(contained)
        return [], False

    def _ends_phrase(self, i: int) -> bool:
        """True if token ``i`` ends a name and its qualifier: no longer name ("Kent County
        Council"), no list going on ("Helen, Clarence, Irene", "St. Paul & the Broken")."""
        doc = self.doc
        if i >= len(doc):
            return True
        word = doc[i]
        if word.is_title or word.is_upper or word.lower_ in ("and", "&", "or"):
            return False
        if word.text == "," and i + 1 < len(doc):
            following = doc[i + 1]
            return not (following.is_title or following.is_upper) or following.like_num
        return True

    def _add_qualifier(self, start: int, end: int) -> list[Entry]:
        """Add a qualifier ("N.M.", "Idaho", "Belgium") as a place; return its readings."""
        found = self._qualifiers(self.doc[start:end].text)
        if found:
            self.mentions.append(
                Mention(start, end, QUALIFIER, normalise(self.doc[start:end].text), found)
            )
            self.taken.update(range(start, end))
        return found


def _trimmed(span: Span) -> tuple[int, int]:
    """Token range of an entity without "the" before it or "'s", punctuation and lower-case
    words after it ("the eastern Pacific equatorial region": "Pacific")."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _TRIM_LEFT or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].is_punct
        or doc[end - 1].lower_ in ("'s", "\u2019s")
        or (doc[end - 1].is_lower and doc[end - 1].is_alpha)  # "Pacific equatorial"
    ):
        end -= 1
    return start, end


def is_facility(span: Span) -> bool:
    """True if a name's last word says it is a building or site: "Colchester Hospital"."""
    last = span[-1]
    return last.lower_ in _FACILITY_WORDS and len(span) > 1 and span[0].text[:1].isupper()


def is_street(span: Span) -> bool:
    """True if a name is a street's or road's: "Royal Street"."""
    return is_facility(span) and span[-1].lower_ in _STREET_WORDS


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= 4


def _is_capitals(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.replace(".", "").isalpha()


def _is_name_word(text: str) -> bool:
    return text[:1].isupper() and text.replace("-", "").isalpha()
