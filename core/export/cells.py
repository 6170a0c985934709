"""Cells and sheet names of the Excel workbook: the pieces the workbook, its Summary and its check-it-yourself
sheets all write with (`core.export.excel`, `excel_summary`, `check_sheets`).

Text that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is
stored as a text cell shown with a quote prefix, so opening the file never runs anything a person typed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from core.text import sanitize_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_767  # Excel's limit
DATE_FORMAT = "yyyy-mm-dd"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters at most, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("_", sanitize_text(name)).strip("'") or "sheet"
    title, n = base[:31].strip(), 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)].strip() + suffix, n + 1
    taken.add(title.casefold())
    return title


def cell_value(value: Any) -> Any:
    """A value as a cell holds it: numbers, booleans and dates as they are, the rest as (sanitized) text."""
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date | dt.time):
        return value
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = sanitize_text(value)
    return text[: MAX_CELL_CHARS - 1] + "…" if len(text) > MAX_CELL_CHARS else text


def write_cell(ws: Worksheet, row: int, column: int, value: Any) -> Cell:
    """One cell: text is always a text cell (shown with a quote prefix when it starts like a formula, so opening
    the file never runs anything a person typed); dates get a date format."""
    cell = ws.cell(row=row, column=column, value=cell_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    elif isinstance(cell.value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(cell.value, dt.time):
        cell.number_format = "hh:mm"
    return cell
