"""Every table of a workspace as an Excel workbook people can read: a Summary of numbers first, readable table
sheets (human column names, numbers as numbers, dates as dates, no ids, timestamps or JSON); typed text never
becomes a formula."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core import demo
from core.export import cells, excel, excel_tables
from core.store import answers
from tests.conftest import make_workspace
from tests.core.vp_workspace import HOSTILE, fill


def _xlsx(store, workspace_id):
    return load_workbook(io.BytesIO(excel.workspace_xlsx(store, workspace_id)))


def _rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def _table(sheet) -> list[dict]:
    header, *rows = _rows(sheet)
    return [dict(zip(header, r, strict=True)) for r in rows]


def _summary(book) -> dict[str, object]:
    return {str(r[0]).strip(): r[1] for r in _rows(book["Summary"]) if r[0]}


def _summary_cell(book, what: str):
    return next(r[1] for r in book["Summary"].iter_rows() if r[0].value == what)


def test_opens_on_a_summary_then_contents_then_one_readable_sheet_per_table(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id)
    book = _xlsx(sqlite_store, ws.id)
    assert book.sheetnames[:2] == ["Summary", "Contents"]
    assert {"Services (Step 3)", "Conversations (Step 4)", "Written answers", "Choices and figures"} <= set(
        book.sheetnames
    )
    assert "workspace" not in book.sheetnames and "service_row" not in book.sheetnames
    contents = {row[0]: row[2] for row in _rows(book["Contents"])[1:]}
    assert contents["Services (Step 3)"] == 3 and contents["Conversations (Step 4)"] == 1


def test_summary_names_the_organization_and_each_population_on_its_own_row(sqlite_store):
    ws = make_workspace(sqlite_store, populations=["people_who_use_drugs", "unhoused"])
    summary = _rows(_xlsx(sqlite_store, ws.id)["Summary"])
    assert ["Organization", "Northside Outreach", None] in summary
    assert ["Type of organization", "Syringe services program", None] in summary
    populations = [r[1] for r in summary if r[0] == "Population served"]
    assert populations == ["People who use drugs", "People experiencing homelessness or unstable housing"]


def test_summary_services_are_numbers_worked_by_hand(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id)  # naloxone 400 (250 people) and wound care 120 (45) today; benefits 30 could be
    book = _xlsx(sqlite_store, ws.id)
    summary = _summary(book)
    assert summary["Services offered now"] == 2
    assert summary["Services a month, offered now"] == 400 + 120
    assert summary["Client contacts a month, offered now"] == 250 + 45
    assert summary["Services a month, could offer"] == 30
    cell = _summary_cell(book, "Services a month, offered now")
    assert cell.data_type == "n" and cell.number_format == "#,##0"


def test_summary_carries_each_billing_scenario_verdict_net_and_break_even_as_formatted_numbers(sqlite_store):
    ws = demo.create_demo(sqlite_store)
    book = _xlsx(sqlite_store, ws.id)
    cells = [list(r) for r in book["Summary"].iter_rows()]
    start = next(i for i, r in enumerate(cells) if r[0].value == "Billing scenario: With a billing partner")
    assert cells[start][1].value == "Direct billing pays for itself at your estimates"
    block = {str(r[0].value).strip(): r[1] for r in cells[start + 1 : start + 8]}
    # hand-checked in tests/core/test_demo_steps_6_9.py: 5,144.63 a month at steady state, break-even in month 1
    assert block["Steady-state net a month"].value == 5144.63
    assert block["Steady-state net a month"].number_format == '"$"#,##0;-"$"#,##0'
    assert block["Break-even month"].value == 1
    assert block["ROI, first year"].number_format == "0%"
    roi_rows = [r for r in cells if str(r[0].value).strip() == "625 patients: ROI, first year"]
    assert len(roi_rows) == 2 and all(r[1].data_type == "n" and r[1].number_format == "0%" for r in roi_rows)


def test_services_sheet_has_human_columns_numbers_as_numbers_and_no_ids_or_timestamps(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id)
    header, *rows = _rows(_xlsx(sqlite_store, ws.id)["Services (Step 3)"])
    assert header == [
        "Category",
        "Name",
        "Services per month",
        "Clients per month",
        "Currently offer",
        "Potentially offer",
    ]
    assert sorted((r[1], r[2], r[4]) for r in rows) == [
        ("Enrollment in benefits", 30, "No"),
        ("Naloxone", 400, "Yes"),
        ("Wound care & treatment", 120, "Yes"),
    ]


def test_dates_are_dates_and_money_kept_as_text_in_the_store_becomes_numbers(sqlite_store):
    ws = demo.create_demo(sqlite_store)
    book = _xlsx(sqlite_store, ws.id)
    sheet = book["Conversations (Step 4)"]
    held_on = next(r for r in _table(sheet) if r["Guide"] == "Care team")["Held on"]
    assert held_on == dt.datetime(2025, 3, 4)  # a date cell (openpyxl reads dates back as datetimes)
    assert sheet["B2"].number_format == "yyyy-mm-dd"
    scenarios = {r["Name"]: r for r in _table(book["Payment arrangement scenarios"])}
    assert scenarios["Billing on our own"]["Volume swing (%)"] == 20  # stored as the text "20.00"
    lines = _table(book["Arrangements - services billed"])
    assert lines[0]["Belongs to"] == "Billing on our own" and lines[0]["Rate"] == 18


def test_no_sheet_holds_json_an_internal_id_a_timestamp_or_a_number_as_text(sqlite_store):
    ws = demo.create_demo(sqlite_store)
    book = _xlsx(sqlite_store, ws.id)
    bad = []
    for sheet in book.worksheets:
        header, *rows = sheet.iter_rows(values_only=True)
        for row in rows:
            for column, value in zip(header, row, strict=False):
                if not isinstance(value, str) or column == "Code":  # a billing code ("98960") is text
                    continue
                if value[:1] in "[{" or re.search(r"[0-9a-f]{32}", value) or re.search(r"\d\d:\d\d:\d\d", value):
                    bad.append((sheet.title, value[:60]))
                if re.fullmatch(r"-?\d+(\.\d+)?", value):
                    bad.append((sheet.title, value))
    assert bad == []
    headers = {h for sheet in book.worksheets[2:] for h in next(sheet.iter_rows(values_only=True)) if h}
    assert not headers & {"id", "created_at", "updated_at", "workspace_id", "token_hash", "position", "Id"}


def test_text_answers_show_step_section_question_and_text(sqlite_store):
    ws = make_workspace(sqlite_store)
    answers.save_text(sqlite_store, ws.id, "value_proposition.framing", "acute_care", "We catch wounds early.")
    (record,) = _table(_xlsx(sqlite_store, ws.id)["Written answers"])
    assert record["Section"] == "Framing" and record["Question"] == "Acute care"
    assert record["Step"].startswith("Step 5") and record["Answer"] == "We catch wounds early."


@pytest.mark.parametrize("typed", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", '=HYPERLINK("http://x","y")'])
def test_typed_text_never_becomes_a_live_formula(sqlite_store, typed):
    ws = make_workspace(sqlite_store)
    answers.save_text(sqlite_store, ws.id, "value_proposition.equity", "statement", typed)
    raw = excel.workspace_xlsx(sqlite_store, ws.id)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    sheet = load_workbook(io.BytesIO(raw))["Written answers"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == typed)
    assert cell.data_type == "s"
    if typed[0] in "=+-@\t":
        assert cell.quotePrefix


@pytest.mark.parametrize("name", ["=1+1 Outreach", "+1 Outreach", "@SUM(A1) Outreach", "-2 Outreach"])
def test_an_organization_or_partner_name_starting_like_a_formula_stays_text(sqlite_store, name):
    ws = make_workspace(sqlite_store, name=name)
    answers.add_record(sqlite_store, ws.id, "partners.partner", {"name": name, "status": "identified"})
    raw = excel.workspace_xlsx(sqlite_store, ws.id)
    book = load_workbook(io.BytesIO(raw))
    organization = _summary_cell(book, "Organization")
    partner = next(c for row in book["Partners"].iter_rows() for c in row if c.value == name)
    for cell in (organization, partner):
        assert cell.value == name and cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_anything_a_person_can_type_exports(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id, text=HOSTILE * 40)
    values = [c for row in _xlsx(sqlite_store, ws.id)["Written answers"].iter_rows(values_only=True) for c in row]
    assert any(isinstance(v, str) and "🧪💉" in v and "العربية" in v for v in values)


def test_column_names_choices_and_numbers_in_words():
    assert excel_tables.header("payer_mix.medicaid_mco") == "Payer mix: Medicaid MCO"
    assert excel_tables.header("volume_swing_pct") == "Volume swing (%)"
    assert excel_tables.column_values(["meeting_set", "fqhc", None], "status") == ["Meeting set", "FQHC", None]
    assert excel_tables.column_values(["meeting_set"], "notes") == ["meeting_set"]  # typed text stays as typed
    assert excel_tables.column_values(["007", "48000.00"], "amount") == ["007", Decimal("48000.00")]


def test_sheet_titles():
    taken: set[str] = set()
    assert cells.sheet_title("what/ever: [x]?", taken) == "what_ever_ _x__"
    long = "k" * 40
    assert cells.sheet_title(long, taken) == "k" * 31
    assert cells.sheet_title(long, taken) == "k" * 27 + " (2)"
    assert cells.cell_value([1, "a"]) == '[1, "a"]' and cells.cell_value(None) is None
