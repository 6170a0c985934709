"""The cost-benefit page: scenarios, payer mix, services and rates, costs, the verdict, comparison, survey."""

from decimal import Decimal as D

import pytest

from core import cost_benefit as cb
from core.services import ServiceRow, save_service_row
from tests.pages.editing import edit_table, errors

PAGE = "pages/cost_benefit.py"
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
    """The first table on the page with that column."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


@pytest.fixture
def ready(app_with_workspace):
    """A workspace with one Step 3 service and a complete scenario: 100 x $50 from Medicaid MCO, $1,000 costs."""
    app, ws = app_with_workspace
    save_service_row(app.store, ws.id, COORD)
    saved = cb.create_scenario(app.store, ws.id, "Today")
    cb.update_scenario(
        app.store, ws.id, saved.record_id, payer_mix={"medicaid_mco": 80, "uninsured": 20}, ehr_per_month=1000
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
    # 100 x 0.8 x $50 = $4,000 a month, less $1,000
    assert "Direct billing pays for itself at your estimates" in at.success[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Revenue a month"] == "$4,000" and metrics["Net a month"] == "$3,000"
    assert metrics["Net a year"] == "$36,000" and metrics["Break-even volume"] == "25"
    assert len(at.get("plotly_chart")) >= 1
    assert table_with(at, "Estimate").iloc[0]["Estimate"] == "Rates paid by Medicaid managed care"
    assert table_with(at, "Revenue a month").iloc[0]["Revenue a month"] == "$4,000"


def test_payer_mix_not_adding_up_says_so_and_saves_the_share(ready):
    app, ws, rid = ready
    at = app.page(PAGE)
    at.number_input(key=f"cost_benefit__{rid}__mix__medicare").set_value(10.0).run()
    assert not at.exception
    assert cb.get_scenario(app.store, ws.id, rid).payer_mix["medicare"] == D(10)
    assert "The payer mix adds up to 110%; the six shares must add up to 100%." in errors(at)
    assert any("Fill in what is missing above" in w.value for w in at.warning)


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
    assert any("Case management – Care coordination: enter the rate Medicare would pay" in e for e in errors(at))
    at = edit_table(at, f"cost_benefit__services__{rid}", edited={0: {"medicare": 30.0, "volume": 90}})
    assert not at.exception
    line = cb.get_scenario(app.store, ws.id, rid).services["case_management_coordination"]
    assert line.rates["medicare"] == D(30) and line.volume == 90
    assert not any("enter the rate" in e for e in errors(at))


def test_scenarios_are_compared_side_by_side(ready):
    app, ws, rid = ready
    copy = cb.create_scenario(app.store, ws.id, "With a billing partner", copy_of=rid)
    cb.update_scenario(app.store, ws.id, copy.record_id, ehr_per_month=3000)
    at = open_tab(app.page(PAGE), "Compare scenarios")
    assert not at.number_input  # only the open tab runs
    rows = {row["Figure"]: row for row in table_with(at, "Figure").to_dict("records")}
    assert rows["Net a month"]["Today"] == "$3,000"
    assert rows["Net a month"]["With a billing partner"] == "$1,000"


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
