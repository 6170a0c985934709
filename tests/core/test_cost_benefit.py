"""The direct billing cost-benefit model, checked against figures worked out by hand."""

from decimal import Decimal as D

import pytest
from pydantic import ValidationError

from core.hrh import cost_benefit as cb
from core.hrh.services import ServiceRow, save_service_row
from core.money import CENT
from tests.conftest import make_workspace

COORD = ServiceRow(
    service_id="case_management_coordination",
    category="hcbs",
    name="Case management – Care coordination",
    services_per_month=100,
    currently_offer=True,
)
HIV = ServiceRow(
    service_id="hiv_testing", category="medical", name="HIV testing", services_per_month=50, potentially_offer=True
)
NOT_OFFERED = ServiceRow(
    service_id="wound_care", category="medical", name="Wound care & treatment", services_per_month=30
)


def worked_example() -> cb.Scenario:
    """The hand-worked scenario of these tests.

    Collected share = 0.90 x (1 - 0.10) x 0.95 = 0.7695.
    Care coordination: 0.5x40 + 0.1x35 + 0.1x30 + 0.1x50 = 31.50 gross, 24.23925 collected, x100 = 2,423.925
    HIV testing:       0.5x20 + 0.1x20 + 0.1x20 + 0.1x20 = 16.00 gross, 12.312 collected,   x50  =   615.600
    Revenue 3,039.525 a month. Costs: staff 0.5 x 60,000 / 12 = 2,500; EHR 400; credentialing 1,200/12 = 100;
    start-up 6,000/12 = 500; enrolment 10 h x 25 = 250; total 3,750. Net -710.475.
    """
    return cb.Scenario(
        name="Bill it all ourselves",
        payer_mix={
            "medicaid_mco": 50,
            "medicaid_ffs": 10,
            "medicare": 10,
            "dual_eligible": 0,
            "commercial": 10,
            "uninsured": 20,
        },
        services={
            "case_management_coordination": cb.ServiceSettings(
                name="Case management – Care coordination",
                rates={"medicaid_mco": 40, "medicaid_ffs": 35, "medicare": 30, "commercial": 50},
            ),
            "hiv_testing": cb.ServiceSettings(
                name="HIV testing", rates={"medicaid_mco": 20, "medicaid_ffs": 20, "medicare": 20, "commercial": 20}
            ),
        },
        billable_share=90,
        denial_rate=10,
        collection_rate=95,
        billing_fte=D("0.5"),
        billing_cost_per_fte=60000,
        ehr_per_month=400,
        credentialing_per_year=1200,
        startup_cost=6000,
        startup_months=12,
        enrolment_hours_per_month=10,
        enrolment_hourly_cost=25,
    )


def lines(scenario=None):
    return cb.scenario_lines(scenario or worked_example(), [COORD, HIV, NOT_OFFERED])


def test_lines_take_step3_volumes_of_offered_services_only():
    got = lines()
    assert [(line.key, line.volume, line.step3_volume) for line in got] == [
        ("case_management_coordination", 100, 100),
        ("hiv_testing", 50, 50),
    ]


def test_a_scenario_volume_overrides_step3_and_a_scenario_only_service_is_added():
    scenario = worked_example()
    scenario.services["hiv_testing"].volume = 80
    scenario.services["other:mobile outreach"] = cb.ServiceSettings(name="Mobile outreach", volume=12, billed=False)
    got = cb.scenario_lines(scenario, [COORD, HIV])
    assert [(line.name, line.volume, line.step3_volume, line.billed) for line in got] == [
        ("Case management – Care coordination", 100, 100, True),
        ("HIV testing", 80, 50, True),
        ("Mobile outreach", 12, None, False),
    ]


def test_custom_step3_rows_are_keyed_by_their_name():
    other = ServiceRow(category="hcbs", name="  Drop-in   Meals ", services_per_month=5, currently_offer=True)
    assert cb.service_key(other) == "other:drop-in meals"


