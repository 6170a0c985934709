"""Step 6, the direct billing cost-benefit model: what billing insurers would bring in, what it would cost.

The workbook's recipe: the types of insurance and the share of people served by
each, times the projected number of services and the reimbursement rates, minus
what billing costs. Here:

    collected per service = sum over payers (share of people x rate)
                            x billable share x (1 - denial rate) x collection rate
    revenue a month       = services billed x collected per service
    costs a month         = billing staff (FTE x cost a year / 12) + EHR and clearinghouse
                            + credentialing a year / 12 + enrolment hours x hourly cost
                            + services billed x cost per billed service (if any)
                            + start-up: paid once, in equal parts over its first months

These months feed the shared month-by-month projection (`core.projection`): billing
ramps from a share of the full volume to the full volume, start-up is paid once in the
months it is paid, and the results are the first-year figures (months 1-12), the steady
state (a full month at full volume, start-up over), the operating margin (net /
revenue), the ROI (net / cost) and the break-even month. The break-even volume is the
steady state's fixed costs divided by what a billed service leaves once its own cost
is paid, at today's mix of services and payers (the reverse question: how many
services a month until billing pays for itself). Sensitivity moves one input at a
time by +/-20% (percentages capped at 100%) and recomputes the steady-state net.

Volumes come from Step 3 (`core.hrh.services`), overridable per scenario. Rates, costs
and shares are the user's: nothing is invented or defaulted, a cost not entered is
unknown (not $0), and a billed service with no rate for a payer of the mix is
reported, not guessed. A scenario is a record of kind `financing_adventure.scenario`;
the insurance mix survey is a value answer of section `financing_adventure.insurance_survey`.

Money is exact inside and rounded once, for display (`core.money`). Never imports streamlit.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, InstanceOf, ValidationInfo, field_validator, model_validator

from core import projection as pj
from core.content import ContentModel, Option, content_file, load
from core.errors import NotFound, UserError
from core.hrh.services import ServiceRow, offered_rows, service_map
from core.money import CENT, DOLLAR, OptionalMoney, amount, dollars, exact, percent, rounded, to_cents
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
MAX_COUNT = 1_000_000
MAX_MONTHS = 120

# ---------------------------------------------------------------- content


class Payer(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    billable: bool
    help: str


class InputText(ContentModel):
    """One number of a scenario: its words, where the page puts it, and whether leaving it empty is allowed."""

    short: str
    label: str
    help: str
    group: Literal["collect", "costs", "timing"]
    optional: bool = False  # empty means "none" (a cost only some programs have); others are required


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

    @model_validator(mode="after")
    def _every_input_described(self) -> CostBenefitContent:
        missing = set(INPUT_FIELDS) - set(self.inputs)
        if missing:
            raise ValueError(f"inputs: describe {sorted(missing)}")
        return self


def content() -> CostBenefitContent:
    return load(CostBenefitContent)


def payers() -> list[Payer]:
    return list(content().payers)


def payer_label(payer_id: str) -> str:
    return {p.id: p.label for p in payers()}[payer_id]


def billable_payer_ids() -> list[str]:
    return [p.id for p in payers() if p.billable]


# ---------------------------------------------------------------- a scenario's inputs

PERCENT_FIELDS = ("billable_share", "denial_rate", "collection_rate")
MONEY_FIELDS = (
    "billing_cost_per_fte",
    "ehr_per_month",
    "credentialing_per_year",
    "startup_cost",
    "enrolment_hourly_cost",
    "cost_per_service",
)
QUANTITY_FIELDS = ("billing_fte", "enrolment_hours_per_month")
INPUT_FIELDS = (
    *PERCENT_FIELDS,
    "billing_fte",
    "billing_cost_per_fte",
    "ehr_per_month",
    "credentialing_per_year",
    "enrolment_hours_per_month",
    "enrolment_hourly_cost",
    "cost_per_service",
    "startup_cost",
    "startup_months",
    "ramp_months",
    "ramp_start_pct",
)
WHOLE_MONTH_FIELDS = ("startup_months", "ramp_months")


def _label(field: str) -> str:
    return content().inputs[field].label


class ServiceSettings(BaseModel):
    """A scenario's choices for one service: its own volume (None: Step 3's), whether it is billed, its rates."""

    name: str
    volume: int | None = None
    billed: bool = True
    rates: dict[str, OptionalMoney] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value, field="Service name", max_chars=200)

    @field_validator("rates", mode="before")
    @classmethod
    def _rates(cls, value: object, info: ValidationInfo) -> object:
        """Each rate checked as money (`core.money.amount`), its message naming the service and the payer."""
        if not isinstance(value, dict):
            return value
        service = info.data.get("name", "This service")
        for payer_id in value:
            if payer_id not in billable_payer_ids():
                raise UserError(f"{payer_id!r} is not a payer you can bill.")
        return {
            payer_id: amount(rate, f"{service}: the rate from {payer_label(payer_id)}", optional=True)
            for payer_id, rate in value.items()
        }

    @model_validator(mode="after")
    def _numbers(self) -> ServiceSettings:
        if self.volume is not None and not 0 <= self.volume <= MAX_COUNT:
            raise UserError(f"{self.name}: services per month must be between 0 and {MAX_COUNT:,}.")
        return self


class Scenario(BaseModel):
    """One named set of estimates. Incomplete is allowed (figures still being entered); garbage is not.

    A number left empty (None) is not entered yet: the result waits for it (or, for the optional cost
    per billed service, counts none). Money is kept in whole cents.
    """

    model_config = ConfigDict(str_strip_whitespace=True)

    name: str
    payer_mix: dict[str, Decimal] = Field(default_factory=dict)
    services: dict[str, ServiceSettings] = Field(default_factory=dict)
    billable_share: Decimal | None = None
    denial_rate: Decimal | None = None
    collection_rate: Decimal | None = None
    billing_fte: Decimal | None = None
    billing_cost_per_fte: OptionalMoney = None
    ehr_per_month: OptionalMoney = None
    credentialing_per_year: OptionalMoney = None
    startup_cost: OptionalMoney = None
    startup_months: int = 1
    enrolment_hours_per_month: Decimal | None = None
    enrolment_hourly_cost: OptionalMoney = None
    cost_per_service: OptionalMoney = None
    ramp_months: int = 0
    ramp_start_pct: Decimal = ZERO

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
                raise UserError(f"{payer_id!r} is not one of the six payer types.")
            if not ZERO <= share <= HUNDRED:
                raise UserError(f"The share of {labels[payer_id]} must be between 0 and 100%.")
        return value

    @field_validator(*PERCENT_FIELDS, "ramp_start_pct", mode="before")
    @classmethod
    def _to_whole_cents(cls, value: object) -> object:
        return to_cents(value)

    @field_validator(*MONEY_FIELDS, mode="before")
    @classmethod
    def _money(cls, value: object, info: ValidationInfo) -> Decimal | None:
        """The one money check (`core.money.amount`), its message naming the field by its label."""
        return amount(value, _label(info.field_name), optional=True)

    @field_validator(*PERCENT_FIELDS, "ramp_start_pct")
    @classmethod
    def _percent(cls, value: Decimal | None, info: ValidationInfo) -> Decimal | None:
        if value is not None and not ZERO <= value <= HUNDRED:
            raise UserError(f"{_label(info.field_name)} must be between 0 and 100.")
        return value

    @field_validator(*QUANTITY_FIELDS)
    @classmethod
    def _quantity(cls, value: Decimal | None, info: ValidationInfo) -> Decimal | None:
        limit = Decimal(100) if info.field_name == "billing_fte" else Decimal(10_000)
        if value is not None and not ZERO <= value <= limit:
            raise UserError(f"{_label(info.field_name)} must be between 0 and {limit:,}.")
        return value

    @field_validator(*WHOLE_MONTH_FIELDS)
    @classmethod
    def _months(cls, value: int, info: ValidationInfo) -> int:
        low = 1 if info.field_name == "startup_months" else 0
        if not low <= value <= MAX_MONTHS:
            raise UserError(f"{_label(info.field_name)} must be between {low} and {MAX_MONTHS}.")
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
    """Why a scenario cannot be calculated yet; `where` is 'payer_mix', 'rates', 'services' or 'inputs'."""

    where: Literal["payer_mix", "rates", "services", "inputs"]
    message: str
    field: str | None = None  # the input that is missing, for `where` 'inputs'


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


def missing_inputs(scenario: Scenario) -> list[str]:
    """The required numbers not entered yet (a cost that does not apply is entered as 0, never assumed)."""
    needed = [f for f in INPUT_FIELDS if not content().inputs[f].optional and f not in WHOLE_MONTH_FIELDS]
    if scenario.billing_fte == 0:  # no billing staff: their cost does not matter
        needed.remove("billing_cost_per_fte")
    if scenario.enrolment_hours_per_month == 0:
        needed.remove("enrolment_hourly_cost")
    return [f for f in needed if getattr(scenario, f) is None]


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
    for field in missing_inputs(scenario):
        text = content().inputs[field]
        found.append(
            Problem(
                where="inputs",
                field=field,
                message=f"{text.label}: not entered yet"
                + (
                    " (enter 0 if you have no such cost)." if field in MONEY_FIELDS or field in QUANTITY_FIELDS else "."
                ),
            )
        )
    return found


class IncompleteScenario(UserError):
    """The scenario cannot be calculated yet; `problems` says what to fill in, and where."""

    def __init__(self, found: list[Problem]):
        self.problems = found
        super().__init__(" ".join(p.message for p in found))


# ---------------------------------------------------------------- the model


@dataclasses.dataclass(frozen=True)
class _Figures:
    """A complete scenario's inputs as exact numbers, in the shape the sensitivity varies them."""

    volumes: tuple[Fraction, ...]
    rates: tuple[tuple[Fraction, ...], ...]  # per billed service, per billable payer
    shares: tuple[Fraction, ...]  # per billable payer, as a fraction of the people served
    billable_share: Fraction
    denial_rate: Fraction
    collection_rate: Fraction
    staff_per_year: Fraction
    ehr_per_month: Fraction
    credentialing_per_year: Fraction
    enrolment_hours: Fraction
    enrolment_hourly_cost: Fraction
    cost_per_service: Fraction

    @cached_property
    def factor(self) -> Fraction:
        return self.billable_share / 100 * (1 - self.denial_rate / 100) * self.collection_rate / 100

    @cached_property
    def gross(self) -> list[Fraction]:
        """Per billed service of each line: the share-weighted rate, before billable share, denials and collection."""
        return [
            sum((s * r for s, r in zip(self.shares, rates, strict=True) if s and r), Fraction(0))
            for rates in self.rates
        ]

    def per_service(self) -> list[Fraction]:
        """What one billed service of each line brings in, after shares, denials and collection."""
        factor = self.factor
        return [g * factor for g in self.gross]

    def fixed(self) -> list[tuple[str, Fraction]]:
        """The fixed costs of a month, named as the cost table names them (billing staff apart)."""
        return [
            (COST_LABELS["ehr"], self.ehr_per_month),
            (COST_LABELS["credentialing"], self.credentialing_per_year / 12),
            (COST_LABELS["enrolment"], self.enrolment_hours * self.enrolment_hourly_cost),
        ]

    def steady_net(self) -> Fraction:
        """A full month at full volume, start-up over: what the sensitivity moves."""
        revenue = sum((v * (p - self.cost_per_service) for v, p in zip(self.volumes, self.per_service(), strict=True)))
        return revenue - self.staff_per_year / 12 - sum((a for _, a in self.fixed()), Fraction(0))


