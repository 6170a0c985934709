"""Page helpers of workshop mode (facilitator pages and the participant page). Not listed in the navigation.

Rendering only: every number comes from `core.workshop.session`. Participant names and answers are user text:
they go into tables (shown as text) or through `_ui.escape_md`, never into HTML.
"""

from __future__ import annotations

import streamlit as st

from core import steps
from core.steps import ref
from core.store.workshop_models import Workshop
from core.workshop import access
from core.workshop import session as workshop
from pages import _ui

LIVE_PAGE = steps.page_path("workshop_live")
LIVE_PATH = "workshop_live"
LIVE_KEY = "workshop_live__id"
PRESENT_PATH = ""  # the presenter view is the app's only page for a presenter link: served at the root
PRESENTER_PARAM = "presenter"  # app.py: a URL with it shows the presenter view and nothing else


def stable_label(ws: Workshop) -> str:
    """A workshop as a dropdown names it: what never changes about it (its status does)."""
    return f"{ws.title} (started {ws.created_at:%Y-%m-%d %H:%M})"


def _change_status(action, workspace_id: str, workshop_id: str) -> None:
    try:
        action(_ui.store(), workspace_id, workshop_id)
        st.session_state.pop("workshop__status_error", None)
    except _ui.USER_ERRORS as exc:
        st.session_state["workshop__status_error"] = _ui.user_message(exc)


def status_buttons(workspace_id: str, ws: Workshop, key: str) -> None:
    """Pause / resume and close (close asks once more: it is final)."""
    cols = st.columns(2)
    if ws.status == "open":
        cols[0].button(
            "Pause answers", key=f"{key}__pause", icon=":material/pause:", width="stretch",
            on_click=_change_status, args=(workshop.pause_workshop, workspace_id, ws.id),
        )  # fmt: skip
    elif ws.status == "paused":
        cols[0].button(
            "Resume answers", key=f"{key}__resume", icon=":material/play_arrow:", width="stretch",
            on_click=_change_status, args=(workshop.resume_workshop, workspace_id, ws.id),
        )  # fmt: skip
    if ws.status != "closed":
        with cols[1].popover("Close workshop", icon=":material/stop:", width="stretch"):
            st.markdown("Closing is final: the code stops working and nobody can change an answer. Nothing is lost.")
            st.button(
                "Yes, close it", key=f"{key}__close", type="primary",
                on_click=_change_status, args=(workshop.close_workshop, workspace_id, ws.id),
            )  # fmt: skip
    if st.session_state.get("workshop__status_error"):
        st.error(st.session_state["workshop__status_error"], icon=":material/error:")


def join_link(workspace_id: str, ws: Workshop, page_path: str = LIVE_PATH) -> str:
    """The participants' link: the join address the facilitator set (or the server's), else the address this page
    was opened at."""
    base = workshop.join_address(_ui.store(), workspace_id) or access.app_base(st.context.url, page_path)
    return access.join_link(base, ws.code)


def local_address_warning(link: str) -> None:
    """Warn the facilitator when phones cannot reach the join link (localhost, 127.0.0.1)."""
    if access.is_local_address(link):
        st.warning(
            "The join link points to this computer itself (localhost), which no phone can reach. Set the address "
            "phones use, such as http://192.168.1.20:8501, under **Join address** on the Team workshop page.",
            icon=":material/wifi_off:",
        )


def join_panel(link: str, code: str, *, big: int = 88, qr_width: int = 260) -> None:
    """The join code in large type, the link and its QR code (for the projector)."""
    text, qr = st.columns([3, 2], vertical_alignment="center")
    with text:
        st.markdown("**Join on your phone or laptop:** scan the QR code, or open the link, or open the workbook, "
                    "choose **Join a workshop** and type the code")  # fmt: skip
        # The code comes from a fixed alphabet (checked here), never from a person: safe as HTML.
        shown = workshop.format_code(workshop.normalize_code(code))
        st.markdown(
            f'<div data-testid="workshop-code" style="font-size:{big}px;font-weight:700;letter-spacing:0.4rem;'
            f'line-height:1.1;font-family:monospace">{shown}</div>',
            unsafe_allow_html=True,
        )
        st.code(link, language=None, wrap_lines=True)
    qr.image(_qr(link), caption="Scan to join", width=qr_width, alt=f"QR code of the join link {link}")


