"""Workshop mode, the pure parts: join codes, the distribution of answers, the disagreement rule,
the suggested (median) answer, domain means with spread, and completion per participant.
Every expected number below is computed by hand in the comment beside it."""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from types import SimpleNamespace

import pytest

from core.hrh import readiness
from core.workshop import session as w

A = "mission_values.written_mission"  # workbook order 0
B = "mission_values.value_statements"  # 1
C = "mission_values.racial_equity_statement"  # 2
D = "mission_values.serve_uninsured"  # 3
E = "mission_values.serve_co_occurring"  # 4
ITEMS = [A, B, C, D, E]

# Four participants. A: 1,4,4,4   B: 1,4,1,4   C: 2,3,Not sure,(none)   D: 3,Not sure x3   E: 2,2,2,2
TEAM = [
    {A: 1, B: 1, C: 2, D: 3, E: 2},
    {A: 4, B: 4, C: 3, D: None, E: 2},
    {A: 4, B: 1, C: None, D: None, E: 2},
    {A: 4, B: 4, D: None, E: 2},
]


# ---------------------------------------------------------------- codes


def test_code_alphabet_has_no_look_alike_characters():
    for ch in "0O1IL2Z5S8B":
        assert ch not in w.CODE_ALPHABET
    assert len(set(w.CODE_ALPHABET)) == len(w.CODE_ALPHABET) == 25  # 5 digits + 20 letters


def test_codes_are_random_strings_of_the_alphabet_with_enough_entropy():
    codes = {w.new_code() for _ in range(2000)}
    assert all(len(c) == w.CODE_LENGTH == 7 and set(c) <= set(w.CODE_ALPHABET) for c in codes)
    assert len(codes) == 2000  # 2000 draws from 6.1e9 codes: a repeat has a chance of 1 in 3,000
    assert w.code_entropy_bits() == pytest.approx(7 * math.log2(25))  # 32.5 bits
    assert 25**7 == 6_103_515_625


def test_codes_come_from_secrets(monkeypatch):
    drawn = []
    monkeypatch.setattr(w.secrets, "choice", lambda seq: drawn.append(seq) or seq[0])
    assert w.new_code() == "3333333"
    assert len(drawn) == 7 and drawn[0] == w.CODE_ALPHABET


@pytest.mark.parametrize(
    ("typed", "stored"), [("ACD-3F7X", "ACD3F7X"), (" acd 3f7x ", "ACD3F7X"), ("acd_3f7x", "ACD3F7X")]
)
def test_typed_codes_are_normalised(typed, stored):
    assert w.normalize_code(typed) == stored
    assert w.format_code(stored) == "ACD-3F7X"


@pytest.mark.parametrize("typed", ["", "   ", "ACD-3F7", "ACD-3F7XX", "AC0-3F7X", "ACD-3S7X", "<b>hi</b>x"])
def test_malformed_codes_get_a_clear_message(typed):
    with pytest.raises(w.WorkshopError, match="join code"):
        w.normalize_code(typed)


def test_qr_code_is_a_png():
    png = w.qr_png("http://host:8501/join?code=ACD3F7X")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 200


# ---------------------------------------------------------------- median


@pytest.mark.parametrize(
    ("values", "median"),
    [([], None), ([4], 4), ([3, 1, 4], 3), ([1, 2, 3, 4], 2), ([2, 3], 2), ([4, 4, 1, 1], 1), ([1, 1, 1, 4, 4], 1)],
)
def test_suggested_answer_is_the_lower_median(values, median):
    assert w.suggested_answer(values) == median


# ---------------------------------------------------------------- distribution


def test_item_distribution_counts_numbers_not_sure_and_unanswered_separately():
    a = w.item_distribution(A, TEAM)
    assert a.counts == (1, 0, 0, 3)
    assert (a.not_sure, a.unanswered, a.numeric) == (0, 0, 4)
    assert a.mean == pytest.approx(3.25)  # 13 / 4
    assert a.spread == 3  # 4 - 1
    assert a.variance == Fraction(27, 16)  # (4 * 49 - 13**2) / 16
    assert a.stdev == pytest.approx(math.sqrt(27 / 16))  # 1.299
    assert a.suggested == 4  # sorted 1,4,4,4: lower middle is 4
    assert a.label == "Mission & Values 1"

    c = w.item_distribution(C, TEAM)
    assert c.counts == (0, 1, 1, 0) and c.not_sure == 1 and c.unanswered == 1
    assert c.spread == 1 and c.suggested == 2 and c.mean == pytest.approx(2.5)

    d = w.item_distribution(D, TEAM)
    assert d.counts == (0, 0, 1, 0) and d.not_sure == 3 and d.unanswered == 0
    assert d.spread == 0 and d.stdev == 0 and d.suggested == 3


