"""Tests for marsad.text.numbers. Every sentence here was written for these tests."""

from __future__ import annotations

import dataclasses
import itertools
import pickle

import pytest

from marsad.text.normalize import normalize
from marsad.text.numbers import NumberMention, find_numbers, parse_number_words


def numbers(text: str) -> list[NumberMention]:
    """All mentions, after checking the invariants every result must keep."""
    nt = normalize(text)
    found = find_numbers(nt)
    for mention in found:
        assert mention.text == text[mention.start : mention.end]
        assert nt.span_to_original(mention.norm_start, mention.norm_end)[0] == mention.start
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start  # sorted and non-overlapping
    return found


def one(text: str, expected_text: str) -> NumberMention:
    """The single mention in ``text``, whose original text must be ``expected_text``."""
    found = numbers(text)
    assert [m.text for m in found] == [expected_text]
    mention = found[0]
    assert mention.start == text.index(expected_text)
    return mention


def values(text: str) -> list[int | float]:
    return [m.value for m in numbers(text)]


# --- digits ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text", "value"),
    [
        ("قتل 1,250 شخصا في القصف", "1,250", 1250),
        ("أصيب ١٬٢٥٠ مدنيا بجروح", "١٬٢٥٠", 1250),
        ("نزح ٢٬٥٠٠ من سكان القرية", "٢٬٥٠٠", 2500),
        ("ارتفع المؤشر 3.5 نقطة", "3.5", 3.5),
        ("ارتفع المؤشر ٣٫٥ نقطة", "٣٫٥", 3.5),
        ("وصل ۱۵ مقاتلا إلى البلدة", "۱۵", 15),
        ("فر 12 000 شخص من المدينة", "12 000", 12000),
        ("فر 12\u00a0500 شخص من المدينة", "12\u00a0500", 12500),
        ("بدأت الحرب عام 2014 في المنطقة", "2014", 2014),
        ("وصلت 1.250.000 جرعة", "1.250.000", 1250000),
    ],
)
def test_digits(text: str, expected_text: str, value: int | float) -> None:
    mention = one(text, expected_text)
    assert mention.value == value
    assert type(mention.value) is type(value)
    assert not mention.approximate and mention.low is None and mention.high is None


def test_digits_behind_proclitic_and_parenthesis() -> None:
    found = numbers("قتل 4 جنود و15 مدنيا (بينهم 3 أطفال)")
    assert [(m.text, m.value) for m in found] == [("4", 4), ("15", 15), ("3", 3)]
    assert numbers("(15 قتيلا)")[0].value == 15


def test_arabic_comma_separates_numbers() -> None:
    assert values("سقط ٥، ١٠ قتلى") == [5, 10]
    assert values("سقط ٥،١٠ قتلى") == [5, 10]  # ، is a list separator, not a thousands separator
    assert values("بين عامي 2014,2015") == [2014, 2015]


def test_space_between_numbers_is_not_a_thousands_separator() -> None:
    assert values("في 15 300 منزل") == [15, 300]


@pytest.mark.parametrize(
    "text",
    [
        "حلقت طائرة F-16 فوق المدينة",
        "حلقت طائرة اف-16 فوق المدينة",
        "وقع الهجوم في 21/7/2015 صباحا",
        "وقع الهجوم في 2015-07-21 صباحا",
        "وقع الهجوم الساعة 10:30 صباحا",
        "أحيا الذكرى الـ15 للمجزرة",
    ],
)
def test_things_that_are_not_plain_numbers(text: str) -> None:
    assert numbers(text) == []


def test_spaced_date_is_not_a_range() -> None:
    found = numbers("صدر القرار بتاريخ 23 - 06 - 2015 في الرياض")
    assert all(m.high is None for m in found)


