"""Benchmark: documents/s of `marsad extract` on a Dask LocalCluster of 1 and of 2 worker processes
over part A of the SaudiNewsNet security subset, the scaling efficiency (docs/s with 2 workers over
twice docs/s with 1), and each worker's peak resident memory. The single-process path is measured
too, for what the cluster costs over it.

Each run is timed from the first batch sent to the last result back in order, with the workers
already started and warmed up (the start-up, a few seconds, is printed apart). The task is the one
`marsad extract --workers N` runs: extraction and the JSON line. Needs `marsad gazetteer build`.

    .venv/bin/python bench/scale.py [--limit 1000] [--workers 1 2] [--batch 16] [--ingest]

``--ingest`` measures `marsad ingest` instead, into a new SQLite store each time: one process
(extraction and writing in turn) against N workers feeding the one writer.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import resource
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpus import DEFAULT_CORPUS, load
from marsad.cli import OutputFormat, render_document
from marsad.geo.gazetteer import default_gazetteer
from marsad.scale.cluster import connect
from marsad.scale.ingest import ingest_on
from marsad.scale.ordered import BATCH_SIZE, map_ordered
from marsad.scale.tasks import attempt
from marsad.store.db import open_store
from marsad.store.ingest import ingest

TASK = functools.partial(render_document, default_published=None, output_format=OutputFormat.json)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class Run:
    rate: float  # documents/s, wall clock
    events: int
    cpu_ms: float  # CPU per document, in every process of the run (workers and client)
    client_cpu_ms: float = 0.0  # of which the client's (reading, scheduling, results in order)
    ready: float = 0.0  # seconds until the cluster's workers were warmed up
    memory: list[float] = field(default_factory=list)  # peak RSS of each worker, MB


def single_process(documents: list) -> Run:
    attempt(TASK, documents[0])  # load the resources outside the timing
    cpu, started = time.process_time(), time.perf_counter()
    events = sum(attempt(TASK, document)[1] for document in documents)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return Run(len(documents) / seconds, events, 1000 * cpu / len(documents))


def on_cluster(documents: list, workers: int, batch: int) -> Run:
    started = time.perf_counter()
    with connect(workers=workers) as client:
        ready = time.perf_counter() - started
        before = client.run(time.process_time)
        cpu, started = time.process_time(), time.perf_counter()
        events = sum(result[1] for _, result in map_ordered(client, documents, TASK, batch_size=batch))
        seconds, client_cpu = time.perf_counter() - started, time.process_time() - cpu
        worker_cpu = sum(after - before[name] for name, after in client.run(time.process_time).items())
        memory = sorted(client.run(peak_rss_mb).values())
    per_document = 1000 / len(documents)
    return Run(
        len(documents) / seconds,
        events,
        (worker_cpu + client_cpu) * per_document,
        client_cpu * per_document,
        ready,
        memory,
    )


def ingest_rate(documents: list, workers: int | None) -> float:
    """Documents/s of an ingest into a new SQLite store, in this process or on N workers."""
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{Path(folder) / 'store.sqlite'}")
        if workers is None:
            started = time.perf_counter()
            ingest(engine, documents, 100)
            seconds = time.perf_counter() - started
        else:
            with connect(workers=workers) as client:
                started = time.perf_counter()
                ingest_on(client, engine, documents, 100)
                seconds = time.perf_counter() - started
        engine.dispose()
    return len(documents) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="documents per task")
    parser.add_argument("--no-single", action="store_true", help="skip the single-process run")
    parser.add_argument("--ingest", action="store_true", help="measure ingest into SQLite instead")
    args = parser.parse_args()
    gazetteer, problem = default_gazetteer()
    if gazetteer is None:
        raise SystemExit(f"bench: {problem}")
    documents = list(itertools.islice(load(args.corpus), args.limit))
    print(f"corpus: {args.corpus.name}, {len(documents)} documents; {os.cpu_count()} cores; batch {args.batch}")
    print(f"load average before: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")
    if args.ingest:
        if not args.no_single:
            attempt(TASK, documents[0])
            print(f"ingest, single process: {ingest_rate(documents, None):,.1f} documents/s")
        for workers in args.workers:
            rate = ingest_rate(documents, workers)
            print(f"ingest, {workers} worker{'s' if workers > 1 else ''}: {rate:,.1f} documents/s")
        print(f"load average after: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")
        return
    if not args.no_single:
        alone = single_process(documents)
        print(
            f"single process (no Dask): {alone.rate:,.1f} documents/s, {alone.events} events, "
            f"{alone.cpu_ms:.1f} ms CPU per document"
        )
    runs: dict[int, Run] = {}
    for workers in args.workers:
        run = runs[workers] = on_cluster(documents, workers, args.batch)
        print(
            f"{workers} worker{'s' if workers > 1 else ''}: {run.rate:,.1f} documents/s, {run.events} events; "
            f"{run.cpu_ms:.1f} ms CPU per document ({run.client_cpu_ms:.1f} in the client); cluster ready in "
            f"{run.ready:.1f} s; peak RSS per worker {', '.join(f'{mb:.0f}' for mb in run.memory)} MB"
        )
    if 1 in runs:
        for workers, run in runs.items():
            if workers > 1:
                print(f"scaling efficiency with {workers} workers: {run.rate / (workers * runs[1].rate):.2f}")
    print(f"load average after: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
