"""Driving `st.data_editor` from AppTest the way the browser does.

AppTest can read a data editor but has no setter for it, and assigning its edit state through
`at.session_state` does not fire its `on_change` callback. The browser sends the edits as the
widget's JSON value; this helper sends the same message for one run, so the page's callback runs
exactly as in the app. (It uses AppTest's tree of widget states, which has no public setter.)
"""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest


def edit_table(
    at: AppTest,
    key: str,
    *,
    edited_rows: dict | None = None,
    added_rows: list | None = None,
    deleted_rows: list | None = None,
) -> AppTest:
    editor = at.data_editor(key=key)
    states = at._tree.get_widget_states()
    state = next((w for w in states.widgets if w.id == editor.proto.id), None) or states.widgets.add()
    state.id = editor.proto.id
    state.string_value = json.dumps(
        {
            "edited_rows": {str(row): cells for row, cells in (edited_rows or {}).items()},
            "added_rows": added_rows or [],
            "deleted_rows": deleted_rows or [],
        }
    )
    return at._tree._runner._run(states, None)


def plain(markdown: str) -> str:
    """Text shown through `_ui.escape_md`, as people read it (the backslashes only stop markdown)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def errors(at: AppTest) -> list[str]:
    return [plain(e.value) for e in at.error]
