"""``dateline ingest``: analyse articles and store them in DuckDB, skipping what is stored."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from dateline.cli.options import count_inputs, pipeline_options, settings_from, with_progress
from dateline.cli.storage import db_option
from dateline.runners.ingest import WRITE_BATCH, IngestReport, ingest_paths
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

    A record that failed in an earlier run is skipped (`dateline retry` tries it again).
    Exit code 0 when every input was stored, 1 when some failed or were skipped as failed
    before (they are listed on stderr), 2 for a usage error, 3 when the run itself failed.

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
    sys.exit(summarise(report, db, time.perf_counter() - started, quiet=quiet))


def summarise(report: IngestReport, db: Path, elapsed: float, *, quiet: bool) -> int:
    """Print the closing line and the failures on stderr; return the exit code.

    Every record read is counted once: stored, skipped (already stored, or failed in an
    earlier run) or failed; stored articles with a failed stage are counted among the stored.
    """
    if not quiet:
        extras = [f"{report.mentions} event mentions"]
        if report.copies:
            extras.append(f"{report.copies} near-duplicates of a stored story")
        if report.stage_failed:
            extras.append(f"{report.stage_failed} with a failed stage")
        if report.truncated:
            extras.append(f"{report.truncated} cut to max_article_chars")
        click.echo(
            f"stored {report.stored} articles ({', '.join(extras)}) in {db} in {elapsed:.1f} s; "
            f"skipped {report.skipped} already stored and {report.skipped_failed} that failed "
            f"before; {report.failed} failed",
            err=True,
        )
    problems = report.failed + report.stage_failed
    if problems:
        click.echo(f"{problems} input(s) failed:", err=True)
        for line in report.failures:
            click.echo(f"  error: {line}", err=True)
        if problems > len(report.failures):
            click.echo(f"  ... and {problems - len(report.failures)} more", err=True)
    if problems or report.skipped_failed:
        retry = " (try them again with: dateline retry)" if report.skipped_failed else ""
        click.echo(f"Inspect them with: dateline failures --db {db}{retry}", err=True)
    return 1 if problems or report.skipped_failed else 0
