"""Page furniture: step headers and footers, links between pages, "where next", the workspace line in the
sidebar and the stop when none is open, and user text made safe for markdown (`escape_md`).

The words of steps and links come from data/steps.yaml through `core.steps`. Nothing here saves an answer or
computes progress (`where_next` asks `core.steps`). Not listed in the navigation.
"""

from __future__ import annotations

import re

import streamlit as st

from core import steps
from core.content import load
from core.steps import step as get_step
from core.store.models import Workspace
from pages import _session

# What markdown (and Streamlit's own ":color[...]" / ":icon:" directives, and "&amp;" entities) would
# read as syntax; CommonMark shows each backslash-escaped one as itself, with no backslash.
_MARKDOWN_SYNTAX = frozenset("\\`*_{}[]()#+-.!|<>~$:&=")
_ESCAPES = str.maketrans({ch: "\\" + ch for ch in _MARKDOWN_SYNTAX})  # each one backslash-escaped, in one pass
_WORD_JOINER = "\u2060"  # invisible, zero width: splits what a link finder looks for, not the words
_LINK_STARTS = re.compile(r"(?i)(?<=www)(?=\.)|(?<=:)(?=//)|(?=@)")


def escape_md(text: str) -> str:
    """User text shown through markdown exactly as typed: never a link, an image, HTML, a heading, a
    colour or an icon.

    Markdown syntax characters are backslash-escaped (shown as themselves, no backslash shows).
    Markdown still turns bare addresses into links after parsing ("https://", "www.", "name@host"),
    so an invisible word joiner goes where each would start.
    """
    return _LINK_STARTS.sub(_WORD_JOINER, str(text)).translate(_ESCAPES)


def step_header(step_id: str) -> None:
    """Title, purpose, who should be at the table and how long it takes, from data/steps.yaml."""
    step = get_step(step_id)
    st.title(step.label)
    st.markdown(step.purpose)
    cols = st.columns(2)
    cols[0].markdown(f":material/groups: **Who should be at the table:** {step.who}")
    cols[1].markdown(f":material/schedule: **Time:** {step.time}")
    st.divider()


def step_footer(gives: str, next_page: str, label: str | None = None) -> None:
    """The "what this gives you / next step" close of a step page: `next_page` is a page id."""
    st.divider()
    st.subheader("What this gives you", anchor=False)
    st.markdown(gives)
    link(next_page, label)


# A page's path and default link words, by page id, for the data/steps.yaml loaded (a test may load another):
# they are looked up in the whole journey, and a page draws a dozen links on every run.
_link_words: tuple[object, dict[tuple[str, str], str]] = (None, {})


def _link_word(what: str, page_id: str) -> str:
    global _link_words
    journey = load(steps.StepsContent)
    loaded_for, found = _link_words
    if loaded_for is not journey:
        found = {}
        _link_words = (journey, found)
    if (what, page_id) not in found:
        found[(what, page_id)] = steps.page_path(page_id) if what == "path" else steps.link_label(page_id)
    return found[(what, page_id)]


def link(page_id: str, label: str | None = None, *, icon: str | None = None, query_params: dict | None = None) -> None:
    """A link to a page of the journey by its id (its file name in pages/). Its words default to the step's
    label ("Step 7: Mapping out potential partners") for a step's main page, else the page's menu title."""
    st.page_link(
        _link_word("path", page_id),
        label=label or _link_word("label", page_id),
        icon=icon or ":material/arrow_forward:",
        query_params=query_params,
    )


def glossary_link(term_id: str, label: str | None = None) -> None:
    """A link to a term's glossary entry: the glossary page opened at `?term=<id>`."""
    from core.hrh.glossary import glossary_term

    term = glossary_term(term_id)
    link(
        "glossary",
        label=label or f"Glossary: {term.term if term else term_id}",
        icon=":material/menu_book:",
        query_params={"term": term_id},
    )


def where_next(workspace_id: str) -> None:
    """Where the team goes on from here: the first step not done yet (Step 1 on a new workspace), as a link."""
    nxt = steps.suggested_next(steps.workspace_progress(_session.store(), workspace_id))
    if nxt is None:
        st.success("Every step has its answers. Download your documents from Reports.", icon=":material/task_alt:")
        link("reports")
        return
    with st.container(border=True):
        st.markdown(f"**Next:** {nxt.purpose}" if nxt.purpose else "**Next**")
        link(nxt.pages[0].id, nxt.label)


def require_workspace() -> Workspace:
    """The open workspace, or a message and a stop if none is open."""
    workspace = _session.current_workspace()
    if workspace is None:
        st.info("Open or create a workspace first: your answers are saved in it.")
        link("workspace", "Go to Workspace", icon=":material/login:")
        st.stop()
    return workspace


def sidebar_workspace(workspace: Workspace | None) -> None:
    """The sidebar's line saying which workspace is open, with a way to close it."""
    with st.sidebar:
        if workspace is None:
            st.caption("No workspace open.")
            return
        st.caption("Workspace")
        st.markdown(f"**{escape_md(workspace.name)}**")
        if st.button("Close workspace", key="sidebar__close_workspace", icon=":material/logout:"):
            _session.forget_workspace()
            st.rerun()
