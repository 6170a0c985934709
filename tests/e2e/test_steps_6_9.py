"""Steps 6-9 in a real browser: through the financing adventure to a verdict, with a scenario built and
compared; the flow chart's link to the insurance mix survey; partners and the agenda export."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import create_workspace, go_to, open_demo, wait_for_app

pytestmark = pytest.mark.e2e


def answer(page: Page, question: str, choice: str) -> None:
    page.get_by_test_id("stRadio").filter(has_text=question).get_by_text(choice, exact=True).click()
    wait_for_app(page)


def set_number(page: Page, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Enter")
    wait_for_app(page)


def test_adventure_to_a_verdict_with_a_scenario_built_and_compared(server, page):
    open_demo(page, server)
    go_to(page, "6. Financing adventure")
    expect(page.get_by_text("Great! You're ready to map out potential partners")).to_be_visible()

    # The demo went down the partnership road; switching to direct billing brings back its earlier answers.
    answer(page, "Are you pursuing direct billing of insurance?", "Yes")
    expect(page.get_by_text("Direct billing is a feasible pathway for your organization")).to_be_visible()
    expect(page.get_by_text("Bill Medicaid ourselves: Direct billing pays, but only just")).to_be_visible()
    answer(page, "Have you conducted a cost-benefit analysis", "No")
    expect(page.get_by_text("Budget out the cost and benefit of billing", exact=True)).to_be_visible()
    page.get_by_role("link", name="Cost-benefit calculator", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Direct billing cost-benefit")).to_be_visible()

    # Build a scenario: a copy of the first one, with half the billing staff.
    page.get_by_test_id("stExpander").filter(has_text="New scenario").locator("summary").click()
    page.get_by_label("Scenario name").fill("Shared billing staff")
    page.get_by_label("Scenario name").press("Enter")
    wait_for_app(page)
    page.get_by_test_id("stSelectbox").filter(has_text="Start from").click()
    page.get_by_role("option", name="A copy of Bill Medicaid ourselves").click()
    wait_for_app(page)
    page.get_by_role("button", name="Create scenario").click()
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Scenario", exact=True)).to_have_value("Shared billing staff")
    set_number(page, "Billing and coding staff (FTE)", "0.5")
    expect(page.get_by_text("Direct billing pays for itself at your estimates")).to_be_visible()
    # steady state: 8,690.89 - (0.5 x 62,000 / 12 + 900 + 333.33 + 960) = 3,914.22 a month; months 1-12 also pay
    # 2,083.33 of start-up each and still net 1,830.89, so the running total never goes below zero: month 1
    expect(page.get_by_test_id("stMetric").filter(has_text="Steady-state net a month")).to_contain_text("$3,914")
    expect(page.get_by_test_id("stMetric").filter(has_text="Break-even month")).to_contain_text("Month 1")
    expect(page.get_by_test_id("stMetric").filter(has_text="First-year net")).to_contain_text("$21,971")

    # A negative cost is refused beside the field; the saved value stays.
    set_number(page, "EHR and clearinghouse, per month ($)", "-10")
    expect(page.get_by_text("cannot be negative; enter 0 if there is none.")).to_be_visible()

    # Compare the three scenarios side by side.
    page.get_by_role("tab", name="Compare scenarios").click()
    wait_for_app(page)
    table = page.get_by_test_id("stDataFrame").first
    expect(table).to_contain_text("Shared billing staff")
    expect(table).to_contain_text("With a billing partner")

    # Back on the calculator the same scenario is open; everything is in the store: a reload shows it as built.
    page.get_by_role("tab", name="Calculator").click()
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Scenario", exact=True)).to_have_value("Shared billing staff")
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("combobox", name="Scenario", exact=True)).to_have_value("Shared billing staff")
    expect(page.get_by_label("Billing and coding staff (FTE)", exact=True)).to_have_value("0.50")
    expect(page.get_by_label("EHR and clearinghouse, per month ($)", exact=True)).to_have_value("900.00")

    go_to(page, "6. Financing adventure")
    answer(page, "Have you conducted a cost-benefit analysis", "Yes")
    expect(page.get_by_text("Direct billing is a feasible pathway for your organization")).to_be_visible()
    expect(page.get_by_text("Shared billing staff: Direct billing pays for itself at your estimates")).to_be_visible()


def test_not_knowing_the_insurance_mix_leads_to_the_survey(server, page):
    create_workspace(page, server, "Eastbank Drop-in")
    go_to(page, "6. Financing adventure")
    answer(page, "Are you pursuing direct billing of insurance?", "Yes")
    answer(page, "Have you discussed with your team", "Yes")
    answer(page, "Do you know the breakdown", "No")
    page.get_by_role("link", name="Insurance mix survey", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text("Questions to ask")).to_be_visible()  # the link opened the survey's tab
    set_number(page, "Medicaid managed care", "30")
    set_number(page, "Uninsured", "10")
    expect(page.get_by_text("The payer mix from 40 answers")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").last).to_contain_text("75%")


def test_partner_map_and_agenda_download(server, page):
    open_demo(page, server)
    go_to(page, "7. Potential partners")
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("Riverbend Community Health Center")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the partner map (Word)").click()
    assert download.value.suggested_filename == "partner-map.docx"
    go_to(page, "8. Meeting agenda")
    expect(page.get_by_text("Total: 60 minutes")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the agenda (Word)").click()
    assert download.value.suggested_filename == "meeting-agenda.docx"
