"""GeoJSON export: the located events as a FeatureCollection of Points, for a map.

Each merged event whose place has coordinates is one Feature (RFC 7946: ``[lon, lat]``, WGS 84)
whose properties are its PLOVER fields, how widely it was reported, and its place's name,
country, precision and source. Events with no place are left out and counted.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from dateline.query.filters import EventFilter
from dateline.store import Store

_QUERY = """
SELECT e.* EXCLUDE (merge_key) FROM events e
WHERE {condition} AND e.location.lat IS NOT NULL AND e.location.lon IS NOT NULL
ORDER BY e.date_start NULLS LAST, e.id
"""
_BATCH = 2_000


def write_geojson(store: Store, out: TextIO, where: EventFilter | None = None) -> int:
    """Write the located events that ``where`` keeps as one FeatureCollection; return how
    many features. The collection is streamed, so the store's size does not bound memory."""
    condition, params = (where or EventFilter()).where_merged("e")
    relation = store.con.sql(_QUERY.format(condition=condition), params=params)
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for batch in relation.to_arrow_reader(_BATCH):
        for row in batch.to_pylist():
            out.write(",\n" if count else "\n")
            out.write(json.dumps(feature(row), ensure_ascii=False))
            count += 1
    out.write("\n]}\n")
    return count


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """The Feature of one row of the ``events`` table (its place must have coordinates)."""
    place = row["location"]
    first, last = row["first_seen"], row["last_seen"]
    return {
        "type": "Feature",
        "id": row["id"],
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": {
            "event": row["type"], "mode": row["mode"], "cameo": row["cameo"],
            "actor": [a["code"] for a in row["actor"] or ()],
            "recipient": [r["code"] for r in row["recipient"] or ()],
            "date": row["date"], "date_source": row["date_source"],
            "time_status": row["time_status"],
            "place": place["name"], "country": place["country"], "admin1": place["admin1"],
            "feature": place["feature"], "geonameid": place["geonameid"],
            "location_precision": row["location_precision"],
            "location_source": row["location_source"],
            "quad_code": row["quad_code"], "score": row["score"],
            "num_mentions": row["num_mentions"], "num_articles": row["num_articles"],
            "num_sources": row["num_sources"],
            "first_seen": first.isoformat() if first else None,
            "last_seen": last.isoformat() if last else None,
        },
    }  # fmt: skip
