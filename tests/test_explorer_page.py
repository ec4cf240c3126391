"""The explorer page, driven in headless Chromium (Debian's package) by Playwright:
search for TSMC, expand its neighbourhood, find the path to Cheng Li-chiun, open a
fact's sources, export. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from graph.domain import DOMAIN
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser(seeded_api: str) -> Iterator[Browser]:  # seeded first: Playwright holds an event loop
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `apt-get install chromium` (make test does it as root)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, seeded_api: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.goto(seeded_api + "/")
    yield opened
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def nodes_on_screen(page: Page) -> int:
    return int(page.evaluate("window.kgExplorer.cy.nodes().length"))


def test_search_expand_path_and_sources(page: Page, tmp_path: Path) -> None:
    expect(page.locator("#status")).to_have_text("Search for an entity to begin.")
    # keyboard only: focus the search box, type, Enter
    page.keyboard.press("Tab")
    expect(page.locator("#search-input")).to_be_focused()
    page.keyboard.type("TSMC")
    page.keyboard.press("Enter")
    first = page.locator("#results button").first
    expect(first).to_have_text("TSMC")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("#card-heading")).to_have_text("TSMC")
    expect(page.locator("#card-kind")).to_have_text("firm")
    expect(page.locator("#card-sources")).to_contain_text(
        "Taiwan–U.S. strategic tech partnership talks"
    )
    expect(page.locator("#card-facts")).to_contain_text("TSMC invests 165 billion USD in Arizona")
    assert nodes_on_screen(page) == 5
    page.screenshot(path=str(ARTIFACTS / "1-tsmc-neighbourhood.png"))

    # expand Arizona by clicking its node in the graph
    position = page.evaluate(
        "(() => { const p = window.kgExplorer.cy.getElementById('arizona').renderedPosition();"
        " return [p.x, p.y]; })()"
    )
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + position[0], box["y"] + position[1])
    expect(page.locator("#card-heading")).to_have_text("Arizona")
    assert page.evaluate("window.kgExplorer.cy.getElementById('united-states').length") == 1
    assert nodes_on_screen(page) == 6
    page.screenshot(path=str(ARTIFACTS / "2-arizona-expanded.png"))

    # the path to Cheng Li-chiun, read as sentences with sources
    page.fill("#path-from", "TSMC")
    page.fill("#path-to", "Cheng Li-chiun")
    page.click("#path-form button[type=submit]")
    path = page.locator("#paths .path").first
    expect(path).to_contain_text("Government of Taiwan governs Taiwan")
    expect(path).to_contain_text("Sources: Taiwan–U.S. strategic tech partnership talks")
    assert page.evaluate("window.kgExplorer.cy.edges('.path').length") == 3
    page.screenshot(path=str(ARTIFACTS / "3-path-to-cheng.png"))

    # open a fact: its evidence and its source
    path.get_by_role("button", name="Government of Taiwan governs Taiwan").click()
    expect(page.locator("#panel-heading")).to_have_text("Why this is believed")
    expect(page.locator("#panel-body")).to_contain_text(
        "The article speaks for Taiwan through its government"
    )
    expect(page.locator("#panel-body")).to_contain_text(
        "Sources: Taiwan–U.S. strategic tech partnership talks"
    )
    page.screenshot(path=str(ARTIFACTS / "4-fact-sources.png"), full_page=True)

    # export what is on screen
    with page.expect_download() as png:
        page.click("#export-png")
    saved = tmp_path / "view.png"
    png.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as js:
        page.click("#export-json")
    assert '"id": "cheng-li-chiun"' in Path(js.value.path()).read_text()


def test_stances_and_legend(page: Page) -> None:
    legend = page.locator("#legend li")
    expect(legend).to_have_count(len(DOMAIN.kinds))
    page.fill("#search-input", "equally")
    page.click("#search-form button")
    page.locator(
        "#results button", has_text="U.S. proposal to share chip production equally"
    ).click()
    page.get_by_role("button", name="Stances").click()
    body = page.locator("#panel-body")
    expect(body).to_contain_text("Status: rejected")
    expect(body).to_contain_text("United States government proposes")
    expect(body).to_contain_text("Government of Taiwan rejects")
    page.screenshot(path=str(ARTIFACTS / "5-stances.png"), full_page=True)


def test_errors_are_shown_not_swallowed(page: Page) -> None:
    page.fill("#path-from", "TSMC")
    page.fill("#path-to", "zzzzqqqq")
    page.click("#path-form button[type=submit]")
    expect(page.locator("#status")).to_have_text("No entity matches “zzzzqqqq”")
    expect(page.locator("#status")).to_have_class("error")
