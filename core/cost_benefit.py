"""Step 6, the direct billing cost-benefit model: what billing insurers would bring in, what it would cost.

The workbook's recipe: the types of insurance and the share of people served by
each, times the projected number of services and the reimbursement rates, minus
what billing costs. Here:

    revenue of a service a month = volume x sum over payers (share of people x rate)
                                   x billable share x (1 - denial rate) x collection rate
    cost a month = billing staff (FTE x cost a year / 12) + EHR and clearinghouse
                   + credentialing a year / 12 + start-up / months spread + enrolment hours x hourly cost

Annual figures are twelve months (start-up spread as chosen). The break-even
volume is the monthly cost divided by the average amount collected per billed
service, at today's mix of services and payers. Sensitivity moves one input at a
time by +/-20% (percentages capped at 100%) and recomputes the net.

Volumes come from Step 3 (`core.services`), overridable per scenario. Rates,
costs and shares are the user's: nothing is invented, and a billed service with
no rate for a payer of the mix is reported, not guessed. A scenario is a record
of kind `financing_adventure.scenario`; the insurance mix survey is a value
answer of section `financing_adventure.insurance_survey`.

Money is Decimal throughout; results are rounded to cents, words to dollars.
Never imports streamlit.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from decimal import ROUND_FLOOR, Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from core.content import ContentModel, Option, content_file, load
from core.money import cents, dollars, percent
from core.services import ServiceRow, offered_rows, service_map
from core.store import answers
from core.store.database import Store
from core.table_edits import apply_edits, is_blank
from core.text import clean_name, name_key

RECORD_KIND = "financing_adventure.scenario"
SURVEY_SECTION = "financing_adventure.insurance_survey"
SURVEY_KEY = "tally"

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CHANGE = Decimal("0.2")
MAX_MONEY = Decimal(100_000_000)
MAX_RATE = Decimal(100_000)
MAX_COUNT = 1_000_000


# ---------------------------------------------------------------- content


class Payer(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    billable: bool
    help: str


class InputText(ContentModel):
    short: str
    label: str
    help: str


class SurveyContent(ContentModel):
    intro: str
    questions: list[str]
    unknown_label: str
    age_groups: list[Option]


@content_file("cost_benefit.yaml")
class CostBenefitContent(ContentModel):
    source: str
    payers: list[Payer] = Field(min_length=6, max_length=6)
    rates_help: str
    inputs: dict[str, InputText]
    survey: SurveyContent


def content() -> CostBenefitContent:
    return load(CostBenefitContent)


def payers() -> list[Payer]:
    return list(content().payers)


def payer_label(payer_id: str) -> str:
    return {p.id: p.label for p in payers()}[payer_id]


def billable_payer_ids() -> list[str]:
    return [p.id for p in payers() if p.billable]


# ---------------------------------------------------------------- formatting


# ---------------------------------------------------------------- a scenario's inputs

PERCENT_FIELDS = ("billable_share", "denial_rate", "collection_rate")
MONEY_FIELDS = (
    "billing_cost_per_fte",
    "ehr_per_month",
    "credentialing_per_year",
    "startup_cost",
    "enrolment_hourly_cost",
)


def _label(field: str) -> str:
    return content().inputs[field].label


class ServiceSettings(BaseModel):
    """A scenario's choices for one service: its own volume (None: Step 3's), whether it is billed, its rates."""

    name: str
    volume: int | None = None
    billed: bool = True
    rates: dict[str, Decimal | None] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value, field="Service name", max_chars=200)

    @model_validator(mode="after")
    def _numbers(self) -> ServiceSettings:
        if self.volume is not None and not 0 <= self.volume <= MAX_COUNT:
            raise ValueError(f"{self.name}: services per month must be between 0 and {MAX_COUNT:,}.")
        for payer_id, rate in self.rates.items():
            if payer_id not in billable_payer_ids():
                raise ValueError(f"{payer_id!r} is not a payer you can bill.")
            if rate is not None and rate < 0:
                raise ValueError(
                    f"{self.name}: the rate from {payer_label(payer_id)} cannot be negative; enter 0 if "
                    "it does not pay for this service."
                )
            if rate is not None and rate > MAX_RATE:
                raise ValueError(
                    f"{self.name}: a rate of {dollars(rate)} per service from {payer_label(payer_id)} "
                    f"is above the {dollars(MAX_RATE)} this calculator accepts."
                )
        return self


class Scenario(BaseModel):
    """One named set of estimates. Incomplete is allowed (shares still being entered); garbage is not."""

    model_config = ConfigDict(str_strip_whitespace=True)

    name: str
    payer_mix: dict[str, Decimal] = Field(default_factory=dict)
    services: dict[str, ServiceSettings] = Field(default_factory=dict)
    billable_share: Decimal = HUNDRED
    denial_rate: Decimal = ZERO
    collection_rate: Decimal = HUNDRED
    billing_fte: Decimal = ZERO
    billing_cost_per_fte: Decimal = ZERO
    ehr_per_month: Decimal = ZERO
    credentialing_per_year: Decimal = ZERO
    startup_cost: Decimal = ZERO
    startup_months: int = 12
    enrolment_hours_per_month: Decimal = ZERO
    enrolment_hourly_cost: Decimal = ZERO

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value, field="Scenario name", max_chars=80)

    @field_validator("payer_mix")
    @classmethod
    def _mix(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        labels = {p.id: p.label for p in payers()}
        for payer_id, share in value.items():
            if payer_id not in labels:
                raise ValueError(f"{payer_id!r} is not one of the six payer types.")
            if not ZERO <= share <= HUNDRED:
                raise ValueError(f"The share of {labels[payer_id]} must be between 0 and 100%.")
        return value

    @field_validator(*PERCENT_FIELDS)
    @classmethod
    def _percent(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        if not ZERO <= value <= HUNDRED:
            raise ValueError(f"{_label(info.field_name)} must be between 0 and 100.")
        return value

    @field_validator(*MONEY_FIELDS)
    @classmethod
    def _money(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        if value < 0:
            raise ValueError(f"{_label(info.field_name)} cannot be negative; enter 0 if there is no such cost.")
        if value > MAX_MONEY:
            raise ValueError(f"{_label(info.field_name)} is above the {dollars(MAX_MONEY)} this calculator accepts.")
        return value

    @field_validator("billing_fte", "enrolment_hours_per_month")
    @classmethod
    def _quantity(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        limit = Decimal(100) if info.field_name == "billing_fte" else Decimal(10_000)
        if not ZERO <= value <= limit:
            raise ValueError(f"{_label(info.field_name)} must be between 0 and {limit:,}.")
        return value

    @field_validator("startup_months")
    @classmethod
    def _months(cls, value: int) -> int:
        if not 1 <= value <= 120:
            raise ValueError(f"{_label('startup_months')} must be between 1 and 120.")
        return value

    def share(self, payer_id: str) -> Decimal:
        return self.payer_mix.get(payer_id, ZERO)


class ServiceLine(BaseModel):
    """A service as the model uses it: Step 3's volume unless the scenario gives its own."""

    key: str
    name: str
    volume: int = Field(ge=0)
    step3_volume: int | None = None
    billed: bool = True
    rates: dict[str, Decimal | None] = Field(default_factory=dict)


