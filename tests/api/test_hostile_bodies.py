"""POST /api/documents under hostile bodies, against a real `marsad serve`: never a 5xx, every good
document stored, the bad ones refused with a 4xx and a detail, and bodies over the record limit
refused before they are read (413)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from marsad.io.limits import MAX_RECORD_BYTES
from tests.hostile import hostile_lines
from tests.serving import running_server

TOKEN = "hostile-token-77"
HEADERS = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
# Kinds the API must refuse; deep or wide *extra* fields are ignored by the Document model once the
# body is under the size limit, so those may be accepted.
MUST_REFUSE = {
    "truncated",
    "wrong type",
    "invalid UTF-8",
    "lone surrogate",
    "NUL",
    "control character",
    "field too wide",
    "huge line",
    "not an object",
    "huge integer",
    "no Arabic",
    "garbage bytes",
    "missing text",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("hostile-api")
    with running_server(f"sqlite:///{folder / 'store.sqlite'}", token=TOKEN, log=folder / "serve.log") as base:
        yield base


def test_hostile_bodies_get_a_4xx_and_good_ones_are_stored(server: str) -> None:
    lines = hostile_lines(good=40, bad=160, seed=44)
    with httpx.Client(base_url=server, headers=HEADERS, timeout=60) as client:
        for line in lines:
            response = client.post("/api/documents", content=line.data)
            assert response.status_code < 500, (line.kind, response.text[:300])
            if line.good_id is not None:
                assert response.status_code == 200, (line.kind, response.text[:300])
                assert client.get(f"/api/documents/{line.good_id}").status_code == 200
            elif line.kind in MUST_REFUSE:
                assert 400 <= response.status_code < 500, (line.kind, line.data[:200])
                assert "detail" in response.json()


def _raw_exchange(server: str, head: bytes, body: bytes = b"") -> tuple[bytes, float]:
    """Send a request by hand and read the status line: what a client gets before sending a body."""
    parts = urlsplit(server)
    started = time.monotonic()
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(head + body)
        answer = b""
        while chunk := sock.recv(4096):  # the server closes the connection after a refusal
            answer += chunk
    return answer, time.monotonic() - started


def test_a_declared_body_over_the_limit_is_refused_before_it_is_sent(server: str) -> None:
    head = (
        b"POST /api/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\n"
        b"Content-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n"
    )
    answer, seconds = _raw_exchange(server, head)  # a gigabyte announced, not a byte sent
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"over the limit" in answer and seconds < 10


def test_a_chunked_body_is_cut_off_at_the_limit(server: str) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"id": "chunked", "text": "'
        for _ in range(4 * MAX_RECORD_BYTES // 65536):
            sent += 65536
            yield b"x" * 65536
        yield b'"}'

    response = httpx.post(f"{server}/api/documents", content=chunks(), headers=HEADERS, timeout=60)
    assert response.status_code == 413, response.text[:300]
    assert httpx.get(f"{server}/api/documents/chunked", timeout=10).status_code == 404


def test_a_body_at_the_limit_is_read(server: str, tmp_path: Path) -> None:
    text = "قتل ثلاثة مسلحين في اشتباك مع قوة أمنية قرب سامراء أمس. "
    body = ('{"id": "at-limit", "text": "' + text * 10 + '", "padding": "').encode()
    body += b"x" * (MAX_RECORD_BYTES - len(body) - 2) + b'"}'
    assert len(body) == MAX_RECORD_BYTES
    response = httpx.post(f"{server}/api/documents", content=body, headers=HEADERS, timeout=120)
    assert response.status_code == 200, response.text[:300]
