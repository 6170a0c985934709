"""The 5x planner page: roles and figures to a results table, sources, the reverse question, the CareOregon
preset and check, the side-by-side view, and the Word download."""

from decimal import Decimal

from core import care_roi as roi
from tests.pages.editing import edit_table, shown, table_with

PAGE = "pages/five_x_planner.py"


def fill_example(at):
    edit_table(
        at,
        "five_x__a__roles",
        added=[
            {"role": "Care manager", "caseload": 50, "salary": 60000, "fringe_pct": 30},
            {"role": "Community health worker", "caseload": 100, "salary": 45000, "fringe_pct": 30},
        ],
    )
    for path, value in {
        "ed.baseline": 4.0,
        "ed.cost": 1500.0,
        "ed.reduction_pct": 25.0,
        "hospital_days.baseline": 3.0,
        "hospital_days.cost": 2500.0,
        "hospital_days.reduction_pct": 20.0,
        "engagement_pct": 80.0,
        "overhead_pct": 20.0,
    }.items():
        at.number_input(key=f"five_x__a__{path}").set_value(value)
    return at.run()


def test_empty_scenario_says_what_to_enter_first(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert "To see results, add at least one staff role with its caseload and salary" in shown(at)
    assert "Source: Not entered yet" in shown(at)


def test_figures_to_results_table_and_chart(app_with_workspace):
    app, workspace = app_with_workspace
    at = fill_example(app.page(PAGE))
    assert not at.exception
    inputs = roi.scenario(app.store, workspace.id, "a").inputs
    assert (inputs.ed.reduction_pct, inputs.engagement_pct, len(inputs.roles)) == (Decimal(25), Decimal(80), 2)
    table = table_with(at, "Annual cost")
    assert list(table["Patients"]) == [5, 25, 125, 625]
    row = table[table["Patients"] == 125].iloc[0]
    assert (row["Annual cost"], row["Annual savings"], row["Net"], row["ROI"], row["Payback"]) == (
        "$321,750",
        "$300,000",
        "-$21,750",
        "-7%",
        "Does not pay back",
    )
    assert len(at.get("plotly_chart")) == 1
    assert "Source: Your estimate" in shown(at)
    assert "With 125 patients, each full-time Care manager would need to carry at least 56 patients" in shown(at)


def test_reduction_above_100_percent_is_refused_beside_the_field(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.number_input(key="five_x__a__ed.reduction_pct").set_value(30.0).run()
    at.number_input(key="five_x__a__ed.reduction_pct").set_value(120.0).run()
    assert not at.exception
    assert "Expected reduction cannot be above 100% (you entered 120%)." in shown(at)
    assert roi.scenario(app.store, workspace.id, "a").inputs.ed.reduction_pct == Decimal(30)


def test_zero_caseload_and_negative_salary_rows_are_refused(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    edit_table(at, "five_x__a__roles", added=[{"role": "Care manager", "caseload": 0, "salary": 50000}])
    assert "a caseload of 0 serves nobody" in shown(at)
    edit_table(at, "five_x__a__roles", added=[{"role": "Care manager", "caseload": 40, "salary": -5}])
    assert "Salary cannot be negative" in shown(at)
    assert roi.scenario(app.store, workspace.id, "a").inputs.roles == []


def test_careoregon_preset_and_check(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.session_state["five_x__view"] = "Scenario B"
    at.run()
    at.button(key="five_x__b__preset").click().run()
    assert not at.exception
    b = roi.scenario(app.store, workspace.id, "b")
    assert (b.name, b.inputs.roles[0].caseload) == ("CareOregon preset", 60)
    assert at.number_input(key="five_x__b__reported_savings_per_patient").value == 916.67
    assert "= $916.67" in shown(at)
    assert "To see results, enter the salaries of the staff roles" in shown(at)
    at.session_state["five_x__view"] = "Check against CareOregon"
    at.run()
    assert "Implied savings per patient a year $917" in shown(at)
    at.radio(key="five_x__check_slot").set_value("b").run()
    assert "in the range CareOregon reported (1.0 times)" in shown(at)


def test_side_by_side_and_download(app_with_workspace):
    app, workspace = app_with_workspace
    at = fill_example(app.page(PAGE))
    at.text_input(key="five_x__a__name").input("Today").run()
    at.session_state["five_x__view"] = "Scenario B"
    at.run()
    at.button(key="five_x__b__copy").click().run()
    at.number_input(key="five_x__b__engagement_pct").set_value(100.0).run()
    at.session_state["five_x__view"] = "Side by side"
    at.run()
    assert not at.exception
    table = table_with(at, "Net: Today")
    row = table[table["Patients"] == 125].iloc[0]
    assert (row["Net: Today"], row["Net: Scenario B"]) == ("-$21,750", "$53,250")
    assert at.get("download_button")[0].proto.label == "Download the care model plan (Word)"
