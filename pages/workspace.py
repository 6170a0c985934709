"""Workspace: create, open, switch, rename, delete, and the demo workspace."""

import streamlit as st
from pydantic import ValidationError

from core import demo
from core.store import workspaces
from core.store.workspaces import WorkspaceError, WorkspaceProfile
from pages import _ui

OPTIONS = workspaces.options()
ORG_LABELS = {o.id: o.label for o in OPTIONS.org_types}
POP_LABELS = {o.id: o.label for o in OPTIONS.populations}


def _errors_of(exc: Exception) -> dict[str, str]:
    if isinstance(exc, ValidationError):
        return {str(e["loc"][0]) if e["loc"] else "form": e["msg"].removeprefix("Value error, ") for e in exc.errors()}
    return {"form": str(exc)}


def _field_error(form: str, field: str) -> None:
    message = st.session_state.get(f"{form}__errors", {}).get(field)
    if message:
        st.error(message, icon=":material/error:")


def profile_fields(form: str, current: WorkspaceProfile | None = None) -> None:
    st.text_input("Organization name", key=f"{form}__name", value=current.name if current else "", max_chars=120)
    _field_error(form, "name")
    states = [""] + OPTIONS.states
    st.selectbox(
        "State",
        states,
        key=f"{form}__state",
        index=states.index(current.state) if current else 0,
        format_func=lambda s: s or "Choose a state",
    )
    orgs = [""] + list(ORG_LABELS)
    st.selectbox(
        "Organization type",
        orgs,
        key=f"{form}__org_type",
        index=orgs.index(current.org_type) if current else 0,
        format_func=lambda o: ORG_LABELS.get(o, "Choose a type"),
    )
    st.multiselect(
        "Populations you serve",
        list(POP_LABELS),
        key=f"{form}__populations",
        default=current.populations if current else [],
        format_func=POP_LABELS.get,
        help="Whom your program serves today. You can change this later.",
    )
    _field_error(form, "populations")


def profile_from(form: str) -> WorkspaceProfile:
    ss = st.session_state
    return WorkspaceProfile(
        name=ss[f"{form}__name"],
        state=ss[f"{form}__state"],
        org_type=ss[f"{form}__org_type"],
        populations=ss[f"{form}__populations"],
    )


def on_create() -> None:
    ss = st.session_state
    ss["create__errors"] = {}
    try:
        profile = profile_from("create")
        if ss["create__passphrase"] != ss["create__passphrase2"]:
            raise WorkspaceError("The two passphrases are not the same.")
        workspace = workspaces.create_workspace(_ui.store(), profile, ss["create__passphrase"])
    except (ValidationError, ValueError) as exc:
        errors = _errors_of(exc)
        if "form" in errors and "passphrase" in errors["form"].lower():
            errors = {"passphrase": errors["form"]}
        ss["create__errors"] = errors
        return
    _ui.remember_workspace(workspaces.start_session(_ui.store(), workspace.id))
    ss["create__passphrase"] = ss["create__passphrase2"] = ""
    ss["workspace_notice"] = f"Workspace {workspace.name!r} created. Remember its passphrase: it cannot be recovered."


def on_open() -> None:
    ss = st.session_state
    ss["open__errors"] = {}
    try:
        _, token = workspaces.open_workspace(_ui.store(), ss["open__name"], ss["open__passphrase"])
    except WorkspaceError as exc:
        ss["open__errors"] = {"form": str(exc)}
        return
    finally:
        ss["open__passphrase"] = ""
    _ui.remember_workspace(token)


def on_demo(reset: bool = False) -> None:
    try:
        _, token = demo.open_demo(_ui.store(), reset=reset)
    except WorkspaceError as exc:
        st.session_state["demo__errors"] = {"form": str(exc)}
        return
    _ui.forget_workspace()
    _ui.remember_workspace(token)


def on_save_profile(workspace_id: str) -> None:
    st.session_state["profile__errors"] = {}
    try:
        workspaces.update_profile(_ui.store(), workspace_id, profile_from("profile"))
        st.session_state["workspace_notice"] = "Profile saved."
    except (ValidationError, ValueError) as exc:
        st.session_state["profile__errors"] = _errors_of(exc)


def on_change_passphrase(workspace_id: str) -> None:
    ss = st.session_state
    ss["pass__errors"] = {}
    try:
        if ss["pass__new"] != ss["pass__new2"]:
            raise WorkspaceError("The two new passphrases are not the same.")
        workspaces.change_passphrase(_ui.store(), workspace_id, ss["pass__current"], ss["pass__new"])
        ss["workspace_notice"] = "Passphrase changed."
    except ValueError as exc:
        ss["pass__errors"] = {"form": str(exc)}
    finally:
        ss["pass__current"] = ss["pass__new"] = ss["pass__new2"] = ""


def on_delete(workspace_id: str) -> None:
    try:
        workspaces.delete_workspace(_ui.store(), workspace_id, st.session_state["delete__confirm"])
    except WorkspaceError as exc:
        st.session_state["delete__errors"] = {"form": str(exc)}
        return
    _ui.forget_workspace()
    st.session_state["workspace_notice"] = "The workspace and everything in it was deleted."


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
        _field_error("open", "form")
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
        _field_error("create", "passphrase")
        _field_error("create", "form")
        st.form_submit_button("Create workspace", type="primary", on_click=on_create)
    with tab_demo:
        st.markdown(
            f"The demo is a fictional program, **{demo.demo_name()}**, with the steps filled in. "
            "Anyone using this app can open it; do not put real information in it."
        )
        st.button("Open the demo workspace", type="primary", on_click=on_demo, icon=":material/science:")
        _field_error("demo", "form")
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
        _field_error("profile", "form")
        st.form_submit_button("Save profile", on_click=on_save_profile, args=(workspace.id,))

with st.expander("Change passphrase", icon=":material/key:"):
    with st.form("pass"):
        st.text_input("Current passphrase", key="pass__current", type="password")
        st.text_input("New passphrase", key="pass__new", type="password")
        st.text_input("New passphrase again", key="pass__new2", type="password")
        _field_error("pass", "form")
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
    _field_error("delete", "form")
    st.button(
        "Delete this workspace for good",
        type="primary",
        on_click=on_delete,
        args=(workspace.id,),
        disabled=not st.session_state.get("delete__confirm"),
    )
