"""Score the places stage against GeoWebNews: toponym recognition and resolution.

GeoWebNews (Gritta, Pilehvar and Collier, "A Pragmatic Guide to Geoparsing Evaluation",
2019) marks every place name in 200 news articles with a type. The guide splits toponyms
into *literal* ones (the place itself: Literal, Mixed, Coercion, Embedded_Literal,
Literal_Modifier) and *associative* ones (a name standing for something related:
Metonymic, Non_Literal_Modifier, Embedded_Non_Lit). Demonym, Language, Homonym, the
*_Expression types and Non_Toponym are not names of places and never count.

Recognition, as in the guide, is finding toponyms, literal and associative; telling a
metonymy from a place is a step of its own. dateline splits that step between two
outputs: a country or capital standing for its government ("Ankara said", "US President
Barack Obama") is an actor, every other toponym a place. So the main reading scores literal
+ associative toponyms written as nouns against the places plus the country and capital
names in the actors' words that name the actor's own state ("state names"): a toponym found
either way has been recognised. Adjectives ("Kurdish enclave") are demonyms to dateline,
never places, and are left out. Stricter readings show the places alone: against the same
gold, against the literal toponyms (exact span, and any overlap), and against literal
toponyms including adjectives. Matches are exact character spans unless said otherwise.

Resolution is scored on the literal toponyms that carry coordinates and were recognised
exactly and resolved: the share within 161 km (100 miles), the median error, and the share
in the right country (not scored where we give a region across borders, "the Middle East",
and the gazetteer lacks the gold entry). Distances are from our point; a second reading
takes the gold point where we chose the gold's own GeoNames entry, as a geoparser that
stores GeoNames' points would: a country or a state has no one point, and the gazetteer's
centre of one (from ``countryinfo``, or the middle of a division's towns) can lie 200 km
from GeoNames'. The share of toponyms with a gold GeoNames id resolved to that very entry
is *exact resolution*.
The gold country comes from the gold GeoNames id where the gazetteer has it, else from the
nearest populated place within 50 km of the gold point; toponyms with neither (seas,
continents, remote points) are left out of the country score.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import InputError
from dateline.evaluation.records import Counts
from dateline.ingest.datelines import parse_dateline
from dateline.model import Analysis, Article, ArticleId, Place
from dateline.pipeline import Pipeline, prepare_doc
from dateline.stages.gazetteer import Feature, Gazetteer, load_gazetteer
from dateline.stages.geocoding import distance_km

LITERAL_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier"})
ASSOCIATIVE_TYPES = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
ACCURACY_KM = 161.0  # 100 miles, the field's usual threshold
_NEAREST_KM = 50.0
_GRID = 1.0  # degrees per cell of the nearest-place index

Span = tuple[int, int]
# runs of capitalised words (with dots: "U.S."; joined by a hyphen or an apostrophe:
# "Nagorno-Karabakh", "O'Brien") where an actor's state may be named; a possessive or a
# lower-case suffix ends a word: "China's ministry", "U.S.-led"
_WORD = r"[A-Z][\w.]*(?:[-'\u2019][A-Z][\w.]*)*"
# ... and joined by "of" in a state's full name: "Republic of Armenia"
_WORDS = re.compile(rf"{_WORD}(?:(?: | of | of the ){_WORD})*")


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """One annotated name: its span, GeoWebNews type and gold location, where given."""

    start: int
    end: int
    text: str
    type: str
    is_adjective: bool
    lat: float | None
    lon: float | None
    geonameid: int | None

    @property
    def is_literal(self) -> bool:
        """A literal toponym in the guide's sense: the place itself."""
        return self.type in LITERAL_TYPES

    @property
    def is_associative(self) -> bool:
        """An associative toponym: the name stands for something related to the place."""
        return self.type in ASSOCIATIVE_TYPES


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One GeoWebNews article."""

    id: str
    title: str | None
    text: str
    toponyms: tuple[GoldToponym, ...]
    origin: str


@dataclass(slots=True)
class Resolution:
    """How well recognised literal toponyms were placed."""

    gold_with_coordinates: int = 0
    recognised: int = 0  # of those, found with the exact span
    resolved: int = 0  # of those, given coordinates
    within: int = 0  # of the resolved, within ACCURACY_KM
    country_known: int = 0  # of the resolved, with a known gold country
    country_right: int = 0
    errors_km: list[float] = field(default_factory=list)
    with_id: int = 0  # of the resolved, with a gold GeoNames id
    exact: int = 0  # of those, resolved to that GeoNames entry
    within_same_entry: int = 0  # within ACCURACY_KM, taking the gold point for the same entry
    regions_unscored: int = 0  # resolved to a region with no country: no country to score

    @property
    def accuracy_161_same_entry(self) -> float:
        """Share within 161 km, where the gold's own GeoNames entry counts as its point."""
        return self.within_same_entry / self.resolved if self.resolved else 0.0

    @property
    def exact_accuracy(self) -> float:
        """Share of resolved toponyms with a gold GeoNames id resolved to that entry."""
        return self.exact / self.with_id if self.with_id else 0.0

    @property
    def accuracy_161(self) -> float:
        """Share of resolved toponyms placed within 161 km."""
        return self.within / self.resolved if self.resolved else 0.0

    @property
    def country_accuracy(self) -> float:
        """Share of resolved toponyms (with a known gold country) put in the right country."""
        return self.country_right / self.country_known if self.country_known else 0.0

    @property
    def median_km(self) -> float:
        """Median distance between our point and the gold point."""
        return statistics.median(self.errors_km) if self.errors_km else 0.0


