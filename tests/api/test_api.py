"""The HTTP API, over httpx against a real uvicorn process (see conftest.py)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from typing import Any

import httpx
import pyarrow.parquet as pq
import pytest

from tests.api.conftest import TOKEN
from tests.serving import running_server


def get(base: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{base}{path}", params=params, timeout=30)


def cli_events(store_url: str, *args: str) -> bytes:
    return subprocess.run(
        [sys.executable, "-m", "marsad.cli", "events", "--db", store_url, *args],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout


def test_openapi_and_docs_are_served(server: str) -> None:
    schema = get(server, "/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{document_id}", "/api/documents"} <= set(
        schema["paths"]
    )
    assert {"/api/search", "/api/stats", "/api/deletions"} <= set(schema["paths"])
    assert get(server, "/docs").status_code == 200


def test_events_are_paged_with_their_total(server: str) -> None:
    everything = get(server, "/api/events").json()
    assert everything["total"] == len(everything["events"]) >= 10
    first, second = get(server, "/api/events", limit=3).json(), get(server, "/api/events", limit=3, offset=3).json()
    assert first["total"] == everything["total"]
    ids = [event["event_id"] for event in first["events"] + second["events"]]
    assert ids == [event["event_id"] for event in everything["events"][:6]]


def test_filters_narrow_the_events_and_the_stats_follow(server: str) -> None:
    all_stats = get(server, "/api/stats").json()
    diyala = get(server, "/api/events", admin1="Diyala").json()
    assert 0 < diyala["total"] < all_stats["total"]
    assert all(event["location"]["admin1"] == "Diyala" for event in diyala["events"])
    assert (
        get(server, "/api/stats", admin1="Diyala").json()["total"]
        == diyala["total"]
        == all_stats["by_admin1"]["Diyala"]
    )
    battles = get(server, "/api/events", event_type="Battles").json()
    assert all(event["event_type"] == "Battles" for event in battles["events"])
    in_march = get(server, "/api/events", since="2024-03-01", until="2024-03-31").json()
    assert in_march["total"] >= 1
    assert all("2024-03-01" <= event["event_date"] <= "2024-03-31" for event in in_march["events"])
    boxed = get(server, "/api/events", bbox="44.0,33.0,46.0,35.0").json()  # around Diyala
    assert all(
        44 <= e["location"]["longitude"] <= 46 and 33 <= e["location"]["latitude"] <= 35 for e in boxed["events"]
    )
    assert sum(get(server, "/api/stats").json()["by_week"].values()) == all_stats["total"]


def test_two_outlets_on_one_bombing_are_one_event_with_conservative_figures(server: str) -> None:
    found = get(server, "/api/events", q="الخالص").json()
    (event,) = [e for e in found["events"] if any(s["document_id"] == "team-1" for s in e["sources"])]
    assert {source["document_id"] for source in event["sources"]} == {"team-1", "team-2"}
    assert event["fatalities"] == 4 and event["injured"] == 9
    detail = get(server, f"/api/events/{event['event_id']}").json()
    assert [revision["revision"] for revision in detail["revisions"]] == [1, 2]
    assert {source["document_id"] for source in detail["sources_detail"]} == {"team-1", "team-2"}
    for source in detail["sources_detail"]:
        document = get(server, f"/api/documents/{source['document_id']}").json()
        start, end = source["report"]["evidence"]["span"]
        assert document["text"][start:end] == source["report"]["evidence"]["text"]
        trigger = source["report"]["trigger"]
        assert document["text"][trigger["span"][0] : trigger["span"][1]] == trigger["text"]


def test_summaries_carry_what_a_map_needs(server: str) -> None:
    summaries = get(server, "/api/events", view="summary", admin1="Diyala").json()["events"]
    assert summaries
    for summary in summaries:
        assert {"event_id", "latitude", "longitude", "event_type", "fatalities", "geo_precision"} <= set(summary)
        assert summary["admin1"] == "Diyala"


def test_search_finds_normalized_arabic(server: str) -> None:
    # written with hamza and taa marbuta variants the normalizer folds
    found = get(server, "/api/search", q="سياره مفخخه").json()
    assert found["total"] >= 1
    assert any(event["admin1"] == "Diyala" for event in found["events"])
    assert get(server, "/api/search", q=" ").status_code == 422


@pytest.mark.parametrize("output_format", ["acled-csv", "plover-jsonl", "geojson", "jsonl"])
def test_exports_are_identical_to_the_command_line(server: str, store_url: str, output_format: str) -> None:
    response = get(server, "/api/events", format=output_format, admin1="Diyala")
    assert response.status_code == 200
    assert response.content == cli_events(store_url, "--format", output_format, "--admin1", "Diyala")


def test_parquet_export_matches_the_command_line(server: str, store_url: str, tmp_path) -> None:
    response = get(server, "/api/events", format="parquet")
    path = tmp_path / "cli.parquet"
    cli_events(store_url, "--format", "parquet", "--output", str(path))
    assert pq.read_table(io.BytesIO(response.content)).equals(pq.read_table(path))


def test_unknown_ids_are_404_and_bad_parameters_422(server: str) -> None:
    assert get(server, "/api/events/MRSNOSUCHEVENT").status_code == 404
    assert get(server, "/api/documents/no-such-document").status_code == 404
    assert get(server, "/api/events", bbox="1,2,3").status_code == 422
    assert get(server, "/api/events", since="yesterday").status_code == 422
    assert get(server, "/api/events", limit=0).status_code == 422
    assert get(server, "/api/events", format="xml").status_code == 422


def test_writes_need_the_token(server: str) -> None:
    document = {
        "id": "team-w1",
        "published": "2024-05-13",
        "text": "قتل جنديان بهجوم مسلح على نقطة تفتيش في قضاء الطارمية أمس الأحد.",
    }
    assert httpx.post(f"{server}/api/documents", json=document, timeout=30).status_code == 401
    wrong = {"Authorization": "Bearer not-the-token"}
    assert httpx.post(f"{server}/api/documents", json=document, headers=wrong, timeout=30).status_code == 401
    assert get(server, "/api/documents/team-w1").status_code == 404  # nothing was stored


def test_a_posted_document_is_ingested_and_its_events_returned(server: str) -> None:
    before = get(server, "/api/stats").json()["total"]
    document = {
        "id": "team-w2",
        "published": "2024-05-13",
        "text": "قتل جنديان بهجوم مسلح على نقطة تفتيش في قضاء الطارمية أمس الأحد.",
    }
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = httpx.post(f"{server}/api/documents", json=document, headers=headers, timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    (event,) = body["events"]
    assert event["fatalities"] == 2 and event["event_date"] == "2024-05-12"
    assert get(server, "/api/stats").json()["total"] == before + 1
    assert get(server, f"/api/events/{event['canonical_id']}").json()["sources"][0]["document_id"] == "team-w2"


def test_bad_documents_are_refused_and_nothing_is_lost(server: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    before = get(server, "/api/stats").json()
    for bad in (
        {"id": "team-bad", "text": "   "},
        {"id": "team-bad"},
        {"text": "بلا معرف"},
        {"id": "x", "text": "نص", "published": "غدا"},
    ):
        response = httpx.post(f"{server}/api/documents", json=bad, headers=headers, timeout=30)
        assert response.status_code == 422, (bad, response.text)
        assert "detail" in response.json()
    response = httpx.post(
        f"{server}/api/documents", content=b"{not json", headers={**headers, "content-type": "application/json"}
    )
    assert response.status_code == 422
    assert get(server, "/api/stats").json() == before


def test_a_changed_document_retracts_its_event_into_the_deletions_feed(server: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    original = {
        "id": "team-w3",
        "published": "2024-06-03",
        "text": "قتل ثلاثة رعاة بانفجار لغم أرضي في ناحية العظيم بمحافظة ديالى أمس الأحد.",
    }
    posted = httpx.post(f"{server}/api/documents", json=original, headers=headers, timeout=60).json()
    (event,) = posted["events"]
    corrected = {**original, "text": "نفت قيادة الشرطة في ديالى الأنباء عن انفجار في ناحية العظيم."}
    assert httpx.post(f"{server}/api/documents", json=corrected, headers=headers, timeout=60).status_code == 200
    deletions = get(server, "/api/deletions").json()["deletions"]
    assert event["canonical_id"] in {deletion["event_id"] for deletion in deletions}
    latest = max(deletion["deleted"] for deletion in deletions)
    recent = get(server, "/api/deletions", since=latest).json()["deletions"]
    assert recent and all(deletion["deleted"] >= latest for deletion in recent)
    assert get(server, f"/api/events/{event['canonical_id']}").json()["deleted"] is True


def test_without_a_token_configured_writes_are_disabled(store_url: str) -> None:
    with running_server(store_url) as base:
        response = httpx.post(
            f"{base}/api/documents",
            json={"id": "team-w4", "text": "قتل مدني في قضاء الخالص."},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=30,
        )
        assert response.status_code == 403
        assert "MARSAD_API_TOKEN" in response.json()["detail"]


def test_a_read_token_closes_reads_to_everyone_without_it(store_url: str) -> None:
    with running_server(store_url, token=TOKEN, read_token="reader-7d2e") as base:
        assert httpx.get(f"{base}/api/health", timeout=30).status_code == 200  # for monitoring
        assert httpx.get(f"{base}/", timeout=30).status_code == 200  # the dashboard asks for the token
        refused = httpx.get(f"{base}/api/events", timeout=30)
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        for token in ("reader-7d2e", TOKEN):  # the write token reads too
            answer = httpx.get(f"{base}/api/events", headers={"Authorization": f"Bearer {token}"}, timeout=30)
            assert answer.status_code == 200 and answer.json()["total"] > 0
        assert httpx.post(f"{base}/api/session", json={"token": "guess"}, timeout=30).status_code == 401

        with httpx.Client(base_url=base, timeout=30) as browser:  # keeps cookies, as a browser does
            signed_in = browser.post("/api/session", json={"token": "reader-7d2e"})
            assert signed_in.status_code == 204
            cookie = signed_in.headers["set-cookie"].lower()
            assert "httponly" in cookie and "samesite=strict" in cookie
            assert browser.get("/api/events").status_code == 200
            assert browser.get("/api/events", params={"format": "acled-csv"}).status_code == 200
            # the cookie opens reads only: writes still need the bearer token in the header
            write = browser.post("/api/documents", json={"id": "team-r1", "text": "قتل مدني في قضاء الخالص."})
            assert write.status_code == 401


def test_without_a_read_token_the_session_endpoint_sets_nothing(server: str) -> None:
    answer = httpx.post(f"{server}/api/session", json={"token": "anything"}, timeout=30)
    assert answer.status_code == 204 and "set-cookie" not in answer.headers


def test_boundaries_cover_the_region_with_english_and_arabic_names(server: str) -> None:
    response = get(server, "/api/boundaries")
    assert response.status_code == 200  # the polygons ship with Marsad: no gazetteer or ../shared needed
    features = response.json()["features"]
    names = {feature["properties"]["name"] for feature in features}
    assert {"Al-Anbar", "Diyala", "Baghdad", "Aleppo", "Taizz", "Benghazi", "Riyadh"} <= names
    assert {feature["properties"]["country"] for feature in features} >= {"IQ", "SY", "YE", "LY", "SA", "EG", "TN"}
    anbar = next(feature for feature in features if feature["properties"]["name"] == "Al-Anbar")
    assert anbar["properties"]["name_ar"] == "الأنبار" and anbar["properties"]["pcode"] == "IQG01"


def test_the_admin1_filter_takes_english_or_arabic(server: str) -> None:
    english = get(server, "/api/events", admin1="Diyala").json()["events"]
    assert english
    for query in ("ديالى", "محافظة ديالى", "diyala"):
        assert get(server, "/api/events", admin1=query).json()["events"] == english


def test_meta_lists_what_the_filters_offer(server: str) -> None:
    meta = get(server, "/api/meta").json()
    assert "Diyala" in meta["admin1"] and "Battles" in meta["event_types"]
    assert meta["admin1_ar"]["Diyala"] == "ديالى"
    assert meta["tile_url"] is None and meta["boundaries"] is True
    assert json.dumps(meta)  # plain JSON


def test_search_survives_control_characters_and_query_syntax(server: str) -> None:
    for query in ("\x00سيارة", 'مفخخة" OR "', "NEAR(a b)", "*", "\U0010aa21"):
        assert get(server, "/api/search", q=query).status_code == 200
        assert get(server, "/api/events", q=query).status_code == 200


def test_a_publication_year_outside_news_archives_is_refused(server: str) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    document = {"id": "team-old", "published": "0001-01-01", "text": "قتل مدني في قضاء الخالص أمس."}
    response = httpx.post(f"{server}/api/documents", json=document, headers=headers, timeout=30)
    assert response.status_code == 422
    assert "between 1900 and 2200" in response.text
