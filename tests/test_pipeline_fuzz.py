"""Fuzzing the whole per-document pipeline: on text made of event words, places' neighbours, dates,
numbers and noise, `extract` never raises, the record encodes as UTF-8 JSON, and every span anywhere
in it (mentions, and each event's trigger, evidence, date, actors, counts, place) slices the
original text to the text the record gives for it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from marsad.model import Document
from marsad.pipeline import extract
from tests.fuzz import arabic_report_text, fuzz_settings
from tests.written_reports import DAYS, PLACES, TEMPLATES

# A template sentence around the noise makes events likely, so that the event stages run too.
SENTENCES = st.builds(
    lambda template, place, day, noise: template.format(n=noise[:12] or "ثلاثة", place=place, day=day),
    st.sampled_from(TEMPLATES),
    st.sampled_from(PLACES),
    st.sampled_from(DAYS),
    arabic_report_text(10),
)
TEXTS = st.lists(st.one_of(SENTENCES, arabic_report_text(30)), min_size=1, max_size=4).map(" ".join)


def spans(value: Any, where: str = "record") -> list[tuple[str, dict[str, Any]]]:
    """Every object in the record that carries a span."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(value, dict):
        if value.get("span") is not None:
            found.append((where, value))
        for key, inner in value.items():
            found += spans(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += spans(inner, f"{where}[{index}]")
    return found


@fuzz_settings(500)
@given(TEXTS, st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
def test_every_span_in_the_record_slices_the_original(text: str, published: dt.date | None) -> None:
    record = extract(Document(id="fuzz", text=text, published=published)).model_dump(mode="json")
    json.dumps(record, ensure_ascii=False).encode("utf-8")
    for where, item in spans(record):
        start, end = item["span"]
        assert 0 <= start <= end <= len(text), where
        if isinstance(item.get("text"), str):
            assert text[start:end] == item["text"], where
