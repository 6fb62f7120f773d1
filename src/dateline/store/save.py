"""Writing one batch inside the caller's transaction: replace rows, link copies, merge events.

Rows go in as Arrow tables (DuckDB's fast path); the near-duplicate lookup and the event
merge touch only the LSH bands and merge keys that the batch brings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from dateline.dedupe import (
    NEAR_DUPLICATE_JACCARD,
    band_hashes,
    estimate_jaccard,
    signature,
    story_body,
)
from dateline.dedupe.minhash import Signature
from dateline.model import Analysis, Failure
from dateline.store.copies import align_copies
from dateline.store.merge import MergeMention, merge_events
from dateline.store.rows import AnalysisRows, Row, analysis_rows, failure_row

_CHILDREN = ("actors", "places", "times", "quotes", "event_mentions")


@dataclass(frozen=True, slots=True)
class SaveReport:
    """What one batch wrote."""

    articles: int = 0
    input_failures: int = 0
    stage_failures: int = 0
    mentions: int = 0
    events: int = 0  # merged events rewritten because the batch touched them
    copies: int = 0  # articles recognised as near-duplicates of a stored story


def save_batch(
    con: duckdb.DuckDBPyConnection,
    schemas: Mapping[str, pa.Schema],
    results: Sequence[Analysis | Failure],
    run_id: str | None,
    now: datetime,
) -> SaveReport:
    """Write ``results`` with ``con`` inside an open transaction (the caller commits)."""
    latest: dict[str, Analysis] = {}
    for result in results:
        if isinstance(result, Analysis):
            latest[result.article.id] = result  # the same article twice in a batch: keep the last
    rows = [analysis_rows(a) for a in latest.values()]
    input_failures = [failure_row(r) for r in results if isinstance(r, Failure)]
    writer = _Writer(con, schemas)
    ids = list(latest)
    old_keys = writer.replace(ids, [r.article["origin"] for r in rows])
    copies = _link_copies(writer, rows, now, run_id)
    left = align_copies(con, rows)  # merge keys that copies' mentions moved away from
    for table in _CHILDREN:
        writer.insert(table, [row for r in rows for row in getattr(r, table)])
    stage_failures = [row for r in rows for row in r.failures]
    for row in (*stage_failures, *input_failures):
        row.update(run_id=run_id, created_at=now)
    fresh = {row["id"]: row for row in (*stage_failures, *input_failures)}
    writer.delete_where_in("failures", "id", list(fresh))
    writer.insert("failures", list(fresh.values()))
    keys = old_keys | left | {m["merge_key"] for r in rows for m in r.event_mentions}
    events = _remerge(writer, keys)
    return SaveReport(
        articles=len(rows),
        input_failures=len(input_failures),
        stage_failures=len(stage_failures),
        mentions=sum(len(r.event_mentions) for r in rows),
        events=events,
        copies=copies,
    )


class _Writer:
    """Arrow-batch inserts and deletes keyed by a registered list of values."""

    def __init__(self, con: duckdb.DuckDBPyConnection, schemas: Mapping[str, pa.Schema]) -> None:
        self.con = con
        self.schemas = schemas

    def insert(self, table: str, rows: list[Row]) -> None:
        if not rows:
            return
        batch = pa.Table.from_pylist(rows, schema=self.schemas[table])
        self.con.register("_batch_rows", batch)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch_rows")
        finally:
            self.con.unregister("_batch_rows")

    def with_values(self, name: str, values: Iterable[object], kind: pa.DataType) -> None:
        self.con.register(name, pa.table({"value": pa.array(list(values), kind)}))

    def delete_where_in(self, table: str, column: str, values: list[str]) -> None:
        if not values:
            return
        self.with_values("_delete_keys", values, pa.string())
        try:
            self.con.execute(
                f"DELETE FROM {table} WHERE {column} IN (SELECT value FROM _delete_keys)"
            )
        finally:
            self.con.unregister("_delete_keys")

    def replace(self, ids: list[str], origins: list[str]) -> set[str]:
        """Remove what is stored for these articles; return the merge keys they touched."""
        if not ids:
            return set()
        self.with_values("_replaced", ids, pa.string())
        try:
            keys = {
                row[0]
                for row in self.con.sql(
                    "SELECT DISTINCT merge_key FROM event_mentions "
                    "WHERE article_id IN (SELECT value FROM _replaced)"
                ).fetchall()
            }
        finally:
            self.con.unregister("_replaced")
        for table in (*_CHILDREN, "article_bands", "failures"):
            self.delete_where_in(table, "article_id", ids)
        self.delete_where_in("articles", "id", ids)
        # an input that failed before and reads now: its old failure is resolved
        self.with_values("_origins", origins, pa.string())
        try:
            self.con.execute(
                "DELETE FROM failures WHERE article_id IS NULL "
                "AND origin IN (SELECT value FROM _origins)"
            )
        finally:
            self.con.unregister("_origins")
        return keys


def _link_copies(
    writer: _Writer, rows: list[AnalysisRows], now: datetime, run_id: str | None
) -> int:
    """Insert the article rows, each pointing at the story it is a near-duplicate of (or itself)."""
    # compared without page furniture and dateline, which differ from copy to copy
    signatures = {r.article["id"]: signature(story_body(r.article["text"])) for r in rows}
    bands = {aid: band_hashes(sig) for aid, sig in signatures.items()}
    writer.con.register(
        "_batch_bands",
        pa.table({
            "band_hash": pa.array([h for hs in bands.values() for h in hs], pa.uint64()),
            "article_id": pa.array([a for a, hs in bands.items() for _ in hs], pa.string()),
        }),
    )  # fmt: skip
    try:
        stored = writer.con.sql(
            "SELECT DISTINCT n.article_id, a.id, a.story_id, a.minhash FROM _batch_bands n "
            "JOIN article_bands b ON b.band_hash = n.band_hash "
            "JOIN articles a ON a.id = b.article_id"
        ).fetchall()
    finally:
        writer.con.unregister("_batch_bands")
    candidates: dict[str, list[tuple[str, str, Signature]]] = defaultdict(list)
    for new_id, old_id, story_id, minhash in stored:
        candidates[new_id].append((old_id, story_id, np.array(minhash, dtype=np.uint32)))
    seen_bands: dict[int, list[str]] = defaultdict(list)
    stories: dict[str, str] = {}
    copies = 0
    for r in rows:
        aid = r.article["id"]
        sig = signatures[aid]
        pool = list(candidates[aid])
        earlier = {other for h in bands[aid] for other in seen_bands[h]}
        pool.extend((other, stories[other], signatures[other]) for other in sorted(earlier))
        best = max(
            ((estimate_jaccard(sig, s), -ord_key(story), story) for _, story, s in pool),
            default=None,
        )
        if best is not None and best[0] >= NEAR_DUPLICATE_JACCARD and best[2] != aid:
            stories[aid], similarity = best[2], best[0]
            copies += 1
        else:
            stories[aid], similarity = aid, None
        for h in bands[aid]:
            seen_bands[h].append(aid)
        r.article.update(
            run_id=run_id, ingested_at=now, story_id=stories[aid], similarity=similarity,
            minhash=sig.tolist(),
        )  # fmt: skip
    writer.insert("articles", [r.article for r in rows])
    writer.insert(
        "article_bands",
        [{"band_hash": h, "article_id": aid} for aid, hs in bands.items() for h in hs],
    )
    return copies


def ord_key(story: str) -> int:
    """A number that orders story ids, so ties between equally similar stories are stable."""
    return int.from_bytes(story.encode("utf-8")[:8].ljust(8, b"\0"), "big")


_MERGE_QUERY = """
SELECT m.article_id, m.idx, m.merge_key, m.date, m.date_precision, m.type, m.mode, m.context,
       m.cameo, m.quad_code, m.score, m.actor, m.recipient, m.time_status, m.location,
       m.is_root, m.location_source, m.location_precision, m.date_source,
       coalesce(a.outlet, 'article:' || a.id) AS outlet, a.story_id,
       coalesce(CASE WHEN m.date_precision IS NOT NULL THEN m.date_start END, a.published) AS day,
       coalesce(a.published, CAST(a.ingested_at AS DATE)) AS seen
