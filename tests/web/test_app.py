"""The web view over a real store, through Starlette's test client: pages, filters, downloads,
escaping, read-only browsing, and the guards on corrections."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from starlette.testclient import TestClient

from dateline.model import Analysis
from dateline.store import Store
from dateline.web import create_app
from dateline.web.security import Keys


@pytest.fixture
def browse(seed_db: Path) -> TestClient:
    return TestClient(create_app(seed_db))


def _article_id(db: Path) -> str:
    with Store.open(db, read_only=True) as store:
        return str(store.con.sql("SELECT id FROM articles").fetchall()[0][0])


def test_events_page_lists_the_seed_events_with_facets(browse: TestClient) -> None:
    page = browse.get("/")
    assert page.status_code == 200
    assert "CONSULT" in page.text
    assert "AID" in page.text
    facets = page.text[page.text.index('id="facets"') : page.text.index('class="table"')]
    assert "TUR" in facets
    assert "CONSULT" in facets
    total = int(re.search(r'id="total">(\d+)<', page.text).group(1))
    assert total >= 2


def test_events_filters_narrow_the_table(browse: TestClient) -> None:
    everything = int(re.search(r'id="total">(\d+)<', browse.get("/").text).group(1))
    aid = browse.get("/", params={"type": "AID"}).text
    assert int(re.search(r'id="total">(\d+)<', aid).group(1)) < everything
    assert '<td><a href="/event/' in aid
    assert ">CONSULT</a>" not in aid
    with_sector = browse.get("/", params={"recipient": "SYR/GOV"}).text
    assert ">AID</a>" in with_sector
    wrong_sector = browse.get("/", params={"recipient": "SYR/MIL"}).text
    assert 'id="empty"' in wrong_sector
    assert 'id="empty"' in browse.get("/", params={"q": "no such words anywhere"}).text
    assert ">CONSULT</a>" in browse.get("/", params={"q": "Moscow", "type": "CONSULT"}).text
    assert 'id="empty"' in browse.get("/", params={"country": "USA"}).text
    assert 'id="empty"' in browse.get("/", params={"confidence": "0.99"}).text


def test_bad_filter_values_get_a_clear_message(browse: TestClient) -> None:
    for params, words in (
        ({"since": "May"}, "since 'May' is not a date"),
        ({"actor": "Turkey"}, "expected a code like SYR"),
        ({"quad": "7"}, "quad class 7"),
        ({"sort": "id; drop"}, "sort"),
    ):
        page = browse.get("/", params=params)
        assert page.status_code == 400, params
        assert words in page.text.replace("&#39;", "'"), params


def test_downloads_hold_the_filtered_rows(browse: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(browse.get("/events.csv?type=CONSULT").text)))
    assert rows
    assert {r["event"] for r in rows} == {"CONSULT"}
    lines = browse.get("/events.jsonl").text.splitlines()
    assert len(lines) >= len(rows)
    assert all(json.loads(line)["id"] for line in lines)
    geo = browse.get("/events.geojson").json()
    assert geo["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in geo["features"])
    assert any(f["properties"]["country"] == "RUS" for f in geo["features"])


def test_article_view_labels_every_kind_of_span(browse: TestClient, seed_db: Path) -> None:
    page = browse.get(f"/article/{_article_id(seed_db)}").text
    for label in ("ACTOR TUR/GOV", "EVENT CONSULT 040", "QUOTE by", "PLACE RUS", "TIME 2023-05-10"):
        assert label in page, label
    cards = re.findall(r'class="ev q\d" id="m-[^"]+" data-spans="([^"]+)"', page)
    assert cards
    assert all(ids.split()[0].startswith("t") for ids in cards)
    # the meeting in Moscow is linked to its place span
    assert any(re.search(r"\bp\d+\b", ids) for ids in cards)


def test_event_page_shows_each_mention_with_its_sentence(browse: TestClient) -> None:
    first = re.search(r'href="/event/([0-9a-f]+)"', browse.get("/?type=AID").text).group(1)
    page = browse.get(f"/event/{first}").text
    assert "NATO" in page
    assert "EVENT AID 070" in page
    assert browse.get("/event/nope").status_code == 404


def test_dyad_and_map_pages(browse: TestClient) -> None:
    dyad = browse.get("/dyad", params={"a": "TUR", "b": "SYR", "by": "month"}).text
    assert "<svg" in dyad
    assert "<rect" in dyad
    assert "2023-05-01" in dyad
    assert 'id="empty"' in browse.get("/dyad", params={"a": "USA", "b": "CHN"}).text
    page = browse.get("/map", params={"type": "CONSULT"}).text
    assert 'data-geojson="/events.geojson?type=CONSULT&amp;limit=5000"' in page
    assert "/static/vendor/leaflet/leaflet.js" in page
    assert browse.get("/static/vendor/world-atlas/countries-110m.json").json()["type"] == "Topology"


def test_article_text_is_escaped(tmp_path: Path, analyse: Callable[..., Analysis]) -> None:
    analysis = analyse('Turkey said <script>alert("x")</script> on Monday it met Syria in Moscow.')
    path = tmp_path / "xss.duckdb"
    with Store.open(path) as store:
        store.save([analysis])
    client = TestClient(create_app(path))
    page = client.get(f"/article/{analysis.article.id}")
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_browsing_has_no_write_path(browse: TestClient, seed_db: Path) -> None:
    site = browse.app.state.site
    assert site.store.read_only
    with pytest.raises(duckdb.Error):
        site.reader().con.execute("DELETE FROM events")
    assert browse.post("/correct", data={"mention_id": "x", "verdict": "wrong"}).status_code in (
        404,
        405,
    )
    assert browse.get("/login?token=anything").status_code == 404


def test_corrections_need_the_token_and_the_csrf_value(seed_db: Path) -> None:
    keys = Keys()
    article = _article_id(seed_db)
    client = TestClient(create_app(seed_db, corrections=True, user="tester", keys=keys))
    page = client.get(f"/article/{article}").text
    mention = re.search(r'id="m-([0-9a-f]+)"', page).group(1)
    form = {"mention_id": mention, "verdict": "wrong", "back": f"/article/{article}"}
    assert client.post("/correct", data={**form, "csrf": keys.csrf}).status_code == 403
    assert client.get("/login?token=wrong").status_code == 403
    assert client.get(f"/login?token={keys.token}", follow_redirects=False).status_code == 303
    assert client.post("/correct", data={**form, "csrf": "forged"}).status_code == 403
    other_site = client.post(
        "/correct", data={**form, "csrf": keys.csrf}, headers={"origin": "http://evil.example"}
    )
    assert other_site.status_code == 403
    done = client.post("/correct", data={**form, "csrf": keys.csrf}, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"/article/{article}"
    shown = client.get(f"/article/{article}").text
    assert 'data-verdict="wrong"' in shown
    assert "tester" in shown
    bad = client.post(
        "/correct", data={**form, "verdict": "right", "type": "DANCE", "csrf": keys.csrf}
    )
    assert bad.status_code == 400
    assert "not a PLOVER type" in bad.text


def test_request_size_and_rate_are_limited(seed_db: Path) -> None:
    client = TestClient(create_app(seed_db, corrections=True, rate=5))
    big = client.post(
        "/correct",
        content=b"x" * 100_000,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert big.status_code == 413
    codes = [client.get("/static/app.css").status_code for _ in range(40)]
    assert 429 in codes
    assert codes[0] == 200


def test_serve_command_binds_locally_and_prints_the_token(seed_db: Path) -> None:
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from dateline.cli import cli; cli()", "serve", "--db",
               str(seed_db), "--port", str(port), "--corrections", "--user", "ann"]  # fmt: skip
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        lines = [server.stderr.readline() for _ in range(2)]
        assert f"http://127.0.0.1:{port}/" in lines[0]
        token = re.search(r"login\?token=(\S+)", lines[1]).group(1)
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        assert b"corrections on" in page
        assert len(token) >= 20
    finally:
        server.terminate()
        server.wait(timeout=20)
        server.stderr.close()
