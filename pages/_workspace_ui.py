"""The Workspace page's forms: profile fields, and the callbacks that create, open, change and delete.

Each callback checks its form's input through `core.store.workspaces` and leaves either a notice
or the errors by field in session state, for the page to show beside the fields. Not listed in
the navigation.
"""

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


def field_error(form: str, field: str) -> None:
    message = st.session_state.get(f"{form}__errors", {}).get(field)
    if message:
        st.error(message, icon=":material/error:")


def profile_fields(form: str, current: WorkspaceProfile | None = None) -> None:
    st.text_input("Organization name", key=f"{form}__name", value=current.name if current else "", max_chars=120)
    field_error(form, "name")
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
    field_error(form, "populations")


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
