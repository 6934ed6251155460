"""The readers refuse a bad record with one line naming it, keep every good one, and hold each
record to the limits in marsad.io.limits; tried at scale with the hostile-line generator."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from marsad.io.limits import MAX_DEPTH, MAX_FIELD_CHARS, MAX_FIELDS, MAX_RECORD_BYTES, one_line, structure_problem
from marsad.io.readers import InputError, read_jsonl, read_text_file
from marsad.model import Document
from tests.hostile import hostile_lines, judge

REPORT = "أصيب ثلاثة مدنيين بانفجار عبوة ناسفة قرب سوق شعبي في بعقوبة أمس."


def read(*lines: bytes) -> list[Document | InputError]:
    return list(read_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), "in.jsonl"))


def line(**fields: object) -> bytes:
    return json.dumps({"id": "r", "text": REPORT, **fields}, ensure_ascii=False).encode()


def only_error(items: list[Document | InputError]) -> str:
    (item,) = items
    assert isinstance(item, InputError), item
    text = str(item)
    assert "\n" not in text and len(text) < 400
    return text


def test_a_line_at_the_size_limit_is_read_and_one_byte_more_is_refused() -> None:
    head = line(padding="")[:-2]  # up to the padding's opening quote
    at_limit = head + b"x" * (MAX_RECORD_BYTES - len(head) - 2) + b'"}'
    assert len(at_limit) == MAX_RECORD_BYTES
    over = at_limit[:-2] + b'x"}'
    good, refused, after = read(at_limit, over, line(id="after"))
    assert isinstance(good, Document)
    assert isinstance(refused, InputError) and "in.jsonl:2" in str(refused) and "longer than" in str(refused)
    assert isinstance(after, Document) and after.id == "after"


def test_an_endless_line_is_skipped_without_losing_the_next() -> None:
    endless = b'{"id": "big", "text": "' + "ن".encode() * (3 * MAX_RECORD_BYTES) + b'"}'
    refused, after = read(endless, line(id="after"))
    assert "in.jsonl:1" in str(refused) and "limit" in str(refused)
    assert isinstance(after, Document) and after.id == "after"


@pytest.mark.parametrize("opener", [("[", "]"), ('{"a": ', "}")])
def test_nesting_up_to_the_limit_is_read_and_deeper_is_refused(opener: tuple[str, str]) -> None:
    def nested(depth: int) -> bytes:  # the record itself is the first level
        inner = opener[0] * (depth - 1) + "1" + opener[1] * (depth - 1)
        return line()[:-1] + b', "meta": ' + inner.encode() + b"}"

    assert isinstance(read(nested(MAX_DEPTH))[0], Document)
    assert "nested too deeply" in only_error(read(nested(MAX_DEPTH + 1)))
    assert "nested too deeply" in only_error(read(nested(200_000)))  # past the decoder's recursion limit


def test_fields_up_to_the_limit_are_read_and_more_are_refused() -> None:
    def wide(count: int) -> bytes:
        return line(**{f"k{index}": index for index in range(count - 2)})  # id and text are two

    assert isinstance(read(wide(MAX_FIELDS))[0], Document)
    assert "more than 1000 fields" in only_error(read(wide(MAX_FIELDS + 1)))
    assert structure_problem({"a": [{"b": 1}] * MAX_FIELDS}) is not None  # nested members count too


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (line(id=7), "'id' must be a string, not a number"),
        (line(id=["x"]), "'id' must be a string, not an array"),
        (line(text=None), "'text' must be a string"),
        (line(title={"x": 1}), "title: Input should be a valid string"),
        (line(published=20240311), "published must be a date"),
        (line(published="2024-02-30"), "published must be a date"),
        (b"[1, 2]", "not an array"),
        (b"null", "not null"),
        (b'"text"', "not a string"),
        (line()[:-20], "invalid JSON"),
        (line()[:-1] + b', "n": ' + b"9" * 5000 + b"}", "a number too long"),
        (b'{"id": "r", "text": "\xff\xfe"}', "not UTF-8"),
        (json.dumps({"id": "r", "text": REPORT + "\ud800"}).encode(), "'text' contains a lone surrogate"),
        (json.dumps({"id": "r\ud800", "text": REPORT}).encode(), "id"),
        (line(text=REPORT + "\x00"), "NUL"),
        (line(source="a\x00b"), "'source' contains NUL"),
        (line(id="a\nb"), "'id' contains the control character U+000A"),
        (line(url="https://x\r\nSet-Cookie: a=b"), "'url' contains the control character U+000D"),
        (line(id="ع" * (MAX_FIELD_CHARS["id"] + 1)), "over the limit of 512"),
        (line(source="s" * (MAX_FIELD_CHARS["source"] + 1)), "over the limit of 256"),
        (line(text=REPORT * (MAX_FIELD_CHARS["text"] // len(REPORT) + 1)), "over the limit of 100,000"),
        (line(text="The army said five soldiers were wounded."), "no Arabic text"),
    ],
)
def test_a_bad_line_is_one_clear_line_and_the_next_is_kept(data: bytes, message: str) -> None:
    refused, after = read(data, line(id="after"))
    assert isinstance(refused, InputError) and str(refused).startswith("in.jsonl:1")
    assert message in only_error([refused])
    assert isinstance(after, Document) and after.id == "after"


def test_good_lines_keep_tabs_line_breaks_and_form_feeds_in_their_text() -> None:
    (document,) = read(line(text=REPORT + "\n\tسطر\x0c", title="عنوان\nثان"))
    assert isinstance(document, Document) and document.text.endswith("\x0c")


def test_a_long_bad_id_is_quoted_short_in_the_message() -> None:
    text = only_error(read(line(id="x" * 400 + "\x1b[31m", text=None)))
    assert "x" * 61 not in text and "\x1b" not in text


def test_messages_stay_one_line() -> None:
    assert one_line("a\nb\x00c\ud800") == "a b c\ufffd"
    assert len(one_line("x" * 10_000)) < 310


def test_a_text_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("ن".encode() * (MAX_RECORD_BYTES // 2 + 1))
    refused = read_text_file(path)
    assert isinstance(refused, InputError) and "over the limit" in str(refused)


def test_hostile_lines_at_scale_every_good_kept_every_bad_refused_once() -> None:
    lines = hostile_lines(good=600, bad=1200, seed=7)
    stream = io.BytesIO(b"".join(item.data + b"\n" for item in lines))
    items = list(read_jsonl(stream, "in.jsonl"))
    kept = {item.id for item in items if isinstance(item, Document)}
    stderr = "\n".join(f"marsad: error: {item}" for item in items if isinstance(item, InputError))
    outcome = judge(lines, kept, stderr, "in.jsonl")
    assert outcome.clean, outcome
    assert (outcome.tried, outcome.refused, len(kept)) == (1800, 1200, 600)
