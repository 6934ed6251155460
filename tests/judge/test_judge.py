"""Tests for the news judge (marsad.judge) through the whole pipeline: which candidates a record
reports as news, which it keeps out of the default dataset (yet keeps in the record), the dates,
places and types of what it reports, and the shipped judges themselves.

Every Arabic sentence and article here was written for these tests, in the style of Iraqi, Syrian,
Yemeni, Gulf and Maghrebi newswire; none is copied from anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pytest

from marsad.judge import ArticleVerdict, Judges, article_context, judge_article, packaged_judges
from marsad.judge.features import article_features, event_features
from marsad.judge.model import FORMAT, LinearJudge
from marsad.model import Document, DocumentRecord
from marsad.pipeline import candidates, extract, judged, reference_day
from marsad.text.normalize import normalize

WEDNESDAY = dt.date(2025, 3, 12)  # «اليوم الأربعاء» is this day, «أمس» the Tuesday before
FRIDAY = dt.date(2025, 3, 14)

Event = dict[str, Any]


def record(text: str, published: dt.date | None = WEDNESDAY, judges: Judges | None = None) -> DocumentRecord:
    return extract(Document(id="t", text=text, published=published), judges=judges)


def article(headline: str, *sentences: str) -> str:
    """Headline, a line break, then the body: the way Marsad reads an article."""
    return headline + "\n" + " ".join(sentences)


def reported(rec: DocumentRecord) -> list[Event]:
    return [event for event in rec.events if event["reported"]]


def from_sentence(rec: DocumentRecord, words: str) -> list[Event]:
    """The record's events whose evidence is the sentence containing ``words``."""
    return [event for event in rec.events if words in event["evidence"]["text"]]


def describe(rec: DocumentRecord) -> str:
    """The whole record, one line per event, for assertion messages."""
    lines = [f"security_news={rec.security_news} ({rec.security_news_probability})"]
    for event in rec.events:
        location = event.get("location") or {}
        actor1 = event.get("actor1") or {}
        lines.append(
            f"  {event['event_id']} {event['event_type']} / {event['sub_event_type']} [{event['modality']}] "
            f"reported={event['reported']} p={event['news_probability']} date={event['event_date']} "
            f"({(event.get('date') or {}).get('source')}) actor1={actor1.get('name')} "
            f"place={location.get('name_ar')}/{location.get('admin1')}/{location.get('country')} "
            f"killed={event['fatalities']} repeat_of={event.get('repeat_of')} "
            f"trigger={event['trigger']['text']!r} evidence={event['evidence']['text'][:50]!r}"
        )
    return "\n".join(lines)


# --- plain reports: one reported event of the right type ---------------------------------------------
#
# No date and no count in the event sentence: nothing but the words says it is news. Each report is
# tried alone (a wire flash) and as a short article: a headline, the same sentence as the lead, and a
# sentence that adds detail without telling another event.


@dataclass(frozen=True)
class Plain:
    sentence: str
    headline: str
    detail: str
    event_type: str
    sub_event_type: str
    admin1: str
    actor1: str | None = None  # a part of actor1's ACLED name


PLAIN = {
    "isis_gunmen_checkpoint": Plain(
        "شن مسلحون من تنظيم داعش هجوما على نقطة تفتيش للشرطة الاتحادية في ناحية العباسي بمحافظة كركوك.",
        "هجوم لداعش على نقطة تفتيش جنوب غربي كركوك",
        "وأفاد مصدر أمني بأن عناصر النقطة ردوا على مصادر النيران حتى انسحاب المهاجمين.",
        "Battles",
        "Armed clash",
        "Kirkuk",
        "Islamic State",
    ),
    "isis_members_headquarters": Plain(
        "هاجم عناصر من داعش مقرا للحشد الشعبي في ناحية جلولاء بمحافظة ديالى.",
        "داعش يهاجم مقرا للحشد الشعبي في ديالى",
        "واستمر تبادل إطلاق النار نحو ساعة قبل أن يلوذ المهاجمون بالفرار.",
        "Battles",
        "Armed clash",
        "Diyala",
        "Islamic State",
    ),
    "coalition_airstrike": Plain(
        "استهدفت مقاتلات التحالف بغارات جوية مواقع للحوثيين في مديرية صرواح غرب مأرب.",
        "غارات للتحالف على مواقع الحوثيين غرب مأرب",
        "وقالت مصادر محلية إن دوي الانفجارات سمع في أرجاء المديرية.",
        "Explosions/Remote violence",
        "Air/drone strike",
        "Marib",
    ),
    "roadside_bomb": Plain(
        "انفجرت عبوة ناسفة بسيارة عسكرية في مديرية مودية التابعة لمحافظة أبين.",
        "انفجار عبوة ناسفة بسيارة عسكرية في أبين",
        "ولم تتبن أي جهة التفجير بعد.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        "Abyan",
    ),
    "tribal_clash": Plain(
        "اندلعت اشتباكات بين مسلحين من قبيلتين متنازعتين في منطقة الجفرة جنوب ليبيا.",
        "اشتباكات قبلية في الجفرة",
        "ويعود الخلاف بين القبيلتين إلى نزاع على ملكية أراض زراعية.",
        "Battles",
        "Armed clash",
        "Al Jufrah",
    ),
    "cell_arrested": Plain(
        "ألقت الأجهزة الأمنية القبض على خلية إرهابية في محافظة القطيف شرق السعودية.",
        "القبض على خلية إرهابية في القطيف",
        "وضبطت بحوزة أفرادها أسلحة وذخائر ومواد تستخدم في صنع المتفجرات.",
        "Strategic developments",
        "Arrests",
        "Eastern Province",
    ),
    "sit_in": Plain(
        "نظم عاطلون عن العمل وقفة احتجاجية سلمية قبالة مقر الولاية في قفصة للمطالبة بالتشغيل.",
        "وقفة احتجاجية للعاطلين عن العمل في قفصة",
        "ورفع المحتجون شعارات تندد بتهميش الجهة.",
        "Protests",
        "Peaceful protest",
        "Gafsa",
    ),
}

