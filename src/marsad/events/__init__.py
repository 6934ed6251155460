"""Events: frames, modality, counts with roles, and the event record."""

from __future__ import annotations

import datetime as dt
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
    return [frame_to_event(frame, index, frames, document, nt, published) for index, frame in enumerate(merged, 1)]
