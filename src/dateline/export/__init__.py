"""Exports of the store: JSON Lines, CSV, Parquet partitioned by date, GDELT 2.0 layout,
GeoJSON, and the analyst's corrections as gold data."""

from dateline.export.delimited import write_csv
from dateline.export.gdelt import GDELT_COLUMNS, write_gdelt
from dateline.export.geojson import write_geojson
from dateline.export.gold import write_gold
from dateline.export.jsonl import write_jsonl
from dateline.export.parquet import write_parquet
from dateline.export.tables import LEVELS

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "gdelt", "geojson", "gold")

__all__ = [
    "FORMATS",
    "GDELT_COLUMNS",
    "LEVELS",
    "write_csv",
    "write_gdelt",
    "write_geojson",
    "write_gold",
    "write_jsonl",
    "write_parquet",
]
