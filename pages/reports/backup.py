"""Backup & restore: the whole workspace as one JSON file, and back into this workspace or as a copy."""

import re

import streamlit as st

from core.export import backup
from pages import _backup_ui as ui
from pages import _ui

workspace = _ui.require_workspace()
st.title("Backup & restore")
st.markdown(
    "A backup is one file with everything this workspace holds: answers, every earlier version of "
    "them, tables and notes. It holds no passphrase. Keep it somewhere safe; restoring it gives back "
    "exactly what it held."
)

st.subheader("Download a backup", anchor=False)
st.download_button(
    "Download backup (.json)",
    data=lambda: backup.export_workspace(_ui.store(), workspace.id),
    file_name=f"workbook-backup-{re.sub(r'[^A-Za-z0-9_.-]+', '-', workspace.name[:40]).strip('-') or 'workspace'}.json",
    mime="application/json",
    icon=":material/download:",
    on_click="ignore",
)

st.subheader("Restore from a backup", anchor=False)
ui.show_result()
upload = st.file_uploader(
    "Backup file",
    type=["json"],
    key="restore__file",
    max_upload_size=backup.MAX_BACKUP_MB,
    help=f"A .json file downloaded from this page, from this or another copy of the app (at most "
    f"{backup.MAX_BACKUP_MB} MB).",
)
if upload is not None:
    try:
        parsed = backup.parse_backup(upload.getvalue())
    except _ui.USER_ERRORS as exc:
        st.error(f"This file cannot be restored: {_ui.escape_md(_ui.user_message(exc))}", icon=":material/error:")
        st.stop()
    st.markdown(f"The file holds the workspace **{_ui.escape_md(parsed.name)}** ({parsed.row_count:,} rows).")
    ui.restore_form(workspace, parsed)
