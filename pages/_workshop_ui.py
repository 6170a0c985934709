"""Page helpers of workshop mode (facilitator pages and the participant page). Not listed in the navigation.

Rendering only: every number comes from `core.workshop`. Participant names and answers are user text:
they go into tables (shown as text) or through `_ui.escape_md`, never into HTML.
"""

from __future__ import annotations

import streamlit as st

from core import workshop
from core.store.database import StoreError
from core.store.workshop_models import Workshop
from pages import _ui

LIVE_PAGE = "pages/workshop_live.py"
LIVE_PATH = "workshop_live"
LIVE_KEY = "workshop_live__id"


def label(ws: Workshop) -> str:
    return f"{ws.title} ({workshop.STATUS_WORDS[ws.status].lower()})"


def _change_status(action, workspace_id: str, workshop_id: str) -> None:
    try:
        action(_ui.store(), workspace_id, workshop_id)
        st.session_state.pop("workshop__status_error", None)
    except (workshop.WorkshopError, KeyError, StoreError) as exc:
        st.session_state["workshop__status_error"] = str(exc).strip("'\"")


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


def join_panel(ws: Workshop) -> None:
    """The join code in large type, the link and its QR code (for the projector)."""
    link = workshop.join_url(st.context.url, LIVE_PATH, ws.code)
    text, qr = st.columns([3, 2], vertical_alignment="center")
    with text:
        st.markdown("**Join on your phone or laptop:** open the workbook, choose **Join a workshop**, and type")
        # The code comes from a fixed alphabet (checked here), never from a person: safe as HTML.
        shown = workshop.format_code(workshop.normalize_code(ws.code))
        st.markdown(
            f'<div data-testid="workshop-code" style="font-size:5.5rem;font-weight:700;letter-spacing:0.4rem;'
            f'line-height:1.1;font-family:monospace">{shown}</div>',
            unsafe_allow_html=True,
        )
        st.markdown("or open this link:")
        st.code(link, language=None)
    qr.image(_qr(link), caption="Scan to join", width=260, alt=f"QR code of the join link {link}")


@st.cache_data(max_entries=64, show_spinner=False)
def _qr(link: str) -> bytes:
    return workshop.qr_png(link)


# The figures change only when answers change, while the live view redraws every few seconds: keep them by their
# data. cache_resource, not cache_data: unpickling a plotly Figure validates it all over again, which costs more
# than the rest of the page; st.plotly_chart only reads the figure (to_dict), so sharing it is safe.
@st.cache_resource(max_entries=64, show_spinner=False)
def _disagreement_figure(items: tuple[workshop.ItemDistribution, ...]):
    from core import workshop_charts

    return workshop_charts.disagreement_figure(items)


@st.cache_resource(max_entries=64, show_spinner=False)
def _domain_figure(domains: tuple[workshop.DomainSpread, ...]):
    from core import workshop_charts

    return workshop_charts.domain_spread_figure(domains)


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
    from core import guides, value_proposition

    if activity == "value_proposition":
        titles = {t.id: t.title for t in value_proposition.content().themes}
        st.multiselect(
            "Themes (leave empty for all six)", list(titles), format_func=titles.get, key="workshop__themes",
            help="Each theme has four to eight questions; two or three themes fill an hour well.",
        )  # fmt: skip
    else:
        by_id = {g.id: g for g in guides.guides()}
        st.selectbox(
            "Which conversation", list(by_id), key="workshop__guide",
            format_func=lambda g: f"{by_id[g].group} ({by_id[g].minutes} minutes)",
            help="The workshop becomes one of Step 4's conversations; the team's notes are saved with it.",
        )  # fmt: skip
        st.caption(_ui.escape_md(guides.content().privacy_note))


def live_summary(workspace_id: str, ws: Workshop):
    """What the live view shows, read again only when something changed (see `workshop.live_fingerprint`)."""
    from core import workshop_text

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


def readiness_live(summary: workshop.ReadinessLive, visible: bool) -> None:
    """The refreshing part of a readiness workshop's live view (called inside the page's fragment)."""
    from core import workshop_charts

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
    top = workshop_charts.disagreement_items(summary.disagreement, limit=10)
    if top:
        st.markdown(
            "**Talk about these first:**\n"
            + "\n".join(
                f"{n}. **{_ui.escape_md(d.label)}** (spread {d.spread}; {d.not_sure} not sure): {_ui.escape_md(d.text)}"
                for n, d in enumerate(top[:5], start=1)
            )
        )
        st.plotly_chart(_disagreement_figure(tuple(top)), width="stretch",
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
    from core import workshop_text

    try:
        workshop_text.record_team_text(_ui.store(), workspace_id, workshop_id, question_id, st.session_state[key])
        st.session_state["workshop_live__team_status"] = ("ok", "Saved as the team's answer.")
    except (workshop.WorkshopError, ValueError, KeyError, StoreError) as exc:
        st.session_state["workshop_live__team_status"] = ("error", str(exc))


def team_text_section(workspace_id: str, ws: Workshop, question_id: str) -> None:
    """The team's answer to the question on the screen, saved into the step (with its earlier versions kept)."""
    from core import workshop_text

    page, step = workshop_text.step_page(ws)
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
    st.page_link(page, label=f"Open {step}", icon=":material/arrow_forward:")
