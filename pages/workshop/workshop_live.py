"""Workshop live view, for the projector: the join code, who joined and how far each is, and (when the facilitator
shows them) the team's answers: readiness with the items of most disagreement first and the agreed answers;
text activities with everyone's answers to a question side by side and the team's answer."""

import streamlit as st

from core.steps import ref
from core.workshop import session as workshop
from core.workshop import text as workshop_text
from pages import _agree_ui, _ui
from pages import _workshop_ui as wui

REFRESH_SECONDS = 3


def on_visible(workspace_id: str, workshop_id: str) -> None:
    workshop.set_results_visible(_ui.store(), workspace_id, workshop_id, st.session_state["workshop_live__visible"])


workspace = _ui.require_workspace()
store = _ui.store()
workshops = workshop.list_workshops(store, workspace.id)
if not workshops:
    st.title("Workshop live view")
    st.info("No workshop yet. Start one first; its join code and live view appear here.")
    _ui.link("workshop", "Start a workshop", icon=":material/play_arrow:")
    st.stop()

by_id = {w.id: w for w in workshops}
if st.session_state.get(wui.LIVE_KEY) not in by_id:
    from_url = st.query_params.get("w")
    st.session_state[wui.LIVE_KEY] = from_url if from_url in by_id else workshops[0].id
# Labels that never change (no status in them): a dropdown whose labels change is redrawn at its first option.
ws = by_id[st.selectbox("Workshop", list(by_id), key=wui.LIVE_KEY, format_func=lambda i: wui.stable_label(by_id[i]))]
st.query_params["w"] = ws.id  # a reload of the live view comes back to this workshop

st.title(_ui.escape_md(ws.title), anchor=False)  # the facilitator's text: never a link or image
st.caption(f"{workshop.ACTIVITY_TITLES[ws.activity]} · {workshop.STATUS_WORDS[ws.status]}")
controls, visible, present = st.columns([2, 1, 1], vertical_alignment="center")
with controls:
    wui.status_buttons(workspace.id, ws, key="workshop_live")
st.session_state["workshop_live__visible"] = ws.results_visible
visible.toggle(
    "Show team results", key="workshop_live__visible", on_change=on_visible, args=(workspace.id, ws.id),
    help="Participants answer on their own first; show the team's answers when you are ready to discuss them.",
)  # fmt: skip
with present:
    wui.presenter_controls(workspace.id, ws)
if ws.status == "closed":
    st.info("This workshop is closed: its code no longer works and answers can no longer change. Nothing is lost.")
else:
    link = wui.join_link(workspace.id, ws)
    wui.local_address_warning(link)
    # Folded once the results show, so the results come first; it opens again with a click.
    with st.expander(f"Join panel: code {workshop.format_code(ws.code)}, link and QR code",
                     expanded=not ws.results_visible, key=f"workshop_live__join__{ws.results_visible}"):  # fmt: skip
        wui.join_panel(link, ws.code)

question_id = None
if ws.activity != "readiness" and ws.results_visible:
    question_id = wui.text_question_picker(wui.live_summary(workspace.id, ws))


@st.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    fresh = workshop.get_workshop(store, workspace.id, ws.id)  # visibility or status may change in another tab
    if fresh.status != "closed":
        wui.join_trouble_panel(workspace.id, fresh)
    summary = wui.live_summary(workspace.id, fresh)
    if fresh.activity == "readiness":
        wui.readiness_live(summary, fresh.results_visible)
    else:
        wui.text_live(summary, fresh.results_visible, st.session_state.get("workshop_live__question"))


live()

if ws.results_visible and ws.activity == "readiness":
    _agree_ui.agreed_section(workspace.id, ws, wui.live_summary(workspace.id, ws))
elif ws.results_visible:
    wui.team_text_section(workspace.id, ws, question_id)
else:
    st.caption("Turn on **Show team results** to discuss the answers and record what the team agrees.")

if ws.activity == "readiness":
    gives, page, label = (
        f"The agreed answers are this workshop's assessment round: {ref('readiness')} results, the radar chart "
        "and the readiness report show them. Everyone's own answers stay with the round for the record.",
        "readiness_results",
        f"{ref('readiness')} results",
    )
else:
    gives, page, label = (
        "The team's answers are saved in the step itself, where the draft, the documents and the deck use them. "
        "Everyone's own answers stay with the workshop for the record.",
        workshop_text.target_step(ws).pages[0].id,
        None,
    )
_ui.step_footer(gives, page, label)
