"""Browsing the merged events: the finer filters, facet counts, sorting and pages of a web view.

Every value reaches DuckDB as a named parameter; column names and sort keys come from fixed
tables here, never from the caller's text.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateline.codes import QUADS
from dateline.errors import InputError
from dateline.query.events import PEOPLE_SQL
from dateline.query.filters import ALL_STATUSES, EventFilter, actor_code, statuses
from dateline.query.results import QueryResult
from dateline.store import Store

_PARTY = re.compile(r"^\s*([A-Za-z]{3})\s*(?:/\s*([A-Za-z]{3}))?\s*$")

SORTS: dict[str, str] = {
    "date": "e.date_start", "type": "e.type", "quad": "e.quad_code", "score": "e.score",
    "mentions": "e.num_mentions", "sources": "e.num_sources", "country": "e.location.country",
}  # fmt: skip
COLUMNS = f"""
    e.id, e.date, e.type AS event, e.cameo, {PEOPLE_SQL.format("e.actor")} AS actor,
    {PEOPLE_SQL.format("e.recipient")} AS recipient, e.location.name AS place,
    e.location.country AS country, e.location.lat AS lat, e.location.lon AS lon,
    e.quad_code, e.score, e.time_status AS status, e.num_mentions, e.num_articles,
    e.num_sources, e.first_seen, e.last_seen"""


def party(value: str, what: str) -> tuple[str, str | None]:
    """Parse "SYR" or "SYR/GOV" (any case) into code and sector.

    Raises:
        InputError: not a three-letter code with an optional three-letter sector.
    """
    found = _PARTY.match(value)
    if not found:
        raise InputError(
            f"{what} {value!r}: expected a code like SYR or a code/sector like SYR/GOV"
        )
    code = actor_code(found.group(1), what)
    return code, found.group(2).upper() if found.group(2) else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Browse:
    """A browsing question: the shared filter plus sector, quad class, country, outlet,
    confidence and text; each part optional."""

    actor: str | None = None  # "SYR" or "SYR/GOV"
    recipient: str | None = None
    type: str | None = None
    quad: int | None = None
    status: str = "happened"
    country: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    min_confidence: float | None = None
    text: str | None = None
    _checked: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.quad is not None and self.quad not in QUADS:
            raise InputError(f"quad class {self.quad}: expected 1, 2, 3 or 4")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise InputError(f"confidence {self.min_confidence}: expected a number from 0 to 1")
        if self.country is not None:
            actor_code(self.country, "country")
        statuses(self.status)
        for name in ("actor", "recipient"):
            value = getattr(self, name)
            if value:
                self._checked[name] = party(value, name)

    def where(self) -> tuple[str, dict[str, object]]:
        """The SQL condition on the ``events`` table (alias ``e``) and its parameters."""
        base = EventFilter(
            actor=self._checked["actor"][0] if self.actor else None,
            recipient=self._checked["recipient"][0] if self.recipient else None,
            type=self.type or None, since=self.since, until=self.until,
            statuses=statuses(self.status),
        )  # fmt: skip
        condition, params = base.where_merged("e")
        parts = [condition]
        for role in ("actor", "recipient"):
            if getattr(self, role) and self._checked[role][1]:
                parts.append(f"list_contains(list_transform(e.{role}, lambda x: x.code || '/' || "
                             f"coalesce(x.sector, '')), $b_{role})")  # fmt: skip
                params[f"b_{role}"] = "/".join(self._checked[role])
        if self.quad is not None:
            parts.append("e.quad_code = $b_quad")
            params["b_quad"] = self.quad
        if self.country:
            parts.append("e.location.country = $b_country")
            params["b_country"] = self.country.strip().upper()
        if self._by_mentions() is not None:
            if "event_ids" not in self._checked:
                raise ValueError("call resolve(store) before where() with mention filters")
            parts.append(f"e.id IN (SELECT event_id FROM {self._checked['event_ids']})")
        return " AND ".join(parts), params

    def _by_mentions(self) -> tuple[str, dict[str, object]] | None:
        """The query for the ids of events with a mention of this outlet, confidence or
        text, or None when none of them is asked."""
        if not (self.outlet or self.min_confidence is not None or self.text):
            return None
        articles, mentions = ["TRUE"], ["TRUE"]
        params: dict[str, object] = {}
        if self.outlet:
            articles.append("outlet = $b_outlet")
            params["b_outlet"] = self.outlet
        if self.text:
            # the article must hold the words before its sentences are cut out and searched
            articles.append("text ILIKE $b_text")
            mentions.append("substr(a.text, m.char_start + 1, m.char_end - m.char_start) "
                            "ILIKE $b_text")  # fmt: skip
            params["b_text"] = "%" + self.text.replace("\\", "").replace("%", "") + "%"
        if self.min_confidence is not None:
            mentions.append("m.confidence >= $b_confidence")
            params["b_confidence"] = self.min_confidence
        query = (
            "SELECT DISTINCT m.event_id FROM event_mentions m JOIN (SELECT id, text FROM "
            f"articles WHERE {' AND '.join(articles)}) a ON a.id = m.article_id "
            f"WHERE m.event_id IS NOT NULL AND {' AND '.join(mentions)}"
        )
        return query, params

    def resolve(self, store: Store) -> Browse:
        """Find the events the mention filters (outlet, confidence, text) allow, once, so the
        page, its count and its facets do not search the articles again."""
        found = self._by_mentions()
        if found is not None and "event_ids" not in self._checked:
            query, params = found
            ids = store.con.sql(query, params=params).to_arrow_table()
            # registered on this cursor under a name of ours: the conditions join it by name
            name = f"_matched_{uuid.uuid4().hex}"
            store.con.register(name, ids)
            self._checked["event_ids"] = name
        return self


def page_of_events(
    store: Store, browse: Browse, *, sort: str = "date", descending: bool = True,
    page: int = 1, per_page: int = 50,
) -> tuple[QueryResult, int]:  # fmt: skip
    """One page of events matching ``browse``, and how many match in all."""
    if sort not in SORTS:
        raise InputError(f"sort {sort!r}: choose one of {', '.join(SORTS)}")
    page, per_page = max(1, page), min(max(1, per_page), 500)
    condition, params = browse.resolve(store).where()
    order = f"{SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, e.id"
    relation = store.con.sql(
        f"SELECT {COLUMNS} FROM events e WHERE {condition} ORDER BY {order} "
        f"LIMIT {per_page} OFFSET {(page - 1) * per_page}",
        params=params,
    )
    result = QueryResult(tuple(relation.columns), relation.fetchall())
    # counted apart: a window count would build every matching row's columns first
    total = store.con.sql(f"SELECT count(*) FROM events e WHERE {condition}", params=params)
    return result, int(total.fetchall()[0][0])


def all_events(store: Store, browse: Browse, limit: int | None = None) -> QueryResult:
    """Every event matching ``browse`` (newest first), for a download or a map."""
    condition, params = browse.resolve(store).where()
    cap = f"LIMIT {int(limit)}" if limit else ""
    relation = store.con.sql(
        f"SELECT {COLUMNS} FROM events e WHERE {condition} "
        f"ORDER BY e.date_start DESC NULLS LAST, e.id {cap}",
        params=params,
    )
    return QueryResult(tuple(relation.columns), relation.fetchall())


_FACETS: dict[str, str] = {
    "type": "type", "quad": "quad_code", "status": "time_status", "country": "country",
    "actor": "actor_code",
}  # fmt: skip


def facets(store: Store, browse: Browse, top: int = 12) -> dict[str, list[tuple[Any, int]]]:
    """For each facet (type, quad, status, country, actor), its values among the matching
    events with their counts, most frequent first; the status facet counts every status,
    so another can be picked from it. One scan of the events for all of them."""
    browse.resolve(store)
    every_status = Browse(**{**_fields(browse), "status": "all"})
    every_status._checked.update(browse._checked)
    condition, params = every_status.where()
    chosen = statuses(browse.status)
    params["b_shown"] = list(chosen) if chosen is not None else list(ALL_STATUSES)
    counts = " UNION ALL ".join(
        f"(SELECT '{name}' AS facet, {column}::VARCHAR AS value, count(*) AS n "
        f"FROM {'actors' if name == 'actor' else 'matched'} "
        f"WHERE {'TRUE' if name == 'status' else 'shown'} AND {column} IS NOT NULL "
        f"GROUP BY 2 ORDER BY n DESC, value LIMIT {int(top)})"
        for name, column in _FACETS.items()
    )
    rows = store.con.sql(
        "WITH matched AS MATERIALIZED (SELECT e.type, e.quad_code, e.time_status, "
        "e.location.country AS country, e.actor_codes, "
        "list_contains($b_shown, e.time_status) AS shown "
        f"FROM events e WHERE {condition}), "
        "actors AS (SELECT unnest(actor_codes) AS actor_code, shown FROM matched) "
        f"{counts}",
        params=params,
    ).fetchall()
    found: dict[str, list[tuple[Any, int]]] = {name: [] for name in _FACETS}
    for facet, value, n in rows:
        found[facet].append((int(value) if facet == "quad" else value, int(n)))
    for values in found.values():
        values.sort(key=lambda item: (-item[1], str(item[0])))
    return found


def _fields(browse: Browse) -> dict[str, Any]:
    names = ("actor", "recipient", "type", "quad", "status", "country", "since", "until",
             "outlet", "min_confidence", "text")  # fmt: skip
    return {name: getattr(browse, name) for name in names}


def outlets(store: Store) -> list[str]:
    """Every outlet in the store, for a filter's choices."""
    rows = store.con.sql(
        "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY 1 LIMIT 500"
    )
    return [row[0] for row in rows.fetchall()]


STATUS_CHOICES: tuple[str, ...] = ("happened", "all", *ALL_STATUSES)
