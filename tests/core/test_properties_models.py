"""Property-based tests (hypothesis) of the core models' inputs (issue 9, "Bad input and faults").

For invalid input every model must raise a pydantic ValidationError or a ValueError with a message a
page can show, never another exception; for valid input the results are finite and keep the model's
identities (shares in 0..1, totals that add up, net = revenue - cost ...).
"""

import datetime as dt
import math
import statistics
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from core.care_model import care_model_fit, first_five, five_x_planner, one_twenty_five, process_measures
from core.hrh import agenda, cost_benefit, financing_adventure, money_flows, readiness, services
from core.money import MAX_AMOUNT, cents
from core.store import migrate
from core.store.database import Store
from core.sustain import payment_arrangements
from core.text import sanitize_text
from core.workshop import session
from tests.conftest import make_workspace

FAST = settings(max_examples=60, deadline=None)

# Anything a page or a hostile file could hand a model as a value.
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
hostile_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


def refused(call, *args, **kwargs) -> str:
    """Run `call`; it must refuse with ValidationError/ValueError and a non-empty message. Returns it."""
    with pytest.raises((ValidationError, ValueError)) as caught:
        call(*args, **kwargs)
    message = str(caught.value)
    assert message.strip()
    return message


def accepted_or_refused(call, *args, **kwargs):
    """Run `call`: either a result, or ValidationError/ValueError with a message; never anything else."""
    try:
        return call(*args, **kwargs)
    except (ValidationError, ValueError) as exc:
        assert str(exc).strip()
        return None


# ---------------------------------------------------------------- readiness

ITEM_IDS = sorted(readiness.item_ids())
readiness_answers = st.dictionaries(st.sampled_from(ITEM_IDS), st.one_of(st.none(), st.integers(1, 4)))


@FAST
@given(readiness_answers)
def test_readiness_scores_stay_on_the_scale_and_add_up(answers):
    scores = readiness.score_readiness(answers)
    assert scores.total == len(ITEM_IDS)
    assert scores.answered == sum(1 for v in answers.values() if v is not None)
    assert scores.not_sure == sum(1 for v in answers.values() if v is None)
    assert scores.answered == sum(d.answered for d in scores.domains)
    assert math.isclose(scores.completion, scores.answered / scores.total)
    for d in scores.domains:
        assert d.answered + d.not_sure <= d.total
        assert math.isclose(d.completion, d.answered / d.total)
        if d.answered:
            assert 1 <= d.mean <= 4
            assert math.isclose(d.share, (d.mean - 1) / 3)
            assert 0 <= d.share <= 1
        else:
            assert d.mean is None and d.share is None and not d.enough
    if scores.answered:
        assert 1 <= scores.overall_mean <= 4
        assert math.isclose(scores.overall_share, (scores.overall_mean - 1) / 3)
    else:
        assert scores.overall_mean is None
    ranked_means = [scores.domain(d).mean for d in scores.ranked]
    assert ranked_means == sorted(ranked_means, reverse=True)
    assert set(scores.ranked) == {d.domain_id for d in scores.domains if d.enough}


@FAST
@given(readiness_answers, st.integers(1, 6))
def test_strongest_and_weakest_domains_never_overlap(answers, n):
    scores = readiness.score_readiness(answers)
    strongest = readiness.strongest_domains(scores, n)
    weakest = readiness.weakest_domains(scores, n)
    assert len(strongest) <= n and len(weakest) <= n
    assert not {d.domain_id for d in strongest} & {d.domain_id for d in weakest}
    assert all(d.enough for d in strongest + weakest)
    weak_means = [d.mean for d in weakest]
    assert weak_means == sorted(weak_means)
    summary = readiness.readiness_summary(scores, n)
    assert all(s.strip() for s in summary.sentences)


@FAST
@given(st.sampled_from(ITEM_IDS), junk.filter(lambda v: not (type(v) is int and 1 <= v <= 4) and v is not None))
def test_readiness_answer_off_the_scale_is_refused_by_name(item_id, value):
    message = refused(readiness.score_readiness, {item_id: value})
    assert item_id in message


@FAST
@given(st.dictionaries(st.text(max_size=20), st.one_of(st.none(), st.integers(1, 4)), max_size=5))
def test_readiness_ignores_answers_to_unknown_items(answers):
    unknown = {k: v for k, v in answers.items() if k not in readiness.item_ids()}
    assert readiness.score_readiness(unknown).answered == 0


@FAST
@given(readiness_answers, readiness_answers)
def test_compare_rounds_change_is_later_minus_earlier(a, b):
    earlier, later = readiness.score_readiness(a), readiness.score_readiness(b)
    comparison = readiness.compare_rounds(earlier, later)
    for change in comparison.domains:
        if change.earlier_mean is None or change.later_mean is None:
            assert change.change is None and change.direction == "not comparable"
        else:
            assert math.isclose(change.change, change.later_mean - change.earlier_mean, abs_tol=1e-9)
            assert -3 <= change.change <= 3


# ---------------------------------------------------------------- services

CATEGORY_IDS = [c.id for c in services.categories()]
counts = st.integers(0, services.MAX_MONTHLY_COUNT)
service_rows = st.builds(
    services.ServiceRow,
    category=st.sampled_from(CATEGORY_IDS),
    name=st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=40).filter(
        str.strip
    ),
    services_per_month=counts,
    clients_per_month=counts,
    currently_offer=st.booleans(),
    potentially_offer=st.booleans(),
)


