"""The cost-benefit page: scenarios, payer mix, services and rates, costs, the verdict, comparison, survey."""

from decimal import Decimal as D

import pytest

from core.hrh import cost_benefit as cb
from core.hrh.services import ServiceRow, save_service_row
from tests.pages.editing import edit_table, errors, plain, shown

PAGE = "pages/hrh/cost_benefit.py"
COORD = ServiceRow(
    service_id="case_management_coordination",
    category="hcbs",
    name="Case management – Care coordination",
    services_per_month=100,
    currently_offer=True,
)


def open_tab(at, label):
    """Click a tab: the tabs are bound to the URL and only the open one runs."""
    at.session_state["cost_benefit_tab"] = label
    return at.run()


def table_with(at, column):
    """The first table on the page (st.table or st.dataframe) with that column."""
    return next(d.value for d in [*at.table, *at.dataframe] if column in d.value.columns)


EVERYTHING_COLLECTED_NO_OTHER_COST = {
    "billable_share": 100,
    "denial_rate": 0,
    "collection_rate": 100,
    "billing_fte": 0,
    "credentialing_per_year": 0,
    "enrolment_hours_per_month": 0,
    "startup_cost": 0,
}


@pytest.fixture
def ready(app_with_workspace):
    """A workspace with one Step 3 service and a complete scenario: 100 x $50 from Medicaid MCO, $1,000 costs."""
    app, ws = app_with_workspace
    save_service_row(app.store, ws.id, COORD)
    saved = cb.create_scenario(app.store, ws.id, "Today")
    cb.update_scenario(
        app.store,
        ws.id,
        saved.record_id,
        payer_mix={"medicaid_mco": 80, "uninsured": 20},
        ehr_per_month=1000,
        **EVERYTHING_COLLECTED_NO_OTHER_COST,
    )
    cb.update_service(
        app.store, ws.id, saved.record_id, "case_management_coordination", COORD.name, rates={"medicaid_mco": 50}
    )
    return app, ws, saved.record_id


