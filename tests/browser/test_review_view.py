"""The review view (/review) in headless Chromium: a source's text with what its analysis
found marked, the candidates beside it, and a person accepting one (its fact written,
pointing at its sentence) and rejecting another with a reason."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from tests.browser.test_explorer_page import browser, http, page  # noqa: F401
from tests.payloads import entity, source
from tests.shared import ARTIFACTS

TEXT = "Reviewco invests in Reviewland. Reviewco and Reviewland talk. Zeta Unknown Corp waits."


def test_a_person_reviews_a_text_in_the_browser(
    page: Page,  # noqa: F811
    http: httpx.Client,  # noqa: F811
) -> None:
    assert http.put("/sources/review-doc", json=source("review-doc")).status_code == 201
    for body in (
        entity("reviewco", name="Reviewco", sources=["review-doc"]),
        entity("reviewland", "location", name="Reviewland", location_type="country", sources=["review-doc"]),
    ):  # fmt: skip
        assert http.put(f"/entities/{body['id']}", json=body).status_code == 201
    stored = http.put(
        "/sources/review-doc/text",
        content=TEXT.encode(),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert stored.status_code == 201, stored.text
    assert http.post("/sources/review-doc/analysis").status_code == 200

    page.goto(page.url.rstrip("/") + "/review?source=review-doc")
    expect(page.locator("#text mark.mention")).to_have_count(4)
    expect(page.locator("#text mark.unknown")).to_have_text(["Zeta Unknown Corp"])
    invests = page.locator("li.candidate", has_text="INVESTS_IN: Reviewco → Reviewland")
    expect(invests).to_have_count(1)
    invests.get_by_role("button", name="INVESTS_IN: Reviewco → Reviewland").click()
    expect(page.locator("#text .sentence")).to_have_text("Reviewco invests in Reviewland.")
    invests.get_by_role("button", name="Accept").click()
    expect(page.locator("#status")).to_have_text("Accepted: Reviewco invests in Reviewland")
    expect(invests).to_have_count(0)  # open candidates only: it is decided
    fact = http.get("/relationships/reviewco|INVESTS_IN|reviewland").json()["relationship"]
    assert fact["attestations"][0]["selector"]["exact"] == "Reviewco invests in Reviewland."

    located = page.locator("li.candidate", has_text="LOCATED_IN: Reviewco → Reviewland")
    located.get_by_role("textbox").fill("the sentence says it invests there, not that it is there")
    located.get_by_role("button", name="Reject").click()
    expect(page.locator("#status")).to_have_text("Rejected.")
    page.select_option("#status-filter", "rejected")
    expect(page.locator("li.candidate.rejected")).to_contain_text("not that it is there")
    page.screenshot(path=str(ARTIFACTS / "explorer-13-review.png"), full_page=True)
