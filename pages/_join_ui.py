"""Page helpers of the participant's page (Join a workshop). Not listed in the navigation.

A participant acts only through their token: every save goes through `core.workshop.session` / `core.workshop.text`
with it, so they can read and change their own answers and nothing else. Widgets are seeded from the store
only when they were not drawn on the last run (see `participant_readiness`).
"""

from __future__ import annotations

import secrets
import threading

import streamlit as st

from core.workshop import session as workshop
from core.workshop.access import JoinClient
from pages import _ui


def client() -> JoinClient:
    """Who is trying to join, for the limit on tries: the network address (by the passphrase limits' rule,
    `_ui.client_address`: WORKBOOK_TRUSTED_PROXIES proxies in front, else the connection's; None on the server's
    own machine) and this browser session."""
    if "join__client" not in st.session_state:
        st.session_state["join__client"] = secrets.token_hex(16)
    return JoinClient(address=_ui.client_address(), session=st.session_state["join__client"])


NOT_SURE = 0  # the widget's value for "Not sure" (stored as NULL); None in the widget = unanswered
PART_PARAM = "part"  # the part on screen, in the URL: a reload comes back to it


def _widget_value(answers: dict, item_id: str) -> int | None:
    if item_id not in answers:
        return None
    return NOT_SURE if answers[item_id] is None else answers[item_id]


def _answer_key(item_id: str) -> str:
    return f"join__{item_id}"


def _synced_key(item_id: str) -> str:
    """What this browser session last knew the store to hold for the item (plain session state, no widget)."""
    return f"join__synced__{item_id}"


_LOCK_GUARD = threading.Lock()


def _session_lock() -> threading.Lock:
    """One lock per browser tab: two runs of one tab (Streamlit's fast reruns, if someone turns them back on) never
    read and save the phone's taps at the same time, so an older run's save cannot land after a newer one's."""
    with _LOCK_GUARD:
        lock = st.session_state.get("join__sync_lock")
        if lock is None:
            lock = st.session_state["join__sync_lock"] = threading.Lock()
    return lock


def sync_taps(token: str, seat: workshop.Seat, item_ids: list[str], set_now: set[str]) -> dict:
    """Save every answer the phone shows that differs from what this session last saved, before anything is drawn;
    return the participant's answers as the store now holds them. Adds to `set_now` the widget keys whose value
    this run puts on screen through session state.

    Not on_change callbacks: when taps come faster than the page reruns, Streamlit 1.67 can skip a changed
    widget's callback (the tap is lost) or call an old widget's callback with its old value. The values the phone
    sends are always current, so every run compares them with what was last saved:
    - the phone shows another answer than the one last saved: the participant tapped it; save it;
    - the phone shows what was last saved but the store holds something else (their other tab): show the store's;
    - a save the store refuses (paused, closed) puts the store's answer back on screen, with a message.
    A widget never says "unanswered" once answered (a radio cannot be cleared), so nothing is ever cleared here.
    """
    ss = st.session_state
    with _session_lock():
        saved = dict(workshop.participant_answers(_ui.store(), seat))
        for item_id in item_ids:
            key, synced = _answer_key(item_id), _synced_key(item_id)
            if key not in ss:
                continue
            shown, stored = ss[key], _widget_value(saved, item_id)
            if shown is not None and shown != ss.get(synced):
                value = None if shown == NOT_SURE else shown
                try:
                    workshop.save_participant_answer(_ui.store(), token, item_id, value)
                except _ui.USER_ERRORS as exc:
                    ss[f"{key}__error"] = f"{_ui.user_message(exc)} Your earlier answer is kept."
                    ss[key] = ss[synced] = stored
                    set_now.add(key)
                    continue
                saved[item_id] = value
                ss[synced] = shown
                ss.pop(f"{key}__error", None)
            elif shown != stored:
                ss[key] = ss[synced] = stored
                set_now.add(key)
    return saved