# --- number words ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text", "value"),
    [
        ("قتل ثلاثة جنود", "ثلاثة", 3),
        ("دمرت ثلاث سيارات", "ثلاث", 3),
        ("اعتقل أربعة مشتبهين", "أربعة", 4),
        ("أصيب اثنان من الحراس", "اثنان", 2),
        ("قتل اثنين من المهاجمين", "اثنين", 2),
        ("نجت اثنتان من النساء", "اثنتان", 2),
        ("أصيبت اثنتين منهن", "اثنتين", 2),
        ("خطف ثماني نساء", "ثماني", 8),
        ("استمر القتال عشر ساعات", "عشر", 10),
        ("قتل أحد عشر جنديا", "أحد عشر", 11),
        ("قتلت إحدى عشرة امرأة", "إحدى عشرة", 11),
        ("اعتقل اثنا عشر شخصا", "اثنا عشر", 12),
        ("اعتقل اثني عشر شخصا", "اثني عشر", 12),
        ("قتل خمسة عشر مسلحا", "خمسة عشر", 15),
        ("أصيبت ثلاث عشرة امرأة", "ثلاث عشرة", 13),
        ("وصل عشرون مراقبا", "عشرون", 20),
        ("قتل تسعين شخصا", "تسعين", 90),
        ("قتل ثلاثة وعشرين جنديا", "ثلاثة وعشرين", 23),
        ("وصل خمس وأربعون شاحنة", "خمس وأربعون", 45),
        ("قتل واحد وعشرون شخصا", "واحد وعشرون", 21),
        ("هدمت إحدى وعشرين دارا", "إحدى وعشرين", 21),
        ("اعتقل مئة شخص", "مئة", 100),
        ("اعتقل مائة شخص", "مائة", 100),
        ("نزح مئتان من السكان", "مئتان", 200),
        ("نزح مائتي شخص", "مائتي", 200),
        ("فر ثلاثمئة شخص", "ثلاثمئة", 300),
        ("فر ثلاثمائة شخص", "ثلاثمائة", 300),
        ("فر ثلاث مئة شخص", "ثلاث مئة", 300),
        ("قتل مئة وخمسين مقاتلا", "مئة وخمسين", 150),
        ("نزح ألف شخص", "ألف", 1000),
        ("نزح ألفان من السكان", "ألفان", 2000),
        ("نزح ألفين من السكان", "ألفين", 2000),
        ("نزح ألفي شخص", "ألفي", 2000),
        ("نزح ثلاثة آلاف شخص", "ثلاثة آلاف", 3000),
        ("نزح عشرة آلاف شخص", "عشرة آلاف", 10000),
        ("نزح أحد عشر ألفا", "أحد عشر ألفا", 11000),
        ("نزح مئة ألف شخص", "مئة ألف", 100000),
        ("صرف ألف ومئتان وخمسون دينارا", "ألف ومئتان وخمسون", 1250),
        ("فر مليون شخص", "مليون", 1000000),
        ("فر مليونان من السكان", "مليونان", 2000000),
        ("فر ثلاثة ملايين شخص", "ثلاثة ملايين", 3000000),
        ("فر مليون ونصف من السكان", "مليون ونصف", 1500000),
        ("فر مليون ونصف مليون شخص", "مليون ونصف مليون", 1500000),
        ("حشد 80 ألف جندي", "80 ألف", 80000),
        ("رصد 2.5 مليون دولار", "2.5 مليون", 2500000),
        ("رصد 1,5 مليون دولار", "1,5 مليون", 1500000),
        ("نزح 3 آلاف شخص", "3 آلاف", 3000),
    ],
)
def test_number_words(text: str, expected_text: str, value: int) -> None:
    mention = one(text, expected_text)
    assert mention.value == value
    assert type(mention.value) is int
    assert not mention.vague and not mention.approximate


@pytest.mark.parametrize(
    ("text", "expected_text", "value"),
    [
        ("قتل جنديان وخمسة مدنيين", "خمسة", 5),
        ("أصيب المدنيون بثلاثة صواريخ", "ثلاثة", 3),
        ("تعهد لخمسة أعوام", "خمسة", 5),
        ("فقتل سبعة", "سبعة", 7),
        ("ووصل وبعشرين آلية", "عشرين", 20),
    ],
)
def test_proclitics_are_not_part_of_the_number(text: str, expected_text: str, value: int) -> None:
    mention = next(m for m in numbers(text) if m.noun is None)
    assert (mention.text, mention.value) == (expected_text, value)