COST_LABELS = {
    "billing_staff": "Billing and coding staff",
    "ehr": "EHR and clearinghouse",
    "credentialing": "Credentialing",
    "enrolment": "Insurance enrolment time",
    "variable": "Cost per billed service",
    "startup": "Start-up",
}


def _billed(lines: list[ServiceLine]) -> list[ServiceLine]:
    return [line for line in lines if line.billed and line.volume > 0]


def _figures(scenario: Scenario, billed: list[ServiceLine]) -> _Figures:
    payer_ids = billable_payer_ids()
    return _Figures(
        volumes=tuple(Fraction(line.volume) for line in billed),
        rates=tuple(tuple(exact(line.rates.get(p)) for p in payer_ids) for line in billed),
        shares=tuple(exact(scenario.share(p)) / 100 for p in payer_ids),
        billable_share=exact(scenario.billable_share),
        denial_rate=exact(scenario.denial_rate),
        collection_rate=exact(scenario.collection_rate),
        staff_per_year=exact(scenario.billing_fte) * exact(scenario.billing_cost_per_fte),
        ehr_per_month=exact(scenario.ehr_per_month),
        credentialing_per_year=exact(scenario.credentialing_per_year),
        enrolment_hours=exact(scenario.enrolment_hours_per_month),
        enrolment_hourly_cost=exact(scenario.enrolment_hourly_cost),
        cost_per_service=exact(scenario.cost_per_service),
    )


