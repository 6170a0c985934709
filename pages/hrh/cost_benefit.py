"""Step 6: the direct billing cost-benefit calculator, scenarios compared, and the insurance mix survey."""

import streamlit as st

from core.hrh import cost_benefit as cb
from core.hrh.services import service_map
from core.steps import ref
from core.store.versioned import remember
from pages import _cost_benefit_parts as parts
from pages import _figures, _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
C = cb.content()
PICK = "cost_benefit__scenario"
CHOSEN = "cost_benefit__chosen"  # the choice, kept while another tab is open and the selectbox is not drawn


def on_create() -> None:
    ss = st.session_state
    try:
        saved = cb.create_scenario(_ui.store(), ws, ss["cost_benefit__new_name"], copy_of=ss["cost_benefit__copy_of"])
    except _ui.USER_ERRORS as exc:
        ss["cost_benefit__new_error"] = _ui.user_message(exc)
        return
    ss[PICK], ss["cost_benefit__new_name"], ss["cost_benefit__new_error"] = saved.record_id, "", ""


def on_use_survey(record_id: str) -> None:
    try:
        cb.use_survey_mix(_ui.store(), ws, record_id)
        st.session_state["cost_benefit__survey_status"] = "The survey's shares are now this scenario's payer mix."
    except _ui.USER_ERRORS as exc:
        st.session_state["cost_benefit__survey_status"] = _ui.user_message(exc)
    for payer in C.payers:  # the payer-mix fields re-read the store
        st.session_state.pop(f"cost_benefit__{record_id}__mix__{payer.id}", None)


def number(key: str, label: str, help: str, stored, save, **kw) -> None:
    _ui.autosave_field(st.number_input, key, label, stored, save, help=help, **kw)


def calculator() -> None:
    with st.expander("New scenario", expanded=not scenarios, icon=":material/add:"):
        st.text_input("Scenario name", key="cost_benefit__new_name", max_chars=80, placeholder="Today")
        st.selectbox(
            "Start from",
            [None, *names],
            key="cost_benefit__copy_of",
            format_func=lambda rid: "A blank scenario" if rid is None else f"A copy of {names[rid]}",
        )
        st.button("Create scenario", key="cost_benefit__create", on_click=on_create, type="primary")
        if st.session_state.get("cost_benefit__new_error"):
            st.error(_ui.escape_md(st.session_state["cost_benefit__new_error"]), icon=":material/error:")
    if not scenarios:
        st.info("Create your first scenario above to start.", icon=":material/calculate:")
        return
    if PICK in st.session_state and st.session_state[PICK] not in names:  # deleted, maybe in another tab
        del st.session_state[PICK]
    if PICK not in st.session_state and st.session_state.get(CHOSEN) in names:
        st.session_state[PICK] = st.session_state[CHOSEN]
    # Bound to the URL, so a reload (or a shared link) opens the same scenario.
    rid = st.selectbox("Scenario", list(names), key=PICK, format_func=names.get, bind="query-params")
    st.session_state[CHOSEN] = rid
    scenario = next(s.scenario for s in scenarios if s.record_id == rid)
    evaluation = cb.evaluate(scenario, remember(store, ws, "cost_benefit.service_map", lambda: service_map(store, ws)))
    where = {p.where: p.message for p in evaluation.problems}

    st.subheader("1. Who you serve: the payer mix", anchor=False)
    st.caption("The share (%) of the people you serve with each type of insurance. The six shares add up to 100.")
    cols = st.columns(3)
    for i, payer in enumerate(C.payers):
        with cols[i % 3]:
            number(
                f"cost_benefit__{rid}__mix__{payer.id}",
                f"{payer.label} (%)",
                payer.help,
                float(scenario.share(payer.id)),
                lambda v, p=payer.id: cb.set_payer_share(_ui.store(), ws, rid, p, v),
                step=1.0,
                format="%.1f",
            )
    if "payer_mix" in where and not any(scenario.share(p.id) for p in C.payers):  # nothing entered yet: ask
        st.info("Enter the share of each type of insurance; the six add up to 100.", icon=":material/edit_note:")
    elif "payer_mix" in where:
        st.error(where["payer_mix"], icon=":material/error:")
    else:
        st.caption(":material/check: The payer mix adds up to 100%.")
    if cb.get_survey(store, ws).answered:
        st.button(
            "Use the insurance mix survey's shares", key="cost_benefit__use_survey", on_click=on_use_survey, args=(rid,)
        )
    if st.session_state.get("cost_benefit__survey_status"):
        st.caption(st.session_state.pop("cost_benefit__survey_status"))

    st.subheader("2. Services and rates", anchor=False)
    st.caption(f"Volumes come from {ref('services')} (clear a volume to go back to it). {C.rates_help}")
    if "services" in where:
        st.info(where["services"], icon=":material/info:")
        _ui.link("services")
    else:
        parts.services_table(ws, rid, evaluation)

    parts.number_inputs(ws, rid, scenario, evaluation)

    st.subheader("6. The result", anchor=False)
    parts.result_section(evaluation, scenario)
    with st.popover("Rename or delete this scenario", icon=":material/edit:"):
        _ui.autosave_field(
            st.text_input,
            f"cost_benefit__{rid}__name",
            "Name",
            scenario.name,
            lambda v: cb.update_scenario(_ui.store(), ws, rid, name=v),
            max_chars=80,
        )
        if st.button("Delete this scenario", key=f"cost_benefit__{rid}__delete", icon=":material/delete:"):
            cb.delete_scenario(_ui.store(), ws, rid)
            st.rerun()


def comparison() -> None:
    evaluations = [e for _, e in cb.evaluate_all(store, ws)]
    if len(evaluations) < 2:
        st.info(
            "Create a second scenario (for example a copy with a billing partner's costs) to compare them.",
            icon=":material/compare_arrows:",
        )
    if evaluations:
        st.dataframe(cb.comparison_table(evaluations), hide_index=True, alt="Scenarios compared side by side")
        if any(e.result for e in evaluations):
            st.plotly_chart(
                _figures.scenario_bars(evaluations),
                width="stretch",
                key="cost_benefit__compare_chart",
                alt="Revenue, costs and net a month per scenario",
            )


_ui.step_header("financing_adventure")
st.header("Direct billing cost-benefit", anchor=False)
st.markdown(
    "The workbook's recipe: the types of insurance and the share of people you serve with each, times the "
    "services you project and the rates insurers pay, minus what billing costs you. Every figure is your "
    "own estimate; nothing is filled in for you, and no result is shown until every cost is entered (0 if "
    "you have none). The result is a month-by-month projection over three years, with the first-year "
    "figures, the steady state and the break-even month a CFO will ask for. Keep several scenarios (for "
    "example *today* and *with a billing partner*) and compare them."
)
scenarios = remember(store, ws, "cost_benefit.scenarios", lambda: cb.list_scenarios(store, ws))  # read-only
names = {s.record_id: s.scenario.name for s in scenarios}
calc, compare, survey_tab = st.tabs(
    ["Calculator", "Compare scenarios", "Insurance mix survey"], key="cost_benefit_tab", bind="query-params"
)
for tab, draw in ((calc, calculator), (compare, comparison), (survey_tab, lambda: parts.insurance_survey(ws))):
    if tab.open:  # only the open tab runs (the tabs are bound to the URL, so a link can open one)
        with tab:
            draw()

st.divider()
st.markdown(
    "**What this gives you:** an honest answer to *would billing pay for itself?*, what it hinges on, and "
    "what it would take. **Next step:** back to the financing adventure to record your answer, then "
    "map out potential partners."
)
_ui.link("financing_adventure")
