"""Workspaces: create, open with a passphrase, recover with a code, sessions, rename, delete.

A workspace is one organization. Its passphrase is kept only as a slow scrypt key derived with
the store's salt and the workspace's name (`core.security.workspace_key`). Names need not be
unique: a workspace is found by its name *and* passphrase, one scrypt run and one indexed
lookup, so an unknown name and a known one get the same answer in the same time, and creating
a workspace never tells anyone which names are taken.

Every try of a passphrase (opening, confirming a change, restoring a backup) is counted before
the slow check runs, in the write transaction that checks the lock (`GuessLimit` rows, locked for
update): per name, used or not; per client; and, for a browser that opened the workspace before,
per browser instead, so that strangers' wrong guesses never lock the owner out. Recovery codes
(shown once, stored hashed, each used once) set a new passphrase when it is forgotten.

Sessions: a random token (only its hash is stored) that ends after 12 idle hours or 30 days in
all, when the passphrase changes (other browsers), or on "sign out everywhere".

Nothing here lists workspaces for people to browse: no page's work grows with the number of
organizations in the store.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import delete, select

from core import security
from core.content import ContentModel, Option, content_file, load
from core.demo_content import demo_name
from core.errors import UserError
from core.security import Limit
from core.store.database import Store
from core.store.models import (
    GuessLimit,
    KnownBrowser,
    RecoveryCode,
    StoreSetting,
    Workspace,
    WorkspaceSession,
    utcnow,
)
from core.text import clean_name, name_key

SESSION_IDLE_LIMIT = timedelta(hours=12)
SESSION_LIFETIME = timedelta(days=30)
SESSION_TOUCH_EVERY = timedelta(minutes=5)
BROWSER_MEMORY = timedelta(days=400)  # what browsers keep a cookie for, at most
STORE_SALT_KEY = "workspace_key_salt"


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
            raise UserError(f"{value!r} is not in the list of states.")
        return value

    @field_validator("org_type")
    @classmethod
    def _org_type(cls, value: str) -> str:
        if value and value not in {o.id for o in options().org_types}:
            raise UserError(f"{value!r} is not one of the organization types.")
        return value

    @field_validator("populations")
    @classmethod
    def _populations(cls, value: list[str]) -> list[str]:
        known = {o.id for o in options().populations}
        unknown = [v for v in value if v not in known]
        if unknown:
            raise UserError(f"Unknown populations: {', '.join(unknown)}.")
        return list(dict.fromkeys(value))


class WorkspaceError(UserError):
    """A workspace action that cannot be done; the message is for people."""


def _wait_words(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    if seconds < 2 * 3600:
        return f"{(seconds + 59) // 60} minutes"
    return f"{(seconds + 3599) // 3600} hours"


class WorkspaceLocked(WorkspaceError):
    """Too many wrong tries; `seconds` until the next one is checked. The same for every name."""

    def __init__(self, seconds: int):
        self.seconds = seconds
        super().__init__(
            f"Too many tries. Wait {_wait_words(seconds)}, then try again. A workspace's owner can still "
            "open it from a browser that opened it before, or with a recovery code."
        )


WRONG = "That name and passphrase do not match a workspace. Check both and try again."
WRONG_CURRENT = "The passphrase is not right."
WRONG_CODE = "That name and recovery code do not match a workspace, or the code was used already."
DEMO_LOCKED = "The demo workspace is open to everyone: its name, passphrase and sessions cannot be changed."


# ---------------------------------------------------------------- the store's salt

_salts: weakref.WeakKeyDictionary[Store, str] = weakref.WeakKeyDictionary()


def store_salt(store: Store) -> str:
    """This store's random salt for workspace keys (made by migration j14_security; read once)."""
    if store not in _salts:
        with store.read() as s:
            row = s.get(StoreSetting, STORE_SALT_KEY)
        if row is None:  # only if someone deleted it: a new one (existing keys then need the old hashes)
            with store.write() as s:
                _insert_ignore(s, StoreSetting, {"key": STORE_SALT_KEY, "value": security.new_store_salt()})
            with store.read() as s:
                row = s.get(StoreSetting, STORE_SALT_KEY)
        _salts[store] = row.value
    return _salts[store]


def _insert_ignore(session, model, values: dict) -> None:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.exec(dialect.insert(model.__table__).values(**values).on_conflict_do_nothing())


