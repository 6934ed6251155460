"""Hijri dates by the Umm al-Qura calendar, on days where it and the tabular calendar disagree.

Every sentence here is written for these tests. Each expected day is checked three ways: it is what
``hijridate`` (the Umm al-Qura table) gives, it differs from the tabular (arithmetic) calendar, and it
agrees with an independent fact: the day Saudi Arabia announced for Ramadan, Eid al-Fitr or Eid al-Adha
(with its weekday), or, for Dhu al-Hijja 1436, the conjunction of the solar eclipse of 13 September 2015.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hijridate import Hijri

from marsad.text.dates import (
    DateMention,
    find_dates,
    gregorian_to_hijri,
    hijri_month_length,
    hijri_to_gregorian,
    tabular_gregorian_to_hijri,
    tabular_hijri_to_gregorian,
)
from marsad.text.normalize import normalize

D = dt.date
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# (Hijri date, Umm al-Qura day, its weekday, tabular day, the fact the day agrees with)
BOUNDARIES = [
    ((1435, 9, 1), D(2014, 6, 28), SAT, D(2014, 6, 29), "Ramadan 1435 began on Saturday 28 June 2014"),
    ((1435, 10, 1), D(2014, 7, 28), MON, D(2014, 7, 29), "Eid al-Fitr 1435 was Monday 28 July 2014"),
    ((1435, 12, 10), D(2014, 10, 4), SAT, D(2014, 10, 5), "Eid al-Adha 1435 was Saturday 4 October 2014"),
    ((1436, 10, 1), D(2015, 7, 17), FRI, D(2015, 7, 18), "Eid al-Fitr 1436 was Friday 17 July 2015"),
    ((1437, 9, 1), D(2016, 6, 6), MON, D(2016, 6, 7), "Ramadan 1437 began on Monday 6 June 2016"),
    ((1438, 12, 10), D(2017, 9, 1), FRI, D(2017, 9, 2), "Eid al-Adha 1438 was Friday 1 September 2017"),
    ((1439, 12, 10), D(2018, 8, 21), TUE, D(2018, 8, 22), "Eid al-Adha 1439 was Tuesday 21 August 2018"),
    ((1440, 10, 1), D(2019, 6, 4), TUE, D(2019, 6, 5), "Eid al-Fitr 1440 was Tuesday 4 June 2019"),
    ((1440, 12, 10), D(2019, 8, 11), SUN, D(2019, 8, 12), "Eid al-Adha 1440 was Sunday 11 August 2019"),
    ((1443, 9, 1), D(2022, 4, 2), SAT, D(2022, 4, 3), "Ramadan 1443 began on Saturday 2 April 2022"),
    ((1444, 12, 10), D(2023, 6, 28), WED, D(2023, 6, 29), "Eid al-Adha 1444 was Wednesday 28 June 2023"),
    ((1445, 12, 10), D(2024, 6, 16), SUN, D(2024, 6, 17), "Eid al-Adha 1445 was Sunday 16 June 2024"),
    # The table starts Dhu al-Hijja 1436 on Monday 14 September 2015, the day after the new moon of the
    # solar eclipse of 13 September (06:55 UTC, before sunset at Mecca). The announced month began a day
    # later (Eid al-Adha on Thursday 24 September), so a sighted 15th would be the 29th: a day the
    # tabular calendar happens to give. Marsad follows the table, like the outlets that print it.
    ((1436, 12, 1), D(2015, 9, 14), MON, D(2015, 9, 15), "new moon of 13 September 2015 (solar eclipse)"),
    ((1436, 12, 15), D(2015, 9, 28), MON, D(2015, 9, 29), "14 days after 1 Dhu al-Hijja 1436"),
]


def dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    found = find_dates(normalize(text), published)
    for mention in found:
        assert mention.text == text[mention.start : mention.end]
    return found


@pytest.mark.parametrize(("hijri", "umm_al_qura", "weekday", "tabular", "fact"), BOUNDARIES)
def test_umm_al_qura_days_where_the_calendars_differ(
    hijri: tuple[int, int, int], umm_al_qura: dt.date, weekday: int, tabular: dt.date, fact: str
) -> None:
    assert Hijri(*hijri).to_gregorian() == umm_al_qura, "the table itself"
    assert umm_al_qura.weekday() == weekday, fact
    assert tabular_hijri_to_gregorian(*hijri) == tabular != umm_al_qura
    assert hijri_to_gregorian(*hijri) == umm_al_qura
    assert gregorian_to_hijri(umm_al_qura) == hijri
    assert tabular_gregorian_to_hijri(umm_al_qura) != hijri


def test_the_fifteenth_of_dhu_al_hijja_1436_in_a_sentence() -> None:
    (mention,) = dates("عاد آخر الحجاج إلى مدينتهم في 15 ذو الحجة 1436 هـ بعد انتهاء الموسم")
    assert (mention.text, mention.value, mention.precision, mention.relative, mention.calendar) == (
        "15 ذو الحجة 1436 هـ",
        D(2015, 9, 28),
        "day",
        False,
        "hijri",
    )


@pytest.mark.parametrize(
    ("text", "expected_text", "value", "precision"),
    [
        ("أعلنت الشرطة مقتل مسلحين مساء 1 شوال 1435", "مساء 1 شوال 1435", D(2014, 7, 28), "day"),
        ("بدأت الهدنة في الأول من رمضان 1443 وانتهت بعد أسبوعين", "الأول من رمضان 1443", D(2022, 4, 2), "day"),
        ("انفجرت العبوة صباح العاشر من ذي الحجة 1440", "صباح العاشر من ذي الحجة 1440", D(2019, 8, 11), "day"),
        ("وأصدرت المحكمة حكمها بتاريخ 1436/10/1هـ", "1436/10/1هـ", D(2015, 7, 17), "day"),
        ("تصاعدت الهجمات خلال شهر رمضان 1437", "شهر رمضان 1437", D(2016, 6, 6), "month"),
        ("شهد ذو الحجة 1436 هدوءا نسبيا", "ذو الحجة 1436", D(2015, 9, 14), "month"),
    ],
)
def test_hijri_mentions_take_the_umm_al_qura_day(text: str, expected_text: str, value: dt.date, precision: str) -> None:
    (mention,) = dates(text, D(2024, 1, 1))
    assert (mention.text, mention.value, mention.precision) == (expected_text, value, precision)
    assert mention.calendar == "hijri"
    assert not mention.relative


def test_a_hijri_date_without_a_year_counts_from_the_umm_al_qura_day_of_publication() -> None:
    """Published on Eid al-Fitr 1440 (Tuesday 4 June 2019), which the tabular calendar still calls
    30 Ramadan: «الأول من شوال» is that very day, not the Eid of the year before."""
    found = dates("احتفل المصلون صباح اليوم بالأول من شوال", D(2019, 6, 4))
    (mention,) = [m for m in found if m.calendar == "hijri"]
    assert (mention.text, mention.value, mention.relative, mention.qualifier) == (
        "الأول من شوال",
        D(2019, 6, 4),
        True,
        None,
    )


def test_day_30_of_a_29_day_month_is_the_day_after_its_29th() -> None:
    """The table gives Ramadan 1440 29 days; a report of «30 رمضان 1440» (a month sighted as 30 days)
    keeps its mention, on the day after the 29th, as the tabular count did for its 29-day months."""
    assert hijri_month_length(1440, 9) == 29
    (mention,) = dates("قتل ثلاثة في هجوم يوم 30 رمضان 1440", D(2024, 1, 1))
    assert mention.value == D(2019, 6, 4) == hijri_to_gregorian(1440, 9, 29) + dt.timedelta(days=1)
    with pytest.raises(ValueError, match="no Hijri date"):
        hijri_to_gregorian(1440, 9, 31)


@pytest.mark.parametrize(
    "hijri",
    [(1342, 12, 28), (1320, 1, 10), (1501, 1, 1), (1600, 9, 15)],
)
def test_outside_the_umm_al_qura_table_the_tabular_calendar_answers(hijri: tuple[int, int, int]) -> None:
    """hijridate covers 1343-1500 AH (1 August 1924 to 16 November 2077); outside, the arithmetic holds."""
    with pytest.raises(OverflowError):
        Hijri(*hijri)
    value = tabular_hijri_to_gregorian(*hijri)
    assert hijri_to_gregorian(*hijri) == value
    assert gregorian_to_hijri(value) == tabular_gregorian_to_hijri(value) == hijri


def test_the_table_edges() -> None:
    assert hijri_to_gregorian(1343, 1, 1) == D(1924, 8, 1)
    # the seam: the tabular 29 Dhu al-Hijja 1342 is the same day as the table's 1 Muharram 1343
    assert hijri_to_gregorian(1342, 12, 29) == D(1924, 8, 1)
    assert gregorian_to_hijri(D(1924, 8, 1)) == (1343, 1, 1)
    assert gregorian_to_hijri(D(1924, 7, 31)) == tabular_gregorian_to_hijri(D(1924, 7, 31))
    assert gregorian_to_hijri(D(2077, 11, 16)) == (1500, 12, 30)
    assert gregorian_to_hijri(D(2077, 11, 17)) == tabular_gregorian_to_hijri(D(2077, 11, 17))


def test_a_hijri_year_outside_the_table_in_a_sentence() -> None:
    (mention,) = dates("بني الجسر في 10 محرم 1320 هـ", D(2024, 1, 1))
    assert (mention.value, mention.calendar) == (tabular_hijri_to_gregorian(1320, 1, 10), "hijri")
