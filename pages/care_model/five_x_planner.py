"""The 5x planner and care program ROI: two named scenarios, the CareOregon preset, the reverse question,
and the care model plan as a Word document."""

import streamlit as st

from core.care_model import five_x_planner as roi
from core.export.care_model_plan import care_model_plan_docx
from pages import _roi_ui as view
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
_ui.step_header(roi.STEP)
st.markdown(
    "Grow in multiples of five: learn deeply with 5 patients at low cost and risk, then 25, 125 and 625. "
    "For each cohort, see the staff your caseloads call for, what they cost, and what avoided emergency "
    "visits and hospital days could save, month by month over three years: the first year, the steady "
    "state, the margin, the ROI and the month it breaks even. Figures you did not type say where they came "
    "from; nothing is assumed, so results appear once every cost and the savings are entered."
)

scenarios = {slot: roi.scenario(store, ws, slot) for slot in roi.SLOTS}
# Only the open tab runs (on_change="rerun"): each view draws its own charts.
tabs = st.tabs(
    ["Scenario A", "Scenario B", "Side by side", "Check against CareOregon"], key="five_x__view", on_change="rerun"
)
for tab, slot in zip(tabs[:2], roi.SLOTS, strict=True):
    with tab:
        if tab.open:
            view.scenario_inputs(ws, slot, scenarios[slot])
            view.scenario_results(slot, roi.scenario(store, ws, slot))

with tabs[2]:
    if tabs[2].open:
        view.side_by_side(scenarios["a"], scenarios["b"])

with tabs[3]:
    if tabs[3].open:
        view.careoregon_view(ws, scenarios)

st.divider()
st.download_button(
    "Download the care model plan (Word)",
    data=lambda: care_model_plan_docx(store, ws),
    file_name="care-model-plan.docx",
    key="five_x__download",
    icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    on_click="ignore",
)
st.markdown(
    "**What this gives you:** the staff, cost and savings of each step of growth, checked against a real "
    "program, to bring to a health plan or hospital. **Next:** compare payment arrangements that could "
    "fund it."
)
