"""The 5x planner and the care program ROI model.

For each cohort of the 5x method (5, 25, 125, 625 patients, and one custom size) the
program is projected month by month with the shared projection (`core.projection`):

    patients a month   ramp from a start to the cohort's size (linear, or by the 5x stages)
    staff a month      per role: patients / its caseload, rounded up to the hiring step
                       (1: whole posts), never below the FTE already hired
    costs a month      staff (FTE x salary x (1 + fringe) / 12) x (1 + overhead)
                       + fixed annual costs / 12 + patients x variable cost a year / 12
                       + start-up, paid once, in equal parts over its first months
    savings a month    patients x engagement x savings per engaged patient a year / 12,
                       where the savings per engaged patient are a known figure, or
                       baseline use x cost of one event x expected reduction, for
                       emergency visits and hospital days

Results per cohort: first-year figures (months 1-12), the steady state (a full year at the
cohort's size once ramp-up and start-up are over), operating margin (net / savings), ROI
(net / cost) and the break-even month. The reverse questions: `break_even_caseload`
(patients per full-time person in one role until the program pays for itself) and
`break_even_patients` (patients the team must carry, for a team hired but not yet full, or
a plan with fixed costs only).

A workspace keeps two named scenarios ("a" and "b") side by side. Every figure says where
it came from: "Your estimate" once typed, the CareOregon Health Resilience Program's
figures (each labelled reported by the source or derived by the app) when loaded from the
preset, or "Not entered yet". Nothing is assumed: a cost not entered is unknown, and no
result is shown until the costs and savings are entered. Money is exact inside and rounded
once, for display. Never imports streamlit.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, InstanceOf, ValidationError, field_validator

from core import projection as pj
from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.money import DOLLAR, OptionalMoney, amount, decimal_of, dollars, exact, percent, rounded, to_decimal
from core.sources import Quote
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.table_edits import error_text
from core.text import clean_name

STEP = "five_x_planner"
SECTION = f"{STEP}.scenario"
SLOTS = ("a", "b")
YOUR_ESTIMATE = "Your estimate"
NOT_ENTERED = "Not entered yet"
FTE_STEPS = (Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal("0.1"))
MAX_PATIENTS = 100_000
SEARCH_LIMIT = 20_000  # hiring steps walked by the reverse question before it says "more than"

# ---------------------------------------------------------------- content


class Use(ContentModel):
    id: Literal["ed", "hospital_days"]
    label: str
    unit: str
    cost_label: str


class ReportedFigure(Quote):
    """A figure the source reports, with the sentence it comes from (quoted word for word)."""

    value: int = Field(gt=0)
    label: str


class CareOregon(ContentModel):
    name: str
    citation: str
    role: str
    specialists: ReportedFigure
    practices: ReportedFigure
    patients_per_specialist_per_year: ReportedFigure
    annual_savings: ReportedFigure
    context: list[Quote] = Field(min_length=1)  # who the program serves and why it began
    approach: list[Quote] = Field(min_length=1)  # the trauma-informed approach
    outcomes: Quote
    left_open: list[str] = Field(min_length=1)  # the app's own notes: what the source does not say
    notes: list[str]  # the app's own notes on how the preset uses the figures

    @property
    def patients_per_year(self) -> int:
        return self.specialists.value * self.patients_per_specialist_per_year.value

    @property
    def savings_per_patient_exact(self) -> Fraction:
        return Fraction(self.annual_savings.value, self.patients_per_year)

    @property
    def savings_per_patient(self) -> Decimal:
        """Derived by the app, shown in cents: $1,650,000 / 1,800 = $916.67 (the models use the exact figure)."""
        return rounded(self.savings_per_patient_exact)

    @property
    def savings_per_specialist(self) -> Decimal:
        return rounded(Fraction(self.annual_savings.value, self.specialists.value))


@content_file("care_roi.yaml")
class CareRoiContent(ContentModel):
    source: str
    cohorts: list[int] = Field(min_length=1)
    uses: list[Use] = Field(min_length=2, max_length=2)
    careoregon: CareOregon


def content() -> CareRoiContent:
    return load(CareRoiContent)


def use_label(use_id: str) -> str:
    return next(u.label for u in content().uses if u.id == use_id)


# ---------------------------------------------------------------- inputs


def _number(value: Any, what: str, low: Decimal, high: Decimal, unit: str = "") -> Decimal:
    """`value` as a Decimal within [low, high], or a message naming the field and the range."""
    if value is None or value == "":
        raise UserError(f"{what}: enter a number.")
    try:
        number = to_decimal(value) if isinstance(value, str) else Decimal(str(value))
        if not isinstance(number, Decimal):
            raise InvalidOperation
    except InvalidOperation as exc:
        raise UserError(f"{what}: {value!r} is not a number.") from exc
    if not number.is_finite():
        raise UserError(f"{what}: enter a number.")
    if number < low:
        raise UserError(f"{what} cannot be negative." if low == 0 else f"{what} must be at least {low:,}{unit}.")
    if number > high:
        raise UserError(f"{what} cannot be above {high:,}{unit} (you entered {_plain(number)}{unit}).")
    return number


def _optional(value: Any, what: str, low: Decimal, high: Decimal, unit: str = ""):
    """Like `_number`, but an empty value is "not entered yet" (None). (Money: `core.money.amount`.)"""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, Decimal) and value.is_nan():
        raise UserError(f"{what}: enter a number.")
    return _number(value, what, low, high, unit)


def _whole(value: Any, what: str, low: int, high: int, unit: str) -> int:
    number = _number(value, what, Decimal(low), Decimal(high), unit)
    if number != number.to_integral_value():
        raise UserError(f"{what}: enter whole {unit.strip() or 'numbers'}.")
    return int(number)


def _plain(number: Decimal) -> str:
    """A number as typed, without trailing zeros: 120.0 -> "120", 12.50 -> "12.5"."""
    if number == number.to_integral_value():
        return f"{number.to_integral_value():,}"
    return f"{number.normalize():,f}"


class RoleInput(BaseModel):
    """A staff role: the caseload one full-time person carries, salary and fringe, and the FTE already hired."""

    model_config = ConfigDict(str_strip_whitespace=True)

    role: str
    caseload: int
    salary: OptionalMoney = None
    fringe_pct: Decimal | None = None
    hired_fte: Decimal = Decimal(0)
    source: str = YOUR_ESTIMATE

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return clean_name(value, field="Role", max_chars=80)

    @field_validator("caseload", mode="before")
    @classmethod
    def _caseload(cls, value: object) -> int:
        if value is None or value == "":
            raise UserError("enter the number of patients one full-time person in this role can carry.")
        number = _number(value, "Caseload", Decimal(0), Decimal(10_000), " patients")
        if number < 1:
            raise UserError("a caseload of 0 serves nobody: enter at least 1 patient per full-time person.")
        if number != number.to_integral_value():
            raise UserError("enter the caseload as a whole number of patients.")
        return int(number)

    @field_validator("salary", mode="before")
    @classmethod
    def _salary(cls, value: object) -> Decimal | None:
        return amount(value, "Salary", optional=True)

    @field_validator("fringe_pct", mode="before")
    @classmethod
    def _fringe(cls, value: object) -> Decimal | None:
        return _optional(value, "Fringe", Decimal(0), Decimal(100), "%")

    @field_validator("hired_fte", mode="before")
    @classmethod
    def _hired(cls, value: object) -> Decimal:
        return _number(0 if value is None or value == "" else value, "Hired", Decimal(0), Decimal(1000), " FTE")

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: object) -> str:
        return str(value or YOUR_ESTIMATE)[:300]

    @property
    def entered(self) -> bool:
        return self.salary is not None and self.fringe_pct is not None

    @property
    def cost_per_fte(self) -> Fraction:
        """Salary x (1 + fringe), a year, exact (0 while not entered)."""
        return exact(self.salary) * (1 + exact(self.fringe_pct) / 100)


class UseInput(BaseModel):
    """One kind of avoidable use: baseline per patient per year, cost of one event, expected reduction.

    Each figure is None until entered; the use counts towards savings once all three are entered."""

    baseline: Decimal | None = None
    cost: OptionalMoney = None
    reduction_pct: Decimal | None = None

    @field_validator("baseline", mode="before")
    @classmethod
    def _baseline(cls, value: object) -> Decimal | None:
        return _optional(value, "Baseline use", Decimal(0), Decimal(365), " per patient per year")

    @field_validator("cost", mode="before")
    @classmethod
    def _cost(cls, value: object) -> Decimal | None:
        return amount(value, "Cost per event", optional=True)

    @field_validator("reduction_pct", mode="before")
    @classmethod
    def _reduction(cls, value: object) -> Decimal | None:
        return _optional(value, "Expected reduction", Decimal(0), Decimal(100), "%")

    @property
    def complete(self) -> bool:
        return None not in (self.baseline, self.cost, self.reduction_pct)

    @property
    def started(self) -> bool:
        return any(v is not None for v in (self.baseline, self.cost, self.reduction_pct))

    @property
    def savings_per_patient(self) -> Fraction:
        """Baseline x cost of one event x reduction, a year (0 until all three are entered)."""
        if not self.complete:
            return Fraction(0)
        return exact(self.baseline) * exact(self.cost) * exact(self.reduction_pct) / 100


class ReportedBasis(BaseModel):
    """Known savings given as a total over a number of patients (the CareOregon preset): kept exact."""

    total: int = Field(gt=0)
    patients: int = Field(gt=0)


class RoiInputs(BaseModel):
    """Everything one scenario of the ROI model needs; see the module docstring for the arithmetic."""

    roles: list[RoleInput] = []
    overhead_pct: Decimal | None = None
    fixed_costs: OptionalMoney = None
    ed: UseInput = UseInput()
    hospital_days: UseInput = UseInput()
    engagement_pct: Decimal | None = None
    reported_savings_per_patient: OptionalMoney = None
    reported_savings_basis: ReportedBasis | None = None
    variable_cost_per_patient: OptionalMoney = None
    startup_cost: OptionalMoney = None
    startup_months: int = 1
    ramp_up_months: int = 0
    ramp_start_pct: Decimal = Decimal(0)
    ramp_shape: Literal["linear", "five_x"] = "linear"
    fte_step: Decimal = Decimal(1)
    custom_cohort: int | None = None

    @field_validator("overhead_pct", mode="before")
    @classmethod
    def _overhead(cls, value: object) -> Decimal | None:
        return _optional(value, "Overhead", Decimal(0), Decimal(300), "% of staff cost")

    @field_validator("fixed_costs", mode="before")
    @classmethod
    def _fixed(cls, value: object) -> Decimal | None:
        return amount(value, "Fixed annual costs", optional=True)

    @field_validator("engagement_pct", mode="before")
    @classmethod
    def _engagement(cls, value: object) -> Decimal | None:
        return _optional(value, "Engagement rate", Decimal(0), Decimal(100), "%")

    @field_validator("reported_savings_per_patient", mode="before")
    @classmethod
    def _reported(cls, value: object) -> Decimal | None:
        return amount(value, "Savings per patient", optional=True)

    @field_validator("variable_cost_per_patient", mode="before")
    @classmethod
    def _variable(cls, value: object) -> Decimal | None:
        return amount(value, "Variable cost per patient", optional=True)

    @field_validator("startup_cost", mode="before")
    @classmethod
    def _startup(cls, value: object) -> Decimal | None:
        return amount(value, "Start-up cost", optional=True)

    @field_validator("startup_months", mode="before")
    @classmethod
    def _startup_months(cls, value: object) -> int:
        return _whole(1 if value is None or value == "" else value, "Start-up months", 1, 120, " months")

    @field_validator("ramp_up_months", mode="before")
    @classmethod
    def _ramp(cls, value: object) -> int:
        return _whole(0 if value is None or value == "" else value, "Ramp-up", 0, 60, " months")

    @field_validator("ramp_start_pct", mode="before")
    @classmethod
    def _ramp_start(cls, value: object) -> Decimal:
        return _number(
            0 if value is None or value == "" else value, "Caseload in month 1", Decimal(0), Decimal(100), "%"
        )

    @field_validator("fte_step", mode="before")
    @classmethod
    def _step(cls, value: object) -> Decimal:
        number = _number(1 if value is None or value == "" else value, "Hiring step", Decimal("0.1"), Decimal(1))
        if number not in FTE_STEPS:
            raise UserError("Hiring step: choose whole posts (1), half posts (0.5), quarter posts (0.25) or 0.1 FTE.")
        return number

    @field_validator("custom_cohort", mode="before")
    @classmethod
    def _custom(cls, value: object) -> int | None:
        if isinstance(value, Decimal) and value.is_nan():  # a signalling NaN even raises on ==
            raise UserError("Custom cohort: enter a number.")
        if value is None or value == "" or value == 0:
            return None
        number = _number(value, "Custom cohort", Decimal(1), Decimal(MAX_PATIENTS), " patients")
        if number != number.to_integral_value():
            raise UserError("Custom cohort: enter a whole number of patients.")
        return int(number)


# ---------------------------------------------------------------- the model


def savings_per_engaged_exact(inputs: RoiInputs) -> Fraction | None:
    """Savings per engaged patient a year: the known figure (exact when given as a total over patients),
    else the sum of the avoided uses entered; None while neither is entered."""
    if inputs.reported_savings_basis is not None:
        return Fraction(inputs.reported_savings_basis.total, inputs.reported_savings_basis.patients)
    if inputs.reported_savings_per_patient is not None:
        return exact(inputs.reported_savings_per_patient)
    uses = [u for u in (inputs.ed, inputs.hospital_days) if u.complete]
    if not uses:
        return None
    return sum((u.savings_per_patient for u in uses), Fraction(0))


def savings_per_engaged(inputs: RoiInputs) -> Decimal:
    """Savings per engaged patient a year, in cents, for display (0 while not entered)."""
    return rounded(savings_per_engaged_exact(inputs) or 0)


def savings_per_enrolled_exact(inputs: RoiInputs) -> Fraction:
    return (savings_per_engaged_exact(inputs) or Fraction(0)) * exact(inputs.engagement_pct) / 100


def savings_per_enrolled(inputs: RoiInputs) -> Decimal:
    """Savings per enrolled patient a year (engaged share x savings per engaged patient), in cents."""
    return rounded(savings_per_enrolled_exact(inputs))


def cost_per_patient(inputs: RoiInputs) -> Decimal:
    """Staff and overhead cost per enrolled patient a year at full caseloads (each role's cost per FTE /
    its caseload), in cents. Fixed costs and hiring steps are left out: this is the cost of one more patient."""
    staff = sum((r.cost_per_fte / r.caseload for r in inputs.roles), Fraction(0))
    return rounded(staff * (1 + exact(inputs.overhead_pct) / 100) + exact(inputs.variable_cost_per_patient))


def plan_for(inputs: RoiInputs, patients: int) -> pj.Plan:
    """The scenario as a projection plan for a cohort of `patients` (at full caseload)."""
    return pj.Plan(
        streams=(
            pj.Stream(
                key="patients",
                name="Savings from avoided use",
                full_volume=patients,
                value_per_unit=savings_per_enrolled_exact(inputs) / 12,
                cost_per_unit=exact(inputs.variable_cost_per_patient) / 12,
            ),
        ),
        roles=tuple(
            pj.Role(name=r.role, cost_per_month=r.cost_per_fte / 12, caseload=r.caseload, hired_fte=exact(r.hired_fte))
            for r in inputs.roles
        ),
        fixed=(("Fixed costs", exact(inputs.fixed_costs) / 12),),
        overhead_rate=exact(inputs.overhead_pct) / 100,
        startup_cost=exact(inputs.startup_cost),
        startup_months=inputs.startup_months,
        ramp_months=inputs.ramp_up_months,
        ramp_start=exact(inputs.ramp_start_pct) / 100,
        ramp_shape=inputs.ramp_shape,
        fte_step=exact(inputs.fte_step),
        value_word="savings",
        unit_word="patients",
    )


class RoleStaffing(BaseModel):
    role: str
    fte: Decimal  # full-time equivalents at full caseload (steady state), stepped as hired
    cost: Decimal  # their cost a year with fringe, in dollars as shown in the steady-state year


class CohortResult(BaseModel):
    """One cohort's projection and its figures (first year, steady state, margin, ROI, break-even month).

    Money is as shown in whole dollars: first_year_net = first_year_savings - first_year_cost, and so on.
    `figures` carry each figure with how it is computed."""

    model_config = ConfigDict(frozen=True)

    patients: int
    staffing: list[RoleStaffing]
    fte: Decimal
    projection: InstanceOf[pj.Projection]
    figures: list[pj.Figure]
    first_year_cost: Decimal
    first_year_savings: Decimal
    first_year_net: Decimal
    steady_year_cost: Decimal
    steady_year_savings: Decimal
    steady_year_net: Decimal
    margin_pct: Decimal | None  # steady state: net / savings
    roi_pct: Decimal | None  # first year: net / cost
    break_even_month: int | None

    def figure(self, figure_id: str) -> pj.Figure:
        return pj.figure(self.figures, figure_id)

    def first_year(self, quantum: Decimal = DOLLAR) -> pj.Statement:
        return pj.first_year_statement(self.projection, quantum)

    def steady_year(self, quantum: Decimal = DOLLAR) -> pj.Statement:
        return pj.statement(self.projection.plan, self.projection.steady_year, quantum)

    def steady_month(self, quantum: Decimal = DOLLAR) -> pj.Statement:
        return pj.statement(self.projection.plan, self.projection.steady_month, quantum)

    def months(self, quantum: Decimal = DOLLAR) -> list[pj.ShownMonth]:
        return pj.shown_months(self.projection, quantum)


def inputs_key(inputs: RoiInputs) -> str:
    """Every input of a scenario, as the key of results kept for it (`pj.kept`)."""
    return inputs.model_dump_json(warnings=False)


def cohort_result(inputs: RoiInputs, patients: int) -> CohortResult:
    """The projection of serving a cohort of `patients`, and its figures (see the module docstring).
    Kept for the same inputs (`pj.kept`): read-only."""
    if patients < 1:
        raise UserError("A cohort has at least 1 patient.")
    return pj.kept(("five_x.cohort_result", inputs_key(inputs), patients), lambda: _cohort_result(inputs, patients))


def _cohort_result(inputs: RoiInputs, patients: int) -> CohortResult:
    projection = pj.project(plan_for(inputs, patients))
    year, steady = pj.first_year_statement(projection), pj.statement(projection.plan, projection.steady_year)
    staff_year = steady.cost_lines[: len(inputs.roles)]
    staffing = [
        RoleStaffing(role=r.role, fte=decimal_of(f, 2), cost=line.amount)
        for r, f, line in zip(inputs.roles, projection.steady.fte, staff_year, strict=True)
    ]
    return CohortResult(
        patients=patients,
        staffing=staffing,
        fte=decimal_of(sum(projection.steady.fte, Fraction(0)), 2),
        projection=projection,
        figures=pj.projection_figures(projection),
        first_year_cost=year.cost,
        first_year_savings=year.value,
        first_year_net=year.net,
        steady_year_cost=steady.cost,
        steady_year_savings=steady.value,
        steady_year_net=steady.net,
        margin_pct=pj.ratio_percent(projection.steady_month.margin),
        roi_pct=pj.ratio_percent(projection.first_year.roi),
        break_even_month=projection.break_even_month,
    )


def cohort_sizes(inputs: RoiInputs) -> list[int]:
    sizes = set(content().cohorts)
    if inputs.custom_cohort:
        sizes.add(inputs.custom_cohort)
    return sorted(sizes)


def plan(inputs: RoiInputs) -> list[CohortResult]:
    """The 5x plan: one result per cohort size, smallest first (kept for the same inputs: read-only)."""
    kept = pj.kept(
        ("five_x.plan", inputs_key(inputs)), lambda: tuple(cohort_result(inputs, n) for n in cohort_sizes(inputs))
    )
    return list(kept)


# ---------------------------------------------------------------- the reverse questions


def _steady_net(inputs: RoiInputs, patients: int) -> Fraction:
    """Net a year at full caseload `patients`, start-up over."""
    p = plan_for(inputs, patients)
    return pj.month_of(p, 0, (patients,)).net * 12


class BreakEven(BaseModel):
    role: str
    patients: int
    current: int | None
    caseload: int | None  # None: no caseload makes it pay
    message: str


def break_even_caseload(inputs: RoiInputs, role_index: int = 0, patients: int = 125) -> BreakEven:
    """Patients per full-time person in one role at which the cohort of `patients` pays for itself at
    steady state (staff hired in steps, as the projection hires them). With no staff roles (fixed costs
    only) the question is the team's: see `break_even_patients`. Kept for the same inputs: read-only."""
    if patients < 1:
        raise UserError("A cohort has at least 1 patient.")
    return pj.kept(
        ("five_x.break_even_caseload", inputs_key(inputs), role_index, patients),
        lambda: _break_even_caseload(inputs, role_index, patients),
    )


