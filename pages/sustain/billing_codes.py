"""Sustain & finance: the billing code reference (no rates) and what each contracted payer pays."""

import streamlit as st

from core import table_edits
from core.sustain import chronic_care_financing as cc
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
reference = cc.billing_codes()
st.title("Billing code reference")
st.markdown(
    "Codes that integrated behavioral health, care management and community health work commonly bill, with "
    "what each pays for in plain words and the documentation it usually needs. **No rates are listed**: what a "
    "code pays depends on the payer, the state and the year, so record below what each of your payers told you. "
    "Part of *Chronic Care Model financing*."
)
st.warning(reference.caution, icon=":material/info:")

families = {f.id: f for f in reference.families}
c1, c2 = st.columns([2, 1])
query = c1.text_input("Search", key="codes__query", placeholder="peer, 99492, screening ...", max_chars=100)
family_id = c2.selectbox(
    "Family",
    [""] + list(families),
    key="codes__family",
    format_func=lambda f: families[f].title if f else "All families",
)
found = cc.code_reference(query, family_id or None)
if found:
    st.dataframe(
        found,
        hide_index=True,
        width="stretch",
        key="codes__table",
        column_config={"What it pays for": st.column_config.TextColumn(width="large")},
    )
else:
    st.info("No code matches; try fewer words or all families.", icon=":material/search:")

shown = (
    [families[family_id]]
    if family_id
    else [f for f in reference.families if any(r["Family"] == f.title for r in found)]
)
for family in shown:
    with st.expander(f"{family.title}: what it is and what to document", expanded=bool(family_id)):
        st.markdown(family.about)
        st.markdown("**Documentation usually needed**")
        st.markdown("\n".join(f"- {item}" for item in family.documentation))
        st.caption(f"Where these codes are defined (outside the five sources): {_ui.escape_md(family.defined_in)}")

st.subheader("Your payers: who pays for what", anchor=False)
st.markdown(cc.content().coverage_intro)
Col = st.column_config
_ui.table_editor(
    "codes__coverage",
    table_edits.record_rows(store, ws, cc.COVERAGE_KIND),
    {
        "payer": Col.TextColumn("Payer", required=True, max_chars=120),
        "code": Col.TextColumn("Code", required=True, max_chars=12, help="A code from the reference or another one"),
        "reimburses": Col.SelectboxColumn("Pays for it?", options=["yes", "no", "unknown"], required=True),
        "amount": Col.NumberColumn("Amount they pay ($, as they told you)", min_value=0, format="dollar"),
        "documentation": Col.TextColumn("Documentation they need", max_chars=500),
        "turn_on": Col.CheckboxColumn("Advocate to turn on"),
    },
    lambda new: cc.save_coverage(store, ws, new),
)

rows = cc.coverage(store, ws)
if rows:
    st.markdown("**By code**")
    st.dataframe(
        [
            {
                "Code": c.code,
                "What it pays for": c.description,
                "Paid by": ", ".join(c.paying),
                "Not paid by": ", ".join(c.not_paying),
                "Not known": ", ".join(c.unknown),
                "Advocate": "yes" if c.turn_on else "",
            }
            for c in cc.coverage_by_code(rows)
        ],
        hide_index=True,
        width="stretch",
        key="codes__summary",
    )
else:
    st.caption("Add a row per payer and code: start with the codes that fit the services you already provide.")
_ui.link("chronic_care_financing", "Back to Chronic Care Model financing", icon=":material/arrow_back:")
st.subheader("Why these codes", anchor=False)
src.own(reference.selection)
src.quoted_list(reference.sources_say)
src.credit_line(reference)
