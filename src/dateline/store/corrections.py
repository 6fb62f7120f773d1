"""An analyst's corrections to event mentions: checked, stored beside the machine's output.

A correction names the mention it judges (``event_mentions.id``), says whether the event is
right or wrong, and may fix its type, actor, recipient, time status, date or place. Each is
a new row (who and when); the latest row for a mention is the one that counts, the older
ones are its history. No ingest touches the table.
"""

from __future__ import annotations

import getpass
import re
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from dateline.errors import InputError, StoreError
from dateline.model import PLOVER_EVENTS, TimeStatus, content_id
from dateline.store.store import Store

VERDICTS = ("right", "wrong")
FIELDS = ("type", "actor", "recipient", "time_status", "date", "place")
_PARTY = re.compile(r"^[A-Z]{3}(?:/[A-Z]{3})?$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    """One judgement of one event mention; ``None`` fields keep the machine's value."""

    mention_id: str
    verdict: str
    type: str | None = None
    actor: str | None = None  # "SYR/GOV, TUR": codes with optional sectors, comma separated
    recipient: str | None = None
    time_status: str | None = None
    date: str | None = None
    place: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredCorrection:
    """A correction as stored: what it says, the mention's article and event, who and when."""

    id: str
    correction: Correction
    article_id: str
    event_id: str | None
    made_by: str
    made_at: datetime


def default_user() -> str:
    """The OS user's name, or "unknown" where the system has none."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def parties(value: str | None, what: str) -> list[tuple[str, str | None]]:
    """Parse "SYR/GOV, TUR" into [("SYR", "GOV"), ("TUR", None)].

    Raises:
        InputError: a part is not a three-letter code with an optional three-letter sector.
    """
    found: list[tuple[str, str | None]] = []
    for part in (value or "").split(","):
        cleaned = part.strip().upper()
        if not cleaned:
            continue
        if not _PARTY.match(cleaned):
            raise InputError(
                f"{what} {part.strip()!r} is not an actor code; expected SYR, SYR/GOV or IGO/NGO"
            )
        code, _, sector = cleaned.partition("/")
        found.append((code, sector or None))
    return found


def _blank(value: str | None) -> str | None:
    cleaned = (value or "").strip()
    return cleaned or None


def check(correction: Correction) -> Correction:
    """The correction with its fields cleaned (codes upper-cased, blanks as None).

    Raises:
        InputError: a field holds a value dateline cannot use, named with what it expects.
    """
    verdict = correction.verdict.strip().lower()
    if verdict not in VERDICTS:
        raise InputError(f"verdict {correction.verdict!r}: expected right or wrong")
    kind = _blank(correction.type)
    if kind is not None:
        kind = kind.upper()
        if kind not in PLOVER_EVENTS:
            raise InputError(f"type {kind!r} is not a PLOVER type: {', '.join(PLOVER_EVENTS)}")
    status = _blank(correction.time_status)
    if status is not None and status.lower() not in {s.value for s in TimeStatus}:
        raise InputError(
            f"status {status!r}: expected one of {', '.join(s.value for s in TimeStatus)}"
        )
    day = _blank(correction.date)
    if day is not None:
        if not _DATE.match(day):
            raise InputError(f"date {day!r}: expected 2023-05-10, 2023-05 or 2023")
        try:
            date.fromisoformat(day + "-01" * (2 - day.count("-")))
        except ValueError as error:
            raise InputError(f"date {day!r} is not a calendar date") from error
    actor, recipient = _blank(correction.actor), _blank(correction.recipient)
    for value, what in ((actor, "actor"), (recipient, "recipient")):
        parties(value, what)
    return Correction(
        mention_id=correction.mention_id.strip(), verdict=verdict, type=kind,
        actor=", ".join(f"{c}/{s}" if s else c for c, s in parties(actor, "actor")) or None,
        recipient=", ".join(f"{c}/{s}" if s else c for c, s in parties(recipient, "recipient"))
        or None,
        time_status=status.lower() if status else None, date=day,
        place=_blank(correction.place), note=_blank(correction.note),
    )  # fmt: skip


def add_correction(store: Store, correction: Correction, user: str) -> StoredCorrection:
    """Check ``correction`` and store it as the latest word on its mention.

    Raises:
        InputError: a bad field, or no event mention with that id.
        StoreError: the store is open read-only.
    """
    if store.read_only:
        raise StoreError(f"{store.path}: opened read-only; corrections need a writable store")
    cleaned = check(correction)
    rows = store.con.execute(
        "SELECT article_id, event_id FROM event_mentions WHERE id = ?", [cleaned.mention_id]
    ).fetchall()
    if not rows:
        raise InputError(f"no event mention {cleaned.mention_id!r} in {store.path}")
    article_id, event_id = rows[0]
    made_at = datetime.now(UTC).replace(tzinfo=None)
    made_by = user.strip() or default_user()
    row_id = content_id(cleaned.mention_id, made_by, made_at.isoformat())
    values = asdict(cleaned)
    store.con.execute(
        "INSERT INTO corrections (id, mention_id, article_id, event_id, verdict, type, actor, "
        "recipient, time_status, date, place, note, made_by, made_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row_id, cleaned.mention_id, article_id, event_id, values["verdict"], values["type"],
         values["actor"], values["recipient"], values["time_status"], values["date"],
         values["place"], values["note"], made_by, made_at],
    )  # fmt: skip
    return StoredCorrection(
        id=row_id, correction=cleaned, article_id=article_id, event_id=event_id,
        made_by=made_by, made_at=made_at,
    )  # fmt: skip


def latest_corrections(
    store: Store, *, article_id: str | None = None, event_id: str | None = None
) -> dict[str, StoredCorrection]:
    """The latest correction of each corrected mention (by mention id), optionally only those
    of one article or one merged event."""
    condition, params = "TRUE", []
    if article_id is not None:
        condition, params = "article_id = ?", [article_id]
    elif event_id is not None:
        condition, params = (
            "mention_id IN (SELECT id FROM event_mentions WHERE event_id = ?)",
            [event_id],
        )
    relation = store.con.execute(
        f"SELECT * FROM corrections WHERE {condition} "
        "QUALIFY row_number() OVER (PARTITION BY mention_id ORDER BY made_at DESC, id) = 1 "
        "ORDER BY article_id, made_at",
        params,
    )
    columns = [d[0] for d in relation.description or ()]
    return {
        row["mention_id"]: _stored(row)
        for row in (dict(zip(columns, values, strict=True)) for values in relation.fetchall())
    }


def _stored(row: dict[str, Any]) -> StoredCorrection:
    fields = {name: row[name] for name in ("verdict", *FIELDS, "note")}
    return StoredCorrection(
        id=row["id"], correction=Correction(mention_id=row["mention_id"], **fields),
        article_id=row["article_id"], event_id=row["event_id"], made_by=row["made_by"],
        made_at=row["made_at"],
    )  # fmt: skip
