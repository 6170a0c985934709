"""The care model and finance pages' plotly figures are built without validation for speed; here every one
is validated, and checked for what it shows, from inputs built with the core models."""

from decimal import Decimal

import plotly.graph_objects as go

from core.care_model import five_x_planner as roi
from core.care_model import one_twenty_five as cl
from core.care_model import process_measures as pm
from core.care_model import twenty_five as ct
from core.sustain import change_concept_5 as cc5
from core.sustain import payment_arrangements as arr
from pages import _care_figures as figures
from tests.core.test_five_x_planner import example


def validated(fig: go.Figure) -> go.Figure:
    return go.Figure(fig.to_dict())  # raises on any property plotly does not know


def staff(name: str, target: int, outreach: int, active: int, maintenance: int) -> cl.StaffCaseload:
    total = outreach + active + maintenance
    return cl.StaffCaseload(
        staff_key=name.lower(),
        name=name,
        role="Peer care manager",
        target=target,
        outreach=outreach,
        active=active,
        maintenance=maintenance,
        total=total,
        status=cl.caseload_status(total, target),
    )


BOARD = cl.CaseloadDashboard(
    periods=["2025-02", "2025-03"],
    latest="2025-03",
    rows=[staff("Care manager 1", 25, 6, 20, 3), staff("Care manager 2", 20, 3, 14, 2)],
    trend=[],
    staff_trend={"Care manager 1": [26, 29], "Care manager 2": [None, 19]},  # not entered in February
)


def test_caseload_bars_stack_the_three_statuses_and_mark_each_target():
    fig = validated(figures.caseload_bars(BOARD))
    assert [(t.type, t.name) for t in fig.data] == [
        ("bar", "Outreach / recruitment"),
        ("bar", "Active"),
        ("bar", "Maintenance"),
        ("scatter", "Target"),
    ]
    assert fig.data[1].x == ("Care manager 1", "Care manager 2") and fig.data[1].y == (20, 14)
    assert [t.marker.color for t in fig.data[:3]] == ["#f2cc8f", "#1f6f8b", "#81b29a"]
    target = fig.data[3]
    assert target.y == (25, 20) and target.mode == "markers" and target.marker.symbol == "line-ew"
    assert fig.layout.barmode == "stack" and fig.layout.height == 360
    assert fig.layout.title.text == "Caseload by staff member, 2025-03"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Staff member", "Patients")


def test_caseload_trend_draws_one_line_per_staff_member_with_gaps_for_missing_months():
    fig = validated(figures.caseload_trend(BOARD))
    assert [(t.name, t.x, t.y) for t in fig.data] == [
        ("Care manager 1", ("2025-02", "2025-03"), (26, 29)),
        ("Care manager 2", ("2025-02", "2025-03"), (None, 19)),
    ]
    assert fig.layout.title.text == "Total caseload per staff member over time"
    assert fig.layout.xaxis.type == "category" and fig.layout.xaxis.title.text == "Month"


def summary(target: float | None) -> pm.MeasureSummary:
    measure = pm.measures()[0]
    return pm.MeasureSummary(
        measure=measure,
        series=[("2025-01", 9.0), ("2025-02", None), ("2025-03", 14.0)],
        latest_month="2025-03",
        latest=14.0,
        previous=9.0,
        target=target,
        status=pm.measure_status(measure, 14.0, target),
    )


def test_measure_trend_draws_the_target_as_a_labelled_dashed_line():
    fig = validated(figures.measure_trend(summary(12.5)))
    line = fig.data[0]
    assert (line.name, line.x, line.y, line.connectgaps) == (
        "Individuals recruited",
        ("2025-01", "2025-02", "2025-03"),
        (9.0, None, 14.0),
        True,
    )
    assert fig.layout.title.text == "Individuals recruited by month"
    assert fig.layout.yaxis.title.text == "people recruited this month"
    (shape,) = fig.layout.shapes
    assert (shape.y0, shape.y1, shape.xref, shape.line.dash) == (12.5, 12.5, "x domain", "dash")
    (label,) = fig.layout.annotations
    assert (label.text, label.y) == ("Target 12.5", 12.5)


def test_measure_trend_without_a_target_has_no_line():
    fig = validated(figures.measure_trend(summary(None)))
    assert fig.layout.shapes == () and fig.layout.annotations == ()


def test_readiness_bars_show_every_stage_and_the_total_against_the_goal():
    fig = validated(figures.readiness_bars(ct.ReadinessCounts(counts={"not_ready": 4, "ready": 7})))
    (bars,) = fig.data
    assert bars.x == ("Not ready", "Considering", "Ready", "Moving in and out of engagement")
    assert bars.y == (4, 0, 7, 0)
    assert fig.layout.title.text == "Readiness to engage: 11 people (goal: 25)"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Stage of readiness", "Number of people")


