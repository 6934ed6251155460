"""Every store test runs against SQLite and against a real PostgreSQL the tests start themselves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from marsad.store import schema
from marsad.store.db import open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
        yield engine
        engine.dispose()
        return
    engine = open_store(request.getfixturevalue("postgres_url"))
    yield engine
    schema.metadata.drop_all(engine)  # the server lives for the session: leave it empty
    engine.dispose()
