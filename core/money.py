"""Money and percentages: parsing what people type, exact arithmetic, rounding once, writing it for people.

One money type. Amounts people enter are Decimal in whole cents, 0 to `MAX_AMOUNT` (`Money`,
`OptionalMoney`; `amount(value, label)` is the same check for a model that names the field in its
messages): rounded half up, as accountants round, after the bounds are checked on what was typed (so
-0.001 is refused as negative, not kept as 0.00). A float that reaches us from a widget goes through
its shortest text form, so 0.1 stays 0.1. Bad input gets one wording, whatever the step: see `amount`.

Inside the models amounts are exact (`Fraction`: a year's salary / 12, or $1.65M / 1,800 patients,
lose nothing), and they are rounded once, for display, by the functions below:

- `rounded(x, quantum)`: one figure, half up (away from zero), to cents or whole dollars;
- `allocate(parts, total)` / `shown(parts)`: lines shown beside their total, each line within one
  unit of its exact value and the shown lines adding up to the shown total (largest remainder);
- `running(values)`: a column of months whose shown running sums are the rounded running sums.

Pages and documents show whole dollars unless cents matter. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from core.errors import UserError

CENT = Decimal("0.01")
DOLLAR = Decimal("1")
MAX_AMOUNT = Decimal("100000000")  # $100 million: more than any program here will enter


def to_decimal(value: Any) -> Any:
    """A typed or widget value as Decimal ("" and None stay None); leaves odd input for pydantic to reject."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value:  # NaN: an emptied number cell
            return None
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("$", "").removesuffix("%").strip()
        try:
            return Decimal(text)
        except InvalidOperation:
            return value
    return value


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value: Any) -> Any:
    """A typed amount as Decimal in whole cents (half up); None, blanks and odd input pass through for the
    field to judge (a blank is "not entered", odd input gets the field's own message)."""
    value = to_decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        try:
            return cents(value)
        except InvalidOperation:  # too many digits to round (1e26): left for the field's bounds to refuse
            return value
    return value


def amount(value: Any, label: str = "", *, optional: bool = False) -> Decimal | None:
    """An amount of money someone typed, as Decimal in whole cents (half up), or a UserError in one wording.

    Accepted: numbers and text like "1200", "$1,200.50", " 12.345 " (-> 12.35), from 0 to MAX_AMOUNT.
    Refused: empty (unless `optional`: then empty, None and an emptied number cell are None, "not
    entered"), text that is not a number, NaN and Infinity, a negative amount, more than MAX_AMOUNT.
    `label` names the field in the message ("Salary cannot be negative; ..."); without it the message
    is a clause for a page or table to put after the field's name ("Cost: cannot be negative; ...").
    """
    number = to_decimal(value)
    if number is None and optional:
        return None
    if not isinstance(number, Decimal) or isinstance(value, bool) or not number.is_finite():
        raise UserError(_said(label, "must be an amount in dollars, like 1200 or 1,200.50."))
    if number < 0:
        raise UserError(_said(label, "cannot be negative; enter 0 if there is none."))
    if number > MAX_AMOUNT:
        raise UserError(_said(label, f"cannot be above {dollars(MAX_AMOUNT)}."))
    return cents(number).copy_abs()  # copy_abs: -0.00 is 0.00


def _said(label: str, clause: str) -> str:
    return f"{label} {clause}" if label else clause


def _amount(value: Any) -> Decimal | None:
    return amount(value)


# An amount of money the user entered: 0 to $100 million, in whole cents (see `amount`). The bounds are
# also in the field's metadata, where a page reads them for a number input's limits.
Money = Annotated[Decimal, BeforeValidator(_amount), Field(ge=0, le=MAX_AMOUNT)]
# A share in percent, 0 to 100 (2 means 2%), kept to two decimals.
Percent = Annotated[Decimal, BeforeValidator(to_cents), Field(ge=0, le=100)]
# A change in percent that can go either way (-100 to 100).
SignedPercent = Annotated[Decimal, BeforeValidator(to_cents), Field(ge=-100, le=100)]
# The same, where leaving the field empty means "not entered" ("" and NaN become None).
OptionalMoney = Annotated[Money | None, BeforeValidator(to_decimal)]
OptionalPercent = Annotated[Percent | None, BeforeValidator(to_decimal)]


