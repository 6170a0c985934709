"""Join a workshop (participants, no workspace needed): type the code and a display name, then answer on a phone.

A participant is recognised by the token in their URL (`?p=`), never by a workspace session: this page shows
their own answers and the questions, and nothing else of the workspace.
"""

import streamlit as st

from core.workshop import session as workshop
from pages import _join_ui as jui
from pages import _ui

TOKEN = "p"  # noqa: S105 - the name of the URL parameter, not a secret


def on_join() -> None:
    ss = st.session_state
    try:
        joined = workshop.join_workshop(_ui.store(), ss.get("join__code"), ss.get("join__name"), jui.client())
    except _ui.USER_ERRORS as exc:
        ss["join__error"] = _ui.user_message(exc)
        return
    ss.pop("join__error", None)
    ss["join__token"] = joined.token
    st.query_params[TOKEN] = joined.token


def forget_seat() -> None:
    st.session_state.pop("join__token", None)
    if TOKEN in st.query_params:
        del st.query_params[TOKEN]


jui.close_sidebar_on_phones()
with st.container(width=640):
    token = st.query_params.get(TOKEN) or st.session_state.get("join__token")
    seat = workshop.seat_for_token(_ui.store(), token) if token else None
    if token and seat is None:
        forget_seat()
        st.warning("That workshop link no longer works. Join again with the code the facilitator shows.")

    if seat is None:
        st.title("Join a workshop")
        st.markdown(
            "Type the code the facilitator shows and a name the group will see. "
            "No account and no email: a first name, a nickname or initials is enough (not your full name)."
        )
        if "join__code" not in st.session_state:
            st.session_state["join__code"] = st.query_params.get("code", "")
        with st.form("join__form", border=True):
            st.text_input("Join code", key="join__code", max_chars=20, placeholder="ACD-3F7X")
            st.text_input("Your display name", key="join__name", max_chars=workshop.MAX_DISPLAY_NAME)
            st.form_submit_button("Join", type="primary", icon=":material/login:", on_click=on_join)
        if st.session_state.get("join__error"):
            st.error(_ui.escape_md(st.session_state["join__error"]), icon=":material/error:")  # may hold the name
        st.caption("Your answers are saved as you go. The group sees the team's combined answers, not who said what.")
        st.stop()

    st.session_state["join__token"] = token
    if st.query_params.get(TOKEN) != token:
        st.query_params[TOKEN] = token  # a reload comes back to the same answers
    ws = seat.workshop
    st.header(workshop.ACTIVITY_TITLES[ws.activity], anchor=False)
    st.markdown(f"You are **{_ui.escape_md(seat.participant.display_name)}** in *{_ui.escape_md(ws.title)}*.")
    jui.seat_answers(token)
    st.divider()
    st.caption(
        "Every answer is saved as soon as you choose it. To come back to your answers later, keep this page "
        "open or bookmark its address: it is your seat in this workshop, so don't share it."
    )
