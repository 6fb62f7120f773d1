"""Choosing among homonyms: which "Tripoli" an article means, from the gazetteer and context.

Each reading of a name scores its size (log population, a bonus for countries and capitals,
a lesser standing for counties) plus what the article says: the dateline's country, the
countries of its actors and of its unambiguous places, the states and counties it names,
towns it names for certain within 50 km, and a qualifier written after the name ("Moscow,
Idaho"). The best score wins; every mention of a name in an article gets the same
reading.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dateline.stages.gazetteer import Entry, Feature, NameKind

# Scores are in powers of ten of population, so a bonus of 1.0 outweighs a tenfold size.
_FEATURE_BONUS = {
    Feature.COUNTRY: 1.0,
    Feature.CONTINENT: 0.0,
    Feature.REGION: 0.0,
    Feature.ADMIN1: 0.0,
    Feature.ADMIN2: -0.5,  # summed from its towns and named far less often than they are
    Feature.CITY: 0.0,
}
_CAPITAL_BONUS = 1.0
_ALTERNATE_PENALTY = 1.5  # a foreign or old name of a place is weaker than another's own name
_DATELINE_BONUS = 2.0
_COUNTRY_SHARE_BONUS = 2.0  # times the share of the article's mentions in that country
PLACE_WEIGHT = 1.0
ACTOR_WEIGHT = 0.5
_DIVISION_BONUS = 1.0
_COUNTY_BONUS = 1.0
_NEAR_BONUS = 1.0
_NEAR_KM = 50.0
_NEAR_DEGREES = _NEAR_KM / 111.0  # of latitude
_QUALIFIER_BONUS = 4.0  # "Paris, Texas": near-certain
# A reading whose lead over the next is at least this is used as context for the others.
CONFIDENT_MARGIN = 1.0
# A division is taken for the city of the same name inside it: "Aleppo", "Moscow", "New
# York" name the city. Towns are not filed under second-order divisions, so for those (and
# for cities filed under another spelling) a town this close to the centre counts as inside.
_SAME_NAME_KM = 150.0
DIVISIONS = frozenset({Feature.ADMIN1, Feature.ADMIN2})
_SHADOW_SHARE = 0.1


@dataclass(slots=True)
class Context:
    """What an article says about where it is: countries, divisions and places it names."""

    dateline_country: str | None = None
    countries: dict[str, float] = field(default_factory=dict)  # weighted mentions
    divisions: set[tuple[str | None, str]] = field(default_factory=set)  # (country, admin1)
    counties: set[tuple[str | None, str]] = field(default_factory=set)  # (country, admin2)
    points: list[tuple[int, float, float]] = field(default_factory=list)  # id, lat, lon

    def add(self, entry: Entry) -> None:
        """Count a confidently resolved place as evidence about the article."""
        if entry.country is not None:
            self.countries[entry.country] = self.countries.get(entry.country, 0.0) + PLACE_WEIGHT
        if entry.feature is Feature.ADMIN1:
            self.divisions.add((entry.country, entry.name))
        elif entry.feature is Feature.ADMIN2:
            self.counties.add((entry.country, entry.name))
        if entry.feature is Feature.CITY:
            if entry.admin1 is not None:
                self.divisions.add((entry.country, entry.admin1))
            if entry.admin2 is not None:
                self.counties.add((entry.country, entry.admin2))
        if entry.feature in (Feature.CITY, Feature.ADMIN2):
            self.points.append((entry.id, entry.lat, entry.lon))

    def add_country(self, code: str) -> None:
        """Count an actor or demonym of a country ("Syrian", "the U.S. envoy"): weaker
        evidence than a place, as an article names foreign actors far more than places."""
        self.countries[code] = self.countries.get(code, 0.0) + ACTOR_WEIGHT

    def share(self, country: str | None, own: float = 0.0) -> float:
        """The share of the article's located mentions that lie in ``country``, leaving
        out ``own`` mentions in it (the name being judged, counted already)."""
        total = sum(self.countries.values()) - own
        if country is None or total <= 0:
            return 0.0
        return max(0.0, self.countries.get(country, 0.0) - own) / total

    def near(self, entry: Entry) -> bool:
        """True if another place the article names for certain lies within reach: the
        towns of a local story cluster ("Dewsbury", "Thornhill", "Overton")."""
        return any(
            other != entry.id
            and abs(lat - entry.lat) <= _NEAR_DEGREES  # a cheap test before the true one
            and distance_km(entry.lat, entry.lon, lat, lon) <= _NEAR_KM
            for other, lat, lon in self.points
        )


def prior(entry: Entry) -> float:
    """How likely a reading is before context: size, national standing, name kind."""
    score = math.log10(entry.population + 10) + _FEATURE_BONUS[entry.feature]
    if entry.is_capital:
        score += _CAPITAL_BONUS
    if entry.kind is NameKind.ALTERNATE:
        score -= _ALTERNATE_PENALTY
    return score


def readings(
    entries: Iterable[Entry], *, division_named: bool = False, abbreviations: bool = False
) -> list[Entry]:
    """The plausible readings of a name, without shadowed divisions.

    ``division_named`` is set when the text says "province", "state", "county" after the
    name: then a division is meant, not its city. Abbreviations ("N.M.") are readings only
    where they qualify a place name (``abbreviations``).
    """
    found = [e for e in entries if abbreviations or e.kind is not NameKind.ABBREVIATION]
    if division_named:
        divisions = [e for e in found if e.feature in DIVISIONS]
        return divisions or found
    cities = [e for e in found if e.feature is Feature.CITY]
    return [e for e in found if e.feature not in DIVISIONS or not _shadowed(e, cities)]


def _shadowed(division: Entry, cities: Sequence[Entry]) -> bool:
    """True if a city of the same name lies in the division (or near its centre). A town
    found under another of its names must be a large part of it: "New York" is the city,
    but "Maryland" is the state, not the town of Maryland City in it."""
    for city in cities:
        if city.country != division.country:
            continue
        if city.kind is not NameKind.MAIN and city.population < _SHADOW_SHARE * division.population:
            continue
        if division.feature is Feature.ADMIN1 and city.admin1 == division.name:
            return True
        if distance_km(city.lat, city.lon, division.lat, division.lon) <= _SAME_NAME_KM:
            return True
    return False


def score(entry: Entry, context: Context, qualifiers: Sequence[Entry] = ()) -> float:
    """A reading's score in an article: its prior plus what the article says."""
    total = prior(entry)
    if entry.country is not None and entry.country == context.dateline_country:
        total += _DATELINE_BONUS
    total += _COUNTRY_SHARE_BONUS * context.share(entry.country)
    if entry.admin1 is not None and (entry.country, entry.admin1) in context.divisions:
        total += _DIVISION_BONUS
    if entry.admin2 is not None and (entry.country, entry.admin2) in context.counties:
        total += _COUNTY_BONUS
    if entry.feature is Feature.CITY and context.near(entry):
        total += _NEAR_BONUS
    if any(contains(q, entry) for q in qualifiers):
        total += _QUALIFIER_BONUS
    return total


def contains(container: Entry, entry: Entry) -> bool:
    """True if ``entry`` lies in ``container`` (a country or a division)."""
    if entry.country != container.country or entry.id == container.id:
        return False
    if container.feature is Feature.COUNTRY:
        return True
    if container.feature is Feature.ADMIN1:
        return entry.admin1 == container.name
    if container.feature is Feature.ADMIN2:
        # divisions below the first are not recorded for each town: near enough is inside
        return distance_km(entry.lat, entry.lon, container.lat, container.lon) <= _SAME_NAME_KM
    return False


def best(
    entries: Sequence[Entry], context: Context, qualifiers: Sequence[Entry] = ()
) -> tuple[Entry | None, float]:
    """The best reading and its lead over the runner-up (infinite when it has none)."""
    if not entries:
        return None, 0.0
    if len(entries) == 1:
        return entries[0], math.inf
    scored = sorted((-score(e, context, qualifiers), e.id, e) for e in entries)
    return scored[0][2], scored[1][0] - scored[0][0]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
