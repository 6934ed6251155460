"""Fit event confidence to a gold set, so that it is a probability and not a score.

Each labelled GSR sentence that yields an event of the file's PLOVER type is one sample: the
features of its most confident such event (``marsad.events.confidence.confidence_features``) and
whether annotators said the sentence reports that event as news. A logistic regression over those
features gives the weights in ``events/data/confidence.json``. Calibration is measured by
cross-validation: expected calibration error and Brier score of the fitted weights against the
starting ones, on sentences the fit did not see.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.evaluate.gsr import assign_folds, read_gsr
from marsad.events.confidence import FEATURES, confidence_features_of_event
from marsad.model import Document
from marsad.pipeline import extract

GSR_FILES = ("assault_dev.csv", "protest_dev.csv")
_BINS = 10


@dataclass(frozen=True)
class Sample:
    sentence_id: str
    features: dict[str, float]
    gold: bool
    current: float  # the confidence the current weights give


def gsr_samples(gsr_dir: Path) -> list[Sample]:
    samples = []
    for name in GSR_FILES:
        for sentence in read_gsr(gsr_dir / name):
            if sentence.gold is None:
                continue
            events = [
                event
                for event in extract(Document(id=sentence.id, text=sentence.text)).events
                if event["plover"]["event"] == sentence.event_type
            ]
            if not events:
                continue
            best = max(events, key=lambda event: event["confidence"])
            sample_id = f"{sentence.event_type}:{sentence.id}"  # one sentence may sit in both files
            samples.append(Sample(sample_id, confidence_features_of_event(best), sentence.gold, best["confidence"]))
    return samples


def _fit(samples: Sequence[Sample]) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    matrix = [[sample.features[name] for name in FEATURES] for sample in samples]
    labels = [sample.gold for sample in samples]
    model = LogisticRegression(C=1.0, max_iter=1000).fit(matrix, labels)
    return {
        "intercept": float(model.intercept_[0]),
        "weights": dict(zip(FEATURES, map(float, model.coef_[0]), strict=True)),
    }


def _probability(weights: dict[str, Any], features: dict[str, float]) -> float:
    score = weights["intercept"] + sum(weights["weights"].get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-score))


def calibration(probabilities: Sequence[float], gold: Sequence[bool]) -> dict[str, float]:
    """Expected calibration error (10 equal-width bins) and Brier score."""
    bins: list[list[tuple[float, bool]]] = [[] for _ in range(_BINS)]
    for probability, label in zip(probabilities, gold, strict=True):
        bins[min(int(probability * _BINS), _BINS - 1)].append((probability, label))
    total = len(probabilities)
    ece = sum(
        len(members)
        / total
        * abs(sum(p for p, _ in members) / len(members) - sum(g for _, g in members) / len(members))
        for members in bins
        if members
    )
    brier = sum((p - g) ** 2 for p, g in zip(probabilities, gold, strict=True)) / total
    return {"ece": round(ece, 4), "brier": round(brier, 4), "samples": total}


def fit_confidence(gsr_dir: Path, out: Path | None = None, folds: int = 5) -> dict[str, Any]:
    """Fit the weights on every sample, report cross-validated calibration, and write the weights."""
    samples = gsr_samples(gsr_dir)
    if len(samples) < 20 or len({sample.gold for sample in samples}) < 2:
        raise ValueError(f"{gsr_dir}: too few labelled sentences with events to fit confidence")
    fold_of = assign_folds(_as_sentences(samples), folds=folds)
    held_out: list[float] = [0.0] * len(samples)
    for fold in range(folds):
        train = [s for s, f in zip(samples, fold_of, strict=True) if f != fold]
        weights = _fit(train)
        for index, (sample, f) in enumerate(zip(samples, fold_of, strict=True)):
            if f == fold:
                held_out[index] = _probability(weights, sample.features)
    gold = [sample.gold for sample in samples]
    report = {
        "samples": len(samples),
        "positives": sum(gold),
        "before": calibration([sample.current for sample in samples], gold),
        "cross_validated": calibration(held_out, gold),
    }
    fitted = _fit(samples)
    target = out or Path(str(resources.files("marsad.events.data").joinpath("confidence.json")))
    spec = json.loads(target.read_text("utf-8")) if target.exists() else {}
    spec.update(fitted)
    spec["fitted_on"] = (
        f"arabic_event_gsr_dev (ASSAULT and PROTEST): {len(samples)} sentences with an event of the file's type, "
        f"{sum(gold)} reported as news; cross-validated ECE {report['cross_validated']['ece']}, "
        f"Brier {report['cross_validated']['brier']} (before: ECE {report['before']['ece']}, "
        f"Brier {report['before']['brier']}). Rebuild: marsad train confidence GSR_DIR"
    )
    target.write_text(json.dumps(spec, ensure_ascii=False, indent=2) + "\n", "utf-8")
    report["path"] = str(target)
    return report


def _as_sentences(samples: Sequence[Sample]) -> list[Any]:
    """assign_folds wants id, label and gold; a sample carries the same."""

    @dataclass(frozen=True)
    class _Row:
        id: str
        label: str
        gold: bool

    return [_Row(sample.sentence_id, "yes" if sample.gold else "easy no", sample.gold) for sample in samples]
