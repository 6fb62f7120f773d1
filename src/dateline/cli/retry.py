"""``dateline retry``: read, analyse and store again the inputs that failed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from dateline.cli.ingest import summarise
from dateline.cli.options import pipeline_options, settings_from, with_progress
from dateline.cli.storage import db_option
from dateline.runners.retry import retry_failures
from dateline.store import Store


@click.command()
@db_option
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary (errors still print).")  # fmt: skip
@pipeline_options
def retry(
    db: Path, quiet: bool, config: Path | None, model: str | None, processes: int | None,
    batch_size: int | None, strict: bool, min_confidence: float | None,
) -> None:  # fmt: skip
    """Try again every input stored as a failure in DB, from the raw input kept for it.

    An ingest rerun skips records that failed before, so one bad record never stops it
    twice; retry them after a fix or with other settings (a larger time budget, say). A
    record that stores now replaces its failure; one that fails again keeps one failure.
    Exit codes as for `dateline ingest`.

    Example:

    \b
        dateline ingest tests/data/real_articles.jsonl --db events.duckdb
        dateline retry --db events.duckdb
        dateline failures --db events.duckdb
    """
    settings = settings_from(config, model, processes, batch_size, strict, min_confidence)
    started = time.perf_counter()
    with Store.open(db) as store:
        report = retry_failures(
            store, settings,
            progress=None if quiet else lambda r: with_progress(r, quiet=False, label="articles"),
        )  # fmt: skip
    sys.exit(summarise(report, db, time.perf_counter() - started, quiet=quiet))
