"""The events table: filters with facet counts, sorting, pages, and downloads of the
filtered rows as CSV, JSON Lines or GeoJSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from dateline.codes import QUADS
from dateline.query.browse import (
    SORTS,
    STATUS_CHOICES,
    all_events,
    facets,
    outlets,
    page_of_events,
)
from dateline.query.results import QueryResult
from dateline.web.app import site_of
from dateline.web.params import browse_from, chosen, link

PER_PAGE = 50


def events_page(request: Request) -> Response:
    """GET /: the filtered, sorted, paged events with facet counts."""
    site = site_of(request)
    params = request.query_params
    browse = browse_from(params)
    sort = params.get("sort", "date")
    descending = params.get("dir", "desc") != "asc"
    page = max(1, int(params.get("page", "1")) if params.get("page", "1").isdigit() else 1)
    store = site.reader()
    result, total = page_of_events(
        store, browse, sort=sort, descending=descending, page=page, per_page=PER_PAGE
    )
    keep = chosen(params)
    return site.page(
        request,
        "events.html",
        {
            "rows": list(result.records()),
            "total": total,
            "page": page,
            "pages": max(1, -(-total // PER_PAGE)),
            "facets": facets(store, browse),
            "filters": keep,
            "sort": sort,
            "descending": descending,
            "sorts": SORTS,
            "quads": QUADS,
            "statuses": STATUS_CHOICES,
            "outlets": outlets(store),
            "link": lambda **changes: link(
                {**keep, "sort": sort, "dir": "desc" if descending else "asc"}, **changes
            ),
            "download": lambda fmt: f"/events.{fmt}{link(keep)}",
        },
    )


def download(request: Request) -> Response:
    """GET /events.csv|jsonl|geojson: every filtered row (GeoJSON: the located ones), or the
    newest ``limit``."""
    site = site_of(request)
    fmt = request.path_params["fmt"]
    if fmt not in ("csv", "jsonl", "geojson"):
        return site.error(request, f"no download as {fmt!r}: csv, jsonl or geojson", 404)
    limit = request.query_params.get("limit", "")
    if limit and not limit.isdigit():
        return site.error(request, f"limit {limit!r} is not a whole number")
    result = all_events(site.reader(), browse_from(request.query_params), int(limit or 0))
    body = {"csv": _csv, "jsonl": _jsonl, "geojson": _geojson}[fmt](result)
    media = {"csv": "text/csv", "jsonl": "application/jsonl", "geojson": "application/geo+json"}[
        fmt
    ]
    disposition = {"content-disposition": f'attachment; filename="events.{fmt}"'}
    return StreamingResponse(body, media_type=f"{media}; charset=utf-8", headers=disposition)


def _csv(result: QueryResult) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for record in result.records():
        writer.writerow(["" if v is None else v for v in record.values()])
        if buffer.tell() > 65536:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _chunks(parts: Iterator[str], size: int = 65536) -> Iterator[str]:
    """Join small pieces into chunks of about ``size`` characters: one send per chunk."""
    pending: list[str] = []
    length = 0
    for part in parts:
        pending.append(part)
        length += len(part)
        if length >= size:
            yield "".join(pending)
            pending, length = [], 0
    yield "".join(pending)


def _jsonl(result: QueryResult) -> Iterator[str]:
    return _chunks(json.dumps(record, ensure_ascii=False) + "\n" for record in result.records())


def geojson_features(result: QueryResult) -> Iterator[dict[str, object]]:
    """A GeoJSON point feature for each located event of ``result``."""
    for record in result.records():
        if record["lat"] is None or record["lon"] is None:
            continue
        properties = {k: v for k, v in record.items() if k not in ("lat", "lon")}
        yield {
            "type": "Feature",
            "properties": properties,
            "geometry": {"type": "Point", "coordinates": [record["lon"], record["lat"]]},
        }


def _geojson(result: QueryResult) -> Iterator[str]:
    def parts() -> Iterator[str]:
        yield '{"type": "FeatureCollection", "features": ['
        for number, feature in enumerate(geojson_features(result)):
            yield ("," if number else "") + json.dumps(feature, ensure_ascii=False)
        yield "]}\n"

    return _chunks(parts())
