"""``dateline extract``: analyse articles and print the results, storing nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from dateline.cli.options import count_inputs, pipeline_options, settings_from, with_progress
from dateline.cli.tables import print_event_table
from dateline.ingest import iter_articles
from dateline.model import Failure
from dateline.output import analysis_record, failure_record
from dateline.runners.local import analyse_stream


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one object per article (the output contract).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@pipeline_options
def extract(
    paths: tuple[str, ...], fmt: str, quiet: bool, config: Path | None, model: str | None,
    processes: int | None, batch_size: int | None, strict: bool, min_confidence: float | None,
) -> None:  # fmt: skip
    """Extract events, actors, quotes, places and dates from PATHS and print them.

    PATHS are .txt files as scraped, .html pages, .jsonl files ({"text": ...} or
    {"html": ...} per line), RSS/Atom feeds, folders, or - for JSON Lines on stdin.
    Nothing is stored; use `dateline ingest` for that.

    Example:

    \b
        dateline extract examples/reuters-2023-05-10-moscow-talks.txt --format table
        dateline extract tests/data/real_articles.jsonl > events.jsonl
        cat tests/data/real_articles.jsonl | dateline extract - --format json
    """
    settings = settings_from(config, model, processes, batch_size, strict, min_confidence)
    results = with_progress(
        analyse_stream(iter_articles(paths), settings),
        quiet=quiet or fmt == "table",
        label="articles",
        total=None if quiet else count_inputs(paths),
    )
    failed = 0
    records = []
    for result in results:
        if isinstance(result, Failure):
            failed += 1
            click.echo(f"error: {result.origin}: {result.message}", err=True)
            record = failure_record(result)
        else:
            if result.failures:
                failed += 1
                for failure in result.failures:
                    click.echo(
                        f"error: {result.article.origin}: {failure.stage}: {failure.message}",
                        err=True,
                    )
            record = analysis_record(result)
        if fmt == "jsonl":
            click.echo(_dumps(record))
        else:
            records.append(record)
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "table":
        print_event_table(records)
    sys.exit(1 if failed else 0)


def _dumps(record: dict[str, object]) -> str:
    """The record as one JSON line; if it cannot be written, its failure record instead."""
    try:
        line = json.dumps(record, ensure_ascii=False)
        line.encode("utf-8")  # a lone surrogate would fail only when stdout writes it
        return line
    except (TypeError, ValueError, RecursionError) as error:
        article = record.get("article")
        origin = article.get("origin", "") if isinstance(article, dict) else ""
        failure = Failure(stage="output", origin=str(origin), message=f"cannot be written: {error}")
        click.echo(f"error: {failure.origin}: {failure.message}", err=True)
        return json.dumps(failure_record(failure), ensure_ascii=True)
