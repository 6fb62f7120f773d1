"""The same code on other real articles, in each input form: no rule is written for one article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.ingest import iter_articles
from dateline.model import Analysis, Article
from dateline.pipeline import Pipeline

pytestmark = pytest.mark.issue(2)

DATA = Path(__file__).resolve().parent / "data" / "real_articles.jsonl"


@pytest.fixture(scope="module")
def analyses(pipeline: Pipeline) -> dict[str, Analysis]:
    articles = [a for a in iter_articles([DATA]) if isinstance(a, Article)]
    return {a.article.id: a for a in pipeline.analyse_many(articles)}


def has_event(analysis: Analysis, kind: str, actor: str, recipient: str | None = None) -> bool:
    for event in analysis.events:
        actors = {a.code for a in event.actors}
        recipients = {a.code for a in event.recipients}
        if (
            event.type == kind
            and actor in actors
            and (recipient is None or recipient in recipients)
        ):
            return True
    return False


def test_real_article_russia_accuses_belgium(analyses):
    assert has_event(analyses["fakes-1923102896"], "ACCUSE", "RUS", "BEL")


def test_real_article_who_is_an_igo(analyses):
    assert any(a.text == "WHO" and a.code == "IGO" for a in analyses["fakes-1914947530"].actors)


@pytest.mark.xfail(
    reason="known failure of the combined coder: REJECT has 15 training events in the corpus and "
    "'have repeatedly vetoed any United Nations move' gets under 0.05; the rules find it",
    strict=True,
)
def test_real_article_russia_and_china_veto(analyses):
    assert has_event(analyses["fakes-1914947530"], "REJECT", "RUS")


def test_real_article_russian_jets_strike(analyses):
    assert has_event(analyses["fakes-1918398786"], "ASSAULT", "RUS")


def test_real_article_kerry_and_lavrov_talks(analyses):
    analysis = analyses["fakes-1926479223"]
    talks = [e for e in analysis.events if e.type == "CONSULT"]
    assert any({"USA", "RUS"} <= {a.code for a in (*e.actors, *e.recipients)} for e in talks)


def test_real_article_sudan_bombs_camp(analyses):
    analysis = analyses["ecbplus-41_10ecbplus"]
    assert analysis.article.title == "South Sudan warns of war after Sudan bombs refugee camp"
    assert analysis.article.url is not None
    assert analysis.article.url.startswith("http://usatoday30.usatoday.com/")
    assert has_event(analysis, "ASSAULT", "SDN")


def test_real_article_date_line_in_body_becomes_published(analyses):
    article = analyses["ecbplus-41_11ecbplus"].article
    assert article.published is not None
    assert article.published.isoformat() == "2011-11-10"
    assert not article.text.startswith("Thu, 10 Nov 2011")


def test_real_article_as_html_page(tmp_path, pipeline):
    record = next(
        json.loads(line) for line in DATA.read_text().splitlines() if '"fakes-1923102896"' in line
    )
    paragraphs = "".join(f"<p>{p}.</p>" for p in record["text"].split(". ") if p)
    page = tmp_path / "belgium.html"
    page.write_text(
        f"<html><head><title>{record['title']}</title></head><body><nav>Home | Syria</nav>"
        f"<article><h1>{record['title']}</h1>{paragraphs}</article><footer>(c) Al-Araby</footer></body></html>",
        encoding="utf-8",
    )
    [article] = list(iter_articles([page]))
    assert isinstance(article, Article)
    assert has_event(pipeline.analyse(article), "ACCUSE", "RUS", "BEL")
