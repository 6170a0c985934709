"""The Sustain & finance part of a Word document: payment arrangements compared, trauma-informed
Change Concept 5, and Chronic Care Model financing, appended to a python-docx Document; and, for
the whole workbook, the month-by-month projections of direct billing and the care program (the
figures a CFO checks, each with how it is computed, the cumulative net and the 36 months).

The whole-workbook report takes the three steps as three sections (registered below, each
left out while its step is empty); `sustain_sections(store, workspace_id, doc)` appends all three
under one heading. Uses only the
shared helpers of `core.export.word` and `core.export.charts` (heading styles, header-row tables,
pictures with alt text, every text sanitized). Money is shown in whole dollars. Reads the store,
never writes; never imports streamlit.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument

from core import projection as pj
from core.care_model import five_x_planner as roi
from core.export import charts, word
from core.export.workbook import workbook_section
from core.hrh import cost_benefit as cb
from core.money import dollars, percent
from core.store import answers
from core.store.database import Store
from core.sustain import change_concept_5 as cc5
from core.sustain import chronic_care_financing as cc
from core.sustain import payment_arrangements as arr

NOT_YET = "Not filled in yet."
MAX_SCENARIOS_PER_TABLE = 4


def sustain_sections(store: Store, workspace_id: str, doc: DocxDocument, *, level: int = 1) -> None:
    """Append the three Sustain & finance steps to `doc`, their headings at `level` and below."""
    word.heading(doc, "Sustain & finance", level)
    payment_arrangements_section(store, workspace_id, doc, level + 1)
    change_concept_5_section(store, workspace_id, doc, level + 1)
    chronic_care_section(store, workspace_id, doc, level + 1)


def _entered(store: Store, workspace_id: str, step_id: str) -> bool:
    """Something of the step is saved (its sections and record kinds start with the step id)."""
    return any(p == step_id or p.startswith(step_id + ".") for p in answers.sections_with_content(store, workspace_id))


# The whole-workbook report: one section per step (the report writes the step's Heading 1).


@workbook_section(arr.STEP)
def payment_arrangements_workbook(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    if not arr.list_scenarios(store, workspace_id):
        return False
    payment_arrangements_section(store, workspace_id, doc, 1, with_heading=False)
    return True


@workbook_section(cc5.STEP)
def change_concept_5_workbook(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    if not _entered(store, workspace_id, cc5.STEP):
        return False
    change_concept_5_section(store, workspace_id, doc, 1, with_heading=False)
    return True


@workbook_section(cc.STEP)
def chronic_care_workbook(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    if not _entered(store, workspace_id, cc.STEP):
        return False
    chronic_care_section(store, workspace_id, doc, 1, with_heading=False)
    return True


def _has_projections(store: Store, workspace_id: str) -> bool:
    return bool(cb.list_scenarios(store, workspace_id)) or any(
        roi.scenario(store, workspace_id, slot).inputs.roles or roi.scenario(store, workspace_id, slot).sources
        for slot in roi.SLOTS
    )


# after the last step of the journey: the month-by-month figures of the models of Step 6 and Stage 5
@workbook_section(cc.STEP, title="The numbers month by month", after_step=True, has_content=_has_projections)
def projections_workbook(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    if not _has_projections(store, workspace_id):
        return False
    projections_section(store, workspace_id, doc, 2)
    return True


# ---------------------------------------------------------------- the projections


DETAIL_COHORT = 125  # the 5x method's "125 and beyond": the cohort shown month by month


def projections_section(store: Store, workspace_id: str, doc: DocxDocument, level: int) -> None:
    """Direct billing and the care program, each scenario's projection: its figures with how each is computed,
    first year and steady state line by line, the cumulative net as a chart, and the 36 months."""
    word.paragraph(
        doc,
        "Both financing models are projected month by month over three years: the volume ramps up, start-up "
        "costs are paid once in the months they are paid, and staff are hired in steps. " + " ".join(pj.DEFINITIONS),
    )
    for record_id, evaluation in cb.evaluate_all(store, workspace_id):
        word.heading(doc, f"Direct billing: {evaluation.name}", level)
        result = evaluation.result
        if result is None or evaluation.verdict is None:
            word.paragraph(doc, "No figures yet; still to enter: " + " ".join(p.message for p in evaluation.problems))
            continue
        word.paragraph(doc, f"{evaluation.verdict.headline}. {evaluation.verdict.text}")
        word.bullets(doc, cb.assumptions(cb.get_scenario(store, workspace_id, record_id)))
        _projection(
            doc, result.figures, cb.statement_table(result), result.months(), evaluation.name, "Revenue", "Billed"
        )
    for slot in roi.SLOTS:
        scenario = roi.scenario(store, workspace_id, slot)
        if not (scenario.inputs.roles or scenario.sources):
            continue
        word.heading(doc, f"Care program: {scenario.name}", level)
        missing = roi.ready(scenario.inputs)
        if missing:
            word.paragraph(doc, "No figures yet; still to enter: " + "; ".join(missing) + ".", italic=True)
            continue
        results = roi.plan(scenario.inputs)
        for headers, rows, widths in roi.cohort_tables(results):
            word.table(doc, headers, rows, widths=widths)
        cohort = next((c for c in results if c.patients == DETAIL_COHORT), results[len(results) // 2])
        word.paragraph(doc, f"Month by month for {cohort.patients} patients:")
        rows = cb.statement_rows(
            [("First year (months 1-12)", cohort.first_year()), ("Steady state, a year", cohort.steady_year())],
            value_word="Savings",
        )
        label = f"{scenario.name}, {cohort.patients} patients"
        _projection(doc, cohort.figures, rows, cohort.months(), label, "Savings", "Patients")


def _projection(
    doc: DocxDocument,
    figures: list[pj.Figure],
    statement: list[dict[str, str]],
    months: list[pj.ShownMonth],
    name: str,
    value: str,
    volume: str,
) -> None:
    word.table(
        doc,
        ["Figure", "Value", "How it is computed"],
        [[f.label, f.shown, f.how] for f in figures],
        widths=[1.8, 1.2, 3.5],
    )
    columns = list(statement[0])
    others = len(columns) - 1
    word.table(
        doc,
        ["Line", *columns[1:]],
        [[r[c] for c in columns] for r in statement],
        widths=[2.6] + [3.9 / others] * others,
    )
    quarters = [m for m in months if m.month == 1 or m.month % 3 == 0]  # 36 labels would not be read
    png = charts.line_chart(
        [f"Month {m.month}" if m.month == 1 else str(m.month) for m in quarters],
        {"Cumulative net": [float(m.cumulative) for m in quarters]},
        title=f"Cumulative net, month 1 and every third month: {name}",
        ylabel="Dollars",
    )
    marks = [m for m in months if m.month in (1, 6, 12, 18, 24, 36)]
    word.image(
        doc,
        png,
        f"Line chart of the cumulative net of {name} over {len(months)} months: "
        + "; ".join(f"month {m.month} {dollars(m.cumulative)}" for m in marks)
        + ".",
    )
    word.paragraph(
        doc,
        "Month by month, in whole dollars rounded on the running totals, so that any run of months adds up to its "
        "total (a month can differ by $1 from the next one with the same figures).",
        italic=True,
    )
    word.table(
        doc,
        ["Month", volume, value, "Costs", "Net", "Cumulative net"],
        [
            [m.month, f"{m.volume:,}", dollars(m.value), dollars(m.cost), dollars(m.net), dollars(m.cumulative)]
            for m in months
        ],
        widths=[0.7, 0.9, 1.2, 1.2, 1.2, 1.4],
    )


# ---------------------------------------------------------------- payment arrangements


def payment_arrangements_section(
    store: Store, workspace_id: str, doc: DocxDocument, level: int, *, with_heading: bool = True
) -> None:
    if with_heading:
        word.heading(doc, "Payment arrangements compared", level)
    scenarios = arr.list_scenarios(store, workspace_id)
    if not scenarios:
        word.paragraph(doc, NOT_YET, italic=True)
        return
    results = [arr.scenario_result(s) for _, s in scenarios]
    word.paragraph(
        doc,
        "Expected revenue in a year under each arrangement, with the range from a bad to a good "
        "year in brackets. Rates, fees and shares are the program's own entries.",
    )
    for start in range(0, len(results), MAX_SCENARIOS_PER_TABLE):
        chunk = results[start : start + MAX_SCENARIOS_PER_TABLE]
        rows = arr.comparison_rows(chunk)
        word.table(
            doc,
            ["Arrangement", *[s.name for s in chunk]],
            [list(r.values()) for r in rows],
            widths=[1.7] + [4.8 / len(chunk)] * len(chunk),
        )
    points = arr.chart_series(results[:MAX_SCENARIOS_PER_TABLE])
    if points:
        labels = list(dict.fromkeys(p["arrangement"] for p in points))
        series = {
            s.name: [
                next((p["expected"] for p in points if p["scenario"] == s.name and p["arrangement"] == label), 0)
                for label in labels
            ]
            for s in results[:MAX_SCENARIOS_PER_TABLE]
        }
        png = charts.bar_chart(
            labels, series, title="Expected revenue in a year by payment arrangement", ylabel="Dollars a year"
        )
        alt = "Bar chart of expected yearly revenue per payment arrangement. " + "; ".join(
            f"{name}: " + ", ".join(f"{label} {dollars(v)}" for label, v in zip(labels, values, strict=True))
            for name, values in series.items()
        )
        word.image(doc, png, alt)
    for (_, scenario), result in zip(scenarios, results, strict=True):
        word.heading(doc, f"Scenario: {scenario.name}", level + 1)
        shown = [r for r in result.results if r.included and r.entered]
        if not shown:
            word.paragraph(doc, "No arrangement entered yet in this scenario.", italic=True)
            continue
        word.table(
            doc,
            ["Arrangement", "Expected", "Bad year", "Good year", "Risk the program carries"],
            [[r.title, dollars(r.expected), dollars(r.bad_year), dollars(r.good_year), r.risk] for r in shown],
            widths=[1.6, 0.95, 0.95, 0.95, 2.05],
        )
        word.bullets(doc, [f"{r.title}: {r.note}" for r in shown] + [w for r in shown for w in r.warnings])
        sentence = arr.pmpm_equivalent_sentence(scenario)
        if sentence:
            word.paragraph(doc, sentence)


# ---------------------------------------------------------------- Change Concept 5


def change_concept_5_section(
    store: Store, workspace_id: str, doc: DocxDocument, level: int, *, with_heading: bool = True
) -> None:
    content = cc5.content()
    state = cc5.state(store, workspace_id)
    if with_heading:
        word.heading(doc, "Trauma-informed care: finance and sustain", level)
    statuses = cc5.labels(content.statuses)
    word.heading(doc, "The six goals", level + 1)
    word.table(
        doc,
        ["Goal", "Status", "Notes"],
        [[f"“{g.quote}”", statuses[state.statuses[g.id]], state.goal_notes.get(g.id, "")] for g in content.goals],
        widths=[3.3, 1.0, 2.2],
    )

    word.heading(doc, "Inventory and how it is paid for", level + 1)
    if state.inventory:
        kinds, stages = cc5.labels(content.inventory.categories), cc5.labels(content.inventory.stages)
        funding = cc5.labels(content.inventory.funding)
        word.table(
            doc,
            ["What", "Kind", "Stage", "Paid for by", "Details"],
            [[i.item, kinds[i.category], stages[i.stage], funding[i.funding], i.detail] for i in state.inventory],
            widths=[1.9, 0.9, 0.8, 1.1, 1.8],
        )
        summary = cc5.funding_summary(state.inventory)
        word.paragraph(doc, "; ".join(f"{funding[k]}: {n}" for k, n in summary.items() if n) + ".")
    else:
        word.paragraph(doc, NOT_YET, italic=True)

    word.heading(doc, "Engagement indicators", level + 1)
    trend = cc5.engagement_trend(state.engagement)
    if trend:

        def fmt(value, suffix=""):
            return "" if value is None else f"{value}{suffix}"

        word.table(
            doc,
            ["Period", "Staff who left", "Turnover", "Sick days per staff", "Personal days per staff"],
            [
                [
                    p.period,
                    p.staff_left,
                    fmt(p.turnover_pct, "%"),
                    fmt(p.sick_days_per_staff),
                    fmt(p.personal_days_per_staff),
                ]
                for p in trend
            ],
        )
        if sum(p.turnover_pct is not None for p in trend) >= 2:
            values = [None if p.turnover_pct is None else float(p.turnover_pct) for p in trend]
            png = charts.line_chart(
                [p.period for p in trend],
                {"Staff turnover": values},
                title="Staff turnover by period",
                ylabel="Staff who left, % of headcount",
            )
            word.image(
                doc,
                png,
                "Line chart of staff turnover by period: "
                + ", ".join(f"{p.period} {fmt(p.turnover_pct, '%')}" for p in trend if p.turnover_pct is not None),
            )
    else:
        word.paragraph(doc, NOT_YET, italic=True)

    word.heading(doc, "Patient-level outcome measures (aggregate counts)", level + 1)
    if state.measures:
        rows = []
        for m in state.measures:
            points = cc5.outcome_trend(state.outcomes, m.measure)
            latest = (
                f"{points[-1].value}{'%' if points[-1].unit == '%' else ' patients'} ({points[-1].period})"
                if points
                else "no counts yet"
            )
            rows.append([m.measure, m.counts_what, f"{m.better}", latest, cc5.trend_direction(points, m.better)])
        word.table(
            doc,
            ["Measure", "What is counted", "Better when", "Latest", "Trend"],
            rows,
            widths=[1.5, 2.0, 0.8, 1.2, 1.0],
        )
    else:
        word.paragraph(doc, NOT_YET, italic=True)

    word.heading(doc, "Non-financial resources", level + 1)
    if state.resources:
        types = cc5.labels(content.resources.types)
        word.table(
            doc, ["Type", "Who", "How they help"], [[types[r.type], r.name, r.contribution] for r in state.resources]
        )
    else:
        word.paragraph(doc, NOT_YET, italic=True)

    word.heading(doc, "Policy landscape and advocacy goal", level + 1)
    answered = [(p.label, state.policy.get(p.id, "").strip()) for p in content.policy.prompts]
    answered = [(label, text) for label, text in answered if text]
    if not answered:
        word.paragraph(doc, NOT_YET, italic=True)
    for label, text in answered:
        word.heading(doc, label, level + 2)
        word.paragraph(doc, text)


# ---------------------------------------------------------------- Chronic Care Model


def chronic_care_section(
    store: Store, workspace_id: str, doc: DocxDocument, level: int, *, with_heading: bool = True
) -> None:
    content = cc.content()
    if with_heading:
        word.heading(doc, "Chronic Care Model financing", level)
    word.heading(doc, "Care delivery environment", level + 1)
    env = answers.get_texts(store, workspace_id, cc.ENVIRONMENT_SECTION)
    word.table(
        doc, ["Question", "Answer"], [[q.label, env.get(q.id, "")] for q in content.environment], widths=[2.5, 4.0]
    )

    word.heading(doc, "Core outcomes per stakeholder", level + 1)
    word.table(
        doc,
        ["Stakeholder", "Outcomes", "Wording"],
        [
            [o.label, o.text, "from the source" if o.from_source else "the working group's"]
            for o in cc.stakeholder_outcomes(store, workspace_id)
        ],
        widths=[1.4, 3.8, 1.3],
    )

    word.heading(doc, "Fee-for-service: what each payer pays for", level + 1)
    rows = cc.coverage(store, workspace_id)
    if rows:
        word.table(
            doc,
            ["Payer", "Code", "Pays for it?", "Amount (as the payer said)", "Documentation they need"],
            [
                [
                    r.payer,
                    r.code,
                    r.reimburses,
                    "" if r.amount is None else dollars(r.amount, with_cents=True),
                    r.documentation,
                ]
                for r in rows
            ],
            widths=[1.5, 0.7, 0.8, 1.1, 2.4],
        )
        turn_on = cc.codes_to_turn_on(rows)
        if turn_on:
            word.paragraph(doc, "Codes to advocate to turn on:")
            word.bullets(doc, turn_on)
    else:
        word.paragraph(doc, NOT_YET, italic=True)

    word.heading(doc, "Bundled payment pilot", level + 1)
    pilot = cc.get_pilot(store, workspace_id)
    result = cc.pilot_result(pilot)
    if not result.entered:
        word.paragraph(doc, NOT_YET, italic=True)
        return
    b = pilot.bundle
    word.table(
        doc,
        ["Input", "Value"],
        [
            ["Patients enrolled in a year", f"{b.patients:,}"],
            ["Payment per enrolled patient per year", dollars(b.payment_per_patient)],
            ["One-time start-up payment", dollars(b.startup_payment)],
            ["Start-up costs", "; ".join(f"{c.item} {dollars(c.cost)}" for c in b.startup_costs) or "none entered"],
            [
                "Cost of a year of care per patient (estimate)",
                "not entered" if b.cost_per_patient is None else dollars(b.cost_per_patient),
            ],
            ["Enrollment above or below plan", percent(pilot.volume_swing_pct)],
        ],
    )
    word.table(
        doc,
        ["Expected in the first year", "Bad year", "Good year"],
        [[dollars(result.expected), dollars(result.bad_year), dollars(result.good_year)]],
    )
    word.paragraph(doc, result.note)
    word.bullets(doc, result.warnings)
