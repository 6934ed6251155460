"""A real `marsad serve` over the demo store, and one headless Chromium for the module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.serving import running_server
from tests.web.browser import CHROMIUM, LAUNCH_ARGS, require_browser_and_build
from tests.web.demo_store import build_store


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory, gazetteer: Path) -> str:
    require_browser_and_build()
    return build_store(tmp_path_factory.mktemp("dashboard"))


@pytest.fixture(scope="module")
def server(store_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(store_url, log=tmp_path_factory.mktemp("serve-log") / "serve.log") as base:
        yield base


@pytest.fixture(scope="module")
def events(server: str) -> list[dict[str, Any]]:
    """Every canonical event the dashboard shows by default (news), full records (to find the seeds'
    events by document)."""
    answer = httpx.get(f"{server}/api/events", params={"limit": 1000}, timeout=30).raise_for_status().json()
    return answer["events"]


@pytest.fixture(scope="module")
def every_event(server: str) -> list[dict[str, Any]]:
    """Every canonical event, reported as news or not (the dashboard's toggle shows the others)."""
    answer = httpx.get(f"{server}/api/events", params={"limit": 1000, "reported": "all"}, timeout=30)
    return answer.raise_for_status().json()["events"]


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh English-speaking page; browser errors, and any request that leaves the server, fail the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    elsewhere: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(f"{server}/") else elsewhere.append(request.url))
    yield page
    context.close()
    assert not errors, errors
    assert not elsewhere, f"the dashboard fetched from outside its server: {elsewhere}"
