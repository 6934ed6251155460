"""Reliability in one table: hostile input through `marsad extract` and `marsad ingest`, `marsad
ingest` SIGKILLed and resumed, and a soak of the API (docs/reliability.md).

- Hostile input: good team-written reports mixed with labelled hostile lines (tests/hostile.py),
  through `marsad extract --jsonl FILE`, `marsad extract --jsonl -` (stdin), `marsad ingest FILE`
  into SQLite and, when PostgreSQL's binaries are here, `marsad ingest -` into PostgreSQL. A run
  crashed when it printed a traceback or exited other than 1; a good record that did not come out
  is lost, a bad line not refused (once, naming its line) is accepted.
- Kills: tests/crash.py's chain on SQLite (and PostgreSQL): every kill checked, every completed
  store compared with a clean one.
- Soak: bench/soak.py for --soak-seconds.

    .venv/bin/python bench/reliability.py [--good 600] [--bad 1200] [--kills 20] [--soak-seconds 120]
                                          [--no-postgres]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select
from tests.crash import kill_chain, snapshot, write_corpus
from tests.hostile import Line, hostile_lines, judge, write_lines
from tests.written_reports import written_reports

from marsad.io.readers import read_jsonl_path
from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from soak import soak

KILL_BATCH = 3
KILL_DOCUMENTS = 45


def _marsad(args: list[str], stdin: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "marsad.cli", *args]
    with open(stdin, "rb") if stdin else contextlib.nullcontext() as source:
        return subprocess.run(command, stdin=source, capture_output=True, timeout=3600, check=False)


def _stored_ids(url: str) -> set[str]:
    engine = open_store(url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(select(schema.documents.c.id)).scalars())
    finally:
        engine.dispose()


def hostile_run(name: str, lines: list[Line], args: list[str], stdin: Path | None, url: str | None) -> dict:
    started = time.monotonic()
    completed = _marsad(args, stdin)
    stderr = completed.stderr.decode("utf-8", "replace")
    if url is None:
        kept = {json.loads(line)["id"] for line in completed.stdout.decode().splitlines() if line.strip()}
    else:
        kept = _stored_ids(url)
    stream = "<stdin>" if stdin else args[args.index("--jsonl") + 1] if "--jsonl" in args else args[1]
    outcome = judge(lines, kept, stderr, stream)
    crashed = "Traceback" in stderr or completed.returncode != 1
    return {
        "run": name,
        "tried": outcome.tried,
        "refused": outcome.refused,
        "crashed": int(crashed),
        "good_lost": len(outcome.good_lost),
        "bad_accepted": len(outcome.bad_accepted),
        "unexplained": len(outcome.unexplained),
        "seconds": round(time.monotonic() - started, 1),
    }


def _empty(url: str) -> None:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return
    engine = open_store(url)
    schema.metadata.drop_all(engine)
    engine.dispose()


def kills(url: str, folder: Path, count: int, seed: int) -> dict:
    corpus = folder / "kill-corpus.jsonl"
    order = write_corpus(written_reports(KILL_DOCUMENTS, seed=seed, prefix="k"), corpus)
    _empty(url)
    engine = open_store(url)
    ingest(engine, read_jsonl_path(str(corpus)), batch_size=KILL_BATCH)
    clean = snapshot(engine)
    engine.dispose()
    _empty(url)
    started = time.monotonic()
    result = kill_chain(url, corpus, order, clean, count, seed, KILL_BATCH, reset=lambda: _empty(url))
    _empty(url)
    return {
        "kills": result.kills,
        "mid_write": result.mid_write,
        "survived": result.kills if not result.problems else 0,
        "lost": result.lost,
        "completed": result.completed,
        "problems": result.problems[:5],
        "seconds": round(time.monotonic() - started, 1),
    }


@contextlib.contextmanager
def postgres(enabled: bool) -> Iterator[str | None]:
    if not enabled:
        yield None
        return
    from tests.postgres import find_postgres_bin, temporary_postgres

    if find_postgres_bin() is None:
        print("PostgreSQL binaries not found: SQLite only", file=sys.stderr)
        yield None
        return
    with temporary_postgres(database="marsad_reliability") as url:
        yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--good", type=int, default=600)
    parser.add_argument("--bad", type=int, default=1200)
    parser.add_argument("--kills", type=int, default=20, help="per store")
    parser.add_argument("--soak-seconds", type=float, default=120)
    parser.add_argument("--soak-clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()

    lines = hostile_lines(args.good, args.bad, seed=args.seed)
    with tempfile.TemporaryDirectory(prefix="marsad-reliability-") as name, postgres(not args.no_postgres) as pg:
        folder = Path(name)
        path = folder / "hostile.jsonl"
        write_lines(lines, path)
        sqlite_url = f"sqlite:///{folder / 'hostile.sqlite'}"
        runs = [
            hostile_run("extract FILE", lines, ["extract", "--jsonl", str(path)], None, None),
            hostile_run("extract stdin", lines, ["extract", "--jsonl", "-"], path, None),
            hostile_run("ingest FILE, SQLite", lines, ["ingest", str(path), "--db", sqlite_url], None, sqlite_url),
        ]
        if pg:
            _empty(pg)
            runs.append(hostile_run("ingest stdin, PostgreSQL", lines, ["ingest", "-", "--db", pg], path, pg))
            _empty(pg)
        chains = {"SQLite": kills(f"sqlite:///{folder / 'kill.sqlite'}", folder, args.kills, args.seed)}
        if pg:
            chains["PostgreSQL"] = kills(pg, folder, args.kills, args.seed)
    soaked = soak(args.soak_seconds, args.soak_clients, 1, 200)

    print(f"{'run':<26} {'tried':>6} {'refused':>8} {'crashed':>8} {'good lost':>10} {'bad kept':>9} {'seconds':>8}")
    for run in runs:
        print(
            f"{run['run']:<26} {run['tried']:>6,} {run['refused']:>8,} {run['crashed']:>8} {run['good_lost']:>10} "
            f"{run['bad_accepted']:>9} {run['seconds']:>8}"
        )
    print()
    print(f"{'kills':<26} {'kills':>6} {'mid-write':>10} {'survived':>9} {'lost':>5} {'completed':>10} {'seconds':>8}")
    for store, chain in chains.items():
        print(
            f"{store:<26} {chain['kills']:>6} {chain['mid_write']:>10} {chain['survived']:>9} {chain['lost']:>5} "
            f"{chain['completed']:>10} {chain['seconds']:>8}"
        )
        for problem in chain["problems"]:
            print(f"  problem: {problem}")
    print()
    total = {
        "inputs tried": sum(run["tried"] for run in runs),
        "refused": sum(run["refused"] for run in runs),
        "crashed (must be 0)": sum(run["crashed"] for run in runs),
        "good records lost (must be 0)": sum(run["good_lost"] for run in runs),
        "bad records accepted (must be 0)": sum(run["bad_accepted"] for run in runs),
        "kills survived": sum(chain["survived"] for chain in chains.values()),
        "of kills": sum(chain["kills"] for chain in chains.values()),
        "documents lost (must be 0)": sum(chain["lost"] for chain in chains.values()),
        "soak requests": soaked["requests"],
        "soak errors (must be 0)": soaked["errors"],
    }
    print(f"{'measure':<34} {'value':>10}")
    for measure, value in total.items():
        print(f"{measure:<34} {value:>10,}")
    print(
        f"soak: {soaked['seconds']} s, {soaked['clients']} clients, {soaked['requests_per_second']} requests/s, "
        f"p50 {soaked['p50_ms']} ms, p95 {soaked['p95_ms']} ms, p99 {soaked['p99_ms']} ms, "
        f"server memory {soaked['rss_start_mb']} -> {soaked['rss_end_mb']} MB"
    )
    for error in soaked["first_errors"]:
        print(f"  soak error: {error}")
    failed = (
        total["crashed (must be 0)"]
        + total["good records lost (must be 0)"]
        + total["bad records accepted (must be 0)"]
        + total["documents lost (must be 0)"]
        + total["soak errors (must be 0)"]
        + (total["kills survived"] != total["of kills"])
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
