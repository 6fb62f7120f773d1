"""The query string of a page as a ``Browse`` question, checked with clear messages."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from starlette.datastructures import QueryParams

from dateline.errors import InputError
from dateline.query.browse import Browse
from dateline.query.filters import day

FILTERS = ("actor", "recipient", "type", "quad", "status", "country", "since", "until",
           "outlet", "confidence", "q")  # fmt: skip


def _day(value: str, name: str) -> date | None:
    return day(value, name) if value else None


def _number(value: str, name: str, kind: type[int] | type[float]) -> int | float | None:
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        raise InputError(f"{name} {value!r} is not a number") from None


def browse_from(params: QueryParams) -> Browse:
    """The Browse question a page's query string asks.

    Raises:
        InputError: a value is malformed (named, with what was expected).
    """
    get = {name: params.get(name, "").strip()[:200] for name in FILTERS}
    quad = _number(get["quad"], "quad class", int)
    confidence = _number(get["confidence"], "confidence", float)
    return Browse(
        actor=get["actor"] or None, recipient=get["recipient"] or None, type=get["type"] or None,
        quad=int(quad) if quad is not None else None, status=get["status"] or "happened",
        country=get["country"] or None, since=_day(get["since"], "since"),
        until=_day(get["until"], "until"), outlet=get["outlet"] or None,
        min_confidence=float(confidence) if confidence is not None else None,
        text=get["q"] or None,
    )  # fmt: skip


def chosen(params: QueryParams) -> dict[str, str]:
    """The filters the query string sets (for links that keep them)."""
    return {name: params[name] for name in FILTERS if params.get(name)}


def link(params: dict[str, str], **changes: object) -> str:
    """A query string: ``params`` with ``changes`` (None removes a key)."""
    merged = {**params, **{k: str(v) for k, v in changes.items() if v is not None}}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
    return "?" + urlencode(merged)
