"""Helpers for the event-stage tests. Every Arabic sentence in tests/events was written for these
tests by the Marsad team, in the style of Iraqi and Syrian security news; none is copied."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

from marsad.model import Document
from marsad.pipeline import extract

# A Monday: "اليوم الاثنين" is this day, "أمس الأحد" the day before.
PUBLISHED = dt.date(2025, 3, 10)

Event = dict[str, Any]


def events(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    return extract(Document(id="t", text=text, published=published)).events


def brief(found: list[Event]) -> str:
    """A one-line-per-event summary for assertion messages."""
    lines = []
    for event in found:
        a1, a2 = event["actor1"], event["actor2"]
        lines.append(
            f"{event['event_type']} / {event['sub_event_type']} [{event['modality']}] "
            f"trigger={event['trigger']['text']!r} actor1={a1 and a1['id']} actor2={a2 and a2['id']} "
            f"killed={event['fatalities']} injured={event['injured']} arrested={event['arrested']} "
            f"counts={[(c['role'], c['value'], c['text']) for c in event['counts']]}"
        )
    return "\n".join(lines) or "(no events)"


def only_event(text: str, published: dt.date | None = PUBLISHED) -> Event:
    """The single event a coder would code from ``text``."""
    found = events(text, published)
    assert len(found) == 1, brief(found)
    return found[0]


def asserted_of(found: list[Event]) -> list[Event]:
    return [event for event in found if event["modality"] == "asserted"]


def asserted(text: str, published: dt.date | None = PUBLISHED) -> list[Event]:
    return asserted_of(events(text, published))


def kinds(found: list[Event]) -> list[tuple[str, str]]:
    return [(event["event_type"], event["sub_event_type"]) for event in found]


def actor_id(actor: dict[str, Any] | None) -> str | None:
    return actor["id"] if actor else None


@cache
def taxonomy() -> dict[str, Any]:
    return json.loads(resources.files("marsad.codebook").joinpath("taxonomy.json").read_text("utf-8"))


def codebook_version() -> str:
    return resources.files("marsad.codebook").joinpath("VERSION").read_text("utf-8").strip()