@dataclass(slots=True)
class PlacesReport:
    """Everything ``score_places`` measures."""

    articles: int = 0
    all_toponyms: Counts = field(default_factory=Counts)  # the main reading
    all_toponyms_places: Counts = field(default_factory=Counts)  # the same, places alone
    literal: Counts = field(default_factory=Counts)
    literal_overlap: Counts = field(default_factory=Counts)
    literal_with_adjectives: Counts = field(default_factory=Counts)
    resolution: Resolution = field(default_factory=Resolution)
    parse_seconds: float = 0.0
    places_seconds: float = 0.0

    def readings(self) -> list[tuple[str, Counts]]:
        """The recognition readings, named for a table."""
        return [
            ("MAIN toponyms (lit.+assoc. nouns) vs places + state names", self.all_toponyms),
            ("toponyms (lit.+assoc. nouns) vs places only", self.all_toponyms_places),
            ("literal toponyms (nouns) vs places, exact span", self.literal),
            ("literal toponyms (nouns) vs places, any overlap", self.literal_overlap),
            ("literal toponyms incl. adjectives vs places", self.literal_with_adjectives),
        ]


def read_gold(path: Path) -> list[GoldArticle]:
    """Read GeoWebNews JSON Lines (``text``, ``toponyms`` with offsets and coordinates).

    Raises:
        InputError: the file is missing or a line is not a GeoWebNews record.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot read the GeoWebNews gold: {error.strerror}") from error
    articles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            record = json.loads(line)
            toponyms = tuple(_toponym(item) for item in record["toponyms"])
            articles.append(
                GoldArticle(
                    str(record["id"]), record.get("title"), str(record["text"]), toponyms, origin
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{origin}: not a GeoWebNews record ({error!r})") from error
    return articles


def _toponym(item: dict[str, object]) -> GoldToponym:
    lat, lon, geonameid = item.get("lat"), item.get("lon"), item.get("geonameid")
    return GoldToponym(
        start=int(str(item["start"])), end=int(str(item["end"])), text=str(item["text"]),
        type=str(item["type"]), is_adjective=item.get("modifier_type") == "Adjective",
        lat=float(str(lat)) if lat is not None else None,
        lon=float(str(lon)) if lon is not None else None,
        geonameid=int(str(geonameid)) if geonameid else None,
    )  # fmt: skip


def article_of(gold: GoldArticle) -> Article:
    """The gold text as an Article, unchanged so that the gold offsets hold."""
    return Article(
        id=ArticleId(gold.id), text=gold.text, title=gold.title,
        dateline=parse_dateline(gold.text, None), origin=gold.origin,
    )  # fmt: skip


def analyse(
    pipeline: Pipeline, gold: Sequence[GoldArticle], report: PlacesReport
) -> list[Analysis]:
    """Run the pipeline over the gold articles, timing the parse and the places stage."""
    articles = [article_of(item) for item in gold]
    started = time.perf_counter()
    # parsed as the pipeline parses: paragraphs and the dateline open sentences
    prepared = [prepare_doc(pipeline.nlp, article) for article in articles]
    docs = list(pipeline.nlp.pipe(prepared, batch_size=pipeline.batch_size))
    report.parse_seconds += time.perf_counter() - started
    analyses = []
    for article, doc in zip(articles, docs, strict=True):
        analysis = pipeline.analyse_doc(article, doc)
        started = time.perf_counter()
        pipeline.find_places(article, doc, analysis.actors)
        report.places_seconds += time.perf_counter() - started
        analyses.append(analysis)
    return analyses


def score_places(
    gold: Sequence[GoldArticle], analyses: Sequence[Analysis], gazetteer: Gazetteer | None = None
) -> PlacesReport:
    """Score the analyses of the gold articles (same order) on every reading."""
    gazetteer = gazetteer or load_gazetteer()
    nearest = _NearestPlace(gazetteer)
    report = PlacesReport(articles=len(gold))
    for item, analysis in zip(gold, analyses, strict=True):
        places = {(p.start, p.end): p for p in analysis.places}
        literal = {(t.start, t.end) for t in item.toponyms if t.is_literal and not t.is_adjective}
        _count(report.literal, literal, set(places))
        _count_overlap(report.literal_overlap, literal, set(places))
        with_adjectives = {(t.start, t.end) for t in item.toponyms if t.is_literal}
        _count(report.literal_with_adjectives, with_adjectives, set(places))
        every = literal | {
            (t.start, t.end) for t in item.toponyms if t.is_associative and not t.is_adjective
        }
        _count(report.all_toponyms, every, set(places) | _state_names(analysis, gazetteer))
        _count(report.all_toponyms_places, every, set(places))
        for toponym in item.toponyms:
            if toponym.is_literal and toponym.lat is not None and toponym.lon is not None:
                _resolve(report.resolution, toponym, places.get((toponym.start, toponym.end)),
                         gazetteer, nearest)  # fmt: skip
    return report


def evaluate_places(pipeline: Pipeline, gold: Sequence[GoldArticle]) -> PlacesReport:
    """Analyse and score the gold articles, with timings."""
    report = PlacesReport()
    analyses = analyse(pipeline, gold, report)
    scored = score_places(gold, analyses)
    scored.parse_seconds, scored.places_seconds = report.parse_seconds, report.places_seconds
    return scored


def _count(counts: Counts, gold: set[Span], predicted: set[Span]) -> None:
    counts.tp += len(gold & predicted)
    counts.fp += len(predicted - gold)
    counts.fn += len(gold - predicted)


def _count_overlap(counts: Counts, gold: set[Span], predicted: set[Span]) -> None:
    def hits(span: Span, others: Iterable[Span]) -> bool:
        return any(a < span[1] and span[0] < b for a, b in others)

    counts.tp += sum(1 for span in gold if hits(span, predicted))
    counts.fn += sum(1 for span in gold if not hits(span, predicted))
    counts.fp += sum(1 for span in predicted if not hits(span, gold))


def _state_names(analysis: Analysis, gazetteer: Gazetteer) -> set[Span]:
    """Country and capital names the actor stage read as actors or as the country of one
    ("Ankara said", "US President Barack Obama"): the words that name the actor's state."""
    found = set()
    for actor in analysis.actors:
        if actor.code is None:
            continue
        for match in _WORDS.finditer(actor.text):
            for words in _windows(match.group(0)):
                entries = gazetteer.lookup(words)
                if any(e.is_national and e.country == actor.code for e in entries):
                    start = actor.start + match.start() + match.group(0).index(words)
                    found.add((start, start + len(words)))
                    break
    return found


