"""The Excel export's first sheet: the organization and the key figures of every model, as numbers a CFO can
sort, sum and chart (money as money, percents as percents, months as whole numbers), each row saying what it is.

Figures come from the models (`core.hrh.readiness`, `core.hrh.services`, `core.hrh.cost_benefit`,
`core.care_model.five_x_planner`, `core.sustain.payment_arrangements`), never recomputed here. A model without
enough input says so in words on its row instead of a number. Reads the store, never writes it; text never
becomes a formula (`core.export.cells.write_cell`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.care_model import five_x_planner as roi
from core.export.cells import write_cell
from core.hrh import cost_benefit as cb
from core.hrh import readiness
from core.hrh import services as sv
from core.store import readiness_repo, workspaces
from core.store.database import Store
from core.sustain import payment_arrangements as arr

MONEY = '"$"#,##0;-"$"#,##0'
PERCENT = "0%"
COUNT = "#,##0"
MEAN = "0.00"
DATE = "yyyy-mm-dd"

WIDTHS = (50, 36, 80)


def _lines(value: Any, width: int) -> int:
    """About how many lines a wrapped text takes in a column `width` characters wide."""
    return -(-len(value) // width) if isinstance(value, str) and value else 1


WRAP = Alignment(wrap_text=True, vertical="top")

Row = tuple[str, Any, str, str]  # what, value, number format ("" for text), note


def _label(options: list, option_id: str) -> str:
    return next((o.label for o in options if o.id == option_id), option_id.replace("_", " "))


def organization_rows(workspace: workspaces.Workspace) -> Iterator[Row]:
    opts = workspaces.options()
    yield ("Organization", workspace.name, "", "")
    yield ("State", workspace.state, "", "")
    yield ("Type of organization", _label(opts.org_types, workspace.org_type) if workspace.org_type else "", "", "")
    for population in workspace.populations:
        yield ("Population served", _label(opts.populations, population), "", "")
    yield ("Exported on", dt.date.today(), DATE, "")


def _pct(value: Decimal | float | None) -> Decimal | float | None:
    """A percent figure (12.5 for 12.5%) as Excel holds percents (0.125), shown with the PERCENT format."""
    return None if value is None else Decimal(str(value)) / 100


def readiness_rows(store: Store, workspace_id: str) -> Iterator[Row]:
    rounds = readiness_repo.list_rounds(store, workspace_id)
    if not rounds:
        yield ("Readiness (Step 2)", "not assessed yet", "", "")
    for round_ in rounds:
        scores = readiness.round_scores(store, workspace_id, round_.id)
        name = f"Readiness: {round_.label}"
        if not scores.answered:
            yield (name, "no answers yet", "", "")
            continue
        yield (name, scores.overall_share, PERCENT, f"held on {round_.held_on:%Y-%m-%d}; (mean - 1) / 3")
        yield (f"{name}, mean answer (1-4)", scores.overall_mean, MEAN, f"{scores.answered} items answered")
        for d in scores.domains:
            if d.share is not None:
                yield (f"  {d.title}", d.share, PERCENT, f"{d.answered} of {d.total} items answered")


def services_rows(store: Store, workspace_id: str) -> Iterator[Row]:
    rows = sv.service_map(store, workspace_id)
    total = sv.overall_totals(rows)
    yield ("Services offered now", sum(1 for r in rows if r.currently_offer), COUNT, "rows ticked Currently offer")
    yield ("Services a month, offered now", total.current_services, COUNT, "sum of Services per month")
    yield ("Client contacts a month, offered now", total.current_clients, COUNT, "a person served twice counts twice")
    yield ("Services a month, could offer", total.potential_services, COUNT, "ticked Potentially offer only")


def cost_benefit_rows(store: Store, workspace_id: str) -> Iterator[Row]:
    evaluations = cb.evaluate_all(store, workspace_id)
    if not evaluations:
        yield ("Direct billing (Step 6)", "no scenario yet", "", "")
    for _, ev in evaluations:
        name = f"Billing scenario: {ev.name}"
        if ev.result is None or ev.verdict is None:
            yield (name, "incomplete", "", " ".join(p.message for p in ev.problems))
            continue
        r = ev.result
        yield (name, ev.verdict.headline, "", ev.verdict.text)
        yield ("  Billed services a month", r.billed_volume, COUNT, "")
        yield ("  Steady-state net a month", r.monthly_net, MONEY, "revenue - costs in a full month")
        yield ("  First-year net", r.first_year_net, MONEY, "months 1-12")
        month = r.break_even_month
        yield ("  Break-even month", month if month is not None else "not within the projection", COUNT, "")
        volume = r.break_even_volume
        yield ("  Break-even volume (services a month)", volume if volume is not None else "none", COUNT, "")
        yield ("  ROI, first year", _pct(r.figure("first_year_roi").value), PERCENT, "first-year net / costs")


def care_program_rows(store: Store, workspace_id: str) -> Iterator[Row]:
    for slot in roi.SLOTS:
        scenario = roi.scenario(store, workspace_id, slot)
        name = f"Care program scenario {slot.upper()}: {scenario.name}"
        missing = roi.ready(scenario.inputs)
        if missing:
            yield (name, "incomplete", "", "; ".join(missing))
            continue
        yield (name, "", "", "the 5x planner: cohorts of 5, 25, 125 and 625 patients")
        for cohort in roi.plan(scenario.inputs):
            yield (f"  {cohort.patients} patients: first-year net", cohort.first_year_net, MONEY, "savings - costs")
            yield (f"  {cohort.patients} patients: ROI, first year", _pct(cohort.roi_pct), PERCENT, "net / costs")
            month = cohort.break_even_month
            yield (f"  {cohort.patients} patients: break-even month", month or "not within the projection", COUNT, "")


def arrangements_rows(store: Store, workspace_id: str) -> Iterator[Row]:
    for _, scenario in arr.list_scenarios(store, workspace_id):
        yield (f"Payment arrangements: {scenario.name}", "", "", "expected in a year")
        for r in arr.scenario_result(scenario).results:
            if r.included and r.entered:
                yield (f"  {r.title}", r.expected, MONEY, f"bad year {r.bad_year:,.0f}, good year {r.good_year:,.0f}")


SECTIONS = (
    ("Who we are", organization_rows),
    ("Organizational readiness", readiness_rows),
    ("Services we offer (Step 3)", services_rows),
    ("Direct billing cost-benefit (Step 6)", cost_benefit_rows),
    ("Care program return on investment (5x planner)", care_program_rows),
    ("Payment arrangements", arrangements_rows),
)


def add_summary_sheet(wb: Workbook, store: Store, workspace_id: str) -> None:
    """The first sheet: a title, then one block per model: what | value (a number with its format) | note."""

    workspace = workspaces.get_workspace(store, workspace_id)
    sheet = wb.create_sheet("Summary", 0)
    write_cell(sheet, 1, 1, f"Key figures: {workspace.name}").font = Font(bold=True, size=14)
    row = 2
    for title, rows in SECTIONS:
        row += 1
        write_cell(sheet, row, 1, title).font = Font(bold=True, size=12)
        items = rows(workspace) if rows is organization_rows else rows(store, workspace_id)
        for what, value, number_format, note in items:
            row += 1
            write_cell(sheet, row, 1, what).alignment = WRAP
            cell = write_cell(sheet, row, 2, value)
            if number_format and not isinstance(cell.value, str):
                cell.number_format = number_format
            cell.alignment = WRAP if isinstance(cell.value, str) else Alignment(horizontal="right", vertical="top")
            write_cell(sheet, row, 3, note).alignment = WRAP
            lines = max(_lines(what, WIDTHS[0]), _lines(value, WIDTHS[1]), _lines(note, WIDTHS[2]))
            if lines > 1:  # wrapped text: spreadsheet programs do not always grow a row by themselves
                sheet.row_dimensions[row].height = 15 * lines
    for column, width in zip("ABC", WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # printed: one page wide
