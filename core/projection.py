"""One month-by-month projection under the direct billing model and the care program model.

Both models describe a program that grows from a start to its full volume (services billed a month,
or patients on the caseload), pays its start-up costs once, in the months they are paid, hires staff
in steps as the volume crosses what one person carries, pays fixed costs every month and a variable
cost per service or patient, and brings in revenue (billing) or savings (the care program) per
service or patient. `project(plan)` turns that into 36 months (by default), and these figures:

- first-year figures: the sum of months 1-12 (start-up counted once, in the months it is paid);
- steady state: one full month at full volume once the ramp-up and the start-up are over (x12 a year);
- operating margin: net / revenue (net / savings for the care program);
- ROI: net / cost;
- break-even month: the first month whose cumulative net is at or above zero (None: not within
  the months projected).

Month by month: the volume ramps from the start to the full volume over `ramp_months` (linear:
month 1 at the start share, the same step each month, full volume from month ramp + 1, rounded to
whole services or patients; or by the 5x stages: 5, 25, 125 ... patients, the ramp months shared
equally between the stages below the full caseload). A role's full-time equivalents in a month:
the volume / its caseload, rounded up to the hiring step (1: whole posts), never below the FTE
already hired. Start-up is paid in equal parts over its first `startup_months` months.

Amounts are exact fractions inside; `statement` and `shown_months` round them once, for display,
so that every total shown equals the sum of the lines shown beside it (see `core.money`).
Never imports streamlit.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Literal, TypeVar

from pydantic import BaseModel

from core.money import DOLLAR, allocate, decimal_of, dollars, percent, rounded, running_ratio

HORIZON = 36
FIRST_YEAR = 12
FIVE_X_STAGES = (5, 25, 125, 625, 3125, 15625)
ZERO = Fraction(0)

RampShape = Literal["linear", "five_x"]
T = TypeVar("T")


# ---------------------------------------------------------------- results kept for the same inputs

KEPT_MAX = 512
_kept: OrderedDict[tuple, object] = OrderedDict()
_kept_lock = threading.Lock()


def kept(key: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned before for the same `key`: for a pure function of hashable, immutable
    inputs, the key being the function's name and every one of its inputs (a plan is a frozen dataclass; a
    pydantic model goes in as its JSON). A page reruns the same projections on every interaction; a changed
    input is a different key, so a kept result is only ever returned for exactly the inputs it was computed
    from. The result is shared with later callers: read-only."""
    with _kept_lock:
        if key in _kept:
            _kept.move_to_end(key)
            return _kept[key]  # type: ignore[return-value]
    result = compute()
    with _kept_lock:
        _kept[key] = result
        while len(_kept) > KEPT_MAX:
            _kept.popitem(last=False)
    return result


def forget_kept() -> None:
    """Drop every kept result (tests)."""
    with _kept_lock:
        _kept.clear()


# ---------------------------------------------------------------- what a plan is made of


@dataclass(frozen=True)
class Stream:
    """What brings money in: a billed service, or the patients of the care program."""

    key: str
    name: str
    full_volume: int  # services a month, or patients on the caseload, at full volume
    value_per_unit: Fraction  # revenue or savings per service or patient, a month
    cost_per_unit: Fraction = ZERO  # variable cost per service or patient, a month


@dataclass(frozen=True)
class Role:
    """Staff: hired in steps as the volume crosses what one full-time person carries."""

    name: str
    cost_per_month: Fraction  # one full-time person, salary and fringe, a month
    caseload: int | None = None  # services or patients one FTE carries; None: a fixed post
    hired_fte: Fraction = ZERO  # on the payroll from month 1, whatever the volume


