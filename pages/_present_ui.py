"""Page helpers of the presenter view (the projector). Not listed in the navigation.

Built for a room: at 1920x1080 the discussion list and every chart label are at least 28 px, the team's results
sit on the first screen (the join panel folds away once results are shown) and every bar carries its number.
Rendering only; every number comes from `core.workshop.session`. The style sheet below is fixed text, never user text.
"""

from __future__ import annotations

import streamlit as st

from core.store.workshop_models import Workshop
from core.workshop import session as workshop
from pages import _ui
from pages import _workshop_ui as wui

BIG = 28  # px: the smallest type on the projector
LIST_CHARS = 100  # a statement longer than this is cut on the projector, so the five fit on its first screen
STYLE = f"""<style>
[data-testid="stMainBlockContainer"] {{ padding-top: 1.5rem !important; }}
.st-key-present_big p, .st-key-present_big li {{ font-size: {BIG + 2}px !important; line-height: 1.3 !important; }}
.st-key-present_big h1, .st-key-present_big h1 span {{ font-size: {BIG + 16}px !important; padding: 0 !important; }}
.st-key-present_big h2, .st-key-present_big h2 span, .st-key-present_big h3, .st-key-present_big h3 span {{
  font-size: {BIG + 6}px !important; }}
.st-key-present_big [data-testid="stCaptionContainer"] p {{ font-size: {BIG}px !important; }}
.st-key-present_big [data-testid="stExpander"] summary p {{ font-size: {BIG}px !important; }}
.st-key-present_big code {{ font-size: {BIG}px !important; }}
.st-key-present_list li {{ margin-bottom: 0.2rem; }}
</style>"""


def projector_style() -> None:
    st.html(STYLE)


def join_line(link: str, code: str) -> None:
    """One line that stays on screen when the join panel is folded: latecomers can still join."""
    st.markdown(f"**Join:** `{link}` · code **{workshop.format_code(workshop.normalize_code(code))}**")


def counts_line(people: int, answers: int, agreed: str | None = None) -> None:
    """How far the room is, in one line (metrics would take a third of the first screen)."""
    parts = [f"**{people}** {'person' if people == 1 else 'people'} joined", f"**{answers}** answers given"]
    if agreed:
        parts.append(f"**{agreed}** items agreed")
    with st.container(key="present_counts"):
        st.markdown(" · ".join(parts))


def readiness_results(summary: workshop.ReadinessLive, visible: bool) -> None:
    from core.workshop import charts as workshop_charts

    counts_line(len(summary.participants), summary.answers_given, f"{len(summary.agreed)} of {len(summary.items)}")
    if not visible:
        st.info("The team's results appear here when the facilitator shows them. Answer on your own first.",
                icon=":material/visibility_off:")  # fmt: skip
        return
    top = workshop_charts.disagreement_items(summary.disagreement, limit=wui.TALK_FIRST)
    if not top:
        st.info("No item has two answers yet: the items to talk about appear here as people answer.")
        return
    words, chart = st.columns([1, 1], gap="large")
    with words.container(key="present_list"):
        st.markdown(wui.talk_first_markdown(top, max_chars=LIST_CHARS))
    chart.plotly_chart(
        wui._disagreement_figure(tuple(top), font_size=BIG, limit=wui.TALK_FIRST), width="stretch",
        key="present__disagreement_chart", config={"displayModeBar": False},
    )  # fmt: skip
    st.plotly_chart(wui._domain_figure(tuple(summary.domains), font_size=BIG), width="stretch",
                    key="present__domains_chart", config={"displayModeBar": False})  # fmt: skip


def text_results(summary, visible: bool) -> None:
    counts_line(len(summary.participants), summary.answers_given)
    if not visible:
        st.info("The team's answers appear here when the facilitator shows them.", icon=":material/visibility_off:")
        return
    for shown in summary.questions:
        if not shown.answers:
            continue
        st.subheader(shown.question.text, anchor=False)
        for start in range(0, len(shown.answers), 3):
            for col, text in zip(st.columns(3), shown.answers[start : start + 3], strict=False):
                col.container(border=True).markdown(_ui.escape_md(text))  # a participant's text, shown as typed


def header(ws: Workshop, link: str | None) -> None:
    """The workshop's name, what it is, and (while it can be joined) how to join, in two lines."""
    name, join = st.columns([1, 1], vertical_alignment="bottom")
    name.title(_ui.escape_md(ws.title), anchor=False)
    if link:
        with join:
            join_line(link, ws.code)
    st.caption(f"{workshop.ACTIVITY_TITLES[ws.activity]} · {workshop.STATUS_WORDS[ws.status]}")
