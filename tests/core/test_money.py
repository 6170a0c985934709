"""Money parsing, rounding and formatting."""

from decimal import Decimal as D

import pytest
from pydantic import BaseModel, ValidationError

from core.errors import UserError
from core.money import (
    MAX_AMOUNT,
    Money,
    OptionalMoney,
    Percent,
    SignedPercent,
    amount,
    cents,
    dollars,
    percent,
    to_decimal,
)


class Amounts(BaseModel):
    money: OptionalMoney = None
    share: Percent = D(0)
    change: SignedPercent = D(0)


def test_typed_amounts_become_decimal_rounded_half_up_to_cents():
    assert Amounts(money="$1,234.565").money == D("1234.57")
    assert Amounts(money=0.1).money == D("0.10")
    assert Amounts(money=12).money == D("12.00")
    assert cents(D("2.675")) == D("2.68")  # float 2.675 would round down


def test_empty_amount_means_not_entered():
    assert Amounts(money="").money is None
    assert Amounts(money=float("nan")).money is None
    assert to_decimal(None) is None


def test_negative_amounts_and_shares_over_100_are_refused():
    with pytest.raises(ValidationError):
        Amounts(money=-1)
    with pytest.raises(ValidationError):
        Amounts(share=100.5)
    with pytest.raises(ValidationError):
        Amounts(money="twelve")
    with pytest.raises(ValidationError):
        Amounts(money=D("1e12"))
    assert Amounts(change=-4).change == D("-4.00")


# ---------------------------------------------------------------- the one money type


class Price(BaseModel):
    price: Money = D(0)


def _refusal(**values) -> str:
    with pytest.raises(ValidationError) as caught:
        Price(**values)
    (error,) = caught.value.errors()
    assert error["loc"] == ("price",)
    return error["msg"].removeprefix("Value error, ")


def test_money_is_whole_cents_rounded_half_up_from_what_people_type():
    assert Price(price="1,000.005").price == D("1000.01")  # half a cent rounds up
    assert Price(price="1,000.004").price == D("1000.00")
    assert Price(price=" $12.5 ").price == D("12.50")
    assert Price(price=0.1).price == D("0.10")  # a float through its shortest text, not 0.1000000000000000055...
    assert Price(price=D("99999999.995")).price == D("100000000.00")  # typed within the maximum, rounds to it
    assert Price(price="100000000").price == MAX_AMOUNT
    assert str(Price(price="-0.00").price) == "0.00"  # minus zero is zero, shown without a sign


def test_bad_money_is_refused_in_one_wording():
    not_an_amount = "must be an amount in dollars, like 1200 or 1,200.50."
    for value in ("", None, "twelve", "10 dollars", "nan", float("nan"), float("inf"), "-Infinity", True, [1]):
        assert _refusal(price=value) == not_an_amount, value
    assert _refusal(price=-1) == "cannot be negative; enter 0 if there is none."
    assert _refusal(price="-0.001") == "cannot be negative; enter 0 if there is none."  # not rounded to 0.00 first
    too_large = "cannot be above $100,000,000."
    assert _refusal(price="100000000.01") == too_large
    assert _refusal(price=1e26) == too_large  # too many digits to round to cents: refused, not a crash
    assert _refusal(price=D("1E+30")) == too_large


def test_optional_money_leaves_an_emptied_field_not_entered_and_refuses_the_rest_alike():
    assert Amounts(money=None).money is None and Amounts(money=" ").money is None
    with pytest.raises(ValidationError, match="must be an amount in dollars"):
        Amounts(money="nan")  # typed NaN is not an empty cell
    with pytest.raises(ValidationError, match="cannot be negative; enter 0 if there is none"):
        Amounts(money="-5")


