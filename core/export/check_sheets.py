"""The Excel export's "check it yourself" sheets: one per financing model (direct billing, the care program,
payment arrangements), each with the model's inputs, its results as numbers, and the formula written in words
beside each figure, so that a CFO can redo the arithmetic in the spreadsheet.

Every figure comes from the models' result objects, rounded once, to the cent: the months of a projection add
up to its first-year figures, the lines of a statement to its totals. Small functions, one per sheet, each
taking the workbook: `add_check_sheets` adds them all and returns the rows of the Contents sheet. Text is
written through `core.export.cells.cell_value` and never becomes a live formula. Reads the store, never writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from core import projection as pj
from core.care_model import five_x_planner as roi
from core.export.cells import FORMULA_STARTS, cell_value, sheet_title
from core.hrh import cost_benefit as cb
from core.hrh.services import service_map
from core.money import CENT
from core.store.database import Store
from core.sustain import payment_arrangements as arr

MONEY_FORMAT = '"$"#,##0.00;-"$"#,##0.00'
MONTH_HOWS = (
    "Month 1 is the first month of the projection.",
    "Services billed or patients on the caseload that month (the ramp-up, rounded to whole numbers).",
    "Full-time equivalents on the payroll that month (hired in steps, never below those already hired).",
    "Revenue or savings of the month: the volume x what each service or patient brings in.",
    "Costs of the month: staff, overhead, fixed and variable costs, and the start-up part paid that month.",
    "Net = revenue (or savings) - costs.",
    "Cumulative net = the sum of the net from month 1 to this month.",
)


class _Sheet:
    """Rows appended one after the other; numbers stay numbers, text stays text (never a formula)."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.rows = 0

    def row(self, values: Sequence[Any], *, bold: bool = False, money: Sequence[int] = ()) -> None:

        self.rows += 1
        for column, value in enumerate(values, start=1):
            number = isinstance(value, Decimal | int | float) and not isinstance(value, bool)
            cell = self.ws.cell(row=self.rows, column=column, value=value if number else cell_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
                cell.alignment = Alignment(vertical="top")  # one line: long text runs on into the empty cells
            if column - 1 in money and number:
                cell.number_format = MONEY_FORMAT
            if bold:
                cell.font = Font(bold=True)

    def gap(self) -> None:
        self.rows += 1

    def title(self, text: str) -> None:
        self.row([text], bold=True)
        self.ws.cell(row=self.rows, column=1).font = Font(bold=True, size=13)

    def widths(self, *widths: int) -> None:
        for i, width in enumerate(widths):
            self.ws.column_dimensions[chr(ord("A") + i)].width = width


def _figures(sheet: _Sheet, figures: Sequence[pj.Figure]) -> None:
    sheet.row(["Figure", "Value", "How it is computed"], bold=True)
    for f in figures:
        value: Any = f.value if f.value is not None else f.shown
        sheet.row([f.label, value, f.how], money=(1,) if f.unit == "money" else ())


def _statement(sheet: _Sheet, columns: list[tuple[str, pj.Statement]], value_word: str) -> None:
    sheet.row(["Line", *[name for name, _ in columns], "How it is computed"], bold=True)
    money = tuple(range(1, len(columns) + 1))
    first = columns[0][1]
    for i, line in enumerate(first.value_lines):
        sheet.row([line.label, *[s.value_lines[i].amount for _, s in columns], ""], money=money)
    sheet.row(
        [value_word, *[s.value for _, s in columns], f"The sum of the {value_word.lower()} lines above."], money=money
    )
    for i, line in enumerate(first.cost_lines):
        sheet.row([line.label, *[s.cost_lines[i].amount for _, s in columns], ""], money=money)
    sheet.row(["Costs", *[s.cost for _, s in columns], "The sum of the cost lines above."], money=money)
    sheet.row(["Net", *[s.net for _, s in columns], f"{value_word} - costs."], money=money, bold=True)


def _months(sheet: _Sheet, months: Sequence[pj.ShownMonth], volume: str, value: str) -> None:
    headers = ["Month", volume, "Staff (FTE)", value, "Costs", "Net", "Cumulative net"]
    sheet.row(["Column", "How it is computed"], bold=True)
    for header, how in zip(headers, MONTH_HOWS, strict=True):
        sheet.row([header, how])
    sheet.row(["Each month is rounded on the running totals, so that any run of months adds up to its total."])
    sheet.row(headers, bold=True)
    for m in months:
        sheet.row([m.month, m.volume, m.fte, m.value, m.cost, m.net, m.cumulative], money=(3, 4, 5, 6))


# ---------------------------------------------------------------- direct billing


def cost_benefit_sheet(wb: Workbook, store: Store, workspace_id: str, title: str) -> int:
    """Every cost-benefit scenario: inputs, collected per service, figures, statement, 36 months."""
    sheet = _Sheet(wb.create_sheet(title))
    sheet.widths(44, 18, 18, 18, 16, 16, 60)
    sheet.title("Direct billing cost-benefit: check it yourself")
    sheet.row([" ".join(pj.DEFINITIONS)])
    rows = service_map(store, workspace_id)
    saved = cb.list_scenarios(store, workspace_id)
    if not saved:
        sheet.row(["No scenario yet."])
    content = cb.content()
    for s in saved:
        scenario, evaluation = s.scenario, cb.evaluate(s.scenario, rows)
        sheet.gap()
        sheet.title(f"Scenario: {scenario.name}")
        sheet.row(["Inputs", "Value", "", "", "", "", "What it is"], bold=True)
        for payer in cb.payers():
            sheet.row([f"Share of people: {payer.label} (%)", scenario.share(payer.id), "", "", "", "", payer.help])
        for field, text in content.inputs.items():
            value = getattr(scenario, field)
            shown: Any = "not entered" if value is None else value
            sheet.row([text.label, shown, "", "", "", "", text.help], money=(1,) if field in cb.MONEY_FIELDS else ())
        billable = cb.billable_payer_ids()
        sheet.row(
            ["Service", "Billed a month", "Billed?", *[f"Rate: {cb.payer_label(p)}" for p in billable]], bold=True
        )
        for line in evaluation.lines:
            rates = [line.rates.get(p) if line.rates.get(p) is not None else "not entered" for p in billable]
            sheet.row([line.name, line.volume, "yes" if line.billed else "no", *rates], money=(3, 4, 5, 6, 7))
        result = evaluation.result
        if result is None:
            sheet.row(["Incomplete, so no results: " + " ".join(p.message for p in evaluation.problems)])
            continue
        sheet.row(["Billed service", "Collected per service", "", "", "", "", "How it is computed"], bold=True)
        for line in result.lines:
            sheet.row(
                [
                    line.name,
                    line.collected_per_service,
                    "",
                    "",
                    "",
                    "",
                    "Sum over payers of (share x rate) x billable "
                    "share x (1 - denial rate) x collection rate, rounded to the cent.",
                ],
                money=(1,),
            )
        sheet.gap()
        _figures(sheet, [*pj.projection_figures(result.projection, CENT), *result.figures[-2:]])
        sheet.gap()
        _statement(
            sheet,
            [
                ("First year (months 1-12)", result.first_year(CENT)),
                ("Steady state, a month", result.steady(CENT)),
                ("Steady state, a year", result.steady_year(CENT)),
            ],
            "Revenue",
        )
        sheet.gap()
        _months(sheet, result.months(CENT), "Billed services", "Revenue")
    return sheet.rows


# ---------------------------------------------------------------- the care program


def care_program_sheet(wb: Workbook, store: Store, workspace_id: str, title: str) -> int:
    """Both care program scenarios: inputs (with where each came from), each cohort's figures and months."""
    sheet = _Sheet(wb.create_sheet(title))
    sheet.widths(44, 18, 18, 18, 16, 16, 60)
    sheet.title("Care program ROI (5x planner): check it yourself")
    sheet.row([" ".join(pj.DEFINITIONS)])
    for slot in roi.SLOTS:
        scenario = roi.scenario(store, workspace_id, slot)
        inputs = scenario.inputs
        sheet.gap()
        sheet.title(f"Scenario {slot.upper()}: {scenario.name}")
        sheet.row(
            ["Role", "Caseload (patients per FTE)", "Salary", "Fringe (%)", "Already hired (FTE)", "", "Source"],
            bold=True,
        )
        for r in inputs.roles:
            sheet.row(
                [
                    r.role,
                    r.caseload,
                    "not entered" if r.salary is None else r.salary,
                    "not entered" if r.fringe_pct is None else r.fringe_pct,
                    r.hired_fte,
                    "",
                    r.source,
                ],
                money=(2,),
            )
        sheet.row(["Input", "Value", "", "", "", "", "Source"], bold=True)
        for path in roi.SCALAR_FIELDS:
            value = roi.field_value(inputs, path)
            money = (1,) if path.endswith("cost") or path in ("fixed_costs", "variable_cost_per_patient") else ()
            money = (1,) if path in ("reported_savings_per_patient", "startup_cost") else money
            sheet.row(
                [
                    roi.FIELD_LABELS[path],
                    "not entered" if value is None else value,
                    "",
                    "",
                    "",
                    "",
                    scenario.source(path),
                ],
                money=money,
            )
        missing = roi.ready(inputs)
        if missing:
            sheet.row(["Incomplete, so no results: " + "; ".join(missing) + "."])
            continue
        for cohort in roi.plan(inputs):
            sheet.gap()
            sheet.row([f"Cohort of {cohort.patients} patients"], bold=True)
            _figures(sheet, pj.projection_figures(cohort.projection, CENT))
            _statement(
                sheet,
                [
                    ("First year (months 1-12)", cohort.first_year(CENT)),
                    ("Steady state, a year", cohort.steady_year(CENT)),
                ],
                "Savings",
            )
            _months(sheet, cohort.months(CENT), "Patients", "Savings")
    return sheet.rows


# ---------------------------------------------------------------- payment arrangements


def arrangements_sheet(wb: Workbook, store: Store, workspace_id: str, title: str) -> int:
    """Every payment arrangement scenario: each arrangement's inputs, its yearly figures, and its formulas."""
    sheet = _Sheet(wb.create_sheet(title))
    sheet.widths(44, 18, 18, 18, 60)
    sheet.title("Payment arrangements: check it yourself")
    scenarios = arr.list_scenarios(store, workspace_id)
    if not scenarios:
        sheet.row(["No scenario yet."])
    for _, scenario in scenarios:
        sheet.gap()
        sheet.title(f"Scenario: {scenario.name}")
        result = arr.scenario_result(scenario)
        data = scenario.model_dump()  # Decimals stay numbers (mode="json" would make them text)
        for r in result.results:
            sheet.gap()
            sheet.row([r.title], bold=True)
            sheet.row(["Input", "Value"], bold=True)
            for key, value in data[r.kind].items():
                if isinstance(value, list):
                    for item in value:
                        sheet.row([f"{key}: " + ", ".join(f"{k} {v}" for k, v in item.items() if v is not None)])
                else:
                    sheet.row([key.replace("_", " "), "not entered" if value is None else value])
            if not r.entered:
                sheet.row([f"Not entered: {r.note}"])
            else:
                sheet.row(["Figure", "Value", "", "", "How it is computed"], bold=True)
                how = " ".join(r.formulas)
                sheet.row(["Expected in a year", r.expected, "", "", how], money=(1,))
                sheet.row(
                    ["Bad year", r.bad_year, "", "", "The worst of the reductions or volumes entered."], money=(1,)
                )
                sheet.row(
                    ["Good year", r.good_year, "", "", "The best of the reductions or volumes entered."], money=(1,)
                )
            for warning in r.warnings:
                sheet.row([f"Warning: {warning}"])
    return sheet.rows


SHEETS = (
    ("Check - direct billing", "Direct billing: inputs, results as numbers, each formula", cost_benefit_sheet),
    ("Check - care program", "Care program ROI: inputs, each cohort month by month, each formula", care_program_sheet),
    ("Check - arrangements", "Payment arrangements: inputs, yearly figures, each formula", arrangements_sheet),
)


def add_check_sheets(wb: Workbook, store: Store, workspace_id: str, taken: set[str]) -> list[list[Any]]:
    """Add the three sheets; return their Contents rows (sheet, what it holds, rows)."""

    contents = []
    for name, what, build in SHEETS:
        title = sheet_title(name, taken)
        contents.append([title, what, build(wb, store, workspace_id, title)])
    return contents
