"""Step 4 facilitation page: start a conversation, take notes per prompt, move through segments, timer."""

from __future__ import annotations

import datetime as dt

from core.hrh import what_it_takes
from core.store import answers

PAGE = "pages/hrh/what_it_takes.py"


def _start(at, group="Five peer navigators and the drop-in coordinator", guide="care_team"):
    at.date_input(key=f"what_it_takes__new__{guide}__date").set_value(dt.date(2025, 3, 4))
    at.text_input(key=f"what_it_takes__new__{guide}__group").set_value(group)
    at.button(key=f"FormSubmitter:what_it_takes__new__{guide}-Start this conversation").click().run()
    return at


def test_an_empty_step_says_to_start_a_conversation(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Step 4: Mapping out what it takes to get people to services"
    assert at.radio(key="what_it_takes__guide").options == [
        "Care coordination team members",
        "People who receive services",
        "Leadership team deciding on service expansion",
    ]
    assert any("Start a conversation above" in i.value for i in at.info)
    assert at.dataframe[0].value["Minutes"].sum() == 90


def test_starting_a_conversation_opens_the_first_segment_and_saves_date_and_group(app_with_workspace):
    app, workspace = app_with_workspace
    at = _start(app.page(PAGE))
    assert not at.exception
    [c] = what_it_takes.list_conversations(app.store, workspace.id, "care_team")
    assert (c.held_on, c.group) == (dt.date(2025, 3, 4), "Five peer navigators and the drop-in coordinator")
    assert at.subheader[0].value == "Segment 1 of 6: Welcome and why we are here (10 min)"
    assert any(i.value.startswith("**Open with this:**") for i in at.info)
    assert at.get("progress")[0].proto.text.endswith("10:00 left (paused)")


def test_a_conversation_without_a_group_is_refused_beside_the_field(app_with_workspace):
    app, workspace = app_with_workspace
    at = _start(app.page(PAGE), group="   ")
    assert not at.exception
    assert at.error[0].value == "Who was in the room is required."
    assert what_it_takes.list_conversations(app.store, workspace.id) == []


def test_notes_save_per_prompt_and_segments_move_with_the_timer(app_with_workspace):
    app, workspace = app_with_workspace
    at = _start(app.page(PAGE))
    [c] = what_it_takes.list_conversations(app.store, workspace.id)
    note_key = f"text__what_it_takes.care_team__{c.record_id}.hopes"
    at.text_area(key=note_key).input("Linkage is not a referral slip. 🧭").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, "what_it_takes.care_team", f"{c.record_id}.hopes") == (
        "Linkage is not a referral slip. 🧭"
    )
    assert any("Saved at" in cap.value for cap in at.caption)

    at.button(key="what_it_takes__toggle").click().run()
    assert what_it_takes.get_timer(app.store, workspace.id, c.record_id).running
    at.button(key="what_it_takes__next").click().run()
    assert not at.exception
    assert at.subheader[0].value == "Segment 2 of 6: The whole path, from first contact to a service received (25 min)"
    state = what_it_takes.get_timer(app.store, workspace.id, c.record_id)
    assert state.segment == 1 and state.running
    assert [a.label for a in at.text_area] == [p.text for p in what_it_takes.guide("care_team").segments[1].prompts]
    at.button(key="what_it_takes__toggle").click().run()
    assert not what_it_takes.get_timer(app.store, workspace.id, c.record_id).running
    at.button(key="what_it_takes__previous").click().run()
    assert at.text_area(key=note_key).value == "Linkage is not a referral slip. 🧭"  # seeded again from the store


def test_a_note_too_long_shows_an_error_and_keeps_what_was_saved(app_with_workspace):
    app, workspace = app_with_workspace
    at = _start(app.page(PAGE))
    [c] = what_it_takes.list_conversations(app.store, workspace.id)
    note_key = f"text__what_it_takes.care_team__{c.record_id}.hopes"
    at.text_area(key=note_key).input("Kept.").run()
    at.text_area(key=note_key).input("x" * 20_001).run()
    assert not at.exception
    assert "the limit is 20,000" in at.error[0].value
    assert answers.get_text(app.store, workspace.id, "what_it_takes.care_team", f"{c.record_id}.hopes") == "Kept."


def test_each_group_has_its_own_conversations(app_with_workspace):
    app, workspace = app_with_workspace
    at = _start(app.page(PAGE))
    at.radio(key="what_it_takes__guide").set_value("participants").run()
    assert not at.exception
    assert any("Start a conversation above" in i.value for i in at.info)
    at = _start(at, group="Seven participants", guide="participants")
    assert at.subheader[0].value == "Segment 1 of 6: Welcome, ground rules and why we are here (10 min)"
    assert [c.guide_id for c in what_it_takes.list_conversations(app.store, workspace.id)] == [
        "care_team",
        "participants",
    ]


def test_the_workbooks_words_are_quoted_and_the_prompts_are_marked_as_the_apps_own(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/what_it_takes.py")
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "We recommend that you carve out at least 90 minutes" in md
    assert any("the app's own writing, drawn from the workbook's themes" in c.value for c in at.caption)
    credit = next(c.value for c in at.caption if "Quoted on this page" in c.value)
    assert "Harm Reduction is Healthcare workbook" in credit
