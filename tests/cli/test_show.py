"""``dateline show`` and ``dateline codes`` on a real store and the shipped code tables."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dateline.cli import cli
from dateline.store import Store


def _ids(db: Path) -> tuple[str, str, str]:
    with Store.open(db, read_only=True) as store:
        article = store.con.sql("SELECT id FROM articles").fetchall()[0][0]
        event, mention = store.con.sql(
            "SELECT event_id, id FROM event_mentions WHERE type = 'AID'"
        ).fetchall()[0]
    return article, event, mention


def test_show_article_marks_spans_and_explains_codes(seed_db: Path) -> None:
    article, _, _ = _ids(seed_db)
    result = CliRunner().invoke(cli, ["show", article, "--db", str(seed_db)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "[met]{EVENT CONSULT 040}" in out
    assert "[Moscow]{PLACE RUS}" in out
    assert "[Wednesday]{TIME 2023-05-10}" in out
    assert "CAMEO 040 Consult; verbal cooperation, Goldstein +1.0" in out
    assert "actor TUR/GOV (Turkey, government)" in out


def test_show_event_and_mention_print_only_their_sentence(seed_db: Path, tmp_path: Path) -> None:
    _, event, mention = _ids(seed_db)
    page = tmp_path / "event.html"
    for ident in (event, mention):
        result = CliRunner().invoke(cli, ["show", ident, "--db", str(seed_db), "--html", str(page)])
        assert result.exit_code == 0, result.output
        assert "[backed]{EVENT AID 070}" in result.output
        assert "[met]" not in result.output
    html = page.read_text(encoding="utf-8")
    assert "<style>" in html
    assert 'src="/static' not in html
    assert "EVENT AID 070" in html


def test_show_finds_an_article_by_the_file_it_was_read_from(seed_db: Path) -> None:
    article, _, _ = _ids(seed_db)
    with Store.open(seed_db, read_only=True) as store:
        origin = store.con.sql("SELECT origin FROM articles").fetchall()[0][0]
    stem = Path(origin).stem

    for name in (origin, Path(origin).name, stem):
        result = CliRunner().invoke(cli, ["show", name, "--db", str(seed_db)])
        assert result.exit_code == 0, result.output
        assert f"id {article}" in result.output


def test_show_names_an_unknown_id(seed_db: Path) -> None:
    result = CliRunner().invoke(cli, ["show", "nothing-like-this", "--db", str(seed_db)])
    assert result.exit_code == 2
    assert "'nothing-like-this' is no article, event or event mention id" in result.output


def test_codes_looks_up_both_ways() -> None:
    runner = CliRunner()
    by_code = runner.invoke(cli, ["codes", "042"])
    assert "Make a visit" in by_code.output
    assert "Syria" in runner.invoke(cli, ["codes", "SYR/GOV"]).output
    assert "government" in runner.invoke(cli, ["codes", "SYR/GOV"]).output
    by_name = runner.invoke(cli, ["codes", "Turkey"]).output
    assert "TUR" in by_name
    assert "046" in runner.invoke(cli, ["codes", "negotiation"]).output
    assert "ASSAULT" in runner.invoke(cli, ["codes", "ASSAULT"]).output
    assert "no code or name matches" in runner.invoke(cli, ["codes", "zzzqqq"]).output