_ONE_SENTENCE_JUDGE = (
    "the one-sentence judge (sentence_judge.json) leaves a plain report with no date and no count under "
    "its threshold: the ASSAULT sentence model, which reads every non-protest type, scores the sentence "
    "low, and nothing else in a lone sentence lifts it"
)
_ISIS_MEMBERS = (
    "actors: «عناصر» alone is no actor in the codebook, so _members_named has no group noun to tie to "
    "«تنظيم داعش», and the preposition من keeps the group from being the verb's subject: actor1 is the "
    "implied Unidentified Armed Group and Islamic State becomes actor2"
)
ALONE_XFAIL = {
    "isis_gunmen_checkpoint": _ONE_SENTENCE_JUDGE,
    "isis_members_headquarters": _ISIS_MEMBERS + "; and " + _ONE_SENTENCE_JUDGE,
    "cell_arrested": _ONE_SENTENCE_JUDGE,
}
ARTICLE_XFAIL: dict[str, str] = {}


def _params(xfails: dict[str, str]) -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(reason=xfails[name], strict=False)) if name in xfails else name
        for name in PLAIN
    ]


def check_plain(rec: DocumentRecord, case: Plain) -> None:
    news = reported(rec)
    assert len(news) == 1, f"expected one reported {case.event_type} event\n{describe(rec)}"
    event = news[0]
    assert (event["event_type"], event["sub_event_type"]) == (case.event_type, case.sub_event_type), describe(rec)
    assert event["modality"] == "asserted"
    assert event["location"].get("admin1") == case.admin1, describe(rec)
    if case.actor1 is not None:
        assert case.actor1 in ((event["actor1"] or {}).get("name") or ""), describe(rec)
    assert rec.security_news, describe(rec)


@pytest.mark.parametrize("name", _params(ALONE_XFAIL))
def test_plain_report_alone_gives_one_reported_event(name: str) -> None:
    case = PLAIN[name]
    check_plain(record(case.sentence), case)


@pytest.mark.parametrize("name", _params(ARTICLE_XFAIL))
def test_plain_report_as_article_gives_one_reported_event(name: str) -> None:
    case = PLAIN[name]
    rec = record(article(case.headline, case.sentence, case.detail))
    check_plain(rec, case)


@pytest.mark.parametrize(
    "name",
    [
        "isis_gunmen_checkpoint",
        pytest.param("isis_members_headquarters", marks=pytest.mark.xfail(reason=_ISIS_MEMBERS, strict=False)),
    ],
)
def test_named_group_of_gunmen_or_members_is_actor1(name: str) -> None:
    # the actor rule alone, whatever the judge says of a lone sentence
    case = PLAIN[name]
    rec = record(case.sentence)
    assert len(rec.events) == 1, describe(rec)
    assert "Islamic State" in rec.events[0]["actor1"]["name"], describe(rec)
    assert rec.events[0]["location"]["admin1"] == case.admin1, describe(rec)


# --- mentions kept out of the dataset, kept in the record ---------------------------------------------


SHELLING_HEADLINE = "قصف مدفعي على ريف حماة يقتل ثلاثة مدنيين"
SHELLING_LEAD = "قتل ثلاثة مدنيين اليوم الأربعاء في قصف مدفعي استهدف بلدة كفرزيتا في ريف حماة الشمالي."
WAR_TOLL = "وقتل أكثر من 300 ألف شخص في سوريا منذ اندلاع النزاع."
ANALYSTS_SYRIA = "ويرى محللون أن التصعيد الأخير يهدف إلى الضغط على فصائل المعارضة قبل جولة المفاوضات المقبلة."

