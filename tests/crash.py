"""Crash-safety harness: SIGKILL a real `marsad ingest` at chosen points, check the store after each
kill, resume, and compare the final store with one written without a kill. Used by
tests/store/test_kill_ingest.py and bench/reliability.py.

A document counts as acknowledged when `marsad ingest --log-commits` has printed its id: its batch
was committed. After every kill the store must open, pass its integrity check, hold every
acknowledged document exactly once, hold whole batches only (a prefix of the input, in order), and
hold for each stored document exactly the reports a clean run stores for it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text

from marsad.store import schema
from marsad.store.db import open_store

# Columns that hold the time a row was written: they differ between any two runs.
_TIMESTAMPS = {"retrieved", "created", "updated", "at"}
_RECORD_TIMESTAMPS = {"updated", "created"}
STARTUP_SECONDS = 2.5  # a kill before the first commit lands somewhere in here (start-up takes about 2 s)


def write_corpus(reports: list[dict[str, Any]], path: Path) -> list[str]:
    path.write_text("".join(json.dumps(report, ensure_ascii=False) + "\n" for report in reports), "utf-8")
    return [report["id"] for report in reports]


def ingest_command(corpus: Path, url: str, batch: int, log_commits: bool = True) -> list[str]:
    command = [sys.executable, "-m", "marsad.cli", "ingest", str(corpus), "--db", url, "--batch-size", str(batch)]
    return [*command, "--log-commits"] if log_commits else command


@dataclass
class Run:
    """One `marsad ingest` process, its acknowledgements read as they come."""

    process: subprocess.Popen[bytes]
    acked: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def start(cls, command: list[str]) -> Run:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        run = cls(process)
        threading.Thread(target=run._read, daemon=True).start()
        return run

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._lock:
                self.acked.append(line.decode("utf-8").rstrip("\n"))

    def acks(self) -> int:
        with self._lock:
            return len(self.acked)

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)

    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")


def kill_at(run: Run, after_acks: int, delay: float, deadline: float = 120.0) -> bool:
    """SIGKILL once `after_acks` ids are acknowledged and `delay` seconds more have passed; False when
    the run ended first."""
    started = time.monotonic()
    while run.acks() < after_acks:
        if run.process.poll() is not None or time.monotonic() - started > deadline:
            break
        time.sleep(0.002)
    time.sleep(delay)
    ended = run.process.poll() is not None
    run.kill()
    time.sleep(0.05)  # the reader thread takes the last lines
    return not ended


def rows(engine: Engine, table_name: str) -> list[tuple]:
    """A table's rows without write times, sorted: what must be equal between two stores."""
    table = schema.metadata.tables[table_name]
    kept = [column for column in table.columns if column.name not in _TIMESTAMPS and column.name != "search_id"]
    if table_name == "deletions":
        kept = [column for column in kept if column.name != "deleted"]  # a time here
    if table_name == "ingest_errors":
        kept = [column for column in kept if column.name != "id"]
    with engine.connect() as connection:
        found = [tuple(row) for row in connection.execute(select(*kept))]
    names = [column.name for column in kept]
    if "record" in names:
        at = names.index("record")
        found = [(*row[:at], _without_times(row[at]), *row[at + 1 :]) for row in found]
    return sorted(found, key=repr)


def _without_times(record: str) -> str:
    value = json.loads(record)
    if isinstance(value, dict):
        value = {key: item for key, item in value.items() if key not in _RECORD_TIMESTAMPS}
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


TABLES = ["documents", "document_events", "canonical_events", "revisions", "deletions", "ingest_errors"]


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    return {name: rows(engine, name) for name in TABLES}


def integrity_problems(engine: Engine) -> list[str]:
    """The engine's own integrity check (SQLite), and the references every store must keep."""
    problems: list[str] = []
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            verdict = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
            if verdict != ["ok"]:
                problems.append(f"integrity_check: {verdict[:5]}")
            keys = list(connection.execute(text("PRAGMA foreign_key_check")))
            if keys:
                problems.append(f"foreign_key_check: {keys[:5]}")
        events, documents, canonical = schema.document_events, schema.documents, schema.canonical_events
        orphans = connection.execute(
            select(func.count()).select_from(events.outerjoin(documents, documents.c.id == events.c.document_id))
            .where(documents.c.id.is_(None))
        ).scalar_one()
        if orphans:
            problems.append(f"{orphans} reports of no stored document")
        dangling = connection.execute(
            select(func.count()).select_from(events.outerjoin(canonical, canonical.c.id == events.c.canonical_id))
            .where(events.c.canonical_id.isnot(None), canonical.c.id.is_(None))
        ).scalar_one()
        if dangling:
            problems.append(f"{dangling} reports of no stored canonical event")
        for (record,) in connection.execute(select(canonical.c.record).where(canonical.c.deleted.is_(False))):
            for source in json.loads(record).get("sources", []):
                found = connection.execute(
                    select(func.count()).select_from(events).where(events.c.id == source["event_id"])
                ).scalar_one()
                if found != 1:
                    problems.append(f"canonical source {source['event_id']} stored {found} times")
    return problems


