"""An ingest killed with SIGKILL halfway leaves a consistent store, and a re-run ends with exactly
the counts of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.shared_data import shared_path

DOCUMENTS = 120
BATCH = 10


def corpus(path: Path) -> Path:
    source = shared_path("data", "saudinewsnet_security_subset", "part_A_2015-07-21_to_2015-08-03.jsonl")
    out = path / "corpus.jsonl"
    with source.open(encoding="utf-8") as stream, out.open("w", encoding="utf-8") as sink:
        for _, line in zip(range(DOCUMENTS), stream, strict=False):
            record = json.loads(line)
            sink.write(
                json.dumps(
                    {
                        "id": record["id"],
                        "text": record["content"],
                        "title": record["title"],
                        "source": record["source"],
                        "published": record["date_extracted"][:10],
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return out


def ingest_process(corpus_file: Path, database: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "marsad.cli",
            "ingest",
            str(corpus_file),
            "--db",
            f"sqlite:///{database}",
            "--batch-size",
            str(BATCH),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def table_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "document_events", "canonical_events", "revisions")
        }


def consistent(database: Path) -> None:
    with sqlite3.connect(database) as connection:
        orphans = connection.execute(
            "SELECT count(*) FROM document_events e LEFT JOIN documents d ON d.id = e.document_id WHERE d.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
        for (record,) in connection.execute("SELECT record FROM canonical_events WHERE deleted = 0"):
            for source in json.loads(record)["sources"]:
                found = connection.execute("SELECT count(*) FROM document_events WHERE id = ?", (source["event_id"],))
                assert found.fetchone()[0] == 1


def test_sigkill_halfway_then_resume(tmp_path: Path) -> None:
    corpus_file = corpus(tmp_path)
    complete = tmp_path / "complete.sqlite"
    finished = ingest_process(corpus_file, complete)
    assert finished.wait(timeout=300) == 0, finished.stderr.read().decode() if finished.stderr else ""

    interrupted = tmp_path / "interrupted.sqlite"
    process = ingest_process(corpus_file, interrupted)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until some batches, but not all, are committed
        if interrupted.exists():
            try:
                stored = table_counts(interrupted)["documents"]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 3 * BATCH:
                break
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    partial = table_counts(interrupted)
    assert 0 < partial["documents"] < DOCUMENTS
    assert partial["documents"] % BATCH == 0  # whole batches only
    consistent(interrupted)

    resumed = ingest_process(corpus_file, interrupted)
    assert resumed.wait(timeout=300) == 0
    consistent(interrupted)
    assert table_counts(interrupted) == table_counts(complete)
    with sqlite3.connect(interrupted) as left, sqlite3.connect(complete) as right:
        query = "SELECT id, fatalities FROM canonical_events WHERE deleted = 0 ORDER BY id"
        assert left.execute(query).fetchall() == right.execute(query).fetchall()
