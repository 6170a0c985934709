"""The Step 1 worked payment examples, each with a hand-computed case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from core.hrh import money_flows as m


def test_fee_for_service_by_hand():
    flow = m.fee_for_service(m.FeeForServiceInputs())  # 200 services, 60% billable, $45, 10% denied, $2,500
    # 200 x 60% = 120 claims; 90% paid = 108 x $45 = $4,860; 12 denied x $45 = $540
    assert flow.program_receives == Decimal("4860.00")
    assert flow.program_costs == Decimal("2500.00")
    assert flow.program_net == Decimal("2360.00")
    assert flow.at_risk == Decimal("540.00")
    assert flow.payments[0].payer == "Insurer" and flow.payments[0].amount == Decimal("4860.00")
    assert flow.explanation[0] == "200 services x 60% billable = 120 claims."


def test_fee_for_service_rounds_to_cents_half_up():
    flow = m.fee_for_service(
        m.FeeForServiceInputs(
            services_per_month=1,
            share_billable=Decimal("50"),
            rate_per_service=Decimal("0.05"),
            denial_rate=Decimal("0"),
            billing_cost=Decimal("0"),
        )
    )
    assert flow.program_receives == Decimal("0.03")  # 0.5 x 0.05 = 0.025 -> 0.03


def test_capitation_by_hand_loss_when_members_use_more():
    flow = m.capitation(
        m.CapitationInputs(
            members=100, pmpm=Decimal("40"), services_per_member=Decimal("1.5"), cost_per_service=Decimal("30")
        )
    )
    # receives 100 x 40 = 4,000; care 100 x 1.5 x 30 = 4,500; loss 500
    assert (flow.program_receives, flow.program_costs, flow.program_net) == (
        Decimal("4000.00"),
        Decimal("4500.00"),
        Decimal("-500.00"),
    )
    assert flow.at_risk == Decimal("500.00")


def test_pay_for_performance_bonus_only_when_target_met():
    met = m.pay_for_performance(m.PayForPerformanceInputs())  # 6,000 + 2,000; 65% >= 60%
    assert met.program_receives == Decimal("8000.00") and len(met.payments) == 2
    missed = m.pay_for_performance(m.PayForPerformanceInputs(achieved_percent=Decimal("59.99")))
    assert missed.program_receives == Decimal("6000.00") and len(missed.payments) == 1
    assert missed.program_net == Decimal("-1000.00")  # 6,000 - 7,000
    exactly = m.pay_for_performance(m.PayForPerformanceInputs(achieved_percent=Decimal("60")))
    assert exactly.program_receives == Decimal("8000.00")


def test_bundled_payment_by_hand():
    flow = m.bundled_payment(
        m.BundledPaymentInputs(
            episodes=10, bundle_price=Decimal("300"), services_per_episode=Decimal("7"), cost_per_service=Decimal("50")
        )
    )
    # 10 x 300 = 3,000; 10 x 7 x 50 = 3,500
    assert (flow.program_receives, flow.program_costs, flow.program_net) == (
        Decimal("3000.00"),
        Decimal("3500.00"),
        Decimal("-500.00"),
    )


def test_shared_savings_by_hand_and_the_minimum_savings_rate():
    flow = m.shared_savings(m.SharedSavingsInputs())  # 2,000,000 - 1,850,000 = 150,000 (7.5%) >= 2%; 50%
    assert flow.program_receives == Decimal("75000.00") and flow.program_net == Decimal("15000.00")
    assert "7.5% of the baseline" in flow.explanation[0]
    below = m.shared_savings(m.SharedSavingsInputs(actual_cost=Decimal("1970000")))  # 1.5% < 2%
    assert below.program_receives == Decimal("0.00") and below.payments == []
    assert below.program_net == Decimal("-60000.00")
    more = m.shared_savings(m.SharedSavingsInputs(actual_cost=Decimal("2100000")))  # costs rose
    assert more.program_receives == Decimal("0.00")


def test_shared_savings_with_zero_baseline_does_not_divide_by_zero():
    flow = m.shared_savings(m.SharedSavingsInputs(expected_cost=Decimal("0"), actual_cost=Decimal("0")))
    assert flow.program_receives == Decimal("0.00")


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (m.FeeForServiceInputs, "services_per_month", -1),
        (m.FeeForServiceInputs, "share_billable", Decimal("100.5")),
        (m.FeeForServiceInputs, "rate_per_service", Decimal("-0.01")),
        (m.CapitationInputs, "members", 2.5),
        (m.SharedSavingsInputs, "program_share", Decimal("101")),
        (m.BundledPaymentInputs, "bundle_price", Decimal("1E+12")),
    ],
)
def test_out_of_range_inputs_are_refused(model, field, value):
    with pytest.raises(ValidationError):
        model(**{field: value})


def test_amounts_are_money_rounded_to_cents_with_one_wording():
    # The examples used to refuse fractions of a cent and "1,000"; they now read amounts like every step.
    assert m.FeeForServiceInputs(rate_per_service="45.005").rate_per_service == Decimal("45.01")
    assert m.CapitationInputs(pmpm="1,000").pmpm == Decimal("1000.00")
    with pytest.raises(ValidationError, match="cannot be negative; enter 0 if there is none"):
        m.BundledPaymentInputs(bundle_price=-1)
    with pytest.raises(ValidationError, match=r"cannot be above \$100,000,000"):
        m.SharedSavingsInputs(expected_cost="1e26")
    metadata = m.CapitationInputs.model_fields["pmpm"].metadata
    bounds = {k: getattr(x, k) for x in metadata for k in ("ge", "le") if hasattr(x, k)}
    assert bounds == {"ge": 0, "le": Decimal(100_000_000)}  # the page's number input reads its limits here


def test_five_examples_in_teaching_order_each_linked_to_a_glossary_term():
    from core.hrh.glossary import glossary_term

    ids = [e.text.id for e in m.examples()]
    assert ids == ["fee_for_service", "capitation", "pay_for_performance", "bundled_payment", "shared_savings"]
    for e in m.examples():
        assert glossary_term(e.text.term) is not None
        assert all(f.title for f in e.inputs.model_fields.values())
        assert e.compute(e.inputs()).model_id == e.text.id


def test_dollars_and_numbers_for_people():
    assert m._dollars(Decimal("-1234.5")) == "-$1,234.50"  # the examples show cents
    assert m.number(Decimal("120.00")) == "120" and m.number(Decimal("0.80")) == "0.8"


def test_the_worked_examples_figures_are_marked_as_an_illustration():
    mark = m.illustration()
    assert mark.illustration is True
    assert "made up" in mark.note and "$45" in mark.note  # the figure FeeForServiceInputs starts from
    assert m.FeeForServiceInputs().rate_per_service == Decimal("45")


def test_example_figures_lists_each_made_up_starting_figure():
    assert m.example_figures("fee_for_service") == [
        "Services given per month: 200",
        "Share of services that can be billed (%): 60",
        "Payment per billed service ($): 45",
        "Claims denied (%): 10",
        "Cost of billing per month ($): 2,500",
    ]


def test_results_are_an_illustration_only_while_every_figure_is_the_made_up_one():
    defaults = {"members": 150, "pmpm": Decimal("40"), "services_per_member": Decimal("0.8")}
    assert m.uses_example_figures("capitation", defaults)  # cost_per_service left at its default
    assert m.uses_example_figures("capitation", {**defaults, "pmpm": 40.0})  # same figure, as a float
    assert not m.uses_example_figures("capitation", {**defaults, "pmpm": Decimal("41")})


def test_each_way_of_paying_quotes_what_the_sources_say_and_diamond_is_not_said_to_fund_start_up():
    for e in m.examples():
        assert e.text.sources_say, e.text.id
    bundled = m.example("bundled_payment").text
    assert "DIAMOND" not in bundled.paid_for  # the source says bundles *should* cover start-up
    quoted = " ".join(q.quote for q in bundled.sources_say)
    assert "Bundled payments should cover start-up costs" in quoted
