"""The web view in a real headless Chromium (Debian's ``chromium``, driven by Playwright),
against a real uvicorn server on a real store: every page loads, filters work, hovering an
event lights its words, a correction made in the browser reaches ``export --format gold``
and ``evaluate --corrections``, scripts in article text never run, browsing cannot write.

Screenshots of each page are kept under ``build/screenshots/`` (git-ignored). Without
Chromium the tests skip, except under CI (CI=true), where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.model import Analysis
from dateline.store import Store
from dateline.web import create_app
from dateline.web.security import Keys

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "no chromium: install Debian's chromium package (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no playwright: pip install '.[test]'"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("profile"), executable_path=CHROMIUM, headless=True,
            args=ARGS, viewport={"width": 1400, "height": 900},
        )  # fmt: skip
        context.set_default_timeout(15_000)
        yield context
        context.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Path, **options: Any) -> Iterator[str]:
    """A real uvicorn server on the store in a thread; its address. The store is closed after,
    so the file can be opened again in this process."""
    import uvicorn

    app = create_app(db, **options)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)
        app.state.site.store.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _article_id(db: Path) -> str:
    with Store.open(db, read_only=True) as store:
        return str(store.con.sql("SELECT id FROM articles").fetchall()[0][0])


def test_each_page_loads_filters_and_lights_up(browser: Any, seed_db: Path) -> None:
    article = _article_id(seed_db)
    errors: list[str] = []
    page = browser.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(request.url))
    with serving(seed_db) as base:
        page.goto(base + "/")
        assert page.locator("#events tbody tr").count() >= 2
        shot(page, "events")
        page.fill("input[name=actor]", "SYR/GOV")
        page.fill("input[name=type]", "AID")
        page.click("#apply")
        page.wait_for_url(re.compile(r"actor=SYR%2FGOV"))
        assert page.locator("#empty").count() == 1  # Syria's government is the AID recipient
        page.fill("input[name=actor]", "")
        page.fill("input[name=recipient]", "SYR/GOV")
        page.click("#apply")
        page.wait_for_url(re.compile(r"recipient=SYR%2FGOV"))
        assert page.locator("#events tbody tr").count() == 1
        page.click("#events tbody tr a >> nth=0")
        page.wait_for_url(re.compile(r"/event/"))
        assert "EVENT AID 070" in page.inner_text("#reports")
        shot(page, "event")

        page.goto(f"{base}/article/{article}")
        card = page.locator(".ev", has_text="CONSULT").first
        trigger = page.locator(".seg.k-trigger", has_text="met")
        assert "lit" not in (trigger.get_attribute("class") or "")
        card.hover()
        assert "lit" in (trigger.get_attribute("class") or "")
        assert page.locator(".seg.k-place.lit", has_text="Moscow").count() == 1
        assert page.locator(".lab-quote").count() >= 3
        assert page.locator(".correct-form").count() == 0  # browsing: no way to write
        shot(page, "article")

        page.goto(base + "/dyad?a=TUR&b=SYR&by=month")
        assert page.locator("#dyad-chart rect").count() >= 1
        shot(page, "dyad")

        page.goto(base + "/map")
        page.wait_for_selector("#map[data-loaded='1']")
        page.wait_for_function(
            "document.querySelectorAll('.leaflet-overlay-pane path').length > 100"
        )
        assert int(page.inner_text("#located")) >= 1
        shot(page, "map")

        refused = page.request.post(base + "/correct", form={"mention_id": "x", "verdict": "wrong"},
                                    fail_on_status_code=False)  # fmt: skip
        assert refused.status in (404, 405)
    assert not errors, errors
    page.close()


def test_a_script_in_an_article_never_runs(
    browser: Any, tmp_path: Path, analyse: Callable[..., Analysis]
) -> None:
    analysis = analyse(
        "Turkey said <script>window.hacked = 1</script> on Monday it met Syria in Moscow. "
        '<img src="x" onerror="window.hacked = 2"> Russia hosted the talks.'
    )
    path = tmp_path / "xss.duckdb"
    with Store.open(path) as store:
        store.save([analysis])
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serving(path) as base:
        page.goto(f"{base}/article/{analysis.article.id}")
        assert "<script>window.hacked = 1</script>" in page.inner_text("#text")
        assert page.evaluate("typeof window.hacked") == "undefined"
        assert page.locator("#text img").count() == 0
        shot(page, "xss")
    assert not dialogs
    page.close()


def _evaluate(db: Path) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["evaluate", "--corrections", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def _correct(browser: Any, db: Path, article: str, trigger: str, verdict: str) -> None:
    keys = Keys()
    page = browser.new_page()
    with serving(db, corrections=True, user="analyst", keys=keys) as base:
        page.goto(f"{base}/login?token={keys.token}")
        page.goto(f"{base}/article/{article}")
        card = page.locator(".ev", has_text=f"“{trigger}”")
        card.locator("summary").click()
        card.locator(f"input[name=verdict][value={verdict}]").check()
        card.locator("button[type=submit]").click()
        page.wait_for_selector(f".ev:has-text('“{trigger}”') .verdict-{verdict}")
        assert "analyst" in card.locator(".correction").inner_text()
        shot(page, f"corrected-{verdict}")
    page.close()


def test_a_correction_made_in_the_browser_becomes_gold(
    browser: Any, seed_db: Path, tmp_path: Path
) -> None:
    article = _article_id(seed_db)
    _correct(browser, seed_db, article, "met", "right")
    before = _evaluate(seed_db)
    _correct(browser, seed_db, article, "backed", "wrong")
    after = _evaluate(seed_db)
    assert after["predicted_events"] > before["predicted_events"]
    assert after["types_micro"]["precision"] < before["types_micro"]["precision"]

    folder = tmp_path / "gold"
    exported = CliRunner().invoke(cli, ["export", "--format", "gold", "-o", str(folder),
                                        "--db", str(seed_db)])  # fmt: skip
    assert exported.exit_code == 0, exported.output
    sentences = [
        json.loads(line) for line in (folder / "corrections.jsonl").read_text().splitlines()
    ]
    by_trigger = {e["trigger"]["text"]: s for s in sentences for e in s["events"]}
    assert by_trigger["met"]["events"][0]["type"] == "CONSULT"
    assert any(s["events"] == [] and "backed" in s["text"] for s in sentences)
    articles = [json.loads(line) for line in (folder / "articles.jsonl").read_text().splitlines()]
    assert [a["id"] for a in articles] == [article]
