"""Benchmark: `GET /api/events` under concurrent clients, on a SQLite store of 10,000 events.

The store: part A of the SaudiNewsNet security subset ingested once (about 2,000 canonical events),
then its canonical events copied with new ids and dates shifted by 14 days per copy until there are
10,000 (real records, real sizes). A real `marsad serve` process answers; the clients (asyncio, a
minimal HTTP/1.1 client) ask for pages of 100 events with the filters an analyst uses: none, a type,
an admin area, a date range, a page further down. Prints requests/s, latency percentiles and the
cores the clients themselves used (they share the machine), median of the rounds.

    .venv/bin/python bench/api.py [--events 10000] [--clients 16] [--seconds 10] [--rounds 3] [--workers 2]
                                  [--store FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.serving import running_server

from corpus import CORPUS_DAYS, DEFAULT_CORPUS, load
from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from marsad.store.summary import summary


def build_store(url: str, target: int) -> int:
    engine = open_store(url)
    ingest(engine, load(DEFAULT_CORPUS), batch_size=200)
    table = schema.canonical_events
    with engine.begin() as connection:
        originals = [dict(row._mapping) for row in connection.execute(select(table).where(table.c.deleted.is_(False)))]
        have = len(originals)
        copy = 1
        while have < target:
            rows = []
            for row in originals[: target - have]:
                shift = dt.timedelta(days=CORPUS_DAYS * copy)
                record = json.loads(row["record"])
                identifier = f"{row['id']}C{copy}"
                day = row["event_date"] + shift if row["event_date"] else None
                record["event_id"], record["event_date"] = identifier, day.isoformat() if day else None
                rows.append(
                    {
                        **row,
                        "id": identifier,
                        "event_date": day,
                        "record": json.dumps(record, ensure_ascii=False),
                        "summary": json.dumps(summary(record), ensure_ascii=False),
                    }
                )
            connection.execute(insert(table), rows)
            have += len(rows)
            copy += 1
        stored = connection.execute(select(func.count()).select_from(table)).scalar_one()
    engine.dispose()
    return stored


def requests_mix(meta: dict) -> list[str]:
    first, last = (dt.date.fromisoformat(day) for day in meta["date_range"])
    middle = first + (last - first) / 2
    admin1 = meta["admin1"][:5] or [""]
    mix = ["/api/events", "/api/events?offset=5000"]
    mix += [f"/api/events?event_type={quote(event_type)}" for event_type in meta["event_types"][:3]]
    mix += [f"/api/events?admin1={quote(name)}" for name in admin1]
    mix += [f"/api/events?since={middle}&until={middle + dt.timedelta(days=30)}"]
    return mix


class Connection:
    """A minimal HTTP/1.1 keep-alive client: the load generator shares the machine's cores with the
    server, so it should spend as little of them as it can (httpx spends about twice as much)."""

    def __init__(self, base: str) -> None:
        self.host, port = base.removeprefix("http://").split(":")
        self.port = int(port)
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in head[1:] if line)
        body = await reader.readexactly(int(headers["content-length"]))
        return int(head[0].split()[1]), body

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()


async def round_of(base: str, paths: list[str], clients: int, seconds: float) -> tuple[int, list[float], int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def worker(seed: int) -> None:
        nonlocal errors
        chooser = random.Random(seed)
        connection = Connection(base)
        try:
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                status, _body = await connection.get(chooser.choice(paths))
                latencies.append(time.perf_counter() - started)
                errors += status != 200
        finally:
            connection.close()

    await asyncio.gather(*(worker(seed) for seed in range(clients)))
    return len(latencies), latencies, errors


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(url: str, args: argparse.Namespace) -> None:
    with running_server(url, workers=args.workers) as base:
        meta = httpx.get(f"{base}/api/meta", timeout=60).json()
        paths = requests_mix(meta)
        page = httpx.get(base + paths[0], timeout=60)
        print(f"a page of 100 events: {len(page.content) / 1024:.0f} KB; {len(paths)} kinds of request")
        asyncio.run(round_of(base, paths, args.clients, 2.0))  # warm-up
        rates, p50s, p95s = [], [], []
        for number in range(1, args.rounds + 1):
            client_started = time.process_time()
            count, latencies, errors = asyncio.run(round_of(base, paths, args.clients, args.seconds))
            client_cores = (time.process_time() - client_started) / args.seconds
            rates.append(count / args.seconds)
            p50s.append(1000 * percentile(latencies, 0.50))
            p95s.append(1000 * percentile(latencies, 0.95))
            print(
                f"round {number}: {rates[-1]:.0f} requests/s, p50 {p50s[-1]:.1f} ms, p95 {p95s[-1]:.1f} ms, "
                f"{errors} errors ({args.clients} clients using {client_cores:.2f} cores, "
                f"{args.workers} server processes)"
            )
    print(
        f"GET /api/events, median of {args.rounds} rounds: {statistics.median(rates):.0f} requests/s, "
        f"p50 {statistics.median(p50s):.1f} ms, p95 {statistics.median(p95s):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="marsad serve --workers")
    parser.add_argument("--store", type=Path, help="keep the built store in this file and reuse it on later runs")
    args = parser.parse_args()
    if args.store and args.store.exists():
        measure(f"sqlite:///{args.store.resolve()}", args)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = args.store.resolve() if args.store else Path(folder) / "api-bench.sqlite"
        started = time.perf_counter()
        stored = build_store(f"sqlite:///{path}", args.events)
        print(f"store: {stored} canonical events (built in {time.perf_counter() - started:.0f} s)")
        measure(f"sqlite:///{path}", args)


if __name__ == "__main__":
    main()