def plan_of(scenario: Scenario, billed: list[ServiceLine], fig: _Figures | None = None) -> pj.Plan:
    """The scenario as a projection plan: one stream per billed service, billing staff as a post filled
    from month 1 (an under-filled team is the point: they cost the same at any volume)."""
    fig = fig or _figures(scenario, billed)
    return pj.Plan(
        streams=tuple(
            pj.Stream(
                key=line.key,
                name=line.name,
                full_volume=line.volume,
                value_per_unit=per_service,
                cost_per_unit=fig.cost_per_service,
            )
            for line, per_service in zip(billed, fig.per_service(), strict=True)
        ),
        roles=(
            pj.Role(
                name=COST_LABELS["billing_staff"],
                cost_per_month=exact(scenario.billing_cost_per_fte) / 12,
                hired_fte=exact(scenario.billing_fte),
            ),
        ),
        fixed=tuple(fig.fixed()),
        startup_cost=exact(scenario.startup_cost),
        startup_months=scenario.startup_months,
        ramp_months=scenario.ramp_months,
        ramp_start=exact(scenario.ramp_start_pct) / 100,
        value_word="revenue",
        unit_word="services",
    )


class LineResult(BaseModel):
    key: str
    name: str
    volume: int
    collected_per_service: Decimal  # cents, rounded once from the exact figure