CAMP_HEADLINE = "مقتل جنديين بهجوم لداعش في صلاح الدين"
CAMP_LEAD = (
    "لقي جنديان حتفهما وأصيب ثالث اليوم الأربعاء بهجوم لمسلحين من تنظيم داعش على ثكنة للجيش في قضاء "
    "طوزخورماتو بمحافظة صلاح الدين."
)
CAMP_PAST = "وكان التنظيم قد هاجم الموقع ذاته العام الماضي وقتل أربعة من حراسه."
CAMP_THREAT = "وهدد التنظيم عبر حساباته بشن هجمات جديدة على القوات الأمنية في المحافظة."
CAMP_OPINION = "ويرى محللون أمنيون أن هجمات التنظيم تهدف إلى استنزاف القوات المنتشرة في المناطق الوعرة."
CAMP_AIM = "وأطلقت القوات الأمنية عملية تفتيش واسعة في القرى المحيطة للقبض على المنفذين."
CAMP_ARTICLE = article(CAMP_HEADLINE, CAMP_LEAD, CAMP_PAST, CAMP_THREAT, CAMP_OPINION, CAMP_AIM)


def test_war_toll_alone_is_kept_as_a_statistic_not_reported() -> None:
    rec = record("قتل أكثر من 300 ألف شخص منذ اندلاع الحرب السورية قبل أربعة عشر عاما.")
    assert rec.events, "the statistic stays in the record"
    assert not reported(rec), describe(rec)
    counts = [count for event in rec.events for count in event["counts"]]
    assert counts and all(count.get("statistic") for count in counts), counts
    assert all(event["fatalities"] is None for event in rec.events), describe(rec)


def test_war_toll_in_an_article_is_not_the_news() -> None:
    rec = record(article(SHELLING_HEADLINE, SHELLING_LEAD, WAR_TOLL, ANALYSTS_SYRIA))
    news = reported(rec)
    assert len(news) == 1, describe(rec)
    assert news[0]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert news[0]["fatalities"] == 3, describe(rec)


@pytest.mark.xfail(
    reason="merge._continues absorbs the war-toll sentence's weak «وقتل» frame into the lead's shelling "
    "event (undated, so the lead's day; a minor frame), and merge._absorb drops its killed count because "
    "the lead already has one: the statistic is neither an event nor a count anywhere in the record",
    strict=False,
)
def test_war_toll_in_an_article_stays_in_the_record() -> None:
    rec = record(article(SHELLING_HEADLINE, SHELLING_LEAD, WAR_TOLL, ANALYSTS_SYRIA))
    statistics = [count for event in rec.events for count in event["counts"] if count["value"] >= 300000]
    assert statistics, describe(rec)
    assert all(count.get("statistic") for count in statistics)


def test_camp_article_reports_only_todays_attack() -> None:
    rec = record(CAMP_ARTICLE)
    news = reported(rec)
    assert len(news) == 1, describe(rec)
    assert news[0]["event_date"] == WEDNESDAY.isoformat() and news[0]["fatalities"] == 2, describe(rec)
    assert rec.security_news


@pytest.mark.parametrize(
    ("words", "modalities"),
    [
        ("قد هاجم الموقع ذاته", {"background"}),  # a past attack recalled
        ("وهدد التنظيم", {"hypothetical", "planned"}),  # a threat
        ("للقبض على المنفذين", {"planned"}),  # an aim
    ],
    ids=["past_attack", "threat", "aim"],
)
def test_camp_article_keeps_its_other_mentions_unreported(words: str, modalities: set[str]) -> None:
    rec = record(CAMP_ARTICLE)
    found = from_sentence(rec, words)
    assert found, f"the mention stays in the record\n{describe(rec)}"
    for event in found:
        assert not event["reported"], describe(rec)
        assert event["modality"] in modalities, describe(rec)


def test_past_attack_keeps_its_own_year() -> None:
    (past,) = from_sentence(record(CAMP_ARTICLE), "قد هاجم الموقع ذاته")
    assert past["event_date"].startswith("2024"), past["event_date"]
    assert past["fatalities"] == 4  # its own toll, for whoever queries the background


@pytest.mark.parametrize(
    "sentence",
    [
        "كان التنظيم قد هاجم المخفر ذاته صيف العام الماضي وقتل ثلاثة من حراسه.",
        "هدد التنظيم عبر حساباته بشن هجمات جديدة على القوات الأمنية في محافظة صلاح الدين.",
        "يرى محللون أمنيون أن هجمات التنظيم تهدف إلى استنزاف القوات المنتشرة في المناطق الوعرة.",
        "نفى الجيش اليمني قصف الأحياء الشرقية لمدينة تعز وقال إن الأنباء عارية عن الصحة.",
        "أطلقت القوات الأمنية عملية تفتيش واسعة في القرى المحيطة بتكريت للقبض على المنفذين.",
        "تنطلق الطائرات الأمريكية من قاعدة عين الأسد بالأنبار لضرب التنظيم في المناطق الصحراوية.",
    ],
    ids=["past_attack", "threat", "opinion", "denial", "aim_arrest", "aim_strike"],
)
def test_mention_alone_is_in_the_record_but_not_reported(sentence: str) -> None:
    rec = record(sentence)
    assert rec.events, "the mention stays in the record"
    assert not reported(rec), describe(rec)


def test_opinion_in_an_article_adds_no_news() -> None:
    rec = record(CAMP_ARTICLE)
    assert not [event for event in reported(rec) if "محللون" in event["evidence"]["text"]], describe(rec)


