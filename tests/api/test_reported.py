"""News by default in every list the API gives, the other events one parameter away (`reported`),
and each event's verdict and probability in every format (the store of conftest.py holds the team's
document with a clash reported as news and a bombing only recalled)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from typing import Any

import httpx
import pyarrow.parquet as pq
import pytest

from tests.verdicts import MENTION_PROBABILITY, NEWS_AND_MENTION, NEWS_PROBABILITY

OURS = NEWS_AND_MENTION.id


def get(base: str, path: str, **params: Any) -> httpx.Response:
    response = httpx.get(f"{base}{path}", params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response


def ours(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [event for event in events if any(source["document_id"] == OURS for source in event["sources"])]


def verdicts(events: list[dict[str, Any]]) -> list[tuple[bool, float]]:
    return sorted((event["reported"], event["news_probability"]) for event in events)


NEWS = [(True, NEWS_PROBABILITY)]
MENTION = [(False, MENTION_PROBABILITY)]
BOTH = sorted(NEWS + MENTION)


def test_the_events_list_shows_news_unless_asked_for_the_rest(server: str) -> None:
    default = get(server, "/api/events", limit=1000).json()
    assert verdicts(ours(default["events"])) == NEWS
    assert all(event["reported"] is True for event in default["events"])
    assert get(server, "/api/events", limit=1000, reported="true").json() == default
    rest = get(server, "/api/events", limit=1000, reported="false").json()
    assert verdicts(ours(rest["events"])) == MENTION
    assert all(event["reported"] is False for event in rest["events"])
    every = get(server, "/api/events", limit=1000, reported="all").json()
    assert verdicts(ours(every["events"])) == BOTH
    assert every["total"] == default["total"] + rest["total"]


def test_stats_search_and_map_summaries_follow_the_same_choice(server: str) -> None:
    totals = {choice: get(server, "/api/stats", reported=choice).json()["total"] for choice in ("true", "false", "all")}
    assert get(server, "/api/stats").json()["total"] == totals["true"]
    assert totals["all"] == totals["true"] + totals["false"] and totals["false"] >= 1
    # the recalled bombing was in Baiji's market
    assert get(server, "/api/search", q="بيجي").json()["total"] == 0
    (found,) = get(server, "/api/search", q="بيجي", reported="all").json()["events"]
    assert (found["reported"], found["news_probability"]) == MENTION[0]
    summaries = get(server, "/api/events", view="summary", limit=1000, reported="all").json()["events"]
    assert {(item["reported"], item["news_probability"]) for item in summaries} >= set(BOTH)
    default = get(server, "/api/events", view="summary", limit=1000).json()["events"]
    assert found["event_id"] not in {item["event_id"] for item in default}


def test_one_event_shows_its_verdict_whatever_the_default(server: str) -> None:
    (mention,) = ours(get(server, "/api/events", reported="false", limit=1000).json()["events"])
    detail = get(server, f"/api/events/{mention['event_id']}").json()
    assert (detail["reported"], detail["news_probability"]) == MENTION[0]
    assert detail["modality"] == "background"
    (source,) = detail["sources_detail"]
    assert source["report"]["reported"] is False and source["document_id"] == OURS
    document = get(server, f"/api/documents/{OURS}").json()
    assert [event["reported"] for event in document["events"]] == [True, False]
    assert all(event["canonical_id"] for event in document["events"])


def test_the_openapi_description_says_news_is_the_default(server: str) -> None:
    schema = get(server, "/openapi.json").json()
    assert "reported" in schema["info"]["description"]
    for path in ("/api/events", "/api/stats", "/api/search"):
        (parameter,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "reported"]
        assert "news" in parameter["description"]
        assert parameter["schema"]["default"] == "true"
    assert "reported" in schema["paths"]["/api/events/{event_id}"]["get"]["description"]
    assert httpx.get(f"{server}/api/events", params={"reported": "maybe"}, timeout=30).status_code == 422


def _csv(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def _exported(output_format: str, content: bytes, server: str) -> list[tuple[Any, Any]]:
    """(reported, news_probability) of the team document's events in an export."""
    wanted = {event["event_id"] for event in ours(get(server, "/api/events", reported="all").json()["events"])}
    if output_format == "acled-csv":
        rows = [row for row in _csv(content) if row["event_id_cnty"] in wanted]
    elif output_format == "geojson":
        rows = [feature["properties"] for feature in json.loads(content)["features"] if feature["id"] in wanted]
    elif output_format == "plover-jsonl":
        rows = [row for line in content.decode("utf-8").splitlines() if (row := json.loads(line))["id"] in wanted]
    elif output_format == "jsonl":
        rows = [row for line in content.decode("utf-8").splitlines() if (row := json.loads(line))["event_id"] in wanted]
    else:
        rows = [row for row in pq.read_table(io.BytesIO(content)).to_pylist() if row["event_id"] in wanted]
    return sorted((row["reported"], row["news_probability"]) for row in rows)


EXPECTED = {
    "acled-csv": (
        [("true", str(NEWS_PROBABILITY))],
        [("false", str(MENTION_PROBABILITY)), ("true", str(NEWS_PROBABILITY))],
    ),
    **{name: (NEWS, BOTH) for name in ("geojson", "plover-jsonl", "jsonl", "parquet")},
}


@pytest.mark.parametrize("output_format", sorted(EXPECTED))
def test_every_export_carries_the_verdict_and_shows_news_by_default(
    server: str, store_url: str, output_format: str, tmp_path
) -> None:
    news, both = EXPECTED[output_format]
    exported = get(server, "/api/events", format=output_format).content
    assert _exported(output_format, exported, server) == news
    exported = get(server, "/api/events", format=output_format, reported="all").content
    assert _exported(output_format, exported, server) == both
    # the command line gives the same: news by default, the rest with --all
    for flags, expected in (((), news), (("--all",), both)):
        if output_format == "parquet":
            path = tmp_path / f"events{len(flags)}.parquet"
            cli_events(store_url, "--format", "parquet", "--output", str(path), *flags)
            content = path.read_bytes()
        else:
            content = cli_events(store_url, "--format", output_format, *flags)
        assert _exported(output_format, content, server) == expected, flags


def cli_events(store_url: str, *args: str) -> bytes:
    completed = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "events", "--db", store_url, *args],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr.decode()
    return completed.stdout


def test_the_command_line_shows_news_by_default_and_the_rest_with_a_flag(store_url: str) -> None:
    def listed(*flags: str) -> list[tuple[bool, float]]:
        return verdicts(ours([json.loads(line) for line in cli_events(store_url, *flags).decode().splitlines()]))

    assert listed() == listed("--reported") == NEWS
    assert listed("--not-reported") == MENTION
    assert listed("--all") == BOTH
    both = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "events", "--db", store_url, "--all", "--not-reported"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert both.returncode == 2 and b"not both" in both.stderr
