"""Steps that bring a store written by an older schema version up to the current one.

Each step runs inside the transaction that opens the store, so an interrupted migration leaves the
store as it was, and records its version when it is done.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Connection, select, text, update

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


# the version each step brings a store to
STEPS: dict[int, Callable[[Connection], None]] = {2: _add_summaries, 3: _index_by_search_id}


def migrate(connection: Connection, version: int) -> None:
    """Run every step after `version`, and record the version reached."""
    for target in sorted(STEPS):
        if target > version:
            STEPS[target](connection)
    connection.execute(
        update(schema.meta).where(schema.meta.c.key == "schema_version").values(value=str(schema.SCHEMA_VERSION))
    )
