"""Fit the news judge: the sentence models, the event judge and the article (security) judge.

Training data, all of it licensed to ship models from (MODEL_CARD.md in ``marsad/judge``):

- the Arabic event GSR, development half (``arabic_event_gsr_dev``: MIT repository, sentences from
  newswire): the sentence models, and single-sentence rows for the event judge;
- the team's coded articles (``training/corpus/*/{articles,gold}.jsonl`` in the repository,
  written by the Marsad team and coded with the ACLED guide): rows for the event judge in article
  context, and the rows of the article judge.

Every candidate of a coded article is a row of the event judge: positive when it tells a gold event
(same sentence, or same type, day and country), negative when it tells none, left out when it only
tells an event the coder marked borderline. Sentence probabilities of GSR rows are out of fold, so
the event judge learns how far to trust the sentence model on sentences it has not seen. Fits are
deterministic (lbfgs on standardized features): the same data give the same weights.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from marsad.evaluate.articles import CodedArticle, match_score, read_coded_articles
from marsad.evaluate.gsr import GsrSentence, cross_validated_predictions
from marsad.judge import article_context
from marsad.judge.features import article_features, event_features, logit
from marsad.judge.model import LinearJudge
from marsad.judge.sentence import SentenceModel
from marsad.model import Document
from marsad.pipeline import candidates
from marsad.train.sentence import best_f1_threshold, fit_sentence_model, labelled_gsr

_PLOVER_OF_MODEL = {"ASSAULT": "ASSAULT", "PROTEST": "PROTEST"}
_EVENT_C = 0.5
_SECURITY_C = 0.5


@dataclass
class EventRow:
    features: dict[str, float]
    label: bool
    event_type: str
    sentence: str
    source: str  # "article" or "gsr"
    gsr_id: str | None = None


@dataclass
class ArticleRow:
    features: dict[str, float]
    label: bool


def _tells(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    evidence = (gold.get("evidence") or "")[:40]
    sentence = (event.get("evidence") or {}).get("text") or ""
    return (bool(evidence) and (evidence in sentence or sentence[:40] in gold.get("evidence", ""))) or (
        match_score(gold, event, typed=True) > 0
    )


def _event_label(event: dict[str, Any], golds: Sequence[dict[str, Any]]) -> bool | None:
    if any(_tells(event, gold) for gold in golds if not gold.get("borderline")):
        return True
    if any(_tells(event, gold) for gold in golds if gold.get("borderline")):
        return None
    return False


def article_rows(coded: Iterable[CodedArticle]) -> tuple[list[EventRow], list[ArticleRow]]:
    events_out: list[EventRow] = []
    articles_out: list[ArticleRow] = []
    for article in coded:
        found = candidates(article.document)
        analysis = found.analysis
        context = article_context(
            analysis.normalized, analysis.sentences, analysis.day, found.frames, layout=analysis.layout
        )
        articles_out.append(ArticleRow(article_features(context, found.events), article.is_security_news))
        for frame, event in zip(found.frames, found.events, strict=True):
            label = _event_label(event, article.events) if article.is_security_news else False
            if label is None:
                continue
            features = event_features(frame, event, context)
            events_out.append(EventRow(features, label, event["event_type"], frame.sentence.text, "article"))
    return events_out, articles_out


def gsr_rows(sentences: Sequence[GsrSentence], probability: Callable[[GsrSentence], float]) -> list[EventRow]:
    """One row per candidate of the sentence's own PLOVER type, read as a one-sentence article."""
    rows = []
    for sentence in sentences:
        found = candidates(Document(id=sentence.id, text=sentence.text))
        analysis = found.analysis
        p = probability(sentence)
        context = article_context(
            analysis.normalized, analysis.sentences, None, found.frames, lambda _type, _text, p=p: p, analysis.layout
        )
        for frame, event in zip(found.frames, found.events, strict=True):
            if event["plover"]["event"] != sentence.event_type:
                continue
            features = event_features(frame, event, context)
            rows.append(EventRow(features, bool(sentence.gold), event["event_type"], sentence.text, "gsr", sentence.id))
    return rows


def _matrix(rows: Sequence[EventRow | ArticleRow], names: Sequence[str]) -> np.ndarray:
    return np.asarray([[row.features.get(name, 0.0) for name in names] for row in rows], dtype=np.float64)