def test_the_worked_example_steady_state_and_first_year():
    # Steady state (a full month, start-up over): revenue 3,039.525; costs 2,500 + 400 + 100 + 250 = 3,250;
    # net -210.475. Shown in cents: 3,039.53 - 3,250.00 = -210.47 (net = revenue - cost as shown).
    # First year: 12 x 3,039.525 = 36,474.30 in; 12 x 3,250 + 6,000 of start-up (500 a month, months 1-12)
    # = 45,000 out; net -8,525.70.
    result = cb.calculate(worked_example(), lines())
    assert (result.monthly_revenue, result.monthly_cost, result.monthly_net) == (
        D("3039.53"),
        D("3250.00"),
        D("-210.47"),
    )
    year = result.first_year(CENT)
    assert (year.value, year.cost, year.net) == (D("36474.30"), D("45000.00"), D("-8525.70"))
    assert result.first_year_net == D("-8525.70")
    assert [(line.label, line.amount) for line in year.cost_lines] == [
        ("Billing and coding staff", D("30000.00")),
        ("EHR and clearinghouse", D("4800.00")),
        ("Credentialing", D("1200.00")),
        ("Insurance enrolment time", D("3000.00")),
        ("Start-up", D("6000.00")),
    ]
    assert [(r.name, r.collected_per_service) for r in result.lines] == [
        ("Case management – Care coordination", D("24.24")),
        ("HIV testing", D("12.31")),
    ]
    assert result.break_even_month is None  # it loses money every month


def test_start_up_counted_once_not_twelve_times():
    # 100 services at $60 collected: 6,000 a month; 6,000 a month of fixed costs; 12,000 of start-up in month 1.
    # The old model spread start-up into every month's cost and took 12 months of that: a yearly net of
    # 12 x (6,000 - 18,000) = -144,000 and a break-even of 18,000 / 60 = 300 services. By hand: month 1 nets
    # -12,000, months 2-12 net 0: the first year nets -12,000; the steady state breaks even at
    # 6,000 / 60 = 100 services a month, and the start-up is never paid back.
    scenario, got = simple(ehr=6000, rate=60, startup_cost=12000, startup_months=1)
    result = cb.calculate(scenario, got)
    assert result.first_year_net == D("-12000.00")
    assert result.break_even_volume == 100
    assert result.monthly_net == 0 and result.break_even_month is None
    v = cb.verdict(result, cb.sensitivity(scenario, got))
    assert v.kind == "breaks_even" and "a loss of $0" not in v.text
    assert "The first year (months 1-12, start-up and ramp-up included) nets -$12,000" in v.text


def test_start_up_over_six_months_is_counted_once_in_the_first_year():
    # 24,000 over 6 months: 4,000 a month in months 1-6. First-year costs 12 x 6,000 + 24,000 = 96,000
    # (the old yearly cost, 12 x (6,000 + 4,000) = 120,000, put 48,000 of start-up in the year).
    scenario, got = simple(ehr=6000, rate=60, startup_cost=24000, startup_months=6)
    year = cb.calculate(scenario, got).first_year()
    assert (year.value, year.cost, year.net) == (D(72000), D(96000), D(-24000))


def test_a_four_month_ramp_up_of_billing():
    # 100 services at $60, 5,000 a month of fixed costs, billing 20% of the volume in month 1, full in month 5:
    # 20, 40, 60, 80, then 100 services. First year: (1,200 + 2,400 + 3,600 + 4,800) + 8 x 6,000 = 60,000 in,
    # 60,000 out: net 0. Running sum -3,800, -6,400, -7,800, -8,000, then +1,000 a month: zero in month 12.
    scenario, got = simple(ehr=5000, rate=60, ramp_months=4, ramp_start_pct=20)
    result = cb.calculate(scenario, got)
    assert [m.volume for m in result.months()[:5]] == [20, 40, 60, 80, 100]
    assert result.first_year_net == 0 and result.break_even_month == 12
    assert result.monthly_net == D("1000.00")
    assert result.figure("steady_margin").shown == "16.7%"  # 1,000 / 6,000: net / revenue
    assert result.figure("steady_roi").shown == "20%"  # 1,000 / 5,000: net / cost


def test_billing_staff_hired_before_the_volume_is_there():
    # One billing FTE at 60,000 a year is 5,000 a month from month 1, whatever the volume. At 60 services
    # x $60 = 3,600 a month the net is -1,400; the reverse question: 5,000 / 60 = 83.3, so 84 services.
    scenario, got = simple(rate=60, volume=60, billing_fte=1, billing_cost_per_fte=60000)
    result = cb.calculate(scenario, got)
    assert result.monthly_net == D("-1400.00") and result.break_even_volume == 84
    assert result.steady(CENT).cost_lines[0].amount == D("5000.00")


