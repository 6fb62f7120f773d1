import json

import pytest
from click.testing import CliRunner

from dateline.cli import cli

CONTRACT_KEYS = {"id", "article", "actors", "events", "places", "quotes", "errors"}
ARTICLE_KEYS = {
    "title",
    "published",
    "source",
    "url",
    "dateline",
    "authors",
    "editors",
    "language",
    "text",
}
EVENT_KEYS = {"id", "event", "mode", "context", "cameo", "actor", "recipient", "date", "time_status",
              "location", "quad_code", "score", "text", "start", "end", "trigger", "confidence"}  # fmt: skip


def run(*args, stdin=None):
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_extract_writes_the_output_contract(seed_path):
    result = run("extract", str(seed_path), "--quiet")
    assert result.exit_code == 0
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert set(record) >= CONTRACT_KEYS
    assert set(record["article"]) >= ARTICLE_KEYS
    assert set(record["article"]["dateline"]) >= {"place", "country", "date", "agency"}
    assert record["events"]
    assert all(set(e) >= EVENT_KEYS for e in record["events"])
    text = record["article"]["text"]
    for item in record["actors"] + record["places"] + record["quotes"] + record["events"]:
        assert 0 <= item["start"] <= item["end"] <= len(text)
    for actor in record["actors"]:
        assert text[actor["start"] : actor["end"]] == actor["text"]


def test_extract_json_and_table_formats(seed_path):
    as_json = run("extract", str(seed_path), "--format", "json", "--quiet")
    assert as_json.exit_code == 0
    assert json.loads(as_json.stdout)[0]["article"]["source"] == "Reuters"
    table = run("extract", str(seed_path), "--format", "table")
    assert table.exit_code == 0
    assert "CONSULT" in table.stdout


def test_extract_reads_stdin():
    record = {
        "id": "s1",
        "text": "Iran and Iraq signed a trade agreement in Baghdad on Monday.",
        "published": "2024-03-04",
    }
    result = run("extract", "-", "--quiet", stdin=json.dumps(record) + "\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["id"] == "s1"


def test_extract_bad_inputs_exit_1_name_the_input_and_others_go_on(tmp_path, seed_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "Turkey and Syria held talks."}\n{not json\n')
    result = run(
        "extract", str(empty), str(tmp_path / "missing.txt"), str(broken), str(seed_path), "--quiet"
    )
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5
    errors = [r["errors"][0]["message"] for r in records if r["errors"]]
    assert any(str(empty) in m and "empty file" in m for m in errors)
    assert any("missing.txt" in m and "no such file" in m for m in errors)
    assert any(f"{broken}:2" in m and "invalid JSON" in m for m in errors)
    assert records[-1]["article"]["source"] == "Reuters"
    assert not records[-1]["errors"]
    assert "missing.txt" in result.stderr


def test_extract_unknown_model_is_a_usage_error(seed_path):
    result = run("extract", str(seed_path), "--model", "no_such_model_xyz", "--quiet")
    assert result.exit_code == 2
    assert "no_such_model_xyz" in result.stderr


def test_extract_help_has_an_example():
    result = run("extract", "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


@pytest.mark.issue(9)
def test_extract_min_confidence_moves_the_threshold_both_ways(seed_path):
    def events(*extra):
        result = run("extract", str(seed_path), "--processes", "1", "-q", *extra)
        assert result.exit_code == 0
        return json.loads(result.stdout)["events"]

    default, loose, strict = (
        events(),
        events("--min-confidence", "0.1"),
        events("--min-confidence", "0.99"),
    )
    assert len(loose) > len(default) > len(strict)
    assert all(e["confidence"] >= 0.1 for e in loose)
