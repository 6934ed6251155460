"""Date expressions in Arabic news, resolved to calendar dates against the publication date.

What is recognized (on normalized text; the vocabulary lives in ``data/dates.json``):

* day + month (+ year): ``29 آب/أغسطس``, ``أيلول (سبتمبر) 2014``, ``في 5 من حزيران``, ``العاشر من أيلول``,
  ``الثالث عشر من إبريل/ نيسان``, ``5 أيار من العام الماضي``, ``15 رمضان 1441 هـ``, ``غرة شوال``;
* a day of an anaphoric or relative month: ``التاسع والعشرين من الشهر ذاته/نفسه/الجاري/الماضي``;
* numeric dates: ``23/6/2020``, ``23-06-2020``, ``6/23/2020`` (month first only when the day-first reading
  is impossible), ``2020-06-23``, ``23/6/20``, and Hijri ``8 / 7 / 1436``;
* weekdays: ``الخميس``, ``يوم الخميس الماضي``, ``الخميس المقبل``, ``اليوم الاثنين``, ``أمس (الأحد)``;
* relative days and periods: ``اليوم``, ``فجر اليوم``, ``مساء أمس``, ``أول أمس``, ``الليلة الماضية``,
  ``قبل ثلاثة أيام``, ``منذ يومين``, ``الأسبوع الماضي``, ``الشهر المقبل``, ``نهاية العام الماضي``,
  ``مطلع الشهر الجاري``;
* months and years: ``في أيار``, ``أيلول الماضي``, ``شهر رمضان``, ``مايو 2020``, ``عام 2014``, ``منتصف 2014``.

Resolution rules (``published`` is the publication date):

* A date without a year is the latest such date not after publication (``29 كانون الأول`` in a report of
  2020-01-03 is 2019-12-29); the same for a lone month (its first day not after publication) and for Hijri
  dates. With a qualifier, a month (``أيلول الماضي``) is the latest such month strictly before the
  publication month, ``<month> المقبل`` the next one strictly after it, ``<month> الجاري`` the one in the
  publication year; a day (``14 آب المقبل``) is the latest such date strictly before publication or the
  earliest strictly after it. ``من العام الماضي`` after a month takes the year before publication.
* A bare weekday (``الخميس``, ``يوم الخميس``) is the most recent such day on or before publication (news
  report the past); with ``الماضي`` strictly before; with ``المقبل``/``القادم`` strictly after (qualifier
  ``future``). ``اليوم الاثنين`` is the publication day and ``أمس الاثنين`` the day before, whatever the name.
* Day parts (فجر، صباح، مساء، ليل، ليلة…) are part of the span and never move the day; ``الليلة الماضية`` and
  ``ليلة أمس`` are yesterday because they say so.
* Precision ``week``: the day ``7 * n`` days before publication (``الأسبوع الماضي``, ``قبل أسبوع`` = publication
  - 7), the publication day for ``الأسبوع الجاري``, + 7 for ``الأسبوع المقبل``. Precision ``month``/``year``: the
  first day of that month/year (``قبل شهرين`` = the first of the month two months back). ``مطلع``/``منتصف``/
  ``نهاية`` keep that value and set qualifier ``start``/``mid``/``end``; otherwise a relative date after
  publication has qualifier ``future``.
* Two month names that agree (``آب/أغسطس``, ``أيلول (سبتمبر)``) are one month; two that disagree
  (``تشرين الثاني - كانون الأول 2013``) are a range, reported as two mentions.
* Numeric dates are day first, month first only when the first number cannot be a month (``6/23/2020``);
  two-digit years are 20xx unless that is more than a year after publication; a year 1300-1499 (or one
  marked هـ) is Hijri.
* Hijri dates use the Umm al-Qura calendar (the ``hijridate`` package: 1343-1500 AH, 1 August 1924 to
  16 November 2077), the calendar Saudi and Gulf outlets date by; outside that range they fall back to the
  tabular (arithmetic) Islamic calendar (leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 of each 30-year
  cycle). Religious months announced by sighting can still differ from the table by a day. Day 30 of a
  month the table counts as 29 days is the day after its 29th (the month may have been sighted as 30).
  Their value is the Gregorian date, with ``calendar="hijri"``. Year precision for a Hijri year is 1 Muharram.
* ``الشهر ذاته``/``نفسه`` is the month of the last day- or month-precision date before it in the document
  (the publication month if there is none).
* Impossible dates (``31 شباط``) are dropped, not read in part; words that only look like dates are left
  alone (``أحد المواقع``, ``بين الاثنين``, ``المدير العام السابق``, ``اليوم الوطني``, a lone ``آب`` or ``رجب``).

Everything that needs the publication date is skipped when it is unknown. Performance: one precompiled
regular expression whose first step is a trie lookahead over the words a date can start with, so that the
full grammar runs at a few places per article; Python code runs only for its matches.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from hijridate import Gregorian, Hijri

from marsad.text.normalize import HARAKAT, TATWEEL, NormalizedText, normalize, normalize_string

Precision = Literal["day", "week", "month", "year"]
Calendar = Literal["gregorian", "hijri"]

__all__ = [
    "DateMention",
    "find_dates",
    "find_publication_date",
    "gregorian_to_hijri",
    "hijri_month_length",
    "hijri_to_gregorian",
    "tabular_gregorian_to_hijri",
    "tabular_hijri_month_length",
    "tabular_hijri_to_gregorian",
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and the date it stands for. ``value`` is the day for day precision, the day
    ``7 * n`` days from publication for week precision, and the first day of the month or year for
    month and year precision (of a Hijri month or year when ``calendar`` is hijri)."""

    start: int  # [start, end) into the original text
    end: int
    norm_start: int  # [norm_start, norm_end) into the normalized text
    norm_end: int
    text: str  # original[start:end]
    value: dt.date
    precision: Precision
    relative: bool  # resolved against the publication date
    calendar: Calendar = "gregorian"
    qualifier: str | None = None  # start / mid / end of a period, or future

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": "date",
            "text": self.text,
            "span": [self.start, self.end],
            "value": self.value.isoformat(),
            "precision": self.precision,
        }
        if self.relative:
            out["relative"] = True
        if self.calendar != "gregorian":
            out["calendar"] = self.calendar
        if self.qualifier is not None:
            out["qualifier"] = self.qualifier
        return out


# --------------------------------------------------------------------------------------------------
# Hijri dates: Umm al-Qura (hijridate) where it has a table, the tabular calendar outside it.
# The tabular Islamic calendar is from Reingold & Dershowitz, "Calendrical Calculations"; date.toordinal()
# is their R.D. day count, so the arithmetic maps straight onto datetime.
# --------------------------------------------------------------------------------------------------