def _break_even_caseload(inputs: RoiInputs, role_index: int, patients: int) -> BreakEven:
    if not inputs.roles:
        team = break_even_patients(inputs)
        return BreakEven(role="", patients=patients, current=None, caseload=None, message=team.message)
    if not 0 <= role_index < len(inputs.roles):
        raise UserError("Choose one of the roles of this scenario.")
    role = inputs.roles[role_index]
    if not role.entered or role.cost_per_fte == 0:
        return BreakEven(
            role=role.role,
            patients=patients,
            current=role.caseload,
            caseload=None,
            message=f"Enter the salary and fringe of the {role.role} role to answer this question.",
        )

    def net_at(caseload: int) -> Fraction:
        roles = [
            r.model_copy(update={"caseload": caseload}) if i == role_index else r for i, r in enumerate(inputs.roles)
        ]
        return _steady_net(inputs.model_copy(update={"roles": roles}), patients)

    most = max(patients, role.caseload)
    if net_at(most) < 0:  # even one person carrying everyone does not pay
        return BreakEven(
            role=role.role,
            patients=patients,
            current=role.caseload,
            caseload=None,
            message=(
                f"With {patients} patients, no caseload makes this pay for itself: the savings per patient "
                f"({dollars(savings_per_enrolled(inputs))} a year) do not cover the other roles, overhead and fixed "
                "costs even if one person in this role carried everyone."
            ),
        )
    low, high = 1, most  # the net never falls as the caseload grows (fewer people to hire)
    while low < high:
        middle = (low + high) // 2
        if net_at(middle) >= 0:
            high = middle
        else:
            low = middle + 1
    needed = low
    verdict = "already there" if role.caseload >= needed else f"{needed - role.caseload} more than planned"
    return BreakEven(
        role=role.role,
        patients=patients,
        current=role.caseload,
        caseload=needed,
        message=(
            f"With {patients} patients, each full-time {role.role} would need to carry at least {needed} patients "
            f"for savings to cover cost at steady state ({verdict}; the plan says {role.caseload})."
        ),
    )


