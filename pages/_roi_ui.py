"""UI pieces of the 5x planner page: one scenario's figures (each with where it came from), its results
table and chart, and the side-by-side view. The arithmetic is all in `core.care_model.five_x_planner`; this module only
draws widgets and charts. Not listed in the navigation.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import projection as pj
from core.care_model import five_x_planner as roi
from pages import _care_figures as figures
from pages import _care_ui as ui
from pages import _figures, _ui
from pages import _money_ui as money
from pages import _sources_ui as src_ui

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
    except _ui.USER_ERRORS as exc:
        errors = [ui.message(exc)]
    st.session_state[f"{key}__status"] = ("error", " ".join(errors)) if errors else ("saved", "")


def _figure(workspace_id: str, slot: str, scenario: roi.Scenario, path: str, step: float) -> None:
    """One figure of the scenario in a box that can be emptied (empty: not entered yet), with its source."""
    whole = path in ("startup_months", "ramp_up_months", "custom_cohort")
    money.number_box(
        f"{PREFIX}__{slot}__{path}",
        roi.FIELD_LABELS[path],
        roi.field_value(scenario.inputs, path),
        lambda v: roi.save_field(_ui.store(), workspace_id, slot, path, v),
        integer=whole,
        step=1 if whole else step,
        format="%d" if whole else "%g",
    )
    st.caption(f"Source: {_ui.escape_md(scenario.source(path))}")


def _choice(workspace_id: str, slot: str, scenario: roi.Scenario, path: str, options: dict) -> None:
    ui.autosave(
        st.selectbox,
        f"{PREFIX}__{slot}__{path}",
        roi.field_value(scenario.inputs, path),
        lambda v: roi.save_field(_ui.store(), workspace_id, slot, path, v),
        label=roi.FIELD_LABELS[path],
        options=list(options),
        format_func=lambda v: options[v],
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
        help="Replaces this scenario's figures with the caseload CareOregon reports and the savings per patient "
        "the app derives from its reported figures. Costs are left for you.",
    )
    top[2].button(
        f"Copy scenario {other.upper()} here",
        key=f"{PREFIX}__{slot}__copy",
        on_click=_copy,
        args=(workspace_id, other, slot),
        icon=":material/content_copy:",
    )

    st.markdown("**Staff: the caseload one full-time person carries, salary, fringe, and who is already hired**")
    st.caption(
        "Staff are hired in steps as the caseload grows past what those already hired can carry. "
        "Already hired: full-time equivalents on the payroll from month 1 whatever the caseload (a team not yet "
        "full). Leave salary or fringe empty until you know them: no result is shown without them."
    )
    key = f"{PREFIX}__{slot}__roles"
    rows = [
        {
            "role": r.role,
            "caseload": r.caseload,
            "salary": None if r.salary is None else float(r.salary),
            "fringe_pct": None if r.fringe_pct is None else float(r.fringe_pct),
            "hired_fte": float(r.hired_fte),
            "source": r.source,
        }
        for r in scenario.inputs.roles
    ]
    _ui.data_editor(
        pd.DataFrame(rows, columns=["role", "caseload", "salary", "fringe_pct", "hired_fte", "source"]),
        key,
        {
            "role": st.column_config.TextColumn("Role", required=True, max_chars=80),
            "caseload": st.column_config.NumberColumn("Caseload (patients per FTE)", step=1),
            "salary": st.column_config.NumberColumn("Annual salary ($)", step=1000, format="dollar"),
            "fringe_pct": st.column_config.NumberColumn("Fringe (% of salary)", step=1),
            "hired_fte": st.column_config.NumberColumn("Already hired (FTE)", step=0.5, format="%g"),
            "source": st.column_config.TextColumn("Where the figures come from", disabled=True, width="large"),
        },
        _save_roles,
        args=(workspace_id, slot, key),
        quiet=True,
        num_rows="dynamic",
    )
    for r in scenario.inputs.roles:
        if r.source != roi.YOUR_ESTIMATE:
            st.caption(f"{_ui.escape_md(r.role)}: {_ui.escape_md(r.source)}")

    st.markdown("**Savings: avoided emergency visits and hospital days**")
    left, right = st.columns(2)
    for column, use in zip((left, right), ("ed", "hospital_days"), strict=True):
        with column:
            st.caption(roi.use_label(use))
            for field, step in (("baseline", 0.5), ("cost", 100.0), ("reduction_pct", 5.0)):
                _figure(workspace_id, slot, scenario, f"{use}.{field}", step)
    left, right = st.columns(2)
    with left:
        _figure(workspace_id, slot, scenario, "engagement_pct", 5.0)
    with right:
        _figure(workspace_id, slot, scenario, "reported_savings_per_patient", 100.0)

    st.markdown("**Costs** (enter 0 for a cost you do not have: an empty box is not entered yet)")
    columns = st.columns(5)
    for column, (path, step) in zip(
        columns,
        (
            ("overhead_pct", 1.0),
            ("fixed_costs", 1000.0),
            ("variable_cost_per_patient", 10.0),
            ("startup_cost", 1000.0),
            ("startup_months", 1.0),
        ),
        strict=True,
    ):
        with column:
            _figure(workspace_id, slot, scenario, path, step)

    st.markdown("**How the program grows**")
    columns = st.columns(5)
    with columns[0]:
        _figure(workspace_id, slot, scenario, "ramp_up_months", 1.0)
    with columns[1]:
        _figure(workspace_id, slot, scenario, "ramp_start_pct", 5.0)
    with columns[2]:
        _choice(workspace_id, slot, scenario, "ramp_shape", roi.RAMP_SHAPES)
    with columns[3]:
        _choice(workspace_id, slot, scenario, "fte_step", {s: f"{s:g} FTE" for s in roi.FTE_STEPS})
    with columns[4]:
        _figure(workspace_id, slot, scenario, "custom_cohort", 10.0)


def scenario_results(slot: str, scenario: roi.Scenario) -> None:
    """Results only once every cost and the savings are entered; then each cohort, one cohort month by month,
    and the reverse questions."""
    inputs = scenario.inputs
    st.subheader(f"Results: {scenario.name}", anchor=False)
    missing = roi.ready(inputs)
    if missing:
        money.missing_list(
            missing, intro="No results until these are entered (nothing is assumed: a cost left empty is unknown):"
        )
        st.caption("Or load the CareOregon preset to start from a real program's reported caseload and savings.")
        return
    results = roi.plan(inputs)
    st.table(results_table(results), hide_index=True)
    if inputs.roles:
        st.table(staffing_table(results), hide_index=True)
    title = f"{scenario.name}: first-year costs and projected savings by cohort"
    results_chart(results, title, f"{PREFIX}__{slot}__chart", inputs)
    st.caption(
        f"Savings per engaged patient a year: {roi.format_money(roi.savings_per_engaged(inputs))}; per "
        f"enrolled patient: {roi.format_money(roi.savings_per_enrolled(inputs))}; staff, overhead and variable cost "
        f"of one more patient at full caseloads: {roi.format_money(roi.cost_per_patient(inputs))}."
    )
    sizes = [c.patients for c in results]
    chosen = st.selectbox(
        "Month by month for a cohort of",
        sizes,
        index=min(2, len(sizes) - 1),
        key=f"{PREFIX}__{slot}__detail_cohort",
        format_func=lambda n: f"{n} patients",
    )
    cohort = next(c for c in results if c.patients == chosen)
    money.headline_metrics(cohort.figures, ("first_year_net", "steady_year_net", "first_year_roi", "break_even_month"))
    margin = cohort.figure("steady_margin")
    st.caption(f"{margin.label}: {margin.shown} ({margin.how})")
    cumulative_title = f"{scenario.name}, {chosen} patients: the net month by month"
    st.plotly_chart(  # the figure of these very inputs, kept (pj.kept): st.plotly_chart only reads it
        pj.kept(
            ("five_x.cumulative_chart", roi.inputs_key(inputs), chosen, cumulative_title),
            lambda: _figures.cumulative_net(cohort.months(), cumulative_title, cohort.break_even_month),
        ),
        width="stretch",
        key=f"{PREFIX}__{slot}__cumulative",
    )
    money.statement(roi_statement_rows(cohort))
    money.months_table(cohort.months(), f"{PREFIX}__{slot}__months", volume="Patients", value="Savings")
    money.figures_table(cohort.figures)
    money.definitions()
    reverse_questions(slot, inputs, sizes)


def reverse_questions(slot: str, inputs: roi.RoiInputs, sizes: list[int]) -> None:
    st.markdown("**The reverse questions: how many patients until it pays for itself?**")
    st.info(_ui.escape_md(roi.break_even_patients(inputs).message), icon=":material/groups:")
    if not inputs.roles:
        return
    left, right = st.columns(2)
    role_index = left.selectbox(
        "Patients per full-time person in the role",
        range(len(inputs.roles)),
        key=f"{PREFIX}__{slot}__reverse_role",
        format_func=lambda i, roles=inputs.roles: roles[i].role if i < len(roles) else "",
    )
    cohort = right.selectbox(
        "Cohort",
        sizes,
        index=min(2, len(sizes) - 1),
        key=f"{PREFIX}__{slot}__reverse_cohort",
        format_func=lambda n: f"{n} patients",
    )
    st.success(
        _ui.escape_md(roi.break_even_caseload(inputs, role_index or 0, cohort).message), icon=":material/balance:"
    )


def roi_statement_rows(cohort: roi.CohortResult) -> list[dict[str, str]]:
    from core.hrh.cost_benefit import statement_rows

    return statement_rows(
        [
            ("First year (months 1-12)", cohort.first_year()),
            ("Steady state, a year", cohort.steady_year()),
        ],
        value_word="Savings",
    )


def results_table(results: list[roi.CohortResult]) -> pd.DataFrame:
    return pd.DataFrame([roi.cohort_row(c) for c in results], columns=list(roi.COHORT_COLUMNS))


def staffing_table(results: list[roi.CohortResult]) -> pd.DataFrame:
    """Staff each cohort calls for at full caseload, role by role (hired in steps)."""
    return pd.DataFrame(
        [
            {
                "Patients": c.patients,
                **{f"{s.role} (FTE)": f"{s.fte:,}" for s in c.staffing},
                "Staff in all (FTE)": f"{c.fte:,}",
            }
            for c in results
        ]
    )


def results_chart(results: list[roi.CohortResult], title: str, key: str, inputs: roi.RoiInputs) -> None:
    """The cohorts' chart, kept for the very inputs the results come from (st.plotly_chart only reads it)."""
    figure = pj.kept(
        ("five_x.results_chart", roi.inputs_key(inputs), title), lambda: figures.roi_results(results, title)
    )
    st.plotly_chart(figure, width="stretch", key=key)


