"""Stage 4 huddle page: step-up / step-down criteria and the daily board."""

import datetime as dt

import pytest

from core.care_model import huddle
from core.store import answers
from tests.pages.editing import edit_table, shown

PAGE = "pages/care_model/huddle.py"


def test_criteria_save(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    at.text_area(key="text__one_twenty_five.criteria__step_down").input("Housed for three months").run()
    assert answers.get_text(app.store, workspace.id, huddle.CRITERIA_SECTION, "step_down") == "Housed for three months"


def test_board_items_save_for_the_day_and_refuse_identifiers(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert "Enter caseloads and process measures" in shown(at)
    today = dt.date.today().isoformat()
    key = f"huddle__items__{today}"
    edit_table(at, key, added=[{"type": "problem", "text": "Call Maria Lopez back", "owner": "Sam"}])
    assert "Use a pseudonymous label" in shown(at)
    assert huddle.items(app.store, workspace.id) == []
    edit_table(
        at,
        key,
        added=[{"type": "problem", "text": "Referral fax is down", "owner": "Sam", "escalate_to": "Clinic manager"}],
    )
    assert not at.exception
    [(_, item)] = huddle.items(app.store, workspace.id)
    assert (item.date, item.type, item.text, item.escalate_to) == (
        today,
        "problem",
        "Referral fax is down",
        "Clinic manager",
    )


def test_open_problems_from_earlier_days_are_shown(app_with_workspace):
    app, workspace = app_with_workspace
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    huddle.add_item(
        app.store,
        workspace.id,
        huddle.HuddleItem(date=yesterday, type="problem", text="No beds", owner="Care manager 1"),
    )
    at = app.page(PAGE)
    assert f"Open problems from earlier days: {yesterday}: No beds (owner: Care manager 1)" in shown(at)
    at.date_input(key="huddle__day").set_value(dt.date.today() - dt.timedelta(days=1)).run()
    assert not at.exception
    assert "Open problems from earlier days" not in shown(at)
    assert len(at.data_editor(key=f"huddle__items__{yesterday}").value) == 1


def test_the_weekly_meetings_are_quoted_and_the_teams_notes_save(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/care_model/huddle.py")
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "weekly team operations meetings help improve work processes" in md
    assert "meet one\\-on\\-one with each staff on a weekly basis" in md
    at.text_area(key="text__one_twenty_five.weekly__supervision").input("Thursdays, an hour each.").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, huddle.WEEKLY_SECTION, "supervision") == "Thursdays, an hour each."
    how = at.expander[[e.label for e in at.expander].index("How to run it")]
    assert how.markdown[0].value.startswith("> “To facilitate the process of active daily management, teams can\\:”")
    assert how.markdown[0].value.count("> - “") == 4
    assert any("Quoted on this page" in c.value for c in at.caption)


def test_a_weekly_meeting_the_source_does_not_name_is_refused(store, workspace):
    with pytest.raises(ValueError, match="not one of the weekly meetings"):
        huddle.save_weekly(store, workspace.id, "monthly_party", "x")
