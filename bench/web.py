"""Response times of `dateline serve` on a store of 100,000 events, and the server's memory.

How the store is built: `dateline ingest` analyses the bundled example and the first
--articles real articles of ../shared/data/articles/fakes.jsonl (Syrian war news) once; then
SQL replicates every stored article with all its rows (actors, places, times, quotes, event
mentions) and every merged event, copy k under new ids (`<id>~k`), with dates moved back
k * 3 days, each actor and recipient code replaced by one of 40 country codes chosen from the
original code and k, and located events moved a little (k-dependent) so the map spreads them.
Copies are added until the store holds at least --events merged events.

Then one `dateline serve` process (the real server, over HTTP on 127.0.0.1) answers --requests
requests per page, one at a time, each page's URLs varied (filters, pages, ids); the table
gives p50 and p95 per page and the server's resident memory (RSS) after all requests.

Usage:
    python bench/web.py                         # 100,000 events, 200 requests per page
    python bench/web.py --events 20000 --requests 50     # quick
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "articles" / "fakes.jsonl"
EXAMPLE = ROOT / "examples" / "reuters-2023-05-10-moscow-talks.txt"
COUNTRIES = (
    "SYR TUR RUS IRN USA GBR FRA DEU ISR LBN JOR IRQ SAU EGY QAT ARE YEM LBY UKR CHN "
    "IND PAK AFG KOR PRK JPN NGA ETH SDN SOM KEN COD MLI VEN COL MEX BRA CAN AUS ITA"
).split()


def ingest(store: Path, articles: int, data: Path) -> None:
    """Analyse the example and ``articles`` real articles into a new store."""
    sample = store.with_suffix(".jsonl")
    if not data.exists():
        raise SystemExit(f"no articles at {data}; pass --data FILE.jsonl")
    with data.open(encoding="utf-8") as source:
        sample.write_text("".join(line for _, line in zip(range(articles), source, strict=False)),
                          encoding="utf-8")  # fmt: skip
    subprocess.run(["dateline", "ingest", str(EXAMPLE), str(sample), "--db", str(store)],
                   check=True, capture_output=True)  # fmt: skip


def _recode(column: str, k: str) -> str:
    codes = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    pick = f"{codes}[1 + ((hash(x.code) % 1000)::BIGINT + {k}) % {len(COUNTRIES)}]"
    recoded = f"CASE WHEN x.code IS NULL THEN NULL ELSE {pick} END"
    return f"list_transform({column}, lambda x: struct_update(x, code := {recoded}))"


def _codes(column: str) -> str:
    codes = f"list_filter(list_transform({column}, lambda x: x.code), lambda c: c IS NOT NULL)"
    return f"list_sort(list_distinct({codes}))"


def replicate(store: Path, events: int) -> tuple[int, int]:
    """Copy the stored rows under new ids until the store holds ``events`` merged events;
    the events and articles it then holds."""
    con = duckdb.connect(str(store))
    base = int(con.sql("SELECT count(*) FROM events").fetchall()[0][0])
    copies = -(-events // base) - 1
    con.execute(f"CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, {copies + 1})")
    moved = "date_start - INTERVAL (k * 3) DAY"
    con.execute("BEGIN TRANSACTION")
    con.execute("CREATE TEMP TABLE a0 AS SELECT * FROM articles")
    con.execute("INSERT INTO articles SELECT a0.* REPLACE (id || '~' || k AS id, "
                "story_id || '~' || k AS story_id) FROM a0, k")  # fmt: skip
    for table in ("actors", "places", "times", "quotes"):
        con.execute(
            f"INSERT INTO {table} SELECT {table}.* REPLACE (article_id || '~' || k AS "
            f"article_id) FROM {table}, k WHERE NOT contains(article_id, '~')"
        )
    con.execute(f"""
        INSERT INTO event_mentions SELECT event_mentions.* REPLACE (
            article_id || '~' || k AS article_id, id || '~' || k AS id,
            event_id || '~' || k AS event_id, {moved} AS date_start,
            strftime({moved}, '%Y-%m-%d') AS date,
            {_recode("actor", "k")} AS actor, {_recode("recipient", "k")} AS recipient,
            {_codes(_recode("actor", "k"))} AS actor_codes,
            {_codes(_recode("recipient", "k"))} AS recipient_codes)
        FROM event_mentions, k WHERE NOT contains(id, '~')""")
    con.execute(f"""
        INSERT INTO events SELECT events.* REPLACE (
            id || '~' || k AS id, {moved} AS date_start, strftime({moved}, '%Y-%m-%d') AS date,
            {_recode("actor", "k")} AS actor, {_recode("recipient", "k")} AS recipient,
            {_codes(_recode("actor", "k"))} AS actor_codes,
            {_codes(_recode("recipient", "k"))} AS recipient_codes,
            CASE WHEN location IS NULL THEN NULL ELSE struct_update(location,
                lat := location.lat + ((k * 37) % 200 - 100) / 40.0,
                lon := location.lon + ((k * 53) % 200 - 100) / 40.0) END AS location)
        FROM events, k WHERE NOT contains(id, '~')""")
    con.execute("COMMIT")
    counts = con.sql("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles)")
    found = counts.fetchall()[0]
    con.close()
    return int(found[0]), int(found[1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pages(store: Path, rng: random.Random) -> dict[str, Callable[[], str]]:
    """Each page's URL maker: filters, page numbers and ids vary from request to request."""
    con = duckdb.connect(str(store), read_only=True)
    articles = [r[0] for r in con.sql("SELECT id FROM articles USING SAMPLE 500 ROWS").fetchall()]
    events = [r[0] for r in con.sql("SELECT id FROM events USING SAMPLE 500 ROWS").fetchall()]
    con.close()
    kinds = ["ASSAULT", "CONSULT", "ACCUSE", "AID", "COERCE"]
    return {
        "events": lambda: f"/?page={rng.randint(1, 40)}",
        "events, filtered": lambda: (
            f"/?actor={rng.choice(COUNTRIES[:10])}&type={rng.choice(kinds)}&sort=score"
        ),
        "events, text search": lambda: f"/?q={rng.choice(['attack', 'killed', 'talks', 'said'])}",
        "article": lambda: f"/article/{rng.choice(articles)}",
        "event": lambda: f"/event/{rng.choice(events)}",
        "dyad": lambda: (
            f"/dyad?a={rng.choice(COUNTRIES[:5])}&b={rng.choice(COUNTRIES[5:10])}&by=month"
        ),
        "map": lambda: f"/map?type={rng.choice(kinds)}",
        "map data (GeoJSON)": lambda: (
            f"/events.geojson?country={rng.choice(COUNTRIES[:10])}&limit=5000"
        ),
    }


