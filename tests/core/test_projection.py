"""The month-by-month projection, checked against sheets worked out by hand (the arithmetic in comments, as a
spreadsheet would have it: one row per month, a running sum of the net), and its properties for any plan."""

from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import projection as pj
from core.money import CENT, DOLLAR, rounded


def billing(
    startup: int = 0, startup_months: int = 1, ramp: int = 0, start: F = F(0), fixed: int = 5000, **kw
) -> pj.Plan:
    """100 services a month at $60 collected ($6,000), $5,000 a month of fixed costs: $1,000 a month at full volume."""
    return pj.Plan(
        streams=(pj.Stream(key="visit", name="Visits", full_volume=100, value_per_unit=F(60)),),
        fixed=(("Billing staff and systems", F(fixed)),),
        startup_cost=F(startup),
        startup_months=startup_months,
        ramp_months=ramp,
        ramp_start=start,
        **kw,
    )


def net(projection: pj.Projection, month: int) -> F:
    return projection.months[month - 1].net


# ---------------------------------------------------------------- start-up over 1, 6, 12 and 18 months


def test_start_up_paid_in_one_month_counts_once():
    # Month 1: 6,000 - 5,000 - 24,000 = -23,000; months 2-36: +1,000.
    # Running sum: month k = -23,000 + (k - 1) x 1,000 -> 0 at k = 24.
    # First year: 12 x 6,000 = 72,000 in; 12 x 5,000 + 24,000 = 84,000 out; net -12,000.
    p = pj.project(billing(startup=24000, startup_months=1))
    assert net(p, 1) == -23000 and net(p, 2) == 1000
    assert (p.first_year.value, p.first_year.cost, p.first_year.net) == (72000, 84000, -12000)
    assert p.break_even_month == 24
    assert p.steady_month.net == 1000 and p.steady_year.net == 12000  # start-up is over at steady state


def test_start_up_over_six_months():
    # Months 1-6: 6,000 - 5,000 - 24,000 / 6 (4,000) = -3,000; months 7+: +1,000.
    # Running sum at month 6: -18,000; back to 0 at month 6 + 18 = 24. First-year net 12 x 1,000 - 24,000 = -12,000
    # (the old yearly figure, 12 x the month with its start-up share, put 48,000 of start-up in the year).
    p = pj.project(billing(startup=24000, startup_months=6))
    assert [net(p, m) for m in (1, 6, 7)] == [-3000, -3000, 1000]
    assert p.first_year.cost == 60000 + 24000
    assert p.first_year.net == -12000
    assert p.cumulative[5] == -18000 and p.break_even_month == 24


def test_start_up_over_twelve_months():
    # Months 1-12: 1,000 - 2,000 = -1,000; running sum -12,000 at month 12, 0 at month 24.
    p = pj.project(billing(startup=24000, startup_months=12))
    assert net(p, 12) == -1000 and net(p, 13) == 1000
    assert p.first_year.net == -12000 and p.break_even_month == 24


def test_start_up_over_eighteen_months_reaches_zero_exactly():
    # 24,000 / 18 = 1,333.33... a month for months 1-18: only 12 of them (16,000) fall in the first year.
    # First-year net: 12 x 1,000 - 16,000 = -4,000. Running sum: month 18 = 18 x -333.33... = -6,000,
    # month 24 = -6,000 + 6 x 1,000 = 0 exactly: "at or above zero" makes 24 the break-even month
    # (a sum rounded at each month would land a hair below zero and say 25).
    p = pj.project(billing(startup=24000, startup_months=18))
    assert p.first_year.cost == 60000 + 16000
    assert p.first_year.net == -4000
    assert p.cumulative[17] == -6000 and p.cumulative[23] == 0
    assert p.break_even_month == 24
    shown = pj.shown_months(p, CENT)
    # running sums 6,333.333, 12,666.667, 19,000 rounded: 6,333.33, 12,666.67, 19,000.00
    assert [r.cost for r in shown[:3]] == [D("6333.33"), D("6333.34"), D("6333.33")]
    assert sum(r.cost for r in shown[:3]) == D("19000.00")  # 3 x 6,333.333... = 19,000 exactly


# ---------------------------------------------------------------- ramp-up


def test_a_four_month_linear_ramp_from_20_percent():
    # Volume: month 1 at 20%, then +20 points a month: 20, 40, 60, 80; 100 from month 5.
    # Revenue: 1,200, 2,400, 3,600, 4,800, then 6,000. Costs 5,000 a month.
    # First year: 12,000 + 8 x 6,000 = 60,000 in, 60,000 out: net 0, margin 0%.
    # Running sum: -3,800, -6,400, -7,800, -8,000, then +1,000 a month: 0 at month 12.
    p = pj.project(billing(ramp=4, start=F(1, 5)))
    assert [m.volume for m in p.months[:6]] == [20, 40, 60, 80, 100, 100]
    assert p.cumulative[:4] == [-3800, -6400, -7800, -8000]
    assert p.first_year.value == 60000 and p.first_year.net == 0 and p.first_year.margin == 0
    assert p.break_even_month == 12
    assert p.steady_month.net == 1000  # the ramp does not change the steady state


