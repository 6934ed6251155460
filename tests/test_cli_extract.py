"""`marsad extract` end to end, as a user runs it: a real process, real files, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPORT = "قصفت طائرات مسيرة مواقع للمسلحين أمس الاثنين، وقتل خمسة عناصر في الهجوم."
OTHER_REPORT = "اعتقلت القوات الأمنية ثلاثة مطلوبين في 3 شباط/فبراير الماضي قرب الموصل."


def run_marsad(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run(
        [sys.executable, "-m", "marsad.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )
    result = subprocess.CompletedProcess(
        completed.args, completed.returncode, completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8")
    )
    assert "Traceback" not in result.stderr
    return result


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_text_files_in_input_order_with_file_names_as_ids(tmp_path: Path) -> None:
    first, second = tmp_path / "b.txt", tmp_path / "a.txt"
    first.write_text(REPORT, encoding="utf-8")
    second.write_text(OTHER_REPORT, encoding="utf-8")
    result = run_marsad("extract", "--published", "2024-03-12", str(first), str(second))
    assert result.returncode == 0, result.stderr
    out = records(result.stdout)
    assert [r["id"] for r in out] == ["b.txt", "a.txt"]
    for record, text in zip(out, (REPORT, OTHER_REPORT), strict=True):
        assert set(record) >= {"id", "published", "source", "mentions", "events"}
        assert record["published"] == "2024-03-12"
        assert record["published_from"] == "option"
        assert isinstance(record["events"], list)
        for mention in record["mentions"]:
            start, end = mention["span"]
            assert text[start:end] == mention["text"]
    kinds = {(m["kind"], m["value"]) for m in out[0]["mentions"]}
    assert ("date", "2024-03-11") in kinds
    assert ("number", 5) in kinds
    assert ("date", "2024-02-03") in {(m["kind"], m["value"]) for m in out[1]["mentions"]}


def test_jsonl_from_stdin_with_its_own_fields() -> None:
    lines = [
        {"id": "r1", "text": REPORT, "published": "2023-10-10", "source": "outlet-a", "url": "https://example.org/1"},
        {"id": "r2", "text": OTHER_REPORT, "title": "عنوان"},
    ]
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines).encode("utf-8")
    result = run_marsad("extract", "--jsonl", "-", "--published", "2024-01-01", stdin=stdin)
    assert result.returncode == 0, result.stderr
    first, second = records(result.stdout)
    assert (first["id"], first["published"], first["published_from"], first["source"]) == (
        "r1",
        "2023-10-10",
        "document",
        "outlet-a",
    )
    assert (second["published"], second["published_from"], second["title"]) == ("2024-01-01", "option", "عنوان")


def test_publication_date_found_in_the_header_is_reported_as_such(tmp_path: Path) -> None:
    path = tmp_path / "header.txt"
    path.write_text("عنوان التقرير\n\n14 تموز 2021\n\nانفجرت عبوة ناسفة أمس في سوق المدينة.", encoding="utf-8")
    result = run_marsad("extract", str(path))
    assert result.returncode == 0, result.stderr
    (record,) = records(result.stdout)
    assert record["published"] == "2021-07-14"
    assert record["published_from"] == "text"
    start, end = record["published_span"]
    assert path.read_text(encoding="utf-8")[start:end].strip().startswith("14")
    assert ("date", "2021-07-13") in {(m["kind"], m["value"]) for m in record["mentions"]}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty text"),
        (b"   \n\t\n", "empty text"),
        (b"The army said on Monday that five soldiers were wounded.", "no Arabic text"),
        ("نص عربي\x00مع بايت فارغ".encode(), "NUL"),
    ],
)
def test_bad_text_files_give_one_clear_line_and_do_not_stop_the_others(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(content)
    good.write_text(REPORT, encoding="utf-8")
    result = run_marsad("extract", "--published", "2024-03-12", str(bad), str(good))
    assert result.returncode == 1
    assert [r["id"] for r in records(result.stdout)] == ["good.txt"]
    errors = [line for line in result.stderr.strip().splitlines() if "error:" in line]
    assert len(errors) == 1
    assert "bad.txt" in errors[0] and message in errors[0]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("cp1256"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.encode("utf-16-be"),
        lambda text: text.encode("utf-8-sig"),
    ],
    ids=["windows-1256", "utf-16-bom", "utf-16-le-no-bom", "utf-16-be-no-bom", "utf-8-bom"],
)
def test_legacy_encodings_are_read_correctly(tmp_path: Path, encode) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(encode(REPORT))
    result = run_marsad("extract", "--published", "2024-03-12", str(path))
    assert result.returncode == 0, result.stderr
    (record,) = records(result.stdout)
    numbers = [m for m in record["mentions"] if m["kind"] == "number"]
    assert [(m["text"], m["value"]) for m in numbers] == [("خمسة", 5)]
    start, end = numbers[0]["span"]
    assert REPORT[start:end] == "خمسة"


def test_bad_jsonl_lines_are_reported_and_the_rest_processed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "ok-1", "text": REPORT}, ensure_ascii=False),
        "{this is not json",
        json.dumps({"id": "no-text", "title": "بلا نص"}, ensure_ascii=False),
        json.dumps(["a", "list"]),
        json.dumps({"id": "bad-date", "text": REPORT, "published": "12/03/2024"}, ensure_ascii=False),
        json.dumps({"id": "blank", "text": "  "}),
        json.dumps({"id": "ok-2", "text": OTHER_REPORT}, ensure_ascii=False),
    ]
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n" + b'{"id": "latin1", "text": "\xe9t\xe9"}\n')
    result = run_marsad("extract", "--jsonl", str(path), "--published", "2024-03-12")
    assert result.returncode == 1
    assert [r["id"] for r in records(result.stdout)] == ["ok-1", "ok-2"]
    errors = [line for line in result.stderr.strip().splitlines() if "error:" in line]
    assert len(errors) == 6
    assert "mixed.jsonl:2" in errors[0] and "invalid JSON" in errors[0]
    assert "no-text" in errors[1] and "missing 'text'" in errors[1]
    assert "mixed.jsonl:4" in errors[2] and "JSON object" in errors[2]
    assert "bad-date" in errors[3] and "published" in errors[3]
    assert "blank" in errors[4] and "empty text" in errors[4]
    assert "mixed.jsonl:8" in errors[5] and "UTF-8" in errors[5]


def test_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = run_marsad("extract", str(missing))
    assert result.returncode == 1
    assert "nowhere.txt" in result.stderr and "no such file" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("extract",), "give text files or --jsonl"),
        (("extract", "--published", "yesterday", "x.txt"), "--published must be a date"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run_marsad(*args)
    assert result.returncode == 2
    assert message in result.stderr


def test_text_format_is_readable() -> None:
    stdin = json.dumps({"id": "r1", "text": REPORT, "published": "2024-03-12"}, ensure_ascii=False).encode()
    result = run_marsad("extract", "--jsonl", "-", "--format", "text", stdin=stdin)
    assert result.returncode == 0, result.stderr
    assert "r1" in result.stdout and "2024-03-11" in result.stdout and "خمسة" in result.stdout


def test_help_explains_the_commands() -> None:
    result = run_marsad("--help")
    assert result.returncode == 0
    assert "extract" in result.stdout and "Arabic" in result.stdout
    extract_help = run_marsad("extract", "--help")
    assert "--jsonl" in extract_help.stdout and "--published" in extract_help.stdout


def test_a_deeply_nested_line_is_refused_and_the_stream_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "nested.jsonl"
    nested = "[" * 100_000 + "]" * 100_000
    lines = [
        json.dumps({"id": "before", "text": REPORT}, ensure_ascii=False),
        '{"id": "deep", "text": "نص", "extra": ' + nested + "}",
        nested,
        json.dumps({"id": "after", "text": OTHER_REPORT}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_marsad("extract", "--jsonl", str(path), "--published", "2024-03-12")
    assert result.returncode == 1
    assert [r["id"] for r in records(result.stdout)] == ["before", "after"]
    errors = [line for line in result.stderr.strip().splitlines() if "error:" in line]
    assert len(errors) == 2
    assert all("nested too deeply" in error for error in errors)
    assert "nested.jsonl:2" in errors[0] and "nested.jsonl:3" in errors[1]
