"""One writer at a time: every transaction that writes the store (an ingest batch, a migration)
takes the store's write lock first, so that two `marsad ingest` processes, or an ingest and the
API, never interleave their reads and writes of the same canonical events.

Fusion reads canonical events, then writes what it decided; two writers doing that at once would
each create the same event, or insert the same document twice. With the lock the second writer
waits for the first one's batch to commit, then reads what it wrote, and both runs finish.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# How long a writer waits for another writer's batch before it gives up with StoreError.
WRITE_LOCK_TIMEOUT_SECONDS = 600
# PostgreSQL advisory lock key: any 64-bit number no other application on the server uses.
_ADVISORY_KEY = 0x6D61727361640001  # "marsad" and 1


def lock_for_writing(connection: Connection) -> None:
    """Take the write lock for the rest of this transaction; the first statement of the transaction."""
    if connection.dialect.name == "sqlite":
        # pysqlite opens a transaction only at the first INSERT, after the batch's reads: BEGIN
        # IMMEDIATE takes the write lock before any read, waiting for it up to the busy timeout
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {WRITE_LOCK_TIMEOUT_SECONDS * 1000}")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_LOCK_TIMEOUT_SECONDS}s'")
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_KEY})
