from datetime import date

from dateline.ingest.furniture import clean_scraped

SCRAPED = """Turkey, Syria talks

May 10, 2023
450 views

ANKARA, May 10 (Reuters) - Foreign ministers met on Wednesday in Moscow.

Cavusoglu said the talks went well.

Reporting by Ece Toksabay and Jonathan Spicer; Additional reporting by Maya Gebeily Editing by Alexandra Hudson

Our Standards: The Thomson Reuters Trust Principles.

Source: Reuters
"""


def test_clean_scraped_takes_title_date_and_credits():
    cleaned = clean_scraped(SCRAPED)
    assert cleaned.title == "Turkey, Syria talks"
    assert cleaned.published == date(2023, 5, 10)
    assert cleaned.authors == ["Ece Toksabay", "Jonathan Spicer", "Maya Gebeily"]
    assert cleaned.editors == ["Alexandra Hudson"]
    assert cleaned.source == "Reuters"


def test_clean_scraped_body_has_no_furniture():
    body = clean_scraped(SCRAPED).body
    assert body.startswith("ANKARA, May 10 (Reuters) - Foreign ministers")
    assert body.endswith("the talks went well.")
    for furniture in ("450 views", "Reporting by", "Our Standards", "Source:"):
        assert furniture not in body


def test_clean_scraped_keeps_first_line_when_title_is_known():
    cleaned = clean_scraped("Short first line\nSecond line of the story.", has_title=True)
    assert cleaned.title is None
    assert cleaned.body.startswith("Short first line")


def test_clean_scraped_reads_credits_at_the_end_of_the_last_paragraph():
    cleaned = clean_scraped(
        "Body text here.\n\nThe talks ended. (Reporting by Ann Lee; Editing by Bo Ray)",
        has_title=True,
    )
    assert cleaned.body.endswith("The talks ended.")
    assert cleaned.authors == ["Ann Lee"]
    assert cleaned.editors == ["Bo Ray"]


def test_clean_scraped_drops_wire_suffix():
    cleaned = clean_scraped(
        "A bomb killed 16 people in Hasaka on Tuesday. --Reuters", has_title=True
    )
    assert cleaned.body == "A bomb killed 16 people in Hasaka on Tuesday."
    assert cleaned.source == "Reuters"
