"""The dashboard in a real Chromium against a real `marsad serve`: markers where the reports put
them, the evidence with its highlights and both outlets, filters that change the map and the counts,
deep links, the language toggle, and untrusted markup that shows as text and never runs."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Browser, Page, expect

from tests.serving import running_server
from tests.verdicts import NEWS_AND_MENTION
from tests.web.browser import ARTIFACTS
from tests.web.demo_store import BODY_IMG, BODY_SCRIPT, EVIDENCE_IMG, EVIDENCE_SCRIPT, HOSTILE_ID


def open_dashboard(page: Page, base: str, query: str = "") -> None:
    page.goto(f"{base}/{query}")
    page.wait_for_function("() => window.marsadDashboard !== undefined")
    page.evaluate("() => window.marsadDashboard.ready")
    settle(page)


def settle(page: Page) -> None:
    """Wait until the latest change is drawn and nothing is in flight."""
    page.evaluate("() => window.marsadDashboard.settled()")
    page.wait_for_load_state("networkidle")
    expect(page.locator("body")).to_have_attribute("data-state", "ready")


def markers(page: Page) -> dict[str, dict[str, Any]]:
    return {marker["id"]: marker for marker in page.evaluate("() => window.marsadDashboard.markers()")}


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"dashboard-{name}.png"))


def reported_by(events: list[dict[str, Any]], document_id: str) -> list[dict[str, Any]]:
    return [e for e in events if any(s.get("document_id") == document_id for s in e.get("sources", []))]


def anbar_raid(events: list[dict[str, Any]]) -> dict[str, Any]:
    found = reported_by(events, "seed-000")
    (raid,) = [e for e in found if e["event_date"] == "2024-08-29" and e["location"].get("latitude")]
    return raid


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_markers_are_where_the_reports_put_them(page: Page, server: str, events: list[dict[str, Any]]) -> None:
    open_dashboard(page, server)
    shown = markers(page)
    placed = [e for e in events if e["location"].get("latitude") is not None]
    assert set(shown) == {e["event_id"] for e in placed}
    raid = shown[anbar_raid(events)["event_id"]]
    # east of Wadi al-Qadhf, in the Anbar desert
    assert abs(raid["lat"] - 32.45) < 1 and abs(raid["lon"] - 43.0) < 1
    (kanaous,) = [e for e in reported_by(events, "seed-004") if e["location"].get("admin1") == "Salah Al-Din"]
    island = shown[kanaous["event_id"]]
    assert 34.0 < island["lat"] < 35.9 and 42.5 < island["lon"] < 44.8  # Salah al-Din
    # the examples' raid on a Diyala village and its car bomb in al-Khalis (seed 001's Diyala
    # operation is a candidate the judge does not report: it stays behind the toggle)
    diyala = [e for e in events if e["location"].get("admin1") == "Diyala"]
    assert len(diyala) >= 2
    for event in diyala:
        marker = shown[event["event_id"]]
        assert 33.0 < marker["lat"] < 35.2 and 44.2 < marker["lon"] < 46.2  # Diyala
    expect(page.locator("#count-events")).to_have_text(str(len(events)))
    assert page.locator(".leaflet-overlay-pane path, .event-cluster").count() > 0
    shot(page, "overview")


def test_clicking_the_raid_shows_both_outlets_with_highlights(
    page: Page, server: str, events: list[dict[str, Any]]
) -> None:
    raid_id = anbar_raid(events)["event_id"]
    open_dashboard(page, server, "?lat=32.45&lon=43&z=10")
    marker = markers(page)[raid_id]
    assert marker["visible"], "at zoom 10 the raid is drawn on its own, not in a cluster"
    page.mouse.click(marker["x"], marker["y"])
    panel = page.locator("#event-panel")
    expect(panel.locator(".source-row")).to_have_count(2)
    assert query_of(page)["event"] == [raid_id]
    evidence = panel.locator("p.evidence").first
    expect(evidence).to_have_attribute("dir", "rtl")
    expect(evidence).to_have_attribute("lang", "ar")
    expect(evidence).to_contain_text("وادي القذف")
    for kind in ("trigger", "actor", "place", "date", "count"):
        assert evidence.locator(f"mark.hl-{kind}").count() >= 1, kind
    expect(evidence.locator("mark.hl-place")).to_contain_text("وادي القذف")
    expect(evidence.locator("mark.hl-count").first).to_have_text("15")
    rows = panel.locator(".source-row")
    expect(rows.nth(0)).to_contain_text("aawsat")
    expect(rows.nth(1)).to_contain_text("alhurra")
    link = rows.nth(0).locator("a")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    expect(panel.locator(".geo-precision")).to_contain_text("near a place or part of an area")
    expect(panel.locator(".time-precision")).to_contain_text("exact day")
    shot(page, "raid-panel")


def test_deep_link_restores_the_view(page: Page, server: str, events: list[dict[str, Any]]) -> None:
    raid_id = anbar_raid(events)["event_id"]
    query = f"?type=Explosions%2FRemote+violence&admin1=Al-Anbar&since=2024-01-01&event={raid_id}&lat=33&lon=42&z=7"
    open_dashboard(page, server, query)
    expect(page.locator("#filter-type")).to_have_value("Explosions/Remote violence")
    expect(page.locator("#filter-admin1")).to_have_value("Al-Anbar")
    expect(page.locator("#event-panel .source-row")).to_have_count(2)
    expected = [
        e
        for e in events
        if e["event_type"] == "Explosions/Remote violence"
        and e["location"].get("admin1") == "Al-Anbar"
        and e["event_date"] >= "2024-01-01"
    ]
    assert set(markers(page)) == {e["event_id"] for e in expected if e["location"].get("latitude") is not None}
    expect(page.locator("#count-events")).to_have_text(str(len(expected)))
    centre = query_of(page)
    assert abs(float(centre["lat"][0]) - 33) < 0.05 and abs(float(centre["lon"][0]) - 42) < 0.05
    assert float(centre["z"][0]) == 7
    for link in page.locator("a.export").all():
        href = link.get_attribute("href") or ""
        params = parse_qs(urlparse(href).query)
        assert params["format"] == [link.get_attribute("data-format")]
        assert params["admin1"] == ["Al-Anbar"] and params["since"] == ["2024-01-01"] and params["limit"] == ["100000"]


def test_filters_change_markers_and_counts(page: Page, server: str, events: list[dict[str, Any]]) -> None:
    open_dashboard(page, server)
    everything = set(markers(page))
    page.select_option("#filter-type", "Explosions/Remote violence")
    settle(page)
    explosions = [e for e in events if e["event_type"] == "Explosions/Remote violence"]
    assert set(markers(page)) == {e["event_id"] for e in explosions if e["location"].get("latitude") is not None}
    assert set(markers(page)) < everything
    expect(page.locator("#count-events")).to_have_text(str(len(explosions)))
    fatalities = sum(e["fatalities"] or 0 for e in explosions)
    expect(page.locator("#count-fatalities")).to_have_text(f"{fatalities:,}")
    assert query_of(page)["type"] == ["Explosions/Remote violence"]

    page.select_option("#filter-admin1", "Diyala")
    settle(page)
    in_diyala = [e for e in explosions if e["location"].get("admin1") == "Diyala"]
    assert in_diyala and set(markers(page)) == {e["event_id"] for e in in_diyala}
    expect(page.locator("#count-events")).to_have_text(str(len(in_diyala)))

    page.click("#filter-clear")
    settle(page)
    page.fill("#filter-text", "وادي القذف")
    page.press("#filter-text", "Enter")
    settle(page)
    found = set(markers(page))
    assert anbar_raid(events)["event_id"] in found and len(found) < len(everything)
    shot(page, "filtered")


def test_timeline_brush_sets_the_dates(page: Page, server: str, events: list[dict[str, Any]]) -> None:
    open_dashboard(page, server)
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    # the right third of the timeline holds the 2024-2025 reports; the 2019-2020 seeds fall outside
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] / 2, steps=5)
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    settle(page)
    query = query_of(page)
    since, until = query["since"][0], query["until"][0]
    assert "2020-12-31" < since < until
    inside = [e for e in events if e["event_date"] and since <= e["event_date"] <= until]
    assert 0 < len(inside) < len(events)
    expect(page.locator("#count-events")).to_have_text(str(len(inside)))
    assert page.locator("#timeline rect.bar.out-of-range").count() > 0
    shot(page, "brushed")
    page.click("#timeline-reset")
    settle(page)
    assert "since" not in query_of(page)
    expect(page.locator("#count-events")).to_have_text(str(len(events)))


def test_language_toggle_switches_labels_and_direction(page: Page, server: str) -> None:
    open_dashboard(page, server)
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.locator("#filter-type option").first).to_have_text("All types")
    page.click("#lang-toggle")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(page.locator("#filter-type option").first).to_have_text("كل الأنواع")
    # the admin1 filter reads Arabic names and keeps the English (ACLED) name as its value
    expect(page.locator('#filter-admin1 option[value="Diyala"]')).to_have_text("ديالى")
    expect(page.locator("#lang-toggle")).to_have_text("English")
    assert query_of(page)["lang"] == ["ar"]
    shot(page, "arabic")
    # the language travels in the link
    open_dashboard(page, server, "?lang=ar")
    expect(html).to_have_attribute("dir", "rtl")
    page.click("#lang-toggle")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.locator("#lang-toggle")).to_have_text("العربية")


def test_hostile_markup_is_shown_as_text_and_never_runs(
    page: Page, server: str, every_event: list[dict[str, Any]]
) -> None:
    (hostile,) = reported_by(every_event, HOSTILE_ID)  # news or not: its panel shows either way
    open_dashboard(page, server, f"?event={hostile['event_id']}")
    panel = page.locator("#event-panel")
    evidence = panel.locator("p.evidence")
    expect(evidence).to_contain_text(EVIDENCE_SCRIPT)
    expect(evidence).to_contain_text(EVIDENCE_IMG)
    assert panel.locator("img, script").count() == 0
    # a javascript: address is no link
    assert panel.locator(".source-row a").count() == 0
    panel.locator("button.full-text").click()
    text = page.locator("#document-view .document-text")
    expect(text).to_contain_text(BODY_SCRIPT)
    expect(text).to_contain_text(BODY_IMG)
    expect(page.locator("#document-view .document-title")).to_contain_text('<img src=x onerror="window.__pwned=1">')
    assert page.locator("#document-view img, #document-view script, #document-view a").count() == 0
    assert query_of(page)["doc"] == [HOSTILE_ID]
    assert page.locator('img[src="x"]').count() == 0
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => window.__pwned") is None
    shot(page, "hostile-document")


def test_events_not_reported_as_news_are_one_toggle_away(
    page: Page, server: str, events: list[dict[str, Any]], every_event: list[dict[str, Any]]
) -> None:
    every = every_event
    (mention,) = [e for e in reported_by(every, NEWS_AND_MENTION.id) if e["reported"] is False]
    (news,) = reported_by(events, NEWS_AND_MENTION.id)
    assert mention["location"].get("latitude") is not None and len(every) > len(events)

    open_dashboard(page, server)
    toggle = page.locator("#filter-unreported")
    expect(toggle).not_to_be_checked()  # news alone by default
    expect(page.locator("label.toggle")).to_have_text("Show events not reported as news")
    assert news["event_id"] in markers(page) and mention["event_id"] not in markers(page)
    expect(page.locator("#count-events")).to_have_text(str(len(events)))
    expect(page.locator(".legend-not-reported")).to_have_count(0)

    toggle.check()
    settle(page)
    expect(page.locator(".legend-not-reported")).to_have_text("pale, dashed: not reported as news")
    shown = markers(page)
    assert set(shown) == {e["event_id"] for e in every if e["location"].get("latitude") is not None}
    assert shown[mention["event_id"]]["reported"] is False and shown[news["event_id"]]["reported"] is True
    expect(page.locator("#count-events")).to_have_text(str(len(every)))
    assert query_of(page)["unreported"] == ["1"]
    for link in page.locator("a.export").all():  # a download is what the map shows
        assert parse_qs(urlparse(link.get_attribute("href") or "").query)["reported"] == ["all"]
    shot(page, "not-reported-shown")

    page.click("#lang-toggle")
    expect(page.locator("label.toggle")).to_have_text("إظهار الأحداث التي لم تُنشر كأخبار")
    expect(toggle).to_be_checked()
    page.click("#lang-toggle")

    # the choice travels in the link, and the panel says what the judge said
    open_dashboard(page, server, f"?unreported=1&event={mention['event_id']}")
    expect(toggle).to_be_checked()
    verdict = page.locator("#event-panel .reported")
    expect(verdict).to_contain_text("no: mentioned")
    expect(verdict).to_contain_text("4%")
    page.click("#filter-clear")  # clearing the filters goes back to news alone
    settle(page)
    expect(toggle).not_to_be_checked()
    assert mention["event_id"] not in markers(page) and "unreported" not in query_of(page)
    expect(page.locator("#count-events")).to_have_text(str(len(events)))

    open_dashboard(page, server, f"?event={news['event_id']}")
    expect(page.locator("#event-panel .reported")).to_contain_text("yes (probability 91%)")
    toggle.check()
    settle(page)
    toggle.uncheck()
    settle(page)
    assert mention["event_id"] not in markers(page)
    for link in page.locator("a.export").all():
        assert "reported" not in parse_qs(urlparse(link.get_attribute("href") or "").query)


def test_unknown_event_says_so(page: Page, server: str) -> None:
    open_dashboard(page, server, "?event=MRS-NO-SUCH-EVENT")
    expect(page.locator("#event-panel .notice")).to_contain_text("not in the store")


def test_a_server_with_a_read_token_asks_for_it_once(browser: Browser, store_url: str) -> None:
    with running_server(store_url, read_token="reader-91ac") as base:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto(f"{base}/")
            expect(page.locator("#token-form")).to_be_visible()
            expect(page.locator("body")).to_have_attribute("data-state", "token")
            page.fill("#token-input", "wrong")
            page.click("#token-form button")
            expect(page.locator(".token-message")).to_have_text("That token is not accepted.")
            shot(page, "token")
            page.fill("#token-input", "reader-91ac")
            with page.expect_navigation():
                page.click("#token-form button")
            page.evaluate("() => window.marsadDashboard.ready")
            settle(page)
            assert markers(page), "after the token the map shows the events"
            page.goto(f"{base}/")  # the cookie lasts: no second question
            page.evaluate("() => window.marsadDashboard.ready")
            settle(page)
            expect(page.locator("#token-form")).to_have_count(0)
        finally:
            context.close()
        assert not errors, errors
