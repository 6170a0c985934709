"""Step 1 explainer: how money flows under five ways of paying for care, as small worked examples.

Each example is a pure function of a pydantic input model (the numbers a
person can change, with their labels, limits and defaults) returning a
`MoneyFlow`: who pays whom and for what, what the program receives, what the
care costs it, what is left, and what risk it carries, in words and numbers.
These are teaching examples with one program and one payer for one month (a
year for shared savings); the full comparison of payment arrangements is the
"Payment arrangements compared" model, not this one. Their default figures are
made up (an illustration, marked so in `data/money_flows.yaml`), never a rate
or cost a source reported.

Money is `Decimal`, rounded to cents (half up) in results. Never imports
streamlit.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict, Field

from core.content import ContentModel, content_file, load
from core.money import Money, cents, dollars
from core.sources import Illustration, Quote

HUNDRED = Decimal(100)
MAX_COUNT = 1_000_000


def _money(title: str, default: str, description: str):
    """A `Money` field's label, made-up default and help (its bounds and messages are `Money`'s)."""
    return Field(default=Decimal(default), title=title, description=description)


def _count(title: str, default: int, description: str):
    return Field(default=default, ge=0, le=MAX_COUNT, title=title, description=description)


def _percent(title: str, default: str, description: str):
    return Field(default=Decimal(default), ge=0, le=100, title=title, description=description, decimal_places=2)


class ExampleInputs(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------- inputs


class FeeForServiceInputs(ExampleInputs):
    services_per_month: int = _count("Services given per month", 200, "Every visit or unit of service you give.")
    share_billable: Decimal = _percent(
        "Share of services that can be billed (%)",
        "60",
        "Services given to people whose insurance covers them, with the paperwork complete.",
    )
    rate_per_service: Money = _money("Payment per billed service ($)", "45", "The payer's rate for one service.")
    denial_rate: Decimal = _percent("Claims denied (%)", "10", "Share of billed claims the payer refuses to pay.")
    billing_cost: Money = _money(
        "Cost of billing per month ($)", "2500", "Billing staff time, software, clearinghouse fees."
    )


class CapitationInputs(ExampleInputs):
    members: int = _count("People the program is responsible for", 150, "Members assigned to the program.")
    pmpm: Money = _money("Payment per member per month ($)", "40", "Paid in advance for each member.")
    services_per_member: Decimal = Field(
        default=Decimal("0.8"),
        ge=0,
        le=100,
        decimal_places=2,
        title="Services each member uses per month",
        description="On average; some members use none, some many.",
    )
    cost_per_service: Money = _money("What one service costs you to give ($)", "45", "Staff time and supplies.")


class PayForPerformanceInputs(ExampleInputs):
    base_payment: Money = _money("Base payment per month ($)", "6000", "Paid whatever the results.")
    bonus: Money = _money("Bonus if the target is met ($)", "2000", "Paid only when the target is reached.")
    target_percent: Decimal = _percent(
        "Target (%)", "60", "For example: share of people linked to primary care within 30 days."
    )
    achieved_percent: Decimal = _percent("What you achieved (%)", "65", "Your measured result for the month.")
    cost_of_care: Money = _money("What the work costs you per month ($)", "7000", "Staff time and supplies.")


class BundledPaymentInputs(ExampleInputs):
    episodes: int = _count("People starting an episode per month", 20, "For example: wound care for an abscess.")
    bundle_price: Money = _money("Price of one bundle ($)", "350", "Covers every service of the episode.")
    services_per_episode: Decimal = Field(
        default=Decimal("6"),
        ge=0,
        le=1000,
        decimal_places=2,
        title="Services one episode needs",
        description="On average, from first visit to healed.",
    )
    cost_per_service: Money = _money("What one service costs you to give ($)", "50", "Staff time and supplies.")


class SharedSavingsInputs(ExampleInputs):
    expected_cost: Money = _money(
        "Expected yearly cost of care of the group ($)",
        "2000000",
        "What the payer expected to spend on these people without your program (the baseline).",
    )
    actual_cost: Money = _money("Actual yearly cost of care ($)", "1850000", "What the payer really spent.")
    minimum_savings_rate: Decimal = _percent(
        "Minimum savings before sharing (%)", "2", "Savings below this share of the baseline are not shared."
    )
    program_share: Decimal = _percent("Program's share of the savings (%)", "50", "Agreed in the contract.")
    program_cost: Money = _money(
        "What the program's work costs per year ($)", "60000", "Care coordination staff and supplies."
    )


# ---------------------------------------------------------------- results


class Payment(BaseModel):
    model_config = ConfigDict(frozen=True)

    payer: str
    payee: str
    what_for: str
    amount: Decimal


class MoneyFlow(BaseModel):
    """What one worked example shows: the payments, and the program's income, cost, net and risk."""

    model_config = ConfigDict(frozen=True)

    model_id: str
    period: str
    payments: list[Payment]
    program_receives: Decimal
    program_costs: Decimal
    program_net: Decimal
    at_risk: Decimal = Field(description="money the program could lose or forgo if things go differently")
    risk: str
    explanation: list[str]


