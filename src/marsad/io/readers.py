"""Readers: plain-text files and JSON Lines into ``Document`` values.

Readers never raise on one bad document: they yield an ``InputError`` in its place, so one bad
line in a stream does not stop the others and the caller decides the exit code.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from marsad.io.limits import DEEP, MAX_RECORD_BYTES, field_problem, one_line, quoted, structure_problem
from marsad.model import Document

# Share of letters that must be Arabic for a document to be worth reading.
_MIN_ARABIC_LETTER_SHARE = 0.2
_SNIFF_CHARS = 20_000
# Arabic letters in the base, supplement, extended-A and presentation-form blocks (not digits or marks).
_ARABIC_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]"
)


@dataclass(frozen=True)
class InputError:
    """A document that could not be read, and why (one line, for stderr)."""

    document: str
    message: str

    def __str__(self) -> str:
        return f"{self.document}: {self.message}"


def decode_bytes(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 (BOM, or NUL-interleaved without one),
    else windows-1256, the legacy Arabic code page. Raises ``ValueError`` if none fits."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, codec in boms:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise ValueError(f"starts like {codec} but is not valid {codec} (byte {error.start})") from None
    utf16 = _bomless_utf16(data[:4096])
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1256")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8, UTF-16 or windows-1256 text (byte {error.start})") from None


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 without a BOM: the high byte of every code unit is 0x00 (ASCII) or 0x06 (Arabic),
    so one byte parity is almost nothing else. UTF-8 and windows-1256 text never look like that."""
    if len(sample) < 4:
        return None
    for codec, high_bytes in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if sum(1 for byte in high_bytes if byte in (0x00, 0x06)) >= 0.9 * len(high_bytes):
            return codec
    return None


def check_text(text: str) -> str | None:
    """Why a text cannot be processed, or None when it can."""
    if "\x00" in text:
        return "contains NUL bytes (a binary file, or UTF-16 read as something else?)"
    if not text.strip():
        return "empty text"
    sample = text[:_SNIFF_CHARS]
    letters = sum(1 for ch in sample if ch.isalpha())
    arabic = len(_ARABIC_LETTER.findall(sample))
    if not letters or arabic / letters < _MIN_ARABIC_LETTER_SHARE:
        return "no Arabic text found (Marsad reads Arabic reports)"
    return None


def document_problem(document: Document) -> str | None:
    """Why a document cannot be processed and stored, or None: the same checks on every input path."""
    return check_text(document.text) or storage_problem(document)


def storage_problem(document: Document) -> str | None:
    """Why a document's fields cannot be written (stdout, SQLite, PostgreSQL), or None."""
    for name in ("id", "text", "title", "source", "url"):
        value = getattr(document, name)
        problem = field_problem(name, value) if value is not None else None
        if problem:
            return problem
    return None


def _validated(fields: dict[str, object], name: str) -> Document | InputError:
    problem = check_text(fields["text"]) if isinstance(fields.get("text"), str) else None
    if problem:
        return InputError(name, problem)
    try:
        document = Document.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        return InputError(name, one_line(f"{where}: {first['msg']}"))
    problem = storage_problem(document)  # the text itself was checked above
    return InputError(name, problem) if problem else document


def read_text_file(path: Path) -> Document | InputError:
    """One plain-text file is one document; its id is the file name."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_RECORD_BYTES:  # refused before it is read
            return InputError(str(path), f"{size:,} bytes, over the limit of {MAX_RECORD_BYTES:,} for one document")
        data = path.read_bytes()
    except FileNotFoundError:
        return InputError(str(path), "no such file")
    except IsADirectoryError:
        return InputError(str(path), "is a directory (give the files, or use a shell glob)")
    except OSError as error:
        return InputError(str(path), f"cannot read: {error.strerror}")
    try:
        text = decode_bytes(data)
    except ValueError as error:
        return InputError(name, str(error))
    return _validated({"id": name, "text": text}, name)


def read_text_files(paths: Iterable[Path]) -> Iterator[Document | InputError]:
    for path in paths:
        yield read_text_file(path)


def _lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """The stream's lines without their line breaks; None for a line over MAX_RECORD_BYTES, which is
    skipped without being held in memory."""
    while True:
        raw = stream.readline(MAX_RECORD_BYTES + 2)  # the line and its \r\n
        if not raw:
            return
        if not raw.endswith(b"\n") and len(raw) == MAX_RECORD_BYTES + 2:
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                raw = stream.readline(1 << 20)
            yield None
            continue
        line = raw.rstrip(b"\r\n")
        yield None if len(line) > MAX_RECORD_BYTES else line


def _parse_line(raw: bytes | None, first: bool) -> dict[str, Any] | str | None:
    """One JSON Lines record as an object, or why it is not one (None for a blank line)."""
    if raw is None:
        return f"line longer than {MAX_RECORD_BYTES:,} bytes, the limit for one document"
    try:
        line = raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as error:
        return f"not UTF-8 (byte {error.start}); JSON Lines must be UTF-8"
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return f"invalid JSON ({error.msg} at column {error.colno})"
    except RecursionError:  # the C decoder recurses once per level of nesting
        return DEEP
    except ValueError:  # the only other thing the decoder raises: an integer of over 4,300 digits
        return "invalid JSON (a number too long to read)"
    if not isinstance(record, dict):
        return f"a line must be a JSON object with 'id' and 'text', not {_JSON_KINDS[type(record)]}"
    return structure_problem(record) or record


_JSON_KINDS = {
    list: "an array",
    dict: "an object",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true or false",
    type(None): "null",
}


def read_jsonl(stream: IO[bytes], stream_name: str) -> Iterator[Document | InputError]:
    """JSON Lines with ``id``, ``text`` and optional ``title``, ``published``, ``source``, ``url``.
    Each line is held to the limits in ``marsad.io.limits`` before its fields are read."""
    for line_number, raw in enumerate(_lines(stream), start=1):
        where = f"{stream_name}:{line_number}"
        record = _parse_line(raw, line_number == 1)
        if record is None:
            continue
        if isinstance(record, str):
            yield InputError(where, record)
            continue
        given = record.get("id")
        name = f"{where} (id {quoted(given)})" if isinstance(given, str) and given else where
        if "text" not in record:
            yield InputError(name, "missing 'text' field")
            continue
        if not isinstance(record["text"], str):
            yield InputError(name, "'text' must be a string")
            continue
        if given is not None and not isinstance(given, str):  # never replaced silently by a line number
            yield InputError(name, f"'id' must be a string, not {_JSON_KINDS[type(given)]}")
            continue
        fields = dict(record)
        if not fields.get("id"):
            fields["id"] = f"{Path(stream_name).name}:{line_number}"
        if fields.get("published") == "":
            fields["published"] = None
        yield _validated(fields, name)


def open_jsonl(path: str) -> tuple[IO[bytes], str]:
    """``-`` is standard input. Lines are decoded one by one, so one bad line stays one error."""
    if path == "-":
        return sys.stdin.buffer, "<stdin>"
    return open(path, "rb"), path  # the caller closes it


def read_jsonl_path(path: str) -> Iterator[Document | InputError]:
    """A JSON Lines file (or - for standard input), opened and closed here."""
    try:
        stream, name = open_jsonl(path)
    except OSError as error:
        yield InputError(path, f"cannot read: {error.strerror}")
        return
    try:
        yield from read_jsonl(stream, name)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
