"""The presenter view on a projector (1920x1080), in a real browser.

The facilitator makes a presenter link on the live view; the projector's browser opens it. It carries no
workspace token and opens no other page. With the results hidden it shows the join panel; once the facilitator
shows them it folds the join panel by itself, and the items to talk about and the chart are on the first screen,
in type of at least 28 px, every bar under its answer and topped by its number.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from core.store import workspaces
from core.store.database import Store
from core.workshop import session as w
from tests.e2e.conftest import create_workspace, go_to, start_server, stop_server, wait_for_app

LOADED = 60_000
SCREEN = {"width": 1920, "height": 1080}
# Five Systems items; answers that give each item a spread, so all five are in "Talk about these first".
ANSWERS = {
    "Ana": [1, 4, 1, 2, 1],
    "Bo": [4, 1, 3, 4, 4],
    "Cy": [2, 2, 4, 1, None],
    "Dee": [3, 3, 2, 4, 2],
}


@pytest.fixture(scope="module")
def present_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("present") / "workbook.db"
    url = f"sqlite:///{db}"
    proc, base = start_server(url)
    store = Store.from_url(url)
    try:
        yield base, store
    finally:
        store.dispose()
        stop_server(proc)


def font_px(page: Page, selector: str) -> list[float]:
    return page.evaluate(
        "(sel) => [...document.querySelectorAll(sel)].map(e => parseFloat(getComputedStyle(e).fontSize))", selector
    )


def bottom_px(locator) -> float:
    box = locator.bounding_box()
    return box["y"] + box["height"]


def test_the_presenter_view_grants_nothing_and_is_readable_from_the_back(present_server, browser, tmp_path):
    base, store = present_server
    facilitator = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    facilitator.set_default_timeout(LOADED)
    create_workspace(facilitator, base, "Projector Collective")
    go_to(facilitator, "Team workshop")
    facilitator.get_by_label("Name of the workshop (optional)").fill("Board and staff")
    facilitator.get_by_test_id("stMultiSelect").click()
    facilitator.get_by_role("option", name="Systems").click()
    facilitator.keyboard.press("Escape")
    facilitator.get_by_role("button", name="Start the workshop").click()
    wait_for_app(facilitator, timeout=LOADED)
    workspace = workspaces.find_workspace(store, "Projector Collective")
    [ws] = w.list_workshops(store, workspace.id)
    items = w.workshop_item_ids(ws)
    for name, values in ANSWERS.items():
        token = w.join_workshop(store, ws.code, name, f"phone-{name}").token
        for item_id, value in zip(items, values, strict=True):
            w.save_participant_answer(store, token, item_id, value)

    facilitator.get_by_role("button", name="Presenter view").click()
    facilitator.get_by_role("button", name="Make a presenter link").click()
    opener = facilitator.get_by_role("link", name="Open the presenter view")
    for _ in range(10):  # the popover may stay open or close with the rerun: open it if the link is not showing
        try:
            expect(opener).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            facilitator.get_by_role("button", name="Presenter view").click()
    link = opener.get_attribute("href")
    assert "presenter=" in link and "ws=" not in link  # the workspace's session never travels to the projector

    projector = browser.new_context(viewport=SCREEN).new_page()
    projector.set_default_timeout(LOADED)
    projector.goto(link if link.startswith("http") else base + link)
    wait_for_app(projector, timeout=LOADED)
    expect(projector.get_by_test_id("workshop-code")).to_have_text(w.format_code(ws.code))
    expect(projector.get_by_text("4 people joined")).to_be_visible()
    expect(projector.get_by_text("appear here when the facilitator shows them")).to_be_visible()
    assert projector.get_by_test_id("stSidebarNavLink").count() == 0  # no navigation at all
    assert "Projector Collective" not in projector.inner_text("body")

    # The facilitator shows the results: the projector folds its join panel and shows them by itself.
    facilitator.get_by_test_id("stCheckbox").filter(has_text="Show team results").click()
    wait_for_app(facilitator, timeout=LOADED)
    talk = projector.get_by_test_id("stMarkdownContainer").filter(has_text="Talk about these first")
    expect(talk).to_be_visible(timeout=LOADED)
    chart = projector.get_by_test_id("stPlotlyChart").first
    expect(chart.locator("text.bartext").first).to_be_visible(timeout=LOADED)
    expect(projector.get_by_test_id("workshop-code")).to_be_hidden()  # the panel folded away
    expect(projector.get_by_text(f"code {w.format_code(ws.code)}")).to_be_visible()  # the join line stays
    projector.screenshot(path=str(tmp_path / "presenter-1920x1080.png"))

    # Type: the list and every label of the chart at least 28 px.
    assert min(font_px(projector, ".st-key-present_list li")) >= 28
    chart_text = font_px(projector, '[data-testid="stPlotlyChart"] svg text')
    assert chart_text and min(chart_text) >= 28, sorted(chart_text)[:5]
    # Bars: each under its own answer and topped by its number, not told apart by colour alone.
    ticks = [t.strip() for t in chart.locator(".xtick text").all_text_contents()]
    assert ticks[:5] == ["1", "2", "3", "4", "?"]
    numbers = chart.locator("text.bartext").all_text_contents()
    assert numbers and all(re.fullmatch(r"\d+", n) for n in numbers)
    # The first screen holds the list and the chart.
    assert bottom_px(talk.locator("li").last) <= SCREEN["height"]
    assert bottom_px(chart) <= SCREEN["height"]

    # The link opens no other page: any path with it is the presenter view, without it nothing is open.
    for path in ("workspace", "backup", "workshop_live"):
        projector.goto(f"{base}/{path}?presenter={link.split('presenter=')[1]}")
        wait_for_app(projector, timeout=LOADED)
        expect(projector.get_by_text(f"code {w.format_code(ws.code)}")).to_be_visible()
        expect(projector.get_by_text("Talk about these first")).to_be_visible()
        assert projector.get_by_text("Restore").count() == 0 and projector.get_by_text("Pause answers").count() == 0
    projector.goto(base)
    wait_for_app(projector, timeout=LOADED)
    expect(projector.get_by_text("No workspace open.")).to_be_visible()
    projector.context.close()
    facilitator.context.close()
