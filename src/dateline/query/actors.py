"""Who is most active: actors ranked by the merged events they take part in."""

from __future__ import annotations

from dateline.query.filters import EventFilter
from dateline.query.results import QueryResult
from dateline.store import Store


def top_actors(
    store: Store,
    where: EventFilter | None = None,
    limit: int | None = 20,
    *,
    by_sector: bool = False,
) -> QueryResult:
    """Actors by number of events, as actor or recipient, with quad-class shares and mean score.

    ``by_sector`` ranks code and sector pairs (TUR/GOV, TUR/MIL) instead of codes alone.
    """
    condition, params = (where or EventFilter()).where_merged("e")
    who = "p.code || coalesce('/' || p.sector, '')" if by_sector else "p.code"
    query = f"""
        WITH taking_part AS (
            SELECT unnest(e.actor) AS p, 'actor' AS role, e.* FROM events e WHERE {condition}
            UNION ALL
            SELECT unnest(e.recipient) AS p, 'recipient' AS role, e.* FROM events e
            WHERE {condition}
        )
        SELECT {who} AS actor,
               count(DISTINCT id) AS events,
               count(*) FILTER (WHERE role = 'actor') AS as_actor,
               count(*) FILTER (WHERE role = 'recipient') AS as_recipient,
               sum(num_mentions) AS mentions,
               count(DISTINCT id) FILTER (WHERE quad_code IN (1, 2)) AS cooperation,
               count(DISTINCT id) FILTER (WHERE quad_code IN (3, 4)) AS conflict,
               round(avg(score), 2) AS mean_score
        FROM taking_part
        WHERE p.code IS NOT NULL
        GROUP BY 1
        ORDER BY events DESC, mentions DESC, actor
        {f"LIMIT {int(limit)}" if limit and limit > 0 else ""}"""
    relation = store.con.sql(query, params=params)
    return QueryResult(tuple(relation.columns), relation.fetchall())
