"""Sustain & finance: Chronic Care Model financing of integrated mental health care: the source's eleven
strategies in their four phases, each quoted, with the team's status and notes, and the tools for the
care setting, the stakeholders' outcomes, payer coverage and a bundled payment pilot."""

import streamlit as st

from core.steps import link_label
from core.store import answers
from core.sustain import chronic_care_financing as cc
from pages import _arrangements_ui as ui
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
_ui.step_header("chronic_care_financing")
store, ws = _ui.store(), workspace.id
content = cc.content()
src.own(content.intro)
STATUSES = {o.id: o.label for o in content.statuses}
statuses = cc.strategy_statuses(store, ws)
notes = answers.get_texts(store, ws, cc.STRATEGY_NOTES_SECTION)


def environment_tool() -> None:
    src.from_source(content.environment, "The four questions")
    environment = answers.get_texts(store, ws, cc.ENVIRONMENT_SECTION)
    cols = st.columns(2)
    for i, question in enumerate(content.environment):
        with cols[i % 2]:
            _ui.text_answer(
                ws,
                cc.ENVIRONMENT_SECTION,
                question.id,
                question.quote,
                stored=environment.get(question.id, ""),
                height=90,
            )


def outcomes_tool() -> None:
    src.own(content.outcomes_intro, mark=False)
    cols = st.columns(2)
    for i, outcome in enumerate(cc.stakeholder_outcomes(store, ws)):
        with cols[i % 2]:
            _ui.text_answer(ws, cc.OUTCOMES_SECTION, outcome.id, outcome.label, stored=outcome.text, height=90)
            st.caption(
                f"{src.QUOTE_MARK} The source's words, word for word: change them to what your working group agrees."
                if outcome.from_source
                else f"{src.OWN_MARK} Your working group's wording."
            )


def coverage_tool() -> None:
    src.own(content.coverage_intro, mark=False)
    rows = cc.coverage(store, ws)
    if rows:
        paid = sum(1 for c in cc.coverage_by_code(rows) if c.paying)
        st.markdown(
            f"You have recorded {len(rows)} payer and code pairs; {paid} code(s) are paid by at least one payer."
        )
        turn_on = cc.codes_to_turn_on(rows)
        if turn_on:
            st.markdown("**Codes to advocate to turn on:**")
            st.markdown("\n".join(f"- {_ui.escape_md(line)}" for line in turn_on))
    else:
        st.info(
            "Nothing recorded yet: open the billing code reference, find the codes that fit your services and "
            "record what each contracted payer says.",
            icon=":material/lightbulb:",
        )
    _ui.link("billing_codes", "Billing code reference and your payers' coverage", icon=":material/menu_book:")


def pilot_tool() -> None:
    src.own(content.pilot_intro, mark=False)
    pilot = cc.get_pilot(store, ws)

    def save(path, value):
        return cc.update_pilot(store, ws, path, value)

    ui.bundled_inputs("ccf__pilot", pilot.bundle, save, path="bundle", include=False)
    _ui.autosave(
        st.slider,
        "ccf__pilot__volume_swing_pct",
        int(pilot.volume_swing_pct),
        lambda v: save("volume_swing_pct", v),
        label="How far enrollment may be above or below plan",
        min_value=0,
        max_value=100,
        step=5,
        format="%d%%",
    )
    result = cc.pilot_result(pilot)
    if result.entered:
        ui.result_panel(result)
    else:
        st.info(
            "Enter the patients who fit the integrated program and the payment per patient to see what the pilot "
            "would yield.",
            icon=":material/lightbulb:",
        )


TOOLS = {"environment": environment_tool, "outcomes": outcomes_tool, "coverage": coverage_tool, "pilot": pilot_tool}

for phase in content.phases:
    st.subheader(phase.quote, anchor=False)
    for n, strategy in enumerate(content.strategies_in(phase.id)):
        with st.container(border=True):
            src.quote(strategy)
            left, right = st.columns([1, 2])
            with left:
                _ui.autosave(
                    st.segmented_control,
                    f"ccf__strategy__{strategy.id}",
                    statuses[strategy.id],
                    lambda v, s=strategy.id: cc.set_strategy_status(store, ws, s, v or "not_started"),
                    label="Where you stand",
                    options=list(STATUSES),
                    format_func=STATUSES.get,
                )
            with right:
                _ui.text_answer(
                    ws,
                    cc.STRATEGY_NOTES_SECTION,
                    strategy.id,
                    "Notes",
                    stored=notes.get(strategy.id, ""),
                    height=68,
                    placeholder="What you have done, with whom, and what is next",
                )
            # A tool shared by several strategies of a phase (payer coverage) is drawn once, after the last.
            following = content.strategies_in(phase.id)[n + 1 :]
            if strategy.tool and not any(s.tool == strategy.tool for s in following):
                TOOLS[strategy.tool]()

st.divider()
st.markdown(
    "**What this gives you:** where you stand on each of the source's strategies, a description of your care "
    "setting, the outcomes each stakeholder cares about, what your payers pay for today, and a bundled payment "
    "pilot to propose.  \n"
    "**Next:** compare the pilot with other ways of being paid in *Payment arrangements compared*, and take the "
    f"codes to turn on to {link_label('advocate')}."
)
src.credit_line(content)