def service_key(row: ServiceRow) -> str:
    """Stable key of a Step 3 row: the listed service's id, or 'other:' + the custom row's name."""
    return row.service_id or f"other:{name_key(row.name)}"


def scenario_lines(scenario: Scenario, rows: list[ServiceRow]) -> list[ServiceLine]:
    """Step 3's offered services (volumes overridable), then services the scenario alone gives a volume."""
    lines: list[ServiceLine] = []
    seen: set[str] = set()
    for row in offered_rows(rows):
        key = service_key(row)
        seen.add(key)
        own = scenario.services.get(key)
        lines.append(
            ServiceLine(
                key=key,
                name=row.name,
                step3_volume=row.services_per_month,
                volume=own.volume if own and own.volume is not None else row.services_per_month,
                billed=own.billed if own else True,
                rates=dict(own.rates) if own else {},
            )
        )
    for key, own in scenario.services.items():
        if key not in seen and own.volume is not None:
            lines.append(
                ServiceLine(key=key, name=own.name, volume=own.volume, billed=own.billed, rates=dict(own.rates))
            )
    return lines


# ---------------------------------------------------------------- what is missing


class Problem(BaseModel):
    """Why a scenario cannot be calculated yet; `where` is 'payer_mix', 'rates' or 'services'."""

    where: Literal["payer_mix", "rates", "services"]
    message: str


