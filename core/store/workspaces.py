"""Workspaces: create, open with a passphrase, switch, rename, delete.

A workspace is one organization. Its passphrase is kept only as a slow scrypt
hash; wrong passphrases lock the workspace for a growing time (kept in the
store, so every app server sees it). Opening a workspace gives a random
session token: only its hash is stored, and the page keeps the token in the
URL so that a reload finds the workspace open again.

Nothing here lists all workspaces for people to browse: a workspace is found
by its exact name, so no page's work grows with the number of organizations
in the store.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.exc import IntegrityError
from sqlmodel import delete, select

from core import security
from core.content import ContentModel, Option, content_file, load
from core.store.database import Store
from core.store.models import Workspace, WorkspaceSession, utcnow
from core.text import clean_name, name_key

SESSION_IDLE_LIMIT = timedelta(hours=12)
SESSION_TOUCH_EVERY = timedelta(minutes=5)


@content_file("workspace.yaml")
class WorkspaceOptions(ContentModel):
    source: str
    org_types: list[Option]
    populations: list[Option]
    states: list[str]


def options() -> WorkspaceOptions:
    return load(WorkspaceOptions)


class WorkspaceProfile(BaseModel):
    """What a workspace says about its organization; every field is checked against the choices."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: str = Field(description="Organization name")
    state: str = ""
    org_type: str = ""
    populations: list[str] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value, field="Organization name")

    @field_validator("state")
    @classmethod
    def _state(cls, value: str) -> str:
        if value and value not in options().states:
            raise ValueError(f"{value!r} is not in the list of states.")
        return value

    @field_validator("org_type")
    @classmethod
    def _org_type(cls, value: str) -> str:
        if value and value not in {o.id for o in options().org_types}:
            raise ValueError(f"{value!r} is not one of the organization types.")
        return value

    @field_validator("populations")
    @classmethod
    def _populations(cls, value: list[str]) -> list[str]:
        known = {o.id for o in options().populations}
        unknown = [v for v in value if v not in known]
        if unknown:
            raise ValueError(f"Unknown populations: {', '.join(unknown)}.")
        return list(dict.fromkeys(value))


class WorkspaceError(ValueError):
    """A workspace action that cannot be done; the message is for people."""


class WorkspaceLocked(WorkspaceError):
    def __init__(self, seconds: int):
        self.seconds = seconds
        super().__init__(
            f"Too many wrong passphrases. This workspace is locked for {seconds} more "
            f"second{'s' if seconds != 1 else ''}; then try again."
        )


def _find_by_name(session, name: str) -> Workspace | None:
    return session.exec(select(Workspace).where(Workspace.name_key == name_key(name))).first()


def create_workspace(store: Store, profile: WorkspaceProfile, passphrase: str, *, is_demo: bool = False) -> Workspace:
    """Create a workspace; its name must not be taken (case and spacing ignored)."""
    security.check_passphrase_rules(passphrase)
    workspace = Workspace(
        name=profile.name,
        name_key=name_key(profile.name),
        state=profile.state,
        org_type=profile.org_type,
        populations=profile.populations,
        passphrase_hash=security.hash_passphrase(passphrase),
        is_demo=is_demo,
    )
    try:
        with store.write() as s:
            if _find_by_name(s, profile.name) is not None:
                raise WorkspaceError(
                    f"A workspace named {profile.name!r} already exists. Open it, or choose another name."
                )
            s.add(workspace)
    except IntegrityError as exc:  # two people creating the same name at once
        raise WorkspaceError(f"A workspace named {profile.name!r} already exists.") from exc
    return workspace


def get_workspace(store: Store, workspace_id: str) -> Workspace | None:
    with store.read() as s:
        return s.get(Workspace, workspace_id)


def find_workspace(store: Store, name: str) -> Workspace | None:
    with store.read() as s:
        return _find_by_name(s, name)


def _seconds_left(locked_until: datetime | None, now: datetime) -> int:
    if locked_until is None or locked_until <= now:
        return 0
    return max(1, int((locked_until - now).total_seconds() + 0.999))


