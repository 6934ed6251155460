"""Reading canonical events back, with the filters `marsad events` and the API share."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, LargeBinary, Select, cast, func, select

from marsad.geo.admin import admin1_names
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
    # True: events reported as news (the default everywhere); False: only the others (mentions,
    # background, denials, plans); None: both
    reported: bool | None = True
    limit: int | None = None
    offset: int = 0


def _where(engine: Engine, query: Select[Any], chosen: EventFilter) -> Select[Any]:
    table = schema.canonical_events
    query = query.where(table.c.deleted.is_(False))
    if chosen.reported is not None:
        query = query.where(table.c.reported == chosen.reported)
    if chosen.since:
        query = query.where(table.c.event_date >= chosen.since)
    if chosen.until:
        query = query.where(table.c.event_date <= chosen.until)
    if chosen.event_type:
        query = query.where(table.c.event_type == chosen.event_type)
    if chosen.admin1:
        # English (any case) or Arabic (with or without its article or type word): the stored English names
        query = query.where(table.c.admin1.in_(sorted(admin1_names(chosen.admin1))))
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


def _listing(engine: Engine, chosen: EventFilter, record: Any = None) -> list[Any]:
    """The chosen page of canonical events: (record, revision, updated) rows."""
    table = schema.canonical_events
    columns = (record if record is not None else table.c.record, table.c.revision, table.c.updated)
    query = _page(_where(engine, select(*columns), chosen), chosen)
    with engine.connect() as connection:
        return list(connection.execute(query))


def query_events(engine: Engine, chosen: EventFilter) -> list[dict[str, Any]]:
    events = []
    for text, revision, updated in _listing(engine, chosen):
        record = json.loads(text)
        record["revision"], record["updated"] = revision, updated
        events.append(record)
    return events


def _as_bytes(column: Any, dialect: str) -> Any:
    """A text column as UTF-8 bytes, so the API sends stored JSON without decoding and encoding it."""
    if dialect == "postgresql":  # a text-to-bytea cast would read backslashes as escapes
        return func.convert_to(column, "UTF8", type_=LargeBinary)
    return cast(column, LargeBinary)


def event_json(engine: Engine, chosen: EventFilter) -> list[bytes]:
    """The same events as `query_events`, as JSON bytes spliced without parsing (the API's fast path)."""
    return [
        b'%s, "revision": %d, "updated": %s}' % (bytes(text)[:-1], revision, json.dumps(updated).encode())
        for text, revision, updated in _listing(
            engine, chosen, _as_bytes(schema.canonical_events.c.record, engine.dialect.name)
        )
    ]


def summary_json(engine: Engine, chosen: EventFilter) -> list[bytes]:
    """The map summaries (marsad.store.summary) of the same events, as stored JSON bytes."""
    column = _as_bytes(schema.canonical_events.c.summary, engine.dialect.name)
    return [bytes(text) for text, _revision, _updated in _listing(engine, chosen, column)]


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
