"""Stage 4: staff, caseloads per period, and the dashboard against targets."""

import pytest
from pydantic import ValidationError

from core.care_model import one_twenty_five as cl


@pytest.mark.parametrize(
    ("total", "target", "expected"),
    [
        (61, 60, "over"),
        (60, 60, "on target"),
        (48, 60, "on target"),
        (47, 60, "under"),
        (0, 20, "under"),
    ],
)
def test_caseload_status_with_a_20_percent_margin(total, target, expected):
    # Under target means below 80% of it: 48 of 60 is exactly 80%.
    assert cl.caseload_status(total, target) == expected


@pytest.mark.parametrize("period", ["2025-3", "March 2025", "2025-13", "1999-12", "", None])
def test_bad_periods_have_a_clear_message(period):
    with pytest.raises(ValueError, match="year-month, like 2025-03"):
        cl.check_period(period)


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (0, "from 1 to 10,000"),
        (-5, "from 1 to 10,000"),
        (2.5, "whole number"),
        (None, "expected to carry"),
    ],
)
def test_staff_target_is_validated(target, message):
    with pytest.raises(ValidationError, match=message):
        cl.StaffMember(name="Care manager 1", target=target)


def test_caseload_counts_are_whole_and_not_negative():
    assert cl.CaseloadEntry(period="2025-03", staff="s1", outreach=None, active="4", maintenance=1.0).total == 5
    with pytest.raises(ValidationError, match="whole number of patients"):
        cl.CaseloadEntry(period="2025-03", staff="s1", active=-1)


def test_dashboard_hand_computed(store, workspace):
    ws = workspace.id
    a = cl.add_staff(store, ws, cl.StaffMember(name="Care manager 1", role="Peer", target=25))
    b = cl.add_staff(store, ws, cl.StaffMember(name="Care manager 2", target=20))
    cl.save_caseload(store, ws, cl.CaseloadEntry(period="2025-02", staff=a.key, outreach=4, active=15, maintenance=2))
    cl.save_caseload(store, ws, cl.CaseloadEntry(period="2025-03", staff=a.key, outreach=6, active=20, maintenance=3))
    cl.save_caseload(store, ws, cl.CaseloadEntry(period="2025-03", staff=b.key, outreach=3, active=9, maintenance=0))
    # Saving the same staff and period again replaces the numbers rather than adding a row.
    cl.save_caseload(store, ws, cl.CaseloadEntry(period="2025-03", staff=b.key, outreach=3, active=10, maintenance=0))
    board = cl.caseload_dashboard(store, ws)
    assert board.periods == ["2025-02", "2025-03"] and board.latest == "2025-03"
    assert [(r.name, r.total, r.status) for r in board.rows] == [
        ("Care manager 1", 29, "over"),
        ("Care manager 2", 13, "under"),
    ]
    assert [(t.period, t.total, t.target) for t in board.trend] == [("2025-02", 21, 25), ("2025-03", 42, 45)]
    assert board.staff_trend == {"Care manager 1": [21, 29], "Care manager 2": [None, 13]}
    assert board.sentences() == [
        "2025-03: 42 patients across 2 staff (target 45).",
        "Over target: Care manager 1 (29 of 25).",
        "Room for more: Care manager 2 (13 of 20).",
    ]


def test_period_edits_apply_per_row_and_report_bad_ones(store, workspace):
    ws = workspace.id
    a = cl.add_staff(store, ws, cl.StaffMember(name="A", target=10))
    b = cl.add_staff(store, ws, cl.StaffMember(name="B", target=10))
    errors = cl.save_period_edits(store, ws, "2025-04", [a.key, b.key], {0: {"active": 7}, "1": {"outreach": -2}})
    assert len(errors) == 1 and errors[0].startswith("Row 2:")
    saved = {(e.staff, e.period): e for e in cl.entries(store, ws)}
    assert saved[(a.key, "2025-04")].active == 7
    assert (b.key, "2025-04") not in saved


def test_caseload_for_a_removed_staff_member_is_refused(store, workspace):
    with pytest.raises(KeyError, match="no longer exists"):
        cl.save_caseload(store, workspace.id, cl.CaseloadEntry(period="2025-03", staff="s-gone"))


def test_the_margin_rule_says_the_apps_figure_and_matches_the_status():
    rule = cl.margin_rule()
    assert "more than 20% below it" in rule and "a target of 25 is under below 20" in rule
    assert "The 20% margin is the app's own" in rule
    # target 25: 20 is on target, 19 under, 26 over (25 x 80% = 20)
    assert [cl.caseload_status(n, 25) for n in (20, 19, 25, 26)] == ["on target", "under", "on target", "over"]


def test_staff_and_entries_kept_for_a_version_are_read_again_after_a_change(store, workspace):
    ws = workspace.id
    a = cl.add_staff(store, ws, cl.StaffMember(name="A", target=10))
    assert [m.name for _, m in cl.staff(store, ws)] == ["A"]
    assert cl.entries(store, ws) == []
    cl.add_staff(store, ws, cl.StaffMember(name="B", target=10))
    cl.save_caseload(store, ws, cl.CaseloadEntry(period="2025-03", staff=a.key, outreach=1, active=2, maintenance=3))
    assert [m.name for _, m in cl.staff(store, ws)] == ["A", "B"]
    assert [e.total for e in cl.entries(store, ws)] == [6]  # 1 + 2 + 3
    assert [(r.name, r.total) for r in cl.caseload_dashboard(store, ws).rows] == [("A", 6), ("B", 0)]
