"""Journey of the care model stages in a real browser: from the fit questionnaire to an ROI table."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import create_workspace, edit_cell, go_to, wait_for_app

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
    expect(page.get_by_text("No results until these are entered")).to_be_visible()
    expect(page.get_by_text("add at least one staff role", exact=False).first).to_be_visible()
    page.get_by_role("button", name="Load the CareOregon preset").click()
    wait_for_app(page)
    expect(page.get_by_text("= $916.67 per patient served").first).to_be_visible()
    # The preset's costs are unknown until entered: no table, no $0, what is missing is listed.
    expect(page.get_by_text("enter the salary and fringe of the Health Resilience Specialist")).to_be_visible()
    expect(page.get_by_test_id("stTable")).to_have_count(0)

    # Type the specialist's salary and fringe into the roles table (columns 2 and 3 of its first row), each
    # edit waiting for the run that saves it.
    missing = page.get_by_text("Health Resilience Specialist (master's level) role", exact=False)
    edit_cell(page, 0, 2, "62000")
    edit_cell(page, 0, 3, "0")
    expect(missing).to_have_count(0)
    for label in (
        "Overhead (% of staff cost)",
        "Fixed annual costs, whatever the size ($: space, data system, training)",
        "One-time start-up cost ($)",
    ):
        field = page.get_by_label(label, exact=True).first
        field.fill("0")
        field.press("Enter")
        wait_for_app(page)

    # Whole posts: 1 specialist for 5 patients, ceil(125 / 60) = 3 for 125, ceil(625 / 60) = 11 for 625, at
    # $62,000 each; no ramp-up or start-up, so the first year is the steady state.
    table = page.get_by_test_id("stTable").first
    expect(table).to_contain_text("First-year costs")
    expect(table.locator("tr", has_text="$62,000")).to_have_count(2)  # 5 and 25 patients: one specialist
    for patients, cost in (("125", "$186,000"), ("625", "$682,000")):
        expect(table.locator("tr", has_text=cost)).to_contain_text(patients)
    # 125 x 916.67 = 114,583 a year pays for one specialist (62,000) but not two: 125 patients each
    expect(page.get_by_text("would need to carry at least 125 patients")).to_be_visible()
