"""Marsad scored on a GSR file, sentence by sentence, through the function users get.

A sentence is positive for Marsad when ``marsad.pipeline.extract`` of the sentence alone gives a
*reported* event whose PLOVER event is the file's type: the rules' candidates, read by the shipped
news judge. With cross-validation (the default, for the file the judge was trained on), every
sentence is scored by judges fitted without it: per fold, the file's sentence model and the judge of
one-sentence documents are refitted on the other folds. Two reference lines
come with it: the rules alone (any asserted candidate of the type) and the sentence model alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from marsad.evaluate.gsr import GsrSentence, Scores, cross_validated_predictions, read_gsr, score
from marsad.judge import Judges, packaged_judges
from marsad.model import Document, DocumentRecord
from marsad.pipeline import extract


def _has_event(record: DocumentRecord, event_type: str, reported: bool) -> bool:
    return any(
        event["plover"]["event"] == event_type and (event["reported"] if reported else event["modality"] == "asserted")
        for event in record.events
    )


def _event_type(sentences: Sequence[GsrSentence]) -> str:
    types = {sentence.event_type for sentence in sentences}
    if len(types) != 1:
        raise ValueError(f"a GSR file holds one event type, found {sorted(types)}")
    return types.pop()


def _fold_judges(event_type: str, train: Sequence[GsrSentence]) -> Judges:
    """The shipped judges with the parts a one-sentence verdict uses refitted without the held-out
    fold: the file's sentence model and the judge of one-sentence documents."""
    from marsad.train.judge import _gsr_out_of_fold, fit_sentence_judge, gsr_rows
    from marsad.train.sentence import fit_sentence_model

    shipped = packaged_judges()
    model = fit_sentence_model(event_type, [s.text for s in train], [bool(s.gold) for s in train])
    oof = _gsr_out_of_fold(list(train))
    judge = fit_sentence_judge(gsr_rows(list(train), lambda s: oof[f"{s.event_type}:{s.id}"]))
    return Judges({**shipped.sentence, event_type: model}, shipped.event, judge, shipped.security)


def evaluate_events_on_gsr(path: Path, cross_validate: bool = True, folds: int = 5, seed: int = 0) -> dict[str, Scores]:
    sentences = read_gsr(path)
    event_type = _event_type(sentences)
    gold = [sentence.gold for sentence in sentences]
    rules = [_has_event(extract(Document(id=s.id, text=s.text)), event_type, reported=False) for s in sentences]
    if not cross_validate:
        marsad = [_has_event(extract(Document(id=s.id, text=s.text)), event_type, reported=True) for s in sentences]
        return {f"{event_type} rules alone": score(rules, gold), f"{event_type} Marsad": score(marsad, gold)}

    def fit_and_predict(train: Sequence[GsrSentence], test: Sequence[GsrSentence]) -> list[tuple[bool, bool]]:
        from marsad.train.sentence import fit_sentence_model

        judges = _fold_judges(event_type, train)
        alone = fit_sentence_model(
            event_type, [s.text for s in train], [bool(s.gold) for s in train], tune_threshold=True, seed=seed
        )
        return [
            (
                _has_event(extract(Document(id=s.id, text=s.text), judges=judges), event_type, reported=True),
                alone.probability(s.text) >= alone.threshold,
            )
            for s in test
        ]

    predictions = cross_validated_predictions(sentences, fit_and_predict, folds=folds, seed=seed)
    return {
        f"{event_type} rules alone": score(rules, gold),
        f"{event_type} sentence model alone": score([alone for _, alone in predictions], gold),
        f"{event_type} Marsad (as shipped)": score([marsad for marsad, _ in predictions], gold),
    }
