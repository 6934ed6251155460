"""The Arabic event-detection gold standard (openeventdata/arabic_event_gsr): reader, scores, folds.

Each row is one news sentence and a human verdict on whether it reports an event of one PLOVER type
(ASSAULT or PROTEST) as its own news. Following the gold standard's own instructions, ``yes`` is the
positive class, ``easy no`` and ``difficult no`` are negatives, and ``ambiguous`` (too few annotators)
is left out of every score.

The sentences come from LDC Gigaword: this module reads them at evaluation time and never stores
them; nothing here is meant to be written back into the project.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = [
    "LABELS",
    "GsrSentence",
    "Scores",
    "assign_folds",
    "cross_validated_predictions",
    "evaluate_gsr",
    "one_annotator",
    "read_gsr",
    "score",
]

# label -> gold; None means "not scored". Unknown labels are an error, not a silent negative.
LABELS: dict[str, bool | None] = {"yes": True, "easy no": False, "difficult no": False, "ambiguous": None}

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GsrSentence:
    id: str
    text: str
    event_type: str  # "ASSAULT" or "PROTEST"
    label: str  # as written in the file
    gold: bool | None  # None for "ambiguous"
    accept: int = 0  # annotators who said the sentence reports the event as news
    reject: int = 0  # annotators who said it does not


def read_gsr(path: str | Path) -> list[GsrSentence]:
    """Every row of one GSR CSV file (columns accept,event_type,id,label,reject,text,total), in file order."""
    sentences: list[GsrSentence] = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"event_type", "id", "label", "text"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing GSR columns {sorted(missing)}")
        for line, row in enumerate(reader, start=2):
            label = row["label"].strip().lower()
            if label not in LABELS:
                raise ValueError(f"{path}:{line}: unknown label {row['label']!r}")
            accept, reject = _votes(row, f"{path}:{line}")
            sentences.append(
                GsrSentence(row["id"], row["text"], row["event_type"].strip(), label, LABELS[label], accept, reject)
            )
    return sentences


def _votes(row: dict[str, str], where: str) -> tuple[int, int]:
    """The accept and reject counts of a row (0 when the file has no such columns)."""
    try:
        return int(row.get("accept") or 0), int(row.get("reject") or 0)
    except ValueError:
        raise ValueError(f"{where}: accept and reject must be whole numbers") from None


@dataclass(frozen=True, slots=True)
class Scores:
    tp: int
    fp: int
    fn: int
    tn: int = 0

    @property
    def precision(self) -> float:
        # Convention: no positive prediction means no precision to speak of, scored as 0.
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def score(predictions: Iterable[bool], gold: Iterable[bool | None]) -> Scores:
    """Counts and P/R/F1 of ``predictions`` against ``gold``; pairs whose gold is None are skipped."""
    predictions, gold = list(predictions), list(gold)
    if len(predictions) != len(gold):
        raise ValueError(f"{len(predictions)} predictions for {len(gold)} gold labels")
    tp = fp = fn = tn = 0
    for predicted, truth in zip(predictions, gold, strict=True):
        if truth is None:
            continue
        if predicted and truth:
            tp += 1
        elif predicted:
            fp += 1
        elif truth:
            fn += 1
        else:
            tn += 1
    return Scores(tp, fp, fn, tn)


def one_annotator(sentences: Iterable[GsrSentence]) -> Scores | None:
    """What one of the file's own annotators scores against its labels, in expectation.

    ``yes`` needs every annotator's accept, so a single annotator finds every positive; on a negative
    they accept with the share of its annotators who did. The expected counts (rounded) say how well
    one careful human judge agrees with the labels: a yardstick for the targets set on them. None when
    the file has no votes.
    """
    tp = fp = fn = tn = 0.0
    voted = False
    for sentence in sentences:
        votes = sentence.accept + sentence.reject
        if sentence.gold is None or not votes:
            continue
        voted = True
        accepted = sentence.accept / votes
        if sentence.gold:
            tp, fn = tp + accepted, fn + 1 - accepted
        else:
            fp, tn = fp + accepted, tn + 1 - accepted
    return Scores(round(tp), round(fp), round(fn), round(tn)) if voted else None


def evaluate_gsr(path: str | Path, predict: Callable[[str], bool]) -> Scores:
    """Score a sentence-level predictor on one GSR file (ambiguous rows are neither predicted nor scored)."""
    scored = [s for s in read_gsr(path) if s.gold is not None]
    return score([bool(predict(s.text)) for s in scored], [s.gold for s in scored])


def _stable_key(seed: int, sentence_id: str) -> bytes:
    # A keyed hash of the id, not Python's hash(): the same folds in every process and on every machine.
    return hashlib.blake2b(f"{seed}\x00{sentence_id}".encode(), digest_size=8).digest()


def assign_folds(sentences: Sequence[GsrSentence], folds: int = 5, seed: int = 0) -> list[int]:
    """A fold number per sentence: stratified by gold (yes / no / unscored) and fixed by a hash of the id.

    Within each stratum the sentences are ordered by the hash and dealt round-robin, so every fold gets
    its share of the rare positives, and the assignment depends neither on file order nor on the process.
    """
    if folds < 2:
        raise ValueError("need at least 2 folds")
    ids = [s.id for s in sentences]
    if len(set(ids)) != len(ids):
        raise ValueError("sentence ids must be unique to be assigned to folds")
    assignment = [0] * len(sentences)
    for stratum in (True, False, None):
        members = [i for i, s in enumerate(sentences) if s.gold is stratum]
        members.sort(key=lambda i: (_stable_key(seed, ids[i]), ids[i]))
        for rank, i in enumerate(members):
            assignment[i] = rank % folds
    return assignment


def cross_validated_predictions(
    sentences: Sequence[GsrSentence],
    fit_and_predict: Callable[[Sequence[GsrSentence], Sequence[GsrSentence]], Sequence[T]],
    folds: int = 5,
    seed: int = 0,
) -> list[T]:
    """One prediction per sentence, each from a model that never saw that sentence.

    ``fit_and_predict(train, test)`` fits on ``train`` and returns one prediction per ``test`` sentence
    (a bool, a probability, anything). ``train`` holds only the scored (non-ambiguous) sentences of the
    other folds; ``test`` holds every sentence of the held-out fold, ambiguous ones included.
    """
    assignment = assign_folds(sentences, folds, seed)
    predictions: list[T | None] = [None] * len(sentences)
    for fold in range(folds):
        test_index = [i for i, f in enumerate(assignment) if f == fold]
        if not test_index:
            continue
        train = [s for s, f in zip(sentences, assignment, strict=True) if f != fold and s.gold is not None]
        predicted = list(fit_and_predict(train, [sentences[i] for i in test_index]))
        if len(predicted) != len(test_index):
            raise ValueError(f"fold {fold}: {len(predicted)} predictions for {len(test_index)} sentences")
        for i, value in zip(test_index, predicted, strict=True):
            predictions[i] = value
    return predictions  # type: ignore[return-value]  # every index belongs to exactly one fold