def join_address_field(workspace_id: str) -> None:
    """Where phones reach the app: the address the join link and QR code use (saved for the workspace)."""
    st.subheader("Join address", anchor=False)
    st.markdown(
        "The address people's phones use to reach this app; the join link and QR code are made from it. On a "
        "laptop in the room that is its address on the wifi, such as http://192.168.1.20:8501. Leave it empty to "
        "use " + ("the server's address (WORKBOOK_JOIN_ADDRESS)." if access.default_join_address() else
                  "the address this page is open at.")
    )  # fmt: skip
    _ui.autosave(
        st.text_input, "workshop__join_address", workshop.saved_join_address(_ui.store(), workspace_id),
        lambda value: workshop.save_join_address(_ui.store(), workspace_id, value),
        label="Join address", max_chars=access.MAX_ADDRESS_CHARS,
        placeholder=access.default_join_address() or "http://192.168.1.20:8501",
    )  # fmt: skip
    base = workshop.join_address(_ui.store(), workspace_id) or access.app_base(st.context.url, "workshop")
    # escape_md keeps the address text, never a link (inline code in a caption was too faint to read)
    st.caption("Join links look like " + _ui.escape_md(access.join_link(base, "ACD3F7X")))
    local_address_warning(base)


@st.cache_data(max_entries=64, show_spinner=False)
def _qr(link: str) -> bytes:
    return workshop.qr_png(link)


def presenter_controls(workspace_id: str, ws: Workshop) -> None:
    """Open the presenter view: a link that shows only this workshop's join panel and team results, with no
    workspace access at all, for the projector. A new link ends the one before."""
    key = f"workshop_live__presenter__{ws.id}"

    def make() -> None:
        try:
            st.session_state[key] = workshop.presenter_link_token(_ui.store(), workspace_id, ws.id)
        except _ui.USER_ERRORS as exc:
            st.session_state["workshop__status_error"] = _ui.user_message(exc)

    token = st.session_state.get(key)
    if token and access.presented_workshop(_ui.store(), token) is None:
        token = None  # ended from another tab
    with st.popover("Presenter view", icon=":material/co_present:", width="stretch"):
        st.markdown(
            "Put this on the projector: the join code and the team's results in large type, and nothing else. "
            "It carries no access to the workspace."
        )
        if token:
            base = access.app_base(st.context.url, LIVE_PATH)
            st.link_button("Open the presenter view", f"{base}/?{PRESENTER_PARAM}={token}",
                           icon=":material/open_in_new:", type="primary")  # fmt: skip
            st.button("Make a new presenter link (ends this one)", key=f"{key}__renew", on_click=make)
        else:
            st.button("Make a presenter link", key=f"{key}__make", type="primary", on_click=make)


def join_trouble_panel(workspace_id: str, ws: Workshop) -> None:
    """Tries to join this workshop that were refused in the last minutes, with a way to let the people in."""
    try:
        trouble = workshop.join_trouble(_ui.store(), workspace_id, ws.id)
    except _ui.USER_ERRORS:
        return
    if trouble.held:
        where = "phone or network" if trouble.held_clients == 1 else "phones or networks"
        st.warning(
            f"{trouble.held} tries with this workshop's code were held back in the last minutes (from "
            f"{trouble.held_clients} {where}) because of mistyped codes before. If they are people in the room, "
            "let them in; they then join with the code as usual.",
            icon=":material/block:",
        )
        st.button("Let them in", key="workshop_live__let_in", icon=":material/how_to_reg:",
                  on_click=_let_in, args=(workspace_id, ws.id))  # fmt: skip
    if trouble.full:
        st.warning(
            f"{trouble.full} tries to join were refused because the workshop has its most participants "
            f"({access.JoinLimits.from_env().participants}; the server's WORKBOOK_MAX_PARTICIPANTS).",
            icon=":material/group_off:",
        )
    message = st.session_state.get("workshop_live__let_in_status")
    if message:
        st.caption(message)


