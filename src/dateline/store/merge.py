"""One real-world event, many reports: event mentions from many articles -> merged events.

Mentions merge when they share the event type, the coded participants on each side, whether
the event is said to have happened (current and historical reports of one event agree), the
place where both name one, and the date within ``TOLERANCE_DAYS`` of the first report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.model import Article, Event, TimeStatus, content_id

# A report a day later that gives no date of its own is dated by its publication: one day of
# slack joins it to the event, and anchoring on the first report keeps a daily series of
# similar strikes from chaining into one long event.
TOLERANCE_DAYS = 1

_FACTUAL = frozenset({TimeStatus.CURRENT.value, TimeStatus.HISTORICAL.value})

Participant = tuple[str, str | None, str | None]  # code, sector, name


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeMention:
    """What merging needs to know about one stored event mention."""

    article_id: str
    idx: int
    merge_key: str
    day: date | None  # the event's day, or the article's publication day when undated
    coded_date: str | None  # the date as the coder wrote it: 2023-05-10, 2023-05, 2023
    date_precision: str | None
    type: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    quad_code: int | None
    score: float | None
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...]
    time_status: str
    location: Mapping[str, object] | None
    seen: date | None  # when the article appeared
    outlet: str | None  # the outlet; an article with none known is a source of its own
    story_id: str
    is_root: bool
    location_source: str | None = None  # clause, sentence, neighbour, article, dateline
    location_precision: str | None = None  # point, city, admin1, country
    date_source: str | None = None  # clause, sentence, earlier_mention, publication


@dataclass(frozen=True, slots=True, kw_only=True)
class MergedEvent:
    """A real-world event: its row for the ``events`` table and the mentions it merges."""

    row: Mapping[str, object]
    members: tuple[tuple[str, int], ...]  # (article_id, idx) of every mention


def participant_codes(actors: Iterable[str | None]) -> list[str]:
    """The distinct coded participants, sorted: the same set whoever the article named first."""
    return sorted({code for code in actors if code})


def parse_event_date(value: str | None) -> tuple[date | None, str | None]:
    """``"2023-05"`` -> (2023-05-01, "month"); an unreadable or missing date -> (None, None)."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            return date(numbers[0], numbers[1], numbers[2]), "day"
        if len(numbers) == 2:
            return date(numbers[0], numbers[1], 1), "month"
        if len(numbers) == 1 and len(parts[0]) == 4:
            return date(numbers[0], 1, 1), "year"
    except ValueError:
        return None, None
    return None, None


def merge_key(event: Event, article: Article, idx: int) -> str:
    """The key that mentions of one real-world event share (the date is matched separately).

    A mention with no coded participant at all, or with neither a date nor a publication
    date, cannot be matched with confidence and gets a key of its own.
    """
    actors = participant_codes(a.code for a in event.actors)
    recipients = participant_codes(a.code for a in event.recipients)
    status = "factual" if event.time_status in _FACTUAL else str(event.time_status)
    start, precision = parse_event_date(event.date)
    if precision in ("month", "year"):
        when = f"{precision}:{event.date}"
    elif start is not None or article.published is not None:
        when = "day"
    else:
        when = f"undated:{article.id}:{idx}"
    if not actors and not recipients:
        when = f"uncoded:{article.id}:{idx}"
    return "|".join((event.type, ",".join(actors), ",".join(recipients), status, when))


def merge_events(mentions: Sequence[MergeMention]) -> list[MergedEvent]:
    """Group mentions into real-world events; the result does not depend on their order."""
    groups: dict[str, list[MergeMention]] = defaultdict(list)
    for mention in mentions:
        groups[mention.merge_key].append(mention)
    merged: list[MergedEvent] = []
    for key in sorted(groups):
        for anchor, country, members in _cluster(groups[key]):
            merged.append(_merged_event(key, anchor, country, members))
    return merged


def _order(mention: MergeMention) -> tuple[date, str, int]:
    return (mention.day or date.min, mention.article_id, mention.idx)


def _country(mention: MergeMention) -> str | None:
    if mention.location is None:
        return None
    country = mention.location.get("country")
    return country if isinstance(country, str) and country else None


Cluster = tuple[date | None, str | None, list[MergeMention]]


def _cluster(group: list[MergeMention]) -> list[Cluster]:
    """Anchored date windows, per country where the place is known.

    A mention that names no place joins the one located event whose window holds its day;
    when none or several do, it is grouped with the other unlocated mentions instead.
    """
    located: dict[str, list[MergeMention]] = defaultdict(list)
    unlocated: list[MergeMention] = []
    for mention in sorted(group, key=_order):
        country = _country(mention)
        if country is None:
            unlocated.append(mention)
        else:
            located[country].append(mention)
    clusters: list[Cluster] = []
    for country in sorted(located):
        clusters.extend(
            (anchor, country, members) for anchor, members in _windows(located[country])
        )
    leftover: list[MergeMention] = []
    for mention in unlocated:
        holders = [c for c in clusters if _holds(c[0], mention.day)]
        if len(holders) == 1:
            holders[0][2].append(mention)
        else:
            leftover.append(mention)
    clusters.extend((anchor, None, members) for anchor, members in _windows(leftover))
    return clusters