@FAST
@given(
    category=st.one_of(st.sampled_from(CATEGORY_IDS), junk),
    name=st.one_of(hostile_text, junk),
    services_per_month=junk,
    clients_per_month=junk,
    currently_offer=junk,
)
def test_service_row_takes_anything_and_refuses_with_a_message(
    category, name, services_per_month, clients_per_month, currently_offer
):
    row = accepted_or_refused(
        services.ServiceRow,
        category=category,
        name=name,
        services_per_month=services_per_month,
        clients_per_month=clients_per_month,
        currently_offer=currently_offer,
    )
    if row is not None:
        assert row.category in CATEGORY_IDS
        assert 0 <= row.services_per_month <= services.MAX_MONTHLY_COUNT
        assert 0 <= row.clients_per_month <= services.MAX_MONTHLY_COUNT
        assert row.name.strip()


@FAST
@given(
    st.sampled_from(CATEGORY_IDS),
    st.one_of(st.integers(max_value=-1), st.integers(min_value=services.MAX_MONTHLY_COUNT + 1)),
)
def test_service_counts_out_of_range_are_refused(category, count):
    refused(services.ServiceRow, category=category, name="Syringe services", services_per_month=count)
    refused(services.ServiceRow, category=category, name="Syringe services", clients_per_month=count)


@FAST
@given(st.lists(service_rows, max_size=12))
def test_category_totals_add_up_to_the_overall_totals(rows):
    by_category = services.category_totals(rows)
    overall = services.overall_totals(rows)
    assert [t.category for t in by_category] == CATEGORY_IDS
    for field in ("current_services", "current_clients", "potential_services", "potential_clients", "rows_filled"):
        assert sum(getattr(t, field) for t in by_category) == getattr(overall, field)
    offered = services.offered_rows(rows)
    assert overall.total_services == sum(r.services_per_month for r in rows if r.currently_offer or r.potentially_offer)
    assert sum(r.services_per_month for r in offered) == overall.total_services
    assert all(isinstance(m, str) and m for m in services.map_warnings(rows))


# ---------------------------------------------------------------- money flows (Step 7 worked examples)


def _bounds(field) -> tuple[object, object]:
    low = next((m.ge for m in field.metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in field.metadata if hasattr(m, "le")), None)
    return low, high


def valid_inputs(model: type) -> st.SearchStrategy:
    """Inputs of a money-flows example model, every field drawn inside its own constraints."""
    fields = {}
    for name, field in model.model_fields.items():
        low, high = _bounds(field)
        if field.annotation is int:
            fields[name] = st.integers(low, high)
        else:
            fields[name] = st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False)
    return st.fixed_dictionaries(fields).map(lambda values: model(**values))


def one_field_out_of_range(model: type) -> st.SearchStrategy:
    """A field name and a value below its minimum or above its maximum."""
    options = []
    for name, field in model.model_fields.items():
        low, high = _bounds(field)
        options.append(
            st.tuples(st.just(name), st.decimals(max_value=low, allow_nan=False).filter(lambda v, lo=low: v < lo))
        )
        options.append(
            st.tuples(st.just(name), st.decimals(min_value=high, allow_nan=False).filter(lambda v, hi=high: v > hi))
        )
    return st.one_of(options)


FLOWS = [
    (money_flows.FeeForServiceInputs, money_flows.fee_for_service),
    (money_flows.CapitationInputs, money_flows.capitation),
    (money_flows.PayForPerformanceInputs, money_flows.pay_for_performance),
    (money_flows.BundledPaymentInputs, money_flows.bundled_payment),
    (money_flows.SharedSavingsInputs, money_flows.shared_savings),
]


def _check_flow(flow: money_flows.MoneyFlow) -> None:
    for amount in (flow.program_receives, flow.program_costs, flow.program_net, flow.at_risk):
        assert amount.is_finite()
        assert amount == amount.quantize(Decimal("0.01"))
    assert flow.program_net == flow.program_receives - flow.program_costs
    assert flow.program_receives >= 0 and flow.program_costs >= 0 and flow.at_risk >= 0
    assert sum((p.amount for p in flow.payments), Decimal(0)) == flow.program_receives
    assert all(line.strip() for line in flow.explanation)


@pytest.mark.parametrize(("model", "function"), FLOWS, ids=[f.__name__ for _, f in FLOWS])
def test_money_flows_are_consistent_for_any_valid_inputs(model, function):
    @FAST
    @given(valid_inputs(model))
    def check(inputs):
        _check_flow(function(inputs))

    check()


@pytest.mark.parametrize(("model", "function"), FLOWS, ids=[f.__name__ for _, f in FLOWS])
def test_money_flows_refuse_out_of_range_and_junk_inputs(model, function):
    @FAST
    @given(one_field_out_of_range(model))
    def out_of_range(name_value):
        name, value = name_value
        assert name in refused(model, **{name: value})

    @FAST
    @given(st.dictionaries(st.sampled_from(list(model.model_fields)), junk, max_size=3))
    def anything(values):
        inputs = accepted_or_refused(model, **values)
        if inputs is not None:
            _check_flow(function(inputs))

    out_of_range()
    anything()


@FAST
@given(valid_inputs(money_flows.SharedSavingsInputs))
def test_shared_savings_pays_only_above_the_minimum_savings(inputs):
    flow = money_flows.shared_savings(inputs)
    savings = inputs.expected_cost - inputs.actual_cost
    if savings <= 0 or savings < inputs.expected_cost * inputs.minimum_savings_rate / 100:
        assert flow.program_receives == 0
    else:
        assert flow.program_receives <= savings


