"""The 5x planner and care program ROI: hand-computed cohorts, the reverse question, the CareOregon preset,
scenarios and their sources, and clear messages for bad input."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from core import sources
from core.care_model import five_x_planner as roi


def example(**changes) -> roi.RoiInputs:
    """Two roles, 20% overhead, savings from both kinds of use, 80% engagement, $20,000 of start-up in month 1."""
    fields = dict(
        roles=[
            roi.RoleInput(role="Care manager", caseload=50, salary=60000, fringe_pct=30),
            roi.RoleInput(role="Community health worker", caseload=100, salary=45000, fringe_pct=30),
        ],
        overhead_pct=20,
        fixed_costs=0,
        ed=roi.UseInput(baseline=4, cost=1500, reduction_pct=25),  # 4 x 1,500 x 25% = 1,500 a patient
        hospital_days=roi.UseInput(baseline=3, cost=2500, reduction_pct=20),  # 3 x 2,500 x 20% = 1,500
        engagement_pct=80,
        startup_cost=20000,
    )
    return roi.RoiInputs(**{**fields, **changes})


def one_role(**changes) -> roi.RoiInputs:
    """One care manager per 50 patients at $60,000 and no fringe ($5,000 a month); $2,400 of savings per patient
    a year ($200 a month); no overhead, fixed or start-up costs unless given."""
    fields = dict(
        roles=[roi.RoleInput(role="Care manager", caseload=50, salary=60000, fringe_pct=0)],
        overhead_pct=0,
        fixed_costs=0,
        startup_cost=0,
        reported_savings_per_patient=2400,
        engagement_pct=100,
    )
    return roi.RoiInputs(**{**fields, **changes})


def test_cohort_of_125_in_quarter_posts_hand_computed():
    # Quarter posts: care manager 125 / 50 = 2.5 FTE x 60,000 x 1.3 = 195,000; CHW 1.25 FTE x 45,000 x 1.3 = 73,125.
    # Staff 268,125; overhead 20% = 53,625; steady costs 321,750 a year. Savings: 80% of 125 = 100 engaged x
    # (1,500 + 1,500) = 300,000. Steady net -21,750; margin -21,750 / 300,000 = -7.25% -> -7.3% (net / savings).
    # First year: the same plus the 20,000 of start-up paid in month 1: costs 341,750, net -41,750,
    # ROI -41,750 / 341,750 = -12.2% (net / cost).
    result = roi.cohort_result(example(fte_step="0.25"), 125)
    assert [(s.role, s.fte, s.cost) for s in result.staffing] == [
        ("Care manager", Decimal("2.50"), Decimal("195000")),
        ("Community health worker", Decimal("1.25"), Decimal("73125")),
    ]
    assert result.fte == Decimal("3.75")
    assert (result.steady_year_cost, result.steady_year_savings, result.steady_year_net) == (321750, 300000, -21750)
    assert (result.first_year_cost, result.first_year_net) == (341750, -41750)
    assert result.margin_pct == Decimal("-7.3") and result.roi_pct == Decimal("-12.2")
    assert result.break_even_month is None
    steady = result.steady_year()
    assert [(line.label, line.amount) for line in steady.cost_lines] == [
        ("Care manager", Decimal(195000)),
        ("Community health worker", Decimal(73125)),
        ("Overhead", Decimal(53625)),
        ("Fixed costs", Decimal(0)),
        ("Start-up", Decimal(0)),  # paid in month 1, over by the steady state
    ]


def test_staff_are_hired_in_whole_posts_by_default():
    # Whole posts: ceil(125 / 50) = 3 care managers (234,000) and ceil(125 / 100) = 2 CHWs (117,000): 351,000;
    # with 20% overhead 421,200 a year against 300,000 of savings: -121,200.
    result = roi.cohort_result(example(), 125)
    assert [s.fte for s in result.staffing] == [Decimal(3), Decimal(2)]
    assert result.steady_year_net == -121200


def test_a_four_month_ramp_up_counts_in_the_first_year():
    # 100 patients reached in 4 months from 0: 0, 25, 50, 75, then 100. Care managers ceil(n / 50): 0, 1, 1, 2, 2.
    # Costs: 0, 5,000, 5,000, 10,000, then 10,000 a month; 10,000 of start-up in month 1.
    # Savings at 200 a patient a month: 0, 5,000, 10,000, 15,000, then 20,000.
    # Net: -10,000, 0, 5,000, 5,000, then 10,000. Running sum -10,000, -10,000, -5,000, 0: break-even in month 4.
    # First year: savings 30,000 + 8 x 20,000 = 190,000; costs 10,000 + 20,000 + 8 x 10,000 = 110,000; net 80,000
    # (the ramp-up ignored, a year would have netted 12 x 10,000 - 10,000 = 110,000).
    inputs = one_role(ramp_up_months=4, startup_cost=10000)
    result = roi.cohort_result(inputs, 100)
    assert [m.volume for m in result.projection.months[:5]] == [0, 25, 50, 75, 100]
    assert (result.first_year_savings, result.first_year_cost, result.first_year_net) == (190000, 110000, 80000)
    assert result.break_even_month == 4
    assert result.roi_pct == Decimal("72.7")  # 80,000 / 110,000
    assert result.figure("first_year_margin").shown == "42.1%"  # 80,000 / 190,000
    assert result.steady_year_net == 120000  # 12 x (20,000 - 10,000)


def test_a_team_hired_but_not_yet_full():
    # Two care managers at 78,000 a year (6,500 a month) hired from month 1: room for 100 patients. The caseload
    # grows from 25% of 80 in 4 months: 20, 35, 50, 65, 80. Fixed costs 12,000 a year (1,000 a month).
    # Costs 14,000 every month; savings 4,000, 7,000, 10,000, 13,000, then 16,000.
    # Running sum -10,000, -17,000, -21,000, -22,000, then +2,000 a month: zero in month 15.
    # First year: 162,000 of savings, 168,000 of costs: -6,000.
    # The reverse question: (2 x 78,000 + 12,000) / 2,400 = 70 patients, within the room for 100.
    inputs = one_role(
        roles=[roi.RoleInput(role="Care manager", caseload=50, salary=60000, fringe_pct=30, hired_fte=2)],
        fixed_costs=12000,
        ramp_up_months=4,
        ramp_start_pct=25,
    )
    result = roi.cohort_result(inputs, 80)
    assert [s.fte for s in result.staffing] == [Decimal(2)]
    assert (result.first_year_savings, result.first_year_cost, result.first_year_net) == (162000, 168000, -6000)
    assert result.break_even_month == 15
    team = roi.break_even_patients(inputs)
    assert (team.patients, team.room) == (70, 100)
    assert "The team as hired: 2 Care manager FTE (room for 100 patients)." in team.message
    assert "pays for itself from 70 patients (within the room it has)" in team.message


def test_fixed_costs_only_has_a_break_even_caseload():
    # No staff of its own: 30,000 a year of fixed costs against 1,000 of savings per patient: 30 patients.
    inputs = one_role(roles=[], fixed_costs=30000, reported_savings_per_patient=1000)
    assert roi.ready(inputs) == []
    assert roi.break_even_patients(inputs).patients == 30
    answer = roi.break_even_caseload(inputs)  # used to refuse: "Add at least one staff role first"
    assert "pays for itself from 30 patients" in answer.message
    assert roi.cohort_result(inputs, 30).steady_year_net == 0


def test_the_team_break_even_with_staff_hired_as_it_grows():
    # 2,400 a patient; one care manager per 50 at 60,000 (whole posts); fixed 30,000. From 1 to 50 patients the
    # costs are 60,000 + 30,000 = 90,000 a year: 90,000 / 2,400 = 37.5, so 38 patients pay for themselves.
    inputs = one_role(fixed_costs=30000)
    assert roi.break_even_patients(inputs).patients == 38
    assert roi.cohort_result(inputs, 38).steady_year_net >= 0 > roi.cohort_result(inputs, 37).steady_year_net


def test_reverse_question_hand_computed():
    # One role at 78,000 with 20% overhead: 93,600 per person. 125 patients save 300,000 a year, which pays
    # for 3 people (280,800) but not 4: ceil(125 / x) <= 3, so x >= 41.7: 42 patients each.
    inputs = one_role(
        roles=[roi.RoleInput(role="Care manager", caseload=30, salary=60000, fringe_pct=30)], overhead_pct=20
    )
    answer = roi.break_even_caseload(inputs, 0, 125)
    assert (answer.role, answer.current, answer.caseload) == ("Care manager", 30, 42)
    assert "12 more than planned" in answer.message
    at = lambda n: roi.cohort_result(  # noqa: E731
        inputs.model_copy(update={"roles": [inputs.roles[0].model_copy(update={"caseload": n})]}), 125
    )
    assert at(42).steady_year_net >= 0 > at(41).steady_year_net


def test_reverse_question_with_a_second_role_and_fixed_costs():
    # Two roles at 125 patients: 2 CHWs (2 x 58,500 x 1.2 = 140,400) leave 300,000 - 140,400 = 159,600 for care
    # managers at 93,600 each: one (ceil(125 / x) = 1, so x = 125). With 25,000 of fixed costs, 134,600: still one.
    assert roi.break_even_caseload(example(), 0, 125).caseload == 125
    assert roi.break_even_caseload(example(fixed_costs=25000), 0, 125).caseload == 125
    assert roi.break_even_caseload(example(fixed_costs=70000), 0, 125).caseload is None  # 89,600 < 93,600


def test_reverse_question_when_nothing_pays():
    inputs = example(engagement_pct=10)  # 300 a patient: not even the CHWs
    answer = roi.break_even_caseload(inputs, 0)
    assert answer.caseload is None
    assert "no caseload makes this pay for itself" in answer.message
    assert roi.break_even_patients(inputs).patients is None


def test_known_savings_per_patient_replaces_the_event_estimate_and_can_be_cleared(store, workspace):
    inputs = example(reported_savings_per_patient=1000)
    assert roi.savings_per_engaged(inputs) == Decimal(1000)
    assert roi.savings_per_enrolled(inputs) == Decimal(800)
    ws = workspace.id
    roi.save_field(store, ws, "a", "ed.baseline", 4)
    roi.save_field(store, ws, "a", "ed.cost", 1500)
    roi.save_field(store, ws, "a", "ed.reduction_pct", 25)
    roi.save_field(store, ws, "a", "reported_savings_per_patient", 0)
    assert roi.savings_per_engaged(roi.scenario(store, ws, "a").inputs) == 0  # a typed 0 is a figure
    roi.save_field(store, ws, "a", "reported_savings_per_patient", None)  # cleared: back to the emergency visits
    a = roi.scenario(store, ws, "a")
    assert roi.savings_per_engaged(a.inputs) == Decimal(1500)
    assert a.source("reported_savings_per_patient") == roi.NOT_ENTERED


def test_costs_are_unknown_until_entered():
    """Nothing is assumed: no result until salaries, fringe, overhead, fixed and start-up costs are entered."""
    bare = roi.RoiInputs(
        roles=[roi.RoleInput(role="Care manager", caseload=50)], reported_savings_per_patient=1000, engagement_pct=90
    )
    assert roi.ready(bare) == [
        "enter the salary and fringe of the Care manager role",
        "enter the overhead (0 if none)",
        "enter the fixed annual costs (0 if none)",
        "enter the one-time start-up cost (0 if none)",
    ]
    half = roi.RoiInputs(ed=roi.UseInput(baseline=3, cost=1000))
    assert "complete the emergency department visits figures (baseline, cost and reduction)" in roi.ready(half)


def test_careoregon_figures_reported_and_derived():
    co = roi.content().careoregon
    assert (co.specialists.value, co.practices.value, co.patients_per_specialist_per_year.value) == (30, 26, 60)
    assert co.patients_per_year == 1800  # derived: 30 specialists x about 60 patients
    assert co.savings_per_patient == Decimal("916.67")  # derived: 1,650,000 / 1,800, rounded to the cent
    assert co.savings_per_specialist == Decimal("55000.00")
    derived = roi.careoregon_derived()
    assert derived[1][0] == "Savings per patient served a year" and derived[1][2].startswith("$1,650,000 / 1,800")
    preset = roi.careoregon_preset()
    assert preset.roles[0].caseload == 60
    assert preset.reported_savings_per_patient == Decimal("916.67")
    role = "Health Resilience Specialist (master's level)"
    assert roi.ready(preset)[0] == f"enter the salary and fringe of the {role} role"


def test_careoregon_preset_keeps_the_savings_exact():
    # 1,800 patients x $1,650,000 / 1,800 = $1,650,000, not 1,800 x $916.67 = $1,650,006.
    inputs = roi.careoregon_preset().model_copy(
        update={
            "roles": [roi.careoregon_preset().roles[0].model_copy(update={"salary": Decimal(0), "fringe_pct": 0})],
            "overhead_pct": 0,
            "fixed_costs": 0,
            "startup_cost": 0,
        }
    )
    assert roi.cohort_result(inputs, 1800).steady_year_savings == 1650000


def test_careoregon_quotes_are_word_for_word_in_the_source():
    import re

    def norm(text: str) -> str:
        text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'}))
        return re.sub(r"\s+", " ", text).strip()

    co = roi.content().careoregon
    seed = norm((sources.sources_dir() / "careoregon-health-resilience-program.txt").read_text())
    figures = [co.specialists, co.practices, co.patients_per_specialist_per_year, co.annual_savings]
    quotes = [f.quote for f in figures] + [q.quote for q in [*co.context, *co.approach, co.outcomes]]
    assert all(q.source == "careoregon" for q in [*figures, *co.context, *co.approach, co.outcomes])
    for quote in quotes:
        assert norm(quote) in seed, quote
    assert "$1.65M" in co.annual_savings.quote and "10% of the members" in co.context[0].quote
    assert any("gross" in note for note in co.left_open)


def test_check_against_careoregon():
    rows, verdict = roi.careoregon_check(example())
    assert [(r.measure, r.yours, r.careoregon, r.label) for r in rows] == [
        ("Patients per care manager a year", Decimal(50), Decimal(60), "reported"),
        ("Savings per patient a year", Decimal("2400.00"), Decimal("916.67"), "derived"),
        ("Savings per care manager a year", Decimal("120000.00"), Decimal("55000.00"), "derived"),
    ]
    assert rows[1].how == "Derived by the app: $1,650,000 / (30 x 60) patients served"
    assert rows[0].how.startswith('Reported by the source: "Each HRS coordinates care for roughly 60 patients')
    assert verdict.startswith("Your plan expects 2.6 times the savings per patient served derived from CareOregon")
    _, close = roi.careoregon_check(roi.careoregon_preset())
    assert "(1.0 times)" in close


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: roi.RoleInput(role="Care manager", caseload=0), "caseload of 0 serves nobody"),
        (lambda: roi.RoleInput(role="Care manager", caseload=12.5), "whole number of patients"),
        (lambda: roi.RoleInput(role="Care manager", caseload=40, salary=-50000), "Salary cannot be negative"),
        (lambda: roi.RoleInput(role="Care manager", caseload=40, fringe_pct=140), "Fringe cannot be above 100%"),
        (lambda: roi.RoleInput(role="", caseload=40), "Role is required"),
        (lambda: roi.UseInput(baseline=3, cost=1000, reduction_pct=120), "reduction cannot be above 100%"),
        (lambda: roi.UseInput(baseline=3, cost=-1000), "Cost per event cannot be negative"),
        (lambda: roi.UseInput(baseline="lots"), "is not a number"),
        (lambda: roi.RoiInputs(overhead_pct=-5), "Overhead cannot be negative"),
        (lambda: roi.RoiInputs(engagement_pct=101), "Engagement rate cannot be above 100%"),
        (lambda: roi.RoiInputs(startup_cost=-1), "Start-up cost cannot be negative"),
        (lambda: roi.RoiInputs(ramp_up_months=2.5), "whole months"),
        (lambda: roi.RoiInputs(custom_cohort=-10), "at least 1"),
        (lambda: roi.RoiInputs(ed={"baseline": Decimal("NaN")}), "enter a number"),
        (lambda: roi.RoleInput(role="Care manager", caseload=40, hired_fte=-1), "Hired cannot be negative"),
        (lambda: roi.RoiInputs(fte_step="0.3"), "choose whole posts"),
        (lambda: roi.RoiInputs(startup_months=0), "Start-up months must be at least 1"),
        (lambda: roi.UseInput(cost="lots"), "Cost per event must be an amount in dollars, like 1200"),
        (lambda: roi.RoiInputs(fixed_costs="1e9"), r"Fixed annual costs cannot be above \$100,000,000\."),
    ],
)
def test_invalid_inputs_have_clear_messages(make, message):
    with pytest.raises(ValidationError, match=message):
        make()


def test_money_inputs_share_the_workbook_maximum():
    # Salary was capped at $5M, cost per event at $1M, savings per patient at $10M: now every amount is
    # checked alike, 0 to $100M (core.money.MAX_AMOUNT), in whole cents.
    assert roi.RoleInput(role="Care manager", caseload=40, salary="6,000,000.005").salary == Decimal("6000000.01")
    assert roi.UseInput(cost=2_000_000).cost == Decimal("2000000.00")
    assert roi.RoiInputs(reported_savings_per_patient="100000000").reported_savings_per_patient == 100_000_000


def test_an_emptied_cell_is_not_entered_and_money_is_whole_cents():
    assert roi.RoiInputs(ed={"baseline": float("nan")}).ed.baseline is None  # pandas' empty cell
    assert roi.RoleInput(role="Care manager", caseload=40, salary="61,000.456").salary == Decimal("61000.46")
    assert roi.RoiInputs(fixed_costs=1234.565).fixed_costs == Decimal("1234.57")


def test_scenarios_keep_their_sources(store, workspace):
    ws = workspace.id
    assert roi.scenario(store, ws, "a").name == "Scenario A"
    assert roi.scenario(store, ws, "a").source("ed.cost") == "Not entered yet"
    assert roi.scenario(store, ws, "a").source("fte_step") == "The app's default, not entered: whole posts."
    roi.save_field(store, ws, "a", "ed.cost", 1500)
    assert roi.scenario(store, ws, "a").source("ed.cost") == "Your estimate"
    with pytest.raises(ValidationError, match="reduction cannot be above 100%"):
        roi.save_field(store, ws, "a", "ed.reduction_pct", 130)
    assert roi.scenario(store, ws, "a").inputs.ed.reduction_pct is None  # nothing saved by the bad input
    with pytest.raises(ValueError, match="not a figure"):
        roi.save_field(store, ws, "a", "roles", [])
    roi.load_careoregon(store, ws, "b")
    b = roi.scenario(store, ws, "b")
    assert b.name == "CareOregon preset"
    assert "= $916.67 per patient served" in b.source("reported_savings_per_patient")
    assert b.source("reported_savings_per_patient").startswith("Derived by the app from CareOregon")
    assert b.inputs.roles[0].source.startswith("Caseload: reported by the source (CareOregon Health Resilience")
    errors = roi.save_role_edits(store, ws, "b", {"edited_rows": {0: {"salary": 62000, "fringe_pct": 28}}})
    assert errors == []
    role = roi.scenario(store, ws, "b").inputs.roles[0]
    assert (role.caseload, role.salary) == (60, Decimal(62000))
    assert role.source.endswith("Salary and fringe: your estimate.")
    roi.save_role_edits(store, ws, "b", {"edited_rows": {0: {"caseload": 45}}})
    assert roi.scenario(store, ws, "b").inputs.roles[0].source == "Your estimate"


def test_role_table_edits_report_bad_rows_and_keep_good_ones(store, workspace):
    ws = workspace.id
    errors = roi.save_role_edits(
        store,
        ws,
        "a",
        {
            "added_rows": [
                {"role": "Care manager", "caseload": 40, "salary": 55000, "fringe_pct": 25},
                {"role": "Nurse", "caseload": 0},
                {},
            ]
        },
    )
    assert len(errors) == 1 and errors[0].startswith("New row 2: Caseload: a caseload of 0 serves nobody")
    assert [r.role for r in roi.scenario(store, ws, "a").inputs.roles] == ["Care manager"]
    roi.save_role_edits(store, ws, "a", {"deleted_rows": [0]})
    assert roi.scenario(store, ws, "a").inputs.roles == []


def test_copy_and_side_by_side(store, workspace):
    ws = workspace.id
    roi.save_scenario(store, ws, "a", roi.Scenario(name="Today", inputs=example(fte_step="0.25")))
    roi.copy_scenario(store, ws, "a", "b")
    roi.save_field(store, ws, "b", "engagement_pct", 100)
    a, b = roi.scenario(store, ws, "a"), roi.scenario(store, ws, "b")
    assert b.name == "Scenario B"
    rows = roi.side_by_side(a.inputs, b.inputs)
    at_125 = next(r for r in rows if r.patients == 125)
    # steady state: 300,000 or 125 x 3,000 = 375,000 of savings against 321,750 of costs
    assert (at_125.a.steady_year_net, at_125.b.steady_year_net) == (Decimal(-21750), Decimal(53250))
    roi.save_field(store, ws, "b", "fixed_costs", None)  # cleared: unknown, so no figures for B
    rows = roi.side_by_side(a.inputs, roi.scenario(store, ws, "b").inputs)
    assert rows[0].a is not None and rows[0].b is None


def test_formatting_for_people():
    assert roi.format_money(Decimal("-21750.40")) == "-$21,750"
    assert roi.format_money(Decimal("916.666"), cents=True) == "$916.67"
    assert roi.format_pct(Decimal("-6.8")) == "-6.8%"
    assert roi.format_month(None) == "Not within 36 months"
    assert roi.format_month(14) == "Month 14"


def test_progress_needs_a_complete_scenario(store, workspace):
    ws = workspace.id
    assert roi.progress(store, ws).share == 0
    roi.load_careoregon(store, ws, "a")
    assert roi.progress(store, ws).share == 0.5
    roi.save_scenario(store, ws, "b", roi.Scenario(name="Ours", inputs=example()))
    assert roi.progress(store, ws).share == 1.0


def test_source_summary_groups_figures_by_where_they_came_from():
    scenario = roi.Scenario(name="B", inputs=roi.careoregon_preset(), sources=roi.careoregon_sources())
    scenario.sources["overhead_pct"] = roi.YOUR_ESTIMATE
    lines = roi.source_summary(scenario)
    assert lines[0].startswith("Caseload: reported by the source")
    assert lines[-1] == "Your estimate: Overhead (% of staff cost)"
    assert any(line.startswith("Derived by the app") and "Known savings per engaged patient" in line for line in lines)


@pytest.mark.parametrize("nan", [Decimal("sNaN"), Decimal("NaN")])
def test_a_not_a_number_custom_cohort_is_refused_with_a_message(nan):
    # found by hypothesis: Decimal("sNaN") == 0 raises InvalidOperation instead of a validation message
    with pytest.raises(ValidationError, match="Custom cohort: enter a number"):
        roi.RoiInputs(custom_cohort=nan)
    assert roi.RoiInputs(custom_cohort=Decimal(0)).custom_cohort is None


def test_results_kept_for_the_same_inputs_are_computed_again_for_changed_ones():
    # one_role(): 125 patients need 125 / 50 = 2.5 -> 3 care managers (whole posts) x 60,000 = 180,000 a year;
    # savings 125 x 2,400 = 300,000; steady net 120,000. At 2,000 a patient: 250,000 - 180,000 = 70,000.
    inputs = one_role()
    first = roi.cohort_result(inputs, 125)
    assert first.steady_year_net == 120000
    assert roi.cohort_result(one_role(), 125) is first  # the same inputs: the kept result
    inputs.reported_savings_per_patient = Decimal(2000)  # changed in place: a different key, computed again
    assert roi.cohort_result(inputs, 125).steady_year_net == 70000
    assert [c.steady_year_net for c in roi.plan(one_role()) if c.patients == 125] == [120000]
    changed = one_role(reported_savings_per_patient=2000)
    assert [c.steady_year_net for c in roi.plan(changed) if c.patients == 125] == [70000]
    roi.plan(changed).clear()  # a caller's list is its own: the kept plan is untouched
    assert len(roi.plan(changed)) == len(roi.plan(one_role()))
