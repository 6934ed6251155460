"""Fit the sentence models of the news judge (:mod:`marsad.judge.sentence`) on the Arabic event GSR.

One model per event type (ASSAULT, PROTEST): a class-balanced L2 logistic regression over hashed
n-grams and cue features, fitted with liblinear's dual solver (deterministic: the same data give
the same weights bit for bit). The GSR sentences are read at training time and never stored: a
saved model holds bucket weights, an intercept and numbers about its training.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from marsad.evaluate.gsr import GsrSentence, Scores, cross_validated_predictions, read_gsr, score
from marsad.judge.sentence import FeatureConfig, SentenceModel, model_file, sentence_cues
from marsad.text.normalize import normalize

__all__ = ["best_f1_threshold", "fit_sentence_model", "keyword_baseline", "train_sentence_models"]


def best_f1_threshold(probabilities: Sequence[float], gold: Sequence[bool]) -> float:
    """The threshold (predict positive when p >= threshold) that maximizes F1 on these scores.

    It sits halfway between the lowest accepted and the highest rejected score, so that a new sentence
    scoring like the borderline ones is not decided by a hair.
    """
    p = np.asarray(probabilities, dtype=np.float64)
    y = np.asarray(gold, dtype=bool)
    if not y.any():
        return 1.0
    order = np.argsort(-p, kind="stable")
    p, y = p[order], y[order]
    tp = np.cumsum(y)
    k = np.arange(1, p.size + 1)
    f1 = 2 * tp / (k + y.sum())
    # Only cut between distinct scores: tied sentences must get the same decision.
    cut = np.append(p[:-1] > p[1:], True)
    best = int(np.argmax(np.where(cut, f1, -1.0)))
    return float((p[best] + p[best + 1]) / 2) if best + 1 < p.size else float(p[best])


def _fit_matrix(model: SentenceModel, matrix: Any, labels: np.ndarray) -> SentenceModel:
    if len(set(labels.tolist())) < 2:
        raise ValueError("training needs both positive and negative sentences")
    from sklearn.linear_model import LogisticRegression

    # The dual coordinate-descent solver: with a few thousand sentences and 2**18 columns it is 30x
    # faster than the primal ones and reaches the same optimum.
    classifier = LogisticRegression(
        C=model.config.c, class_weight="balanced", solver="liblinear", dual=True, max_iter=5000, random_state=0
    )
    classifier.fit(matrix, labels)
    # Kept as float32, exactly what save() writes, so a reloaded model gives identical probabilities.
    model.coef = classifier.coef_[0].astype(np.float32)
    model.intercept = float(classifier.intercept_[0])
    return model


def _out_of_fold(model: SentenceModel, matrix: Any, labels: np.ndarray, seed: int, folds: int = 5) -> list[float]:
    """Probabilities for the training rows, each from a model fitted on the other folds."""
    stand_ins = [GsrSentence(str(i), "", model.event_type, "", bool(y)) for i, y in enumerate(labels)]

    def fit_and_predict(train: Sequence[GsrSentence], test: Sequence[GsrSentence]) -> list[float]:
        rows = [int(s.id) for s in train]
        inner = SentenceModel(model.event_type, model.config, model._featurizer.cue_names)
        _fit_matrix(inner, matrix[rows], labels[rows])
        return inner._proba_matrix(matrix[[int(s.id) for s in test]])

    return cross_validated_predictions(stand_ins, fit_and_predict, folds=folds, seed=seed + 1)


def fit_sentence_model(
    event_type: str,
    texts: Sequence[str],
    labels: Sequence[bool],
    config: FeatureConfig | None = None,
    tune_threshold: bool = False,
    seed: int = 0,
) -> SentenceModel:
    """A model fitted on ``texts``; with ``tune_threshold`` its threshold is the F1-best one by 5-fold CV."""
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts for {len(labels)} labels")
    model = SentenceModel(event_type, config)
    matrix = model._featurizer.matrix(texts)
    array = np.asarray([bool(label) for label in labels])
    if tune_threshold:
        model.threshold = best_f1_threshold(_out_of_fold(model, matrix, array, seed), array.tolist())
    return _fit_matrix(model, matrix, array)


def keyword_baseline(event_type: str) -> Callable[[str], bool]:
    """The naive predictor: does the sentence contain any attack/casualty (or protest) keyword?"""
    import re

    cues = sentence_cues()
    wanted = set(cues.baseline[event_type])
    token = re.compile(r"\w+|[^\w\s]")

    def predict(text: str) -> bool:
        return bool(wanted & cues.categories(token.findall(normalize(text).text)))

    return predict


@dataclass
class _TypeReport:
    sentences: int = 0
    positives: int = 0
    cross_validated: dict[str, float | int] = field(default_factory=dict)
    baseline: dict[str, float | int] = field(default_factory=dict)
    threshold: float = 0.5
    seconds: float = 0.0
    path: str = ""


def _cross_validate(
    model: SentenceModel, sentences: Sequence[GsrSentence], matrix: Any, folds: int, seed: int
) -> Scores:
    """Outer CV: every sentence judged by a model (and a threshold) fitted without its fold."""
    row = {s.id: i for i, s in enumerate(sentences)}
    labels = np.asarray([bool(s.gold) for s in sentences])

    def fit_and_predict(train: Sequence[GsrSentence], test: Sequence[GsrSentence]) -> list[bool]:
        rows = [row[s.id] for s in train]
        fold_model = SentenceModel(model.event_type, model.config, model._featurizer.cue_names)
        fold_model.threshold = best_f1_threshold(
            _out_of_fold(fold_model, matrix[rows], labels[rows], seed), labels[rows].tolist()
        )
        _fit_matrix(fold_model, matrix[rows], labels[rows])
        return [p >= fold_model.threshold for p in fold_model._proba_matrix(matrix[[row[s.id] for s in test]])]

    predictions = cross_validated_predictions(sentences, fit_and_predict, folds=folds, seed=seed)
    return score(predictions, [s.gold for s in sentences])


def labelled_gsr(gsr_dir: Path) -> dict[str, list[GsrSentence]]:
    """The scored sentences of every GSR CSV in ``gsr_dir``, by event type (ambiguous rows left out)."""
    by_type: dict[str, list[GsrSentence]] = {}
    for csv_path in sorted(Path(gsr_dir).glob("*.csv")):
        for sentence in read_gsr(csv_path):
            if sentence.gold is not None:
                by_type.setdefault(sentence.event_type, []).append(sentence)
    if not by_type:
        raise FileNotFoundError(f"no labelled GSR sentences in {gsr_dir}")
    return by_type


def train_sentence_models(
    gsr_dir: Path, out_dir: Path, config: FeatureConfig | None = None, folds: int = 5, seed: int = 0
) -> dict[str, Any]:
    """Fit one model per event type of ``gsr_dir`` and save it in ``out_dir``.

    Returns, per event type, the ``folds``-fold cross-validated scores of the model alone (its
    threshold tuned inside each training fold), the keyword baseline on the same sentences, the final
    threshold and where it was saved.
    """
    report: dict[str, Any] = {}
    for event_type, sentences in sorted(labelled_gsr(gsr_dir).items()):
        started = time.perf_counter()
        model = SentenceModel(event_type, config)
        matrix = model._featurizer.matrix(s.text for s in sentences)
        labels = np.asarray([bool(s.gold) for s in sentences])
        cv = _cross_validate(model, sentences, matrix, folds, seed)
        model.threshold = best_f1_threshold(_out_of_fold(model, matrix, labels, seed), labels.tolist())
        _fit_matrix(model, matrix, labels)
        entry = _TypeReport(sentences=len(sentences), positives=int(labels.sum()), cross_validated=cv.as_dict())
        if event_type in sentence_cues().baseline:
            baseline = keyword_baseline(event_type)
            entry.baseline = score([baseline(s.text) for s in sentences], [s.gold for s in sentences]).as_dict()
        entry.threshold = round(model.threshold, 6)
        model.metadata = {
            "trained_on": f"{Path(gsr_dir).name} ({entry.sentences} sentences, {entry.positives} positive)",
            "cross_validated": entry.cross_validated,
            "keyword_baseline": entry.baseline,
        }
        entry.path = str(model.save(Path(out_dir) / model_file(event_type)))
        entry.seconds = round(time.perf_counter() - started, 2)
        report[event_type] = asdict(entry)
    return report
