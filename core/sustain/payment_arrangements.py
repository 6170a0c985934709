"""Payment arrangements compared: what one program would receive in a year, and what risk it carries,
under fee-for-service, a per-member-per-month care coordination fee, pay for performance, a bundled /
case-rate payment (DIAMOND-style, covering start-up) and shared savings.

Pure functions on pydantic inputs; money is Decimal, rounded to cents in results. Every rate, fee,
bonus and share is the user's entry: nothing here ships or invents a rate. Fee-for-service volumes
start from the Step 3 services map (`core.hrh.services`) and stay editable. A workspace keeps named
scenarios (e.g. "Today" and "With a health plan contract") as records of kind
"payment_arrangements.scenario", compared side by side. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core import table_edits
from core.demo import demo_filler
from core.errors import NotFound, UserError
from core.hrh.services import MAX_MONTHLY_COUNT, offered_rows, service_map
from core.money import Money, OptionalMoney, OptionalPercent, Percent, SignedPercent, cents, dollars, percent
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.text import clean_name, name_key

STEP = "payment_arrangements"
RECORD_KIND = "payment_arrangements.scenario"
MAX_PEOPLE = 1_000_000
MAX_SCENARIOS = 12
HUNDRED = Decimal(100)
MONTHS = Decimal(12)

ArrangementKind = Literal[
    "fee_for_service", "care_coordination_fee", "pay_for_performance", "bundled_payment", "shared_savings"
]
KINDS: tuple[ArrangementKind, ...] = (
    "fee_for_service",
    "care_coordination_fee",
    "pay_for_performance",
    "bundled_payment",
    "shared_savings",
)
TITLES: dict[str, str] = {
    "fee_for_service": "Fee-for-service",
    "care_coordination_fee": "Care coordination fee (PMPM)",
    "pay_for_performance": "Pay for performance",
    "bundled_payment": "Bundled / case rate",
    "shared_savings": "Shared savings",
}


def _name(value: Any, field: str) -> str:
    return clean_name(value, field=field, max_chars=120)


# ---------------------------------------------------------------- inputs


class _Input(BaseModel):
    model_config = ConfigDict(extra="ignore")


class FeeForServiceLine(_Input):
    """One billable service: how many a month, and what a payer pays for each (the user's rate)."""

    service: str
    service_id: str | None = None
    services_per_month: int = Field(default=0, ge=0, le=MAX_MONTHLY_COUNT)
    rate: OptionalMoney = None
    volume_from: Literal["step3", "estimate"] = "estimate"

    @field_validator("service", mode="before")
    @classmethod
    def _service(cls, value: Any) -> str:
        return _name(value, "Service")

    @field_validator("services_per_month", mode="before")
    @classmethod
    def _count(cls, value: Any) -> Any:
        return 0 if value is None else value


class FeeForService(_Input):
    include: bool = True
    lines: list[FeeForServiceLine] = Field(default_factory=list, max_length=200)
    collection_rate_pct: Percent = HUNDRED  # share of billed services that is actually paid


class CareCoordinationFee(_Input):
    include: bool = True
    members: int = Field(default=0, ge=0, le=MAX_PEOPLE)
    pmpm: Money = Decimal(0)  # per member per month


class PerformanceMeasure(_Input):
    measure: str
    bonus: Money = Decimal(0)  # paid for the year if the measure is met
    likelihood_pct: Percent = Decimal(0)  # your estimate of the chance of meeting it

    @field_validator("measure", mode="before")
    @classmethod
    def _measure(cls, value: Any) -> str:
        return _name(value, "Measure")


class PayForPerformance(_Input):
    include: bool = True
    measures: list[PerformanceMeasure] = Field(default_factory=list, max_length=50)


class StartupCost(_Input):
    item: str
    cost: Money = Decimal(0)

    @field_validator("item", mode="before")
    @classmethod
    def _item(cls, value: Any) -> str:
        return _name(value, "Start-up item")


class BundledPayment(_Input):
    """DIAMOND-style: a payment per enrolled patient for a package of care, plus start-up money."""

    include: bool = True
    patients: int = Field(default=0, ge=0, le=MAX_PEOPLE)  # enrolled in a year
    payment_per_patient: Money = Decimal(0)  # per enrolled patient, per year
    startup_payment: Money = Decimal(0)  # one-time, paid in the first year
    startup_costs: list[StartupCost] = Field(default_factory=list, max_length=50)
    cost_per_patient: OptionalMoney = None  # your estimate of a year of care for one enrolled patient


class SharedSavings(_Input):
    """A share of what the payer saves against a baseline, once savings pass the minimum savings rate."""

    include: bool = True
    baseline_cost_per_member: Money = Decimal(0)  # total cost of care per member per year
    members: int = Field(default=0, ge=0, le=MAX_PEOPLE)
    expected_reduction_pct: SignedPercent = Decimal(0)
    good_year_reduction_pct: SignedPercent = Decimal(0)
    bad_year_reduction_pct: SignedPercent = Decimal(0)
    minimum_savings_rate_pct: Percent = Decimal(0)
    savings_share_pct: Percent = Decimal(0)
    savings_cap_pct: OptionalPercent = None  # most the program can earn, % of the baseline (empty: no cap)
    quality_score_pct: OptionalPercent = None  # scales the sharing rate (empty: no quality adjustment)
    risk: Literal["upside_only", "two_sided"] = "upside_only"
    minimum_loss_rate_pct: OptionalPercent = None  # two-sided only: losses smaller than this are not shared
    loss_share_pct: Percent = Decimal(0)  # two-sided only: the program's share of losses
    loss_cap_pct: OptionalPercent = None  # two-sided only: most the program can owe, % of the baseline

    @model_validator(mode="before")
    @classmethod
    def _saved_before_the_minimum_loss_rate(cls, data: Any) -> Any:
        """A scenario saved before the minimum loss rate had its own field used the minimum savings rate for
        both: it keeps that meaning, now written down (and editable) instead of forced."""
        if isinstance(data, dict) and "minimum_loss_rate_pct" not in data and data.get("risk") == "two_sided":
            return {**data, "minimum_loss_rate_pct": data.get("minimum_savings_rate_pct", 0)}
        return data


class ArrangementScenario(_Input):
    """One named set of assumptions for all five arrangements."""

    name: str
    volume_swing_pct: Percent = Decimal(20)  # how far volumes move in a good or bad year
    fee_for_service: FeeForService = Field(default_factory=FeeForService)
    care_coordination_fee: CareCoordinationFee = Field(default_factory=CareCoordinationFee)
    pay_for_performance: PayForPerformance = Field(default_factory=PayForPerformance)
    bundled_payment: BundledPayment = Field(default_factory=BundledPayment)
    shared_savings: SharedSavings = Field(default_factory=SharedSavings)

    @field_validator("name", mode="before")
    @classmethod
    def _scenario_name(cls, value: Any) -> str:
        return clean_name(value, field="Scenario name", max_chars=80)


# ---------------------------------------------------------------- results


class ArrangementResult(BaseModel):
    """What one arrangement yields in a year: expected, and the range between a bad and a good year."""

    kind: ArrangementKind
    title: str
    included: bool
    entered: bool  # the user gave enough to compute something
    expected: Decimal
    good_year: Decimal
    bad_year: Decimal
    one_time: Decimal = Decimal(0)  # part of the first year that does not recur (start-up money)
    risk: str  # the risk the program carries, in a phrase
    note: str  # what it means for a small program, in words
    warnings: list[str] = Field(default_factory=list)
    formulas: list[str] = Field(default_factory=list)  # how the figures are computed, in words


class ScenarioResult(BaseModel):
    name: str
    results: list[ArrangementResult]

    def result(self, kind: ArrangementKind) -> ArrangementResult:
        return next(r for r in self.results if r.kind == kind)


def _swing(amount: Decimal, swing_pct: Decimal) -> tuple[Decimal, Decimal]:
    """(good, bad) for an amount that moves with volume by +/- swing_pct."""
    return amount * (HUNDRED + swing_pct) / HUNDRED, amount * (HUNDRED - swing_pct) / HUNDRED


def _swing_words(swing_pct: Decimal, what: str) -> str:
    return (
        f"Good and bad year: {what} {percent(swing_pct)} higher or lower, so the expected amount x "
        f"(1 +/- {percent(swing_pct)})."
    )


def fee_for_service_annual(ffs: FeeForService) -> Decimal:
    """Sum of services a month x rate x 12, times the collection rate (lines without a rate count as 0)."""
    billed = sum(
        (line.services_per_month * line.rate * MONTHS for line in ffs.lines if line.rate is not None), Decimal(0)
    )
    return billed * ffs.collection_rate_pct / HUNDRED


def fee_for_service_result(ffs: FeeForService, swing_pct: Decimal) -> ArrangementResult:
    annual = fee_for_service_annual(ffs)
    good, bad = _swing(annual, swing_pct)
    priced = [line for line in ffs.lines if line.rate is not None and line.services_per_month > 0]
    missing = [line.service for line in ffs.lines if line.rate is None and line.services_per_month > 0]
    warnings = []
    if missing:
        shown = ", ".join(missing[:4]) + (f" and {len(missing) - 4} more" if len(missing) > 4 else "")
        warnings.append(
            f"No rate entered yet for {shown}: {'they count' if len(missing) > 1 else 'it counts'} as $0 until "
            "you enter what a payer pays."
        )
    monthly_services = sum(line.services_per_month for line in priced)
    if priced:
        note = (
            f"Paid claim by claim: {monthly_services:,} priced services a month bring about {dollars(annual)} a year"
            + (
                f" after {percent(HUNDRED - ffs.collection_rate_pct)} of claims go unpaid"
                if ffs.collection_rate_pct < HUNDRED
                else ""
            )
            + f". Money follows volume: a year {percent(swing_pct)} busier or quieter brings {dollars(good)} "
            f"or {dollars(bad)}. Every claim needs eligibility checks, documentation and billing staff or a "
            "billing partner, and payment arrives weeks after the service; work that is not a billable "
            "service (outreach, trust-building) earns nothing."
        )
    else:
        note = "Add the services you would bill and the rate a payer pays for each to see this arrangement."
    return ArrangementResult(
        kind="fee_for_service",
        title=TITLES["fee_for_service"],
        included=ffs.include,
        entered=bool(priced),
        expected=annual,
        good_year=good,
        bad_year=bad,
        risk="Volume: fewer services, less money",
        note=note,
        warnings=warnings,
        formulas=[
            "Expected in a year = the sum over services of services a month x rate x 12, x the share of billed "
            f"services actually paid ({percent(ffs.collection_rate_pct)}).",
            _swing_words(swing_pct, "volumes"),
        ],
    )


def care_coordination_fee_result(fee: CareCoordinationFee, swing_pct: Decimal) -> ArrangementResult:
    annual = fee.members * fee.pmpm * MONTHS
    good, bad = _swing(annual, swing_pct)
    entered = fee.members > 0 and fee.pmpm > 0
    if entered:
        note = (
            f"A fixed {dollars(fee.pmpm, with_cents=True)} per member per month for {fee.members:,} members: "
            f"{dollars(annual)} a year, paid whether or not a visit happens, which makes cash predictable "
            "and pays for the coordination work that fee-for-service does not. The risk is the work itself: "
            "if members need more help than the fee covers, the program absorbs the cost. Enrollment "
            f"{percent(swing_pct)} higher or lower moves it to {dollars(good)} or {dollars(bad)}."
        )
    else:
        note = "Enter the members attributed to the program and the monthly fee per member."
    return ArrangementResult(
        kind="care_coordination_fee",
        title=TITLES["care_coordination_fee"],
        included=fee.include,
        entered=entered,
        expected=annual,
        good_year=good,
        bad_year=bad,
        risk="Cost: members may need more work than the fee pays for",
        note=note,
        formulas=[
            f"Expected in a year = members x fee per member per month x 12 = {fee.members:,} x "
            f"{dollars(fee.pmpm, with_cents=True)} x 12.",
            _swing_words(swing_pct, "members"),
        ],
    )


def pay_for_performance_result(p4p: PayForPerformance) -> ArrangementResult:
    expected = sum((m.bonus * m.likelihood_pct / HUNDRED for m in p4p.measures), Decimal(0))
    most = sum((m.bonus for m in p4p.measures), Decimal(0))
    entered = most > 0
    if entered:
        note = (
            f"Bonuses paid only when measures are met: {dollars(expected)} expected from {len(p4p.measures)} "
            f"measure(s) at the likelihoods you gave, {dollars(most)} if every one is met and nothing if none "
            "is. Treat it as a top-up, not as money for salaries; it also needs data the payer accepts, "
            "reported on time."
        )
    else:
        note = "Add each measure the payer would reward, its bonus for the year, and how likely you are to meet it."
    return ArrangementResult(
        kind="pay_for_performance",
        title=TITLES["pay_for_performance"],
        included=p4p.include,
        entered=entered,
        expected=expected,
        good_year=most,
        bad_year=Decimal(0),
        risk="Performance: a missed measure pays nothing",
        note=note,
        formulas=[
            "Expected in a year = the sum over measures of bonus x your chance of meeting it.",
            "Good year: every measure met (the sum of the bonuses). Bad year: none met ($0).",
        ],
    )


def startup_costs_total(bundle: BundledPayment) -> Decimal:
    return sum((c.cost for c in bundle.startup_costs), Decimal(0))


def startup_gap(bundle: BundledPayment) -> Decimal:
    """Start-up costs the start-up payment leaves uncovered (0 if covered)."""
    return max(Decimal(0), startup_costs_total(bundle) - bundle.startup_payment)


def bundled_first_year_net(bundle: BundledPayment) -> Decimal | None:
    """Payments minus the cost of care and start-up costs in the first year (None without a cost per patient)."""
    if bundle.cost_per_patient is None:
        return None
    margin = bundle.patients * (bundle.payment_per_patient - bundle.cost_per_patient)
    return margin + bundle.startup_payment - startup_costs_total(bundle)


def bundled_break_even_patients(bundle: BundledPayment) -> int | None:
    """The reverse question: patients to enroll for the first year to pay for itself, start-up included.

    None when there is no cost per patient, or when each patient costs at
    least what the bundle pays (then no number of patients is enough).
    """
    if bundle.cost_per_patient is None:
        return None
    margin = bundle.payment_per_patient - bundle.cost_per_patient
    gap = startup_gap(bundle)
    if gap == 0:
        return 0 if margin >= 0 else None
    if margin <= 0:
        return None
    return int((gap / margin).to_integral_value(rounding=ROUND_CEILING))  # part of a patient is a whole one


def _break_even_sentence(bundle: BundledPayment) -> str:
    net = bundled_first_year_net(bundle)
    if net is None:
        return ""
    needed = bundled_break_even_patients(bundle)
    if needed is None:
        reverse = "no number of patients covers the start-up costs, since each costs at least what the bundle pays"
    elif needed == 0:
        reverse = "the start-up payment already covers the start-up costs"
    else:
        reverse = f"{needed:,} enrolled patients would cover the start-up costs"
    return (
        f" With care costing about {dollars(bundle.cost_per_patient)} per patient (your estimate), the first year "
        f"nets {dollars(net)}; {reverse}."
    )


def bundled_payment_result(bundle: BundledPayment, swing_pct: Decimal) -> ArrangementResult:
    recurring = bundle.patients * bundle.payment_per_patient
    good, bad = _swing(recurring, swing_pct)
    expected = recurring + bundle.startup_payment
    entered = recurring > 0 or bundle.startup_payment > 0
    costs, gap = startup_costs_total(bundle), startup_gap(bundle)
    warnings = []
    if gap > 0:
        warnings.append(
            f"The start-up payment leaves {dollars(gap)} of your {dollars(costs)} start-up costs uncovered."
        )
    if entered:
        startup = (
            f" The first year also brings {dollars(bundle.startup_payment)} of one-time start-up money"
            + (f" against {dollars(costs)} of start-up costs" if costs else "")
            + f"; later years bring {dollars(recurring)}."
            if bundle.startup_payment
            else ""
        )
        note = (
            f"One payment per enrolled patient ({dollars(bundle.payment_per_patient)} for {bundle.patients:,} "
            f"patients, {dollars(recurring)} a year) covers the whole package of care, however much or little "
            "each person needs." + startup + " The program carries the cost risk: patients who need more than "
            "the bundle pays for cost you money. Enrollment is what moves the revenue: "
            f"{percent(swing_pct)} more or fewer patients gives {dollars(good + bundle.startup_payment)} or "
            f"{dollars(bad + bundle.startup_payment)}." + _break_even_sentence(bundle)
        )
    else:
        note = "Enter how many patients would enroll in a year and the payment per enrolled patient."
    return ArrangementResult(
        kind="bundled_payment",
        title=TITLES["bundled_payment"],
        included=bundle.include,
        entered=entered,
        expected=expected,
        good_year=good + bundle.startup_payment,
        bad_year=bad + bundle.startup_payment,
        one_time=bundle.startup_payment,
        risk="Cost per patient: the bundle is fixed, needs are not",
        note=note,
        warnings=warnings,
        formulas=[
            "Expected in the first year = patients enrolled x payment per patient + the one-time start-up payment.",
            _swing_words(swing_pct, "enrolment") + " The start-up payment does not move.",
            "First-year net (with your cost of care) = patients x (payment - cost per patient) + start-up payment "
            "- start-up costs; patients to cover the start-up costs = (start-up costs - start-up payment) / "
            "(payment - cost per patient), rounded up.",
        ],
    )


def shared_savings_benchmark(savings: SharedSavings) -> Decimal:
    """The baseline total cost of care of the attributed members for a year."""
    return savings.baseline_cost_per_member * savings.members


def sharing_rate(savings: SharedSavings) -> Decimal:
    """The share of savings paid to the program: the savings share, times the quality score if there is one."""
    quality = HUNDRED if savings.quality_score_pct is None else savings.quality_score_pct
    return savings.savings_share_pct * quality / HUNDRED


def shared_savings_payment(savings: SharedSavings, reduction_pct: Decimal) -> Decimal:
    """What the program receives (positive) or owes (negative) for a year whose costs fell by `reduction_pct`.

    Savings count only when the reduction reaches the minimum savings rate; then the program gets the
    sharing rate (its share, scaled by the quality score) of all of them, at most the savings cap (% of the
    baseline). Under two-sided risk, a cost increase of at least the minimum loss rate makes the program pay
    its share of the loss, at most the loss cap (% of the baseline). Exact: rounded only for display.
    """
    benchmark = shared_savings_benchmark(savings)
    change = benchmark * reduction_pct / HUNDRED
    if reduction_pct > 0 and reduction_pct >= savings.minimum_savings_rate_pct:
        earned = change * sharing_rate(savings) / HUNDRED
        if savings.savings_cap_pct is not None:
            earned = min(earned, benchmark * savings.savings_cap_pct / HUNDRED)
        return earned
    loss_rate = savings.minimum_loss_rate_pct
    if savings.risk == "two_sided" and reduction_pct < 0 and loss_rate is not None and -reduction_pct >= loss_rate:
        owed = -change * savings.loss_share_pct / HUNDRED
        if savings.loss_cap_pct is not None:
            owed = min(owed, benchmark * savings.loss_cap_pct / HUNDRED)
        return -owed
    return Decimal(0)


def shared_savings_formulas(savings: SharedSavings) -> list[str]:
    """The arithmetic of shared savings, in words, with this scenario's figures."""
    benchmark = shared_savings_benchmark(savings)
    rate = sharing_rate(savings)
    quality = (
        ""
        if savings.quality_score_pct is None
        else f" x quality score {percent(savings.quality_score_pct)} = {percent(rate)}"
    )
    cap = (
        "no cap"
        if savings.savings_cap_pct is None
        else f"at most the savings cap, {percent(savings.savings_cap_pct)} of the benchmark "
        f"({dollars(benchmark * savings.savings_cap_pct / HUNDRED)})"
    )
    lines = [
        f"Benchmark = baseline cost per member x members = {dollars(savings.baseline_cost_per_member)} x "
        f"{savings.members:,} = {dollars(benchmark)} a year.",
        "Savings = benchmark x the reduction in the cost of care.",
        f"Paid to the program when the reduction is at least the minimum savings rate "
        f"({percent(savings.minimum_savings_rate_pct)}): savings x sharing rate ({percent(savings.savings_share_pct)}"
        f"{quality}), {cap}.",
    ]
    if savings.risk == "two_sided":
        mlr = "not entered yet" if savings.minimum_loss_rate_pct is None else percent(savings.minimum_loss_rate_pct)
        loss_cap = (
            "no cap"
            if savings.loss_cap_pct is None
            else f"at most the loss cap, {percent(savings.loss_cap_pct)} of the benchmark "
            f"({dollars(benchmark * savings.loss_cap_pct / HUNDRED)})"
        )
        lines.append(
            f"Owed by the program when costs rise by at least the minimum loss rate ({mlr}): the loss x the "
            f"program's share of losses ({percent(savings.loss_share_pct)}), {loss_cap}."
        )
    return lines


def shared_savings_result(savings: SharedSavings) -> ArrangementResult:
    expected = shared_savings_payment(savings, savings.expected_reduction_pct)
    reductions = (savings.expected_reduction_pct, savings.good_year_reduction_pct, savings.bad_year_reduction_pct)
    # The payment never falls as the reduction grows, so the best and worst reductions bound it.
    good = shared_savings_payment(savings, max(reductions))
    bad = shared_savings_payment(savings, min(reductions))
    benchmark = shared_savings_benchmark(savings)
    two_sided = savings.risk == "two_sided"
    missing_loss_rate = two_sided and savings.minimum_loss_rate_pct is None
    entered = benchmark > 0 and savings.savings_share_pct > 0 and not missing_loss_rate
    warnings = []
    msr = savings.minimum_savings_rate_pct
    if entered and 0 < savings.expected_reduction_pct < msr:
        warnings.append(
            f"The expected reduction ({percent(savings.expected_reduction_pct)}) is below the minimum savings rate "
            f"({percent(msr)}): the program would receive nothing for those savings."
        )
    uncapped = benchmark * savings.expected_reduction_pct / HUNDRED * sharing_rate(savings) / HUNDRED
    if entered and savings.savings_cap_pct is not None and 0 < expected < uncapped:
        warnings.append(
            f"The savings cap ({percent(savings.savings_cap_pct)} of the benchmark) limits the expected payment to "
            f"{dollars(expected)}."
        )
    if missing_loss_rate:
        note = (
            "Two-sided risk: enter the minimum loss rate (losses smaller than this share of the benchmark are "
            "not shared; 0 if every loss is shared) to see this arrangement."
        )
    elif not entered:
        note = (
            "Enter the baseline cost of care per member, the members attributed, the reduction you expect, "
            "the minimum savings rate and the program's share."
        )
    else:
        quality = (
            ""
            if savings.quality_score_pct is None
            else f", scaled by a quality score of {percent(savings.quality_score_pct)}"
        )
        note = (
            f"The payer's baseline is {dollars(benchmark)} a year for {savings.members:,} members. A "
            f"{percent(savings.expected_reduction_pct)} reduction gives the program {dollars(expected)}"
            f" ({percent(savings.savings_share_pct)} of the savings{quality}, once they reach {percent(msr)}). "
            + (
                f"Two-sided risk: in a bad year the program pays back {percent(savings.loss_share_pct)} of losses "
                f"once costs rise by {percent(savings.minimum_loss_rate_pct)} or more"
                + (
                    f", at most {percent(savings.loss_cap_pct)} of the baseline"
                    if savings.loss_cap_pct is not None
                    else ""
                )
                + f"; the range runs from {dollars(bad)} to {dollars(good)}. Only take this on with reserves. "
                if two_sided
                else f"Upside only: a bad year pays nothing but costs nothing; the range runs from {dollars(bad)} "
                f"to {dollars(good)}. "
            )
            + "Savings are settled after the year closes, from the payer's claims data, so the money comes late "
            "and depends on data the program does not hold."
        )
    return ArrangementResult(
        kind="shared_savings",
        title=TITLES["shared_savings"],
        included=savings.include,
        entered=entered,
        expected=expected,
        good_year=good,
        bad_year=bad,
        risk=(
            "Savings and losses: a bad year costs money"
            if two_sided
            else "Savings: a year below the minimum savings rate pays nothing"
        ),
        note=note,
        warnings=warnings,
        formulas=shared_savings_formulas(savings),
    )


def scenario_result(scenario: ArrangementScenario) -> ScenarioResult:
    swing = scenario.volume_swing_pct
    return ScenarioResult(
        name=scenario.name,
        results=[
            fee_for_service_result(scenario.fee_for_service, swing),
            care_coordination_fee_result(scenario.care_coordination_fee, swing),
            pay_for_performance_result(scenario.pay_for_performance),
            bundled_payment_result(scenario.bundled_payment, swing),
            shared_savings_result(scenario.shared_savings),
        ],
    )


def equivalent_pmpm(annual: Decimal, members: int) -> Decimal | None:
    """The per-member-per-month fee that would pay `annual` a year for `members` (None without members)."""
    if members <= 0:
        return None
    return cents(annual / (members * MONTHS))


def pmpm_equivalent_sentence(scenario: ArrangementScenario) -> str | None:
    """The reverse question for fee-for-service: the PMPM fee that would bring the same money."""
    ffs = fee_for_service_result(scenario.fee_for_service, scenario.volume_swing_pct)
    fee = equivalent_pmpm(ffs.expected, scenario.care_coordination_fee.members)
    if not ffs.entered or fee is None:
        return None
    return (
        f"{scenario.name}: a care coordination fee of {dollars(fee, with_cents=True)} per member per month for "
        f"{scenario.care_coordination_fee.members:,} members would bring the same as fee-for-service "
        f"({dollars(ffs.expected)} a year)."
    )


def comparison_rows(results: Sequence[ScenarioResult]) -> list[dict[str, str]]:
    """A side-by-side table: one row per arrangement, for each scenario its expected revenue and range."""
    rows = []
    for kind in KINDS:
        row = {"Arrangement": TITLES[kind]}
        for scenario in results:
            r = scenario.result(kind)
            if not r.included:
                row[scenario.name] = "left out"
            elif not r.entered:
                row[scenario.name] = "not entered"
            else:
                row[scenario.name] = f"{dollars(r.expected)} ({dollars(r.bad_year)} to {dollars(r.good_year)})"
        rows.append(row)
    return rows


def chart_series(results: Sequence[ScenarioResult]) -> list[dict[str, Any]]:
    """Points for a chart: per scenario and included arrangement, expected revenue and the bad/good range."""
    return [
        {
            "scenario": s.name,
            "arrangement": r.title,
            "expected": float(r.expected),
            "bad_year": float(r.bad_year),
            "good_year": float(r.good_year),
        }
        for s in results
        for r in s.results
        if r.included and r.entered
    ]


# ---------------------------------------------------------------- storage


def default_fee_for_service_lines(store: Store, workspace_id: str) -> list[FeeForServiceLine]:
    """One line per service the program offers or could offer in Step 3, with its monthly volume (no rate)."""
    return [
        FeeForServiceLine(
            service=row.name, service_id=row.service_id, services_per_month=row.services_per_month, volume_from="step3"
        )
        for row in offered_rows(service_map(store, workspace_id))
    ]


def list_scenarios(store: Store, workspace_id: str) -> list[tuple[str, ArrangementScenario]]:
    """The workspace's scenarios as (record id, scenario), in the order they were made."""
    return [
        (record.id, ArrangementScenario.model_validate(record.data))
        for record in answers.list_records(store, workspace_id, RECORD_KIND)
    ]


def get_scenario(store: Store, workspace_id: str, record_id: str) -> ArrangementScenario:
    for rid, scenario in list_scenarios(store, workspace_id):
        if rid == record_id:
            return scenario
    raise NotFound("That scenario no longer exists; it may have been deleted in another tab.")


def _check_name_free(store: Store, workspace_id: str, name: str, except_id: str | None = None) -> None:
    for rid, scenario in list_scenarios(store, workspace_id):
        if rid != except_id and name_key(scenario.name) == name_key(name):
            raise UserError(f"There is already a scenario named {scenario.name!r}; choose another name.")


def create_scenario(store: Store, workspace_id: str, name: str, *, copy_of: str | None = None) -> str:
    """Add a scenario and return its record id: a copy of `copy_of`, or blank with Step 3's volumes."""
    if len(answers.list_records(store, workspace_id, RECORD_KIND)) >= MAX_SCENARIOS:
        raise UserError(f"A workspace can keep {MAX_SCENARIOS} scenarios; delete one you no longer need first.")
    if copy_of:
        scenario = get_scenario(store, workspace_id, copy_of).model_copy(update={"name": name})
        scenario = ArrangementScenario.model_validate(scenario.model_dump())
    else:
        scenario = ArrangementScenario(
            name=name, fee_for_service=FeeForService(lines=default_fee_for_service_lines(store, workspace_id))
        )
    _check_name_free(store, workspace_id, scenario.name)
    return answers.add_record(store, workspace_id, RECORD_KIND, scenario.model_dump(mode="json")).id


def save_scenario(store: Store, workspace_id: str, record_id: str, scenario: ArrangementScenario) -> None:
    _check_name_free(store, workspace_id, scenario.name, except_id=record_id)
    answers.update_record(store, workspace_id, record_id, scenario.model_dump(mode="json"))


ROW_MODELS: dict[str, type[BaseModel]] = {
    "lines": FeeForServiceLine,
    "measures": PerformanceMeasure,
    "startup_costs": StartupCost,
}
ROW_LABELS = {
    "service": "Service",
    "services_per_month": "Services a month",
    "rate": "Rate per service",
    "measure": "Measure",
    "bonus": "Bonus if met",
    "likelihood_pct": "Chance of meeting it (%)",
    "item": "Start-up item",
    "cost": "Cost",
}


def check_rows(leaf: str, value: Any) -> None:
    """For a table input (lines, measures, start-up costs): a message naming the first bad row and column."""
    if leaf in ROW_MODELS and isinstance(value, list):
        table_edits.validate_rows(ROW_MODELS[leaf], value, ROW_LABELS)


def update_scenario(store: Store, workspace_id: str, record_id: str, path: str, value: Any) -> ArrangementScenario:
    """Set one input (`path` like "shared_savings.members") and save; invalid input raises, nothing is saved."""
    data = get_scenario(store, workspace_id, record_id).model_dump(mode="json")
    *parents, leaf = path.split(".")
    target = data
    for part in parents:
        target = target[part]
    if leaf not in target:
        raise KeyError(f"{path} is not an input of a scenario.")
    check_rows(leaf, value)
    target[leaf] = value
    scenario = ArrangementScenario.model_validate(data)
    save_scenario(store, workspace_id, record_id, scenario)
    return scenario


def refresh_volumes(store: Store, workspace_id: str, record_id: str) -> ArrangementScenario:
    """Take fee-for-service volumes again from Step 3, keeping every rate and every line you added."""
    scenario = get_scenario(store, workspace_id, record_id)
    lines = list(scenario.fee_for_service.lines)
    by_service = {line.service_id: i for i, line in enumerate(lines) if line.service_id}
    for fresh in default_fee_for_service_lines(store, workspace_id):
        if fresh.service_id in by_service:
            i = by_service[fresh.service_id]
            lines[i] = lines[i].model_copy(
                update={"services_per_month": fresh.services_per_month, "volume_from": "step3"}
            )
        else:
            lines.append(fresh)
    return update_scenario(
        store, workspace_id, record_id, "fee_for_service.lines", [line.model_dump(mode="json") for line in lines]
    )


def save_fee_for_service_lines(
    store: Store, workspace_id: str, record_id: str, rows: list[dict[str, Any]]
) -> ArrangementScenario:
    """Save the fee-for-service lines; a volume says "from Step 3" only while it equals Step 3's."""
    step3 = {line.service_id: line.services_per_month for line in default_fee_for_service_lines(store, workspace_id)}
    lines = []
    for row in rows:
        row = {k: v for k, v in row.items() if k != "id"}
        volume = row.get("services_per_month")
        from_step3 = row.get("service_id") in step3 and volume == step3[row.get("service_id")]
        lines.append({**row, "volume_from": "step3" if from_step3 else "estimate"})
    return update_scenario(store, workspace_id, record_id, "fee_for_service.lines", lines)


def delete_scenario(store: Store, workspace_id: str, record_id: str) -> None:
    answers.delete_record(store, workspace_id, record_id)


# ---------------------------------------------------------------- progress and demo


@progress_for(STEP)
def progress(store: Store, workspace_id: str) -> StepProgress:
    """Share of the five arrangements entered in at least one scenario."""
    scenarios = list_scenarios(store, workspace_id)
    if not scenarios:
        return StepProgress(step_id=STEP, share=0, detail="")
    entered = {r.kind for _, s in scenarios for r in scenario_result(s).results if r.entered}
    plural = "s" if len(scenarios) != 1 else ""
    return StepProgress(
        step_id=STEP,
        share=len(entered) / len(KINDS),
        detail=f"{len(scenarios)} scenario{plural}, {len(entered)} of {len(KINDS)} arrangements entered",
    )


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    """The demo's scenarios; fee-for-service volumes come from its Step 3 map where it has one."""
    step3 = {line.service_id: line for line in default_fee_for_service_lines(store, workspace_id)}
    for raw in data["scenarios"]:
        scenario = ArrangementScenario.model_validate(raw)
        lines = [
            line.model_copy(
                update={"services_per_month": step3[line.service_id].services_per_month, "volume_from": "step3"}
            )
            if line.service_id in step3
            else line
            for line in scenario.fee_for_service.lines
        ]
        scenario = scenario.model_copy(
            update={"fee_for_service": scenario.fee_for_service.model_copy(update={"lines": lines})}
        )
        answers.add_record(store, workspace_id, RECORD_KIND, scenario.model_dump(mode="json"))
