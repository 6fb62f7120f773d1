"""The dyad chart (events per quad class and mean score per period, as server-drawn SVG) and
the map of located events (Leaflet over an offline world outline)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from dateline.codes import QUADS
from dateline.query import PERIODS, EventFilter, dyad_timeline
from dateline.query.browse import STATUS_CHOICES
from dateline.query.filters import statuses
from dateline.web.app import site_of
from dateline.web.params import browse_from, chosen, link

WIDTH, HEIGHT, PAD = 900, 320, 40
MAP_POINTS = 5000  # the newest events drawn; a browser clusters more only slowly
COLOURS = {1: "#6baed6", 2: "#2171b5", 3: "#fc9272", 4: "#cb181d"}


@dataclass(frozen=True, slots=True)
class Bar:
    """One coloured block of a stacked bar."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


def chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars of the quad-class counts per period and a line of the mean score, as
    coordinates for the SVG template."""
    if not rows:
        return {"bars": [], "lines": [], "dots": [], "ticks": [], "top": 0}
    top = max(1, *(r["events"] for r in rows))
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / len(rows)
    bars, ticks = [], []
    lines: list[list[str]] = [[]]  # a period with no event breaks the line
    dots: list[tuple[float, float, str]] = []
    names = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    for number, row in enumerate(rows):
        x = PAD + number * step
        base = HEIGHT - PAD
        for quad, name in enumerate(names, start=1):
            height = inner_h * row[name] / top
            if height:
                base -= height
                bars.append(Bar(x + step * 0.1, base, step * 0.8, height, COLOURS[quad],
                                f"{row['period']}: {row[name]} {QUADS[quad]}"))  # fmt: skip
        if row["mean_score"] is None:
            if lines[-1]:
                lines.append([])
        else:
            y = PAD + inner_h * (10 - float(row["mean_score"])) / 20
            lines[-1].append(f"{x + step / 2:.1f},{y:.1f}")
            dots.append((x + step / 2, y, f"{row['period']}: mean score {row['mean_score']}"))
        if len(rows) <= 24 or number % max(1, len(rows) // 12) == 0:
            ticks.append((x + step / 2, str(row["period"])))
    return {
        "bars": bars,
        "lines": [" ".join(line) for line in lines if len(line) > 1],
        "dots": dots,
        "ticks": ticks,
        "top": top,
    }


def dyad_page(request: Request) -> Response:
    """GET /dyad?a=TUR&b=SYR&by=month: the two actors' events over time."""
    site = site_of(request)
    params = request.query_params
    first, second = params.get("a", "").strip(), params.get("b", "").strip()
    by = params.get("by", "month")
    status = params.get("status", "happened")
    context: dict[str, Any] = {"a": first, "b": second, "by": by, "periods": PERIODS,
                               "status": status, "statuses": STATUS_CHOICES, "rows": [],
                               "chart": chart([]), "quads": QUADS, "colours": COLOURS,
                               "width": WIDTH, "height": HEIGHT, "pad": PAD}  # fmt: skip
    if first and second:
        where = EventFilter(statuses=statuses(status))
        result = dyad_timeline(site.reader(), first, second, by=by, where=where)
        rows = list(result.records())
        context.update(rows=rows, chart=chart(rows))
    return site.page(request, "dyad.html", context)


def map_page(request: Request) -> Response:
    """GET /map: located events, clustered, with the events table's filters."""
    site = site_of(request)
    browse_from(request.query_params)  # a bad filter is reported here, not by the map's fetch
    keep = chosen(request.query_params)
    return site.page(request, "map.html", {
        "filters": keep, "geojson": f"/events.geojson{link(keep, limit=MAP_POINTS)}",
        "points": MAP_POINTS, "quads": QUADS,
        "statuses": STATUS_CHOICES,
    })  # fmt: skip
