"""Dates: recognition, spans into the original text, and resolution against the publication date.

Every sentence here is written for these tests. Unless a case says otherwise the report is published on
Monday 11 May 2020 (PUB), which makes the weekday arithmetic easy to check by hand.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from marsad.text.dates import (
    DateMention,
    find_dates,
    find_publication_date,
    gregorian_to_hijri,
    hijri_month_length,
    hijri_to_gregorian,
    tabular_gregorian_to_hijri,
    tabular_hijri_month_length,
    tabular_hijri_to_gregorian,
)
from marsad.text.normalize import normalize, normalize_string

D = dt.date
PUB = D(2020, 5, 11)  # a Monday


def dates(text: str, published: dt.date | None = PUB) -> list[DateMention]:
    """find_dates with the invariants every result must keep."""
    nt = normalize(text)
    found = find_dates(nt, published)
    for mention in found:
        assert mention.text == text[mention.start : mention.end]
        assert nt.text[mention.norm_start : mention.norm_end] == normalize_string(mention.text)
    assert all(a.end <= b.start for a, b in pairwise(found)), "sorted and non-overlapping"
    return found


def summary(mention: DateMention) -> tuple[str, dt.date, str, bool, str, str | None]:
    return mention.text, mention.value, mention.precision, mention.relative, mention.calendar, mention.qualifier


# (sentence, publication date, expected (text, value, precision, relative, calendar, qualifier))
G, H = "gregorian", "hijri"
SINGLE = [
    # Gregorian and Levantine month names, paired forms, years
    ("قتل ثلاثة مسلحين في 29 آب/أغسطس خلال غارة", D(2020, 9, 3), ("29 آب/أغسطس", D(2020, 8, 29), "day", True, G, None)),
    ("اشتبكوا في 29 آب / أغسطس 2019 قرب الحدود", PUB, ("29 آب / أغسطس 2019", D(2019, 8, 29), "day", False, G, None)),
    ("بدأت الحملة في أيلول (سبتمبر) 2019", PUB, ("أيلول (سبتمبر) 2019", D(2019, 9, 1), "month", False, G, None)),
    ("أغارت في الثالث عشر من إبريل/ نيسان", PUB, ("الثالث عشر من إبريل/ نيسان", D(2020, 4, 13), "day", True, G, None)),
    ("أعلنت الوزارة في 11 مايو 2020 عن", PUB, ("11 مايو 2020", D(2020, 5, 11), "day", False, G, None)),
    ("ستبدأ المحاكمة في 3 كانون الثاني 2021", PUB, ("3 كانون الثاني 2021", D(2021, 1, 3), "day", False, G, None)),
    ("وصل الوفد في 5 من حزيران", PUB, ("5 من حزيران", D(2019, 6, 5), "day", True, G, None)),
    ("انتهت المعارك في 5 من شهر تموز 2018", PUB, ("5 من شهر تموز 2018", D(2018, 7, 5), "day", False, G, None)),
    ("أيلول (سبتمبر) شهد تصعيدا", PUB, ("أيلول (سبتمبر)", D(2019, 9, 1), "month", True, G, None)),
    ("عقدت القمة بأيلول في عمّان", PUB, ("أيلول", D(2019, 9, 1), "month", True, G, None)),
    ("وفي أيار شهدت المدينة هدوءا", PUB, ("أيار", D(2020, 5, 1), "month", True, G, None)),
    ("سيطر التنظيم على البلدة منذ أيلول الماضي", PUB, ("أيلول الماضي", D(2019, 9, 1), "month", True, G, None)),
    ("سيطروا على البلدة منذ أيلول الماضي", D(2020, 10, 5), ("أيلول الماضي", D(2020, 9, 1), "month", True, G, None)),
    ("ويجري الاستفتاء في أيلول المقبل", PUB, ("أيلول المقبل", D(2020, 9, 1), "month", True, G, "future")),
    ("ويجري الاستفتاء في أيار المقبل", PUB, ("أيار المقبل", D(2021, 5, 1), "month", True, G, "future")),
    ("منذ مطلع أيار الجاري", PUB, ("مطلع أيار الجاري", D(2020, 5, 1), "month", True, G, "start")),
    ("تظاهر الآلاف في شهر مايو/أيار 2020", PUB, ("شهر مايو/أيار 2020", D(2020, 5, 1), "month", False, G, None)),
    ("في تموز من العام الماضي", PUB, ("تموز من العام الماضي", D(2019, 7, 1), "month", True, G, None)),
    ("حتى فبراير شباط المقبل", PUB, ("فبراير شباط المقبل", D(2021, 2, 1), "month", True, G, "future")),
    ("قتل في 29 كانون الأول برصاص قناص", D(2020, 1, 3), ("29 كانون الأول", D(2019, 12, 29), "day", True, G, None)),
    ("وجرى التصويت في 29 شباط", D(2021, 3, 1), ("29 شباط", D(2020, 2, 29), "day", True, G, None)),
    (
        "الذي سينطلق 14 آب (أغسطس) المقبل",
        D(2020, 8, 1),
        ("14 آب (أغسطس) المقبل", D(2020, 8, 14), "day", True, G, "future"),
    ),
    ("منذ 20 آب الماضي", D(2020, 8, 25), ("20 آب الماضي", D(2020, 8, 20), "day", True, G, None)),
    # Egyptian and Maghrebi spellings
    ("أطيح بالحكومة في 30 يونيه 2013", PUB, ("30 يونيه 2013", D(2013, 6, 30), "day", False, G, None)),
    ("في 23 يوليه انطلقت", PUB, ("23 يوليه", D(2019, 7, 23), "day", True, G, None)),
    ("احتفالات يوم 14 جويلية 2019 في تونس", PUB, ("يوم 14 جويلية 2019", D(2019, 7, 14), "day", False, G, None)),
    ("اعتقل المشتبه به في 8 أوت", D(2020, 9, 1), ("8 أوت", D(2020, 8, 8), "day", True, G, None)),
    ("أعلن عن الحكومة في 2 جوان 2018", PUB, ("2 جوان 2018", D(2018, 6, 2), "day", False, G, None)),
    ("الانتخابات المحلية في فيفري 2020", PUB, ("فيفري 2020", D(2020, 2, 1), "month", False, G, None)),
    ("منذ 15 أفريل", PUB, ("15 أفريل", D(2020, 4, 15), "day", True, G, None)),
    ("خلال شهر ماي 2019", PUB, ("شهر ماي 2019", D(2019, 5, 1), "month", False, G, None)),
    # years
    ("احتل التنظيم الموصل عام 2014", PUB, ("عام 2014", D(2014, 1, 1), "year", False, G, None)),
    ("مشيرا إلى غزو التنظيم في العام 2014", PUB, ("العام 2014", D(2014, 1, 1), "year", False, G, None)),
    ("منذ سنة 2014 والمدينة محاصرة", PUB, ("سنة 2014", D(2014, 1, 1), "year", False, G, None)),
    ("وقعت الحرب عام 1979م", PUB, ("عام 1979م", D(1979, 1, 1), "year", False, G, None)),
    ("بدأ التصعيد منذ منتصف 2014", PUB, ("منتصف 2014", D(2014, 1, 1), "year", False, G, "mid")),
    ("وشهدت المنطقة نهاية عام 2013 اشتباكات", PUB, ("نهاية عام 2013", D(2013, 1, 1), "year", False, G, "end")),
    ("صدر القرار عام 1436 هـ", PUB, ("عام 1436 هـ", D(2014, 10, 25), "year", False, H, None)),
    # ordinal days and the anaphoric month
    (
        "في ساعة متأخرة من ليل العاشر من أيلول/ سبتمبر",
        D(2019, 9, 11),
        ("ليل العاشر من أيلول/ سبتمبر", D(2019, 9, 10), "day", True, G, None),
    ),
    ("في الرابع والعشرين من آذار", PUB, ("الرابع والعشرين من آذار", D(2020, 3, 24), "day", True, G, None)),
    (
        "في الحادي والثلاثين من كانون الأول",
        D(2020, 1, 3),
        ("الحادي والثلاثين من كانون الأول", D(2019, 12, 31), "day", True, G, None),
    ),
    ("في الحادي و العشرين من نيسان", PUB, ("الحادي و العشرين من نيسان", D(2020, 4, 21), "day", True, G, None)),
    ("وفي أول أيار تظاهر العمال", PUB, ("أول أيار", D(2020, 5, 1), "day", True, G, None)),
    (
        "في التاسع والعشرين من الشهر الجاري",
        PUB,
        ("التاسع والعشرين من الشهر الجاري", D(2020, 5, 29), "day", True, G, "future"),
    ),
    ("في 20 من الشهر الماضي", PUB, ("20 من الشهر الماضي", D(2020, 4, 20), "day", True, G, None)),
    ("في العاشر من الشهر ذاته", PUB, ("العاشر من الشهر ذاته", D(2020, 5, 10), "day", True, G, None)),  # no month before
    # numeric dates
    ("نشر البيان بتاريخ 23/6/2020 صباحا", PUB, ("23/6/2020", D(2020, 6, 23), "day", False, G, None)),
    ("بتاريخ 23-06-2020", PUB, ("23-06-2020", D(2020, 6, 23), "day", False, G, None)),
    ("بتاريخ ٢٣/٦/٢٠٢٠", PUB, ("٢٣/٦/٢٠٢٠", D(2020, 6, 23), "day", False, G, None)),
    ("بتاريخ 6/23/2020", PUB, ("6/23/2020", D(2020, 6, 23), "day", False, G, None)),
    ("بتاريخ 5/6/2020", PUB, ("5/6/2020", D(2020, 6, 5), "day", False, G, None)),  # day first when both fit
    ("بتاريخ 2020-06-23", PUB, ("2020-06-23", D(2020, 6, 23), "day", False, G, None)),
    ("بتاريخ 23/6/20", PUB, ("23/6/20", D(2020, 6, 23), "day", False, G, None)),
    ("بتاريخ 23.06.2020", PUB, ("23.06.2020", D(2020, 6, 23), "day", False, G, None)),
    ("الأمر السامي وتاريخ 8 / 7 / 1436", PUB, ("8 / 7 / 1436", D(2015, 4, 27), "day", False, H, None)),
    ("وتاريخ 1436/7/8هـ", PUB, ("1436/7/8هـ", D(2015, 4, 27), "day", False, H, None)),
    ("الاثنين 11/5/2020", PUB, ("الاثنين 11/5/2020", D(2020, 5, 11), "day", False, G, None)),
    # weekdays
    ("اقتحم المسلحون القرية يوم الخميس الماضي", PUB, ("يوم الخميس الماضي", D(2020, 5, 7), "day", True, G, None)),
    ("وقالت الشرطة الخميس إن", PUB, ("الخميس", D(2020, 5, 7), "day", True, G, None)),
    ("وقع الهجوم يوم الاثنين", PUB, ("يوم الاثنين", D(2020, 5, 11), "day", True, G, None)),
    ("منذ الاثنين الماضي", PUB, ("الاثنين الماضي", D(2020, 5, 4), "day", True, G, None)),
    ("قالت القيادة، اليوم الاثنين، إن", PUB, ("اليوم الاثنين", D(2020, 5, 11), "day", True, G, None)),
    ("قالت القيادة اليوم (الاثنين) إن", PUB, ("اليوم (الاثنين)", D(2020, 5, 11), "day", True, G, None)),
    ("وقال البيان، أمس الأحد، إن", PUB, ("أمس الأحد", D(2020, 5, 10), "day", True, G, None)),
    ("وقال البيان أمس (الأحد) إن", PUB, ("أمس (الأحد)", D(2020, 5, 10), "day", True, G, None)),
    ("تبدأ المفاوضات الخميس المقبل", PUB, ("الخميس المقبل", D(2020, 5, 14), "day", True, G, "future")),
    ("تبدأ المفاوضات الاثنين المقبل", PUB, ("الاثنين المقبل", D(2020, 5, 18), "day", True, G, "future")),
    ("خرجت تظاهرات الجمعة الماضية", PUB, ("الجمعة الماضية", D(2020, 5, 8), "day", True, G, None)),
    ("قصفت المدفعية الحي مساء يوم الجمعة", PUB, ("مساء يوم الجمعة", D(2020, 5, 8), "day", True, G, None)),
    ("فجر يوم الخميس", PUB, ("فجر يوم الخميس", D(2020, 5, 7), "day", True, G, None)),
    ("ليلة الخميس", PUB, ("ليلة الخميس", D(2020, 5, 7), "day", True, G, None)),
    ("تسري الهدنة منتصف ليل الخميس - الجمعة", PUB, ("منتصف ليل الخميس - الجمعة", D(2020, 5, 7), "day", True, G, None)),
    ("الخميس قبل الماضي", PUB, ("الخميس قبل الماضي", D(2020, 4, 30), "day", True, G, None)),
    ("والأحد الماضي", PUB, ("الأحد الماضي", D(2020, 5, 10), "day", True, G, None)),
    # relative days
    ("وصل الوزير اليوم إلى بغداد", PUB, ("اليوم", D(2020, 5, 11), "day", True, G, None)),
    ("أعلن الجيش أمس مقتل", PUB, ("أمس", D(2020, 5, 10), "day", True, G, None)),
    ("بالأمس أعلن الجيش", PUB, ("الأمس", D(2020, 5, 10), "day", True, G, None)),
    ("وقع الانفجار أول أمس", PUB, ("أول أمس", D(2020, 5, 9), "day", True, G, None)),
    ("وقع الانفجار أول من أمس", PUB, ("أول من أمس", D(2020, 5, 9), "day", True, G, None)),
    ("وقع الانفجار أمس الأول", PUB, ("أمس الأول", D(2020, 5, 9), "day", True, G, None)),
    ("اندلع الحريق فجر اليوم", PUB, ("فجر اليوم", D(2020, 5, 11), "day", True, G, None)),
    ("انفجرت عبوة صباح اليوم", PUB, ("صباح اليوم", D(2020, 5, 11), "day", True, G, None)),
    ("انفجرت عبوة مساء أمس", PUB, ("مساء أمس", D(2020, 5, 10), "day", True, G, None)),
    ("تعرض الموقع لهجوم ليل أمس", PUB, ("ليل أمس", D(2020, 5, 10), "day", True, G, None)),
    ("تعرض الموقع لهجوم ليلة أمس", PUB, ("ليلة أمس", D(2020, 5, 10), "day", True, G, None)),
    ("تعرض الموقع لهجوم الليلة الماضية", PUB, ("الليلة الماضية", D(2020, 5, 10), "day", True, G, None)),
    ("تعقد الجلسة غداً", PUB, ("غداً", D(2020, 5, 12), "day", True, G, "future")),
    ("تعقد الجلسة بعد غد", PUB, ("بعد غد", D(2020, 5, 13), "day", True, G, "future")),
    ("تعقد الجلسة يوم غد الثلاثاء", PUB, ("يوم غد الثلاثاء", D(2020, 5, 12), "day", True, G, "future")),
    # so long ago
    ("فر المعتقلون قبل ثلاثة أيام", PUB, ("قبل ثلاثة أيام", D(2020, 5, 8), "day", True, G, None)),
    ("فر المعتقلون قبل 3 أيام", PUB, ("قبل 3 أيام", D(2020, 5, 8), "day", True, G, None)),
    ("فر المعتقلون قبل يومين", PUB, ("قبل يومين", D(2020, 5, 9), "day", True, G, None)),
    ("تتواصل الاشتباكات منذ يومين", PUB, ("منذ يومين", D(2020, 5, 9), "day", True, G, None)),
    ("فر المعتقلون قبل 15 يوما", PUB, ("قبل 15 يوما", D(2020, 4, 26), "day", True, G, None)),
    ("قتل قبل نحو خمسة عشر يوما", PUB, ("قبل نحو خمسة عشر يوما", D(2020, 4, 26), "day", True, G, None)),
    ("وصل قبل أسبوع", PUB, ("قبل أسبوع", D(2020, 5, 4), "week", True, G, None)),
    ("وصل قبل أسبوعين", PUB, ("قبل أسبوعين", D(2020, 4, 27), "week", True, G, None)),
    ("اختطف قبل شهرين", PUB, ("قبل شهرين", D(2020, 3, 1), "month", True, G, None)),
    ("اعتقل قبل عامين", PUB, ("قبل عامين", D(2018, 1, 1), "year", True, G, None)),
    ("قتل قبل ثلاثة وعشرين عاما", PUB, ("قبل ثلاثة وعشرين عاما", D(1997, 1, 1), "year", True, G, None)),
    # relative periods
    ("وصل التعزيزات الأسبوع الماضي", PUB, ("الأسبوع الماضي", D(2020, 5, 4), "week", True, G, None)),
    ("وصل التعزيزات الأسبوع قبل الماضي", PUB, ("الأسبوع قبل الماضي", D(2020, 4, 27), "week", True, G, None)),
    ("خلال الأسبوع الجاري", PUB, ("الأسبوع الجاري", D(2020, 5, 11), "week", True, G, None)),
    ("خلال الأسبوع الحالي", PUB, ("الأسبوع الحالي", D(2020, 5, 11), "week", True, G, None)),
    ("الأسبوع المقبل", PUB, ("الأسبوع المقبل", D(2020, 5, 18), "week", True, G, "future")),
    ("في الشهر الماضي", PUB, ("الشهر الماضي", D(2020, 4, 1), "month", True, G, None)),
    ("خلال الشهر الجاري", PUB, ("الشهر الجاري", D(2020, 5, 1), "month", True, G, None)),
    ("خلال الشهر الحالي", PUB, ("الشهر الحالي", D(2020, 5, 1), "month", True, G, None)),
    ("الحوار المقرر انطلاقه الشهر المقبل", PUB, ("الشهر المقبل", D(2020, 6, 1), "month", True, G, "future")),
    ("منذ مطلع الشهر الجاري", PUB, ("مطلع الشهر الجاري", D(2020, 5, 1), "month", True, G, "start")),
    ("منذ بداية الشهر الجاري", PUB, ("بداية الشهر الجاري", D(2020, 5, 1), "month", True, G, "start")),
    ("قتل في العام الماضي", PUB, ("العام الماضي", D(2019, 1, 1), "year", True, G, None)),
    ("خلال العام الجاري", PUB, ("العام الجاري", D(2020, 1, 1), "year", True, G, None)),
    ("خلال العام الحالي", PUB, ("العام الحالي", D(2020, 1, 1), "year", True, G, None)),
    ("خلال السنة الماضية", PUB, ("السنة الماضية", D(2019, 1, 1), "year", True, G, None)),
    ("قتل البغدادي نهاية العام الماضي", PUB, ("نهاية العام الماضي", D(2019, 1, 1), "year", True, G, "end")),
    ("منذ مطلع هذا العام", PUB, ("مطلع هذا العام", D(2020, 1, 1), "year", True, G, "start")),
    # Hijri
    ("وقع الحادث في 15 رمضان 1441", PUB, ("15 رمضان 1441", D(2020, 5, 8), "day", False, H, None)),
    ("وقع الحادث في 15 رمضان 1441 هـ في", PUB, ("15 رمضان 1441 هـ", D(2020, 5, 8), "day", False, H, None)),
    ("يحتفل المسلمون في الأول من شوال", D(2020, 6, 1), ("الأول من شوال", D(2020, 5, 24), "day", True, H, None)),
    # Umm al-Qura: 1 Shawwal 1440 was Tuesday 4 June 2019 (the tabular calendar says the 5th)
    ("يحتفل المسلمون في الأول من شوال", PUB, ("الأول من شوال", D(2019, 6, 4), "day", True, H, None)),
    ("منذ غرة رمضان", PUB, ("غرة رمضان", D(2020, 4, 24), "day", True, H, None)),
    ("خلال شهر رمضان المبارك", PUB, ("شهر رمضان", D(2020, 4, 24), "month", True, H, None)),
    ("في ذي الحجة 1440", PUB, ("ذي الحجة 1440", D(2019, 8, 2), "month", False, H, None)),  # tabular: 3 Aug
    # a Sunday by Umm al-Qura, as the sentence says (the tabular 27 July is a Monday)
    ("من يوم الأحد 10/شوال/1436", PUB, ("يوم الأحد 10/شوال/1436", D(2015, 7, 26), "day", False, H, None)),
    # harakat and tatweel in the input stay in the span
    ("في الثَّالِثَ عَشَرَ مِنْ نِيسَانَ", PUB, ("الثَّالِثَ عَشَرَ مِنْ نِيسَانَ", D(2020, 4, 13), "day", True, G, None)),
    ("قُتِلَ أَمْسِ", PUB, ("أَمْسِ", D(2020, 5, 10), "day", True, G, None)),
    ("في الـ5 من حزيران", PUB, ("الـ5 من حزيران", D(2019, 6, 5), "day", True, G, None)),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), SINGLE)
def test_single_date(sentence: str, published: dt.date, expected: tuple[object, ...]) -> None:
    found = dates(sentence, published)
    assert [summary(m) for m in found] == [expected]


NOT_DATES = [
    "خرج المسلحان من أحد المواقع",  # أحد = one, not Sunday
    "قتل 15 عنصرا من التنظيم",
    "يتواجد نحو 2500 جندي في البلاد",
    "استخدم 80 ألف باوند من الذخيرة",
    "قال المدير العام السابق للشرطة",
    "أكد الأمين العام الماضي",
    "احتفلت البلاد باليوم الوطني",
    "في اليوم التالي للهجوم",
    "في ذلك اليوم",
    "في حوار مع «اليوم» قال",
    "التعارف بين الاثنين",
    "بعد صلاة الجمعة",
    "الأحد عشر لاعبا",
    "التقى الرئيس رجب طيب أردوغان",
    "ومارس الضغط على الحكومة",
    "عند باب المدينة",
    "قبل بدء العملية",
    "فاز الفريق 2 - صفر",
    "انتهت المباراة بالتعادل صفر - صفر",
    "فر المعتقلون قبل يومين من الهجوم",
    "وقع الاتفاق قبل عام من الانتخابات",
    "في 31 شباط",
    "31 نيسان 2020",
    "بتاريخ 32/13/2020",
    "نصف الكمية 1/2 فقط",
    "ارتفع بنسبة 3.5 في المئة",
    "في 2020 وحده",
    "قال رمضان إن",
    "ظهور التنظيم",
]


@pytest.mark.parametrize("sentence", NOT_DATES)
def test_not_a_date(sentence: str) -> None:
    assert dates(sentence) == []


def test_the_same_month_is_the_last_month_mentioned() -> None:
    text = "نفذ التحالف ضربتين، إحداهما في الثالث عشر من إبريل/ نيسان، والثانية في التاسع والعشرين من الشهر ذاته."
    found = dates(text)
    assert [(m.text, m.value) for m in found] == [
        ("الثالث عشر من إبريل/ نيسان", D(2020, 4, 13)),
        ("التاسع والعشرين من الشهر ذاته", D(2020, 4, 29)),
    ]


def test_the_same_month_follows_a_hijri_date() -> None:
    found = dates("بدأت الحملة في 15 رمضان 1441 واستمرت حتى الخامس والعشرين من الشهر نفسه")
    assert [(m.value, m.calendar, m.relative) for m in found] == [
        (D(2020, 5, 8), "hijri", False),
        (D(2020, 5, 18), "hijri", False),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "بين تشرين الثاني - كانون الأول 2013",
            [("تشرين الثاني", D(2013, 11, 1)), ("كانون الأول 2013", D(2013, 12, 1))],
        ),
        (
            "خلال كانون الأول - كانون الثاني 2014",
            [("كانون الأول", D(2013, 12, 1)), ("كانون الثاني 2014", D(2014, 1, 1))],
        ),
        ("في 5 آب/سبتمبر 2020", [("5 آب", D(2020, 8, 5)), ("سبتمبر 2020", D(2020, 9, 1))]),
    ],
)
def test_two_different_months_are_a_range(sentence: str, expected: list[tuple[str, dt.date]]) -> None:
    assert [(m.text, m.value) for m in dates(sentence)] == expected


def test_several_dates_in_order() -> None:
    text = "قالت القيادة اليوم الاثنين إن الضربة نفذت السبت الماضي، بعد اشتباكات منذ عام 2014."
    found = dates(text)
    assert [(m.text, m.value, m.precision) for m in found] == [
        ("اليوم الاثنين", D(2020, 5, 11), "day"),
        ("السبت الماضي", D(2020, 5, 9), "day"),
        ("عام 2014", D(2014, 1, 1), "year"),
    ]


def test_spans_point_into_the_original_text() -> None:
    text = "تقرير\nوقع الهجوم فجرَ يوم ٢٣/٦/٢٠٢٠ وأُعلن عنه أمسِ."
    found = dates(text, D(2020, 6, 24))
    assert [(m.text, m.start, m.end) for m in found] == [
        ("فجرَ يوم ٢٣/٦/٢٠٢٠", 17, 35),
        ("أمسِ", 47, 51),
    ]
    assert found[0].value == D(2020, 6, 23)
    assert found[1].value == D(2020, 6, 23)


def test_the_clitic_is_not_part_of_the_span() -> None:
    (mention,) = dates("وأمس قال الناطق")
    assert (mention.text, mention.start, mention.end) == ("أمس", 1, 4)


def test_relative_dates_need_a_publication_date() -> None:
    found = dates("قال أمس إن الهجوم وقع في 5 أيار 2020 وليس في 6 أيار أو الخميس الماضي", published=None)
    assert [(m.text, m.value, m.relative) for m in found] == [("5 أيار 2020", D(2020, 5, 5), False)]


def test_an_impossible_date_is_not_read_in_part() -> None:
    assert dates("في 31 شباط 2020") == []


def test_to_json() -> None:
    (mention,) = dates("تبدأ المفاوضات الخميس المقبل")
    assert mention.to_json() == {
        "kind": "date",
        "text": "الخميس المقبل",
        "span": [15, 28],
        "value": "2020-05-14",
        "precision": "day",
        "relative": True,
        "qualifier": "future",
    }
    (absolute,) = dates("في 15 رمضان 1441")
    assert absolute.to_json() == {
        "kind": "date",
        "text": "15 رمضان 1441",
        "span": [3, 16],
        "value": "2020-05-08",
        "precision": "day",
        "calendar": "hijri",
    }


@pytest.mark.parametrize(
    ("text", "expected_text", "expected"),
    [
        ("بغداد تنسق مع الحلفاء\n\n  • 6/23/2020\n  • 00:00\n  • 2\n\nنص الخبر", "6/23/2020", D(2020, 6, 23)),
        ("آلية تنسيق جديدة\n\n11 مايو 2020\nيتعرض العراق لهجمات", "11 مايو 2020", D(2020, 5, 11)),
        ("عنوان الخبر\nالاثنين 11 أيار 2020\nالنص", "الاثنين 11 أيار 2020", D(2020, 5, 11)),
        ("عنوان الخبر\n2020-05-11 14:30\nالنص", "2020-05-11", D(2020, 5, 11)),
        ("عنوان الخبر\nتاريخ النشر: ١١ مايو ٢٠٢٠ - 10:15 ص\nالنص", "١١ مايو ٢٠٢٠", D(2020, 5, 11)),
        ("عنوان\n| 23/06/2020 |\nالنص", "23/06/2020", D(2020, 6, 23)),
    ],
)
def test_publication_date_in_the_header(text: str, expected_text: str, expected: dt.date) -> None:
    mention = find_publication_date(text)
    assert mention is not None
    assert (mention.text, mention.value, mention.precision, mention.relative) == (expected_text, expected, "day", False)
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "وقع الهجوم في 11 مايو 2020 قرب الحدود\nنص الخبر",  # a date inside a sentence is not a dateline
        "عنوان\nاليوم\nالنص",  # relative
        "عنوان\nمايو 2020\nالنص",  # not a day
        "\n".join(["سطر"] * 8 + ["11 مايو 2020"]),  # too far down
        "",
    ],
)
def test_no_publication_date(text: str) -> None:
    assert find_publication_date(text) is None


def test_publication_date_offsets_count_from_the_document_start() -> None:
    text = "عنوانٌ طويلٌ\n\n• 6/23/2020\nنص"
    mention = find_publication_date(text)
    assert mention is not None
    assert (mention.start, mention.end) == (text.index("6/23"), text.index("6/23") + len("6/23/2020"))


@pytest.mark.parametrize(
    ("hijri", "gregorian"),
    [
        ((1, 1, 1), D(622, 7, 19)),  # 16 July 622 in the Julian calendar
        ((1436, 1, 1), D(2014, 10, 25)),
        ((1441, 9, 1), D(2020, 4, 24)),
        ((1441, 10, 1), D(2020, 5, 24)),
    ],
)
def test_tabular_hijri_calendar(hijri: tuple[int, int, int], gregorian: dt.date) -> None:
    assert tabular_hijri_to_gregorian(*hijri) == gregorian
    assert tabular_gregorian_to_hijri(gregorian) == hijri


def test_tabular_hijri_round_trip_over_two_centuries() -> None:
    day, stop = D(1900, 1, 1), D(2100, 1, 1)
    while day < stop:
        year, month, dom = tabular_gregorian_to_hijri(day)
        assert 1 <= dom <= tabular_hijri_month_length(year, month)
        assert tabular_hijri_to_gregorian(year, month, dom) == day
        day += dt.timedelta(days=1)


def test_hijri_round_trip_over_two_centuries_across_the_umm_al_qura_range() -> None:
    """1900-2100 crosses both ends of the Umm al-Qura table (1 August 1924, 16 November 2077): the
    tabular calendar takes over outside it, and every day still converts there and back."""
    day, stop = D(1900, 1, 1), D(2100, 1, 1)
    while day < stop:
        year, month, dom = gregorian_to_hijri(day)
        assert 1 <= dom <= hijri_month_length(year, month)
        assert hijri_to_gregorian(year, month, dom) == day
        day += dt.timedelta(days=1)
