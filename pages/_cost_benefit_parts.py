"""Parts of the cost-benefit page, kept apart so the page reads top to bottom: the services-and-rates table,
the numbers of a scenario, the result, and the insurance mix survey. Drawing and saving through `core` only.
Not listed in the navigation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.hrh import cost_benefit as cb
from core.money import percent
from core.steps import ref
from pages import _figures, _ui
from pages import _money_ui as money

GROUPS = (
    ("collect", "3. What you collect", "Of the services you bill, what actually comes back."),
    (
        "costs",
        "4. What billing costs",
        "Every cost you would carry, a month or a year as labelled. Enter 0 for a cost you do not have: an "
        "empty box is not entered yet, and the result waits for it.",
    ),
    (
        "timing",
        "5. Start-up and ramp-up",
        "Start-up is paid once, in the months you say; billing can take months to reach its full volume.",
    ),
)


def services_table(ws: str, rid: str, evaluation: cb.Evaluation) -> None:
    """The scenario's services with their monthly volumes, whether each is billed, and a rate per payer."""
    billable = [p for p in cb.payers() if p.billable]
    frame = pd.DataFrame(
        [
            {
                "name": line.name,
                "step3": line.step3_volume,
                "volume": line.volume,
                "billed": line.billed,
                **{p.id: line.rates.get(p.id) for p in billable},
            }
            for line in evaluation.lines
        ]
    ).astype({p.id: "float64" for p in billable})
    config = {
        "name": st.column_config.TextColumn("Service", disabled=True, width="large"),
        "step3": st.column_config.NumberColumn(
            f"{ref('services')} volume", disabled=True, help=f"Empty: the service is not in your {ref('services')} map."
        ),
        "volume": st.column_config.NumberColumn("Services a month", min_value=0, step=1, width="medium"),
        "billed": st.column_config.CheckboxColumn("Bill it"),
    }
    config |= {p.id: st.column_config.NumberColumn(f"{p.label} ($)", format="$%.2f", help=p.help) for p in billable}
    key = f"cost_benefit__services__{rid}"

    def on_change() -> None:
        st.session_state[f"{key}__errors"] = cb.apply_service_edits(
            _ui.store(), ws, rid, evaluation.lines, st.session_state[key]
        )

    _ui.data_editor(
        frame,
        key,
        config,
        on_change,
        alt="Services, monthly volumes and reimbursement rates per payer",
        messages=f"{key}__errors",  # what the last edit could not save
    )
    to_enter = [p.message for p in evaluation.problems if p.where == "rates"]
    if to_enter:  # not mistakes: what the table still asks for, in one box rather than one red box per service
        st.info(
            "**Rates still to enter**\n\n" + "\n".join(f"- {_ui.escape_md(m)}" for m in to_enter),
            icon=":material/edit_note:",
        )


def number_inputs(ws: str, rid: str, scenario: cb.Scenario, evaluation: cb.Evaluation) -> None:
    """The scenario's numbers in three groups; a box the result waits for says so."""
    content = cb.content()
    missing = {p.field for p in evaluation.problems if p.where == "inputs"}
    for group, title, caption in GROUPS:
        st.subheader(title, anchor=False)
        st.caption(caption)
        fields = [f for f, text in content.inputs.items() if text.group == group]
        cols = st.columns(3)
        for i, field in enumerate(fields):
            with cols[i % 3]:
                whole = field in cb.WHOLE_MONTH_FIELDS
                money.number_box(
                    f"cost_benefit__{rid}__{field}",
                    content.inputs[field].label,
                    getattr(scenario, field),
                    lambda v, f=field: cb.set_input(_ui.store(), ws, rid, f, v),
                    integer=whole,
                    help=content.inputs[field].help,
                )
                money.not_entered(field in missing)


