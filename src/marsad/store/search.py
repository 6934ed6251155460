"""Full-text search over the normalized Arabic of every report: SQLite FTS5, or PostgreSQL's
`arabic` text-search configuration (its stemmer sees the same normalized text)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, false, func, literal_column, select, text

from marsad.store import schema

_SQLITE_TABLE = "canonical_fts"


def create_index(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_SQLITE_TABLE} USING fts5(id UNINDEXED, body)"))
    elif connection.dialect.name == "postgresql":
        connection.execute(
            text(
                "CREATE INDEX IF NOT EXISTS canonical_events_fts ON canonical_events "
                "USING gin (to_tsvector('arabic', normalized))"
            )
        )


def index_text(connection: Connection, canonical_id: str, normalized: str | None) -> None:
    """Keep the SQLite index in step with a canonical event (None: it is gone). PostgreSQL's index
    is an expression over the column and needs nothing."""
    if connection.dialect.name != "sqlite":
        return
    connection.execute(text(f"DELETE FROM {_SQLITE_TABLE} WHERE id = :id"), {"id": canonical_id})
    if normalized:
        connection.execute(
            text(f"INSERT INTO {_SQLITE_TABLE} (id, body) VALUES (:id, :body)"),
            {"id": canonical_id, "body": normalized},
        )


def matches(dialect: str, normalized_query: str) -> ColumnElement[bool]:
    """A WHERE clause: canonical events whose reports contain every word of the query."""
    # only letters and digits reach the index's query syntax (NUL and quotes would break it)
    words = [cleaned for word in normalized_query.split() if (cleaned := "".join(c for c in word if c.isalnum()))]
    if not words:
        return false()  # punctuation alone finds nothing
    if dialect == "sqlite":
        quoted = " ".join('"' + word.replace('"', "") + '"' for word in words)
        hits = select(literal_column("id")).select_from(text(_SQLITE_TABLE)).where(text(f"{_SQLITE_TABLE} MATCH :q"))
        return schema.canonical_events.c.id.in_(hits.params(q=quoted))
    if dialect == "postgresql":
        return func.to_tsvector("arabic", schema.canonical_events.c.normalized).op("@@")(
            func.plainto_tsquery("arabic", " ".join(words))
        )
    return schema.canonical_events.c.normalized.contains(normalized_query)
