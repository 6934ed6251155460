"""Request bodies over the record limit are refused before they are read (413).

A declared Content-Length over the limit is answered at once, without reading a byte of the body;
a body sent in chunks is counted as it arrives and refused at the first byte over the limit, so a
client can never make the server hold more than one record's worth of a request.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from marsad.io.limits import MAX_RECORD_BYTES


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a chunked body passes the limit: an HTTP error, so that the body
    parser lets it through and the app answers 413 itself."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the body is over the limit of {limit:,} bytes for one request")


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: int = MAX_RECORD_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send, declared)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if not started:
                await self._refuse(send, None)

    async def _refuse(self, send: Send, declared: bytes | None) -> None:
        size = f"{int(declared):,} bytes" if declared and declared.isdigit() else "the body"
        detail = f"{size} is over the limit of {self.limit:,} bytes for one request"
        if declared is not None and not declared.isdigit():
            detail = "Content-Length must be a number of bytes"
        body = json.dumps({"detail": detail}).encode()
        status = 413 if declared is None or declared.isdigit() else 400
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": [*headers, (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
