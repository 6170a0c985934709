"""The tables of the store (SQLModel), shared by every step.

Every table that belongs to a workspace carries `workspace_id` directly, so
that isolation is one `WHERE` away, a workspace's backup is "every row with its
id", and deleting a workspace cascades. Primary keys are random hex ids, so a
backup restores into another store without renumbering.

Schema changes go through an Alembic migration (`core/store/migrations`);
nothing here calls `create_all`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    """Aware UTC; SQLModel's UTCDateTime columns read it back as aware UTC on every engine."""
    return datetime.now(UTC)


def workspace_fk() -> Any:
    return Column(String(32), ForeignKey("workspace.id", ondelete="CASCADE"), nullable=False, index=True)


class Workspace(SQLModel, table=True):
    """One organization: its profile and the scrypt key of its passphrase.

    Names need not be unique: a workspace is found by its name and passphrase together
    (`core.store.workspaces`), so that creating one never tells anyone which names are in use.
    No two workspaces share both a name and a passphrase.
    """

    __tablename__ = "workspace"
    __table_args__ = (Index("ix_workspace_name_passphrase", "name_key", "passphrase_hash", unique=True),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200, index=True)
    state: str = Field(default="", max_length=80)
    org_type: str = Field(default="", max_length=80)
    populations: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    passphrase_hash: str = Field(max_length=300)
    is_demo: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class WorkspaceSession(SQLModel, table=True):
    """An open workspace in one browser: the hash of the token its session cookie carries.

    It ends after `SESSION_IDLE_LIMIT` unused or `SESSION_LIFETIME` in all (core.store.workspaces).
    Never part of a backup: a restored workspace must be opened again with its passphrase.
    """

    __tablename__ = "workspace_session"
    __table_args__ = {"info": {"backup": False}}

    token_hash: str = Field(primary_key=True, max_length=64)
    workspace_id: str = Field(sa_column=workspace_fk())
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


class KnownBrowser(SQLModel, table=True):
    """A browser that opened a workspace with its passphrase (the hash of its browser cookie).

    Its tries on that workspace's name are counted apart from everyone else's, so that strangers'
    wrong guesses never lock the owner out. Never part of a backup.
    """

    __tablename__ = "known_browser"
    __table_args__ = {"info": {"backup": False}}

    token_hash: str = Field(primary_key=True, max_length=64)
    workspace_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("workspace.id", ondelete="CASCADE"), primary_key=True, nullable=False, index=True
        )
    )
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime = Field(default_factory=utcnow)


class RecoveryCode(SQLModel, table=True):
    """A one-time code that sets a new passphrase: only its SHA-256 is kept. Never part of a backup."""

    __tablename__ = "recovery_code"
    __table_args__ = {"info": {"backup": False}}

    code_hash: str = Field(primary_key=True, max_length=64)
    workspace_id: str = Field(sa_column=workspace_fk())
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None


class GuessLimit(SQLModel, table=True):
    """Wrong tries counted under one key: a workspace name, a client, a browser (core.security.Limit).

    Keys are hashes ("name:<sha256>" ...), so the table lists no names or addresses. Not a
    workspace's row: a name nobody uses is counted exactly like one in use.
    """

    __tablename__ = "guess_limit"
    __table_args__ = {"info": {"backup": False}}

    key: str = Field(primary_key=True, max_length=80)
    window_start: datetime = Field(default_factory=utcnow)
    in_window: int = 0
    in_a_row: int = 0
    locked_until: datetime | None = None


class StoreSetting(SQLModel, table=True):
    """Settings of the whole store, made by its migrations (e.g. the random salt of workspace keys)."""

    __tablename__ = "store_setting"
    __table_args__ = {"info": {"backup": False}}

    key: str = Field(primary_key=True, max_length=80)
    value: str = Field(max_length=200)


class TextAnswer(SQLModel, table=True):
    """The current text of one free-text answer (`section` / `prompt` are content ids)."""

    __tablename__ = "text_answer"
    __table_args__ = (UniqueConstraint("workspace_id", "section", "prompt"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    section: str = Field(max_length=120)
    prompt: str = Field(max_length=200)
    text: str = ""
    revision: int = 0
    updated_at: datetime = Field(default_factory=utcnow)


class TextRevision(SQLModel, table=True):
    """Every version ever saved of a free-text answer, so nothing typed is lost."""

    __tablename__ = "text_revision"
    __table_args__ = (UniqueConstraint("answer_id", "revision"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    answer_id: str = Field(
        sa_column=Column(String(32), ForeignKey("text_answer.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    revision: int
    text: str = ""
    note: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class ValueAnswer(SQLModel, table=True):
    """A structured answer (a choice, a number, a checklist) stored as JSON."""

    __tablename__ = "value_answer"
    __table_args__ = (UniqueConstraint("workspace_id", "section", "key"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    section: str = Field(max_length=120)
    key: str = Field(max_length=200)
    value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    updated_at: datetime = Field(default_factory=utcnow)


class Record(SQLModel, table=True):
    """A row of one of a workspace's tables (partners, service rows, measures ...).

    `kind` names the table (a content id such as "partner"); `data` holds the
    row as validated by that kind's pydantic model in `core`; `position` keeps
    the order a person gave the rows; `version` counts the changes of `data`.
    """

    __tablename__ = "record"
    __table_args__ = (Index("ix_record_workspace_kind", "workspace_id", "kind", "position"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    kind: str = Field(max_length=80)
    position: int = 0
    data: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Raised by every change of `data`: a save from a tab that drew an older version is refused.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class WorkspaceVersion(SQLModel, table=True):
    """A random stamp of the current state of each workspace's data.

    Database triggers (migration i9_versions) give it a new value whenever a row of the
    workspace, or the workspace itself, is inserted, updated or deleted, by any process
    or server. Results computed from a workspace's data can then be kept under
    (workspace, version) and reused until the next change (core.store.versioned).
    No foreign key: a trigger fired while a workspace is being deleted must not fail.
    """

    __tablename__ = "workspace_version"
    __table_args__ = {"info": {"backup": False}}

    workspace_id: str = Field(primary_key=True, max_length=32)
    version: str = Field(max_length=32)


class WorkspacePartVersion(SQLModel, table=True):
    """A random stamp of the current state of each part of each workspace's data (core.store.parts):
    triggers (migration k16_part_versions) renew it on every change to one of the part's rows."""

    __tablename__ = "workspace_part_version"
    __table_args__ = {"info": {"backup": False}}

    workspace_id: str = Field(primary_key=True, max_length=32)
    part: str = Field(primary_key=True, max_length=120)
    version: str = Field(max_length=32)


def workspace_tables() -> list:
    """Tables holding a workspace's content, parents before children (backup order)."""
    return [
        t
        for t in SQLModel.metadata.sorted_tables
        if t.info.get("backup", True) and (t.name == "workspace" or "workspace_id" in t.c)
    ]
