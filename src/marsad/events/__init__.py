"""Events: frames, modality, counts with roles, and the event record."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from marsad.events.frames import DocumentFrames, Frame, build_frames
from marsad.events.merge import merge_frames
from marsad.events.record import frame_to_event
from marsad.geo.locate import document_location, locate
from marsad.model import Document
from marsad.text.dates import DateMention
from marsad.text.layout import Layout
from marsad.text.normalize import NormalizedText
from marsad.text.numbers import NumberMention
from marsad.text.segment import Sentence


def extract_candidates(
    document: Document,
    nt: NormalizedText,
    sentences: list[Sentence],
    numbers: list[NumberMention],
    dates: list[DateMention],
    published: dt.date | None,
    layout: Layout | None = None,
) -> tuple[list[Frame], list[dict[str, Any]]]:
    """Every candidate event of a document, with the frame each was coded from (for the judge)."""
    frames = build_frames(nt, sentences, numbers, dates, published, layout)
    merged = merge_frames(frames.frames)
    events = [frame_to_event(frame, index, frames, document, nt, published) for index, frame in enumerate(merged, 1)]
    if any(not event["location"].get("gazetteer_id") for event in events):
        _locate_from_document(events, frames, nt)
    return merged, events


def _main_place(events: list[dict[str, Any]], frames: DocumentFrames, nt: NormalizedText) -> dict[str, Any] | None:
    """The place a document is about: one that two or more of its events share, else one that its
    text names at least three times (the governorate of a whole operation). Country names never count."""
    located = [event["location"] for event in events if event["location"].get("gazetteer_id")]
    recognized = frames.recognized
    mentioned = [
        location
        for mention in frames.places
        if mention.specificity > 0 and mention.evidence is not None
        for location in [locate([mention], nt, recognized.country_focus, recognized.focus_is_named)]
        if location is not None
    ]
    for candidates, needed in ((located, 2), (mentioned, 3)):
        counts = Counter(location["gazetteer_id"] for location in candidates)
        if counts and counts.most_common(1)[0][1] >= needed:
            main_id = counts.most_common(1)[0][0]
            return next(location for location in candidates if location["gazetteer_id"] == main_id)
    return document_location(frames.places, nt, recognized.country_focus, recognized.focus_is_named)


def _locate_from_document(events: list[dict[str, Any]], frames: DocumentFrames, nt: NormalizedText) -> None:
    """An event whose sentence names no place takes the document's main place, at geo_precision 2
    at best, and says so in `source`."""
    main = _main_place(events, frames, nt)
    if main is None:
        return
    for event in events:
        location = event["location"]
        # an earlier event recalled in passing happened elsewhere as often as not: no fallback for
        # it; an event whose sentence names another country («في سوريا») keeps it
        if location.get("gazetteer_id") or event["modality"] != "asserted":
            continue
        if location.get("country") and location["country"] != main.get("country"):
            continue
        event["location"] = {
            **main,
            "geo_precision": max(main["geo_precision"], 2),
            "source": "document",
            "name_ar": main["name_ar"],
        }
