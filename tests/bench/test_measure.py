"""bench.measure: interleaved pairs, the median of their ratios, the interquartile range, "noisy".

Fake timers only: every expected value is worked by hand in a comment, nothing is timed for real.
"""

from __future__ import annotations

import pytest

from bench import measure


class FakeTimer:
    """Returns 0, then advances by the duration of the call running now (set by the fake page / reference)."""

    def __init__(self):
        self.now = 0.0
        self.calls: list[str] = []

    def __call__(self) -> float:
        return self.now

    def takes(self, name: str, seconds: list[float]):
        durations = iter(seconds)

        def run():
            self.calls.append(name)
            self.now += next(durations)

        return run


def test_quantile_interpolates_between_closest_ranks():
    values = [4.0, 1.0, 3.0, 2.0]  # sorted 1, 2, 3, 4; positions q * 3
    assert measure.quantile(values, 0.25) == pytest.approx(1.75)  # 0.75: 1 + 0.75 * (2 - 1)
    assert measure.quantile(values, 0.5) == pytest.approx(2.5)  # 1.5: 2 + 0.5 * (3 - 2)
    assert measure.quantile(values, 0.75) == pytest.approx(3.25)  # 2.25: 3 + 0.25 * (4 - 3)
    assert measure.quantile(values, 0.0) == 1.0
    assert measure.quantile(values, 1.0) == 4.0


def test_quantile_of_one_value_is_that_value_and_p95_of_twenty():
    assert measure.quantile([7.0], 0.95) == 7.0
    # 1..20: position 0.95 * 19 = 18.05 -> 19 + 0.05 * (20 - 19) = 19.05
    assert measure.quantile([float(v) for v in range(1, 21)], 0.95) == pytest.approx(19.05)


@pytest.mark.parametrize("bad", [-0.1, 1.5])
def test_quantile_refuses_a_share_outside_zero_to_one(bad):
    with pytest.raises(ValueError):
        measure.quantile([1.0, 2.0], bad)


def test_quantile_of_nothing_is_an_error_not_a_zero():
    with pytest.raises(ValueError):
        measure.quantile([], 0.5)


def test_pairs_alternate_and_flip_order_every_pair():
    timer = FakeTimer()
    page = timer.takes("page", [0.02, 0.02, 0.02, 0.02])
    reference = timer.takes("ref", [0.01, 0.01, 0.01, 0.01])
    measure.interleaved("x", page, reference, 4, timer=timer)
    assert timer.calls == ["page", "ref", "ref", "page", "page", "ref", "ref", "page"]


def test_median_of_ratios_and_iqr_worked_by_hand():
    timer = FakeTimer()
    # pairs (page ms, reference ms): (30, 10) (22, 10) (45, 10) (20, 10) (24, 10)
    page = timer.takes("page", [0.030, 0.022, 0.045, 0.020, 0.024])
    reference = timer.takes("ref", [0.010] * 5)
    c = measure.interleaved("home", page, reference, 5, timer=timer)
    # ratios 3.0, 2.2, 4.5, 2.0, 2.4 -> sorted 2.0, 2.2, 2.4, 3.0, 4.5
    assert c.ratios == pytest.approx([3.0, 2.2, 4.5, 2.0, 2.4])
    assert c.ratio == pytest.approx(2.4)  # the middle one
    assert c.q1 == pytest.approx(2.2)  # position 0.25 * 4 = 1 -> 2.2
    assert c.q3 == pytest.approx(3.0)  # position 0.75 * 4 = 3 -> 3.0
    assert c.iqr == pytest.approx(0.8)
    assert c.noisy  # 0.8 > 0.25 * 2.4 = 0.6


def test_a_tight_spread_is_not_noisy():
    timer = FakeTimer()
    # ratios 1.5, 1.6, 1.4, 1.5: sorted 1.4, 1.5, 1.5, 1.6; Q1 at 0.75 -> 1.475, Q3 at 2.25 -> 1.525
    page = timer.takes("page", [0.015, 0.016, 0.014, 0.015])
    reference = timer.takes("ref", [0.010] * 4)
    c = measure.interleaved("basics", page, reference, 4, timer=timer)
    assert c.ratio == pytest.approx(1.5)
    assert (c.q1, c.q3) == (pytest.approx(1.475), pytest.approx(1.525))
    assert not c.noisy  # 0.05 <= 0.25 * 1.5 = 0.375


