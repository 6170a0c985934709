"""Page helper of the workshop live view: recording the team's agreed readiness answers. Not listed in the navigation.

The suggested answer (the lower median) and every count come from `core.workshop`; this only draws the choice,
the one-line reason and the buttons, and shows what the store said.
"""

from __future__ import annotations

import streamlit as st

from core import workshop
from core.store.database import StoreError
from pages import _ui

NOT_SURE = 0  # the widget's value for "Not sure" (stored as NULL)


def _on_agree(workspace_id: str, workshop_id: str, item_id: str) -> None:
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


def _on_accept_all(workspace_id: str, workshop_id: str) -> None:
    try:
        n = workshop.accept_suggested_answers(_ui.store(), workspace_id, workshop_id)
        st.session_state["workshop_live__agree_status"] = ("ok", f"Suggested answers recorded for {n} items.")
    except (workshop.WorkshopError, KeyError, StoreError) as exc:
        st.session_state["workshop_live__agree_status"] = ("error", str(exc).strip("'\""))


def agreed_section(workspace_id: str, ws, summary: workshop.ReadinessLive) -> None:
    """Pick an item (most disagreement first), see its answers, record the agreed answer with a reason."""
    st.subheader("Record the team's agreed answers", anchor=False)
    dist = {d.item_id: d for d in summary.items}
    item_id = st.selectbox(
        "Item to agree on (most disagreement first)", [d.item_id for d in summary.disagreement],
        key=f"workshop_live__agree_item__{ws.id}",  # a new workshop starts at its top disagreement
        format_func=lambda i: f"{'✓ ' if i in summary.agreed else ''}{dist[i].label}: {dist[i].text[:80]}",
    )  # fmt: skip
    d, done = dist[item_id], summary.agreed.get(item_id)
    st.markdown(f"**{_ui.escape_md(d.label)}.** {_ui.escape_md(d.text)}")
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
                  on_click=_on_agree, args=(workspace_id, ws.id, item_id))  # fmt: skip
    accept.button("Accept the suggested answer for every item not yet agreed", key="workshop_live__accept_all",
                  on_click=_on_accept_all, args=(workspace_id, ws.id))  # fmt: skip
    kind, message = st.session_state.pop("workshop_live__agree_status", (None, None))
    if kind == "error":
        st.error(message, icon=":material/error:")
    elif kind:
        st.success(message, icon=":material/check:")
    st.caption(f"{len(summary.agreed)} of {len(summary.items)} items agreed so far.")
