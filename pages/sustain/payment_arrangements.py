"""Sustain & finance: payment arrangements compared, for named scenarios side by side."""

import streamlit as st

from core.steps import link_label, ref
from core.sustain import payment_arrangements as arr
from pages import _arrangements_ui as ui
from pages import _care_figures as figures
from pages import _ui

workspace = _ui.require_workspace()
_ui.step_header("payment_arrangements")
store, ws = _ui.store(), workspace.id
st.markdown(
    "Health plans and health systems can pay for the same work in very different ways. Enter what you know of "
    "each offer (or what you would ask for) and see, for one program and population, what each brings in a year "
    "and what could go wrong. **Every rate, fee and share is yours to enter**: the workbook never assumes one. "
    "Keep two scenarios, for example *today* and *with a health plan partner*, and compare them."
)


def create(name_key: str, copy_key: str | None = None) -> None:
    try:
        copy_of = st.session_state.get(copy_key) if copy_key else None
        new = arr.create_scenario(store, ws, st.session_state[name_key], copy_of=copy_of or None)
        st.session_state["pay__scenario"] = new
        st.session_state["pay__compare"] = [*st.session_state.get("pay__compare", [])[:1], new]  # show it compared
        st.session_state.pop("pay__create_error", None)
    except _ui.USER_ERRORS as exc:
        st.session_state["pay__create_error"] = _ui.user_message(exc)


scenarios = dict(arr.list_scenarios(store, ws))
if not scenarios:
    st.info(
        f"Start with a first scenario: fee-for-service volumes come from {link_label('services')}, "
        "everything else you enter.",
        icon=":material/lightbulb:",
    )
    st.text_input("Scenario name", value="Today", key="pay__first_name", max_chars=80)
    st.button(
        "Create the scenario", key="pay__first_create", type="primary", on_click=create, args=("pay__first_name",)
    )
    if st.session_state.get("pay__create_error"):
        st.error(st.session_state["pay__create_error"], icon=":material/error:")
    st.stop()

names = {rid: s.name for rid, s in scenarios.items()}
if st.session_state.get("pay__scenario") not in names:
    st.session_state["pay__scenario"] = next(iter(names))
c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
rid = c1.selectbox("Scenario to edit", list(names), format_func=names.get, key="pay__scenario")
with c2.popover("New scenario", icon=":material/add:", width="stretch"):
    st.text_input("Name", key="pay__new_name", max_chars=80, placeholder="With a health plan partner")
    st.selectbox(
        "Start from",
        [""] + list(names),
        key="pay__copy_of",
        format_func=lambda r: f"A copy of {names[r]}" if r else f"Blank, with {ref('services')} volumes",
    )
    st.button("Create", key="pay__new_create", on_click=create, args=("pay__new_name", "pay__copy_of"))
with c3.popover("Rename or delete", icon=":material/edit:", width="stretch"):
    _ui.autosave(
        st.text_input,
        f"pay__{rid}__name",
        names[rid],
        lambda v: arr.update_scenario(store, ws, rid, "name", v),
        label="Scenario name",
        max_chars=80,
    )
    sure = st.checkbox("Yes, delete it and everything entered in it", key=f"pay__{rid}__sure")
    if st.button("Delete this scenario", key=f"pay__{rid}__delete", icon=":material/delete:", disabled=not sure):
        try:
            arr.delete_scenario(store, ws, rid)
        except _ui.USER_ERRORS as exc:  # e.g. already deleted in another tab
            st.error(_ui.user_message(exc), icon=":material/error:")
        else:
            st.rerun()
if st.session_state.get("pay__create_error"):
    st.error(st.session_state["pay__create_error"], icon=":material/error:")

scenario = scenarios[rid]
prefix = f"pay__{rid}"


def save(path, value):
    return arr.update_scenario(store, ws, rid, path, value)


_ui.autosave(
    st.slider,
    f"{prefix}__volume_swing_pct",
    int(scenario.volume_swing_pct),
    lambda v: save("volume_swing_pct", v),
    label="How much busier or quieter a good or bad year is",
    min_value=0,
    max_value=100,
    step=5,
    format="%d%%",
    help="Moves fee-for-service volumes, members and patients up and down by this share.",
)
result = arr.scenario_result(scenario)
inputs = [
    lambda: ui.fee_for_service_inputs(
        prefix,
        scenario.fee_for_service,
        save,
        lambda rows: arr.save_fee_for_service_lines(store, ws, rid, rows),
        lambda: arr.refresh_volumes(store, ws, rid),
    ),
    lambda: ui.care_coordination_fee_inputs(prefix, scenario.care_coordination_fee, save),
    lambda: ui.pay_for_performance_inputs(prefix, scenario.pay_for_performance, save),
    lambda: ui.bundled_inputs(prefix, scenario.bundled_payment, save),
    lambda: ui.shared_savings_inputs(prefix, scenario.shared_savings, save),
]
# Only the open tab runs (the others' widgets are seeded from the store when they are opened).
tabs = st.tabs([r.title for r in result.results], key="pay__tabs", on_change="rerun")
for tab, r, draw in zip(tabs, result.results, inputs, strict=True):
    if tab.open:
        with tab:
            draw()
            ui.result_panel(r)

st.subheader("Compare side by side", anchor=False)
if "pay__compare" in st.session_state:  # drop scenarios deleted since
    st.session_state["pay__compare"] = [r for r in st.session_state["pay__compare"] if r in names]
else:
    st.session_state["pay__compare"] = list(names)[:2]
chosen = st.multiselect(
    "Scenarios to compare", list(names), format_func=names.get, key="pay__compare", max_selections=4
)
results = [arr.scenario_result(scenarios[r]) for r in chosen]
if len(names) == 1:
    st.caption("Add a second scenario (a copy of this one, say) to see two side by side.")
if results:
    st.dataframe(arr.comparison_rows(results), hide_index=True, width="stretch")
    fig = figures.arrangement_comparison(results)
    if fig is None:
        st.info("Nothing to chart yet: enter at least one arrangement above.", icon=":material/bar_chart:")
    else:
        st.plotly_chart(fig, width="stretch", key="pay__chart")
    for r in chosen:
        sentence = arr.pmpm_equivalent_sentence(scenarios[r])
        if sentence:
            st.caption(_ui.escape_md(sentence))

st.divider()
st.markdown(
    "**What this gives you:** a side-by-side view of what each way of being paid would bring, and what it would "
    "ask the program to carry, to take into a conversation with a health plan or health system.  \n"
    f"**Next:** bring the scenario you prefer to the partner meeting ({link_label('agenda')}), and see "
    "*Chronic Care Model financing* for the codes your payers cover and a bundled payment pilot."
)