def payer_mix_problem(mix: dict[str, Decimal]) -> str | None:
    total = sum(mix.values(), ZERO)
    if total != HUNDRED:
        return f"The payer mix adds up to {percent(total, places=1)}; the six shares must add up to 100%."
    return None


def missing_rates(lines: list[ServiceLine], mix: dict[str, Decimal]) -> list[str]:
    """One message per billed service lacking a rate for a payer that covers some of the people served."""
    messages = []
    needed = [p for p in billable_payer_ids() if mix.get(p, ZERO) > 0]
    for line in lines:
        if not (line.billed and line.volume > 0):
            continue
        missing = [payer_label(p) for p in needed if line.rates.get(p) is None]
        if missing:
            messages.append(
                f"{line.name}: enter the rate {', '.join(missing)} would pay (0 if it does not pay "
                "for this service), or mark the service as not billed."
            )
    return messages


def problems(scenario: Scenario, lines: list[ServiceLine]) -> list[Problem]:
    found = []
    if not lines:
        found.append(
            Problem(
                where="services",
                message="No services with a monthly volume yet: map what you offer "
                "in Step 3 (services you offer or could offer, with services per month).",
            )
        )
    mix_problem = payer_mix_problem(scenario.payer_mix)
    if mix_problem:
        found.append(Problem(where="payer_mix", message=mix_problem))
    found.extend(Problem(where="rates", message=m) for m in missing_rates(lines, scenario.payer_mix))
    return found


class IncompleteScenario(ValueError):
    """The scenario cannot be calculated yet; `problems` says what to fill in, and where."""

    def __init__(self, found: list[Problem]):
        self.problems = found
        super().__init__(" ".join(p.message for p in found))


# ---------------------------------------------------------------- the model


@dataclasses.dataclass(frozen=True)
class _Figures:
    """The model's inputs as plain Decimals, so that one input can be moved at a time."""

    volumes: tuple[Decimal, ...]
    rates: tuple[tuple[Decimal, ...], ...]  # per billed line, per billable payer
    shares: tuple[Decimal, ...]  # per billable payer, as a fraction
    billable_share: Decimal
    denial_rate: Decimal
    collection_rate: Decimal
    staff_per_year: Decimal
    ehr_per_month: Decimal
    credentialing_per_year: Decimal
    startup_cost: Decimal
    startup_months: Decimal
    enrolment_hours: Decimal
    enrolment_hourly_cost: Decimal

    @property
    def factor(self) -> Decimal:
        return self.billable_share / HUNDRED * (1 - self.denial_rate / HUNDRED) * self.collection_rate / HUNDRED

    def per_service(self) -> list[Decimal]:
        return [
            sum((s * r for s, r in zip(self.shares, rates, strict=True)), ZERO) * self.factor for rates in self.rates
        ]

    def revenue(self) -> Decimal:
        return sum((v * p for v, p in zip(self.volumes, self.per_service(), strict=True)), ZERO)

    def costs(self) -> dict[str, Decimal]:
        return {
            "billing_staff": self.staff_per_year / 12,
            "ehr": self.ehr_per_month,
            "credentialing": self.credentialing_per_year / 12,
            "startup": self.startup_cost / self.startup_months,
            "enrolment": self.enrolment_hours * self.enrolment_hourly_cost,
        }

    def cost(self) -> Decimal:
        return sum(self.costs().values(), ZERO)

    def net(self) -> Decimal:
        return self.revenue() - self.cost()


def _figures(scenario: Scenario, billed: list[ServiceLine]) -> _Figures:
    payer_ids = billable_payer_ids()
    return _Figures(
        volumes=tuple(Decimal(line.volume) for line in billed),
        rates=tuple(tuple(line.rates.get(p) or ZERO for p in payer_ids) for line in billed),
        shares=tuple(scenario.share(p) / HUNDRED for p in payer_ids),
        billable_share=scenario.billable_share,
        denial_rate=scenario.denial_rate,
        collection_rate=scenario.collection_rate,
        staff_per_year=scenario.billing_fte * scenario.billing_cost_per_fte,
        ehr_per_month=scenario.ehr_per_month,
        credentialing_per_year=scenario.credentialing_per_year,
        startup_cost=scenario.startup_cost,
        startup_months=Decimal(scenario.startup_months),
        enrolment_hours=scenario.enrolment_hours_per_month,
        enrolment_hourly_cost=scenario.enrolment_hourly_cost,
    )


