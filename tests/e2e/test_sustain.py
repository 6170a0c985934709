"""Journey in a real browser: compare the payment arrangements of the demo program, change an offer,
and find the change again after a reload."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import go_to, open_demo, wait_for_app

pytestmark = pytest.mark.e2e


def metric(page: Page, label: str):
    """The value of the visible metric with `label` (metrics of hidden tabs are skipped)."""
    return (
        page.get_by_test_id("stMetric")
        .filter(has_text=label)
        .locator("visible=true")
        .get_by_test_id("stMetricValue")
        .first
    )


def test_compare_the_arrangements_of_the_demo_program(server, page):
    open_demo(page, server)
    go_to(page, "Payment arrangements compared")
    expect(page.get_by_role("heading", name="Payment arrangements compared")).to_be_visible()

    # Both demo scenarios are compared side by side, with a chart a board member can read.
    compare = page.get_by_test_id("stMultiSelect").filter(has_text="Scenarios to compare")
    expect(compare).to_contain_text("Billing on our own")
    expect(compare).to_contain_text("With River Valley Health Plan")
    chart = page.get_by_test_id("stPlotlyChart")
    expect(chart).to_contain_text("What each payment arrangement would bring in a year")
    expect(chart).to_contain_text("Shared savings")

    # Fee-for-service: the demo has no rate for naloxone (its volumes follow the demo's Step 3 map).
    expect(page.get_by_text("No rate entered yet for Naloxone")).to_be_visible()

    # The plan offers a higher care coordination fee: 150 members x $30 x 12 = $54,000 a year.
    page.get_by_role("tab", name="Care coordination fee (PMPM)").click()
    expect(metric(page, "Expected in a year")).to_have_text("$45,000")
    fee = page.get_by_label("Fee per member per month ($)").locator("visible=true")
    fee.fill("30")
    fee.press("Enter")
    wait_for_app(page)
    expect(metric(page, "Expected in a year")).to_have_text("$54,000")
    expect(metric(page, "Good year")).to_have_text("$64,800")

    # Two-sided shared savings of the other scenario can cost money in a bad year.
    page.get_by_test_id("stSelectbox").filter(has_text="Scenario to edit").click()
    page.get_by_role("option", name="With River Valley Health Plan").click()
    wait_for_app(page)
    page.get_by_role("tab", name="Shared savings").click()
    expect(metric(page, "Bad year")).to_have_text("-$50,400")
    expect(page.get_by_text("Two-sided risk").locator("visible=true")).to_be_visible()

    # Nothing typed is lost: after a reload the first scenario still has the new fee.
    page.reload()
    wait_for_app(page)
    page.get_by_role("tab", name="Care coordination fee (PMPM)").click()
    expect(page.get_by_label("Fee per member per month ($)").locator("visible=true")).to_have_value("30.00")
    expect(metric(page, "Expected in a year")).to_have_text("$54,000")