# ---------------------------------------------------------------- payment arrangements (Step 8)

money_in = st.decimals(0, 100_000_000, places=2)
percent_in = st.decimals(0, 100, places=2)
signed_percent_in = st.decimals(-100, 100, places=2)
people_in = st.integers(0, payment_arrangements.MAX_PEOPLE)
plain_name = st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=30)

arrangement_scenarios = st.fixed_dictionaries(
    {
        "name": plain_name,
        "volume_swing_pct": percent_in,
        "fee_for_service": st.fixed_dictionaries(
            {
                "include": st.booleans(),
                "lines": st.lists(
                    st.fixed_dictionaries(
                        {
                            "service": plain_name,
                            "services_per_month": st.integers(0, services.MAX_MONTHLY_COUNT),
                            "rate": st.one_of(st.none(), money_in),
                        }
                    ),
                    max_size=4,
                ),
                "collection_rate_pct": percent_in,
            }
        ),
        "care_coordination_fee": st.fixed_dictionaries({"members": people_in, "pmpm": money_in}),
        "pay_for_performance": st.fixed_dictionaries(
            {
                "measures": st.lists(
                    st.fixed_dictionaries({"measure": plain_name, "bonus": money_in, "likelihood_pct": percent_in}),
                    max_size=4,
                )
            }
        ),
        "bundled_payment": st.fixed_dictionaries(
            {
                "patients": people_in,
                "payment_per_patient": money_in,
                "startup_payment": money_in,
                "startup_costs": st.lists(st.fixed_dictionaries({"item": plain_name, "cost": money_in}), max_size=3),
                "cost_per_patient": st.one_of(st.none(), money_in),
            }
        ),
        "shared_savings": st.fixed_dictionaries(
            {
                "baseline_cost_per_member": money_in,
                "members": people_in,
                "expected_reduction_pct": signed_percent_in,
                "good_year_reduction_pct": signed_percent_in,
                "bad_year_reduction_pct": signed_percent_in,
                "minimum_savings_rate_pct": percent_in,
                "savings_share_pct": percent_in,
                "risk": st.sampled_from(["upside_only", "two_sided"]),
                "loss_share_pct": percent_in,
                "loss_cap_pct": st.one_of(st.none(), percent_in),
            }
        ),
    }
)


def _check_arrangements(scenario: payment_arrangements.ArrangementScenario) -> None:
    result = payment_arrangements.scenario_result(scenario)
    assert [r.kind for r in result.results] == list(payment_arrangements.KINDS)
    for r in result.results:
        for amount in (r.expected, r.good_year, r.bad_year, r.one_time):
            assert amount.is_finite()
        assert r.bad_year <= r.expected <= r.good_year, r.kind
        assert r.note.strip() and r.risk.strip()
    ffs = result.result("fee_for_service")
    assert ffs.expected == payment_arrangements.fee_for_service_annual(scenario.fee_for_service)
    fee = scenario.care_coordination_fee
    assert result.result("care_coordination_fee").expected == cents(fee.members * fee.pmpm * 12)
    bundle = scenario.bundled_payment
    assert payment_arrangements.startup_gap(bundle) >= 0
    assert payment_arrangements.startup_gap(bundle) == max(
        Decimal(0), payment_arrangements.startup_costs_total(bundle) - bundle.startup_payment
    )
    patients = payment_arrangements.bundled_break_even_patients(bundle)
    assert patients is None or 0 <= patients
    assert payment_arrangements.comparison_rows([result])
    payment_arrangements.chart_series([result])
    payment_arrangements.pmpm_equivalent_sentence(scenario)


@FAST
@given(arrangement_scenarios)
def test_arrangements_keep_bad_year_below_expected_below_good_year(data):
    _check_arrangements(payment_arrangements.ArrangementScenario.model_validate(data))


@FAST
@given(
    arrangement_scenarios,
    st.sampled_from(
        [
            ("volume_swing_pct",),
            ("fee_for_service", "collection_rate_pct"),
            ("care_coordination_fee", "members"),
            ("care_coordination_fee", "pmpm"),
            ("bundled_payment", "patients"),
            ("bundled_payment", "payment_per_patient"),
            ("bundled_payment", "cost_per_patient"),
            ("shared_savings", "expected_reduction_pct"),
            ("shared_savings", "minimum_savings_rate_pct"),
            ("shared_savings", "loss_cap_pct"),
            ("shared_savings", "risk"),
            ("name",),
        ]
    ),
    junk,
)
def test_arrangement_scenario_refuses_bad_values_with_a_message(data, path, value):
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    scenario = accepted_or_refused(payment_arrangements.ArrangementScenario.model_validate, data)
    if scenario is not None:
        _check_arrangements(scenario)


@FAST
@given(
    st.one_of(
        st.decimals(max_value=Decimal("-0.01"), allow_nan=False),
        st.decimals(min_value=Decimal("100.01"), allow_nan=False),
    )
)
def test_percent_inputs_outside_0_to_100_are_refused(value):
    refused(payment_arrangements.PerformanceMeasure, measure="Linkage", likelihood_pct=value)
    refused(payment_arrangements.SharedSavings, minimum_savings_rate_pct=value)


