"""Ingest: read -> skip what is stored -> analyse (``local.analyse_stream``) -> save in batches.

Streams: memory holds one write batch plus the runner's bounded window, however many
articles come in. Each batch is one transaction, so a killed ingest resumes where it stopped.
Each record is isolated: a bad one becomes a stored Failure, the batch around it is stored.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from dateline.ingest import iter_articles
from dateline.ingest.decoding import printable
from dateline.ingest.readers import replay_record
from dateline.limits import TRUNCATED_FROM
from dateline.model import Analysis, Article, Failure
from dateline.runners.local import Item, Result, analyse_stream
from dateline.settings import Settings
from dateline.store import RunCounts, Store

log = logging.getLogger(__name__)

WRITE_BATCH = 64  # articles per transaction: DuckDB likes bulk writes, a kill loses at most this
_LOOKUP_CHUNK = 64
_NAMED_FAILURES = 20  # the summary names this many; the store keeps them all

Progress = Callable[[Iterator[Result]], Iterator[Result]]


@dataclass(slots=True)
class IngestReport:
    """What an ingest run read, stored, skipped and could not use.

    Every input record is counted once: stored, skipped (already stored, or failed before
    and kept for ``dateline retry``) or failed (not stored). ``stage_failed`` counts stored
    articles on which one stage failed; they are stored, with that Failure.
    """

    run_id: str
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store, or read before in this run
    skipped_failed: int = 0  # failed in an earlier run, kept for `dateline retry`
    failed: int = 0  # inputs that could not be read, analysed or stored
    stage_failed: int = 0  # stored articles on which a stage failed
    truncated: int = 0  # stored articles cut to max_article_chars
    mentions: int = 0
    copies: int = 0  # near-duplicates of a stored story
    failures: list[str] = field(default_factory=list)  # the first few, "origin: message"

    def counts(self) -> RunCounts:
        """The figures recorded in the ``runs`` table."""
        return RunCounts(
            self.read, self.stored, self.skipped + self.skipped_failed,
            self.failed + self.stage_failed,
        )  # fmt: skip

    def note_failure(self, origin: str, message: str, *, stored: bool = False) -> None:
        """Count a failure and keep its description if it is among the first few."""
        if stored:
            self.stage_failed += 1
        else:
            self.failed += 1
        if len(self.failures) < _NAMED_FAILURES:
            self.failures.append(f"{origin}: {message}" if origin else message)


def ingest_paths(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    write_batch: int = WRITE_BATCH,
) -> IngestReport:
    """Analyse every article in ``paths`` and store it; see ``ingest_items``."""
    return ingest_items(
        iter_articles(paths), store, settings, inputs=[str(p) for p in paths],
        replace=replace, progress=progress, write_batch=write_batch,
    )  # fmt: skip


def ingest_items(
    items: Iterable[Item],
    store: Store,
    settings: Settings,
    *,
    inputs: Sequence[str] = (),
    replace: bool = False,
    progress: Progress | None = None,
    write_batch: int = WRITE_BATCH,
    command: str = "ingest",
) -> IngestReport:
    """Analyse articles (and pass on unreadable inputs) into ``store``, one transaction a batch.

    Articles already stored, and records that failed in an earlier run, are skipped unless
    ``replace``: a rerun after a crash resumes where the last committed batch ended, adds no
    duplicate rows and does not stop again on a bad record. A batch the store refuses is
    written again record by record, so only the record at fault becomes a Failure.

    Raises:
        StoreError: the store itself failed (not one record); committed batches are kept.
    """
    report = IngestReport(run_id=store.begin_run(command, inputs, settings))
    pending = _once(items if replace else _skip_known(items, store, report), report)
    results = analyse_stream(_counted(pending, report), settings)
    if progress is not None:
        results = progress(results)
    try:
        batch: list[Analysis | Failure] = []
        for result in results:
            batch.append(result)
            if len(batch) >= write_batch:
                _write(store, batch, report)
                batch = []
        _write(store, batch, report)
    except BaseException as error:
        status = "interrupted" if isinstance(error, KeyboardInterrupt) else "failed"
        try:
            store.finish_run(report.run_id, report.counts(), status)
        except Exception:  # the store is failing: the first error is the one to tell
            log.debug("could not record the end of run %s", report.run_id, exc_info=True)
        raise
    store.finish_run(report.run_id, report.counts(), "complete")
    return report


def _counted(items: Iterable[Item], report: IngestReport) -> Iterator[Item]:
    for item in items:
        report.read += 1
        yield item


def _once(items: Iterable[Item], report: IngestReport) -> Iterator[Item]:
    """Pass over an article read earlier in this run (the same id): it is stored once."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            if item.id in seen:
                report.skipped += 1
                report.read += 1
                continue
            seen.add(item.id)
        yield item