def test_an_item_nobody_answered_has_no_numbers():
    first_staffing = readiness.domain("staffing").items[0].id
    item = w.item_distribution(first_staffing, [{}, {A: 1}])
    assert item.counts == (0, 0, 0, 0) and item.unanswered == 2 and item.not_sure == 0
    assert item.mean is None and item.spread is None and item.stdev is None and item.suggested is None
    assert w.item_distribution(A, []).unanswered == 0


# ---------------------------------------------------------------- the disagreement rule


def test_disagreement_first_by_spread_then_deviation_then_workbook_order():
    items = w.item_distributions(ITEMS, TEAM)
    ordered = [d.item_id for d in w.disagreement_order(items)]
    # B: spread 3, variance 9/4 | A: spread 3, variance 27/16 | C: spread 1 | E: spread 0 (four 2s)
    # D: only one numeric answer (three Not sure) -> last, even though it has the fewest numbers
    assert ordered == [B, A, C, E, D]


def test_equal_spread_and_deviation_keep_the_workbook_order():
    team = [{A: 1, B: 1, C: 4}, {A: 3, B: 3, C: 4}]
    ordered = [d.item_id for d in w.disagreement_order(w.item_distributions([C, B, A], team))]
    # A and B: spread 2, variance 1 each; given in the order C, B, A, so "order" is their position: B before A
    assert ordered == [B, A, C]


def test_items_with_fewer_than_two_numbers_come_last_in_workbook_order():
    team = [{A: 4, B: None, C: 1, D: 2}, {A: None, B: None, D: 2}]
    ordered = [d.item_id for d in w.disagreement_order(w.item_distributions(ITEMS, team))]
    # only D has two numbers (spread 0); A and C have one, B none, E none
    assert ordered == [D, A, B, C, E]


# ---------------------------------------------------------------- domain means with spread


def test_domain_mean_is_the_mean_of_peoples_means_with_their_range():
    team = [{A: 1, B: 1, C: 2}, {A: 4, B: 4, C: 3}, {A: 4, B: None}, {B: None}]
    mission, services = w.domain_spreads([readiness.domain("mission_values"), readiness.domain("services")], team)
    # people's means: 4/3, 11/3, 4; the fourth said only Not sure and is not counted
    assert mission.people == 3
    assert mission.mean == pytest.approx(3.0)  # (4/3 + 11/3 + 4) / 3
    assert mission.low == pytest.approx(4 / 3) and mission.high == 4
    assert mission.spread == pytest.approx(8 / 3)
    assert services.people == 0 and services.mean is None and services.spread is None


# ---------------------------------------------------------------- completion per participant


def test_completion_counts_not_sure_and_only_the_workshops_questions():
    now = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
    people = [
        SimpleNamespace(id="p1", display_name="Ana", last_seen_at=now - dt.timedelta(seconds=90)),
        SimpleNamespace(id="p2", display_name="Bo", last_seen_at=(now - dt.timedelta(seconds=5)).replace(tzinfo=None)),
        SimpleNamespace(id="p3", display_name="Cy", last_seen_at=now),
    ]
    answers = {"p1": {A: 1, B: None, "services.mobile": 4}, "p2": {A: 2, B: 2, C: 2, D: 2}}
    progress = w.participant_progress(people, answers, [A, B, C, D], now)
    assert [(p.display_name, p.responded, p.total) for p in progress] == [("Ana", 2, 4), ("Bo", 4, 4), ("Cy", 0, 4)]
    assert [p.share for p in progress] == [0.5, 1.0, 0.0]
    assert [p.seen_seconds_ago for p in progress] == [90, 5, 0]
