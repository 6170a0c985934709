"""Workshop live view, for the projector: the join code, who joined and how far each is, and (when the facilitator
shows them) the team's answers with the items of most disagreement first; then the agreed answers."""

import streamlit as st

from core import workshop
from core.store.database import StoreError
from pages import _ui
from pages import _workshop_ui as wui

NOT_SURE = 0  # the widget's value for "Not sure" (stored as NULL)
REFRESH_SECONDS = 3


def on_visible(workspace_id: str, workshop_id: str) -> None:
    workshop.set_results_visible(_ui.store(), workspace_id, workshop_id, st.session_state["workshop_live__visible"])


def on_agree(workspace_id: str, workshop_id: str, item_id: str) -> None:
    ss = st.session_state
    value = ss.get(f"workshop_live__agreed__{item_id}")
    try:
        if value is None:
            raise workshop.WorkshopError("Choose the agreed answer first.")
        workshop.record_agreed_answer(
            _ui.store(), workspace_id, workshop_id, item_id, None if value == NOT_SURE else value,
            ss.get(f"workshop_live__reason__{item_id}", ""),
        )  # fmt: skip
        ss["workshop_live__agree_status"] = ("ok", "Agreed answer recorded.")
    except (workshop.WorkshopError, ValueError, KeyError, StoreError) as exc:
        ss["workshop_live__agree_status"] = ("error", str(exc).strip("'\""))


def on_accept_all(workspace_id: str, workshop_id: str) -> None:
    n = workshop.accept_suggested_answers(_ui.store(), workspace_id, workshop_id)
    st.session_state["workshop_live__agree_status"] = ("ok", f"Suggested answers recorded for {n} items.")


workspace = _ui.require_workspace()
store = _ui.store()
workshops = workshop.list_workshops(store, workspace.id)
if not workshops:
    st.title("Workshop live view")
    st.info("No workshop yet. Start one first; its join code and live view appear here.")
    st.page_link("pages/workshop.py", label="Start a workshop", icon=":material/play_arrow:")
    st.stop()

by_id = {w.id: w for w in workshops}
if st.session_state.get(wui.LIVE_KEY) not in by_id:
    from_url = st.query_params.get("w")
    st.session_state[wui.LIVE_KEY] = from_url if from_url in by_id else workshops[0].id
ws = by_id[st.selectbox("Workshop", list(by_id), key=wui.LIVE_KEY, format_func=lambda i: wui.label(by_id[i]))]
st.query_params["w"] = ws.id  # a reload of the projector comes back to this workshop

st.title(ws.title, anchor=False)
st.caption(f"{workshop.ACTIVITY_TITLES[ws.activity]} · {workshop.STATUS_WORDS[ws.status]}")
controls, visible = st.columns([2, 1], vertical_alignment="center")
with controls:
    wui.status_buttons(workspace.id, ws, key="workshop_live")
st.session_state["workshop_live__visible"] = ws.results_visible
visible.toggle(
    "Show team results", key="workshop_live__visible", on_change=on_visible, args=(workspace.id, ws.id),
    help="Participants answer on their own first; show the team's answers when you are ready to discuss them.",
)  # fmt: skip
if ws.status == "closed":
    st.info("This workshop is closed: its code no longer works and answers can no longer change. Nothing is lost.")
else:
    wui.join_panel(ws)


@st.fragment(run_every=REFRESH_SECONDS)
def live() -> None:
    fresh = workshop.get_workshop(store, workspace.id, ws.id)  # visibility or status may change in another tab
    if fresh.activity != "readiness":
        wui.text_live(workspace.id, fresh)
        return
    # Redrawn every few seconds: read the answers again only when something changed since the last read.
    fingerprint = workshop.live_fingerprint(store, workspace.id, fresh)
    kept, summary = st.session_state.get("workshop_live__summary", (None, None))
    if kept != fingerprint:
        summary = workshop.readiness_live(store, workspace.id, fresh)
        st.session_state["workshop_live__summary"] = (fingerprint, summary)
    wui.readiness_live(summary, fresh.results_visible)


live()

if ws.activity == "readiness" and ws.results_visible:
    st.subheader("Record the team's agreed answers", anchor=False)
    kept, summary = st.session_state.get("workshop_live__summary", (None, None))  # read by the fragment, just now
    if not kept or kept[0] != ws.id:
        summary = workshop.readiness_live(store, workspace.id, ws)
    dist = {d.item_id: d for d in summary.items}
    item_id = st.selectbox(
        "Item to agree on (most disagreement first)", [d.item_id for d in summary.disagreement],
        key="workshop_live__agree_item",
        format_func=lambda i: f"{'✓ ' if i in summary.agreed else ''}{dist[i].label}: {dist[i].text[:80]}",
    )  # fmt: skip
    d, done = dist[item_id], summary.agreed.get(item_id)
    st.markdown(f"**{d.label}.** {d.text}")
    st.caption(
        f"Answers: 1 × {d.counts[0]}, 2 × {d.counts[1]}, 3 × {d.counts[2]}, 4 × {d.counts[3]}, "
        f"Not sure × {d.not_sure}, no answer × {d.unanswered}. "
        f"Suggested (median; the lower one on a tie): {d.suggested or 'none, no numeric answers yet'}."
    )
    value_key, reason_key = f"workshop_live__agreed__{item_id}", f"workshop_live__reason__{item_id}"
    if value_key not in st.session_state:
        st.session_state[value_key] = (NOT_SURE if done.value is None else done.value) if done else d.suggested
        st.session_state[reason_key] = done.note if done else ""
    st.segmented_control(
        "Agreed answer", [1, 2, 3, 4, NOT_SURE], key=value_key,
        format_func=lambda v: "Not sure" if v == NOT_SURE else str(v),
    )  # fmt: skip
    st.text_input("Why, in one line", key=reason_key, max_chars=workshop.MAX_REASON_CHARS,
                  placeholder="e.g. Written in 2019 and no longer describes our mobile work")  # fmt: skip
    record, accept = st.columns(2)
    record.button("Record agreed answer", type="primary", key="workshop_live__agree", icon=":material/check:",
                  on_click=on_agree, args=(workspace.id, ws.id, item_id))  # fmt: skip
    accept.button("Accept the suggested answer for every item not yet agreed", key="workshop_live__accept_all",
                  on_click=on_accept_all, args=(workspace.id, ws.id))  # fmt: skip
    kind, message = st.session_state.pop("workshop_live__agree_status", (None, None))
    if kind == "error":
        st.error(message, icon=":material/error:")
    elif kind:
        st.success(message, icon=":material/check:")
    st.caption(f"{len(summary.agreed)} of {len(summary.items)} items agreed so far.")
elif ws.activity == "readiness":
    st.caption("Turn on **Show team results** to discuss the answers and record the team's agreed answers.")

_ui.step_footer(
    "The agreed answers are this workshop's assessment round: Step 2 results, the radar chart and the readiness "
    "report show them. Everyone's own answers stay with the round for the record.",
    "pages/readiness_results.py",
    "Step 2 results",
)
