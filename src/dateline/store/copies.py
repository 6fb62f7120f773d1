"""One story, many copies: a copy's event mentions join the events its story already has.

Two copies of one wire story report the same events in the same sentences, but their page
furniture can make the coder read a sentence differently: a wire tag it does not take for a
dateline ("MOSCOW/ANKARA (Reuters) —") turns the agency into a participant. A copy's mention
whose sentence is the story's sentence, with the same event type and factuality and one
set of participants within the other, is the same report: both take one merge key, and the
event counts both articles.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from dateline.store.rows import AnalysisRows, Row

# Share of distinct words two sentences must have in common (Jaccard) to be one sentence of
# one story: a copy's sentence differs by a dateline or a spelling, another sentence of the
# same story by most of its words.
SAME_SENTENCE = 0.6

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(slots=True)
class _Reported:
    """A mention already in the story: its event type, merge key and sentence words, and
    where it lives (a row of this batch, or a stored article's mention)."""

    type: str
    merge_key: str
    words: frozenset[str]
    row: Row | None = None
    stored: tuple[str, int] | None = None  # (article_id, idx)


def align_copies(con: duckdb.DuckDBPyConnection, rows: Sequence[AnalysisRows]) -> set[str]:
    """Give the mentions of one sentence in copies of one story one merge key.

    ``rows`` must carry their ``story_id`` already; stored articles of the same stories and
    the rows before each one in the batch are the earlier copies. Of two readings of one
    sentence the one with fewer participants gives the key (what one copy's furniture added
    is dropped), whichever copy came first, so the result does not depend on the order.
    Stored mentions that change key are updated. Returns the merge keys that mentions left,
    whose events must be merged again.
    """
    stories = {r.article["story_id"] for r in rows if r.article["story_id"] != r.article["id"]}
    if not stories:
        return set()
    pool = _stored_mentions(con, sorted(stories))
    left: set[str] = set()
    for r in rows:
        story = r.article["story_id"]
        if story not in stories:
            continue
        text = r.article["text"]
        mine = [_reported(m, text) for m in r.event_mentions]
        if story != r.article["id"]:
            for mention in mine:
                left |= _align(mention, pool[story])
        pool[story].extend(mine)
    updates = [(e.stored, e.merge_key) for p in pool.values() for e in p if e.stored is not None]
    _update_stored(con, updates)
    return left


def _stored_mentions(
    con: duckdb.DuckDBPyConnection, stories: list[str]
) -> dict[str, list[_Reported]]:
    con.register("_copy_stories", pa.table({"value": pa.array(stories, pa.string())}))
    try:
        found = con.sql(
            "SELECT a.story_id, m.type, m.merge_key, a.text[m.char_start + 1 : m.char_end], "
            "m.article_id, m.idx FROM event_mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE a.story_id IN (SELECT value FROM _copy_stories) ORDER BY a.id, m.idx"
        ).fetchall()
    finally:
        con.unregister("_copy_stories")
    pool: dict[str, list[_Reported]] = defaultdict(list)
    for story, kind, key, sentence, article_id, idx in found:
        pool[story].append(_Reported(kind, key, _words(sentence or ""), stored=(article_id, idx)))
    return pool


def _align(mention: _Reported, earlier: list[_Reported]) -> set[str]:
    """Join ``mention`` with the same sentence's mentions in ``earlier``; return keys left."""
    same = [
        e
        for e in earlier
        if e.type == mention.type
        and _compatible(mention.merge_key, e.merge_key)
        and _jaccard(mention.words, e.words) >= SAME_SENTENCE
    ]
    if not same:
        return set()
    best = max(same, key=lambda e: (_jaccard(mention.words, e.words), e.merge_key))
    if best.merge_key == mention.merge_key:
        return set()
    if len(_codes(mention.merge_key)) < len(_codes(best.merge_key)):
        keep, leave = mention.merge_key, best.merge_key
        for other in earlier:  # every mention of that event in the story's copies
            if other.merge_key == leave:
                _move(other, keep)
    else:
        keep, leave = best.merge_key, mention.merge_key
        _move(mention, keep)
    return {leave}


def _move(mention: _Reported, key: str) -> None:
    mention.merge_key = key
    if mention.row is not None:
        mention.row["merge_key"] = key


def _update_stored(
    con: duckdb.DuckDBPyConnection, updates: list[tuple[tuple[str, int], str]]
) -> None:
    if not updates:
        return
    con.register("_copy_keys", pa.table({
        "article_id": pa.array([u[0][0] for u in updates], pa.string()),
        "idx": pa.array([u[0][1] for u in updates], pa.int32()),
        "merge_key": pa.array([u[1] for u in updates], pa.string()),
    }))  # fmt: skip
    try:
        con.execute(
            "UPDATE event_mentions SET merge_key = k.merge_key FROM _copy_keys k "
            "WHERE event_mentions.article_id = k.article_id AND event_mentions.idx = k.idx "
            "AND event_mentions.merge_key <> k.merge_key"
        )
    finally:
        con.unregister("_copy_keys")


def _reported(mention: Row, text: str) -> _Reported:
    sentence = text[mention["char_start"] : mention["char_end"]]
    return _Reported(mention["type"], mention["merge_key"], _words(sentence), row=mention)


def _codes(key: str) -> set[str]:
    """The participant codes of a merge key (see ``merge.merge_key``)."""
    return {c for part in key.split("|")[1:3] for c in part.split(",") if c}


def _compatible(key: str, other: str) -> bool:
    """Same factuality, and one side's participants all among the other's: the copy read the
    same event, perhaps with a participant more or less (see ``merge.merge_key``)."""
    if key.split("|")[3] != other.split("|")[3]:
        return False
    codes, others = _codes(key), _codes(other)
    return codes <= others or others <= codes


def _words(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(sentence))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