def test_a_ramp_rounds_to_whole_services():
    # 125 over 4 months from 0: 0, 31.25 -> 31, 62.5 -> 63 (half up), 93.75 -> 94, then 125.
    plan = pj.Plan(streams=(pj.Stream(key="p", name="Patients", full_volume=125, value_per_unit=F(1)),), ramp_months=4)
    assert [pj.ramp_volume(plan, 125, m) for m in range(1, 7)] == [0, 31, 63, 94, 125, 125]


def test_a_ramp_by_the_5x_stages():
    # Full caseload 125: the stages below it are 5 and 25; four ramp months, two each: 5, 5, 25, 25, then 125.
    plan = pj.Plan(
        streams=(pj.Stream(key="p", name="Patients", full_volume=125, value_per_unit=F(1)),),
        ramp_months=4,
        ramp_shape="five_x",
    )
    assert [pj.ramp_volume(plan, 125, m) for m in range(1, 7)] == [5, 5, 25, 25, 125, 125]
    assert pj.ramp_volume(plan, 5, 1) == 5  # nothing below 5: full from the start


# ---------------------------------------------------------------- staff in steps, a team hired but not yet full


def care(hired: F = F(0), **kw) -> pj.Plan:
    """Care managers carrying 50 patients at $6,500 a month each; $200 of savings per patient a month;
    $1,000 a month of fixed costs; 80 patients at full caseload, reached in 4 months from 25%."""
    return pj.Plan(
        streams=(pj.Stream(key="patients", name="Patients", full_volume=80, value_per_unit=F(200)),),
        roles=(pj.Role(name="Care manager", cost_per_month=F(6500), caseload=50, hired_fte=hired),),
        fixed=(("Space and data system", F(1000)),),
        ramp_months=4,
        ramp_start=F(1, 4),
        value_word="savings",
        unit_word="patients",
        **kw,
    )


def test_staff_are_hired_in_steps_as_the_caseload_grows():
    # Patients 20, 35, 50, 65, 80: care managers ceil(n / 50) = 1, 1, 1, 2, 2.
    # Costs 6,500 + 1,000 = 7,500 for three months, then 13,000 + 1,000 = 14,000.
    # Savings 4,000, 7,000, 10,000, 13,000, 16,000. Net -3,500, -500, 2,500, -1,000, then 2,000.
    p = pj.project(care())
    assert [m.volume for m in p.months[:5]] == [20, 35, 50, 65, 80]
    assert [m.fte for m in p.months[:5]] == [(1,), (1,), (1,), (2,), (2,)]
    assert [net(p, m) for m in range(1, 6)] == [-3500, -500, 2500, -1000, 2000]
    # Running sum: -3,500, -4,000, -1,500, -2,500, -500, then +1,500 in month 6.
    assert p.cumulative[:6] == [-3500, -4000, -1500, -2500, -500, 1500]
    assert p.break_even_month == 6


def test_a_team_hired_but_not_yet_full():
    # Two care managers on the payroll from month 1 (room for 100 patients) while 20, 35, 50, 65 and then 80
    # patients are enrolled: costs 2 x 6,500 + 1,000 = 14,000 every month.
    # Net: 4,000 - 14,000 = -10,000; -7,000; -4,000; -1,000; then 16,000 - 14,000 = +2,000.
    # Running sum: -10,000, -17,000, -21,000, -22,000, -20,000 ... month k = -22,000 + 2,000 (k - 4): 0 at k = 15.
    # First year: 4,000 + 7,000 + 10,000 + 13,000 + 8 x 16,000 = 162,000 of savings; 12 x 14,000 = 168,000
    # of costs; net -6,000; margin -6,000 / 162,000 = -3.7% (net / savings); ROI -6,000 / 168,000 = -3.6%.
    p = pj.project(care(hired=F(2)))
    assert [m.fte for m in p.months[:5]] == [(2,)] * 5
    assert p.cumulative[:5] == [-10000, -17000, -21000, -22000, -20000]
    assert p.break_even_month == 15
    assert (p.first_year.value, p.first_year.cost, p.first_year.net) == (162000, 168000, -6000)
    figures = {f.id: f for f in pj.projection_figures(p)}
    assert figures["first_year_margin"].shown == "-3.7%" and figures["first_year_roi"].shown == "-3.6%"
    assert figures["first_year_margin"].how == "First-year net / first-year savings."
    assert figures["break_even_month"].shown == "Month 15"


