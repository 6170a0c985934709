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


def client_key() -> str:
    """Who is trying to join, for the limit on tries: the connection's address, else this browser session."""
    ip = st.context.ip_address
    if isinstance(ip, str) and ip:
        return f"ip:{ip}"
    if "join__client" not in st.session_state:
        import secrets

        st.session_state["join__client"] = secrets.token_hex(16)
    return f"session:{st.session_state['join__client']}"


def text_activity_options(activity: str) -> None:
    """The choice of themes (Step 5) or of a conversation guide (Step 4) for a text workshop."""
    from core import workshop_text

    if activity not in workshop_text.available():
        st.info("This activity needs the Step 4 and Step 5 content, which is not in this version yet.")
        return
    workshop_text.option_widgets(activity)  # replaced once the content exists


def readiness_live(summary: workshop.ReadinessLive, visible: bool) -> None:
    """The refreshing part of a readiness workshop's live view (called inside the page's fragment)."""
    from core import workshop_charts

    people, answers, agreed = st.columns(3)
    people.metric("People joined", len(summary.participants))
    answers.metric("Answers given", summary.answers_given)
    agreed.metric("Items agreed", f"{len(summary.agreed)} of {len(summary.items)}")
    st.subheader("Who joined, and how far each is", anchor=False)
    participants_table(summary.participants)
    if not visible:
        st.info(
            "Team results are hidden while people answer on their own. Turn on **Show team results** to put the "
            "spread of answers and the items of most disagreement on the screen.",
            icon=":material/visibility_off:",
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


def text_live(workspace_id: str, ws: Workshop) -> None:
    st.info("Text activities are not available yet.")


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


def participant_text(token: str, seat: workshop.Seat) -> None:
    st.info("Text activities are not available yet.")
