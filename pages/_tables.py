"""Editable tables: `data_editor`, the one way a page draws an `st.data_editor`, and two tables built on it.

Every table is drawn the same way: a stable key, its column config, no index, the page's full width, an
on_change callback that applies the edits through `core`, and the messages of the last edit under the table.
`table_editor` saves whole rows through `save(new_rows)`; `record_editor` applies each edit, addition and
deletion of stored records. Nothing here validates a row: `core` does, and its messages are shown as worded.
Not listed in the navigation.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from decimal import Decimal

import pandas as pd
import streamlit as st

from core.store import answers
from core.store.answers import StaleEdit
from core.table_edits import apply_edits, rows_after
from pages import _autosave, _errors, _layout, _session


def data_editor(
    frame,
    key: str,
    column_config: Mapping,
    on_change: Callable,
    /,
    *,
    args: tuple = (),
    alt: str | None = None,
    messages: str | None = None,
    quiet: bool = False,
    **options,
) -> None:
    """An `st.data_editor` drawn the project's way, with what the last edit left under it.

    The table has the stable `key`, its `column_config`, no index and the page's full width; `on_change(*args)`
    applies the edits (`st.session_state[key]`) through `core`. `alt` describes the table for screen readers.
    Under it: when `messages` names a session-state key, every message the callback left in that list (what
    the last edit could not save, as `core` worded it), else the "saved" or the error the callback left under
    `_autosave.status_key(key)` (`quiet` leaves out "Saved at"). `options` go to `st.data_editor` as they
    are, for a table that needs them: `num_rows="dynamic"` (rows can be added and deleted), `height`,
    `column_order`, `placeholder`.
    """
    st.data_editor(
        frame,
        key=key,
        column_config=column_config,
        hide_index=True,
        width="stretch",
        on_change=on_change,
        args=args,
        alt=alt,
        **options,
    )
    if messages is not None:
        for message in st.session_state.get(messages, []):
            st.error(_layout.escape_md(message), icon=":material/error:")
    else:
        _autosave.feedback(key, quiet=quiet)


def _apply_table(key: str, rows: list[dict], save) -> None:
    try:
        save(rows_after(rows, st.session_state[key]))
        st.session_state[_autosave.status_key(key)] = ("saved", time.strftime("%H:%M"))
    except StaleEdit as exc:
        st.session_state[_autosave.status_key(key)] = ("conflict", str(exc))
    except _errors.USER_ERRORS as exc:
        st.session_state[_autosave.status_key(key)] = ("error", _errors.user_message(exc))


def table_editor(key: str, rows: list[dict], columns: dict, save, /, *, height: int | None = None) -> None:
    """An editable table fed from the store; every change is applied through `save(new_rows)`.

    `rows` are what the store holds (with the hidden `id` and `_version` of each
    record); `columns` maps column name to its `st.column_config` (order = display
    order). After a successful save the next run feeds the editor the new
    rows; after a failed one the error shows under the table and the edits stay.
    A save from a window showing rows someone changed since is refused whole
    ("changed in another window"); rows others added are never deleted.
    """

    def shown(value):
        return float(value) if isinstance(value, Decimal) else value

    frame = pd.DataFrame([{c: shown(row.get(c)) for c in columns} for row in rows], columns=list(columns))
    data_editor(
        frame,
        key,
        columns,
        _apply_table,
        args=(key, rows, save),
        num_rows="dynamic",
        column_order=list(columns),
        placeholder="–",
        **({"height": height} if height else {}),
    )


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
    # The version of each row as drawn: a change or deletion of a row another window saved since is
    # refused for that row (answers.expected_versions), the other rows are saved.
    workspace = _session.current_workspace()
    drawn = answers.record_versions(_session.store(), workspace.id, [str(r) for r in record_ids]) if workspace else {}

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

    data_editor(frame, key, column_config, apply, alt=alt, messages=f"{key}__errors", num_rows=num_rows)
