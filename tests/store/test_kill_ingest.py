"""Crash safety, shown: `marsad ingest` (a real process) SIGKILLed at 20 points drawn from a fixed
seed, on SQLite and on PostgreSQL; after each kill the store opens, passes its integrity check and
holds every acknowledged document exactly once, in whole batches; re-runs complete it, and the final
store equals one written without a kill, table by table. And two `marsad ingest` processes writing
one store at once: both finish, nothing is stored twice or lost. See tests/crash.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from marsad.io.readers import read_jsonl_path
from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from tests.crash import Run, ingest_command, integrity_problems, kill_chain, rows, snapshot, write_corpus
from tests.written_reports import written_reports

KILLS = 20
SEED = 1919
BATCH = 3
DOCUMENTS = 45


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    url = request.getfixturevalue("postgres_url")
    empty(url)
    yield url
    empty(url)


def empty(url: str) -> None:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return
    engine = open_store(url)
    schema.metadata.drop_all(engine)
    engine.dispose()


def clean_store(url: str, corpus: Path) -> dict[str, list[tuple]]:
    """The store written without a kill (in this process: the same pipeline, the same batches)."""
    engine = open_store(url)
    try:
        report = ingest(engine, read_jsonl_path(str(corpus)), batch_size=BATCH)
        assert report.failed == 0
        return snapshot(engine)
    finally:
        engine.dispose()


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    path = tmp_path / "corpus.jsonl"
    return path, write_corpus(written_reports(DOCUMENTS, seed=SEED, prefix="k"), path)


def test_sigkill_at_20_points_loses_nothing_and_resumes_to_the_clean_store(
    store_url: str, corpus: tuple[Path, list[str]]
) -> None:
    path, order = corpus
    clean = clean_store(store_url, path)
    assert len(clean["canonical_events"]) > 10 and len(clean["revisions"]) > 0  # fusion had work to do
    empty(store_url)
    result = kill_chain(store_url, path, order, clean, KILLS, SEED, BATCH, reset=lambda: empty(store_url))
    assert result.problems == []
    assert result.kills == KILLS and result.lost == 0
    assert result.mid_write >= KILLS // 2  # most kills land while batches are being written
    assert result.acked > 0 and result.completed >= 1


def test_two_ingests_of_one_corpus_at_once_both_finish_and_store_it_once(
    store_url: str, corpus: tuple[Path, list[str]]
) -> None:
    path, order = corpus
    clean = clean_store(store_url, path)
    empty(store_url)
    runs = [Run.start(ingest_command(path, store_url, BATCH)) for _ in range(2)]
    for run in runs:
        assert run.process.wait(timeout=600) == 0, run.stderr()[-2000:]
    engine = open_store(store_url)
    try:
        assert integrity_problems(engine) == []
        assert snapshot(engine) == clean  # processed in input order, batch by batch, once
    finally:
        engine.dispose()
    acked = [identifier for run in runs for identifier in run.acked]
    assert sorted(set(acked)) == sorted(order)


def test_two_ingests_of_different_corpora_at_once_store_both(store_url: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    ids = write_corpus(written_reports(30, seed=1, prefix="a"), first)
    ids += write_corpus(written_reports(30, seed=2, prefix="b"), second)
    runs = [Run.start(ingest_command(path, store_url, 5)) for path in (first, second)]
    for run in runs:
        assert run.process.wait(timeout=600) == 0, run.stderr()[-2000:]
    engine: Engine = open_store(store_url)
    try:
        assert integrity_problems(engine) == []
        stored = [row[0] for row in rows(engine, "documents")]
        assert sorted(stored) == sorted(ids)
        events = rows(engine, "document_events")
        assert len({row[0] for row in events}) == len(events)
    finally:
        engine.dispose()
