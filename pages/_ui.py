"""Shared page helpers: the store of the process, the open workspace, step headers, autosave.

Pages stay thin by calling these. Nothing here computes a score or builds a
document: that is `core`'s job. Not listed in the navigation.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from core import content, security, steps
from core.steps import step as get_step
from core.store import answers, migrate, workspaces
from core.store.answers import StaleEdit, read_snapshot
from core.store.database import Store, StoreError, database_url, describe_url
from core.store.models import Workspace
from core.text import TextTooLong

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


def store() -> Store:
    """The process's store, for the database `DATABASE_URL` names (created and migrated once)."""
    return _store_for(database_url())


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
    second lookup) and reads the workspace's answers from one snapshot (core.store.answers)."""
    reset = _page_workspace.set(workspace)
    try:
        with read_snapshot(store(), workspace.id) if workspace is not None else nullcontext():
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


def require_workspace() -> Workspace:
    """The open workspace, or a message and a stop if none is open."""
    workspace = current_workspace()
    if workspace is None:
        st.info("Open or create a workspace first: your answers are saved in it.")
        link("workspace", "Go to Workspace", icon=":material/login:")
        st.stop()
    return workspace


def sidebar_workspace(workspace: Workspace | None) -> None:
    """The sidebar's line saying which workspace is open, with a way to close it."""
    with st.sidebar:
        if workspace is None:
            st.caption("No workspace open.")
            return
        st.caption("Workspace")
        st.markdown(f"**{escape_md(workspace.name)}**")
        if st.button("Close workspace", key="sidebar__close_workspace", icon=":material/logout:"):
            forget_workspace()
            st.rerun()


# ---------------------------------------------------------------- page furniture


# What markdown (and Streamlit's own ":color[...]" / ":icon:" directives, and "&amp;" entities) would
# read as syntax; CommonMark shows each backslash-escaped one as itself, with no backslash.
_MARKDOWN_SYNTAX = frozenset("\\`*_{}[]()#+-.!|<>~$:&=")
_WORD_JOINER = "\u2060"  # invisible, zero width: splits what a link finder looks for, not the words
_LINK_STARTS = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?=@)")


def escape_md(text: str) -> str:
    """User text shown through markdown exactly as typed: never a link, an image, HTML, a heading, a
    colour or an icon.

    Markdown syntax characters are backslash-escaped (shown as themselves, no backslash shows).
    Markdown still turns bare addresses into links after parsing ("https://", "www.", "name@host"),
    so an invisible word joiner goes where each would start.
    """
    text = _LINK_STARTS.sub(_WORD_JOINER, str(text))
    return "".join("\\" + ch if ch in _MARKDOWN_SYNTAX else ch for ch in text)


def step_header(step_id: str) -> None:
    """Title, purpose, who should be at the table and how long it takes, from data/steps.yaml."""
    step = get_step(step_id)
    st.title(step.label)
    st.markdown(step.purpose)
    cols = st.columns(2)
    cols[0].markdown(f":material/groups: **Who should be at the table:** {step.who}")
    cols[1].markdown(f":material/schedule: **Time:** {step.time}")
    st.divider()


def show_errors(error: Exception) -> None:
    """A validation or store error as a message people can act on."""
    if isinstance(error, ValidationError):
        for item in error.errors():
            where = " ".join(str(p) for p in item["loc"]).replace("_", " ")
            message = item["msg"].removeprefix("Value error, ")
            st.error(f"{where.capitalize()}: {message}" if where else message)
    else:
        st.error(str(error))


# ---------------------------------------------------------------- autosave


def _status_key(key: str) -> str:
    return f"{key}__status"


def _base_key(key: str) -> str:
    return f"{key}__base"


def _save_text(workspace_id: str, section: str, prompt: str, key: str) -> None:
    try:
        base = st.session_state.get(_base_key(key))
        text = st.session_state[key]
        revision = answers.save_text(store(), workspace_id, section, prompt, text, expected_revision=base)
        st.session_state[_base_key(key)] = revision
        st.session_state[_status_key(key)] = ("saved", time.strftime("%H:%M"))
    except StaleEdit as exc:
        # Another window saved this answer since this one showed it: keep both, let the person choose.
        st.session_state[_status_key(key)] = ("conflict", str(exc))
    except (TextTooLong, StoreError, ValueError) as exc:
        # The typed text stays in the widget; only the store keeps its last good value.
        st.session_state[_status_key(key)] = ("error", str(exc))


