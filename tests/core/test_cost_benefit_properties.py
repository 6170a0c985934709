"""Properties of the cost-benefit model and the survey mix that must hold for any valid estimates."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from core.hrh import cost_benefit as cb
from core.hrh.services import ServiceRow

PAYERS = [p.id for p in cb.payers()]
BILLABLE = cb.billable_payer_ids()
money = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False, allow_infinity=False)
percent = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)


@st.composite
def mixes(draw) -> dict[str, D]:
    """Six shares in whole tenths that add up to exactly 100."""
    cuts = sorted(draw(st.lists(st.integers(0, 1000), min_size=5, max_size=5)))
    tenths = [b - a for a, b in zip([0, *cuts], [*cuts, 1000], strict=True)]
    return {p: D(t) / 10 for p, t in zip(PAYERS, tenths, strict=True)}


@st.composite
def scenarios(draw) -> tuple[cb.Scenario, list[cb.ServiceLine]]:
    volumes = draw(st.lists(st.integers(0, 5_000), min_size=1, max_size=4))
    services = {
        f"other:s{i}": cb.ServiceSettings(
            name=f"Service {i}", volume=v, rates={p: draw(st.decimals(0, 500, places=2)) for p in BILLABLE}
        )
        for i, v in enumerate(volumes)
    }
    scenario = cb.Scenario(
        name="Any",
        payer_mix=draw(mixes()),
        services=services,
        billable_share=draw(percent),
        denial_rate=draw(percent),
        collection_rate=draw(percent),
        billing_fte=draw(st.decimals(0, 5, places=2)),
        billing_cost_per_fte=draw(money),
        ehr_per_month=draw(money),
        credentialing_per_year=draw(money),
        startup_cost=draw(money),
        startup_months=draw(st.integers(1, 120)),
        enrolment_hours_per_month=draw(st.decimals(0, 200, places=1)),
        enrolment_hourly_cost=draw(st.decimals(0, 100, places=2)),
        cost_per_service=draw(st.one_of(st.none(), st.decimals(0, 50, places=2))),
        ramp_months=draw(st.integers(0, 40)),
        ramp_start_pct=draw(percent),
    )
    return scenario, cb.scenario_lines(scenario, [])


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_figures_are_consistent_for_any_estimates(drawn):
    scenario, lines = drawn
    result = cb.calculate(scenario, lines)
    assert result.monthly_revenue >= 0 and result.monthly_cost >= 0
    assert result.monthly_net == result.monthly_revenue - result.monthly_cost  # as shown, to the cent
    assert result.first_year_net == result.first_year(D("0.01")).net == result.months(D("0.01"))[11].cumulative
    month = result.break_even_month
    cumulative = result.projection.cumulative
    assert month is None or (cumulative[month - 1] >= 0 and all(c < 0 for c in cumulative[: month - 1]))
    if result.break_even_volume not in (None, 0):
        steady = result.projection.steady
        variable = sum(v * s.cost_per_unit for v, s in zip(steady.volumes, result.projection.plan.streams, strict=True))
        left = (steady.value - variable) / steady.volume
        fixed = steady.cost - variable
        # the break-even volume covers the fixed costs and one service fewer does not
        assert result.break_even_volume * left >= fixed > (result.break_even_volume - 1) * left


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_every_total_shown_is_the_sum_of_the_lines_shown_beside_it(drawn):
    """What a CFO adds up on the page: the tables' lines, their totals, and net = revenue - costs."""
    scenario, lines = drawn
    result = cb.calculate(scenario, lines)
    revenue = cb.revenue_table(result)
    assert _dollars(revenue[-1]["Revenue a month"]) == sum(_dollars(r["Revenue a month"]) for r in revenue[:-1])
    costs = cb.cost_table(result)
    for column in ("A month", "A year"):
        assert _dollars(costs[-1][column]) == sum(_dollars(r[column]) for r in costs[:-1])
    statement = cb.statement_table(result)
    value_rows = len(result.lines)
    for column in ("First year (months 1-12)", "Steady state, a month", "Steady state, a year"):
        amounts = [_dollars(r[column]) for r in statement]
        revenue_total, cost_lines, cost_total, net = (
            amounts[value_rows],
            amounts[value_rows + 1 : -2],
            amounts[-2],
            amounts[-1],
        )
        assert sum(amounts[:value_rows]) == revenue_total
        assert sum(cost_lines) == cost_total and net == revenue_total - cost_total
    months = cb.months_table(result)
    first_year = {r[""]: r["First year (months 1-12)"] for r in statement}
    assert sum(_dollars(m["Revenue"]) for m in months[:12]) == _dollars(first_year["Revenue"])
    assert sum(_dollars(m["Costs"]) for m in months[:12]) == _dollars(first_year["Costs"])
    assert _dollars(months[11]["Cumulative net"]) == _dollars(first_year["Net"])
    running = D(0)
    for m in months:
        assert _dollars(m["Net"]) == _dollars(m["Revenue"]) - _dollars(m["Costs"])
        running += _dollars(m["Net"])
        assert _dollars(m["Cumulative net"]) == running
    assert result.figure("first_year_net").shown == first_year["Net"]


