"""One story, many copies: a copy's event mentions join the events its story already has.

Two copies of one wire story report the same events in the same sentences, but their page
furniture can make the coder read a sentence differently: a wire tag it does not take for a
dateline ("MOSCOW/ANKARA (Reuters) —") turns the agency into a participant. A copy's mention
whose sentence is the story's sentence, with the same event type and factuality and one
set of participants within the other, is the same report, so it takes that mention's merge
key, and the event counts both articles.
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


@dataclass(frozen=True, slots=True)
class _Reported:
    """A mention already in the story: its event type, merge key and sentence words."""

    type: str
    merge_key: str
    words: frozenset[str]


def align_copies(con: duckdb.DuckDBPyConnection, rows: Sequence[AnalysisRows]) -> int:
    """Give each copy's mentions the merge keys of the same sentences earlier in its story.

    ``rows`` must carry their ``story_id`` already; stored articles of the same stories and
    the rows before each one in the batch are the earlier copies. Returns how many mentions
    took another key.
    """
    stories = {r.article["story_id"] for r in rows if r.article["story_id"] != r.article["id"]}
    if not stories:
        return 0
    pool = _stored_mentions(con, sorted(stories))
    changed = 0
    for r in rows:
        story = r.article["story_id"]
        text = r.article["text"]
        if story in stories and story != r.article["id"]:
            changed += _align(r, text, pool[story])
        if story in stories:
            pool[story].extend(_reported(m, text) for m in r.event_mentions)
    return changed


def _stored_mentions(
    con: duckdb.DuckDBPyConnection, stories: list[str]
) -> dict[str, list[_Reported]]:
    con.register("_copy_stories", pa.table({"value": pa.array(stories, pa.string())}))
    try:
        found = con.sql(
            "SELECT a.story_id, m.type, m.merge_key, a.text[m.char_start + 1 : m.char_end] "
            "FROM event_mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE a.story_id IN (SELECT value FROM _copy_stories) ORDER BY a.id, m.idx"
        ).fetchall()
    finally:
        con.unregister("_copy_stories")
    pool: dict[str, list[_Reported]] = defaultdict(list)
    for story, kind, key, sentence in found:
        pool[story].append(_Reported(kind, key, _words(sentence or "")))
    return pool


def _align(rows: AnalysisRows, text: str, earlier: list[_Reported]) -> int:
    changed = 0
    taken: set[str] = set()
    for mention in rows.event_mentions:
        words = _words(text[mention["char_start"] : mention["char_end"]])
        key = mention["merge_key"]
        same = [
            (_jaccard(words, e.words), e.merge_key)
            for e in earlier
            if e.type == mention["type"]
            and _compatible(key, e.merge_key)
            and _jaccard(words, e.words) >= SAME_SENTENCE
        ]
        if not same or any(other == key for _, other in same):
            continue  # no such sentence, or it already joins that sentence's event
        free = [(score, other) for score, other in same if other not in taken] or same
        _, adopted = max(free)
        mention["merge_key"] = adopted
        taken.add(adopted)
        changed += 1
    return changed


def _compatible(key: str, other: str) -> bool:
    """Same factuality, and one side's participants all among the other's: the copy read the
    same event, perhaps with a participant more or less (see ``merge.merge_key``)."""
    mine, theirs = key.split("|"), other.split("|")
    if mine[3] != theirs[3]:
        return False
    codes = {c for part in mine[1:3] for c in part.split(",") if c}
    others = {c for part in theirs[1:3] for c in part.split(",") if c}
    return codes <= others or others <= codes


def _reported(mention: Row, text: str) -> _Reported:
    sentence = text[mention["char_start"] : mention["char_end"]]
    return _Reported(mention["type"], mention["merge_key"], _words(sentence))


def _words(sentence: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(sentence))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
