"""A real `marsad serve` process on a free 127.0.0.1 port, for the API and browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(
    db_url: str, token: str | None = None, log: Path | None = None, workers: int = 1, read_token: str | None = None
) -> Iterator[str]:
    """Start `marsad serve --db db_url` and yield its base URL once it answers; stop it afterwards.
    `token` is the write token (MARSAD_API_TOKEN), `read_token` the one reads need."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in ("MARSAD_API_TOKEN", "MARSAD_API_READ_TOKEN")}
    if token is not None:
        env["MARSAD_API_TOKEN"] = token
    if read_token is not None:
        env["MARSAD_API_READ_TOKEN"] = read_token
    output = log.open("wb") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "marsad.cli",
            "serve",
            "--db",
            db_url,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"marsad serve exited with {process.returncode}")
            try:
                if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("marsad serve did not answer within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log is not None:
            output.close()  # type: ignore[union-attr]
