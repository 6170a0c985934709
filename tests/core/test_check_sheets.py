"""The Excel export's "check it yourself" sheets: inputs, results as numbers with the formula beside each, and
months that add up to the first year, as a CFO would check them in the spreadsheet."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from core import demo
from core.care_model import five_x_planner as roi
from core.export import excel
from core.hrh import cost_benefit as cb
from tests.conftest import make_workspace


def book(store, workspace_id):
    return load_workbook(io.BytesIO(excel.workspace_xlsx(store, workspace_id)))


def rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def block(sheet_rows: list[list], title: str) -> list[list]:
    """The rows from a scenario's title to the next scenario's."""
    start = next(i for i, r in enumerate(sheet_rows) if r[0] == title)
    end = next((i for i, r in enumerate(sheet_rows) if i > start and str(r[0] or "").startswith("Scenario")), None)
    return sheet_rows[start:end]


def test_the_demo_gets_one_check_sheet_per_model_listed_in_contents(sqlite_store):
    ws = demo.create_demo(sqlite_store)
    workbook = book(sqlite_store, ws.id)
    for name in ("Check - direct billing", "Check - care program", "Check - arrangements"):
        assert name in workbook.sheetnames
    contents = {r[0]: r[1] for r in rows(workbook["Contents"])[1:]}
    assert contents["Check - direct billing"].startswith("Direct billing: inputs, results as numbers")


def test_direct_billing_figures_are_numbers_with_their_formula_and_the_months_add_up(sqlite_store):
    ws = demo.create_demo(sqlite_store)
    sheet = book(sqlite_store, ws.id)["Check - direct billing"]
    partner = block(rows(sheet), "Scenario: With a billing partner")
    by_label = {r[0]: r for r in partner}
    # the demo's partner scenario, hand-checked in tests/core/test_demo_steps_6_9.py: 5,144.63 a month at steady state
    assert by_label["Steady-state net a month"][1] == 5144.63  # a number cell, not text
    assert by_label["Steady-state net a month"][2].startswith("Revenue minus costs in one full month")
    assert by_label["Break-even month"][1] == 1 and by_label["Break-even month"][2].startswith("The first month")
    assert by_label["Collection rate on accepted claims (%)"][1] == 85
    header = next(i for i, r in enumerate(partner) if r[0] == "Month" and r[1] == "Billed services")
    months = partner[header + 1 : header + 1 + 36]
    hows = {r[0]: r[1] for r in partner[header - 9 : header]}
    assert hows["Cumulative net"] == "Cumulative net = the sum of the net from month 1 to this month."
    assert [m[0] for m in months] == list(range(1, 37))
    assert all(isinstance(v, int | float) for m in months for v in m[3:7])
    first_year_net = by_label["First-year net"][1]
    assert round(sum(m[5] for m in months[:12]), 2) == round(first_year_net, 2) == round(months[11][6], 2)
    for m in months:
        assert round(m[3] - m[4], 2) == round(m[5], 2)  # net = revenue - costs, to the cent
    statement_net = next(r for r in partner if r[0] == "Net")
    assert round(statement_net[1], 2) == round(first_year_net, 2)
    evaluations = {e.name: e for _, e in cb.evaluate_all(sqlite_store, ws.id)}
    assert Decimal(str(first_year_net)) == evaluations["With a billing partner"].result.first_year_net


def test_care_program_cohorts_month_by_month_and_an_incomplete_scenario_says_what_is_missing(sqlite_store):
    ws = demo.create_demo(sqlite_store)
    roi.save_field(sqlite_store, ws.id, "b", "fixed_costs", None)  # cleared: unknown again
    sheet = rows(book(sqlite_store, ws.id)["Check - care program"])
    a = block(sheet, "Scenario A: Riverbend peer care managers")
    cohorts = [r[0] for r in a if str(r[0] or "").startswith("Cohort of")]
    assert cohorts == [
        "Cohort of 5 patients",
        "Cohort of 25 patients",
        "Cohort of 125 patients",
        "Cohort of 625 patients",
    ]
    assert any(r[0] == "ROI, first year" and r[2] == "First-year net / first-year costs." for r in a)
    b = block(sheet, "Scenario B: Checked against CareOregon")
    assert any(str(r[0]).startswith("Incomplete, so no results: enter the fixed annual costs") for r in b)
    sources = {r[0]: r[6] for r in b}
    assert sources[
        "Known savings per engaged patient a year ($, replaces the above; clear it to go back to them)"
    ].startswith("Derived by the app")


def test_typed_text_never_becomes_a_formula_in_a_check_sheet(sqlite_store):
    ws = make_workspace(sqlite_store)
    cb.create_scenario(sqlite_store, ws.id, '=HYPERLINK("http://x")')
    roi.rename_scenario(sqlite_store, ws.id, "a", "+cmd|' /C calc'!A0")
    workbook = book(sqlite_store, ws.id)
    for name in ("Check - direct billing", "Check - care program"):
        for row in workbook[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    texts = [c.value for row in workbook["Check - direct billing"].iter_rows() for c in row if c.value]
    assert 'Scenario: =HYPERLINK("http://x")' in texts
    assert "Incomplete, so no results:" in " ".join(str(t) for t in texts)