def fit_linear(
    name: str, rows: Sequence[EventRow | ArticleRow], c: float, sample_weight: Sequence[float] | None = None
) -> LinearJudge:
    from sklearn.linear_model import LogisticRegression

    names = sorted({key for row in rows for key in row.features})
    x = _matrix(rows, names)
    y = np.asarray([row.label for row in rows])
    if len(set(y.tolist())) < 2:
        raise ValueError(f"{name}: training needs both positive and negative rows")
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    classifier = LogisticRegression(C=c, solver="lbfgs", max_iter=5000)
    classifier.fit((x - means) / scales, y, sample_weight=None if sample_weight is None else np.asarray(sample_weight))
    return LinearJudge(
        name,
        {n: round(float(w), 6) for n, w in zip(names, classifier.coef_[0], strict=True)},
        round(float(classifier.intercept_[0]), 6),
        0.5,
        {n: round(float(m), 6) for n, m in zip(names, means, strict=True)},
        {n: round(float(s), 6) for n, s in zip(names, scales, strict=True)},
    )


def _folds(count: int, folds: int = 5) -> list[int]:
    return [index % folds for index in range(count)]


def out_of_fold(
    name: str, rows: Sequence[EventRow | ArticleRow], c: float, folds: int = 5, weights: Sequence[float] | None = None
) -> list[float]:
    assignment = _folds(len(rows), folds)
    predictions = [0.0] * len(rows)
    for fold in range(folds):
        train = [i for i, f in enumerate(assignment) if f != fold]
        judge = fit_linear(name, [rows[i] for i in train], c, None if weights is None else [weights[i] for i in train])
        for i, f in enumerate(assignment):
            if f == fold:
                predictions[i] = judge.probability(rows[i].features)
    return predictions


def _with_sentence_logit(rows: Sequence[EventRow], models: dict[str, SentenceModel]) -> None:
    """Article rows read the sentence models being trained (they never saw these sentences)."""
    for row in rows:
        if row.source == "article":
            model = models["PROTEST" if row.event_type in ("Protests", "Riots") else "ASSAULT"]
            row.features["sentence_logit"] = logit(model.probability(row.sentence))


def _gsr_out_of_fold(sentences: Sequence[GsrSentence], seed: int = 0) -> dict[str, float]:
    """Each GSR sentence's probability from a sentence model fitted without it, keyed by type and id."""
    found: dict[str, float] = {}
    by_type: dict[str, list[GsrSentence]] = {}
    for sentence in sentences:
        by_type.setdefault(sentence.event_type, []).append(sentence)
    for event_type, group in by_type.items():

        def fit_and_predict(train: Sequence[GsrSentence], test: Sequence[GsrSentence]) -> list[float]:
            model = fit_sentence_model(event_type, [s.text for s in train], [bool(s.gold) for s in train])  # noqa: B023
            return model.predict_proba([s.text for s in test])

        for sentence, p in zip(group, cross_validated_predictions(group, fit_and_predict, seed=seed + 7), strict=True):
            found[f"{event_type}:{sentence.id}"] = p
    return found


def fit_thresholded(
    name: str, rows: Sequence[EventRow | ArticleRow], c: float, weights: Sequence[float] | None = None
) -> LinearJudge:
    """A judge fitted on ``rows``; its threshold is the F1-best one on its out-of-fold verdicts (on
    the article rows only, when GSR rows help it learn)."""
    judge = fit_linear(name, rows, c, weights)
    predictions = out_of_fold(name, rows, c, weights=weights)
    scored = [(p, row.label) for p, row in zip(predictions, rows, strict=True) if getattr(row, "source", "") != "gsr"]
    if not scored:
        scored = [(p, row.label) for p, row in zip(predictions, rows, strict=True)]
    threshold = best_f1_threshold([p for p, _ in scored], [label for _, label in scored])
    return LinearJudge(judge.name, judge.weights, judge.intercept, round(threshold, 6), judge.means, judge.scales)


def fit_event_judge(article_events: Sequence[EventRow], gsr_events: Sequence[EventRow]) -> LinearJudge:
    """The event judge of articles, on the candidates of the team's coded articles; the GSR's
    sentences, weighing as much as the articles in total, keep it from trusting the few hundred
    article rows too far."""
    weights = [1.0] * len(article_events) + [len(article_events) / max(len(gsr_events), 1)] * len(gsr_events)
    return fit_thresholded("event_judge", [*article_events, *gsr_events], _EVENT_C, weights)


# What a lone sentence offers beyond its words: the few hundred positive GSR sentences support a
# handful of weights, not the article judge's forty
SENTENCE_JUDGE_FEATURES = (
    "sentence_logit",
    "strong_trigger",
    "unconfirmed",
    "named_actor1",
    "has_killed",
    "has_injured",
    "type_battles",
    "type_remote",
    "type_civilians",
    "type_protests",
    "type_riots",
    "type_strategic",
)