def dollars(value: Decimal | int, *, with_cents: bool = False) -> str:
    """ "$12,346" (or "$12,345.68"); negative amounts as "-$1,200"."""
    amount = Decimal(value).quantize(CENT if with_cents else DOLLAR, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    body = f"{abs(amount):,.2f}" if with_cents else f"{abs(amount):,.0f}"
    return f"{sign}${body}"


def percent(value: Decimal | float | int, *, places: int = 2) -> str:
    """ "2%", "2.5%", "-3%": at most `places` decimals, no trailing zeros."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP):f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{'0' if text in ('', '-0') else text}%"


# ---------------------------------------------------------------- exact amounts, rounded once for display

Exact = Fraction | Decimal | int


def exact(value: Exact | None) -> Fraction:
    """An amount as an exact fraction (None counts as 0); Decimal converts without loss."""
    if value is None:
        return Fraction(0)
    return value if isinstance(value, Fraction) else Fraction(value)


def _per_unit(quantum: Decimal) -> Fraction:
    return 1 / Fraction(quantum)


def _half_up_ratio(numerator: int, denominator: int) -> int:
    """numerator / denominator (denominator > 0) to the nearest whole number, halves away from zero."""
    whole, rest = divmod(abs(numerator), denominator)
    if 2 * rest >= denominator:
        whole += 1
    return whole if numerator >= 0 else -whole


def _to_decimal(units: int, quantum: Decimal) -> Decimal:
    return (Decimal(units) * quantum).quantize(quantum)


def rounded(value: Exact, quantum: Decimal = CENT) -> Decimal:
    """The exact amount rounded once, half up (away from zero), to `quantum` (CENT or DOLLAR)."""
    units = exact(value) * _per_unit(quantum)
    return _to_decimal(_half_up_ratio(units.numerator, units.denominator), quantum)


def rounded_ratio(numerator: int, denominator: int, quantum: Decimal = CENT) -> Decimal:
    """numerator / denominator (an exact amount kept as two integers) rounded once, like `rounded`."""
    per = _per_unit(quantum)
    return _to_decimal(_half_up_ratio(numerator * per.numerator, denominator * per.denominator), quantum)


def allocate(parts: Sequence[Exact], total: Decimal, quantum: Decimal = CENT) -> list[Decimal]:
    """`parts` rounded to `quantum` so that they add up to `total` exactly (largest remainder).

    Each part starts rounded down; the units still missing go to the parts with the largest
    remainders (ties: the earlier part). When `total` is the rounded exact sum, every part ends
    within one unit of its exact value.
    """
    if not parts:
        return []
    per = _per_unit(quantum)
    units = [exact(p) * per for p in parts]
    floors = [u.numerator // u.denominator for u in units]
    missing = int(Fraction(total) * per) - sum(floors)
    share, extra = divmod(missing, len(parts))  # more units than parts only for an odd `total`
    order = sorted(range(len(parts)), key=lambda i: (-(units[i] - floors[i]), i))
    result = [f + share for f in floors]
    for i in order[:extra]:
        result[i] += 1
    return [_to_decimal(u, quantum) for u in result]


def shown(parts: Sequence[Exact], quantum: Decimal = CENT) -> tuple[list[Decimal], Decimal]:
    """Lines and their total for display: the total rounded once from the exact sum, the lines adding up to it."""
    total = rounded(sum((exact(p) for p in parts), Fraction(0)), quantum)
    return allocate(parts, total, quantum), total


def running(values: Sequence[Exact], quantum: Decimal = CENT) -> list[Decimal]:
    """Month by month amounts for display: each shown running sum is the exact running sum rounded once,
    so any run of shown months adds up to the shown total of those months."""
    out: list[Decimal] = []
    before, total = Decimal(0).quantize(quantum), Fraction(0)
    for value in values:
        total += exact(value)
        now = rounded(total, quantum)
        out.append(now - before)
        before = now
    return out


def running_ratio(numerators: Sequence[int], denominator: int, quantum: Decimal = CENT) -> list[Decimal]:
    """`running` for amounts kept as integers over one common denominator (fast: no fraction arithmetic)."""
    out: list[Decimal] = []
    before, total = Decimal(0).quantize(quantum), 0
    for n in numerators:
        total += n
        now = rounded_ratio(total, denominator, quantum)
        out.append(now - before)
        before = now
    return out


def decimal_of(value: Exact, places: int = 10) -> Decimal:
    """An exact amount as a Decimal with `places` decimals, for numbers that are not shown as money."""
    return rounded(value, Decimal(1).scaleb(-places))
