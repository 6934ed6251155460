"""Tests for marsad.train.judge: fitting the news judge on a tiny corpus of coded articles and a tiny
GSR folder, both written here. Every Arabic sentence and article here was written for these tests;
none is copied."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from marsad.judge.model import FORMAT, LinearJudge
from marsad.judge.sentence import SentenceModel
from marsad.train.judge import corpus_articles, train_judges
from tests.gsr_files import write_gsr

ASSAULT_YES = [
    "قتل ثلاثة جنود وجرح اثنان بهجوم مسلح استهدف ثكنتهم قرب بيجي فجر اليوم.",
    "انفجرت عبوة ناسفة بسيارة مدنية على طريق المطار في عدن مساء أمس فقتلت سائقها.",
    "شنت طائرات مسيرة غارة على مزرعة في ريف الرقة اليوم أسفرت عن مقتل أربعة أشخاص.",
    "أطلق مسلحون النار على حافلة تقل عمالا قرب بلدة الشرقاط صباح اليوم فقتلوا اثنين منهم.",
    "سقطت قذائف هاون على أطراف مدينة درعا ظهر اليوم وأصابت خمسة مدنيين.",
    "قتل شرطي في اشتباك مع مهربين مسلحين على الحدود الجنوبية ليلة أمس.",
    "فجر انتحاري نفسه عند مدخل سوق شعبي في بلدة الخالص اليوم فقتل سبعة أشخاص.",
    "هاجم مسلحون مجهولون منزل مختار القرية في قضاء الدبس مساء أمس وقتلوه.",
    "أصيب أربعة جنود بانفجار لغم أرضي بآليتهم في صحراء الأنبار اليوم.",
    "قصفت المدفعية قرية جنوب مدينة الحديدة صباح اليوم فقتلت امرأة وطفلها.",
]
ASSAULT_NO = [
    "نفت قيادة الشرطة تعرض مخفر الحي لاعتداء وقالت إن الأصوات كانت لألعاب نارية.",
    "حذر مسؤول أمني من هجمات محتملة خلال موسم الأعياد المقبل.",
    "افتتح وزير النقل طريقا سريعا جديدا يربط بين مدينتين في الشمال.",
    "يرى باحثون أن العنف في المنطقة مرتبط بالفقر والبطالة بين الشباب.",
    "ارتفعت أسعار الذهب في الأسواق المحلية بنسبة طفيفة هذا الأسبوع.",
    "أحيا سكان البلدة ذكرى التفجير الذي وقع فيها قبل خمس سنوات.",
    "وقع البلدان مذكرة تفاهم لتعزيز التعاون في مجال الزراعة.",
    "فاز المنتخب الأولمبي على نظيره بهدفين نظيفين في مباراة ودية.",
    "ناقش مجلس المحافظة خطة لتحسين خدمات الماء والكهرباء.",
    "لم تسجل الأجهزة الأمنية أي خروقات خلال الانتخابات المحلية.",
]
PROTEST_YES = [
    "تظاهر مئات الموظفين أمام مبنى المحافظة اليوم للمطالبة بصرف رواتبهم المتأخرة.",
    "اعتصم عشرات الأطباء في باحة المستشفى صباح اليوم رفضا للاعتداء على زميل لهم.",
    "خرج سكان الحي في مسيرة مساء أمس للمطالبة بإصلاح شبكة الصرف الصحي.",
    "نظم طلاب الجامعة وقفة احتجاجية اليوم رفضا لزيادة رسوم السكن.",
    "أضرب عمال المصنع اليوم رفضا لتسريح عدد من زملائهم.",
    "قطع محتجون طريقا رئيسيا بالحجارة صباح اليوم تنديدا بشح مياه الشرب.",
    "تجمع مزارعون أمام مديرية الزراعة اليوم مطالبين بتعويضهم عن خسائر الجفاف.",
    "احتشد مئات المتقاعدين في ساحة المدينة أمس للمطالبة برفع المعاشات.",
]
PROTEST_NO = [
    "دعت نقابة المحامين إلى وقفة احتجاجية الأسبوع المقبل.",
    "نفت السلطات خروج أي مظاهرات في العاصمة يوم الجمعة.",
    "يخشى المسؤولون من اتساع رقعة الاحتجاجات في الصيف المقبل.",
    "كانت المدينة قد شهدت مظاهرات واسعة قبل عامين.",
    "قررت الحكومة رفع أسعار الوقود ابتداء من الشهر المقبل.",
    "افتتح المحافظ مدرسة جديدة في أحد الأحياء الشعبية.",
    "أعلن الاتحاد أنه سينظم إضرابا عاما إذا لم تلب مطالبه.",
    "ارتفعت نسبة التضخم إلى تسعة في المئة بحسب البنك المركزي.",
]


def gold_event(event_type: str, sub_event_type: str, day: str, country: str, evidence: str, **extra: Any) -> dict:
    return {
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "event_date": day,
        "time_precision": 1,
        "country": country,
        "evidence": evidence,
        **extra,
    }


# (folder, id, title, content, is_security_news, events)
CORPUS: list[tuple[str, str, str, str, bool, list[dict]]] = [
    (
        "east",
        "e1",
        "مقتل شرطيين بانفجار عبوة ناسفة في ديالى",
        "قتل شرطيان اليوم الثلاثاء حين انفجرت عبوة ناسفة بدوريتهما في قضاء بلدروز بمحافظة ديالى. "
        "وكان مسلحون قد هاجموا مركزا للشرطة في القضاء ذاته قبل عامين.",
        True,
        [
            gold_event(
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
                "2025-03-11",
                "Iraq",
                "قتل شرطيان اليوم الثلاثاء حين انفجرت عبوة ناسفة",
                admin1="Diyala",
                fatalities=2,
            )
        ],
    ),
    (
        "east",
        "e2",
        "تظاهرة في البصرة للمطالبة بالخدمات",
        "تظاهر مئات من سكان البصرة اليوم الثلاثاء أمام مبنى المحافظة للمطالبة بتحسين خدمات الكهرباء. "
        "وهدد المحتجون بالاعتصام المفتوح إذا لم تستجب الحكومة المحلية لمطالبهم.",
        True,
        [
            gold_event(
                "Protests",
                "Peaceful protest",
                "2025-03-11",
                "Iraq",
                "تظاهر مئات من سكان البصرة اليوم الثلاثاء",
                admin1="Al-Basrah",
            )
        ],
    ),
    (
        "east",
        "e3",
        "الزوراء يتغلب على الطلبة في الدوري",
        "تغلب فريق الزوراء على الطلبة بثلاثة أهداف لهدف في لقاء جرى مساء أمس ضمن الدوري الممتاز. "
        "وشن لاعبو الزوراء هجوما متواصلا في الشوط الثاني وأصيب حارس الطلبة في كتفه.",
        False,
        [],
    ),
    (
        "east",
        "e4",
        "ضربة جوية تدمر مخابئ لداعش في صحراء الأنبار",
        "نفذت طائرات عراقية اليوم الثلاثاء ضربة جوية دمرت مخابئ لداعش في صحراء قضاء الرطبة بمحافظة الأنبار. "
        "وقال بيان عسكري إن الغارة أسفرت عن مقتل خمسة من عناصر التنظيم.",
        True,
        [
            gold_event(
                "Explosions/Remote violence",
                "Air/drone strike",
                "2025-03-11",
                "Iraq",
                "نفذت طائرات عراقية اليوم الثلاثاء ضربة جوية",
                admin1="Al-Anbar",
                fatalities=5,
            )
        ],
    ),
    (
        "west",
        "w1",
        "اعتصام للمعلمين في صفاقس",
        "نفذ معلمون اليوم الثلاثاء اعتصاما أمام المندوبية الجهوية للتربية في صفاقس احتجاجا على تأخر صرف "
        "المنح. وقال ممثل عن النقابة إن الاعتصام سيستمر حتى تحقيق المطالب.",
        True,
        [
            gold_event(
                "Protests",
                "Peaceful protest",
                "2025-03-11",
                "Tunisia",
                "نفذ معلمون اليوم الثلاثاء اعتصاما",
                admin1="Sfax",
            )
        ],
    ),
    (
        "west",
        "w2",
        "ارتفاع صادرات زيت الزيتون",
        "ارتفعت صادرات زيت الزيتون خلال الشهرين الأولين من العام بنسبة عشرين في المئة مقارنة بالفترة نفسها من "
        "العام الماضي. وعزا خبراء الارتفاع إلى تحسن المحصول وارتفاع الأسعار العالمية.",
        False,
        [],
    ),
    (
        "west",
        "w3",
        "اشتباكات بين مجموعتين مسلحتين في الزاوية",
        "اندلعت اشتباكات بين مجموعتين مسلحتين اليوم الثلاثاء في مدينة الزاوية غرب طرابلس ما أدى إلى مقتل "
        "شخصين. وهددت إحدى المجموعتين بشن هجمات على مواقع خصومها في الأيام المقبلة.",
        True,
        [
            gold_event(
                "Battles",
                "Armed clash",
                "2025-03-11",
                "Libya",
                "اندلعت اشتباكات بين مجموعتين مسلحتين اليوم الثلاثاء",
                fatalities=2,
            )
        ],
    ),
    (
        "west",
        "w4",
        "مهرجان للمسرح في مكناس",
        "انطلقت مساء أمس في مدينة مكناس فعاليات الدورة العاشرة لمهرجان المسرح بمشاركة فرق من عدة دول. "
        "ويتضمن برنامج المهرجان عروضا وورشات تدريبية للشباب.",
        False,
        [],
    ),
]


def write_corpus(root: Path) -> Path:
    for folder in sorted({row[0] for row in CORPUS}):
        (root / folder).mkdir(parents=True)
        rows = [row for row in CORPUS if row[0] == folder]
        with (root / folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
            for _, article_id, title, content, _, _ in rows:
                line = {"id": article_id, "title": title, "content": content, "date_extracted": "2025-03-11T09:00"}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
        with (root / folder / "gold.jsonl").open("w", encoding="utf-8") as handle:
            for _, article_id, _, _, security, events in rows:
                line = {"id": article_id, "is_security_news": security, "events": events}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return root


FILES = (
    "event_judge.json",
    "sentence_judge.json",
    "security_judge.json",
    "sentence_assault.npz",
    "sentence_protest.npz",
)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("judge-training")
    gsr = root / "gsr"
    gsr.mkdir()
    write_gsr(gsr / "assault_dev.csv", "ASSAULT", ASSAULT_YES, ASSAULT_NO, "سمع الأهالي أصواتا لم يعرفوا مصدرها.")
    write_gsr(gsr / "protest_dev.csv", "PROTEST", PROTEST_YES, PROTEST_NO)
    corpus = write_corpus(root / "corpus")
    first = train_judges(gsr, corpus, root / "first")
    second = train_judges(gsr, corpus, root / "second")
    return {"root": root, "gsr": gsr, "corpus": corpus, "report": first, "second_report": second}


def test_corpus_articles_reads_every_sub_folder(tmp_path: Path) -> None:
    coded = corpus_articles(write_corpus(tmp_path / "corpus"))
    assert [article.document.id for article in coded] == ["e1", "e2", "e3", "e4", "w1", "w2", "w3", "w4"]
    assert sum(article.is_security_news for article in coded) == 5
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no coded articles"):
        corpus_articles(tmp_path / "empty")


def test_training_writes_every_file(trained: dict[str, Any]) -> None:
    out = trained["root"] / "first"
    assert sorted(path.name for path in out.iterdir()) == sorted(FILES)
    report = trained["report"]
    assert sorted(report) == ["event_judge", "security_judge", "sentence_judge", "sentence_models"]
    assert sorted(report["sentence_models"]) == ["ASSAULT", "PROTEST"]
    assert not list(out.glob("*.part"))


def test_training_twice_gives_the_same_bytes(trained: dict[str, Any]) -> None:
    root = trained["root"]
    for name in FILES:
        assert (root / "first" / name).read_bytes() == (root / "second" / name).read_bytes(), name


def test_judge_files_hold_no_arabic(trained: dict[str, Any]) -> None:
    for name in FILES[:3]:
        raw = (trained["root"] / "first" / name).read_text("utf-8")
        assert raw.isascii(), name
        decoded = json.dumps(json.loads(raw), ensure_ascii=False)  # nor any escaped
        assert not any("\u0600" <= ch <= "\u06ff" for ch in decoded), name


def test_judges_read_back(trained: dict[str, Any]) -> None:
    out = trained["root"] / "first"
    for name in FILES[:3]:
        raw = json.loads((out / name).read_text("utf-8"))
        assert raw["format"] == FORMAT
        judge = LinearJudge.from_json(raw)
        assert judge.name == name.removesuffix(".json")
        assert 0.0 < judge.threshold <= 1.0
        assert judge.weights and set(judge.weights) == set(judge.means) == set(judge.scales)
        assert LinearJudge.from_json(judge.to_json()) == judge
        assert 0.0 <= judge.probability({}) <= 1.0


def test_metadata_names_the_training_data(trained: dict[str, Any]) -> None:
    out = trained["root"] / "first"
    event = LinearJudge.from_json(json.loads((out / "event_judge.json").read_text("utf-8")))
    single = LinearJudge.from_json(json.loads((out / "sentence_judge.json").read_text("utf-8")))
    security = LinearJudge.from_json(json.loads((out / "security_judge.json").read_text("utf-8")))
    assert "of 8 team-coded articles (corpus)" in event.metadata["trained_on"]
    assert security.metadata["trained_on"].startswith("8 team-coded articles (corpus), 5 of them security news")
    assert "labelled GSR sentences (gsr)" in single.metadata["trained_on"]
    for judge in (event, single, security):
        assert set(judge.metadata["out_of_fold"]) == {"precision", "recall", "f1", "rows"}
    assert security.metadata["out_of_fold"]["rows"] == 8
    assert trained["report"]["security_judge"] == security.metadata


def test_sentence_models_are_saved_with_their_training_figures(trained: dict[str, Any]) -> None:
    out = trained["root"] / "first"
    assault = SentenceModel.load(out / "sentence_assault.npz")
    protest = SentenceModel.load(out / "sentence_protest.npz")
    assert (assault.event_type, protest.event_type) == ("ASSAULT", "PROTEST")
    assert assault.metadata["trained_on"] == "gsr (20 sentences, 10 positive)"
    assert protest.metadata["trained_on"] == "gsr (16 sentences, 8 positive)"
    assert trained["report"]["sentence_models"]["ASSAULT"]["sentences"] == 20


def test_the_trained_judges_are_used_by_extract(trained: dict[str, Any]) -> None:
    from marsad.judge import Judges
    from marsad.model import Document
    from marsad.pipeline import extract

    out = trained["root"] / "first"

    def load(name: str) -> LinearJudge:
        return LinearJudge.from_json(json.loads((out / f"{name}.json").read_text("utf-8")))

    judges = Judges(
        {
            "ASSAULT": SentenceModel.load(out / "sentence_assault.npz"),
            "PROTEST": SentenceModel.load(out / "sentence_protest.npz"),
        },
        load("event_judge"),
        load("sentence_judge"),
        load("security_judge"),
    )
    text = CORPUS[0][2] + "\n" + CORPUS[0][3]
    rec = extract(Document(id="e1", text=text, published="2025-03-11"), judges=judges)
    judged = [event for event in rec.events if event["news_probability"] is not None]
    assert judged and all(0.0 <= event["news_probability"] <= 1.0 for event in judged)
    assert 0.0 <= rec.security_news_probability <= 1.0
