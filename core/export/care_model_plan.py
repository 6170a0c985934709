"""The care model plan as a Word document: the model chosen and why, where the team sits, who is on
it, what the first patients taught, the 5x cohort plan, the ROI of each scenario and the latest
process measures.

Built only from `core` results (no arithmetic here beyond laying them out), with the shared
Word helpers. Patient worksheets are never included: only the learning log and its counts.
"""

from __future__ import annotations

from core.care_model import care_model_fit, first_five, five_x_planner, one_twenty_five, process_measures, twenty_five
from core.errors import NotFound
from core.export import charts, word
from core.export.registry import DOCX, export
from core.export.workbook import workbook_section
from core.sources import plain
from core.store import answers, workspaces
from core.store.database import Store


def _text_or(text: str, fallback: str = "Not written yet.") -> str:
    return text.strip() or fallback


def _model_section(doc, plan: care_model_fit.CareModelPlan, level: int = 1) -> None:
    word.heading(doc, "The care model we chose", level)
    if plan.model is None:
        word.paragraph(doc, "No care model chosen yet.", italic=True)
    else:
        word.paragraph(doc, f"{plan.model.name}. {plan.model.summary}")
        word.heading(doc, "Why", level + 1)
        word.paragraph(doc, _text_or(plan.model_why))
    if plan.fit.answers:
        word.heading(doc, "How each model fits (fit questionnaire)", level + 1)
        word.table(
            doc,
            ["Care model", "Fit (0-100)", "Scores high because", "Watch out for"],
            [
                (
                    f.name,
                    f.score,
                    "; ".join(r.note.split("; ")[0] for r in f.because[:2]) or "-",
                    f"“{f.watch_out[0].source_text}”" if f.watch_out else "-",
                )
                for f in plan.fits
            ],
            widths=[1.6, 0.7, 2.2, 2.2],
        )
    word.heading(doc, "Where the team sits", level)
    if plan.location is None:
        word.paragraph(doc, "No location chosen yet.", italic=True)
    else:
        word.paragraph(doc, plan.location.name)
        word.paragraph(doc, _text_or(plan.location_why))
        word.heading(doc, "Considerations for success", level + 1)
        word.quoted_bullets(doc, plan.location.considerations)
    word.heading(doc, "The core team and partners", level)
    if plan.team:
        word.table(
            doc,
            ["Role", "Core team or partner", "Note"],
            [(r.role, "Core team" if r.placement == "core" else "Partner", r.note) for r in plan.team],
            widths=[2.0, 1.3, 3.2],
        )
    else:
        word.paragraph(doc, "No team roles recorded yet.", italic=True)
    if plan.needs_grid:
        word.heading(doc, "Needs, services and partners", level)
        word.table(
            doc,
            ["Need", "Services needed", "Partners who provide them"],
            [(r.need, r.services, r.partners) for r in plan.needs_grid],
            widths=[1.6, 2.6, 2.3],
        )


def _learning_section(doc, store: Store, workspace_id: str, level: int = 1) -> None:
    word.heading(doc, "What the first five patients taught us", level)
    summary = first_five.learning_summary(store, workspace_id)
    word.paragraph(doc, f"{summary.started} of 5 co-created care plans started.")
    if summary.sentences():
        word.bullets(doc, summary.sentences())
    log = answers.get_texts(store, workspace_id, first_five.LEARNING_SECTION)
    for prompt in first_five.content().learning_log:
        if log.get(prompt.id, "").strip():
            word.heading(doc, prompt.label, level + 1)
            word.paragraph(doc, log[prompt.id])


def _interventions(store: Store, workspace_id: str) -> list[twenty_five.Intervention]:
    rows = []
    for r in answers.list_records(store, workspace_id, twenty_five.INTERVENTION_KIND):
        try:
            rows.append(twenty_five.Intervention.model_validate(r.data))
        except ValueError:
            continue
    return rows


def _twenty_five_section(doc, rows: list[twenty_five.Intervention], level: int) -> None:
    statuses = {s.id: s.label for s in twenty_five.content().intervention_statuses}
    word.heading(doc, "Interventions tested with 25 patients", level)
    word.table(
        doc,
        ["Intervention", "Status", "What we learned"],
        [(i.name, statuses.get(i.status, i.status), i.learned) for i in rows],
        widths=[2.0, 1.1, 3.4],
    )