@dataclass(frozen=True)
class Plan:
    streams: tuple[Stream, ...]
    roles: tuple[Role, ...] = ()
    fixed: tuple[tuple[str, Fraction], ...] = ()  # named fixed costs a month
    overhead_rate: Fraction = ZERO  # share of the staff cost
    startup_cost: Fraction = ZERO
    startup_months: int = 1
    ramp_months: int = 0
    ramp_start: Fraction = ZERO  # share of the full volume in month 1 (0 to 1), linear ramp
    ramp_shape: RampShape = "linear"
    fte_step: Fraction = Fraction(1)  # hire in steps of this FTE; 0: exactly the share needed
    horizon: int = HORIZON
    value_word: str = "revenue"  # "revenue" or "savings", in the figures' words
    unit_word: str = "services"  # "services" or "patients"

    def __post_init__(self) -> None:
        if self.horizon < FIRST_YEAR:
            raise ValueError(f"A projection covers at least {FIRST_YEAR} months.")
        if self.startup_months < 1 or self.ramp_months < 0:
            raise ValueError("Start-up is paid over at least one month; a ramp-up cannot be negative.")


# ---------------------------------------------------------------- month by month


def ramp_volume(plan: Plan, full: int, month: int) -> int:
    """Services or patients in `month` (1 = the first) for a stream of `full` volume."""
    ramp = plan.ramp_months
    if month > ramp or full == 0:
        return full
    if plan.ramp_shape == "five_x":
        stages = [s for s in FIVE_X_STAGES if s < full]
        if not stages:
            return full
        return stages[(month - 1) * len(stages) // ramp]
    share = plan.ramp_start + (1 - plan.ramp_start) * Fraction(month - 1, ramp)
    return _half_up(full * share)


def _half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def role_fte(plan: Plan, role: Role, volume: int) -> Fraction:
    """Full-time equivalents of a role for `volume`: stepped up from volume / caseload, at least those hired."""
    if role.caseload is None:
        return role.hired_fte
    step = plan.fte_step
    if step > 0:  # ceil(volume / (caseload x step)) steps, in integers
        steps = -(-volume * step.denominator // (role.caseload * step.numerator))
        needed = Fraction(steps * step.numerator, step.denominator)
    else:
        needed = Fraction(volume, role.caseload)
    return needed if needed >= role.hired_fte else role.hired_fte


@dataclass(frozen=True)
class Month:
    """One month of a projection, exact. `month` 0 is the steady state (full volume, start-up over)."""

    month: int
    volumes: tuple[int, ...]  # per stream
    fte: tuple[Fraction, ...]  # per role
    values: tuple[Fraction, ...]  # revenue or savings per stream
    costs: tuple[Fraction, ...]  # per cost line (see `cost_lines`)

    @property
    def volume(self) -> int:
        return sum(self.volumes)

    @property
    def value(self) -> Fraction:
        return sum(self.values, ZERO)

    @property
    def cost(self) -> Fraction:
        return sum(self.costs, ZERO)

    @property
    def net(self) -> Fraction:
        return self.value - self.cost


def cost_lines(plan: Plan) -> list[tuple[str, str]]:
    """(key, label) of every cost line, in the order `Month.costs` holds them."""
    lines = [(f"staff:{i}", r.name) for i, r in enumerate(plan.roles)]
    if plan.overhead_rate:
        lines.append(("overhead", "Overhead"))
    lines += [(f"fixed:{i}", name) for i, (name, _) in enumerate(plan.fixed)]
    if any(s.cost_per_unit for s in plan.streams):
        lines.append(("variable", f"Variable cost per {plan.unit_word.rstrip('s')}"))
    if plan.startup_cost:
        lines.append(("startup", "Start-up"))
    return lines


def startup_in(plan: Plan, month: int) -> Fraction:
    """The part of the start-up cost paid in `month`: equal parts over its first `startup_months` months."""
    if 1 <= month <= plan.startup_months:
        return plan.startup_cost / plan.startup_months
    return ZERO


def month_of(plan: Plan, month: int, volumes: tuple[int, ...]) -> Month:
    total = sum(volumes)
    fte = tuple(role_fte(plan, r, total) for r in plan.roles)
    staff = [f * r.cost_per_month for f, r in zip(fte, plan.roles, strict=True)]
    costs = list(staff)
    if plan.overhead_rate:
        costs.append(sum(staff, ZERO) * plan.overhead_rate)
    costs += [amount for _, amount in plan.fixed]
    if any(s.cost_per_unit for s in plan.streams):
        costs.append(sum((v * s.cost_per_unit for v, s in zip(volumes, plan.streams, strict=True)), ZERO))
    if plan.startup_cost:
        costs.append(startup_in(plan, month))
    values = tuple(v * s.value_per_unit for v, s in zip(volumes, plan.streams, strict=True))
    return Month(month=month, volumes=volumes, fte=fte, values=values, costs=tuple(costs))


@dataclass(frozen=True)
class Projection:
    plan: Plan
    months: tuple[Month, ...]
    steady: Month = field(repr=False)

    # Sums over months are done on integers over one common denominator: exact, and without the
    # growing denominators of fraction sums (a page reruns this on every interaction).
    @cached_property
    def denominator(self) -> int:
        amounts = [a for m in (*self.months, self.steady) for a in (*m.values, *m.costs)]
        return math.lcm(*(a.denominator for a in amounts)) if amounts else 1

    def _ints(self, amounts: tuple[Fraction, ...]) -> list[int]:
        d = self.denominator
        return [a.numerator * (d // a.denominator) for a in amounts]

    @cached_property
    def value_ints(self) -> list[list[int]]:
        """Per month, revenue or savings per stream, as numerators over `denominator`."""
        return [self._ints(m.values) for m in self.months]

    @cached_property
    def cost_ints(self) -> list[list[int]]:
        """Per month, each cost line, as numerators over `denominator`."""
        return [self._ints(m.costs) for m in self.months]

    @cached_property
    def net_ints(self) -> list[int]:
        return [sum(v) - sum(c) for v, c in zip(self.value_ints, self.cost_ints, strict=True)]

    @cached_property
    def cumulative_ints(self) -> list[int]:
        total, out = 0, []
        for n in self.net_ints:
            total += n
            out.append(total)
        return out

    @cached_property
    def cumulative(self) -> list[Fraction]:
        return [Fraction(n, self.denominator) for n in self.cumulative_ints]

    @cached_property
    def break_even_month(self) -> int | None:
        """The first month whose cumulative net is at or above zero; None if none within the horizon."""
        return next((i + 1 for i, c in enumerate(self.cumulative_ints) if c >= 0), None)

    def period(self, first: int, last: int) -> Period:
        values, costs, d = self.value_ints[first - 1 : last], self.cost_ints[first - 1 : last], self.denominator
        return Period(
            values=tuple(Fraction(sum(m[i] for m in values), d) for i in range(len(self.plan.streams))),
            costs=tuple(Fraction(sum(m[i] for m in costs), d) for i in range(len(cost_lines(self.plan)))),
        )

    @cached_property
    def first_year(self) -> Period:
        """Months 1-12 added up."""
        return self.period(1, FIRST_YEAR)

    @cached_property
    def steady_month(self) -> Period:
        return Period(values=self.steady.values, costs=self.steady.costs)

    @cached_property
    def steady_year(self) -> Period:
        return Period(values=tuple(v * 12 for v in self.steady.values), costs=tuple(c * 12 for c in self.steady.costs))

    @cached_property
    def shown(self) -> dict[tuple, object]:
        """What was shown of this projection (`shown_months`, `projection_figures`), by function and quantum:
        a projection never changes, and `project` returns the same one for the same plan."""
        return {}

    def _kept(self, key: tuple, compute: Callable[[], T]) -> T:
        if key not in self.shown:
            self.shown[key] = compute()
        return self.shown[key]  # type: ignore[return-value]


@dataclass(frozen=True)
class Period:
    """Figures of a stretch of months, exact: revenue or savings per stream, cost per line."""

    values: tuple[Fraction, ...]
    costs: tuple[Fraction, ...]

    @property
    def value(self) -> Fraction:
        return sum(self.values, ZERO)

    @property
    def cost(self) -> Fraction:
        return sum(self.costs, ZERO)

    @property
    def net(self) -> Fraction:
        return self.value - self.cost

    @property
    def margin(self) -> Fraction | None:
        """Operating margin: net / revenue (or savings); None without any."""
        return self.net / self.value if self.value else None

    @property
    def roi(self) -> Fraction | None:
        """Return on investment: net / cost; None without any cost."""
        return self.net / self.cost if self.cost else None


def project(plan: Plan) -> Projection:
    """The plan's months 1 to `horizon`, and its steady state (kept for the same plan: read-only)."""
    return kept(("project", plan), lambda: _project(plan))


def _project(plan: Plan) -> Projection:
    settled = max(plan.ramp_months, plan.startup_months if plan.startup_cost else 0)
    steady = month_of(plan, 0, tuple(s.full_volume for s in plan.streams))
    months = []
    for m in range(1, plan.horizon + 1):
        if m > settled:  # ramp-up and start-up over: every month is the steady state
            months.append(dataclasses.replace(steady, month=m))
        else:
            months.append(month_of(plan, m, tuple(ramp_volume(plan, s.full_volume, m) for s in plan.streams)))
    return Projection(plan=plan, months=tuple(months), steady=steady)


# ---------------------------------------------------------------- rounded once, for display


class Line(BaseModel):
    label: str
    amount: Decimal


class Statement(BaseModel):
    """A period's figures as shown: the lines add up to their totals, and net = value - cost."""

    value_lines: list[Line]
    value: Decimal
    cost_lines: list[Line]
    cost: Decimal
    net: Decimal


def statement(plan: Plan, period: Period, quantum: Decimal = DOLLAR) -> Statement:
    """Each total rounded once from its exact value; the lines beside it add up to it (kept: read-only)."""
    return kept(("statement", plan, period, quantum), lambda: _statement(plan, period, quantum))


def _statement(plan: Plan, period: Period, quantum: Decimal) -> Statement:
    value, cost = rounded(period.value, quantum), rounded(period.cost, quantum)
    value_lines = allocate(period.values, value, quantum)
    cost_amounts = allocate(period.costs, cost, quantum)
    return Statement(
        value_lines=[Line(label=s.name, amount=a) for s, a in zip(plan.streams, value_lines, strict=True)],
        value=value,
        cost_lines=[Line(label=label, amount=a) for (_, label), a in zip(cost_lines(plan), cost_amounts, strict=True)],
        cost=cost,
        net=value - cost,
    )


class ShownMonth(BaseModel):
    month: int
    volume: int
    fte: Decimal
    value: Decimal
    cost: Decimal
    net: Decimal
    cumulative: Decimal


def shown_months(projection: Projection, quantum: Decimal = DOLLAR) -> list[ShownMonth]:
    """The months as shown: revenue (savings) and cost columns rounded on their running sums, net = value -
    cost, cumulative = the running sum of the shown nets. Months 1-12 add up to the first-year statement.
    Kept with the projection: read-only."""
    return list(projection._kept(("shown_months", quantum), lambda: _shown_months(projection, quantum)))


def _shown_months(projection: Projection, quantum: Decimal) -> list[ShownMonth]:
    d = projection.denominator
    values = running_ratio([sum(v) for v in projection.value_ints], d, quantum)
    costs = running_ratio([sum(c) for c in projection.cost_ints], d, quantum)
    rows, cumulative = [], Decimal(0).quantize(quantum)
    for m, v, c in zip(projection.months, values, costs, strict=True):
        cumulative += v - c
        rows.append(
            ShownMonth(
                month=m.month,
                volume=m.volume,
                fte=decimal_of(sum(m.fte, ZERO), 2),
                value=v,
                cost=c,
                net=v - c,
                cumulative=cumulative,
            )
        )
    return rows


def first_year_statement(projection: Projection, quantum: Decimal = DOLLAR) -> Statement:
    """Months 1-12 as shown: its totals are those of `shown_months` over the same months."""
    return statement(projection.plan, projection.first_year, quantum)


# ---------------------------------------------------------------- figures, each with its formula in words


class Figure(BaseModel):
    """One result as a CFO reads it: the value (a number, rounded once), how it is shown, and how it is computed."""

    id: str
    label: str
    value: Decimal | int | None
    unit: Literal["money", "percent", "month", "count"]
    shown: str
    how: str


def ratio_percent(value: Fraction | None) -> Decimal | None:
    return None if value is None else rounded(value * 100, Decimal("0.1"))


def _pct(value: Decimal | None, none: str) -> str:
    return none if value is None else percent(value, places=1)


def break_even_text(month: int | None, horizon: int) -> str:
    return f"not within {horizon} months" if month is None else f"month {month}"


def projection_figures(projection: Projection, quantum: Decimal = DOLLAR) -> list[Figure]:
    """First-year and steady-state figures, margins, ROI and the break-even month, each with its formula
    (kept with the projection: read-only)."""
    return list(projection._kept(("figures", quantum), lambda: _projection_figures(projection, quantum)))


def _projection_figures(projection: Projection, quantum: Decimal) -> list[Figure]:
    plan = projection.plan
    word, Word = plan.value_word, plan.value_word.capitalize()
    year = first_year_statement(projection, quantum)
    steady = statement(plan, projection.steady_month, quantum)
    steady_year = statement(plan, projection.steady_year, quantum)
    fy, ss = projection.first_year, projection.steady_month
    margin_of = "savings" if word == "savings" else "revenue"

    def money(fid: str, label: str, value: Decimal, how: str) -> Figure:
        return Figure(id=fid, label=label, value=value, unit="money", shown=dollars(value), how=how)

    def pct(fid: str, label: str, value: Fraction | None, how: str, none: str) -> Figure:
        shown_value = ratio_percent(value)
        return Figure(id=fid, label=label, value=shown_value, unit="percent", shown=_pct(shown_value, none), how=how)

    month = projection.break_even_month
    return [
        money(
            "first_year_value", f"First-year {word}", year.value, f"The sum of months 1-12 of the projection's {word}."
        ),
        money(
            "first_year_cost",
            "First-year costs",
            year.cost,
            "The sum of months 1-12 of the projection's costs, start-up included once, in the months it is paid.",
        ),
        money("first_year_net", "First-year net", year.net, f"First-year {word} minus first-year costs."),
        money(
            "steady_month_net",
            "Steady-state net a month",
            steady.net,
            f"{Word} minus costs in one full month at full volume, once the ramp-up and start-up are over.",
        ),
        money("steady_year_net", "Steady-state net a year", steady_year.net, "Steady-state net a month x 12."),
        pct(
            "first_year_margin",
            "Operating margin, first year",
            fy.margin,
            f"First-year net / first-year {margin_of}.",
            f"no {margin_of}",
        ),
        pct(
            "steady_margin",
            "Operating margin, steady state",
            ss.margin,
            f"Steady-state net / steady-state {margin_of}.",
            f"no {margin_of}",
        ),
        pct("first_year_roi", "ROI, first year", fy.roi, "First-year net / first-year costs.", "no costs"),
        pct("steady_roi", "ROI, steady state", ss.roi, "Steady-state net / steady-state costs.", "no costs"),
        Figure(
            id="break_even_month",
            label="Break-even month",
            value=month,
            unit="month",
            shown=break_even_text(month, plan.horizon).capitalize(),
            how="The first month whose cumulative net (every month's net added up since month 1) is at or "
            f'above zero; "not within {plan.horizon} months" if none is.',
        ),
    ]


def figure(figures: list[Figure], figure_id: str) -> Figure:
    return next(f for f in figures if f.id == figure_id)


DEFINITIONS = (
    "First-year figures: the sum of months 1-12 of the projection (start-up paid in the months it is paid, once).",
    "Steady state: one full month at full volume, once the ramp-up and start-up are over; x12 for a year.",
    "Operating margin: net / revenue (net / savings for the care program).",
    "ROI (return on investment): net / cost.",
    "Break-even month: the first month whose cumulative net is at or above zero.",
)
