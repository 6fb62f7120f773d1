"""Throughput and memory of `dateline ingest` against the bare model it runs, in one table.

Builds a corpus of real articles from ../shared/data/articles/ and measures, each in a fresh
process tree (start-up included, as a user sees it):

- dateline: `dateline ingest corpus.jsonl` into a new DuckDB store;
- floor: the same spaCy model and pipes over exactly the texts dateline feeds it (the clean
  article bodies), `nlp.pipe` with the same process count and batch size;
- bare small model: the default small spaCy model alone over the same texts, likewise;
- peak memory (RSS of the whole process tree) of `dateline ingest` at --memory-sizes.

With --profile N it also times dateline's own stages in one process over N articles.
A corpus larger than the real articles repeats them under new ids (each copy is then a
near-duplicate of its original, which the store recognises: that work is measured too).

With --repeat R each speed figure is the fastest of R runs. The load column is the
machine's mean 1-minute load average during the run (our own processes included): well above
the process count + 1, other work shared the cores and the speed figures are low.

Usage:
    python bench/throughput.py                      # 1,000 articles; memory at 1,000 and 4,000
    python bench/throughput.py --articles 200 --memory-sizes 200 400 --profile 100   # quick
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import psutil

from dateline.ingest import iter_articles
from dateline.model import Article
from dateline.nlp import DEFAULT_MODEL
from dateline.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "articles"


@dataclass(frozen=True)
class Measure:
    """One timed process tree."""

    label: str
    articles: int
    seconds: float
    peak_mb: float
    load: float  # mean 1-minute load average over the run: others' work on the same cores

    @property
    def rate(self) -> float:
        return self.articles / self.seconds


def build_corpus(data: Path, size: int, out: Path) -> int:
    """Write ``size`` real articles as JSON Lines, repeating them under new ids if needed."""
    records = []
    for path in sorted(data.glob("*.jsonl")):
        records.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
    if not records:
        raise SystemExit(f"no articles under {data}; pass --data")
    with out.open("w", encoding="utf-8") as handle:
        for i in range(size):
            record = dict(records[i % len(records)])
            if i >= len(records):
                record["id"] = f"{record['id']}~copy{i // len(records)}"
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


def clean_texts(corpus: Path, out: Path) -> int:
    """The bodies dateline hands to spaCy: what the readers make of each input."""
    texts = [a.text for a in iter_articles([corpus]) if isinstance(a, Article)]
    out.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return len(texts)


def run_tree(label: str, command: list[str], articles: int) -> Measure:
    """Run ``command``; return its wall time and the peak RSS of its whole process tree."""
    peak = 0
    loads: list[float] = []
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            loads.append(psutil.getloadavg()[0])
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):  # 1: some inputs failed, still a measured run
        raise SystemExit(f"{label} failed ({process.returncode}):\n{stderr.decode()[-2000:]}")
    return Measure(label, articles, elapsed, peak / 2**20, sum(loads) / max(1, len(loads)))


SPACY_PASS = textwrap.dedent("""
    import json, sys
    import spacy
    from dateline.nlp import load_model
    texts = json.load(open(sys.argv[1], encoding="utf-8"))
    model, processes, batch = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    nlp = load_model(model) if sys.argv[5] == "dateline" else spacy.load(model)
    for _ in nlp.pipe(texts, batch_size=batch, n_process=processes):
        pass
