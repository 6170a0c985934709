"""The backup repository: every query of a workspace's tables as a whole, dumped and restored.

The file format and its checks live in `core.export.backup`; it reads a workspace's rows, learns what kind of
value a column holds, and writes a restore (one transaction, whose steps here take the open session) only
through this module.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    TypeDecorator,
    delete,
    insert,
)
from sqlalchemy import select as select_table
from sqlmodel import Session, SQLModel

from core.store.database import Store
from core.store.models import Workspace, workspace_tables

# What a column holds, as a backup checks it: the first of these types the column's type is.
_KINDS = (
    (DateTime, "datetime"),
    (Date, "date"),
    (LargeBinary, "bytes"),
    (Boolean, "bool"),
    (Integer, "int"),
    (String, "text"),
    (JSON, "json"),
)


def workspace_table_rows(store: Store, workspace_id: str) -> dict[str, list[dict]]:
    """Every row of one workspace, by table in `workspace_tables` order, each table's rows by primary key."""
    tables: dict[str, list[dict]] = {}
    with store.read() as s:
        for table in workspace_tables():
            key = table.c.id if table.name == "workspace" else table.c.workspace_id
            pk = list(table.primary_key.columns)
            rows = s.connection().execute(select_table(table).where(key == workspace_id).order_by(*pk)).mappings()
            tables[table.name] = [dict(row) for row in rows]
    return tables


def column_kind(column: Column) -> tuple[str | None, int | None]:
    """What a column holds ("datetime", "date", "bytes", "bool", "int", "text", "json" or None), and a text's length."""
    kind = column.type
    if isinstance(kind, TypeDecorator):  # SQLModel's UTCDateTime, AutoString
        kind = kind.impl_instance
    name = next((name for sql_type, name in _KINDS if isinstance(kind, sql_type)), None)
    return name, kind.length if name == "text" else None


def lock_workspace(s: Session, workspace_id: str) -> Workspace | None:
    """The workspace's row, locked until the open transaction `s` ends (on PostgreSQL; SQLite writers queue)."""
    return s.get(Workspace, workspace_id, with_for_update=True)


def delete_workspace_content(s: Session, workspace_id: str) -> None:
    """Delete every row of the workspace but its own, children first, in the open transaction `s`."""
    for table in reversed(workspace_tables()):
        if table.name != "workspace":
            s.connection().execute(delete(table).where(table.c.workspace_id == workspace_id))


def save_row(s: Session, row: SQLModel) -> None:
    """Add or update one row in the open transaction `s` and write it now (a clash raises IntegrityError here)."""
    s.add(row)
    s.flush()


def insert_rows(s: Session, tables: Mapping[str, list[dict]], *, skip_workspace: bool) -> None:
    """Insert the rows by table, parents first, in the open transaction `s` (the workspace row too, unless skipped)."""
    by_name = {t.name: t for t in workspace_tables()}
    for table in workspace_tables():
        if skip_workspace and table.name == "workspace":
            continue
        rows = tables.get(table.name, [])
        if rows:
            s.connection().execute(insert(by_name[table.name]), rows)
