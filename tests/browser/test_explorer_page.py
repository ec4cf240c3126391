"""The explorer page, driven in headless Chromium (Debian's package) by Playwright over the
seeded article graph: search, expand, paths between names (an ambiguous one is asked about),
depth, direction, filters and stated-only redraw the graph, labels never overlap, a fact
shows which source states it or why it was inferred. Every test fails on a console error,
an uncaught exception or a response of 400 or more. Screenshots land in test-artifacts/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from graph.domain.declaration import DOMAIN
from tests.shared import ARTIFACTS, CHROMIUM, FLAGS

NODES = "window.kgExplorer.cy.nodes().length"
EDGES = "window.kgExplorer.cy.edges().length"
# Every two nodes whose label boxes (labels only, model coordinates) intersect.
LABEL_OVERLAPS = """(() => {
  const nodes = window.kgExplorer.cy.nodes().toArray();
  const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true, includeNodes: false }));
  const found = [];
  for (let i = 0; i < nodes.length; i += 1) for (let j = i + 1; j < nodes.length; j += 1) {
    const a = boxes[i], b = boxes[j];
    if (a.w > 0 && b.w > 0 && a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)
      found.push([nodes[i].id(), nodes[j].id()]);
  }
  return found;
})()"""


@pytest.fixture(scope="module")
def browser(seeded_api: str) -> Iterator[Browser]:  # seeded first: Playwright holds an event loop
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `apt-get install chromium` (make test does it as root)")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def http(seeded_api: str) -> Iterator[httpx.Client]:
    """The same service as the page sees, asked directly: what the page should show."""
    with httpx.Client(base_url=seeded_api, timeout=30) as client:
        yield client


@pytest.fixture
def page(browser: Browser, seeded_api: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(f"exception: {exc}"))
    opened.on(
        "console",
        lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None,
    )
    opened.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 400 else None
        ),
    )
    opened.on(
        "requestfailed",
        lambda r: (
            errors.append(f"failed {r.url}: {r.failure}")
            if not r.url.startswith(("blob:", "data:"))
            else None
        ),
    )
    opened.goto(seeded_api + "/")
    expect(opened.locator("#status")).to_have_text("Search for an entity to begin.")
    yield opened
    context.close()
    assert errors == [], f"errors in a normal session: {errors}"


def view(http: httpx.Client, entity_id: str, **params: Any) -> dict[str, Any]:
    answer = http.get(f"/entities/{entity_id}/neighbourhood", params=params)
    answer.raise_for_status()
    body: dict[str, Any] = answer.json()
    return body


def open_entity(page: Page, name: str) -> None:
    """Search for a name that one entity has; the page opens it directly."""
    page.fill("#search-input", name)
    page.press("#search-input", "Enter")
    expect(page.locator("#card-heading")).to_have_text(name)


def wait_for_nodes(page: Page, count: int) -> None:
    page.wait_for_function(f"{NODES} === {count}", timeout=10_000)


def test_search_expand_path_and_sources(page: Page, http: httpx.Client, tmp_path: Path) -> None:
    # keyboard only: focus the search box, type, Enter: the one TSMC opens at once
    page.keyboard.press("Tab")
    expect(page.locator("#search-input")).to_be_focused()
    page.keyboard.type("TSMC")
    page.keyboard.press("Enter")
    expect(page.locator("#card-heading")).to_have_text("TSMC")
    first = page.locator("#results button").first
    expect(first).to_have_text("TSMC")
    expect(first).to_be_focused()
    expect(page.locator("#card-kind")).to_have_text("firm")
    expect(page.locator("#card-sources")).to_contain_text(
        "Taiwan–U.S. strategic tech partnership talks"
    )
    tsmc = view(http, "tsmc")
    for fact in (e for e in tsmc["edges"] if "tsmc" in (e["from_id"], e["to_id"])):
        expect(page.locator("#card-facts")).to_contain_text(fact["sentence"])
    wait_for_nodes(page, len(tsmc["nodes"]))
    page.screenshot(path=str(ARTIFACTS / "explorer-01-tsmc-neighbourhood.png"))

    # expand Arizona by clicking its node in the graph
    position = page.evaluate(
        "(() => { const p = window.kgExplorer.cy.getElementById('arizona').renderedPosition();"
        " return [p.x, p.y]; })()"
    )
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + position[0], box["y"] + position[1])
    expect(page.locator("#card-heading")).to_have_text("Arizona")
    expect(page.locator("#card-kind")).to_have_text("location")
    both = {n["id"] for n in tsmc["nodes"]} | {n["id"] for n in view(http, "arizona")["nodes"]}
    wait_for_nodes(page, len(both))
    assert page.evaluate("window.kgExplorer.cy.getElementById('united-states').length") == 1
    page.screenshot(path=str(ARTIFACTS / "explorer-02-arizona-expanded.png"))

    # the path to Cheng Li-chiun, read as sentences with sources
    page.fill("#path-from", "TSMC")
    page.fill("#path-to", "Cheng Li-chiun")
    page.click("#path-form button[type=submit]")
    expected = http.get("/paths", params={"from": "tsmc", "to": "cheng-li-chiun"}).json()
    hops = expected["paths"][0]["edges"]
    path = page.locator("#paths .path").first
    for hop in hops:
        expect(path).to_contain_text(hop["sentence"])
    expect(path).to_contain_text("Sources: Taiwan–U.S. strategic tech partnership talks")
    assert page.evaluate("window.kgExplorer.cy.edges('.path').length") == len(hops)
    page.screenshot(path=str(ARTIFACTS / "explorer-03-path-to-cheng.png"))

    # open a fact: its sentence, every source's evidence, and whether it is stated
    path.get_by_role("button", name=hops[0]["sentence"]).click()
    expect(page.locator("#panel-heading")).to_have_text("Why this is believed")
    panel = page.locator("#panel-body")
    expect(panel).to_contain_text(hops[0]["sentence"])
    for attestation in hops[0]["attestations"]:
        expect(panel).to_contain_text(attestation["evidence"])
    expect(panel).to_contain_text("Sources: Taiwan–U.S. strategic tech partnership talks")
    # and its history: seeded, by the seeding command
    expect(page.locator("#fact-history")).to_contain_text("created by kg-seed")
    page.screenshot(path=str(ARTIFACTS / "explorer-04-fact-sources.png"), full_page=True)

    # export what is on screen
    with page.expect_download() as png:
        page.click("#export-png")
    saved = tmp_path / "view.png"
    png.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as js:
        page.click("#export-json")
    assert '"id": "cheng-li-chiun"' in Path(js.value.path()).read_text()


def test_depth_direction_and_filters_redraw(page: Page, http: httpx.Client) -> None:
    open_entity(page, "TSMC")
    one = view(http, "tsmc", depth=1)
    two = view(http, "tsmc", depth=2)
    assert len(two["nodes"]) > len(one["nodes"])
    wait_for_nodes(page, len(one["nodes"]))

    page.select_option("#depth", "2")
    wait_for_nodes(page, len(two["nodes"]))
    assert page.evaluate(EDGES) == len(two["edges"])
    page.screenshot(path=str(ARTIFACTS / "explorer-05-tsmc-depth-2.png"))

    page.select_option("#direction", "out")
    wait_for_nodes(page, len(view(http, "tsmc", depth=2, direction="out")["nodes"]))
    page.select_option("#direction", "both")
    wait_for_nodes(page, len(two["nodes"]))

    # only facts of one type: the type of one of TSMC's own facts
    chosen = next(e["type"] for e in one["edges"] if "tsmc" in (e["from_id"], e["to_id"]))
    page.click("#filters summary")
    page.locator("#type-filter input").evaluate_all(
        f"(inputs) => inputs.forEach((i) => {{ i.checked = i.value === '{chosen}'; }})"
    )
    page.locator(f"#type-filter input[value={chosen}]").dispatch_event("change")
    filtered = view(http, "tsmc", depth=2, types=chosen)
    assert len(filtered["nodes"]) > 1
    wait_for_nodes(page, len(filtered["nodes"]))
    types = page.evaluate("window.kgExplorer.cy.edges().map((e) => e.data('type'))")
    assert set(types) == {chosen}


def pages_of(http: httpx.Client, entity_id: str, **params: Any) -> list[dict[str, Any]]:
    """Every page of a neighbourhood, as the service gives them."""
    pages = [view(http, entity_id, **params)]
    while pages[-1]["next_cursor"]:
        pages.append(view(http, entity_id, **params, cursor=pages[-1]["next_cursor"]))
    return pages


def test_show_more_draws_the_next_pages_until_the_neighbourhood_is_whole(
    page: Page, http: httpx.Client
) -> None:
    whole = view(http, "tsmc", depth=2, limit=500)
    assert whole["next_cursor"] is None
    size = max(1, len(whole["nodes"]) // 4)  # pages enough to click through a few
    page.evaluate(f"window.kgExplorer.state.pageSize = {size}")
    pages = pages_of(http, "tsmc", depth=2, limit=size)
    assert len(pages) >= 3, f"TSMC's depth-2 neighbourhood should take several pages of {size}"
    page.select_option("#depth", "2")
    open_entity(page, "TSMC")
    more = page.locator("#more")
    shown: set[str] = set()
    for number, answer in enumerate(pages, start=1):
        if number > 1:
            more.click()
        shown |= {n["id"] for n in answer["nodes"]}
        wait_for_nodes(page, len(shown))
        drawn = page.evaluate("window.kgExplorer.cy.nodes().map((n) => n.id())")
        assert set(drawn) == shown, f"page {number}"
        if answer["next_cursor"]:
            expect(more).to_be_visible()
            expect(page.locator("#status")).to_contain_text("more are within reach")
    expect(more).to_be_hidden()
    assert shown == {n["id"] for n in whole["nodes"]}
    assert page.evaluate(EDGES) == len(whole["edges"])
    page.screenshot(path=str(ARTIFACTS / "explorer-14-tsmc-every-page.png"))

    # another option is another neighbourhood: drawn again from its first page
    page.select_option("#direction", "out")
    first = view(http, "tsmc", depth=2, direction="out", limit=size)
    wait_for_nodes(page, len(first["nodes"]))
    if first["next_cursor"]:
        expect(more).to_be_visible()
    else:
        expect(more).to_be_hidden()


def test_ambiguous_name_is_asked_about_and_arizona_is_the_place(
    page: Page, http: httpx.Client
) -> None:
    taiwan = http.get("/resolve", params={"name": "Taiwan"}).json()
    assert taiwan["ambiguous"], taiwan
    page.fill("#path-from", "Taiwan")
    page.fill("#path-to", "Arizona")
    page.click("#path-form button[type=submit]")
    chooser = page.get_by_role("group", name="“Taiwan” (from) names")
    expect(chooser).to_be_visible()
    for match in taiwan["matches"]:
        expect(
            chooser.get_by_role("button", name=f"{match['name']} ({match['kind']})")
        ).to_be_visible()
    expect(page.locator("#status")).to_contain_text("“Taiwan” names")
    expect(chooser.locator("button.choice").first).to_be_focused()
    page.screenshot(path=str(ARTIFACTS / "explorer-06-which-taiwan.png"))
    assert page.locator("#paths .path").count() == 0  # nothing guessed
    page.keyboard.press("Escape")  # changed one's mind: nothing asked
    expect(chooser).to_be_hidden()
    expect(page.locator("#status")).to_have_text("No path asked for: the choice was cancelled.")
    page.click("#path-form button[type=submit]")

    chooser.get_by_role("button", name="Taiwan (location)").click()
    expect(chooser).to_be_hidden()
    expect(page.locator("#status")).to_have_text("1 path(s) found")
    path = page.locator("#paths .path").first
    expected = http.get("/paths", params={"from": "taiwan", "to": "arizona"}).json()
    for hop in expected["paths"][0]["edges"]:
        expect(path).to_contain_text(hop["sentence"])
    # "Arizona" ended at the state (a location), not at the investment named after it
    ends = page.evaluate("window.kgExplorer.state.paths")
    assert (ends["from"], ends["to"]) == ("taiwan", "arizona")
    assert page.locator("#path-from").input_value() == "Taiwan"
    page.screenshot(path=str(ARTIFACTS / "explorer-07-path-taiwan-to-arizona.png"))

    # asked again, the chosen Taiwan is remembered: no second question
    page.click("#path-form button[type=submit]")
    expect(page.locator("#status")).to_have_text("1 path(s) found")
    expect(chooser).to_be_hidden()

    # the same question from the search box; the other Taiwan this time
    page.fill("#search-input", "taiwan")
    page.press("#search-input", "Enter")
    choice = page.get_by_role("group", name="“taiwan” names")
    choice.get_by_role("button", name="Government of Taiwan (government)").click()
    expect(page.locator("#card-heading")).to_have_text("Government of Taiwan")
    expect(page.locator("#card-kind")).to_have_text("government")


def test_labels_never_overlap(page: Page, http: httpx.Client) -> None:
    open_entity(page, "TSMC")
    wait_for_nodes(page, len(view(http, "tsmc")["nodes"]))
    assert page.evaluate(LABEL_OVERLAPS) == []
    page.screenshot(path=str(ARTIFACTS / "explorer-08-labels-depth-1.png"))
    page.select_option("#depth", "3")
    wait_for_nodes(page, len(view(http, "tsmc", depth=3)["nodes"]))
    assert page.evaluate(LABEL_OVERLAPS) == []
    # on screen too: the rendered boxes, in the screenshot's pixels
    rendered = page.evaluate(
        "window.kgExplorer.cy.nodes().map((n) => n.renderedBoundingBox("
        "{ includeLabels: true, includeNodes: false }))"
    )
    for i, a in enumerate(rendered):
        for b in rendered[i + 1 :]:
            assert not (
                a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]
            ), (a, b)
    page.screenshot(path=str(ARTIFACTS / "explorer-09-labels-depth-3.png"))
    # facts' labels are hidden at this zoom, shown when zoomed in
    labelled = "window.kgExplorer.cy.edges('.labelled').length"
    assert page.evaluate(labelled) == 0
    page.evaluate(
        "(() => { const cy = window.kgExplorer.cy;"
        " cy.zoom({ level: 2, renderedPosition: cy.getElementById('tsmc').renderedPosition() });"
        " })()"
    )
    assert page.evaluate(labelled) == page.evaluate(EDGES)
    page.screenshot(path=str(ARTIFACTS / "explorer-10-zoomed-edge-labels.png"))


def first_fact(http: httpx.Client, basis: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A fact of the whole article graph with an attestation of this basis, and its source end."""
    whole = view(http, "tsmc", depth=3)
    names = {n["id"]: n for n in whole["nodes"]}
    for fact in whole["edges"]:
        if any(a.get("basis") == basis for a in fact["attestations"]):
            return fact, names[fact["from_id"]]
    pytest.fail(f"no {basis} fact within 3 hops of TSMC: has the seed marked its facts' basis?")


