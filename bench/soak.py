"""Soak: mixed reads and writes against a real `marsad serve` for a while, from concurrent clients.

The store starts with team-written reports (tests/written_reports.py); each client then loops over
a weighted mix: event pages (full and map summaries, filtered), stats, search, one event, one
document, an export, and writes (POST /api/documents with a new report; now and then a hostile
body, which must get a 4xx). An error is a 5xx, a transport failure, or a good request that did not
get its 2xx. Prints requests, errors, latency percentiles per kind and the server's memory growth
(resident set of its processes, after one request of each kind has loaded models and caches, and at
the end).

    .venv/bin/python bench/soak.py [--seconds 600] [--clients 8] [--workers 1] [--documents 200] [--db URL]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile import hostile_lines
from tests.serving import running_server
from tests.written_reports import PLACES, written_reports

from marsad.io.readers import read_jsonl_path
from marsad.store.db import open_store
from marsad.store.ingest import ingest

TOKEN = "soak-token"
SEARCH_WORDS = ["داعش", "عبوة", "الحويجة", "ديالى", "مسلحون", "الجيش"]
# (kind, weight): reads dominate, as on a dashboard; one request in ten writes.
MIX = [
    ("page", 30),
    ("summaries", 15),
    ("filtered", 15),
    ("stats", 10),
    ("search", 8),
    ("event", 8),
    ("document", 4),
    ("export", 2),
    ("write", 7),
    ("hostile", 1),
]


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


def _rss(pid: int) -> int:
    """Resident bytes of the server and its worker processes."""
    process = psutil.Process(pid)
    return sum(item.memory_info().rss for item in [process, *process.children(recursive=True)])


class Client(threading.Thread):
    def __init__(self, number: int, base: str, until: float, tally: Tally, known: dict[str, list[str]]) -> None:
        super().__init__(daemon=True)
        self.http = httpx.Client(base_url=base, timeout=120)
        self.chooser = random.Random(number)
        self.number, self.until, self.tally, self.known = number, until, tally, known
        self.written = 0
        self.hostile = [line for line in hostile_lines(good=0, bad=200, seed=number) if len(line.data) < 1 << 20]

    def run(self) -> None:
        kinds = [kind for kind, _ in MIX]
        weights = [weight for _, weight in MIX]
        while time.monotonic() < self.until:
            kind = self.chooser.choices(kinds, weights)[0]
            started = time.perf_counter()
            try:
                error = getattr(self, f"_{kind}")()
            except httpx.HTTPError as failure:
                error = f"{type(failure).__name__}: {failure}"
            self.tally.record(kind, time.perf_counter() - started, error)

    def _get(self, path: str) -> str | None:
        response = self.http.get(path)
        if response.status_code != 200:
            return f"GET {path} -> {response.status_code} {response.text[:120]}"
        return None

    def _page(self) -> str | None:
        return self._get(f"/api/events?offset={self.chooser.randrange(0, 200)}")

    def _summaries(self) -> str | None:
        return self._get("/api/events?view=summary&limit=1000&reported=all")

    def _filtered(self) -> str | None:
        place = self.chooser.choice(PLACES).split("بمحافظة")[-1].split()[-1]
        return self._get(f"/api/events?admin1={quote(place)}&since=2024-01-01&until=2024-12-31&event_type=Battles")

    def _stats(self) -> str | None:
        return self._get("/api/stats?reported=all")

    def _search(self) -> str | None:
        return self._get(f"/api/search?q={quote(self.chooser.choice(SEARCH_WORDS))}")

    def _event(self) -> str | None:
        events = self.known["events"]
        return self._get(f"/api/events/{self.chooser.choice(events)}") if events else None

    def _document(self) -> str | None:
        return self._get(f"/api/documents/{quote(self.chooser.choice(self.known['documents']), safe='')}")

    def _export(self) -> str | None:
        return self._get(f"/api/events?format={self.chooser.choice(['acled-csv', 'geojson', 'jsonl'])}")

    def _write(self) -> str | None:
        self.written += 1
        (report,) = written_reports(1, seed=self.number * 100_000 + self.written, prefix=f"soak{self.number}")
        report["id"] = f"soak-{self.number}-{self.written}"
        response = self.http.post("/api/documents", json=report, headers={"Authorization": f"Bearer {TOKEN}"})
        if response.status_code != 200:
            return f"POST -> {response.status_code} {response.text[:120]}"
        self.known["documents"].append(report["id"])
        return None

    def _hostile(self) -> str | None:
        line = self.chooser.choice(self.hostile)
        headers = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
        response = self.http.post("/api/documents", content=line.data, headers=headers)
        if response.status_code >= 500:
            return f"hostile {line.kind} -> {response.status_code}"
        return None


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def soak(seconds: float, clients: int, workers: int, documents: int, db_url: str | None = None) -> dict[str, Any]:
    """Run the soak; return its figures (bench/reliability.py reads them)."""
    with tempfile.TemporaryDirectory(prefix="marsad-soak-") as folder:
        url = db_url or f"sqlite:///{Path(folder) / 'store.sqlite'}"
        corpus = Path(folder) / "seed.jsonl"
        reports = written_reports(documents, seed=5, prefix="seed")
        corpus.write_text("".join(json.dumps(report, ensure_ascii=False) + "\n" for report in reports), "utf-8")
        engine = open_store(url)
        ingest(engine, read_jsonl_path(str(corpus)))
        engine.dispose()
        with running_server(url, token=TOKEN, workers=workers) as base:
            events = httpx.get(f"{base}/api/events?limit=500&reported=all", timeout=60).json()["events"]
            known = {"events": [event["event_id"] for event in events], "documents": [r["id"] for r in reports]}
            server_pid = _server_pid(base)
            warm = Client(-1, base, 0, Tally(), known)
            for kind, _ in MIX:  # models and caches load on first use: memory is measured after
                getattr(warm, f"_{kind}")()
            rss_start = _rss(server_pid)
            tally = Tally()
            until = time.monotonic() + seconds
            threads = [Client(number, base, until, tally, known) for number in range(clients)]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            rss_end = _rss(server_pid)
    every = [value for values in tally.latencies.values() for value in values]
    return {
        "seconds": round(elapsed, 1),
        "clients": clients,
        "workers": workers,
        "requests": len(every),
        "requests_per_second": round(len(every) / elapsed, 1),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "p50_ms": round(1000 * _percentile(every, 0.50), 1),
        "p95_ms": round(1000 * _percentile(every, 0.95), 1),
        "p99_ms": round(1000 * _percentile(every, 0.99), 1),
        "by_kind": {
            kind: {
                "requests": len(values),
                "p50_ms": round(1000 * statistics.median(values), 1),
                "p99_ms": round(1000 * _percentile(values, 0.99), 1),
            }
            for kind, values in sorted(tally.latencies.items())
        },
        "rss_start_mb": round(rss_start / 2**20, 1),
        "rss_end_mb": round(rss_end / 2**20, 1),
        "rss_growth_mb": round((rss_end - rss_start) / 2**20, 1),
    }


def _server_pid(base: str) -> int:
    """The process listening on the server's port (running_server does not hand out its Popen)."""
    port = int(base.rsplit(":", 1)[1])
    for connection in psutil.net_connections(kind="tcp"):
        if connection.laddr and connection.laddr.port == port and connection.status == psutil.CONN_LISTEN:
            return connection.pid
    raise RuntimeError(f"no process listens on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="marsad serve --workers")
    parser.add_argument("--documents", type=int, default=200, help="reports in the store at the start")
    parser.add_argument("--db", help="a store URL (default: a new SQLite file)")
    args = parser.parse_args()
    figures = soak(args.seconds, args.clients, args.workers, args.documents, args.db)
    print(f"soak: {figures['seconds']} s, {figures['clients']} clients, {figures['workers']} server worker(s)")
    print(f"requests {figures['requests']:,} ({figures['requests_per_second']}/s), errors {figures['errors']}")
    print(f"latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms")
    print(f"server memory {figures['rss_start_mb']} MB -> {figures['rss_end_mb']} MB ({figures['rss_growth_mb']:+} MB)")
    print(f"{'kind':<10} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for kind, row in figures["by_kind"].items():
        print(f"{kind:<10} {row['requests']:>9,} {row['p50_ms']:>8} {row['p99_ms']:>8}")
    for error in figures["first_errors"]:
        print(f"error: {error}")
    sys.exit(1 if figures["errors"] else 0)


if __name__ == "__main__":
    main()
