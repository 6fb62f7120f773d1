"""Options and helpers shared by several commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from dateline.settings import Settings

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., object])


def pipeline_options(function: F) -> F:
    """--config, --model, --processes, --batch-size, --strict, --min-confidence."""
    decorators = [
        click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Settings file (TOML) with [pipeline] and [stages] tables."),
        click.option("--model", help="Installed spaCy model to use instead of the default."),
        click.option("--processes", type=click.IntRange(min=0),
                     help="Worker processes; 0 (default) uses every core for large inputs."),
        click.option("--batch-size", type=click.IntRange(min=1), help="Articles per spaCy batch."),
        click.option("--strict", is_flag=True, help="Stop at the first stage error."),
        click.option("--min-confidence", type=click.FloatRange(0.0, 1.0),
                     help="Keep events at or above this confidence (default: the coder's "
                     "threshold, chosen on dev for type precision >= 0.8)."),
    ]  # fmt: skip
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def settings_from(
    config: Path | None, model: str | None, processes: int | None, batch_size: int | None,
    strict: bool, min_confidence: float | None = None,
) -> Settings:  # fmt: skip
    """Settings from the config file, overridden by command-line options."""
    settings = Settings.from_toml(config) if config else Settings()
    changes: dict[str, object] = {}
    if model:
        changes["model"] = model
    if processes is not None:
        changes["processes"] = processes
    if batch_size is not None:
        changes["batch_size"] = batch_size
    if strict:
        changes["strict"] = True
    if min_confidence is not None:
        changes["min_confidence"] = min_confidence
    if not changes:
        return settings
    from dataclasses import replace

    return replace(settings, **changes)  # type: ignore[arg-type]


def with_progress(items: Iterable[T], *, quiet: bool, label: str) -> Iterator[T]:
    """Show a progress line on stderr while ``items`` is consumed, unless ``quiet``."""
    if quiet:
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(label, total=None, rate="")
        for count, item in enumerate(items, start=1):
            yield item
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{count / elapsed:.1f} articles/s" if elapsed > 0 else ""
            progress.update(task, advance=1, rate=rate)
