"""A workspace as one JSON file, and back, where every field of the file is untrusted.

`export_workspace` writes every row of every workspace table (see `models.workspace_tables`) with a
checksum, leaving out what makes a workspace *someone's*: its passphrase key, its demo flag.
`parse_backup` checks a file completely before anything is written: its size and nesting depth
before parsing, then format, version, schema revision, top-level keys, checksum, tables, columns,
types, lengths, ownership of every row, every reference between rows, and the profile (name
included) as the Workspace page would. A malformed, truncated, oversized or crafted file changes
nothing. The checksum finds damage, not tampering (anyone can compute it): the checks do the rest.

A backup can only ever touch the open workspace or make a new one:
- `replace_workspace` replaces the content of the workspace it is given, which must be the one
  the file was made from and not the demo, after its passphrase is confirmed (a counted try). The
  workspace keeps its identity: name, passphrase, demo flag, sessions, guessing counters.
- `restore_copy` adds the file as a new workspace, every id new, named "<name> (restored copy)",
  with a passphrase the person restoring it chooses.
- `restore_new` brings a workspace into a store that does not hold it (same ids, same name), with
  a passphrase the caller chooses: moving a workspace between stores.
Each is one transaction: all rows or none. The rows are read and written through `core.store.backup_repo`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from core.errors import UserError
from core.store import backup_repo, workspaces
from core.store.database import DBAPIError, IntegrityError, Store
from core.store.migrate import head_revision, known_revisions
from core.store.models import new_id, utcnow, workspace_tables
from core.store.workspaces import WorkspaceProfile
from core.text import MAX_NAME_CHARS

FORMAT = "harm-reduction-workbook-backup"
VERSION = 1
MAX_BACKUP_MB = 20  # .streamlit/config.toml's server.maxUploadSize says the same
MAX_BACKUP_BYTES = MAX_BACKUP_MB * 1024 * 1024
MAX_DEPTH = 32  # a backup nests 6 deep plus what a record's data holds; json.loads recurses per level
MAX_STRING_CHARS = 100_000
TOP_LEVEL_KEYS = {
    "format",
    "version",
    "schema_revision",
    "exported_at",
    "workspace_id",
    "workspace_name",
    "checksum",
    "tables",
}
# What makes a workspace someone's: never exported, never read from a file. Older backups carried the
# first three and the lock columns; they are dropped unread.
IDENTITY = {"passphrase_hash", "name_key", "is_demo"}
OLD_IDENTITY = IDENTITY | {"failed_attempts", "locked_until"}
PROFILE = ("state", "org_type", "populations")
COPY_SUFFIX = " (restored copy)"
_INT_RANGE = (-(2**63), 2**63 - 1)


class BackupError(UserError):
    """The file cannot be restored; the message says why. Nothing was changed."""


@dataclass
class ParsedBackup:
    """A checked backup: the workspace's id, name and profile, and its rows by table (decoded)."""

    workspace_id: str
    name: str
    profile: WorkspaceProfile
    tables: dict[str, list[dict]] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:  # parsed["name"], as callers read it before
        return getattr(self, key)

    @property
    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


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
    """Every row of one workspace, by table, in a stable order, JSON-ready (identity columns left out)."""
    tables: dict[str, list[dict]] = {}
    for name, rows in backup_repo.workspace_table_rows(store, workspace_id).items():
        skip = IDENTITY if name == "workspace" else set()
        tables[name] = [{k: _encode(v) for k, v in row.items() if k not in skip} for row in rows]
    return tables


def export_workspace(store: Store, workspace_id: str) -> bytes:
    """The workspace as UTF-8 JSON bytes, ready to download (no passphrase key, no session, no code)."""
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


# ---------------------------------------------------------------- checking a file

_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _check_depth(text: str) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH before it is parsed (json.loads would recurse once per
    level: 200 KB of brackets raised RecursionError). Strings are skipped, so brackets in text count
    for nothing."""
    depth = 0
    for match in _TOKENS.finditer(text):
        part = match.group()
        if part in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise BackupError(
                    f"The file nests data more than {MAX_DEPTH} levels deep; a workbook backup never does."
                )
        elif part in "]}":
            depth -= 1


def _decode(column, value: Any) -> Any:
    if value is None:
        return None
    kind, length = backup_repo.column_kind(column)
    where = f"{column.table.name}.{column.name}"
    try:
        if kind == "datetime":
            parsed = dt.datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        if kind == "date":
            return dt.date.fromisoformat(value)
        if kind == "bytes":
            return base64.b64decode(value, validate=True)
        if kind == "bool":
            if not isinstance(value, bool):
                raise TypeError
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            if not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
                raise TypeError
            return value
        if kind == "text":
            if not isinstance(value, str):
                raise TypeError
            limit = min(length or MAX_STRING_CHARS, MAX_STRING_CHARS)
            if len(value) > limit:
                raise BackupError(f"Column {where} holds a text longer than {limit:,} characters.")
            if "\x00" in value:
                raise BackupError(f"Column {where} holds a NUL character, which no workbook text has.")
            return value
        if kind == "json":
            return value
    except (TypeError, ValueError) as exc:
        if isinstance(exc, BackupError):
            raise
        raise BackupError(f"Column {where} holds a value of the wrong kind.") from exc
    return value


def _profile(row: dict) -> WorkspaceProfile:
    """The backup's workspace profile, checked as the Workspace page checks one (name included)."""
    name = row.get("name")
    if not isinstance(name, str):
        raise BackupError("The backup's workspace has no name.")
    try:
        profile = WorkspaceProfile(name=name, **{k: row[k] for k in PROFILE if k in row})
    except ValidationError as exc:
        problem = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise BackupError(f"The backup's workspace profile is not valid: {problem}") from exc
    if profile.name != name:
        raise BackupError("The backup's workspace name holds characters or spacing a name cannot have.")
    return profile