@FAST
@given(st.one_of(st.decimals(min_value=Decimal("100000000.01"), allow_nan=False), st.floats(min_value=1e8 + 1)))
def test_money_too_large_to_round_is_refused_not_crashed(value):
    # Found by these tests: 1e26 made rounding to cents raise decimal.InvalidOperation (core/money.py).
    refused(payment_arrangements.CareCoordinationFee, members=1, pmpm=value)


# ---------------------------------------------------------------- care management ROI (Step 6)


def dec(low, high, places=2):
    return st.decimals(low, high, places=places)


roles_in = st.lists(
    st.fixed_dictionaries(
        {
            "role": plain_name,
            "caseload": st.integers(1, 10_000),
            "salary": dec(0, MAX_AMOUNT),
            "fringe_pct": dec(0, 100),
        }
    ),
    max_size=3,
)
uses_in = st.fixed_dictionaries({"baseline": dec(0, 365), "cost": dec(0, MAX_AMOUNT), "reduction_pct": dec(0, 100)})
roi_inputs = st.fixed_dictionaries(
    {
        "roles": roles_in,
        "overhead_pct": dec(0, 300),
        "fixed_costs": dec(0, 100_000_000),
        "ed": uses_in,
        "hospital_days": uses_in,
        "engagement_pct": dec(0, 100),
        "reported_savings_per_patient": st.one_of(st.none(), dec(0, MAX_AMOUNT)),
        "startup_cost": dec(0, 100_000_000),
        "ramp_up_months": st.integers(0, 60),
        "custom_cohort": st.one_of(st.none(), st.integers(1, 100_000)),
    }
).map(five_x_planner.RoiInputs.model_validate)


@FAST
@given(roi_inputs)
def test_roi_plan_keeps_net_equal_to_savings_minus_cost(inputs):
    for r in five_x_planner.plan(inputs):
        assert r.patients >= 1
        assert r.first_year_net == r.first_year_savings - r.first_year_cost  # as shown, to the dollar
        assert r.steady_year_net == r.steady_year_savings - r.steady_year_cost
        assert r.first_year_savings >= 0 and r.first_year_cost >= 0
        for statement in (r.first_year(), r.steady_year()):
            assert sum(line.amount for line in statement.cost_lines) == statement.cost
            assert sum(line.amount for line in statement.value_lines) == statement.value
        assert sum(s.cost for s in r.staffing) <= r.steady_year_cost or inputs.overhead_pct < 0
        exact_year = r.projection.first_year
        if exact_year.cost > 0:
            assert abs(r.roi_pct - Decimal(float(exact_year.net / exact_year.cost * 100))) <= Decimal("0.06")
        else:
            assert r.roi_pct is None
        month = r.break_even_month
        cumulative = r.projection.cumulative
        assert month is None or (cumulative[month - 1] >= 0 and all(c < 0 for c in cumulative[: month - 1]))
    assert five_x_planner.cohort_sizes(inputs) == sorted(set(five_x_planner.cohort_sizes(inputs)))


@FAST
@given(roi_inputs, st.integers(0, 3), st.integers(-5, 100_000))
def test_break_even_caseload_answers_or_refuses_with_a_message(inputs, role_index, patients):
    answer = accepted_or_refused(five_x_planner.break_even_caseload, inputs, role_index, patients)
    if answer is None:
        return
    assert answer.message.strip()
    if answer.caseload is not None:
        # At the break-even caseload, savings per patient cover the cost per patient (within rounding up).
        roles = list(inputs.roles)
        roles[role_index] = roles[role_index].model_copy(update={"caseload": answer.caseload})
        at_break_even = inputs.model_copy(update={"roles": roles})
        cost = five_x_planner.cost_per_patient(at_break_even) + inputs.fixed_costs / patients
        assert five_x_planner.savings_per_enrolled(inputs) >= cost - Decimal("0.01")
        assert five_x_planner.cohort_result(at_break_even, patients).projection.steady.net >= 0
        if answer.caseload > 1:  # one patient fewer per person does not pay
            roles[role_index] = roles[role_index].model_copy(update={"caseload": answer.caseload - 1})
            below = inputs.model_copy(update={"roles": roles})
            assert five_x_planner.cohort_result(below, patients).projection.steady.net < 0
    rows, verdict = five_x_planner.careoregon_check(inputs, role_index)
    assert verdict.strip() and len(rows) == 3


roi_fields = [
    "overhead_pct",
    "fixed_costs",
    "engagement_pct",
    "reported_savings_per_patient",
    "startup_cost",
    "ramp_up_months",
    "custom_cohort",
]


@FAST
@given(st.sampled_from(roi_fields), st.one_of(junk, hostile_text, st.decimals(allow_nan=True)))
def test_roi_inputs_refuse_anything_odd_with_a_message(field, value):
    inputs = accepted_or_refused(five_x_planner.RoiInputs.model_validate, {field: value})
    if inputs is not None:
        five_x_planner.plan(inputs)


@FAST
@given(
    st.fixed_dictionaries(
        {
            "role": st.one_of(hostile_text, junk),
            "caseload": st.one_of(junk, hostile_text),
            "salary": junk,
            "fringe_pct": junk,
        }
    )
)
def test_roles_refuse_anything_odd_with_a_message(data):
    role = accepted_or_refused(five_x_planner.RoleInput.model_validate, data)
    if role is not None:
        assert 1 <= role.caseload <= 10_000
        assert role.cost_per_fte >= 0


@FAST
@given(st.integers(max_value=0))
def test_a_cohort_needs_a_patient(patients):
    refused(five_x_planner.cohort_result, five_x_planner.RoiInputs(), patients)