@settings(max_examples=100, deadline=None)
@given(scenarios(), st.integers(1, 1000))
def test_net_rises_with_volume(drawn, more):
    """More billed services never lower the net, month by month, when a service brings in at least its own cost."""
    scenario, lines = drawn
    result = cb.calculate(scenario, lines)
    bigger_services = {k: s.model_copy(update={"volume": s.volume + more}) for k, s in scenario.services.items()}
    bigger = scenario.model_copy(update={"services": bigger_services})
    grown = cb.calculate(bigger, cb.scenario_lines(bigger, []))
    if all(line.collected_per_service >= (scenario.cost_per_service or 0) + D("0.01") for line in grown.lines):
        assert grown.projection.steady.net >= result.projection.steady.net
        assert all(b.net >= a.net for a, b in zip(result.projection.months, grown.projection.months, strict=True))


def _dollars(text: str) -> D:
    return D(text.replace("$", "").replace(",", ""))


@settings(max_examples=100, deadline=None)
@given(scenarios())
def test_sensitivity_rows_straddle_today_and_name_a_verdict(drawn):
    scenario, lines = drawn
    result = cb.calculate(scenario, lines)
    rows = cb.sensitivity(scenario, lines)
    for row in rows:
        assert row.base_net == result.monthly_net
        low, high = sorted([row.net_if_lower, row.net_if_higher])
        assert low - D("0.01") <= row.base_net <= high + D("0.01")
    assert [r.swing for r in rows] == sorted((r.swing for r in rows), reverse=True)
    verdict = cb.verdict(result, rows)
    steady = result.projection.steady.net
    if verdict.kind != "no_revenue":
        assert (verdict.kind in ("pays", "fragile", "slow")) == (steady > 0)
        assert (verdict.kind == "breaks_even") == (steady == 0)
        assert "a loss of $0 " not in verdict.text and "leaving $0 " not in verdict.text


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(PAYERS), st.integers(0, 100_000), min_size=1))
def test_survey_shares_always_add_up_to_100(counts):
    mix = cb.survey_payer_mix(cb.InsuranceSurvey(counts=counts))
    if sum(counts.values()) == 0:
        assert mix is None
        return
    assert sum(mix.values()) == 100
    for payer, share in mix.items():
        exact = D(counts.get(payer, 0)) * 100 / sum(counts.values())
        assert abs(share - exact) < D("0.1")  # never more than one tenth away from the exact share


def test_step3_rows_not_offered_never_reach_the_model():
    rows = [ServiceRow(service_id="naloxone", category="preventative", name="Naloxone", services_per_month=50)]
    assert cb.scenario_lines(cb.Scenario(name="x"), rows) == []
