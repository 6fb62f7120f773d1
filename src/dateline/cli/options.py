"""Options and helpers shared by several commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import click

from dateline.ingest.paths import walk
from dateline.ingest.readers import FEED_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, KNOWN_SUFFIXES
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


def with_progress(
    items: Iterable[T], *, quiet: bool, label: str, total: int | None = None
) -> Iterator[T]:
    """Show a progress line on stderr while ``items`` is consumed, unless ``quiet``.

    Until the first item arrives the line says "loading model" (the pipeline loads spaCy and
    the coder lazily, which takes seconds); with a ``total`` it shows the share done and an
    estimate of the time left.
    """
    if quiet:
        yield from items
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    columns = [SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]  # fmt: skip
    if total is not None:
        columns[2:2] = [BarColumn(bar_width=20)]
        columns.append(TextColumn("ETA"))
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("loading model", total=total, rate="")
        for count, item in enumerate(items, start=1):
            if count == 1:
                progress.update(task, description=label)
            yield item
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{count / elapsed:.1f} articles/s" if elapsed > 0 else ""
            progress.update(task, advance=1, rate=rate)
        progress.update(task, description=label)  # also when there was nothing to analyse


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """How many articles ``paths`` hold, when a cheap look can tell; None when it cannot.

    One article per text or HTML file, one per non-blank line of JSON Lines; standard input,
    feeds and JSON files are unknown until read. Inputs the reader will refuse still count:
    the bar advances for each of them too, as a failure. Folders are walked as the reader
    walks them.
    """
    total = 0
    for raw in paths:
        if str(raw) == "-":
            return None
        for found in walk(Path(raw), KNOWN_SUFFIXES - {""}):
            if isinstance(found, Path) and found.suffix.lower() in JSON_SUFFIXES | FEED_SUFFIXES:
                return None
            if isinstance(found, Path) and found.suffix.lower() in JSONL_SUFFIXES:
                total += _lines(found)
            else:
                total += 1
    return total


def _lines(file: Path) -> int:
    try:
        with file.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1
