"""Driving `st.data_editor` in AppTest: AppTest reads editors but cannot edit them, so this sends the
edit state a browser would send (edited_rows / added_rows / deleted_rows) for the editor with `key`,
which runs its on_change callback exactly as in the app."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest


def edit_table(at: AppTest, key: str, *, edited_rows=None, added_rows=None, deleted_rows=None) -> AppTest:
    editor = next((e for e in at.data_editor if e.key == key), None)
    assert editor is not None, f"no data editor with key {key!r} on the page"
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = editor.proto.id
    state.string_value = json.dumps(
        {
            "edited_rows": {str(k): v for k, v in (edited_rows or {}).items()},
            "added_rows": added_rows or [],
            "deleted_rows": deleted_rows or [],
        }
    )
    return at._run(widget_state=states)


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Select the tab `label` of lazy tabs (`st.tabs(..., key=key, on_change="rerun")`) and rerun."""
    at.session_state[key] = label
    return at.run()


def plain(markdown: str) -> str:
    """Text shown through `_ui.escape_md`, as people read it (the backslashes only stop markdown)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def errors(at: AppTest) -> list[str]:
    """The error messages on the page, as people read them."""
    return [plain(e.value) for e in at.error]
