"""The test PostgreSQL server (tests/postgres.py) starts, speaks UTF-8 through SQLAlchemy and pg8000, is
version 15 (what Marsad supports), and has the Arabic text-search configuration."""

from __future__ import annotations

import sqlalchemy as sa

ARABIC = "قُتل ثلاثة عناصر من القوات الأمنية بانفجار عبوة ناسفة في الموصل"


def test_arabic_text_round_trips(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    metadata = sa.MetaData()
    reports = sa.Table(
        "fixture_reports",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
    )
    try:
        with engine.connect() as connection:
            # DDL is transactional in PostgreSQL: closing without a commit leaves the database empty.
            metadata.create_all(connection)
            connection.execute(reports.insert(), [{"id": 1, "body": ARABIC}])
            assert connection.execute(sa.select(reports.c.body).where(reports.c.id == 1)).scalar_one() == ARABIC
            assert connection.execute(sa.text("SHOW server_encoding")).scalar_one() == "UTF8"
    finally:
        engine.dispose()


def test_server_is_postgresql_15(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            version = connection.execute(sa.text("SELECT version()")).scalar_one()
    finally:
        engine.dispose()
    assert version.startswith("PostgreSQL 15."), version


def test_arabic_text_search_configuration(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            configurations = connection.execute(sa.text("SELECT cfgname FROM pg_ts_config")).scalars().all()
            vector = connection.execute(sa.text("SELECT to_tsvector('arabic', 'القوات')::text")).scalar_one()
    finally:
        engine.dispose()
    assert "arabic" in configurations
    assert vector.startswith("'") and vector.endswith("':1"), vector  # one stemmed lexeme at position 1
