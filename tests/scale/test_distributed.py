"""The Dask runner on a real LocalCluster of two worker processes: the same output in the same order
as one process, the same store, and a worker killed mid-run changes nothing.

Dask is a required component: without a cluster these tests skip on a user's machine and fail in CI.
"""

from __future__ import annotations

import functools
import json
import os
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from marsad.cli import OutputFormat, render_document
from marsad.io.readers import InputError
from marsad.model import Document
from marsad.scale.tasks import Failure, attempt
from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from tests.required import require
from tests.scale.reports import reports

DOCUMENTS = 300
TIMESTAMPS = {"retrieved", "created", "updated", "at"}  # wall-clock columns and record keys


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    try:
        from marsad.scale.cluster import connect

        with connect(workers=2) as client:
            yield client
            return
    except Exception as error:  # noqa: BLE001 - any failure to start the cluster is the same verdict
        require(False, f"Dask cannot start a LocalCluster of two workers ({type(error).__name__}: {error})")


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return reports(DOCUMENTS)


def with_errors(documents: list[Document]) -> list[Document | InputError]:
    """The documents with unreadable ones among them, which stay in their place in the output."""
    items: list[Document | InputError] = list(documents)
    items.insert(7, InputError("broken.jsonl:8", "invalid JSON"))
    items.insert(150, InputError("empty.txt", "empty text"))
    return items


def test_extraction_on_two_workers_is_the_single_process_output_in_order(
    client: Any, documents: list[Document]
) -> None:
    from marsad.scale.ordered import map_ordered

    task = functools.partial(render_document, default_published=None, output_format=OutputFormat.json)
    items = with_errors(documents)
    here = [(item, attempt(task, item) if isinstance(item, Document) else None) for item in items]
    there = list(map_ordered(client, iter(items), task, batch_size=7))
    assert [item for item, _ in there] == items
    assert [result for _, result in there] == [result for _, result in here]
    assert len(client.nthreads()) == 2
    assert sum(events for _, result in here if result for _, events in [result]) > DOCUMENTS // 2


def test_a_document_that_fails_on_a_worker_is_reported_and_the_others_go_on(client: Any) -> None:
    from marsad.scale.ordered import map_ordered

    documents = reports(20, seed=5)
    results = [result for _, result in map_ordered(client, documents, _fails_on_seventh, batch_size=4)]
    assert results[7] == Failure("ValueError", "report-0007 is unreadable")
    assert results[:7] + results[8:] == [len(document.text) for document in documents if document.id != "report-0007"]


def _fails_on_seventh(document: Document) -> int:
    if document.id == "report-0007":
        raise ValueError(f"{document.id} is unreadable")
    return len(document.text)


def store_contents(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table, less wall-clock times, as sorted JSON: two stores built from the
    same input are equal when these are."""
    contents = {}
    with engine.connect() as connection:
        for table in schema.metadata.sorted_tables:
            columns = [
                column
                for column in table.columns
                if column.name not in TIMESTAMPS and (table.name, column.name) != ("deletions", "deleted")
            ]
            rows = []
            for row in connection.execute(select(*columns)).mappings():
                values = {key: _comparable(key, value) for key, value in row.items()}
                if table.name == "meta" and values["key"] == "created":
                    continue
                rows.append(json.dumps(values, ensure_ascii=False, sort_keys=True, default=str))
            contents[table.name] = sorted(rows)
    return contents


def _comparable(key: str, value: Any) -> Any:
    if key in ("record", "summary") and isinstance(value, str):
        return {name: field for name, field in json.loads(value).items() if name not in TIMESTAMPS}
    return value


def single_process_store(path: Path, items: Iterable[Document | InputError]) -> dict[str, list[str]]:
    engine = open_store(f"sqlite:///{path}")
    ingest(engine, items, batch_size=50)
    contents = store_contents(engine)
    engine.dispose()
    return contents


@pytest.fixture(scope="module")
def expected_store(tmp_path_factory: pytest.TempPathFactory, documents: list[Document]) -> dict[str, list[str]]:
    return single_process_store(tmp_path_factory.mktemp("single") / "store.sqlite", with_errors(documents))


def test_ingest_on_two_workers_gives_the_single_process_store(
    client: Any, documents: list[Document], expected_store: dict[str, list[str]], tmp_path: Path
) -> None:
    from marsad.scale.ingest import ingest_on

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    report = ingest_on(client, engine, with_errors(documents), batch_size=50)
    assert (report.added, report.failed) == (DOCUMENTS, 2)
    assert report.duplicates > 0 and report.canonical_merged > 0  # fusion had work to do
    assert store_contents(engine) == expected_store
    again = ingest_on(client, engine, with_errors(documents), batch_size=50)  # the resume rule: nothing twice
    assert (again.added, again.unchanged, again.reports) == (0, DOCUMENTS, 0)
    contents = store_contents(engine)
    engine.dispose()
    assert contents["documents"] == expected_store["documents"]
    assert contents["canonical_events"] == expected_store["canonical_events"]


def test_a_worker_killed_mid_run_changes_nothing_in_the_store(
    client: Any, documents: list[Document], expected_store: dict[str, list[str]], tmp_path: Path
) -> None:
    from marsad.scale.ingest import ingest_on

    before = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_worker_halfway(items: list[Document | InputError]) -> Iterator[Document | InputError]:
        for number, item in enumerate(items):
            if number == len(items) // 3:  # batches are in flight on both workers by now
                victim = max(before.values())
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)
            yield item

    engine = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    report = ingest_on(client, engine, kill_a_worker_halfway(with_errors(documents)), batch_size=50)
    contents = store_contents(engine)
    engine.dispose()
    assert killed and killed[0] not in client.run(os.getpid).values()  # it died; its nanny started another
    assert (report.added, report.failed) == (DOCUMENTS, 2)
    assert contents == expected_store
