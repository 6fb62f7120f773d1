"""Analysis <-> table rows: the one mapping between records and the store's columns.

Used by the store to write a batch and to read articles back, and by the cluster runner to
write Parquet shards with exactly the store's columns.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from dateline.model import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    ArticleId,
    Dateline,
    Event,
    Failure,
    Place,
    Precision,
    Quote,
    QuoteKind,
    TimeExpression,
    TimeStatus,
    content_id,
)
from dateline.store.merge import merge_key, parse_event_date, participant_codes

Row = dict[str, Any]

# The lead: the first paragraph, cut after its second sentence when a flattened text has none.
_LEAD_SENTENCES = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"“A-Z0-9])")


@dataclass(slots=True)
class AnalysisRows:
    """The rows one article contributes to each table."""

    article: Row
    actors: list[Row] = field(default_factory=list)
    places: list[Row] = field(default_factory=list)
    times: list[Row] = field(default_factory=list)
    quotes: list[Row] = field(default_factory=list)
    event_mentions: list[Row] = field(default_factory=list)
    failures: list[Row] = field(default_factory=list)


def outlet(article: Article) -> str | None:
    """Who published the article: its source, else the host of its URL."""
    if article.source:
        return article.source.strip()
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def lead_end(text: str) -> int:
    """Where the lead (first paragraph, at most two sentences) of ``text`` ends."""
    body_start = len(text) - len(text.lstrip())
    newline = text.find("\n", body_start)
    end = newline if newline != -1 else len(text)
    stops = [m.end() for m in _LEAD_SENTENCES.finditer(text, body_start, end)]
    return stops[1] if len(stops) > 1 else end


def analysis_rows(analysis: Analysis) -> AnalysisRows:
    """The rows for one analysed article (run, dedupe and time columns are the store's)."""
    article = analysis.article
    aid = article.id
    lead = lead_end(article.text)
    rows = AnalysisRows(article=article_row(article))
    rows.actors = [
        {"article_id": aid, "idx": i, **actor_struct(a)} for i, a in enumerate(analysis.actors)
    ]
    rows.places = [
        {"article_id": aid, "idx": i, **place_struct(p)} for i, p in enumerate(analysis.places)
    ]
    rows.times = [time_row(aid, i, t) for i, t in enumerate(analysis.times)]
    rows.quotes = [quote_row(aid, i, q) for i, q in enumerate(analysis.quotes)]
    rows.event_mentions = [
        mention_row(article, i, e, is_root=e.start < lead) for i, e in enumerate(analysis.events)
    ]
    rows.failures = [failure_row(f, article_id=aid, idx=i) for i, f in enumerate(analysis.failures)]
    return rows


def article_row(article: Article) -> Row:
    """The ``articles`` columns that come from the record itself."""
    dateline = article.dateline
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "outlet": outlet(article),
        "dateline": None if dateline is None else {
            "place": dateline.place, "country": dateline.country, "date": dateline.date,
            "agency": dateline.agency, "char_start": dateline.start, "char_end": dateline.end,
        },
        "authors": list(article.authors),
        "editors": list(article.editors),
        "language": article.language,
        "origin": article.origin,
        "text": article.text,
        "meta": json.dumps(dict(article.meta), ensure_ascii=False, default=str),
    }  # fmt: skip


def actor_struct(actor: Actor) -> Row:
    """An actor as stored: in ``actors``, and as an event participant or quote speaker."""
    return {
        "char_start": actor.start, "char_end": actor.end, "text": actor.text,
        "code": actor.code, "sector": actor.sector, "kind": str(actor.kind), "name": actor.name,
        "office": actor.office, "entity": actor.entity, "head": actor.head,
        "produced_by": actor.produced_by,
    }  # fmt: skip


def place_struct(place: Place) -> Row:
    """A place as stored: in ``places`` and as an event's location."""
    return {
        "char_start": place.start, "char_end": place.end, "text": place.text,
        "name": place.name, "country": place.country, "admin1": place.admin1,
        "lat": place.lat, "lon": place.lon, "feature": place.feature,
        "geonameid": place.geonameid, "produced_by": place.produced_by,
    }  # fmt: skip


def time_row(article_id: str, idx: int, time: TimeExpression) -> Row:
    """A row of ``times``."""
    return {
        "article_id": article_id, "idx": idx, "char_start": time.start, "char_end": time.end,
        "text": time.text, "value": time.value,
        "precision": str(time.precision) if time.precision else None, "end_value": time.end_value,
    }  # fmt: skip


def quote_row(article_id: str, idx: int, quote: Quote) -> Row:
    """A row of ``quotes``."""
    return {
        "article_id": article_id, "idx": idx, "char_start": quote.start, "char_end": quote.end,
        "text": quote.text, "kind": str(quote.kind), "cue": quote.cue,
        "speaker": actor_struct(quote.speaker) if quote.speaker else None,
        "speaker_text": quote.speaker_text, "channel": quote.channel,
        "produced_by": quote.produced_by, "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
    }  # fmt: skip


def mention_row(article: Article, idx: int, event: Event, *, is_root: bool) -> Row:
    """A row of ``event_mentions``: one event as coded in one article."""
    start, precision = parse_event_date(event.date)
    return {
        "article_id": article.id, "idx": idx, "id": event.id, "event_id": None,
        "merge_key": merge_key(event, article, idx), "type": event.type, "mode": event.mode,
        "context": list(event.context), "cameo": event.cameo,
        "actor": [actor_struct(a) for a in event.actors],
        "recipient": [actor_struct(a) for a in event.recipients],
        "actor_codes": participant_codes(a.code for a in event.actors),
        "recipient_codes": participant_codes(a.code for a in event.recipients),
        "date": event.date, "date_start": start, "date_precision": precision,
        "time_status": str(event.time_status),
        "location": place_struct(event.location) if event.location else None,
        "quad_code": event.quad_code, "score": event.score,
        "char_start": event.start, "char_end": event.end, "trigger": event.trigger,
        "trigger_start": event.trigger_start, "trigger_end": event.trigger_end,
        "confidence": event.confidence, "produced_by": event.produced_by, "is_root": is_root,
        "location_source": event.location_source,
        "location_precision": event.location_precision, "date_source": event.date_source,
    }  # fmt: skip


