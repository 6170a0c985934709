"""Downloads: every document the workbook can export, each with what it will contain; each file is
built only when its button is clicked."""

import streamlit as st

from core.export import registry
from pages import _ui

workspace = _ui.require_workspace()
store = _ui.store()

st.title("Downloads")
st.markdown(
    "Every document this workspace can produce. Each one is built from what you have entered at the moment "
    "you click, so it is always up to date. Documents for partners contain only what you chose to share; "
    "the whole-workbook report and the tables are for your own records."
)

for e in registry.exports():
    with st.container(border=True):
        left, right = st.columns([3, 1], vertical_alignment="top")
        left.subheader(e.title, anchor=False)
        left.markdown(e.description)
        try:
            lines = e.preview(store, workspace.id)
        except Exception as exc:  # a broken preview must not hide the other downloads
            lines = [f"The preview could not be prepared ({type(exc).__name__}); the download may still work."]
        if lines:
            left.markdown("\n".join(f"- {_ui.escape_md(line)}" for line in lines))
        right.download_button(
            "Download",
            data=lambda e=e: e.build(store, workspace.id),
            file_name=e.filename_for(workspace.name),
            mime=e.mime,
            key=f"reports__{e.id}",
            icon=":material/download:",
            type="primary",
            on_click="ignore",
            width="stretch",
        )
        right.caption(e.filename_for(workspace.name))

st.divider()
st.markdown("**Keep a backup too:** the JSON backup above restores everything exactly, on the Backup & restore page.")