def test_hiring_in_half_posts():
    # 60 patients / 50 = 1.2 FTE, rounded up to the next half post: 1.5; to the exact share with no step: 1.2.
    plan = care()
    role = plan.roles[0]
    assert pj.role_fte(pj.Plan(streams=plan.streams, fte_step=F(1, 2)), role, 60) == F(3, 2)
    assert pj.role_fte(pj.Plan(streams=plan.streams, fte_step=F(0)), role, 60) == F(6, 5)
    assert pj.role_fte(plan, role, 0) == 0  # no patients, nobody hired yet


def test_overhead_and_a_variable_cost_per_patient():
    # 100 patients, one care manager per 50 at 6,000 a month: 12,000 of staff; overhead 20%: 2,400;
    # variable cost 15 a patient: 1,500. Savings 100 x 180 = 18,000. Net 18,000 - 15,900 = 2,100.
    plan = pj.Plan(
        streams=(pj.Stream(key="p", name="Patients", full_volume=100, value_per_unit=F(180), cost_per_unit=F(15)),),
        roles=(pj.Role(name="Care manager", cost_per_month=F(6000), caseload=50),),
        overhead_rate=F(1, 5),
    )
    p = pj.project(plan)
    assert [label for _, label in pj.cost_lines(plan)] == ["Care manager", "Overhead", "Variable cost per service"]
    assert p.steady.costs == (12000, 2400, 1500) and p.steady.net == 2100


def test_fixed_costs_only():
    # No staff at all: 3,000 of fixed costs a month against 50 patients x 100 = 5,000: +2,000 from month 1.
    plan = pj.Plan(
        streams=(pj.Stream(key="p", name="Patients", full_volume=50, value_per_unit=F(100)),),
        fixed=(("Program costs", F(3000)),),
    )
    p = pj.project(plan)
    assert p.break_even_month == 1 and p.first_year.net == 24000 and p.steady_month.roi == F(2, 3)


def test_never_breaking_even_is_said_in_words():
    p = pj.project(billing(fixed=7000))  # 6,000 in, 7,000 out every month
    assert p.break_even_month is None
    month = pj.figure(pj.projection_figures(p), "break_even_month")
    assert month.shown == "Not within 36 months" and month.value is None


def test_figures_carry_their_formula_in_words():
    figures = pj.projection_figures(pj.project(billing(startup=24000, startup_months=6)))
    by_id = {f.id: f for f in figures}
    assert by_id["first_year_net"].shown == "-$12,000"
    assert by_id["first_year_cost"].how.startswith("The sum of months 1-12")
    assert by_id["steady_margin"].shown == "16.7%"  # 1,000 / 6,000
    assert by_id["steady_roi"].shown == "20%"  # 1,000 / 5,000
    assert by_id["break_even_month"].how.startswith("The first month whose cumulative net")
    assert all(f.how for f in figures)


def test_a_plan_needs_a_year_and_a_month_of_start_up():
    with pytest.raises(ValueError, match="at least 12 months"):
        billing(horizon=6)
    with pytest.raises(ValueError, match="at least one month"):
        billing(startup_months=0)


# ---------------------------------------------------------------- shown figures add up


def test_first_year_statement_lines_add_up_and_match_the_months():
    # 1,000 a year of credentialing is 83.33... a month: twelve of them are 1,000.00 exactly.
    plan = pj.Plan(
        streams=(
            pj.Stream(key="a", name="A", full_volume=7, value_per_unit=F("33.33")),
            pj.Stream(key="b", name="B", full_volume=3, value_per_unit=F("12.05")),
        ),
        fixed=(("Credentialing", F(1000, 12)), ("EHR", F("410.50"))),
        startup_cost=F(1000),
        startup_months=7,
    )
    p = pj.project(plan)
    year = pj.first_year_statement(p, CENT)
    assert sum(line.amount for line in year.value_lines) == year.value
    assert sum(line.amount for line in year.cost_lines) == year.cost
    assert [line.amount for line in year.cost_lines] == [D("1000.00"), D("4926.00"), D("1000.00")]
    months = pj.shown_months(p, CENT)[:12]
    assert sum(m.value for m in months) == year.value and sum(m.cost for m in months) == year.cost
    assert months[-1].cumulative == year.net


