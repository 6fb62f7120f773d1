"""One story, many copies: the seed Reuters story and a syndicated copy built from its real text
with another site's header, byline, dateline, share buttons and footer, analysed by the real
pipeline and stored in a real DuckDB file."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.dedupe import estimate_jaccard, signature, story_body
from dateline.ingest import iter_articles
from dateline.model import Analysis, Article
from dateline.pipeline import Pipeline
from dateline.store import Store

pytestmark = pytest.mark.issue(10)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "reuters-2023-05-10-moscow-talks.txt"


def syndicated_copy(seed: str) -> str:
    """The seed's story paragraphs in another site's page."""
    lines = seed.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("ANKARA, May 10 (Reuters)"))
    last = next(i for i, line in enumerate(lines) if line.startswith("Reporting by"))
    paragraphs = [line for line in lines[first:last] if line.strip()]
    paragraphs[0] = paragraphs[0].replace(
        "ANKARA, May 10 (Reuters) - ", "MOSCOW/ANKARA (Reuters) — "
    )
    page = [lines[0].upper(), "", "By Ece Toksabay", "Published on 10 May 2023, 14:32 GMT",
            "3 min read", "Share on Facebook", "Share on Twitter", ""]  # fmt: skip
    for number, paragraph in enumerate(paragraphs):
        page += [paragraph, ""]
        if number == 3:
            page += ["Advertisement", "", "Facebook | Twitter | WhatsApp | Email", ""]
    page += ["Share this article", "", "© 2023 Thomson Reuters. All rights reserved.",
             "Related coverage", "Erdogan and Assad could meet soon, Russia says",
             "Iran's president visits Damascus"]  # fmt: skip
    return "\n".join(page)


def analyses(pipeline: Pipeline, tmp_path: Path) -> list[Analysis]:
    copy = tmp_path / "copy.txt"
    copy.write_text(syndicated_copy(EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    articles = list(iter_articles([EXAMPLE, copy]))
    assert all(isinstance(a, Article) for a in articles)
    return [pipeline.analyse(a) for a in articles if isinstance(a, Article)]


def test_the_copy_differs_in_furniture_but_not_in_story(pipeline: Pipeline, tmp_path: Path):
    seed, copy = analyses(pipeline, tmp_path)
    assert seed.article.text != copy.article.text
    assert "Advertisement" in copy.article.text  # furniture inside the body stays in the text
    assert story_body(seed.article.text) == story_body(copy.article.text)
    assert estimate_jaccard(signature(story_body(seed.article.text)),
                            signature(story_body(copy.article.text))) == 1.0  # fmt: skip


@pytest.mark.parametrize("batches", ["one", "two", "copy first"])
def test_two_copies_are_one_story_and_its_events_count_both(
    pipeline: Pipeline, tmp_path: Path, batches: str
) -> None:
    seed, copy = analyses(pipeline, tmp_path)
    path = tmp_path / "copies.duckdb"
    with Store.open(path) as store:
        if batches == "one":
            store.save([seed, copy])
        elif batches == "two":
            store.save([seed])
            store.save([copy])  # a later batch: the copy meets the stored story
        else:
            store.save([copy])
            store.save([seed])

    with Store.open(path, read_only=True) as store:
        stories = store.con.sql("SELECT count(DISTINCT story_id), count(*) FROM articles")
        assert stories.fetchall() == [(1, 2)]
        events = store.con.sql(
            "SELECT type, actor_codes, location.name, num_articles, num_sources FROM events"
        ).fetchall()
    meeting = [e for e in events if e[0] == "CONSULT" and e[2] == "Moscow" and "IRN" in e[1]]
    assert meeting == [("CONSULT", ["IRN", "RUS", "SYR", "TUR"], "Moscow", 2, 2)]
    assert all(e[4] >= 1 for e in events)  # the copy names no outlet: it is a source of its own
    assert [e[3] for e in events] == [2] * len(events)


def test_a_different_story_on_the_same_meeting_is_not_a_copy(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    from dateline.ingest import build_article

    other = build_article(
        "MOSCOW (AP) — The foreign ministers of Russia, Iran, Syria and Turkey held talks in "
        "Moscow on Wednesday. Syria's top diplomat demanded a timetable for the withdrawal of "
        "Turkish forces, while Turkey's minister spoke of fighting terrorism together. Russia "
        "said the meeting was useful and that work on a roadmap would continue at a lower level.",
        origin="<test>", title="Four ministers meet in Moscow", source="AP",
    )  # fmt: skip
    seed = analyses(pipeline, tmp_path)[0]
    path = tmp_path / "two-stories.duckdb"
    with Store.open(path) as store:
        store.save([seed, pipeline.analyse(other)])
    with Store.open(path, read_only=True) as store:
        assert store.con.sql("SELECT count(DISTINCT story_id) FROM articles").fetchall() == [(2,)]
