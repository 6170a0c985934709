"""The 5x planner and the care program ROI model.

For each cohort of the 5x method (5, 25, 125, 625 patients, and one custom size):
staff needed from the caseload each role carries, staff cost (FTE x salary x
(1 + fringe)), overhead, and projected savings from avoided emergency visits
and hospital days (baseline use per patient per year x cost per event x
expected reduction, for the share of patients who engage). Outputs cost,
savings, net, ROI and payback per cohort; `break_even_caseload` answers the
reverse question (patients per care manager until the program pays for itself).

A workspace keeps two named scenarios ("a" and "b") side by side. Every figure
carries where it came from: "Your estimate" once typed, the CareOregon Health
Resilience Program's reported figures when loaded from the preset, or "Not
entered yet". All money is Decimal, rounded to cents in results.

Never imports streamlit.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.money import CENT, dollars
from core.money import cents as _cents
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

# ---------------------------------------------------------------- content


class Use(ContentModel):
    id: Literal["ed", "hospital_days"]
    label: str
    unit: str
    cost_label: str


class CareOregon(ContentModel):
    name: str
    citation: str
    specialists: int = Field(gt=0)
    practices: int = Field(gt=0)
    patients_per_specialist_per_year: int = Field(gt=0)
    annual_savings: int = Field(gt=0)
    role: str
    notes: list[str]

    @property
    def patients_per_year(self) -> int:
        return self.specialists * self.patients_per_specialist_per_year

    @property
    def savings_per_patient(self) -> Decimal:
        return (Decimal(self.annual_savings) / self.patients_per_year).quantize(CENT, ROUND_HALF_UP)

    @property
    def savings_per_specialist(self) -> Decimal:
        return (Decimal(self.annual_savings) / self.specialists).quantize(CENT, ROUND_HALF_UP)


@content_file("care_roi.yaml")
class CareRoiContent(ContentModel):
    source: str
    cohorts: list[int] = Field(min_length=1)
    uses: list[Use] = Field(min_length=2, max_length=2)
    careoregon: CareOregon


def content() -> CareRoiContent:
    return load(CareRoiContent)


# ---------------------------------------------------------------- inputs


def _number(value: Any, what: str, low: Decimal, high: Decimal, unit: str = "") -> Decimal:
    """`value` as a Decimal within [low, high], or a message naming the field and the range."""
    if value is None or value == "":
        raise ValueError(f"{what}: enter a number.")
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"{what}: {value!r} is not a number.") from exc
    if not number.is_finite():
        raise ValueError(f"{what}: enter a number.")
    if number < low:
        raise ValueError(f"{what} cannot be negative." if low == 0 else f"{what} must be at least {low:,}{unit}.")
    if number > high:
        raise ValueError(f"{what} cannot be above {high:,}{unit} (you entered {_plain(number)}{unit}).")
    return number


def _plain(number: Decimal) -> str:
    """A number as typed, without trailing zeros: 120.0 -> "120", 12.50 -> "12.5"."""
    if number == number.to_integral_value():
        return f"{number.to_integral_value():,}"
    return f"{number.normalize():,f}"


class RoleInput(BaseModel):
    """A staff role: the caseload one full-time person carries, the annual salary and the fringe rate."""

    model_config = ConfigDict(str_strip_whitespace=True)

    role: str
    caseload: int
    salary: Decimal = Decimal(0)
    fringe_pct: Decimal = Decimal(0)
    source: str = YOUR_ESTIMATE

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return clean_name(value, field="Role", max_chars=80)

    @field_validator("caseload", mode="before")
    @classmethod
    def _caseload(cls, value: object) -> int:
        if value is None or value == "":
            raise ValueError("enter the number of patients one full-time person in this role can carry.")
        number = _number(value, "Caseload", Decimal(0), Decimal(10_000), " patients")
        if number < 1:
            raise ValueError("a caseload of 0 serves nobody: enter at least 1 patient per full-time person.")
        if number != number.to_integral_value():
            raise ValueError("enter the caseload as a whole number of patients.")
        return int(number)

    @field_validator("salary", mode="before")
    @classmethod
    def _salary(cls, value: object) -> Decimal:
        return _number(0 if value is None else value, "Salary", Decimal(0), Decimal(5_000_000))

    @field_validator("fringe_pct", mode="before")
    @classmethod
    def _fringe(cls, value: object) -> Decimal:
        return _number(0 if value is None else value, "Fringe", Decimal(0), Decimal(100), "%")

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: object) -> str:
        return str(value or YOUR_ESTIMATE)[:300]

    @property
    def cost_per_fte(self) -> Decimal:
        return self.salary * (1 + self.fringe_pct / 100)


class UseInput(BaseModel):
    """One kind of avoidable use: baseline per patient per year, cost of one event, expected reduction."""

    baseline: Decimal = Decimal(0)
    cost: Decimal = Decimal(0)
    reduction_pct: Decimal = Decimal(0)

    @field_validator("baseline", mode="before")
    @classmethod
    def _baseline(cls, value: object) -> Decimal:
        return _number(value, "Baseline use", Decimal(0), Decimal(365), " per patient per year")

    @field_validator("cost", mode="before")
    @classmethod
    def _cost(cls, value: object) -> Decimal:
        return _number(value, "Cost per event", Decimal(0), Decimal(1_000_000))

    @field_validator("reduction_pct", mode="before")
    @classmethod
    def _reduction(cls, value: object) -> Decimal:
        return _number(value, "Expected reduction", Decimal(0), Decimal(100), "%")

    @property
    def savings_per_patient(self) -> Decimal:
        return self.baseline * self.cost * self.reduction_pct / 100


class RoiInputs(BaseModel):
    """Everything one scenario of the ROI model needs; see the module docstring for the arithmetic."""

    roles: list[RoleInput] = []
    overhead_pct: Decimal = Decimal(0)
    fixed_costs: Decimal = Decimal(0)
    ed: UseInput = UseInput()
    hospital_days: UseInput = UseInput()
    engagement_pct: Decimal = Decimal(100)
    reported_savings_per_patient: Decimal | None = None
    startup_cost: Decimal = Decimal(0)
    ramp_up_months: int = 0
    custom_cohort: int | None = None

    @field_validator("overhead_pct", mode="before")
    @classmethod
    def _overhead(cls, value: object) -> Decimal:
        return _number(value, "Overhead", Decimal(0), Decimal(300), "% of staff cost")

    @field_validator("fixed_costs", mode="before")
    @classmethod
    def _fixed(cls, value: object) -> Decimal:
        return _number(value, "Fixed annual costs", Decimal(0), Decimal(100_000_000))

    @field_validator("engagement_pct", mode="before")
    @classmethod
    def _engagement(cls, value: object) -> Decimal:
        return _number(value, "Engagement rate", Decimal(0), Decimal(100), "%")

    @field_validator("reported_savings_per_patient", mode="before")
    @classmethod
    def _reported(cls, value: object) -> Decimal | None:
        if value is None or value == "":
            return None
        return _number(value, "Savings per patient", Decimal(0), Decimal(10_000_000))

    @field_validator("startup_cost", mode="before")
    @classmethod
    def _startup(cls, value: object) -> Decimal:
        return _number(value, "Start-up cost", Decimal(0), Decimal(100_000_000))

    @field_validator("ramp_up_months", mode="before")
    @classmethod
    def _ramp(cls, value: object) -> int:
        number = _number(value, "Ramp-up", Decimal(0), Decimal(60), " months")
        if number != number.to_integral_value():
            raise ValueError("Ramp-up: enter whole months.")
        return int(number)

    @field_validator("custom_cohort", mode="before")
    @classmethod
    def _custom(cls, value: object) -> int | None:
        if isinstance(value, Decimal) and value.is_nan():  # a signalling NaN even raises on ==
            raise ValueError("Custom cohort: enter a number.")
        if value is None or value == "" or value == 0:
            return None
        number = _number(value, "Custom cohort", Decimal(1), Decimal(100_000), " patients")
        if number != number.to_integral_value():
            raise ValueError("Custom cohort: enter a whole number of patients.")
        return int(number)


# ---------------------------------------------------------------- the model


def savings_per_engaged(inputs: RoiInputs) -> Decimal:
    """Savings per engaged patient per year: the reported figure if given, else from avoided use."""
    if inputs.reported_savings_per_patient is not None:
        return inputs.reported_savings_per_patient
    return inputs.ed.savings_per_patient + inputs.hospital_days.savings_per_patient


def savings_per_enrolled(inputs: RoiInputs) -> Decimal:
    """Savings per enrolled patient per year (engaged share x savings per engaged patient)."""
    return savings_per_engaged(inputs) * inputs.engagement_pct / 100


def cost_per_patient(inputs: RoiInputs) -> Decimal:
    """Staff and overhead cost per enrolled patient per year (each role's cost per FTE / its caseload).

    Fixed annual costs are not included: they do not grow with the number of patients.
    """
    staff = sum((r.cost_per_fte / r.caseload for r in inputs.roles), Decimal(0))
    return staff * (1 + inputs.overhead_pct / 100)


class RoleStaffing(BaseModel):
    role: str
    fte: Decimal  # full-time equivalents, to two decimals (0.10 at 5 patients: a share of someone's week)
    cost: Decimal


class CohortResult(BaseModel):
    patients: int
    staffing: list[RoleStaffing]
    fte: Decimal
    staff_cost: Decimal
    overhead: Decimal
    fixed_costs: Decimal
    total_cost: Decimal
    engaged: Decimal
    savings: Decimal
    net: Decimal
    roi_pct: Decimal | None  # net / cost; None when there is no cost
    payback_months: Decimal | None  # None when the program never pays back


def cohort_result(inputs: RoiInputs, patients: int) -> CohortResult:
    """The annual cost, savings, net, ROI and payback of serving `patients` for a year.

    Payback counts months until cumulative savings cover the start-up cost and
    every month's cost, with savings starting only after the ramp-up months:
    ramp-up + (start-up + ramp-up x monthly cost) / monthly net.
    """
    if patients < 1:
        raise ValueError("A cohort has at least 1 patient.")
    staffing = []
    for r in inputs.roles:
        fte = Decimal(patients) / r.caseload
        staffing.append(
            RoleStaffing(role=r.role, fte=fte.quantize(CENT, ROUND_HALF_UP), cost=_cents(fte * r.cost_per_fte))
        )
    staff_cost = _cents(sum((Decimal(patients) / r.caseload * r.cost_per_fte for r in inputs.roles), Decimal(0)))
    overhead = _cents(staff_cost * inputs.overhead_pct / 100)
    total = staff_cost + overhead + _cents(inputs.fixed_costs)
    engaged = Decimal(patients) * inputs.engagement_pct / 100
    savings = _cents(engaged * savings_per_engaged(inputs))
    net = savings - total
    roi = (net / total * 100).quantize(Decimal("0.1"), ROUND_HALF_UP) if total > 0 else None
    payback = None
    if net > 0:
        months = inputs.ramp_up_months + (inputs.startup_cost + inputs.ramp_up_months * total / 12) / (net / 12)
        payback = months.quantize(Decimal("0.1"), ROUND_HALF_UP)
    return CohortResult(
        patients=patients,
        staffing=staffing,
        fte=sum((s.fte for s in staffing), Decimal(0)),
        staff_cost=staff_cost,
        overhead=overhead,
        fixed_costs=_cents(inputs.fixed_costs),
        total_cost=total,
        engaged=engaged.quantize(Decimal("0.1"), ROUND_HALF_UP),
        savings=savings,
        net=net,
        roi_pct=roi,
        payback_months=payback,
    )


def cohort_sizes(inputs: RoiInputs) -> list[int]:
    sizes = set(content().cohorts)
    if inputs.custom_cohort:
        sizes.add(inputs.custom_cohort)
    return sorted(sizes)


def plan(inputs: RoiInputs) -> list[CohortResult]:
    """The 5x plan: one result per cohort size, smallest first."""
    return [cohort_result(inputs, n) for n in cohort_sizes(inputs)]


class BreakEven(BaseModel):
    role: str
    patients: int
    current: int
    caseload: int | None  # None: no caseload makes it pay
    message: str


def break_even_caseload(inputs: RoiInputs, role_index: int = 0, patients: int = 125) -> BreakEven:
    """Patients per full-time person in one role at which savings cover cost, for a cohort of `patients`.

    Per enrolled patient: savings s; cost (1 + overhead o) x each role's cost per
    FTE / its caseload, plus the fixed costs F shared by the n patients. Solving
    s = (1 + o)(others + c / x) + F / n for this role's caseload x:
    x = (1 + o) c / (s - F / n - (1 + o) others), rounded up to whole patients.
    """
    if not inputs.roles:
        raise ValueError("Add at least one staff role first.")
    if not 0 <= role_index < len(inputs.roles):
        raise ValueError("Choose one of the roles of this scenario.")
    role = inputs.roles[role_index]
    factor = 1 + inputs.overhead_pct / 100
    others = sum((r.cost_per_fte / r.caseload for i, r in enumerate(inputs.roles) if i != role_index), Decimal(0))
    if patients < 1:
        raise ValueError("A cohort has at least 1 patient.")
    room = savings_per_enrolled(inputs) - inputs.fixed_costs / patients - factor * others
    if role.cost_per_fte == 0:
        return BreakEven(
            role=role.role,
            patients=patients,
            current=role.caseload,
            caseload=None,
            message=f"Enter the salary of the {role.role} role to answer this question.",
        )
    if room <= 0:
        return BreakEven(
            role=role.role,
            patients=patients,
            current=role.caseload,
            caseload=None,
            message=(
                f"With {patients} patients, no caseload makes this pay for itself: the savings per patient "
                f"({format_money(savings_per_enrolled(inputs))}) do not cover the other roles, overhead and fixed "
                "costs alone."
            ),
        )
    needed = math.ceil(factor * role.cost_per_fte / room)
    verdict = "already there" if role.caseload >= needed else f"{needed - role.caseload} more than planned"
    return BreakEven(
        role=role.role,
        patients=patients,
        current=role.caseload,
        caseload=needed,
        message=(
            f"With {patients} patients, each full-time {role.role} would need to carry at least {needed} patients "
            f"for savings to cover cost ({verdict}; the plan says {role.caseload})."
        ),
    )


# ---------------------------------------------------------------- CareOregon


class CheckRow(BaseModel):
    measure: str
    yours: Decimal | None
    careoregon: Decimal
    unit: Literal["patients", "money"]


def careoregon_check(inputs: RoiInputs, role_index: int = 0) -> tuple[list[CheckRow], str]:
    """Your plan next to the CareOregon program's reported figures, and one sentence on how they compare."""
    co = content().careoregon
    per_patient = savings_per_enrolled(inputs)
    role = inputs.roles[role_index] if 0 <= role_index < len(inputs.roles) else None
    rows = [
        CheckRow(
            measure="Patients per care manager a year",
            yours=Decimal(role.caseload) if role else None,
            careoregon=Decimal(co.patients_per_specialist_per_year),
            unit="patients",
        ),
        CheckRow(
            measure="Savings per patient a year",
            yours=_cents(per_patient),
            careoregon=co.savings_per_patient,
            unit="money",
        ),
        CheckRow(
            measure="Savings per care manager a year",
            yours=_cents(per_patient * role.caseload) if role else None,
            careoregon=co.savings_per_specialist,
            unit="money",
        ),
    ]
    if per_patient <= 0:
        return rows, "Enter your expected savings to compare them with CareOregon's."
    ratio = per_patient / co.savings_per_patient
    if ratio > Decimal("1.5"):
        verdict = (
            f"Your plan expects {ratio:.1f} times the savings per patient CareOregon reported: "
            "check your baseline use, costs per event and reductions."
        )
    elif ratio < Decimal("0.67"):
        verdict = f"Your plan expects {ratio:.1f} times CareOregon's savings per patient: more conservative."
    else:
        verdict = f"Your plan's savings per patient are in the range CareOregon reported ({ratio:.1f} times)."
    return rows, verdict


def careoregon_preset() -> RoiInputs:
    """A scenario from CareOregon's reported figures; salary, fringe and overhead are left for the user."""
    co = content().careoregon
    return RoiInputs(
        roles=[
            RoleInput(
                role=co.role,
                caseload=co.patients_per_specialist_per_year,
                source=f"Caseload: {co.name} (about {co.patients_per_specialist_per_year} patients per "
                "specialist a year). Salary and fringe: not reported, enter yours.",
            )
        ],
        engagement_pct=Decimal(100),
        reported_savings_per_patient=co.savings_per_patient,
    )


def careoregon_sources() -> dict[str, str]:
    co = content().careoregon
    return {
        "reported_savings_per_patient": (
            f"{co.name}: ${co.annual_savings:,} a year / ({co.specialists} specialists x "
            f"{co.patients_per_specialist_per_year} patients) = {format_money(co.savings_per_patient, cents=True)}"
        ),
        "engagement_pct": f"{co.name}: savings are reported per patient served, so every patient counts.",
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
        return self.sources.get(path, NOT_ENTERED)


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
    "startup_cost",
    "ramp_up_months",
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
    "reported_savings_per_patient": "Known savings per engaged patient a year ($, replaces the above)",
    "overhead_pct": "Overhead (% of staff cost)",
    "fixed_costs": "Fixed annual costs, whatever the size ($: space, data system, training)",
    "startup_cost": "One-time start-up cost ($)",
    "ramp_up_months": "Months before savings start",
    "custom_cohort": "A cohort size of your own (patients)",
}


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
    """Change one figure of a scenario (validated with the rest); it becomes "Your estimate"."""
    if path not in SCALAR_FIELDS:
        raise ValueError(f"{path!r} is not a figure of the ROI model.")
    current = scenario(store, workspace_id, slot)
    data = current.inputs.model_dump()
    head, _, tail = path.partition(".")
    if tail:
        data[head] = {**data[head], tail: value}
    else:
        data[head] = value
    inputs = RoiInputs.model_validate(data)
    sources = {**current.sources, path: YOUR_ESTIMATE}
    if path == "custom_cohort" and inputs.custom_cohort is None:
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


ROLE_FIELDS = ("role", "caseload", "salary", "fringe_pct")


def save_role_edits(store: Store, workspace_id: str, slot: str, edits: dict) -> list[str]:
    """Apply a roles table's edits (edited, added, deleted rows); return one message per row not saved.

    A row whose caseload is typed becomes "Your estimate"; a preset row whose
    salary or fringe is typed keeps the preset's caseload source for the caseload.
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
    return error_text(exc, {"fringe_pct": "Fringe"}) if isinstance(exc, ValidationError) else str(exc)


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
    a: CohortResult
    b: CohortResult


def side_by_side(a: RoiInputs, b: RoiInputs) -> list[SideBySide]:
    """Both scenarios' results for every cohort size either of them plans."""
    sizes = sorted(set(cohort_sizes(a)) | set(cohort_sizes(b)))
    return [SideBySide(patients=n, a=cohort_result(a, n), b=cohort_result(b, n)) for n in sizes]


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
    return "-" if value is None else f"{value:,.0f}%"


def format_payback(months: Decimal | None) -> str:
    if months is None:
        return "Does not pay back"
    if months <= 24:
        return f"{months:,.1f} months"
    return f"{months / 12:,.1f} years"


def ready(inputs: RoiInputs) -> list[str]:
    """What is still missing before the results mean something (empty when ready)."""
    missing = []
    if not inputs.roles:
        missing.append("add at least one staff role with its caseload and salary")
    elif all(r.salary == 0 for r in inputs.roles):
        missing.append("enter the salaries of the staff roles")
    if savings_per_engaged(inputs) == 0:
        missing.append("enter baseline use, cost per event and expected reduction (or a known savings per patient)")
    return missing


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
