"""Home: what the workbook is for, who it serves, and how far the open workspace has come."""

import streamlit as st

from core.content import load
from core.steps import StepsContent, workspace_progress
from pages import _ui

st.title("Harm Reduction Financing Workbook")
st.markdown(
    "Harm reduction programs already do work that health systems need and pay others for: reaching "
    "people nobody else reaches, building trust, walking people to care. This workbook helps your team "
    "turn that work into **sustainable healthcare funding**, step by step, and produce the documents "
    "you take to a hospital, health center, health plan or health department."
)
c1, c2, c3 = st.columns(3)
c1.markdown(
    ":material/person: **A leader's self-assessment.** Work through the steps over days or weeks; "
    "every answer is saved as you go."
)
c2.markdown(
    ":material/groups: **A team workshop.** Project it, let colleagues answer from their phones, "
    "talk about where you disagree, record what you agree."
)
c3.markdown(
    ":material/description: **A deliverable.** Export your value proposition, readiness report, "
    "meeting agenda or the whole workbook as Word documents and a slide deck."
)

workspace = _ui.current_workspace()
if workspace is None:
    st.subheader("Start here")
    st.markdown(
        "Everything you enter lives in a **workspace** for your organization, protected by a passphrase. "
        "Create one, open yours, or look around a filled-in example first."
    )
    _ui.link("workspace", "Create or open a workspace, or try the demo")
    st.stop()

st.subheader(f"Your progress: {_ui.escape_md(workspace.name)}", anchor=False)
_ui.where_next(workspace.id)
STATUS_ICON = {
    "done": ":material/check_circle:",
    "in progress": ":material/pending:",
    "not started": ":material/radio_button_unchecked:",
}
content = load(StepsContent)
progress = {p.step_id: p for p in workspace_progress(_ui.store(), workspace.id)}
for group in content.groups:
    steps = [s for s in content.steps if s.group == group.id]
    if not steps:  # the navigation's other groups (Start, Workshop, Reports)
        continue
    done = sum(progress[s.id].status == "done" for s in steps)
    with st.expander(f"{group.title}: {done} of {len(steps)} done", expanded=group.id == "hrh"):
        for s in steps:
            p = progress[s.id]
            name, bar = st.columns([3, 2], vertical_alignment="center")
            with name:
                _ui.link(s.pages[0].id, s.label, icon=STATUS_ICON[p.status])
            detail = f" · {_ui.escape_md(p.detail)}" if p.detail else ""
            bar.progress(p.share, text=f"{round(p.share * 100)}% · {p.status}{detail}")