class LineResult(BaseModel):
    key: str
    name: str
    volume: int
    collected_per_service: Decimal
    monthly_revenue: Decimal


class CostBenefitResult(BaseModel):
    """Monthly and annual revenue, cost and net (cents); the break-even monthly volume of billed services."""

    lines: list[LineResult]
    monthly_costs: dict[str, Decimal]
    monthly_revenue: Decimal
    monthly_cost: Decimal
    monthly_net: Decimal
    annual_revenue: Decimal
    annual_cost: Decimal
    annual_net: Decimal
    ongoing_monthly_net: Decimal
    billed_volume: int
    collected_per_service: Decimal | None
    break_even_volume: int | None


def _billed(lines: list[ServiceLine]) -> list[ServiceLine]:
    return [line for line in lines if line.billed and line.volume > 0]


def calculate(scenario: Scenario, lines: list[ServiceLine]) -> CostBenefitResult:
    """The scenario's figures; raises `IncompleteScenario` if shares, services or rates are missing."""
    found = problems(scenario, lines)
    if found:
        raise IncompleteScenario(found)
    billed = _billed(lines)
    fig = _figures(scenario, billed)
    revenue, costs = fig.revenue(), fig.costs()
    cost = sum(costs.values(), ZERO)
    volume = sum(line.volume for line in billed)
    per_service = revenue / volume if volume and revenue > 0 else None
    if cost == 0:
        break_even: int | None = 0
    else:
        break_even = math.ceil(cost / per_service) if per_service else None
    return CostBenefitResult(
        lines=[
            LineResult(
                key=line.key,
                name=line.name,
                volume=line.volume,
                collected_per_service=cents(p),
                monthly_revenue=cents(line.volume * p),
            )
            for line, p in zip(billed, fig.per_service(), strict=True)
        ],
        monthly_costs={k: cents(v) for k, v in costs.items()},
        monthly_revenue=cents(revenue),
        monthly_cost=cents(cost),
        monthly_net=cents(revenue - cost),
        annual_revenue=cents(revenue * 12),
        annual_cost=cents(cost * 12),
        annual_net=cents((revenue - cost) * 12),
        ongoing_monthly_net=cents(revenue - cost + costs["startup"]),
        billed_volume=volume,
        collected_per_service=cents(per_service) if per_service is not None else None,
        break_even_volume=break_even,
    )


class SensitivityRow(BaseModel):
    """The monthly net with one input 20% lower and 20% higher, everything else as estimated."""

    input_id: str
    label: str
    net_if_lower: Decimal
    net_if_higher: Decimal
    base_net: Decimal

    @property
    def swing(self) -> Decimal:
        return abs(self.net_if_higher - self.net_if_lower)

    @property
    def worst(self) -> tuple[Decimal, str]:
        """The lower of the two nets and which way the input moved to get it ('lower' / 'higher')."""
        return (
            (self.net_if_lower, "lower") if self.net_if_lower <= self.net_if_higher else (self.net_if_higher, "higher")
        )


def _scaled(values: tuple[Decimal, ...], index: int, factor: Decimal) -> tuple[Decimal, ...]:
    return tuple(v * factor if i == index else v for i, v in enumerate(values))


