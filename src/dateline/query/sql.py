"""Any read-only SQL on the store, for questions the ready-made ones do not answer."""

from __future__ import annotations

import duckdb

from dateline.errors import InputError
from dateline.query.results import QueryResult
from dateline.store import Store


def run_sql(store: Store, query: str, limit: int | None = None) -> QueryResult:
    """Run ``query`` on a store opened read-only; writing statements are refused by DuckDB.

    Raises:
        InputError: the SQL is invalid, or tries to write.
    """
    if not store.read_only:
        raise InputError("run_sql needs a store opened with read_only=True")
    if not query.strip():
        raise InputError("the SQL query is empty; try: select * from events limit 10")
    try:
        relation = store.con.sql(query)
        if relation is None:
            raise InputError(f"the statement returned no rows to show: {query.strip()[:80]}")
        rows = (relation if limit is None else relation.limit(limit)).fetchall()
    except duckdb.Error as error:
        message = str(error).splitlines()[0]
        if "read-only" in message.lower():
            raise InputError(f"the store is read-only here; {message}") from error
        raise InputError(f"SQL error: {message}") from error
    return QueryResult(tuple(relation.columns), rows)
