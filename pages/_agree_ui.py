"""Page helper of the workshop live view: recording the team's agreed readiness answers. Not listed in the navigation.

The suggested answer (the lower median) and every count come from `core.workshop.session`; this only draws the choice,
the one-line reason and the buttons, and shows what the store said.

The item being agreed on changes only when the facilitator changes it:
- it is kept in plain session state, not in a widget's value; the dropdown offers the items in the disagreement
  order of the moment it was drawn, with labels that never change, and gets a new key after every move (a
  dropdown whose options or labels change is drawn anew by the browser, at its first option);
- the answer and the reason are one form per item, submitted together with the item they were typed for, so a
  record always lands on the item shown, and the confirmation names it;
- the result of the last record stays on screen (it is not popped by the next run) and the store's answer for
  the item is shown under the form, so a record that failed says so and one that worked is visible.
"""

from __future__ import annotations

import streamlit as st

from core.workshop import session as workshop
from pages import _ui

NOT_SURE = 0  # the widget's value for "Not sure" (stored as NULL)
STATUS = "workshop_live__agree_status"


def _value_text(value: int | None) -> str:
    return "Not sure" if value is None or value == NOT_SURE else str(value)


def _state(ws_id: str) -> tuple[str, str, str]:
    """Session keys: the item agreed on, the number of moves, the dropdown's frozen order."""
    return tuple(f"workshop_live__agree_{name}__{ws_id}" for name in ("on", "nav", "order"))


def _move(ws_id: str, item_id: str, order: list[str]) -> None:
    on, nav, frozen = _state(ws_id)
    st.session_state[on] = item_id
    st.session_state[nav] = st.session_state.get(nav, 0) + 1
    st.session_state[frozen] = order


def _on_agree(workspace_id: str, workshop_id: str, item_id: str, label: str) -> None:
    ss = st.session_state
    value = ss.get(f"workshop_live__agreed__{item_id}")
    reason = ss.get(f"workshop_live__reason__{item_id}", "")
    try:
        if value is None:
            raise workshop.WorkshopError("Choose the agreed answer first.")
        workshop.record_agreed_answer(
            _ui.store(), workspace_id, workshop_id, item_id, None if value == NOT_SURE else value, reason
        )
        ss[STATUS] = ("ok", f"Recorded for {label}: {_value_text(value)}, “{_ui.escape_md(str(reason).strip())}”.")
    except _ui.USER_ERRORS as exc:
        ss[STATUS] = ("error", f"Not recorded for {label}: {_ui.escape_md(_ui.user_message(exc))}")


def _on_accept_all(workspace_id: str, workshop_id: str) -> None:
    try:
        n = workshop.accept_suggested_answers(_ui.store(), workspace_id, workshop_id)
        st.session_state[STATUS] = ("ok", f"Suggested answers recorded for {n} items.")
    except _ui.USER_ERRORS as exc:
        st.session_state[STATUS] = ("error", _ui.escape_md(_ui.user_message(exc)))


def current_item(ws_id: str, summary: workshop.ReadinessLive) -> tuple[str, list[str], str]:
    """The item being agreed on, the dropdown's (frozen) order and its key. A choice made in the dropdown is read
    here, before it is drawn again; only the dropdown of the latest move counts."""
    ss = st.session_state
    on, nav, frozen = _state(ws_id)
    live_order = [d.item_id for d in summary.disagreement]
    order = ss.get(frozen) if set(ss.get(frozen) or []) == set(live_order) else None
    if ss.get(on) not in live_order or order is None:
        first = next((i for i in live_order if i not in summary.agreed), live_order[0])
        _move(ws_id, ss.get(on) if ss.get(on) in live_order else first, live_order)
    picked = ss.get(f"workshop_live__agree_pick__{ws_id}__{ss[nav]}")
    if picked in live_order and picked != ss[on]:
        _move(ws_id, picked, live_order)
    return ss[on], ss[frozen], f"workshop_live__agree_pick__{ws_id}__{ss[nav]}"


def agreed_section(workspace_id: str, ws, summary: workshop.ReadinessLive) -> None:
    """Pick an item (most disagreement first), see its answers, record the agreed answer with a reason."""
    st.subheader("Record the team's agreed answers", anchor=False)
    dist = {d.item_id: d for d in summary.items}
    item_id, order, pick_key = current_item(ws.id, summary)
    pick, step = st.columns([3, 1], vertical_alignment="bottom")
    pick.selectbox(
        "Item to agree on (most disagreement first, as of your last choice)", order, index=order.index(item_id),
        key=pick_key, format_func=lambda i: f"{dist[i].label}: {dist[i].text[:80]}",
    )  # fmt: skip
    following = next((i for i in (d.item_id for d in summary.disagreement) if i not in summary.agreed and i != item_id),
                     None)  # fmt: skip
    step.button(
        "Next item not agreed yet", icon=":material/skip_next:", key="workshop_live__agree_next", width="stretch",
        disabled=following is None, on_click=_move,
        args=(ws.id, following, [d.item_id for d in summary.disagreement]),
    )  # fmt: skip
    d, done = dist[item_id], summary.agreed.get(item_id)
    value_key, reason_key = f"workshop_live__agreed__{item_id}", f"workshop_live__reason__{item_id}"
    seeded = value_key not in st.session_state
    if seeded:
        st.session_state[value_key] = (NOT_SURE if done.value is None else done.value) if done else d.suggested
        st.session_state[reason_key] = done.note if done else ""
    with st.form(f"workshop_live__agree_form__{item_id}", border=True):
        st.markdown(f"**{_ui.escape_md(d.label)}.** {_ui.escape_md(d.text)}")
        st.caption(
            f"Answers: 1 × {d.counts[0]}, 2 × {d.counts[1]}, 3 × {d.counts[2]}, 4 × {d.counts[3]}, "
            f"Not sure × {d.not_sure}, no answer × {d.unanswered}. "
            f"Suggested (median; the lower one on a tie): {d.suggested or 'none, no numeric answers yet'}."
        )
        st.segmented_control(  # default: the value on screen, so a late-drawn control never starts empty
            "Agreed answer", [1, 2, 3, 4, NOT_SURE], key=value_key, format_func=_value_text,
            default=None if seeded else st.session_state.get(value_key),
        )  # fmt: skip
        st.text_input("Why, in one line", key=reason_key, max_chars=workshop.MAX_REASON_CHARS,
                      value=None if seeded else st.session_state.get(reason_key, ""),
                      placeholder="e.g. Written in 2019 and no longer describes our mobile work")  # fmt: skip
        st.form_submit_button(
            f"Record agreed answer for {d.label}", type="primary", key="workshop_live__agree", icon=":material/check:",
            on_click=_on_agree, args=(workspace_id, ws.id, item_id, d.label),
        )  # fmt: skip
    if done:
        recorded = f"**{_value_text(done.value)}**, “{_ui.escape_md(done.note)}”"
        st.caption(f"Recorded for {_ui.escape_md(d.label)}: {recorded}")
    else:
        st.caption(f"Nothing recorded yet for {_ui.escape_md(d.label)}.")
    kind, message = st.session_state.get(STATUS, (None, None))  # user text in it is escaped where it was made
    if kind == "error":
        st.error(message, icon=":material/error:")
    elif kind:
        st.success(message, icon=":material/check:")
    st.button("Accept the suggested answer for every item not yet agreed", key="workshop_live__accept_all",
              on_click=_on_accept_all, args=(workspace_id, ws.id))  # fmt: skip
    st.caption(f"{len(summary.agreed)} of {len(summary.items)} items agreed so far.")