def test_break_even_volume_with_a_cost_per_billed_service():
    # $60 collected, $4 a claim to the clearinghouse: each service leaves 56; fixed costs 2,800: 50 services.
    scenario, got = simple(ehr=2800, rate=60, cost_per_service=4)
    result = cb.calculate(scenario, got)
    assert result.break_even_volume == 50
    assert result.monthly_net == D("2800.00")  # 100 x 56 - 2,800


def test_break_even_is_zero_without_costs_and_none_without_revenue():
    free = simple(ehr=0)[0]
    assert cb.calculate(free, cb.scenario_lines(free, [COORD])).break_even_volume == 0
    unpaid = worked_example().model_copy(update={"collection_rate": D(0)})
    result = cb.calculate(unpaid, lines(unpaid))
    assert result.break_even_volume is None and result.collected_per_service is None


def test_break_even_volume_is_fixed_costs_over_the_average_collected():
    result = cb.calculate(worked_example(), lines())
    assert result.billed_volume == 150
    assert result.collected_per_service == D("20.26")  # 3,039.525 / 150 = 20.2635
    assert result.break_even_volume == 161  # 3,250 / 20.2635 = 160.39 -> 161


def test_services_not_billed_bring_nothing_and_need_no_rates():
    scenario = worked_example()
    scenario.services["hiv_testing"] = cb.ServiceSettings(name="HIV testing", billed=False)
    result = cb.calculate(scenario, lines(scenario))
    assert result.monthly_revenue == D("2423.93")  # 100 x 24.23925
    assert result.billed_volume == 100


def test_sensitivity_moves_one_input_by_twenty_percent():
    rows = {r.input_id: r for r in cb.sensitivity(worked_example(), lines())}
    coord = rows["volume:case_management_coordination"]  # +/- 0.2 x 2,423.925 = 484.785 around -210.475
    assert (coord.net_if_lower, coord.base_net, coord.net_if_higher) == (D("-695.26"), D("-210.47"), D("274.31"))
    staff = rows["billing_fte"]  # +/- 0.2 x 2,500
    assert (staff.net_if_lower, staff.net_if_higher) == (D("289.53"), D("-710.48"))
    mco = rows["rates:medicaid_mco"]  # Medicaid MCO part: (100x20 + 50x10) x 0.7695 = 1,923.75; +/- 384.75
    assert (mco.net_if_lower, mco.net_if_higher) == (D("-595.23"), D("174.28"))
    denial = rows["denial_rate"]  # 8% and 12%: revenue x 0.92/0.90 = 3,107.07 and x 0.88/0.90 = 2,971.98
    assert (denial.net_if_lower, denial.net_if_higher) == (D("-142.93"), D("-278.02"))
    assert "startup_cost" not in rows  # start-up is over at steady state: it moves the break-even month instead


def test_sensitivity_caps_percentages_at_100():
    rows = {r.input_id: r for r in cb.sensitivity(worked_example(), lines())}
    collection = rows["collection_rate"]  # 95% -> 76% and 114% capped at 100%
    assert collection.net_if_lower == D("-818.38")  # 3,039.525 x 0.8 - 3,250
    assert collection.net_if_higher == D("-50.50")  # 3,039.525 / 0.95 - 3,250


def test_sensitivity_is_ordered_by_swing_and_leaves_out_inputs_without_effect():
    rows = cb.sensitivity(worked_example(), lines())
    assert [r.input_id for r in rows[:3]] == ["billing_fte", "volume:case_management_coordination", "billable_share"]
    assert [r.swing for r in rows] == sorted((r.swing for r in rows), reverse=True)
    assert "rates:dual_eligible" not in {r.input_id for r in rows}  # nobody is dual-eligible here
    assert "rates:uninsured" not in {r.input_id for r in rows}


def simple(**changes) -> tuple[cb.Scenario, list[cb.ServiceLine]]:
    """Care coordination billed to Medicaid managed care only, everything collected, every cost entered
    (0 unless given): 100 services at the rate given ($50 unless said)."""
    rate, volume = changes.pop("rate", 50), changes.pop("volume", None)
    if "ehr" in changes:
        changes["ehr_per_month"] = changes.pop("ehr")
    fields = {
        "billable_share": 100,
        "denial_rate": 0,
        "collection_rate": 100,
        "billing_fte": 0,
        "ehr_per_month": 0,
        "credentialing_per_year": 0,
        "startup_cost": 0,
        "enrolment_hours_per_month": 0,
    }
    scenario = cb.Scenario(
        name="Simple",
        payer_mix={"medicaid_mco": 100},
        services={
            "case_management_coordination": cb.ServiceSettings(
                name="Care coordination", rates={"medicaid_mco": rate}, volume=volume
            )
        },
        **{**fields, **changes},
    )
    return scenario, cb.scenario_lines(scenario, [COORD])


