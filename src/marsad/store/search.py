"""Full-text search over the normalized Arabic of every report: SQLite FTS5, or PostgreSQL's
`arabic` text-search configuration (its stemmer sees the same normalized text)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, false, func, literal_column, select, text, update

from marsad.store import schema

_SQLITE_TABLE = "canonical_fts"
# FTS5 finds a row by its rowid alone: canonical_events.search_id holds it (an UNINDEXED id column
# made every update scan the whole index, so ingest slowed as the store grew)
_SQLITE_CREATE = f"CREATE VIRTUAL TABLE IF NOT EXISTS {_SQLITE_TABLE} USING fts5(body)"


def create_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.execute(text(_SQLITE_CREATE))
    elif connection.dialect.name == "postgresql":
        connection.execute(
            text(
                "CREATE INDEX IF NOT EXISTS canonical_events_fts ON canonical_events "
                "USING gin (to_tsvector('arabic', normalized))"
            )
        )


def rebuild_index(connection: Connection) -> None:
    """Index every live canonical event again, from scratch (SQLite; PostgreSQL's needs nothing)."""
    if connection.dialect.name != "sqlite":
        return
    table = schema.canonical_events
    connection.execute(text(f"DROP TABLE IF EXISTS {_SQLITE_TABLE}"))
    connection.execute(text(_SQLITE_CREATE))
    connection.execute(update(table).values(search_id=None))
    live = connection.execute(select(table.c.id, table.c.normalized).where(table.c.deleted.is_(False))).all()
    for canonical_id, normalized in live:
        if normalized:
            _add_to_index(connection, canonical_id, normalized)


def index_text(connection: Connection, canonical_id: str, normalized: str | None) -> None:
    """Keep the SQLite index in step with a canonical event (None: it is gone). PostgreSQL's index
    is an expression over the column and needs nothing."""
    if connection.dialect.name != "sqlite":
        return
    table = schema.canonical_events
    search_id = connection.execute(select(table.c.search_id).where(table.c.id == canonical_id)).scalar()
    if search_id is not None and normalized:
        connection.execute(
            text(f"UPDATE {_SQLITE_TABLE} SET body = :body WHERE rowid = :row"), {"body": normalized, "row": search_id}
        )
        return
    if search_id is not None:
        connection.execute(text(f"DELETE FROM {_SQLITE_TABLE} WHERE rowid = :row"), {"row": search_id})
        connection.execute(update(table).where(table.c.id == canonical_id).values(search_id=None))
        return
    if normalized:
        _add_to_index(connection, canonical_id, normalized)


def _add_to_index(connection: Connection, canonical_id: str, normalized: str) -> None:
    """A new row in SQLite's index, its rowid kept as the canonical event's search_id."""
    row = connection.execute(text(f"INSERT INTO {_SQLITE_TABLE} (body) VALUES (:body)"), {"body": normalized})
    table = schema.canonical_events
    connection.execute(update(table).where(table.c.id == canonical_id).values(search_id=row.lastrowid))


def matches(dialect: str, normalized_query: str) -> ColumnElement[bool]:
    """A WHERE clause: canonical events whose reports contain every word of the query."""
    # only letters and digits reach the index's query syntax (NUL and quotes would break it)
    words = [cleaned for word in normalized_query.split() if (cleaned := "".join(c for c in word if c.isalnum()))]
    if not words:
        return false()  # punctuation alone finds nothing
    if dialect == "sqlite":
        quoted = " ".join('"' + word.replace('"', "") + '"' for word in words)
        hits = select(literal_column("rowid")).select_from(text(_SQLITE_TABLE)).where(text(f"{_SQLITE_TABLE} MATCH :q"))
        return schema.canonical_events.c.search_id.in_(hits.params(q=quoted))
    if dialect == "postgresql":
        return func.to_tsvector("arabic", schema.canonical_events.c.normalized).op("@@")(
            func.plainto_tsquery("arabic", " ".join(words))
        )
    return schema.canonical_events.c.normalized.contains(normalized_query)
