"""Inputs that save on change, and the quiet "Saved at" or the error beside them.

`autosave` / `autosave_field` wrap any input widget; `text_answer` keeps every revision of a text answer and
settles a conflict with another window; `text_history` restores an earlier revision; `report` does a button's
work with the same feedback. Each widget is seeded from the store whenever it was not drawn on the previous
run, and a refused value stays in the widget while the store keeps its last good value. The saving itself is
`core`'s (the `save` functions passed in); nothing here validates a value. Not listed in the navigation.
"""

from __future__ import annotations

import time

import streamlit as st

from core.store import answers
from core.store.answers import StaleEdit
from pages import _errors, _session


def status_key(key: str) -> str:
    """Where the last change made through `key` leaves ("saved", time), ("error", message) or ("conflict", message)."""
    return f"{key}__status"


def _base_key(key: str) -> str:
    return f"{key}__base"


def _save_text(workspace_id: str, section: str, prompt: str, key: str) -> None:
    try:
        base = st.session_state.get(_base_key(key))
        text = st.session_state[key]
        revision = answers.save_text(_session.store(), workspace_id, section, prompt, text, expected_revision=base)
        st.session_state[_base_key(key)] = revision
        st.session_state[status_key(key)] = ("saved", time.strftime("%H:%M"))
    except StaleEdit as exc:
        # Another window saved this answer since this one showed it: keep both, let the person choose.
        st.session_state[status_key(key)] = ("conflict", str(exc))
    except _errors.USER_ERRORS as exc:
        # The typed text stays in the widget; only the store keeps its last good value.
        st.session_state[status_key(key)] = ("error", _errors.user_message(exc))


def _keep_mine(workspace_id: str, section: str, prompt: str, key: str) -> None:
    """Save this window's text over the other one (which stays among the earlier versions)."""
    st.session_state[_base_key(key)] = answers.get_text_revision(_session.store(), workspace_id, section, prompt)
    _save_text(workspace_id, section, prompt, key)


def _show_theirs(key: str) -> None:
    """Drop this window's unsaved text and show what the store holds now."""
    for k in (key, _base_key(key), status_key(key)):
        st.session_state.pop(k, None)


def _feedback(key: str, *, quiet: bool = False, conflict=None) -> None:
    status = st.session_state.get(status_key(key))
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


def feedback(key: str, *, quiet: bool = False) -> None:
    """The quiet "saved" (left out if `quiet`) or the error message of the last change made through `key`."""
    _feedback(key, quiet=quiet)


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
            stored if stored is not None else answers.get_text(_session.store(), workspace_id, section, prompt)
        )
        st.session_state[_base_key(key)] = answers.get_text_revision(_session.store(), workspace_id, section, prompt)
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
        revisions = answers.text_revisions(_session.store(), workspace_id, section, prompt)
        if not revisions:
            st.caption("Nothing saved yet.")
        for rev in revisions[:20]:
            st.caption(
                f"Version {rev.revision}, {rev.created_at:%Y-%m-%d %H:%M} UTC {('- ' + rev.note) if rev.note else ''}"
            )
            st.text(rev.text[:500] + ("..." if len(rev.text) > 500 else ""))
            if st.button("Restore this version", key=f"restore__{section}__{prompt}__{rev.revision}"):
                answers.restore_text_revision(_session.store(), workspace_id, section, prompt, rev.revision)
                st.session_state.pop(f"text__{section}__{prompt}", None)
                st.rerun()


def save_value(key: str, save, describe=None) -> None:
    """An on_change callback: `save` the widget's value and leave "saved" or the worded error under `key`."""
    try:
        save(st.session_state[key])
        st.session_state[status_key(key)] = ("saved", time.strftime("%H:%M"))
    except _errors.USER_ERRORS as exc:
        # The widget keeps what was typed; the store keeps its last good value.
        st.session_state[status_key(key)] = ("error", (describe or _errors.user_message)(exc))


def autosave(widget, key: str, stored, save, /, *, quiet: bool = False, describe=None, **kwargs):
    """Any input widget (`st.number_input`, `st.selectbox`, `st.toggle` ...) that saves on change.

    `save(value)` validates and writes; if it raises, the message (worded by
    `describe(exc)`, `_errors.user_message` unless given) shows beside the field and the
    typed value stays. The widget is seeded from `stored` whenever it was not
    drawn on the previous run. `quiet` leaves out the "Saved at" line.
    """
    if key not in st.session_state:
        st.session_state[key] = stored
    value = widget(key=key, on_change=save_value, args=(key, save, describe), **kwargs)
    _feedback(key, quiet=quiet)
    return value


def autosave_field(widget, key: str, label: str, stored, save, **kwargs):
    """Like `autosave`, for values whose models word every message themselves (steps 6-9): all of a
    refused value's messages show beside the field as written, with no field name put in front.

    Seeded from `stored` whenever it was not drawn on the previous run; a refused value stays in the
    field, and nothing is saved.
    """
    return autosave(widget, key, stored, save, label=label, describe=_errors.all_messages, **kwargs)


def report(key: str, fn) -> None:
    """A button's on_click work: run `fn()`; "saved" or the error then shows where `feedback(key)` is drawn."""
    save_value(key, lambda _value: fn())
