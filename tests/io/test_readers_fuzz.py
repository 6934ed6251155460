"""Fuzzing the JSON Lines reader: whatever the bytes, it never raises, gives one item per non-blank
line in order, never loses the good line after a bad one, and every Document it lets through can be
written (UTF-8 output, SQLite, PostgreSQL)."""

from __future__ import annotations

import io
import json

from hypothesis import given
from hypothesis import strategies as st

from marsad.io.limits import MAX_FIELD_CHARS
from marsad.io.readers import InputError, read_jsonl, storage_problem
from marsad.model import Document
from tests.fuzz import fuzz_settings

REPORT = "اعتقلت قوة أمنية مطلوبا في حي الجهاد ببغداد اليوم."
GOOD = json.dumps({"id": "good", "text": REPORT}, ensure_ascii=False).encode()

JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30), st.just(REPORT)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
FIELDS = st.sampled_from(["id", "text", "title", "published", "source", "url", "extra"])
RECORDS = st.dictionaries(FIELDS, st.one_of(JSON_VALUES, st.text(), st.dates().map(str)), max_size=7)


def lines_of(items: list[bytes]) -> bytes:
    return b"".join(item.replace(b"\n", b" ") + b"\n" for item in items)


def is_blank(line: bytes) -> bool:
    try:
        return not line.decode("utf-8-sig").strip()
    except UnicodeDecodeError:
        return False


def check(items: list[bytes]) -> list[Document | InputError]:
    """Read `items` then a good line; check one item per non-blank line and that the good one is last."""
    lines = [item.replace(b"\n", b" ") for item in items]
    found = list(read_jsonl(io.BytesIO(lines_of([*lines, GOOD])), "f.jsonl"))
    assert len(found) == sum(not is_blank(line.rstrip(b"\r")) for line in lines) + 1
    last = found[-1]
    assert isinstance(last, Document) and last.id == "good"
    for item in found:
        if isinstance(item, InputError):
            assert "\n" not in str(item) and len(str(item)) < 600
        else:
            assert storage_problem(item) is None
            json.dumps(item.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
            assert len(item.id) <= MAX_FIELD_CHARS["id"]
    return found


@fuzz_settings(1500)
@given(st.lists(st.binary(max_size=300), max_size=6))
def test_arbitrary_bytes(items: list[bytes]) -> None:
    check(items)


@fuzz_settings(1500)
@given(st.lists(RECORDS, max_size=5), st.booleans())
def test_arbitrary_records(records: list[dict], ascii_only: bool) -> None:
    items = [json.dumps(record, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass") for record in records]
    check(items)


@fuzz_settings(500)
@given(st.lists(RECORDS, min_size=1, max_size=3), st.data())
def test_records_cut_anywhere(records: list[dict], data: st.DataObject) -> None:
    items = []
    for record in records:
        raw = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
        items.append(raw[: data.draw(st.integers(0, len(raw)))])
    check(items)
