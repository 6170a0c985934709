"""The store of the process and the workspace this browser has open (its session token and cookies).

`store()` opens, migrates and checks the database once per process; `current_workspace()` finds the open
workspace from the session token (session state for this tab, a session cookie across reloads). Pages reach
these through `pages._ui`. A test that stands in for a cookie or the store patches it here (`_session._cookie`,
`_session.store`): the helpers of the other `pages/_*.py` modules look these names up in this module.
Never puts a token in a URL or on screen, and draws nothing but the cookie script. Not listed in the navigation.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

import streamlit as st
from sqlalchemy.exc import OperationalError

from core import content, security
from core.store import migrate, workspaces
from core.store.answers import read_snapshot
from core.store.database import Store, database_url, describe_url
from core.store.models import Workspace
from core.store.versioned import data_version

# The open workspace is remembered by a session cookie, never by anything in the URL: a URL is
# bookmarked, shared, screenshotted and projected. Streamlit reads cookies once, when a browser tab
# connects (st.context.cookies), and has no way to set one from Python, so a one-line script writes
# it (`write_cookies`); the token is checked against the store on every run, from any app server.
SESSION_COOKIE = "hrwb_session"
BROWSER_COOKIE = "hrwb_browser"  # tells a browser that opened a workspace before (its own guessing limit)
TOKEN_KEY = "workspace_token"  # noqa: S105 - the session_state key, not a secret
_COOKIE_VALUE = re.compile(r"[A-Za-z0-9_-]{16,100}")
_BROWSER_MAX_AGE = int(workspaces.BROWSER_MEMORY.total_seconds())
_SESSION_MAX_AGE = int(workspaces.SESSION_LIFETIME.total_seconds())


@st.cache_resource(show_spinner="Opening the workbook's database...")
def _store_for(url: str) -> Store:
    store = Store.from_url(url)
    migrate.upgrade(store.engine)  # an older database is brought up to date in place
    content.validate_all()  # a broken data file stops here, naming file and field
    return store


_stores: dict[str, Store] = {}  # url -> the store `_store_for` made: a page run asks for it several times


def store() -> Store:
    """The process's store, for the database `DATABASE_URL` names (created and migrated once)."""
    url = database_url()
    found = _stores.get(url)
    if found is None:  # the first time: through st.cache_resource (one opening per process, with its spinner)
        found = _stores[url] = _store_for(url)
    return found


def open_store_or_stop() -> Store:
    """The store, or a clear message and a stop when a data file is broken or the database unreachable."""
    try:
        return store()
    except content.ContentError as exc:
        st.error(f"The workbook cannot start because one of its content files is broken.\n\n{exc}")
    except OperationalError as exc:
        st.error(f"The workbook cannot reach its database ({describe_url(database_url())}): {exc.orig}")
    st.stop()


# ---------------------------------------------------------------- the open workspace

_LOOK_UP = object()  # no page run in progress, or the workspace changed during it: look it up
_page_workspace: ContextVar[object] = ContextVar("page_workspace", default=_LOOK_UP)


@contextmanager
def page_run(workspace: Workspace | None) -> Iterator[None]:
    """app.py runs the chosen page inside this: the page gets the workspace app.py found (no
    second lookup) and reads the workspace's answers from one snapshot (core.store.answers).

    The snapshot reads the data's version first: a page that keeps results per version
    (core.store.versioned) would otherwise drop the answers it had already read and read them again."""
    reset = _page_workspace.set(workspace)
    try:
        with read_snapshot(store(), workspace.id) if workspace is not None else nullcontext():
            if workspace is not None:
                data_version(store(), workspace.id)
            yield
    finally:
        _page_workspace.reset(reset)


