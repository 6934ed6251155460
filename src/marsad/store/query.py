"""Reading canonical events back, with the filters `marsad events` and the API share."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, func, select

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


def _where(engine: Engine, query: Select[Any], chosen: EventFilter) -> Select[Any]:
    table = schema.canonical_events
    query = query.where(table.c.deleted.is_(False))
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
    return query


def _page(query: Select[Any], chosen: EventFilter) -> Select[Any]:
    table = schema.canonical_events
    query = query.order_by(table.c.event_date, table.c.id).offset(chosen.offset)
    return query.limit(chosen.limit) if chosen.limit is not None else query


def _listing(engine: Engine, chosen: EventFilter) -> list[Any]:
    """The chosen page of canonical events: (record text, revision, updated) rows."""
    table = schema.canonical_events
    query = _page(_where(engine, select(table.c.record, table.c.revision, table.c.updated), chosen), chosen)
    with engine.connect() as connection:
        return list(connection.execute(query))


def query_events(engine: Engine, chosen: EventFilter) -> list[dict[str, Any]]:
    events = []
    for text, revision, updated in _listing(engine, chosen):
        record = json.loads(text)
        record["revision"], record["updated"] = revision, updated
        events.append(record)
    return events


def event_texts(engine: Engine, chosen: EventFilter) -> list[str]:
    """The same events as `query_events`, as JSON text spliced without parsing (the API's fast path)."""
    return [
        f'{text[:-1]}, "revision": {revision}, "updated": {json.dumps(updated)}}}'
        for text, revision, updated in _listing(engine, chosen)
    ]


def count_events(engine: Engine, chosen: EventFilter) -> int:
    query = _where(engine, select(func.count()).select_from(schema.canonical_events), chosen)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def event_stats(engine: Engine, chosen: EventFilter) -> dict[str, Any]:
    """Counts by type, admin1 and week (weeks start on Monday), and the fatalities, for a filter."""
    table = schema.canonical_events
    query = _where(
        engine,
        select(table.c.event_type, table.c.admin1, table.c.event_date, func.count(), func.sum(table.c.fatalities)),
        chosen,
    ).group_by(table.c.event_type, table.c.admin1, table.c.event_date)
    by_type: Counter[str] = Counter()
    by_admin1: Counter[str] = Counter()
    by_week: Counter[str] = Counter()
    total = fatalities = 0
    with engine.connect() as connection:
        for event_type, admin1, day, count, killed in connection.execute(query):
            total += count
            fatalities += killed or 0
            by_type[event_type] += count
            by_admin1[admin1 or "unknown"] += count
            if day is not None:
                by_week[(day - dt.timedelta(days=day.weekday())).isoformat()] += count
    return {
        "total": total,
        "fatalities": fatalities,
        "by_type": dict(by_type.most_common()),
        "by_admin1": dict(by_admin1.most_common()),
        "by_week": dict(sorted(by_week.items())),
    }