def _keep_mine(workspace_id: str, section: str, prompt: str, key: str) -> None:
    """Save this window's text over the other one (which stays among the earlier versions)."""
    st.session_state[_base_key(key)] = answers.get_text_revision(store(), workspace_id, section, prompt)
    _save_text(workspace_id, section, prompt, key)


def _show_theirs(key: str) -> None:
    """Drop this window's unsaved text and show what the store holds now."""
    for k in (key, _base_key(key), _status_key(key)):
        st.session_state.pop(k, None)


def _feedback(key: str, *, quiet: bool = False, conflict=None) -> None:
    status = st.session_state.get(_status_key(key))
    if not status:
        return
    kind, message = status
    if kind == "conflict":
        st.warning(message, icon=":material/sync_problem:")
        if conflict is not None:
            conflict()
    elif kind == "error":
        st.error(message, icon=":material/error:")
    elif not quiet:
        st.caption(f":material/check: Saved at {message}")


def text_answer(
    workspace_id: str,
    section: str,
    prompt: str,
    label: str,
    *,
    stored: str | None = None,
    help: str | None = None,
    height: int | None = None,
    placeholder: str | None = None,
    single_line: bool = False,
) -> str:
    """A text field that saves every change as a new revision and says so quietly.

    `stored` is the saved text when the page already read its section (saves a
    query); the widget is seeded from the store whenever it was not drawn on the
    previous run, and never overwritten while a person is editing it. It remembers
    the revision it showed: if another window saved the answer since, the save is
    refused and the person chooses to keep theirs or see the other (both stay).
    """
    key = f"text__{section}__{prompt}"
    if key not in st.session_state:
        st.session_state[key] = (
            stored if stored is not None else answers.get_text(store(), workspace_id, section, prompt)
        )
        st.session_state[_base_key(key)] = answers.get_text_revision(store(), workspace_id, section, prompt)
    widget = st.text_input if single_line else st.text_area
    kwargs = {"height": height} if (height and not single_line) else {}
    widget(
        label,
        key=key,
        help=help,
        placeholder=placeholder,
        on_change=_save_text,
        args=(workspace_id, section, prompt, key),
        **kwargs,
    )

    def choices() -> None:
        mine, theirs = st.columns(2)
        mine.button(
            "Save mine over it",
            key=f"{key}__keep_mine",
            help="The other window's text stays among the earlier versions.",
            on_click=_keep_mine,
            args=(workspace_id, section, prompt, key),
        )
        theirs.button("Show the other window's text", key=f"{key}__show_theirs", on_click=_show_theirs, args=(key,))

    _feedback(key, conflict=choices)
    return st.session_state[key]


def text_history(workspace_id: str, section: str, prompt: str) -> None:
    """A popover listing earlier versions of an answer, each restorable."""
    with st.popover("Earlier versions", icon=":material/history:"):
        revisions = answers.text_revisions(store(), workspace_id, section, prompt)
        if not revisions:
            st.caption("Nothing saved yet.")
        for rev in revisions[:20]:
            st.caption(
                f"Version {rev.revision}, {rev.created_at:%Y-%m-%d %H:%M} UTC {('- ' + rev.note) if rev.note else ''}"
            )
            st.text(rev.text[:500] + ("..." if len(rev.text) > 500 else ""))
            if st.button("Restore this version", key=f"restore__{section}__{prompt}__{rev.revision}"):
                answers.restore_text_revision(store(), workspace_id, section, prompt, rev.revision)
                st.session_state.pop(f"text__{section}__{prompt}", None)
                st.rerun()


# ---------------------------------------------------------------- steps 1-3: glossary links, footers, model inputs


def glossary_link(term_id: str, label: str | None = None) -> None:
    """A link to a term's glossary entry: the glossary page opened at `?term=<id>`."""
    from core.hrh.glossary import glossary_term

    term = glossary_term(term_id)
    link(
        "glossary",
        label=label or f"Glossary: {term.term if term else term_id}",
        icon=":material/menu_book:",
        query_params={"term": term_id},
    )


def step_footer(gives: str, next_page: str, label: str | None = None) -> None:
    """The "what this gives you / next step" close of a step page: `next_page` is a page id."""
    st.divider()
    st.subheader("What this gives you", anchor=False)
    st.markdown(gives)
    link(next_page, label)