def sensitivity(scenario: Scenario, lines: list[ServiceLine], change: Decimal = CHANGE) -> list[SensitivityRow]:
    """Each input moved by -/+`change` alone (percentages capped at 100), largest effect first; inputs with
    no effect are left out. Raises `IncompleteScenario` like `calculate`."""
    found = problems(scenario, lines)
    if found:
        raise IncompleteScenario(found)
    billed = _billed(lines)
    base = _figures(scenario, billed)
    payer_ids = billable_payer_ids()
    variants: list[tuple[str, str, Callable[[Decimal], _Figures]]] = []
    for i, line in enumerate(billed):
        variants.append(
            (
                f"volume:{line.key}",
                f"Services per month: {line.name}",
                lambda f, i=i: dataclasses.replace(base, volumes=_scaled(base.volumes, i, f)),
            )
        )
    for j, payer_id in enumerate(payer_ids):
        if base.shares[j] > 0:
            variants.append(
                (
                    f"rates:{payer_id}",
                    f"Rates paid by {payer_label(payer_id)}",
                    lambda f, j=j: dataclasses.replace(base, rates=tuple(_scaled(r, j, f) for r in base.rates)),
                )
            )
    inputs = content().inputs
    for name in PERCENT_FIELDS:
        variants.append(
            (
                name,
                inputs[name].short,
                lambda f, n=name: dataclasses.replace(base, **{n: min(HUNDRED, getattr(base, n) * f)}),
            )
        )
    for name, attr in (
        ("billing_fte", "staff_per_year"),
        ("ehr_per_month", "ehr_per_month"),
        ("credentialing_per_year", "credentialing_per_year"),
        ("startup_cost", "startup_cost"),
        ("enrolment_hours_per_month", "enrolment_hours"),
    ):
        label = "Billing and coding staff cost" if name == "billing_fte" else inputs[name].short
        variants.append((name, label, lambda f, a=attr: dataclasses.replace(base, **{a: getattr(base, a) * f})))
    base_net = cents(base.net())
    rows = [
        SensitivityRow(
            input_id=input_id,
            label=label,
            base_net=base_net,
            net_if_lower=cents(make(1 - change).net()),
            net_if_higher=cents(make(1 + change).net()),
        )
        for input_id, label, make in variants
    ]
    rows = [r for r in rows if r.swing > 0]
    return sorted(rows, key=lambda r: (-r.swing, r.label))


# ---------------------------------------------------------------- the verdict


class Verdict(BaseModel):
    kind: Literal["pays", "fragile", "does_not_pay", "no_revenue"]
    headline: str
    text: str


def verdict(result: CostBenefitResult, rows: list[SensitivityRow]) -> Verdict:
    """The result in a few plain sentences: does billing pay for itself, how robustly, what it would take."""
    figures = (
        f"Billing would bring in {dollars(result.monthly_revenue)} a month and cost {dollars(result.monthly_cost)}"
    )
    if result.monthly_revenue <= 0:
        return Verdict(
            kind="no_revenue",
            headline="Billing would bring in nothing at these estimates",
            text="None of the billed services has a rate above $0 from the payers of the people you serve, "
            "so billing could not cover its own costs. Check the rates, or look at a partnership "
            "with a healthcare entity instead.",
        )
    expect = f"you expect {result.billed_volume:,}"
    if result.monthly_net > 0:
        text = (
            f"{figures}, leaving {dollars(result.monthly_net)} a month ({dollars(result.annual_net)} a year). "
            f"It breaks even at about {result.break_even_volume:,} billed services a month; {expect}."
        )
        worst = min(rows, key=lambda r: r.worst[0], default=None)
        if worst is None or worst.worst[0] > 0:
            return Verdict(
                kind="pays",
                headline="Direct billing pays for itself at your estimates",
                text=text + " The net stays positive if any one estimate is 20% worse.",
            )
        net, way = worst.worst
        return Verdict(
            kind="fragile",
            headline="Direct billing pays, but only just",
            text=text + f' If "{worst.label}" were 20% {way}, the net would be {dollars(net)} a month: '
            "check that estimate before you decide.",
        )
    text = (
        f"{figures}: a loss of {dollars(-result.monthly_net)} a month ({dollars(-result.annual_net)} a year). "
        f"To break even you would need about {result.break_even_volume:,} billed services a month at this mix "
        f"of services and payers ({expect}), better rates, or lower billing costs."
    )
    if result.ongoing_monthly_net > 0:
        text += (
            f" Once the start-up costs are paid off, the net would be {dollars(result.ongoing_monthly_net)} a month."
        )
    text += " A partnership with a healthcare entity that already bills may be the better path."
    return Verdict(kind="does_not_pay", headline="Direct billing would cost more than it brings in", text=text)


class Evaluation(BaseModel):
    """Everything the page and the comparison show for one scenario."""

    name: str
    lines: list[ServiceLine]
    problems: list[Problem]
    result: CostBenefitResult | None = None
    sensitivity: list[SensitivityRow] = Field(default_factory=list)
    verdict: Verdict | None = None


