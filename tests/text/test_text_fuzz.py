"""Fuzzing the text layer: on arbitrary Unicode and on text made of the very words the parsers look
for, nothing raises, every span of every mention slices the original text to the mention's text,
and the date and number parsers keep their invariants for any publication date."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.fuzz import arabic_report_text, fuzz_settings, lexicon_words

from marsad.model import Document
from marsad.pipeline import analyze_text
from marsad.text.dates import find_dates
from marsad.text.normalize import normalize, normalize_string
from marsad.text.numbers import find_numbers, parse_number_words

TEXTS = st.one_of(arabic_report_text(), st.text(max_size=300))
# Publication dates as a Document may carry them, and the whole calendar for the parsers themselves
# (a header date or --published can be anything a date can be).
PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
ANY_DAY = st.one_of(st.none(), st.dates())


def check_spans(original: str, mentions: list) -> None:
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(original)
        assert original[mention.start : mention.end] == mention.text
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.start, "sorted and non-overlapping"


@fuzz_settings(2000)
@given(TEXTS, PUBLISHED)
def test_every_mention_of_the_text_layer_slices_the_original(text: str, published: dt.date | None) -> None:
    analysis = analyze_text(Document(id="fuzz", text=text, published=published))
    check_spans(text, analysis.dates)
    check_spans(text, analysis.numbers)
    for mention in [*analysis.dates, *analysis.numbers]:
        assert mention.to_json()["span"] == [mention.start, mention.end]
    for sentence in analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    for before, after in itertools.pairwise(analysis.sentences):
        assert before.end <= after.start


@fuzz_settings(1500)
@given(arabic_report_text(), ANY_DAY)
def test_dates_keep_their_invariants_for_any_publication_day(text: str, published: dt.date | None) -> None:
    nt = normalize(text)
    found = find_dates(nt, published)
    check_spans(text, found)
    for mention in found:
        assert nt.text[mention.norm_start : mention.norm_end] == normalize_string(mention.text)
        assert isinstance(mention.value, dt.date)
        assert mention.relative is False or published is not None


@fuzz_settings(1000)
@given(arabic_report_text())
def test_numbers_keep_their_invariants(text: str) -> None:
    nt = normalize(text)
    found = find_numbers(nt)
    check_spans(text, found)
    for mention in found:
        assert mention.value >= 0
        if mention.low is not None and mention.high is not None:
            assert mention.low <= mention.high


NUMBER_WORDS = st.lists(st.sampled_from([*lexicon_words(), "و", "من", "ألف", "مليون"]), max_size=8).map(" ".join)


@fuzz_settings(1000)
@given(NUMBER_WORDS)
def test_number_words_parse_to_a_count_or_nothing(phrase: str) -> None:
    value = parse_number_words(normalize_string(phrase))
    assert value is None or (isinstance(value, int) and value >= 0)


# Found by the fuzzing above: a publication day near either end of the calendar made the date
# parser raise (ValueError, OverflowError), which failed the whole document. `--published` and a
# header date line can give any day; the expression is now simply not read as a date.
@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("وصل في شهر جمادى الآخرة", dt.date(500, 1, 1)),
        ("في رمضان الماضي", dt.date(600, 1, 1)),
        ("في 3 رمضان", dt.date(100, 1, 1)),
        ("يصل غدا", dt.date(9999, 12, 31)),
        ("الشهر المقبل", dt.date(9999, 12, 31)),
        ("العام المقبل", dt.date(9999, 12, 31)),
        ("الأسبوع المقبل", dt.date(9999, 12, 30)),
        ("قبل 3 أيام", dt.date(1, 1, 2)),
    ],
)
def test_a_day_the_calendar_cannot_hold_is_no_date_and_no_crash(text: str, published: dt.date) -> None:
    assert find_dates(normalize(text), published) == []
