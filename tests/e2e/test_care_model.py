"""Journey of the care model stages in a real browser: from the fit questionnaire to an ROI table."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import create_workspace, go_to, wait_for_app

pytestmark = pytest.mark.e2e

ANSWERS = [
    "A mix of all of these, with no single driver",
    "200 to 1,000",
    "Strong, with regular contact and shared patients",
    "Most of them",
    "Spread across a region, near several primary care practices",
    "Funding for a few care managers or community health workers",
    "Informal partnerships, but no shared structure",
    "Within a year",
]


def test_fit_questionnaire_to_roi_table(server, page):
    create_workspace(page, server, "Lakeside Care Network")
    go_to(page, "Choose a care model")
    expect(page.get_by_text("Answer the questions above to see which care model fits")).to_be_visible()
    for label in ANSWERS:
        page.get_by_text(label, exact=True).click()
        wait_for_app(page)
    expect(
        page.get_by_text("Enhanced services wrapped around a primary care base fits best (100 of 100)")
    ).to_be_visible()
    page.get_by_test_id("stRadio").filter(has_text="The care model you will build").get_by_text(
        "Enhanced services wrapped around a primary care base", exact=True
    ).click()
    wait_for_app(page)

    # Reload: the answers came from the store, not from the browser session.
    page.reload()
    wait_for_app(page)
    expect(
        page.get_by_text("Enhanced services wrapped around a primary care base fits best (100 of 100)")
    ).to_be_visible()

    go_to(page, "5x planner & ROI")
    expect(page.get_by_text("To see results, add at least one staff role")).to_be_visible()
    page.get_by_role("button", name="Load the CareOregon preset").click()
    wait_for_app(page)
    expect(page.get_by_text("= $916.67").first).to_be_visible()

    # Type the specialist's salary into the roles table: select the first cell, move two columns right,
    # open the cell editor, replace its value, Enter.
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(800)  # let the table finish drawing after the preset's run
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    page.keyboard.press("Control+a")
    page.keyboard.type("62000", delay=50)
    page.keyboard.press("Enter")
    wait_for_app(page)

    table = page.get_by_test_id("stTable").first
    expect(table).to_contain_text("Annual cost")
    for patients, cost in (("5", "$5,167"), ("125", "$129,167"), ("625", "$645,833")):
        expect(table.locator("tr", has_text=cost)).to_contain_text(patients)
    expect(page.get_by_text("would need to carry at least 68 patients")).to_be_visible()
