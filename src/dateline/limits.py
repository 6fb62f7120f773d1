"""Limits on one article: its size (cut at a paragraph or refused) and its time budget.

The time budget is kept two ways: the pipeline checks the deadline between stages, and,
where the process can take signals (the main thread of a worker or of the command), a
timer interrupts a stage that runs away inside itself. A thread of a Dask worker has only
the checks between stages.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import FrameType

from dateline.errors import TimeBudgetError
from dateline.model import Article

# the key in Article.meta that records the length of a text that was cut
TRUNCATED_FROM = "truncated_from"


def cut_to_size(article: Article, max_chars: int) -> Article:
    """The article cut to at most ``max_chars`` characters at its last paragraph break
    (a sentence end or a space when no paragraph ends in the second half); the original
    length is kept in ``meta["truncated_from"]``. An article within the limit is returned."""
    text = article.text
    if len(text) <= max_chars:
        return article
    half = max_chars // 2
    end = text.rfind("\n", half, max_chars + 1)
    if end < 0:
        end = max(text.rfind(". ", half, max_chars), text.rfind("? ", half, max_chars))
        end = end + 1 if end >= 0 else text.rfind(" ", half, max_chars + 1)
    if end < 0:
        end = max_chars
    meta = {**article.meta, TRUNCATED_FROM: len(text)}
    return replace(article, text=text[:end].rstrip(), meta=meta)


class Budget:
    """The time one article may take; ``where`` names the step it is in."""

    def __init__(self, seconds: float, where: str = "the parse") -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds if seconds > 0 else math.inf
        self.where = where

    def check(self, where: str) -> None:
        """Note that ``where`` begins.

        Raises:
            TimeBudgetError: the deadline has passed.
        """
        self.where = where
        if time.monotonic() > self.deadline:
            raise TimeBudgetError(self.seconds, where)

    @contextmanager
    def enforced(self) -> Iterator[Budget]:
        """Interrupt the code inside with TimeBudgetError when the deadline passes.

        Uses SIGALRM, so only in the main thread of a process on a system that has it;
        elsewhere only ``check`` keeps the budget.
        """
        remaining = self.deadline - time.monotonic()
        if (
            math.isinf(remaining)
            or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()
        ):
            yield self
            return

        def interrupt(signum: int, frame: FrameType | None) -> None:
            raise TimeBudgetError(self.seconds, self.where)

        previous = signal.signal(signal.SIGALRM, interrupt)
        signal.setitimer(signal.ITIMER_REAL, max(remaining, 0.001))
        try:
            yield self
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