def test_harakat_in_the_input() -> None:
    text = "قُتِلَ خَمْسَةُ جُنُودٍ وَثَلَاثَةٌ وَعِشْرُونَ مَدَنِيًّا"
    found = numbers(text)
    assert [(m.text, m.value) for m in found] == [("خَمْسَةُ", 5), ("ثَلَاثَةٌ وَعِشْرُونَ", 23)]


def test_a_number_ends_where_a_second_begins() -> None:
    assert values("بلغت الكلفة ألفين وثلاثة آلاف") == [2000, 3000]
    assert values("قتل خمسة وجرح ثلاثة") == [5, 3]


def test_number_at_start_of_text_and_of_a_line() -> None:
    assert values("خمسة جنود قتلوا") == [5]
    assert values("خمسة عشر جنديا قتلوا") == [15]
    assert values("الحصيلة:\n15 قتيلا\nسبعة عشر جريحا") == [15, 17]


# --- dual nouns --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text", "noun"),
    [
        ("قتل جنديين في الهجوم", "جنديين", "جندي"),
        ("قتل جنديان في الهجوم", "جنديان", "جندي"),
        ("أصيب شخصين بجروح", "شخصين", "شخص"),
        ("قتل طفلين في القصف", "طفلين", "طفل"),
        ("خلف الانفجار قتيلين", "قتيلين", "قتيل"),
        ("نقل جريحين إلى المستشفى", "جريحين", "جريح"),
        ("اعتقل عنصرين من التنظيم", "عنصرين", "عنصر"),
        ("شنت الطائرات ضربتين على الموقع", "ضربتين", "ضربه"),
        ("أطلق صاروخين على المدينة", "صاروخين", "صاروخ"),
        ("استمر الحصار يومين", "يومين", "يوم"),
        ("بعد أسبوعين من الهجوم", "أسبوعين", "اسبوع"),
        ("قبل شهرين", "شهرين", "شهر"),
        ("قتل مسلحان وجنديين", "جنديين", "جندي"),
    ],
)
def test_dual_nouns(text: str, expected_text: str, noun: str) -> None:
    mention = one(text, expected_text)
    assert (mention.value, mention.noun, mention.vague) == (2, noun, False)


def test_dual_noun_followed_by_two_is_one_mention() -> None:
    mention = one("قتل جنديين اثنين في الكمين", "جنديين اثنين")
    assert (mention.value, mention.noun) == (2, "جندي")


@pytest.mark.parametrize("text", ["قتل مسلحين في الاشتباك", "أصيب مدنيين في القصف", "سيطرت حركة طالبان على المدينة"])
def test_sound_plurals_are_not_duals(text: str) -> None:
    assert numbers(text) == []


# --- vague quantities --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text", "value", "low", "high"),
    [
        ("قتل عشرات المدنيين", "عشرات", 10, None, None),
        ("قتل وعشرات الجرحى", "عشرات", 10, None, None),
        ("قتل العشرات في القصف", "العشرات", 12, None, None),
        ("نزح مئات السكان", "مئات", 100, None, None),
        ("نزح المئات من السكان", "المئات", 100, None, None),
        ("نزح آلاف السكان", "آلاف", 1000, None, None),
        ("نزح الآلاف من السكان", "الآلاف", 1000, None, None),
        ("قتل بضعة جنود", "بضعة", 3, 3, 9),
        ("استمر القتال بضع ساعات", "بضع", 3, 3, 9),
        ("نزح عشرات الآلاف", "عشرات الآلاف", 10000, None, None),
        ("نزح بضعة آلاف", "بضعة آلاف", 3000, 3000, 9000),
    ],
)
def test_vague_quantities(text: str, expected_text: str, value: int, low: int | None, high: int | None) -> None:
    mention = one(text, expected_text)
    assert (mention.value, mention.low, mention.high) == (value, low, high)
    assert mention.vague and mention.approximate