def test_verdict_pays_when_the_net_survives_every_20_percent_change():
    scenario, got = simple(ehr=1000)
    result = cb.calculate(scenario, got)
    assert (result.monthly_net, result.break_even_volume, result.break_even_month) == (D("4000.00"), 20, 1)
    v = cb.verdict(result, cb.sensitivity(scenario, got))
    assert v.kind == "pays"
    assert "leaving $4,000 a month ($48,000 a year)" in v.text
    assert "It breaks even at about 20 billed services a month at this mix of services and payers; you expect 100" in (
        v.text
    )


def test_verdict_fragile_names_the_estimate_that_would_sink_it():
    scenario, got = simple(ehr=4500)
    v = cb.verdict(cb.calculate(scenario, got), cb.sensitivity(scenario, got))
    assert v.kind == "fragile"
    assert 'If "Rates paid by Medicaid managed care" were 20% lower, the net would be -$500 a month' in v.text


def test_verdict_slow_when_start_up_is_not_paid_back_within_36_months():
    # 500 a month at steady state against 20,000 of start-up: 40 months to pay it back.
    scenario, got = simple(ehr=4500, startup_cost=20000)
    result = cb.calculate(scenario, got)
    v = cb.verdict(result, cb.sensitivity(scenario, got))
    assert result.break_even_month is None and v.kind == "slow"
    assert "does not get back to zero within 36 months" in v.text


def test_verdict_does_not_pay_says_what_it_would_take():
    scenario, got = worked_example(), lines()
    v = cb.verdict(cb.calculate(scenario, got), cb.sensitivity(scenario, got))
    assert v.kind == "does_not_pay"
    assert "a loss of $210 a month ($2,526 a year)" in v.text  # 210.475 x 12 = 2,525.70
    assert "about 161 billed services a month" in v.text and "you expect 150" in v.text
    assert "partnership" in v.text


def test_verdict_no_revenue_when_every_rate_is_zero():
    scenario, got = simple(rate=0, ehr=100)
    v = cb.verdict(cb.calculate(scenario, got), cb.sensitivity(scenario, got))
    assert v.kind == "no_revenue"


def test_a_new_scenario_waits_for_every_cost_and_share():
    """Nothing is filled in: a scenario with a payer mix and rates but no costs shows what is missing, no verdict."""
    scenario = cb.Scenario(
        name="New",
        payer_mix={"medicaid_mco": 100},
        services={"case_management_coordination": cb.ServiceSettings(name="Care", rates={"medicaid_mco": 50})},
    )
    evaluation = cb.evaluate(scenario, [COORD])
    assert evaluation.result is None and evaluation.verdict is None
    missing = [p.field for p in evaluation.problems if p.where == "inputs"]
    assert missing == [
        "billable_share",
        "denial_rate",
        "collection_rate",
        "billing_fte",
        "billing_cost_per_fte",
        "ehr_per_month",
        "credentialing_per_year",
        "enrolment_hours_per_month",
        "enrolment_hourly_cost",
        "startup_cost",
    ]
    assert "EHR and clearinghouse, per month ($): not entered yet (enter 0 if you have no such cost)." in [
        p.message for p in evaluation.problems
    ]
    no_staff = scenario.model_copy(update={"billing_fte": D(0), "enrolment_hours_per_month": D(0)})
    missing = [p.field for p in cb.problems(no_staff, lines(no_staff)) if p.where == "inputs"]
    assert "billing_cost_per_fte" not in missing and "enrolment_hourly_cost" not in missing


def test_money_inputs_are_whole_cents():
    services = {"a": {"name": "A", "rates": {"medicare": 41.555}}}
    scenario = cb.Scenario(name="x", ehr_per_month="10.005", services=services)
    assert scenario.ehr_per_month == D("10.01") and scenario.services["a"].rates["medicare"] == D("41.56")


def test_payer_mix_must_add_up_to_100():
    scenario = worked_example().model_copy(update={"payer_mix": {"medicaid_mco": D(50), "uninsured": D("45.5")}})
    with pytest.raises(cb.IncompleteScenario) as caught:
        cb.calculate(scenario, lines(scenario))
    messages = [(p.where, p.message) for p in caught.value.problems]
    assert ("payer_mix", "The payer mix adds up to 95.5%; the six shares must add up to 100%.") in messages


