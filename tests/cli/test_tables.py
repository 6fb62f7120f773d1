"""What the terminal shows: status and confidence, whole dates, empty results said in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dateline.cli import cli
from dateline.cli.options import count_inputs, with_progress
from dateline.model import Actor, ActorKind, Analysis, Article, ArticleId, Event, TimeStatus
from dateline.store import Store

TEXT = "Turkish troops shelled Syrian posts in January, and the two sides met again in March."


def event(aid: str, index: int, kind: str, when: str, status: TimeStatus) -> Event:
    turkey = Actor(start=0, end=7, text="Turkish", code="TUR", sector="MIL", kind=ActorKind.STATE)
    syria = Actor(start=23, end=29, text="Syrian", code="SYR", sector="MIL", kind=ActorKind.STATE)
    return Event(
        id=f"{aid}-{index}", type=kind, mode=None, context=(), cameo="190", actors=(turkey,),
        recipients=(syria,), date=when, time_status=status, location=None, quad_code=4,
        score=-10.0, start=0, end=len(TEXT), trigger="shelled", trigger_start=15,
        trigger_end=22, confidence=0.734,
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.duckdb"
    analyses = [
        Analysis(
            article=Article(id=ArticleId("a"), text=TEXT, published=date(2023, 1, 9), source="AP"),
            events=(event("a", 0, "ASSAULT", "2023-01-08", TimeStatus.CURRENT),),
        ),
        Analysis(
            article=Article(id=ArticleId("b"), text=TEXT, published=date(2023, 4, 2), source="AFP"),
            events=(event("b", 0, "THREATEN", "2023-04-01", TimeStatus.HYPOTHETICAL),
                    event("b", 1, "ASSAULT", "2023-04-01", TimeStatus.CURRENT)),
        ),
    ]  # fmt: skip
    with Store.open(path) as store:
        store.save(analyses)
    return path


def run(*args: str | Path, columns: int = 120) -> Result:
    runner = CliRunner(env={"COLUMNS": str(columns)})
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_events_table_shows_status_and_confidence(db: Path) -> None:
    table = run("events", "--db", db, "--status", "all").stdout

    assert "status" in table
    assert "conf" in table
    assert "hypothetical" in table
    assert "current" in table
    assert "0.73" in table


def test_a_narrow_terminal_never_cuts_a_date(db: Path) -> None:
    table = run("events", "--db", db, "--status", "all", columns=50).stdout

    assert "2023-01-08" in table
    assert "2023-04-01" in table


def test_an_empty_result_says_so_with_its_filters(db: Path) -> None:
    events = run("events", "--db", db, "--actor", "FRA")
    dyad = run("dyad", "FRA", "DEU", "--db", db)

    assert "no events match (actor FRA" in events.stdout
    assert "no events between FRA and DEU" in dyad.stdout
    assert events.exit_code == dyad.exit_code == 0


def test_dyad_skip_empty_leaves_out_periods_without_events(db: Path) -> None:
    every = run("dyad", "TUR", "SYR", "--db", db, "--format", "csv").stdout.splitlines()
    skipped = run("dyad", "TUR", "SYR", "--db", db, "--format", "csv", "--skip-empty")

    assert [line[:10] for line in every[1:]] == [
        "2023-01-01", "2023-02-01", "2023-03-01", "2023-04-01"
    ]  # fmt: skip
    assert [line[:10] for line in skipped.stdout.splitlines()[1:]] == ["2023-01-01", "2023-04-01"]


def test_count_inputs_knows_files_and_lines_but_not_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one article")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (tmp_path / ".hidden.txt").write_text("skipped by the reader")
    (tmp_path / "feed.xml").write_text("<rss/>")

    assert count_inputs([tmp_path / "a.txt", tmp_path / "b.jsonl"]) == 3
    assert count_inputs([tmp_path / "a.txt", "-"]) is None
    assert count_inputs([tmp_path]) is None  # a feed: its items are unknown until read
    (tmp_path / "feed.xml").unlink()
    assert count_inputs([tmp_path]) == 3


def test_progress_counts_against_the_total_with_an_eta(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def items() -> list[int]:
        return [1, 2, 3]

    shown = with_progress(iter(items()), quiet=False, label="articles", total=3)

    assert list(shown) == [1, 2, 3]
    line = capsys.readouterr().err
    assert "articles" in line
    assert "3/3" in line
    assert "ETA" in line