def side_by_side(a: roi.Scenario, b: roi.Scenario) -> None:
    rows = roi.side_by_side(a.inputs, b.inputs)
    for s, pick in ((a, "a"), (b, "b")):
        if rows and getattr(rows[0], pick) is None:
            st.info(
                f"{_ui.escape_md(s.name)} has no results yet: {_ui.escape_md('; '.join(roi.ready(s.inputs)))}.",
                icon=":material/edit_note:",
            )

    def show(result: roi.CohortResult | None, figure_id: str) -> str:
        return "-" if result is None else result.figure(figure_id).shown

    st.table(
        pd.DataFrame(
            [
                {
                    "Patients": r.patients,
                    f"First-year net: {a.name}": show(r.a, "first_year_net"),
                    f"First-year net: {b.name}": show(r.b, "first_year_net"),
                    f"Net a year, steady: {a.name}": show(r.a, "steady_year_net"),
                    f"Net a year, steady: {b.name}": show(r.b, "steady_year_net"),
                    f"Break-even month: {a.name}": show(r.a, "break_even_month"),
                    f"Break-even month: {b.name}": show(r.b, "break_even_month"),
                }
                for r in rows
            ]
        ),
        hide_index=True,
    )
    if any(r.a or r.b for r in rows):
        st.plotly_chart(
            figures.roi_side_by_side(a.name, b.name, rows), width="stretch", key=f"{PREFIX}__side_by_side_chart"
        )
    money.definitions()