def test_denial_is_negated_and_not_reported() -> None:
    rec = record(
        article(
            "الحوثيون يتهمون الجيش بقصف أحياء في تعز",
            "اتهمت جماعة الحوثي الجيش اليمني بقصف أحياء في غرب مدينة تعز مساء أمس.",
            "ونفى الجيش اليمني قصف أي منازل في المدينة وقال إن قواته ردت على مصادر النيران فقط.",
        )
    )
    denied = from_sentence(rec, "ونفى الجيش")
    assert denied, describe(rec)
    assert all(event["modality"] == "negated" and not event["reported"] for event in denied), describe(rec)


@pytest.mark.parametrize(
    "sentence",
    [
        "تعرضت دورية للشرطة لهجوم مسلح قرب مدينة الرمادي.",
        "تعرضت أحياء سكنية في مدينة درنة لقصف صاروخي أسفر عن مقتل امرأة.",  # a long subject before ل
    ],
    ids=["patrol", "long_subject"],
)
def test_what_was_undergone_is_asserted_not_an_aim(sentence: str) -> None:
    rec = record(sentence)
    undergone = [event for event in rec.events if event["event_type"] != "Violence against civilians"]
    assert undergone, describe(rec)
    assert all(event["modality"] == "asserted" for event in undergone), describe(rec)


RAMADI = article(
    "هجوم على دورية للشرطة في الرمادي",
    "تعرضت دورية للشرطة لهجوم مسلح قرب مدينة الرمادي مساء أمس.",
    "وأطلقت القوات الأمنية عملية بحث واسعة في المنطقة للقبض على المهاجمين.",
)


@pytest.mark.xfail(
    reason="event judge: the attack on the patrol (the lead merged into the headline's frame: a weak «هجوم» "
    "with no count, and police as its actor1) scores well under the event judge's threshold (about 0.25)",
    strict=False,
)
def test_attack_undergone_is_reported_in_its_article() -> None:
    rec = record(RAMADI)
    news = reported(rec)
    assert len(news) == 1 and news[0]["event_type"] == "Battles", describe(rec)


def test_aim_in_an_article_is_planned_not_reported() -> None:
    rec = record(RAMADI)
    aims = from_sentence(rec, "للقبض على المهاجمين")
    assert aims and all(event["modality"] == "planned" and not event["reported"] for event in aims), describe(rec)


@pytest.mark.parametrize(
    "text",
    [
        "استدعت وزارة الخارجية المغربية السفير الجزائري في الرباط احتجاجا على التصريحات التي أدلى بها "
        "وزير خارجية بلاده.",
        article(
            "الرباط تستدعي السفير الجزائري",
            "استدعت وزارة الخارجية المغربية اليوم السفير الجزائري في الرباط احتجاجا على التصريحات التي أدلى بها "
            "وزير خارجية بلاده.",
            "وقال بيان للوزارة إن التصريحات تسيء إلى العلاقات بين البلدين.",
        ),
    ],
    ids=["alone", "article"],
)
def test_diplomatic_protest_is_no_reported_protest(text: str) -> None:
    rec = record(text)
    assert not [event for event in reported(rec) if event["event_type"] in ("Protests", "Riots")], describe(rec)


FOOTBALL = article(
    "الرجاء يهزم الوداد في الديربي",
    "فاز فريق الرجاء البيضاوي على غريمه الوداد بهدفين لهدف في مباراة الديربي التي جرت مساء أمس على ملعب محمد الخامس.",
    "وشن لاعبو الرجاء هجوما مكثفا منذ الدقائق الأولى وسدد المهاجم هدفا رائعا في الدقيقة العشرين.",
    "وتعرض اللاعب لإصابة في الركبة أجبرته على مغادرة الملعب قبل نهاية الشوط الأول.",
    "وقال مدرب الفريق إن الفوز يقربه من صدارة الترتيب.",
)


def test_football_report_is_not_security_news() -> None:
    rec = record(FOOTBALL)
    assert rec.security_news is False, describe(rec)
    assert rec.security_news_probability < 0.5
    assert not reported(rec), describe(rec)


# --- dates -------------------------------------------------------------------------------------------


DATED_TEXTS = [
    article(
        "تظاهرة مرتقبة في الخرطوم",
        "يعتزم تجمع المهنيين تنظيم تظاهرة حاشدة في الخرطوم الأربعاء المقبل للمطالبة بتسليم السلطة للمدنيين.",
        "وقال متحدث باسم التجمع إن المتظاهرين سيتوجهون إلى القصر الجمهوري.",
    ),
    "أعلن الجيش أنه سيبدأ الشهر المقبل عملية عسكرية واسعة ضد الجماعات المسلحة في ولاية شمال دارفور.",
    "اعتقلت قوات الأمن ثلاثة مطلوبين في 20 آذار في قضاء الزبير بمحافظة البصرة.",
    article(
        "اشتباكات في ريف درعا",
        "اندلعت اشتباكات عنيفة يوم الخميس بين مسلحين من فصائل محلية وقوات النظام في بلدة طفس بريف درعا الغربي.",
        "وقتل في الاشتباكات ثلاثة مسلحين.",
    ),
    article(
        "نقابة المعلمين تدعو إلى الإضراب",
        "دعت نقابة المعلمين في تونس إلى إضراب عام يوم الأربعاء المقبل احتجاجا على تجميد الأجور.",
        "وقال الأمين العام للنقابة إن المعلمين سيعتصمون قبالة مقر الوزارة في العاصمة الأربعاء المقبل.",
    ),
]