def result_section(evaluation: cb.Evaluation, scenario: cb.Scenario) -> None:
    """The verdict in words, the headline figures with their formulas, the cumulative net month by month, the
    first year and steady state line by line, what each service brings, and the sensitivity."""
    result, verdict = evaluation.result, evaluation.verdict
    if result is None or verdict is None:
        money.missing_list([p.message for p in evaluation.problems])
        return
    show = {"pays": st.success, "fragile": st.warning, "slow": st.warning, "breaks_even": st.warning}.get(
        verdict.kind, st.error
    )
    show(f"**{verdict.headline}.** {_ui.escape_md(verdict.text)}", icon=":material/gavel:")
    money.headline_metrics(result.figures, ("first_year_net", "steady_month_net", "steady_margin", "break_even_month"))
    volume = result.figure("break_even_volume")
    st.caption(f"{volume.label}: {volume.shown}. {volume.how}")
    st.plotly_chart(
        _figures.cumulative_net(
            result.months(), "Cumulative net of billing, month by month (36 months)", result.break_even_month
        ),
        width="stretch",
        key="cost_benefit__cumulative",
        alt="Each month's net and the cumulative net over 36 months",
    )
    st.markdown("**What this rests on**")
    st.markdown("\n".join(f"- {_ui.escape_md(line)}" for line in cb.assumptions(scenario)))
    st.markdown("**The first year and the steady state, line by line**")
    money.statement(cb.statement_table(result))
    money.months_table(result.months(), "cost_benefit__months", volume="Billed services", value="Revenue")
    st.markdown("**What each billed service brings in a month, at full volume**")
    st.dataframe(cb.revenue_table(result), hide_index=True, alt="Revenue by service")
    st.markdown("**How each figure is computed**")
    money.figures_table(result.figures)
    money.definitions()
    if evaluation.sensitivity:
        st.markdown("**Which estimates matter most** (the steady-state net a month, each estimate 20% off)")
        st.plotly_chart(
            _figures.tornado(evaluation.sensitivity),
            width="stretch",
            key="cost_benefit__tornado",
            alt="Tornado chart of the monthly net",
        )
        st.dataframe(
            cb.sensitivity_table(evaluation.sensitivity),
            hide_index=True,
            alt="Sensitivity of the monthly net to each estimate",
        )


def _tally(ws: str, key: str, label: str, stored: int, **change) -> None:
    """One count of the survey; `change` names where it goes (counts, unknown or ages)."""
    part, item = next(iter(change.items()))

    def save(value) -> None:
        cb.update_survey(_ui.store(), ws, **({part: {item: value}} if part != "unknown" else {"unknown": value}))

    _ui.autosave_field(st.number_input, f"cost_benefit__survey__{key}", label, stored, save, step=1)


def insurance_survey(ws: str) -> None:
    """The short anonymous survey: what to ask, the tallies, and the payer mix they give."""
    content = cb.content().survey
    st.markdown(content.intro)
    st.markdown("**Questions to ask**\n\n" + "\n".join(f"{i}. {q}" for i, q in enumerate(content.questions, 1)))
    survey = cb.get_survey(_ui.store(), ws)
    _ui.autosave_field(
        st.text_input,
        "cost_benefit__survey__period",
        "When and where you asked",
        survey.period,
        lambda v: cb.update_survey(_ui.store(), ws, period=v),
        placeholder="Drop-in center, March",
    )
    st.markdown("**How many people named each type of insurance**")
    cols = st.columns(4)
    for i, payer in enumerate(cb.payers()):
        with cols[i % 4]:
            _tally(ws, payer.id, payer.label, survey.counts.get(payer.id, 0), counts=payer.id)
    with cols[len(cb.payers()) % 4]:
        _tally(ws, "unknown", content.unknown_label, survey.unknown, unknown="unknown")
    st.markdown("**Basic demographics (optional): how many people in each age group**")
    cols = st.columns(4)
    for i, group in enumerate(content.age_groups):
        with cols[i]:
            _tally(ws, group.id, group.label, survey.ages.get(group.id, 0), ages=group.id)
    mix = cb.survey_payer_mix(survey)
    if mix is None:
        st.caption("Enter how many people named each type of insurance to see the payer mix.")
        return
    st.markdown(f"**The payer mix from {survey.answered:,} answers** ({survey.unknown:,} not sure, left out):")
    st.dataframe(
        [{"Insurance": p.label, "Share": percent(mix[p.id], places=1)} for p in cb.payers()],
        hide_index=True,
        alt="Payer mix from the survey",
    )
    st.caption("In the calculator, the button under a scenario's payer mix puts these shares into it.")