def _windows(run: str) -> list[str]:
    """The words of a capitalised run, longest first: "United States", "United", "States"."""
    words = run.split()
    return [
        " ".join(words[i : i + n])
        for n in range(len(words), 0, -1)
        for i in range(len(words) - n + 1)
        if words[i][0].isupper() and words[i + n - 1][0].isupper()
    ]


def _resolve(
    resolution: Resolution,
    toponym: GoldToponym,
    place: Place | None,
    gazetteer: Gazetteer,
    nearest: _NearestPlace,
) -> None:
    assert toponym.lat is not None
    assert toponym.lon is not None
    resolution.gold_with_coordinates += 1
    if place is None:
        return
    resolution.recognised += 1
    if place.lat is None or place.lon is None:
        return
    resolution.resolved += 1
    error = distance_km(toponym.lat, toponym.lon, place.lat, place.lon)
    resolution.errors_km.append(error)
    resolution.within += error <= ACCURACY_KM
    same = toponym.geonameid is not None and place.geonameid == toponym.geonameid
    resolution.within_same_entry += same or error <= ACCURACY_KM
    if toponym.geonameid is not None:
        resolution.with_id += 1
        resolution.exact += same
    if (
        place.country is None
        and place.feature == Feature.REGION.value
        and not _known(toponym, gazetteer)
    ):
        # a sea or a region across borders ("the Middle East") whose gold entry the
        # gazetteer lacks: the town nearest the gold point says nothing of its country
        resolution.regions_unscored += 1
        return
    country = _gold_country(toponym, gazetteer, nearest)
    if country is not None:
        resolution.country_known += 1
        resolution.country_right += place.country == country