def failure_row(failure: Failure, *, article_id: str | None = None, idx: int = 0) -> Row:
    """A row of ``failures``; the id is a content hash, so the same failure is stored once."""
    if article_id is None:
        fid = content_id("input", failure.origin, failure.stage, failure.message, failure.raw or "")
    else:
        fid = content_id("stage", article_id, idx, failure.stage, failure.message)
    return {
        "id": fid, "article_id": article_id, "idx": idx, "origin": failure.origin,
        "stage": failure.stage,
        "error_type": failure.error_type or None, "message": failure.message, "raw": failure.raw,
    }  # fmt: skip


# -- rows -> records -------------------------------------------------------------------------


def actor_from(row: Mapping[str, Any]) -> Actor:
    """An Actor from its stored struct."""
    return Actor(
        start=row["char_start"], end=row["char_end"], text=row["text"], code=row["code"],
        sector=row["sector"], kind=ActorKind(row["kind"]), name=row["name"],
        office=row["office"], entity=row["entity"], head=row["head"],
        produced_by=row["produced_by"] or "",
    )  # fmt: skip


def place_from(row: Mapping[str, Any]) -> Place:
    """A Place from its stored struct."""
    return Place(
        start=row["char_start"], end=row["char_end"], text=row["text"], name=row["name"],
        country=row["country"], admin1=row["admin1"], lat=row["lat"], lon=row["lon"],
        feature=row["feature"], geonameid=row["geonameid"], produced_by=row["produced_by"] or "",
    )  # fmt: skip


def article_from(row: Mapping[str, Any]) -> Article:
    """An Article from its ``articles`` row."""
    stored = row["dateline"]
    dateline = None if stored is None else Dateline(
        place=stored["place"], country=stored["country"], date=stored["date"],
        agency=stored["agency"], start=stored["char_start"], end=stored["char_end"],
    )  # fmt: skip
    published: date | None = row["published"]
    return Article(
        id=ArticleId(row["id"]), text=row["text"], title=row["title"], published=published,
        source=row["source"], url=row["url"], dateline=dateline,
        authors=tuple(row["authors"] or ()), editors=tuple(row["editors"] or ()),
        language=row["language"], origin=row["origin"] or "",
        meta=json.loads(row["meta"]) if row["meta"] else {},
    )  # fmt: skip


def event_from(row: Mapping[str, Any]) -> Event:
    """An Event from its ``event_mentions`` row."""
    return Event(
        id=row["id"], type=row["type"], mode=row["mode"], context=tuple(row["context"] or ()),
        cameo=row["cameo"], actors=tuple(actor_from(a) for a in row["actor"] or ()),
        recipients=tuple(actor_from(a) for a in row["recipient"] or ()), date=row["date"],
        time_status=TimeStatus(row["time_status"]),
        location=place_from(row["location"]) if row["location"] else None,
        quad_code=row["quad_code"], score=row["score"], start=row["char_start"],
        end=row["char_end"], trigger=row["trigger"], trigger_start=row["trigger_start"],
        trigger_end=row["trigger_end"], confidence=row["confidence"],
        produced_by=row["produced_by"] or "", location_source=row.get("location_source"),
        location_precision=row.get("location_precision"), date_source=row.get("date_source"),
    )  # fmt: skip


def time_from(row: Mapping[str, Any]) -> TimeExpression:
    """A TimeExpression from its ``times`` row."""
    return TimeExpression(
        start=row["char_start"], end=row["char_end"], text=row["text"], value=row["value"],
        precision=Precision(row["precision"]) if row["precision"] else None,
        end_value=row["end_value"],
    )  # fmt: skip


def quote_from(row: Mapping[str, Any]) -> Quote:
    """A Quote from its ``quotes`` row."""
    return Quote(
        start=row["char_start"], end=row["char_end"], text=row["text"],
        kind=QuoteKind(row["kind"]), cue=row["cue"],
        speaker=actor_from(row["speaker"]) if row["speaker"] else None,
        speaker_text=row["speaker_text"], channel=row["channel"],
        produced_by=row["produced_by"] or "", speaker_start=row.get("speaker_start"),
        speaker_end=row.get("speaker_end"),
    )  # fmt: skip


def failure_from(row: Mapping[str, Any]) -> Failure:
    """A Failure from its ``failures`` row."""
    return Failure(
        stage=row["stage"], message=row["message"], origin=row["origin"] or "",
        error_type=row["error_type"] or "", raw=row["raw"],
    )  # fmt: skip


def analysis_from(
    article: Mapping[str, Any], children: Mapping[str, Sequence[Mapping[str, Any]]]
) -> Analysis:
    """Rebuild an Analysis from its article row and its rows in each child table (in idx order)."""
    return Analysis(
        article=article_from(article),
        actors=tuple(actor_from(r) for r in children.get("actors", ())),
        events=tuple(event_from(r) for r in children.get("event_mentions", ())),
        places=tuple(place_from(r) for r in children.get("places", ())),
        times=tuple(time_from(r) for r in children.get("times", ())),
        quotes=tuple(quote_from(r) for r in children.get("quotes", ())),
        failures=tuple(failure_from(r) for r in children.get("failures", ())),
    )