def _roi_scenarios(store: Store, workspace_id: str) -> list:
    """The ROI scenarios someone has started (roles entered or a figure given)."""
    found = []
    for slot in five_x_planner.SLOTS:
        scenario = five_x_planner.scenario(store, workspace_id, slot)
        if scenario.inputs.roles or scenario.sources:
            found.append(scenario)
    return found


def _roi_section(doc, store: Store, workspace_id: str, level: int = 1) -> None:
    word.heading(doc, "Cohort plan and return on investment", level)
    word.paragraph(
        doc,
        "Following the 5x method, the program grows from 5 to 25, 125 and 625 patients. For each "
        "cohort the program is projected month by month: the staff each role's caseload calls for "
        "(hired in steps), the costs, and the savings projected from avoided emergency visits and "
        "hospital days. " + " ".join(five_x_planner.pj.DEFINITIONS),
    )
    complete: dict[str, list[five_x_planner.CohortResult]] = {}
    for scenario in _roi_scenarios(store, workspace_id):
        inputs = scenario.inputs
        word.heading(doc, scenario.name, level + 1)
        missing = five_x_planner.ready(inputs)
        if missing:
            word.paragraph(doc, "No figures yet; still to enter: " + "; ".join(missing) + ".", italic=True)
        else:
            results = five_x_planner.plan(inputs)
            roles = [r.role for r in inputs.roles]
            if roles:
                word.table(
                    doc,
                    ["Patients", *[f"{r} (FTE)" for r in roles], "Staff in all (FTE)"],
                    [(c.patients, *[f"{s.fte}" for s in c.staffing], f"{c.fte}") for c in results],
                )
            for headers, rows, widths in five_x_planner.cohort_tables(results):
                word.table(doc, headers, rows, widths=widths)
            complete[scenario.name] = results
            if roles:
                word.paragraph(doc, five_x_planner.break_even_caseload(inputs).message)
            word.paragraph(doc, five_x_planner.break_even_patients(inputs).message)
        word.paragraph(doc, "Where the figures come from:", italic=True)
        word.bullets(doc, five_x_planner.source_summary(scenario))
    if complete:
        _roi_chart(doc, complete)


def _roi_chart(doc, complete: dict[str, list[five_x_planner.CohortResult]]) -> None:
    """One chart for every complete scenario: first-year costs and savings per cohort (charts are the slow part)."""
    sizes = sorted({c.patients for results in complete.values() for c in results})
    series = {}
    for name, results in complete.items():
        by_size = {c.patients: c for c in results}
        for label, attr in (("costs", "first_year_cost"), ("savings", "first_year_savings")):
            series[f"{name}: {label}"] = [
                float(getattr(by_size[n], attr)) / 1000 if n in by_size else 0.0 for n in sizes
            ]
    png = charts.bar_chart(
        [f"{n} patients" for n in sizes],
        series,
        title="First-year costs and projected savings (months 1-12)",
        ylabel="Thousands of dollars in the first year",
    )
    word.image(
        doc,
        png,
        "Bar chart of first-year costs and projected savings by number of patients ("
        + ", ".join(str(n) for n in sizes)
        + ") for "
        + " and ".join(complete)
        + ".",
    )


def _measures_section(doc, store: Store, workspace_id: str, level: int = 1) -> bool:
    """The latest process measures and caseloads; False when neither has been entered."""
    word.heading(doc, "Latest process measures", level)
    summaries = [s for s in process_measures.measure_summaries(store, workspace_id) if s.latest is not None]
    if not summaries:
        word.paragraph(doc, "No process measures entered yet.", italic=True)
    else:
        word.table(
            doc,
            ["Measure", "Month", "Latest", "Target", "Status"],
            [
                (
                    f"{s.measure.name} ({s.measure.unit})",
                    s.latest_month,
                    f"{s.latest:g}",
                    "-" if s.target is None else f"{s.target:g}",
                    s.status,
                )
                for s in summaries
            ],
            widths=[3.2, 0.9, 0.8, 0.8, 0.9],
        )
    dashboard = one_twenty_five.caseload_dashboard(store, workspace_id)
    if dashboard.latest:
        word.heading(doc, "Caseloads", level + 1)
        word.bullets(doc, dashboard.sentences())
    return bool(summaries or dashboard.latest)