@st.composite
def plans(draw) -> pj.Plan:
    streams = tuple(
        pj.Stream(
            key=f"s{i}",
            name=f"S{i}",
            full_volume=draw(st.integers(0, 2000)),
            value_per_unit=F(draw(st.integers(0, 50_000)), 100),
            cost_per_unit=F(draw(st.integers(0, 5_000)), 100),
        )
        for i in range(draw(st.integers(1, 4)))
    )
    roles = tuple(
        pj.Role(
            name=f"R{i}",
            cost_per_month=F(draw(st.integers(0, 20_000_000)), 1200),  # a year's cost in cents / 12
            caseload=draw(st.one_of(st.none(), st.integers(1, 300))),
            hired_fte=F(draw(st.integers(0, 40)), 10),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    return pj.Plan(
        streams=streams,
        roles=roles,
        fixed=tuple((f"F{i}", F(draw(st.integers(0, 5_000_000)), 1200)) for i in range(draw(st.integers(0, 3)))),
        overhead_rate=F(draw(st.integers(0, 300)), 100),
        startup_cost=F(draw(st.integers(0, 10_000_000)), 100),
        startup_months=draw(st.integers(1, 40)),
        ramp_months=draw(st.integers(0, 40)),
        ramp_start=F(draw(st.integers(0, 100)), 100),
        ramp_shape=draw(st.sampled_from(["linear", "five_x"])),
        fte_step=draw(st.sampled_from([F(1), F(1, 2), F(1, 10), F(0)])),
    )


@settings(max_examples=150, deadline=None)
@given(plans(), st.sampled_from([CENT, DOLLAR]))
def test_shown_totals_equal_the_sum_of_the_lines_shown(plan, quantum):
    p = pj.project(plan)
    months = pj.shown_months(p, quantum)
    for row in months:
        assert row.net == row.value - row.cost
    running = D(0)
    for row in months:
        running += row.net
        assert row.cumulative == running
    for period, statement in (
        (months[:12], pj.first_year_statement(p, quantum)),
        (None, pj.statement(plan, p.steady_month, quantum)),
        (None, pj.statement(plan, p.steady_year, quantum)),
    ):
        assert sum((line.amount for line in statement.value_lines), D(0)) == statement.value
        assert sum((line.amount for line in statement.cost_lines), D(0)) == statement.cost
        assert statement.net == statement.value - statement.cost
        if period is not None:
            assert sum(m.value for m in period) == statement.value and sum(m.cost for m in period) == statement.cost
            assert period[-1].cumulative == statement.net
    year = pj.first_year_statement(p, quantum)  # each total is the exact one, rounded once
    assert (year.value, year.cost) == (rounded(p.first_year.value, quantum), rounded(p.first_year.cost, quantum))


@settings(max_examples=150, deadline=None)
@given(plans())
def test_the_break_even_month_is_where_the_running_net_crosses_zero(plan):
    p = pj.project(plan)
    month = p.break_even_month
    if month is None:
        assert all(c < 0 for c in p.cumulative)
    else:
        assert p.cumulative[month - 1] >= 0 and all(c < 0 for c in p.cumulative[: month - 1])


@settings(max_examples=100, deadline=None)
@given(plans(), st.integers(1, 500))
def test_net_rises_with_volume_when_staff_are_hired(plan, more):
    """With the staff already on the payroll (a team not yet full), more volume never lowers the net, month by
    month, as long as a service or patient brings in at least its variable cost."""
    team = tuple(pj.Role(name=r.name, cost_per_month=r.cost_per_month, hired_fte=r.hired_fte) for r in plan.roles)
    paying = tuple(
        pj.Stream(**{**s.__dict__, "cost_per_unit": min(s.cost_per_unit, s.value_per_unit)}) for s in plan.streams
    )
    base = pj.Plan(**{**plan.__dict__, "roles": team, "streams": paying})
    bigger = pj.Plan(
        **{
            **base.__dict__,
            "streams": tuple(pj.Stream(**{**s.__dict__, "full_volume": s.full_volume + more}) for s in paying),
        }
    )
    small, large = pj.project(base), pj.project(bigger)
    assert large.steady_month.net >= small.steady_month.net
    assert all(b.net >= a.net for a, b in zip(small.months, large.months, strict=True))
    assert large.first_year.net >= small.first_year.net


def test_a_projection_is_kept_for_the_same_plan_and_computed_again_for_another():
    # billing(): 100 x 60 = 6,000 a month against 5,000 fixed: net 1,000 a month, 12,000 in the first year.
    # With 5,500 of fixed costs: 6,000 - 5,500 = 500 a month, 6,000 in the first year.
    first = pj.project(billing())
    assert pj.project(billing()) is first  # an equal plan (frozen): the kept projection
    assert pj.first_year_statement(first).net == 12000
    assert pj.shown_months(first)[-1].cumulative == 36000  # 36 x 1,000
    other = pj.project(billing(fixed=5500))
    assert other is not first
    assert pj.first_year_statement(other).net == 6000
    assert pj.shown_months(other)[-1].cumulative == 18000  # 36 x 500
    pj.shown_months(first).clear()  # a caller's list is its own: the kept months are untouched
    assert len(pj.shown_months(first)) == 36
