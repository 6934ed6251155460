"""Tests for marsad.evaluate.articles and `marsad eval articles`: article-level gold, read from JSON
Lines, scored against Marsad's records. The three articles and their coded events were written for
these tests; none is copied."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from marsad.evaluate.articles import (
    ArticleScores,
    CodedArticle,
    GoldFormatError,
    article_document,
    read_coded_articles,
    score_articles,
)
from marsad.model import Document
from marsad.pipeline import extract

ARTICLES = [
    {
        "id": "ye-ied",
        "title": "عبوة ناسفة تقتل جنديين في لودر",
        "content": "قتل جنديان اليوم الأربعاء بانفجار عبوة ناسفة استهدفت طقما عسكريا في مديرية لودر شمال شرقي "
        "محافظة أبين جنوبي اليمن. وتمكنت فرق الهندسة من تفكيك عبوة ثانية زرعت على الطريق ذاته.",
        "date_extracted": "2025-03-12T08:30:00",
        "source": "test-wire",
        "url": "https://example.org/ye-ied",
    },
    {
        "id": "tn-sit-in",
        "title": "وقفة احتجاجية للعاطلين عن العمل في قفصة",
        "content": "نظم عشرات العاطلين عن العمل اليوم الأربعاء وقفة احتجاجية سلمية قبالة مقر الولاية في قفصة "
        "للمطالبة بالتشغيل. ورفع المحتجون شعارات تندد بتهميش الجهة.",
        "date_extracted": "2025-03-12",
    },
    {
        "id": "ma-derby",
        "title": "الرجاء يهزم الوداد في الديربي",
        "content": "فاز فريق الرجاء البيضاوي على غريمه الوداد بهدفين لهدف في مباراة الديربي التي جرت مساء "
        "أمس على ملعب محمد الخامس. وشن لاعبو الرجاء هجوما مكثفا منذ الدقائق الأولى وسدد المهاجم هدفا رائعا "
        "في الدقيقة العشرين. وتعرض اللاعب لإصابة في الركبة أجبرته على مغادرة الملعب قبل نهاية الشوط الأول.",
        "published": "2025-03-12",
    },
]

GOLD = [
    {
        "id": "ye-ied",
        "is_security_news": True,
        "events": [
            {
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Remote explosive/landmine/IED",
                "event_date": "2025-03-12",
                "time_precision": 1,
                "actor1": "Unidentified Armed Group (Yemen)",
                "actor2": "Military Forces of Yemen (2022-)",
                "country": "Yemen",
                "admin1": "Abyan",
                "location": "مديرية لودر",
                "geo_precision": 2,
                "fatalities": 2,
                "injured": None,
                "arrested": None,
                "evidence": "قتل جنديان اليوم الأربعاء بانفجار عبوة ناسفة",
            },
            {  # the coder hesitated over the bomb that was defused
                "event_type": "Strategic developments",
                "sub_event_type": "Disrupted weapons use",
                "event_date": "2025-03-12",
                "time_precision": 1,
                "actor1": "Military Forces of Yemen (2022-)",
                "country": "Yemen",
                "admin1": "Abyan",
                "fatalities": None,
                "evidence": "وتمكنت فرق الهندسة من تفكيك عبوة ثانية",
                "borderline": True,
            },
        ],
    },
    {
        "id": "tn-sit-in",
        "is_security_news": True,
        "topic": "labour",  # other keys are ignored
        "events": [
            {
                "event_type": "Protests",
                "sub_event_type": "Peaceful protest",
                "event_date": "2025-03-12",
                "time_precision": 1,
                "actor1": "Protesters (Tunisia)",
                "country": "TN",
                "admin1": "Gafsa Governorate",
                "fatalities": None,
            }
        ],
    },
    {"id": "ma-derby", "is_security_news": False, "events": []},
]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_jsonl(tmp_path / "gold.jsonl", GOLD), write_jsonl(tmp_path / "articles.jsonl", ARTICLES)


def records_of(coded: list[CodedArticle]) -> dict[str, dict[str, Any]]:
    return {article.document.id: extract(article.document).model_dump(mode="json") for article in coded}


# --- reading -----------------------------------------------------------------------------------------


def test_read_coded_articles_in_gold_order(files: tuple[Path, Path]) -> None:
    gold, articles = files
    coded = read_coded_articles(gold, articles)
    assert [article.document.id for article in coded] == ["ye-ied", "tn-sit-in", "ma-derby"]
    assert [article.is_security_news for article in coded] == [True, True, False]
    assert [len(article.events) for article in coded] == [2, 1, 0]
    first = coded[0].document
    assert first.text == ARTICLES[0]["title"] + "\n" + ARTICLES[0]["content"]
    assert first.published.isoformat() == "2025-03-12"  # the day of date_extracted
    assert (first.source, first.url) == ("test-wire", "https://example.org/ye-ied")
    assert coded[2].document.published.isoformat() == "2025-03-12"  # or of published


def test_article_document_without_a_date_or_title() -> None:
    document = article_document({"id": 7, "text": "انفجرت عبوة ناسفة في مديرية المنصورة."})
    assert document == Document(id="7", text="\nانفجرت عبوة ناسفة في مديرية المنصورة.", published=None)


def test_articles_the_gold_does_not_code_are_ignored(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD[1:2])
    articles = write_jsonl(tmp_path / "articles.jsonl", ARTICLES)
    assert [article.document.id for article in read_coded_articles(gold, articles)] == ["tn-sit-in"]


def test_a_gold_article_missing_from_the_articles_is_an_error(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    articles = write_jsonl(tmp_path / "articles.jsonl", ARTICLES[:2])
    with pytest.raises(GoldFormatError, match=r"1 gold articles are not in .*articles\.jsonl.*ma-derby"):
        read_coded_articles(gold, articles)


def test_a_bad_json_line_names_its_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = [json.dumps(row, ensure_ascii=False) for row in GOLD[:2]]
    gold.write_text(lines[0] + "\n\n" + '{"id": "x", "events": [\n' + lines[1] + "\n", encoding="utf-8")
    articles = write_jsonl(tmp_path / "articles.jsonl", ARTICLES)
    with pytest.raises(GoldFormatError, match=r"gold\.jsonl:3: invalid JSON"):
        read_coded_articles(gold, articles)


@pytest.mark.parametrize("line", ['["ye-ied"]', '{"title": "بلا معرف"}'], ids=["not_an_object", "no_id"])
def test_a_line_without_an_id_names_its_line(tmp_path: Path, line: str) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps(ARTICLES[0], ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD[:1])
    with pytest.raises(GoldFormatError, match=r"articles\.jsonl:2: each line must be an object with an 'id'"):
        read_coded_articles(gold, articles)


# --- scoring Marsad's records --------------------------------------------------------------------------


def test_scores_of_marsads_records(files: tuple[Path, Path]) -> None:
    coded = read_coded_articles(*files)
    records = records_of(coded)
    scores = score_articles(coded, records)
    assert scores.articles == 3
    assert scores.gold_events == 2  # the borderline event is not counted
    assert scores.predicted == sum(1 for rec in records.values() for event in rec["events"] if event["reported"]), (
        "every reported event is a prediction"
    )
    assert scores.typed == [2, 0, 0], scores.details
    assert scores.any_type == [2, 0, 0]
    # the defused bomb is borderline: matching it earns nothing, but the pair is read for agreement
    # when the judge reports it; the two coded events agree on every field («Gafsa Governorate» is Gafsa)
    pairs = len(scores.details[0]["pairs"]) + len(scores.details[1]["pairs"])
    assert pairs in (2, 3), scores.details
    for key in ("sub_event_type", "admin1", "fatalities", "actor1", "exact date"):
        agreed, total = scores.agreement[key]
        assert total == pairs and agreed >= 2, (key, scores.details)
    assert scores.off_topic == 0 and scores.after_publication == 0
    assert (scores.largest_fatalities, scores.gold_largest_fatalities) == (2, 2)
    assert scores.verdicts == [(True, True), (True, True), (False, False)]


def test_details_name_each_articles_pairs_misses_and_extras(files: tuple[Path, Path]) -> None:
    coded = read_coded_articles(*files)
    scores = score_articles(coded, records_of(coded))
    assert [detail["id"] for detail in scores.details] == ["ye-ied", "tn-sit-in", "ma-derby"]
    ied = scores.details[0]
    (bomb,) = [pair for pair in ied["pairs"] if pair[0]["sub_event_type"] == "Remote explosive/landmine/IED"]
    predicted = bomb[1]
    assert set(predicted) == {
        "event_type",
        "sub_event_type",
        "event_date",
        "fatalities",
        "location",
        "actor1",
        "evidence",
    }
    assert predicted["fatalities"] == 2
    assert scores.details[2] == {"id": "ma-derby", "pairs": [], "missed": [], "extra": []}


def test_lines_print_every_figure(files: tuple[Path, Path]) -> None:
    coded = read_coded_articles(*files)
    scores = score_articles(coded, records_of(coded))
    lines = scores.lines()
    n = scores.agreement["sub_event_type"][1]  # 2, or 3 when the borderline defusal is reported
    assert lines[0] == f"articles 3, gold events 2 (+ borderline), predicted reported events {scores.predicted}"
    assert lines[1] == "events (typed): P 1.000 R 1.000 F1 1.000  (tp 2, fp 0, fn 0)"
    assert lines[2] == "events (any type): P 1.000 R 1.000 F1 1.000  (tp 2, fp 0, fn 0)"
    if n == 2:
        assert lines[3] == (
            "over matched pairs: sub_event_type 2/2 = 1.00, admin1 2/2 = 1.00, fatalities 2/2 = 1.00, "
            "actor1 2/2 = 1.00, exact date 2/2 = 1.00"
        )
    else:
        assert lines[3].startswith("over matched pairs: sub_event_type ") and f"/{n} = " in lines[3]
    assert lines[4] == (
        "reported events in articles that are not security news: 0; dated after publication: 0; "
        "largest fatality figure: 2 (gold's largest: 2)"
    )
    assert lines[5] == "articles (security_news): P 1.000 R 1.000 F1 1.000; other articles kept out 1.00"
    assert lines[-1] == "F1 1.000"


# --- the arithmetic, on records written by hand --------------------------------------------------------


def predicted(event_type: str, day: str, country: str, reported: bool = True, **extra: Any) -> dict[str, Any]:
    location = {"country": country, "admin1": extra.pop("admin1", None)}
    actor1 = {"name": extra.pop("actor1")} if "actor1" in extra else None
    return {
        "event_type": event_type,
        "event_date": day,
        "location": location,
        "actor1": actor1,
        "reported": reported,
        **extra,
    }


def coded(article_id: str, security: bool, events: list[dict[str, Any]], published: str = "2025-03-12") -> CodedArticle:
    return CodedArticle(Document(id=article_id, text="نص", published=published), security, events)


def hand_made() -> tuple[list[CodedArticle], dict[str, dict[str, Any]]]:
    articles = [
        coded(
            "a",
            True,
            [
                {
                    "event_type": "Battles",
                    "sub_event_type": "Armed clash",
                    "event_date": "2025-03-10",
                    "country": "Iraq",
                    "admin1": "Diyala",
                    "actor1": "Islamic State (Iraq)",
                    "fatalities": 3,
                },
                {"event_type": "Protests", "event_date": "2025-03-10", "country": "Iraq"},
            ],
        ),
        coded("b", False, []),
        coded(
            "c",
            True,
            [
                {
                    "event_type": "Explosions/Remote violence",
                    "sub_event_type": "Air/drone strike",
                    "event_date": "2025-03-05",
                    "time_precision": 2,
                    "country": "Syria",
                },
                {"event_type": "Battles", "event_date": "2025-03-01", "country": "Syria", "borderline": True},
            ],
        ),
    ]
    records = {
        "a": {
            "security_news": True,
            "events": [
                # a day off the gold's, same type, admin1 and actor: a match
                predicted(
                    "Battles",
                    "2025-03-11",
                    "IQ",
                    admin1="Al Diyala",
                    actor1="Islamic State (Iraq)",
                    sub_event_type="Armed clash",
                    fatalities=2,
                ),
                # the protest coded as a riot: a miss and an extra when typed, a match of any type
                predicted("Riots", "2025-03-10", "IQ", sub_event_type="Violent demonstration"),
                predicted("Battles", "2025-03-10", "IQ", reported=False),  # not news: never counted
            ],
        },
        "b": {"security_news": True, "events": [predicted("Battles", "2025-03-10", "IQ")]},
        "c": {
            "events": [
                # four days off a gold event of week precision: a match
                predicted(
                    "Explosions/Remote violence", "2025-03-09", "SY", sub_event_type="Air/drone strike", fatalities=7
                ),
                predicted("Explosions/Remote violence", "2025-03-20", "SY"),  # after publication
                predicted("Explosions/Remote violence", "2025-03-05", "IQ"),  # another country
            ]
        },
    }
    return articles, records


def test_score_articles_counts() -> None:
    articles, records = hand_made()
    scores = score_articles(articles, records)
    assert (scores.articles, scores.gold_events, scores.predicted) == (3, 3, 6)
    assert scores.typed == [2, 4, 1]
    assert scores.any_type == [3, 3, 0]
    assert scores.agreement == {
        "sub_event_type": [2, 2],
        "admin1": [1, 1],  # only where the gold names one
        "fatalities": [0, 2],
        "actor1": [1, 1],
        "exact date": [0, 2],
    }
    assert scores.off_topic == 1  # the reported event of the article that is not security news
    assert scores.after_publication == 1
    assert (scores.largest_fatalities, scores.gold_largest_fatalities) == (7, 3)
    assert scores.verdicts == [(True, True), (False, True), (True, None)]
    assert ArticleScores.prf(scores.typed) == pytest.approx((2 / 6, 2 / 3, 4 / 9))


def test_score_articles_lines() -> None:
    articles, records = hand_made()
    lines = score_articles(articles, records).lines()
    assert lines[1] == "events (typed): P 0.333 R 0.667 F1 0.444  (tp 2, fp 4, fn 1)"
    assert lines[2] == "events (any type): P 0.500 R 1.000 F1 0.667  (tp 3, fp 3, fn 0)"
    assert lines[3] == (
        "over matched pairs: sub_event_type 2/2 = 1.00, admin1 1/1 = 1.00, fatalities 0/2 = 0.00, "
        "actor1 1/1 = 1.00, exact date 0/2 = 0.00"
    )
    assert lines[4].startswith("reported events in articles that are not security news: 1; dated after publication: 1;")
    assert lines[5] == "articles (security_news): P 0.500 R 0.500 F1 0.500; other articles kept out 0.00"
    assert lines[-1] == "F1 0.444"


def test_a_record_missing_for_an_article_predicts_nothing() -> None:
    articles, _ = hand_made()
    scores = score_articles(articles, {})
    assert scores.typed == [0, 0, 3] and scores.predicted == 0
    assert all(verdict is None for _, verdict in scores.verdicts)
    assert not any(line.startswith("articles (security_news)") for line in scores.lines())


# --- the command ---------------------------------------------------------------------------------------


def run_marsad(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_eval_articles_command(files: tuple[Path, Path], tmp_path: Path) -> None:
    gold, articles = files
    details = tmp_path / "details.jsonl"
    result = run_marsad("eval", "articles", str(gold), str(articles), "--details", str(details))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("articles 3, gold events 2 (+ borderline), predicted reported events ")
    assert "events (typed): P 1.000 R 1.000 F1 1.000  (tp 2, fp 0, fn 0)" in lines
    assert any(line.startswith("over matched pairs: sub_event_type ") and "= 1.00," in line for line in lines)
    assert any(line.startswith("reported events in articles that are not security news: 0;") for line in lines)
    assert lines[-1] == "F1 1.000"
    rows = [json.loads(line) for line in details.read_text("utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["ye-ied", "tn-sit-in", "ma-derby"]
    assert all(set(row) == {"id", "pairs", "missed", "extra"} for row in rows)
    assert "قتل جنديان" in details.read_text("utf-8")  # Arabic is written as it is


def test_eval_articles_command_reports_a_bad_line(files: tuple[Path, Path], tmp_path: Path) -> None:
    _, articles = files
    gold = tmp_path / "broken.jsonl"
    gold.write_text(json.dumps(GOLD[0], ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    result = run_marsad("eval", "articles", str(gold), str(articles))
    assert result.returncode != 0
    assert "broken.jsonl:2: invalid JSON" in result.stderr
    missing = run_marsad("eval", "articles", str(tmp_path / "nowhere.jsonl"), str(articles))
    assert missing.returncode != 0 and "no such file" in missing.stderr
