"""Article-level gold: what a careful coder codes from whole articles, and how Marsad's dataset
compares with it (docs/evaluation.md describes the format).

Two JSON Lines files, matched by ``id``:

- articles: ``{"id", "title", "content", "date_extracted" | "published", "source", "url"}``; Marsad
  reads each as title + newline + content, published on the day of ``date_extracted``;
- gold: ``{"id", "is_security_news", "events": [...]}`` with ACLED fields per event
  (``event_type``, ``sub_event_type``, ``event_date``, ``time_precision``, ``actor1``, ``country``,
  ``admin1``, ``fatalities`` …, and ``borderline`` for events a coder hesitated over).

A predicted event counts when it is reported news. A predicted and a gold event of one article
match when their event types agree, their dates are at most a day apart (a week, a month for gold
of week or month precision) and their countries agree (when the gold names one); matching is one
to one, best pairs first. A borderline gold event earns nothing when matched and costs nothing
when missed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.model import Document

_SLACK_DAYS = {1: 1, 2: 7, 3: 31}
# English country names and codes as coders write them, folded to one key
_COUNTRY_CODES = {
    "IQ": "iraq", "SY": "syria", "YE": "yemen", "SA": "saudi arabia", "EG": "egypt", "LY": "libya",
    "LB": "lebanon", "PS": "palestine", "IL": "israel", "JO": "jordan", "TR": "turkey", "IR": "iran",
    "AF": "afghanistan", "PK": "pakistan", "KW": "kuwait", "BH": "bahrain", "QA": "qatar",
    "AE": "united arab emirates", "OM": "oman", "TN": "tunisia", "DZ": "algeria", "MA": "morocco",
    "MR": "mauritania", "SD": "sudan", "SS": "south sudan", "SO": "somalia", "ML": "mali", "NE": "niger",
    "NG": "nigeria", "TD": "chad", "CM": "cameroon", "BI": "burundi", "US": "united states",
    "GB": "united kingdom", "FR": "france", "DE": "germany", "RU": "russia", "CN": "china", "IN": "india",
    "UA": "ukraine", "CO": "colombia", "TH": "thailand", "BE": "belgium", "ES": "spain", "IT": "italy",
}  # fmt: skip
_COUNTRY_VARIANTS = {
    "state of palestine": "palestine", "palestinian territories": "palestine", "west bank": "palestine",
    "gaza": "palestine", "gaza strip": "palestine", "usa": "united states", "uae": "united arab emirates",
    "turkiye": "turkey", "türkiye": "turkey", "uk": "united kingdom", "ksa": "saudi arabia",
}  # fmt: skip
_ADMIN_WORDS = re.compile(r"\b(governorate|province|wilayat|muhafazat|state|region|district)\b")
_ARTICLES = re.compile(r"\b(al|el|ad|ar|as|ash|at|az|an)[- ]")


def country_key(value: Any) -> str:
    if not value:
        return ""
    text = str(value).strip()
    if text.upper() in _COUNTRY_CODES:
        return _COUNTRY_CODES[text.upper()]
    return _COUNTRY_VARIANTS.get(text.lower(), text.lower())


def name_key(value: Any) -> str:
    """An English place or actor name folded for comparison: case, accents, al-, "Governorate"."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _ARTICLES.sub("", _ADMIN_WORDS.sub(" ", text))
    return re.sub(r"[^a-z0-9]", "", text)


def same_name(first: Any, second: Any) -> bool:
    a, b = name_key(first), name_key(second)
    if not a or not b:
        return False
    return a == b or a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def is_reported(event: dict[str, Any]) -> bool:
    if "reported" in event:
        return bool(event["reported"])
    return (event.get("modality") or "asserted") == "asserted"


def event_country(event: dict[str, Any]) -> str:
    location = event.get("location") or {}
    return location.get("country") or location.get("iso") or ""


