"""What the API reads from the store beyond the event filter: one event with its sources and
revisions, one document with everything found in it, deletions, and the facts the dashboard's
filters offer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Engine, func, select

from marsad import __version__
from marsad.codebook import load_codebook
from marsad.store import schema


def event_detail(engine: Engine, event_id: str) -> dict[str, Any] | None:
    """A canonical event, its revisions, and every source's own report (spans into that document)."""
    table = schema.canonical_events
    with engine.connect() as connection:
        row = connection.execute(
            select(table.c.record, table.c.revision, table.c.created, table.c.updated, table.c.deleted).where(
                table.c.id == event_id
            )
        ).first()
        if row is None:
            return None
        record = json.loads(row.record)
        record.update(revision=row.revision, updated=row.updated, deleted=bool(row.deleted))
        revisions = schema.revisions
        # the revisions table records changes; the first version is the event's creation
        record["revisions"] = [{"revision": 1, "updated": row.created, "reason": "created"}] + [
            {"revision": revision, "updated": updated, "reason": reason}
            for revision, updated, reason in connection.execute(
                select(revisions.c.revision, revisions.c.updated, revisions.c.reason)
                .where(revisions.c.canonical_id == event_id, revisions.c.revision > 1)
                .order_by(revisions.c.revision)
            )
        ]
        merged = connection.execute(
            select(schema.deletions.c.merged_into).where(schema.deletions.c.canonical_id == event_id)
        ).scalar()
        record["merged_into"] = merged
        reports = schema.document_events
        documents = schema.documents
        record["sources_detail"] = [
            {"document_id": document_id, "source": source, "url": url, "published": _iso(published), "report": report}
            for document_id, source, url, published, text in connection.execute(
                select(
                    reports.c.document_id, documents.c.source, documents.c.url, documents.c.published, reports.c.record
                )
                .join(documents, documents.c.id == reports.c.document_id)
                .where(reports.c.canonical_id == event_id)
                .order_by(documents.c.published, reports.c.id)
            )
            for report in [json.loads(text)]
        ]
    return record


def document_detail(engine: Engine, document_id: str) -> dict[str, Any] | None:
    """A stored document's text and every event found in it, each with spans into that text."""
    documents = schema.documents
    reports = schema.document_events
    with engine.connect() as connection:
        row = connection.execute(
            select(
                documents.c.id,
                documents.c.title,
                documents.c.source,
                documents.c.url,
                documents.c.published,
                documents.c.retrieved,
                documents.c.duplicate_of,
                documents.c.text,
            ).where(documents.c.id == document_id)
        ).first()
        if row is None:
            return None
        events = [
            {**json.loads(text), "canonical_id": canonical}
            for text, canonical in connection.execute(
                select(reports.c.record, reports.c.canonical_id)
                .where(reports.c.document_id == document_id)
                .order_by(reports.c.id)
            )
        ]
    # a repeat (the same event told again in the article) belongs to the event it repeats
    canonical_of = {event["event_id"]: event["canonical_id"] for event in events}
    for event in events:
        if event["canonical_id"] is None and event.get("repeat_of"):
            event["canonical_id"] = canonical_of.get(event["repeat_of"])
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "url": row.url,
        "published": _iso(row.published),
        "retrieved": row.retrieved,
        "duplicate_of": row.duplicate_of,
        "text": row.text,
        "events": events,
    }


def deletions_since(engine: Engine, since: str | None) -> list[dict[str, Any]]:
    """Canonical events deleted or merged into another since a time (ISO 8601), oldest first."""
    table = schema.deletions
    query = select(table.c.canonical_id, table.c.deleted, table.c.merged_into, table.c.reason).order_by(
        table.c.deleted, table.c.canonical_id
    )
    if since:
        query = query.where(table.c.deleted >= since)
    with engine.connect() as connection:
        return [
            {"event_id": event_id, "deleted": deleted, "merged_into": merged_into, "reason": reason}
            for event_id, deleted, merged_into, reason in connection.execute(query)
        ]


def admin1_arabic(names: list[str]) -> dict[str, str]:
    """The Arabic name of each stored English admin1 name the shipped admin tables know."""
    from marsad.geo.admin import units

    arabic = {}
    for unit in units().values():
        if unit.level == 1 and unit.name in names and unit.name_ar:
            arabic.setdefault(unit.name, unit.name_ar)
    return dict(sorted(arabic.items()))


def store_facts(engine: Engine) -> dict[str, Any]:
    """Versions, the event types of the codebook, and the admin areas, actors and dates in the store."""
    table = schema.canonical_events
    live = table.c.deleted.is_(False)
    with engine.connect() as connection:
        admin1 = sorted(
            value for (value,) in connection.execute(select(table.c.admin1).where(live).distinct()) if value
        )
        actors: set[str] = set()
        for (joined,) in connection.execute(select(table.c.actors).where(live).distinct()):
            actors.update(name for name in joined.split("|") if name)
        first, last = connection.execute(select(func.min(table.c.event_date), func.max(table.c.event_date))).one()
    codebook = load_codebook()
    return {
        "version": __version__,
        "codebook_version": codebook.version,
        "event_types": list(dict.fromkeys(event_type for event_type, _ in codebook.sub_event_types)),
        "admin1": admin1,
        "admin1_ar": admin1_arabic(admin1),
        "actors": sorted(actors),
        "date_range": [_iso(first), _iso(last)] if first else None,
    }


def _iso(value: dt.date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value
