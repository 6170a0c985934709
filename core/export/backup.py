"""A workspace as one JSON file, and back.

`export_workspace` writes every row of every workspace table (see
`models.workspace_tables`) with a checksum; `restore_workspace` checks the
file completely (format, checksum, tables, columns, ownership) before it
writes anything, then inserts all rows in one transaction, so a malformed,
truncated or tampered file changes nothing. The round trip is exact: the
restored rows equal the exported ones, ids included.

Restoring over a workspace that still exists needs `replace=True` (it is
deleted first, in the same transaction) or `as_copy=True` (every id is new and
the name gets a suffix).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, String, TypeDecorator, insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import select as select_model

from core.store.database import Store
from core.store.migrate import head_revision
from core.store.models import Workspace, new_id, workspace_tables
from core.text import MAX_NAME_CHARS, name_key

FORMAT = "harm-reduction-workbook-backup"
VERSION = 1
MAX_BACKUP_BYTES = 50 * 1024 * 1024


class BackupError(ValueError):
    """The file cannot be restored; the message says why. Nothing was changed."""


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def _checksum(tables: dict) -> str:
    canonical = json.dumps(tables, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def workspace_rows(store: Store, workspace_id: str) -> dict[str, list[dict]]:
    """Every row of one workspace, by table, in a stable order, JSON-ready."""
    tables: dict[str, list[dict]] = {}
    with store.read() as s:
        for table in workspace_tables():
            key = table.c.id if table.name == "workspace" else table.c.workspace_id
            pk = list(table.primary_key.columns)
            rows = s.connection().execute(select(table).where(key == workspace_id).order_by(*pk)).mappings()
            tables[table.name] = [{k: _encode(v) for k, v in row.items()} for row in rows]
    return tables


def export_workspace(store: Store, workspace_id: str) -> bytes:
    """The workspace as UTF-8 JSON bytes, ready to download."""
    tables = workspace_rows(store, workspace_id)
    if not tables.get("workspace"):
        raise BackupError("This workspace no longer exists.")
    document = {
        "format": FORMAT,
        "version": VERSION,
        "schema_revision": head_revision(),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "workspace_id": workspace_id,
        "workspace_name": tables["workspace"][0]["name"],
        "checksum": _checksum(tables),
        "tables": tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _decode(column, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, TypeDecorator):  # SQLModel's UTCDateTime, AutoString
        kind = kind.impl_instance
    try:
        if isinstance(kind, DateTime):
            parsed = dt.datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        if isinstance(kind, Date):
            return dt.date.fromisoformat(value)
        if isinstance(kind, LargeBinary):
            return base64.b64decode(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if isinstance(kind, String) and not isinstance(value, str):
            raise TypeError
        if isinstance(kind, JSON):
            return value
    except (TypeError, ValueError) as exc:
        raise BackupError(f"Column {column.table.name}.{column.name} holds a value of the wrong kind.") from exc
    return value


def parse_backup(raw: bytes) -> dict:
    """Read and check a backup file completely; raise BackupError with a reason people understand."""
    if len(raw) > MAX_BACKUP_BYTES:
        raise BackupError(
            f"The file is larger than {MAX_BACKUP_BYTES // (1024 * 1024)} MB; it is not a workbook backup."
        )
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupError(
            "The file is not a workbook backup: it is not complete, valid JSON (was it cut short?)."
        ) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("The file is not a workbook backup (its format mark is missing).")
    if document.get("version") != VERSION:
        raise BackupError(f"This backup has version {document.get('version')!r}; this app reads version {VERSION}.")
    tables = document.get("tables")
    if not isinstance(tables, dict) or document.get("checksum") != _checksum(tables):
        raise BackupError("The backup's contents do not match its checksum: it was changed or damaged after export.")
    known = {t.name: t for t in workspace_tables()}
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise BackupError(
            f"The backup has tables this app does not know ({', '.join(unknown)}); is it from a newer version?"
        )
    rows = tables.get("workspace")
    if not isinstance(rows, list) or len(rows) != 1 or not isinstance(rows[0], dict):
        raise BackupError("The backup does not hold exactly one workspace.")
    workspace_id = rows[0].get("id")
    if workspace_id != document.get("workspace_id"):
        raise BackupError("The backup's workspace id does not match its contents.")
    decoded: dict[str, list[dict]] = {}
    for name, table in known.items():
        table_rows = tables.get(name, [])
        if not isinstance(table_rows, list):
            raise BackupError(f"Table {name} in the backup is not a list of rows.")
        columns = {c.name: c for c in table.columns}
        out = []
        for row in table_rows:
            if not isinstance(row, dict):
                raise BackupError(f"A row of table {name} is not a record.")
            extra = set(row) - set(columns)
            if extra:
                raise BackupError(f"Table {name} in the backup has unknown columns: {', '.join(sorted(extra))}.")
            owner = row.get("id") if name == "workspace" else row.get("workspace_id")
            if owner != workspace_id:
                raise BackupError(f"A row of table {name} belongs to another workspace.")
            for column in columns.values():
                if (
                    column.name not in row
                    and not column.nullable
                    and column.default is None
                    and column.server_default is None
                ):
                    raise BackupError(f"A row of table {name} lacks the column {column.name}.")
            out.append({k: _decode(columns[k], v) for k, v in row.items()})
        decoded[name] = out
    return {"workspace_id": workspace_id, "name": rows[0].get("name", ""), "tables": decoded}


def _as_copy(parsed: dict, new_name: str) -> dict[str, list[dict]]:
    """The same rows with every id new (foreign keys follow), and the workspace renamed."""
    mapping: dict[str, str] = {}
    for rows in parsed["tables"].values():
        for row in rows:
            if isinstance(row.get("id"), str):
                mapping[row["id"]] = new_id()
    fk_columns = {
        t.name: [fk.parent.name for fk in t.foreign_keys] + (["id"] if "id" in t.c else []) for t in workspace_tables()
    }
    copied: dict[str, list[dict]] = {}
    for name, rows in parsed["tables"].items():
        copied[name] = []
        for row in rows:
            row = dict(row)
            for column in fk_columns[name]:
                if row.get(column) in mapping:
                    row[column] = mapping[row[column]]
            copied[name].append(row)
    for workshop in copied.get("workshop", []):
        # A copy is a record, not a live session: its workshops are closed, so their join codes (unique
        # among workshops still open) never clash with the original's.
        if workshop.get("status") != "closed":
            workshop["status"] = "closed"
            workshop["closed_at"] = workshop.get("closed_at") or dt.datetime.now(dt.UTC)
    workspace = copied["workspace"][0]
    workspace["name"], workspace["name_key"] = new_name, name_key(new_name)
    return copied


def restore_workspace(store: Store, raw: bytes, *, replace: bool = False, as_copy: bool = False) -> str:
    """Import a backup; return the id of the restored workspace.

    If the workspace already exists in this store, pass `replace=True` to
    overwrite it or `as_copy=True` to import it beside it under a new name;
    otherwise a BackupError says so. All or nothing: one transaction.
    """
    parsed = parse_backup(raw)
    tables = parsed["tables"]
    workspace_id = parsed["workspace_id"]
    by_name = {t.name: t for t in workspace_tables()}
    with store.write() as s:
        existing = s.get(Workspace, workspace_id)
        same_name = s.exec(select_model(Workspace).where(Workspace.name_key == name_key(parsed["name"]))).first()
        if as_copy:
            base = f"{parsed['name']} (restored copy)"[:MAX_NAME_CHARS]
            new_name, n = base, 2
            while s.exec(select_model(Workspace).where(Workspace.name_key == name_key(new_name))).first():
                new_name, n = f"{base} {n}", n + 1
            tables = _as_copy(parsed, new_name)
            workspace_id = tables["workspace"][0]["id"]
        elif existing is not None or same_name is not None:
            if not replace:
                raise BackupError(
                    f"A workspace named {parsed['name']!r} is already in this store. "
                    "Choose to replace it or to restore the backup as a copy."
                )
            doomed = {row.id: row for row in (existing, same_name) if row is not None}
            for row in doomed.values():
                s.delete(row)
            s.flush()
        try:
            for table in workspace_tables():
                rows = tables.get(table.name, [])
                if rows:
                    s.connection().execute(insert(by_name[table.name]), rows)
        except IntegrityError as exc:
            raise BackupError(
                "The backup's rows conflict with each other or with this store; nothing was restored."
            ) from exc
    return workspace_id
