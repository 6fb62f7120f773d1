"""Questions about events: list merged events or their mentions, count a dyad over time.

Read-only; shared by the CLI and any web layer. Every function takes an open ``Store``.
"""

from __future__ import annotations

from typing import Literal

from dateline.errors import InputError
from dateline.query.filters import EventFilter, actor_code
from dateline.query.results import QueryResult
from dateline.store import Store

Period = Literal["day", "week", "month", "quarter", "year"]
PERIODS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")

# a list of participants as "SYR/GOV, TUR": shared with the web view's queries
PEOPLE_SQL = (
    "array_to_string(list_transform({0}, lambda x: x.code || coalesce('/' || x.sector, '')), ', ')"
)


def find_events(
    store: Store, where: EventFilter | None = None, limit: int | None = 100
) -> QueryResult:
    """Merged events (each real-world event once), newest first, with how widely reported."""
    condition, params = (where or EventFilter()).where_merged("e")
    query = f"""
        SELECT e.id, e.date, e.date_source, e.type AS event, e.cameo,
               {PEOPLE_SQL.format("e.actor")} AS actor,
               {PEOPLE_SQL.format("e.recipient")} AS recipient, e.location.name AS location,
               e.location.country AS country, e.location.lat AS lat, e.location.lon AS lon,
               e.location_precision, e.location_source, e.time_status AS status,
               (SELECT round(max(m.confidence), 2) FROM event_mentions m
                WHERE m.event_id = e.id) AS confidence,
               e.quad_code, e.score, e.num_mentions, e.num_articles, e.num_sources,
               e.first_seen, e.last_seen
        FROM events e WHERE {condition}
        ORDER BY e.date_start DESC NULLS LAST, e.num_mentions DESC, e.id
        {_limit(limit)}"""
    return _run(store, query, params)


def find_mentions(
    store: Store, where: EventFilter | None = None, limit: int | None = 100
) -> QueryResult:
    """Event mentions: each event as coded in each article, with the sentence it came from."""
    filters = where or EventFilter()
    condition, params = filters.where("m")
    if filters.min_mentions > 1:
        condition += " AND e.num_mentions >= $f_min_mentions"
        params["f_min_mentions"] = filters.min_mentions
    query = f"""
        SELECT m.event_id, m.id AS mention_id, m.article_id, a.outlet, a.published, m.date,
               m.date_source, m.type AS event, m.cameo, {PEOPLE_SQL.format("m.actor")} AS actor,
               {PEOPLE_SQL.format("m.recipient")} AS recipient, m.time_status,
               round(m.confidence, 2) AS confidence,
               m.location.name AS location, m.location.country AS country,
               m.location_precision, m.location_source,
               m.char_start, m.char_end, a.text[m.char_start + 1 : m.char_end] AS sentence
        FROM event_mentions m JOIN articles a ON a.id = m.article_id
        LEFT JOIN events e ON e.id = m.event_id
        WHERE {condition}
        ORDER BY m.date_start DESC NULLS LAST, m.article_id, m.idx
        {_limit(limit)}"""
    return _run(store, query, params)


def dyad_timeline(
    store: Store,
    first: str,
    second: str,
    *,
    by: str = "month",
    directed: bool = False,
    where: EventFilter | None = None,
    skip_empty: bool = False,
) -> QueryResult:
    """Events between two actors per period: counts per quad class and the mean score.

    Both directions unless ``directed`` (then only ``first`` acting on ``second``). A meeting
    coded with every participant as actor and no recipient counts for each pair in it.
    Periods with no event are listed with zero counts, so the series has no gaps, unless
    ``skip_empty``.
    """
    if by not in PERIODS:
        raise InputError(f"--by {by!r} is not a period; choose one of {', '.join(PERIODS)}")
    a, b = actor_code(first), actor_code(second, "second actor")
    if a == b:
        raise InputError(f"a dyad needs two different actors, not {a} twice")
    toward = (
        "(list_contains(e.actor_codes, {x}) AND (list_contains(e.recipient_codes, {y}) "
        "OR (len(e.recipient_codes) = 0 AND list_contains(e.actor_codes, {y}))))"
    )
    pair = toward.format(x="$a", y="$b")
    if not directed:
        pair = f"({pair} OR {toward.format(x='$b', y='$a')})"
    condition, params = (where or EventFilter()).where_merged("e")
    query = f"""
        WITH dyad AS (
            SELECT date_trunc('{by}', e.date_start)::DATE AS period, e.quad_code, e.score,
                   e.num_mentions
            FROM events e
            WHERE e.date_start IS NOT NULL AND {pair} AND {condition}
        ),
        periods AS (
            SELECT unnest(generate_series(min(period), max(period), INTERVAL 1 {by}))::DATE
                   AS period
            FROM dyad
        )
        SELECT p.period,
               count(d.quad_code) FILTER (WHERE d.quad_code = 1) AS verbal_cooperation,
               count(d.quad_code) FILTER (WHERE d.quad_code = 2) AS material_cooperation,
               count(d.quad_code) FILTER (WHERE d.quad_code = 3) AS verbal_conflict,
               count(d.quad_code) FILTER (WHERE d.quad_code = 4) AS material_conflict,
               count(d.period) AS events,
               coalesce(sum(d.num_mentions), 0) AS mentions,
               round(avg(d.score), 2) AS mean_score
        FROM periods p LEFT JOIN dyad d ON d.period = p.period
        GROUP BY p.period {"HAVING count(d.period) > 0" if skip_empty else ""}
        ORDER BY p.period"""
    relation = store.con.sql(query, params={"a": a, "b": b, **params})
    return QueryResult(tuple(relation.columns), relation.fetchall())


def _limit(limit: int | None) -> str:
    if limit is None or limit <= 0:
        return ""
    return f"LIMIT {int(limit)}"


def _run(store: Store, query: str, params: dict[str, object]) -> QueryResult:
    relation = store.con.sql(query, params=params)
    return QueryResult(tuple(relation.columns), relation.fetchall())
