"""Scoring dateline against gold data: events (PLOVER), places, quotes, dates."""
