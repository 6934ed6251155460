"""Tests for marsad.evaluate.gsr. Every sentence here was written for these tests."""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from marsad.evaluate.gsr import (
    GsrSentence,
    Scores,
    assign_folds,
    cross_validated_predictions,
    evaluate_gsr,
    one_annotator,
    read_gsr,
    score,
)

COLUMNS = ["accept", "event_type", "id", "label", "reject", "text", "total"]


def write_gsr(path: Path, rows: Sequence[tuple[str, str, str]], event_type: str = "ASSAULT") -> Path:
    """A GSR-format CSV from (id, label, text) rows."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for sentence_id, label, text in rows:
            accept = {"yes": 3, "difficult no": 1}.get(label, 0)
            writer.writerow([accept, event_type, sentence_id, label, 3 - accept, text, 3])
    return path


ROWS = [
    ("doc1-1", "yes", "قتل جنديان في هجوم على نقطة تفتيش صباح اليوم."),
    ("doc1-2", "easy no", "افتتح الوزير معرضا للكتاب في العاصمة."),
    ("doc2-1", "difficult no", "يخشى السكان من تجدد الهجمات في الشتاء."),
    ("doc2-2", "ambiguous", "تحدث الشهود عن أصوات إطلاق نار بعيدة، وقال آخرون إنها ألعاب نارية."),
    ("doc3-1", "yes", "أصيب ثلاثة مدنيين في انفجار قرب السوق مساء أمس."),
]


def test_read_gsr_maps_labels_to_gold(tmp_path: Path) -> None:
    sentences = read_gsr(write_gsr(tmp_path / "assault.csv", ROWS))
    assert [s.id for s in sentences] == [r[0] for r in ROWS]
    assert [s.gold for s in sentences] == [True, False, False, None, True]
    assert [s.label for s in sentences] == ["yes", "easy no", "difficult no", "ambiguous", "yes"]
    assert {s.event_type for s in sentences} == {"ASSAULT"}
    assert sentences[3].text == ROWS[3][2]  # commas inside quoted text survive


def test_read_gsr_rejects_unknown_labels_and_missing_columns(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown label"):
        read_gsr(write_gsr(tmp_path / "bad.csv", [("x-1", "maybe", "نص")]))
    (tmp_path / "short.csv").write_text("id,text\nx-1,نص\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing GSR columns"):
        read_gsr(tmp_path / "short.csv")


def test_score_exact_counts_and_ratios() -> None:
    predictions = [True, True, False, False, True, False, True]
    gold = [True, False, True, False, None, True, True]
    result = score(predictions, gold)
    assert (result.tp, result.fp, result.fn, result.tn) == (2, 1, 2, 1)  # the None pair is not scored
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(1 / 2)
    assert result.f1 == pytest.approx(4 / 7)
    assert result.as_dict() == {
        "tp": 2,
        "fp": 1,
        "fn": 2,
        "tn": 1,
        "precision": 0.6667,
        "recall": 0.5,
        "f1": 0.5714,
    }


def test_score_edge_cases() -> None:
    assert score([False, False], [True, False]) == Scores(0, 0, 1, 1)
    nothing = score([False, False], [True, False])
    assert (nothing.precision, nothing.recall, nothing.f1) == (0.0, 0.0, 0.0)
    perfect = score([True, False], [True, False])
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    with pytest.raises(ValueError, match="predictions for"):
        score([True], [True, False])


def test_evaluate_gsr_drops_ambiguous(tmp_path: Path) -> None:
    path = write_gsr(tmp_path / "assault.csv", ROWS)
    seen: list[str] = []

    def predict(text: str) -> bool:
        seen.append(text)
        return "هجوم" in text or "أصوات" in text

    result = evaluate_gsr(path, predict)
    assert ROWS[3][2] not in seen  # the ambiguous sentence is neither predicted nor scored
    assert len(seen) == 4
    assert (result.tp, result.fp, result.fn, result.tn) == (1, 0, 1, 2)


def sentences(n_yes: int, n_no: int, n_ambiguous: int = 0) -> list[GsrSentence]:
    made = [GsrSentence(f"y{i}", "", "ASSAULT", "yes", True) for i in range(n_yes)]
    made += [GsrSentence(f"n{i}", "", "ASSAULT", "easy no", False) for i in range(n_no)]
    made += [GsrSentence(f"a{i}", "", "ASSAULT", "ambiguous", None) for i in range(n_ambiguous)]
    return made


def test_folds_are_deterministic_stratified_and_order_free() -> None:
    data = sentences(13, 47, 6)
    folds = assign_folds(data, folds=5, seed=0)
    assert folds == assign_folds(data, folds=5, seed=0)
    shuffled = data[:]
    random.Random(7).shuffle(shuffled)
    by_id = dict(zip((s.id for s in shuffled), assign_folds(shuffled, folds=5, seed=0), strict=True))
    assert [by_id[s.id] for s in data] == folds  # a sentence's fold does not depend on file order
    for stratum in (True, False, None):
        counts = Counter(f for s, f in zip(data, folds, strict=True) if s.gold is stratum)
        assert max(counts.values()) - min(counts.values()) <= 1
        assert len(counts) == min(5, sum(1 for s in data if s.gold is stratum))
    assert assign_folds(data, folds=5, seed=1) != folds


def test_folds_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="2 folds"):
        assign_folds(sentences(3, 3), folds=1)
    with pytest.raises(ValueError, match="unique"):
        assign_folds(sentences(2, 2) + sentences(1, 0))


def test_cross_validated_predictions_never_leak() -> None:
    data = sentences(11, 30, 4)
    calls: list[tuple[set[str], list[str]]] = []

    def fit_and_predict(train: Sequence[GsrSentence], test: Sequence[GsrSentence]) -> list[str]:
        calls.append(({s.id for s in train}, [s.id for s in test]))
        return [s.id for s in test]  # a prediction that says whose it is

    predictions = cross_validated_predictions(data, fit_and_predict, folds=4, seed=3)
    assert predictions == [s.id for s in data]  # each prediction lands on its own sentence
    assert len(calls) == 4
    tested = [i for _, test in calls for i in test]
    assert sorted(tested) == sorted(s.id for s in data)  # every sentence predicted exactly once
    for train, test in calls:
        assert not train & set(test)
        assert not any(i.startswith("a") for i in train)  # unlabelled sentences never train
        assert len(train) + sum(1 for i in test if not i.startswith("a")) == 41
    assert cross_validated_predictions(data, fit_and_predict, folds=4, seed=3) == predictions


def test_cross_validated_predictions_checks_lengths() -> None:
    with pytest.raises(ValueError, match="predictions for"):
        cross_validated_predictions(sentences(5, 5), lambda train, test: [True], folds=2)


def test_one_annotator_scores_the_labels_own_agreement(tmp_path: Path) -> None:
    """A yes is unanimous, so one annotator finds it; on a negative they accept with its share of votes."""
    sentences = read_gsr(write_gsr(tmp_path / "assault.csv", ROWS))
    assert [(s.accept, s.reject) for s in sentences] == [(3, 0), (0, 3), (1, 2), (0, 3), (3, 0)]
    found = one_annotator(sentences)
    assert found is not None
    # two positives always found; the difficult no accepted a third of the time rounds to no false positive
    assert (found.tp, found.fp, found.fn) == (2, 0, 0)
    split = [GsrSentence("n1", "", "ASSAULT", "difficult no", False, 2, 2)] * 2 + [sentences[0]]
    assert (one_annotator(split).tp, one_annotator(split).fp) == (1, 1)  # type: ignore[union-attr]
    assert one_annotator([GsrSentence("x", "", "ASSAULT", "yes", True)]) is None  # a file without votes


def test_read_gsr_rejects_votes_that_are_not_numbers(tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_text("accept,event_type,id,label,reject,text\nthree,ASSAULT,x-1,yes,0,نص\n", encoding="utf-8")
    with pytest.raises(ValueError, match="whole numbers"):
        read_gsr(path)