@pytest.mark.parametrize("text", DATED_TEXTS, ids=["khartoum", "darfur", "zubair", "daraa", "teachers"])
def test_no_reported_event_is_dated_after_publication(text: str) -> None:
    rec = record(text)
    late = [event for event in reported(rec) if event["event_date"] > WEDNESDAY.isoformat()]
    assert not late, describe(rec)


def test_next_wednesday_makes_an_event_planned() -> None:
    rec = record(DATED_TEXTS[-1])
    assert rec.events, describe(rec)
    for event in rec.events:
        assert event["modality"] == "planned", describe(rec)
        assert not event["reported"]
    assert any(event["event_date"] == "2025-03-19" for event in rec.events), describe(rec)


@pytest.mark.xfail(
    reason="the headline «تظاهرة مرتقبة في الخرطوم» is asserted (مرتقبة is no planned cue) and, undated, "
    "it is dated by the publication rather than by the lead's «الأربعاء المقبل»: the event judge reports "
    "a protest that has not happened",
    strict=False,
)
def test_announced_protest_is_not_reported() -> None:
    rec = record(DATED_TEXTS[0])
    assert not reported(rec), describe(rec)


SINAI = article(
    "هجوم على حاجز أمني في سيناء",
    "قتل ثلاثة جنود مصريين أمس حين هاجم مسلحون حاجزا أمنيا جنوب مدينة العريش.",
    "وقال بيان للجيش إن قواته قتلت المهاجمين.",
)


def test_undated_headline_takes_the_leads_date() -> None:
    found = candidates(Document(id="t", text=SINAI, published=FRIDAY))
    headline = [event for event in found.events if event["evidence"]["text"].startswith("هجوم على حاجز")]
    assert headline, [event["evidence"]["text"] for event in found.events]
    for event in headline:
        assert event["event_date"] == "2025-03-13", event["event_date"]  # the lead's «أمس»
        assert event["date"]["source"] == "lead", event["date"]
    rec = record(SINAI, FRIDAY)
    assert all(event["event_date"] == "2025-03-13" for event in rec.events), describe(rec)


LEBANON = article(
    "غارات إسرائيلية على جنوب لبنان",
    "شنت طائرات حربية إسرائيلية اليوم الأربعاء غارات على بلدة الخيام في جنوب لبنان.",
    "وكانت مسيرة إسرائيلية قد استهدفت أمس سيارة على طريق بلدة كفركلا فقتلت شخصين كانا فيها.",
)


def test_lead_naming_its_weekday_anchors_yesterday() -> None:
    # stamped Friday by the crawler, written on Wednesday: its «أمس» is Tuesday
    rec = record(LEBANON, FRIDAY)
    assert rec.published == FRIDAY  # the record keeps the date it was given
    dates = {event["event_date"] for event in rec.events}
    assert dates == {"2025-03-12", "2025-03-11"}, describe(rec)
    (drone,) = {event["event_id"]: event for event in from_sentence(rec, "كفركلا")}.values()
    assert drone["event_date"] == "2025-03-11" and drone["fatalities"] == 2, describe(rec)
    assert all(event["published"] == FRIDAY.isoformat() for event in rec.events)


@pytest.mark.parametrize(
    ("lead", "published", "day"),
    [
        ("قصفت الطائرات اليوم الأربعاء مواقع للمسلحين", FRIDAY, WEDNESDAY),
        ("قصفت الطائرات أمس الثلاثاء مواقع للمسلحين", FRIDAY, WEDNESDAY),
        ("قصفت الطائرات أمس (الخميس) مواقع للمسلحين", FRIDAY, None),  # the stamp is right
        ("قصفت الطائرات اليوم الجمعة مواقع للمسلحين", FRIDAY, None),
        ("قصفت الطائرات اليوم السبت مواقع للمسلحين", FRIDAY, dt.date(2025, 3, 8)),  # six days before
        ("قصفت الطائرات مواقع للمسلحين", FRIDAY, None),  # no weekday named
        ("قصفت الطائرات اليوم الأربعاء مواقع للمسلحين", None, None),
        ("وقال الوزير " * 60 + "إن الطائرات قصفت اليوم الأربعاء مواقع للمسلحين", FRIDAY, None),  # past the lead
    ],
    ids=["today", "yesterday", "agrees", "same_day", "six_days", "none", "undated", "too_late"],
)
def test_reference_day(lead: str, published: dt.date | None, day: dt.date | None) -> None:
    assert reference_day(normalize(lead), published) == day


# --- places ------------------------------------------------------------------------------------------