def reports_by_document(engine: Engine) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {}
    for row in rows(engine, "document_events"):
        out.setdefault(row[1], []).append(row)  # (id, document_id, ...)
    return out


@dataclass
class ChainResult:
    kills: int = 0  # processes killed mid-run
    acked: int = 0  # acknowledgements seen before kills
    lost: int = 0  # acknowledged documents missing afterwards (must be 0)
    mid_write: int = 0  # of the kills, those after the run had committed new documents
    completed: int = 0  # stores finished by a re-run and compared with the clean one
    runs: int = 0
    problems: list[str] = field(default_factory=list)


def check_after_kill(
    url: str, order: list[str], acked: set[str], clean: dict[str, list[tuple]]
) -> tuple[int, list[str]]:
    """The store after a kill: opens, consistent, acknowledged documents there once, whole batches."""
    engine = open_store(url)
    try:
        problems = integrity_problems(engine)
        stored = [row[0] for row in rows(engine, "documents")]
        lost = len(acked - set(stored))
        if lost:
            problems.append(f"{lost} acknowledged documents lost")
        if len(stored) != len(set(stored)):
            problems.append("a document stored twice")
        if sorted(stored) != sorted(order[: len(stored)]):
            problems.append("the stored documents are not the input's first ones (a batch half written)")
        reports = reports_by_document(engine)
        for identifier in stored:
            if reports.get(identifier, []) != clean.get(identifier, []):
                problems.append(f"{identifier}: reports differ from a clean run's")
                break
    finally:
        engine.dispose()
    return lost, problems


def differences(url: str, clean: dict[str, list[tuple]]) -> list[str]:
    engine = open_store(url)
    try:
        found = snapshot(engine)
    finally:
        engine.dispose()
    return [f"{table} differs from a clean run's" for table in TABLES if found[table] != clean[table]]


def kill_chain(
    url: str,
    corpus: Path,
    order: list[str],
    clean: dict[str, list[tuple]],
    kills: int,
    seed: int,
    batch: int,
    reset: Callable[[], None],
) -> ChainResult:
    """Kill `marsad ingest` `kills` times at points drawn from `seed`, each run resuming the last: most
    kills land a few milliseconds after a random number of acknowledged batches (inside the next
    batch or its commit), some anywhere in start-up. After each kill the store is checked; once a
    run has stored everything, the store is compared with the clean one (`clean`, a snapshot) and
    `reset` empties it for the next kills. A last, unkilled run completes the store at the end."""
    chooser = random.Random(seed)
    result = ChainResult()
    reports = {}
    for row in clean["document_events"]:
        reports.setdefault(row[1], []).append(row)
    stored = 0
    while True:
        finish = result.kills >= kills
        run = Run.start(ingest_command(corpus, url, batch))
        result.runs += 1
        if finish:
            killed = False
            run.process.wait(timeout=600)
        elif chooser.random() < 0.2:  # anywhere before the first commit: start-up, opening the store
            killed = kill_at(run, 0, chooser.uniform(0, STARTUP_SECONDS))
        else:  # inside the write phase: after 1 to all but the last pending new batches, a few ms on
            # (a resumed run acknowledges the documents it finds stored first, batch by batch)
            pending = -(-(len(order) - stored) // batch)
            killed = kill_at(run, stored + batch * chooser.randint(1, max(pending - 1, 1)), chooser.uniform(0, 0.06))
        if killed:
            result.kills += 1
            result.mid_write += len(run.acked) > stored
            result.acked += len(run.acked)
            lost, problems = check_after_kill(url, order, set(run.acked), reports)
            result.lost += lost
            result.problems += problems
        elif run.process.returncode != 0:
            result.problems.append(f"a run exited {run.process.returncode}: {run.stderr()[-500:]}")
        engine = open_store(url)
        stored = len(rows(engine, "documents"))
        engine.dispose()
        if stored == len(order):
            result.completed += 1
            result.problems += differences(url, clean)
            if finish:
                return result
            reset()
            stored = 0
