"""``dateline evaluate``: score the event coder against PLOVER gold-standard sentences."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from dateline.cli.options import pipeline_options, settings_from
from dateline.cli.storage import db_option, open_reader
from dateline.cli.tables import print_rows
from dateline.errors import InputError
from dateline.evaluation.coding import evaluate_corpus
from dateline.evaluation.corpus import read_articles, read_corpus, standalone
from dateline.evaluation.plover import evaluate as evaluate_gold
from dateline.evaluation.plover import read_gold, read_petrarch_tests
from dateline.evaluation.records import Counts
from dateline.evaluation.scoring import CorpusReport
from dateline.pipeline import Pipeline


@click.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                required=False)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Write the figures as JSON instead.")
@click.option("--corrections", is_flag=True,
              help="Score the events stored in --db against the analyst's corrections in it "
              "(no GOLD file, no model run).")  # fmt: skip
@db_option
@pipeline_options
def evaluate(
    gold: Path | None, as_json: bool, corrections: bool, db: Path, config: Path | None,
    model: str | None, processes: int | None, batch_size: int | None, strict: bool,
    min_confidence: float | None,
) -> None:  # fmt: skip
    """Score event coding against GOLD, a JSON Lines file of gold sentences.

    GOLD is in the corpus format of bench/gold/corpus/ (one sentence per line with "sid",
    "article", offsets and "events"; the articles are read from articles.jsonl beside it):
    type P/R/F1, the whole relation right, actor and recipient code F1, sector, status,
    date and place accuracy. Or in the PLOVER gold-standard format (one sentence per line
    with "text", "event_2021", "source" and "target" lists of {"code", "sector"}), or PETRARCH2's
    unit-test format ("text", "expected"). Prints precision, recall and F1 per event type,
    micro and macro; actor and recipient country-code precision, recall and F1; sector
    accuracy on matched actors; and the most frequent confusions. A sentence with no
    predicted event is a miss; a predicted event not in the gold a false positive.

    Example:

    \b
        dateline evaluate bench/gold/corpus/dev.jsonl
        dateline evaluate bench/gold/plover_gsr_dev.jsonl
        dateline evaluate bench/gold/events_heldout.jsonl --json > scores.json
        dateline evaluate --corrections --db events.duckdb
    """
    if corrections:
        _evaluate_store(db, as_json=as_json)
        return
    if gold is None:
        click.echo("Error: give a GOLD file, or --corrections to score the store", err=True)
        sys.exit(2)
    settings = settings_from(config, model, processes, batch_size, strict, min_confidence)
    first = gold.read_text(encoding="utf-8").lstrip().split("\n", 1)[0]
    if '"sid"' in first and '"events"' in first:
        _evaluate_corpus(gold, Pipeline.from_settings(settings), as_json=as_json)
        return
    try:
        records = read_petrarch_tests(gold) if '"expected"' in first else read_gold(gold)
    except InputError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    report = evaluate_gold(records, Pipeline.from_settings(settings), origin=str(gold))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    e, c = report.events, report.codes
    print_rows(
        ("measure", "precision", "recall", "F1"),
        [
            ("events (micro)", f"{e.precision:.3f}", f"{e.recall:.3f}", f"{e.f1:.3f}"),
            ("events (macro)", "", "", f"{report.macro_f1:.3f}"),
            ("actor+recipient codes", f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}"),
        ],
        title=f"{gold.name}: {report.sentences} sentences; sector accuracy "
        f"{report.sector_accuracy:.3f} on {report.sectors_scored} matched actors",
    )
    _print_types(report.by_type)
    print_rows(
        ("gold", "predicted", "count"),
        [(g, p, str(n)) for (g, p), n in report.confusions.most_common(10)],
        title="most frequent confusions",
    )


def _evaluate_corpus(gold: Path, pipeline: Pipeline, *, as_json: bool) -> None:
    articles_path = gold.parent / "articles.jsonl"
    try:
        sentences = read_corpus(gold)
        articles = (
            read_articles(articles_path, sentences)
            if articles_path.exists()
            else standalone(sentences)
        )
    except InputError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    _print_corpus(gold.name, evaluate_corpus(pipeline, sentences, articles), as_json=as_json)


def _evaluate_store(db: Path, *, as_json: bool) -> None:
    from dateline.evaluation.corrections import score_store

    with open_reader(db) as store:
        report = score_store(store)
    if not report.sentences:
        click.echo(f"no corrections in {db}: make some with `dateline serve --corrections`",
                   err=True)  # fmt: skip
        sys.exit(1)
    _print_corpus(f"{db.name} corrections", report, as_json=as_json)


def _print_corpus(name: str, report: CorpusReport, *, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    t, a, r = report.types, report.actor_codes, report.recipient_codes
    print_rows(
        ("measure", "precision", "recall", "F1 / share"),
        [
            ("event type (micro)", f"{t.precision:.3f}", f"{t.recall:.3f}", f"{t.f1:.3f}"),
            ("event type (macro)", "", "", f"{report.macro_f1:.3f}"),
            ("whole relation right", "", "", f"{report.relation.value:.3f}"),
            ("actor codes", f"{a.precision:.3f}", f"{a.recall:.3f}", f"{a.f1:.3f}"),
            ("recipient codes", f"{r.precision:.3f}", f"{r.recall:.3f}", f"{r.f1:.3f}"),
            ("sector", "", "", f"{report.sectors.value:.3f} of {report.sectors.scored}"),
            ("time status", "", "", f"{report.status.value:.3f} of {report.status.scored}"),
            ("date", "", "", f"{report.dates.value:.3f} of {report.dates.scored}"),
            ("place", "", "", f"{report.places.value:.3f} of {report.places.scored}"),
        ],
        title=f"{name}: {report.sentences} sentences, {report.gold_events} gold events, "
        f"{report.predicted_events} predicted",
    )
    _print_types(report.by_type)


def _print_types(by_type: Mapping[str, Counts]) -> None:
    print_rows(
        ("event type", "gold", "precision", "recall", "F1"),
        [
            (kind, str(n.tp + n.fn), f"{n.precision:.3f}", f"{n.recall:.3f}", f"{n.f1:.3f}")
            for kind, n in sorted(by_type.items())
        ],
    )