_ISLAMIC_EPOCH = 227015  # R.D. of 1 Muharram AH 1 = 16 July 622 (Julian)


def _hijri_ordinal(year: int, month: int, day: int) -> int:
    return _ISLAMIC_EPOCH - 1 + (year - 1) * 354 + (3 + 11 * year) // 30 + 29 * (month - 1) + month // 2 + day


def _check_hijri(year: int, month: int, day: int) -> None:
    if not (1 <= month <= 12 and 1 <= day <= 30 and year >= 1):
        raise ValueError(f"no Hijri date {year}-{month}-{day}")


def tabular_hijri_month_length(year: int, month: int) -> int:
    """29 or 30: odd months have 30 days, even 29, and Dhu al-Hijja 30 in the 11 leap years of 30."""
    if month % 2 == 1 or (month == 12 and (14 + 11 * year) % 30 < 11):
        return 30
    return 29


def tabular_hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a tabular Hijri date (raises ValueError for an impossible one)."""
    _check_hijri(year, month, day)
    return dt.date.fromordinal(_hijri_ordinal(year, month, day))


def tabular_gregorian_to_hijri(date: dt.date) -> tuple[int, int, int]:
    """(year, month, day) of ``date`` in the tabular Hijri calendar."""
    ordinal = date.toordinal()
    year = (30 * (ordinal - _ISLAMIC_EPOCH) + 10646) // 10631
    prior_days = ordinal - _hijri_ordinal(year, 1, 1)
    month = (11 * prior_days + 330) // 325
    day = ordinal - _hijri_ordinal(year, month, 1) + 1
    return year, month, day


def hijri_month_length(year: int, month: int) -> int:
    """29 or 30: the Umm al-Qura month's length in 1343-1500 AH, the tabular one outside."""
    _check_hijri(year, month, 1)
    try:
        return Hijri(year, month, 1).month_length()
    except OverflowError:  # outside the Umm al-Qura table
        return tabular_hijri_month_length(year, month)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Gregorian date of a Hijri date: Umm al-Qura in 1343-1500 AH, tabular outside. Day 30 of a 29-day
    month is the day after its 29th, as in the tabular count (raises ValueError for a month outside 1-12
    or a day outside 1-30; the table's three 31-day months of 1345-1349 AH also have a 31st)."""
    _check_hijri(year, month, min(day, 30))
    try:
        first = Hijri(year, month, 1)
    except OverflowError:  # outside the Umm al-Qura table
        return tabular_hijri_to_gregorian(year, month, day)
    if day > max(30, first.month_length()):
        raise ValueError(f"no Hijri date {year}-{month}-{day}")
    return dt.date.fromordinal(first.to_gregorian().toordinal() + day - 1)


def gregorian_to_hijri(date: dt.date) -> tuple[int, int, int]:
    """(year, month, day) of ``date``: Umm al-Qura from 1 August 1924 to 16 November 2077, tabular outside."""
    try:
        return Gregorian.fromdate(date).to_hijri().datetuple()
    except OverflowError:  # outside the Umm al-Qura table
        return tabular_gregorian_to_hijri(date)


# --------------------------------------------------------------------------------------------------
# Vocabulary and grammar
# --------------------------------------------------------------------------------------------------


def _key(phrase: str) -> str:
    """Lookup key of a matched phrase: single spaces, and the و of a compound joined to its word."""
    if "  " not in phrase and " و " not in phrase:  # the common case, on the hot path
        return phrase
    return " ".join(phrase.split()).replace(" و ", " و")


def _alternation(words: Iterable[str]) -> str:
    """A regex for a set of words, compiled as a character trie: re tries alternatives one by one, so a
    flat list of 60 ordinals costs 60 checks where the trie costs two or three. Words are normalized;
    inner spaces match any run of spaces and the و of a compound may be followed by a space; a longer
    word is tried before its prefix (الثالث عشر before الثالث)."""
    return _trie_pattern((w, "") for w in words)


def _trie_pattern(entries: Iterable[tuple[str, str]]) -> str:
    """Like ``_alternation`` for (word, tail) pairs: after the word, the regex ``tail`` must match."""
    root: dict[str, Any] = {}
    for word, tail in entries:
        node = root
        for char in _key(normalize_string(word)):
            node = node.setdefault(char, {})
        node.setdefault("", set()).add(tail)
    return "(?:" + _trie(root, "") + ")"


# Branches are tried in order, so the trie lists the commonest letters first (Arabic letter frequency);
# the order cannot change what matches, as sibling branches start with different characters.
_LETTER_ORDER = {c: i for i, c in enumerate(" اليمونرتبعهدسفقكحجشصطخزذثغضظ")}


def _trie(node: dict[str, Any], previous: str) -> str:
    parts = []
    for char in sorted((c for c in node if c), key=lambda c: (_LETTER_ORDER.get(c, 99), c)):
        piece = " +" if char == " " else ("و *" if char == "و" and previous == " " else re.escape(char))
        parts.append(piece + _trie(node[char], char))
    tails = node.get("", set())
    parts += [f"(?:{tail})" for tail in sorted(tails) if tail]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    return f"(?:{body})?" if "" in tails else body


def _lookup(table: dict[str, Any]) -> dict[str, Any]:
    return {_key(normalize_string(k)): v for k, v in table.items()}


def _inverse(groups: dict[str, list[str]]) -> dict[str, int]:
    return {_key(normalize_string(w)): int(number) for number, words in groups.items() for w in words}


def _words(items: Iterable[str]) -> frozenset[str]:
    return frozenset(_key(normalize_string(w)) for w in items)


# What may stand right before a date: space, newline, ASCII punctuation (normalization maps Arabic
# punctuation and quotes to ASCII) and bullets.
_BOUNDARY = "[ \\n!-/:-@\\[-`{-~•·]"
_SP = " +"  # a word gap: spaces only, a date never runs across a line break
_OSP = " *"  # optional spaces around / ( ) , -
_END = r"(?!\w)"  # end of a word


class _Grammar:
    """Everything loaded and compiled once: lookup tables, word sets and the combined pattern."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.gregorian = _inverse(raw["gregorian_months"])
        self.hijri = _inverse(raw["hijri_months"])
        self.ambiguous = _words(raw["ambiguous_months"])
        self.weekdays = _inverse(raw["weekdays"])
        self.ordinals = _lookup(raw["ordinal_days"]) | _lookup(raw["ordinal_days_without_min"])
        self.relative_days = {_key(normalize_string(r["text"])): r for r in raw["relative_days"]}
        qualifiers: dict[str, str] = {}
        for kind, words in raw["qualifiers"].items():
            qualifiers.update({w: kind for w in _words(words)})
        self.qualifiers = qualifiers
        positions: dict[str, str] = {}
        for kind, words in raw["period_positions"].items():
            positions.update({w: kind for w in _words(words)})
        self.positions = positions
        periods: dict[str, str] = {}
        for kind, words in raw["periods"].items():
            periods.update({w: kind for w in _words(words)})
        self.periods = periods
        units: dict[str, tuple[str, str]] = {}
        for unit, forms in raw["units"].items():
            for form, words in forms.items():
                units.update({w: (unit, form) for w in _words(words)})
        self.units = units
        self.cardinal_units = _lookup(raw["cardinal_units"])
        self.cardinal_teen_first = _lookup(raw["cardinal_teen_first"])
        self.cardinal_tens = _lookup(raw["cardinal_tens"])
        self.month_context = _words(raw["month_context_before"])
        self.weekday_not_after = _words(raw["weekday_not_after"])
        self.monday_two_before = _words(raw["monday_two_before"])
        self.monday_two_after = _words(raw["monday_two_after"])
        self.today_not_after = _words(raw["today_not_after"])
        self.today_not_before = _words(raw["today_not_before"])
        self.today_before_ok = _words(raw["today_before_article_ok"]) | frozenset(self.weekdays)
        self.year_not_after = _words(raw["year_period_not_after"])
        self.hijri_era = _words(raw["era_markers"]["hijri"])
        self.gregorian_era = _words(raw["era_markers"]["gregorian"])
        self.pattern = self._compile(raw)
        self.publication_noise = self._publication_noise(raw)

    def _compile(self, raw: dict[str, Any]) -> re.Pattern[str]:
        sp, osp, end = _SP, _OSP, _END
        letter_end = r"(?![^\W\d_])"
        q = raw["qualifiers"]
        gm = _alternation(self.gregorian)
        hm = _alternation(self.hijri)
        wd = _alternation(self.weekdays)
        dp = _alternation(raw["day_parts"])
        ordinal = _alternation(raw["ordinal_days"])
        ordinal0 = _alternation(raw["ordinal_days_without_min"])
        pos = _alternation(self.positions)
        per = _alternation(self.periods)
        per_month = _alternation(raw["periods"]["month"])
        per_year = _alternation(raw["periods"]["year"])
        q_pfc = _alternation(q["past"] + q["future"] + q["current"])
        q_pf = _alternation(q["past"] + q["future"])
        q_all = _alternation(q["past"] + q["future"] + q["current"] + q["same"])
        this = _alternation(raw["this_words"])
        same = _alternation(raw["same_prefix"])
        before_past = _alternation([raw["before_past"]])
        yw = _alternation(raw["year_words"])
        mw = _alternation(raw["month_words"])
        day_w = _alternation(raw["day_words"])
        of = _alternation(raw["of_words"])
        corr = _alternation(raw["corresponding_words"])
        era = _alternation(self.hijri_era | self.gregorian_era)
        reld = _alternation(self.relative_days)
        ago = _alternation(raw["ago_words"])
        approx = _alternation(raw["approximately"])
        not_from = _alternation(raw["ago_not_before"])
        unit_s = _alternation(w for w, (_, form) in self.units.items() if form == "singular")
        unit_d = _alternation(w for w, (_, form) in self.units.items() if form == "dual")
        unit_p = _alternation(w for w, (_, form) in self.units.items() if form == "plural")
        c_units = _alternation(self.cardinal_units)
        c_teen = _alternation(self.cardinal_teen_first)
        c_ten = _alternation(raw["cardinal_ten_words"])
        c_tens = _alternation(self.cardinal_tens)
        not_eleven = _alternation(raw["weekday_not_before"])
        one = _alternation(raw["one_words"])
        not_prayer = "".join(f"(?<!{re.escape(w)} )" for w in sorted(self.weekday_not_after))
        year_g = "(?:1[89]|20)[0-9]{2}"
        year_h = "1[34][0-9]{2}"
        year_any = "(?:1[3-9]|20)[0-9]{2}"

        # day part and يوم before anything that names a day: مساء يوم الخميس (shared by the day-like forms)
        pre = f"(?:(?P<dp>{dp}){sp})?(?:(?P<yw>{day_w}){sp})?"
        # الخميس 5 آذار / الخميس، 5 آذار / الخميس الموافق 5 آذار: the weekday is part of the date
        weekday_before_date = f"(?:{wd}(?:{osp},{osp}|{sp})(?:{corr}{sp})?(?:{day_w}{sp})?)?"
        # 5 حزيران, 5 من حزيران, 5/ شوال, ال5 من, العاشر من, أول أيار, غرة رمضان
        day = (
            f"(?:(?:ال)?(?P<d>[0-9]{{1,2}})(?![0-9])(?:(?P<dsl>{osp}[/-]{osp})|{sp}(?:(?P<dof>{of}){sp})?)"
            f"|(?P<o>{ordinal}){sp}(?P<oof>{of}){sp}|(?P<o0>{ordinal0}){sp}(?:(?P<o0of>{of}){sp})?)"
        )

        def month_pair(p: str, names: str) -> str:
            # آب/أغسطس, آب / أغسطس, أيلول (سبتمبر), إبريل/ نيسان, فبراير شباط, نيسان - أبريل; a year may
            # follow with no space (يونيو2012), so a month name ends before any letter but not a digit
            return (
                f"(?:(?P<{p}sh>{mw}){sp})?(?P<{p}m1>{names}){letter_end}"
                f"(?:(?:{osp}[/-]{osp}|{sp})(?P<{p}m2>{names}){letter_end}|{osp}\\({osp}(?P<{p}m3>{names}){osp}\\))?"
            )

        def year(p: str, digits: str) -> str:
            return (
                f"{osp}(?:[,/-]{osp})?(?:{of}{sp})?(?:{yw}{sp})?(?P<{p}y>{digits})(?![0-9])"
                f"(?:{osp}(?P<{p}era>{era}){end})?"
            )

        def year_relative(p: str) -> str:
            # أيار من العام الماضي / أيار من هذا العام
            return f"{sp}(?:{of}{sp})?(?:{per_year}{sp}(?P<{p}yq>{q_pfc}){end}|(?P<{p}yt>{this}){sp}{per_year}{end})"

        def qualifier(p: str, words: str) -> str:
            return f"{sp}(?P<{p}q>{words}){end}"

        # Each form is a named group; the name of the group that matched (Match.lastgroup: the outermost
        # group closes last) selects its resolver. Order matters where two forms start alike: the first
        # that matches wins, so the longer forms come first.
        after_day = {
            # day + Gregorian month (+ year or qualifier)
            "dm": month_pair("dm_", gm)
            + f"(?:{year('dm_', year_g)}|{year_relative('dm_')}|{qualifier('dm_', q_pfc)})?",
            # day + Hijri month (+ year)
            "hdm": month_pair("hdm_", hm) + f"(?:{year('hdm_', year_h)}|{qualifier('hdm_', q_pfc)})?",
            # day of an anaphoric or relative month: التاسع والعشرين من الشهر ذاته
            "dan": f"(?:{per_month}{sp}(?P<dan_q>{q_all}){end}|(?P<dan_sp>{same}){sp}{per_month}{end}"
            f"|(?P<dan_t>{this}){sp}{per_month}{end})",
        }
        numeric = {
            # day first (month first when it must be): 23/6/2020, 6/23/2020, 8 / 7 / 1436
            "num": f"(?<![0-9/.])(?P<num_a>[0-9]{{1,2}}){osp}(?P<num_s>[/.-]){osp}"
            f"(?P<num_b>[0-9]{{1,2}}){osp}(?P=num_s){osp}"
            f"(?P<num_c>[0-9]{{4}}|[0-9]{{2}})(?![0-9]|{osp}/|\\.[0-9])(?:{osp}(?P<num_era>{era}){end})?",
            # year first: 2020-06-23, 1436/7/8 هـ
            "iso": f"(?<![0-9/.])(?P<iso_y>[0-9]{{4}}){osp}(?P<iso_s>[/.-]){osp}"
            f"(?P<iso_m>[0-9]{{1,2}}){osp}(?P=iso_s){osp}"
            f"(?P<iso_d>[0-9]{{1,2}})(?![0-9]|{osp}/|\\.[0-9])(?:{osp}(?P<iso_era>{era}){end})?",
        }
        day_like = {
            # today / yesterday + weekday: اليوم الاثنين, أمس (الأحد), يوم غد الجمعة
            "wdrel": f"(?P<wdrel_r>{reld})(?:{osp},{osp}|{sp}|{osp}\\({osp})(?P<wdrel_w>{wd}){end}(?:{osp}\\))?",
            # weekday: الخميس, يوم الخميس الماضي, ليل الخميس-الجمعة, الجمعة المقبلة
            "wd": not_prayer + f"(?P<wd_w>{wd}){end}(?!{sp}{not_eleven}{end})"
            f"(?:(?:{osp}[-/]{osp}|{sp})(?P<wd_w2>{wd}){end})?"
            f"(?:{sp}(?P<wd_b>{before_past}{sp})?(?P<wd_q>{q_pf}){end})?",
            # relative days: اليوم, فجر اليوم, مساء أمس, أول أمس, الليلة الماضية
            "reld": f"(?P<reld_r>{reld}){end}",
        }
        others = {
            # a year: عام 2014, في العام 2014, سنة 1436 هـ, نهاية عام 2014, منتصف 2014
            "year": f"(?:(?P<year_pos>{pos}){sp})?{yw}{sp}(?P<year_y>{year_any})(?![0-9])"
            f"(?:{osp}(?P<year_era>{era}){end})?"
            f"|(?P<year_pos2>{pos}){sp}(?P<year_y2>{year_any})(?![0-9])(?:{osp}(?P<year_era2>{era}){end})?",
            # a relative period: الأسبوع الماضي, الشهر الجاري, نهاية العام الماضي, مطلع العام, هذا الشهر
            "relp": f"(?:(?P<relp_pos>{pos}){sp})?(?:(?P<relp_per>{per}){sp}(?P<relp_b>{before_past}{sp})?"
            f"(?P<relp_q>{q_all}){end}|(?P<relp_t>{this}){sp}(?P<relp_per2>{per}){end}"
            f"|(?P<relp_sp>{same}){sp}(?P<relp_per3>{per}){end})"
            f"|(?P<relp_pos2>{pos}){sp}(?P<relp_per4>{per}){end}",
            # a Gregorian month (+ year or qualifier): في أيار, أيلول الماضي, مايو/أيار 2020
            "mon": f"(?:(?P<mon_pos>{pos}){sp})?"
            + month_pair("mon_", gm)
            + f"(?:{year('mon_', year_g)}|{year_relative('mon_')}|{qualifier('mon_', q_pfc)})?",
            # a Hijri month: شهر رمضان, رمضان الماضي, رمضان 1436
            "hmon": f"(?:(?P<hmon_pos>{pos}){sp})?"
            + month_pair("hmon_", hm)
            + f"(?:{year('hmon_', year_h)}|{qualifier('hmon_', q_pfc)})?",
            # ago: قبل ثلاثة أيام, منذ يومين, قبل 15 يوما, قبل أسبوع
            "ago": f"{ago}{sp}(?:{approx}{sp})?(?:(?P<ago_n>[0-9]{{1,3}}){sp}(?P<ago_u>{unit_s}|{unit_p})"
            f"|(?:(?P<ago_teen>{c_teen}){sp}{c_ten}|(?P<ago_cu>{c_units})(?:{sp}و{osp}(?P<ago_ct>{c_tens}))?"
            f"|(?P<ago_ct2>{c_tens})){sp}(?P<ago_u2>{unit_s}|{unit_p})"
            f"|(?P<ago_du>{unit_d})|(?P<ago_u1>{unit_s})(?:{sp}{one})?){end}"
            f"(?!{osp}[0-9])(?!{sp}(?:{gm}|{hm}|{not_from}){end})",
        }

        def named(forms: dict[str, str]) -> str:
            return "|".join(f"(?P<{name}>{pattern})" for name, pattern in forms.items())

        dated = f"{weekday_before_date}(?:{day}(?:{named(after_day)})|{named(numeric)})"
        body = f"{pre}(?:{dated}|{named(day_like)})|{named(others)}"
        gate = self._gate(raw, months=_alternation([*self.gregorian, *self.hijri]), per=per, quals=q_all, of=of)
        # A date starts after a space or punctuation (the text is padded with one space; a character class
        # of ASCII punctuation is much cheaper for re than [^\\w]), then an optional clitic conjunction or
        # preposition (و ف ب ل) that is not part of the span.
        return re.compile(f"{_BOUNDARY}{gate}(?P<cl>[وف]?[بل]?)(?:{body})")

    def _gate(self, raw: dict[str, Any], months: str, per: str, quals: str, of: str) -> str:
        """A lookahead that every date passes: its first word, and for the words that are mostly not dates
        (بعد, هذا, قبل, أول, الأول…) the word after it. One trie, so the ~400 word starts of an article
        that begin no date cost about one lookup each, and the full grammar runs at a few places only."""
        sp, end = _SP, _END
        mw, yw = _alternation(raw["month_words"]), _alternation(raw["year_words"])
        after_ago = _alternation(
            [*raw["approximately"], *self.cardinal_units, *self.cardinal_teen_first, *self.cardinal_tens, *self.units]
        )
        entries: list[tuple[str, str]] = [(w, end) for w in [*self.weekdays, *self.gregorian, *self.hijri]]
        entries += [(w, end) for w in self.relative_days]
        entries += [(w, sp) for w in [*raw["day_parts"], *raw["day_words"]]]
        entries += [(w, f"{sp}{of}{end}") for w in raw["ordinal_days"]]
        entries += [(w, f"{sp}(?:{of}|{mw}|{months}){end}") for w in raw["ordinal_days_without_min"]]
        this_same = _alternation([*raw["this_words"], *raw["same_prefix"]])
        entries += [(w, f"{sp}(?:(?:{per}|{mw}|{months}|{yw}|{this_same}){end}|[0-9])") for w in self.positions]
        entries += [(w, f"{sp}(?:{quals}|{_alternation([raw['before_past']])}){end}") for w in self.periods]
        entries += [(w, f"{sp}{per}{end}") for w in [*raw["this_words"], *raw["same_prefix"]]]
        entries += [(w, f"{sp}{months}{end}") for w in raw["month_words"]]
        entries += [(w, f"{sp}[0-9]") for w in raw["year_words"]]
        entries += [(w, f"{sp}(?:[0-9]|{after_ago}{end})") for w in raw["ago_words"]]
        entries.append(("ال", "[0-9]"))  # في الـ5 من
        return f"(?=[وف]?[بل]?(?:{_trie_pattern(entries)}|[0-9]))"

    def _publication_noise(self, raw: dict[str, Any]) -> re.Pattern[str]:
        osp, end = _OSP, _END
        labels = _alternation(raw["publication_labels"])
        markers = _alternation(raw["time_markers"])
        time = f"[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?:{osp}{markers}{end})?"
        return re.compile(f"(?<!\\w){labels}{end}|{time}|(?<!\\w){markers}{end}")


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    raw = json.loads(resources.files("marsad.text.data").joinpath("dates.json").read_text("utf-8"))
    return _Grammar(raw)


# --------------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------------

_LAST_WORD = re.compile(r"(\w+) *$")
_NEXT_WORD = re.compile(r"[ (]*(\w+)")
# Harakat and tatweel that normalization deleted right after a date (the tatweel of هـ, the tanween of
# غداً) still belong to its last word.
_TRAILING_MARKS = re.compile(f"[{HARAKAT}{TATWEEL}]*")


class _Context:
    """Per-document state: the publication date and the last month mentioned (for الشهر ذاته)."""

    __slots__ = ("grammar", "last_month", "published", "text")

    def __init__(self, grammar: _Grammar, text: str, published: dt.date | None) -> None:
        self.grammar = grammar
        self.text = text
        self.published = published
        # (calendar, year, month, relative) of the last day- or month-precision date
        self.last_month: tuple[Calendar, int, int, bool] | None = None

    def previous_word(self, position: int) -> str:
        found = _LAST_WORD.search(self.text, max(0, position - 24), position)
        return found.group(1) if found else ""

    def next_word(self, position: int) -> str:
        found = _NEXT_WORD.match(self.text, position)
        return found.group(1) if found else ""


# A resolver returns (value, precision, relative, calendar, qualifier, end of the span or -1); None when the
# match is not a date here (the scan goes on from the next word, where a shorter date may start); or
# _SKIP when it is a date that cannot be resolved (31 شباط, or a relative one without a publication
# date), which must not be read again in part.
_Resolved = tuple[dt.date, Precision, bool, Calendar, str | None, int]
_SKIP: Literal[False] = False
_Outcome = _Resolved | Literal[False] | None
_Resolver = Callable[[re.Match[str], _Context], _Outcome]


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _latest_day(month: int, day: int, published: dt.date) -> dt.date | None:
    """The latest (month, day) not after publication; None if the day never exists (31 شباط)."""
    for year in range(published.year, published.year - 9, -1):  # 9 years always reach a 29 شباط
        value = _date(year, month, day)
        if value is not None and value <= published:
            return value
    return None


def _month_year(month: int, kind: str | None, published: dt.date) -> int:
    """Year of a month name given its qualifier: past = strictly before the publication month, future =
    strictly after, current = the publication year, none = the latest not after publication."""
    if kind == "past":
        return published.year if month < published.month else published.year - 1
    if kind == "future":
        return published.year if month > published.month else published.year + 1
    if kind == "current":
        return published.year
    return published.year if month <= published.month else published.year - 1


def _qualified_day(month: int, day: int, kind: str, published: dt.date) -> dt.date | None:
    """A day and month with a qualifier: الماضي = the latest such date strictly before publication,
    المقبل = the earliest strictly after it (14 آب المقبل, published on 1 August, is this 14 August),
    الجاري = in the publication year."""
    if kind == "current":
        return _date(published.year, month, day)
    step = -1 if kind == "past" else 1
    for year in range(published.year, published.year + 9 * step, step):
        value = _date(year, month, day)
        if value is not None and (value < published if step < 0 else value > published):
            return value
    return None


def _hijri_year_for(month: int, day: int, kind: str | None, published: dt.date) -> int:
    """Hijri year of a Hijri (month, day) written without one, by the same rules as Gregorian dates
    (day 0 stands for the whole month)."""
    hy, hm, hd = gregorian_to_hijri(published)
    if day == 0:  # a whole month is compared with the publication month
        hd = 0
    if kind == "past":
        return hy if (month, day) < (hm, hd) else hy - 1
    if kind == "future":
        return hy if (month, day) > (hm, hd) else hy + 1
    if kind == "current":
        return hy
    return hy if (month, day) <= (hm, hd) else hy - 1


_PERIOD_OFFSET = {"past": -1, "future": 1, "current": 0}


def _day_number(m: re.Match[str], g: _Grammar) -> int | None:
    digits = m.group("d")
    if digits is not None:
        return int(digits)
    word = m.group("o") or m.group("o0")
    return g.ordinals.get(_key(word)) if word else None


def _month_names(m: re.Match[str], p: str, table: dict[str, int]) -> tuple[int, int, int]:
    """(month, end of the span or -1, year shift). Two names that agree (آب/أغسطس) are one month; two
    that disagree (تشرين الثاني - كانون الأول 2013) are a range: the date is its first month, the
    span stops there so that the scan reads the second month on its own, and a year written after the
    range belongs to its last month (كانون الأول - كانون الثاني 2014 starts in December 2013)."""
    month = table[_key(m.group(p + "m1"))]
    pair = m.group(p + "m2") or m.group(p + "m3")
    if pair is not None:
        second = table.get(_key(pair), month)
        if second != month:
            return month, m.end(p + "m1"), -1 if month > second else 0
    return month, -1, 0


def _qualifier_kind(m: re.Match[str], group: str, g: _Grammar) -> str | None:
    word = m.group(group)
    return g.qualifiers.get(word) if word else None


def _is_hijri_year(year: int, era: str | None, g: _Grammar) -> bool:
    """هـ says Hijri and م Gregorian; without a marker, years 1300-1499 can only be Hijri in the news."""
    if era in g.hijri_era:
        return True
    return era not in g.gregorian_era and 1300 <= year < 1500


def _future(value: dt.date, relative: bool, published: dt.date | None) -> str | None:
    return "future" if relative and published is not None and value > published else None


def _score_like(m: re.Match[str], p: str, g: _Grammar) -> bool:
    """4 / صفر is a football score (صفر = zero): a slash or dash before an ambiguous month name needs a year."""
    return bool(m.group("dsl")) and m.group(p + "y") is None and _key(m.group(p + "m1")) in g.ambiguous


def _resolve_dm(m: re.Match[str], ctx: _Context) -> _Outcome:
    g, published = ctx.grammar, ctx.published
    day = _day_number(m, g)
    month, cut, shift = _month_names(m, "dm_", g.gregorian)
    if day is None or not 1 <= day <= 31:
        return _SKIP
    if _score_like(m, "dm_", g):
        return None
    if m.group("dm_y") is not None:
        value, relative = _date(int(m.group("dm_y")) + shift, month, day), False
    elif published is None:
        return _SKIP
    elif m.group("dm_yq") or m.group("dm_yt"):
        offset = _PERIOD_OFFSET[g.qualifiers[m.group("dm_yq")]] if m.group("dm_yq") else 0
        value, relative = _date(published.year + offset + shift, month, day), True
    elif m.group("dm_q"):
        value, relative = _qualified_day(month, day, g.qualifiers[m.group("dm_q")], published), True
    else:
        value, relative = _latest_day(month, day, published), True
    if value is None:
        return _SKIP
    ctx.last_month = ("gregorian", value.year, value.month, relative)
    return value, "day", relative, "gregorian", _future(value, relative, published), cut


def _resolve_hdm(m: re.Match[str], ctx: _Context) -> _Outcome:
    g, published = ctx.grammar, ctx.published
    day = _day_number(m, g)
    month, cut, shift = _month_names(m, "hdm_", g.hijri)
    if day is None or not 1 <= day <= 30:
        return _SKIP
    if _score_like(m, "hdm_", g):
        return None
    if m.group("hdm_y") is not None:
        year, relative = int(m.group("hdm_y")) + shift, False
    elif published is None:
        return _SKIP
    else:
        year, relative = _hijri_year_for(month, day, _qualifier_kind(m, "hdm_q", g), published), True
    value = hijri_to_gregorian(year, month, day)
    ctx.last_month = ("hijri", year, month, relative)
    return value, "day", relative, "hijri", _future(value, relative, published), cut


def _resolve_dan(m: re.Match[str], ctx: _Context) -> _Outcome:
    g, published = ctx.grammar, ctx.published
    day = _day_number(m, g)
    if day is None or not (m.group("dof") or m.group("oof") or m.group("o0of")):  # العاشر *من* الشهر الجاري
        return None
    kind = g.qualifiers[m.group("dan_q")] if m.group("dan_q") else ("same" if m.group("dan_sp") else "current")
    calendar: Calendar = "gregorian"
    if kind == "same" and ctx.last_month is not None:
        calendar, year, month, relative = ctx.last_month
    elif published is None:
        return _SKIP
    else:
        year, month = _add_months(published.year, published.month, _PERIOD_OFFSET.get(kind, 0))
        relative = True
    if calendar == "hijri":
        value = hijri_to_gregorian(year, month, day) if 1 <= day <= 30 else None
    else:
        value = _date(year, month, day)
    if value is None:
        return _SKIP
    return value, "day", relative, calendar, _future(value, relative, published), -1


def _two_digit_year(year: int, published: dt.date | None) -> int:
    # 20 -> 2020 unless that is more than a year after publication
    limit = published.year + 1 if published is not None else 2049
    return 2000 + year if 2000 + year <= limit else 1900 + year


def _numeric(year: int, month: int, day: int, era: str | None, ctx: _Context) -> _Outcome:
    if _is_hijri_year(year, era, ctx.grammar):
        if not (1 <= month <= 12 and 1 <= day <= 30):
            return _SKIP
        ctx.last_month = ("hijri", year, month, False)
        return hijri_to_gregorian(year, month, day), "day", False, "hijri", None, -1
    value = _date(year, month, day) if 1800 <= year <= 2199 else None
    if value is None:
        return _SKIP
    ctx.last_month = ("gregorian", year, month, False)
    return value, "day", False, "gregorian", None, -1


def _resolve_num(m: re.Match[str], ctx: _Context) -> _Outcome:
    first, second, year_text = int(m.group("num_a")), int(m.group("num_b")), m.group("num_c")
    year = int(year_text) if len(year_text) == 4 else _two_digit_year(int(year_text), ctx.published)
    if first <= 12 < second:  # 6/23/2020: the day-first reading is impossible
        day, month = second, first
    else:
        day, month = first, second
    return _numeric(year, month, day, m.group("num_era"), ctx)


def _resolve_iso(m: re.Match[str], ctx: _Context) -> _Outcome:
    return _numeric(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d")), m.group("iso_era"), ctx)


def _relative_day_offset(m: re.Match[str], group: str, ctx: _Context) -> int | None:
    """Offset in days of اليوم/أمس/غدا…, or None when the context says it is not a day of the news."""
    g = ctx.grammar
    word = _key(m.group(group))
    entry = g.relative_days[word]
    if entry.get("needs_prefix") and not (m.group("dp") or m.group("yw")):
        return None
    if word == "اليوم":
        text, start, end = ctx.text, m.start(group), m.end(group)
        before, after = text[start - 1], text[end : end + 1]
        if (before, after) == ('"', '"') or ((before, after) == ("(", ")") and text[start - 2] == "ل"):
            return None  # «اليوم», لـ(اليوم): the newspaper
        if not m.group("dp") and ctx.previous_word(m.start("cl")) in g.today_not_after:
            return None  # ذلك اليوم, صحيفة اليوم
        following = ctx.next_word(m.end())
        if group == "reld_r" and (
            following in g.today_not_before or (following.startswith("ال") and following not in g.today_before_ok)
        ):
            return None  # اليوم نفسه, اليوم الوطني, صباح اليوم التالي
    return int(entry["offset"])


def _resolve_relative_day(m: re.Match[str], ctx: _Context, group: str) -> _Outcome:
    offset = _relative_day_offset(m, group, ctx)
    if offset is None:
        return None
    if ctx.published is None:
        return _SKIP
    value = ctx.published + dt.timedelta(days=offset)
    return value, "day", True, "gregorian", "future" if offset > 0 else None, -1


def _resolve_wdrel(m: re.Match[str], ctx: _Context) -> _Outcome:
    return _resolve_relative_day(m, ctx, "wdrel_r")


def _resolve_reld(m: re.Match[str], ctx: _Context) -> _Outcome:
    return _resolve_relative_day(m, ctx, "reld_r")


def _resolve_wd(m: re.Match[str], ctx: _Context) -> _Outcome:
    g, published = ctx.grammar, ctx.published
    weekday = g.weekdays[m.group("wd_w")]
    kind = _qualifier_kind(m, "wd_q", g)
    bare = not (m.group("dp") or m.group("yw") or kind or m.group("wd_w2"))
    if (
        bare
        and weekday == 0  # الاثنين is also "the two": بين الاثنين, الاثنين معا
        and (ctx.previous_word(m.start("cl")) in g.monday_two_before or ctx.next_word(m.end()) in g.monday_two_after)
    ):
        return None
    if published is None:
        return _SKIP
    if kind == "future":
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead), "day", True, "gregorian", "future", -1
    back = (published.weekday() - weekday) % 7
    if kind == "past":
        back = (back or 7) + (7 if m.group("wd_b") else 0)  # الخميس قبل الماضي: one more week back
    return published - dt.timedelta(days=back), "day", True, "gregorian", None, -1


def _resolve_year(m: re.Match[str], ctx: _Context) -> _Outcome:
    g = ctx.grammar
    year_text, era, position = m.group("year_y"), m.group("year_era"), m.group("year_pos")
    if year_text is None:
        year_text, era, position = m.group("year_y2"), m.group("year_era2"), m.group("year_pos2")
    year = int(year_text)
    qualifier = g.positions.get(position) if position else None
    if _is_hijri_year(year, era, g):
        return hijri_to_gregorian(year, 1, 1), "year", False, "hijri", qualifier, -1
    return dt.date(year, 1, 1), "year", False, "gregorian", qualifier, -1


def _resolve_relp(m: re.Match[str], ctx: _Context) -> _Outcome:
    g, published = ctx.grammar, ctx.published
    period_word = m.group("relp_per") or m.group("relp_per2") or m.group("relp_per3") or m.group("relp_per4")
    period = g.periods[period_word]
    position = m.group("relp_pos") or m.group("relp_pos2")
    if (
        period == "year"
        and not position
        and not m.group("relp_t")
        and ctx.previous_word(m.start("cl")) in g.year_not_after  # المدير العام السابق: "general"
    ):
        return None
    kind = g.qualifiers[m.group("relp_q")] if m.group("relp_q") else ("same" if m.group("relp_sp") else "current")
    qualifier = g.positions.get(position) if position else None
    if kind == "same":
        if period == "week":
            return None
        if ctx.last_month is not None:  # الشهر ذاته, العام نفسه: the period of the last date mentioned
            calendar, year, month, relative = ctx.last_month
            first_month = month if period == "month" else 1
            if calendar == "hijri":
                return hijri_to_gregorian(year, first_month, 1), period, relative, "hijri", qualifier, -1
            return dt.date(year, first_month, 1), period, relative, "gregorian", qualifier, -1
        kind = "current"
    if published is None:
        return _SKIP
    offset = _PERIOD_OFFSET[kind] * (2 if m.group("relp_b") else 1)
    if qualifier is None and offset > 0:
        qualifier = "future"
    if period == "week":
        return published + dt.timedelta(days=7 * offset), "week", True, "gregorian", qualifier, -1
    if period == "month":
        year, month = _add_months(published.year, published.month, offset)
        ctx.last_month = ("gregorian", year, month, True)
        return dt.date(year, month, 1), "month", True, "gregorian", qualifier, -1
    return dt.date(published.year + offset, 1, 1), "year", True, "gregorian", qualifier, -1


def _month_has_context(m: re.Match[str], p: str, ctx: _Context) -> bool:
    """A lone month name is a date only with something that says so: شهر, a position (مطلع), a year, a
    qualifier, a second name (آب/أغسطس), or (for names that are not also common words) a preposition
    such as في or ب."""
    g = ctx.grammar
    if m.group(p + "sh") or m.group(p + "pos") or m.group(p + "y") or m.group(p + "q"):
        return True
    pair = m.group(p + "m2") or m.group(p + "m3")
    if pair and _key(pair) != _key(m.group(p + "m1")):  # أيلول (سبتمبر), but not صفر - صفر (a score)
        return True
    if p == "mon_" and (m.group("mon_yq") or m.group("mon_yt")):
        return True
    if _key(m.group(p + "m1")) in g.ambiguous:
        return False
    if m.group("cl").endswith(("ب", "ل")):
        return True
    previous = ctx.previous_word(m.start("cl"))
    return previous in g.month_context or (previous[:1] in ("و", "ف") and previous[1:] in g.month_context)


def _resolve_mon(m: re.Match[str], ctx: _Context) -> _Outcome:
    g, published = ctx.grammar, ctx.published
    if not _month_has_context(m, "mon_", ctx):
        return None
    month, cut, shift = _month_names(m, "mon_", g.gregorian)
    position = m.group("mon_pos")
    qualifier = g.positions.get(position) if position else None
    if m.group("mon_y") is not None:
        year, relative = int(m.group("mon_y")) + shift, False
    elif published is None:
        return _SKIP
    elif m.group("mon_yq") or m.group("mon_yt"):
        offset = _PERIOD_OFFSET[g.qualifiers[m.group("mon_yq")]] if m.group("mon_yq") else 0
        year, relative = published.year + offset + shift, True
    else:
        year, relative = _month_year(month, _qualifier_kind(m, "mon_q", g), published), True
    value = dt.date(year, month, 1)
    ctx.last_month = ("gregorian", year, month, relative)
    return value, "month", relative, "gregorian", qualifier or _future(value, relative, published), cut


def _resolve_hmon(m: re.Match[str], ctx: _Context) -> _Outcome:
    g, published = ctx.grammar, ctx.published
    if not _month_has_context(m, "hmon_", ctx):
        return None
    month, cut, shift = _month_names(m, "hmon_", g.hijri)
    position = m.group("hmon_pos")
    qualifier = g.positions.get(position) if position else None
    if m.group("hmon_y") is not None:
        year, relative = int(m.group("hmon_y")) + shift, False
    elif published is None:
        return _SKIP
    else:
        year, relative = _hijri_year_for(month, 0, _qualifier_kind(m, "hmon_q", g), published), True
    value = hijri_to_gregorian(year, month, 1)
    ctx.last_month = ("hijri", year, month, relative)
    return value, "month", relative, "hijri", qualifier or _future(value, relative, published), cut


def _ago_count(m: re.Match[str], g: _Grammar) -> tuple[int, str]:
    """(count, unit word) of قبل/منذ + count + unit."""
    if m.group("ago_n"):
        return int(m.group("ago_n")), m.group("ago_u")
    if m.group("ago_du"):
        return 2, m.group("ago_du")
    if m.group("ago_u1"):
        return 1, m.group("ago_u1")
    unit = m.group("ago_u2")
    if m.group("ago_teen"):
        return 10 + g.cardinal_teen_first[_key(m.group("ago_teen"))], unit
    if m.group("ago_ct2"):
        return g.cardinal_tens[_key(m.group("ago_ct2"))], unit
    count = g.cardinal_units[_key(m.group("ago_cu"))]
    if m.group("ago_ct"):
        count += g.cardinal_tens[_key(m.group("ago_ct"))]
    return count, unit


def _resolve_ago(m: re.Match[str], ctx: _Context) -> _Outcome:
    g, published = ctx.grammar, ctx.published
    count, unit_word = _ago_count(m, g)
    unit = g.units[_key(unit_word)][0]
    if count < 1:
        return None
    if published is None:
        return _SKIP
    if unit == "day":
        return published - dt.timedelta(days=count), "day", True, "gregorian", None, -1
    if unit == "week":
        return published - dt.timedelta(days=7 * count), "week", True, "gregorian", None, -1
    if unit == "month":
        year, month = _add_months(published.year, published.month, -count)
        return dt.date(year, month, 1), "month", True, "gregorian", None, -1
    if count >= published.year:
        return _SKIP
    return dt.date(published.year - count, 1, 1), "year", True, "gregorian", None, -1


_RESOLVERS: dict[str, _Resolver] = {
    "dm": _resolve_dm,
    "hdm": _resolve_hdm,
    "dan": _resolve_dan,
    "num": _resolve_num,
    "iso": _resolve_iso,
    "wdrel": _resolve_wdrel,
    "wd": _resolve_wd,
    "reld": _resolve_reld,
    "year": _resolve_year,
    "relp": _resolve_relp,
    "mon": _resolve_mon,
    "hmon": _resolve_hmon,
    "ago": _resolve_ago,
}


def _scan(nt: NormalizedText, published: dt.date | None) -> list[DateMention]:
    grammar = _grammar()
    padded = " " + nt.text  # so that a date at offset 0 also follows a space
    ctx = _Context(grammar, padded, published)
    search = grammar.pattern.search
    original = nt.original
    found: list[DateMention] = []
    position = 0
    while (m := search(padded, position)) is not None:
        resolver = _RESOLVERS.get(m.lastgroup or "")
        try:
            outcome = resolver(m, ctx) if resolver is not None else None
        except (ValueError, OverflowError):  # a day no calendar holds: before 1 AH, after 9999
            outcome = None
        if outcome is None:
            position = m.start() + 1  # not a date here: a shorter one may start at the next word
            continue
        if outcome is _SKIP:
            position = m.end()
            continue
        value, precision, relative, calendar, qualifier, cut = outcome
        position = cut if cut >= 0 else m.end()  # after a range's first month, its second is read anew
        norm_start = m.end("cl") - 1  # the clitic is not part of the date; -1 undoes the padding
        norm_end = position - 1
        start, end = nt.span_to_original(norm_start, norm_end)
        end = _TRAILING_MARKS.match(original, end).end()
        text = original[start:end]
        mention = DateMention(start, end, norm_start, norm_end, text, value, precision, relative, calendar, qualifier)
        found.append(mention)
    return found


def find_dates(nt: NormalizedText, published: dt.date | None) -> list[DateMention]:
    """Every date expression in ``nt``, in text order and non-overlapping, resolved against ``published``.
    Expressions that need the publication date are skipped when it is None."""
    return _scan(nt, published)


_LINE = re.compile(r"[^\n]+")
_HEAD_LINES = 8
_WORD_CHAR = re.compile(r"[^\W_]")


def find_publication_date(text: str) -> DateMention | None:
    """The dateline: among the first 8 non-empty lines, the first that is essentially just a complete date
    (bullets, a label such as تاريخ النشر, a weekday and a time may surround it). Returns that mention
    (absolute, day precision) or None."""
    head_end, seen = 0, 0
    for line in _LINE.finditer(text):
        if line.group().strip():
            seen += 1
            head_end = line.end()
            if seen == _HEAD_LINES:
                break
    if not head_end:
        return None
    # normalization is per character, so the normalized head is a prefix of the normalized document
    nt = normalize(text[:head_end])
    mentions = [m for m in _scan(nt, None) if m.precision == "day" and not m.relative]
    if not mentions:
        return None
    noise = _grammar().publication_noise
    for line in _LINE.finditer(nt.text):
        inside = [m for m in mentions if line.start() <= m.norm_start and m.norm_end <= line.end()]
        if len(inside) != 1:
            continue
        mention = inside[0]
        rest = nt.text[line.start() : mention.norm_start] + " " + nt.text[mention.norm_end : line.end()]
        if not _WORD_CHAR.search(noise.sub(" ", rest)):
            return mention
    return None