class CostBenefitResult(BaseModel):
    """A complete scenario's results: the exact projection, and the figures as shown (each with its formula).

    `monthly_*` are the steady state (a full month at full volume, start-up over) in cents, as shown:
    monthly_net = monthly_revenue - monthly_cost. `figures` carry the first-year and steady-state
    figures, margins, ROI, the break-even month and volume, each with how it is computed.
    """

    model_config = ConfigDict(frozen=True)

    lines: list[LineResult]
    projection: InstanceOf[pj.Projection]
    figures: list[pj.Figure]
    monthly_revenue: Decimal
    monthly_cost: Decimal
    monthly_net: Decimal
    first_year_net: Decimal
    billed_volume: int
    collected_per_service: Decimal | None
    break_even_volume: int | None
    break_even_month: int | None

    def figure(self, figure_id: str) -> pj.Figure:
        return pj.figure(self.figures, figure_id)

    def steady(self, quantum: Decimal = DOLLAR) -> pj.Statement:
        return pj.statement(self.projection.plan, self.projection.steady_month, quantum)

    def steady_year(self, quantum: Decimal = DOLLAR) -> pj.Statement:
        return pj.statement(self.projection.plan, self.projection.steady_year, quantum)

    def first_year(self, quantum: Decimal = DOLLAR) -> pj.Statement:
        return pj.first_year_statement(self.projection, quantum)

    def months(self, quantum: Decimal = DOLLAR) -> list[pj.ShownMonth]:
        return pj.shown_months(self.projection, quantum)


def break_even_volume(projection: pj.Projection) -> int | None:
    """Billed services a month at which the steady state's net reaches zero, at today's mix of services and
    payers: fixed costs / (average collected per service - cost per service), rounded up. 0 without fixed
    costs; None when a billed service brings in no more than it costs."""
    steady = projection.steady
    volume = steady.volume
    if volume == 0:
        return None
    variable = sum((v * s.cost_per_unit for v, s in zip(steady.volumes, projection.plan.streams, strict=True)))
    fixed = steady.cost - variable
    left = (steady.value - variable) / volume  # what an average billed service leaves
    if fixed <= 0:
        return 0 if left >= 0 else None
    if left <= 0:
        return None
    return math.ceil(fixed / left)


