"""``dateline ingest``: analyse articles and store them in DuckDB, skipping what is stored."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from dateline.cli.options import count_inputs, pipeline_options, settings_from, with_progress
from dateline.cli.storage import db_option, reports_errors
from dateline.runners.ingest import WRITE_BATCH, ingest_paths
from dateline.store import Store


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--replace", is_flag=True,
              help="Analyse and store again articles that are already stored.")  # fmt: skip
@click.option(
    "--commit-every",
    type=click.IntRange(min=1),
    default=WRITE_BATCH,
    show_default=True,
    help="Articles per transaction: fewer lose less to a crash, more write faster.",
)
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar and no summary (errors still print).")  # fmt: skip
@pipeline_options
@reports_errors
def ingest(
    paths: tuple[str, ...], db: Path, replace: bool, commit_every: int, quiet: bool,
    config: Path | None, model: str | None, processes: int | None, batch_size: int | None,
    strict: bool, min_confidence: float | None,
) -> None:  # fmt: skip
    """Analyse the articles in PATHS and store them in the DuckDB store DB.

    PATHS are what `dateline extract` reads: .txt, .html, .jsonl, feeds, folders, or - for
    JSON Lines on stdin. Each batch is stored in one transaction; articles already stored
    are skipped, so running the same ingest again (or after a crash) adds no duplicates.
    Inputs that cannot be read are kept, with the reason, in the store's `failures` table.

    Exit code 0 when every input was stored, 1 when some failed (they are listed on
    stderr), 2 for a usage error.

    Example:

    \b
        dateline ingest examples/ tests/data/real_articles.jsonl --db events.duckdb
        DATELINE_DB=events.duckdb dateline ingest tests/data/real_articles.jsonl --quiet
        dateline events --db events.duckdb --actor TUR
    """
    settings = settings_from(config, model, processes, batch_size, strict, min_confidence)
    started = time.perf_counter()
    with Store.open(db) as store:
        report = ingest_paths(
            paths, store, settings, replace=replace, write_batch=commit_every,
            progress=None if quiet else lambda r: with_progress(
                r, quiet=False, label="articles", total=count_inputs(paths)
            ),
        )  # fmt: skip
    elapsed = time.perf_counter() - started
    if not quiet:
        copies = f", {report.copies} near-duplicates of a stored story" if report.copies else ""
        click.echo(
            f"stored {report.stored} articles ({report.mentions} event mentions{copies}) in "
            f"{db} in {elapsed:.1f} s; {report.skipped} already stored, skipped",
            err=True,
        )
    if report.failed:
        click.echo(f"{report.failed} input(s) failed:", err=True)
        for line in report.failures:
            click.echo(f"  error: {line}", err=True)
        if report.failed > len(report.failures):
            click.echo(f"  ... and {report.failed - len(report.failures)} more", err=True)
        click.echo(f"Inspect them with: dateline failures --db {db}", err=True)
        sys.exit(1)