def test_an_empty_workspace_is_asked_to_create_a_scenario(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert any("Create your first scenario" in i.value for i in at.info)
    at.text_input(key="cost_benefit__new_name").set_value("Today")
    at.button(key="cost_benefit__create").click().run()
    assert not at.exception
    [saved] = cb.list_scenarios(app.store, ws.id)
    assert saved.scenario.name == "Today"
    assert at.selectbox(key="cost_benefit__scenario").value == saved.record_id
    assert any("No services with a monthly volume yet" in i.value for i in at.info)


def test_a_duplicate_scenario_name_is_refused_beside_the_field(ready):
    app, ws, _ = ready
    at = app.page(PAGE)
    at.text_input(key="cost_benefit__new_name").set_value("today")
    at.button(key="cost_benefit__create").click().run()
    assert any("A scenario named 'today' already exists" in e for e in errors(at))
    assert len(cb.list_scenarios(app.store, ws.id)) == 1


def test_the_verdict_and_figures_of_a_complete_scenario(ready):
    app, _, _ = ready
    at = app.page(PAGE)
    assert not at.exception
    # 100 x 0.8 x $50 = $4,000 a month, less $1,000: $3,000 a month from month 1, $36,000 in the first year
    assert "Direct billing pays for itself at your estimates" in at.success[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["First-year net"] == "$36,000" and metrics["Steady-state net a month"] == "$3,000"
    assert metrics["Operating margin, steady state"] == "75%"  # 3,000 / 4,000: net / revenue
    assert metrics["Break-even month"] == "Month 1"
    assert "Break-even volume (billed services a month): 25." in shown(at)  # 1,000 / 40
    assert len(at.get("plotly_chart")) >= 2  # the cumulative net and the tornado
    assert table_with(at, "Estimate").iloc[0]["Estimate"] == "Rates paid by Medicaid managed care"
    assert table_with(at, "Revenue a month").iloc[0]["Revenue a month"] == "$4,000"
    statement = {row[""]: row for row in table_with(at, "First year (months 1-12)").to_dict("records")}
    assert statement["Net"]["First year (months 1-12)"] == "$36,000"
    assert statement["Costs"]["Steady state, a year"] == "$12,000"
    assert len(table_with(at, "Cumulative net")) == 36
    how = table_with(at, "How it is computed").set_index("Figure")["How it is computed"]
    assert how["Break-even month"].startswith("The first month whose cumulative net")
    assert how["Operating margin, steady state"] == "Steady-state net / steady-state revenue."
    assert "Ramp-up: none entered, so billing runs at full volume from month 1" in shown(at)


def test_payer_mix_not_adding_up_says_so_and_saves_the_share(ready):
    app, ws, rid = ready
    at = app.page(PAGE)
    at.number_input(key=f"cost_benefit__{rid}__mix__medicare").set_value(10.0).run()
    assert not at.exception
    assert cb.get_scenario(app.store, ws.id, rid).payer_mix["medicare"] == D(10)
    assert "The payer mix adds up to 110%; the six shares must add up to 100%." in errors(at)
    assert any("Fill in what is missing to see the result" in w.value for w in at.warning)


def test_a_negative_cost_is_refused_beside_the_field_and_not_saved(ready):
    app, ws, rid = ready
    at = app.page(PAGE)
    at.number_input(key=f"cost_benefit__{rid}__ehr_per_month").set_value(-50.0).run()
    assert not at.exception
    assert any("EHR and clearinghouse, per month ($) cannot be negative" in e for e in errors(at))
    assert cb.get_scenario(app.store, ws.id, rid).ehr_per_month == D(1000)
    assert at.number_input(key=f"cost_benefit__{rid}__ehr_per_month").value == -50.0  # what was typed stays


def test_rates_edited_in_the_table_are_saved_and_a_missing_rate_is_named(ready):
    app, ws, rid = ready
    cb.set_payer_share(app.store, ws.id, rid, "medicare", 10)
    cb.set_payer_share(app.store, ws.id, rid, "uninsured", 10)
    at = app.page(PAGE)
    # A rate not entered yet is asked for in one box, not shown as a mistake.
    to_enter = [plain(i.value) for i in at.info if "Rates still to enter" in i.value]
    assert len(to_enter) == 1
    assert "Case management – Care coordination: enter the rate Medicare would pay" in to_enter[0]
    assert not errors(at)
    at = edit_table(at, f"cost_benefit__services__{rid}", edited={0: {"medicare": 30.0, "volume": 90}})
    assert not at.exception
    line = cb.get_scenario(app.store, ws.id, rid).services["case_management_coordination"]
    assert line.rates["medicare"] == D(30) and line.volume == 90
    assert not any("enter the rate" in plain(i.value) for i in at.info)
    assert not errors(at)


def test_a_new_scenario_asks_for_its_figures_without_a_red_box(app_with_workspace):
    """A service offered and a blank scenario: a request for the payer mix, no red box, no verdict."""
    app, ws = app_with_workspace
    save_service_row(app.store, ws.id, COORD)
    rid = cb.create_scenario(app.store, ws.id, "New").record_id
    at = app.page(PAGE)
    assert not at.exception and not errors(at) and not at.success
    assert any("Enter the share of each type of insurance" in i.value for i in at.info)
    # A mix that is entered but does not add up is a mistake, and says so in red.
    at.number_input(key=f"cost_benefit__{rid}__mix__medicaid_mco").set_value(60).run()
    assert "The payer mix adds up to 60%; the six shares must add up to 100%." in errors(at)
    # Once it adds up, the table asks for the Medicaid MCO rate in one box, still without red.
    at.number_input(key=f"cost_benefit__{rid}__mix__uninsured").set_value(40).run()
    assert not errors(at)
    assert any("enter the rate Medicaid managed care would pay" in plain(i.value) for i in at.info)


def test_scenarios_are_compared_side_by_side(ready):
    app, ws, rid = ready
    copy = cb.create_scenario(app.store, ws.id, "With a billing partner", copy_of=rid)
    cb.update_scenario(app.store, ws.id, copy.record_id, ehr_per_month=3000)
    at = open_tab(app.page(PAGE), "Compare scenarios")
    assert not at.number_input  # only the open tab runs
    rows = {row["Figure"]: row for row in table_with(at, "Figure").to_dict("records")}
    assert rows["Net a month (steady state)"]["Today"] == "$3,000"
    assert rows["Net a month (steady state)"]["With a billing partner"] == "$1,000"
    assert rows["First-year net (months 1-12)"]["With a billing partner"] == "$12,000"


def test_the_survey_counts_feed_the_payer_mix(ready):
    app, ws, rid = ready
    at = open_tab(app.page(PAGE), "Insurance mix survey")
    at.number_input(key="cost_benefit__survey__medicaid_mco").set_value(3).run()
    at.number_input(key="cost_benefit__survey__uninsured").set_value(1).run()
    at.number_input(key="cost_benefit__survey__commercial").set_value(-2).run()
    assert not at.exception
    assert any("Commercial: a count must be a whole number from 0" in e for e in errors(at))
    survey = cb.get_survey(app.store, ws.id)
    assert survey.counts == {"medicaid_mco": 3, "uninsured": 1}
    assert any("The payer mix from 4 answers" in m.value for m in at.markdown)
    at = open_tab(at, "Calculator")
    at.button(key="cost_benefit__use_survey").click().run()
    assert cb.get_scenario(app.store, ws.id, rid).payer_mix["medicaid_mco"] == D(75)
    assert at.number_input(key=f"cost_benefit__{rid}__mix__medicaid_mco").value == 75.0


def test_a_scenario_can_be_renamed_and_deleted(ready):
    app, ws, rid = ready
    at = app.page(PAGE)
    at.text_input(key=f"cost_benefit__{rid}__name").set_value("Today, <script>").run()
    assert cb.get_scenario(app.store, ws.id, rid).name == "Today, <script>"
    at.button(key=f"cost_benefit__{rid}__delete").click().run()
    assert not at.exception
    assert cb.list_scenarios(app.store, ws.id) == []


def test_the_chosen_scenario_stays_chosen_across_tabs(ready):
    app, ws, _ = ready
    other = cb.create_scenario(app.store, ws.id, "Other")
    at = app.page(PAGE)
    at.selectbox(key="cost_benefit__scenario").set_value(other.record_id).run()
    at = open_tab(at, "Compare scenarios")
    at = open_tab(at, "Calculator")
    assert not at.exception
    assert at.selectbox(key="cost_benefit__scenario").value == other.record_id


def test_a_new_scenario_shows_what_is_missing_never_a_verdict(app_with_workspace):
    """Rates in, costs not: no green verdict, no $0, every missing cost named; filling them in shows the result."""
    app, ws = app_with_workspace
    save_service_row(app.store, ws.id, COORD)
    saved = cb.create_scenario(app.store, ws.id, "New")
    rid = saved.record_id
    cb.update_scenario(app.store, ws.id, rid, payer_mix={"medicaid_mco": 100})
    cb.update_service(app.store, ws.id, rid, "case_management_coordination", COORD.name, rates={"medicaid_mco": 50})
    at = app.page(PAGE)
    assert not at.exception and not at.success and not at.metric
    warning = next(plain(w.value) for w in at.warning if "Fill in what is missing" in w.value)
    assert "EHR and clearinghouse, per month ($): not entered yet (enter 0 if you have no such cost)." in warning
    assert "Claims denied and never paid (%): not entered yet." in warning
    assert any("Not entered yet: the result waits for it." in c.value for c in at.caption)
    assert at.number_input(key=f"cost_benefit__{rid}__ehr_per_month").value is None  # empty, not $0
    for field, value in {**EVERYTHING_COLLECTED_NO_OTHER_COST, "ehr_per_month": 1000.005}.items():
        at.number_input(key=f"cost_benefit__{rid}__{field}").set_value(value).run()
    assert not at.exception
    assert cb.get_scenario(app.store, ws.id, rid).ehr_per_month == D("1000.01")  # whole cents
    assert "Direct billing pays for itself" in at.success[0].value


def test_a_cleared_cost_is_unknown_again_and_a_ramp_up_moves_the_break_even_month(ready):
    app, ws, rid = ready
    at = app.page(PAGE)
    at.number_input(key=f"cost_benefit__{rid}__ehr_per_month").set_value(None).run()
    assert not at.exception
    assert cb.get_scenario(app.store, ws.id, rid).ehr_per_month is None
    assert not at.success and any("EHR and clearinghouse" in w.value for w in at.warning)
    at.number_input(key=f"cost_benefit__{rid}__ehr_per_month").set_value(1000.0).run()
    # 12,000 of start-up in month 1 and a 3-month ramp from 25%: 25, 50, 75, then 100 services x $40 =
    # 1,000, 2,000, 3,000, then 4,000 a month, against 1,000 of costs. Net: -12,000, +1,000, +2,000, then
    # +3,000. Running sum: -12,000, -11,000, -9,000, -6,000, -3,000, 0 in month 6 (at or above zero).
    at.number_input(key=f"cost_benefit__{rid}__startup_cost").set_value(12000.0).run()
    at.number_input(key=f"cost_benefit__{rid}__ramp_months").set_value(3).run()
    at.number_input(key=f"cost_benefit__{rid}__ramp_start_pct").set_value(25.0).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Break-even month"] == "Month 6"
    # first year: (1,000 + 2,000 + 3,000 + 9 x 4,000) - 12 x 1,000 - 12,000 = 18,000
    assert metrics["First-year net"] == "$18,000"
    assert "Ramp-up: month 1 at 25% of the full volume" in shown(at)


def test_a_service_volume_saved_elsewhere_shows_after_the_scenarios_were_kept(ready):
    app, ws, _ = ready
    at = app.page(PAGE)
    at.run()  # a rerun on the same data: the scenarios and services kept for this version of it
    assert {m.label: m.value for m in at.metric}["Steady-state net a month"] == "$3,000"
    # Another window saves 200 services a month: 200 x 0.8 x $50 = $8,000 a month, less $1,000: $7,000
    save_service_row(app.store, ws.id, COORD.model_copy(update={"services_per_month": 200}))
    at.run()
    assert {m.label: m.value for m in at.metric}["Steady-state net a month"] == "$7,000"
