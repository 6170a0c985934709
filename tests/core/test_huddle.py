"""Stage 4: the huddle board and step-up / step-down criteria."""

import datetime as dt

import pytest
from pydantic import ValidationError

from core.care_model import huddle, one_twenty_five, process_measures


def test_open_problems_carry_over_until_done(store, workspace):
    ws = workspace.id
    huddle.add_item(store, ws, huddle.HuddleItem(date="2025-03-10", type="problem", text="Fax is down", owner="Sam"))
    huddle.add_item(store, ws, huddle.HuddleItem(date="2025-03-11", type="problem", text="No beds", done=True))
    huddle.add_item(store, ws, huddle.HuddleItem(date="2025-03-11", type="goal", text="Reach three people"))
    huddle.add_item(store, ws, huddle.HuddleItem(date="2025-03-12", type="problem", text="Same-day issue"))
    open_ = huddle.open_problems_before(store, ws, dt.date(2025, 3, 12))
    assert [p.text for p in open_] == ["Fax is down"]
    assert huddle.huddle_days(store, ws) == ["2025-03-12", "2025-03-11", "2025-03-10"]


def test_huddle_item_refuses_identifiers_unless_checked():
    with pytest.raises(ValidationError, match="pseudonymous label"):
        huddle.HuddleItem(date="2025-03-10", text="Call Maria Lopez at 614-555-0142")
    assert huddle.HuddleItem(date="2025-03-10", text="Ask Dr. Patel", checked=True).text == "Ask Dr. Patel"
    assert huddle.HuddleItem(date="2025-03-10", text="Patient C missed the clinic").text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "tomorrow", "text": "x"}, "date like 2025-03-14"),
        ({"date": "2025-03-10", "text": ""}, "What is required"),
        ({"date": "2025-03-10", "text": "x", "type": "rumour"}, "goal, a metric or a problem"),
    ],
)
def test_huddle_item_validation(data, message):
    with pytest.raises(ValidationError, match=message):
        huddle.HuddleItem(**data)


def test_huddle_numbers_put_caseloads_and_missed_measures_on_the_board(store, workspace):
    ws = workspace.id
    assert huddle.huddle_numbers(store, ws) == []
    member = one_twenty_five.add_staff(store, ws, one_twenty_five.StaffMember(name="CM 1", target=10))
    one_twenty_five.save_caseload(
        store, ws, one_twenty_five.CaseloadEntry(period="2025-03", staff=member.key, active=12)
    )
    process_measures.add_month(
        store,
        ws,
        process_measures.MeasureMonth.model_validate({"month": "2025-03", "percent_engaged": 50, "recruited": 20}),
    )
    process_measures.save_target(store, ws, "percent_engaged", 60)
    process_measures.save_target(store, ws, "recruited", 10)
    assert huddle.huddle_numbers(store, ws) == [
        "2025-03: 12 patients across 1 staff (target 10).",
        "Over target: CM 1 (12 of 10).",
        "Measures not at target: Percent engaged (50 vs 60).",
    ]


def test_criteria_are_saved_and_counted_in_progress(store, workspace):
    ws = workspace.id
    huddle.save_criterion(store, ws, "step_down", "Housed for three months")
    with pytest.raises(ValueError, match="not a step-up"):
        huddle.save_criterion(store, ws, "step_sideways", "x")
    progress = huddle.progress(store, ws)
    assert progress.share == pytest.approx(1 / 5)
    assert "staff and targets" in progress.detail