def _hashed(kind: str, value: str, salt: str) -> str:
    """A counter's key: the kind, then a hash of the name, client or browser (none kept in clear)."""
    digest = hashlib.sha256("\0".join((kind, salt, value)).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{kind}:{digest}"


# ---------------------------------------------------------------- counting tries

Scope = tuple[str, Limit]
Receipt = dict[str, tuple[datetime | None, datetime | None]]  # key -> (lock before the try, lock it set)


def _seconds_left(locked_until: datetime | None, now: datetime) -> int:
    if locked_until is None or locked_until <= now:
        return 0
    return max(1, int((locked_until - now).total_seconds() + 0.999))


def _limit_rows(session, keys: list[str]) -> dict[str, GuessLimit]:
    """The counters of `keys`, created if new and locked for update until the transaction ends
    (always in the same order, so two transactions never wait on each other in a circle)."""
    for key in sorted(keys):
        _insert_ignore(session, GuessLimit, {"key": key, "window_start": utcnow(), "in_window": 0, "in_a_row": 0})
    rows = session.exec(select(GuessLimit).where(GuessLimit.key.in_(keys)).order_by(GuessLimit.key).with_for_update())
    return {row.key: row for row in rows}


def _count(session, scopes: list[Scope], now: datetime) -> Receipt:
    """Refuse the try if any scope is locked (nothing counted); else count it in every scope and
    lock each as its limit says. Runs inside the caller's write transaction, before any slow check."""
    rows = _limit_rows(session, [key for key, _ in scopes])
    wait = max((_seconds_left(rows[key].locked_until, now) for key, _ in scopes), default=0)
    if wait:
        raise WorkspaceLocked(wait)
    receipt: Receipt = {}
    for key, limit in scopes:
        row = rows[key]
        before = row.locked_until
        if now - row.window_start >= limit.window:
            row.window_start, row.in_window = now, 0
        row.in_window += 1
        row.in_a_row += 1
        row.locked_until = security.lock_until(
            limit, in_a_row=row.in_a_row, in_window=row.in_window, window_start=row.window_start, now=now
        )
        session.add(row)
        receipt[key] = (before, row.locked_until)
    return receipt


def _refund(session, scopes: list[Scope], receipt: Receipt, now: datetime, *, right: bool) -> None:
    """Take back a try that turned out not to be a wrong guess. `right`: the passphrase was right,
    so the wrong tries in a row before it are forgiven (not those of the window)."""
    rows = _limit_rows(session, [key for key, _ in scopes])
    for key, limit in scopes:
        row = rows[key]
        row.in_window = max(0, row.in_window - 1)
        row.in_a_row = 0 if right else max(0, row.in_a_row - 1)
        before, set_by_this = receipt[key]
        if row.in_window >= limit.per_window:
            row.locked_until = row.window_start + limit.window
        elif right:
            row.locked_until = None
        elif row.locked_until == set_by_this:  # nobody tried since: back to the lock before this try
            row.locked_until = before if before is not None and before > now else None
        session.add(row)


def _known_to_browser(session, browser: str | None, key: str, now: datetime) -> set[str]:
    """The workspaces of this name (key) this browser opened with their passphrase before."""
    if not browser:
        return set()
    found = session.exec(
        select(KnownBrowser.workspace_id)
        .join(Workspace, Workspace.id == KnownBrowser.workspace_id)
        .where(
            KnownBrowser.token_hash == security.token_hash(browser),
            Workspace.name_key == key,
            KnownBrowser.last_used_at > now - BROWSER_MEMORY,
        )
    ).all()
    return set(found)


def _everyone(key: str, salt: str, client: str | None) -> list[Scope]:
    """The allowances every try of a name uses: the name's (known or not), and the client's."""
    scopes = [(_hashed("name", key, salt), security.NAME_LIMIT)]
    if client is not None:
        scopes.append((_hashed("client", client, salt), security.CLIENT_LIMIT))
    return scopes


def _remember_browser(session, browser: str | None, workspace_id: str, now: datetime) -> None:
    if not browser:
        return
    digest = security.token_hash(browser)
    row = session.get(KnownBrowser, (digest, workspace_id))
    if row is None:
        session.add(KnownBrowser(token_hash=digest, workspace_id=workspace_id, created_at=now, last_used_at=now))
    else:
        row.last_used_at = now
        session.add(row)


def _try_passphrase(
    store: Store,
    key: str,
    passphrase: str,
    *,
    client: str | None,
    browser: str | None,
    find: Callable[[str], Workspace | None],
    after: Callable[[object, Workspace, datetime], object] | None = None,
) -> tuple[Workspace, object]:
    """One try of a passphrase for the name `key`.

    Counts the try and checks the locks in one write transaction (WorkspaceLocked, and scrypt never
    runs, if locked); runs scrypt once; `find(workspace key)` returns the workspace it opens, or None
    (WorkspaceError(WRONG), the try stays counted). On success the try is taken back and
    `after(session, workspace, now)` runs in the same transaction; returns the workspace and its result.

    A browser that opened a workspace of this name before counts its try in its own allowance, so
    that strangers' wrong guesses never lock it out. That shortcut opens only the workspaces it
    opened before: any other answer (wrong, or another workspace of the same name) is then counted
    and checked against the name's and client's allowances too, so that a browser made to know one
    workspace of a name gives no extra guesses at another.
    """
    salt = store_salt(store)
    now = utcnow()
    with store.write() as s:
        known = _known_to_browser(s, browser, key, now)
        scopes = [(_hashed("browser", browser or "", salt), security.BROWSER_LIMIT)] if known else []
        scopes = scopes or _everyone(key, salt, client)
        receipt = _count(s, scopes, now)
    workspace = find(security.workspace_key(passphrase, salt, key))
    if known and (workspace is None or workspace.id not in known):
        with store.write() as s:  # not one of its own: counted like anyone's try, locks included
            more = _everyone(key, salt, client)
            more_receipt = _count(s, more, now)
        scopes, receipt = scopes + more, {**receipt, **more_receipt}
    if workspace is None:
        raise WorkspaceError(WRONG)
    with store.write() as s:
        _refund(s, scopes, receipt, now, right=True)
        _remember_browser(s, browser, workspace.id, now)
        result = after(s, workspace, now) if after is not None else None
    return workspace, result


def _upgrade_legacy(store: Store, workspace: Workspace, passphrase: str, salt: str) -> Workspace:
    """A workspace whose hash predates workspace keys, opened with its right passphrase: store its key."""
    new_key = security.workspace_key(passphrase, salt, workspace.name_key)
    try:
        with store.write() as s:
            row = s.get(Workspace, workspace.id)
            if row is not None and row.passphrase_hash == workspace.passphrase_hash:
                row.passphrase_hash = new_key
                s.add(row)
    except IntegrityError:
        pass  # another workspace of that name has this passphrase already: keep the old hash
    return workspace


def _legacy_match(store: Store, candidates: list[Workspace], passphrase: str) -> Workspace | None:
    for workspace in candidates[:3]:
        if security.verify_passphrase(passphrase, workspace.passphrase_hash):
            return _upgrade_legacy(store, workspace, passphrase, store_salt(store))
    return None


def _legacy(query) -> object:
    return query.where(Workspace.passphrase_hash.startswith("scrypt$"))


# ---------------------------------------------------------------- create, find, open


def _demo_name_key() -> str:
    return name_key(demo_name())


def _start_session(session, workspace_id: str) -> str:
    token, now = security.new_token(), utcnow()
    session.add(
        WorkspaceSession(
            token_hash=security.token_hash(token), workspace_id=workspace_id, created_at=now, last_seen_at=now
        )
    )
    return token


@dataclass
class NewWorkspace:
    """A workspace ready to insert (`prepare_workspace`): add `row` in a write transaction, then call
    `settle(session)` in the same transaction."""

    row: Workspace
    _scopes: list[Scope]
    _receipt: Receipt
    _now: datetime

    def settle(self, session) -> None:
        if self._scopes:
            _refund(session, self._scopes, self._receipt, self._now, right=False)


TAKEN = (
    "A workspace with this name and passphrase exists already: open it from the first tab, "
    "or choose another passphrase."
)


def prepare_workspace(
    store: Store,
    profile: WorkspaceProfile,
    passphrase: str,
    *,
    is_demo: bool = False,
    client: str | None = None,
    workspace_id: str | None = None,
) -> NewWorkspace:
    """Check and count a new workspace and make its row (with its key), without inserting it.

    `client` (a page's caller, `core.security.client_key`) counts the creation against that client's
    allowance and as a try of the name: a name and passphrase already in use are what opening
    would find, so finding them this way costs a try as well. The demo's name is kept for the demo.
    """
    security.check_passphrase_rules(passphrase)
    key = name_key(profile.name)
    if not is_demo and key == _demo_name_key():
        raise WorkspaceError("That is the name of the demo workspace; choose another name.")
    salt = store_salt(store)
    now = utcnow()
    scopes: list[Scope] = []
    receipt: Receipt = {}
    if client is not None:
        with store.write() as s:
            scopes = [(_hashed("name", key, salt), security.NAME_LIMIT)]
            receipt = _count(s, [*scopes, (_hashed("create", client, salt), security.CREATE_LIMIT)], now)
    row = Workspace(
        name=profile.name,
        name_key=key,
        state=profile.state,
        org_type=profile.org_type,
        populations=profile.populations,
        passphrase_hash=security.workspace_key(passphrase, salt, key),
        is_demo=is_demo,
    )
    if workspace_id is not None:
        row.id = workspace_id
    return NewWorkspace(row=row, _scopes=scopes, _receipt=receipt, _now=now)


def create_workspace(
    store: Store,
    profile: WorkspaceProfile,
    passphrase: str,
    *,
    is_demo: bool = False,
    client: str | None = None,
) -> Workspace:
    """Create a workspace. Another workspace may have the same name; not the same name and passphrase
    (see `prepare_workspace` for what is checked and counted)."""
    new = prepare_workspace(store, profile, passphrase, is_demo=is_demo, client=client)
    try:
        with store.write() as s:
            s.add(new.row)
            s.flush()
            new.settle(s)
    except IntegrityError as exc:
        raise WorkspaceError(TAKEN) from exc
    return new.row


def get_workspace(store: Store, workspace_id: str) -> Workspace | None:
    with store.read() as s:
        return s.get(Workspace, workspace_id)


def find_workspace(store: Store, name: str) -> Workspace | None:
    """The demo, or else the oldest workspace, of this name (names are not unique: for the demo and tests)."""
    with store.read() as s:
        return s.exec(
            select(Workspace)
            .where(Workspace.name_key == name_key(name))
            .order_by(Workspace.is_demo.desc(), Workspace.created_at)
        ).first()


def open_workspace(
    store: Store, name: str, passphrase: str, *, client: str | None = None, browser: str | None = None
) -> tuple[Workspace, str]:
    """Check the name and passphrase and start a session; return the workspace and the session token.

    The try is counted, and refused while the name or the client is locked, before scrypt runs.
    A wrong name and a wrong passphrase get the same message in the same time. `browser` is the
    caller's browser token: a browser that opened this name's workspace before counts its own tries.
    """
    key = name_key(name)

    def find(workspace_key: str) -> Workspace | None:
        with store.read() as s:
            found = s.exec(
                select(Workspace).where(Workspace.name_key == key, Workspace.passphrase_hash == workspace_key)
            ).first()
            older = [] if found else list(s.exec(_legacy(select(Workspace).where(Workspace.name_key == key))))
        return found or _legacy_match(store, older, passphrase)

    workspace, token = _try_passphrase(
        store,
        key,
        passphrase,
        client=client,
        browser=browser,
        find=find,
        after=lambda s, ws, _now: _start_session(s, ws.id),
    )
    return workspace, token  # type: ignore[return-value]


def confirm_passphrase(
    store: Store, workspace_id: str, passphrase: str, *, client: str | None = None, browser: str | None = None
) -> Workspace:
    """The workspace, if `passphrase` is its passphrase; counted and limited like opening it."""
    workspace = get_workspace(store, workspace_id)
    if workspace is None:
        raise WorkspaceError("This workspace no longer exists.")

    def find_either(workspace_key: str) -> Workspace | None:
        if workspace.passphrase_hash == workspace_key:
            return workspace
        if workspace.passphrase_hash.startswith("scrypt$"):
            return _legacy_match(store, [workspace], passphrase)
        return None

    try:
        found, _ = _try_passphrase(
            store, workspace.name_key, passphrase, client=client, browser=browser, find=find_either
        )
    except WorkspaceLocked:
        raise
    except WorkspaceError as exc:
        raise WorkspaceError(WRONG_CURRENT) from exc
    return found


# ---------------------------------------------------------------- sessions


def start_session(store: Store, workspace_id: str) -> str:
    """A session token for a workspace the caller just created or opened (the demo, a test)."""
    with store.write() as s:
        return _start_session(s, workspace_id)


def workspace_for_token(store: Store, token: str | None) -> Workspace | None:
    """The workspace a session token opens, or None if the token is unknown or its session ended
    (12 idle hours, 30 days in all). Touches the session at most every few minutes, so a rerun is
    normally one read."""
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
    if now - session_row.last_seen_at > SESSION_IDLE_LIMIT or now - session_row.created_at > SESSION_LIFETIME:
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


def _end_others(session, workspace_id: str, keep_token: str | None, keep_browser: str | None) -> None:
    sessions = delete(WorkspaceSession).where(WorkspaceSession.workspace_id == workspace_id)
    if keep_token:
        sessions = sessions.where(WorkspaceSession.token_hash != security.token_hash(keep_token))
    browsers = delete(KnownBrowser).where(KnownBrowser.workspace_id == workspace_id)
    if keep_browser:
        browsers = browsers.where(KnownBrowser.token_hash != security.token_hash(keep_browser))
    session.exec(sessions)
    session.exec(browsers)


def sign_out_everywhere(store: Store, workspace_id: str) -> None:
    """End every session of the workspace, in every browser, and forget every browser that opened it
    (they count their tries with everyone else's again until they open it with the passphrase)."""
    workspace = get_workspace(store, workspace_id)
    if workspace is not None and workspace.is_demo:
        raise WorkspaceError(DEMO_LOCKED)
    with store.write() as s:
        _end_others(s, workspace_id, None, None)


def session_count(store: Store, workspace_id: str) -> int:
    with store.read() as s:
        return len(
            s.exec(select(WorkspaceSession.token_hash).where(WorkspaceSession.workspace_id == workspace_id)).all()
        )


# ---------------------------------------------------------------- recovery codes


def issue_recovery_codes(store: Store, workspace_id: str) -> list[str]:
    """New recovery codes for the workspace, replacing any before; returned once, stored hashed."""
    workspace = get_workspace(store, workspace_id)
    if workspace is None or workspace.is_demo:
        raise WorkspaceError(DEMO_LOCKED if workspace else "This workspace no longer exists.")
    codes = [security.new_recovery_code() for _ in range(security.RECOVERY_CODES)]
    with store.write() as s:
        s.exec(delete(RecoveryCode).where(RecoveryCode.workspace_id == workspace_id))
        for code in codes:
            s.add(RecoveryCode(code_hash=security.token_hash(code), workspace_id=workspace_id))
    return codes


def regenerate_recovery_codes(
    store: Store, workspace_id: str, passphrase: str, *, client: str | None = None, browser: str | None = None
) -> list[str]:
    """New recovery codes (the old ones stop working), after the passphrase is confirmed."""
    workspace = get_workspace(store, workspace_id)
    if workspace is not None and workspace.is_demo:
        raise WorkspaceError(DEMO_LOCKED)
    confirm_passphrase(store, workspace_id, passphrase, client=client, browser=browser)
    return issue_recovery_codes(store, workspace_id)


def recovery_codes_left(store: Store, workspace_id: str) -> int:
    with store.read() as s:
        return len(
            s.exec(
                select(RecoveryCode.code_hash).where(
                    RecoveryCode.workspace_id == workspace_id, RecoveryCode.used_at.is_(None)
                )
            ).all()
        )


def recover_workspace(
    store: Store,
    name: str,
    code: str,
    new_passphrase: str,
    *,
    client: str | None = None,
    browser: str | None = None,
) -> tuple[Workspace, str]:
    """Set a new passphrase with a recovery code (used up), end every session, open the workspace.

    Recovery tries count per client, never per name: a stranger's wrong guesses at the passphrase
    do not keep the owner from recovering. A code has 100 bits; guessing one is hopeless.
    """
    security.check_passphrase_rules(new_passphrase)
    key = name_key(name)
    canonical = security.normalize_recovery_code(code)
    salt = store_salt(store)
    now = utcnow()
    if client is not None:
        with store.write() as s:
            _count(s, [(_hashed("recover", client, salt), security.RECOVERY_LIMIT)], now)
    new_key = security.workspace_key(new_passphrase, salt, key)  # before the lookup: same time either way
    try:
        with store.write() as s:
            found = s.exec(
                select(RecoveryCode, Workspace)
                .join(Workspace, Workspace.id == RecoveryCode.workspace_id)
                .where(
                    RecoveryCode.code_hash == security.token_hash(canonical or "-"),
                    RecoveryCode.used_at.is_(None),
                    Workspace.name_key == key,
                )
                .with_for_update()
            ).first()
            if found is None or not canonical:
                raise WorkspaceError(WRONG_CODE)
            used, workspace = found
            used.used_at = now
            workspace.passphrase_hash = new_key
            workspace.updated_at = now
            s.add(used)
            s.add(workspace)
            s.flush()
            _end_others(s, workspace.id, None, None)
            _remember_browser(s, browser, workspace.id, now)
            token = _start_session(s, workspace.id)
    except IntegrityError as exc:
        raise WorkspaceError(
            "Another workspace of this name has that passphrase: choose another one. The code was not used."
        ) from exc
    return workspace, token


# ---------------------------------------------------------------- change


def update_profile(
    store: Store,
    workspace_id: str,
    profile: WorkspaceProfile,
    *,
    passphrase: str | None = None,
    client: str | None = None,
    browser: str | None = None,
) -> Workspace:
    """Update the workspace's profile. A new name needs the passphrase (the name is part of how the
    workspace is found, so its key is made again); the demo keeps its name."""
    workspace = get_workspace(store, workspace_id)
    if workspace is None:
        raise WorkspaceError("This workspace no longer exists.")
    new_key = name_key(profile.name)
    new_hash = workspace.passphrase_hash
    if new_key != workspace.name_key:
        if workspace.is_demo:
            raise WorkspaceError(DEMO_LOCKED)
        if new_key == _demo_name_key():
            raise WorkspaceError("That is the name of the demo workspace; choose another name.")
        if not passphrase:
            raise WorkspaceError("Type the passphrase to change the workspace's name.")
        confirm_passphrase(store, workspace_id, passphrase, client=client, browser=browser)
        new_hash = security.workspace_key(passphrase, store_salt(store), new_key)
    try:
        with store.write() as s:
            row = s.get(Workspace, workspace_id)
            if row is None:
                raise WorkspaceError("This workspace no longer exists.")
            row.name, row.name_key, row.passphrase_hash = profile.name, new_key, new_hash
            row.state, row.org_type, row.populations = profile.state, profile.org_type, profile.populations
            row.updated_at = utcnow()
            s.add(row)
            return row
    except IntegrityError as exc:
        raise WorkspaceError(
            "Another workspace of that name has the same passphrase: choose another name, "
            "or change the passphrase first."
        ) from exc


def change_passphrase(
    store: Store,
    workspace_id: str,
    current: str,
    new: str,
    *,
    keep_token: str | None = None,
    client: str | None = None,
    browser: str | None = None,
) -> None:
    """Set a new passphrase after the current one is confirmed (a counted try). Every other session
    ends and every other browser is forgotten; the session `keep_token` and this `browser` stay."""
    security.check_passphrase_rules(new)
    workspace = get_workspace(store, workspace_id)
    if workspace is not None and workspace.is_demo:
        raise WorkspaceError(DEMO_LOCKED)
    workspace = confirm_passphrase(store, workspace_id, current, client=client, browser=browser)
    new_hash = security.workspace_key(new, store_salt(store), workspace.name_key)
    try:
        with store.write() as s:
            row = s.get(Workspace, workspace_id)
            row.passphrase_hash = new_hash
            row.updated_at = utcnow()
            s.add(row)
            s.flush()
            _end_others(s, workspace_id, keep_token, browser)
    except IntegrityError as exc:
        raise WorkspaceError("Another workspace of this name has that passphrase: choose another one.") from exc


def delete_workspace(store: Store, workspace_id: str, confirm_name: str) -> None:
    """Delete a workspace and everything in it; `confirm_name` must be its name as typed by a person."""
    with store.write() as s:
        row = s.get(Workspace, workspace_id)
        if row is None:
            return
        if name_key(confirm_name) != row.name_key:
            raise WorkspaceError("The name you typed does not match this workspace's name; nothing was deleted.")
        s.delete(row)  # every table's workspace_id cascades
