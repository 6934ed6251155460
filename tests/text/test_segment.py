"""Sentences and tokens with clitic analysis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text.normalize import normalize
from marsad.text.segment import candidate_stems, clitic_analyses, split_sentences, tokenize


def sentences_of(text: str) -> list[str]:
    found = split_sentences(normalize(text))
    for sentence in found:
        assert text[sentence.start : sentence.end] == sentence.text
    return [sentence.text for sentence in found]


def test_splits_on_full_stop_question_and_exclamation() -> None:
    text = "سقطت قذيفة على السوق. هل أصيب أحد؟ لا أحد! انتهى الخبر?"
    assert sentences_of(text) == ["سقطت قذيفة على السوق.", "هل أصيب أحد؟", "لا أحد!", "انتهى الخبر?"]


def test_line_breaks_end_sentences_even_without_punctuation() -> None:
    text = "عنوان الخبر بلا نقطة\nبغداد - متابعة\n\nوقعت الحادثة صباحا"
    assert sentences_of(text) == ["عنوان الخبر بلا نقطة", "بغداد - متابعة", "وقعت الحادثة صباحا"]


def test_arabic_comma_does_not_end_a_sentence() -> None:
    text = "وصلت التعزيزات، وانتشرت القوات، ثم بدأ التفتيش."
    assert sentences_of(text) == [text]


def test_decimal_numbers_in_both_scripts_are_not_boundaries() -> None:
    text = "بلغت المسافة 3.5 كيلومتر. وارتفع المنسوب ٢٫٥ متر."
    assert sentences_of(text) == ["بلغت المسافة 3.5 كيلومتر.", "وارتفع المنسوب ٢٫٥ متر."]


def test_full_stops_inside_guillemets_stay_in_the_sentence() -> None:
    text = "وقال المتحدث: «انتهت العملية. لا خسائر في صفوفنا» مضيفا أن التفتيش مستمر. ثم غادر."
    assert sentences_of(text) == [
        "وقال المتحدث: «انتهت العملية. لا خسائر في صفوفنا» مضيفا أن التفتيش مستمر.",
        "ثم غادر.",
    ]


def test_curly_and_straight_quotes() -> None:
    text = 'قال: “وصلنا. بدأنا” ثم سكت. وأضاف: "لن نتراجع. أبدا" وانصرف.'
    assert sentences_of(text) == ["قال: “وصلنا. بدأنا” ثم سكت.", 'وأضاف: "لن نتراجع. أبدا" وانصرف.']


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "صرح د. سامي الكبيسي بأن الوضع هادئ. وأكد أ. ليلى ذلك."
    assert sentences_of(text) == ["صرح د. سامي الكبيسي بأن الوضع هادئ.", "وأكد أ. ليلى ذلك."]


def test_unclosed_quote_does_not_swallow_the_next_paragraph() -> None:
    text = "قال: «بدأ الهجوم. واستمر\nفقرة جديدة. جملة ثانية."
    assert sentences_of(text) == ["قال: «بدأ الهجوم. واستمر", "فقرة جديدة.", "جملة ثانية."]


def test_sentence_spans_survive_harakat_and_tatweel() -> None:
    text = "قَتَلَ المُسَلَّحُونَ حارساً. وهَـــربوا."
    assert sentences_of(text) == ["قَتَلَ المُسَلَّحُونَ حارساً.", "وهَـــربوا."]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert sentences_of("") == []
    assert sentences_of(" \n\n\t ") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('قتل الجيش عنصرين. ؟!\n«»"3.5،ـَ')), max_size=120))
def test_sentences_are_ordered_disjoint_and_exact(text: str) -> None:
    found = split_sentences(normalize(text))
    previous_end = 0
    for sentence in found:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
        previous_end = sentence.end
    # nothing but white space (and marks that normalize to nothing) is left out
    covered = "".join(normalize(s.text).text for s in found)
    assert "".join(covered.split()) == "".join(normalize(text).text.split())


def test_tokens_carry_normalized_surface_and_map_back() -> None:
    text = "وَبِالرَّمادي ٢٣ قتيلاً، و1,250 نازحاً"
    nt = normalize(text)
    tokens = tokenize(nt)
    assert [t.surface for t in tokens] == ["وبالرمادي", "23", "قتيلا", "و1,250", "نازحا"]
    first = tokens[0]
    start, end = nt.span_to_original(first.norm_start, first.norm_end)
    assert text[start:end] == "وَبِالرَّمادي"


@pytest.mark.parametrize(
    ("surface", "stems"),
    [
        ("وبالرمادي", ("وبالرمادي", "بالرمادي", "الرمادي", "رمادي")),
        ("للجيش", ("للجيش", "لجيش", "جيش")),
        ("فالقوات", ("فالقوات", "القوات", "قوات")),
        ("كالعاده", ("كالعاده", "العاده", "عاده")),
        ("وسيهاجمون", ("وسيهاجمون", "سيهاجمون", "يهاجمون")),
        ("بغداد", ("بغداد", "غداد")),
        ("داعش", ("داعش",)),
    ],
)
def test_candidate_stems(surface: str, stems: tuple[str, ...]) -> None:
    assert candidate_stems(surface) == stems


def test_clitic_analysis_names_the_clitics() -> None:
    analyses = {a.stem: a.proclitics for a in clitic_analyses("وللقوات")}
    assert analyses["قوات"] == ("و", "ل", "ال")
    assert analyses["للقوات"] == ("و",)


def test_article_is_not_taken_after_the_future_marker() -> None:
    assert all(a.proclitics[-1:] != ("ال",) or "س" not in a.proclitics for a in clitic_analyses("وسالم"))
