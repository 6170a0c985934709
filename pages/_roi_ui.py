"""UI pieces of the 5x planner page: one scenario's figures (each with where it came from), its results
table and chart, and the side-by-side view. The arithmetic is all in `core.care_roi`; this module only
draws widgets and charts. Not listed in the navigation.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import care_roi as roi
from pages import _care_figures as figures
from pages import _care_ui as ui
from pages import _ui

PREFIX = "five_x"


def forget_widgets(slot: str) -> None:
    """Drop a scenario's widget values so they are seeded again from the store (after a preset or a copy)."""
    for key in [k for k in st.session_state if str(k).startswith(f"{PREFIX}__{slot}__")]:
        del st.session_state[key]


def _load_preset(workspace_id: str, slot: str) -> None:
    roi.load_careoregon(_ui.store(), workspace_id, slot)
    forget_widgets(slot)


def _copy(workspace_id: str, source: str, target: str) -> None:
    roi.copy_scenario(_ui.store(), workspace_id, source, target)
    forget_widgets(target)


def _save_roles(workspace_id: str, slot: str, key: str) -> None:
    try:
        errors = roi.save_role_edits(_ui.store(), workspace_id, slot, st.session_state.get(key) or {})
    except ui.SAVE_ERRORS as exc:
        errors = [ui.message(exc)]
    st.session_state[f"{key}__status"] = ("error", " ".join(errors)) if errors else ("saved", "")


def _figure(workspace_id: str, slot: str, scenario: roi.Scenario, path: str, step: float) -> None:
    value = roi.field_value(scenario.inputs, path)
    ui.autosave(
        st.number_input,
        f"{PREFIX}__{slot}__{path}",
        None if value is None else float(value),
        lambda v: roi.save_field(_ui.store(), workspace_id, slot, path, v),
        label=roi.FIELD_LABELS[path],
        step=step,
        format="%g",
        quiet=True,
    )
    st.caption(f"Source: {_ui.escape_md(scenario.source(path))}")


def scenario_inputs(workspace_id: str, slot: str, scenario: roi.Scenario) -> None:
    other = "b" if slot == "a" else "a"
    top = st.columns([2, 1, 1], vertical_alignment="bottom")
    with top[0]:
        ui.autosave(
            st.text_input,
            f"{PREFIX}__{slot}__name",
            scenario.name,
            lambda v: roi.rename_scenario(_ui.store(), workspace_id, slot, v),
            label="Scenario name",
            max_chars=60,
            quiet=True,
        )
    top[1].button(
        "Load the CareOregon preset",
        key=f"{PREFIX}__{slot}__preset",
        on_click=_load_preset,
        args=(workspace_id, slot),
        icon=":material/download_for_offline:",
        help="Replaces this scenario's figures with CareOregon's reported caseload and savings.",
    )
    top[2].button(
        f"Copy scenario {other.upper()} here",
        key=f"{PREFIX}__{slot}__copy",
        on_click=_copy,
        args=(workspace_id, other, slot),
        icon=":material/content_copy:",
    )

    st.markdown("**Staff: the caseload one full-time person carries, salary and fringe**")
    key = f"{PREFIX}__{slot}__roles"
    rows = [
        {
            "role": r.role,
            "caseload": r.caseload,
            "salary": float(r.salary),
            "fringe_pct": float(r.fringe_pct),
            "source": r.source,
        }
        for r in scenario.inputs.roles
    ]
    st.data_editor(
        pd.DataFrame(rows, columns=["role", "caseload", "salary", "fringe_pct", "source"]),
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        on_change=_save_roles,
        args=(workspace_id, slot, key),
        column_config={
            "role": st.column_config.TextColumn("Role", required=True, max_chars=80),
            "caseload": st.column_config.NumberColumn("Caseload (patients per FTE)", step=1),
            "salary": st.column_config.NumberColumn("Annual salary ($)", step=1000, format="dollar"),
            "fringe_pct": st.column_config.NumberColumn("Fringe (% of salary)", step=1),
            "source": st.column_config.TextColumn("Where the figures come from", disabled=True, width="large"),
        },
    )
    ui.feedback(key, quiet=True)
    for r in scenario.inputs.roles:
        if r.source != roi.YOUR_ESTIMATE:
            st.caption(f"{_ui.escape_md(r.role)}: {_ui.escape_md(r.source)}")

    st.markdown("**Savings: avoided emergency visits and hospital days**")
    left, right = st.columns(2)
    for column, use in zip((left, right), ("ed", "hospital_days"), strict=True):
        with column:
            for field, step in (("baseline", 0.5), ("cost", 100.0), ("reduction_pct", 5.0)):
                _figure(workspace_id, slot, scenario, f"{use}.{field}", step)
    left, right = st.columns(2)
    with left:
        _figure(workspace_id, slot, scenario, "engagement_pct", 5.0)
    with right:
        _figure(workspace_id, slot, scenario, "reported_savings_per_patient", 100.0)

    st.markdown("**Other costs and timing**")
    columns = st.columns(5)
    for column, (path, step) in zip(
        columns,
        (
            ("overhead_pct", 1.0),
            ("fixed_costs", 1000.0),
            ("startup_cost", 1000.0),
            ("ramp_up_months", 1.0),
            ("custom_cohort", 10.0),
        ),
        strict=True,
    ):
        with column:
            _figure(workspace_id, slot, scenario, path, step)