def _cookie(name: str) -> str | None:
    """A cookie the browser sent when this tab connected, if it looks like one of ours."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) and _COOKIE_VALUE.fullmatch(value) else None


def _set_cookie(name: str, value: str | None, max_age: int = 0) -> None:
    """Write (or, with None, delete) a cookie in this browser on this run (`write_cookies`)."""
    pending = st.session_state.setdefault("_cookies_to_write", {})
    pending[name] = (value, max_age)


def write_cookies() -> None:
    """app.py calls this on every run: cookies set or deleted since the last run are written by a tiny
    script (SameSite=Strict; Secure over https). Never in a URL, never on screen."""
    pending = st.session_state.pop("_cookies_to_write", None)
    if not pending:
        return
    lines = []
    for name, (value, max_age) in pending.items():
        if value is not None and not _COOKIE_VALUE.fullmatch(value):
            continue
        cookie = f"{name}={value}; Max-Age={max_age}" if value is not None else f"{name}=; Max-Age=0"
        lines.append(f"document.cookie = '{cookie}; Path=/; SameSite=Strict' + secure;")
    script = "var secure = location.protocol === 'https:' ? '; Secure' : '';" + "".join(lines)
    with st.sidebar:
        st.html(f"<script>(function () {{{script}}})();</script>", unsafe_allow_javascript=True)


TRUSTED_PROXIES_ENV = "WORKBOOK_TRUSTED_PROXIES"


def _client_parts() -> tuple[str | None, str | None, int]:
    try:
        trusted = max(0, int(os.environ.get(TRUSTED_PROXIES_ENV, "0") or 0))
    except ValueError:
        trusted = 0
    address, forwarded = st.context.ip_address, st.context.headers.get("X-Forwarded-For")
    return (address if isinstance(address, str) else None, forwarded if isinstance(forwarded, str) else None, trusted)


def client() -> str:
    """Who is trying, for guessing limits: the connection's address, or the address the trusted proxies in
    front saw (WORKBOOK_TRUSTED_PROXIES, the number of them; 0 unless set, so a forged header is ignored)."""
    return security.client_key(*_client_parts())


def client_address() -> str | None:
    """The client's address by the same rule as `client` (None when unknown, e.g. on the server's own machine)."""
    return security.client_address(*_client_parts())


def browser_token() -> str:
    """This browser's own random token (a cookie kept for 400 days), made on first use."""
    token = st.session_state.get("browser_token") or _cookie(BROWSER_COOKIE)
    if not token:
        token = security.new_token()
        _set_cookie(BROWSER_COOKIE, token, _BROWSER_MAX_AGE)
    st.session_state["browser_token"] = token
    return token


def current_workspace() -> Workspace | None:
    """The workspace this browser has open, found by its session token: kept in session state for this
    tab, and in a session cookie so that a reload (a new Streamlit session) finds it again."""
    found = _page_workspace.get()
    if found is not _LOOK_UP:
        return found  # type: ignore[return-value]
    token = st.session_state.get(TOKEN_KEY)
    if not token:
        cookie = _cookie(SESSION_COOKIE)
        if cookie and cookie != st.session_state.get("workspace_closed_cookie"):
            token = cookie
    if not token:
        return None
    workspace = workspaces.workspace_for_token(store(), token)
    if workspace is None:
        forget_workspace()
        st.session_state["workspace_notice"] = "Your session ended; open the workspace again with its passphrase."
        return None
    st.session_state[TOKEN_KEY] = token
    return workspace


def remember_workspace(token: str) -> None:
    """Keep a new session open in this tab and, through the session cookie, in this browser."""
    _page_workspace.set(_LOOK_UP)
    st.session_state[TOKEN_KEY] = token
    st.session_state.pop("workspace_closed_cookie", None)
    _set_cookie(SESSION_COOKIE, token, _SESSION_MAX_AGE)


def forget_workspace() -> None:
    """End this browser's session: in the store, in this tab and in the cookie."""
    _page_workspace.set(_LOOK_UP)
    token = st.session_state.pop(TOKEN_KEY, None)
    cookie = _cookie(SESSION_COOKIE)
    for ended in {token, cookie} - {None}:
        workspaces.close_session(store(), ended)
    if cookie:  # read when this tab connected: never use it again in this tab
        st.session_state["workspace_closed_cookie"] = cookie
    _set_cookie(SESSION_COOKIE, None)