def test_amount_names_the_field_when_a_model_gives_its_label():
    assert amount("2,500.125", "Salary") == D("2500.13")
    assert amount("", "Salary", optional=True) is None
    with pytest.raises(UserError, match=r"^Salary cannot be negative; enter 0 if there is none\.$"):
        amount(-50_000, "Salary")
    with pytest.raises(UserError, match=r"^Salary cannot be above \$100,000,000\.$"):
        amount("1e9", "Salary")
    with pytest.raises(UserError, match=r"^Salary must be an amount in dollars, like 1200 or 1,200\.50\.$"):
        amount("lots", "Salary")
    assert issubclass(UserError, ValueError)  # pages that catch ValueError keep working


def test_money_fields_carry_their_bounds_for_number_inputs():
    metadata = Price.model_fields["price"].metadata
    bounds = {k: getattr(x, k) for x in metadata for k in ("ge", "le") if hasattr(x, k)}
    assert bounds == {"ge": 0, "le": MAX_AMOUNT} and MAX_AMOUNT == D(100_000_000)


def test_dollars_and_percent_are_written_for_people():
    assert dollars(D("1234567.5")) == "$1,234,568"
    assert dollars(D("-72000")) == "-$72,000"
    assert dollars(D("12.5"), with_cents=True) == "$12.50"
    assert percent(D("2.50")) == "2.5%"
    assert percent(D("20")) == "20%"
    assert percent(D("0")) == "0%"
    assert percent(D("-3")) == "-3%"


def test_dollars_round_half_up_and_percent_to_a_chosen_precision():
    assert dollars(D("1234.5")) == "$1,235"
    assert dollars(D("-710.475")) == "-$710"
    assert dollars(D("-0.4")) == "$0"
    assert dollars(D("12.5"), with_cents=True) == "$12.50"
    assert percent(D("95.50"), places=1) == "95.5%" and percent(D(100), places=1) == "100%"


def test_dollars_with_cents_for_small_amounts():
    assert dollars(D("-1234.5"), with_cents=True) == "-$1,234.50"
    assert percent(D("33.349"), places=0) == "33%" and percent(D("0.04"), places=1) == "0%"


# ---------------------------------------------------------------- exact amounts, rounded once


def test_exact_amounts_round_once_half_away_from_zero():
    from fractions import Fraction as F

    from core.money import CENT, DOLLAR, rounded

    assert rounded(F(1650000, 1800)) == D("916.67")  # 916.666...
    assert rounded(F(1, 200)) == D("0.01") and rounded(F(-1, 200)) == D("-0.01")  # half a cent
    assert rounded(F(25, 2), DOLLAR) == D(13) and rounded(D("-12.5"), DOLLAR) == D(-13)
    assert rounded(D("2.675"), CENT) == D("2.68")


def test_lines_shown_beside_their_total_add_up_to_it():
    from fractions import Fraction as F

    from core.money import DOLLAR, allocate, shown

    # Three thirds of $100: 33.33... each. Rounded one by one they show 33 + 33 + 33 = 99 beside a total of 100;
    # shown together the largest remainder (ties: the first) takes the missing dollar: 34 + 33 + 33.
    parts, total = shown([F(100, 3)] * 3, DOLLAR)
    assert (parts, total) == ([D(34), D(33), D(33)], D(100))
    # 2,423.925 + 615.60 = 3,039.525: rounded alone 2,424 + 616 = 4,040 is fine here, and stays within a unit
    parts, total = shown([D("2423.925"), D("615.60")], DOLLAR)
    assert sum(parts) == total == D(3040)
    assert allocate([F(1, 2), F(1, 2)], D(1), DOLLAR) == [D(1), D(0)]
    assert allocate([], D(0)) == []
    # negative lines work the same way: both start at -1 (rounded down), the first (tie) gets the unit back
    assert allocate([D("-0.4"), D("-0.4")], D(-1), DOLLAR) == [D(0), D(-1)]


def test_running_sums_are_rounded_once_and_months_add_up():
    from fractions import Fraction as F

    from core.money import CENT, running

    # 24,000 / 18 a month: each running sum is rounded once; any run of months adds up to its rounded sum.
    months = running([F(24000, 18)] * 18, CENT)
    assert months[:3] == [D("1333.33"), D("1333.34"), D("1333.33")]
    assert sum(months) == D("24000.00") and sum(months[:12]) == D("16000.00")