def match_score(gold: dict[str, Any], predicted: dict[str, Any], typed: bool = True) -> float:
    """0 when the two cannot be one event; else higher for closer pairs."""
    if typed and gold.get("event_type") != predicted.get("event_type"):
        return 0.0
    gold_day, predicted_day = _day(gold.get("event_date")), _day(predicted.get("event_date"))
    if gold_day is None or predicted_day is None:
        return 0.0
    if abs((gold_day - predicted_day).days) > _SLACK_DAYS.get(gold.get("time_precision") or 1, 1):
        return 0.0
    country = country_key(gold.get("country"))
    if country and country_key(event_country(predicted)) != country:
        return 0.0
    location = predicted.get("location") or {}
    return (
        1.0
        + (gold_day == predicted_day)
        + (bool(gold.get("admin1")) and same_name(gold["admin1"], location.get("admin1")))
        + 0.5 * (gold.get("sub_event_type") == predicted.get("sub_event_type"))
    )


def pair_up(
    golds: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]], typed: bool = True
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best first."""
    scored = sorted(
        ((match_score(gold, event, typed), i, j) for i, gold in enumerate(golds) for j, event in enumerate(predicted)),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for value, i, j in scored:
        if value <= 0:
            break
        if i in used_gold or j in used_predicted:
            continue
        used_gold.add(i)
        used_predicted.add(j)
        pairs.append((i, j))
    return pairs


@dataclass(frozen=True)
class CodedArticle:
    document: Document
    is_security_news: bool
    events: list[dict[str, Any]]


class GoldFormatError(ValueError):
    pass


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise GoldFormatError(f"{path}:{number}: invalid JSON ({error.msg})") from None
            if not isinstance(row, dict) or "id" not in row:
                raise GoldFormatError(f"{path}:{number}: each line must be an object with an 'id'")
            rows.append(row)
    return rows


def article_document(article: dict[str, Any]) -> Document:
    """An article as Marsad reads it: headline, a line break, the body; published on its day."""
    published = article.get("published") or article.get("date_extracted")
    return Document(
        id=str(article["id"]),
        text=(article.get("title") or "") + "\n" + (article.get("content") or article.get("text") or ""),
        published=str(published)[:10] if published else None,
        source=article.get("source"),
        url=article.get("url"),
    )


def read_coded_articles(gold_path: Path, articles_path: Path) -> list[CodedArticle]:
    """The gold file's articles, in its order, with their texts from the articles file."""
    gold = _read_jsonl(gold_path)
    wanted = {str(row["id"]) for row in gold}
    texts: dict[str, dict[str, Any]] = {}
    for row in _read_jsonl(articles_path):
        if str(row["id"]) in wanted:
            texts[str(row["id"])] = row
    missing = [str(row["id"]) for row in gold if str(row["id"]) not in texts]
    if missing:
        raise GoldFormatError(f"{len(missing)} gold articles are not in {articles_path}, e.g. {missing[:3]}")
    return [
        CodedArticle(article_document(texts[key]), bool(row.get("is_security_news")), row.get("events") or [])
        for row in gold
        for key in [str(row["id"])]
    ]


@dataclass
class ArticleScores:
    articles: int = 0
    gold_events: int = 0
    predicted: int = 0
    typed: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, fp, fn
    any_type: list[int] = field(default_factory=lambda: [0, 0, 0])
    agreement: dict[str, list[int]] = field(
        default_factory=lambda: {
            key: [0, 0] for key in ("sub_event_type", "admin1", "fatalities", "actor1", "exact date")
        }
    )
    off_topic: int = 0  # reported events in articles that are not security news
    after_publication: int = 0
    largest_fatalities: int = 0
    gold_largest_fatalities: int = 0
    verdicts: list[tuple[bool, bool | None]] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)

    @staticmethod
    def prf(counts: Sequence[int]) -> tuple[float, float, float]:
        tp, fp, fn = counts
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def lines(self) -> list[str]:
        out = [
            f"articles {self.articles}, gold events {self.gold_events} (+ borderline), "
            f"predicted reported events {self.predicted}"
        ]
        for name, counts in (("typed", self.typed), ("any type", self.any_type)):
            p, r, f = self.prf(counts)
            out.append(
                f"events ({name}): P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {counts[0]}, fp {counts[1]}, fn {counts[2]})"
            )
        out.append(
            "over matched pairs: "
            + ", ".join(f"{k} {a}/{n} = {a / n:.2f}" if n else f"{k} -" for k, (a, n) in self.agreement.items())
        )
        out.append(
            f"reported events in articles that are not security news: {self.off_topic}; "
            f"dated after publication: {self.after_publication}; largest fatality figure: "
            f"{self.largest_fatalities} (gold's largest: {self.gold_largest_fatalities})"
        )
        if any(verdict is not None for _, verdict in self.verdicts):
            counts = [
                sum(1 for gold, verdict in self.verdicts if gold and verdict),
                sum(1 for gold, verdict in self.verdicts if not gold and verdict),
                sum(1 for gold, verdict in self.verdicts if gold and not verdict),
            ]
            p, r, f = self.prf(counts)
            others = [verdict for gold, verdict in self.verdicts if not gold]
            kept_out = sum(1 for verdict in others if not verdict) / max(1, len(others))
            out.append(
                f"articles (security_news): P {p:.3f} R {r:.3f} F1 {f:.3f}; other articles kept out {kept_out:.2f}"
            )
        out.append(f"F1 {self.prf(self.typed)[2]:.3f}")
        return out


