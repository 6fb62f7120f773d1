"""The web view of a store: ``dateline serve`` (events, articles, events' mentions, dyads, a
map) and, with ``--corrections``, an analyst's corrections."""

from dateline.web.app import create_app

__all__ = ["create_app"]
