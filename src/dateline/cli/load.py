"""``dateline cluster`` analyses on a Dask cluster into Parquet shards; ``dateline load``
stores the shards in one transaction."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from dateline.cli.options import pipeline_options, settings_from
from dateline.cli.storage import db_option
from dateline.store import RunCounts, Store


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    "run_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the run's Parquet shards (one per partition).",
)
@click.option(
    "--scheduler",
    help="Address of a running Dask scheduler (tcp://host:8786); "
    "default: a local cluster of one process per core.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Print nothing but errors: no line per shard, no summary, no Dask logs.",
)
@pipeline_options
def cluster(
    paths: tuple[str, ...], run_dir: Path, scheduler: str | None, quiet: bool,
    config: Path | None,
    model: str | None, processes: int | None, batch_size: int | None, strict: bool,
    min_confidence: float | None,
) -> None:  # fmt: skip
    """Analyse PATHS on a Dask cluster and write Parquet shards under --out.

    Workers never open the store (DuckDB allows one writer): they write shards, and
    `dateline load` stores them. Needs the extra: pip install "dateline[cluster]".

    Example:

    \b
        dateline cluster examples/ --out runs/example
        dateline cluster examples/ --out runs/quiet --quiet
        dateline load runs/example --db events.duckdb
    """
    from dateline.runners.cluster import analyse_to_shards

    settings = settings_from(config, model, processes, batch_size, strict, min_confidence)
    if quiet:
        # Dask's scheduler and workers log their start and stop at INFO and WARNING
        for name in ("distributed", "dask"):
            logging.getLogger(name).setLevel(logging.ERROR)
    written: list[Path] = []

    def show(shard: Path) -> None:
        written.append(shard)
        if not quiet:
            click.echo(f"shard {len(written)} written: {shard}", err=True)

    report = analyse_to_shards(paths, run_dir, settings, scheduler=scheduler, on_shard=show)
    if not quiet:
        click.echo(
            f"wrote {len(report.shards)} shards of {report.items} inputs to {run_dir}", err=True
        )


@click.command()
@click.argument("run_dir", type=click.Path(file_okay=False, path_type=Path))
@db_option
def load(run_dir: Path, db: Path) -> None:
    """Load the shards under RUN_DIR (written by the cluster runner) into the store DB.

    Every finished shard (one with a _SUCCESS marker) is stored in one transaction; loading
    the same folder again replaces its rows and adds no duplicates.

    Example:

    \b
        dateline cluster examples/ --out runs/example
        dateline load runs/example --db events.duckdb
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
