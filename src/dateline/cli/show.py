"""``dateline show`` (an article's or event's sentences with their spans marked and the codes
explained) and ``dateline codes`` (what a code means, or which code a name has)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from dateline.cli.storage import db_option, open_reader
from dateline.cli.tables import print_rows
from dateline.codes import describe_event, lookup, party_name
from dateline.errors import InputError
from dateline.query.articles import ArticleView, Span, article_view, find_article_of, party_label
from dateline.store import Store


def marked_text(text: str, spans: list[Span], start: int, end: int) -> str:
    """``text[start:end]`` with each span as ``[words]{LABEL}``, nested spans inside."""
    inside = [s for s in spans if start <= s.start and s.end <= end and s.end > s.start]
    opens: dict[int, int] = {}
    closes: dict[int, list[str]] = {}
    for span in inside:
        opens[span.start] = opens.get(span.start, 0) + 1
        closes.setdefault(span.end, []).append(span.label)
    out = []
    for at in range(start, end + 1):
        for label in reversed(closes.get(at, [])):
            out.append(f"]{{{label}}}")
        out.append("[" * opens.get(at, 0))
        if at < end:
            out.append(text[at])
    return "".join(out)


def _explain(mention: dict[str, Any]) -> list[str]:
    lines = [f"  event {mention['id']}: {describe_event(mention['type'], mention['cameo'])}"]
    for role in ("actor", "recipient"):
        for actor in mention[role] or ():
            label = party_label(actor)
            lines.append(f"    {role} {label} ({party_name(label)}): {actor['text']!r}")
    place = mention["location"]
    where = f"{place['name'] or place['text']} ({place['country'] or '?'})" if place else "-"
    lines.append(
        f"    {mention['time_status']}, date {mention['date'] or '-'}, place {where}, "
        f"confidence {mention['confidence']:.2f}"
    )
    return lines


def _print_mentions(view: ArticleView, mentions: list[dict[str, Any]]) -> None:
    click.echo(
        f"{view.title or view.id} ({view.outlet or '?'}, {view.published or 'no date'}) "
        f"id {view.id}"
    )
    if not mentions:
        click.echo("  no event coded in this article")
    sentences: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for mention in mentions:
        sentences.setdefault((mention["char_start"], mention["char_end"]), []).append(mention)
    for (start, end), found in sorted(sentences.items()):
        click.echo("")
        click.echo("  " + marked_text(view.text, view.spans, start, end).replace("\n", " "))
        for mention in found:
            click.echo("\n".join(_explain(mention)))
    click.echo("")


@click.command()
@click.argument("ident", metavar="ARTICLE_ID|EVENT_ID")
@db_option
@click.option(
    "--html",
    "html",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the web view's page of it to this file (self-contained).",
)
def show(ident: str, db: Path, html: Path | None) -> None:
    """Print the sentences of an article (or of a merged event or event mention) with the
    actors, triggers, quotes, places and times marked as [words]{LABEL}, and what each
    event's codes mean. An article may be named by its id or by the file it was read from.

    Example:

    \b
        dateline ingest examples/reuters-2023-05-10-moscow-talks.txt
        dateline show reuters-2023-05-10-moscow-talks
        dateline show 0e9cbf65cde16d07 --html article.html
    """
    with open_reader(db) as store:
        found = find_article_of(store, ident)
        if found is None:
            raise InputError(
                f"{ident!r} is no article, event or event mention id (nor one article's file) in "
                f"{db}; "
                "list them with `dateline events` or `dateline sql`"
            )
        kind, article_id = found
        _show(store, kind, ident, article_id)
        if html is not None:
            from dateline.web.standalone import standalone_page

            page = standalone_page(
                store,
                "event" if kind == "event" else "article",
                ident if kind == "event" else article_id,
            )
            try:
                html.write_text(page or "", encoding="utf-8")
            except OSError as error:
                raise InputError(f"{html}: cannot write: {error.strerror}") from error
            click.echo(f"wrote {html}", err=True)


def _show(store: Store, kind: str, ident: str, article_id: str) -> None:
    if kind != "event":
        view = article_view(store, article_id)
        assert view is not None
        wanted = [m for m in view.mentions if kind == "article" or m["id"] == ident]
        _print_mentions(view, wanted)
        return
    from dateline.query.articles import event_mentions

    _, views = event_mentions(store, ident)
    for view in views:
        _print_mentions(view, view.mentions)


@click.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=30, show_default=True)
def codes(query: str, limit: int) -> None:
    """Look up a code or a name: a CAMEO code (042, or 04 for all under it), a PLOVER type
    (ASSAULT), an actor code (SYR, SYR/GOV, IGO), a sector (MIL), or words of a name
    (Syria, negotiate, military).

    Example:

    \b
        dateline codes 042
        dateline codes SYR/GOV
        dateline codes "Turkey"
        dateline codes negotiate
    """
    found = lookup(query, limit)
    if not found:
        click.echo(f"no code or name matches {query!r}")
        return
    print_rows(("kind", "code", "meaning"), [(c.kind, c.code, c.name) for c in found])
