"""Filters shared by the questions: who, what, when, checked at the edge with clear messages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateline.errors import InputError
from dateline.model import PLOVER_EVENTS, TimeStatus

_CODE = re.compile(r"^[A-Z]{3}$")


def day(value: str, what: str = "date") -> date:
    """The first day of a date written 2023-05-10, 2023-05 or 2023.

    Raises:
        InputError: ``value`` is not such a date; the message names ``what``.
    """
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        if len(parts) > 3 or len(parts[0]) != 4:
            raise ValueError(value)
        return date(*numbers[:3])
    except ValueError:
        raise InputError(
            f"{what} {value!r} is not a date like 2023-05-10, 2023-05 or 2023"
        ) from None


def actor_code(value: str, what: str = "actor") -> str:
    """Check an actor code: ISO 3166 alpha-3 or IGO/NGO/IMG/MNC, any case."""
    code = value.strip().upper()
    if not _CODE.match(code):
        raise InputError(
            f"{what} {value!r} is not an actor code; expected three letters like TUR, SYR or IGO"
        )
    return code


def event_type(value: str) -> str:
    """Check a PLOVER event type (any case) or a CAMEO code prefix (digits)."""
    cleaned = value.strip().upper()
    if cleaned in PLOVER_EVENTS or cleaned.isdigit():
        return cleaned
    raise InputError(
        f"event type {value!r} is neither a PLOVER type nor a CAMEO code; "
        f"PLOVER types: {', '.join(PLOVER_EVENTS)}"
    )


# Events that took place: what counts, exports and dyads report unless asked otherwise
HAPPENED: tuple[str, ...] = (TimeStatus.CURRENT.value, TimeStatus.HISTORICAL.value)
ALL_STATUSES: tuple[str, ...] = tuple(s.value for s in TimeStatus)


def statuses(value: str) -> tuple[str, ...] | None:
    """Parse a --status value: "happened", "all" (None: no filter) or a comma list."""
    cleaned = value.strip().lower()
    if cleaned == "all":
        return None
    if cleaned == "happened":
        return HAPPENED
    chosen = tuple(part.strip() for part in cleaned.split(",") if part.strip())
    unknown = [part for part in chosen if part not in ALL_STATUSES]
    if unknown or not chosen:
        raise InputError(
            f"--status {value!r}: expected 'happened', 'all' or a comma list of "
            f"{', '.join(ALL_STATUSES)}"
        )
    return chosen


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events a question is about; every part is optional."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    since: date | None = None
    until: date | None = None
    min_mentions: int = 1
    # negated, hypothetical and future events are stored but not counted unless asked for
    statuses: tuple[str, ...] | None = HAPPENED

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise InputError(f"--since {self.since} is after --until {self.until}")

    def where(self, alias: str = "e") -> tuple[str, dict[str, object]]:
        """A SQL condition on table ``alias`` (events or event_mentions), with named parameters."""
        parts: list[str] = ["TRUE"]
        params: dict[str, object] = {}
        if self.actor:
            parts.append(f"list_contains({alias}.actor_codes, $f_actor)")
            params["f_actor"] = actor_code(self.actor)
        if self.recipient:
            parts.append(f"list_contains({alias}.recipient_codes, $f_recipient)")
            params["f_recipient"] = actor_code(self.recipient, "recipient")
        if self.type:
            kind = event_type(self.type)
            if kind.isdigit():
                parts.append(f"starts_with({alias}.cameo, $f_type)")
            else:
                parts.append(f"{alias}.type = $f_type")
            params["f_type"] = kind
        if self.since:
            parts.append(f"{alias}.date_start >= $f_since")
            params["f_since"] = self.since
        if self.until:
            parts.append(f"{alias}.date_start <= $f_until")
            params["f_until"] = self.until
        if self.statuses is not None:
            parts.append(f"list_contains($f_statuses, {alias}.time_status)")
            params["f_statuses"] = list(self.statuses)
        return " AND ".join(parts), params

    def where_merged(self, alias: str = "e") -> tuple[str, dict[str, object]]:
        """Like ``where``, plus the minimum number of mentions, on the merged ``events`` table."""
        condition, params = self.where(alias)
        if self.min_mentions > 1:
            condition += f" AND {alias}.num_mentions >= $f_min_mentions"
            params["f_min_mentions"] = self.min_mentions
        return condition, params
