"""The Dask adapter: a LocalCluster worker writes shards that `dateline load` stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.settings import Settings
from dateline.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "fakes_sample.jsonl"


@pytest.mark.slow  # starts a Dask worker that loads the model: ~10 s alone
def test_cluster_shards_load_into_the_store_once(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from dateline.runners.cluster import analyse_to_shards

    run_dir = tmp_path / "run"
    cluster = distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                                       dashboard_address=None)  # fmt: skip
    with distributed.Client(cluster) as client:
        report = analyse_to_shards([SAMPLE], run_dir, Settings(), client=client, partition=4)
    cluster.close()
    db = tmp_path / "store.duckdb"

    first = CliRunner().invoke(cli, ["load", str(run_dir), "--db", str(db)])
    again = CliRunner().invoke(cli, ["load", str(run_dir), "--db", str(db)])

    assert (report.items, len(report.shards)) == (10, 3)
    assert (first.exit_code, again.exit_code) == (0, 0), first.stderr
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == 10
        assert store.count("event_mentions") > 0
        statuses = store.con.sql("SELECT command, status FROM runs").fetchall()
    assert statuses == [("load", "complete"), ("load", "complete")]


@pytest.mark.slow  # starts a Dask worker that loads the model
def test_cluster_command_writes_shards_that_load_and_is_silent_when_quiet(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, processes=True, threads_per_worker=1,
                                       dashboard_address=None)  # fmt: skip

    def run(out: Path, *extra: str) -> object:
        args = ["cluster", str(SAMPLE), "--out", str(out), "--scheduler", cluster.scheduler_address]
        return CliRunner().invoke(cli, [*args, *extra])

    try:
        result = run(tmp_path / "run")
        quiet = run(tmp_path / "quiet", "--quiet")
    finally:
        cluster.close()
    assert result.exit_code == 0, result.output
    assert "shard 1 written" in result.stderr
    assert "wrote 1 shards of 10 inputs" in result.stderr
    assert (quiet.exit_code, quiet.stderr, quiet.stdout) == (0, "", "")
    assert len(list((tmp_path / "quiet").glob("shard-*"))) == 1
    loaded = CliRunner().invoke(
        cli, ["load", str(tmp_path / "run"), "--db", str(tmp_path / "s.duckdb")]
    )
    assert loaded.exit_code == 0
