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