def _where_we_start(doc, plan: care_model_fit.CareModelPlan, level: int = 1) -> None:
    word.heading(doc, "Where we start", level)
    for prompt in care_model_fit.content().prompts:
        word.heading(doc, plain(prompt.label), level + 1)
        word.paragraph(doc, _text_or(plan.texts.get(prompt.id, "")))


def care_model_plan_docx(store: Store, workspace_id: str) -> bytes:
    """The care model plan of one workspace as .docx bytes."""
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise NotFound("That workspace no longer exists.")
    plan = care_model_fit.care_model_plan(store, workspace_id)
    doc = word.new_document(
        "Care model plan",
        workspace.name,
        subtitle="An enhanced care model for people with complex needs and high costs",
    )
    _where_we_start(doc, plan)
    _model_section(doc, plan)
    _learning_section(doc, store, workspace_id)
    interventions = _interventions(store, workspace_id)
    if interventions:
        _twenty_five_section(doc, interventions, 2)
    _roi_section(doc, store, workspace_id)
    _measures_section(doc, store, workspace_id)
    word.sources_section(doc, ["care_model_recommendations", "careoregon"])
    return word.to_bytes(doc)


def preview(store: Store, workspace_id: str) -> list[str]:
    plan = care_model_fit.care_model_plan(store, workspace_id)
    summary = first_five.learning_summary(store, workspace_id)
    scenarios = _roi_scenarios(store, workspace_id)
    return [
        "The care model chosen and why: " + (plan.model.name if plan.model else "none chosen yet") + ".",
        "Where the team sits, the core team and partners.",
        f"What the first patients taught: {summary.started} of 5 care plans started (never a patient's worksheet).",
        f"The 5x cohort plan with cost, savings and ROI: {len(scenarios)} scenario(s)"
        + (", with a chart." if scenarios else "."),
        "The latest process measures and caseloads.",
    ]


export(
    "care_model_plan_docx",
    "Care model plan (Word)",
    "The care model stages: the model and team you chose, what the first patients taught, the 5x plan and its ROI.",
    "care-model-plan-{org}.docx",
    DOCX,
    order=70,
    preview=preview,
)(care_model_plan_docx)


# ---------------------------------------------------------------- the whole-workbook report, one section per stage


@workbook_section("care_model_fit")
def care_model_fit_section(store: Store, workspace_id: str, doc) -> bool:
    plan = care_model_fit.care_model_plan(store, workspace_id)
    if not (
        any(t.strip() for t in plan.texts.values())
        or plan.model
        or plan.location
        or plan.team
        or plan.fit.answers
        or plan.needs_grid
    ):
        return False
    _where_we_start(doc, plan, 2)
    _model_section(doc, plan, 2)
    return True


@workbook_section("first_five")
def first_five_section(store: Store, workspace_id: str, doc) -> bool:
    summary = first_five.learning_summary(store, workspace_id)
    log = answers.get_texts(store, workspace_id, first_five.LEARNING_SECTION)
    if not summary.started and not any(t.strip() for t in log.values()):
        return False
    _learning_section(doc, store, workspace_id, 2)
    return True


@workbook_section("twenty_five")
def twenty_five_section(store: Store, workspace_id: str, doc) -> bool:
    interventions = _interventions(store, workspace_id)
    if interventions:
        _twenty_five_section(doc, interventions, 2)
    return bool(interventions)


@workbook_section("one_twenty_five")
def one_twenty_five_section(store: Store, workspace_id: str, doc) -> bool:
    return _measures_section(doc, store, workspace_id, 2)


@workbook_section("five_x_planner")
def five_x_planner_section(store: Store, workspace_id: str, doc) -> bool:
    if not _roi_scenarios(store, workspace_id):
        return False
    _roi_section(doc, store, workspace_id, 2)
    return True