def measure(store: Path, requests: int) -> tuple[dict[str, list[float]], float]:
    """Milliseconds per request for each page, and the server's RSS in MB at the end."""
    port = _free_port()
    server = subprocess.Popen(["dateline", "serve", "--db", str(store), "--port", str(port),
                               "--rate", "0"], stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/static/app.css", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        rng = random.Random(7)
        timings: dict[str, list[float]] = {}
        for name, url in pages(store, rng).items():
            urllib.request.urlopen(base + url(), timeout=60).read()  # warm-up, not counted
            found = timings.setdefault(name, [])
            for _ in range(requests):
                started = time.perf_counter()
                with urllib.request.urlopen(base + url(), timeout=60) as response:
                    response.read()
                found.append((time.perf_counter() - started) * 1000)
        rss = psutil.Process(server.pid).memory_info().rss / 2**20
    finally:
        server.terminate()
        server.wait(timeout=30)
    return timings, rss


def main() -> None:
    """Build the store (unless --keep names one already built), measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--articles", type=int, default=40, help="real articles ingested once")
    parser.add_argument("--data", type=Path, default=DATA, help="JSON Lines of real articles")
    parser.add_argument(
        "--keep", type=Path, help="build the store here (kept) instead of a temp dir"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.keep or Path(tmp) / "bench.duckdb"
        if not store.exists():
            started = time.perf_counter()
            ingest(store, args.articles, args.data)
            events, articles = replicate(store, args.events)
            print(f"built {store}: {events:,} events, {articles:,} articles in "
                  f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        timings, rss = measure(store, args.requests)
    print(f"\n{'page':<22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, found in timings.items():
        ordered = sorted(found)
        p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
        print(f"{name:<22} {statistics.median(ordered):>8.1f} {p95:>8.1f} {ordered[-1]:>8.1f}")
    print(f"\nserver memory (RSS) after {args.requests} requests per page: {rss:.0f} MB")


if __name__ == "__main__":
    main()
