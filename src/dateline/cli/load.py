"""``dateline load``: store the Parquet shards that cluster workers wrote, in one transaction."""

from __future__ import annotations

from pathlib import Path

import click

from dateline.cli.storage import db_option, reports_errors
from dateline.store import RunCounts, Store


@click.command()
@click.argument("run_dir", type=click.Path(file_okay=False, path_type=Path))
@db_option
@reports_errors
def load(run_dir: Path, db: Path) -> None:
    """Load the shards under RUN_DIR (written by the cluster runner) into the store DB.

    Every finished shard (one with a _SUCCESS marker) is stored in one transaction; loading
    the same folder again replaces its rows and adds no duplicates.

    Example:

    \b
        dateline load runs/2023-05-10/ --db events.duckdb
    """
    with Store.open(db) as store:
        run_id = store.begin_run("load", [str(run_dir)])
        try:
            report = store.load_shards(run_dir, run_id)
        except BaseException:
            store.finish_run(run_id, RunCounts(), "failed")
            raise
        counts = RunCounts(report.articles + report.input_failures, report.articles, 0,
                           report.input_failures + report.stage_failures)  # fmt: skip
        store.finish_run(run_id, counts)
    click.echo(
        f"loaded {report.articles} articles ({report.mentions} event mentions, "
        f"{report.input_failures} unreadable inputs) from {run_dir} into {db}",
        err=True,
    )
