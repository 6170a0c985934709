"""Every table of a workspace as an Excel workbook (openpyxl), one sheet per table.

Generic: it walks `core.store.models.workspace_tables()` (the same tables a backup holds), so a
step that adds a table appears here without a change. Rows of the `record` table get one sheet
per `kind`, their JSON data flattened into columns; text answers show section, prompt and text;
value answers show their JSON. Secrets (the passphrase hash) and lock counters are left out.

Text that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or
carriage return) is stored as a text cell (data type "s", shown with a quote prefix), so opening
the file never runs anything a person typed. Never writes the store.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.export import backup
from core.export.registry import XLSX, export
from core.store.database import Store
from core.text import sanitize_text

EXCLUDED_COLUMNS = {"workspace": {"passphrase_hash", "name_key", "failed_attempts", "locked_until"}}
HIDDEN_COLUMNS = {"workspace_id"}  # the same on every row of a workspace's export
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_767  # Excel's limit
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters at most, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("_", sanitize_text(name)).strip("'") or "sheet"
    title, n = base[:31], 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns ({"a": {"b": 1}} -> {"a.b": 1}); lists stay one JSON cell."""
    if not isinstance(data, dict):
        return {prefix or "value": data}
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and value:
            flat.update(flatten(value, name))
        else:
            flat[name] = value
    return flat


def cell_value(value: Any) -> Any:
    """A value as a cell holds it: numbers and booleans as they are, dates as text, the rest as text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    text = sanitize_text(value)
    return text[: MAX_CELL_CHARS - 1] + "…" if len(text) > MAX_CELL_CHARS else text


def _write_sheet(wb: Workbook, title: str, headers: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append([sanitize_text(h) for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row_index, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = ws.cell(row=row_index, column=column, value=cell_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
                if cell.value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
    ws.freeze_panes = "A2"
    for column, header in enumerate(headers, start=1):
        longest = max([len(str(header))] + [len(str(r[column - 1] or "")) for r in rows[:200]])
        ws.column_dimensions[get_column_letter(column)].width = min(60, max(10, longest + 2))


def _plain_rows(name: str, rows: list[dict]) -> tuple[list[str], list[list[Any]]]:
    drop = EXCLUDED_COLUMNS.get(name, set()) | (HIDDEN_COLUMNS if name != "workspace" else set())
    headers = [h for h in (rows[0].keys() if rows else []) if h not in drop]
    return headers, [[row.get(h) for h in headers] for row in rows]


def _record_sheets(rows: list[dict]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """One table per record kind: id, position, the data's flattened columns, dates."""
    by_kind: dict[str, list[dict]] = {}
    for row in sorted(rows, key=lambda r: (r["kind"], r.get("position") or 0)):
        by_kind.setdefault(row["kind"], []).append(row)
    sheets = {}
    for kind, kind_rows in by_kind.items():
        flat = [flatten(r.get("data") or {}) for r in kind_rows]
        data_columns = list(dict.fromkeys(k for f in flat for k in f))
        headers = ["id", "position", *data_columns, "created_at", "updated_at"]
        sheets[kind] = (
            headers,
            [
                [
                    r["id"],
                    r.get("position"),
                    *(f.get(c) for c in data_columns),
                    r.get("created_at"),
                    r.get("updated_at"),
                ]
                for r, f in zip(kind_rows, flat, strict=True)
            ],
        )
    return sheets


def workspace_xlsx(store: Store, workspace_id: str) -> bytes:
    tables = backup.workspace_rows(store, workspace_id)
    if not tables.get("workspace"):
        raise KeyError("This workspace no longer exists.")
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    contents: list[list[Any]] = []
    for name, rows in tables.items():
        if name == "record":
            for kind, (headers, data) in _record_sheets(rows).items():
                title = sheet_title(kind, taken)
                contents.append([title, f"Table rows of kind {kind}", len(data)])
                _write_sheet(wb, title, headers, data)
            continue
        headers, data = _plain_rows(name, rows)
        if not headers:
            continue
        title = sheet_title(name, taken)
        contents.append([title, f"Table {name}", len(data)])
        _write_sheet(wb, title, headers, data)
    index = wb.create_sheet("Contents", 0)
    index.append(["Sheet", "What it holds", "Rows"])
    for cell in index[1]:
        cell.font = Font(bold=True)
    for row in contents:
        index.append([cell_value(v) for v in row])
    index.column_dimensions["A"].width = 34
    index.column_dimensions["B"].width = 48
    wb.properties.title = sanitize_text(f"Workbook tables: {tables['workspace'][0]['name']}")[:250]
    wb.properties.created = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def preview(store: Store, workspace_id: str) -> list[str]:
    from core.store.models import workspace_tables

    names = [t.name for t in workspace_tables()]
    return [
        "A Contents sheet, then one sheet per table: " + ", ".join(n for n in names if n != "record") + ".",
        "Table rows (partners, services, conversations ...) get one sheet per kind, one column per field.",
        "Every earlier version of every text answer is included.",
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