def _check_references(decoded: dict[str, list[dict]]) -> None:
    """Every reference from one row to another must stay inside the backup (never a row of another
    workspace in this store, whose id a crafted file could name)."""
    tables = {t.name: t for t in workspace_tables()}
    present: dict[tuple[str, str], set] = {}
    for name, rows in decoded.items():
        for fk in tables[name].foreign_keys:
            target = (fk.column.table.name, fk.column.name)
            if target not in present:
                present[target] = {row.get(target[1]) for row in decoded.get(target[0], [])}
            for row in rows:
                value = row.get(fk.parent.name)
                if value is not None and value not in present[target]:
                    raise BackupError(
                        f"A row of table {name} refers to a row that is not in the backup ({fk.parent.name})."
                    )


def parse_backup(raw: bytes) -> ParsedBackup:
    """Read and check a backup file completely; raise BackupError with a reason people understand."""
    if len(raw) > MAX_BACKUP_BYTES:
        raise BackupError(f"The file is larger than {MAX_BACKUP_MB} MB; it is not a workbook backup.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BackupError(
            "The file is not a workbook backup: it is not complete, valid JSON (was it cut short?)."
        ) from exc
    _check_depth(text)
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BackupError(
            "The file is not a workbook backup: it is not complete, valid JSON (was it cut short?)."
        ) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError("The file is not a workbook backup (its format mark is missing).")
    if document.get("version") != VERSION:
        raise BackupError(f"This backup has version {document.get('version')!r}; this app reads version {VERSION}.")
    unknown_keys = sorted(str(k)[:40] for k in set(document) - TOP_LEVEL_KEYS)
    if unknown_keys:
        raise BackupError(f"The backup has parts this app does not know ({', '.join(unknown_keys)}).")
    revision = document.get("schema_revision")
    if revision not in known_revisions():
        raise BackupError(
            f"This backup was made by another version of the app (database schema {str(revision)[:40]!r}), "
            "which this one does not know; restore it with the app that made it, or a newer one."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict) or document.get("checksum") != _checksum(tables):
        raise BackupError("The backup's contents do not match its checksum: it was changed or damaged after export.")
    known = {t.name: t for t in workspace_tables()}
    unknown = sorted(str(t)[:40] for t in set(tables) - set(known))
    if unknown:
        raise BackupError(
            f"The backup has tables this app does not know ({', '.join(unknown)}); is it from a newer version?"
        )
    rows = tables.get("workspace")
    if not isinstance(rows, list) or len(rows) != 1 or not isinstance(rows[0], dict):
        raise BackupError("The backup does not hold exactly one workspace.")
    workspace_id = rows[0].get("id")
    if not isinstance(workspace_id, str) or workspace_id != document.get("workspace_id"):
        raise BackupError("The backup's workspace id does not match its contents.")
    profile = _profile(rows[0])
    decoded: dict[str, list[dict]] = {}
    for name, table in known.items():
        table_rows = tables.get(name, [])
        if not isinstance(table_rows, list):
            raise BackupError(f"Table {name} in the backup is not a list of rows.")
        columns = {c.name: c for c in table.columns}
        dropped = OLD_IDENTITY if name == "workspace" else set()
        out = []
        for row in table_rows:
            if not isinstance(row, dict):
                raise BackupError(f"A row of table {name} is not a record.")
            row = {k: v for k, v in row.items() if k not in dropped}
            extra = set(row) - set(columns)
            if extra:
                listed = ", ".join(sorted(str(e)[:40] for e in extra)[:5])
                raise BackupError(f"Table {name} in the backup has unknown columns: {listed}.")
            owner = row.get("id") if name == "workspace" else row.get("workspace_id")
            if owner != workspace_id:
                raise BackupError(f"A row of table {name} belongs to another workspace.")
            for column in columns.values():
                if column.name in IDENTITY and name == "workspace":
                    continue
                if (
                    column.name not in row
                    and not column.nullable
                    and column.default is None
                    and column.server_default is None
                ):
                    raise BackupError(f"A row of table {name} lacks the column {column.name}.")
            out.append({k: _decode(columns[k], v) for k, v in row.items()})
        decoded[name] = out
    _check_references(decoded)
    return ParsedBackup(workspace_id=workspace_id, name=profile.name, profile=profile, tables=decoded)


