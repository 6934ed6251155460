"""Normalization: the folds, and an offset map that is exact for arbitrary Unicode."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import (
    DEFAULT_CONFIG,
    NormalizationConfig,
    _fold_char,
    normalize,
    normalize_string,
)

# Text that exercises every fold: Arabic letters and marks, digits of three scripts, ligatures,
# invisible controls, punctuation, plus arbitrary Unicode for the rest.
ARABIC_HEAVY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(list("\u200b\u200f\u202b\u202c\ufeff\u00a0«»“”…–—،؛؟ \n.0123456789ABCxyz")),
    ),
    max_size=200,
)
ANY_TEXT = st.text(max_size=200)


def expected_map(text: str, config: NormalizationConfig = DEFAULT_CONFIG) -> tuple[str, list[int]]:
    """A character-by-character reference: each original character's fold, and where it came from."""
    pieces: list[str] = []
    origins: list[int] = []
    for index, ch in enumerate(text):
        folded = _fold_char(ch, config)
        pieces.append(folded)
        origins.extend([index] * len(folded))
    return "".join(pieces), origins


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أحمد إبراهيم آمنة ٱلله", "احمد ابراهيم امنه الله"),
        ("مؤتمر رئيس", "موتمر رييس"),
        ("مستشفى", "مستشفي"),
        ("مدرسة", "مدرسه"),
        ("القـــــوات", "القوات"),
        ("وَقَتَلَتْ الْقُوَّاتُ", "وقتلت القوات"),
        ("٢٠٢٤ و۱۲۳", "2024 و123"),
        ("ﻻ ﺑﻐﺪﺍﺩ", "لا بغداد"),
        ("بغداد\u200f \u200bالأنبار\ufeff", "بغداد انبار".replace("انبار", "الانبار")),
        ("«داعش»، لماذا؟ — نعم…", '"داعش", لماذا? - نعم...'),
        ("قوة\u00a0أمنية", "قوه امنيه"),
        ("F-35 ISIS", "f-35 isis"),
        ("٢٬٥٠٠ و٣٫٥", "2,500 و3.5"),
        ("کرکوک", "كركوك"),
    ],
)
def test_folds(raw: str, folded: str) -> None:
    assert normalize(raw).text == folded


def test_config_turns_folds_off() -> None:
    keep_ta_marbuta = NormalizationConfig(ta_marbuta=False, harakat=False)
    assert normalize("مَدرسة", keep_ta_marbuta).text == "مَدرسة"
    assert normalize("مَدرسة").text == "مدرسه"
    assert normalize("٣", NormalizationConfig(digits=False)).text == "٣"


def test_identity_map_is_cheap_and_exact() -> None:
    nt = normalize("قتل عشرة مسلحين")
    assert nt.is_identity_map
    assert nt.span_to_original(4, 8) == (4, 8)


def test_span_of_a_word_with_harakat_and_tatweel() -> None:
    original = "وقال: إنّ القـوّاتِ وصلت"
    nt = normalize(original)
    start = nt.text.index("القوات")
    orig_start, orig_end = nt.span_to_original(start, start + len("القوات"))
    # the kasra after the last letter is not inside the span: spans end at the last letter that produced text
    assert original[orig_start:orig_end] == "القـوّات"
    assert normalize(original[orig_start:orig_end]).text == "القوات"


def test_ligature_expansion_points_both_letters_at_one_character() -> None:
    original = "ﻻ شيء"
    nt = normalize(original)
    assert nt.text.startswith("لا")
    assert nt.to_original(0) == nt.to_original(1) == 0
    assert nt.span_to_original(0, 2) == (0, 1)


def test_out_of_range_offsets_are_rejected() -> None:
    nt = normalize("نص")
    assert nt.to_original(2) == 2
    with pytest.raises(IndexError):
        nt.to_original(3)
    with pytest.raises(IndexError):
        nt.to_original(-1)


@settings(max_examples=300, deadline=None)
@given(ARABIC_HEAVY)
def test_map_is_exact_on_arabic_heavy_text(text: str) -> None:
    check_exact(text)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_map_is_exact_on_arbitrary_unicode(text: str) -> None:
    check_exact(text)


def check_exact(text: str) -> None:
    nt = normalize(text)
    expected_text, origins = expected_map(text)
    assert nt.text == expected_text
    assert [nt.to_original(i) for i in range(len(nt.text))] == origins
    assert nt.to_original(len(nt.text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(ARABIC_HEAVY, st.data())
def test_any_span_maps_to_the_original_that_produced_it(text: str, data: st.DataObject) -> None:
    nt = normalize(text)
    if not nt.text:
        return
    start = data.draw(st.integers(0, len(nt.text) - 1))
    end = data.draw(st.integers(start + 1, len(nt.text)))
    orig_start, orig_end = nt.span_to_original(start, end)
    _, origins = expected_map(text)
    # minimal: the span starts at the character that produced the first normalized character, and
    # ends right after the one that produced the last
    assert orig_start == origins[start]
    assert orig_end == origins[end - 1] + 1
    # and complete: normalizing the original slice gives exactly the normalized characters it produced,
    # which include the requested ones (more only when the span cuts through an expansion such as ﻻ)
    produced = [i for i, origin in enumerate(origins) if orig_start <= origin < orig_end]
    assert normalize(text[orig_start:orig_end]).text == nt.text[produced[0] : produced[-1] + 1]
    assert produced[0] <= start and end - 1 <= produced[-1]


@settings(max_examples=200, deadline=None)
@given(ARABIC_HEAVY)
def test_normalization_is_idempotent(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@settings(max_examples=100, deadline=None)
@given(ARABIC_HEAVY)
def test_normalize_string_agrees_with_normalize(text: str) -> None:
    assert normalize_string(text) == normalize(text).text
