"""Reading canonical events back, with the filters `marsad events` and the API share."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from marsad.store import schema
from marsad.store.search import matches
from marsad.text.normalize import normalize_string


@dataclass(frozen=True)
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None
    actor: str | None = None
    admin1: str | None = None
    text: str | None = None  # searched in the normalized evidence of every source
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    limit: int | None = None
    offset: int = 0


def query_events(engine: Engine, chosen: EventFilter) -> list[dict[str, Any]]:
    table = schema.canonical_events
    query = select(table.c.record, table.c.revision, table.c.updated).where(table.c.deleted.is_(False))
    if chosen.since:
        query = query.where(table.c.event_date >= chosen.since)
    if chosen.until:
        query = query.where(table.c.event_date <= chosen.until)
    if chosen.event_type:
        query = query.where(table.c.event_type == chosen.event_type)
    if chosen.admin1:
        query = query.where(table.c.admin1 == chosen.admin1)
    if chosen.actor:
        query = query.where(table.c.actors.contains(chosen.actor))
    if chosen.text:
        query = query.where(matches(engine.dialect.name, normalize_string(chosen.text)))
    if chosen.bbox:
        west, south, east, north = chosen.bbox
        query = query.where(table.c.longitude.between(west, east), table.c.latitude.between(south, north))
    query = query.order_by(table.c.event_date, table.c.id).offset(chosen.offset)
    if chosen.limit is not None:
        query = query.limit(chosen.limit)
    with engine.connect() as connection:
        events = []
        for text, revision, updated in connection.execute(query):
            record = json.loads(text)
            record["revision"], record["updated"] = revision, updated
            events.append(record)
        return events