def open_workspace(store: Store, name: str, passphrase: str) -> tuple[Workspace, str]:
    """Check the passphrase and start a session; return the workspace and the session token.

    A wrong name and a wrong passphrase get the same message, so the form does
    not reveal which organizations use this store. While a workspace is locked
    no passphrase is even checked.
    """
    wrong = WorkspaceError("That name and passphrase do not match a workspace. Check both and try again.")
    with store.read() as s:
        workspace = _find_by_name(s, name)
    now = utcnow()
    if workspace is None:
        security.hash_passphrase(passphrase)  # same cost as a real check
        raise wrong
    left = _seconds_left(workspace.locked_until, now)
    if left:
        raise WorkspaceLocked(left)
    if not security.verify_passphrase(passphrase, workspace.passphrase_hash):
        with store.write() as s:
            row = s.get(Workspace, workspace.id)
            row.failed_attempts += 1
            lock = security.lock_after(row.failed_attempts)
            row.locked_until = now + lock if lock else None
            s.add(row)
            locked_for = int(lock.total_seconds())
        if locked_for:
            raise WorkspaceLocked(locked_for)
        raise wrong
    token = security.new_token()
    with store.write() as s:
        row = s.get(Workspace, workspace.id)
        row.failed_attempts = 0
        row.locked_until = None
        s.add(row)
        s.add(WorkspaceSession(token_hash=security.token_hash(token), workspace_id=workspace.id))
    return workspace, token


def start_session(store: Store, workspace_id: str) -> str:
    """A session token for a workspace the caller just created (its creator knows the passphrase)."""
    token = security.new_token()
    with store.write() as s:
        s.add(WorkspaceSession(token_hash=security.token_hash(token), workspace_id=workspace_id))
    return token


def workspace_for_token(store: Store, token: str | None) -> Workspace | None:
    """The workspace a session token opens, or None if the token is unknown or has expired.

    Touches the session at most every few minutes, so a rerun is normally one read.
    """
    if not token or len(token) > 100:
        return None
    digest = security.token_hash(token)
    now = utcnow()
    with store.read() as s:
        row = s.exec(
            select(WorkspaceSession, Workspace)
            .join(Workspace, Workspace.id == WorkspaceSession.workspace_id)
            .where(WorkspaceSession.token_hash == digest)
        ).first()
    if row is None:
        return None
    session_row, workspace = row
    if now - session_row.last_seen_at > SESSION_IDLE_LIMIT:
        close_session(store, token)
        return None
    if now - session_row.last_seen_at > SESSION_TOUCH_EVERY:
        with store.write() as s:
            fresh = s.get(WorkspaceSession, digest)
            if fresh is not None:
                fresh.last_seen_at = now
                s.add(fresh)
    return workspace


def close_session(store: Store, token: str) -> None:
    with store.write() as s:
        s.exec(delete(WorkspaceSession).where(WorkspaceSession.token_hash == security.token_hash(token)))


def update_profile(store: Store, workspace_id: str, profile: WorkspaceProfile) -> Workspace:
    """Rename the workspace and update its profile; the new name must not be taken."""
    try:
        with store.write() as s:
            other = _find_by_name(s, profile.name)
            if other is not None and other.id != workspace_id:
                raise WorkspaceError(f"Another workspace is already named {profile.name!r}.")
            row = s.get(Workspace, workspace_id)
            if row is None:
                raise WorkspaceError("This workspace no longer exists.")
            row.name, row.name_key = profile.name, name_key(profile.name)
            row.state, row.org_type, row.populations = profile.state, profile.org_type, profile.populations
            row.updated_at = utcnow()
            s.add(row)
            return row
    except IntegrityError as exc:
        raise WorkspaceError(f"Another workspace is already named {profile.name!r}.") from exc


def change_passphrase(store: Store, workspace_id: str, current: str, new: str) -> None:
    security.check_passphrase_rules(new)
    workspace = get_workspace(store, workspace_id)
    if workspace is None or not security.verify_passphrase(current, workspace.passphrase_hash):
        raise WorkspaceError("The current passphrase is not right.")
    with store.write() as s:
        row = s.get(Workspace, workspace_id)
        row.passphrase_hash = security.hash_passphrase(new)
        s.add(row)


def delete_workspace(store: Store, workspace_id: str, confirm_name: str) -> None:
    """Delete a workspace and everything in it; `confirm_name` must be its name as typed by a person."""
    with store.write() as s:
        row = s.get(Workspace, workspace_id)
        if row is None:
            return
        if name_key(confirm_name) != row.name_key:
            raise WorkspaceError("The name you typed does not match this workspace's name; nothing was deleted.")
        s.delete(row)  # every table's workspace_id cascades
