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
content = load(StepsContent)
progress = {p.step_id: p for p in workspace_progress(_ui.store(), workspace.id)}
for group in content.groups:
    steps = [s for s in content.steps if s.group == group.id]
    if not steps:  # the navigation's other groups (Start, Workshop, Reports)
        continue
    done = sum(progress[s.id].status == "done" for s in steps)
    with st.expander(f"{group.title}: {done} of {len(steps)} done", expanded=group.id == "hrh"):
        st.dataframe(
            [
                {
                    "Step": s.label,
                    "Progress": round(progress[s.id].share * 100),
                    "Status": progress[s.id].status,
                    "Detail": progress[s.id].detail,
                }
                for s in steps
            ],
            column_config={
                "Progress": st.column_config.ProgressColumn("Progress", min_value=0, max_value=100, format="%d%%")
            },
            hide_index=True,
            width="stretch",
        )