def _flow(
    model_id: str,
    period: str,
    payments: list[Payment],
    receives: Decimal,
    costs: Decimal,
    at_risk: Decimal,
    risk: str,
    explanation: list[str],
) -> MoneyFlow:
    receives, costs = cents(receives), cents(costs)
    return MoneyFlow(
        model_id=model_id,
        period=period,
        payments=payments,
        program_receives=receives,
        program_costs=costs,
        program_net=receives - costs,
        at_risk=cents(at_risk),
        risk=risk,
        explanation=explanation,
    )


def _dollars(value: Decimal) -> str:
    """The examples' amounts are small, so cents matter: "$1,234.50"."""
    return dollars(value, with_cents=True)


def number(value: Decimal | int) -> str:
    """A count for people to read: 120, 1,234.5, 0.8 (never 120.00)."""
    text = f"{Decimal(value).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def fee_for_service(i: FeeForServiceInputs) -> MoneyFlow:
    billed = Decimal(i.services_per_month) * i.share_billable / HUNDRED
    paid_claims = billed * (1 - i.denial_rate / HUNDRED)
    receives = paid_claims * i.rate_per_service
    denied_value = (billed - paid_claims) * i.rate_per_service
    return _flow(
        "fee_for_service",
        "month",
        [
            Payment(
                payer="Insurer",
                payee="Program",
                what_for="each billed service that is not denied",
                amount=cents(receives),
            )
        ],
        receives,
        i.billing_cost,
        denied_value,
        "Volume risk: income rises and falls with the number of billable services. Unbillable services, "
        "uninsured people and denied claims bring nothing; billing costs are owed either way.",
        [
            f"{number(i.services_per_month)} services x {number(i.share_billable)}% billable "
            f"= {number(billed)} claims.",
            f"{number(i.denial_rate)}% denied leaves {number(paid_claims)} paid claims "
            f"x {_dollars(i.rate_per_service)} = {_dollars(receives)}.",
            f"Denied claims forgo {_dollars(denied_value)}; billing costs {_dollars(i.billing_cost)}.",
        ],
    )


def capitation(i: CapitationInputs) -> MoneyFlow:
    receives = Decimal(i.members) * i.pmpm
    services = Decimal(i.members) * i.services_per_member
    costs = services * i.cost_per_service
    return _flow(
        "capitation",
        "month",
        [
            Payment(
                payer="Health plan", payee="Program", what_for="each member, paid in advance", amount=cents(receives)
            )
        ],
        receives,
        costs,
        max(Decimal(0), costs - receives),
        "Utilization risk: the payment is fixed, so if members need more services than it covers, the "
        "program pays the difference; if they need fewer, it keeps what is left.",
        [
            f"{number(i.members)} members x {_dollars(i.pmpm)} = {_dollars(receives)} a month, known in advance.",
            f"{number(i.members)} x {number(i.services_per_member)} services = {number(services)} services x "
            f"{_dollars(i.cost_per_service)} = {_dollars(costs)} of care.",
        ],
    )


def pay_for_performance(i: PayForPerformanceInputs) -> MoneyFlow:
    met = i.achieved_percent >= i.target_percent
    bonus = i.bonus if met else Decimal(0)
    payments = [Payment(payer="Insurer", payee="Program", what_for="base payment", amount=cents(i.base_payment))]
    if met:
        payments.append(
            Payment(payer="Insurer", payee="Program", what_for="bonus for meeting the target", amount=cents(bonus))
        )
    return _flow(
        "pay_for_performance",
        "month",
        payments,
        i.base_payment + bonus,
        i.cost_of_care,
        i.bonus,
        "Performance risk: the bonus is paid only if the target is met, so part of the income depends on "
        "results the program does not fully control.",
        [
            f"Target {number(i.target_percent)}%, achieved {number(i.achieved_percent)}%: the target is "
            f"{'met' if met else 'not met'}.",
            f"Base {_dollars(i.base_payment)} + bonus {_dollars(bonus)} = {_dollars(i.base_payment + bonus)}.",
        ],
    )


