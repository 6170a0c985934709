"""Applying the edits of a table (the edit state of `st.data_editor`) to stored rows, one row at a time.

The page hands over the edit state (`edited_rows`, `added_rows`, `deleted_rows`)
and the record id of each displayed row; every change goes through the step's
own validated functions, so a bad row is refused with a message and the others
are still saved. Never imports streamlit (the edit state is a plain mapping).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from core.store.database import StoreError


def messages_of(error: Exception) -> list[str]:
    """The messages of a validation or value error, as people should read them."""
    if isinstance(error, ValidationError):
        return [e["msg"].removeprefix("Value error, ") for e in error.errors()]
    if isinstance(error, KeyError) and error.args:
        return [str(error.args[0])]
    return [str(error)]


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """Blank cells arrive as None or NaN: make them empty strings, so models apply their own defaults/rules."""
    cleaned = {}
    for key, value in values.items():
        if key.startswith("_"):
            continue
        if value is None or (isinstance(value, float) and math.isnan(value)):
            value = ""
        cleaned[key] = value
    return cleaned


def apply_edits(
    record_ids: list[str],
    edits: Mapping[str, Any],
    *,
    add: Callable[[dict[str, Any]], object],
    update: Callable[[str, dict[str, Any]], object],
    delete: Callable[[str], None],
    blank_means_default: tuple[str, ...] = (),
) -> list[str]:
    """Apply deletions, then edits, then additions; return one message per row that was refused.

    `blank_means_default` names columns whose blank cells are left out (so the model's default applies)
    instead of being saved as "".
    """
    errors: list[str] = []

    def prepare(values: Mapping[str, Any]) -> dict[str, Any]:
        data = _clean(values)
        return {k: v for k, v in data.items() if not (k in blank_means_default and v == "")}

    deleted = {int(p) for p in edits.get("deleted_rows", [])}
    for position in sorted(deleted):
        if 0 <= position < len(record_ids):
            try:
                delete(record_ids[position])
            except (KeyError, StoreError) as exc:
                errors.append(f"Row {position + 1}: {' '.join(messages_of(exc))}")
    for position, changes in edits.get("edited_rows", {}).items():
        position = int(position)
        if position in deleted or not 0 <= position < len(record_ids):
            continue
        try:
            update(record_ids[position], prepare(changes))
        except (ValidationError, ValueError, KeyError, StoreError) as exc:
            errors.append(f"Row {position + 1}: {' '.join(messages_of(exc))} The change was not saved.")
    for values in edits.get("added_rows", []):
        data = prepare(values)
        if not any(v not in ("", False) for v in data.values()):
            continue  # an empty new row is still being filled in
        try:
            add(data)
        except (ValidationError, ValueError, StoreError) as exc:
            errors.append(f"New row: {' '.join(messages_of(exc))} It was not saved yet.")
    return errors