def evaluate(scenario: Scenario, rows: list[ServiceRow]) -> Evaluation:
    lines = scenario_lines(scenario, rows)
    found = problems(scenario, lines)
    if found:
        return Evaluation(name=scenario.name, lines=lines, problems=found)
    result = calculate(scenario, lines)
    sens = sensitivity(scenario, lines)
    return Evaluation(
        name=scenario.name, lines=lines, problems=[], result=result, sensitivity=sens, verdict=verdict(result, sens)
    )


COMPARED = [
    ("Billed services a month", lambda r: f"{r.billed_volume:,}"),
    ("Revenue a month", lambda r: dollars(r.monthly_revenue)),
    ("Billing costs a month", lambda r: dollars(r.monthly_cost)),
    ("Net a month", lambda r: dollars(r.monthly_net)),
    ("Net a year", lambda r: dollars(r.annual_net)),
    ("Net a month once start-up is paid off", lambda r: dollars(r.ongoing_monthly_net)),
    (
        "Break-even: billed services a month",
        lambda r: "never" if r.break_even_volume is None else f"{r.break_even_volume:,}",
    ),
]


def revenue_table(result: CostBenefitResult) -> list[dict[str, str]]:
    """What each billed service brings in a month, formatted for a table."""
    return [
        {
            "Service": line.name,
            "Billed a month": f"{line.volume:,}",
            "Collected per service": dollars(line.collected_per_service, with_cents=True),
            "Revenue a month": dollars(line.monthly_revenue),
        }
        for line in result.lines
    ]


COST_LABELS = {
    "billing_staff": "Billing and coding staff",
    "ehr": "EHR and clearinghouse",
    "credentialing": "Credentialing",
    "startup": "Start-up costs (spread)",
    "enrolment": "Insurance enrolment time",
}


def cost_table(result: CostBenefitResult) -> list[dict[str, str]]:
    """The monthly costs of billing by item, formatted for a table."""
    return [
        {"Cost": COST_LABELS[k], "A month": dollars(v), "A year": dollars(v * 12)}
        for k, v in result.monthly_costs.items()
    ]


def sensitivity_table(rows: list[SensitivityRow]) -> list[dict[str, str]]:
    """The sensitivity rows, formatted for a table (largest effect first)."""
    return [
        {
            "Estimate": r.label,
            "Net a month if 20% lower": dollars(r.net_if_lower),
            "Net a month today": dollars(r.base_net),
            "Net a month if 20% higher": dollars(r.net_if_higher),
        }
        for r in rows
    ]


def comparison_table(evaluations: list[Evaluation]) -> list[dict[str, str]]:
    """Scenarios side by side: one row per figure, one column per scenario (incomplete ones say what is missing)."""
    table = []
    for label, show in COMPARED:
        row = {"Figure": label}
        for e in evaluations:
            row[e.name] = show(e.result) if e.result else "-"
        table.append(row)
    verdicts = {"Figure": "Verdict"}
    for e in evaluations:
        verdicts[e.name] = e.verdict.headline if e.verdict else f"Incomplete: {e.problems[0].message}"
    return table + [verdicts]


# ---------------------------------------------------------------- scenarios in the store


class SavedScenario(BaseModel):
    record_id: str
    scenario: Scenario


def list_scenarios(store: Store, workspace_id: str) -> list[SavedScenario]:
    return [
        SavedScenario(record_id=r.id, scenario=Scenario.model_validate(r.data))
        for r in answers.list_records(store, workspace_id, RECORD_KIND)
    ]


def get_scenario(store: Store, workspace_id: str, record_id: str) -> Scenario:
    for saved in list_scenarios(store, workspace_id):
        if saved.record_id == record_id:
            return saved.scenario
    raise KeyError("That scenario no longer exists; it may have been deleted in another tab.")


def _check_name_free(store: Store, workspace_id: str, name: str, except_id: str | None = None) -> str:
    name = clean_name(name, field="Scenario name", max_chars=80)
    for saved in list_scenarios(store, workspace_id):
        if saved.record_id != except_id and name_key(saved.scenario.name) == name_key(name):
            raise ValueError(f"A scenario named {name!r} already exists; choose another name.")
    return name


