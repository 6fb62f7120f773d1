"""The README's promises hold: its test command is what CI runs, every command documents an
example, and the package's modules stay small."""

from __future__ import annotations

import re
from pathlib import Path

import click
from click.testing import CliRunner

from dateline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [
        line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")
    ]


def test_docs_quick_start_has_two_commands():
    assert len(quick_start()) == 2


def test_docs_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start()[1] in ci.splitlines()


def test_docs_every_command_has_an_example_and_is_in_the_readme():
    assert isinstance(cli, click.Group)
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example:" in result.output, f"dateline {name} --help has no example"
        assert f"dateline {name}" in README, f"README does not mention dateline {name}"


def test_docs_modules_stay_small():
    for path in (ROOT / "src" / "dateline").rglob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 520, f"{path.relative_to(ROOT)} has {lines} lines; split it"


def test_docs_no_utils_module():
    assert not list((ROOT / "src").rglob("utils.py"))