def test_a_billed_service_without_a_rate_for_a_payer_in_the_mix_is_reported():
    scenario = worked_example()
    scenario.services["hiv_testing"].rates.pop("medicare")
    scenario.services["hiv_testing"].rates["commercial"] = None
    found = cb.problems(scenario, lines(scenario))
    assert [p.where for p in found] == ["rates"]
    assert found[0].message == (
        "HIV testing: enter the rate Medicare, Commercial would pay (0 if it does not pay "
        "for this service), or mark the service as not billed."
    )


def test_no_services_is_a_problem_that_points_to_step_3():
    found = cb.problems(worked_example(), [])
    assert found[0].where == "services" and "Step 3" in found[0].message


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ehr_per_month", -1, "EHR and clearinghouse, per month ($) cannot be negative"),
        ("billing_cost_per_fte", "-0.01", "cannot be negative"),
        ("denial_rate", 101, "Claims denied and never paid (%) must be between 0 and 100"),
        ("collection_rate", -5, "must be between 0 and 100"),
        ("billing_fte", -1, "Billing and coding staff (FTE) must be between 0 and 100"),
        ("startup_months", 0, "must be between 1 and 120"),
        ("startup_cost", "nan", "Start-up costs, one time ($) must be an amount in dollars, like 1200"),
        ("ehr_per_month", "10 dollars", "EHR and clearinghouse, per month ($) must be an amount in dollars"),
        ("credentialing_per_year", "1e26", "cannot be above $100,000,000"),
    ],
)
def test_invalid_inputs_have_clear_messages(field, value, message):
    with pytest.raises(ValidationError) as caught:
        cb.Scenario(name="x", **{field: value})
    assert caught.value.errors()[0]["loc"] == (field,)
    assert message in str(caught.value)


def test_negative_rates_shares_and_volumes_are_refused():
    with pytest.raises(ValidationError, match="HIV testing: the rate from Medicare cannot be negative"):
        cb.ServiceSettings(name="HIV testing", rates={"medicare": -3})
    with pytest.raises(ValidationError, match="not a payer you can bill"):
        cb.ServiceSettings(name="HIV testing", rates={"uninsured": 3})
    with pytest.raises(ValidationError, match="services per month must be between 0"):
        cb.ServiceSettings(name="HIV testing", volume=-1)
    with pytest.raises(ValidationError, match="The share of Medicare must be between 0 and 100%"):
        cb.Scenario(name="x", payer_mix={"medicare": -10})
    with pytest.raises(ValidationError, match="Scenario name is required"):
        cb.Scenario(name="  \x00 ")


def test_comparison_puts_scenarios_side_by_side():
    complete = cb.evaluate(worked_example(), [COORD, HIV])
    broken = cb.evaluate(
        worked_example().model_copy(update={"name": "Half", "payer_mix": {"medicaid_mco": D(50)}}), [COORD, HIV]
    )
    table = cb.comparison_table([complete, broken])
    by_figure = {row["Figure"]: row for row in table}
    assert by_figure["Net a month (steady state)"] == {
        "Figure": "Net a month (steady state)",
        "Bill it all ourselves": "-$210",
        "Half": "-",
    }
    assert by_figure["First-year net (months 1-12)"]["Bill it all ourselves"] == "-$8,526"
    assert by_figure["Break-even month"]["Bill it all ourselves"] == "Not within 36 months"
    assert by_figure["Break-even: billed services a month"]["Bill it all ourselves"] == "161"
    assert by_figure["Verdict"]["Bill it all ourselves"] == "Direct billing would cost more than it brings in"
    assert by_figure["Verdict"]["Half"].startswith("Incomplete: The payer mix adds up to 50%")


def test_survey_shares_add_up_to_exactly_100():
    thirds = cb.survey_payer_mix(cb.InsuranceSurvey(counts={"medicaid_mco": 3, "medicaid_ffs": 3, "medicare": 3}))
    assert (
        thirds["medicaid_mco"] == D("33.4") and thirds["medicaid_ffs"] == D("33.3") and thirds["medicare"] == D("33.3")
    )
    assert sum(thirds.values()) == 100
    mix = cb.survey_payer_mix(cb.InsuranceSurvey(counts={"medicaid_mco": 2, "uninsured": 1}, unknown=7))
    assert (mix["medicaid_mco"], mix["uninsured"], mix["commercial"]) == (D("66.7"), D("33.3"), D(0))
    assert cb.survey_payer_mix(cb.InsuranceSurvey(unknown=4)) is None


