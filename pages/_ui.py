"""Shared page helpers: the store of the process, the open workspace, step headers, autosave.

Pages stay thin by calling these. Nothing here computes a score or builds a
document: that is `core`'s job. Not listed in the navigation.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar

import streamlit as st
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

from core import content
from core.steps import step as get_step
from core.store import answers, migrate, workspaces
from core.store.answers import read_snapshot
from core.store.database import Store, StoreError, database_url, describe_url
from core.store.models import Workspace
from core.text import TextTooLong

TOKEN_PARAM = "ws"  # noqa: S105 - the name of the URL parameter, not a secret


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


def current_workspace() -> Workspace | None:
    """The workspace this browser has open, found by the session token in the URL.

    The token is kept in `st.query_params` (so a reload finds it) and mirrored in
    session state (so page switches that drop query parameters keep it).
    """
    found = _page_workspace.get()
    if found is not _LOOK_UP:
        return found  # type: ignore[return-value]
    token = st.query_params.get(TOKEN_PARAM) or st.session_state.get("workspace_token")
    if not token:
        return None
    workspace = workspaces.workspace_for_token(store(), token)
    if workspace is None:
        forget_workspace()
        st.session_state["workspace_notice"] = "Your session ended; open the workspace again with its passphrase."
        return None
    st.session_state["workspace_token"] = token
    if st.query_params.get(TOKEN_PARAM) != token:
        st.query_params[TOKEN_PARAM] = token
    return workspace


def remember_workspace(token: str) -> None:
    _page_workspace.set(_LOOK_UP)
    st.session_state["workspace_token"] = token
    st.query_params[TOKEN_PARAM] = token


def forget_workspace() -> None:
    _page_workspace.set(_LOOK_UP)
    token = st.session_state.pop("workspace_token", None) or st.query_params.get(TOKEN_PARAM)
    if token:
        workspaces.close_session(store(), token)
    if TOKEN_PARAM in st.query_params:
        del st.query_params[TOKEN_PARAM]


def require_workspace() -> Workspace:
    """The open workspace, or a message and a stop if none is open."""
    workspace = current_workspace()
    if workspace is None:
        st.info("Open or create a workspace first: your answers are saved in it.")
        st.page_link("pages/workspace.py", label="Go to Workspace", icon=":material/login:")
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


def escape_md(text: str) -> str:
    """User text shown through markdown: markdown syntax and HTML are shown as typed, never rendered."""
    specials = "\\`*_{}[]()#+-.!|<>~$"
    return "".join("\\" + ch if ch in specials else ch for ch in text)


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


def _save_text(workspace_id: str, section: str, prompt: str, key: str) -> None:
    try:
        answers.save_text(store(), workspace_id, section, prompt, st.session_state[key])
        st.session_state[_status_key(key)] = ("saved", time.strftime("%H:%M"))
    except (TextTooLong, StoreError, ValueError) as exc:
        # The typed text stays in the widget; only the store keeps its last good value.
        st.session_state[_status_key(key)] = ("error", str(exc))


def _feedback(key: str, *, quiet: bool = False) -> None:
    status = st.session_state.get(_status_key(key))
    if not status:
        return
    kind, message = status
    if kind == "error":
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
    previous run, and never overwritten while a person is editing it.
    """
    key = f"text__{section}__{prompt}"
    if key not in st.session_state:
        st.session_state[key] = (
            stored if stored is not None else answers.get_text(store(), workspace_id, section, prompt)
        )
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
    _feedback(key)
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
    from core.glossary import glossary_term

    term = glossary_term(term_id)
    st.page_link(
        "pages/glossary.py",
        label=label or f"Glossary: {term.term if term else term_id}",
        icon=":material/menu_book:",
        query_params={"term": term_id},
    )


def step_footer(gives: str, next_page: str, next_label: str) -> None:
    """The "what this gives you / next step" close of a step page."""
    st.divider()
    st.subheader("What this gives you", anchor=False)
    st.markdown(gives)
    st.page_link(next_page, label=next_label, icon=":material/arrow_forward:")


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
    except (ValueError, KeyError, StoreError) as exc:
        st.session_state[_status_key(key)] = ("error", error_text(exc))


def table_editor(key: str, rows: list[dict], columns: dict, save, /, *, height: int | None = None) -> None:
    """An editable table fed from the store; every change is applied through `save(new_rows)`.

    `rows` are what the store holds (with a hidden `id` column for records);
    `columns` maps column name to its `st.column_config` (order = display
    order). After a successful save the next run feeds the editor the new
    rows; after a failed one the error shows under the table and the edits stay.
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


def link_to_page(page: str, label: str, *, icon: str | None = None, query_params: dict | None = None) -> None:
    """A link to another page of the app (every page it names exists now, so no fallback)."""
    st.page_link(page, label=label, icon=icon or ":material/arrow_forward:", query_params=query_params)


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

    def apply() -> None:
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