def test_fact_panel_says_stated_or_inferred_and_stated_only(page: Page, http: httpx.Client) -> None:
    fact, source_end = first_fact(http, "inferred")
    inferred = next(a for a in fact["attestations"] if a["basis"] == "inferred")
    open_entity(page, "TSMC")
    page.select_option("#depth", "3")
    wait_for_nodes(page, len(view(http, "tsmc", depth=3)["nodes"]))
    page.click("details:has(#node-list) summary")
    page.get_by_role("button", name=f"{source_end['name']} ({source_end['kind']})").click()
    expect(page.locator("#card-heading")).to_have_text(source_end["name"])
    page.locator("#card-facts").get_by_role("button", name=fact["sentence"]).click()
    panel = page.locator("#panel-body")
    expect(panel).to_contain_text(fact["sentence"])
    expect(panel).to_contain_text(inferred["evidence"])
    expect(panel).to_contain_text("Inferred by the editor")
    if inferred["reason"]:
        expect(panel).to_contain_text(inferred["reason"])
    assert page.evaluate(
        f"window.kgExplorer.cy.getElementById({json.dumps(fact['id'])}).hasClass('inferred')"
    )
    page.screenshot(path=str(ARTIFACTS / "explorer-11-inferred-fact.png"), full_page=True)

    stated, _ = first_fact(http, "stated")
    page.evaluate(f"window.kgExplorer.cy.getElementById({json.dumps(stated['id'])}).emit('tap')")
    expect(panel).to_contain_text(stated["sentence"])
    expect(panel).to_contain_text("Stated by the source")

    # stated only: the page asks again with stated_only=true and draws what it answers
    with page.expect_request(lambda r: "stated_only=true" in r.url):
        page.check("#stated-only")
    only = view(http, "tsmc", depth=3, stated_only="true")
    wait_for_nodes(page, len(only["nodes"]))
    assert page.evaluate(EDGES) == len(only["edges"])
    assert (
        page.evaluate(f"window.kgExplorer.cy.getElementById({json.dumps(fact['id'])}).length") == 0
    )
    page.screenshot(path=str(ARTIFACTS / "explorer-12-stated-only.png"))


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
    expect(body).to_contain_text("status: rejected")
    expect(body).to_contain_text("United States government proposes")
    expect(body).to_contain_text("Government of Taiwan rejects")
    page.screenshot(path=str(ARTIFACTS / "explorer-13-stances.png"), full_page=True)