def _holds(anchor: date | None, day: date | None) -> bool:
    if anchor is None or day is None:
        return anchor is None and day is None
    return anchor <= day <= anchor + timedelta(days=TOLERANCE_DAYS)


def _windows(mentions: list[MergeMention]) -> list[tuple[date | None, list[MergeMention]]]:
    windows: list[tuple[date | None, list[MergeMention]]] = []
    for mention in mentions:  # already in date order
        if windows and _holds(windows[-1][0], mention.day):
            windows[-1][1].append(mention)
        else:
            windows.append((mention.day, [mention]))
    return windows


def _most_common(values: Iterable[object]) -> object:
    """The most frequent non-null value; ties go to the smallest, so the result is stable."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    return min((v for v, n in counts.items() if n == best), key=str)


def _participants(members: list[MergeMention], side: str, key: str) -> list[dict[str, object]]:
    """The event's participants on one side, with their most common sector and name.

    Only the codes of the merge key count: a copy of a story that joined this event by its
    sentence (``store.copies``) may have read a participant more, and it is not the event's.
    """
    keyed = key.split("|")[1 if side == "actor" else 2].split(",")
    sectors: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in members:
        for code, sector, name in mention.actors if side == "actor" else mention.recipients:
            if not code or code not in keyed:
                continue
            sectors[code].update([sector] if sector else [])
            names[code].update([name] if name else [])
    return [
        {"code": code, "sector": _most_common(sectors[code].elements()),
         "name": _most_common(names[code].elements())}
        for code in sorted(sectors)
    ]  # fmt: skip


_PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "country": 3}
_SOURCE_RANK = {"clause": 0, "sentence": 1, "neighbour": 2, "article": 3, "dateline": 4}


def _specificity(mention: MergeMention) -> tuple[int, int]:
    """Finer places first, then places the event's own words give before borrowed ones."""
    return (
        _PRECISION_RANK.get(mention.location_precision or "", len(_PRECISION_RANK)),
        _SOURCE_RANK.get(mention.location_source or "", len(_SOURCE_RANK)),
    )


_EVENT_PLACE_FIELDS = ("name", "country", "admin1", "lat", "lon", "feature", "geonameid")


def _merged_event(
    key: str, anchor: date | None, country: str | None, members: list[MergeMention]
) -> MergedEvent:
    members.sort(key=_order)
    dated = [m for m in members if m.coded_date]
    date_value = _most_common(m.coded_date for m in dated)
    representative = next((m for m in dated if m.coded_date == date_value), None)
    day = representative.day if representative else anchor
    placed = [m for m in members if m.location and _country(m) == country] or [
        m for m in members if m.location
    ]
    # the most specific place any report gives, the one its own words give first
    site = min(placed, key=_specificity, default=None)
    location = site.location if site is not None else None
    scores = [m.score for m in members if m.score is not None]
    seen: list[date] = [s for s in (m.seen for m in members) if s is not None]
    actors = _participants(members, "actor", key)
    recipients = _participants(members, "recipient", key)
    row: dict[str, object] = {
        "id": content_id("event", key, anchor, country or ""),
        "merge_key": key,
        "type": members[0].type,
        "mode": _most_common(m.mode for m in members),
        "context": sorted({c for m in members for c in m.context}),
        "cameo": _most_common(m.cameo for m in members),
        "quad_code": _most_common(m.quad_code for m in members),
        "score": round(sum(scores) / len(scores), 3) if scores else None,
        "actor": actors,
        "recipient": recipients,
        "actor_codes": [a["code"] for a in actors],
        "recipient_codes": [r["code"] for r in recipients],
        "date": date_value,
        "date_start": day,
        "date_precision": representative.date_precision
        if representative
        else ("day" if day else None),
        "time_status": _most_common(m.time_status for m in members),
        "location": None if location is None else {f: location.get(f) for f in _EVENT_PLACE_FIELDS},
        "location_source": site.location_source if site is not None else None,
        "location_precision": site.location_precision if site is not None else None,
        "date_source": representative.date_source if representative else None,
        "num_mentions": len(members),
        "num_articles": len({m.article_id for m in members}),
        # at least 1: an article with no known outlet counts as its own source
        "num_sources": len({m.outlet or f"article:{m.article_id}" for m in members}),
        "num_stories": len({m.story_id for m in members}),
        "first_seen": min(seen) if seen else None,
        "last_seen": max(seen) if seen else None,
        "is_root": any(m.is_root for m in members),
    }
    return MergedEvent(row=row, members=tuple((m.article_id, m.idx) for m in members))