FROM event_mentions m JOIN articles a ON a.id = m.article_id
WHERE m.merge_key IN (SELECT value FROM _merge_keys)
"""


def _remerge(writer: _Writer, keys: set[str]) -> int:
    """Rebuild the merged events of every merge key the batch touched; return how many."""
    if not keys:
        return 0
    writer.with_values("_merge_keys", sorted(keys), pa.string())
    try:
        rows = writer.con.sql(_MERGE_QUERY).to_arrow_table().to_pylist()
        writer.con.execute("DELETE FROM events WHERE merge_key IN (SELECT value FROM _merge_keys)")
    finally:
        writer.con.unregister("_merge_keys")
    merged = merge_events([_merge_mention(row) for row in rows])
    writer.insert("events", [dict(event.row) for event in merged])
    assignments = pa.table({
        "article_id": pa.array([a for e in merged for a, _ in e.members], pa.string()),
        "idx": pa.array([i for e in merged for _, i in e.members], pa.int32()),
        "event_id": pa.array([e.row["id"] for e in merged for _ in e.members], pa.string()),
    })  # fmt: skip
    writer.con.register("_assignments", assignments)
    try:
        writer.con.execute(
            "UPDATE event_mentions SET event_id = s.event_id FROM _assignments s "
            "WHERE event_mentions.article_id = s.article_id AND event_mentions.idx = s.idx"
        )
    finally:
        writer.con.unregister("_assignments")
    return len(merged)


def _participants(structs: Sequence[Mapping[str, Any]] | None) -> tuple[tuple[str, Any, Any], ...]:
    return tuple((s["code"], s["sector"], s["name"]) for s in structs or () if s["code"])


def _merge_mention(row: Mapping[str, Any]) -> MergeMention:
    day: date | None = row["day"]
    return MergeMention(
        article_id=row["article_id"], idx=row["idx"], merge_key=row["merge_key"], day=day,
        coded_date=row["date"], date_precision=row["date_precision"], type=row["type"],
        mode=row["mode"], context=tuple(row["context"] or ()), cameo=row["cameo"],
        quad_code=row["quad_code"], score=row["score"],
        actors=_participants(row["actor"]), recipients=_participants(row["recipient"]),
        time_status=row["time_status"], location=row["location"], seen=row["seen"],
        outlet=row["outlet"], story_id=row["story_id"], is_root=row["is_root"],
        location_source=row["location_source"], location_precision=row["location_precision"],
        date_source=row["date_source"],
    )  # fmt: skip