def model_number_inputs(model: type, prefix: str, columns: int = 2) -> dict:
    """Number inputs for every field of a pydantic input model, from its titles, limits and defaults.

    Returns the entered values by field name (ints stay ints; other numbers come
    back as `Decimal` from their text, so no float error reaches a money model).
    Keys are `<prefix>__<field>`; values live in session state while the page is open.
    """
    from decimal import Decimal

    values: dict = {}
    cols = st.columns(columns)
    for n, (name, field) in enumerate(model.model_fields.items()):
        bounds = {k: getattr(m, k) for m in field.metadata for k in ("ge", "le") if getattr(m, k, None) is not None}
        is_int = field.annotation is int
        cast = int if is_int else float
        value = cols[n % columns].number_input(
            field.title or name.replace("_", " ").capitalize(),
            min_value=cast(bounds["ge"]) if "ge" in bounds else None,
            max_value=cast(bounds["le"]) if "le" in bounds else None,
            value=cast(field.default),
            step=1 if is_int else 1.0,
            format=None if is_int else "%.2f",
            help=field.description,
            key=f"{prefix}__{name}",
        )
        values[name] = value if is_int else Decimal(str(value))
    return values


def plotly_chart(figure: dict) -> None:
    """Draw a plotly figure dict, full width. Streamlit validates every figure against plotly's whole
    default template (10-20 ms a chart); an identical figure drawn again replays the cached element
    instead. The figure, as JSON text (quick to hash), is the whole cache key, so a cached chart only
    ever reappears for exactly the same numbers."""
    import json

    _cached_plotly_chart(json.dumps(figure, sort_keys=True, default=str))


@st.cache_data(max_entries=256, show_spinner=False)
def _cached_plotly_chart(spec: str) -> None:
    import json

    st.plotly_chart(json.loads(spec), width="stretch")


# ---------------------------------------------------------------- autosave of values and tables (sustain pages)


def error_text(exc: Exception) -> str:
    """One line for people from a validation or store error (the first problem, naming its field)."""
    if isinstance(exc, ValidationError):
        item = exc.errors()[0]
        names = [str(p) for p in item["loc"] if isinstance(p, str)]
        message = item["msg"].removeprefix("Value error, ")
        field = names[-1].replace("_", " ") if names else ""
        return f"{field.capitalize()}: {message}" if field and field not in message.lower() else message
    if isinstance(exc, KeyError) and exc.args:  # str() of a KeyError adds quotes
        return str(exc.args[0])
    return str(exc)


def _autosave_value(key: str, save, describe=None) -> None:
    try:
        save(st.session_state[key])
        st.session_state[_status_key(key)] = ("saved", time.strftime("%H:%M"))
    except (ValueError, KeyError, StoreError) as exc:  # ValidationError and TextTooLong are ValueErrors
        # The widget keeps what was typed; the store keeps its last good value.
        st.session_state[_status_key(key)] = ("error", (describe or error_text)(exc))


def autosave(widget, key: str, stored, save, /, *, quiet: bool = False, describe=None, **kwargs):
    """Any input widget (`st.number_input`, `st.selectbox`, `st.toggle` ...) that saves on change.

    `save(value)` validates and writes; if it raises, the message (worded by
    `describe(exc)`, `error_text` unless given) shows beside the field and the
    typed value stays. The widget is seeded from `stored` whenever it was not
    drawn on the previous run. `quiet` leaves out the "Saved at" line.
    """
    if key not in st.session_state:
        st.session_state[key] = stored
    value = widget(key=key, on_change=_autosave_value, args=(key, save, describe), **kwargs)
    _feedback(key, quiet=quiet)
    return value


def _apply_table(key: str, rows: list[dict], save) -> None:
    from core.table_edits import rows_after

    try:
        save(rows_after(rows, st.session_state[key]))
        st.session_state[_status_key(key)] = ("saved", time.strftime("%H:%M"))
    except StaleEdit as exc:
        st.session_state[_status_key(key)] = ("conflict", str(exc))
    except (ValueError, KeyError, StoreError) as exc:
        st.session_state[_status_key(key)] = ("error", error_text(exc))


