"""Money and percentages as Decimal: parsing what people type, rounding, and writing it for people.

Amounts are Decimal rounded to cents (half up, as accountants round); a float
that reaches us from a widget goes through its shortest text form, so 0.1 stays
0.1. Pages and documents show whole dollars unless cents matter. Never imports
streamlit.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

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


def _to_cents(value: Any) -> Any:
    value = to_decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        try:
            return cents(value)
        except InvalidOperation:  # too many digits to round (1e26): left for the field's bounds to refuse
            return value
    return value


# An amount of money the user entered: 0 to $100 million, rounded to cents.
Money = Annotated[Decimal, BeforeValidator(_to_cents), Field(ge=0, le=MAX_AMOUNT)]
# A share in percent, 0 to 100 (2 means 2%), kept to two decimals.
Percent = Annotated[Decimal, BeforeValidator(_to_cents), Field(ge=0, le=100)]
# A change in percent that can go either way (-100 to 100).
SignedPercent = Annotated[Decimal, BeforeValidator(_to_cents), Field(ge=-100, le=100)]
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
