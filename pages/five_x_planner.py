"""The 5x planner and care program ROI: two named scenarios, the CareOregon preset, the reverse question,
and the care model plan as a Word document."""

import streamlit as st

from core import care_roi as roi
from core.export.care_model_plan import care_model_plan_docx
from pages import _roi_ui as view
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
_ui.step_header(roi.STEP)
st.markdown(
    "Grow in multiples of five: learn deeply with 5 patients at low cost and risk, then 25, 125 and 625. "
    "For each cohort, see the staff your caseloads call for, what they cost, and what avoided emergency "
    "visits and hospital days could save. Figures you did not type say where they came from."
)

scenarios = {slot: roi.scenario(store, ws, slot) for slot in roi.SLOTS}
# Only the open tab runs (on_change="rerun"): each view draws its own charts.
tabs = st.tabs(
    ["Scenario A", "Scenario B", "Side by side", "Check against CareOregon"], key="five_x__view", on_change="rerun"
)
for tab, slot in zip(tabs[:2], roi.SLOTS, strict=True):
    with tab:
        if not tab.open:
            continue
        view.scenario_inputs(ws, slot, scenarios[slot])
        scenario = roi.scenario(store, ws, slot)
        inputs = scenario.inputs
        st.subheader(f"Results: {scenario.name}", anchor=False)
        missing = roi.ready(inputs)
        if missing:
            st.info(
                "To see results, " + "; ".join(missing) + ". Or load the CareOregon preset to start from a "
                "real program's figures.",
                icon=":material/edit_note:",
            )
        if not inputs.roles:
            continue
        results = roi.plan(inputs)
        st.table(view.results_table(results), hide_index=True)
        if not missing:
            view.results_chart(
                results, f"{scenario.name}: annual cost and projected savings by cohort", key=f"five_x__{slot}__chart"
            )
        st.caption(
            f"Savings per engaged patient a year: {roi.format_money(roi.savings_per_engaged(inputs))}; per "
            f"enrolled patient: {roi.format_money(roi.savings_per_enrolled(inputs))}; cost per patient "
            f"(staff and overhead): {roi.format_money(roi.cost_per_patient(inputs))}."
        )
        st.markdown("**The reverse question: how many patients per care manager until it pays for itself?**")
        left, right = st.columns(2)
        role_index = left.selectbox(
            "Role",
            range(len(inputs.roles)),
            key=f"five_x__{slot}__reverse_role",
            format_func=lambda i, roles=inputs.roles: roles[i].role if i < len(roles) else "",
        )
        sizes = roi.cohort_sizes(inputs)
        cohort = right.selectbox(
            "Cohort",
            sizes,
            index=min(2, len(sizes) - 1),
            key=f"five_x__{slot}__reverse_cohort",
            format_func=lambda n: f"{n} patients",
        )
        st.success(
            _ui.escape_md(roi.break_even_caseload(inputs, role_index or 0, cohort).message), icon=":material/balance:"
        )

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
