"""Benchmark: what limits the one writer. Records are made once (on a local Dask cluster), then
stored with no extraction in the timing, so the figures are the store's and fusion's alone:

- the write rate (documents/s and events/s stored, fusion included) into SQLite, and into
  PostgreSQL (a temporary server from the machine's initdb/pg_ctl, as tests/postgres.py starts);
- fusion's cost per report as the store grows: copies of part A laid end to end in time (copy i
  published and dated 14·i days later, under new ids) are ingested one after another into one
  SQLite store, and each copy's cost per report is printed against the number of events stored.

    .venv/bin/python bench/store_scale.py [--limit N] [--copies 8] [--workers 2] [--no-postgres] [--no-rate]

Fusion's cost per report depends on how many events share a report's date window (the density of
the corpus), not on how many the store holds: part A packs 12,000 events into 14 days, so a growth
run over all of it takes hours on two cores; ``--limit 1000`` measures the same shape in minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import itertools
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, func, select

from corpus import CORPUS_DAYS, DEFAULT_CORPUS, load
from ingest import FusionClock
from marsad.model import Document, DocumentRecord
from marsad.pipeline import extract
from marsad.scale.cluster import connect
from marsad.scale.ordered import map_ordered
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from marsad.store.schema import document_events

Pair = tuple[Document, DocumentRecord]


def extracted(documents: list[Document], workers: int) -> list[Pair]:
    with connect(workers=workers) as client:
        pairs = list(map_ordered(client, documents, functools.partial(extract, default_published=None)))
    return [(document, record) for document, record in pairs if isinstance(record, DocumentRecord)]


def _shift_event(event: dict[str, Any], old: str, new: str, delta: dt.timedelta) -> dict[str, Any]:
    event = dict(event, event_id=new + event["event_id"].removeprefix(old))
    if event.get("repeat_of"):
        event["repeat_of"] = new + event["repeat_of"].removeprefix(old)
    for key in ("event_date", "published"):
        if event.get(key):
            event[key] = (dt.date.fromisoformat(event[key]) + delta).isoformat()
    return event


def copy_of(pairs: list[Pair], copy: int) -> Iterator[Pair]:
    """Copy ``copy`` of the corpus, 14·copy days later, with its own ids."""
    delta = dt.timedelta(days=CORPUS_DAYS * copy)
    for document, record in pairs:
        identifier = f"{document.id}~{copy}"
        published = document.published + delta if document.published else None
        events = [_shift_event(event, document.id, identifier, delta) for event in record.events]
        yield (
            document.model_copy(update={"id": identifier, "published": published}),
            record.model_copy(update={"id": identifier, "published": published, "events": events}),
        )


def store_copy(engine: Engine, pairs: list[Pair]) -> tuple[float, int, FusionClock]:
    """Seconds to store the pairs (their records handed over, not extracted), reports stored, fusion."""
    records = {document.id: record for document, record in pairs}
    with FusionClock() as clock:
        started = time.perf_counter()
        report = ingest(engine, (document for document, _ in pairs), 200, None, None, lambda d, _: records[d.id])
        seconds = time.perf_counter() - started
    return seconds, report.reports, clock


def stored_events(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(document_events)).scalar_one()


def write_rate(url: str, pairs: list[Pair], label: str) -> None:
    engine = open_store(url)
    seconds, reports, clock = store_copy(engine, pairs)
    engine.dispose()
    print(
        f"{label}: {len(pairs)} documents in {seconds:.1f} s = {len(pairs) / seconds:,.0f} documents/s, "
        f"{reports / seconds:,.0f} events/s written; fusion {1000 * clock.seconds / max(clock.calls, 1):.2f} ms "
        f"per report ({clock.seconds / seconds:.0%} of the time)"
    )


def growth(url: str, pairs: list[Pair], copies: int) -> None:
    engine = open_store(url)
    print("fusion as the store grows (SQLite):")
    for copy in range(copies):
        before = stored_events(engine)
        seconds, reports, clock = store_copy(engine, list(copy_of(pairs, copy)))
        print(
            f"  copy {copy + 1}: {before:>9,} events stored before it; {reports / seconds:,.0f} events/s written; "
            f"fusion {1000 * clock.seconds / max(clock.calls, 1):.2f} ms per report"
        )
    print(f"  {stored_events(engine):,} events stored in all")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--copies", type=int, default=8, help="time-shifted copies for the growth measure")
    parser.add_argument("--workers", type=int, default=2, help="local Dask workers that make the records")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-rate", action="store_true", help="only the growth measure")
    args = parser.parse_args()
    documents = list(itertools.islice(load(args.corpus), args.limit))
    started = time.perf_counter()
    pairs = extracted(documents, args.workers)
    events = sum(len(record.events) for _, record in pairs)
    print(f"corpus: {len(pairs)} documents, {events} events (extracted in {time.perf_counter() - started:.0f} s)")
    with tempfile.TemporaryDirectory() as folder:
        if not args.no_rate:
            write_rate(f"sqlite:///{Path(folder) / 'rate.sqlite'}", pairs, "SQLite write rate")
        if not args.no_postgres and not args.no_rate:
            from tests.postgres import find_postgres_bin, temporary_postgres

            if find_postgres_bin() is None:
                print("PostgreSQL: no initdb/pg_ctl on this machine, skipped")
            else:
                with temporary_postgres() as url:
                    write_rate(url, pairs, "PostgreSQL write rate")
        if args.copies:
            growth(f"sqlite:///{Path(folder) / 'growth.sqlite'}", pairs, args.copies)


if __name__ == "__main__":
    main()
