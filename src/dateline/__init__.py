"""dateline: news articles in, political event data out.

>>> import dateline
>>> pipeline = dateline.Pipeline.from_settings()
>>> [analysis] = dateline.analyse_paths(["article.txt"])  # doctest: +SKIP
"""

from __future__ import annotations

from dateline.model import (
    Actor,
    Analysis,
    Article,
    Dateline,
    Event,
    Failure,
    Place,
    Quote,
    TimeExpression,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Analysis",
    "Article",
    "Dateline",
    "Event",
    "Failure",
    "Place",
    "Quote",
    "TimeExpression",
    "__version__",
]