# ---------------------------------------------------------------- care model fit and core team (Step 5)

FIT_QUESTIONS = care_model_fit.content().questions
fit_answers = st.fixed_dictionaries(
    {},
    optional={q.id: st.sampled_from([o.id for o in q.options]) for q in FIT_QUESTIONS},
).map(lambda answers: care_model_fit.FitAnswers(answers=answers))


@FAST
@given(fit_answers)
def test_fit_scores_are_0_to_100_and_ranked_best_first(fit):
    fits = care_model_fit.score_fit(fit)
    assert sorted(f.model_id for f in fits) == sorted(m.id for m in care_model_fit.content().models)
    assert all(0 <= f.score <= 100 for f in fits)
    assert [f.score for f in fits] == sorted((f.score for f in fits), reverse=True)
    for f in fits:
        assert all(r.points > 0 for r in f.because)
        assert all(r.points < 0 for r in f.watch_out)
        # Every point the answers give or take is explained by a reason.
        assert f.raw == sum(r.points for r in f.because) + sum(r.points for r in f.watch_out)
    if not fit.answers:
        assert all(f.score == 50 for f in fits)
    assert care_model_fit.recommendation(fits, len(fit.answers)).strip()


@FAST
@given(
    st.dictionaries(
        st.one_of(st.sampled_from([q.id for q in FIT_QUESTIONS]), st.text(max_size=10)),
        st.text(max_size=10),
        min_size=1,
    )
)
def test_fit_answers_that_are_not_in_the_questionnaire_are_refused(answers):
    known = {q.id: {o.id for o in q.options} for q in FIT_QUESTIONS}
    if all(q in known and o in known[q] for q, o in answers.items()):
        care_model_fit.FitAnswers(answers=answers)
    else:
        refused(care_model_fit.FitAnswers, answers=answers)


NEED_IDS = [n.id for n in care_model_fit.content().team.needs]


@FAST
@given(st.dictionaries(st.sampled_from(NEED_IDS), st.integers(0, 100)))
def test_core_team_always_has_a_care_manager_and_places_each_role_once(percent):
    team = care_model_fit.suggest_core_team(care_model_fit.NeedPrevalence(percent=percent))
    ids = [r.role_id for r in team]
    assert len(ids) == len(set(ids))
    assert care_model_fit.content().team.always_core in ids
    placements = [r.placement for r in team]
    assert placements == sorted(placements, key=lambda p: p != "core")
    if any(percent.values()):
        assert any(r.role_id != care_model_fit.content().team.always_core for r in team if r.placement == "core")


@FAST
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(NEED_IDS), st.text(max_size=8)), st.one_of(st.integers(), junk), min_size=1
    )
)
def test_need_shares_outside_0_to_100_or_unknown_needs_are_refused(percent):
    value = accepted_or_refused(care_model_fit.NeedPrevalence, percent=percent)
    if value is not None:
        assert all(n in NEED_IDS and 0 <= p <= 100 for n, p in value.percent.items())


@FAST
@given(role=st.one_of(hostile_text, junk), placement=junk, note=st.one_of(hostile_text, junk))
def test_team_rows_refuse_anything_odd_with_a_message(role, placement, note):
    accepted_or_refused(care_model_fit.TeamRole, role=role, placement=placement, note=note)


# ---------------------------------------------------------------- financing adventure (Step 9)

ADVENTURE = financing_adventure.graph()
QUESTION_IDS = [n.id for n in ADVENTURE.nodes if n.kind == "question"]


@FAST
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(QUESTION_IDS), st.text(max_size=8)),
        st.one_of(st.sampled_from(["yes", "no"]), st.text(max_size=5)),
    )
)
def test_following_any_answers_gives_a_valid_path_through_the_tree(given_answers):
    path = financing_adventure.follow(ADVENTURE, given_answers)
    assert (path.question is None) != (path.stop is None)
    ids = path.node_ids
    assert ids[0] == ADVENTURE.start and len(ids) == len(set(ids))
    for step, next_id in zip(path.steps, ids[1:], strict=True):
        assert step.node.kind == "question"
        assert given_answers[step.node.id] == step.answer
        assert step.target == next_id
    if path.question is not None:
        assert given_answers.get(path.question.id) not in ("yes", "no")
    else:
        assert path.stop.kind != "question"
    assert len(path.steps) <= financing_adventure.longest_question_chain(ADVENTURE)
    assert path.branch in ("", "direct billing", "partnership")


# ---------------------------------------------------------------- workshop aggregation (pure)

workshop_item = st.sampled_from(ITEM_IDS)
answer_sets = st.lists(readiness_answers, max_size=12)


