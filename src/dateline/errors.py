"""Exceptions raised by dateline.

* DatelineError
  + InputError            bad article, settings or query: the user can fix it
    - ArticleError        one input could not be read as an article
    - SettingsError       a setting names something that does not exist
  + StageError            a pipeline stage raised; carries the stage name, keeps the cause
  + StoreError            the database refused a write or has an unknown schema
    - StoreLockedError    another process holds the store's lock
  + TimeBudgetError       one article took longer than its time budget
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base of everything dateline raises on purpose."""


class InputError(DatelineError):
    """Input the user can fix: an article, a setting, a query."""


class ArticleError(InputError):
    """One input could not be read as an article; ``origin`` names it ("news.jsonl:12")."""

    def __init__(self, origin: str, message: str, raw: str | None = None) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.reason = message
        self.raw = raw


class SettingsError(InputError):
    """A setting is invalid or names something that is not installed."""


class StageError(DatelineError):
    """A pipeline stage raised; the pipeline turns this into a stored Failure."""

    def __init__(self, stage: str, cause: BaseException) -> None:
        super().__init__(f"stage {stage!r} failed: {type(cause).__name__}: {cause}")
        self.stage = stage
        self.cause = cause


class StoreError(DatelineError):
    """The store could not be opened, migrated or written."""


class StoreLockedError(StoreError):
    """Another process holds the store's lock and did not let go in time."""


class TimeBudgetError(DatelineError):
    """One article took longer than its time budget; the article becomes a Failure.

    The pipeline's stage guard lets it through, so the whole article fails, not one stage.
    """

    def __init__(self, seconds: float, where: str) -> None:
        super().__init__(f"over the time budget of {seconds:g} s (stopped in {where})")
        self.seconds = seconds
        self.where = where
