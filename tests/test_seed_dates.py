"""Every explicit date in the five seed reports resolves correctly against its publication date.

The seeds are read from ../shared at test time; only the expected dates (facts) are written here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from marsad.model import Document
from marsad.pipeline import analyze_text
from tests.shared_data import shared_path

D = dt.date

# seed file prefix -> (publication date, expected (value, precision) of every date mention, in text order)
SEEDS = {
    "000": (D(2024, 9, 3), [(D(2024, 8, 29), "day"), (D(2014, 1, 1), "year")]),
    "001": (
        D(2020, 5, 11),
        [
            (D(2020, 5, 11), "day"),  # the header line
            (D(2020, 5, 11), "day"),  # اليوم الاثنين
            (D(2020, 4, 13), "day"),  # the 13th of April
            (D(2020, 4, 29), "day"),  # the 29th of "the same month"
            (D(2020, 6, 1), "month"),  # next month
            (D(2020, 5, 9), "day"),  # last Saturday
            (D(2020, 5, 11), "day"),  # today, Monday
        ],
    ),
    "002": (D(2024, 9, 3), []),
    "003": (
        D(2020, 6, 23),
        [
            (D(2020, 6, 23), "day"),  # the header line
            (D(2020, 6, 22), "day"),  # yesterday, Monday
            (D(2020, 6, 22), "day"),  # yesterday, Monday
            (D(2014, 1, 1), "year"),
            (D(2019, 1, 1), "year"),  # the end of last year
        ],
    ),
    "004": (D(2019, 9, 11), [(D(2019, 9, 10), "day"), (D(2014, 1, 1), "year")]),
}


def load_seed(prefix: str) -> Document:
    (path,) = shared_path("seeds").glob(f"{prefix}_*.txt")
    return Document(id=path.name, text=path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_dates_resolve_against_publication(prefix: str) -> None:
    published, expected = SEEDS[prefix]
    document = load_seed(prefix)
    analysis = analyze_text(document, default_published=published)
    found = [(mention.value, mention.precision) for mention in analysis.dates]
    for mention in analysis.dates:
        assert document.text[mention.start : mention.end] == mention.text
    assert found == expected


@pytest.mark.parametrize(("prefix", "published"), [("001", D(2020, 5, 11)), ("003", D(2020, 6, 23))])
def test_seed_publication_date_is_found_in_the_header(prefix: str, published: dt.date) -> None:
    analysis = analyze_text(load_seed(prefix))
    assert analysis.publication.date == published
    assert analysis.publication.source == "text"