class TeamBreakEven(BaseModel):
    patients: int | None  # None: no number of patients makes it pay (within MAX_PATIENTS)
    room: int | None  # patients the staff already hired can carry before anyone else is hired
    message: str


def _team_room(inputs: RoiInputs) -> int | None:
    """Patients the staff already hired can carry (the fewest of the hired roles); None if nobody is hired."""
    hired = [r for r in inputs.roles if r.hired_fte > 0]
    if not hired:
        return None
    return min(math.floor(exact(r.hired_fte) * r.caseload) for r in hired)


def break_even_patients(inputs: RoiInputs) -> TeamBreakEven:
    """The reverse question for the whole program: the fewest patients at which a full year at steady state
    pays for itself, staff hired in steps as the projection hires them (never below those already hired).

    Within a stretch of caseloads where nobody new is hired the costs are fixed, so the net grows by the
    savings net of the variable cost for each patient: the first caseload that pays in a stretch is
    costs / that margin, rounded up. Kept for the same inputs: read-only."""
    return pj.kept(("five_x.break_even_patients", inputs_key(inputs)), lambda: _break_even_patients(inputs))


def _break_even_patients(inputs: RoiInputs) -> TeamBreakEven:
    room = _team_room(inputs)
    margin = savings_per_enrolled_exact(inputs) - exact(inputs.variable_cost_per_patient)
    overhead = 1 + exact(inputs.overhead_pct) / 100
    per_patient_staff = overhead * sum((r.cost_per_fte / r.caseload for r in inputs.roles), Fraction(0))
    fixed = exact(inputs.fixed_costs)
    team = _team_words(inputs, room)
    never = TeamBreakEven(
        patients=None,
        room=room,
        message=f"{team} No number of patients makes this pay for itself: each patient saves "
        f"{dollars(rounded(margin))} a year after its variable cost, less than the staff it takes "
        f"({dollars(rounded(per_patient_staff))} a patient at full caseloads) and the fixed costs.",
    )
    if margin <= 0 or margin < per_patient_staff or (margin == per_patient_staff and fixed > 0):
        return never
    patients = 1
    for _ in range(SEARCH_LIMIT):
        p = plan_for(inputs, patients)
        fte = [pj.role_fte(p, role, patients) for role in p.roles]
        costs = (
            overhead * sum((f * r.cost_per_fte for f, r in zip(fte, inputs.roles, strict=True)), Fraction(0)) + fixed
        )
        last = min((math.floor(f * r.caseload) for f, r in zip(fte, inputs.roles, strict=True)), default=MAX_PATIENTS)
        first_paying = max(patients, math.ceil(costs / margin))
        if first_paying <= last:
            if first_paying > MAX_PATIENTS:
                break
            within = "" if room is None else (" (within the room it has)" if first_paying <= room else "")
            return TeamBreakEven(
                patients=first_paying,
                room=room,
                message=f"{team} The program pays for itself from {first_paying:,} patients{within}: "
                f"costs a year / (savings per patient - variable cost per patient) = {dollars(rounded(costs))} / "
                f"{dollars(rounded(margin))}, rounded up, staff hired in steps of {_plain(inputs.fte_step)} FTE.",
            )
        patients = last + 1
        if patients > MAX_PATIENTS:
            break
    return TeamBreakEven(
        patients=None, room=room, message=f"{team} It would take more than {MAX_PATIENTS:,} patients to pay for itself."
    )


