"""Analysis -> the public JSON record of ``shared/design/OUTPUT.md`` (contract version 1).

Names and shapes here are read by users' scripts and by our evaluation: add fields freely,
never rename or drop one without a new contract version.
"""

from __future__ import annotations

from typing import Any

from dateline.model import Actor, Analysis, Event, Failure, Place, Quote, TimeExpression, content_id

CONTRACT_VERSION = 1

JSON = dict[str, Any]


def analysis_record(analysis: Analysis) -> JSON:
    """The output object for one analysed article."""
    article = analysis.article
    dateline = article.dateline
    return {
        "id": article.id,
        "article": {
            "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "source": article.source,
            "url": article.url,
            "dateline": None
            if dateline is None
            else {
                "place": dateline.place,
                "country": dateline.country,
                "date": dateline.date.isoformat() if dateline.date else None,
                "agency": dateline.agency,
                "start": dateline.start,
                "end": dateline.end,
            },
            "authors": list(article.authors),
            "editors": list(article.editors),
            "language": article.language,
            "origin": article.origin,
            "text": article.text,
        },
        "actors": [actor_record(a) for a in analysis.actors],
        "events": [event_record(e, article.text) for e in analysis.events],
        "places": [place_record(p) for p in analysis.places],
        "quotes": [quote_record(q) for q in analysis.quotes],
        "times": [time_record(t) for t in analysis.times],
        "errors": [error_record(f) for f in analysis.failures],
    }


def failure_record(failure: Failure) -> JSON:
    """The output object for an input that could not be read as an article at all."""
    return {
        "id": content_id(failure.origin, failure.raw or ""),
        "article": {
            "title": None, "published": None, "source": None, "url": None, "dateline": None,
            "authors": [], "editors": [], "language": None, "origin": failure.origin, "text": "",
        },
        "actors": [], "events": [], "places": [], "quotes": [], "times": [],
        "errors": [error_record(failure)],
    }  # fmt: skip


def error_record(failure: Failure) -> JSON:
    """``{"stage", "message"}``, with the input named in the message."""
    message = failure.message
    if failure.origin and not message.startswith(failure.origin):
        message = f"{failure.origin}: {message}"
    return {"stage": failure.stage, "message": message, "type": failure.error_type or None}


def actor_record(actor: Actor) -> JSON:
    """An entry of ``actors``."""
    return {
        "text": actor.text,
        "start": actor.start,
        "end": actor.end,
        "code": actor.code,
        "sector": actor.sector,
        "name": actor.name,
        "office": actor.office,
        "kind": str(actor.kind),
        "entity": actor.entity,
    }


def participant_record(actor: Actor) -> JSON:
    """An event's actor or recipient."""
    return {
        "code": actor.code,
        "sector": actor.sector,
        "text": actor.text,
        "name": actor.name,
        "start": actor.start,
        "end": actor.end,
    }


def event_record(event: Event, text: str) -> JSON:
    """An entry of ``events``; ``text`` is the article text its offsets point into."""
    location = event.location
    return {
        "id": event.id,
        "event": event.type,
        "mode": event.mode,
        "context": list(event.context),
        "cameo": event.cameo,
        "actor": [participant_record(a) for a in event.actors],
        "recipient": [participant_record(a) for a in event.recipients],
        "date": event.date,
        "time_status": str(event.time_status),
        "location": None
        if location is None
        else {
            "name": location.name or location.text,
            "country": location.country,
            "lat": location.lat,
            "lon": location.lon,
            "text": location.text,
            "start": location.start,
            "end": location.end,
        },
        "location_source": event.location_source,
        "location_precision": event.location_precision,
        "date_source": event.date_source,
        "quad_code": event.quad_code,
        "score": event.score,
        "text": text[event.start : event.end],
        "start": event.start,
        "end": event.end,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "confidence": round(event.confidence, 3),
    }


def place_record(place: Place) -> JSON:
    """An entry of ``places``."""
    return {
        "text": place.text,
        "start": place.start,
        "end": place.end,
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "feature": place.feature,
        "geonameid": place.geonameid,
    }


def quote_record(quote: Quote) -> JSON:
    """An entry of ``quotes``."""
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": str(quote.kind),
        "cue": quote.cue,
        "speaker": speaker_record(quote),
        "channel": quote.channel,
    }


def speaker_record(quote: Quote) -> JSON | None:
    """A quote's ``speaker``: ``text``/``start``/``end`` are the words naming the speaker for
    this quote ("he"), so ``article.text[start:end] == text``; ``resolved`` is the mention they
    were read back to ("Russian Foreign Minister Sergei Lavrov"), whose actor gives the code,
    sector and name."""
    speaker = quote.speaker
    if speaker is None and quote.speaker_text is None:
        return None
    if quote.speaker_start is not None and quote.speaker_end is not None:
        text, start, end = quote.speaker_text, quote.speaker_start, quote.speaker_end
    elif speaker is not None:  # stored before the mention's offsets were kept: the actor's
        text, start, end = speaker.text, speaker.start, speaker.end
    else:
        text, start, end = quote.speaker_text, None, None
    return {
        "text": text,
        "start": start,
        "end": end,
        "code": speaker.code if speaker else None,
        "sector": speaker.sector if speaker else None,
        "name": speaker.name if speaker else None,
        "resolved": None
        if speaker is None
        else {"text": speaker.text, "start": speaker.start, "end": speaker.end},
    }


def time_record(time: TimeExpression) -> JSON:
    """An entry of ``times``: a normalised time expression."""
    return {
        "text": time.text,
        "start": time.start,
        "end": time.end,
        "value": time.formatted(),
        "end_value": time.end_value.isoformat() if time.end_value else None,
        "precision": str(time.precision) if time.precision else None,
    }
