"""Driving `st.data_editor` in AppTest the way a browser does.

AppTest can read a data editor but not edit it, and assigning the edit state to
`at.session_state` does not run the editor's on_change callback (where our pages
save). A browser sends the edit state as the widget's JSON value; `edit_table`
sends the same widget state for the next run, so the callback runs exactly as
it does in the app. It uses AppTest's `_tree` and `_run` (Streamlit 1.67).
"""

from __future__ import annotations

import json
import re

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest


def edit_table(
    at: AppTest, key: str, *, edited: dict | None = None, added: list | None = None, deleted: list | None = None
) -> AppTest:
    """Run the app once with `key`'s editor changed: edited rows by index, added rows, deleted row indexes."""
    editor = at.data_editor(key=key)
    states = at._tree.get_widget_states()
    value = {
        "edited_rows": {str(k): v for k, v in (edited or {}).items()},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    states.widgets.append(WidgetState(id=editor.proto.id, string_value=json.dumps(value)))
    return at._run(states)


def shown(at: AppTest) -> str:
    """Every markdown, caption, alert and metric text on the page, with markdown escapes removed."""
    kinds = ("markdown", "caption", "info", "success", "warning", "error")
    parts = [e.value for kind in kinds for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def table_with(at: AppTest, column: str):
    """The first table (st.table, or st.dataframe but not an editor) with `column`, as a pandas DataFrame."""
    for table in at.table:
        if column in table.value.columns:
            return table.value
    for frame in at.dataframe:
        if frame.editing_mode == "read_only" and column in frame.value.columns:
            return frame.value
    raise AssertionError(f"No table with a column {column!r} on the page.")


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Select the tab `label` of lazy tabs (`st.tabs(..., key=key, on_change="rerun")`) and rerun."""
    at.session_state[key] = label
    return at.run()


def plain(markdown: str) -> str:
    """Text shown through `_ui.escape_md`, as people read it (the backslashes only stop markdown)."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")  # escape_md's link breaker is invisible


def errors(at: AppTest) -> list[str]:
    """The error messages on the page, as people read them."""
    return [plain(e.value) for e in at.error]