def test_noisy_is_decided_on_the_spread_relative_to_the_median():
    # ratios 1, 1, 2, 2: median 1.5, Q1 at 0.75 -> 1.0, Q3 at 2.25 -> 2.0: IQR 1.0 > 0.375
    assert measure.from_pairs("x", [(10, 10), (10, 10), (20, 10), (20, 10)]).noisy
    # ratios 4.0, 4.4, 4.0, 4.4: median 4.2, Q1 4.0, Q3 4.4, IQR 0.4 <= 0.25 * 4.2 = 1.05
    assert not measure.from_pairs("x", [(40, 10), (44, 10), (40, 10), (44, 10)]).noisy


def test_the_ratio_is_the_median_of_pair_ratios_not_the_ratio_of_medians():
    # a load spike in pair 2 slows both page and reference: (100, 10) (300, 200) (110, 10)
    c = measure.from_pairs("x", [(100, 10), (300, 200), (110, 10)])
    # pair ratios 10, 1.5, 11 -> median 10; medians of times would give 110 / 10 = 11
    assert c.ratio == pytest.approx(10.0)


def test_before_page_runs_untimed_just_before_each_page_run():
    timer = FakeTimer()
    page = timer.takes("page", [0.02, 0.02])
    reference = timer.takes("ref", [0.01, 0.01])

    def change(n):
        timer.calls.append(f"change {n}")
        timer.now += 5.0  # a slow change must not show in any figure

    c = measure.interleaved("after a change", page, reference, 2, before_page=change, timer=timer)
    assert timer.calls == ["change 0", "page", "ref", "ref", "change 1", "page"]
    assert c.page_ms == pytest.approx([20.0, 20.0])
    assert c.reference_ms == pytest.approx([10.0, 10.0])


def test_row_reports_medians_ratio_iqr_and_the_target_verdict():
    # ratios 1.2, 1.8, 1.6: median 1.6 (> 1.5: missed); Q1 at 0.5 -> 1.4, Q3 at 1.5 -> 1.7
    c = measure.from_pairs("page", [(12, 10), (18, 10), (16, 10)], measure.Target(1.5))
    row = c.row()
    assert row["ms"] == 16.0 and row["reference_ms"] == 10.0
    assert row["ratio"] == 1.6
    assert row["iqr"] == [1.4, 1.7]
    assert row["pairs"] == 3
    assert row["target"] == "<= 1.5x" and row["met"] is False
    assert row["noisy"] is False  # 0.3 <= 0.25 * 1.6 = 0.4


def test_an_at_least_target_and_an_absolute_figure():
    share = measure.Target(0.5, at_least=True, label=">= 50% of raw inserts")
    assert share.met(0.5) and share.met(0.7) and not share.met(0.49)
    row = measure.figure_row("whole workbook", 780.0, target=measure.Target(1000, label="< 1 s"))
    assert row == {"what": "whole workbook", "ms": 780.0, "target": "< 1 s", "met": True}


def test_at_least_one_pair():
    with pytest.raises(ValueError):
        measure.interleaved("x", lambda: None, lambda: None, 0)


def test_table_shows_ratio_iqr_noisy_and_verdict():
    rows = [
        measure.from_pairs("home", [(10, 10), (10, 10), (20, 10), (20, 10)], measure.Target(1.5)).row(),
        {"what": "broken page", "error": "boom"},
    ]
    lines = measure.table(rows).splitlines()
    # ratios 1, 1, 2, 2: median 1.5, IQR 1.0-2.0 (noisy), target met at exactly 1.5; medians 15 ms / 10 ms
    assert lines[2] == "| home | 15.0 | 10.0 | 1.5 | 1.0-2.0 **noisy** | <= 1.5x: met |"
    assert lines[3] == "| broken page | error: boom | | | | |"
