"""A store written by an older schema version is brought up to date when it is opened."""

from __future__ import annotations

import json

from sqlalchemy import Engine, select, text, update

from marsad.model import Document
from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from marsad.store.query import EventFilter, query_events, summary_json
from marsad.store.summary import summary

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


def _as_version_1(engine: Engine) -> None:
    """What a store written by schema version 1 looks like: no summaries, and in SQLite a full-text
    index that names canonical events in an unindexed id column."""
    with engine.begin() as connection:
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
    ingest(engine, REPORTS)
    events = query_events(engine, EventFilter())
    assert len(events) == 2
    _as_version_1(engine)
    assert _version(engine) == "1"

    reopened = open_store(str(engine.url.render_as_string(hide_password=False)))
    try:
        assert _version(reopened) == str(schema.SCHEMA_VERSION)
        stored = [json.loads(item) for item in summary_json(reopened, EventFilter())]
        assert stored == [summary(event) for event in events]
        assert {item["admin1"] for item in stored} == {"Diyala", "Al-Anbar"}
        assert query_events(reopened, EventFilter()) == events  # the records themselves are untouched
        found = query_events(reopened, EventFilter(text="عبوة ناسفة"))  # the rebuilt full-text index
        assert [event["event_id"] for event in found] == [
            event["event_id"] for event in events if event["sub_event_type"] == "Remote explosive/landmine/IED"
        ]
    finally:
        reopened.dispose()


def test_new_reports_after_migration_get_summaries(engine: Engine) -> None:
    ingest(engine, REPORTS[:1])
    _as_version_1(engine)
    reopened = open_store(str(engine.url.render_as_string(hide_password=False)))
    try:
        ingest(reopened, REPORTS[1:])
        with reopened.connect() as connection:
            missing = connection.execute(
                select(schema.canonical_events.c.id).where(schema.canonical_events.c.summary.is_(None))
            ).all()
        assert missing == []
        assert len(summary_json(reopened, EventFilter())) == 2
        assert len(query_events(reopened, EventFilter(text="مطلوبين"))) == 1
    finally:
        reopened.dispose()
