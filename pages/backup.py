"""Backup & restore: the whole workspace as one JSON file, and back."""

import streamlit as st

from core.export import backup
from core.store import workspaces
from pages import _ui

workspace = _ui.require_workspace()
st.title("Backup & restore")
st.markdown(
    "A backup is one file with everything this workspace holds: answers, every earlier version of "
    "them, tables and notes. Keep it somewhere safe; restoring it gives back exactly what it held."
)

st.subheader("Download a backup", anchor=False)
st.download_button(
    "Download backup (.json)",
    data=lambda: backup.export_workspace(_ui.store(), workspace.id),
    file_name=f"workbook-backup-{workspace.name[:40].replace(' ', '-')}.json",
    mime="application/json",
    icon=":material/download:",
    on_click="ignore",
)

st.subheader("Restore from a backup", anchor=False)
upload = st.file_uploader(
    "Backup file",
    type=["json"],
    key="restore__file",
    help="A .json file downloaded from this page, from this or another copy of the app.",
)
if upload is not None:
    try:
        parsed = backup.parse_backup(upload.getvalue())
    except backup.BackupError as exc:
        st.error(f"This file cannot be restored: {exc}", icon=":material/error:")
        st.stop()
    same = parsed["workspace_id"] == workspace.id
    st.markdown(
        f"The file holds the workspace **{_ui.escape_md(parsed['name'])}** "
        f"({sum(len(rows) for rows in parsed['tables'].values())} rows)."
    )
    if same:
        mode = st.radio(
            "How to restore",
            ["Replace this workspace with the backup", "Add it as a copy beside this one"],
            key="restore__mode",
        )
    else:
        mode = "Add it as a copy beside this one"
        st.caption("It will be added as a separate workspace, opened with the backup's passphrase.")
    if st.button("Restore", type="primary", key="restore__go"):
        try:
            new_id = backup.restore_workspace(
                _ui.store(), upload.getvalue(), replace=mode.startswith("Replace"), as_copy=mode.startswith("Add")
            )
        except backup.BackupError as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            if new_id == workspace.id:  # replacing ended this browser's session with the old rows
                _ui.remember_workspace(workspaces.start_session(_ui.store(), new_id))
            st.success("Restored." + ("" if new_id == workspace.id else " Open the copy from the Workspace page."))
