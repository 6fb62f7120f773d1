"""How many articles at once on this machine: in-process, or one worker process per core.

The only module that knows about parallelism on one machine. Workers build their own
pipeline from ``Settings`` (small and picklable) and send back ``Analysis`` records; a
bounded window of chunks in flight keeps memory flat however long the input is.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool

from dateline.model import Analysis, Article, Failure
from dateline.pipeline import Pipeline, whole_failure
from dateline.settings import Settings

Item = Article | Failure
Result = Analysis | Failure

# Below this many articles a second process costs more (loading the model) than it saves.
_MIN_ARTICLES_FOR_POOL = 48

_worker_pipeline: Pipeline | None = None


def analyse_stream(items: Iterable[Item], settings: Settings) -> Iterator[Result]:
    """Analyse articles in input order; ingest failures pass through in their place."""
    processes = settings.processes or (os.cpu_count() or 1)
    iterator = iter(items)
    if processes > 1:
        head = list(itertools.islice(iterator, _MIN_ARTICLES_FOR_POOL))
        if settings.processes == 0 and len(head) < _MIN_ARTICLES_FOR_POOL:
            processes = 1
        iterator = itertools.chain(head, iterator)
    if processes <= 1:
        yield from _analyse_chunk_with(Pipeline.from_settings(settings), iterator)
        return
    yield from _analyse_in_pool(iterator, settings, processes)


def _analyse_in_pool(items: Iterator[Item], settings: Settings, processes: int) -> Iterator[Result]:
    chunk_size = settings.batch_size * 2
    in_flight: deque[tuple[list[Item], AsyncResult[list[Result]]]] = deque()
    context = multiprocessing.get_context("spawn")
    # a worker killed from outside (out of memory) never answers: wait for a chunk no longer
    # than its articles' time budgets allow, then try its items alone
    wait = _patience(settings.time_budget)
    with context.Pool(processes, initializer=_init_worker, initargs=(settings,)) as pool:
        for chunk in _chunks(items, chunk_size):
            in_flight.append((chunk, _submit(pool, chunk)))
            if len(in_flight) >= processes * 2:
                yield from _collect(pool, *in_flight.popleft(), wait)
        while in_flight:
            yield from _collect(pool, *in_flight.popleft(), wait)


def _patience(budget: float) -> float | None:
    """Seconds to wait for one article's result from a worker; None: no time budget."""
    return 2 * budget + 120 if budget > 0 else None


def _submit(pool: Pool, chunk: list[Item]) -> AsyncResult[list[Result]]:
    return pool.apply_async(_work, (chunk,))


def _collect(
    pool: Pool, chunk: list[Item], pending: AsyncResult[list[Result]], wait: float | None
) -> list[Result]:
    """A chunk's results; if the chunk as a whole failed (a result that cannot be sent
    back, a worker error, no answer in time), each of its items again alone, so only the
    bad one fails."""
    try:
        return pending.get(None if wait is None else wait * len(chunk))
    except Exception as error:  # noqa: BLE001 - the chunk guard: find the item that failed it
        if len(chunk) == 1:
            return [_failed(chunk[0], error, wait)]
    results: list[Result] = []
    for item in chunk:
        try:
            results.extend(_submit(pool, [item]).get(wait))
        except Exception as error:  # noqa: BLE001 - the item guard: its error is its Failure
            results.append(_failed(item, error, wait))
    return results


def _failed(item: Item, error: BaseException, wait: float | None) -> Failure:
    if isinstance(item, Failure):
        return item
    if isinstance(error, multiprocessing.TimeoutError):
        error = TimeoutError(f"no answer from the worker in {wait:g} s (was it killed?)")
    return whole_failure(item, "analysis", error)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline.from_settings(settings)


def _work(chunk: list[Item]) -> list[Result]:
    assert _worker_pipeline is not None, "worker used before _init_worker"
    return list(_analyse_chunk_with(_worker_pipeline, iter(chunk)))


def _analyse_chunk_with(pipeline: Pipeline, items: Iterator[Item]) -> Iterator[Result]:
    """Analyse the articles among ``items`` in batches, keeping failures in their place."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= pipeline.batch_size:
            yield from _flush(pipeline, batch)
            batch = []
    yield from _flush(pipeline, batch)


def _flush(pipeline: Pipeline, batch: list[Item]) -> Iterator[Result]:
    articles = [item for item in batch if isinstance(item, Article)]
    analyses = iter(pipeline.analyse_each(articles))
    for item in batch:
        yield next(analyses) if isinstance(item, Article) else item
