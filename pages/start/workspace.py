"""Workspace: create, open, recover, switch, rename, passphrase and sessions, delete, and the demo."""

import streamlit as st

from core import demo
from core.store import workspaces
from core.store.workspaces import WorkspaceProfile
from pages import _ui
from pages import _workspace_ui as ui

ui.show_notice()
workspace = _ui.current_workspace()

if workspace is None:
    st.title("Workspace")
    st.markdown(
        "A workspace holds everything one organization enters. It is protected by a passphrase; "
        "share it only with your team. Nothing here asks about clients, and nothing should."
    )
    tab_open, tab_create, tab_recover, tab_demo = st.tabs(
        ["Open a workspace", "Create a workspace", "Forgot the passphrase?", "Try the demo"]
    )
    with tab_open, st.form("open"):
        st.text_input("Organization name", key="open__name", max_chars=120)
        st.text_input("Passphrase", key="open__passphrase", type="password")
        ui.field_error("open", "form")
        st.form_submit_button("Open", type="primary", on_click=ui.on_open)
    with tab_create, st.form("create"):
        ui.profile_fields("create")
        st.text_input(
            "Passphrase",
            key="create__passphrase",
            type="password",
            help="At least 8 characters. It is stored only as a slow one-way key. You will get recovery codes "
            "to set a new one if it is ever lost.",
        )
        st.text_input("Passphrase again", key="create__passphrase2", type="password")
        ui.field_error("create", "passphrase")
        ui.field_error("create", "form")
        st.form_submit_button("Create workspace", type="primary", on_click=ui.on_create)
    with tab_recover, st.form("recover"):
        st.markdown("A recovery code (given when the workspace was created) sets a new passphrase, once.")
        st.text_input("Organization name", key="recover__name", max_chars=120)
        st.text_input("Recovery code", key="recover__code", max_chars=40, placeholder="XXXXX-XXXXX-XXXXX-XXXXX")
        st.text_input("New passphrase", key="recover__passphrase", type="password")
        st.text_input("New passphrase again", key="recover__passphrase2", type="password")
        ui.field_error("recover", "form")
        st.form_submit_button("Set the new passphrase", type="primary", on_click=ui.on_recover)
    with tab_demo:
        st.markdown(
            f"The demo is a fictional program, **{_ui.escape_md(demo.demo_name())}**, with the steps filled in. "
            "Anyone using this app can open it; do not put real information in it."
        )
        st.button("Open the demo workspace", type="primary", on_click=ui.on_demo, icon=":material/science:")
        ui.field_error("demo", "form")
    st.stop()

st.title(_ui.escape_md(workspace.name), anchor=False)
st.caption(
    "This workspace is open in this browser until you close it, after 12 idle hours, or after 30 days; "
    "then the passphrase is asked again. Nothing about it is in the page's address, so sharing a link "
    "or a screenshot never shares the workspace."
)
ui.recovery_codes_once()
_ui.where_next(workspace.id)
if workspace.is_demo:
    st.info(
        "This is the demo workspace: a fictional program. Changes you make are visible to anyone who opens the demo."
    )
    st.button(
        "Reset the demo to its original content",
        on_click=ui.on_demo,
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

with st.expander("Profile: name, state, type, populations", icon=":material/edit:"), st.form("profile"):
    current = WorkspaceProfile(
        name=workspace.name, state=workspace.state, org_type=workspace.org_type, populations=workspace.populations
    )
    ui.profile_fields("profile", current, name_locked=workspace.is_demo)
    if not workspace.is_demo:
        st.text_input("Passphrase (only to change the name)", key="profile__passphrase", type="password")
    ui.field_error("profile", "form")
    st.form_submit_button("Save profile", on_click=ui.on_save_profile, args=(workspace.id,))

if not workspace.is_demo:
    with st.expander("Passphrase and recovery codes", icon=":material/key:"):
        with st.form("pass"):
            st.text_input("Current passphrase", key="pass__current", type="password")
            st.text_input("New passphrase", key="pass__new", type="password")
            st.text_input("New passphrase again", key="pass__new2", type="password")
            ui.field_error("pass", "form")
            st.form_submit_button("Change passphrase", on_click=ui.on_change_passphrase, args=(workspace.id,))
        left = workspaces.recovery_codes_left(_ui.store(), workspace.id)
        with st.form("codes"):
            st.markdown(f"**Recovery codes:** {left} unused. New codes replace all the old ones; they are shown once.")
            st.text_input("Passphrase", key="codes__passphrase", type="password")
            ui.field_error("codes", "form")
            st.form_submit_button("Make new recovery codes", on_click=ui.on_new_codes, args=(workspace.id,))
    with st.expander("Sign out everywhere", icon=":material/devices:"):
        st.markdown(
            "Closes this workspace in every browser that has it open, this one included, and forgets every "
            "browser that opened it before. Use it after a computer was lost or shared."
        )
        st.button("Sign out everywhere", key="everywhere", on_click=ui.on_sign_out_everywhere, args=(workspace.id,))

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
    st.text_input(f"Type the workspace name ({_ui.escape_md(workspace.name)}) to confirm", key="delete__confirm")
    ui.field_error("delete", "form")
    st.button(
        "Delete this workspace for good",
        type="primary",
        on_click=ui.on_delete,
        args=(workspace.id,),
        disabled=not st.session_state.get("delete__confirm"),
    )