def _team_words(inputs: RoiInputs, room: int | None) -> str:
    if not inputs.roles:
        return "Fixed costs only (no staff roles)."
    if room is None:
        return "Staff hired as the caseload grows."
    hired = "; ".join(
        f"{_plain(r.hired_fte)} {r.role} FTE (room for {math.floor(exact(r.hired_fte) * r.caseload):,} patients)"
        for r in inputs.roles
        if r.hired_fte > 0
    )
    others = "" if all(r.hired_fte > 0 for r in inputs.roles) else "; other roles hired as the caseload grows"
    return f"The team as hired: {hired}{others}."


# ---------------------------------------------------------------- CareOregon


class CheckRow(BaseModel):
    measure: str
    yours: Decimal | None
    careoregon: Decimal
    unit: Literal["patients", "money"]
    label: Literal["reported", "derived"]  # the CareOregon figure: reported by the source or derived by the app
    how: str  # where the CareOregon figure comes from, with the arithmetic when the app derived it


def reported_value(figure: ReportedFigure) -> str:
    """A reported figure as the source gives it: dollars for the savings, a count for the rest."""
    co = content().careoregon
    return dollars(Decimal(figure.value)) if figure is co.annual_savings else f"{figure.value:,}"


def careoregon_derived() -> list[tuple[str, str, str]]:
    """(figure, value, arithmetic) for each figure the app derives from CareOregon's reported ones."""
    co = content().careoregon
    n, per, total = co.specialists.value, co.patients_per_specialist_per_year.value, co.annual_savings.value
    return [
        ("Patients served a year", f"about {co.patients_per_year:,}", f"{n} specialists x about {per} patients each"),
        (
            "Savings per patient served a year",
            dollars(co.savings_per_patient, with_cents=True),
            f"${total:,} / {co.patients_per_year:,} patients (the app keeps the exact fraction; "
            f"{dollars(co.savings_per_patient, with_cents=True)} is it rounded to the cent)",
        ),
        (
            "Savings per specialist a year",
            dollars(co.savings_per_specialist),
            f"${total:,} / {n} specialists",
        ),
    ]


