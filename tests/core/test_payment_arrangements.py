"""Payment arrangements: every figure checked against a hand computation."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.hrh.services import ServiceRow, save_service_row
from core.money import cents
from core.store import answers
from core.sustain import payment_arrangements as arr


def ffs(*lines, collection=100):
    return arr.FeeForService(lines=[arr.FeeForServiceLine(**line) for line in lines], collection_rate_pct=collection)


FFS_LINES = (
    {"service": "Case management", "services_per_month": 100, "rate": "25.50"},
    {"service": "Peer navigation", "services_per_month": 40, "rate": 80},
    {"service": "Wound care", "services_per_month": 10},  # no rate yet
)


# ---------------------------------------------------------------- fee-for-service


def test_fee_for_service_is_volume_times_rate_times_twelve():
    # (100 x 25.50 + 40 x 80) x 12 = (2,550 + 3,200) x 12 = 69,000
    result = arr.fee_for_service_result(ffs(*FFS_LINES), D(20))
    assert result.expected == D("69000.00")
    assert result.good_year == D("82800.00")  # 69,000 x 1.2
    assert result.bad_year == D("55200.00")  # 69,000 x 0.8
    assert result.entered


def test_fee_for_service_line_without_rate_counts_zero_and_is_named_in_a_warning():
    result = arr.fee_for_service_result(ffs(*FFS_LINES), D(20))
    assert len(result.warnings) == 1
    assert "Wound care" in result.warnings[0]


def test_fee_for_service_collection_rate_reduces_revenue():
    # 69,000 x 90% = 62,100
    assert arr.fee_for_service_annual(ffs(*FFS_LINES, collection=90)) == D("62100.00")


def test_rates_are_rounded_to_cents_and_floats_keep_their_typed_value():
    line = arr.FeeForServiceLine(service="X", services_per_month=1, rate=33.335)
    assert line.rate == D("33.34")
    assert arr.FeeForServiceLine(service="X", rate=0.1).rate == D("0.10")


def test_fee_for_service_without_priced_lines_is_not_entered():
    result = arr.fee_for_service_result(ffs({"service": "Naloxone", "services_per_month": 50}), D(20))
    assert not result.entered
    assert result.expected == 0


# ---------------------------------------------------------------- PMPM


def test_care_coordination_fee_is_members_times_fee_times_twelve():
    # 250 x 12.50 x 12 = 37,500; +/-20% = 45,000 / 30,000
    result = arr.care_coordination_fee_result(arr.CareCoordinationFee(members=250, pmpm="12.50"), D(20))
    assert (result.expected, result.good_year, result.bad_year) == (D("37500.00"), D("45000.00"), D("30000.00"))
    assert "$12.50 per member per month" in result.note


# ---------------------------------------------------------------- pay for performance


def test_pay_for_performance_expects_bonus_times_likelihood_and_ranges_from_none_to_all():
    p4p = arr.PayForPerformance(
        measures=[
            arr.PerformanceMeasure(measure="Follow-up within 7 days", bonus=10_000, likelihood_pct=50),  # 5,000
            arr.PerformanceMeasure(measure="Screening rate", bonus=4_000, likelihood_pct=25),  # 1,000
        ]
    )
    result = arr.pay_for_performance_result(p4p)
    assert result.expected == D("6000.00")
    assert result.good_year == D("14000.00")
    assert result.bad_year == D("0.00")


def test_likelihood_above_100_percent_is_refused():
    with pytest.raises(ValidationError):
        arr.PerformanceMeasure(measure="M", bonus=1, likelihood_pct=101)


# ---------------------------------------------------------------- bundled payment


def bundle(**kw):
    fields = {
        "patients": 80,
        "payment_per_patient": 1200,
        "startup_payment": 15_000,
        "startup_costs": [
            {"item": "Registry", "cost": 12_000},
            {"item": "Measurement-based care tools", "cost": 6_500},
        ],
    }
    fields.update(kw)
    return arr.BundledPayment(**fields)


def test_bundled_payment_is_patients_times_payment_plus_one_time_startup():
    # 80 x 1,200 = 96,000 recurring + 15,000 start-up = 111,000 in the first year
    result = arr.bundled_payment_result(bundle(), D(10))
    assert result.expected == D("111000.00")
    assert result.one_time == D("15000.00")
    assert result.good_year == D("120600.00")  # 96,000 x 1.1 + 15,000
    assert result.bad_year == D("101400.00")  # 96,000 x 0.9 + 15,000
    assert "later years bring $96,000" in result.note


def test_bundled_startup_gap_is_costs_not_covered_by_the_startup_payment():
    # 12,000 + 6,500 = 18,500 of costs; 15,000 paid; 3,500 uncovered
    b = bundle()
    assert arr.startup_costs_total(b) == D("18500.00")
    assert arr.startup_gap(b) == D("3500.00")
    assert "$3,500" in arr.bundled_payment_result(b, D(10)).warnings[0]
    assert arr.startup_gap(bundle(startup_payment=20_000)) == 0


def test_bundled_first_year_net_and_break_even_patients():
    # cost 1,000 per patient: margin 200 x 80 = 16,000 + 15,000 start-up payment - 18,500 start-up costs = 12,500
    b = bundle(cost_per_patient=1000)
    assert arr.bundled_first_year_net(b) == D("12500.00")
    # uncovered start-up 3,500 / margin 200 = 17.5 -> 18 patients
    assert arr.bundled_break_even_patients(b) == 18
    assert arr.bundled_break_even_patients(bundle(cost_per_patient=1200)) is None  # no margin: never
    assert arr.bundled_break_even_patients(bundle(startup_payment=20_000, cost_per_patient=900)) == 0
    covered = arr.bundled_payment_result(bundle(startup_payment=20_000, cost_per_patient=900), D(10)).note
    assert "the start-up payment already covers the start-up costs" in covered
    assert arr.bundled_first_year_net(bundle()) is None
    assert (
        "nets $12,500; 18 enrolled patients would cover the start-up costs" in arr.bundled_payment_result(b, D(10)).note
    )


# ---------------------------------------------------------------- shared savings


def savings(**kw):
    fields = {
        "baseline_cost_per_member": 9000,
        "members": 500,
        "expected_reduction_pct": 3,
        "good_year_reduction_pct": 6,
        "bad_year_reduction_pct": -4,
        "minimum_savings_rate_pct": 2,
        "savings_share_pct": 50,
        "risk": "upside_only",
        "minimum_loss_rate_pct": 2,
        "loss_share_pct": 40,
    }
    fields.update(kw)
    return arr.SharedSavings(**fields)


def test_shared_savings_pays_the_share_of_savings_above_the_minimum_savings_rate():
    # baseline 9,000 x 500 = 4,500,000; 3% = 135,000 saved; 50% share = 67,500
    s = savings()
    assert arr.shared_savings_benchmark(s) == D("4500000.00")
    assert arr.shared_savings_payment(s, D(3)) == D("67500.00")


def test_savings_below_the_minimum_savings_rate_pay_nothing():
    # 1.5% of 4,500,000 = 67,500 saved, but 1.5% < 2% minimum savings rate
    s = savings(expected_reduction_pct="1.5")
    assert arr.shared_savings_payment(s, D("1.5")) == 0
    result = arr.shared_savings_result(s)
    assert result.expected == 0
    assert "below the minimum savings rate" in result.warnings[0]


def test_savings_exactly_at_the_minimum_savings_rate_are_shared_from_the_first_dollar():
    # 2% of 4,500,000 = 90,000; 50% = 45,000
    assert arr.shared_savings_payment(savings(), D(2)) == D("45000.00")


def test_two_sided_losses_make_the_program_pay_its_share():
    # costs up 4%: loss 180,000; program's 40% share = 72,000 owed
    assert arr.shared_savings_payment(savings(risk="two_sided"), D(-4)) == D("-72000.00")


def test_two_sided_losses_are_capped_at_the_loss_cap():
    # cap 1% of 4,500,000 = 45,000 < 72,000
    assert arr.shared_savings_payment(savings(risk="two_sided", loss_cap_pct=1), D(-4)) == D("-45000.00")


def test_two_sided_losses_below_the_threshold_cost_nothing():
    # costs up 1%: inside the 2% corridor
    assert arr.shared_savings_payment(savings(risk="two_sided"), D(-1)) == 0


def test_upside_only_never_owes_money():
    assert arr.shared_savings_payment(savings(), D(-10)) == 0


def test_shared_savings_range_uses_good_and_bad_year_reductions():
    # good: 6% of 4,500,000 = 270,000 x 50% = 135,000; bad (two-sided): -72,000
    result = arr.shared_savings_result(savings(risk="two_sided"))
    assert (result.expected, result.good_year, result.bad_year) == (D("67500.00"), D("135000.00"), D("-72000.00"))
    assert "Two-sided" in result.note
    assert "-$72,000" in result.note


def test_savings_are_capped_at_a_share_of_the_benchmark():
    # 30% of 4,500,000 = 1,350,000 saved; 50% of that = 675,000, which is 15% of the benchmark.
    # A cap of 10% of the benchmark pays 450,000 instead.
    assert arr.shared_savings_payment(savings(), D(30)) == D("675000")
    capped = savings(savings_cap_pct=10, expected_reduction_pct=30)
    assert arr.shared_savings_payment(capped, D(30)) == D("450000")
    result = arr.shared_savings_result(capped)
    assert "The savings cap (10% of the benchmark) limits the expected payment to $450,000." in result.warnings
    assert any("at most the savings cap, 10% of the benchmark ($450,000)" in f for f in result.formulas)


def test_the_minimum_loss_rate_is_its_own():
    # Savings count from 2%, losses only from 5%: costs up 4% cost nothing; up 6%: 270,000 x 40% = 108,000 owed.
    s = savings(risk="two_sided", minimum_loss_rate_pct=5)
    assert arr.shared_savings_payment(s, D(-4)) == 0
    assert arr.shared_savings_payment(s, D(-6)) == D("-108000")
    assert arr.shared_savings_payment(s, D(2)) == D("45000")  # 90,000 x 50%, from the 2% minimum savings rate


def test_two_sided_risk_waits_for_its_minimum_loss_rate():
    result = arr.shared_savings_result(savings(risk="two_sided", minimum_loss_rate_pct=None))
    assert not result.entered and "enter the minimum loss rate" in result.note
    assert arr.shared_savings_payment(savings(risk="two_sided", minimum_loss_rate_pct=None), D(-10)) == 0


def test_a_quality_score_scales_the_sharing_rate():
    # 3% of 4,500,000 = 135,000 saved; 50% share x 80% quality = 40%: 54,000.
    s = savings(quality_score_pct=80)
    assert arr.sharing_rate(s) == D(40)
    assert arr.shared_savings_payment(s, D(3)) == D("54000")
    result = arr.shared_savings_result(s)
    assert "scaled by a quality score of 80%" in result.note
    assert any("sharing rate (50% x quality score 80% = 40%)" in f for f in result.formulas)


def test_every_arrangement_states_its_formula():
    result = arr.scenario_result(scenario(fee_for_service=ffs({"service": "Visit", "services_per_month": 10})))
    assert all(r.formulas for r in result.results)
    pmpm = result.result("care_coordination_fee")
    assert pmpm.formulas[0].startswith("Expected in a year = members x fee per member per month x 12")


def test_reduction_outside_minus_100_to_100_is_refused():
    with pytest.raises(ValidationError):
        savings(expected_reduction_pct=150)


# ---------------------------------------------------------------- scenario and comparison


def scenario(name="Today", **kw):
    fields = {
        "volume_swing_pct": 20,
        "fee_for_service": ffs(*FFS_LINES),
        "care_coordination_fee": arr.CareCoordinationFee(members=250, pmpm="12.50"),
        "shared_savings": savings(),
    }
    fields.update(kw)
    return arr.ArrangementScenario(name=name, **fields)


def test_scenario_result_has_the_five_arrangements_in_order():
    result = arr.scenario_result(scenario())
    assert [r.kind for r in result.results] == list(arr.KINDS)
    assert result.result("care_coordination_fee").expected == D("37500.00")
    assert not result.result("pay_for_performance").entered


def test_comparison_rows_put_scenarios_side_by_side():
    a = arr.scenario_result(scenario("Today"))
    b = arr.scenario_result(
        scenario("With a plan", care_coordination_fee=arr.CareCoordinationFee(members=100, pmpm=10))
    )
    rows = arr.comparison_rows([a, b])
    pmpm = next(r for r in rows if r["Arrangement"] == "Care coordination fee (PMPM)")
    # 100 x 10 x 12 = 12,000; +/-20% = 14,400 / 9,600
    assert pmpm == {
        "Arrangement": "Care coordination fee (PMPM)",
        "Today": "$37,500 ($30,000 to $45,000)",
        "With a plan": "$12,000 ($9,600 to $14,400)",
    }
    assert next(r for r in rows if r["Arrangement"] == "Pay for performance")["Today"] == "not entered"


def test_chart_series_leaves_out_arrangements_not_entered_or_left_out():
    s = scenario()
    s.shared_savings.include = False
    points = arr.chart_series([arr.scenario_result(s)])
    assert [p["arrangement"] for p in points] == ["Fee-for-service", "Care coordination fee (PMPM)"]
    assert points[0]["expected"] == 69000.0


def test_equivalent_pmpm_answers_the_reverse_question():
    # 69,000 a year / (250 members x 12 months) = 23.00
    assert arr.equivalent_pmpm(D(69000), 250) == D("23.00")
    assert arr.equivalent_pmpm(D(69000), 0) is None
    assert arr.pmpm_equivalent_sentence(scenario()) == (
        "Today: a care coordination fee of $23.00 per member per month for 250 members would bring the same as "
        "fee-for-service ($69,000 a year)."
    )


def test_scenario_name_is_required_and_cleaned():
    with pytest.raises(ValidationError, match="Scenario name is required"):
        arr.ArrangementScenario(name="  \x00 ")
    assert arr.ArrangementScenario(name="  Today\x07  ").name == "Today"


# ---------------------------------------------------------------- storage


def add_step3(store, ws_id):
    save_service_row(
        store,
        ws_id,
        ServiceRow(
            service_id="naloxone",
            category="preventative",
            name="Naloxone",
            services_per_month=120,
            clients_per_month=90,
            currently_offer=True,
        ),
    )
    save_service_row(
        store,
        ws_id,
        ServiceRow(
            service_id="wound_care",
            category="medical",
            name="Wound care",
            services_per_month=30,
            clients_per_month=20,
            potentially_offer=True,
        ),
    )
    save_service_row(
        store,
        ws_id,
        ServiceRow(
            service_id="hiv_testing",
            category="medical",
            name="HIV testing",
            services_per_month=15,
            clients_per_month=15,
        ),
    )  # not offered


def test_new_scenario_takes_fee_for_service_volumes_from_step_3(store, workspace):
    add_step3(store, workspace.id)
    rid = arr.create_scenario(store, workspace.id, "Today")
    lines = arr.get_scenario(store, workspace.id, rid).fee_for_service.lines
    assert [(line.service_id, line.services_per_month, line.rate, line.volume_from) for line in lines] == [
        ("naloxone", 120, None, "step3"),
        ("wound_care", 30, None, "step3"),
    ]


def test_update_scenario_saves_one_input_and_refuses_bad_input_without_losing_anything(store, workspace):
    rid = arr.create_scenario(store, workspace.id, "Today")
    arr.update_scenario(store, workspace.id, rid, "care_coordination_fee.members", 250)
    with pytest.raises(ValidationError):
        arr.update_scenario(store, workspace.id, rid, "care_coordination_fee.members", -5)
    assert arr.get_scenario(store, workspace.id, rid).care_coordination_fee.members == 250


def test_a_bad_row_of_a_table_input_is_named_by_row_and_column(store, workspace):
    rid = arr.create_scenario(store, workspace.id, "Today")
    rows = [
        {"measure": "Follow-up", "bonus": 1000, "likelihood_pct": 50},
        {"measure": "Screening", "likelihood_pct": 140},
    ]
    with pytest.raises(
        ValueError, match=r"Row 2: Chance of meeting it \(%\): Input should be less than or equal to 100"
    ):
        arr.update_scenario(store, workspace.id, rid, "pay_for_performance.measures", rows)
    assert arr.get_scenario(store, workspace.id, rid).pay_for_performance.measures == []


def test_scenario_names_are_unique_whatever_the_case(store, workspace):
    arr.create_scenario(store, workspace.id, "Today")
    with pytest.raises(ValueError, match="already a scenario"):
        arr.create_scenario(store, workspace.id, "  today ")


def test_copy_of_a_scenario_keeps_its_inputs(store, workspace):
    rid = arr.create_scenario(store, workspace.id, "Today")
    arr.update_scenario(store, workspace.id, rid, "care_coordination_fee.pmpm", "12.5")
    copy = arr.create_scenario(store, workspace.id, "With a partner", copy_of=rid)
    assert arr.get_scenario(store, workspace.id, copy).care_coordination_fee.pmpm == D("12.50")
    assert [s.name for _, s in arr.list_scenarios(store, workspace.id)] == ["Today", "With a partner"]


def test_refresh_volumes_keeps_rates_and_added_lines(store, workspace):
    add_step3(store, workspace.id)
    rid = arr.create_scenario(store, workspace.id, "Today")
    lines = [line.model_dump(mode="json") for line in arr.get_scenario(store, workspace.id, rid).fee_for_service.lines]
    lines[0]["rate"] = "30"
    lines.append({"service": "Group education", "services_per_month": 8, "rate": "15"})
    arr.update_scenario(store, workspace.id, rid, "fee_for_service.lines", lines)
    save_service_row(
        store,
        workspace.id,
        ServiceRow(
            service_id="naloxone",
            category="preventative",
            name="Naloxone",
            services_per_month=200,
            clients_per_month=90,
            currently_offer=True,
        ),
    )
    refreshed = arr.refresh_volumes(store, workspace.id, rid).fee_for_service.lines
    assert [(line.service, line.services_per_month, line.rate) for line in refreshed] == [
        ("Naloxone", 200, D("30.00")),
        ("Wound care", 30, None),
        ("Group education", 8, D("15.00")),
    ]


def test_a_changed_step_3_volume_becomes_your_estimate(store, workspace):
    add_step3(store, workspace.id)
    rid = arr.create_scenario(store, workspace.id, "Today")
    rows = [line.model_dump() for line in arr.get_scenario(store, workspace.id, rid).fee_for_service.lines]
    rows[0]["services_per_month"] = 99
    rows.append({"service": "Outreach", "services_per_month": 3})
    lines = arr.save_fee_for_service_lines(store, workspace.id, rid, rows).fee_for_service.lines
    assert [(line.service, line.volume_from) for line in lines] == [
        ("Naloxone", "estimate"),
        ("Wound care", "step3"),
        ("Outreach", "estimate"),
    ]


def test_scenarios_are_kept_per_workspace(store, workspace):
    from tests.conftest import make_workspace

    other = make_workspace(store, "Other Program")
    arr.create_scenario(store, workspace.id, "Today")
    assert arr.list_scenarios(store, other.id) == []


def test_progress_counts_arrangements_entered_in_any_scenario(store, workspace):
    assert arr.progress(store, workspace.id).share == 0
    rid = arr.create_scenario(store, workspace.id, "Today")
    arr.update_scenario(
        store, workspace.id, rid, "care_coordination_fee", {"include": True, "members": 100, "pmpm": "10"}
    )
    p = arr.progress(store, workspace.id)
    assert p.share == pytest.approx(1 / 5)
    assert p.detail == "1 scenario, 1 of 5 arrangements entered"


def test_demo_filler_takes_step_3_volumes_where_the_demo_has_them(store, workspace):
    add_step3(store, workspace.id)
    arr.fill_demo(
        store,
        workspace.id,
        {
            "scenarios": [
                {
                    "name": "Today",
                    "fee_for_service": {
                        "lines": [
                            {"service": "Naloxone", "service_id": "naloxone", "services_per_month": 5, "rate": "20"},
                            {"service": "Outreach", "services_per_month": 7, "rate": "10"},
                        ]
                    },
                }
            ]
        },
    )
    [(_, s)] = arr.list_scenarios(store, workspace.id)
    assert [(line.services_per_month, line.volume_from) for line in s.fee_for_service.lines] == [
        (120, "step3"),
        (7, "estimate"),
    ]
    assert answers.list_records(store, workspace.id, arr.RECORD_KIND)[0].data["name"] == "Today"


# ---------------------------------------------------------------- properties

percents = st.decimals(min_value=-100, max_value=100, places=2)
shares = st.decimals(min_value=0, max_value=100, places=2)


@given(a=percents, b=percents, msr=shares, share=shares, loss=shares, two_sided=st.booleans())
def test_shared_savings_payment_never_falls_as_the_reduction_grows(a, b, msr, share, loss, two_sided):
    s = savings(
        minimum_savings_rate_pct=msr,
        savings_share_pct=share,
        loss_share_pct=loss,
        risk="two_sided" if two_sided else "upside_only",
    )
    low, high = sorted((a, b))
    assert arr.shared_savings_payment(s, low) <= arr.shared_savings_payment(s, high)


@settings(deadline=None)  # a busy machine must not fail it on time
@given(
    reduction=percents,
    msr=shares,
    share=shares,
    cap=st.none() | shares,
    savings_cap=st.none() | shares,
    quality=st.none() | shares,
    mlr=st.none() | shares,
)
def test_shared_savings_stay_within_the_share_and_the_cap(reduction, msr, share, cap, savings_cap, quality, mlr):
    s = savings(
        minimum_savings_rate_pct=msr,
        savings_share_pct=share,
        loss_share_pct=share,
        risk="two_sided",
        loss_cap_pct=cap,
        savings_cap_pct=savings_cap,
        quality_score_pct=quality,
        minimum_loss_rate_pct=mlr,
    )
    paid = arr.shared_savings_payment(s, reduction)
    benchmark = arr.shared_savings_benchmark(s)
    assert abs(paid) <= benchmark * abs(reduction) / 100 * share / 100  # exact: never more than the share
    if cap is not None:
        assert -paid <= benchmark * cap / 100
    if savings_cap is not None:
        assert paid <= benchmark * savings_cap / 100
    if mlr is None or -reduction < mlr:
        assert paid >= 0  # no loss is shared below the minimum loss rate, nor without one
    assert arr.shared_savings_payment(s.model_copy(update={"risk": "upside_only"}), reduction) >= 0


@given(volumes=st.lists(st.integers(0, 10_000), min_size=1, max_size=5), swing=shares)
def test_fee_for_service_range_brackets_the_expected_revenue(volumes, swing):
    lines = [{"service": f"S{i}", "services_per_month": v, "rate": "12.34"} for i, v in enumerate(volumes)]
    result = arr.fee_for_service_result(ffs(*lines), swing)
    assert result.bad_year <= result.expected <= result.good_year
    assert result.expected == cents(D(sum(volumes)) * D("12.34") * 12)
