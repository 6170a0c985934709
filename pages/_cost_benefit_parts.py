"""Parts of the cost-benefit page, kept apart so the page reads top to bottom: the services-and-rates table,
the result, and the insurance mix survey. Drawing and saving through `core` only. Not listed in the navigation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import cost_benefit as cb
from core.money import dollars, percent
from pages import _figures, _ui


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
        "name": st.column_config.TextColumn("Service", disabled=True),
        "step3": st.column_config.NumberColumn(
            "Step 3 volume", disabled=True, help="Empty: the service is not in your Step 3 map."
        ),
        "volume": st.column_config.NumberColumn("Services a month", min_value=0, step=1),
        "billed": st.column_config.CheckboxColumn("Bill it"),
    }
    config |= {p.id: st.column_config.NumberColumn(f"{p.label} ($)", format="$%.2f", help=p.help) for p in billable}
    key = f"cost_benefit__services__{rid}"

    def on_change() -> None:
        st.session_state[f"{key}__errors"] = cb.apply_service_edits(
            _ui.store(), ws, rid, evaluation.lines, st.session_state[key]
        )

    st.data_editor(
        frame,
        key=key,
        column_config=config,
        hide_index=True,
        on_change=on_change,
        width="stretch",
        alt="Services, monthly volumes and reimbursement rates per payer",
    )
    for message in st.session_state.get(f"{key}__errors", []) + [
        p.message for p in evaluation.problems if p.where == "rates"
    ]:
        st.error(_ui.escape_md(message), icon=":material/error:")


def result_section(evaluation: cb.Evaluation) -> None:
    """The verdict in words, the figures, what each service brings and costs, and the sensitivity."""
    result, verdict = evaluation.result, evaluation.verdict
    if result is None or verdict is None:
        st.warning(
            "Fill in what is missing above to see the result:\n\n"
            + "\n".join(f"- {_ui.escape_md(p.message)}" for p in evaluation.problems),
            icon=":material/pending:",
        )
    else:
        show = {"pays": st.success, "fragile": st.warning}.get(verdict.kind, st.error)
        show(f"**{verdict.headline}.** {_ui.escape_md(verdict.text)}", icon=":material/gavel:")
        m = st.columns(5)
        m[0].metric("Revenue a month", dollars(result.monthly_revenue))
        m[1].metric("Billing costs a month", dollars(result.monthly_cost))
        m[2].metric("Net a month", dollars(result.monthly_net))
        m[3].metric("Net a year", dollars(result.annual_net))
        m[4].metric(
            "Break-even volume",
            "never" if result.break_even_volume is None else f"{result.break_even_volume:,}",
            help="Billed services a month, at today's mix of "
            "services and payers, at which billing pays for its own costs.",
        )
        st.dataframe(cb.revenue_table(result), hide_index=True, alt="Revenue by service")
        st.dataframe(cb.cost_table(result), hide_index=True, alt="Billing costs by item")
        if evaluation.sensitivity:
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
