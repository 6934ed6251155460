"""Events: frames, modality, counts with roles, and the event record."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from marsad.events.frames import build_frames
from marsad.events.merge import merge_frames
from marsad.events.record import frame_to_event
from marsad.model import Document
from marsad.text.dates import DateMention
from marsad.text.normalize import NormalizedText
from marsad.text.numbers import NumberMention
from marsad.text.segment import Sentence


def extract_events(
    document: Document,
    nt: NormalizedText,
    sentences: list[Sentence],
    numbers: list[NumberMention],
    dates: list[DateMention],
    published: dt.date | None,
) -> list[dict[str, Any]]:
    frames = build_frames(nt, sentences, numbers, dates, published)
    merged = merge_frames(frames.frames)
    events = [frame_to_event(frame, index, frames, document, nt, published) for index, frame in enumerate(merged, 1)]
    _locate_from_document(events)
    return events


def _locate_from_document(events: list[dict[str, Any]]) -> None:
    """An event whose sentence names no place takes the document's main place (the place two or
    more of its events share), at geo_precision 2 at best, and says so in `source`."""
    located = [event["location"] for event in events if event["location"].get("gazetteer_id")]
    counts = Counter(location["gazetteer_id"] for location in located)
    if not counts or counts.most_common(1)[0][1] < 2:
        return
    main_id = counts.most_common(1)[0][0]
    main = next(location for location in located if location["gazetteer_id"] == main_id)
    for event in events:
        if not event["location"].get("gazetteer_id"):
            event["location"] = {
                **main,
                "geo_precision": max(main["geo_precision"], 2),
                "source": "document",
                "name_ar": main["name_ar"],
            }
