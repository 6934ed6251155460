"""Hostile input through the commands a user runs (`marsad extract`, `marsad ingest`; files, folders,
JSON Lines, standard input): no traceback, every bad record refused with one line naming it, every
good record kept, the refusals counted in the closing summary, and the documented exit codes."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.io.limits import MAX_RECORD_BYTES
from tests.hostile import Line, hostile_lines, judge, write_lines
from tests.written_reports import written_reports

GOOD, BAD = 150, 300


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [sys.executable, "-m", "marsad.cli", *args], input=stdin, capture_output=True, timeout=300, check=False
    )
    stderr = completed.stderr.decode("utf-8")
    assert "Traceback" not in stderr, stderr[-3000:]
    return subprocess.CompletedProcess(completed.args, completed.returncode, completed.stdout.decode(), stderr)


@pytest.fixture(scope="module")
def lines() -> list[Line]:
    return hostile_lines(GOOD, BAD, seed=1919)


def stored_ids(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT id FROM documents")]


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_extract_refuses_each_bad_line_and_keeps_every_good_one(tmp_path: Path, lines: list[Line], via: str) -> None:
    path = tmp_path / "hostile.jsonl"
    write_lines(lines, path)
    if via == "file":
        result, name = run("extract", "--jsonl", str(path)), str(path)
    else:
        result, name = run("extract", "--jsonl", "-", stdin=path.read_bytes()), "<stdin>"
    assert result.returncode == 1  # some documents were refused
    kept = [json.loads(record)["id"] for record in result.stdout.splitlines()]
    outcome = judge(lines, set(kept), result.stderr, name)
    assert outcome.clean, outcome
    assert (outcome.refused, len(kept)) == (BAD, GOOD)
    (summary,) = [line for line in result.stderr.splitlines() if line.startswith("extracted:")]
    assert f"{BAD} failed" in summary.replace(",", "")  # the refused are counted


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_ingest_stores_every_good_line_once_and_counts_the_refused(tmp_path: Path, lines: list[Line], via: str) -> None:
    path, database = tmp_path / "hostile.jsonl", tmp_path / "store.sqlite"
    write_lines(lines, path)
    target = ["--db", f"sqlite:///{database}"]
    if via == "file":
        result, name = run("ingest", str(path), *target), str(path)
    else:
        result, name = run("ingest", "-", *target, stdin=path.read_bytes()), "<stdin>"
    assert result.returncode == 1
    ids = stored_ids(database)
    outcome = judge(lines, set(ids), result.stderr, name)
    assert outcome.clean, outcome
    assert sorted(ids) == sorted(line.good_id for line in lines if line.good_id)
    (summary,) = [line for line in result.stderr.splitlines() if line.startswith("ingested:")]
    assert f"added {GOOD}," in summary and f"failed {BAD}," in summary
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == BAD


def test_a_folder_of_bad_files_is_refused_file_by_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "nested").mkdir(parents=True)
    good = written_reports(3, prefix="f")
    for report in good:
        (folder / f"{report['id']}.txt").write_text(report["text"], encoding="utf-8")
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "nul.txt": "نص عربي\x00مع بايت فارغ".encode(),
        "english.txt": b"Nothing to see here.",
        "nested/huge.txt": "ن".encode() * (MAX_RECORD_BYTES // 2 + 1),
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    (folder / "nested" / "lines.jsonl").write_bytes(b'{"id": "j1", "text": "' + "نص".encode() + b'"\n[1]\n')
    database = tmp_path / "store.sqlite"
    result = run("ingest", str(folder), "--db", f"sqlite:///{database}")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("marsad: error:")]
    assert len(errors) == len(bad) + 2, result.stderr  # the JSON line that is cut short, and the array
    for name in bad:
        assert sum(Path(name).name in error for error in errors) == 1, (name, errors)
    assert sorted(stored_ids(database)) == sorted(f"{report['id']}.txt" for report in good)


def test_extract_given_a_folder_says_how_to_give_its_files(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(written_reports(1)[0]["text"], encoding="utf-8")
    result = run("extract", str(tmp_path), str(good))
    assert result.returncode == 1
    assert "is a directory" in result.stderr and len(result.stdout.splitlines()) == 1


def test_all_good_input_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "good.jsonl"
    path.write_text("".join(json.dumps(report, ensure_ascii=False) + "\n" for report in written_reports(5)), "utf-8")
    assert run("extract", "--jsonl", str(path)).returncode == 0
    assert run("ingest", str(path), "--db", f"sqlite:///{tmp_path / 's.sqlite'}").returncode == 0
