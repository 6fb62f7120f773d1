"""``dateline export``: the store as JSON Lines, CSV, Parquet (partitioned by date), GDELT or
GeoJSON."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TextIO

import click

from dateline.cli.storage import (
    build_filter,
    db_option,
    filter_options,
    names_store_faults,
    open_reader,
)
from dateline.errors import InputError
from dateline.export import (
    FORMATS,
    LEVELS,
    write_csv,
    write_gdelt,
    write_geojson,
    write_gold,
    write_jsonl,
    write_parquet,
)


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl, csv, parquet (a folder, partitioned year=/month=), gdelt (GDELT 2.0 "
    "event table, tab-separated), geojson (located events as a FeatureCollection of Points), "
    "gold (a folder: the analyst's corrections as a gold corpus that `dateline evaluate` reads).",
)
@click.option(
    "--level",
    type=click.Choice(LEVELS),
    default="events",
    show_default=True,
    help="events: each real-world event once; mentions: each event as coded in each "
    "article; articles: the full output contract per article (jsonl only).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File (folder for parquet) to write; default stdout.",
)
@click.option("--header", is_flag=True, help="gdelt: start with a line of GDELT column names.")
@filter_options
@names_store_faults
def export(
    db: Path, fmt: str, level: str, output: Path | None, header: bool, actor: str | None,
    recipient: str | None, event_type: str | None, since: date | None, until: date | None,
    min_mentions: int, status: str,
) -> None:  # fmt: skip
    """Export the stored events (or mentions, or articles) for other tools.

    Example:

    \b
        dateline export --format jsonl > events.jsonl
        dateline export --format jsonl --level articles -o articles.jsonl
        dateline export --format csv --actor TUR --since 2023-01 -o turkey.csv
        dateline export --format parquet -o events-parquet/
        dateline export --format gdelt -o events.export.CSV
        dateline export --format geojson --type ASSAULT -o assaults.geojson
        dateline export --format gold -o gold/ && dateline evaluate gold/corrections.jsonl
    """
    where = build_filter(actor, recipient, event_type, since, until, min_mentions, status)
    if fmt in ("gdelt", "geojson") and level != "events":
        raise InputError(f"the {fmt} export is one record per event: use --level events")
    if fmt in ("parquet", "gold") and output is None:
        raise InputError(f"{fmt} export writes a folder: give it with --output FOLDER")
    with open_reader(db) as store:
        if fmt == "gold":
            assert output is not None
            count = write_gold(store, output)
            click.echo(f"exported {count} corrected sentences as gold to {output}", err=True)
            return
        if fmt == "parquet":
            assert output is not None
            count = write_parquet(store, output, level, where)
        else:
            with _text_out(output) as out:
                if fmt == "jsonl":
                    count = write_jsonl(store, out, level, where)
                elif fmt == "csv":
                    count = write_csv(store, out, level, where)
                elif fmt == "geojson":
                    count = write_geojson(store, out, where)
                else:
                    count = write_gdelt(store, out, where, header=header)
    noun = {"gdelt": "rows", "geojson": "located events"}.get(fmt, level)
    click.echo(f"exported {count} {noun} as {fmt}"
               f"{f' to {output}' if output else ''}", err=True)  # fmt: skip


@contextlib.contextmanager
def _text_out(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from error
    with handle:
        yield handle
