"""A document the team wrote with one event reported as news and one that is not, and the records
the tests ingest for it: the pipeline's own record, with the news verdicts the document was written
to have (so the tests do not depend on the judge's weights of the day).

The first sentence reports a clash at a checkpoint near al-Shirqat yesterday; the second recalls,
in passing, a bombing in Baiji last October: a mention, not news."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from marsad.model import Document, DocumentRecord
from marsad.pipeline import extract

NEWS_AND_MENTION = Document(
    id="team-news-and-mention",
    title="هجوم على نقطة تفتيش قرب الشرقاط",
    published=dt.date(2024, 5, 10),
    source="team-wire",
    url="https://example.org/team-news-and-mention",
    text=(
        "قتل ثلاثة من عناصر الشرطة وأصيب اثنان في هجوم مسلح على نقطة تفتيش قرب قضاء الشرقاط بمحافظة صلاح الدين"
        " مساء أمس الخميس. ويذكر أن انفجار عبوة ناسفة في سوق مدينة بيجي أودى بحياة سبعة مدنيين في تشرين الأول"
        " من العام الماضي."
    ),
)
NEWS_DATE = "2024-05-09"  # the clash: reported as news
MENTION_DATE = "2023-10-01"  # the bombing: mentioned, not news
NEWS_PROBABILITY = 0.91
MENTION_PROBABILITY = 0.04


def with_written_verdicts(document: Document, default_published: dt.date | None = None) -> DocumentRecord:
    """`extract`'s record of the document, its first sentence's event reported as news and the other
    one not (an ingest extractor: `ingest(..., extractor=with_written_verdicts)`)."""
    record = extract(document, default_published)
    if document.id != NEWS_AND_MENTION.id:
        return record
    first_sentence_end = document.text.index(".") + 1
    events = [event for event in record.events if not event.get("repeat_of")]
    assert len(events) == 2, [event["event_id"] for event in record.events]
    judged = []
    for event in events:
        news = event["evidence"]["span"][1] <= first_sentence_end
        probability = NEWS_PROBABILITY if news else MENTION_PROBABILITY
        judged.append({**event, "reported": news, "news_probability": probability})
    assert [event["reported"] for event in judged] == [True, False]
    return record.model_copy(update={"events": judged, "security_news": True, "security_news_probability": 0.97})


def stand_in(identifier: str, day: str) -> Document:
    """A stand-in document for records a test writes itself (its words its own: never a near-duplicate)."""
    words = " ".join(f"{identifier.replace('-', '')}{number}" for number in range(12))
    return Document(id=identifier, text=f"وثيقة {words}", published=day, source=identifier)


def clash(document_id: str, reported: bool, modality: str = "asserted", number: int = 1) -> dict[str, Any]:
    """A clash near Shirqat on 9 May 2024, as a report of one document tells it."""
    return {
        "event_id": f"{document_id}#{number}",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "disorder_type": "Political violence",
        "plover": {"event": "ASSAULT", "mode": "firearms", "context": ["military"]},
        "modality": modality,
        "reported": reported,
        "news_probability": 0.9 if reported else 0.1,
        "event_date": "2024-05-09",
        "time_precision": 1,
        "published": "2024-05-10",
        "location": {"country": "IQ", "latitude": 35.48, "longitude": 43.22, "geo_precision": 2},
        "actor1": {"id": "intl.isis", "name": "Islamic State (Iraq)", "inter": 2},
        "actor2": None,
        "assoc_actor_1": [],
        "assoc_actor_2": [],
        "fatalities": 3,
        "injured": None,
        "arrested": None,
        "bodies_found": None,
        "counts": [],
        "evidence": {"text": "اشتبك مسلحون مع الشرطة", "span": [0, 22]},
        "trigger": {"text": "اشتبك", "span": [0, 5]},
        "confidence": 0.6,
    }


def records(events: dict[str, list[dict[str, Any]]]) -> Callable[[Document, dt.date | None], DocumentRecord]:
    """An ingest extractor that gives each document the events the test wrote for it."""

    def extractor(document: Document, _default: dt.date | None) -> DocumentRecord:
        return DocumentRecord(id=document.id, published=document.published, mentions=[], events=events[document.id])

    return extractor
