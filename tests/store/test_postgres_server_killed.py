"""The PostgreSQL server itself SIGKILLed in the middle of `marsad ingest`: the ingest stops with exit
code 3 and one line saying what was kept (no traceback); once the server is back (crash recovery
from its write-ahead log), the same command completes the store, which then equals a clean one.

A private server for this test alone (the session's is shared by the other tests): started with
tests/postgres.py, found again by its port, killed, and restarted on its data folder."""

from __future__ import annotations

import os
import shlex
import signal
import tempfile
import time
from pathlib import Path

from sqlalchemy import select, text

from marsad.io.readers import read_jsonl_path
from marsad.store import schema
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from tests.crash import Run, ingest_command, integrity_problems, snapshot, write_corpus
from tests.postgres import _as_user_prefix, _ensure_server_user, _Runner, find_postgres_bin, temporary_postgres
from tests.required import require
from tests.written_reports import written_reports

BATCH = 3


def _data_folder(port: int) -> Path:
    """The data folder of the temporary server listening on `port` (its postmaster.pid names it)."""
    for pid_file in Path(tempfile.gettempdir()).resolve().glob("marsad-pg-*/data/postmaster.pid"):
        lines = pid_file.read_text().splitlines()
        if len(lines) > 3 and lines[3].strip() == str(port):
            return pid_file.parent
    raise AssertionError(f"no temporary server on port {port}")


def _restart(data: Path, port: int) -> None:
    prefix = _as_user_prefix(_ensure_server_user().pw_name) if os.geteuid() == 0 else []
    runner = _Runner(find_postgres_bin(), data.parent, prefix)
    options = f"-p {port} -k {shlex.quote(str(data.parent / 'run'))} -c listen_addresses=127.0.0.1"
    log = data.parent / "server.log"
    for _ in range(20):  # until the killed server's last backends have let go of its shared memory
        result = runner.run("pg_ctl", ["-D", str(data), "-l", str(log), "-o", options, "-w", "start"], timeout=90)
        if result.returncode == 0:
            return
        time.sleep(1)
    raise AssertionError(f"{result.stdout}{result.stderr}\n{log.read_text()[-2000:]}")


def test_the_server_killed_mid_ingest_then_restarted(tmp_path: Path) -> None:
    require(find_postgres_bin() is not None, "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found")
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(written_reports(60, seed=77, prefix="s"), corpus)
    with temporary_postgres(database="marsad_server_kill") as url:
        engine = open_store(url)
        ingest(engine, read_jsonl_path(str(corpus)), batch_size=BATCH)
        clean = snapshot(engine)
        schema.metadata.drop_all(engine)
        with engine.begin() as connection:  # the test server runs without it; a commit is then durable
            connection.execute(text("ALTER DATABASE marsad_server_kill SET synchronous_commit = on"))
        engine.dispose()

        port = int(url.rsplit(":", 1)[1].split("/", 1)[0])
        data = _data_folder(port)
        run = Run.start(ingest_command(corpus, url, BATCH))
        deadline = time.monotonic() + 120
        while run.acks() < 4 * BATCH and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(int((data / "postmaster.pid").read_text().split()[0]), signal.SIGKILL)
        assert run.process.wait(timeout=120) == 3
        stderr = run.stderr()
        assert "Traceback" not in stderr, stderr[-3000:]
        (message,) = [line for line in stderr.splitlines() if line.startswith("marsad: error:")]
        assert "run the same command again" in message
        acked = set(run.acked)
        assert acked

        time.sleep(1)  # the killed server's backends see it gone and exit
        (data / "postmaster.pid").unlink(missing_ok=True)
        _restart(data, port)
        engine = open_store(url)
        try:
            assert integrity_problems(engine) == []
            with engine.connect() as connection:
                stored = set(connection.execute(select(schema.documents.c.id)).scalars())
            assert acked <= stored  # every acknowledged document survived the server's crash
        finally:
            engine.dispose()
        rerun = Run.start(ingest_command(corpus, url, BATCH))
        assert rerun.process.wait(timeout=300) == 0, rerun.stderr()[-2000:]
        engine = open_store(url)
        try:
            assert snapshot(engine) == clean
        finally:
            engine.dispose()
