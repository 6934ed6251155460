"""Benchmark: ingest part A of the SaudiNewsNet security subset into SQLite and into PostgreSQL
(a temporary server started from the machine's initdb/pg_ctl), and fusion time against the number
of events (blocking by date keeps it from growing quadratically).

Part A covers only 14 days, so its date window holds most of the corpus. ``--copies 1 3`` also
measures fusion over 1 and over 3 copies of part A laid end to end in time (copy i published 14·i
days later, under new ids), which is what a longer corpus of the same density looks like: fusion
time per report should stay flat while the store grows threefold.

    .venv/bin/python bench/ingest.py [--sizes 1000 3733] [--no-postgres] [--copies 1 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import marsad.store.ingest as ingest_module
from corpus import CORPUS_DAYS, DEFAULT_CORPUS, load
from marsad.model import Document
from marsad.store.db import open_store
from marsad.store.ingest import ingest


class FusionClock:
    """Time spent matching reports against canonical events, and how many were matched."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0
        self._fuse = ingest_module._fuse

    def __enter__(self) -> FusionClock:
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return self._fuse(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        ingest_module._fuse = timed
        return self

    def __exit__(self, *_: object) -> None:
        ingest_module._fuse = self._fuse


def laid_end_to_end(documents: list[Document], copies: int) -> list[Document]:
    """``copies`` copies of the corpus, copy i shifted 14·i days later in time, with its own ids."""
    shifted = []
    for copy in range(copies):
        delta = dt.timedelta(days=CORPUS_DAYS * copy)
        for document in documents:
            published = document.published + delta if document.published else None
            shifted.append(document.model_copy(update={"id": f"{document.id}~{copy}", "published": published}))
    return shifted


def run(url: str, documents: list, label: str) -> None:
    engine = open_store(url)
    with FusionClock() as clock:
        started = time.perf_counter()
        report = ingest(engine, documents, batch_size=200)
        elapsed = time.perf_counter() - started
    engine.dispose()
    per_event_ms = 1000 * clock.seconds / max(clock.calls, 1)
    print(
        f"{label}: {len(documents)} documents in {elapsed:.1f} s = {len(documents) / elapsed:,.0f} documents/s; "
        f"{report.reports} reports, {report.canonical_created} canonical events, {report.canonical_merged} merged, "
        f"{report.duplicates} near-duplicates; fusion {clock.seconds:.2f} s for {clock.calls} reports "
        f"({per_event_ms:.2f} ms each)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3733])
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--copies", type=int, nargs="*", default=[], help="also fuse this many time-shifted copies of the corpus"
    )
    args = parser.parse_args()
    documents = load(args.corpus)
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            run(f"sqlite:///{Path(folder) / f'bench-{size}.sqlite'}", documents[:size], f"SQLite, {size} documents")
        for copies in args.copies:
            run(
                f"sqlite:///{Path(folder) / f'copies-{copies}.sqlite'}",
                laid_end_to_end(documents, copies),
                f"SQLite, {copies} cop{'y' if copies == 1 else 'ies'} of the corpus over {CORPUS_DAYS * copies} days",
            )
    if not args.no_postgres:
        from tests.postgres import find_postgres_bin, temporary_postgres

        if find_postgres_bin() is None:
            print("PostgreSQL: no initdb/pg_ctl on this machine, skipped")
            return
        with temporary_postgres() as url:
            run(url, documents[: max(args.sizes)], f"PostgreSQL, {max(args.sizes)} documents")


if __name__ == "__main__":
    main()