def careoregon_check(inputs: RoiInputs, role_index: int = 0) -> tuple[list[CheckRow], str]:
    """Your plan next to the figures reported by CareOregon (and the ones the app derives from them), and
    one sentence on how they compare."""
    co = content().careoregon
    per_patient = savings_per_enrolled_exact(inputs)
    role = inputs.roles[role_index] if 0 <= role_index < len(inputs.roles) else None
    rows = [
        CheckRow(
            measure="Patients per care manager a year",
            yours=Decimal(role.caseload) if role else None,
            careoregon=Decimal(co.patients_per_specialist_per_year.value),
            unit="patients",
            label="reported",
            how=f'Reported by the source: "{co.patients_per_specialist_per_year.quote}"',
        ),
        CheckRow(
            measure="Savings per patient a year",
            yours=rounded(per_patient),
            careoregon=co.savings_per_patient,
            unit="money",
            label="derived",
            how=f"Derived by the app: ${co.annual_savings.value:,} / ({co.specialists.value} x "
            f"{co.patients_per_specialist_per_year.value}) patients served",
        ),
        CheckRow(
            measure="Savings per care manager a year",
            yours=rounded(per_patient * role.caseload) if role else None,
            careoregon=co.savings_per_specialist,
            unit="money",
            label="derived",
            how=f"Derived by the app: ${co.annual_savings.value:,} / {co.specialists.value} specialists",
        ),
    ]
    if per_patient <= 0:
        return rows, "Enter your expected savings to compare them with CareOregon's."
    ratio = per_patient / co.savings_per_patient_exact
    shown = f"{float(ratio):.1f}"
    derived = "the savings per patient served derived from CareOregon's reported figures"
    if ratio > Fraction(3, 2):
        verdict = f"Your plan expects {shown} times {derived}: check your baseline use, costs per event and reductions."
    elif ratio < Fraction(67, 100):
        verdict = f"Your plan expects {shown} times {derived}: more conservative."
    else:
        verdict = f"Your plan's savings per patient are in the range of {derived} ({shown} times)."
    return rows, verdict


