"""Workspace: create, open, switch, rename, delete, and the demo workspace."""

import streamlit as st

from core import demo
from core.store.workspaces import WorkspaceProfile
from pages import _ui
from pages._workspace_ui import (
    field_error,
    on_change_passphrase,
    on_create,
    on_delete,
    on_demo,
    on_open,
    on_save_profile,
    profile_fields,
)

notice = st.session_state.pop("workspace_notice", None)
if notice:
    st.success(notice, icon=":material/info:")
workspace = _ui.current_workspace()

if workspace is None:
    st.title("Workspace")
    st.markdown(
        "A workspace holds everything one organization enters. It is protected by a passphrase; "
        "share it only with your team. Nothing here asks about clients, and nothing should."
    )
    tab_open, tab_create, tab_demo = st.tabs(["Open a workspace", "Create a workspace", "Try the demo"])
    with tab_open, st.form("open"):
        st.text_input("Organization name", key="open__name", max_chars=120)
        st.text_input("Passphrase", key="open__passphrase", type="password")
        field_error("open", "form")
        st.form_submit_button("Open", type="primary", on_click=on_open)
    with tab_create, st.form("create"):
        profile_fields("create")
        st.text_input(
            "Passphrase",
            key="create__passphrase",
            type="password",
            help="At least 8 characters. It is stored only as a slow one-way hash: if it is lost, "
            "nobody can recover the workspace, so keep it somewhere safe.",
        )
        st.text_input("Passphrase again", key="create__passphrase2", type="password")
        field_error("create", "passphrase")
        field_error("create", "form")
        st.form_submit_button("Create workspace", type="primary", on_click=on_create)
    with tab_demo:
        st.markdown(
            f"The demo is a fictional program, **{demo.demo_name()}**, with the steps filled in. "
            "Anyone using this app can open it; do not put real information in it."
        )
        st.button("Open the demo workspace", type="primary", on_click=on_demo, icon=":material/science:")
        field_error("demo", "form")
    st.stop()

st.title(_ui.escape_md(workspace.name))
st.caption(
    "This workspace is open in this browser. Bookmark this page to come back to it; "
    "after 12 idle hours you will be asked for the passphrase again."
)
if workspace.is_demo:
    st.info(
        "This is the demo workspace: a fictional program. Changes you make are visible to anyone who opens the demo."
    )
    st.button(
        "Reset the demo to its original content",
        on_click=on_demo,
        kwargs={"reset": True},
        icon=":material/restart_alt:",
    )

st.subheader("About your organization", anchor=False)
_ui.text_answer(
    workspace.id,
    "workspace",
    "about",
    "In a few sentences: who you are, where you work, whom you serve",
    help="Used on the title pages of your exports. Saved when you click outside the box.",
    height=140,
)

with st.expander("Profile: name, state, type, populations", icon=":material/edit:"):
    with st.form("profile"):
        profile_fields(
            "profile",
            WorkspaceProfile(
                name=workspace.name,
                state=workspace.state,
                org_type=workspace.org_type,
                populations=workspace.populations,
            ),
        )
        field_error("profile", "form")
        st.form_submit_button("Save profile", on_click=on_save_profile, args=(workspace.id,))

with st.expander("Change passphrase", icon=":material/key:"):
    with st.form("pass"):
        st.text_input("Current passphrase", key="pass__current", type="password")
        st.text_input("New passphrase", key="pass__new", type="password")
        st.text_input("New passphrase again", key="pass__new2", type="password")
        field_error("pass", "form")
        st.form_submit_button("Change passphrase", on_click=on_change_passphrase, args=(workspace.id,))

with st.expander("Switch to another workspace", icon=":material/swap_horiz:"):
    st.markdown("Close this workspace in this browser, then open or create another. Nothing is lost.")
    if st.button("Close and open another", key="switch"):
        _ui.forget_workspace()
        st.rerun()

with st.expander("Delete this workspace", icon=":material/delete:"):
    st.warning(
        "Deleting removes every answer, table and note of this workspace for good. "
        "Download a backup first (Reports > Backup & restore) if you might need it."
    )
    st.text_input(f"Type the workspace name ({workspace.name}) to confirm", key="delete__confirm")
    field_error("delete", "form")
    st.button(
        "Delete this workspace for good",
        type="primary",
        on_click=on_delete,
        args=(workspace.id,),
        disabled=not st.session_state.get("delete__confirm"),
    )