def _go_to_part(part_id: str) -> None:
    """Next, the dropdown and the "still to answer" links all land here. The dropdown is drawn under a new key
    after every move, so a value the phone sends from before the move can never pull the page back."""
    st.session_state["join__part"] = part_id
    st.session_state["join__nav"] = st.session_state.get("join__nav", 0) + 1


def current_part(part_ids: list[str]) -> str:
    """The part on screen: this session's, else the URL's (after a reload), else the first. A part chosen in the
    dropdown is read here, before anything is drawn (no on_change: see `sync_taps`); only the dropdown of the
    latest move counts, so a value sent by one drawn before the last move is never taken for a choice."""
    ss = st.session_state
    part = ss.get("join__part")
    if part not in part_ids:
        from_url = st.query_params.get(PART_PARAM)
        part = from_url if from_url in part_ids else part_ids[0]
        ss["join__part"] = part
    picked = ss.get(f"join__part__{ss.get('join__nav', 0)}")
    if picked in part_ids and picked != part:
        _go_to_part(picked)
        part = picked
    if st.query_params.get(PART_PARAM) != part:
        st.query_params[PART_PARAM] = part
    return part


def close_sidebar_on_phones() -> None:
    """On a phone the menu covers the whole page: fold it away when this page opens (a person who came through
    the menu would otherwise type their code under it). Screens wider than a phone keep it. Fixed text."""
    st.html(
        "<script>/* join: fold the menu on phones */ if (window.innerWidth < 768) { const bar = "
        "document.querySelector('[data-testid=\"stSidebar\"]'); if (bar && bar.getAttribute('data-collapsed') "
        "=== 'false') { document.querySelector('[data-testid=\"stSidebarCollapseButton\"] button')?.click(); } }"
        "</script>",
        unsafe_allow_javascript=True,
        width=1,
    )


def _scroll_to_top(nav: int) -> None:
    """A new part starts at its first question: the snippet changes with every move, so the browser runs it once
    per move (and not on the reruns of each tap). Fixed text, no user input."""
    st.html(
        f"<script>/* part move {nav} */ for (const el of [document.querySelector('[data-testid=\"stMain\"]'), "
        "document.scrollingElement]) { if (el) el.scrollTo({top: 0}); }</script>",
        unsafe_allow_javascript=True,
        width=1,
    )


def scale_words(value: int) -> str:
    """How an answer reads on the phone: the number and the workbook's words for it."""
    from core.hrh import readiness

    content = readiness.readiness_content()
    if value == NOT_SURE:
        return f"{content.not_sure_label} (not counted in the scores)"
    return f"**{value}** · {readiness.scale_label(value)}"


