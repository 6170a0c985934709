"""Page helpers of the participant's page (Join a workshop). Not listed in the navigation.

A participant acts only through their token: every save goes through `core.workshop` / `core.workshop_text`
with it, so they can read and change their own answers and nothing else. Widgets are seeded from the store
only when they were not drawn on the last run (see `participant_readiness`).
"""

from __future__ import annotations

import streamlit as st

from core import workshop
from core.store.database import StoreError
from pages import _ui


def client_key() -> str:
    """Who is trying to join, for the limit on tries: the connection's address, else this browser session."""
    ip = st.context.ip_address
    if isinstance(ip, str) and ip:
        return f"ip:{ip}"
    if "join__client" not in st.session_state:
        import secrets

        st.session_state["join__client"] = secrets.token_hex(16)
    return f"session:{st.session_state['join__client']}"


NOT_SURE = 0  # the widget's value for "Not sure" (stored as NULL); None in the widget = unanswered


def _on_participant_answer(token: str, item_id: str, key: str) -> None:
    value = st.session_state[key]
    try:
        if value is None:
            workshop.clear_participant_answer(_ui.store(), token, item_id)
        else:
            workshop.save_participant_answer(_ui.store(), token, item_id, None if value == NOT_SURE else value)
        st.session_state.pop(f"{key}__error", None)
    except (workshop.WorkshopError, ValueError, KeyError, StoreError) as exc:
        st.session_state[f"{key}__error"] = str(exc).strip("'\"")


def participant_readiness(token: str, seat: workshop.Seat) -> None:
    """The readiness items of the workshop's domains, one domain at a time; each answer saves on change."""
    from core import readiness

    content = readiness.readiness_content()
    domains = workshop.workshop_domains(seat.workshop)
    saved = workshop.participant_answers(_ui.store(), seat)
    asked = [i.id for d in domains for i in d.items]
    done = sum(1 for i in asked if i in saved)
    st.progress(done / len(asked), text=f"You have answered {done} of {len(asked)}")
    with st.expander("What the numbers mean"):
        st.markdown("  \n".join(f"**{level.value}** = {level.label}" for level in content.scale))
        st.markdown(f"**{content.not_sure_label}** = you do not know (not counted in the scores)")
    ids = [d.id for d in domains]
    if st.session_state.get("join__domain") not in ids:
        st.session_state["join__domain"] = ids[0]
    titles = {d.id: f"{d.title} {sum(1 for i in d.items if i.id in saved)}/{len(d.items)}" for d in domains}
    domain_id = st.selectbox("Part", ids, format_func=titles.get, key="join__domain")
    domain = readiness.domain(domain_id)
    locked = seat.workshop.status != "open"
    for number, item in enumerate(domain.items, start=1):
        key = f"join__{item.id}"
        if key not in st.session_state:
            # Seeded from the store only when the widget was not drawn on the last run (Streamlit then forgets
            # its value). Seeding on every run races with quick taps: a rerun cut short by the next tap could
            # send the previous answer back as "unanswered" and clear it.
            st.session_state[key] = (
                (NOT_SURE if saved[item.id] is None else saved[item.id]) if item.id in saved else None
            )
        st.markdown(f"**{number}.** {item.text}")
        st.segmented_control(
            item.text, [1, 2, 3, 4, NOT_SURE], key=key, label_visibility="collapsed", disabled=locked,
            format_func=lambda v: content.not_sure_label if v == NOT_SURE else str(v),
            on_change=_on_participant_answer, args=(token, item.id, key),
        )  # fmt: skip
        if st.session_state.get(f"{key}__error"):
            st.error(st.session_state[f"{key}__error"], icon=":material/error:")
    position = ids.index(domain_id)
    if position + 1 < len(ids):
        st.button(
            f"Next: {readiness.domain(ids[position + 1]).title}", icon=":material/arrow_forward:", key="join__next",
            on_click=lambda: st.session_state.update({"join__domain": ids[position + 1]}),
        )  # fmt: skip


def _on_participant_text(token: str, question_id: str, key: str) -> None:
    from core import workshop_text
    from core.care_plans import describe
    from core.text import TextTooLong

    try:
        findings = workshop_text.save_participant_text(_ui.store(), token, question_id, st.session_state[key])
        st.session_state[f"{key}__status"] = (
            ("warning", f"Saved, but it looks like it holds {describe(findings)}. Please take out anything that "
             "identifies a person.") if findings else ("saved", "Saved")
        )  # fmt: skip
    except (workshop.WorkshopError, TextTooLong, ValueError, StoreError) as exc:
        st.session_state[f"{key}__status"] = ("error", str(exc))  # the typed text stays in the box


def participant_text(token: str, seat: workshop.Seat) -> None:
    """The workshop's questions, one theme or segment at a time; each answer saves when the box loses focus."""
    from core import workshop_text

    asked = workshop_text.questions(seat.workshop)
    saved = workshop_text.participant_texts(_ui.store(), seat)
    done = sum(1 for q in asked if saved.get(q.id, "").strip())
    st.progress(done / len(asked), text=f"You have answered {done} of {len(asked)}")
    st.caption("Write what you think, in a few lines. Answers save when you tap outside the box. No names of clients.")
    parts = list(dict.fromkeys(q.part for q in asked))
    if st.session_state.get("join__part") not in parts:
        st.session_state["join__part"] = parts[0]
    part = st.selectbox("Part", parts, key="join__part")
    # Paused: the boxes stay editable, so text typed in the meantime is never thrown away (its save is refused
    # with a message, and it stays in the box). Closed: nothing can change any more.
    locked = seat.workshop.status == "closed"
    for q in (q for q in asked if q.part == part):
        key = f"join__text__{q.id}"
        if key not in st.session_state:  # seeded only when not drawn last run (see participant_readiness)
            st.session_state[key] = saved.get(q.id, "")
        st.text_area(
            q.text, key=key, height=110 if not q.follow_up else 80, disabled=locked,
            max_chars=workshop_text.MAX_ANSWER_CHARS, on_change=_on_participant_text, args=(token, q.id, key),
        )  # fmt: skip
        kind, message = st.session_state.get(f"{key}__status", (None, None))
        if kind == "error":
            st.error(message, icon=":material/error:")
        elif kind == "warning":
            st.warning(_ui.escape_md(message), icon=":material/privacy_tip:")
        elif kind:
            st.caption(":material/check: Saved")
    position = parts.index(part)
    if position + 1 < len(parts):
        st.button(
            f"Next: {parts[position + 1]}", icon=":material/arrow_forward:", key="join__next_part",
            on_click=lambda: st.session_state.update({"join__part": parts[position + 1]}),
        )  # fmt: skip
