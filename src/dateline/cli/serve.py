"""``dateline serve``: the web view of a store, read-only unless ``--corrections``."""

from __future__ import annotations

from pathlib import Path

import click

from dateline.cli.storage import db_option
from dateline.store.corrections import default_user


@click.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; the default is reachable from this machine only.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--corrections",
    is_flag=True,
    help="Let an analyst mark events right or wrong and fix them (opens the store "
    "for writing; needs the token printed at start).",
)
@click.option("--user", help="Name recorded with each correction (default: the OS user).")
@click.option(
    "--rate",
    type=click.FloatRange(min=0),
    default=50.0,
    show_default=True,
    help="Requests a second one client may make (0: no limit).",
)
def serve(db: Path, host: str, port: int, corrections: bool, user: str | None, rate: float) -> None:
    """Browse the store in a web browser: events with filters and downloads, each article
    with its actors, events, quotes, places and times marked, events with all their
    mentions, a dyad chart and a map. Nothing is fetched from the internet.

    Example:

    \b
        dateline serve --db events.duckdb
        dateline serve --corrections --user alice --port 8001
    """
    import uvicorn

    from dateline.web import create_app
    from dateline.web.security import Keys

    keys = Keys()
    app = create_app(db, corrections=corrections, user=user or default_user(), keys=keys, rate=rate)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"dateline: serving {db} at http://{shown}:{port}/ "
        f"({'corrections on' if corrections else 'read-only'}); Ctrl-C stops",
        err=True,
    )
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can reach this server", err=True)
    if corrections:
        click.echo(
            f"corrections: open http://{shown}:{port}/login?token={keys.token} "
            f"(corrections are recorded as {user or default_user()})",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")
