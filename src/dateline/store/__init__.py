"""Stage 4 of the flow: analyses -> a DuckDB store (schema.sql, numbered migrations)."""

from dateline.store.migrations import SCHEMA_VERSION
from dateline.store.save import SaveReport
from dateline.store.store import DB_ENV, DEFAULT_DB, RunCounts, Store, default_path, table_schemas

__all__ = [
    "DB_ENV",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "RunCounts",
    "SaveReport",
    "Store",
    "default_path",
    "table_schemas",
]
