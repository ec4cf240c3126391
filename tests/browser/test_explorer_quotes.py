"""The explorer's fact panel shows the source's own words an evidence span points at, in
headless Chromium over a freshly seeded graph (this module's own) plus one quoted fact."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect

from tests.browser.test_explorer_page import browser, http, open_entity, page  # noqa: F401
from tests.payloads import entity, relationship, source
from tests.shared import ARTIFACTS

TEXT = "Before it all, talks. Quotealpha ships wafers to Quotebeta every week. After."
QUOTE = "Quotealpha ships wafers to Quotebeta every week."


def test_the_fact_panel_shows_the_words_a_span_points_at(
    page: Page,  # noqa: F811
    http: httpx.Client,  # noqa: F811
) -> None:
    assert http.put("/sources/quoted-doc", json=source("quoted-doc")).status_code == 201
    stored = http.put(
        "/sources/quoted-doc/text",
        content=TEXT.encode(),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert stored.status_code == 201, stored.text
    for body in (
        entity("quotealpha", name="Quotealpha Works", sources=["quoted-doc"]),
        entity("quotebeta", name="Quotebeta Labs", sources=["quoted-doc"]),
    ):
        assert http.put(f"/entities/{body['id']}", json=body).status_code == 201
    words = {"source": "quoted-doc", "evidence": "A weekly supply.", "confidence": 0.8}
    fact = relationship(
        "SUPPLIES",
        "quotealpha",
        "quotebeta",
        product="wafers",
        attestations=[{**words, "selector": {"exact": QUOTE}}],
    )
    written = http.put("/relationships", json=fact)
    assert written.status_code == 201, written.text
    sentence = written.json()["fact"]["relationship"]["sentence"]

    open_entity(page, "Quotealpha Works")
    page.locator("#card-facts").get_by_role("button", name=sentence).click()
    expect(page.locator("#panel-heading")).to_have_text("Why this is believed")
    quote = page.locator("#panel-body figure.quote")
    expect(quote.locator("mark")).to_have_text(QUOTE)
    expect(quote).to_contain_text("characters 22–70")
    expect(quote).to_contain_text("…Before it all, talks. ")
    expect(quote).to_contain_text(" After.…")
    page.screenshot(path=str(ARTIFACTS / "explorer-12-quoted-fact.png"), full_page=True)
