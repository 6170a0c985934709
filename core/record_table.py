"""Applying a table editor's changes to a workspace's records, one validated row at a time.

A page shows a kind of records in `st.data_editor` and, in the editor's
on_change callback, hands the editor's change set (`edited_rows`,
`added_rows`, `deleted_rows`) to `apply_edits`. Every row is validated by the
kind's pydantic model before it is saved; a row that does not validate is not
saved and comes back as a message naming the row, so nothing saved is ever
replaced by garbage. This module never imports streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from core.store import answers
from core.store.database import Store


def _blank(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and math.isnan(value))
    )


def _clean(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Editor cells come back as JSON: an emptied cell is None (or NaN); drop neither, normalise both."""
    return {key: (None if _blank(value) else value) for key, value in changes.items()}


def error_text(error: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """One line per problem, naming the column by its label: "Caseload: must be more than 0"."""
    labels = labels or {}
    parts = []
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else ""
        message = item["msg"].removeprefix("Value error, ")
        name = labels.get(field, field.replace("_", " ").capitalize())
        # A message that is already a sentence about its field ("Role is required.") needs no prefix.
        nested_sentence = len(item["loc"]) > 1 and message[:1].isupper()
        names_itself = message.casefold().startswith(name.casefold()) or nested_sentence
        parts.append(f"{name}: {message}" if name and not names_itself else message)
    return "; ".join(parts)


def rows_for_editor(records: Sequence, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Record data as editor rows with exactly `fields` as columns (missing ones blank)."""
    return [{f: r.data.get(f) for f in fields} for r in records]


def apply_edits(
    store: Store,
    workspace_id: str,
    kind: str,
    row_model: type[BaseModel],
    record_ids: Sequence[str],
    edits: Mapping[str, Any],
    *,
    fixed: Mapping[str, Any] | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """Save an editor's changes to records of `kind`; return one message per row not saved.

    `record_ids` are the ids of the rows in the order the editor showed them
    (so a row index always means the row the person saw). `fixed` values are
    added to every new row (e.g. the patient or the day a table belongs to).
    Wholly blank added rows are ignored: an editor adds an empty row before a
    person types in it.
    """
    errors: list[str] = []
    current = {r.id: r for r in answers.list_records(store, workspace_id, kind)}
    for position, changes in sorted(edits.get("edited_rows", {}).items(), key=lambda item: int(item[0])):
        index = int(position)
        record = current.get(record_ids[index]) if index < len(record_ids) else None
        if record is None:
            errors.append(f"Row {index + 1} was deleted in another tab; nothing saved for it.")
            continue
        try:
            row = row_model.model_validate({**record.data, **_clean(changes)})
        except ValidationError as exc:
            errors.append(f"Row {index + 1}: {error_text(exc, labels)}")
            continue
        answers.update_record(store, workspace_id, record.id, row.model_dump(mode="json"))
    for offset, added in enumerate(edits.get("added_rows", [])):
        cleaned = _clean(added)
        if all(value is None or value is False for value in cleaned.values()):
            continue
        try:
            row = row_model.model_validate({**cleaned, **(fixed or {})})
        except ValidationError as exc:
            errors.append(f"New row {offset + 1}: {error_text(exc, labels)}")
            continue
        answers.add_record(store, workspace_id, kind, row.model_dump(mode="json"))
    for position in sorted((int(p) for p in edits.get("deleted_rows", [])), reverse=True):
        if position < len(record_ids) and record_ids[position] in current:
            answers.delete_record(store, workspace_id, record_ids[position])
    return errors