@FAST
@given(workshop_item, answer_sets)
def test_item_distribution_counts_everyone_once_and_stays_on_the_scale(item_id, sets):
    d = session.item_distribution(item_id, sets)
    values = [a[item_id] for a in sets if a.get(item_id) is not None]
    assert d.numeric + d.not_sure + d.unanswered == len(sets)
    assert d.numeric == len(values)
    assert all(c >= 0 for c in d.counts)
    if values:
        assert 1 <= d.mean <= 4 and math.isfinite(d.mean)
        assert math.isclose(d.mean, sum(values) / len(values))
        assert d.spread == max(values) - min(values)
        assert 0 <= d.stdev <= 1.5 and d.variance >= 0
        assert math.isclose(d.stdev, statistics.pstdev(values), abs_tol=1e-9)
        assert d.suggested in values
        # The suggested answer is the lower median: at least half the answers are at or above it,
        # and more than half at or below it... (lower middle of the sorted answers).
        assert d.suggested == sorted(values)[(len(values) - 1) // 2]
        assert sum(v <= d.suggested for v in values) >= len(values) / 2
        assert sum(v >= d.suggested for v in values) > len(values) / 2
    else:
        assert d.mean is d.spread is d.stdev is d.suggested is None


@FAST
@given(st.lists(st.integers(-1000, 1000), max_size=30))
def test_suggested_answer_is_the_lower_median(values):
    suggested = session.suggested_answer(values)
    if not values:
        assert suggested is None
    else:
        assert suggested == statistics.median_low(values)


@FAST
@given(st.lists(workshop_item, unique=True, max_size=10), answer_sets)
def test_disagreement_order_puts_the_widest_spread_first(item_ids, sets):
    items = session.item_distributions(item_ids, sets)
    ordered = session.disagreement_order(items)
    assert sorted(d.item_id for d in ordered) == sorted(item_ids)
    comparable = [d for d in ordered if d.numeric >= 2]
    # Items with two or more answers come first, widest spread first, then the largest variance.
    assert ordered[: len(comparable)] == comparable
    keys = [(-d.spread, -d.variance) for d in comparable]
    assert keys == sorted(keys)


@FAST
@given(answer_sets)
def test_domain_spreads_keep_the_team_mean_between_its_lowest_and_highest(sets):
    for s in session.domain_spreads(readiness.domains(), sets):
        assert 0 <= s.people <= len(sets)
        if s.people:
            assert 1 <= s.low <= s.mean + 1e-9 and s.mean <= s.high + 1e-9 and s.high <= 4
            assert 0 <= s.spread <= 3
        else:
            assert s.mean is None and s.spread is None


@FAST
@given(st.one_of(hostile_text, junk))
def test_join_codes_are_normalised_or_refused_with_a_message(raw):
    code = accepted_or_refused(session.normalize_code, raw)
    if code is not None:
        assert session.normalize_code(session.format_code(code)) == code


# ---------------------------------------------------------------- process measures (Step 9)

MEASURES = process_measures.measures()


@FAST
@given(
    st.sampled_from(MEASURES),
    st.one_of(junk, hostile_text, st.integers(min_value=10**300, max_value=10**400), st.decimals()),
)
def test_measure_values_are_a_number_in_range_none_or_refused(m, value):
    number = accepted_or_refused(process_measures.check_value, m, value)
    if number is not None:
        assert math.isfinite(number) and 0 <= number <= m.max


@FAST
@given(st.sampled_from(MEASURES), st.floats(allow_nan=False), st.one_of(st.none(), st.floats(0, 1000)))
def test_measure_status_is_always_one_of_four(m, value, target):
    value = accepted_or_refused(process_measures.check_value, m, value)
    status = process_measures.measure_status(m, value, target)
    assert status in ("met", "not met", "no target", "no data")
    assert (status == "no data") == (value is None)


# ---------------------------------------------------------------- caseload (Step 6)

odd_number = st.one_of(
    junk,
    hostile_text,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=10**300, max_value=10**400),
    st.decimals(),
)


@FAST
@given(name=st.one_of(hostile_text, junk), role=st.one_of(hostile_text, junk), target=odd_number)
def test_staff_members_refuse_anything_odd_with_a_message(name, role, target):
    member = accepted_or_refused(one_twenty_five.StaffMember, name=name, role=role, target=target)
    if member is not None:
        assert 1 <= member.target <= one_twenty_five.MAX_CASELOAD
        assert member.name.strip()


@FAST
@given(outreach=odd_number, active=st.integers(-5, one_twenty_five.MAX_CASELOAD + 5), maintenance=odd_number)
def test_caseload_entries_refuse_anything_odd_with_a_message(outreach, active, maintenance):
    entry = accepted_or_refused(
        one_twenty_five.CaseloadEntry,
        period="2026-03",
        staff="s1",
        outreach=outreach,
        active=active,
        maintenance=maintenance,
    )
    if entry is not None:
        assert entry.total == entry.outreach + entry.active + entry.maintenance
        assert all(0 <= n <= one_twenty_five.MAX_CASELOAD for n in (entry.outreach, entry.active, entry.maintenance))


@FAST
@given(st.integers(0, 10_000), st.integers(1, 10_000), st.integers(0, 100))
def test_caseload_status_matches_its_definition(total, target, margin):
    status = one_twenty_five.caseload_status(total, target, margin)
    if total > target:
        assert status == "over"
    elif total < target * (100 - margin) / 100:
        assert status == "under"
    else:
        assert status == "on target"


# ---------------------------------------------------------------- partner meeting agenda (Step 7)

agenda_items = st.lists(
    st.builds(
        agenda.AgendaItem,
        topic=plain_name,
        lead=st.one_of(st.just(""), plain_name),
        minutes=st.integers(0, agenda.MAX_MINUTES),
    ),
    max_size=agenda.MAX_ITEMS,
)
agendas = st.builds(
    agenda.Agenda,
    partner_name=plain_name,
    start_time=st.one_of(st.none(), st.times()),
    date=st.one_of(st.none(), st.dates()),
    place=st.one_of(st.just(""), plain_name),
    attendees=st.one_of(st.just(""), plain_name),
    preparation=st.fixed_dictionaries(
        {}, optional={p.id: st.builds(agenda.PrepCheck, done=st.booleans()) for p in agenda.content().preparation}
    ),
    items=agenda_items,
)