def bundled_payment(i: BundledPaymentInputs) -> MoneyFlow:
    receives = Decimal(i.episodes) * i.bundle_price
    cost_per_episode = i.services_per_episode * i.cost_per_service
    costs = Decimal(i.episodes) * cost_per_episode
    return _flow(
        "bundled_payment",
        "month",
        [Payment(payer="Insurer", payee="Program", what_for="one price per episode of care", amount=cents(receives))],
        receives,
        costs,
        max(Decimal(0), costs - receives),
        "Cost risk within the episode: the price is fixed, so an episode that needs more services than "
        "planned costs the program; an efficient one leaves a margin.",
        [
            f"{number(i.episodes)} episodes x {_dollars(i.bundle_price)} = {_dollars(receives)}.",
            f"One episode: {number(i.services_per_episode)} services x {_dollars(i.cost_per_service)} = "
            f"{_dollars(cost_per_episode)}, so {_dollars(costs)} in all.",
        ],
    )


def shared_savings(i: SharedSavingsInputs) -> MoneyFlow:
    savings = i.expected_cost - i.actual_cost
    threshold = i.expected_cost * i.minimum_savings_rate / HUNDRED
    qualifies = savings > 0 and savings >= threshold
    share = savings * i.program_share / HUNDRED if qualifies else Decimal(0)
    payments = []
    if qualifies:
        payments.append(
            Payment(payer="Payer or ACO", payee="Program", what_for="its share of the savings", amount=cents(share))
        )
    rate = (savings / i.expected_cost * HUNDRED) if i.expected_cost else Decimal(0)
    return _flow(
        "shared_savings",
        "year",
        payments,
        share,
        i.program_cost,
        i.program_cost,
        "Upside only here: the program is paid only if the group's costs fall by more than the minimum, "
        "and only a year later, so it must fund its work up front. (In two-sided agreements it could also "
        "owe money if costs rise.)",
        [
            f"Savings: {_dollars(i.expected_cost)} expected - {_dollars(i.actual_cost)} actual = {_dollars(savings)} "
            f"({number(rate)}% of the baseline).",
            f"The minimum is {number(i.minimum_savings_rate)}% ({_dollars(threshold)}): "
            f"{'reached' if qualifies else 'not reached, so nothing is shared'}.",
            f"The program's {number(i.program_share)}% share = {_dollars(share)}.",
        ],
    )


# ---------------------------------------------------------------- the five, with their words


class MoneyFlowText(ContentModel):
    id: str
    title: str
    term: str = Field(description="glossary term id")
    who_pays: str
    paid_for: str
    program_risk: str
    sources_say: list[Quote] = Field(min_length=1, description="what the source documents say, word for word")


@content_file("money_flows.yaml")
class MoneyFlowsContent(ContentModel):
    workbook: Quote
    worked_examples: Illustration
    intro: str
    models: list[MoneyFlowText]


class Example(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    text: MoneyFlowText
    inputs: type[ExampleInputs]
    compute: Callable[[ExampleInputs], MoneyFlow]


_FUNCTIONS: dict[str, tuple[type[ExampleInputs], Callable]] = {
    "fee_for_service": (FeeForServiceInputs, fee_for_service),
    "capitation": (CapitationInputs, capitation),
    "pay_for_performance": (PayForPerformanceInputs, pay_for_performance),
    "bundled_payment": (BundledPaymentInputs, bundled_payment),
    "shared_savings": (SharedSavingsInputs, shared_savings),
}


def examples() -> list[Example]:
    """The five worked examples in teaching order, each with its words, inputs and function."""
    content = load(MoneyFlowsContent)
    return [Example(text=t, inputs=_FUNCTIONS[t.id][0], compute=_FUNCTIONS[t.id][1]) for t in content.models]


def example(model_id: str) -> Example:
    for e in examples():
        if e.text.id == model_id:
            return e
    raise KeyError(model_id)


def intro() -> str:
    return load(MoneyFlowsContent).intro


def workbook_words() -> Quote:
    """The workbook's own opening of Step 1, quoted."""
    return load(MoneyFlowsContent).workbook


def illustration() -> Illustration:
    """The mark of the worked examples' default figures: made up, not a benchmark."""
    return load(MoneyFlowsContent).worked_examples


def example_figures(model_id: str) -> list[str]:
    """The made-up starting figures of one example, as "Payment per billed service ($): 45"."""
    inputs = example(model_id).inputs
    return [f"{field.title}: {number(field.default)}" for field in inputs.model_fields.values()]


def uses_example_figures(model_id: str, values: dict) -> bool:
    """True while every input of the example still holds its made-up starting figure (so the result is
    an illustration, not the program's own numbers)."""
    inputs = example(model_id).inputs
    return all(
        Decimal(str(values.get(name, field.default))) == Decimal(str(field.default))
        for name, field in inputs.model_fields.items()
    )
