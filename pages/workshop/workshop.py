"""Workshop mode, the facilitator's start page: start a workshop for an activity, see every workshop, pause,
resume or close one, and open its live (projector) view."""

import streamlit as st

from core.hrh import readiness
from core.steps import ref
from core.workshop import session as workshop
from pages import _ui
from pages import _workshop_ui as wui

ACTIVITY_KEY = "workshop__activity"


def on_start(workspace_id: str) -> None:
    ss = st.session_state
    activity = ss[ACTIVITY_KEY]
    options = workshop.WorkshopOptions(
        domains=(ss.get("workshop__domains") or []) if activity == "readiness" else [],
        themes=(ss.get("workshop__themes") or []) if activity == "value_proposition" else [],
        guide=ss.get("workshop__guide") if activity == "what_it_takes" else None,
    )
    try:
        started = workshop.start_workshop(
            _ui.store(), workspace_id, activity, title=ss.get("workshop__title", ""), options=options
        )
    except _ui.USER_ERRORS as exc:
        ss["workshop__start_error"] = _ui.user_message(exc)
        return
    ss.pop("workshop__start_error", None)
    ss[wui.LIVE_KEY] = started.id
    ss["workshop__go_live"] = True


workspace = _ui.require_workspace()
st.title("Team workshop")
st.markdown(
    "Run a step with your team: project the live view, people join from their phones with a short code, "
    "answer on their own, and you see the spread of answers and the items where the team disagrees most. "
    "After talking an item through, record the answer the team agrees on."
)
st.caption(
    ":material/groups: **Who:** a facilitator and the team (up to about 30 people).  "
    ":material/schedule: **Time:** 60-90 minutes."
)
if st.session_state.pop("workshop__go_live", False):
    st.switch_page(wui.LIVE_PAGE)

st.subheader("Start a workshop", anchor=False)
activities = list(workshop.ACTIVITY_TITLES)
available = workshop.available_activities()
activity = st.radio(
    "Activity",
    activities,
    key=ACTIVITY_KEY,
    format_func=lambda a: workshop.ACTIVITY_TITLES[a] + ("" if a in available else " (not available yet)"),
)
st.text_input("Name of the workshop (optional)", key="workshop__title", max_chars=120,
              placeholder="e.g. Staff retreat, readiness")  # fmt: skip
if activity == "readiness":
    titles = {d.id: d.title for d in readiness.domains()}
    st.multiselect(
        "Domains (leave empty for all six)", list(titles), format_func=titles.get, key="workshop__domains",
        help="A 90-minute workshop covers two or three domains well; all six take about two hours.",
    )  # fmt: skip
else:
    wui.text_activity_options(activity)
if st.session_state.get("workshop__start_error"):
    st.error(st.session_state["workshop__start_error"], icon=":material/error:")
st.button(
    "Start the workshop", type="primary", icon=":material/play_arrow:", key="workshop__start",
    disabled=activity not in available, on_click=on_start, args=(workspace.id,),
)  # fmt: skip

wui.join_address_field(workspace.id)

st.subheader("Your workshops", anchor=False)
workshops = workshop.list_workshops(_ui.store(), workspace.id)
if not workshops:
    st.info("No workshop yet. Start one above; its join code and live view open right away.")
for ws in workshops:
    with st.container(border=True):
        top, go = st.columns([3, 1], vertical_alignment="center")
        top.markdown(f"**{_ui.escape_md(ws.title)}** · {workshop.ACTIVITY_TITLES[ws.activity]}")
        top.caption(
            f"{workshop.STATUS_WORDS[ws.status]} · started {ws.created_at:%Y-%m-%d %H:%M} UTC"
            + (f" · join code {workshop.format_code(ws.code)}" if ws.status != "closed" else "")
        )
        if go.button("Live view", key=f"workshop__live__{ws.id}", icon=":material/cast:", width="stretch"):
            st.session_state[wui.LIVE_KEY] = ws.id
            st.switch_page(wui.LIVE_PAGE)
        wui.status_buttons(workspace.id, ws, key=f"workshop__{ws.id}")

_ui.step_footer(
    "A readiness workshop becomes an assessment round of its own: once you record the agreed answers, "
    f"{ref('readiness')} results, charts and the readiness report show them. A {ref('value_proposition')} or "
    f"{ref('what_it_takes')} workshop puts the team's answers into that step, where the draft, the documents "
    "and the deck use them. Each person's answers are kept for the record.",
    "readiness_results",
    f"{ref('readiness')} results",
)