# ---------------------------------------------------------------- restoring


def _conflict(exc: DBAPIError) -> BackupError:
    return BackupError("The backup's rows conflict with each other or with this store; nothing was restored.")


def replace_workspace(
    store: Store,
    workspace_id: str,
    raw: bytes,
    passphrase: str,
    *,
    client: str | None = None,
    browser: str | None = None,
) -> None:
    """Replace the content of `workspace_id` with the backup, which must have been made from it.

    The passphrase is confirmed first (a counted try: `workspaces.WorkspaceError` or
    `WorkspaceLocked` if wrong or locked). The workspace keeps its name, passphrase, demo flag,
    sessions and counters; its profile (state, type, populations) and every answer, table and
    version come from the file. Never touches another workspace; the demo cannot be replaced.
    """
    parsed = parse_backup(raw)
    current = workspaces.get_workspace(store, workspace_id)
    if current is None:
        raise BackupError("This workspace no longer exists.")
    if current.is_demo:
        raise BackupError("The demo workspace is open to everyone, so it cannot be replaced; add the backup as a copy.")
    if parsed.workspace_id != workspace_id:
        raise BackupError("This backup was made from another workspace: it can only be added as a copy.")
    workspaces.confirm_passphrase(store, workspace_id, passphrase, client=client, browser=browser)
    row = parsed.tables["workspace"][0]
    try:
        with store.write() as s:  # one transaction, the workspace's row locked from the first statement
            target = backup_repo.lock_workspace(s, workspace_id)
            if target is None or target.is_demo:
                raise BackupError("This workspace can no longer be replaced.")
            backup_repo.delete_workspace_content(s, workspace_id)
            target.state, target.org_type = parsed.profile.state, parsed.profile.org_type
            target.populations = parsed.profile.populations
            target.created_at = row.get("created_at") or target.created_at
            target.updated_at = row.get("updated_at") or utcnow()
            backup_repo.save_row(s, target)
            backup_repo.insert_rows(s, parsed.tables, skip_workspace=True)
    except DBAPIError as exc:
        raise _conflict(exc) from exc


def _renumbered(parsed: ParsedBackup, workspace_id: str) -> dict[str, list[dict]]:
    """The same rows with every id new (references follow) and the workspace's id `workspace_id`."""
    mapping: dict[str, str] = {parsed.workspace_id: workspace_id}
    for rows in parsed.tables.values():
        for row in rows:
            if isinstance(row.get("id"), str) and row["id"] not in mapping:
                mapping[row["id"]] = new_id()
    fk_columns = {
        t.name: [fk.parent.name for fk in t.foreign_keys] + (["id"] if "id" in t.c else []) for t in workspace_tables()
    }
    copied: dict[str, list[dict]] = {}
    for name, rows in parsed.tables.items():
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
    return copied


def _add_new(store: Store, parsed: ParsedBackup, name: str, passphrase: str, *, keep_ids: bool, client) -> str:
    profile = parsed.profile.model_copy(update={"name": name})
    try:
        new = workspaces.prepare_workspace(
            store, profile, passphrase, client=client, workspace_id=parsed.workspace_id if keep_ids else None
        )
    except workspaces.WorkspaceError as exc:
        raise BackupError(str(exc)) from exc
    row = parsed.tables["workspace"][0]
    new.row.created_at = row.get("created_at") or new.row.created_at
    new.row.updated_at = row.get("updated_at") or new.row.updated_at
    tables = parsed.tables if keep_ids else _renumbered(parsed, new.row.id)
    try:
        with store.write() as s:
            try:
                backup_repo.save_row(s, new.row)
            except IntegrityError as exc:  # the same name and passphrase, or (restore_new) the same id
                raise BackupError(workspaces.TAKEN) from exc
            backup_repo.insert_rows(s, tables, skip_workspace=True)
            new.settle(s)
    except DBAPIError as exc:
        raise _conflict(exc) from exc
    return new.row.id


def copy_name(name: str) -> str:
    """The name of a restored copy: the backup's name and " (restored copy)", within the name limit."""
    return name[: MAX_NAME_CHARS - len(COPY_SUFFIX)].rstrip() + COPY_SUFFIX


def restore_copy(store: Store, raw: bytes, passphrase: str, *, client: str | None = None) -> str:
    """Add the backup as a new workspace (every id new, its workshops closed) named "<name> (restored
    copy)", opened with `passphrase` (chosen by the person restoring). Returns its id."""
    parsed = parse_backup(raw)
    return _add_new(store, parsed, copy_name(parsed.name), passphrase, keep_ids=False, client=client)


def restore_new(store: Store, raw: bytes, passphrase: str, *, client: str | None = None) -> str:
    """Bring a workspace into a store that does not hold it: same ids and name, opened with
    `passphrase`. Refused if the store holds it already. Returns its id."""
    parsed = parse_backup(raw)
    if workspaces.get_workspace(store, parsed.workspace_id) is not None:
        raise BackupError("This workspace is already in this store: replace it from inside it, or add a copy.")
    return _add_new(store, parsed, parsed.name, passphrase, keep_ids=True, client=client)
