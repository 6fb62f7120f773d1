from datetime import date

import pytest

from dateline.ingest.datelines import parse_dateline


def test_parse_dateline_reads_place_date_and_agency():
    body = "ANKARA, May 10 (Reuters) - Foreign ministers met."
    found = parse_dateline(body, date(2023, 5, 10))
    assert found is not None
    assert (found.place, found.date, found.agency) == ("Ankara", date(2023, 5, 10), "Reuters")
    assert body[found.end :].startswith("Foreign ministers")


def test_parse_dateline_moves_a_later_date_to_the_previous_year():
    found = parse_dateline("BEIRUT, Dec 31 (AFP) - Shelling continued.", date(2024, 1, 2))
    assert found is not None
    assert found.date == date(2023, 12, 31)


@pytest.mark.parametrize(
    ("body", "place", "agency"),
    [
        ("WASHINGTON (AP) — The Senate voted.", "Washington", "AP"),
        ("NEW YORK — Stocks fell on Monday.", "New York", None),
        ("DAMASCUS, Syria (AP) - Shelling hit the city.", "Damascus", "AP"),
    ],
)
def test_parse_dateline_accepts_common_forms(body, place, agency):
    found = parse_dateline(body, None)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)


@pytest.mark.parametrize(
    "body",
    ["Officials said - without giving details - that talks failed.", "Turkey backed the plan."],
)
def test_parse_dateline_ignores_ordinary_sentences(body):
    assert parse_dateline(body, None) is None
