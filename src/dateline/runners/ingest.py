"""Ingest: read -> skip what is stored -> analyse (``local.analyse_stream``) -> save in batches.

Streams: memory holds one write batch plus the runner's bounded window, however many
articles come in. Each batch is one transaction, so a killed ingest resumes where it stopped.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.ingest import iter_articles
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
    """What an ingest run read, stored, skipped and could not use."""

    run_id: str
    read: int = 0
    stored: int = 0
    skipped: int = 0  # already in the store
    failed: int = 0  # inputs that could not be read, or articles a stage failed on
    mentions: int = 0
    copies: int = 0  # near-duplicates of a stored story
    failures: list[str] = field(default_factory=list)  # the first few, "origin: message"

    def counts(self) -> RunCounts:
        """The figures recorded in the ``runs`` table."""
        return RunCounts(self.read, self.stored, self.skipped, self.failed)

    def note_failure(self, origin: str, message: str) -> None:
        """Count a failure and keep its description if it is among the first few."""
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
) -> IngestReport:
    """Analyse articles (and pass on unreadable inputs) into ``store``, one transaction a batch.

    Articles already stored are skipped unless ``replace``: a rerun after a crash resumes
    where the last committed batch ended and adds no duplicate rows.
    """
    report = IngestReport(run_id=store.begin_run("ingest", inputs, settings))
    pending = items if replace else _skip_stored(items, store, report)
    results = analyse_stream(_counted(pending, report), settings)
    if progress is not None:
        results = progress(results)
    status = "interrupted"
    try:
        batch: list[Analysis | Failure] = []
        for result in results:
            _note(result, report)
            batch.append(result)
            if len(batch) >= write_batch:
                _write(store, batch, report)
                batch = []
        _write(store, batch, report)
        status = "complete"
    finally:
        store.finish_run(report.run_id, report.counts(), status)
    return report


def _counted(items: Iterable[Item], report: IngestReport) -> Iterator[Item]:
    for item in items:
        report.read += 1
        yield item


def _skip_stored(items: Iterable[Item], store: Store, report: IngestReport) -> Iterator[Item]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, _LOOKUP_CHUNK)):
        stored = store.stored_ids([i.id for i in chunk if isinstance(i, Article)])
        for item in chunk:
            if isinstance(item, Article) and item.id in stored:
                report.skipped += 1
                report.read += 1
                continue
            yield item


def _note(result: Result, report: IngestReport) -> None:
    if isinstance(result, Failure):
        report.note_failure(result.origin, result.message)
        return
    if result.failures:
        first = result.failures[0]
        report.note_failure(result.article.origin, f"{first.stage}: {first.message}")


def _write(store: Store, batch: list[Analysis | Failure], report: IngestReport) -> None:
    if not batch:
        return
    saved = store.save(batch, report.run_id)
    report.stored += saved.articles
    report.mentions += saved.mentions
    report.copies += saved.copies
    log.info(
        "committed %d articles (%d event mentions, %d unreadable inputs); %d stored in this run",
        saved.articles, saved.mentions, saved.input_failures, report.stored,
    )  # fmt: skip