def test_survey_counts_are_checked():
    with pytest.raises(ValidationError, match="Medicare: a count must be a whole number from 0"):
        cb.InsuranceSurvey(counts={"medicare": -1})
    with pytest.raises(ValidationError, match="not an answer of the survey"):
        cb.InsuranceSurvey(counts={"martian": 1})


def test_scenarios_are_stored_copied_updated_and_deleted(store):
    ws = make_workspace(store)
    save_service_row(store, ws.id, COORD)
    cb.update_survey(store, ws.id, counts={"medicaid_mco": 3, "uninsured": 1}, period="March, drop-in")
    first = cb.create_scenario(store, ws.id, "Today")
    assert first.scenario.payer_mix["medicaid_mco"] == D(75)  # from the survey
    cb.update_service(
        store, ws.id, first.record_id, "case_management_coordination", COORD.name, rates={"medicaid_mco": D(50)}
    )
    cb.update_scenario(store, ws.id, first.record_id, ehr_per_month=D(250))
    copy = cb.create_scenario(store, ws.id, "With a billing partner", copy_of=first.record_id)
    assert copy.scenario.services["case_management_coordination"].rates == {"medicaid_mco": D(50)}
    assert copy.scenario.ehr_per_month == D(250)
    with pytest.raises(ValueError, match="already exists"):
        cb.create_scenario(store, ws.id, " today ")
    evaluations = dict(cb.evaluate_all(store, ws.id))
    assert evaluations[first.record_id].result is None  # the other costs and shares are not entered yet
    for field, value in {
        "billable_share": 100,
        "denial_rate": 0,
        "collection_rate": 100,
        "billing_fte": 0,
        "credentialing_per_year": 0,
        "enrolment_hours_per_month": 0,
        "startup_cost": 0,
    }.items():
        cb.set_input(store, ws.id, first.record_id, field, value)
    evaluations = dict(cb.evaluate_all(store, ws.id))
    # 100 x 0.75 x 50 = 3,750 collected; 250 of costs
    assert evaluations[first.record_id].result.monthly_net == D("3500.00")
    cb.delete_scenario(store, ws.id, copy.record_id)
    assert [s.scenario.name for s in cb.list_scenarios(store, ws.id)] == ["Today"]


def test_a_bad_update_saves_nothing(store):
    ws = make_workspace(store)
    saved = cb.create_scenario(store, ws.id, "Today")
    cb.update_scenario(store, ws.id, saved.record_id, ehr_per_month=D(100))
    with pytest.raises(ValidationError, match="cannot be negative"):
        cb.update_scenario(store, ws.id, saved.record_id, ehr_per_month=D(-5))
    with pytest.raises(ValidationError, match="cannot be negative"):
        cb.update_service(store, ws.id, saved.record_id, "hiv_testing", "HIV testing", rates={"medicare": D(-1)})
    kept = cb.get_scenario(store, ws.id, saved.record_id)
    assert kept.ehr_per_month == D(100) and kept.services == {}


def test_scenarios_of_one_workspace_do_not_show_in_another(store):
    a, b = make_workspace(store, "Program A"), make_workspace(store, "Program B")
    cb.create_scenario(store, a.id, "Today")
    assert cb.list_scenarios(store, b.id) == []
    assert cb.get_survey(store, b.id) == cb.InsuranceSurvey()


def test_table_edits_set_volumes_billing_and_rates(store):
    ws = make_workspace(store)
    saved = cb.create_scenario(store, ws.id, "Today")
    got = cb.scenario_lines(saved.scenario, [COORD, HIV])
    errors = cb.apply_service_edits(
        store,
        ws.id,
        saved.record_id,
        got,
        {
            "edited_rows": {
                0: {"volume": 120.0, "medicaid_mco": 41.5, "medicare": None},
                1: {"billed": False, "volume": 2.5},
            }
        },
    )
    assert errors == ["Row 2: HIV testing: services per month must be a whole number. The change was not saved."]
    scenario = cb.get_scenario(store, ws.id, saved.record_id)
    coord = scenario.services["case_management_coordination"]
    assert (coord.volume, coord.rates) == (120, {"medicaid_mco": D("41.5"), "medicare": None})
    assert "hiv_testing" not in scenario.services
    cb.apply_service_edits(store, ws.id, saved.record_id, got, {"edited_rows": {0: {"volume": None}}})
    assert cb.scenario_lines(cb.get_scenario(store, ws.id, saved.record_id), [COORD])[0].volume == 100  # Step 3's
    refused = cb.apply_service_edits(store, ws.id, saved.record_id, got, {"added_rows": [{"volume": 3}]})
    assert refused == ["New row: Services come from Step 3: add or remove them there. It was not saved yet."]