def test_each_card_offers_the_questions_its_kind_takes_part_in(
    page: Page, http: httpx.Client
) -> None:
    """The page names no kind: the buttons come from GET /schema's analyses per kind."""
    kinds = {k["name"]: k["analyses"] for k in http.get("/schema").json()["kinds"]}
    buttons = {
        "stances": ["Stances"],
        "supply_chain": ["Supply chain: upstream", "Supply chain: downstream"],
        "exposure": ["Exposure"],
        "timeline": ["Timeline"],
    }
    for name, kind in (("TSMC", "firm"), ("Cheng Li-chiun", "person")):
        open_entity(page, name)
        wanted = [label for a in kinds[kind] for label in buttons[a]]
        expect(page.locator("#card-actions button")).to_have_text(wanted)
    assert kinds["person"] == ["timeline"] and "exposure" in kinds["firm"]
    open_entity(page, "TSMC")
    page.get_by_role("button", name="Exposure").click()
    body = page.locator("#panel-body")
    exposure = http.get("/entities/tsmc/exposure").json()
    expect(body.locator("> ul > li")).to_have_count(len(exposure["exposed"]))
    page.screenshot(path=str(ARTIFACTS / "explorer-14-exposure.png"), full_page=True)


def test_a_name_that_matches_nothing_is_said_so(page: Page) -> None:
    page.fill("#path-from", "TSMC")
    page.fill("#path-to", "zzzzqqqq")
    page.click("#path-form button[type=submit]")
    expect(page.locator("#status")).to_have_text("No entity matches “zzzzqqqq”")
    expect(page.locator("#status")).to_have_class("error")
    page.fill("#search-input", "zzzzqqqq")
    page.press("#search-input", "Enter")
    expect(page.locator("#status")).to_have_text("Nothing found for “zzzzqqqq”")
    # blanks are caught on the page, not sent to be refused
    page.fill("#search-input", "   ")
    page.press("#search-input", "Enter")
    expect(page.locator("#status")).to_have_text("Type a name, or part of one, to search for.")
    page.fill("#path-from", "   ")
    page.click("#path-form button[type=submit]")
    expect(page.locator("#status")).to_have_text("Type a name or an id for “from”.")


