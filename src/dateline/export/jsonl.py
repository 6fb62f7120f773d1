"""JSON Lines export: merged events, event mentions (the contract's event records), or articles.

``articles`` writes exactly what ``dateline extract --format jsonl`` printed for each article;
``mentions`` writes the contract's event record plus the article it came from.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from dateline.errors import InputError
from dateline.output import analysis_record, event_record, failure_record
from dateline.query.filters import EventFilter
from dateline.store import Store
from dateline.store.rows import event_from

_BATCH = 2_000


def write_jsonl(
    store: Store, out: TextIO, level: str = "events", where: EventFilter | None = None
) -> int:
    """Write one JSON object per line to ``out``; return how many."""
    records = {"events": event_records, "mentions": mention_records, "articles": article_records}
    if level not in records:
        raise InputError(f"JSON Lines export levels: {', '.join(records)}; not {level!r}")
    if level == "articles" and where is not None and where != EventFilter():
        raise InputError("filters apply to events and mentions, not to --level articles")
    count = 0
    for record in records[level](store, where):
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def event_records(store: Store, where: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Merged events: PLOVER fields, how widely reported, and where each mention is."""
    condition, params = (where or EventFilter()).where_merged("e")
    relation = store.con.sql(
        f"""SELECT e.* EXCLUDE (merge_key), coalesce(m.mentions, []) AS mentions
        FROM events e LEFT JOIN (
            SELECT event_id, list({{'article_id': article_id, 'id': id, 'start': char_start,
                                    'end': char_end}} ORDER BY article_id, idx) AS mentions
            FROM event_mentions GROUP BY event_id
        ) m ON m.event_id = e.id
        WHERE {condition} ORDER BY e.date_start NULLS LAST, e.id""",
        params=params,
    )
    for batch in relation.to_arrow_reader(_BATCH):
        for row in batch.to_pylist():
            yield _event_json(row)


def _event_json(row: dict[str, Any]) -> dict[str, Any]:
    first, last = row["first_seen"], row["last_seen"]
    return {
        "id": row["id"], "event": row["type"], "mode": row["mode"], "context": row["context"],
        "cameo": row["cameo"], "actor": row["actor"], "recipient": row["recipient"],
        "date": row["date"], "date_source": row["date_source"],
        "time_status": row["time_status"], "location": row["location"],
        "location_source": row["location_source"],
        "location_precision": row["location_precision"],
        "quad_code": row["quad_code"], "score": row["score"],
        "num_mentions": row["num_mentions"], "num_articles": row["num_articles"],
        "num_sources": row["num_sources"], "num_stories": row["num_stories"],
        "first_seen": first.isoformat() if first else None,
        "last_seen": last.isoformat() if last else None,
        "is_root": row["is_root"], "mentions": row["mentions"],
    }  # fmt: skip


def mention_records(store: Store, where: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """The contract's event record for every mention, with ``article_id`` and ``event_id``."""
    condition, params = (where or EventFilter()).where("m")
    relation = store.con.sql(
        f"""SELECT m.*, a.text AS article_text, a.published, a.source, a.url, a.outlet
        FROM event_mentions m JOIN articles a ON a.id = m.article_id WHERE {condition}
        ORDER BY m.date_start NULLS LAST, m.article_id, m.idx""",
        params=params,
    )
    for batch in relation.to_arrow_reader(_BATCH):
        for row in batch.to_pylist():
            record = event_record(event_from(row), row["article_text"])
            published = row["published"]
            record.update(
                article_id=row["article_id"], event_id=row["event_id"],
                published=published.isoformat() if published else None,
                source=row["source"], url=row["url"], outlet=row["outlet"],
            )  # fmt: skip
            yield record


def article_records(store: Store, where: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """The output contract's article objects, then one for each input that could not be read."""
    for analysis in store.iter_analyses():
        yield analysis_record(analysis)
    for failure in store.input_failures():
        yield failure_record(failure)
