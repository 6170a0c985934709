"""Step 1: learn and review the basics. How money flows under five payment models, and the glossary."""

import streamlit as st
from pydantic import ValidationError

from core.hrh import basics, money_flows
from core.hrh import charts as hrh_charts
from core.hrh.glossary import glossary_term
from core.money import dollars
from pages import _sources_ui as src
from pages import _ui

KEY_TERMS = ["fee_for_service", "value_based_payment", "mco", "fqhc", "aco", "carve_in_carve_out"]


def on_reviewed(workspace_id: str) -> None:
    try:
        basics.set_reviewed(_ui.store(), workspace_id, bool(st.session_state["basics__reviewed"]))
        st.session_state.pop("basics__reviewed__error", None)
    except _ui.USER_ERRORS as exc:
        st.session_state["basics__reviewed__error"] = _ui.user_message(exc)


workspace = _ui.require_workspace()
_ui.step_header("basics")

src.quote(money_flows.workbook_words())
st.subheader("How the money flows", anchor=False)
st.markdown(money_flows.intro())
examples = {e.text.id: e for e in money_flows.examples()}
if st.session_state.get("basics__model") not in examples:
    st.session_state["basics__model"] = next(iter(examples))
model_id = st.segmented_control(
    "Payment model",
    list(examples),
    format_func=lambda m: examples[m].text.title,
    key="basics__model",
    required=True,
    width="stretch",
)
example = examples[model_id]

left, right = st.columns([2, 3], gap="large")
with left:
    st.markdown(f"**Who pays whom.** {_ui.escape_md(example.text.who_pays)}")
    st.markdown(f"**What is paid for.** {_ui.escape_md(example.text.paid_for)}")
    st.markdown(f"**What the program risks.** {_ui.escape_md(example.text.program_risk)}")
    src.own_mark()
    st.markdown("**What the sources say**")
    for q in example.text.sources_say:
        src.quote(q)
    _ui.glossary_link(example.text.term)
with right:
    st.markdown("**Try it with your numbers**")
    src.illustration_badge()
    st.caption(_ui.escape_md(money_flows.illustration().note))
    values = _ui.model_number_inputs(example.inputs, f"basics__{model_id}")

try:
    flow = example.compute(example.inputs(**values))
except ValidationError as exc:
    _ui.show_errors(exc)
    src.credit_line(money_flows.workbook_words(), [e.text for e in money_flows.examples()])
    st.stop()

if money_flows.uses_example_figures(model_id, values):
    src.illustration_badge("These results come from the made-up starting figures.")
else:
    st.caption("These results come from the figures you entered.")
c1, c2, c3 = st.columns(3)
c1.metric(f"Program receives per {flow.period}", dollars(flow.program_receives, with_cents=True))
c2.metric(f"Cost of the work per {flow.period}", dollars(flow.program_costs, with_cents=True))
c3.metric("Left over", dollars(flow.program_net, with_cents=True))
chart, words = st.columns([3, 2], gap="large")
with chart:
    _ui.plotly_chart(hrh_charts.money_flow_figure(flow, example.text.title))
with words:
    st.markdown("**Who pays whom in this example**")
    if flow.payments:
        for p in flow.payments:
            st.markdown(_ui.escape_md(f"{p.payer} → {p.payee}: {dollars(p.amount, with_cents=True)} for {p.what_for}"))
    else:
        st.markdown("- Nobody pays the program anything this time.")
    st.markdown("**How it adds up**")
    st.markdown("  \n".join(_ui.escape_md(line) for line in flow.explanation))
    st.info(
        _ui.escape_md(f"{flow.risk} At stake here: {dollars(flow.at_risk, with_cents=True)}."),
        icon=":material/warning:",
    )

st.subheader("The words of healthcare financing", anchor=False)
st.markdown(
    "The glossary explains every term of the workbook and of the payment models above in plain words. "
    "Search it, or start with these:"
)
cols = st.columns(3)
for n, term_id in enumerate(KEY_TERMS):
    with cols[n % 3]:
        _ui.glossary_link(term_id, label=glossary_term(term_id).term)
_ui.link("glossary", "Open the whole glossary", icon=":material/search:")

st.subheader("Done with the basics?", anchor=False)
st.session_state["basics__reviewed"] = basics.is_reviewed(_ui.store(), workspace.id)
st.checkbox(
    "We have reviewed the basics as a team", key="basics__reviewed", on_change=on_reviewed, args=(workspace.id,)
)
if st.session_state.get("basics__reviewed__error"):
    st.error(st.session_state["basics__reviewed__error"], icon=":material/error:")

_ui.step_footer(
    "A shared vocabulary for conversations with health systems, and a feel for what each way of being paid "
    "would mean for your program's income and risk. Next, score how ready your organization is.",
    "readiness",
)
src.credit_line(money_flows.workbook_words(), [e.text for e in money_flows.examples()])
