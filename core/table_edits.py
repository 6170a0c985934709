"""Applying a table editor's changes to rows, and saving a table of records in one go.

A page shows rows in an editable table; the editor reports what changed as
`edited_rows` ({row index: {column: value}}), `added_rows` ([{column: value}])
and `deleted_rows` ([row index]). `apply_edits` turns the rows the page showed
plus those changes into the new rows; `sync_records` validates every new row
with its pydantic model first and only then writes, so a bad cell never leaves
a half-saved table. Row numbers in messages count from 1, as people do.

Never imports streamlit; knows nothing about widgets beyond the shape of the changes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlmodel import select

from core.store import answers
from core.store.database import Store
from core.store.models import Record

M = TypeVar("M", bound=BaseModel)
ID = "id"  # the hidden column holding a row's record id


def _blank_to_none(value: Any) -> Any:
    """Editors report an emptied number cell as NaN or None; both mean "nothing entered"."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def apply_edits(rows: Sequence[Mapping[str, Any]], changes: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows after `changes`: edited cells applied, deleted rows removed, added rows appended.

    Indexes in `changes` refer to `rows` as shown (before deletion), which is
    how table editors report them. Keys may be ints or their string form.
    """
    edited = {int(index): cells for index, cells in (changes.get("edited_rows") or {}).items()}
    deleted = {int(index) for index in (changes.get("deleted_rows") or [])}
    result: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        if index in deleted:
            continue
        merged = dict(row)
        merged.update({column: _blank_to_none(value) for column, value in edited.get(index, {}).items()})
        result.append(merged)
    for added in changes.get("added_rows") or []:
        row = {column: _blank_to_none(value) for column, value in added.items() if column != ID}
        if any(value not in (None, "") for value in row.values()):  # an untouched new row is not a row yet
            result.append(row)
    return result


def row_error(index: int, error: ValidationError | ValueError, labels: Mapping[str, str] | None = None) -> str:
    """One message for people naming the row (counted from 1) and the column that is wrong."""
    labels = labels or {}
    if isinstance(error, ValidationError):
        parts = []
        for item in error.errors()[:3]:
            field = str(item["loc"][0]) if item["loc"] else ""
            message = item["msg"].removeprefix("Value error, ")
            where = labels.get(field, field.replace("_", " ").capitalize())
            parts.append(f"{where}: {message}" if where else message)
        detail = "; ".join(parts)
    else:
        detail = str(error)
    return f"Row {index + 1}: {detail}"


def validate_rows(
    model: type[M], rows: Sequence[Mapping[str, Any]], labels: Mapping[str, str] | None = None
) -> list[M]:
    """Every row as `model`, or a ValueError naming the first bad row and column (nothing is saved)."""
    valid = []
    for index, row in enumerate(rows):
        try:
            valid.append(model.model_validate({k: v for k, v in row.items() if k != ID}))
        except (ValidationError, ValueError) as exc:
            raise ValueError(row_error(index, exc, labels)) from exc
    return valid


def rows_of_kinds(store: Store, workspace_id: str, kinds: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The records of several kinds in one query, as table rows (with `id`) by kind, in table order."""
    with store.read() as s:
        found = s.exec(
            select(Record.id, Record.kind, Record.data)
            .where(Record.workspace_id == workspace_id, Record.kind.in_(list(kinds)))
            .order_by(Record.position, Record.created_at)
        ).all()
    result: dict[str, list[dict[str, Any]]] = {kind: [] for kind in kinds}
    for record_id, kind, data in found:
        result[kind].append({**data, ID: record_id})
    return result


def models_of(rows: Sequence[Mapping[str, Any]], model: type[M]) -> list[M]:
    """Table rows as `model`; a row that no longer validates is skipped, never fatal."""
    result = []
    for row in rows:
        try:
            result.append(model.model_validate({k: v for k, v in row.items() if k != ID}))
        except (ValidationError, ValueError):
            continue
    return result


def record_rows(store: Store, workspace_id: str, kind: str) -> list[dict[str, Any]]:
    """The records of `kind` as rows for a table, each with its record id in the `id` column."""
    return [{**record.data, ID: record.id} for record in answers.list_records(store, workspace_id, kind)]


def sync_records(
    store: Store,
    workspace_id: str,
    kind: str,
    model: type[M],
    rows: Sequence[Mapping[str, Any]],
    labels: Mapping[str, str] | None = None,
) -> list[M]:
    """Make the workspace's records of `kind` equal to `rows` (validated first; then update, add, delete).

    Rows with an `id` update that record, rows without one are added, records
    whose id is no longer among the rows are deleted. Returns the valid rows.
    """
    valid = validate_rows(model, rows, labels)
    existing = {record.id: record for record in answers.list_records(store, workspace_id, kind)}
    kept: set[str] = set()
    for row, item in zip(rows, valid, strict=True):
        data = item.model_dump(mode="json")
        record_id = row.get(ID)
        if record_id and record_id in existing:
            kept.add(record_id)
            if existing[record_id].data != data:
                answers.update_record(store, workspace_id, record_id, data)
        else:
            answers.add_record(store, workspace_id, kind, data)
    for record_id in existing.keys() - kept:
        answers.delete_record(store, workspace_id, record_id)
    return valid


def load_records(store: Store, workspace_id: str, kind: str, model: type[M]) -> list[tuple[str, M]]:
    """The records of `kind` as (record id, model); a row that no longer validates is skipped, never fatal."""
    result = []
    for record in answers.list_records(store, workspace_id, kind):
        try:
            result.append((record.id, model.model_validate(record.data)))
        except (ValidationError, ValueError):
            continue
    return result
