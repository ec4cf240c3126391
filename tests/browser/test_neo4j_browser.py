"""Neo4j Browser itself, served by the locally provisioned server: a person logs in, plays
the project's guide from the API, loads the style, and runs a guide query on the seeded
graph. Driven in Debian's Chromium by Playwright; screenshots go to test-artifacts/."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from api.settings import ApiSettings as Settings
from graph.domain.declaration import DOMAIN
from tests.shared import ARTIFACTS, CHROMIUM, FLAGS


@pytest.fixture
def browser_page(seeded_api: str) -> Iterator[Page]:
    if not os.environ.get("KG_TEST_BROWSER_URL"):
        pytest.skip("Neo4j Browser is only driven against the locally provisioned server")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        yield page
        browser.close()


def run(page: Page, command: str) -> None:
    page.locator(".monaco-editor").first.click()
    page.keyboard.type(command)
    page.keyboard.press("Enter")


def test_guide_style_and_a_query_in_neo4j_browser(
    browser_page: Page, seeded_api: str, settings: Settings
) -> None:
    page = browser_page
    page.goto(os.environ["KG_TEST_BROWSER_URL"])
    page.locator("[data-testid=username]").fill("neo4j")
    page.locator("[data-testid=password]").fill(settings.neo4j_password.get_secret_value())
    page.locator("[data-testid=password]").press("Enter")
    expect(page.get_by_text("You are connected as user")).to_be_visible()

    # Browser reads the server's allow-list of guide hosts just after connecting: retry
    # until it has, as a person would
    for _ in range(20):
        run(page, f":guide {seeded_api}/browser/guide.html")
        page.wait_for_timeout(500)
        if not page.get_by_text("Remote guide error").count():
            break
    expect(page.get_by_role("heading", name="Knowledge graph").last).to_be_visible()
    expect(page.get_by_text("Actors, firms, proposals")).to_be_visible()
    page.locator("pre.runnable", has_text=":style").click()  # a runnable block fills the editor
    page.keyboard.press("Control+Enter")

    page.get_by_text("Next").click()
    page.get_by_text("Next").click()
    expect(page.get_by_role("heading", name="An entity and its neighbourhood")).to_be_visible()
    blocks = page.locator("pre.runnable")
    blocks.nth(0).click()  # :params {id: 'tsmc'}
    page.keyboard.press("Control+Enter")
    expect(page.get_by_text("Successfully set your parameters.")).to_be_visible()
    blocks.nth(1).click()
    page.keyboard.press("Control+Enter")
    expect(page.get_by_text("Displaying").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "6-neo4j-browser-guide.png"))
    # the style applied: firms are drawn in the colour the domain declares for them
    colour = DOMAIN.kinds["firm"].colour
    rgb = f"rgb({int(colour[1:3], 16)}, {int(colour[3:5], 16)}, {int(colour[5:7], 16)})"
    firm = page.locator("[data-testid=property-details-overview-node-label-Firm]")
    assert firm.evaluate("e => getComputedStyle(e).backgroundColor") == rgb
    assert "no records" not in page.locator("article").first.inner_text()