# --- approximations, bounds, ranges --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_text", "value"),
    [
        ("قتل نحو 50 شخصا", "نحو 50", 50),
        ("قتل قرابة عشرين شخصا", "قرابة عشرين", 20),
        ("قتل حوالي 30 شخصا", "حوالي 30", 30),
        ("قتل زهاء 40 شخصا", "زهاء 40", 40),
        ("قتل ما يقارب 60 شخصا", "ما يقارب 60", 60),
        ("قتل بنحو مئة شخص", "بنحو مئة", 100),
        ("قتل 70 تقريبا", "70 تقريبا", 70),
    ],
)
def test_approximations(text: str, expected_text: str, value: int) -> None:
    mention = one(text, expected_text)
    assert (mention.value, mention.approximate, mention.low, mention.high) == (value, True, None, None)


@pytest.mark.parametrize(
    ("text", "expected_text", "value", "low", "high", "approximate"),
    [
        ("قتل أكثر من 100 شخص", "أكثر من 100", 100, 100, None, False),
        ("قتل ما يزيد عن 200 شخص", "ما يزيد عن 200", 200, 200, None, False),
        ("قتل ما يزيد على ثلاثة آلاف", "ما يزيد على ثلاثة آلاف", 3000, 3000, None, False),
        ("قتل أزيد من 300 شخص", "أزيد من 300", 300, 300, None, False),
        ("قتل ما لا يقل عن 400 شخص", "ما لا يقل عن 400", 400, 400, None, False),
        ("قتل 500 على الأقل", "500 على الأقل", 500, 500, None, False),
        ("قتل أقل من 600 شخص", "أقل من 600", 600, None, 600, True),
        ("قتل ما دون 700 شخص", "ما دون 700", 700, None, 700, True),
        ("قدرت الخسائر بأكثر من 100 مليون", "بأكثر من 100 مليون", 100000000, 100000000, None, False),
    ],
)
def test_bounds(
    text: str, expected_text: str, value: int, low: int | None, high: int | None, approximate: bool
) -> None:
    mention = one(text, expected_text)
    assert (mention.value, mention.low, mention.high, mention.approximate) == (value, low, high, approximate)


def test_bound_after_a_noun_sets_the_bound_but_keeps_the_span() -> None:
    mention = one("قتل 20 شخصا على الأقل في الانفجار", "20")
    assert (mention.value, mention.low) == (20, 20)


@pytest.mark.parametrize(
    ("text", "expected_text", "low", "high"),
    [
        ("قتل بين 10 و15 شخصا", "بين 10 و15", 10, 15),
        ("قتل ما بين 500 إلى 750 شخصا", "ما بين 500 إلى 750", 500, 750),
        ("يتراوح العدد من 3 إلى 5 أشخاص", "من 3 إلى 5", 3, 5),
        ("قتل 10-15 شخصا", "10-15", 10, 15),
        ("قتل بين عشرة وخمسة عشر شخصا", "بين عشرة وخمسة عشر", 10, 15),
        ("نزح ثلاثة أو أربعة آلاف", "ثلاثة أو أربعة آلاف", 3000, 4000),
        ("نزح بين 10 و15 ألفا", "بين 10 و15 ألفا", 10000, 15000),
        ("جمعت ما بين مليونين وثلاثة ملايين", "ما بين مليونين وثلاثة ملايين", 2000000, 3000000),
    ],
)
def test_ranges(text: str, expected_text: str, low: int, high: int) -> None:
    mention = one(text, expected_text)
    assert (mention.value, mention.low, mention.high) == (low, low, high)  # conservative: the lower end


def test_a_rise_is_not_a_range() -> None:
    found = numbers("ارتفعت حصيلة القتلى من 10 إلى 15")
    assert [(m.text, m.value, m.high) for m in found] == [("10", 10, None), ("15", 15, None)]


def test_and_without_between_is_two_numbers() -> None:
    assert [(m.value, m.high) for m in numbers("قتل 5 و3 جرحى")] == [(5, None), (3, None)]