def careoregon_view(workspace_id: str, scenarios: dict[str, roi.Scenario]) -> None:
    """The CareOregon program: what the source reports (quoted), what the app derives (with the arithmetic),
    what the source leaves open, and a scenario checked against it."""
    co = roi.content().careoregon
    st.markdown(
        f"**{_ui.escape_md(co.name)}**: a Medicaid health plan's trauma-informed care management program, an "
        "example of enhanced services wrapped around primary care."
    )
    for q in co.context:
        src_ui.quote(q)
    st.markdown("**Reported by the source**")
    st.table(
        [
            {"Figure": f.label, "Value": roi.reported_value(f), "The source says": " ".join(f.quote.split())}
            for f in (co.specialists, co.practices, co.patients_per_specialist_per_year, co.annual_savings)
        ],
        hide_index=True,
    )
    st.caption(_ui.escape_md(f"Source: {co.citation}"))
    st.markdown("**Derived by the app from those figures** (not reported by the source)")
    st.table([{"Figure": f, "Value": v, "Arithmetic": how} for f, v, how in roi.careoregon_derived()], hide_index=True)
    st.markdown("**What the source leaves open**")
    ui.bullets(co.left_open)
    st.markdown("**The approach and the outcomes, in the source's words**")
    for q in [*co.approach, co.outcomes]:
        src_ui.quote(q)
    st.markdown("**How the preset uses these figures** (the app's notes)")
    ui.bullets(co.notes)
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
                    "Where the CareOregon figure comes from": r.how,
                }
                for r in rows
            ]
        ),
        hide_index=True,
    )
    st.info(_ui.escape_md(verdict), icon=":material/fact_check:")
