"""An article with its spans labelled and its events beside it; an event with every mention."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from dateline.codes import describe_event
from dateline.model import PLOVER_EVENTS, TimeStatus
from dateline.query.articles import ArticleView, article_view, event_mentions, segments
from dateline.store import Store
from dateline.store.corrections import latest_corrections
from dateline.web.app import site_of


def article_context(view: ArticleView, judged: dict[str, Any]) -> dict[str, Any]:
    """What the article template needs, also for ``dateline show --html``."""
    return {
        "article": view,
        "segments": segments(view.text, view.spans),
        "mentions": [_mention(m, judged) for m in view.mentions],
        "types": PLOVER_EVENTS,
        "time_statuses": [s.value for s in TimeStatus],
    }


def _mention(mention: dict[str, Any], judged: dict[str, Any]) -> dict[str, Any]:
    return {
        **mention,
        "explained": describe_event(mention["type"], mention["cameo"]),
        "correction": judged.get(mention["id"]),
    }


def article_page(request: Request) -> Response:
    """GET /article/{id}: the text with every span labelled, its event mentions beside it."""
    site = site_of(request)
    store = site.reader()
    article_id = request.path_params["article_id"]
    view = article_view(store, article_id)
    if view is None:
        return site.error(request, f"no article {article_id!r} in the store", 404)
    judged = latest_corrections(store, article_id=article_id)
    return site.page(request, "article.html", article_context(view, judged))


def event_context(store: Store, event_id: str) -> dict[str, Any] | None:
    """What the event template needs (None: no such event); also for ``dateline show``."""
    event, views = event_mentions(store, event_id)
    if event is None:
        return None
    judged = latest_corrections(store, event_id=event_id)
    reports = []
    for view in views:
        for mention in view.mentions:
            reports.append(
                {
                    "article": view,
                    "mention": _mention(mention, judged),
                    "segments": segments(
                        view.text, view.spans, mention["char_start"], mention["char_end"]
                    ),
                }
            )
    return {
        "event": event,
        "reports": reports,
        "explained": describe_event(event["type"], event["cameo"]),
        "types": PLOVER_EVENTS,
        "time_statuses": [s.value for s in TimeStatus],
    }


def event_page(request: Request) -> Response:
    """GET /event/{id}: a merged event and each of its mentions, sentence and spans."""
    site = site_of(request)
    event_id = request.path_params["event_id"]
    context = event_context(site.reader(), event_id)
    if context is None:
        return site.error(request, f"no event {event_id!r} in the store", 404)
    return site.page(request, "event.html", context)