# --- what is not a number ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "قال أحد الشهود إن الانفجار وقع",
        "وقع الهجوم يوم الأحد",
        "وأحد المسلحين فر",
        "وصل الفوج الثالث إلى الجبهة",
        "احتفل بالعيد العاشر",
        "انتهى القتال في اليوم الخامس عشر من الشهر",
        "بدأت الجولة الحادية عشرة",
        "انفجرت العبوة بعد ثانية",
        "وقع الهجوم يوم الاثنين",
        "قتل الجنود الثلاثة",
        "عثر عليهم ميتين في المنزل",
        "لست أدري ماذا حدث",
        "أثنى الوزير على القوات",
    ],
)
def test_not_numbers(text: str) -> None:
    assert numbers(text) == []


def test_hundred_needs_its_hamza() -> None:
    assert values("أعدم مئتين من الأسرى") == [200]


# --- API ---------------------------------------------------------------------------------------------


def test_to_json_writes_optional_fields_only_when_set() -> None:
    plain = one("قتل 7 جنود", "7")
    assert plain.to_json() == {"kind": "number", "text": "7", "span": [4, 5], "value": 7}
    vague = one("قتل عشرات", "عشرات")
    assert vague.to_json() == {
        "kind": "number",
        "text": "عشرات",
        "span": [4, 9],
        "value": 10,
        "approximate": True,
        "vague": True,
    }
    dual = one("قتل جنديين", "جنديين")
    assert dual.to_json()["noun"] == "جندي"
    ranged = one("قتل بين 10 و15", "بين 10 و15")
    assert ranged.to_json() == {
        "kind": "number",
        "text": "بين 10 و15",
        "span": [4, 14],
        "value": 10,
        "low": 10,
        "high": 15,
    }


def test_mentions_are_plain_frozen_dataclasses() -> None:
    text = "قتل نحو 50 شخصا"
    mention = find_numbers(normalize(text))[0]
    expected = NumberMention(4, 10, 4, 10, "نحو 50", 50, approximate=True)
    assert mention == expected
    assert dataclasses.astuple(mention) == dataclasses.astuple(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.value = 51  # type: ignore[misc]


def test_mentions_pickle() -> None:  # they travel between Dask workers
    found = numbers("قتل بين 10 و15 شخصا وجنديين")
    assert pickle.loads(pickle.dumps(found)) == found


def test_offsets_in_a_longer_text() -> None:
    text = (
        "أعلنت مصادر أمنية مقتل ثلاثة وعشرين مسلحا، وإصابة نحو 40 آخرين، في اشتباكات استمرت يومين.\n"
        "وقالت إن ما لا يقل عن ١٢ مدنيا قتلوا، بينهم طفلين، فيما نزح عشرات الآلاف."
    )
    found = numbers(text)
    assert [(m.text, m.value) for m in found] == [
        ("ثلاثة وعشرين", 23),
        ("نحو 40", 40),
        ("يومين", 2),
        ("ما لا يقل عن ١٢", 12),
        ("طفلين", 2),
        ("عشرات الآلاف", 10000),
    ]
    nt = normalize(text)
    assert [nt.text[m.norm_start : m.norm_end] for m in found][3] == "ما لا يقل عن 12"


def test_empty_and_numberless_text() -> None:
    assert find_numbers(normalize("")) == []
    assert find_numbers(normalize("لا شيء هنا")) == []


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("ثلاثه وعشرين", 23),
        ("ثلاثة وعشرين", 23),  # not yet normalized: normalized again
        ("خمسه عشر", 15),
        ("الف وتسعمايه وخمسه وتسعين", 1995),
        ("ثلاث مئة", 300),
        ("الفين", 2000),
        ("احد عشر", 11),
        ("عشرين", 20),
    ],
)
def test_parse_number_words(phrase: str, value: int) -> None:
    assert parse_number_words(phrase) == value


@pytest.mark.parametrize("phrase", ["", "احد", "خمسه ثلاثه", "الاف", "جنديين", "ثلاثه وعشرين يوما"])
def test_parse_number_words_rejects_what_is_not_exactly_one_number(phrase: str) -> None:
    assert parse_number_words(phrase) is None