def _known(toponym: GoldToponym, gazetteer: Gazetteer) -> bool:
    return toponym.geonameid is not None and gazetteer.get(toponym.geonameid) is not None


def _gold_country(toponym: GoldToponym, gazetteer: Gazetteer, nearest: _NearestPlace) -> str | None:
    if toponym.geonameid is not None:
        entry = gazetteer.get(toponym.geonameid)
        if entry is not None:
            return entry.country  # None for a continent: no country to score
    assert toponym.lat is not None
    assert toponym.lon is not None
    return nearest.country(toponym.lat, toponym.lon)


class _NearestPlace:
    """The country of the nearest populated place, from a grid over the gazetteer's towns."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._cells: dict[tuple[int, int], list[tuple[float, float, str]]] | None = None

    def country(self, lat: float, lon: float) -> str | None:
        cells = self._index()
        row, column = int(lat // _GRID), int(lon // _GRID)
        best: tuple[float, str] | None = None
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for plat, plon, code in cells.get((row + dr, column + dc), ()):
                    km = distance_km(lat, lon, plat, plon)
                    if km <= _NEAREST_KM and (best is None or km < best[0]):
                        best = (km, code)
        return best[1] if best else None

    def _index(self) -> dict[tuple[int, int], list[tuple[float, float, str]]]:
        if self._cells is None:
            self._cells = {}
            for entry in self._gazetteer.populated_places():
                if entry.country is not None and entry.feature is Feature.CITY:
                    key = (int(entry.lat // _GRID), int(entry.lon // _GRID))
                    self._cells.setdefault(key, []).append((entry.lat, entry.lon, entry.country))
        return self._cells