def _detail_of(event: dict[str, Any]) -> dict[str, Any]:
    keys = ("event_type", "sub_event_type", "event_date", "fatalities", "location", "actor1", "evidence")
    return {key: event.get(key) for key in keys}


def score_articles(coded: Iterable[CodedArticle], records: dict[str, dict[str, Any]]) -> ArticleScores:
    """Score Marsad's records (``{id: document record as JSON}``) against coded articles."""
    scores = ArticleScores()
    for article in coded:
        scores.articles += 1
        golds = article.events
        record = records.get(article.document.id) or {}
        predicted = [event for event in record.get("events", []) if is_reported(event)]
        scores.gold_events += sum(1 for gold in golds if not gold.get("borderline"))
        scores.predicted += len(predicted)
        for typed, counts in ((True, scores.typed), (False, scores.any_type)):
            pairs = pair_up(golds, predicted, typed)
            matched = {i for i, _ in pairs}
            counts[0] += sum(1 for i, _ in pairs if not golds[i].get("borderline"))
            counts[1] += len(predicted) - len(pairs)
            counts[2] += sum(1 for i, gold in enumerate(golds) if i not in matched and not gold.get("borderline"))
            if typed:
                for i, j in pairs:
                    _agree(scores.agreement, golds[i], predicted[j])
                taken = {j for _, j in pairs}
                scores.details.append(
                    {
                        "id": article.document.id,
                        "pairs": [[golds[i], _detail_of(predicted[j])] for i, j in pairs],
                        "missed": [gold for i, gold in enumerate(golds) if i not in matched],
                        "extra": [_detail_of(event) for j, event in enumerate(predicted) if j not in taken],
                    }
                )
        published = article.document.published
        if not article.is_security_news:
            scores.off_topic += len(predicted)
        for event in predicted:
            day = _day(event.get("event_date"))
            if day and published and day > published:
                scores.after_publication += 1
            scores.largest_fatalities = max(scores.largest_fatalities, event.get("fatalities") or 0)
        scores.gold_largest_fatalities = max(
            [scores.gold_largest_fatalities, *(gold.get("fatalities") or 0 for gold in golds)]
        )
        scores.verdicts.append((article.is_security_news, record.get("security_news")))
    return scores


def _agree(agreement: dict[str, list[int]], gold: dict[str, Any], predicted: dict[str, Any]) -> None:
    location = predicted.get("location") or {}
    actor1 = predicted.get("actor1") or {}
    checks = {
        "sub_event_type": (True, gold.get("sub_event_type") == predicted.get("sub_event_type")),
        "admin1": (bool(gold.get("admin1")), same_name(gold.get("admin1"), location.get("admin1"))),
        "fatalities": (True, (gold.get("fatalities") or 0) == (predicted.get("fatalities") or 0)),
        "actor1": (bool(gold.get("actor1")), same_name(gold.get("actor1"), actor1.get("name"))),
        "exact date": (True, _day(gold.get("event_date")) == _day(predicted.get("event_date"))),
    }
    for key, (applies, ok) in checks.items():
        if applies:
            agreement[key][0] += ok
            agreement[key][1] += 1