def _let_in(workspace_id: str, workshop_id: str) -> None:
    try:
        n = workshop.let_in(_ui.store(), workspace_id, workshop_id)
        st.session_state["workshop_live__let_in_status"] = (
            f":material/how_to_reg: {n} {'phone or network' if n == 1 else 'phones or networks'} may now join "
            "with the code (for the next 30 minutes)."
        )
    except _ui.USER_ERRORS as exc:
        st.session_state["workshop_live__let_in_status"] = _ui.user_message(exc)


# The figures change only when answers change, while the live view redraws every few seconds: keep them by their
# data. cache_resource, not cache_data: unpickling a plotly Figure validates it all over again, which costs more
# than the rest of the page; st.plotly_chart only reads the figure (to_dict), so sharing it is safe.
@st.cache_resource(max_entries=64, show_spinner=False)
def _disagreement_figure(items: tuple[workshop.ItemDistribution, ...], font_size: int = 16, limit: int = 10):
    from core.workshop import charts as workshop_charts

    return workshop_charts.disagreement_figure(items, limit=limit, font_size=font_size)


@st.cache_resource(max_entries=64, show_spinner=False)
def _domain_figure(domains: tuple[workshop.DomainSpread, ...], font_size: int = 16):
    from core.workshop import charts as workshop_charts

    return workshop_charts.domain_spread_figure(domains, font_size=font_size)


