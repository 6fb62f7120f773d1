"""Any read-only SQL on the store, for questions the ready-made ones do not answer.

Two locks keep it read-only: the statement is parsed by DuckDB's own parser and only a single
``SELECT`` (``WITH ... SELECT``, ``FROM ...``, ``DESCRIBE``, ``SHOW``) passes; and it runs on a
reader connection with external access, extensions and configuration changes off (see
``dateline.store.connect``), so even a SELECT cannot read a file or a URL.
"""

from __future__ import annotations

import duckdb

from dateline.errors import InputError, StoreError
from dateline.query.results import QueryResult
from dateline.store import Store
from dateline.store.connect import describe_fault, first_line, is_store_fault

_EXAMPLE = "try: select * from events limit 10"


def run_sql(store: Store, query: str, limit: int | None = None) -> QueryResult:
    """Run one SELECT ``query`` on a store opened read-only.

    Raises:
        InputError: the SQL is empty, invalid, more than one statement, not a SELECT (COPY,
            ATTACH, INSTALL, SET, PRAGMA, CALL, writes...), or reaches outside the store.
        StoreError: the store itself could not be read (a truncated or corrupt block).
    """
    if not store.read_only:
        raise InputError("run_sql needs a store opened with read_only=True")
    check_select(query)
    try:
        relation = store.con.sql(query)
        if relation is None:
            raise InputError(f"the statement returned no rows to show: {query.strip()[:80]}")
        rows = (relation if limit is None else relation.limit(limit)).fetchall()
    except duckdb.PermissionException as error:
        raise InputError(
            f"refused: queries may read only the store's tables, not files, URLs or "
            f"extensions ({first_line(error)})"
        ) from error
    except duckdb.Error as error:
        if is_store_fault(error):
            raise StoreError(describe_fault(store.path, error)) from error
        message = first_line(error)
        if "read-only" in message.lower():
            raise InputError(f"refused: the store is read-only here; {message}") from error
        raise InputError(f"SQL error: {message}") from error
    return QueryResult(tuple(relation.columns), rows)


def check_select(query: str) -> None:
    """Accept exactly one SELECT statement, as DuckDB's parser reads it.

    Raises:
        InputError: empty, unparseable, several statements, or another kind of statement.
    """
    if not query.strip().strip(";").strip():
        raise InputError(f"the SQL query is empty; {_EXAMPLE}")
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as error:
        raise InputError(f"SQL error: {first_line(error)}") from error
    if len(statements) != 1:
        raise InputError(
            f"refused: {len(statements)} statements; `dateline sql` is read-only and runs a "
            "single SELECT"
        )
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise InputError(
            f"refused: {kind.name} statement; `dateline sql` is read-only and runs only a "
            f"SELECT (or WITH ... SELECT) on the store; {_EXAMPLE}"
        )
