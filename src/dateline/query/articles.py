"""One article with every span the pipeline found (actors, triggers, quotes, places, times),
its event mentions linked to their spans, and the mentions of one merged event.

Shared by ``dateline show`` and the web views; read-only.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from dateline.store import Store

KINDS = ("actor", "trigger", "quote", "place", "time")


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch of an article's text."""

    id: str  # unique in the article: a3 (actor 3), t1 (trigger of event mention 1), q0, p2, d4
    kind: str  # one of KINDS
    start: int
    end: int
    label: str  # short: "ACTOR RUS/GOV"
    detail: str = ""  # longer: names, codes explained


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same spans; ``ends`` are the spans that end after it."""

    text: str
    spans: tuple[str, ...]
    kinds: tuple[str, ...]
    ends: tuple[Span, ...] = ()


@dataclass(slots=True)
class ArticleView:
    """An article as stored, with its spans and its event mentions."""

    id: str
    title: str | None
    published: Any
    outlet: str | None
    url: str | None
    text: str
    spans: list[Span] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)


def _rows(store: Store, query: str, params: list[object]) -> list[dict[str, Any]]:
    relation = store.con.execute(query, params)
    columns = [d[0] for d in relation.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in relation.fetchall()]


def party_label(actor: dict[str, Any]) -> str:
    """ "RUS/GOV" for a coded actor struct, "?" for an uncoded one."""
    code = actor.get("code") or "?"
    return f"{code}/{actor['sector']}" if actor.get("sector") else code


def article_view(store: Store, article_id: str) -> ArticleView | None:
    """The article with this id and everything found in it; None when there is none."""
    found = _rows(
        store,
        "SELECT id, title, published, outlet, url, text FROM articles WHERE id = ?",
        [article_id],
    )
    if not found:
        return None
    view = ArticleView(**found[0])
    spans = view.spans
    where = "WHERE article_id = ? ORDER BY idx"
    for row in _rows(store, f"SELECT * FROM actors {where}", [article_id]):
        details = [row["name"], row["office"], row["kind"]]
        spans.append(
            Span(
                f"a{row['idx']}",
                "actor",
                row["char_start"],
                row["char_end"],
                f"ACTOR {party_label(row)}",
                ", ".join(d for d in details if d),
            )
        )
    for row in _rows(store, f"SELECT * FROM places {where}", [article_id]):
        where_is = ", ".join(v for v in (row["name"], row["admin1"], row["country"]) if v)
        spans.append(
            Span(
                f"p{row['idx']}",
                "place",
                row["char_start"],
                row["char_end"],
                f"PLACE {row['country'] or '?'}",
                where_is,
            )
        )
    for row in _rows(store, f"SELECT * FROM times {where}", [article_id]):
        value = row["value"].isoformat() if row["value"] else "?"
        spans.append(
            Span(
                f"d{row['idx']}",
                "time",
                row["char_start"],
                row["char_end"],
                f"TIME {value}",
                row["precision"] or "",
            )
        )
    for row in _rows(store, f"SELECT * FROM quotes {where}", [article_id]):
        speaker = row["speaker_text"] or (row["speaker"] or {}).get("text") or "unknown"
        who = party_label(row["speaker"]) if row["speaker"] else "?"
        spans.append(
            Span(
                f"q{row['idx']}",
                "quote",
                row["char_start"],
                row["char_end"],
                f"QUOTE by {speaker} ({who})",
                f"{row['kind']}, cue {row['cue'] or '-'}",
            )
        )
    view.mentions = _rows(store, f"SELECT * FROM event_mentions {where}", [article_id])
    for mention in view.mentions:
        mention["span_ids"] = _link(mention, spans)
        spans.append(
            Span(
                f"t{mention['idx']}",
                "trigger",
                mention["trigger_start"],
                mention["trigger_end"],
                f"EVENT {mention['type']} {mention['cameo']}",
                _summary(mention),
            )
        )
    spans.sort(key=lambda s: (s.start, -s.end, s.id))
    return view


def _summary(mention: dict[str, Any]) -> str:
    who = ", ".join(party_label(a) for a in mention["actor"] or ()) or "?"
    whom = ", ".join(party_label(a) for a in mention["recipient"] or ()) or "-"
    return f"{who} -> {whom}; {mention['time_status']}; {mention['date'] or 'no date'}"


def _link(mention: dict[str, Any], spans: list[Span]) -> list[str]:
    """The ids of the spans an event mention was read from: its trigger, actors, recipients,
    place, and the time expressions of its sentence that give its date."""
    parties = [*(mention["actor"] or ()), *(mention["recipient"] or ())]
    wanted = {("actor", a["char_start"], a["char_end"]) for a in parties}
    place = mention["location"]
    if place:
        wanted.add(("place", place["char_start"], place["char_end"]))
    linked = [f"t{mention['idx']}"]
    for span in spans:
        if (span.kind, span.start, span.end) in wanted or _gives_date(span, mention):
            linked.append(span.id)
    return linked


def _gives_date(span: Span, mention: dict[str, Any]) -> bool:
    return (
        span.kind == "time"
        and bool(mention["date"])
        and mention["char_start"] <= span.start < mention["char_end"]
        and span.label.startswith(f"TIME {mention['date']}")
    )


def segments(text: str, spans: list[Span], start: int = 0, end: int | None = None) -> list[Segment]:
    """Cut ``text[start:end]`` where any span begins or ends, each piece knowing its spans."""
    end = len(text) if end is None else end
    inside = [s for s in spans if s.start < end and s.end > start and s.end > s.start]
    cuts = sorted(
        {start, end, *(max(start, s.start) for s in inside), *(min(end, s.end) for s in inside)}
    )
    pieces = []
    for left, right in itertools.pairwise(cuts):
        covering = [s for s in inside if s.start <= left and s.end >= right]
        ending = tuple(s for s in covering if min(end, s.end) == right)
        pieces.append(
            Segment(
                text[left:right],
                tuple(s.id for s in covering),
                tuple(dict.fromkeys(s.kind for s in covering)),
                ending,
            )
        )
    return pieces


def event_mentions(store: Store, event_id: str) -> tuple[dict[str, Any] | None, list[ArticleView]]:
    """A merged event and the articles reporting it (each with only its mentions of it)."""
    found = _rows(store, "SELECT * FROM events WHERE id = ?", [event_id])
    if not found:
        return None, []
    ids = _rows(
        store,
        "SELECT DISTINCT article_id FROM event_mentions WHERE event_id = ? ORDER BY article_id",
        [event_id],
    )
    views = []
    for row in ids:
        view = article_view(store, row["article_id"])
        if view is None:
            continue
        view.mentions = [m for m in view.mentions if m["event_id"] == event_id]
        views.append(view)
    return found[0], views


def find_article_of(store: Store, any_id: str) -> tuple[str, str] | None:
    """What an id names: ("article", id), ("event", id) or ("mention", article id).

    An article may also be named by where it was read from: its origin as stored
    ("examples/report.txt", "news.jsonl:12"), or a file's name with or without its suffix,
    when that names exactly one stored article.
    """
    if _rows(store, "SELECT 1 FROM articles WHERE id = ?", [any_id]):
        return "article", any_id
    if _rows(store, "SELECT 1 FROM events WHERE id = ?", [any_id]):
        return "event", any_id
    found = _rows(store, "SELECT article_id FROM event_mentions WHERE id = ?", [any_id])
    if found:
        return "mention", str(found[0]["article_id"])
    named = _rows(
        store,
        "SELECT id FROM articles WHERE origin = $1 OR parse_filename(origin) = $1 "
        "OR parse_filename(origin, true) = $1 LIMIT 2",
        [any_id],
    )
    if len(named) == 1:
        return "article", str(named[0]["id"])
    return None
