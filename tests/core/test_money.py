"""Money parsing, rounding and formatting."""

from decimal import Decimal as D

import pytest
from pydantic import BaseModel, ValidationError

from core.money import OptionalMoney, Percent, SignedPercent, cents, dollars, percent, to_decimal


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