def results_table(results: list[roi.CohortResult]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Patients": c.patients,
                **{f"{s.role} (FTE)": f"{s.fte:,}" for s in c.staffing},
                "Annual cost": roi.format_money(c.total_cost),
                "Annual savings": roi.format_money(c.savings),
                "Net": roi.format_money(c.net),
                "ROI": roi.format_pct(c.roi_pct),
                "Payback": roi.format_payback(c.payback_months),
            }
            for c in results
        ]
    )


def results_chart(results: list[roi.CohortResult], title: str, key: str) -> None:
    st.plotly_chart(figures.roi_results(results, title), width="stretch", key=key)


def side_by_side(a: roi.Scenario, b: roi.Scenario) -> None:
    rows = roi.side_by_side(a.inputs, b.inputs)
    st.table(
        pd.DataFrame(
            [
                {
                    "Patients": r.patients,
                    f"Net: {a.name}": roi.format_money(r.a.net),
                    f"Net: {b.name}": roi.format_money(r.b.net),
                    f"ROI: {a.name}": roi.format_pct(r.a.roi_pct),
                    f"ROI: {b.name}": roi.format_pct(r.b.roi_pct),
                    f"Payback: {a.name}": roi.format_payback(r.a.payback_months),
                    f"Payback: {b.name}": roi.format_payback(r.b.payback_months),
                }
                for r in rows
            ]
        ),
        hide_index=True,
    )
    st.plotly_chart(
        figures.roi_side_by_side(a.name, b.name, rows), width="stretch", key=f"{PREFIX}__side_by_side_chart"
    )


def careoregon_view(workspace_id: str, scenarios: dict[str, roi.Scenario]) -> None:
    """The CareOregon program's reported figures, what they imply, and a scenario checked against them."""
    co = roi.content().careoregon
    st.markdown(
        f"**{_ui.escape_md(co.name)}**: a Medicaid health plan's trauma-informed care management "
        "program, an example of enhanced services wrapped around primary care."
    )
    cols = st.columns(4)
    cols[0].metric("Health Resilience Specialists", co.specialists, help=f"in {co.practices} primary care practices")
    cols[1].metric("Patients per specialist a year", f"about {co.patients_per_specialist_per_year}")
    cols[2].metric("Annual savings reported", roi.format_money(roi.Decimal(co.annual_savings)))
    cols[3].metric(
        "Implied savings per patient a year",
        roi.format_money(co.savings_per_patient),
        help=f"${co.annual_savings:,} / ({co.specialists} x {co.patients_per_specialist_per_year} "
        f"= {co.patients_per_year:,} patients)",
    )
    st.caption(_ui.escape_md(f"Source: {co.citation}"))
    ui.bullets([*co.notes, f"Savings per specialist a year: {roi.format_money(co.savings_per_specialist)}."])
    slot = st.radio(
        "Check this scenario",
        roi.SLOTS,
        format_func=lambda s: scenarios[s].name,
        horizontal=True,
        key=f"{PREFIX}__check_slot",
    )
    rows, verdict = roi.careoregon_check(roi.scenario(_ui.store(), workspace_id, slot).inputs)
    st.table(
        pd.DataFrame(
            [
                {
                    "Measure": r.measure,
                    "Your plan": roi.format_check(r, r.yours),
                    "CareOregon": roi.format_check(r, r.careoregon),
                }
                for r in rows
            ]
        ),
        hide_index=True,
    )
    st.info(_ui.escape_md(verdict), icon=":material/fact_check:")