def careoregon_preset() -> RoiInputs:
    """A scenario from CareOregon's reported figures; salary, fringe, overhead and other costs are left for the user."""
    co = content().careoregon
    return RoiInputs(
        roles=[
            RoleInput(
                role=co.role,
                caseload=co.patients_per_specialist_per_year.value,
                source=f"Caseload: reported by the source ({co.name}: about "
                f"{co.patients_per_specialist_per_year.value} patients per specialist each year). "
                "Salary and fringe: not reported, enter yours.",
            )
        ],
        engagement_pct=Decimal(100),
        reported_savings_per_patient=co.savings_per_patient,
        reported_savings_basis=ReportedBasis(total=co.annual_savings.value, patients=co.patients_per_year),
    )


def careoregon_sources() -> dict[str, str]:
    co = content().careoregon
    return {
        "reported_savings_per_patient": (
            f"Derived by the app from {co.name}'s reported figures: ${co.annual_savings.value:,} a year / "
            f"({co.specialists.value} specialists x about {co.patients_per_specialist_per_year.value} patients) "
            f"= {dollars(co.savings_per_patient, with_cents=True)} per patient served (kept exact in the results)"
        ),
        "engagement_pct": (
            "Set by the app: the source reports the program's savings, not how many patients engaged; dividing "
            "them by every patient served counts all of them (100%)."
        ),
    }


# ---------------------------------------------------------------- scenarios


class Scenario(BaseModel):
    name: str
    inputs: RoiInputs = RoiInputs()
    sources: dict[str, str] = {}

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return clean_name(value, field="Scenario name", max_chars=60)

    def source(self, path: str) -> str:
        if path in self.sources:
            return self.sources[path]
        return DEFAULTS.get(path, NOT_ENTERED)


SCALAR_FIELDS = (
    "ed.baseline",
    "ed.cost",
    "ed.reduction_pct",
    "hospital_days.baseline",
    "hospital_days.cost",
    "hospital_days.reduction_pct",
    "engagement_pct",
    "reported_savings_per_patient",
    "overhead_pct",
    "fixed_costs",
    "variable_cost_per_patient",
    "startup_cost",
    "startup_months",
    "ramp_up_months",
    "ramp_start_pct",
    "ramp_shape",
    "fte_step",
    "custom_cohort",
)


FIELD_LABELS = {
    "ed.baseline": "Emergency visits per patient a year, before the program",
    "ed.cost": "Cost of one emergency visit ($)",
    "ed.reduction_pct": "Expected reduction in emergency visits (%)",
    "hospital_days.baseline": "Hospital days per patient a year, before the program",
    "hospital_days.cost": "Cost of one hospital day ($)",
    "hospital_days.reduction_pct": "Expected reduction in hospital days (%)",
    "engagement_pct": "Share of enrolled patients who engage (%)",
    "reported_savings_per_patient": "Known savings per engaged patient a year ($, replaces the above; clear it to "
    "go back to them)",
    "overhead_pct": "Overhead (% of staff cost)",
    "fixed_costs": "Fixed annual costs, whatever the size ($: space, data system, training)",
    "variable_cost_per_patient": "Variable cost per patient a year, if any ($: supplies, transport)",
    "startup_cost": "One-time start-up cost ($)",
    "startup_months": "Months over which the start-up cost is paid",
    "ramp_up_months": "Months to reach the full caseload (0: full from month 1)",
    "ramp_start_pct": "Caseload in month 1 (% of the full caseload, linear ramp)",
    "ramp_shape": "How the caseload grows",
    "fte_step": "Staff are hired in steps of (FTE)",
    "custom_cohort": "A cohort size of your own (patients)",
}
# Figures that have a value before anyone enters one: their source says which, and that it is the app's.
DEFAULTS = {
    "startup_months": "The app's default, not entered: the start-up cost is paid in month 1.",
    "ramp_up_months": "The app's default, not entered: no ramp-up, the full caseload from month 1.",
    "ramp_start_pct": "The app's default, not entered: 0% (used only with a ramp-up).",
    "ramp_shape": "The app's default, not entered: the same step each month.",
    "fte_step": "The app's default, not entered: whole posts.",
}
RAMP_SHAPES = {"linear": "The same step each month", "five_x": "By the 5x stages (5, 25, 125 ...)"}
# Figures where an empty box is "none" rather than "not entered yet": they are optional.
OPTIONAL_FIELDS = ("reported_savings_per_patient", "variable_cost_per_patient", "custom_cohort")


def default_scenario(slot: str) -> Scenario:
    return Scenario(name=f"Scenario {slot.upper()}")


