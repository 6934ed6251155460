"""The dashboard in a real browser: Playwright driving Debian's Chromium against `marsad serve`
over the five seeds (read from ../shared at test time) and a hostile document the team wrote."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from marsad.api.app import STATIC
from marsad.io.readers import read_jsonl_path
from marsad.store.db import open_store
from marsad.store.ingest import ingest
from tests.serving import running_server
from tests.shared_data import shared_path

CHROMIUM = Path(os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# seed prefix -> (publication date, outlet); 000 and 002 are two outlets on one raid
SEEDS = {
    "000": ("2024-09-03", "aawsat"),
    "001": ("2020-05-11", "aawsat"),
    "002": ("2024-09-03", "alhurra"),
    "003": ("2020-06-23", "aawsat"),
    "004": ("2019-09-11", "aawsat"),
}
HOSTILE = {
    "id": "team-hostile",
    "source": "ina",
    "published": "2024-05-13",
    "text": "قتل مسلحون مجهولون مزارعين اثنين في قضاء الحويجة بمحافظة كركوك أمس الأحد، وكتبوا"
    ' <script>alert(1)</script> و<img src="x" onerror="alert(2)"> على جدار قريب.',
}


def _required(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what}; CI needs it", pytrace=False)
    pytest.skip(what)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not CHROMIUM.exists():
        _required(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    if not (STATIC / "index.html").is_file():
        _required("the dashboard is not built (make web)")
    folder = tmp_path_factory.mktemp("web-store")
    lines = []
    for prefix, (published, outlet) in SEEDS.items():
        (path,) = shared_path("seeds").glob(f"{prefix}_*.txt")
        text = path.read_text(encoding="utf-8")
        lines.append({"id": path.stem, "text": text, "published": published, "source": outlet})
    lines.append(HOSTILE)
    reports = folder / "reports.jsonl"
    reports.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), "utf-8")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    engine = open_store(url)
    assert ingest(engine, read_jsonl_path(str(reports))).failed == 0
    engine.dispose()
    with running_server(url) as base:
        yield base


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # the page's Content-Security-Policy forbids eval, which Playwright's wait_for_function uses;
    # bypassing it also shows that hostile text stays inert without the CSP's help
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US", bypass_csp=True)
    opened = context.new_page()
    yield opened
    context.close()


def open_dashboard(page: Any, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/{query}")
    page.wait_for_function("window.marsadDashboard && document.body.dataset.state === 'ready'", timeout=30_000)
    page.evaluate("window.marsadDashboard.ready")


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def api_events(base_url: str, **params: str) -> list[dict[str, Any]]:
    return httpx.get(f"{base_url}/api/events", params={"view": "summary", **params}, timeout=30).json()["events"]


def anbar_raid(base_url: str) -> dict[str, Any]:
    (raid,) = [
        e for e in api_events(base_url, admin1="Al-Anbar") if e["event_date"] == "2024-08-29" and e["sources"] == 2
    ]
    return raid


def test_markers_stand_where_the_events_happened(page: Any, base_url: str) -> None:
    open_dashboard(page, base_url)
    screenshot(page, "dashboard-seeds")
    markers = {marker["id"]: marker for marker in page.evaluate("window.marsadDashboard.markers()")}
    placed = [e for e in api_events(base_url) if e["latitude"] is not None]
    assert set(markers) == {e["event_id"] for e in placed}
    raid = markers[anbar_raid(base_url)["event_id"]]
    assert abs(raid["lat"] - 32.45) < 0.5 and abs(raid["lon"] - 43.0) < 0.5  # east of Wadi al-Qadhf
    (island,) = [e for e in placed if e["event_date"] == "2019-09-10"]
    assert island["admin1"] == "Salah Al-Din"
    assert abs(markers[island["event_id"]]["lat"] - island["latitude"]) < 1e-6
    assert any(e["admin1"] == "Diyala" and e["event_id"] in markers for e in placed)


def test_the_anbar_raid_shows_its_arabic_sentence_and_both_outlets(page: Any, base_url: str) -> None:
    raid = anbar_raid(base_url)
    open_dashboard(page, base_url, f"?event={raid['event_id']}")
    panel = page.locator("#event-panel")
    panel.locator(".source-row").first.wait_for(timeout=15_000)
    assert panel.locator(".source-row").count() == 2
    rtl = panel.locator("[dir=rtl]").first
    assert "الأنبار" in panel.inner_text() or "الانبار" in panel.inner_text()
    assert rtl.is_visible()
    assert panel.locator("mark.hl-trigger").count() >= 1
    assert panel.locator("mark.hl-count").count() >= 1
    screenshot(page, "event-panel-anbar-raid")


def test_a_click_on_a_marker_opens_its_event(page: Any, base_url: str) -> None:
    raid = anbar_raid(base_url)
    open_dashboard(page, base_url, "?lat=32.45&lon=43.0&z=10")  # the raid alone in view
    page.wait_for_timeout(500)  # clusters settle after the first zoom
    (marker,) = [m for m in page.evaluate("window.marsadDashboard.markers()") if m["id"] == raid["event_id"]]
    page.mouse.click(marker["x"], marker["y"])
    page.locator("#event-panel .source-row").first.wait_for(timeout=15_000)
    assert f"event={raid['event_id']}" in page.url
    screenshot(page, "clicked-marker")


def test_a_filter_changes_the_markers_and_the_counts(page: Any, base_url: str) -> None:
    open_dashboard(page, base_url)
    before = page.inner_text("#count-events")
    markers_before = len(page.evaluate("window.marsadDashboard.markers()"))
    page.select_option("#filter-admin1", "Al-Anbar")
    page.evaluate("window.marsadDashboard.settled()")
    page.wait_for_function("document.body.dataset.state === 'ready'")
    after = page.inner_text("#count-events")
    markers_after = page.evaluate("window.marsadDashboard.markers()")
    assert int(after) == len(api_events(base_url, admin1="Al-Anbar")) < int(before)
    assert 0 < len(markers_after) < markers_before
    assert "admin1=Al-Anbar" in page.url  # the view travels in the link
    screenshot(page, "filtered-anbar")


def test_article_text_is_shown_as_text_never_run(page: Any, base_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    (hostile,) = [e for e in api_events(base_url, admin1="Kirkuk")]
    open_dashboard(page, base_url, f"?event={hostile['event_id']}")
    panel = page.locator("#event-panel")
    panel.locator(".source-row").first.wait_for(timeout=15_000)
    text = panel.inner_text()
    assert "<script>alert(1)</script>" in text
    assert '<img src="x" onerror="alert(2)">' in text
    page.wait_for_timeout(500)  # an injected onerror would have fired by now
    assert dialogs == []
    assert panel.locator("script").count() == 0 and panel.locator('img[src="x"]').count() == 0
    screenshot(page, "hostile-document")


def test_the_interface_speaks_arabic_and_english(page: Any, base_url: str) -> None:
    open_dashboard(page, base_url, "?lang=en")
    assert page.evaluate("document.documentElement.dir") != "rtl"
    english = page.inner_text("body")
    page.click("#lang-toggle")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.inner_text("body") != english
    assert "lang=ar" in page.url
    screenshot(page, "arabic-interface")


def test_chromium_is_the_debian_one() -> None:
    if shutil.which("chromium") is None and os.environ.get("CI") != "true":
        pytest.skip("no chromium on PATH")
    assert CHROMIUM.exists()
