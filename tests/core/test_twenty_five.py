"""Stage 3: interventions and roles rows, readiness counts, and the recruitment plan."""

from decimal import Decimal

import pytest
from pydantic import ValidationError

from core.care_model import twenty_five as ct


def test_recruitment_plan_hand_computed():
    # 25 people at a 60% engagement rate: 25 / 0.6 = 41.7, so approach 42; 42 x 3.5 hours = 147 hours.
    plan = ct.recruitment_plan(25, ct.RecruitmentInputs(recruitment_hours=3.5, engagement_pct=60))
    assert (plan.people_to_approach, plan.staff_hours) == (42, Decimal("147.0"))


def test_full_engagement_needs_no_extra_people():
    plan = ct.recruitment_plan(25, ct.RecruitmentInputs(recruitment_hours=2, engagement_pct=100))
    assert (plan.people_to_approach, plan.staff_hours) == (25, Decimal("50.0"))


def test_zero_engagement_has_a_clear_message():
    with pytest.raises(ValueError, match="above 0%"):
        ct.recruitment_plan(25, ct.RecruitmentInputs(recruitment_hours=2, engagement_pct=0))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("engagement_pct", 120, "0% to 100%"),
        ("engagement_pct", -1, "0% to 100%"),
        ("recruitment_hours", -2, "between 0 and 500"),
        ("recruitment_hours", 1e6, "between 0 and 500"),
    ],
)
def test_recruitment_inputs_are_bounded(field, value, message):
    with pytest.raises(ValidationError, match=message):
        ct.RecruitmentInputs(**{field: value})


def test_readiness_shares_hand_computed():
    counts = ct.ReadinessCounts(counts={"not_ready": 4, "considering": 6, "ready": 10, "in_and_out": 0})
    assert counts.total == 20
    assert counts.shares() == {"not_ready": 0.2, "considering": 0.3, "ready": 0.5, "in_and_out": 0.0}
    assert ct.ReadinessCounts().shares()["ready"] == 0.0


def test_negative_readiness_count_is_refused():
    with pytest.raises(ValidationError, match="Considering: enter a number of people"):
        ct.ReadinessCounts(counts={"considering": -3})


def test_intervention_row_validation():
    assert ct.Intervention(name=" Warm handoff ", status=None).status == "planned"
    with pytest.raises(ValidationError, match="Intervention is required"):
        ct.Intervention(name="")
    with pytest.raises(ValidationError, match="not a status"):
        ct.Intervention(name="x", status="maybe")


def test_stage_three_is_saved_and_counted(store, workspace):
    ws = workspace.id
    assert ct.progress(store, ws).share == 0
    ct.save_readiness_count(store, ws, "ready", 7)
    ct.save_readiness_count(store, ws, "considering", 3)
    assert ct.readiness(store, ws).counts == {"ready": 7, "considering": 3}
    with pytest.raises(ValidationError):
        ct.save_readiness_count(store, ws, "ready", -1)
    with pytest.raises(ValueError, match="Enter a number"):
        ct.save_readiness_count(store, ws, "ready", None)
    assert ct.readiness(store, ws).counts["ready"] == 7  # the bad input lost nothing
    ct.save_recruitment_input(store, ws, "engagement_pct", 55)
    with pytest.raises(ValidationError):
        ct.save_recruitment_input(store, ws, "engagement_pct", 140)
    assert ct.recruitment_inputs(store, ws).engagement_pct == Decimal("55")
    ct.save_elements(store, ws, ["primary_care", "care_management"])
    assert ct.elements(store, ws) == ["care_management", "primary_care"]
    with pytest.raises(ValueError, match="Unknown care model element"):
        ct.save_elements(store, ws, ["helicopter"])
    assert ct.progress(store, ws).share == pytest.approx(1 / 4)
