"""The one place the stages are wired together: ``extract(document) -> DocumentRecord``.

Everything here is per document, pure and deterministic, so it runs the same in one process or
on Dask workers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from marsad.events import extract_candidates
from marsad.events.frames import Frame
from marsad.events.repeats import fold_repeats
from marsad.judge import ArticleVerdict, Judges, article_context, judge_article
from marsad.model import Document, DocumentRecord, Mention, PublishedFrom
from marsad.text.dates import DateMention, find_dates, find_publication_date
from marsad.text.layout import Layout, article_layout
from marsad.text.normalize import NormalizedText, normalize
from marsad.text.numbers import NumberMention, find_numbers
from marsad.text.segment import Sentence, split_sentences


@dataclass(frozen=True)
class Publication:
    date: dt.date | None
    source: PublishedFrom | None
    mention: DateMention | None = None  # where in the text, when it was read from the header


@dataclass(frozen=True)
class TextAnalysis:
    """Everything the text layer finds in one document."""

    normalized: NormalizedText
    sentences: list[Sentence]
    numbers: list[NumberMention]
    dates: list[DateMention]
    publication: Publication
    # the day relative dates are counted from: the publication day, or the day the lead names
    day: dt.date | None = None
    layout: Layout | None = None  # headline, dateline, lead, paragraphs


def publication_of(document: Document, default: dt.date | None) -> Publication:
    """The document's own date, else the caller's default, else a date line in its header."""
    if document.published is not None:
        return Publication(document.published, "document")
    if default is not None:
        return Publication(default, "option")
    header = find_publication_date(document.text)
    if header is not None:
        return Publication(header.value, "text", header)
    return Publication(None, None)


def _outside(numbers: list[NumberMention], dates: list[DateMention]) -> list[NumberMention]:
    """Numbers that are not part of a date ("29" in "29 آب" is a day, not a count)."""
    if not dates:
        return numbers
    kept: list[NumberMention] = []
    index = 0
    for number in numbers:
        while index < len(dates) and dates[index].end <= number.start:
            index += 1
        inside = index < len(dates) and dates[index].start <= number.start and number.end <= dates[index].end
        if not inside:
            kept.append(number)
    return kept


# «اليوم الأربعاء», «أمس (الخميس)»: the text names its own day
_NAMED_TODAY = re.compile(r"(اليوم|امس)\s*\(?\s*(الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت)")
_WEEKDAY_NUMBERS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
_LEAD_CHARS = 600


def reference_day(normalized: NormalizedText, published: dt.date | None) -> dt.date | None:
    """The day the article was written, when its lead names it and the given date disagrees.

    Archives and crawlers often stamp an article with the day it was collected: «قصفت الطائرات اليوم
    الأربعاء» in an article stamped Friday was written on Wednesday, and its «أمس» is Tuesday. The
    first «اليوم <weekday>» or «أمس <weekday>» of the lead decides, within the six days before."""
    if published is None:
        return None
    match = _NAMED_TODAY.search(normalized.text, 0, _LEAD_CHARS)
    if match is None:
        return None
    weekday = _WEEKDAY_NUMBERS[match.group(2)]
    day = (weekday + (1 if match.group(1) == "امس" else 0)) % 7  # the weekday of the writing day
    shift = (published.weekday() - day) % 7
    return published - dt.timedelta(days=shift) if shift else None


def analyze_text(document: Document, default_published: dt.date | None = None) -> TextAnalysis:
    publication = publication_of(document, default_published)
    normalized = normalize(document.text)
    day = reference_day(normalized, publication.date) or publication.date
    dates = find_dates(normalized, day)
    numbers = _outside(find_numbers(normalized), dates)
    sentences = split_sentences(normalized)
    return TextAnalysis(normalized, sentences, numbers, dates, publication, day, article_layout(normalized, sentences))


@dataclass(frozen=True)
class Candidates:
    """A document's text analysis and every candidate event, before the news judge reads them."""

    analysis: TextAnalysis
    frames: list[Frame]
    events: list[dict[str, Any]]


def candidates(document: Document, default_published: dt.date | None = None) -> Candidates:
    analysis = analyze_text(document, default_published)
    frames, events = extract_candidates(
        document,
        analysis.normalized,
        analysis.sentences,
        analysis.numbers,
        analysis.dates,
        analysis.day,
        analysis.layout,
    )
    if analysis.day != analysis.publication.date:  # provenance keeps the date the document was given
        published = analysis.publication.date.isoformat() if analysis.publication.date else None
        for event in events:
            event["published"] = published
    return Candidates(analysis, frames, events)


def judged(found: Candidates, judges: Judges | None = None) -> ArticleVerdict:
    """The news judge's verdict on a document's candidates (it marks each event)."""
    analysis = found.analysis
    probability = judges.sentence_probability if judges is not None else None
    context = article_context(
        analysis.normalized, analysis.sentences, analysis.day, found.frames, probability, layout=analysis.layout
    )
    return judge_article(found.frames, found.events, context, judges)


def extract(
    document: Document, default_published: dt.date | None = None, judges: Judges | None = None
) -> DocumentRecord:
    """The record of one document: its mentions, every candidate event and the news judge's verdicts
    (``judges``: the shipped models unless others are given, as evaluation does)."""
    found = candidates(document, default_published)
    verdict = judged(found, judges)
    analysis = found.analysis
    mentions = sorted([*analysis.dates, *analysis.numbers], key=lambda mention: (mention.start, mention.end))
    publication = analysis.publication
    return DocumentRecord(
        id=document.id,
        published=publication.date,
        published_from=publication.source,
        published_span=(publication.mention.start, publication.mention.end) if publication.mention else None,
        source=document.source,
        url=document.url,
        title=document.title,
        security_news=verdict.security_news,
        security_news_probability=verdict.probability,
        mentions=[Mention.model_validate(mention.to_json()) for mention in mentions],
        events=fold_repeats(found.events, analysis.layout.title.end if analysis.layout.title else None),
    )