def calculate(scenario: Scenario, lines: list[ServiceLine]) -> CostBenefitResult:
    """The scenario's figures; raises `IncompleteScenario` if shares, services, rates or costs are missing."""
    found = problems(scenario, lines)
    if found:
        raise IncompleteScenario(found)
    billed = _billed(lines)
    fig = _figures(scenario, billed)
    projection = pj.project(plan_of(scenario, billed, fig))
    steady = pj.statement(projection.plan, projection.steady_month, CENT)
    volume = sum(line.volume for line in billed)
    average = projection.steady.value / volume if volume and projection.steady.value > 0 else None
    needed = break_even_volume(projection)
    figures = [
        *pj.projection_figures(projection),
        pj.Figure(
            id="break_even_volume",
            label="Break-even volume (billed services a month)",
            value=needed,
            unit="count",
            shown="none covers the costs" if needed is None else f"{needed:,}",
            how="The steady state's fixed costs a month / (average collected per billed service - cost per billed "
            "service), rounded up to a whole service, at today's mix of services and payers.",
        ),
        pj.Figure(
            id="collected_per_service",
            label="Average collected per billed service",
            value=None if average is None else rounded(average),
            unit="money",
            shown="-" if average is None else dollars(rounded(average), with_cents=True),
            how="Steady-state revenue a month / billed services a month. Per service: the sum over payers of "
            "(share of people x rate) x billable share x (1 - denial rate) x collection rate.",
        ),
    ]
    return CostBenefitResult(
        lines=[
            LineResult(key=line.key, name=line.name, volume=line.volume, collected_per_service=rounded(p))
            for line, p in zip(billed, fig.per_service(), strict=True)
        ],
        projection=projection,
        figures=figures,
        monthly_revenue=steady.value,
        monthly_cost=steady.cost,
        monthly_net=steady.net,
        first_year_net=pj.first_year_statement(projection, CENT).net,
        billed_volume=volume,
        collected_per_service=None if average is None else rounded(average),
        break_even_volume=needed,
        break_even_month=projection.break_even_month,
    )


class SensitivityRow(BaseModel):
    """The steady-state net a month with one input 20% lower and 20% higher, everything else as estimated."""

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


def _variant(base: _Figures, **changes) -> _Figures:
    """`base` with some inputs changed, keeping what they do not touch already worked out (the sensitivity
    recomputes the net some forty times per page run)."""
    new = dataclasses.replace(base, **changes)
    if not {"rates", "shares"} & changes.keys():
        new.__dict__["gross"] = base.gross
    if not set(PERCENT_FIELDS) & changes.keys():
        new.__dict__["factor"] = base.factor
    return new


def _scaled(values: tuple[Fraction, ...], index: int, factor: Fraction) -> tuple[Fraction, ...]:
    return tuple(v * factor if i == index else v for i, v in enumerate(values))


def sensitivity(scenario: Scenario, lines: list[ServiceLine], change: Decimal = CHANGE) -> list[SensitivityRow]:
    """Each input moved by -/+`change` alone (percentages capped at 100), largest effect on the steady-state
    net first; inputs with no effect are left out. Raises `IncompleteScenario` like `calculate`."""
    found = problems(scenario, lines)
    if found:
        raise IncompleteScenario(found)
    billed = _billed(lines)
    base = _figures(scenario, billed)
    payer_ids = billable_payer_ids()
    variants: list[tuple[str, str, Callable[[Fraction], _Figures]]] = []
    for i, line in enumerate(billed):
        variants.append(
            (
                f"volume:{line.key}",
                f"Services per month: {line.name}",
                lambda f, i=i: _variant(base, volumes=_scaled(base.volumes, i, f)),
            )
        )
    for j, payer_id in enumerate(payer_ids):
        if base.shares[j] > 0:
            variants.append(
                (
                    f"rates:{payer_id}",
                    f"Rates paid by {payer_label(payer_id)}",
                    lambda f, j=j: _variant(base, rates=tuple(_scaled(r, j, f) for r in base.rates)),
                )
            )
    inputs = content().inputs
    for name in PERCENT_FIELDS:
        variants.append(
            (
                name,
                inputs[name].short,
                lambda f, n=name: _variant(base, **{n: min(Fraction(100), getattr(base, n) * f)}),
            )
        )
    for name, attr in (
        ("billing_fte", "staff_per_year"),
        ("ehr_per_month", "ehr_per_month"),
        ("credentialing_per_year", "credentialing_per_year"),
        ("enrolment_hours_per_month", "enrolment_hours"),
        ("cost_per_service", "cost_per_service"),
    ):
        label = "Billing and coding staff cost" if name == "billing_fte" else inputs[name].short
        variants.append((name, label, lambda f, a=attr: _variant(base, **{a: getattr(base, a) * f})))
    plan = plan_of(scenario, billed, base)
    steady = pj.month_of(plan, 0, tuple(s.full_volume for s in plan.streams))
    base_net = pj.statement(plan, pj.Period(values=steady.values, costs=steady.costs), CENT).net
    low, high = Fraction(1) - Fraction(change), Fraction(1) + Fraction(change)
    rows = [
        SensitivityRow(
            input_id=input_id,
            label=label,
            base_net=base_net,
            net_if_lower=rounded(make(low).steady_net()),
            net_if_higher=rounded(make(high).steady_net()),
        )
        for input_id, label, make in variants
    ]
    rows = [r for r in rows if r.swing > 0]
    return sorted(rows, key=lambda r: (-r.swing, r.label))