def create_scenario(store: Store, workspace_id: str, name: str, *, copy_of: str | None = None) -> SavedScenario:
    """A new scenario: a copy of another, or blank with the survey's payer mix if a survey was recorded."""
    name = _check_name_free(store, workspace_id, name)
    if copy_of:
        scenario = get_scenario(store, workspace_id, copy_of).model_copy(update={"name": name})
    else:
        scenario = Scenario(name=name, payer_mix=survey_payer_mix(get_survey(store, workspace_id)) or {})
    record = answers.add_record(store, workspace_id, RECORD_KIND, scenario.model_dump(mode="json"))
    return SavedScenario(record_id=record.id, scenario=scenario)


def update_scenario(store: Store, workspace_id: str, record_id: str, **changes) -> Scenario:
    """Apply changes to a scenario's inputs; invalid values raise a ValidationError and nothing is saved."""
    if "name" in changes:
        changes["name"] = _check_name_free(store, workspace_id, changes["name"], except_id=record_id)
    current = get_scenario(store, workspace_id, record_id)
    scenario = Scenario.model_validate({**current.model_dump(), **changes})
    answers.update_record(store, workspace_id, record_id, scenario.model_dump(mode="json"))
    return scenario


def update_service(store: Store, workspace_id: str, record_id: str, key: str, name: str, **changes) -> Scenario:
    """Change one service's volume, billed flag or rates (`rates` merges payer by payer) in a scenario."""
    current = get_scenario(store, workspace_id, record_id)
    own = current.services.get(key) or ServiceSettings(name=name)
    data = own.model_dump()
    if "rates" in changes:
        data["rates"] = {**data["rates"], **changes.pop("rates")}
    settings = ServiceSettings.model_validate({**data, **changes, "name": name})
    return update_scenario(store, workspace_id, record_id, services={**current.model_dump()["services"], key: settings})


def set_input(store: Store, workspace_id: str, record_id: str, field: str, value: object) -> Scenario:
    """Save one of the scenario's numbers (a rate of collection, a cost ...); a blank is refused with a message."""
    if field not in content().inputs:
        raise ValueError(f"{field!r} is not an input of the calculator.")
    if value is None or value == "":
        raise ValueError(f"{_label(field)}: enter a number (0 if there is none).")
    return update_scenario(store, workspace_id, record_id, **{field: value})


def set_payer_share(store: Store, workspace_id: str, record_id: str, payer_id: str, share: object) -> Scenario:
    """Save the share (%) of the people served by one payer type; a blank share counts as 0."""
    current = get_scenario(store, workspace_id, record_id)
    value = ZERO if share is None or share == "" else share
    return update_scenario(store, workspace_id, record_id, payer_mix={**current.payer_mix, payer_id: value})


def use_survey_mix(store: Store, workspace_id: str, record_id: str) -> Scenario:
    """Replace the scenario's payer mix by the shares of the insurance mix survey."""
    mix = survey_payer_mix(get_survey(store, workspace_id))
    if mix is None:
        raise ValueError("The survey has no answers yet: record how many people named each type of insurance first.")
    return update_scenario(store, workspace_id, record_id, payer_mix=mix)


def apply_service_edits(
    store: Store, workspace_id: str, record_id: str, lines: list[ServiceLine], edits: dict
) -> list[str]:
    """Apply the services-and-rates table's edits (columns `volume`, `billed` and one per billable payer).

    A blank volume goes back to Step 3's; a blank rate is "not entered yet". Returns one message per refused row.
    """
    by_key = {line.key: line for line in lines}
    payer_ids = set(billable_payer_ids())

    def update(key: str, changes: dict) -> None:
        kwargs: dict = {}
        if "volume" in changes:
            volume = changes["volume"]
            if not is_blank(volume) and (not isinstance(volume, int | float) or float(volume) != int(volume)):
                raise ValueError(f"{by_key[key].name}: services per month must be a whole number.")
            kwargs["volume"] = None if is_blank(volume) else int(volume)
        if "billed" in changes:
            kwargs["billed"] = bool(changes["billed"])
        rates = {p: (None if is_blank(v) else Decimal(str(v))) for p, v in changes.items() if p in payer_ids}
        if rates:
            kwargs["rates"] = rates
        update_service(store, workspace_id, record_id, key, by_key[key].name, **kwargs)

    def refuse(*_args) -> None:
        raise ValueError("Services come from Step 3: add or remove them there.")

    return apply_edits([line.key for line in lines], edits, add=refuse, update=update, delete=refuse)


