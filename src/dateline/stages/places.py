"""DEVELOPMENT PLACEHOLDER: being rewritten; returns nothing yet."""

from __future__ import annotations

from typing import Any


class GazetteerPlaceFinder:
    """Placeholder."""

    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp

    def __call__(self, *args: Any) -> tuple[()]:
        return ()

    def locate(self, dateline: Any) -> None:
        return None