def test_a_list_of_places_gives_one_event_per_place() -> None:
    rec = record("تظاهر آلاف الفلسطينيين اليوم الأربعاء في القدس ونابلس ورام الله احتجاجا على مصادرة الأراضي.")
    news = reported(rec)
    places = [event["location"]["name_ar"] for event in news]
    assert places == ["القدس", "نابلس", "رام الله"], describe(rec)
    assert {event["event_type"] for event in news} == {"Protests"}
    assert len({event["event_id"] for event in news}) == 3


def test_the_first_place_of_a_list_keeps_the_counts() -> None:
    rec = record("اعتقلت الشرطة 12 متظاهرا في الناصرية والديوانية والسماوة.")
    arrests = [event for event in rec.events if event["sub_event_type"] == "Arrests"]
    assert [event["location"]["admin1"] for event in arrests] == ["Thi Qar", "Al-Qadissiya", "Al-Muthanna"]
    assert [event["arrested"] for event in arrests] == [12, None, None], describe(rec)


@pytest.mark.xfail(
    reason="the one-sentence judge reads each event of a place list apart and leaves the airstrikes under its "
    "threshold; the first event, which keeps the toll, scores lowest of the three (has_killed weighs against "
    "it), so at best the places without the dead are reported",
    strict=False,
)
def test_every_place_of_a_list_with_a_toll_is_reported() -> None:
    rec = record("قتل 9 مدنيين اليوم في غارات على الناصرية والديوانية والسماوة.")
    verdicts = {event["location"]["name_ar"]: event["reported"] for event in rec.events}
    assert len(verdicts) == 3 and all(verdicts.values()), describe(rec)


def test_country_after_the_trigger_wins_over_the_jets_base() -> None:
    rec = record("شنت مقاتلات تركية انطلقت من قاعدة ديار بكر غارات جوية على مواقع في سوريا اليوم الأربعاء.")
    (event,) = rec.events
    assert event["location"]["country"] == "SY", describe(rec)
    assert "Turkey" in event["actor1"]["name"]


@pytest.mark.xfail(
    reason="record._named_country stops when more than ten words separate the trigger from the country: "
    "«قصفت» opens the sentence and the jets' base clause (انطلقت من قاعدة إنجرليك في أضنة) makes eleven, so "
    "the event is placed in Adana, Turkey",
    strict=False,
)
def test_country_after_the_trigger_wins_over_a_base_named_between() -> None:
    rec = record("قصفت طائرات حربية انطلقت من قاعدة إنجرليك في أضنة مواقع للتنظيم في سوريا.")
    assert [event["location"]["country"] for event in rec.events] == ["SY"], describe(rec)


@pytest.mark.xfail(
    reason="record._named_country rightly skips a country after «مع», but _location then falls back to "
    "frame.place, which is that same country: the clash on Jordan's border is placed in Syria",
    strict=False,
)
def test_the_border_with_a_country_is_not_that_country() -> None:
    rec = record("اندلعت اشتباكات بين حرس الحدود الأردني ومهربين على الحدود مع سوريا اليوم الأربعاء.")
    assert rec.events, describe(rec)
    assert all(event["location"].get("country") != "SY" for event in rec.events), describe(rec)


def test_a_border_governorate_named_in_the_sentence_is_the_place() -> None:
    rec = record("اندلعت اشتباكات بين حرس الحدود الأردني ومهربين مسلحين في محافظة المفرق على الحدود مع سوريا.")
    (event,) = rec.events
    assert (event["location"]["country"], event["location"]["admin1"]) == ("JO", "Mafraq"), describe(rec)


def test_a_peaceful_march_is_not_in_salamiyah() -> None:
    rec = record("خرج مئات من سكان مدينة الحسيمة في مسيرة سلمية للمطالبة بإنشاء مستشفى جامعي.")
    assert rec.events, describe(rec)
    assert all(event["location"].get("country") == "MA" for event in rec.events), describe(rec)


def test_a_subdistrict_named_like_a_capital_stays_in_its_governorate() -> None:
    rec = record("شن مسلحون من تنظيم داعش هجوما على نقطة تفتيش للشرطة الاتحادية في ناحية الرياض بمحافظة كركوك.")
    (event,) = rec.events
    assert (event["location"].get("country"), event["location"].get("admin1")) == ("IQ", "Kirkuk"), describe(rec)


def test_a_verb_after_a_place_is_no_second_place() -> None:
    rec = record(
        "تبنى تنظيم داعش الهجوم على ثكنة عسكرية في ناحية بيجي وزعم أنه قتل 30 جنديا، فيما قالت "
        "وزارة الدفاع إن جنديين قتلا في الهجوم."
    )
    assert not [event for event in rec.events if event["location"].get("name_ar") == "وزعم"], describe(rec)


