"""The offline gazetteer behind the places stage: place names -> GeoNames-derived entries.

The data is a read-only SQLite file built by ``scripts/build_gazetteer.py`` (GeoNames,
CC BY 4.0); opening it costs nothing and a lookup reads a few pages, so every process can
hold one without loading 200,000 places into memory.
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from importlib import resources
from pathlib import Path

from dateline.errors import SettingsError

DATA_FILE = "gazetteer.sqlite"
_CACHE_SIZE = 4096
_SCALE = 10_000  # coordinates are stored as integers of 1e-4 degree


class Feature(StrEnum):
    """What kind of place an entry is."""

    COUNTRY = "country"
    ADMIN1 = "admin1"  # state, province, governorate
    ADMIN2 = "admin2"  # county, district
    CITY = "city"  # any populated place
    REGION = "region"  # sea, macro-region, contested territory
    CONTINENT = "continent"


class NameKind(IntEnum):
    """How an entry is known by a name; lower is more certain."""

    MAIN = 0
    ALTERNATE = 1
    ABBREVIATION = 2  # "N.M.", "Calif.": only after a place name, never alone


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry, as found under one of its names."""

    id: int  # the GeoNames id, or a negative id for an entry GeoNames does not give us
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    lat: float
    lon: float
    population: int
    feature: Feature
    is_capital: bool
    kind: NameKind = NameKind.MAIN
    admin2: str | None = None  # the county or district a town lies in, where GeoNames says

    @property
    def geonameid(self) -> int | None:
        """The GeoNames id, where the entry has one."""
        return self.id if self.id > 0 else None

    @property
    def is_national(self) -> bool:
        """A country or a capital city: names that also stand for a government."""
        return self.feature is Feature.COUNTRY or self.is_capital


_LARGE_CITY = 100_000
_ABBREVIATED = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u02bc\u02bb.]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015/]+")


@functools.lru_cache(maxsize=65_536)
def normalise(name: str) -> str:
    """The lookup key of a name: accents, case, dots, dashes folded ("St. Louis": "saint louis")."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = _APOSTROPHES.sub("", folded).replace("&", " and ")
    words = _SEPARATORS.sub(" ", folded).split()
    return " ".join(_ABBREVIATED.get(word, word) for word in words)


class Gazetteer:
    """Read-only access to the shipped gazetteer, with a per-process cache of lookups."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or Path(str(resources.files("dateline") / "data" / "places" / DATA_FILE))
        if not self.path.is_file():
            raise SettingsError(
                f"gazetteer {self.path} is missing; rebuild it with scripts/build_gazetteer.py"
            )
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[Entry, ...]] = {}
        self._pid = -1
        self._connection = self._connect()

    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Every entry known by ``name`` (any spelling that normalises alike), largest first."""
        key = normalise(name)
        found = self._cache.get(key)
        if found is None:
            found = self._query(
                "SELECT p.id, p.name, p.country, p.admin1, p.lat, p.lon, p.population, "
                "p.feature, p.capital, n.kind, p.admin2 FROM name n JOIN place p ON p.id = n.place "
                "WHERE n.key = ? ORDER BY p.population DESC, p.id",
                (key,),
            )
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = found
        return found

    def prominent(self, name: str) -> list[Entry]:
        """The entries ``name`` is the main name of that a reader knows without context: a
        country, a capital, a province, a city of at least 100,000."""
        return [
            e
            for e in self.lookup(name)
            if e.kind is NameKind.MAIN
            and (
                e.is_national
                or e.feature is Feature.ADMIN1
                or (e.feature is Feature.CITY and e.population >= _LARGE_CITY)
            )
        ]

    def large_city(self, name: str) -> bool:
        """``name``, written as a name, is a city of at least 100,000: "Aleppo" in "Aleppo
        city", which the small model tags as an adjective, as it does "Syrian" in "Syrian
        city"."""
        found = self.prominent(name) if name.istitle() else []
        return any(e.feature is Feature.CITY for e in found)

    def lost_possessive(self, word: str) -> list[Entry]:
        """The prominent place a possessive names whose apostrophe the text lost ("Syrias
        Aleppo", "Aleppos western edges", in feeds stripped of punctuation); only for a word
        that is no name itself (the caller's first lookup)."""
        if " " in word or len(word) < 5 or not word.endswith("s") or not word[:-1].istitle():
            return []
        return self.prominent(word[:-1])

    def get(self, entry_id: int) -> Entry | None:
        """The entry with this id (a GeoNames id or one of ours), if any."""
        found = self._query(
            "SELECT id, name, country, admin1, lat, lon, population, feature, capital, 0, admin2 "
            "FROM place WHERE id = ?",
            (entry_id,),
        )
        return found[0] if found else None

    def country(self, code: str) -> Entry | None:
        """The country entry for an ISO 3166-1 alpha-3 code."""
        found = self._query(
            "SELECT id, name, country, admin1, lat, lon, population, feature, capital, 0, admin2 "
            "FROM place WHERE country = ? AND feature = ?",
            (code, Feature.COUNTRY.value),
        )
        return found[0] if found else None

    def populated_places(self) -> Iterator[Entry]:
        """Every populated place (for nearest-place searches in evaluation)."""
        yield from self._query(
            "SELECT id, name, country, admin1, lat, lon, population, feature, capital, 0, admin2 "
            "FROM place WHERE feature = ?",
            (Feature.CITY.value,),
        )

    def _connect(self) -> sqlite3.Connection:
        # one connection per process, shared by threads behind a lock (reads take
        # microseconds); a forked worker opens its own, as SQLite asks
        self._pid = os.getpid()
        uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def _query(self, sql: str, parameters: tuple[object, ...]) -> tuple[Entry, ...]:
        with self._lock:
            if self._pid != os.getpid():
                self._connection = self._connect()
            rows = self._connection.execute(sql, parameters).fetchall()
        return tuple(
            Entry(
                id=row[0],
                name=row[1],
                country=row[2],
                admin1=row[3],
                lat=row[4] / _SCALE,
                lon=row[5] / _SCALE,
                population=row[6],
                feature=Feature(row[7]),
                is_capital=bool(row[8]),
                kind=NameKind(row[9]),
                admin2=row[10],
            )
            for row in rows
        )


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, opened once per process."""
    return Gazetteer()
