"""A generator of hostile JSON Lines, mixed with good reports, for the reader and CLI tests and for
bench/reliability.py: every line is labelled good (its id must come out) or bad (it must be refused
with one line naming its line number), so a run can be checked record by record.

The kinds of damage are those a scraper, a shell pipeline or an attacker produces: truncated
objects, wrong types, invalid UTF-8, lone surrogates, NUL bytes, control characters in ids, huge
fields and lines, deep nesting, too many fields, huge integers and lines that are no object.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass

from marsad.io.limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_FIELDS, MAX_RECORD_BYTES
from tests.written_reports import written_reports


@dataclass(frozen=True)
class Line:
    data: bytes  # without the line break
    good_id: str | None  # the id a good line's record carries; None for a bad line
    kind: str


def _dump(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _good(chooser: random.Random, report: dict) -> bytes:
    """A good line, sometimes written the way other tools write them (ASCII escapes, CRLF, spaces)."""
    style = chooser.randrange(4)
    if style == 1:
        return json.dumps(report).encode("ascii")
    if style == 2:
        return b"  " + _dump(report) + b"\r"  # CRLF line ends and leading blanks
    if style == 3:
        return _dump({**report, "extra": {"tags": ["a", "b"], "score": 1.5}, "empty": None})
    return _dump(report)


Maker = Callable[[random.Random, dict], bytes]

_WRONG_TYPES: list[tuple[str, object]] = [
    ("text", 42),
    ("text", ["نص"]),
    ("text", {"ar": "نص"}),
    ("text", None),
    ("id", 17),
    ("id", ["a"]),
    ("id", True),
    ("title", {"x": 1}),
    ("source", ["outlet"]),
    ("url", 3.5),
    ("published", 20240311),
    ("published", "غدا"),
    ("published", "2024-02-30"),
    ("published", "99999-01-01"),
    ("published", "1066-10-14"),
    ("published", ["2024-01-01"]),
]


def _truncated(chooser: random.Random, report: dict) -> bytes:
    data = _dump(report)
    return data[: chooser.randrange(1, len(data) - 1)].rstrip(b"}")


def _wrong_type(chooser: random.Random, report: dict) -> bytes:
    field, value = chooser.choice(_WRONG_TYPES)
    return _dump({**report, field: value})


def _invalid_utf8(chooser: random.Random, report: dict) -> bytes:
    data = bytearray(_dump(report))
    junk = chooser.choice([b"\xff", b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\x80\x80", b"\xf8\x88\x80\x80\x80"])
    at = chooser.randrange(1, len(data) - 1)
    return bytes(data[:at] + junk + data[at:])


def _surrogate(chooser: random.Random, report: dict) -> bytes:
    field = chooser.choice(["text", "id", "title", "source"])
    value = report.get(field) or "x"
    return json.dumps({**report, field: value + "\ud83d"}).encode("ascii")  # a lone high surrogate


def _nul(chooser: random.Random, report: dict) -> bytes:
    field = chooser.choice(["text", "id", "title", "source", "url"])
    if chooser.random() < 0.3:  # a raw NUL byte: invalid JSON
        return _dump(report).replace(b'"text": "', b'"text": "\x00', 1)
    return json.dumps({**report, field: (report.get(field) or "x") + "\x00"}, ensure_ascii=False).encode()


def _control_in_id(chooser: random.Random, report: dict) -> bytes:
    field = chooser.choice(["id", "source", "url"])
    control = chooser.choice(["\n", "\r", "\x1b[31m", "\t", "\x7f"])
    return _dump({**report, field: report[field] + control + "x"})


def _too_wide(chooser: random.Random, report: dict) -> bytes:
    field = chooser.choice(sorted(MAX_FIELD_CHARS))
    return _dump({**report, field: "ع" * (MAX_FIELD_CHARS[field] + chooser.randrange(1, 5000))})


def _huge_line(chooser: random.Random, report: dict) -> bytes:
    field = chooser.choice(["text", "title", "padding"])
    filler = "ق" * (MAX_RECORD_BYTES // 2 + chooser.randrange(1, 4096))  # two bytes each in UTF-8
    return _dump({**report, field: report.get(field, "") + filler})


def _deep(chooser: random.Random, report: dict) -> bytes:
    depth = chooser.choice([MAX_DEPTH + 1, 200, 5_000, 100_000])
    opener, closer = chooser.choice([("[", "]"), ('{"a":', "}")])
    nested = opener * depth + "1" + closer * depth
    if chooser.random() < 0.3:
        return nested.encode()
    return _dump(report)[:-1] + b', "meta": ' + nested.encode() + b"}"


def _wide(chooser: random.Random, report: dict) -> bytes:
    extra = {f"k{index}": index for index in range(MAX_FIELDS + chooser.randrange(1, 3000))}
    if chooser.random() < 0.5:
        return _dump({**report, "meta": extra})
    return _dump({**report, **extra})


def _not_an_object(chooser: random.Random, report: dict) -> bytes:
    return chooser.choice([b"42", b'"just a string"', b"null", b"true", b"[1, 2, 3]", _dump([report]), b"-0.5e3"])


def _huge_integer(chooser: random.Random, report: dict) -> bytes:
    return _dump(report)[:-1] + b', "views": ' + b"9" * chooser.choice([5_000, 50_000]) + b"}"


def _no_arabic(chooser: random.Random, report: dict) -> bytes:
    text = chooser.choice(["", "   \t ", "The army said five soldiers were wounded.", "1234 5678", "\u200f\u200e"])
    return _dump({**report, "text": text})


def _garbage(chooser: random.Random, report: dict) -> bytes:
    noise = bytes(chooser.randrange(256) for _ in range(chooser.randrange(1, 200)))
    return b"\xff" + noise.replace(b"\n", b"")  # never valid UTF-8, never a blank line


def _missing_text(chooser: random.Random, report: dict) -> bytes:
    return _dump({key: value for key, value in report.items() if key != "text"})


# kind -> (maker, weight): the rare kinds are the big ones, so that a run stays small on disk.
BAD_KINDS: dict[str, tuple[Maker, int]] = {
    "truncated": (_truncated, 12),
    "wrong type": (_wrong_type, 16),
    "invalid UTF-8": (_invalid_utf8, 10),
    "lone surrogate": (_surrogate, 6),
    "NUL": (_nul, 8),
    "control character": (_control_in_id, 6),
    "field too wide": (_too_wide, 4),
    "huge line": (_huge_line, 1),
    "deep nesting": (_deep, 6),
    "too many fields": (_wide, 4),
    "not an object": (_not_an_object, 8),
    "huge integer": (_huge_integer, 3),
    "no Arabic": (_no_arabic, 6),
    "garbage bytes": (_garbage, 6),
    "missing text": (_missing_text, 4),
}


def hostile_lines(good: int = 600, bad: int = 1200, seed: int = 19) -> list[Line]:
    """`good` good reports and `bad` hostile lines, shuffled, for a fixed seed."""
    chooser = random.Random(seed)
    reports = written_reports(good + bad, seed=seed, prefix=f"h{seed}")
    kinds = list(BAD_KINDS)
    weights = [BAD_KINDS[kind][1] for kind in kinds]
    lines = [Line(_good(chooser, report), report["id"], "good") for report in reports[:good]]
    for report in reports[good:]:
        kind = chooser.choices(kinds, weights)[0]
        lines.append(Line(BAD_KINDS[kind][0](chooser, report), None, kind))
    chooser.shuffle(lines)
    return lines


def write_lines(lines: list[Line], path: str | os.PathLike[str]) -> None:
    with open(path, "wb") as stream:
        for line in lines:
            stream.write(line.data + b"\n")


@dataclass(frozen=True)
class Outcome:
    """What a run made of hostile lines: each good line's record out, each bad line refused once."""

    tried: int
    refused: int
    good_lost: list[str]  # ids of good lines that did not come out
    bad_accepted: list[int]  # line numbers of bad lines that were not refused
    unexplained: list[str]  # stderr lines that are neither a refusal of a bad line nor expected chatter

    @property
    def clean(self) -> bool:
        return not (self.good_lost or self.bad_accepted or self.unexplained)


def judge(lines: list[Line], kept_ids: set[str], stderr: str, stream_name: str) -> Outcome:
    """Check a run's output ids and stderr against the labels; `stream_name` is how the reader names
    the stream in its messages (the path, or <stdin>)."""
    refused: dict[int, str] = {}
    unexplained: list[str] = []
    prefix = f"marsad: error: {stream_name}:"
    for message in stderr.splitlines():
        if message.startswith(prefix):
            number = message[len(prefix) :].split(":", 1)[0].split(" ", 1)[0]
            if number.isdigit() and int(number) not in refused:
                refused[int(number)] = message
                continue
        if not message.startswith(("marsad: warning:", "extracted:", "ingested:")):
            unexplained.append(message)
    good_lost = [line.good_id for line in lines if line.good_id is not None and line.good_id not in kept_ids]
    numbered = list(enumerate(lines, start=1))
    bad_accepted = [number for number, line in numbered if line.good_id is None and number not in refused]
    unexplained += [refused[number] for number, line in numbered if line.good_id and number in refused]
    return Outcome(len(lines), len(refused), good_lost, bad_accepted, unexplained)
