"""The 5x planner page: roles and figures to a results table, sources, the reverse question, the CareOregon
preset and check, the side-by-side view, and the Word download."""

from decimal import Decimal

from core.care_model import five_x_planner as roi
from tests.pages.editing import edit_table, shown, table_with

PAGE = "pages/care_model/five_x_planner.py"


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
        "fixed_costs": 0.0,
        "startup_cost": 20000.0,
    }.items():
        at.number_input(key=f"five_x__a__{path}").set_value(value)
    at.selectbox(key="five_x__a__fte_step").set_value(Decimal("0.25"))
    return at.run()


def test_empty_scenario_says_what_to_enter_first(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert "No results until these are entered" in shown(at)
    assert "add at least one staff role with its caseload, salary and fringe (or the program's fixed" in shown(at)
    assert "Source: Not entered yet" in shown(at)
    assert not at.table and not at.metric


def test_figures_to_results_table_and_chart(app_with_workspace):
    app, workspace = app_with_workspace
    at = fill_example(app.page(PAGE))
    assert not at.exception
    inputs = roi.scenario(app.store, workspace.id, "a").inputs
    assert (inputs.ed.reduction_pct, inputs.engagement_pct, len(inputs.roles)) == (Decimal(25), Decimal(80), 2)
    table = table_with(at, "First-year costs")
    assert list(table["Patients"]) == [5, 25, 125, 625]
    row = table[table["Patients"] == 125].iloc[0]
    # quarter posts: 2.5 care managers (195,000) + 1.25 CHWs (73,125) + 20% overhead = 321,750 a year; savings
    # 100 engaged x 3,000 = 300,000; the first year also pays 20,000 of start-up: net -41,750, ROI -12.2%
    assert (row["First-year costs"], row["First-year savings"], row["First-year net"]) == (
        "$341,750",
        "$300,000",
        "-$41,750",
    )
    assert (row["Net a year, steady state"], row["Operating margin, steady state"], row["ROI, first year"]) == (
        "-$21,750",
        "-7.3%",
        "-12.2%",
    )
    assert row["Break-even month"] == "Not within 36 months"
    assert len(at.get("plotly_chart")) == 2  # cohorts, and the cumulative net of the 125 cohort
    assert "Source: Your estimate" in shown(at)
    # 125 patients save 300,000: CHWs 2 x 0.25-step... 1.25 x 58,500 x 1.2 = 87,750 leave 212,250 for care
    # managers at 93,600 a person: 2.25 of them (210,600), so ceil(125 / x / 0.25) x 0.25 <= 2.25: x >= 55.6 -> 56
    assert "With 125 patients, each full-time Care manager would need to carry at least 56 patients" in shown(at)
    assert len(table_with(at, "Cumulative net")) == 36


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
    assert "Source: Derived by the app from CareOregon Health Resilience Program's reported figures" in shown(at)
    # salaries missing: no "$0" cost, no "payback 0.0 months", no table, only what is missing
    assert "enter the salary and fringe of the Health Resilience Specialist (master's level) role" in shown(at)
    assert not at.table and not at.metric and "$0" not in shown(at) and "0.0 months" not in shown(at)
    at.session_state["five_x__view"] = "Check against CareOregon"
    at.run()
    reported = table_with(at, "The source says")
    assert list(reported["Value"]) == ["30", "26", "60", "$1,650,000"]
    assert "generated $1.65M in annual savings" in reported["The source says"].iloc[3]
    derived = table_with(at, "Arithmetic").set_index("Figure")
    assert derived.loc["Savings per patient served a year", "Value"] == "$916.67"
    assert "just 10% of the members accounted for over half of the plan's spending" in shown(at)
    assert "Whether the $1.65M is gross savings or net of what the program cost" in shown(at)
    at.radio(key="five_x__check_slot").set_value("b").run()
    assert "(1.0 times)" in shown(at)
    check = table_with(at, "Where the CareOregon figure comes from")
    assert check.iloc[1]["Where the CareOregon figure comes from"].startswith("Derived by the app")


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
    table = table_with(at, "First-year net: Today")
    row = table[table["Patients"] == 125].iloc[0]
    # B: 125 engaged x 3,000 = 375,000 against 321,750 a year at steady state
    assert (row["Net a year, steady: Today"], row["Net a year, steady: Scenario B"]) == ("-$21,750", "$53,250")
    assert at.get("download_button")[0].proto.label == "Download the care model plan (Word)"


def test_the_known_savings_box_can_be_cleared_back_to_the_avoided_visits(app_with_workspace):
    app, workspace = app_with_workspace
    at = fill_example(app.page(PAGE))
    at.number_input(key="five_x__a__reported_savings_per_patient").set_value(1000.0).run()
    assert roi.savings_per_engaged(roi.scenario(app.store, workspace.id, "a").inputs) == Decimal(1000)
    at.number_input(key="five_x__a__reported_savings_per_patient").set_value(None).run()
    assert not at.exception
    a = roi.scenario(app.store, workspace.id, "a")
    assert a.inputs.reported_savings_per_patient is None
    assert roi.savings_per_engaged(a.inputs) == Decimal(3000)  # 1,500 + 1,500 from the visits and days again
    assert "Savings per engaged patient a year: $3,000" in shown(at)


def test_a_team_hired_but_not_yet_full_answers_the_reverse_question(app_with_workspace):
    app, workspace = app_with_workspace
    at = fill_example(app.page(PAGE))
    edit_table(at, "five_x__a__roles", edited={0: {"hired_fte": 3.0}})
    assert not at.exception
    assert roi.scenario(app.store, workspace.id, "a").inputs.roles[0].hired_fte == 3
    assert (
        "The team as hired: 3 Care manager FTE (room for 150 patients); other roles hired as the caseload grows."
        in shown(at)
    )


def test_a_change_saved_elsewhere_shows_after_the_results_were_kept(app_with_workspace):
    app, workspace = app_with_workspace
    at = fill_example(app.page(PAGE))
    at.run()  # a rerun on the same figures: the results kept for them
    row = table_with(at, "First-year costs").set_index("Patients").loc[125]
    assert (row["First-year costs"], row["First-year net"]) == ("$341,750", "-$41,750")
    charts = [c.proto.spec for c in at.get("plotly_chart")]
    # Another window saves no start-up: the first year costs 321,750 (the steady year's), net 300,000 - 321,750
    roi.save_field(app.store, workspace.id, "a", "startup_cost", 0)
    at.run()
    row = table_with(at, "First-year costs").set_index("Patients").loc[125]
    assert (row["First-year costs"], row["First-year net"]) == ("$321,750", "-$21,750")
    after = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(after) == 2 and all(a != b for a, b in zip(after, charts, strict=True))  # both charts drawn anew
