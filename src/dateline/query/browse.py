"""Browsing the merged events: the finer filters, facet counts, sorting and pages of a web view.

Every value reaches DuckDB as a named parameter; column names and sort keys come from fixed
tables here, never from the caller's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateline.errors import InputError
from dateline.query.filters import ALL_STATUSES, EventFilter, actor_code, statuses
from dateline.query.results import QueryResult
from dateline.store import Store

_PARTY = re.compile(r"^\s*([A-Za-z]{3})\s*(?:/\s*([A-Za-z]{3}))?\s*$")

SORTS: dict[str, str] = {
    "date": "e.date_start", "type": "e.type", "quad": "e.quad_code", "score": "e.score",
    "mentions": "e.num_mentions", "sources": "e.num_sources", "country": "e.location.country",
}  # fmt: skip
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}  # fmt: skip
_PEOPLE = (
    "array_to_string(list_transform({0}, lambda x: x.code || coalesce('/' || x.sector, '')), ', ')"
)
COLUMNS = f"""
    e.id, e.date, e.type AS event, e.cameo, {_PEOPLE.format("e.actor")} AS actor,
    {_PEOPLE.format("e.recipient")} AS recipient, e.location.name AS place,
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
        mention = []
        if self.outlet:
            mention.append("a.outlet = $b_outlet")
            params["b_outlet"] = self.outlet
        if self.min_confidence is not None:
            mention.append("m.confidence >= $b_confidence")
            params["b_confidence"] = self.min_confidence
        if self.text:
            mention.append(
                "(a.text[m.char_start + 1 : m.char_end] ILIKE $b_text OR m.trigger ILIKE $b_text)"
            )
            params["b_text"] = "%" + self.text.replace("\\", "").replace("%", "") + "%"
        if mention:
            parts.append(
                "e.id IN (SELECT m.event_id FROM event_mentions m JOIN articles a "
                f"ON a.id = m.article_id WHERE {' AND '.join(mention)})"
            )
        return " AND ".join(parts), params


def page_of_events(
    store: Store, browse: Browse, *, sort: str = "date", descending: bool = True,
    page: int = 1, per_page: int = 50,
) -> tuple[QueryResult, int]:  # fmt: skip
    """One page of events matching ``browse``, and how many match in all."""
    if sort not in SORTS:
        raise InputError(f"sort {sort!r}: choose one of {', '.join(SORTS)}")
    page, per_page = max(1, page), min(max(1, per_page), 500)
    condition, params = browse.where()
    order = f"{SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, e.id"
    relation = store.con.sql(
        f"SELECT {COLUMNS} FROM events e WHERE {condition} ORDER BY {order} "
        f"LIMIT {per_page} OFFSET {(page - 1) * per_page}",
        params=params,
    )
    result = QueryResult(tuple(relation.columns), relation.fetchall())
    total = store.con.sql(f"SELECT count(*) FROM events e WHERE {condition}", params=params)
    return result, int(total.fetchall()[0][0])


def all_events(store: Store, browse: Browse, limit: int | None = None) -> QueryResult:
    """Every event matching ``browse`` (newest first), for a download or a map."""
    condition, params = browse.where()
    cap = f"LIMIT {int(limit)}" if limit else ""
    relation = store.con.sql(
        f"SELECT {COLUMNS} FROM events e WHERE {condition} "
        f"ORDER BY e.date_start DESC NULLS LAST, e.id {cap}",
        params=params,
    )
    return QueryResult(tuple(relation.columns), relation.fetchall())


_FACETS: dict[str, str] = {
    "type": "SELECT e.type AS value, count(*) AS n FROM events e WHERE {c} GROUP BY 1",
    "quad": "SELECT e.quad_code AS value, count(*) AS n FROM events e WHERE {c} GROUP BY 1",
    "status": "SELECT e.time_status AS value, count(*) AS n FROM events e WHERE {c} GROUP BY 1",
    "country": "SELECT e.location.country AS value, count(*) AS n FROM events e "
               "WHERE {c} AND e.location.country IS NOT NULL GROUP BY 1",
    "actor": "SELECT unnest(e.actor_codes) AS value, count(*) AS n FROM events e WHERE {c} "
             "GROUP BY 1",
}  # fmt: skip


def facets(store: Store, browse: Browse, top: int = 12) -> dict[str, list[tuple[Any, int]]]:
    """For each facet (type, quad, status, country, actor), its values among the matching
    events with their counts, most frequent first."""
    condition, params = browse.where()
    # the status facet shows every status, so the other statuses can be picked from it
    open_status = Browse(**{**_fields(browse), "status": "all"}).where()
    found: dict[str, list[tuple[Any, int]]] = {}
    for name, query in _FACETS.items():
        c, p = open_status if name == "status" else (condition, params)
        rows = store.con.sql(
            f"{query.format(c=c)} ORDER BY n DESC, value LIMIT {int(top)}", params=p
        ).fetchall()
        found[name] = [(value, int(n)) for value, n in rows]
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
