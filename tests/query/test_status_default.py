"""``events``, ``dyad``, ``actors`` and ``export`` count only events that happened unless
``--status`` says otherwise: checked through the real CLI on a real store."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.model import Actor, ActorKind, Analysis, Article, ArticleId, Event, TimeStatus
from dateline.store import Store

pytestmark = pytest.mark.issue(10)


TEXT = "Turkish forces shelled Syrian army posts. Officials from both sides met later."


def party(code: str) -> Actor:
    return Actor(start=0, end=7, text="Turkish", code=code, sector="GOV", kind=ActorKind.STATE)


def build(path: Path) -> None:
    shelling = Event(
        id="a-0", type="ASSAULT", mode=None, context=(), cameo="190", actors=(party("TUR"),),
        recipients=(party("SYR"),), date="2023-05-01", time_status=TimeStatus.CURRENT,
        location=None, quad_code=4, score=-10.0, start=0, end=40, trigger="shelled",
        trigger_start=15, trigger_end=22, confidence=0.8,
    )  # fmt: skip
    happened = Analysis(
        article=Article(id=ArticleId("a"), text=TEXT, published=date(2023, 5, 1), source="AP"),
        events=(shelling,),
    )
    denied = replace(shelling, id="b-0", type="CONSULT", cameo="040", quad_code=1,
                     score=1.0, time_status=TimeStatus.NEGATED)  # fmt: skip
    with Store.open(path) as store:
        store.save([happened, Analysis(
            article=Article(id=ArticleId("b"), text=TEXT, published=date(2023, 5, 2),
                            source="AFP"),
            events=(denied,),
        )])  # fmt: skip


def lines(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_every_read_command_counts_only_what_happened_by_default(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    build(Path(db))

    assert [r["event"] for r in lines("events", "--db", db, "--format", "jsonl")] == ["ASSAULT"]
    everything = lines("events", "--db", db, "--format", "jsonl", "--status", "all")
    assert sorted(r["event"] for r in everything) == ["ASSAULT", "CONSULT"]

    [month] = lines("dyad", "TUR", "SYR", "--db", db, "--format", "jsonl")
    assert (month["events"], month["verbal_cooperation"], month["material_conflict"]) == (1, 0, 1)
    [month] = lines("dyad", "TUR", "SYR", "--db", db, "--format", "jsonl", "--status", "all")
    assert (month["events"], month["verbal_cooperation"]) == (2, 1)

    ranking = {r["actor"]: r["events"] for r in lines("actors", "--db", db, "--format", "jsonl")}
    assert ranking == {"TUR": 1, "SYR": 1}

    exported = lines("export", "--db", db, "--format", "jsonl")
    assert [r["event"] for r in exported] == ["ASSAULT"]
    assert all("time_status" in r for r in exported)
    negated = lines("export", "--db", db, "--format", "jsonl", "--status", "negated")
    assert [(r["event"], r["time_status"]) for r in negated] == [("CONSULT", "negated")]
