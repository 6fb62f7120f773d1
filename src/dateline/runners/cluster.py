"""Run the pipeline on a Dask cluster: the only module that imports Dask (extra ``cluster``).

Workers build their own pipeline from ``Settings``, analyse a partition of articles and
write it as a Parquet shard under a run folder; they never open the store (DuckDB allows
one writer). ``dateline load RUN_DIR`` then stores every finished shard in one transaction.
"""

from __future__ import annotations

import importlib
import itertools
import logging
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import SettingsError
from dateline.ingest import iter_articles
from dateline.model import Analysis, Article, Failure
from dateline.pipeline import Pipeline
from dateline.runners.ingest import unstorable_failure
from dateline.runners.local import Item
from dateline.settings import Settings
from dateline.store.shards import write_shard

log = logging.getLogger(__name__)

PARTITION = 256  # articles per task: enough to amortise spaCy's batching, small enough to retry

_pipelines: dict[str, Pipeline] = {}  # one per worker process and settings


@dataclass(frozen=True, slots=True)
class ClusterReport:
    """What the cluster wrote: shard folders and how many inputs went into them."""

    run_dir: Path
    shards: tuple[Path, ...]
    items: int


def analyse_to_shards(
    paths: Sequence[str | Path],
    run_dir: Path,
    settings: Settings,
    *,
    client: Any = None,  # noqa: ANN401 - a distributed.Client; Dask is an optional import
    scheduler: str | None = None,
    partition: int = PARTITION,
    in_flight: int | None = None,
    on_shard: Callable[[Path], None] | None = None,
) -> ClusterReport:
    """Read ``paths`` here, analyse partitions on the cluster, write shards under ``run_dir``.

    ``client`` is a ``distributed.Client``; without one, the call connects to ``scheduler``
    (an address such as tcp://host:8786) or starts a LocalCluster of one process per core.
    At most ``in_flight`` partitions (default two per worker) are on the cluster at once, so
    the reader never runs far ahead. ``on_shard`` is called with each shard as it is written.

    Raises:
        SettingsError: Dask is not installed (``pip install "dateline[cluster]"``).
    """
    try:
        # imported as a plain module object: Dask's API is untyped, and optional
        distributed: Any = importlib.import_module("distributed")
    except ImportError as error:
        raise SettingsError(
            'the cluster runner needs Dask: pip install "dateline[cluster]"'
        ) from error
    run_dir.mkdir(parents=True, exist_ok=True)
    own = client is None
    if own:
        client = distributed.Client(
            scheduler or distributed.LocalCluster(processes=True, threads_per_worker=1)
        )
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = in_flight or 2 * workers
        shards: list[Path] = []
        items = 0
        partitions = _partitions(iter_articles(paths), partition)
        pending = distributed.as_completed()
        for index, chunk in enumerate(partitions):
            items += len(chunk)
            folder = run_dir / f"shard-{index:06d}"
            pending.add(client.submit(_analyse_partition, chunk, settings, str(folder), pure=False))
            if pending.count() >= window:
                shards.append(_finished(next(pending), on_shard))
        shards.extend(_finished(future, on_shard) for future in pending)
    finally:
        if own:
            client.close()
    return ClusterReport(run_dir=run_dir, shards=tuple(sorted(shards)), items=items)


def _finished(future: Any, on_shard: Callable[[Path], None] | None) -> Path:  # noqa: ANN401
    shard = Path(future.result())
    if on_shard is not None:
        on_shard(shard)
    return shard


def _partitions(items: Iterable[Item], size: int) -> Iterable[list[Item]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _analyse_partition(chunk: list[Item], settings: Settings, folder: str) -> str:
    """On a worker: analyse one partition in this process and write its shard."""
    key = repr(settings)
    if key not in _pipelines:
        _pipelines[key] = Pipeline.from_settings(settings)
    analyses = iter(_pipelines[key].analyse_each(i for i in chunk if isinstance(i, Article)))
    results: list[Analysis | Failure] = [
        next(analyses) if isinstance(item, Article) else item for item in chunk
    ]
    try:
        return str(write_shard(results, Path(folder)))
    except Exception:  # noqa: BLE001 - the shard guard: find the records that cannot be written
        return str(write_shard(_writable(results), Path(folder)))


def _writable(results: list[Analysis | Failure]) -> list[Analysis | Failure]:
    """Each result, or the Failure that stands for it when it cannot be written alone."""
    kept: list[Analysis | Failure] = []
    with tempfile.TemporaryDirectory() as scratch:
        for number, result in enumerate(results):
            try:
                write_shard([result], Path(scratch) / str(number))
                kept.append(result)
            except Exception as error:  # noqa: BLE001 - the record guard: its error is its Failure
                kept.append(unstorable_failure(result, error))
    return kept
