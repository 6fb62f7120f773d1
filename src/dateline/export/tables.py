"""The flat shapes that CSV and Parquet exports share: merged events and event mentions."""

from __future__ import annotations

from typing import Literal

import duckdb

from dateline.query.filters import EventFilter

Level = Literal["events", "mentions", "articles"]
LEVELS: tuple[str, ...] = ("events", "mentions", "articles")

_WHO = (
    "array_to_string(list_transform({0}, lambda x: x.code || coalesce('/' || x.sector, '')), ';')"
)


def events_relation(
    con: duckdb.DuckDBPyConnection, where: EventFilter | None = None, *, nested: bool = False
) -> duckdb.DuckDBPyRelation:
    """One row per merged event. ``nested`` keeps lists and structs (Parquet); else flat text."""
    condition, params = (where or EventFilter()).where_merged("e")
    if nested:
        columns = "e.* EXCLUDE (merge_key)"
    else:
        columns = f"""e.id, e.date, e.date_start, e.date_precision, e.type AS event, e.mode,
            array_to_string(e.context, ';') AS context, e.cameo, e.quad_code, e.score,
            {_WHO.format("e.actor")} AS actor, array_to_string(e.actor_codes, ';') AS actor_codes,
            {_WHO.format("e.recipient")} AS recipient,
            array_to_string(e.recipient_codes, ';') AS recipient_codes, e.time_status,
            e.location.name AS location, e.location.country AS location_country,
            e.location.lat AS lat, e.location.lon AS lon, e.location_precision,
            e.location_source, e.date_source, e.num_mentions, e.num_articles,
            e.num_sources, e.num_stories, e.first_seen, e.last_seen, e.is_root"""
    query = f"""SELECT {columns}, year(e.date_start) AS year, month(e.date_start) AS month
        FROM events e WHERE {condition} ORDER BY e.date_start NULLS LAST, e.id"""
    return con.sql(query, params=params)


def mentions_relation(
    con: duckdb.DuckDBPyConnection, where: EventFilter | None = None, *, nested: bool = False
) -> duckdb.DuckDBPyRelation:
    """One row per event mention, with its article's outlet, date and sentence."""
    condition, params = (where or EventFilter()).where("m")
    if nested:
        columns = "m.* EXCLUDE (merge_key)"
    else:
        columns = f"""m.event_id, m.id, m.article_id, m.date, m.date_start, m.type AS event,
            m.mode, array_to_string(m.context, ';') AS context, m.cameo, m.quad_code, m.score,
            {_WHO.format("m.actor")} AS actor, {_WHO.format("m.recipient")} AS recipient,
            m.time_status, m.location.name AS location, m.location.country AS location_country,
            m.location.lat AS lat, m.location.lon AS lon, m.location_precision,
            m.location_source, m.date_source, m.char_start AS start,
            m.char_end AS "end", m.trigger, m.confidence, m.is_root"""
    query = f"""SELECT {columns}, a.outlet, a.published, a.url,
            a.text[m.char_start + 1 : m.char_end] AS sentence,
            year(m.date_start) AS year, month(m.date_start) AS month
        FROM event_mentions m JOIN articles a ON a.id = m.article_id
        WHERE {condition} ORDER BY m.date_start NULLS LAST, m.article_id, m.idx"""
    return con.sql(query, params=params)