# ---------------------------------------------------------------- the verdict


class Verdict(BaseModel):
    kind: Literal["pays", "fragile", "slow", "breaks_even", "does_not_pay", "no_revenue"]
    headline: str
    text: str


def _about(amount: Decimal) -> str:
    """A shown amount in a sentence; a non-zero net that rounds to $0 is "less than $1", never "$0"."""
    return "less than $1" if amount == 0 else dollars(amount)


def _when(result: CostBenefitResult) -> str:
    month = result.break_even_month
    horizon = result.projection.plan.horizon
    if month is None:
        return f"the running total of the net does not get back to zero within {horizon} months"
    return f"the running total of the net gets back to zero in month {month} (the break-even month)"


def verdict(result: CostBenefitResult, rows: list[SensitivityRow]) -> Verdict:
    """The result in a few plain sentences: does billing pay for itself, how soon, how robustly, what it would take."""
    steady, year = result.steady(), result.steady_year()
    first = result.first_year()
    figures = f"At full volume, billing would bring in {dollars(steady.value)} a month and cost {dollars(steady.cost)}"
    if result.projection.steady.value <= 0:
        return Verdict(
            kind="no_revenue",
            headline="Billing would bring in nothing at these estimates",
            text="None of the billed services has a rate above $0 from the payers of the people you serve, "
            "so billing could not cover its own costs. Check the rates, or look at a partnership "
            "with a healthcare entity instead.",
        )
    expect = f"you expect {result.billed_volume:,}"
    exact_net = result.projection.steady.net
    needed = (
        "no number of services is enough, since each costs at least what it brings in"
        if result.break_even_volume is None
        else f"about {result.break_even_volume:,} billed services a month at this mix of services and payers"
    )
    first_year = f"The first year (months 1-12, start-up and ramp-up included) nets {dollars(first.net)}"
    if exact_net > 0:
        text = (
            f"{figures}, leaving {_about(steady.net)} a month ({_about(year.net)} a year) once start-up is paid. "
            f"{first_year}; {_when(result)}. It breaks even at {needed}; {expect}."
        )
        if result.break_even_month is None:
            return Verdict(
                kind="slow",
                headline="Billing pays once it runs, but not back its start-up within "
                f"{result.projection.plan.horizon} months",
                text=text + " Check the start-up costs and how fast billing grows before you decide.",
            )
        worst = min(rows, key=lambda r: r.worst[0], default=None)
        if worst is None or worst.worst[0] > 0:
            return Verdict(
                kind="pays",
                headline="Direct billing pays for itself at your estimates",
                text=text + " The steady-state net stays positive if any one estimate is 20% worse.",
            )
        net, way = worst.worst
        return Verdict(
            kind="fragile",
            headline="Direct billing pays, but only just",
            text=text + f' If "{worst.label}" were 20% {way}, the net would be {dollars(net)} a month: '
            "check that estimate before you decide.",
        )
    if exact_net == 0:
        return Verdict(
            kind="breaks_even",
            headline="Direct billing would only just pay its own costs",
            text=f"{figures}: exactly what it brings in, so it leaves nothing once start-up is paid. {first_year}; "
            f"the start-up costs are never recovered. Better rates or lower billing costs would tip it.",
        )
    text = (
        f"{figures}: a loss of {_about(-steady.net)} a month ({_about(-year.net)} a year) even once start-up is "
        f"paid. {first_year}. To break even you would need {needed} ({expect}), better rates, or lower billing "
        "costs. A partnership with a healthcare entity that already bills may be the better path."
    )
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


def _shown(result: CostBenefitResult, figure_id: str) -> str:
    return result.figure(figure_id).shown