def _check_slot(slot: str) -> None:
    if slot not in SLOTS:
        raise ValueError(f"{slot!r} is not a scenario (a or b).")


def scenario(store: Store, workspace_id: str, slot: str) -> Scenario:
    _check_slot(slot)
    saved = answers.get_value(store, workspace_id, SECTION, slot)
    try:
        return Scenario.model_validate(saved) if saved else default_scenario(slot)
    except ValueError:
        return default_scenario(slot)


def save_scenario(store: Store, workspace_id: str, slot: str, value: Scenario) -> Scenario:
    _check_slot(slot)
    checked = Scenario.model_validate(value.model_dump())
    answers.save_value(store, workspace_id, SECTION, slot, checked.model_dump(mode="json"))
    return checked


def field_value(inputs: RoiInputs, path: str) -> Any:
    head, _, tail = path.partition(".")
    value = getattr(inputs, head)
    return getattr(value, tail) if tail else value


def save_field(store: Store, workspace_id: str, slot: str, path: str, value: Any) -> Scenario:
    """Change one figure of a scenario (validated with the rest); it becomes "Your estimate".

    An emptied box is "not entered yet" again (never 0), so a figure loaded from the preset or typed can
    always be cleared back: an emptied known savings per patient goes back to the avoided uses."""
    if path not in SCALAR_FIELDS:
        raise ValueError(f"{path!r} is not a figure of the ROI model.")
    current = scenario(store, workspace_id, slot)
    data = current.inputs.model_dump()
    head, _, tail = path.partition(".")
    if tail:
        data[head] = {**data[head], tail: value}
    else:
        data[head] = value
    if path == "reported_savings_per_patient":
        data["reported_savings_basis"] = None  # typed or cleared: no longer the preset's exact figure
    inputs = RoiInputs.model_validate(data)
    sources = {**current.sources, path: YOUR_ESTIMATE}
    if field_value(inputs, path) is None:
        sources.pop(path, None)
    return save_scenario(store, workspace_id, slot, current.model_copy(update={"inputs": inputs, "sources": sources}))


def source_summary(value: Scenario) -> list[str]:
    """Where a scenario's figures come from, one line per source: "Your estimate: a, b, c"."""
    groups: dict[str, list[str]] = {}
    for r in value.inputs.roles:
        groups.setdefault(r.source, []).append(f"{r.role} (caseload, salary, fringe)")
    for path in SCALAR_FIELDS:
        if path in value.sources:
            groups.setdefault(value.sources[path], []).append(FIELD_LABELS[path])
    return [f"{source}: {'; '.join(items)}" for source, items in groups.items()]


def rename_scenario(store: Store, workspace_id: str, slot: str, name: str) -> Scenario:
    current = scenario(store, workspace_id, slot)
    return save_scenario(store, workspace_id, slot, Scenario(name=name, inputs=current.inputs, sources=current.sources))


ROLE_FIELDS = ("role", "caseload", "salary", "fringe_pct", "hired_fte")


def save_role_edits(store: Store, workspace_id: str, slot: str, edits: dict) -> list[str]:
    """Apply a roles table's edits (edited, added, deleted rows); return one message per row not saved.

    A row whose caseload is typed becomes "Your estimate"; a preset row whose
    salary, fringe or hired FTE is typed keeps the preset's caseload source for the caseload.
    """
    current = scenario(store, workspace_id, slot)
    roles = [r.model_dump() for r in current.inputs.roles]
    errors = []
    for position, changes in sorted(edits.get("edited_rows", {}).items(), key=lambda item: int(item[0])):
        index = int(position)
        if index >= len(roles):
            continue
        changes = {k: v for k, v in changes.items() if k in ROLE_FIELDS}
        merged = {**roles[index], **changes}
        if "caseload" in changes or "role" in changes or "Caseload:" not in roles[index]["source"]:
            merged["source"] = YOUR_ESTIMATE
        else:
            kept = roles[index]["source"].split(" Salary and fringe")[0]
            merged["source"] = kept + " Salary and fringe: your estimate."
        try:
            roles[index] = RoleInput.model_validate(merged).model_dump()
        except ValueError as exc:
            errors.append(f"Row {index + 1}: {_short(exc)}")
    for offset, added in enumerate(edits.get("added_rows", [])):
        added = {k: v for k, v in added.items() if k in ROLE_FIELDS and v not in (None, "")}
        if not added:
            continue
        try:
            roles.append(RoleInput.model_validate({**added, "source": YOUR_ESTIMATE}).model_dump())
        except ValueError as exc:
            errors.append(f"New row {offset + 1}: {_short(exc)}")
    for position in sorted((int(p) for p in edits.get("deleted_rows", [])), reverse=True):
        if position < len(roles):
            roles.pop(position)
    inputs = current.inputs.model_copy(update={"roles": [RoleInput.model_validate(r) for r in roles]})
    save_scenario(store, workspace_id, slot, current.model_copy(update={"inputs": inputs}))
    return errors


def _short(exc: Exception) -> str:
    return (
        error_text(exc, {"fringe_pct": "Fringe", "hired_fte": "Hired"})
        if isinstance(exc, ValidationError)
        else str(exc)
    )


def load_careoregon(store: Store, workspace_id: str, slot: str) -> Scenario:
    """Replace a scenario's figures with the CareOregon preset (its name is kept unless it is the default)."""
    current = scenario(store, workspace_id, slot)
    name = current.name if current.name != default_scenario(slot).name else "CareOregon preset"
    return save_scenario(
        store, workspace_id, slot, Scenario(name=name, inputs=careoregon_preset(), sources=careoregon_sources())
    )


def copy_scenario(store: Store, workspace_id: str, source_slot: str, target_slot: str) -> Scenario:
    source = scenario(store, workspace_id, source_slot)
    target = scenario(store, workspace_id, target_slot)
    return save_scenario(
        store, workspace_id, target_slot, Scenario(name=target.name, inputs=source.inputs, sources=source.sources)
    )


