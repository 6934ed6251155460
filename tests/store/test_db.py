"""Opening a store: connection settings that matter for speed."""

from __future__ import annotations

import socket

from marsad.store.db import open_store


def test_postgres_connections_send_without_nagle_delay(postgres_url: str) -> None:
    engine = open_store(postgres_url)
    try:
        with engine.connect() as connection:
            sock = connection.connection.dbapi_connection._usock
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        engine.dispose()
