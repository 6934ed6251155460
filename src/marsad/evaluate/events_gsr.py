"""Marsad's events scored on a GSR file: the rules, the sentence classifier, and both together.

A sentence is positive for the rules when extraction finds an asserted event whose PLOVER event
is the file's event type; for the classifier when its probability passes its threshold; for
Marsad when both hold. With cross-validation every sentence is scored by a classifier (and a
threshold) fitted without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from marsad.evaluate.gsr import GsrSentence, Scores, cross_validated_predictions, read_gsr, score
from marsad.events.newsworthiness import NewsworthinessModel, best_f1_threshold, load_newsworthiness
from marsad.model import Document
from marsad.pipeline import extract


class _Scored(NamedTuple):
    probability: float
    alone: float  # the classifier's own threshold, tuned without this sentence
    together: float  # the threshold for rules-and-classifier, tuned without this sentence


def rule_predictions(sentences: Sequence[GsrSentence], event_type: str) -> list[bool]:
    return [
        any(
            event["modality"] == "asserted" and event["plover"]["event"] == event_type
            for event in extract(Document(id=sentence.id, text=sentence.text)).events
        )
        for sentence in sentences
    ]


def _combined_threshold(probabilities: Sequence[float], rules: Sequence[bool], gold: Sequence[bool]) -> float:
    """The classifier threshold that maximizes F1 of rules-and-classifier on training sentences."""
    gated = [p if r else 0.0 for p, r in zip(probabilities, rules, strict=True)]
    return best_f1_threshold(gated, gold)


def _event_type(sentences: Sequence[GsrSentence]) -> str:
    types = {sentence.event_type for sentence in sentences}
    if len(types) != 1:
        raise ValueError(f"a GSR file holds one event type, found {sorted(types)}")
    return types.pop()


def evaluate_events_on_gsr(path: Path, cross_validate: bool = True, folds: int = 5) -> dict[str, Scores]:
    sentences = read_gsr(path)
    event_type = _event_type(sentences)
    rules = rule_predictions(sentences, event_type)
    rule_of = {sentence.id: prediction for sentence, prediction in zip(sentences, rules, strict=True)}
    gold = [sentence.gold for sentence in sentences]

    if cross_validate:

        def fit_and_predict(train: Sequence[GsrSentence], test: Sequence[GsrSentence]) -> list[_Scored]:
            def inner(train_part: Sequence[GsrSentence], held: Sequence[GsrSentence]) -> list[float]:
                model = NewsworthinessModel(event_type).fit(
                    [s.text for s in train_part], [bool(s.gold) for s in train_part]
                )
                return model.predict_proba([s.text for s in held])

            labelled = [s for s in train if s.gold is not None]
            inner_probabilities = cross_validated_predictions(labelled, inner, folds=folds)
            labels = [bool(s.gold) for s in labelled]
            alone = best_f1_threshold(inner_probabilities, labels)
            together = _combined_threshold(inner_probabilities, [rule_of[s.id] for s in labelled], labels)
            model = NewsworthinessModel(event_type).fit([s.text for s in labelled], labels)
            return [_Scored(p, alone, together) for p in model.predict_proba([s.text for s in test])]

        predictions = cross_validated_predictions(sentences, fit_and_predict, folds=folds)
        classifier = [scored.probability >= scored.alone for scored in predictions]
        combined = [
            rule and scored.probability >= scored.together for rule, scored in zip(rules, predictions, strict=True)
        ]
    else:
        model = load_newsworthiness(event_type)
        probabilities = model.predict_proba([s.text for s in sentences])
        classifier = [p >= model.threshold for p in probabilities]
        combined = [r and c for r, c in zip(rules, classifier, strict=True)]
    return {
        f"{event_type} rules alone": score(rules, gold),
        f"{event_type} classifier alone": score(classifier, gold),
        f"{event_type} Marsad (rules + classifier)": score(combined, gold),
    }