COMPARED: list[tuple[str, Callable[[CostBenefitResult], str]]] = [
    ("Billed services a month at full volume", lambda r: f"{r.billed_volume:,}"),
    ("Revenue a month (steady state)", lambda r: dollars(r.steady().value)),
    ("Billing costs a month (steady state)", lambda r: dollars(r.steady().cost)),
    ("Net a month (steady state)", lambda r: dollars(r.steady().net)),
    ("First-year net (months 1-12)", lambda r: _shown(r, "first_year_net")),
    ("Operating margin (steady state)", lambda r: _shown(r, "steady_margin")),
    ("Break-even month", lambda r: _shown(r, "break_even_month")),
    ("Break-even: billed services a month", lambda r: _shown(r, "break_even_volume")),
]


def revenue_table(result: CostBenefitResult) -> list[dict[str, str]]:
    """What each billed service brings in a month at full volume, with the total (the lines add up to it)."""
    steady = result.steady()
    rows = [
        {
            "Service": line.name,
            "Billed a month": f"{line.volume:,}",
            "Collected per service": dollars(line.collected_per_service, with_cents=True),
            "Revenue a month": dollars(shown.amount),
        }
        for line, shown in zip(result.lines, steady.value_lines, strict=True)
    ]
    total = {
        "Service": "Total",
        "Billed a month": f"{result.billed_volume:,}",
        "Collected per service": _shown(result, "collected_per_service") + " on average",
        "Revenue a month": dollars(steady.value),
    }
    return [*rows, total]


def cost_table(result: CostBenefitResult) -> list[dict[str, str]]:
    """The steady-state costs of billing by item, a month and a year, with their totals (start-up is over)."""
    month, year = result.steady(), result.steady_year()
    rows = [
        {"Cost": m.label, "A month": dollars(m.amount), "A year": dollars(y.amount)}
        for m, y in zip(month.cost_lines, year.cost_lines, strict=True)
        if m.label != COST_LABELS["startup"]
    ]
    return [*rows, {"Cost": "Total", "A month": dollars(month.cost), "A year": dollars(year.cost)}]


def statement_table(result: CostBenefitResult) -> list[dict[str, str]]:
    """First year and steady state side by side, line by line: every column's lines add up to its totals."""
    return statement_rows(
        [
            ("First year (months 1-12)", result.first_year()),
            ("Steady state, a month", result.steady()),
            ("Steady state, a year", result.steady_year()),
        ],
        value_word="Revenue",
    )


def statement_rows(columns: list[tuple[str, pj.Statement]], *, value_word: str) -> list[dict[str, str]]:
    """Statements as table rows: each value line, the value total, each cost line, the cost total, the net."""
    first = columns[0][1]
    rows: list[dict[str, str]] = []
    for i, line in enumerate(first.value_lines):
        rows.append({"": f"  {line.label}", **{name: dollars(s.value_lines[i].amount) for name, s in columns}})
    rows.append({"": value_word, **{name: dollars(s.value) for name, s in columns}})
    for i, line in enumerate(first.cost_lines):
        rows.append({"": f"  {line.label}", **{name: dollars(s.cost_lines[i].amount) for name, s in columns}})
    rows.append({"": "Costs", **{name: dollars(s.cost) for name, s in columns}})
    rows.append({"": "Net", **{name: dollars(s.net) for name, s in columns}})
    return rows


def months_table(result: CostBenefitResult) -> list[dict[str, str]]:
    """The projection month by month, as shown (the months add up to the first-year figures)."""
    return [
        {
            "Month": str(m.month),
            "Billed services": f"{m.volume:,}",
            "Revenue": dollars(m.value),
            "Costs": dollars(m.cost),
            "Net": dollars(m.net),
            "Cumulative net": dollars(m.cumulative),
        }
        for m in result.months()
    ]


def sensitivity_table(rows: list[SensitivityRow]) -> list[dict[str, str]]:
    """The sensitivity rows, formatted for a table (largest effect first)."""
    return [
        {
            "Estimate": r.label,
            "Steady net a month if 20% lower": dollars(r.net_if_lower),
            "Steady net a month today": dollars(r.base_net),
            "Steady net a month if 20% higher": dollars(r.net_if_higher),
        }
        for r in rows
    ]


