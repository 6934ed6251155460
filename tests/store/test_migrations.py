"""A store written by an older schema version is brought up to date when it is opened."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, text, update

from marsad.fuse.fusion import canonical_record
from marsad.model import Document, DocumentRecord
from marsad.pipeline import extract
from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from marsad.store.query import EventFilter, count_events, query_events, summary_json
from marsad.store.summary import summary
from tests.verdicts import MENTION_DATE, NEWS_AND_MENTION, NEWS_DATE, clash, records, stand_in

REPORTS = [
    Document(
        id="migration-1",
        text="قتل ثلاثة مدنيين وأصيب خمسة آخرون بانفجار عبوة ناسفة في قضاء الخالص بمحافظة ديالى صباح اليوم.",
        published="2024-03-05",
        source="outlet-a",
    ),
    Document(
        id="migration-2",
        text="اعتقلت القوات الأمنية أربعة مطلوبين في مدينة الرمادي بمحافظة الأنبار أمس.",
        published="2024-03-06",
        source="outlet-b",
    ),
]


def _strip_verdicts(record: dict[str, Any]) -> dict[str, Any]:
    stripped = {key: value for key, value in record.items() if key not in ("reported", "news_probability", "repeats")}
    if "sources" in stripped:
        stripped["sources"] = [_strip_verdicts(source) for source in stripped["sources"]]
    return stripped


def _as_version_3(connection: Connection, strip: bool = True) -> None:
    """What a store written by schema version 3 looks like: canonical events built from asserted
    reports only, with no `reported` column, listings that do not lead with it, and records from
    before the news judge; the other reports stored with no canonical event."""
    table, reports = schema.canonical_events, schema.document_events
    for name in ("canonical_news_listing", "canonical_news_listing_by_type", "canonical_news_listing_by_admin1"):
        connection.execute(text(f"DROP INDEX {name}"))
    for identifier, record in connection.execute(select(reports.c.id, reports.c.record)).all():
        stripped = _strip_verdicts(json.loads(record)) if strip else json.loads(record)
        values: dict[str, Any] = {"record": json.dumps(stripped, ensure_ascii=False)}
        if stripped["modality"] != "asserted":  # kept out of fusion before version 4
            canonical = connection.execute(select(reports.c.canonical_id).where(reports.c.id == identifier)).scalar()
            connection.execute(delete(table).where(table.c.id == canonical))
            values["canonical_id"] = None
        connection.execute(update(reports).where(reports.c.id == identifier).values(**values))
    for identifier, record in connection.execute(select(table.c.id, table.c.record)).all():
        if strip:
            stripped = json.dumps(_strip_verdicts(json.loads(record)), ensure_ascii=False)
            connection.execute(update(table).where(table.c.id == identifier).values(record=stripped))
    connection.execute(text("ALTER TABLE canonical_events DROP COLUMN reported"))
    connection.execute(text("CREATE INDEX canonical_listing ON canonical_events (deleted, event_date, id)"))
    connection.execute(update(schema.meta).where(schema.meta.c.key == "schema_version").values(value="3"))


def _as_version_1(engine: Engine) -> None:
    """What a store written by schema version 1 looks like: no summaries, and in SQLite a full-text
    index that names canonical events in an unindexed id column."""
    with engine.begin() as connection:
        _as_version_3(connection)
        connection.execute(text("DROP INDEX canonical_by_search_id"))
        connection.execute(text("ALTER TABLE canonical_events DROP COLUMN search_id"))
        connection.execute(text("ALTER TABLE canonical_events DROP COLUMN summary"))
        if engine.dialect.name == "sqlite":
            connection.execute(text("DROP TABLE canonical_fts"))
            connection.execute(text("CREATE VIRTUAL TABLE canonical_fts USING fts5(id UNINDEXED, body)"))
            connection.execute(
                text(
                    "INSERT INTO canonical_fts (id, body) SELECT id, normalized FROM canonical_events WHERE NOT deleted"
                )
            )
        connection.execute(update(schema.meta).where(schema.meta.c.key == "schema_version").values(value="1"))


def _version(engine: Engine) -> str:
    with engine.connect() as connection:
        return connection.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).scalar_one()


def test_version_1_store_gains_summaries_when_opened(engine: Engine) -> None:
    ingest(engine, REPORTS, extractor=_before_the_judge)  # as a Marsad of schema version 1 wrote them
    events = query_events(engine, EventFilter())
    assert len(events) == 2
    _as_version_1(engine)
    assert _version(engine) == "1"

    reopened = open_store(str(engine.url.render_as_string(hide_password=False)))
    try:
        assert _version(reopened) == str(schema.SCHEMA_VERSION)
        migrated = query_events(reopened, EventFilter())
        stored = [json.loads(item) for item in summary_json(reopened, EventFilter())]
        assert stored == [summary(event) for event in migrated]
        assert {item["admin1"] for item in stored} == {"Diyala", "Al-Anbar"}
        # the records themselves are untouched but for the news verdict (no judge gave a probability)
        assert [_strip_verdicts(event) for event in migrated] == [_strip_verdicts(event) for event in events]
        assert [(event["reported"], event["news_probability"]) for event in migrated] == [(True, None)] * 2
        found = query_events(reopened, EventFilter(text="عبوة ناسفة"))  # the rebuilt full-text index
        assert [event["event_id"] for event in found] == [
            event["event_id"] for event in events if event["sub_event_type"] == "Remote explosive/landmine/IED"
        ]
    finally:
        reopened.dispose()


def test_new_reports_after_migration_get_summaries(engine: Engine) -> None:
    ingest(engine, REPORTS[:1], extractor=_before_the_judge)
    _as_version_1(engine)
    reopened = open_store(str(engine.url.render_as_string(hide_password=False)))
    try:
        ingest(reopened, REPORTS[1:], extractor=_before_the_judge)
        with reopened.connect() as connection:
            missing = connection.execute(
                select(schema.canonical_events.c.id).where(schema.canonical_events.c.summary.is_(None))
            ).all()
        assert missing == []
        assert len(summary_json(reopened, EventFilter())) == 2
        assert len(query_events(reopened, EventFilter(text="مطلوبين"))) == 1
    finally:
        reopened.dispose()


def _before_the_judge(document: Document, default_published: dt.date | None) -> DocumentRecord:
    """The record an earlier Marsad wrote: no news verdicts, only what the words say."""
    record = extract(document, default_published)
    return record.model_copy(update={"events": [_strip_verdicts(event) for event in record.events]})


def test_version_3_store_keeps_its_news_and_the_other_events_become_queryable(engine: Engine) -> None:
    ingest(engine, [NEWS_AND_MENTION, *REPORTS], extractor=_before_the_judge)
    with engine.begin() as connection:
        _as_version_3(connection)
    reopened = open_store(str(engine.url.render_as_string(hide_password=False)))
    try:
        assert _version(reopened) == str(schema.SCHEMA_VERSION)
        news = query_events(reopened, EventFilter())
        assert len(news) == 3 and all(event["reported"] is True for event in news)
        assert NEWS_DATE in {event["event_date"] for event in news}
        (mention,) = query_events(reopened, EventFilter(reported=False))  # background: out of fusion before
        assert (mention["event_date"], mention["reported"], mention["modality"]) == (MENTION_DATE, False, "background")
        assert [source["document_id"] for source in mention["sources"]] == [NEWS_AND_MENTION.id]
        assert count_events(reopened, EventFilter(reported=None)) == 4
        assert json.loads(summary_json(reopened, EventFilter(reported=False))[0])["reported"] is False
        found = query_events(reopened, EventFilter(text="بيجي", reported=None))  # the new event is searchable
        assert [event["event_id"] for event in found] == [mention["event_id"]]
        with reopened.connect() as connection:
            records = [json.loads(r) for r in connection.execute(select(schema.document_events.c.record)).scalars()]
        assert sorted(record["reported"] for record in records) == [False, True, True, True]
        assert all(record["news_probability"] is None for record in records)
        ingest(reopened, REPORTS, extractor=_before_the_judge)  # and the store goes on as any other
        assert count_events(reopened, EventFilter(reported=None)) == 4
    finally:
        reopened.dispose()


def test_a_canonical_event_that_took_in_reports_that_are_not_news_gives_them_back(engine: Engine) -> None:
    """A store written with the judge's records before version 4 fused the asserted reports that are
    not news with the news: opening it moves them out into an event of their own, and revises it."""
    written = {"wire-a": [clash("wire-a", reported=True)], "column-b": [clash("column-b", reported=False)]}
    ingest(engine, [stand_in("wire-a", "2024-05-10"), stand_in("column-b", "2024-05-10")], extractor=records(written))
    (news,) = query_events(engine, EventFilter())
    table, reports = schema.canonical_events, schema.document_events
    with engine.begin() as connection:  # as version 3 fused them: one event, asserted reports
        connection.execute(delete(table).where(table.c.id != news["event_id"]))
        connection.execute(update(reports).values(canonical_id=news["event_id"]))
        both = [
            (events[0], {"id": document_id, "source": document_id, "url": None})
            for document_id, events in written.items()
        ]
        record = canonical_record(news["event_id"], both)
        connection.execute(update(table).values(record=json.dumps(record, ensure_ascii=False)))
        _as_version_3(connection, strip=False)
    reopened = open_store(str(engine.url.render_as_string(hide_password=False)))
    try:
        (kept,) = query_events(reopened, EventFilter())
        assert kept["event_id"] == news["event_id"] and kept["revision"] == 2
        assert [source["document_id"] for source in kept["sources"]] == ["wire-a"]
        (given_back,) = query_events(reopened, EventFilter(reported=False))
        assert [source["document_id"] for source in given_back["sources"]] == ["column-b"]
    finally:
        reopened.dispose()
