"""`marsad extract --workers 2` and `marsad ingest --workers 2` as a user runs them: what one process
gives (computed here, in the test's process), and the one-line summary on stderr."""

from __future__ import annotations

import functools
import sqlite3
import subprocess
import sys
from pathlib import Path

from marsad.cli import OutputFormat, render_document
from marsad.io.readers import read_jsonl_path
from marsad.model import Document
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from tests.scale.reports import reports

DOCUMENTS = 40


def corpus(path: Path) -> Path:
    out = path / "reports.jsonl"
    lines = [document.model_dump_json(exclude_none=True) for document in reports(DOCUMENTS, seed=21)]
    lines.insert(3, "{not json")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def marsad(*args: str) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [sys.executable, "-m", "marsad.cli", *args], capture_output=True, text=True, timeout=120, check=False
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    return completed


def test_extract_on_two_workers_writes_what_one_process_writes(tmp_path: Path) -> None:
    source = corpus(tmp_path)
    task = functools.partial(render_document, default_published=None, output_format=OutputFormat.json)
    expected = "".join(task(item)[0] + "\n" for item in read_jsonl_path(str(source)) if isinstance(item, Document))
    result = marsad("extract", "--jsonl", str(source), "--workers", "2")
    assert result.returncode == 1  # the broken line
    assert result.stdout == expected
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and "reports.jsonl:4" in errors[0] and "invalid JSON" in errors[0]
    (summary,) = [line for line in result.stderr.splitlines() if line.startswith("extracted:")]
    assert f"{DOCUMENTS + 1} documents" in summary and "1 failed" in summary and "documents/s" in summary


def test_ingest_on_two_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    source = corpus(tmp_path)
    alone, spread = tmp_path / "alone.sqlite", tmp_path / "spread.sqlite"
    engine = open_store(f"sqlite:///{alone}")
    ingest(engine, read_jsonl_path(str(source)), batch_size=8)
    engine.dispose()
    result = marsad(
        "ingest", str(source), "--db", f"sqlite:///{spread}", "--batch-size", "8", "--workers", "2", "--log-commits"
    )
    assert result.returncode == 1 and result.stderr.count("error:") == 1
    assert result.stdout.split() == [document.id for document in reports(DOCUMENTS, seed=21)]  # once committed
    assert "ingested: added 40" in result.stderr and "documents/s" in result.stderr
    with sqlite3.connect(alone) as left, sqlite3.connect(spread) as right:
        for query in (
            "SELECT id, document_id, canonical_id, record FROM document_events ORDER BY id",
            "SELECT id, revision, fatalities, deleted, summary FROM canonical_events ORDER BY id",
            "SELECT document, message FROM ingest_errors ORDER BY id",
        ):
            assert right.execute(query).fetchall() == left.execute(query).fetchall()


def test_workers_and_scheduler_together_are_refused(tmp_path: Path) -> None:
    result = marsad("extract", "--jsonl", str(corpus(tmp_path)), "--workers", "2", "--scheduler", "tcp://x:1")
    assert result.returncode == 2 and "not both" in result.stderr
