"""The GDELT 2.0 event table layout: 61 tab-separated columns, so GDELT scripts read our events.

Differences, said plainly (docs/schema.md repeats them): country codes are ISO 3166-1
alpha-3 everywhere, also in the *Geo_CountryCode columns where GDELT uses FIPS 10-4;
ADM1Code is the country code for a country and "country-admin1 name" below it (we have no
FIPS admin codes), ADM2Code is empty; FeatureID is a GeoNames id; AvgTone is empty (not computed);
Actor1Geo/Actor2Geo are empty (we locate the action, not each actor). An event with several
participants is written once per pair of them, sharing its counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TextIO

from dateline.model import content_id
from dateline.query.filters import EventFilter
from dateline.store import Store

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_GEO_FIELDS = (
    "Type",
    "FullName",
    "CountryCode",
    "ADM1Code",
    "ADM2Code",
    "Lat",
    "Long",
    "FeatureID",
)

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC"})
# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1); by
# the event place's precision (a point is placed as finely as a city)
_GEO_TYPES: dict[str, tuple[int | None, int | None]] = {
    "country": (1, 1),
    "admin1": (2, 5),
    "city": (3, 4),
    "point": (3, 4),
}
_PRECISION_OF_FEATURE = {"country": "country", "admin1": "admin1", "admin2": "admin1",
                         "region": "admin1", "city": "city"}  # fmt: skip

_QUERY = """
SELECT e.*, s.date_added, s.source_url
FROM events e LEFT JOIN (
    SELECT m.event_id, min(a.ingested_at) AS date_added,
           arg_min(a.url, coalesce(a.published, CAST(a.ingested_at AS DATE)))
               FILTER (WHERE a.url IS NOT NULL) AS source_url
    FROM event_mentions m JOIN articles a ON a.id = m.article_id
    GROUP BY m.event_id
) s ON s.event_id = e.id
WHERE {condition}
ORDER BY e.date_start NULLS LAST, e.id
"""


def write_gdelt(
    store: Store, out: TextIO, where: EventFilter | None = None, *, header: bool = False
) -> int:
    """Write merged events as GDELT 2.0 event rows; return how many rows.

    GDELT's own files have no header line; ``header`` adds one with its column names.
    """
    condition, params = (where or EventFilter()).where_merged("e")
    relation = store.con.sql(_QUERY.format(condition=condition), params=params)
    if header:
        out.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for batch in relation.to_arrow_reader(5_000):
        for event in batch.to_pylist():
            for row in gdelt_rows(event):
                out.write("\t".join(_cell(row[c]) for c in GDELT_COLUMNS) + "\n")
                count += 1
    return count


def gdelt_rows(event: Mapping[str, Any]) -> Iterator[dict[str, object]]:
    """The GDELT rows of one merged event (as read from the ``events`` table)."""
    actors: Sequence[Mapping[str, Any] | None] = event["actor"] or []
    recipients: Sequence[Mapping[str, Any] | None] = event["recipient"] or []
    pairs: list[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]]
    if recipients:
        pairs = [(a, r) for a in actors or [None] for r in recipients]
    elif len(actors) > 1:  # a meeting with no host: every pair of participants
        pairs = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1 :]]
    else:
        pairs = [(actors[0] if actors else None, None)]
    common = _event_columns(event)
    for first, second in pairs:
        row = dict(common)
        row["GlobalEventID"] = int(content_id(event["id"], _code(first), _code(second))[:15], 16)
        row.update(_actor_columns("Actor1", first))
        row.update(_actor_columns("Actor2", second))
        yield row


def _code(actor: Mapping[str, Any] | None) -> str:
    return "" if actor is None else f"{actor['code']}{actor['sector'] or ''}"


def _event_columns(event: Mapping[str, Any]) -> dict[str, object]:
    day: date | None = event["date_start"] if event["date_precision"] == "day" else None
    day = day or event["first_seen"]
    cameo = event["cameo"] or ""
    added: datetime | None = event.get("date_added")
    columns: dict[str, object] = {
        "Day": day.strftime("%Y%m%d") if day else None,
        "MonthYear": day.strftime("%Y%m") if day else None,
        "Year": day.year if day else None,
        "FractionDate": round(day.year + day.timetuple().tm_yday / 365, 4) if day else None,
        "IsRootEvent": 1 if event["is_root"] else 0,
        "EventCode": cameo or None,
        "EventBaseCode": cameo[:3] or None,
        "EventRootCode": cameo[:2] or None,
        "QuadClass": event["quad_code"],
        "GoldsteinScale": event["score"],
        "NumMentions": event["num_mentions"],
        "NumSources": event["num_sources"],
        "NumArticles": event["num_articles"],
        "AvgTone": None,
        "DATEADDED": added.strftime("%Y%m%d%H%M%S") if added else None,
        "SOURCEURL": event.get("source_url"),
    }
    for prefix in ("Actor1Geo", "Actor2Geo"):
        columns.update({f"{prefix}_{f}": None for f in _GEO_FIELDS})
    columns.update(_geo_columns("ActionGeo", event["location"], event.get("location_precision")))
    return columns


def _actor_columns(prefix: str, actor: Mapping[str, Any] | None) -> dict[str, object]:
    columns: dict[str, object] = {f"{prefix}{f}": None for f in _ACTOR_FIELDS}
    if actor is None:
        return columns
    code, sector = actor["code"], actor["sector"]
    columns[f"{prefix}Code"] = f"{code}{sector or ''}"
    columns[f"{prefix}Name"] = (actor["name"] or "").upper() or None
    if code in NON_STATE:
        columns[f"{prefix}Type1Code"], columns[f"{prefix}Type2Code"] = code, sector
    else:
        columns[f"{prefix}CountryCode"], columns[f"{prefix}Type1Code"] = code, sector
    return columns


def _geo_columns(
    prefix: str, place: Mapping[str, Any] | None, precision: str | None = None
) -> dict[str, object]:
    columns: dict[str, object] = {f"{prefix}_{f}": None for f in _GEO_FIELDS}
    if place is None:
        return columns
    country = place["country"]
    # stores written before the precision was recorded: read it from the feature class
    precision = precision or _PRECISION_OF_FEATURE.get(place["feature"] or "")
    fallback = (4, 4) if place["lat"] is not None else (None, None)  # a point, or unresolved
    us, world = _GEO_TYPES.get(precision or "", fallback)
    parts = [p for p in (place["name"], place["admin1"], country) if p]
    if precision == "country":
        adm1 = country
    else:
        adm1 = f"{country}-{place['admin1']}" if country and place["admin1"] else None
    columns.update({
        f"{prefix}_Type": us if country == "USA" else world,
        f"{prefix}_FullName": ", ".join(dict.fromkeys(parts)) or None,
        f"{prefix}_CountryCode": country,
        f"{prefix}_ADM1Code": adm1,
        f"{prefix}_Lat": place["lat"],
        f"{prefix}_Long": place["lon"],
        f"{prefix}_FeatureID": place["geonameid"],
    })  # fmt: skip
    return columns


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")