def table_editor(key: str, rows: list[dict], columns: dict, save, /, *, height: int | None = None) -> None:
    """An editable table fed from the store; every change is applied through `save(new_rows)`.

    `rows` are what the store holds (with the hidden `id` and `_version` of each
    record); `columns` maps column name to its `st.column_config` (order = display
    order). After a successful save the next run feeds the editor the new
    rows; after a failed one the error shows under the table and the edits stay.
    A save from a window showing rows someone changed since is refused whole
    ("changed in another window"); rows others added are never deleted.
    """
    import pandas as pd

    def shown(value):
        from decimal import Decimal

        return float(value) if isinstance(value, Decimal) else value

    frame = pd.DataFrame([{c: shown(row.get(c)) for c in columns} for row in rows], columns=list(columns))
    kwargs = {"height": height} if height else {}
    st.data_editor(
        frame,
        key=key,
        num_rows="dynamic",
        column_config=columns,
        column_order=list(columns),
        hide_index=True,
        width="stretch",
        placeholder="–",
        on_change=_apply_table,
        args=(key, rows, save),
        **kwargs,
    )
    _feedback(key)


def report(key: str, fn) -> None:
    """A button's on_click work: run `fn()`; "saved" or the error then shows where `feedback(key)` is drawn."""
    _autosave_value(key, lambda _value: fn())


def feedback(key: str, *, quiet: bool = False) -> None:
    """The quiet "saved" (left out if `quiet`) or the error message of the last change made through `key`."""
    _feedback(key, quiet=quiet)


# ---------------------------------------------------------------- helpers added with steps 6-9


def link(page_id: str, label: str | None = None, *, icon: str | None = None, query_params: dict | None = None) -> None:
    """A link to a page of the journey by its id (its file name in pages/). Its words default to the step's
    label ("Step 7: Mapping out potential partners") for a step's main page, else the page's menu title."""
    st.page_link(
        steps.page_path(page_id),
        label=label or steps.link_label(page_id),
        icon=icon or ":material/arrow_forward:",
        query_params=query_params,
    )


def where_next(workspace_id: str) -> None:
    """Where the team goes on from here: the first step not done yet (Step 1 on a new workspace), as a link."""
    nxt = steps.suggested_next(steps.workspace_progress(store(), workspace_id))
    if nxt is None:
        st.success("Every step has its answers. Download your documents from Reports.", icon=":material/task_alt:")
        link("reports")
        return
    with st.container(border=True):
        st.markdown(f"**Next:** {nxt.purpose}" if nxt.purpose else "**Next**")
        link(nxt.pages[0].id, nxt.label)


def all_messages(exc: Exception) -> str:
    """Every message of a refused value, as its model worded it (no field name put in front)."""
    from core.table_edits import messages_of

    return " ".join(messages_of(exc))


def autosave_field(widget, key: str, label: str, stored, save, **kwargs):
    """Like `autosave`, for values whose models word every message themselves (steps 6-9): all of a
    refused value's messages show beside the field as written, with no field name put in front.

    Seeded from `stored` whenever it was not drawn on the previous run; a refused value stays in the
    field, and nothing is saved.
    """
    return autosave(widget, key, stored, save, label=label, describe=all_messages, **kwargs)


def record_editor(
    key: str,
    frame,
    record_ids: list,
    *,
    add,
    update,
    delete,
    column_config: dict,
    num_rows: str = "dynamic",
    blank_means_default: tuple[str, ...] = (),
    alt: str | None = None,
) -> None:
    """An `st.data_editor` over stored rows: each edit, addition and deletion is applied through `add`,
    `update(record_id, changes)` and `delete(record_id)` in its on_change callback (the page re-reads the
    store on the rerun); refused rows are listed under the table with the reason."""
    from core.table_edits import apply_edits

    # The version of each row as drawn: a change or deletion of a row another window saved since is
    # refused for that row (answers.expected_versions), the other rows are saved.
    workspace = current_workspace()
    drawn = answers.record_versions(store(), workspace.id, [str(r) for r in record_ids]) if workspace else {}

    def apply() -> None:
        with answers.expected_versions(drawn):
            st.session_state[f"{key}__errors"] = apply_edits(
                record_ids,
                st.session_state[key],
                add=add,
                update=update,
                delete=delete,
                blank_means_default=blank_means_default,
            )

    st.data_editor(
        frame,
        key=key,
        column_config=column_config,
        num_rows=num_rows,
        hide_index=True,
        on_change=apply,
        width="stretch",
        alt=alt,
    )
    for message in st.session_state.get(f"{key}__errors", []):
        st.error(escape_md(message), icon=":material/error:")