# --- riots: security forces against protesters ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("اندلعت مواجهات بين قوات الأمن ومحتجين غاضبين في مدينة الناصرية اليوم الأربعاء.", "Iraq"),
        ("اشتبك متظاهرون مع قوات مكافحة الشغب أمام مقر الحكومة المحلية في البصرة.", "Iraq"),
    ],
    ids=["nasiriyah", "basra"],
)
def test_clash_with_protesters_is_a_violent_demonstration(text: str, country: str) -> None:
    rec = record(text)
    asserted = [event for event in rec.events if event["modality"] == "asserted"]
    assert len(asserted) == 1, describe(rec)
    event = asserted[0]
    assert (event["event_type"], event["sub_event_type"]) == ("Riots", "Violent demonstration"), describe(rec)
    assert event["actor1"]["name"] == f"Rioters ({country})", describe(rec)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            article(
                "مواجهات بين الشرطة ومحتجين في تطاوين",
                "اندلعت مواجهات بين قوات الأمن التونسية ومحتجين في مدينة تطاوين اليوم الأربعاء بعد وفاة شاب "
                "خلال ملاحقة أمنية.",
                "ورشق المحتجون عناصر الأمن بالحجارة وأحرقوا إطارات مطاطية.",
            ),
            "Tunisia",
        ),
        (
            article(
                "اشتباكات بين قوات الأمن ومتظاهرين في عدن",
                "اندلعت اشتباكات بين قوات الأمن ومتظاهرين غاضبين في مديرية المنصورة بمدينة عدن احتجاجا على "
                "انقطاع الكهرباء.",
                "واستخدمت قوات الأمن قنابل الغاز لإبعاد المحتجين عن مبنى المديرية.",
            ),
            "Yemen",
        ),
    ],
    ids=["tataouine", "aden"],
)
def test_riot_article_reports_one_violent_demonstration(text: str, country: str) -> None:
    rec = record(text)
    news = reported(rec)
    assert len(news) == 1, describe(rec)
    assert (news[0]["event_type"], news[0]["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert news[0]["actor1"]["name"] == f"Rioters ({country})", describe(rec)


# --- the verdict: how the judges combine ---------------------------------------------------------------


def constant(name: str, z: float) -> LinearJudge:
    """A judge that says the same thing of everything: probability sigmoid(z), threshold 0.5."""
    return LinearJudge(name, {}, z, 0.5)


CAMP_WITH_DENIAL = article(CAMP_HEADLINE, CAMP_LEAD, "ونفى الجيش سقوط أي قتلى في صفوف المدنيين خلال الهجوم.")


def test_without_judges_every_asserted_candidate_is_reported() -> None:
    rec = record(CAMP_ARTICLE, judges=Judges({}, None, None, None))
    assert rec.security_news and rec.security_news_probability == 1.0
    for event in rec.events:
        if event.get("repeat_of"):
            continue
        assert event["reported"] == (event["modality"] == "asserted"), describe(rec)
        # an event the words rule out (background, denial, plan) is not judged
        assert event["news_probability"] == (1.0 if event["modality"] == "asserted" else None)


def test_an_article_that_is_not_security_news_reports_nothing() -> None:
    judges = Judges({}, constant("event_judge", 10.0), constant("sentence_judge", 10.0), constant("s", -10.0))
    rec = record(CAMP_ARTICLE, judges=judges)
    assert rec.security_news is False and rec.events
    assert not reported(rec), describe(rec)
    # events of an article that is not security news are not judged: null, not a made-up figure
    assert all(event["news_probability"] is None for event in rec.events), describe(rec)


def test_a_lone_sentence_is_read_by_the_one_sentence_judge() -> None:
    sentence = "قتل جنديان اليوم الأربعاء بنيران مسلحين هاجموا حاجزا أمنيا في قضاء الطوز."
    says_yes, says_no = constant("j", 10.0), constant("j", -10.0)
    alone = record(sentence, judges=Judges({}, says_no, says_yes, says_no))
    assert reported(alone), describe(alone)  # the article judge is not asked about a lone sentence
    assert alone.security_news and alone.security_news_probability == pytest.approx(1.0, abs=1e-3)
    refused = record(sentence, judges=Judges({}, says_yes, says_no, says_yes))
    assert not reported(refused) and refused.security_news is False, describe(refused)


def test_judge_article_marks_every_candidate() -> None:
    found = candidates(Document(id="t", text=CAMP_WITH_DENIAL, published=WEDNESDAY))
    analysis = found.analysis
    context = article_context(analysis.normalized, analysis.sentences, analysis.day, found.frames)
    verdict = judge_article(found.frames, found.events, context)
    assert isinstance(verdict, ArticleVerdict) and verdict.security_news
    assert 0.0 <= verdict.probability <= 1.0
    for event in found.events:
        assert 0.0 <= event["news_probability"] <= 1.0
        if event["modality"] != "asserted":
            assert event["reported"] is False, event


def test_sentence_probability_without_a_model_says_nothing() -> None:
    assert Judges({}, None, None, None).sentence_probability("Battles", "قتل جندي في هجوم.") == 0.5


# --- the linear judge ----------------------------------------------------------------------------------


def test_linear_judge_standardizes_before_weighting() -> None:
    judge = LinearJudge("j", {"a": 2.0, "b": -1.0}, 0.5, 0.4, {"a": 1.0}, {"a": 2.0})
    # a: (3 - 1) / 2 * 2 = 2; b: 4 * -1 = -4; plus the intercept
    assert judge.score({"a": 3.0, "b": 4.0}) == pytest.approx(-1.5)
    assert judge.probability({"a": 3.0, "b": 4.0}) == pytest.approx(1 / (1 + math.exp(1.5)))
    assert judge.score({}) == pytest.approx(0.5 - 1.0)  # a missing feature is 0, standardized
    assert judge.probability({"b": 1000.0}) == 0.0  # no overflow


def test_contributions_sum_to_the_score() -> None:
    judge = LinearJudge("j", {"a": 2.0, "b": -1.0, "c": 0.1}, 0.5, 0.4, {"a": 1.0}, {"a": 2.0})
    features = {"a": 3.0, "b": 4.0, "c": 1.0}
    shares = judge.contributions(features, top=10)
    assert [name for name, _ in shares] == ["b", "a", "c"]  # by absolute share
    assert judge.intercept + sum(share for _, share in shares) == pytest.approx(judge.score(features))
    assert judge.contributions(features, top=1) == [("b", -4.0)]


def test_linear_judge_json_round_trip() -> None:
    judge = LinearJudge("j", {"a": 2.0}, 0.5, 0.4, {"a": 1.0}, {"a": 2.0}, {"trained_on": "x"})
    raw = json.loads(json.dumps(judge.to_json()))
    assert raw["format"] == FORMAT
    assert LinearJudge.from_json(raw) == judge
    with pytest.raises(ValueError, match="not a"):
        LinearJudge.from_json({**raw, "format": "something-else"})


# --- the shipped judges --------------------------------------------------------------------------------


def test_packaged_judges_have_every_part() -> None:
    judges = packaged_judges()
    assert sorted(judges.sentence) == ["ASSAULT", "PROTEST"]
    assert all(model is not None for model in judges.sentence.values())
    for judge in (judges.event, judges.single, judges.security):
        assert judge is not None
        assert 0.0 < judge.threshold < 1.0, judge.name
        assert judge.weights and set(judge.means) == set(judge.weights) == set(judge.scales), judge.name
        assert all(name.isascii() and name.isidentifier() for name in judge.weights), judge.name
        assert all(scale > 0 for scale in judge.scales.values()), judge.name
    assert (judges.event.name, judges.single.name, judges.security.name) == (
        "event_judge",
        "sentence_judge",
        "security_judge",
    )


def test_shipped_judges_name_their_training_data() -> None:
    judges = packaged_judges()
    assert "team-coded articles" in judges.event.metadata["trained_on"]
    assert "team-coded articles" in judges.security.metadata["trained_on"]
    assert "arabic_event_gsr_dev" in judges.single.metadata["trained_on"]
    for model in judges.sentence.values():
        assert "arabic_event_gsr_dev" in model.metadata["trained_on"]
    for judge in (judges.event, judges.single, judges.security):
        scores = judge.metadata["out_of_fold"]
        assert 0.0 < scores["f1"] <= 1.0 and scores["rows"] > 0, judge.name


def test_shipped_judge_files_hold_no_arabic() -> None:
    for name in ("event_judge", "sentence_judge", "security_judge"):
        raw = resources.files("marsad.judge.data").joinpath(f"{name}.json").read_text("utf-8")
        decoded = json.dumps(json.loads(raw), ensure_ascii=False)
        assert not any("\u0600" <= ch <= "\u06ff" for ch in decoded), name


def test_shipped_weights_name_features_the_judge_computes() -> None:
    found = candidates(Document(id="t", text=CAMP_ARTICLE, published=WEDNESDAY))
    analysis = found.analysis
    context = article_context(analysis.normalized, analysis.sentences, analysis.day, found.frames)
    judges = packaged_judges()
    computed = set(event_features(found.frames[0], found.events[0], context))
    assert set(judges.event.weights) <= computed, set(judges.event.weights) - computed
    assert set(judges.single.weights) <= computed, set(judges.single.weights) - computed
    article_computed = set(article_features(context, found.events))
    assert set(judges.security.weights) <= article_computed, set(judges.security.weights) - article_computed


def test_a_verdict_is_explained_by_named_features() -> None:
    found = candidates(Document(id="t", text=CAMP_ARTICLE, published=WEDNESDAY))
    analysis = found.analysis
    context = article_context(analysis.normalized, analysis.sentences, analysis.day, found.frames)
    judge = packaged_judges().event
    assert judge is not None
    features = event_features(found.frames[1], found.events[1], context)  # the lead's attack
    top = judge.contributions(features)
    assert len(top) == 5
    assert all(name in judge.weights for name, _ in top)
    assert [abs(share) for _, share in top] == sorted((abs(share) for _, share in top), reverse=True)
    every = judge.contributions(features, top=len(judge.weights))
    assert judge.intercept + sum(share for _, share in every) == pytest.approx(judge.score(features))
    # the probability the judge puts on the lead's event is this judge's, rounded (the record's
    # event then takes the highest of the mentions folded into it: the headline tells it too)
    judged(found)
    lead = next(event for event in found.events if event["evidence"]["text"].startswith("لقي جنديان"))
    assert lead["news_probability"] == pytest.approx(judge.probability(features), abs=1e-3)