@FAST
@given(agendas)
def test_agenda_schedule_runs_item_after_item_and_totals_the_minutes(a):
    total = agenda.total_minutes(a)
    assert total == sum(i.minutes for i in a.items)
    rows = agenda.schedule(a)
    assert [r.number for r in rows] == list(range(1, len(a.items) + 1))
    if a.start_time is None:
        assert agenda.end_time(a) is None and all(r.times == "" for r in rows)
    else:
        start = dt.datetime.combine(dt.date(2000, 1, 1), a.start_time)
        assert agenda.end_time(a) == (start + dt.timedelta(minutes=total)).time()
        for before, after in zip(rows, rows[1:], strict=False):
            assert before.end == after.start
        if rows:
            assert rows[0].start == a.start_time and rows[-1].end == agenda.end_time(a)
    assert 0 <= agenda.readiness(a) <= 1
    assert 0 <= agenda.preparation_done(a) <= len(agenda.content().preparation)


@FAST
@given(agendas, st.data())
def test_moving_an_item_only_reorders_the_agenda(a, data):
    if not a.items:
        return
    item = data.draw(st.sampled_from(a.items))
    moved = agenda.move_item(a, item.id, data.draw(st.integers(-100, 100)))
    assert sorted(i.id for i in moved.items) == sorted(i.id for i in a.items)
    assert agenda.total_minutes(moved) == agenda.total_minutes(a)


@FAST
@given(
    topic=st.one_of(hostile_text, junk),
    lead=st.one_of(hostile_text, junk),
    details=st.one_of(hostile_text, junk),
    minutes=st.one_of(junk, st.integers()),
)
def test_agenda_items_refuse_anything_odd_with_a_message(topic, lead, details, minutes):
    item = accepted_or_refused(agenda.AgendaItem, topic=topic, lead=lead, details=details, minutes=minutes)
    if item is not None:
        assert 0 <= item.minutes <= agenda.MAX_MINUTES and item.topic.strip()


@FAST
@given(
    partner_name=st.one_of(hostile_text, junk),
    title=st.one_of(hostile_text, junk),
    preparation=st.dictionaries(st.text(max_size=10), st.builds(agenda.PrepCheck), max_size=2),
    start_time=st.one_of(st.none(), st.times(), junk),
)
def test_agendas_refuse_anything_odd_with_a_message(partner_name, title, preparation, start_time):
    accepted_or_refused(
        agenda.Agenda, partner_name=partner_name, title=title, preparation=preparation, start_time=start_time
    )


# ---------------------------------------------------------------- care plan privacy check (Step 6)

plan_text = st.one_of(
    hostile_text,
    st.text(alphabet="AaBbJjMm 0123456789-/.,@()+:DOBborn\n\t", max_size=300),
    st.lists(
        st.sampled_from(["Maria", "Lopez", "DOB", "born", "03/14/1987", "555-123-4567", "the", "Clinic", "Dr."])
    ).map(" ".join),
)