def _skip_known(items: Iterable[Item], store: Store, report: IngestReport) -> Iterator[Item]:
    """Pass over articles already stored and records stored as failures in an earlier run
    (the same input at the same place, read the same way)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, _LOOKUP_CHUNK)):
        stored = store.stored_ids([i.id for i in chunk if isinstance(i, Article)])
        failed = _failed_before(store, [i.origin for i in chunk])
        for item in chunk:
            if isinstance(item, Article) and item.id in stored:
                report.skipped += 1
            elif item.origin in failed and _raw(item) in failed[item.origin]:
                report.skipped_failed += 1
            else:
                yield item
                continue
            report.read += 1


def _failed_before(store: Store, origins: list[str]) -> dict[str, set[str | None]]:
    """The raw inputs stored as failures of each of ``origins``."""
    table = pa.table({"origin": pa.array(origins, pa.string())})
    store.con.register("_wanted_origins", table)
    try:
        rows = store.con.sql(
            "SELECT origin, raw FROM failures WHERE article_id IS NULL "
            "AND origin IN (SELECT origin FROM _wanted_origins)"
        ).fetchall()
    finally:
        store.con.unregister("_wanted_origins")
    found: dict[str, set[str | None]] = {}
    for origin, raw in rows:
        found.setdefault(origin, set()).add(raw)
    return found


def _raw(item: Item) -> str | None:
    return item.raw if isinstance(item, Failure) else replay_record(item)


def _write(store: Store, batch: list[Analysis | Failure], report: IngestReport) -> None:
    """Save ``batch`` in one transaction; if the store refuses it, each record alone, and a
    record it still refuses is stored as that record's Failure."""
    if not batch:
        return
    try:
        saved = store.save(batch, report.run_id)
    except Exception as error:  # noqa: BLE001 - the batch guard: find the record at fault
        if len(batch) > 1:
            for result in batch:
                _write(store, [result], report)
            return
        failure = unstorable_failure(batch[0], error)
        log.warning("%s: %s", failure.origin, failure.message)
        # a store that cannot take even this Failure is at fault itself: StoreError ends the run
        saved = store.save([failure], report.run_id)
        batch = [failure]
    for result in batch:
        _note(result, report)
    report.stored += saved.articles
    report.mentions += saved.mentions
    report.copies += saved.copies
    log.info(
        "committed %d articles (%d event mentions, %d unreadable inputs); %d stored in this run",
        saved.articles, saved.mentions, saved.input_failures, report.stored,
    )  # fmt: skip


def unstorable_failure(result: Analysis | Failure, error: Exception) -> Failure:
    """The Failure that stands for a record the store refused (the raw input kept, if any)."""
    cause = error.__cause__ or error
    origin = result.origin if isinstance(result, Failure) else result.article.origin
    raw = None if isinstance(result, Failure) else replay_record(result.article)
    return Failure(
        stage="store",
        origin=printable(origin),
        error_type=type(cause).__name__,
        message=printable(f"could not be stored: {type(cause).__name__}: {cause}"),
        raw=raw,
    )


def _note(result: Result, report: IngestReport) -> None:
    if isinstance(result, Failure):
        report.note_failure(result.origin, result.message)
        return
    if TRUNCATED_FROM in result.article.meta:
        report.truncated += 1
    if result.failures:
        first = result.failures[0]
        report.note_failure(result.article.origin, f"{first.stage}: {first.message}", stored=True)
