"""Sustain & finance: Chronic Care Model financing of integrated mental health care."""

import streamlit as st

from core import chronic_care as cc
from core.store import answers
from pages import _arrangements_ui as ui
from pages import _ui

workspace = _ui.require_workspace()
_ui.step_header("chronic_care_financing")
store, ws = _ui.store(), workspace.id
content = cc.content()
st.markdown(content.intro)

st.subheader("Your care delivery environment", anchor=False)
environment = answers.get_texts(store, ws, cc.ENVIRONMENT_SECTION)
cols = st.columns(2)
for i, question in enumerate(content.environment):
    with cols[i % 2]:
        _ui.text_answer(
            ws, cc.ENVIRONMENT_SECTION, question.id, question.label, stored=environment.get(question.id, ""), height=90
        )

st.subheader("What each stakeholder gets out of it", anchor=False)
st.markdown(content.outcomes_intro)
cols = st.columns(2)
for i, outcome in enumerate(cc.stakeholder_outcomes(store, ws)):
    with cols[i % 2]:
        _ui.text_answer(ws, cc.OUTCOMES_SECTION, outcome.id, outcome.label, stored=outcome.text, height=90)
        st.caption(
            "Wording from the source: change it to what your working group agrees."
            if outcome.from_source
            else "Your working group's wording."
        )

st.subheader("Current strategy: fee-for-service", anchor=False)
st.markdown(content.coverage_intro)
rows = cc.coverage(store, ws)
if rows:
    paid = sum(1 for c in cc.coverage_by_code(rows) if c.paying)
    st.markdown(f"You have recorded {len(rows)} payer and code pairs; {paid} code(s) are paid by at least one payer.")
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
st.page_link(
    "pages/billing_codes.py", label="Billing code reference and your payers' coverage", icon=":material/menu_book:"
)

st.subheader("Emerging strategy: a bundled payment pilot", anchor=False)
st.markdown(content.pilot_intro)
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

st.divider()
st.markdown(
    "**What this gives you:** a description of your care setting, the outcomes each stakeholder cares about, "
    "what your payers pay for today, and a bundled payment pilot to propose.  \n"
    "**Next:** compare the pilot with other ways of being paid in *Payment arrangements compared*, and take the "
    "codes to turn on to Step 9 (Organize & advocate)."
)
st.caption(f"Source: {content.source}")
