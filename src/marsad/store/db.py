"""Opening the store: a SQLite file by default, or a PostgreSQL server by URL."""

from __future__ import annotations

import datetime as dt
import logging
import socket
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import SQLAlchemyError

from marsad.paths import data_dir
from marsad.store import schema
from marsad.store.locking import lock_for_writing
from marsad.store.migrations import migrate
from marsad.store.search import create_index

# When a server dies mid-transaction, SQLAlchemy's pool logs the failed close of the dead
# connection with its traceback; with no logging configured Python prints it on stderr. The
# StoreError that follows says what happened in one line: the pool's record goes to a handler
# that drops it unless the application configures logging itself.
logging.getLogger("sqlalchemy.pool").addHandler(logging.NullHandler())


class StoreError(Exception):
    """The store cannot be opened or is not Marsad's; the message says what to do."""


def default_url() -> str:
    return f"sqlite:///{data_dir() / 'marsad.sqlite'}"


def _url(url: str) -> str:
    """Accept plain `postgresql://` URLs and use the pure-Python, BSD-licensed pg8000 driver."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+pg8000://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers go on while an ingest writes
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _postgres_without_nagle(connection, _record) -> None:
    """pg8000 sends a query as several small writes and leaves Nagle's algorithm on, so each query
    can wait on a delayed ACK; with TCP_NODELAY an ingest into PostgreSQL runs about 3 times faster."""
    sock = getattr(connection, "_usock", None)  # pg8000 keeps its socket here; no public handle
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def open_store(url: str | None = None) -> Engine:
    """An engine with the schema in place (created on first use, checked afterwards)."""
    url = _url(url or default_url())
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        elif engine.dialect.name == "postgresql":
            event.listen(engine, "connect", _postgres_without_nagle)
        try:
            _migrate(engine)
        except SQLAlchemyError:  # another process was creating or migrating it at the same moment
            _migrate(engine, locked=True)
    except SQLAlchemyError as error:
        raise StoreError(f"cannot open the store at {url}: {error.__class__.__name__}: {error.orig or error}") from None
    return engine


def _migrate(engine: Engine, locked: bool = False) -> None:
    """Create the schema on an empty database, migrate an older one, refuse one from a newer Marsad.
    ``locked``: under the write lock (not needed to open a store that is in place, which may be read-only)."""
    with engine.begin() as connection:
        if locked:
            lock_for_writing(connection)
        schema.metadata.create_all(connection)  # tables a store lacks; columns come from migrations
        version = connection.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).scalar()
        if version is None:
            connection.execute(
                schema.meta.insert(),
                [{"key": "schema_version", "value": str(schema.SCHEMA_VERSION)}, {"key": "created", "value": now()}],
            )
        elif int(version) > schema.SCHEMA_VERSION:
            raise StoreError(
                f"the store has schema version {version}, newer than this Marsad ({schema.SCHEMA_VERSION})"
            )
        elif int(version) < schema.SCHEMA_VERSION:
            migrate(connection, int(version))
        for table in schema.metadata.sorted_tables:  # indexes added since a store was created
            for index in table.indexes:
                index.create(connection, checkfirst=True)
        create_index(connection)
