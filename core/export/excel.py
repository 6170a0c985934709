"""Every table of a workspace as an Excel workbook people can read (openpyxl).

It opens on a Summary sheet (the organization and the key figures of every model, as numbers with their
formats: `core.export.excel_summary`), then a Contents sheet, one readable sheet per table (human column
names, numbers as numbers, dates as dates, no internal ids, timestamps or JSON: `core.export.excel_tables`),
the "check it yourself" sheet of each financing model (`core.export.check_sheets`) and the sources.

Text that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or
carriage return) is stored as a text cell (data type "s", shown with a quote prefix), so opening
the file never runs anything a person typed. Never writes the store.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from core.errors import NotFound
from core.export import backup
from core.export.cells import cell_value, sheet_title, write_cell
from core.export.check_sheets import add_check_sheets
from core.export.excel_summary import add_summary_sheet
from core.export.excel_tables import Table, readable_tables
from core.export.registry import XLSX, export
from core.sources import SOURCE_IDS, full_entry
from core.store.database import Store
from core.text import sanitize_text


def _number_format(values: list[Any]) -> str | None:
    """Whole numbers with thousands separators; amounts with decimals with two places."""
    numbers = [v for v in values if isinstance(v, int | float | Decimal) and not isinstance(v, bool)]
    if not numbers:
        return None
    return "#,##0" if all(v == int(v) for v in numbers) else "#,##0.00"


def _write_table(wb: Workbook, title: str, table: Table) -> None:
    ws = wb.create_sheet(title)
    for column, text in enumerate(table.headers, start=1):
        write_cell(ws, 1, column, text).font = Font(bold=True)
    for row_index, row in enumerate(table.rows, start=2):
        for column, value in enumerate(row, start=1):
            write_cell(ws, row_index, column, value)
    for column, text in enumerate(table.headers, start=1):
        values = [r[column - 1] for r in table.rows]
        number_format = _number_format(values)
        if number_format:
            for row_index, value in enumerate(values, start=2):
                if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                    ws.cell(row=row_index, column=column).number_format = number_format
        longest = max([len(text)] + [len(str(v)) for v in values[:200] if v is not None])
        ws.column_dimensions[get_column_letter(column)].width = min(60, max(10, longest + 2))
        if longest > 60:
            for row_index in range(2, len(values) + 2):
                ws.cell(row=row_index, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def _all_tables(tables: list[Table]) -> list[Table]:
    out = []
    for table in tables:
        out.append(table)
        out += _all_tables(table.children)
    return out


def workspace_xlsx(store: Store, workspace_id: str) -> bytes:
    """Summary, Contents, one readable sheet per table, the check-it-yourself sheets, the sources."""
    tables = backup.workspace_rows(store, workspace_id)
    if not tables.get("workspace"):
        raise NotFound("This workspace no longer exists.")
    wb = Workbook()
    wb.remove(wb.active)
    taken = {"summary", "contents", "sources"}
    contents: list[list[Any]] = []
    for table in _all_tables(readable_tables(tables)):
        title = sheet_title(table.title, taken)
        contents.append([title, table.what, len(table.rows)])
        _write_table(wb, title, table)
    contents += add_check_sheets(wb, store, workspace_id, taken)
    index = wb.create_sheet("Contents", 0)
    for column, text in enumerate(["Sheet", "What it holds", "Rows"], start=1):
        write_cell(index, 1, column, text).font = Font(bold=True)
    for row_index, row in enumerate(contents, start=2):
        for column, value in enumerate(row, start=1):
            write_cell(index, row_index, column, value)
    index.column_dimensions["A"].width = 34
    index.column_dimensions["B"].width = 60
    add_summary_sheet(wb, store, workspace_id)
    _sources_sheet(wb)
    wb.properties.title = sanitize_text(f"Workbook tables: {tables['workspace'][0]['name']}")[:250]
    wb.properties.created = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _sources_sheet(wb: Workbook) -> None:
    """The last sheet: the five source documents the workbook draws on, as they name their authors."""
    sheet = wb.create_sheet("Sources")
    sheet.append(["Source documents of the Harm Reduction Financing Workbook"])
    sheet["A1"].font = Font(bold=True)
    for source_id in SOURCE_IDS:
        sheet.append([cell_value(full_entry(source_id))])
    sheet.column_dimensions["A"].width = 120


def preview(store: Store, workspace_id: str) -> list[str]:
    return [
        "A Summary sheet first: your organization and the key figures of every model (readiness, services, "
        "billing scenarios, the care program's return, payment arrangements) as numbers.",
        "Then one sheet per table (services, partners, scenarios, answers ...) with plain column names.",
        "Every earlier version of every written answer is included.",
        "Three 'check it yourself' sheets: direct billing, the care program and payment arrangements, each with "
        "its inputs, its results as numbers and the formula beside each.",
    ]


export(
    "workspace_xlsx",
    "Every table (Excel)",
    "All of this workspace's tables and answers, one sheet each, to sort, filter or share.",
    "workbook-tables-{org}.xlsx",
    XLSX,
    order=40,
    preview=preview,
)(workspace_xlsx)