def assumptions(scenario: Scenario) -> list[str]:
    """The timing and optional figures the result rests on, in words (what was entered, or that nothing was)."""
    ramp = (
        "Ramp-up: none entered, so billing runs at full volume from month 1 (this flatters the first year if it "
        "will take time)."
        if scenario.ramp_months == 0
        else f"Ramp-up: month 1 at {percent(scenario.ramp_start_pct)} of the full volume, growing by the same step "
        f"each month to full volume in month {scenario.ramp_months + 1} (volumes rounded to whole services)."
    )
    startup = (
        "Start-up: none."
        if not scenario.startup_cost
        else f"Start-up: {dollars(scenario.startup_cost)}, paid once"
        + (
            " in month 1."
            if scenario.startup_months == 1
            else f", in equal parts over months 1-{scenario.startup_months}."
        )
    )
    variable = (
        "Cost per billed service: none entered (no per-claim or billing-partner fee counted)."
        if scenario.cost_per_service is None
        else f"Cost per billed service: {dollars(scenario.cost_per_service, with_cents=True)}."
    )
    return [ramp, startup, variable]


def _startup_when(months: int) -> str:
    return " in month 1." if months == 1 else f", in equal parts over months 1-{months}."


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
    raise NotFound("That scenario no longer exists; it may have been deleted in another tab.")


def _check_name_free(store: Store, workspace_id: str, name: str, except_id: str | None = None) -> str:
    name = clean_name(name, field="Scenario name", max_chars=80)
    for saved in list_scenarios(store, workspace_id):
        if saved.record_id != except_id and name_key(saved.scenario.name) == name_key(name):
            raise UserError(f"A scenario named {name!r} already exists; choose another name.")
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
    """Apply changes to a scenario's inputs; invalid values raise a ValidationError and nothing is saved.

    The stored scenario is read and written in one transaction with its row locked (and its version
    checked when the caller set `answers.expected_versions`), so two windows changing different
    inputs both keep their change.
    """
    if "name" in changes:
        changes["name"] = _check_name_free(store, workspace_id, changes["name"], except_id=record_id)
    saved: list[Scenario] = []

    def change(data: dict) -> dict:
        scenario = Scenario.model_validate({**Scenario.model_validate(data).model_dump(), **changes})
        saved.append(scenario)
        return scenario.model_dump(mode="json")

    try:
        answers.modify_record(store, workspace_id, record_id, change)
    except KeyError as exc:
        raise NotFound("That scenario no longer exists; it may have been deleted in another tab.") from exc
    return saved[-1]


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
    """Save one of the scenario's numbers (a rate of collection, a cost ...).

    A cleared box means "not entered" (unknown, never $0): the result waits for it again. A cleared ramp-up
    is no ramp-up; the months start-up is paid over cannot be left empty.
    """
    if field not in content().inputs:
        raise ValueError(f"{field!r} is not an input of the calculator.")
    blank = value is None or value == "" or (isinstance(value, float) and value != value)
    if blank and field == "startup_months":
        raise UserError(f"{_label(field)}: enter a number of months (1 if it is paid at once).")
    if blank:
        value = 0 if field in ("ramp_months", "ramp_start_pct") else None
    elif field in WHOLE_MONTH_FIELDS:
        number = Decimal(str(value))
        if number != number.to_integral_value():
            raise UserError(f"{_label(field)}: enter whole months.")
        value = int(number)
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
        raise UserError("The survey has no answers yet: record how many people named each type of insurance first.")
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
                raise UserError(f"{by_key[key].name}: services per month must be a whole number.")
            kwargs["volume"] = None if is_blank(volume) else int(volume)
        if "billed" in changes:
            kwargs["billed"] = bool(changes["billed"])
        rates = {p: (None if is_blank(v) else Decimal(str(v))) for p, v in changes.items() if p in payer_ids}
        if rates:
            kwargs["rates"] = rates
        update_service(store, workspace_id, record_id, key, by_key[key].name, **kwargs)

    def refuse(*_args) -> None:
        raise UserError("Services come from Step 3: add or remove them there.")

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
                raise UserError(f"{key!r} is not an answer of the survey.")
            if not 0 <= count <= MAX_COUNT:
                raise UserError(f"{labels[key]}: a count must be a whole number from 0 to {MAX_COUNT:,}.")
        for age_id in self.ages:
            if age_id not in {a.id for a in content().survey.age_groups}:
                raise UserError(f"{age_id!r} is not an age group of the survey.")
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