def test_roi_results_show_cost_and_savings_bars_and_the_net_line_per_cohort():
    plan = roi.plan(example(fte_step="0.25"))
    fig = validated(figures.roi_results(plan, "Plan A: first-year costs and projected savings by cohort"))
    cost, savings, net = fig.data
    assert cost.x == ("5 patients", "25 patients", "125 patients", "625 patients")
    # 125 patients, hand-computed in tests/core/test_five_x_planner.py: 321,750 a year + 20,000 of start-up in the first
    # year = 341,750; savings 300,000; net -41,750.
    assert (cost.name, cost.y[2]) == ("First-year costs", 341750.0)
    assert (savings.name, savings.y[2]) == ("First-year savings", 300000.0)
    assert (net.name, net.type, net.mode, net.y[2]) == ("First-year net", "scatter", "markers+lines", -41750.0)
    assert fig.layout.title.text == "Plan A: first-year costs and projected savings by cohort"
    assert fig.layout.yaxis.tickprefix == "$" and fig.layout.barmode == "group"


def test_roi_side_by_side_compares_the_two_scenarios_net_per_cohort():
    today = example(fte_step="0.25")
    growth = today.model_copy(update={"engagement_pct": Decimal(100), "fixed_costs": Decimal(30000)})
    fig = validated(figures.roi_side_by_side("Today", "With fixed costs", roi.side_by_side(today, growth)))
    a, b = fig.data
    assert (a.name, b.name) == ("Today", "With fixed costs")
    assert a.y[2] == -41750.0  # 125 patients: -21,750 a year, and 20,000 of start-up in the first
    # 25 patients: 75,000 of savings - (64,350 + 30,000) - 20,000 = -39,350; 625: 1,875,000 - 1,638,750 - 20,000
    assert (b.y[1], b.y[3]) == (-39350.0, 216250.0)
    assert fig.layout.title.text == "First-year net (months 1-12): the two scenarios"
    assert fig.layout.yaxis.title.text == "Net dollars, first year (savings - costs)"
    missing = today.model_copy(update={"startup_cost": None})  # not ready: no bars for it, no $0
    fig = validated(figures.roi_side_by_side("Today", "Missing", roi.side_by_side(today, missing)))
    assert fig.data[1].y == (None, None, None, None)


def test_arrangement_comparison_has_a_bar_per_scenario_with_its_bad_to_good_year_range():
    today = arr.ArrangementScenario(name="Today", care_coordination_fee=arr.CareCoordinationFee(members=250, pmpm=12.5))
    plan = arr.ArrangementScenario(
        name="With a plan", care_coordination_fee=arr.CareCoordinationFee(members=100, pmpm=10)
    )
    fig = validated(figures.arrangement_comparison([arr.scenario_result(today), arr.scenario_result(plan)]))
    first, second = fig.data
    # 250 x 12.50 x 12 = 37,500, +/-20%: 30,000 to 45,000; 100 x 10 x 12 = 12,000: 9,600 to 14,400.
    assert (first.name, first.x, first.y) == ("Today", ("Care coordination fee (PMPM)",), (37500.0,))
    assert (first.error_y.array, first.error_y.arrayminus) == ((7500.0,), (7500.0,))
    assert (second.name, second.y, second.error_y.array) == ("With a plan", (12000.0,), (2400.0,))
    assert fig.layout.legend.title.text == "Scenario" and fig.layout.barmode == "group"
    assert fig.layout.title.text == "What each payment arrangement would bring in a year"


def test_arrangement_comparison_is_none_when_nothing_is_entered():
    assert figures.arrangement_comparison([arr.scenario_result(arr.ArrangementScenario(name="Empty"))]) is None


def point(period: str, left: int, staff_count: int | None) -> cc5.EngagementPoint:
    def per(n: int, scale: int = 1):
        return None if staff_count is None else Decimal(n * scale) / staff_count

    return cc5.EngagementPoint(
        period=period,
        turnover_pct=per(left, 100),
        sick_days_per_staff=per(10),
        personal_days_per_staff=per(5),
        staff_left=left,
        sick_days=10,
        personal_days=5,
    )


def test_engagement_trends_chart_turnover_and_days_off_per_period():
    trend = [point("2025 Q1", 1, None), point("2025 Q2", 2, 8)]  # Q1 without a headcount: a gap
    turnover = validated(figures.turnover_trend(trend))
    assert [(t.name, t.x, t.y) for t in turnover.data] == [("Turnover", ("2025 Q1", "2025 Q2"), (None, 25.0))]
    assert turnover.layout.title.text == "Staff turnover"
    assert turnover.layout.yaxis.title.text == "Staff who left, % of headcount"
    assert turnover.layout.yaxis.rangemode == "tozero" and turnover.layout.xaxis.type == "category"
    days = validated(figures.days_off_trend(trend))
    assert [(t.name, t.y) for t in days.data] == [("Sick days", (None, 1.25)), ("Personal days", (None, 0.625))]
    assert days.layout.yaxis.title.text == "Days per staff member"


def test_outcome_trend_says_whether_it_shows_shares_or_counts():
    shares = [cc5.OutcomePoint(period="2025 Q1", value=Decimal("31.6"), unit="%")]
    fig = validated(figures.outcome_trend("Hepatitis C treatment starts", shares))
    assert fig.layout.title.text == "Hepatitis C treatment starts by period"
    assert fig.layout.yaxis.title.text == "Share of patients (%)"
    assert fig.data[0].y == (31.6,)
    counts = [cc5.OutcomePoint(period="2025 Q1", value=Decimal(7), unit="patients")]
    assert validated(figures.outcome_trend("Naloxone kits", counts)).layout.yaxis.title.text == "Patients"