def fit_sentence_judge(gsr_events: Sequence[EventRow]) -> LinearJudge:
    """The event judge of one-sentence documents (a wire flash, a sentence given alone), on the GSR's
    labelled sentences: there the sentence is all the context there is."""
    rows = [
        EventRow(
            {k: v for k, v in row.features.items() if k in SENTENCE_JUDGE_FEATURES},
            row.label,
            row.event_type,
            row.sentence,
            row.source,
            row.gsr_id,
        )
        for row in gsr_events
    ]
    return fit_thresholded("sentence_judge", rows, _EVENT_C)


def fit_security_judge(rows: Sequence[ArticleRow]) -> LinearJudge:
    return fit_thresholded("security_judge", rows, _SECURITY_C)


def corpus_articles(corpus_dir: Path) -> list[CodedArticle]:
    """Every coded article under ``corpus_dir`` (each sub-folder holds articles.jsonl and gold.jsonl)."""
    coded: list[CodedArticle] = []
    for folder in sorted(path for path in Path(corpus_dir).iterdir() if path.is_dir()):
        if (folder / "gold.jsonl").is_file() and (folder / "articles.jsonl").is_file():
            coded.extend(read_coded_articles(folder / "gold.jsonl", folder / "articles.jsonl"))
    if not coded:
        raise FileNotFoundError(f"no coded articles (articles.jsonl + gold.jsonl) under {corpus_dir}")
    return coded


def _scores(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    tp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(predicted, gold, strict=True) if g and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "rows": len(gold)}


def train_judges(gsr_dir: Path, corpus_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Fit and save the sentence models, the event judge and the security judge; return their report."""
    from marsad.train.sentence import train_sentence_models

    out_dir = Path(out_dir)
    report: dict[str, Any] = {"sentence_models": train_sentence_models(gsr_dir, out_dir)}
    models = {
        event_type: SentenceModel.load(out_dir / f"sentence_{event_type.lower()}.npz")
        for event_type in ("ASSAULT", "PROTEST")
    }
    coded = corpus_articles(corpus_dir)
    article_events, article_docs = article_rows(coded)
    _with_sentence_logit(article_events, models)
    sentences = [s for group in labelled_gsr(gsr_dir).values() for s in group]
    oof = _gsr_out_of_fold(sentences)
    gsr_events = gsr_rows(sentences, lambda s: oof[f"{s.event_type}:{s.id}"])
    event_judge = fit_event_judge(article_events, gsr_events)
    sentence_judge = fit_sentence_judge(gsr_events)
    security_judge = fit_security_judge(article_docs)
    oof_events = out_of_fold("event_judge", article_events, _EVENT_C)
    oof_sentences = out_of_fold("sentence_judge", gsr_events, _EVENT_C)
    oof_docs = out_of_fold("security_judge", article_docs, _SECURITY_C)
    corpus_name = Path(corpus_dir).name
    event_judge.metadata.update(
        {
            "trained_on": f"{len(article_events)} candidates of {len(coded)} team-coded articles ({corpus_name}), "
            f"{sum(row.label for row in article_events)} of them reported news",
            "out_of_fold": _scores(
                [p >= event_judge.threshold for p in oof_events], [row.label for row in article_events]
            ),
        }
    )
    sentence_judge.metadata.update(
        {
            "trained_on": f"{len(gsr_events)} candidates of labelled GSR sentences ({Path(gsr_dir).name}), "
            f"{sum(row.label for row in gsr_events)} of them in sentences reporting the event; sentence model "
            "probabilities out of fold",
            "out_of_fold": _scores(
                [p >= sentence_judge.threshold for p in oof_sentences], [row.label for row in gsr_events]
            ),
        }
    )
    security_judge.metadata.update(
        {
            "trained_on": f"{len(article_docs)} team-coded articles ({corpus_name}), "
            f"{sum(row.label for row in article_docs)} of them security news",
            "out_of_fold": _scores(
                [p >= security_judge.threshold for p in oof_docs], [row.label for row in article_docs]
            ),
        }
    )
    for judge in (event_judge, sentence_judge, security_judge):
        text = json.dumps(judge.to_json(), indent=1, sort_keys=True, ensure_ascii=True) + "\n"
        (out_dir / f"{judge.name}.json").write_text(text, encoding="utf-8")
        report[judge.name] = judge.metadata
    return report