@FAST
@given(plan_text, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_find_identifiers_never_raises_and_quotes_the_text(text, today):
    findings = first_five.find_identifiers(text, today=today)
    cleaned = sanitize_text(text)
    for f in findings:
        assert f.kind in ("email", "ssn", "phone", "date_of_birth", "full_name")
        assert 0 < len(f.excerpt) <= 60 and f.excerpt in cleaned


@FAST
@given(hostile_text, st.sampled_from(["name@example.org", "123-45-6789", "(555) 123-4567"]))
def test_an_email_ssn_or_phone_anywhere_is_found(text, identifier):
    findings = first_five.find_identifiers(f"{text} {identifier} .")
    assert any(identifier in f.excerpt or f.excerpt in identifier for f in findings)


@FAST
@given(junk)
def test_find_identifiers_takes_any_value_a_page_could_pass(value):
    accepted_or_refused(first_five.find_identifiers, value)


# ---------------------------------------------------------------- cost-benefit (Step 8), at the inputs' limits
# (tests/core/test_cost_benefit_properties.py covers moderate estimates; these go to the accepted maxima.)

CB_PAYERS = [p.id for p in cost_benefit.payers()]
CB_BILLABLE = cost_benefit.billable_payer_ids()
cb_shares = st.decimals(0, 100, places=1)


@st.composite
def cb_scenarios(draw, mix=None):
    services_in = {
        f"other:s{i}": cost_benefit.ServiceSettings(
            name=f"Service {i}",
            volume=volume,
            billed=draw(st.booleans()),
            rates={p: draw(st.decimals(0, MAX_AMOUNT, places=2)) for p in CB_BILLABLE},
        )
        for i, volume in enumerate(draw(st.lists(st.integers(0, cost_benefit.MAX_COUNT), min_size=1, max_size=3)))
    }
    money_max = st.decimals(0, MAX_AMOUNT, places=2)
    return cost_benefit.Scenario(
        name="Limits",
        payer_mix=draw(mix if mix is not None else st.fixed_dictionaries({p: cb_shares for p in CB_PAYERS})),
        services=services_in,
        billable_share=draw(percent_in),
        denial_rate=draw(percent_in),
        collection_rate=draw(percent_in),
        billing_fte=draw(st.decimals(0, 100, places=2)),
        billing_cost_per_fte=draw(money_max),
        ehr_per_month=draw(money_max),
        credentialing_per_year=draw(money_max),
        startup_cost=draw(money_max),
        startup_months=draw(st.integers(1, 120)),
        enrolment_hours_per_month=draw(st.decimals(0, 10_000, places=1)),
        enrolment_hourly_cost=draw(money_max),
    )


full_mix = st.sampled_from(CB_PAYERS).map(lambda payer: {p: Decimal(100 if p == payer else 0) for p in CB_PAYERS})


@FAST
@given(cb_scenarios(mix=full_mix))
def test_cost_benefit_keeps_its_identities_at_the_largest_accepted_inputs(scenario):
    evaluation = cost_benefit.evaluate(scenario, [])
    if evaluation.problems:  # every line unbilled or at volume 0
        assert all(p.message.strip() for p in evaluation.problems)
        return
    r = evaluation.result
    for amount in (r.monthly_revenue, r.monthly_cost, r.monthly_net, r.first_year_net):
        assert amount.is_finite()
    assert r.monthly_net == r.monthly_revenue - r.monthly_cost
    year, months = r.first_year(Decimal("0.01")), r.months(Decimal("0.01"))
    assert year.net == year.value - year.cost == months[11].cumulative == r.first_year_net
    assert sum(m.value for m in months[:12]) == year.value and sum(m.cost for m in months[:12]) == year.cost
    assert sum(line.amount for line in year.cost_lines) == year.cost
    assert r.billed_volume == sum(line.volume for line in r.lines)
    assert evaluation.verdict is not None and evaluation.verdict.headline.strip()


@FAST
@given(cb_scenarios())
def test_a_payer_mix_that_does_not_add_to_100_is_named_not_calculated(scenario):
    total = sum(scenario.payer_mix.values())
    evaluation = cost_benefit.evaluate(scenario, [])
    mix_problems = [p for p in evaluation.problems if p.where == "payer_mix"]
    if total != 100:
        assert mix_problems and "100%" in mix_problems[0].message
        assert evaluation.result is None
        message = refused(cost_benefit.calculate, scenario, evaluation.lines)
        assert "100%" in message
    else:
        assert not mix_problems


@FAST
@given(
    st.sampled_from(
        [
            *cost_benefit.PERCENT_FIELDS,
            *cost_benefit.MONEY_FIELDS,
            "billing_fte",
            "enrolment_hours_per_month",
            "startup_months",
            "name",
            "payer_mix",
        ]
    ),
    st.one_of(
        junk,
        hostile_text,
        st.decimals(allow_nan=True),
        st.dictionaries(st.one_of(st.sampled_from(CB_PAYERS), st.text(max_size=5)), st.one_of(st.decimals(), junk)),
    ),
)
def test_cost_benefit_inputs_refuse_anything_odd_with_a_message(field, value):
    data = {"name": "Odd", field: value}
    scenario = accepted_or_refused(cost_benefit.Scenario.model_validate, data)
    if scenario is not None:
        cost_benefit.evaluate(scenario, [])


@FAST
@given(
    volume=st.one_of(junk, st.integers()),
    rates=st.dictionaries(st.one_of(st.sampled_from(CB_BILLABLE), st.text(max_size=5)), st.one_of(st.decimals(), junk)),
)
def test_service_settings_refuse_anything_odd_with_a_message(volume, rates):
    accepted_or_refused(cost_benefit.ServiceSettings, name="Wound care", volume=volume, rates=rates)


# ---------------------------------------------------------------- table edits that reach the store


@pytest.fixture(scope="module")
def edit_store(tmp_path_factory):
    store = Store.from_url(f"sqlite:///{tmp_path_factory.mktemp('properties') / 'workbook.db'}")
    migrate.upgrade(store.engine)
    workspace = make_workspace(store, "Property Tests Outreach")
    yield store, workspace.id
    store.dispose()


cell_value = st.one_of(
    junk,
    hostile_text,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-10, services.MAX_MONTHLY_COUNT + 10),
)
row_changes = st.dictionaries(st.sampled_from(list(services.COLUMN_LABELS)), cell_value, max_size=5)


@FAST
@given(
    st.sampled_from(CATEGORY_IDS),
    st.dictionaries(st.integers(0, 5), row_changes, max_size=3),
    st.lists(row_changes, max_size=2),
)
def test_services_table_edits_save_good_rows_and_name_bad_ones(edit_store, category_id, edited, added):
    store, ws_id = edit_store
    before = services.service_map(store, ws_id)
    shown = [r for r in before if r.category == category_id]
    result = services.apply_table_edit(store, ws_id, category_id, shown, edited, added, [])
    assert result.saved + len(result.errors) == len([k for k in edited if k < len(shown)]) + len(added)
    assert all(m.endswith("Not saved.") and ": " in m for m in result.errors)
    after = services.service_map(store, ws_id)
    for row in after:
        assert 0 <= row.services_per_month <= services.MAX_MONTHLY_COUNT and row.name.strip()
    # Rows of other categories are untouched.
    assert [r for r in after if r.category != category_id] == [r for r in before if r.category != category_id]


@FAST
@given(st.sampled_from(MEASURES), cell_value, st.one_of(st.just("2026-03"), hostile_text, junk))
def test_measure_months_refuse_anything_odd_with_a_message(m, value, month):
    row = accepted_or_refused(process_measures.MeasureMonth.model_validate, {"month": month, m.id: value})
    if row is not None:
        number = row.value(m.id)
        assert number is None or (math.isfinite(number) and 0 <= number <= m.max)
