import io
import json
from datetime import date
from pathlib import Path

import pytest

from dateline.ingest import iter_articles
from dateline.model import Article, Failure

PAGE = """<html><head><title>Talks | Example News</title>
<meta property="og:title" content="Turkey and Syria hold talks">
<meta name="author" content="Ece Toksabay">
<meta property="article:published_time" content="2023-05-10T10:00:00Z">
<meta property="og:site_name" content="Example News"></head>
<body><nav>Home | World | Business</nav><div id="cookie">We use cookies. Accept?</div>
<article><h1>Turkey and Syria hold talks</h1>
<p>ANKARA, May 10 (Reuters) - Foreign ministers for Turkey, Syria, Russia and Iran met on
Wednesday in Moscow, marking the highest-level talks so far on rebuilding ties.</p>
<p>Turkish Foreign Minister Mevlut Cavusoglu said in a tweet that he had stressed the need for
cooperation in the fight against terrorism during the meeting with his counterparts.</p>
</article><aside>Most read: celebrity news</aside><footer>Copyright 2023 Example</footer>
</body></html>"""


def read(*paths, stdin=None):
    return list(iter_articles([str(p) for p in paths], stdin=stdin))


def test_iter_articles_reads_the_seed(seed_path):
    [article] = read(seed_path)
    assert isinstance(article, Article)
    assert article.title == "Turkey, Syria, Russia and Iran in highest-level talks since Syrian war"
    assert article.published == date(2023, 5, 10)
    assert article.source == "Reuters"
    assert article.authors == ("Ece Toksabay",)
    assert article.editors == ("Alexandra Hudson",)
    assert article.dateline is not None
    assert article.dateline.place == "Ankara"
    for furniture in ("450 views", "Reporting by", "Our Standards", "Source: Reuters"):
        assert furniture not in article.text


def test_iter_articles_reads_html_main_text_and_metadata(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    [article] = read(page)
    assert isinstance(article, Article)
    assert article.title == "Turkey and Syria hold talks"
    assert article.published == date(2023, 5, 10)
    assert article.authors == ("Ece Toksabay",)
    assert article.text.startswith("ANKARA, May 10 (Reuters)")
    for furniture in ("cookies", "Most read", "Copyright", "Home | World"):
        assert furniture not in article.text


def test_iter_articles_reads_json_lines_with_metadata(tmp_path):
    path = tmp_path / "news.jsonl"
    records = [
        {
            "id": "a1",
            "text": "Turkey and Syria held talks in Moscow on Wednesday.",
            "title": "T",
            "published": "2023-05-10T08:00:00Z",
            "source": "Reuters",
            "url": "https://x/1",
            "topic": "war",
        },
        {"id": "a2", "html": PAGE},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Article)
    assert isinstance(second, Article)
    assert (first.id, first.published, first.source, first.url) == (
        "a1",
        date(2023, 5, 10),
        "Reuters",
        "https://x/1",
    )
    assert first.meta == {"topic": "war"}
    assert second.id == "a2"
    assert second.title == "Turkey and Syria hold talks"


def test_iter_articles_reads_folders_recursively_in_name_order(tmp_path, seed_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "one.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    articles = read(tmp_path)
    assert [Path(a.origin).name for a in articles] == ["two.txt", "one.txt"]


def test_iter_articles_reads_stdin_as_json_lines():
    stdin = io.StringIO(json.dumps({"text": "Iran and Iraq signed a trade deal on Monday."}) + "\n")
    [article] = read("-", stdin=stdin)
    assert isinstance(article, Article)
    assert article.origin == "<stdin>:1"


def test_iter_articles_reads_rss_feeds(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
        <item><title>Talks held</title><link>https://x/1</link>
        <pubDate>Wed, 10 May 2023 08:00:00 GMT</pubDate>
        <description>&lt;p&gt;Turkey and Syria held talks in Moscow on Wednesday, officials said.&lt;/p&gt;</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    [article] = read(feed)
    assert isinstance(article, Article)
    assert (article.title, article.url, article.published) == (
        "Talks held",
        "https://x/1",
        date(2023, 5, 10),
    )
    assert article.text.startswith("Turkey and Syria held talks")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x00\x01\x02binary", "binary file"),
        ("latin1.txt", "Ankara said caf\xe9 talks".encode("latin-1"), "not valid UTF-8"),
        ("blank.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
    ],
)
def test_iter_articles_reports_bad_files_by_name(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    [failure] = read(path)
    assert isinstance(failure, Failure)
    assert failure.origin == str(path)
    assert message in failure.message


def test_iter_articles_reports_missing_paths_and_goes_on(tmp_path, seed_path):
    missing, article = read(tmp_path / "nope.txt", seed_path)
    assert isinstance(missing, Failure)
    assert "no such file" in missing.message
    assert isinstance(article, Article)


def test_iter_articles_reports_a_broken_json_line_and_reads_the_rest(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text(
        '{"text": "Turkey and Syria held talks."}\n{"text": broken\n{"published": "10/05/23", "text": "x y z w"}\n'
        '{"text": "Iran and Iraq signed a deal."}\n',
        encoding="utf-8",
    )
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Failure", "Article"]
    assert results[1].origin == f"{path}:2"
    assert "invalid JSON" in results[1].message
    assert results[1].raw == '{"text": broken'
    assert "expected an ISO date" in results[2].message