def participant_readiness(token: str, seat: workshop.Seat) -> None:
    """The readiness items of the workshop's domains, one part at a time; each answer saves on the tap.

    Every item shows the scale's words. Taps are saved by `sync_taps` at the start of each run. The Part
    dropdown's labels never change (a label that changes makes the browser draw it anew, at its first option),
    and it gets a new key after every move (see `_go_to_part`).
    """
    from core.hrh import readiness

    domains = workshop.workshop_domains(seat.workshop)
    ids = [d.id for d in domains]
    set_now: set[str] = set()
    saved = sync_taps(token, seat, [i.id for d in domains for i in d.items], set_now)
    part = current_part(ids)
    nav = st.session_state.get("join__nav", 0)
    _scroll_to_top(nav)
    progress = workshop.participant_part_progress(domains, saved)
    done, total = sum(p.answered for p in progress), sum(p.total for p in progress)
    st.progress(done / total, text=f"You have answered {done} of {total}")
    position = ids.index(part)
    titles = {d.id: f"{n}. {d.title} ({len(d.items)} questions)" for n, d in enumerate(domains, start=1)}
    pick_key = f"join__part__{nav}"
    st.selectbox("Part", ids, index=position, format_func=titles.get, key=pick_key)
    here = progress[position]
    st.caption(f"{here.title}: {here.answered} of {here.total} answered in this part.")
    domain = readiness.domain(part)
    elsewhere = [
        f"{d.title} {n}" for d in domains if d.id != part for n, i in enumerate(d.items, start=1)
        if st.session_state.get(f"{_answer_key(i.id)}__error")
    ]  # fmt: skip
    if elsewhere:  # a tap made just before moving on, refused (paused): say so here too
        st.error(f"Not saved, the workshop is paused or closed: {', '.join(elsewhere)}.", icon=":material/error:")
    locked = seat.workshop.status != "open"
    options = [1, 2, 3, 4, NOT_SURE]
    for number, item in enumerate(domain.items, start=1):
        key = _answer_key(item.id)
        stored = _widget_value(saved, item.id)
        if key not in st.session_state:  # not drawn on the last run: Streamlit forgot it; seed it from the store
            st.session_state[key] = st.session_state[_synced_key(item.id)] = stored
            set_now.add(key)
        # The widget's default is what the store holds: a browser that draws the radio late (a busy phone shows a
        # placeholder first) starts it at its default, and would send a default of "1" back as a tap. On a run that
        # sets the value through session state, Streamlit takes it from there (and wants no default beside it).
        index = None if key in set_now or stored is None else options.index(stored)
        st.radio(f"{number}. {item.text}", options, index=index, key=key, disabled=locked, format_func=scale_words)
        if st.session_state.get(f"{key}__error"):
            st.error(st.session_state[f"{key}__error"], icon=":material/error:")
    if position + 1 < len(ids):
        st.button(
            f"Next: {domains[position + 1].title}", icon=":material/arrow_forward:", key="join__next",
            type="primary", width="stretch", on_click=_go_to_part, args=(ids[position + 1],),
        )  # fmt: skip
    left = [p for p in progress if p.answered < p.total and p.domain_id != part]
    if left:
        st.caption("Still to answer in other parts:")
        for p in left:
            st.button(
                f"{p.title}: {p.total - p.answered} left", key=f"join__left__{p.domain_id}", width="stretch",
                on_click=_go_to_part, args=(p.domain_id,),
            )  # fmt: skip
    elif done == total:
        st.success("You have answered every question. Thank you! You can still change an answer.")


def _on_participant_text(token: str, question_id: str, key: str) -> None:
    from core.care_model.first_five import describe
    from core.workshop import text as workshop_text

    try:
        findings = workshop_text.save_participant_text(_ui.store(), token, question_id, st.session_state[key])
        st.session_state[f"{key}__status"] = (
            ("warning", f"Saved, but it looks like it holds {describe(findings)}. Please take out anything that "
             "identifies a person.") if findings else ("saved", "Saved")
        )  # fmt: skip
    except _ui.USER_ERRORS as exc:
        st.session_state[f"{key}__status"] = ("error", _ui.user_message(exc))  # the typed text stays in the box


@st.fragment
def seat_answers(token: str) -> None:
    """The participant's questions and answers: a fragment, so that a tap reruns this part of the page alone
    (not app.py, the navigation and the header), a fraction of a full run when a whole room taps at once.
    The seat is read again on every run: a workshop paused or closed meanwhile shows at the next tap."""
    seat = workshop.seat_for_token(_ui.store(), token)
    if seat is None:  # the seat was removed meanwhile: the whole page says so
        st.rerun()
    ws = seat.workshop
    message = workshop.status_message(ws)
    if message:
        st.warning(message, icon=":material/pause_circle:" if ws.status == "paused" else ":material/lock:")
    if ws.activity == "readiness":
        participant_readiness(token, seat)
    else:
        participant_text(token, seat)


def participant_text(token: str, seat: workshop.Seat) -> None:
    """The workshop's questions, one theme or segment at a time; each answer saves when the box loses focus."""
    from core.workshop import text as workshop_text

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