def delete_scenario(store: Store, workspace_id: str, record_id: str) -> None:
    answers.delete_record(store, workspace_id, record_id)


def evaluate_all(store: Store, workspace_id: str) -> list[tuple[str, Evaluation]]:
    """Every scenario of the workspace, evaluated against today's Step 3 map (one read of each)."""
    rows = service_map(store, workspace_id)
    return [(s.record_id, evaluate(s.scenario, rows)) for s in list_scenarios(store, workspace_id)]


# ---------------------------------------------------------------- the insurance mix survey


class InsuranceSurvey(BaseModel):
    """Anonymous tallies: how many people said they have each type of insurance (never who)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    period: str = ""
    counts: dict[str, int] = Field(default_factory=dict)
    unknown: int = 0
    ages: dict[str, int] = Field(default_factory=dict)

    @field_validator("period")
    @classmethod
    def _period(cls, value: str) -> str:
        return clean_name(value, field="When and where", max_chars=120) if value else ""

    @model_validator(mode="after")
    def _counts(self) -> InsuranceSurvey:
        labels = {p.id: p.label for p in payers()} | {a.id: a.label for a in content().survey.age_groups}
        labels["unknown"] = content().survey.unknown_label
        for key, count in [*self.counts.items(), ("unknown", self.unknown), *self.ages.items()]:
            if key not in labels:
                raise ValueError(f"{key!r} is not an answer of the survey.")
            if not 0 <= count <= MAX_COUNT:
                raise ValueError(f"{labels[key]}: a count must be a whole number from 0 to {MAX_COUNT:,}.")
        for age_id in self.ages:
            if age_id not in {a.id for a in content().survey.age_groups}:
                raise ValueError(f"{age_id!r} is not an age group of the survey.")
        return self

    @property
    def answered(self) -> int:
        """People who named an insurance type (or 'uninsured')."""
        return sum(self.counts.values())

    @property
    def asked(self) -> int:
        return self.answered + self.unknown


def get_survey(store: Store, workspace_id: str) -> InsuranceSurvey:
    raw = answers.get_value(store, workspace_id, SURVEY_SECTION, SURVEY_KEY)
    return InsuranceSurvey.model_validate(raw) if raw else InsuranceSurvey()


def save_survey(store: Store, workspace_id: str, survey: InsuranceSurvey) -> None:
    answers.save_value(store, workspace_id, SURVEY_SECTION, SURVEY_KEY, survey.model_dump(mode="json"))


def update_survey(store: Store, workspace_id: str, **changes) -> InsuranceSurvey:
    """Change some tallies; invalid counts raise a ValidationError and nothing is saved."""
    current = get_survey(store, workspace_id).model_dump()
    for part in ("counts", "ages"):
        if part in changes:
            changes[part] = {**current[part], **changes[part]}
    survey = InsuranceSurvey.model_validate({**current, **changes})
    save_survey(store, workspace_id, survey)
    return survey


def survey_payer_mix(survey: InsuranceSurvey) -> dict[str, Decimal] | None:
    """Shares (%, one decimal) of the people who named their insurance, adding up to exactly 100.

    People who were not sure are left out. Rounding: each share is rounded down to 0.1 and the missing
    tenths go to the largest remainders (ties to the payer listed first). None if nobody answered.
    """
    total = survey.answered
    if total == 0:
        return None
    ids = [p.id for p in payers()]
    exact = {p: Decimal(survey.counts.get(p, 0)) * 1000 / total for p in ids}  # in tenths of a percent
    tenths = {p: int(v.to_integral_value(rounding=ROUND_FLOOR)) for p, v in exact.items()}
    missing = 1000 - sum(tenths.values())
    by_remainder = sorted(ids, key=lambda p: (-(exact[p] - tenths[p]), ids.index(p)))
    for p in by_remainder[:missing]:
        tenths[p] += 1
    return {p: Decimal(t) / 10 for p, t in tenths.items()}
