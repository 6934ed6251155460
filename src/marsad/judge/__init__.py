"""The news judge: which candidate events an article reports as news, and whether the article is
security news at all.

The rules of the event stage find candidates with high recall: every sentence that names violence,
protest or a security development. A coder reads them in their article: the headline and lead
tell the news, the body adds to it, a pluperfect paragraph recalls the past, a quote threatens,
an opinion column uses the words of war. Two learned linear judges (weights in ``data/``, see
MODEL_CARD.md) decide: the article judge gives ``security_news`` and its probability; the event
judge gives each event its ``news_probability``. An event is ``reported`` when its article is
security news, the words assert it (its ``modality`` is ``asserted``) and its probability clears
the judge's threshold. Nothing is dropped: the other events stay in the record, queryable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad.events.frames import Frame
from marsad.judge.features import ArticleContext, article_features, event_features, sentence_model_type
from marsad.judge.model import LinearJudge, packaged_judge
from marsad.judge.sentence import EVENT_TYPES, SentenceModel, packaged_model
from marsad.text.layout import Layout, article_layout
from marsad.text.normalize import NormalizedText
from marsad.text.segment import Sentence

__all__ = ["ArticleVerdict", "Judges", "article_context", "judge_article", "packaged_judges"]


_MAY_BE_NEWS = frozenset({"asserted"})


@dataclass(frozen=True)
class ArticleVerdict:
    security_news: bool
    probability: float


@dataclass(frozen=True)
class Judges:
    """The models one verdict uses: the shipped ones, or others being trained or evaluated."""

    sentence: Mapping[str, SentenceModel | None]  # by PLOVER type: ASSAULT, PROTEST
    event: LinearJudge | None  # an event in an article of several sentences
    single: LinearJudge | None  # an event of a one-sentence document
    security: LinearJudge | None

    def sentence_probability(self, event_type: str, sentence: str) -> float:
        model = self.sentence.get(sentence_model_type(event_type))
        return model.probability(sentence) if model is not None else 0.5


@cache
def packaged_judges() -> Judges:
    return Judges(
        {event_type: packaged_model(event_type) for event_type in EVENT_TYPES},
        packaged_judge("event_judge"),
        packaged_judge("sentence_judge"),
        packaged_judge("security_judge"),
    )


def article_context(
    nt: NormalizedText,
    sentences: list[Sentence],
    published: dt.date | None,
    frames: Sequence[Frame],
    sentence_probability: Callable[[str, str], float] | None = None,
    layout: Layout | None = None,
) -> ArticleContext:
    """What the judge knows of the article (``layout``: the text layer's, when it has one)."""
    layout = layout or article_layout(nt, sentences)
    if sentence_probability is None:
        return ArticleContext(nt, layout, published, tuple(frames))
    return ArticleContext(nt, layout, published, tuple(frames), sentence_probability)


def security_verdict(
    context: ArticleContext, events: Sequence[dict[str, Any]], judge: LinearJudge | None
) -> ArticleVerdict:
    if judge is None:  # a package built without its judges: every article with a candidate
        return ArticleVerdict(bool(events), 1.0 if events else 0.0)
    probability = judge.probability(article_features(context, events))
    return ArticleVerdict(probability >= judge.threshold, round(probability, 3))


def judge_article(
    frames: Sequence[Frame], events: list[dict[str, Any]], context: ArticleContext, judges: Judges | None = None
) -> ArticleVerdict:
    """Put ``news_probability`` and ``reported`` on each event; return the article's verdict.

    A document of one sentence (a wire flash, a sentence given alone) has no body for the article
    judge to read: it is security news when it reports an event, as its own judge decides."""
    judges = judges or packaged_judges()
    single = len(context.layout.sentences) == 1
    verdict = ArticleVerdict(True, 1.0) if single else security_verdict(context, events, judges.security)
    judge = judges.single if single else judges.event
    for frame, event in zip(frames, events, strict=True):
        # what the words say first: a negated, hypothetical or planned event did not happen, and a
        # background mention is not the article's news (a follow-up's own event is told again as
        # news); nor is anything in an article that is not security news. Those are not judged:
        # their news_probability is null
        if not verdict.security_news or event["modality"] not in _MAY_BE_NEWS:
            event["news_probability"] = None
            event["reported"] = False
            continue
        if judge is None:
            probability, threshold = 1.0, 0.5
        else:
            probability = judge.probability(event_features(frame, event, context))
            threshold = judge.threshold
        event["news_probability"] = round(probability, 3)
        event["reported"] = probability >= threshold
    if single:
        best = max((event["news_probability"] or 0.0 for event in events), default=0.0)
        return ArticleVerdict(any(event["reported"] for event in events), best)
    return verdict
