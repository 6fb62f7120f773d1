"""An analyst's corrections as gold sentences, and the store's events scored against them.

A sentence becomes gold when some event mention in it was judged. Its gold events are the
mentions judged right, with the analyst's fixes applied (type, actor, recipient, status,
date, place) and the machine's spans kept where the fix does not change them; a mention
judged wrong is no gold event. The sentence is ``complete`` only when every mention the
machine found in it was judged: elsewhere an unjudged prediction is neither right nor wrong.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from dateline.evaluation.corpus import GoldArticle, GoldEvent, Mention, Sentence
from dateline.evaluation.scoring import CorpusReport, score_corpus
from dateline.model import Event
from dateline.store import Store
from dateline.store.corrections import StoredCorrection, latest_corrections, parties

SPLIT = "corrections"


def gold_from_corrections(store: Store) -> tuple[list[Sentence], dict[str, GoldArticle]]:
    """The corrected sentences of the store, in the corpus format, and their articles."""
    judged = latest_corrections(store)
    if not judged:
        return [], {}
    article_ids = sorted({c.article_id for c in judged.values()})
    mentions = _mentions(store, article_ids)
    articles = _articles(store, article_ids)
    by_sentence: dict[tuple[str, int, int], list[dict[str, Any]]] = defaultdict(list)
    for row in mentions:
        by_sentence[(row["article_id"], row["char_start"], row["char_end"])].append(row)
    sentences: list[Sentence] = []
    for (article_id, start, end), rows in sorted(by_sentence.items()):
        if not any(r["id"] in judged for r in rows) or article_id not in articles:
            continue
        text = articles[article_id].text
        events = tuple(
            _gold_event(row, judged[row["id"]], text)
            for row in rows
            if row["id"] in judged and judged[row["id"]].correction.verdict == "right"
        )
        sentence = Sentence(
            sid=f"{article_id}#{start}", article=article_id, start=start, end=end,
            text=text[start:end], events=events, split=SPLIT,
            complete=all(r["id"] in judged for r in rows),
        )  # fmt: skip
        articles[article_id].sentences.append(sentence)
        sentences.append(sentence)
    return sentences, {k: v for k, v in articles.items() if v.sentences}


def score_store(store: Store) -> CorpusReport:
    """Score the store's event mentions against its corrections (no model is run)."""
    sentences, articles = gold_from_corrections(store)
    predictions: dict[str, list[Event]] = {}
    for analysis in store.analyses(sorted(articles)):
        ordered = sorted(articles[analysis.article.id].sentences, key=lambda s: s.start)
        starts = [s.start for s in ordered]
        for event in analysis.events:
            at = bisect_right(starts, event.trigger_start) - 1
            if at >= 0 and event.trigger_start < ordered[at].end:
                predictions.setdefault(ordered[at].sid, []).append(event)
    return score_corpus(sentences, predictions)


def _mentions(store: Store, article_ids: Sequence[str]) -> list[dict[str, Any]]:
    relation = store.con.execute(
        "SELECT id, article_id, char_start, char_end, type, mode, actor, recipient, "
        "time_status, date, location, trigger, trigger_start, trigger_end "
        "FROM event_mentions WHERE list_contains(?, article_id) ORDER BY article_id, idx",
        [list(article_ids)],
    )
    columns = [d[0] for d in relation.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def _articles(store: Store, article_ids: Sequence[str]) -> dict[str, GoldArticle]:
    rows = store.con.execute(
        "SELECT id, text, title, published, outlet FROM articles WHERE list_contains(?, id)",
        [list(article_ids)],
    ).fetchall()
    return {
        i: GoldArticle(
            id=i, text=text, title=title, published=published.isoformat() if published else None,
            source=outlet,
        )
        for i, text, title, published, outlet in rows
    }  # fmt: skip


def _gold_event(row: Mapping[str, Any], judged: StoredCorrection, text: str) -> GoldEvent:
    fix = judged.correction
    machine = [*(row["actor"] or ()), *(row["recipient"] or ())]
    used: set[int] = set()

    def role(value: str | None, own: Sequence[Mapping[str, Any]], what: str) -> tuple[Mention, ...]:
        if value is None:
            return tuple(_machine_mention(a) for a in own)
        found = []
        for code, sector in parties(value, what):
            span = next(
                (i for i, a in enumerate(machine) if i not in used and a["code"] == code), None
            )
            if span is None:
                found.append(Mention(None, None, None, code, sector))
                continue
            used.add(span)
            a = machine[span]
            found.append(Mention(a["text"], a["char_start"], a["char_end"], code, sector))
        return tuple(found)

    location = row["location"]
    place = (
        Mention(location["text"], location["char_start"], location["char_end"])
        if location
        else None
    )
    if fix.place is not None:
        at = text.find(fix.place, row["char_start"], row["char_end"])
        place = (
            Mention(fix.place, at, at + len(fix.place))
            if at >= 0
            else Mention(fix.place, None, None)
        )
    return GoldEvent(
        types=(fix.type or row["type"],),
        trigger=Mention(row["trigger"], row["trigger_start"], row["trigger_end"]),
        actors=role(fix.actor, row["actor"] or (), "actor"),
        recipients=role(fix.recipient, row["recipient"] or (), "recipient"),
        status=fix.time_status or row["time_status"], mode=row["mode"],
        date=fix.date or row["date"], place=place,
    )  # fmt: skip


def _machine_mention(actor: Mapping[str, Any]) -> Mention:
    return Mention(
        actor["text"], actor["char_start"], actor["char_end"], actor["code"], actor["sector"]
    )