class SideBySide(BaseModel):
    patients: int
    a: CohortResult | None
    b: CohortResult | None


def side_by_side(a: RoiInputs, b: RoiInputs) -> list[SideBySide]:
    """Both scenarios' results for every cohort size either of them plans (None for an incomplete scenario)."""
    sizes = sorted(set(cohort_sizes(a)) | set(cohort_sizes(b)))
    ready_a, ready_b = not ready(a), not ready(b)
    return [
        SideBySide(
            patients=n,
            a=cohort_result(a, n) if ready_a else None,
            b=cohort_result(b, n) if ready_b else None,
        )
        for n in sizes
    ]


# ---------------------------------------------------------------- formatting (for pages and documents)


def format_money(value: Decimal | None, *, cents: bool = False) -> str:
    """An amount in dollars ("$1,235", or "$1,234.50" with cents), or "-" when there is none."""
    return "-" if value is None else dollars(value, with_cents=cents)


def format_check(row: CheckRow, value: Decimal | None) -> str:
    """A value of a CareOregon check row: whole patients, or dollars."""
    if value is None:
        return "-"
    return f"{value:,.0f}" if row.unit == "patients" else format_money(value)


def format_pct(value: Decimal | None) -> str:
    return "-" if value is None else percent(value, places=1)


def format_month(month: int | None) -> str:
    return pj.break_even_text(month, pj.HORIZON).capitalize()


def missing(inputs: RoiInputs) -> list[str]:
    """What is still missing before the results mean something (empty when ready): costs are never assumed."""
    found = []
    if not inputs.roles and inputs.fixed_costs in (None, 0):
        found.append("add at least one staff role with its caseload, salary and fringe (or the program's fixed costs)")
    for r in inputs.roles:
        if not r.entered:
            what = " and ".join(w for w, v in (("salary", r.salary), ("fringe", r.fringe_pct)) if v is None)
            found.append(f"enter the {what} of the {r.role} role")
    if inputs.roles and inputs.overhead_pct is None:
        found.append("enter the overhead (0 if none)")
    if inputs.fixed_costs is None:
        found.append("enter the fixed annual costs (0 if none)")
    if inputs.startup_cost is None:
        found.append("enter the one-time start-up cost (0 if none)")
    for use_id in ("ed", "hospital_days"):
        use = getattr(inputs, use_id)
        if use.started and not use.complete and inputs.reported_savings_per_patient is None:
            found.append(f"complete the {use_label(use_id).lower()} figures (baseline, cost and reduction)")
    if savings_per_engaged_exact(inputs) is None:
        found.append(
            "enter baseline use, cost per event and expected reduction for emergency visits or hospital days "
            "(or a known savings per patient)"
        )
    if inputs.engagement_pct is None:
        found.append("enter the share of enrolled patients who engage")
    return found


def ready(inputs: RoiInputs) -> list[str]:
    """What is still missing (empty when the results can be shown); kept under its old name for callers."""
    return missing(inputs)


@progress_for(STEP)
def progress(store: Store, workspace_id: str) -> StepProgress:
    scenarios = [scenario(store, workspace_id, s) for s in SLOTS]
    complete = [s for s in scenarios if not ready(s.inputs)]
    started = [s for s in scenarios if s.inputs.roles or s.sources]
    if complete:
        return StepProgress(step_id=STEP, share=1.0, detail=f"{len(complete)} scenario(s) with results")
    if started:
        return StepProgress(step_id=STEP, share=0.5, detail="Scenario started; figures missing")
    return StepProgress(step_id=STEP, share=0.0, detail="")


# ---------------------------------------------------------------- demo


class DemoScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slot: Literal["a", "b"]
    name: str
    preset: bool = False
    inputs: dict = {}
    roles: list[dict] = []


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    for raw in data["scenarios"]:
        demo = DemoScenario.model_validate(raw)
        if demo.preset:
            load_careoregon(store, workspace_id, demo.slot)
        rename_scenario(store, workspace_id, demo.slot, demo.name)
        if demo.roles:
            save_role_edits(
                store,
                workspace_id,
                demo.slot,
                {"edited_rows": {}, "added_rows": demo.roles, "deleted_rows": []}
                if not demo.preset
                else {"edited_rows": {str(i): r for i, r in enumerate(demo.roles)}},
            )
        for path, value in demo.inputs.items():
            save_field(store, workspace_id, demo.slot, path, value)


# ---------------------------------------------------------------- one row per cohort (pages and documents)

COHORT_COLUMNS = (
    "Patients",
    "First-year costs",
    "First-year savings",
    "First-year net",
    "Net a year, steady state",
    "Operating margin, steady state",
    "ROI, first year",
    "Break-even month",
)


def cohort_tables(results: list[CohortResult]) -> list[tuple[list[str], list[tuple], list[float]]]:
    """The cohort figures for a portrait page: the first year, then the steady state and break-even month
    (headers, rows, column widths in inches)."""
    rows = [cohort_row(c) for c in results]
    first, steady = (0, 1, 2, 3, 6), (0, 4, 5, 7)
    return [
        ([COHORT_COLUMNS[i] for i in first], [tuple(r[i] for i in first) for r in rows], [0.9, 1.4, 1.4, 1.4, 1.4]),
        ([COHORT_COLUMNS[i] for i in steady], [tuple(r[i] for i in steady) for r in rows], [0.9, 1.9, 1.9, 1.8]),
    ]


def cohort_row(c: CohortResult) -> tuple:
    """A cohort's figures as shown, in the order of COHORT_COLUMNS (net = savings - costs, as shown)."""
    return (
        c.patients,
        format_money(c.first_year_cost),
        format_money(c.first_year_savings),
        format_money(c.first_year_net),
        format_money(c.steady_year_net),
        c.figure("steady_margin").shown,
        c.figure("first_year_roi").shown,
        c.figure("break_even_month").shown,
    )
