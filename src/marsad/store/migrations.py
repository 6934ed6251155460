"""Steps that bring a store written by an older schema version up to the current one.

Each step runs inside the transaction that opens the store, so an interrupted migration leaves the
store as it was, and records its version when it is done.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, select, text, update

from marsad.fuse.fusion import is_reported
from marsad.store import schema
from marsad.store.search import rebuild_index
from marsad.store.summary import summary


def _add_summaries(connection: Connection) -> None:
    """Version 2: map summaries stored beside canonical records, so listings need not parse records."""
    connection.execute(text("ALTER TABLE canonical_events ADD COLUMN summary TEXT"))
    table = schema.canonical_events
    rows = connection.execute(select(table.c.id, table.c.record)).all()
    for identifier, record in rows:
        connection.execute(
            update(table)
            .where(table.c.id == identifier)
            .values(summary=json.dumps(summary(json.loads(record)), ensure_ascii=False))
        )


def _index_by_search_id(connection: Connection) -> None:
    """Version 3: SQLite's full-text index keyed by rowid (canonical_events.search_id), not by an
    unindexed id column that every update had to scan for."""
    connection.execute(text("ALTER TABLE canonical_events ADD COLUMN search_id INTEGER"))
    rebuild_index(connection)  # the store opener then adds the index on search_id


_LISTINGS_BEFORE_4 = ("canonical_listing", "canonical_listing_by_type", "canonical_listing_by_admin1")


def _with_verdict(record: dict[str, Any]) -> dict[str, Any]:
    """A report stored before version 4 with the news judge's two keys: `reported` as fusion took it
    (a record from before the judge is news when its words assert it), `news_probability` null
    where no judge gave one."""
    return {**record, "reported": is_reported(record), "news_probability": record.get("news_probability")}


def _separate_news(connection: Connection) -> None:
    """Version 4: canonical events say whether they are news (`reported`), news fuses with news
    only, and the events a store kept out of fusion (not asserted) become queryable canonical events
    that are not news. Nothing is deleted; a record only gains keys, unless a canonical event had
    taken in reports that are not news (a store written with the judge's records before version 4):
    those leave it for events of their own, and it is revised."""
    from marsad.fuse.fusion import canonical_record
    from marsad.store.ingest import IngestReport, _columns, _fuse, _reports_of, _revise

    true = "1" if connection.dialect.name == "sqlite" else "true"
    connection.execute(text(f"ALTER TABLE canonical_events ADD COLUMN reported BOOLEAN NOT NULL DEFAULT {true}"))
    for name in _LISTINGS_BEFORE_4:  # the opener adds the listings that lead with `reported`
        connection.execute(text(f"DROP INDEX IF EXISTS {name}"))
    reports = schema.document_events
    for identifier, record in connection.execute(select(reports.c.id, reports.c.record)).all():
        connection.execute(
            update(reports)
            .where(reports.c.id == identifier)
            .values(record=json.dumps(_with_verdict(json.loads(record)), ensure_ascii=False))
        )
    table = schema.canonical_events
    for identifier, record in connection.execute(select(table.c.id, table.c.record).order_by(table.c.id)).all():
        found = _reports_of(connection, identifier)
        news = [(report, document) for report, document in found if report["reported"]]
        if news and len(news) < len(found):
            others = [report["event_id"] for report, _ in found if not report["reported"]]
            connection.execute(update(reports).where(reports.c.id.in_(others)).values(canonical_id=None))
            _revise(
                connection,
                identifier,
                canonical_record(identifier, news),
                json.loads(record),
                "reports not reported as news left it (schema 4)",
            )
            continue
        verdicts = {report["event_id"]: report for report, _ in found}
        updated = json.loads(record)
        updated["reported"] = bool(news) if found else is_reported(updated)  # a retired event has no reports
        probabilities = [r["news_probability"] for r in verdicts.values() if r["news_probability"] is not None]
        updated["news_probability"] = max(probabilities) if probabilities else None
        for source in updated.get("sources") or []:
            own = verdicts.get(source.get("event_id"), {})
            source["reported"] = own.get("reported", updated["reported"])
            source["news_probability"] = own.get("news_probability")
            source["repeats"] = own.get("repeats") or []
        values = _columns(updated)
        values.pop("normalized")  # the full-text index keeps what it has
        connection.execute(update(table).where(table.c.id == identifier).values(**values))
    # the reports no canonical event took in: not asserted (kept out of fusion before version 4), or
    # just moved out; a repeat stays with the event it repeats, a syndicated copy with its original
    documents = schema.documents
    waiting = connection.execute(
        select(reports.c.id, reports.c.record, documents.c.id, documents.c.source, documents.c.url)
        .join(documents, documents.c.id == reports.c.document_id)
        .where(reports.c.canonical_id.is_(None), documents.c.duplicate_of.is_(None))
        .order_by(documents.c.published, reports.c.id)
    ).all()
    tally = IngestReport()
    for identifier, record, document_id, source, url in waiting:
        event = json.loads(record)
        if event.get("repeat_of"):
            continue
        canonical = _fuse(connection, event, {"id": document_id, "source": source, "url": url}, tally)
        connection.execute(update(reports).where(reports.c.id == identifier).values(canonical_id=canonical))


# the version each step brings a store to
STEPS: dict[int, Callable[[Connection], None]] = {2: _add_summaries, 3: _index_by_search_id, 4: _separate_news}


def migrate(connection: Connection, version: int) -> None:
    """Run every step after `version`, and record the version reached."""
    for target in sorted(STEPS):
        if target > version:
            STEPS[target](connection)
    connection.execute(
        update(schema.meta).where(schema.meta.c.key == "schema_version").values(value=str(schema.SCHEMA_VERSION))
    )