def participants_table(progress: list[workshop.ParticipantProgress]) -> None:
    if not progress:
        st.info("Nobody has joined yet. Show the code or the QR code; names appear here as people join.")
        return
    st.dataframe(
        [
            {
                "Name": p.display_name,
                "Answered": f"{p.responded} of {p.total}",
                "Progress": round(100 * p.share),
                "Last seen": "just now" if p.seen_seconds_ago < 120 else f"{p.seen_seconds_ago // 60} min ago",
            }
            for p in progress
        ],
        column_config={"Progress": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d%%")},
        hide_index=True,
        width="stretch",
        key="workshop_live__participants",
    )


def _agreed_text(agreed: workshop.AgreedAnswer | None) -> str:
    if agreed is None:
        return ""
    return "Not sure" if agreed.value is None else str(agreed.value)


def distribution_table(items: list[workshop.ItemDistribution], key: str, agreed: dict | None = None) -> None:
    """One row per item: how many answered 1, 2, 3, 4, Not sure, nothing; the spread; the agreed answer."""
    agreed = agreed or {}
    st.dataframe(
        [
            {
                "Item": d.label,
                "Statement": d.text,
                "1": d.counts[0],
                "2": d.counts[1],
                "3": d.counts[2],
                "4": d.counts[3],
                "Not sure": d.not_sure,
                "No answer": d.unanswered,
                "Spread": d.spread,
                "Suggested": d.suggested,
                "Agreed": _agreed_text(agreed.get(d.item_id)),
            }
            for d in items
        ],
        column_config={"Statement": st.column_config.TextColumn(width="medium")},
        hide_index=True,
        width="stretch",
        key=key,
    )


def text_activity_options(activity: str) -> None:
    """The choice of themes (Step 5) or of a conversation guide (Step 4) for a text workshop."""
    from core.hrh import value_proposition, what_it_takes

    if activity == "value_proposition":
        titles = {t.id: t.title for t in value_proposition.content().themes}
        st.multiselect(
            "Themes (leave empty for all six)", list(titles), format_func=titles.get, key="workshop__themes",
            help="Each theme has four to eight questions; two or three themes fill an hour well.",
        )  # fmt: skip
    else:
        by_id = {g.id: g for g in what_it_takes.guides()}
        st.selectbox(
            "Which conversation", list(by_id), key="workshop__guide",
            format_func=lambda g: f"{by_id[g].group} ({by_id[g].minutes} minutes)",
            help=f"The workshop becomes one of {ref('what_it_takes')}'s conversations; the notes are saved with it.",
        )  # fmt: skip
        st.caption(_ui.escape_md(what_it_takes.content().privacy_note))


def live_summary(workspace_id: str, ws: Workshop):
    """What the live view shows, read again only when something changed (see `workshop.live_fingerprint`)."""
    from core.workshop import text as workshop_text

    fingerprint = workshop.live_fingerprint(_ui.store(), workspace_id, ws)
    kept, summary = st.session_state.get("workshop_live__summary", (None, None))
    if kept != fingerprint:
        read = workshop.readiness_live if ws.activity == "readiness" else workshop_text.text_live
        summary = read(_ui.store(), workspace_id, ws)
        st.session_state["workshop_live__summary"] = (fingerprint, summary)
    return summary


def _progress_metrics(people: int, answers: int, third: tuple[str, str] | None = None) -> None:
    cols = st.columns(3)
    cols[0].metric("People joined", people)
    cols[1].metric("Answers given", answers)
    if third:
        cols[2].metric(*third)


HIDDEN = (
    "Team results are hidden while people answer on their own. Turn on **Show team results** to put the {what} "
    "on the screen."
)


TALK_FIRST = 5


def shorten(text: str, max_chars: int | None) -> str:
    """`text`, cut at a word before `max_chars` with an ellipsis when longer (None: whole)."""
    if max_chars is None or len(text) <= max_chars:
        return text
    return text[:max_chars].rsplit(" ", 1)[0].rstrip(",;:(") + " …"


def talk_first_markdown(top: list[workshop.ItemDistribution], max_chars: int | None = None) -> str:
    """The numbered list of the items to talk about first (item texts are content; escaped all the same).
    `max_chars` cuts long statements (the projector's list must fit its first screen; the phones show them whole)."""
    return "**Talk about these first:**\n" + "\n".join(
        f"{n}. **{_ui.escape_md(d.label)}** (spread {d.spread}; {d.not_sure} not sure): "
        f"{_ui.escape_md(shorten(d.text, max_chars))}"
        for n, d in enumerate(top, start=1)
    )


def readiness_live(summary: workshop.ReadinessLive, visible: bool) -> None:
    """The refreshing part of a readiness workshop's live view (called inside the page's fragment)."""
    from core.workshop import charts as workshop_charts

    _progress_metrics(
        len(summary.participants),
        summary.answers_given,
        ("Items agreed", f"{len(summary.agreed)} of {len(summary.items)}"),
    )
    st.subheader("Who joined, and how far each is", anchor=False)
    participants_table(summary.participants)
    if not visible:
        st.info(
            HIDDEN.format(what="spread of answers and the items of most disagreement"), icon=":material/visibility_off:"
        )
        return
    if not summary.answers_given:
        st.info("No answers yet: the team's results appear here as people answer.")
        return
    st.subheader("Where the team disagrees most", anchor=False)
    st.caption(
        "Items with at least two answers, largest spread first (highest minus lowest answer); equal spreads: "
        "the larger standard deviation first, then workbook order. Items with fewer than two numeric answers "
        'come last. "Not sure" is never a number: it is counted on its own.'
    )
    top = workshop_charts.disagreement_items(summary.disagreement, limit=TALK_FIRST)
    if top:
        st.markdown(talk_first_markdown(top))
        st.plotly_chart(_disagreement_figure(tuple(top), limit=TALK_FIRST), width="stretch",
                        key="workshop_live__disagreement_chart")  # fmt: skip
    else:
        st.info("No item has two numeric answers yet: the chart appears once two people have answered the same item.")
    distribution_table(summary.disagreement, "workshop_live__disagreement", summary.agreed)
    st.subheader("Domain means, with their spread", anchor=False)
    st.caption(
        "Each person's mean of their own answers in a domain; the dot is the team's mean of those, the line runs "
        "from the lowest to the highest person. A long line is worth a conversation even when the mean looks fine."
    )
    st.plotly_chart(_domain_figure(tuple(summary.domains)), width="stretch",
                    key="workshop_live__domains_chart")  # fmt: skip


def text_live(summary, visible: bool, question_id: str | None) -> None:
    """The refreshing part of a text workshop's live view: who is how far, and one question's answers side by side."""
    _progress_metrics(len(summary.participants), summary.answers_given)
    st.subheader("Who joined, and how far each is", anchor=False)
    participants_table(summary.participants)
    if not visible:
        st.info(HIDDEN.format(what="answers, side by side and without names,"), icon=":material/visibility_off:")
        return
    shown = next((q for q in summary.questions if q.question.id == question_id), summary.questions[0])
    st.subheader(shown.question.text, anchor=False)
    st.caption(f"{_ui.escape_md(shown.question.part)} · {len(shown.answers)} answers, shown without names")
    if not shown.answers:
        st.info("No answer to this question yet.")
    for start in range(0, len(shown.answers), 3):
        for col, text in zip(st.columns(3), shown.answers[start : start + 3], strict=False):
            col.container(border=True).markdown(_ui.escape_md(text))  # a participant's text, shown as typed


def text_question_picker(summary) -> str:
    """Which question the projector shows (outside the refreshing part, so choosing never gets interrupted)."""
    by_id = {q.question.id: q for q in summary.questions}
    return st.selectbox(
        "Question on the screen", list(by_id), key="workshop_live__question",
        format_func=lambda i: f"{by_id[i].question.part}: {by_id[i].question.text[:90]} ({len(by_id[i].answers)})",
    )  # fmt: skip


def _on_team_text(workspace_id: str, workshop_id: str, question_id: str, key: str) -> None:
    from core.workshop import text as workshop_text

    try:
        workshop_text.record_team_text(_ui.store(), workspace_id, workshop_id, question_id, st.session_state[key])
        st.session_state["workshop_live__team_status"] = ("ok", "Saved as the team's answer.")
    except _ui.USER_ERRORS as exc:
        st.session_state["workshop_live__team_status"] = ("error", _ui.user_message(exc))


def team_text_section(workspace_id: str, ws: Workshop, question_id: str) -> None:
    """The team's answer to the question on the screen, saved into the step (with its earlier versions kept)."""
    from core.workshop import text as workshop_text

    target = workshop_text.target_step(ws)
    step = target.label
    st.subheader("The team's answer", anchor=False)
    key = f"workshop_live__team__{question_id}"
    if key not in st.session_state:
        st.session_state[key] = workshop_text.team_texts(_ui.store(), workspace_id, ws).get(question_id, "")
    st.text_area(
        f"What the team agrees to say (saved in {step})", key=key, height=140,
        help="Start from the answers above. Saving keeps what was there before as an earlier version.",
    )  # fmt: skip
    st.button(
        "Save as the team's answer", type="primary", icon=":material/check:", key="workshop_live__team_save",
        on_click=_on_team_text, args=(workspace_id, ws.id, question_id, key),
    )  # fmt: skip
    kind, message = st.session_state.pop("workshop_live__team_status", (None, None))
    if kind == "error":
        st.error(message, icon=":material/error:")
    elif kind:
        st.success(message, icon=":material/check:")
    _ui.link(target.pages[0].id, f"Open {step}")
