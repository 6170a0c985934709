"""Applying a table editor's changes to stored rows, validated, with a message per refused row.

A page shows rows in an editable table; the editor reports what changed as
`edited_rows` ({row index: {column: value}}), `added_rows` ([{column: value}])
and `deleted_rows` ([row index]). Indexes refer to the rows as shown; row
numbers in messages count from 1, as people do. Two ways to save them:

- row by row (`apply_edits`, and `apply_record_edits` for one kind of records):
  each change goes through validated functions; a bad row is refused with a
  message and the others are still saved;
- the whole table at once (`rows_after`, then `sync_records`): every new row is
  validated first and only then written, in one transaction, so a bad cell never
  leaves a half-saved table.

Nothing is lost to another window: rows read for an editor carry their record's
version (`_version`), `rows_after` remembers which rows the person changed and
deleted, and `sync_records` writes only those, each only if nobody changed it
since (`answers.StaleEdit` otherwise, and nothing is saved). A row another window
added is never deleted.

Also the messages people read (`messages_of`, `error_text`, `row_error`) and
reading records as table rows. Never imports streamlit; knows nothing about
widgets beyond the shape of the changes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from core.errors import UserError
from core.store import answers
from core.store.database import Store, StoreError

M = TypeVar("M", bound=BaseModel)
ID = "id"  # the hidden column holding a row's record id
VERSION = "_version"  # the hidden column holding the version of the record the row was read from
HIDDEN = (ID, VERSION)
Action = Literal["delete", "edit", "add"]


class EditedRows(list):
    """The rows after a person's edits (a list of row dicts, as before), knowing what the person did:
    `shown` are the rows as the editor drew them, by record id; `deleted` the rows they deleted."""

    def __init__(self, rows=(), *, shown: dict[str, dict] | None = None, deleted: list[dict] | None = None):
        super().__init__(rows)
        self.shown = shown or {}
        self.deleted = deleted or []


def _data(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in HIDDEN}


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


def is_blank(value: Any) -> bool:
    """An emptied cell: editors report it as None, "" or NaN (a number column)."""
    return value is None or value == "" or _is_nan(value)


# ---------------------------------------------------------------- messages


def messages_of(error: Exception) -> list[str]:
    """The messages of a validation or value error, as people should read them."""
    if isinstance(error, ValidationError):
        return [e["msg"].removeprefix("Value error, ") for e in error.errors()]
    if isinstance(error, KeyError) and error.args:
        return [str(error.args[0])]
    return [str(error)]


def _column(item: Mapping[str, Any], labels: Mapping[str, str]) -> tuple[str, str]:
    """(column name for people, message) of one pydantic error item."""
    field = str(item["loc"][0]) if item["loc"] else ""
    return labels.get(field, field.replace("_", " ").capitalize()), item["msg"].removeprefix("Value error, ")


def error_text(error: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """One line per problem, naming the column by its label: "Caseload: must be more than 0"."""
    parts = []
    for item in error.errors():
        name, message = _column(item, labels or {})
        # A message that is already a sentence about its field ("Role is required.") needs no prefix.
        nested_sentence = len(item["loc"]) > 1 and message[:1].isupper()
        names_itself = message.casefold().startswith(name.casefold()) or nested_sentence
        parts.append(f"{name}: {message}" if name and not names_itself else message)
    return "; ".join(parts)


def row_error(index: int, error: ValidationError | ValueError, labels: Mapping[str, str] | None = None) -> str:
    """One message for people naming the row (counted from 1) and the column that is wrong."""
    if isinstance(error, ValidationError):
        parts = []
        for item in error.errors()[:3]:
            where, message = _column(item, labels or {})
            parts.append(f"{where}: {message}" if where else message)
        detail = "; ".join(parts)
    else:
        detail = str(error)
    return f"Row {index + 1}: {detail}"


# ---------------------------------------------------------------- row by row


def _refused(action: Action, index: int, error: Exception) -> str:
    text = " ".join(messages_of(error))
    if action == "delete":
        return f"Row {index + 1}: {text}"
    if action == "edit":
        return f"Row {index + 1}: {text} The change was not saved."
    return f"New row: {text} It was not saved yet."


def apply_edits(
    record_ids: Sequence[Any],
    edits: Mapping[str, Any],
    *,
    add: Callable[[dict[str, Any]], object],
    update: Callable[[Any, dict[str, Any]], object],
    delete: Callable[[Any], None],
    blank_means_default: tuple[str, ...] = (),
    refused: Callable[[Action, int, Exception], str] = _refused,
) -> list[str]:
    """Apply deletions, then edits, then additions; return one message per row that was refused.

    `record_ids` are the ids of the rows in the order the editor showed them (so a
    row index always means the row the person saw). Blank cells arrive as "" (so
    models apply their own rules); `blank_means_default` names columns whose blank
    cells are left out instead (so the model's default applies). A wholly blank new
    row is left alone: an editor adds it before a person types in it. `refused(action,
    index, error)` words the message of a refused row (`index` counts added rows
    among the added ones).
    """
    errors: list[str] = []

    def prepare(values: Mapping[str, Any]) -> dict[str, Any]:
        data = {k: ("" if v is None or _is_nan(v) else v) for k, v in values.items() if not k.startswith("_")}
        return {k: v for k, v in data.items() if not (k in blank_means_default and v == "")}

    deleted = {int(p) for p in edits.get("deleted_rows") or []}
    for position in sorted(deleted):
        if 0 <= position < len(record_ids):
            try:
                delete(record_ids[position])
            except (ValueError, KeyError, StoreError) as exc:  # answers.StaleEdit is a ValueError
                errors.append(refused("delete", position, exc))
    for key, changes in sorted((edits.get("edited_rows") or {}).items(), key=lambda item: int(item[0])):
        position = int(key)
        if position in deleted or not 0 <= position < len(record_ids):
            continue
        try:
            update(record_ids[position], prepare(changes))
        except (ValidationError, ValueError, KeyError, StoreError) as exc:
            errors.append(refused("edit", position, exc))
    for offset, values in enumerate(edits.get("added_rows") or []):
        data = prepare(values)
        if not any(v not in ("", False) for v in data.values()):
            continue  # an empty new row is still being filled in
        try:
            add(data)
        except (ValidationError, ValueError, StoreError) as exc:
            errors.append(refused("add", offset, exc))
    return errors


def apply_record_edits(
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
    """`apply_edits` for the records of one `kind`, each row validated by `row_model`.

    An emptied cell is saved as None (the model decides what that means); `fixed`
    values are added to every new row (e.g. the patient or the day a table belongs
    to). A row someone deleted in another tab is reported, not recreated.
    """
    current = {r.id: r for r in answers.list_records(store, workspace_id, kind)}

    def cleaned(values: Mapping[str, Any]) -> dict[str, Any]:
        return {k: (None if isinstance(v, str) and not v.strip() else v) for k, v in values.items()}

    def update(record_id: str, changes: dict[str, Any]) -> None:
        if record_id not in current:
            raise KeyError(record_id)
        row = row_model.model_validate({**current[record_id].data, **cleaned(changes)})
        answers.update_record(store, workspace_id, record_id, row.model_dump(mode="json"))

    def add(values: dict[str, Any]) -> None:
        data = cleaned(values)
        if all(value is None or value is False for value in data.values()):
            return  # only blanks: the person has not typed in it yet
        row = row_model.model_validate({**data, **(fixed or {})})
        answers.add_record(store, workspace_id, kind, row.model_dump(mode="json"))

    def delete(record_id: str) -> None:
        if record_id not in current:
            raise KeyError(record_id)
        answers.delete_record(store, workspace_id, record_id)

    def refused(action: Action, index: int, error: Exception) -> str:
        if isinstance(error, KeyError):
            return f"Row {index + 1} was deleted in another tab; nothing saved for it."
        detail = error_text(error, labels) if isinstance(error, ValidationError) else str(error)
        return f"New row {index + 1}: {detail}" if action == "add" else f"Row {index + 1}: {detail}"

    return apply_edits(record_ids, edits, add=add, update=update, delete=delete, refused=refused)


# ---------------------------------------------------------------- the whole table at once


def rows_after(rows: Sequence[Mapping[str, Any]], changes: Mapping[str, Any]) -> EditedRows:
    """The rows after `changes`: edited cells applied, deleted rows removed, added rows appended.

    Indexes in `changes` refer to `rows` as shown (before deletion), which is
    how table editors report them. Keys may be ints or their string form. An
    emptied number cell (NaN) becomes None: nothing entered. The result also
    knows the rows as shown and the rows deleted (`EditedRows`), so that
    `sync_records` touches only what the person changed.
    """
    edited = {int(index): cells for index, cells in (changes.get("edited_rows") or {}).items()}
    deleted = {int(index) for index in (changes.get("deleted_rows") or [])}
    result: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        if index in deleted:
            removed.append(dict(row))
            continue
        merged = dict(row)
        merged.update({column: None if _is_nan(value) else value for column, value in edited.get(index, {}).items()})
        result.append(merged)
    for added in changes.get("added_rows") or []:
        row = {column: None if _is_nan(value) else value for column, value in added.items() if column not in HIDDEN}
        if any(value not in (None, "") for value in row.values()):  # an untouched new row is not a row yet
            result.append(row)
    shown = {str(row[ID]): dict(row) for row in rows if row.get(ID)}
    return EditedRows(result, shown=shown, deleted=removed)


def validate_rows(
    model: type[M], rows: Sequence[Mapping[str, Any]], labels: Mapping[str, str] | None = None
) -> list[M]:
    """Every row as `model`, or a UserError naming the first bad row and column (nothing is saved)."""
    valid = []
    for index, row in enumerate(rows):
        try:
            valid.append(model.model_validate(_data(row)))
        except (ValidationError, ValueError) as exc:
            raise UserError(row_error(index, exc, labels)) from exc
    return valid


def _version(row: Mapping[str, Any]) -> int | None:
    value = row.get(VERSION)
    return int(value) if isinstance(value, int | float) and not _is_nan(value) else None


def sync_records(
    store: Store,
    workspace_id: str,
    kind: str,
    model: type[M],
    rows: Sequence[Mapping[str, Any]],
    labels: Mapping[str, str] | None = None,
) -> list[M]:
    """Save `rows` as the workspace's records of `kind`: validated first, then written in one transaction.

    With the rows of `rows_after` (a person's edits): the rows they changed are updated, the rows
    they added appended, the rows they deleted deleted, each only if no other window changed it
    since it was shown (`answers.StaleEdit`, and nothing is saved); rows others added stay.
    With a plain list (a caller stating the whole table): records not among the rows are deleted.
    Returns the valid rows.
    """
    valid = validate_rows(model, rows, labels)
    edited = isinstance(rows, EditedRows)
    shown: dict[str, dict] = rows.shown if edited else {}
    table: list[answers.TableRow] = []
    for row, item in zip(rows, valid, strict=True):
        data = item.model_dump(mode="json")
        record_id = row.get(ID) or None
        changed = True
        if edited and record_id and str(record_id) in shown:
            before = shown[str(record_id)]
            try:
                changed = model.model_validate(_data(before)).model_dump(mode="json") != data
            except (ValidationError, ValueError):
                changed = True  # it did not validate as shown: the person's valid row is a change
        table.append(answers.TableRow(record_id=record_id, data=data, version=_version(row), changed=changed))
    deleted = [(str(row[ID]), _version(row)) for row in rows.deleted if row.get(ID)] if edited else None
    answers.apply_table(store, workspace_id, kind, table, deleted)
    return valid


# ---------------------------------------------------------------- records as table rows


def record_rows(store: Store, workspace_id: str, kind: str) -> list[dict[str, Any]]:
    """The records of `kind` as rows for a table, each with its record id in the `id` column and its
    version in `_version` (neither is shown; `sync_records` uses both)."""
    return [
        {**record.data, ID: record.id, VERSION: record.version}
        for record in answers.list_records(store, workspace_id, kind)
    ]


def rows_for_editor(records: Sequence, fields: Sequence[str]) -> list[dict[str, Any]]:
    """Record data as editor rows with exactly `fields` as columns (missing ones blank)."""
    return [{f: r.data.get(f) for f in fields} for r in records]


def rows_of_kinds(store: Store, workspace_id: str, kinds: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The records of several kinds in one query, as table rows (with `id`) by kind, in table order."""
    found = answers.list_records_of_kinds(store, workspace_id, list(kinds))
    return {kind: [{**r.data, ID: r.id, VERSION: r.version} for r in found[kind]] for kind in kinds}


def models_of(rows: Sequence[Mapping[str, Any]], model: type[M]) -> list[M]:
    """Table rows as `model`; a row that no longer validates is skipped, never fatal."""
    result = []
    for row in rows:
        try:
            result.append(model.model_validate(_data(row)))
        except (ValidationError, ValueError):
            continue
    return result


def load_records(store: Store, workspace_id: str, kind: str, model: type[M]) -> list[tuple[str, M]]:
    """The records of `kind` as (record id, model); a row that no longer validates is skipped, never fatal."""
    result = []
    for record in answers.list_records(store, workspace_id, kind):
        try:
            result.append((record.id, model.model_validate(record.data)))
        except (ValidationError, ValueError):
            continue
    return result
