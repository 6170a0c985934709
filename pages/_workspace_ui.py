"""The Workspace page's forms: profile fields, and the callbacks that create, open, recover, change and
delete; recovery codes shown once.

Each callback checks its form's input through `core.store.workspaces` (passing who is trying, for the
guessing limits) and leaves either a notice or the errors by field in session state, for the page to
show beside the fields. Names typed by people are shown only through `_ui.escape_md`. Not listed in
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
CODES_KEY = "recovery_codes_to_show"


def _errors_of(exc: Exception) -> dict[str, str]:
    if isinstance(exc, ValidationError):
        return {str(e["loc"][0]) if e["loc"] else "form": e["msg"].removeprefix("Value error, ") for e in exc.errors()}
    return {"form": _ui.user_message(exc)}


def field_error(form: str, field: str) -> None:
    message = st.session_state.get(f"{form}__errors", {}).get(field)
    if message:
        st.error(_ui.escape_md(message), icon=":material/error:")


def show_notice() -> None:
    """The notice the last action left (its names already escaped)."""
    notice = st.session_state.pop("workspace_notice", None)
    if notice:
        st.success(notice, icon=":material/info:")


def _notice(text: str) -> None:
    st.session_state["workspace_notice"] = text


def profile_fields(form: str, current: WorkspaceProfile | None = None, *, name_locked: bool = False) -> None:
    st.text_input(
        "Organization name",
        key=f"{form}__name",
        value=current.name if current else "",
        max_chars=120,
        disabled=name_locked,
    )
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


def _clear(*keys: str) -> None:
    for key in keys:
        st.session_state[key] = ""


# ---------------------------------------------------------------- not open yet


def on_create() -> None:
    ss = st.session_state
    ss["create__errors"] = {}
    try:
        profile = profile_from("create")
        if ss["create__passphrase"] != ss["create__passphrase2"]:
            raise WorkspaceError("The two passphrases are not the same.")
        workspace = workspaces.create_workspace(_ui.store(), profile, ss["create__passphrase"], client=_ui.client())
    except _ui.USER_ERRORS as exc:
        errors = _errors_of(exc)
        if "form" in errors and "passphrase" in errors["form"].lower():
            errors = {"passphrase": errors["form"]}
        ss["create__errors"] = errors
        return
    finally:
        _clear("create__passphrase", "create__passphrase2")
    _ui.remember_workspace(workspaces.start_session(_ui.store(), workspace.id))
    ss[CODES_KEY] = workspaces.issue_recovery_codes(_ui.store(), workspace.id)
    _notice(f"Workspace **{_ui.escape_md(workspace.name)}** created.")


def on_open() -> None:
    ss = st.session_state
    ss["open__errors"] = {}
    try:
        _, token = workspaces.open_workspace(
            _ui.store(), ss["open__name"], ss["open__passphrase"], client=_ui.client(), browser=_ui.browser_token()
        )
    except _ui.USER_ERRORS as exc:
        ss["open__errors"] = {"form": _ui.user_message(exc)}
        return
    finally:
        _clear("open__passphrase")
    _ui.remember_workspace(token)


def on_recover() -> None:
    ss = st.session_state
    ss["recover__errors"] = {}
    try:
        if ss["recover__passphrase"] != ss["recover__passphrase2"]:
            raise WorkspaceError("The two new passphrases are not the same.")
        workspace, token = workspaces.recover_workspace(
            _ui.store(),
            ss["recover__name"],
            ss["recover__code"],
            ss["recover__passphrase"],
            client=_ui.client(),
            browser=_ui.browser_token(),
        )
    except _ui.USER_ERRORS as exc:
        ss["recover__errors"] = {"form": _ui.user_message(exc)}
        return
    finally:
        _clear("recover__code", "recover__passphrase", "recover__passphrase2")
    _ui.remember_workspace(token)
    left = workspaces.recovery_codes_left(_ui.store(), workspace.id)
    _notice(
        f"New passphrase set for **{_ui.escape_md(workspace.name)}**; every other browser was signed out. "
        f"{left} recovery code{'s' if left != 1 else ''} left: make new ones below when you run low."
    )


def on_demo(reset: bool = False) -> None:
    try:
        _, token = demo.open_demo(_ui.store(), reset=reset)
    except _ui.USER_ERRORS as exc:
        st.session_state["demo__errors"] = {"form": _ui.user_message(exc)}
        return
    _ui.forget_workspace()
    _ui.remember_workspace(token)


# ---------------------------------------------------------------- open


def recovery_codes_once() -> None:
    """The recovery codes just made, shown once: the store keeps only their hashes."""
    codes = st.session_state.get(CODES_KEY)
    if not codes:
        return
    with st.container(border=True):
        st.subheader("Your recovery codes", anchor=False)
        st.markdown(
            "If the passphrase is ever lost, each of these codes sets a new one, once. **They are shown "
            "only now**: print them or keep them where your team keeps important papers, not with the "
            "passphrase."
        )
        st.code("\n".join(codes), language=None)
        left, right = st.columns(2)
        left.download_button(
            "Download the codes (.txt)",
            data="Harm Reduction Financing Workbook: recovery codes (each works once)\n\n" + "\n".join(codes) + "\n",
            file_name="workbook-recovery-codes.txt",
            mime="text/plain",
            icon=":material/download:",
            on_click="ignore",
        )
        right.button("I have kept them; hide the codes", on_click=lambda: st.session_state.pop(CODES_KEY, None))


def on_save_profile(workspace_id: str) -> None:
    ss = st.session_state
    ss["profile__errors"] = {}
    try:
        workspaces.update_profile(
            _ui.store(),
            workspace_id,
            profile_from("profile"),
            passphrase=ss.get("profile__passphrase") or None,
            client=_ui.client(),
            browser=_ui.browser_token(),
        )
        _notice("Profile saved.")
    except _ui.USER_ERRORS as exc:
        ss["profile__errors"] = _errors_of(exc)
    finally:
        _clear("profile__passphrase")


def on_change_passphrase(workspace_id: str) -> None:
    ss = st.session_state
    ss["pass__errors"] = {}
    try:
        if ss["pass__new"] != ss["pass__new2"]:
            raise WorkspaceError("The two new passphrases are not the same.")
        workspaces.change_passphrase(
            _ui.store(),
            workspace_id,
            ss["pass__current"],
            ss["pass__new"],
            keep_token=ss.get(_ui.TOKEN_KEY),
            client=_ui.client(),
            browser=_ui.browser_token(),
        )
        _notice("Passphrase changed. Every other browser that had this workspace open was signed out.")
    except _ui.USER_ERRORS as exc:
        ss["pass__errors"] = {"form": _ui.user_message(exc)}
    finally:
        _clear("pass__current", "pass__new", "pass__new2")


def on_new_codes(workspace_id: str) -> None:
    ss = st.session_state
    ss["codes__errors"] = {}
    try:
        ss[CODES_KEY] = workspaces.regenerate_recovery_codes(
            _ui.store(), workspace_id, ss["codes__passphrase"], client=_ui.client(), browser=_ui.browser_token()
        )
    except _ui.USER_ERRORS as exc:
        ss["codes__errors"] = {"form": _ui.user_message(exc)}
    finally:
        _clear("codes__passphrase")


def on_sign_out_everywhere(workspace_id: str) -> None:
    try:
        workspaces.sign_out_everywhere(_ui.store(), workspace_id)
    except _ui.USER_ERRORS as exc:
        st.session_state["everywhere__errors"] = {"form": _ui.user_message(exc)}
        return
    _ui.forget_workspace()
    _notice("Signed out everywhere: every browser, this one included, needs the passphrase again.")


def on_delete(workspace_id: str) -> None:
    try:
        workspaces.delete_workspace(_ui.store(), workspace_id, st.session_state["delete__confirm"])
    except _ui.USER_ERRORS as exc:
        st.session_state["delete__errors"] = {"form": _ui.user_message(exc)}
        return
    _ui.forget_workspace()
    _notice("The workspace and everything in it was deleted.")