""")


def ingest_command(corpus: Path, db: Path, processes: int, batch: int) -> list[str]:
    """`dateline ingest` as a user runs it, in a fresh interpreter."""
    return [sys.executable, "-c", "from dateline.cli import cli; cli()", "ingest", str(corpus),
            "--db", str(db), "--processes", str(processes), "--batch-size", str(batch),
            "--quiet"]  # fmt: skip


def profile(corpus: Path, count: int, batch: int, work: Path) -> list[tuple[str, float]]:
    """Seconds spent in reading, parsing, each stage and storing, in one process."""
    from dateline.pipeline import Pipeline
    from dateline.store import Store

    totals: dict[str, float] = {}

    class Timed:
        def __init__(self, name: str, stage: object) -> None:
            self.name, self.stage = name, stage

        def __call__(self, *args: object) -> object:
            started = time.perf_counter()
            try:
                return self.stage(*args)  # type: ignore[operator]
            finally:
                totals[self.name] = totals.get(self.name, 0.0) + time.perf_counter() - started

        def __getattr__(self, name: str) -> object:
            return getattr(self.stage, name)

    pipeline = Pipeline.from_settings(Settings(batch_size=batch, processes=1))
    slots = ("find_actors", "find_places", "find_times", "find_quotes", "code_events")
    pipeline = replace(pipeline, **{s: Timed(s.removeprefix("find_").removeprefix("code_"),
                                             getattr(pipeline, s)) for s in slots})  # fmt: skip
    started = time.perf_counter()
    items = [i for _, i in zip(range(count), iter_articles([corpus]), strict=False)]
    totals["read"] = time.perf_counter() - started
    articles = [i for i in items if isinstance(i, Article)]
    started = time.perf_counter()
    docs = list(pipeline.nlp.pipe((a.text for a in articles), batch_size=batch))
    totals["spaCy parse"] = time.perf_counter() - started
    analyses = [pipeline.analyse_doc(a, d) for a, d in zip(articles, docs, strict=True)]
    with Store.open(work / "profile.duckdb") as store:
        started = time.perf_counter()
        for i in range(0, len(analyses), 64):
            store.save(analyses[i : i + 64])
        totals["store (write, dedupe, merge)"] = time.perf_counter() - started
    order = ["read", "spaCy parse", "actors", "places", "times", "quotes", "events",
             "store (write, dedupe, merge)"]  # fmt: skip
    return [(name, totals.get(name, 0.0)) for name in order]


def main() -> None:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus for the speed figures")
    parser.add_argument(
        "--memory-sizes",
        type=int,
        nargs="*",
        default=[1000, 4000],
        help="corpus sizes at which to measure ingest's peak memory",
    )
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each speed measure this many times (order rotated); keep the "
        "fastest, as others' work on the cores only ever slows a run",
    )
    parser.add_argument("--batch-size", type=int, default=Settings().batch_size)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="also time dateline's own stages over N articles in one process",
    )
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as folder:
        work = Path(folder)
        corpus = work / "corpus.jsonl"
        unique = build_corpus(args.data, args.articles, corpus)
        texts = work / "texts.json"
        fed = clean_texts(corpus, texts)
        print(f"corpus: {args.articles} articles from {args.data} ({unique} distinct); "
              f"{fed} read as articles; {args.processes} processes, batch {args.batch_size}",
              flush=True)  # fmt: skip
        spacy_args = [str(args.processes), str(args.batch_size)]
        commands = {
            "dateline ingest": (args.articles, lambda r: ingest_command(
                corpus, work / f"speed-{r}.duckdb", args.processes, args.batch_size)),
            f"floor: {settings.model} as dateline loads it, nlp.pipe": (fed, lambda r: [
                sys.executable, "-c", SPACY_PASS, str(texts), settings.model, *spacy_args,
                "dateline"]),
            f"bare {DEFAULT_MODEL}, spacy.load, nlp.pipe": (fed, lambda r: [
                sys.executable, "-c", SPACY_PASS, str(texts), DEFAULT_MODEL, *spacy_args,
                "bare"]),
        }  # fmt: skip
        best: dict[str, Measure] = {}
        labels = list(commands)
        for r in range(args.repeat):
            # rotate the order so that a burst of others' work does not always hit one run
            for label in labels[r % 3 :] + labels[: r % 3]:
                count, command = commands[label]
                measure = run_tree(label, command(r), count)
                if label not in best or measure.seconds < best[label].seconds:
                    best[label] = measure
        measures = [best[label] for label in labels]
        dateline, floor, bare = measures
        memory: list[Measure] = []
        for size in args.memory_sizes:
            if size == args.articles:
                memory.append(dateline)
                continue
            sized = work / f"corpus-{size}.jsonl"
            build_corpus(args.data, size, sized)
            memory.append(
                run_tree(
                    f"dateline ingest ({size})",
                    ingest_command(
                        sized, work / f"memory-{size}.duckdb", args.processes, args.batch_size
                    ),
                    size,
                )
            )
        print()
        print(f"{'run':<58} {'articles':>8} {'seconds':>8} {'art/s':>7} {'peak MB':>8} "
              f"{'load':>5}")  # fmt: skip
        for m in measures:
            print(f"{m.label:<58} {m.articles:>8} {m.seconds:>8.1f} {m.rate:>7.2f} "
                  f"{m.peak_mb:>8.0f} {m.load:>5.1f}")  # fmt: skip
        print()
        print(f"dateline / floor:            {dateline.rate / floor.rate:.2f}   (goal >= 0.8)")
        print(f"dateline / bare small model: {dateline.rate / bare.rate:.2f}   (goal >= 0.5)")
        print()
        print(f"{'peak memory of dateline ingest':<40} {'articles':>8} {'peak MB':>8} "
              f"{'seconds':>8} {'load':>5}")  # fmt: skip
        for m in memory:
            print(f"{'':<40} {m.articles:>8} {m.peak_mb:>8.0f} {m.seconds:>8.1f} {m.load:>5.1f}")
        if len(memory) >= 2:
            growth = memory[-1].peak_mb / memory[0].peak_mb - 1
            print(f"growth from {memory[0].articles} to {memory[-1].articles} articles: "
                  f"{growth:+.1%}   (goal within 15%)")  # fmt: skip
        if args.profile:
            rows = profile(corpus, args.profile, args.batch_size, work)
            total = sum(s for _, s in rows)
            print()
            print(f"one process, {args.profile} articles: where the time goes")
            print(f"{'step':<32} {'seconds':>8} {'share':>7} {'ms/article':>11}")
            for name, seconds in rows:
                print(f"{name:<32} {seconds:>8.2f} {seconds / total:>7.1%} "
                      f"{1000 * seconds / args.profile:>11.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
