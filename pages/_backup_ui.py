"""The Backup & restore page's restore form and its callback. Not listed in the navigation.

Replace is offered only for a file made from the open workspace, never in the demo, and asks for the
workspace's passphrase; anything else can only be added as a copy, with a passphrase chosen here.
"""

import streamlit as st

from core.export import backup
from core.store import workspaces
from core.store.models import Workspace
from core.store.workspaces import WorkspaceError
from pages import _ui

MODES = {
    "replace": "Replace what this workspace holds with the backup",
    "copy": "Add the backup as a new workspace (a copy)",
}


def show_result() -> None:
    result = st.session_state.pop("restore__result", None)
    if not result:
        return
    message, codes = result
    st.success(message, icon=":material/check_circle:")
    if codes:
        st.markdown("Recovery codes of the copy, shown **only now** (each sets a new passphrase once if it is lost):")
        st.code("\n".join(codes), language=None)


def restore_form(workspace: Workspace, parsed: backup.ParsedBackup) -> None:
    same = parsed.workspace_id == workspace.id
    if same and not workspace.is_demo:
        mode = st.radio("How to restore", list(MODES), format_func=MODES.get, key="restore__mode")
    else:
        mode = "copy"
        st.caption(
            "The demo is open to everyone, so it cannot be replaced: the backup can be added as a new workspace."
            if workspace.is_demo
            else "This backup was made from another workspace, so it can only be added as a new workspace: "
            "nothing in this one or any other changes."
        )
    with st.form("restore"):
        if mode == "replace":
            st.warning(
                "Everything this workspace holds now is replaced by what the file holds. Its name, passphrase "
                "and the browsers that have it open stay as they are.",
                icon=":material/warning:",
            )
            st.text_input("This workspace's passphrase", key="restore__passphrase", type="password")
        else:
            st.markdown(
                f"The copy will be named **{_ui.escape_md(backup.copy_name(parsed.name))}** and opened with "
                "a passphrase you choose now."
            )
            st.text_input("Passphrase for the copy", key="restore__copy_passphrase", type="password")
            st.text_input("Passphrase for the copy, again", key="restore__copy_passphrase2", type="password")
        message = st.session_state.get("restore__error")
        if message:
            st.error(_ui.escape_md(message), icon=":material/error:")
        st.form_submit_button("Restore", type="primary", on_click=on_restore, args=(workspace.id, mode))


def on_restore(workspace_id: str, mode: str) -> None:
    ss = st.session_state
    ss["restore__error"] = ""
    upload = ss.get("restore__file")
    if upload is None:
        ss["restore__error"] = "Choose the backup file again."
        return
    try:
        if mode == "replace":
            backup.replace_workspace(
                _ui.store(),
                workspace_id,
                upload.getvalue(),
                ss.get("restore__passphrase", ""),
                client=_ui.client(),
                browser=_ui.browser_token(),
            )
            ss["restore__result"] = ("Restored: this workspace now holds exactly what the backup held.", [])
        else:
            if ss.get("restore__copy_passphrase") != ss.get("restore__copy_passphrase2"):
                raise WorkspaceError("The two passphrases are not the same.")
            copy_id = backup.restore_copy(
                _ui.store(), upload.getvalue(), ss.get("restore__copy_passphrase", ""), client=_ui.client()
            )
            copy = workspaces.get_workspace(_ui.store(), copy_id)
            codes = workspaces.issue_recovery_codes(_ui.store(), copy_id)
            ss["restore__result"] = (
                f"Added as a new workspace, **{_ui.escape_md(copy.name)}**: open it from the Workspace page "
                "with its name and the passphrase you chose.",
                codes,
            )
    except _ui.USER_ERRORS as exc:
        ss["restore__error"] = _ui.user_message(exc)
    finally:
        for key in ("restore__passphrase", "restore__copy_passphrase", "restore__copy_passphrase2"):
            ss[key] = ""