def test_single_inputs_and_shares_are_saved_with_clear_refusals(store):
    ws = make_workspace(store)
    saved = cb.create_scenario(store, ws.id, "Today")
    cb.set_input(store, ws.id, saved.record_id, "ehr_per_month", 350.5)
    cb.set_payer_share(store, ws.id, saved.record_id, "medicare", 12.5)
    cb.set_payer_share(store, ws.id, saved.record_id, "uninsured", None)
    cb.set_input(store, ws.id, saved.record_id, "credentialing_per_year", 1200)
    cb.set_input(store, ws.id, saved.record_id, "credentialing_per_year", None)  # cleared: unknown again, not $0
    assert cb.get_scenario(store, ws.id, saved.record_id).credentialing_per_year is None
    with pytest.raises(ValueError, match="enter a number of months"):
        cb.set_input(store, ws.id, saved.record_id, "startup_months", None)
    with pytest.raises(ValueError, match="whole months"):
        cb.set_input(store, ws.id, saved.record_id, "ramp_months", 2.5)
    cb.set_input(store, ws.id, saved.record_id, "ramp_months", 4.0)
    cb.set_input(store, ws.id, saved.record_id, "ramp_months", None)  # cleared: no ramp-up
    assert cb.get_scenario(store, ws.id, saved.record_id).ramp_months == 0
    with pytest.raises(ValueError, match="not an input"):
        cb.set_input(store, ws.id, saved.record_id, "name", "x")
    with pytest.raises(ValueError, match="The survey has no answers yet"):
        cb.use_survey_mix(store, ws.id, saved.record_id)
    scenario = cb.get_scenario(store, ws.id, saved.record_id)
    assert scenario.ehr_per_month == D("350.5")
    assert scenario.payer_mix == {"medicare": D("12.5"), "uninsured": D(0)}
    cb.update_survey(store, ws.id, counts={"commercial": 1})
    assert cb.use_survey_mix(store, ws.id, saved.record_id).payer_mix["commercial"] == D(100)


def test_tables_for_the_page_are_formatted():
    result = cb.calculate(worked_example(), lines())
    assert cb.revenue_table(result)[0] == {
        "Service": "Case management – Care coordination",
        "Billed a month": "100",
        "Collected per service": "$24.24",
        "Revenue a month": "$2,424",
    }
    assert cb.revenue_table(result)[-1] == {
        "Service": "Total",
        "Billed a month": "150",
        "Collected per service": "$20.26 on average",
        "Revenue a month": "$3,040",  # 2,424 + 616: the lines add up to the total shown
    }
    assert [r["Revenue a month"] for r in cb.revenue_table(result)[:2]] == ["$2,424", "$616"]
    costs = cb.cost_table(result)
    assert costs[0] == {"Cost": "Billing and coding staff", "A month": "$2,500", "A year": "$30,000"}
    assert costs[-1] == {"Cost": "Total", "A month": "$3,250", "A year": "$39,000"}  # start-up is not a running cost
    top = cb.sensitivity_table(cb.sensitivity(worked_example(), lines()))[0]
    assert top == {
        "Estimate": "Billing and coding staff cost",
        "Steady net a month if 20% lower": "$290",
        "Steady net a month today": "-$210",
        "Steady net a month if 20% higher": "-$710",
    }
    statement = {row[""]: row for row in cb.statement_table(result)}
    assert statement["Net"] == {
        "": "Net",
        "First year (months 1-12)": "-$8,526",
        "Steady state, a month": "-$210",
        "Steady state, a year": "-$2,526",
    }
    assert statement["  Start-up"]["First year (months 1-12)"] == "$6,000"
    assert statement["  Start-up"]["Steady state, a month"] == "$0"
    months = cb.months_table(result)
    assert len(months) == 36 and months[0]["Costs"] == "$3,750" and months[12]["Costs"] == "$3,250"
