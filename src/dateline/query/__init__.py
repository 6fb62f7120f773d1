"""Stage 5 of the flow: read-only questions on the store, shared by the CLI and a web layer."""

from dateline.query.actors import top_actors
from dateline.query.events import PERIODS, dyad_timeline, find_events, find_mentions
from dateline.query.filters import EventFilter
from dateline.query.results import QueryResult
from dateline.query.sql import run_sql

__all__ = [
    "PERIODS",
    "EventFilter",
    "QueryResult",
    "dyad_timeline",
    "find_events",
    "find_mentions",
    "run_sql",
    "top_actors",
]