def test_the_reconciliation_view_url_opens_the_entity(page: Page, http: httpx.Client) -> None:
    """OpenRefine links each matched cell to the manifest's view URL: the page opens it."""
    view = http.get("/reconcile").json()["view"]["url"].replace("{{id}}", "tsmc-arizona-fabs")
    page.goto(view)
    expect(page.locator("#card-heading")).to_have_text("TSMC semiconductor factories in Arizona")


def test_competing_claims_are_shown_with_the_rule_and_the_history(
    page: Page, http: httpx.Client
) -> None:
    """Last in this module: it adds a (synthetic) later source that disagrees."""
    later = {"id": "later-outlet", "title": "A later report", "published": "2026-12-01"}
    assert http.put("/sources/later-outlet", json=later).is_success
    claim = {"source": "later-outlet", "evidence": "reports a larger figure", "confidence": 0.7}
    body = {"type": "INVESTS_IN", "from_id": "tsmc", "to_id": "arizona", "amount": 200e9,
            "currency": "USD", "attestations": [claim]}
    assert http.put("/relationships", json=body, params={"reason": "second report"}).is_success
    open_entity(page, "TSMC")
    wait_for_nodes(page, len(view(http, "tsmc")["nodes"]))
    page.evaluate("window.kgExplorer.cy.getElementById('tsmc|INVESTS_IN|arizona').emit('tap')")
    panel = page.locator("#panel-body")
    expect(panel).to_contain_text("Sources disagree")
    expect(panel).to_contain_text("the newest source (published 2026-12-01)")
    expect(panel).to_contain_text("Also claimed: amount: 165000000000")
    expect(page.locator("#fact-history")).to_contain_text("updated by local · “second report”")
    page.screenshot(path=str(ARTIFACTS / "explorer-13-competing-claims.png"), full_page=True)
