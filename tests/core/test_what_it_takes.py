"""Step 4: facilitator guides, conversations, notes, the segment timer, summaries and progress."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from pydantic import ValidationError

from core.content import DATA_DIR
from core.hrh import what_it_takes
from core.store import answers
from core.store.answers import text_revisions

T0 = dt.datetime(2025, 3, 4, 14, 0, tzinfo=dt.UTC)


def _raw() -> dict:
    return yaml.safe_load((DATA_DIR / "facilitator_guides.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- content


def test_three_guides_for_the_groups_the_workbook_names_each_ninety_minutes():
    loaded = what_it_takes.guides()
    assert [g.group for g in loaded] == [
        "Care coordination team members",
        "People who receive services",
        "Leadership team deciding on service expansion",
    ]
    assert [g.minutes for g in loaded] == [90, 90, 90]
    assert all(g.opening and g.closing and g.preparation for g in loaded)


def test_run_of_show_places_each_segment_on_the_clock():
    schedule = what_it_takes.run_of_show(what_it_takes.guide("care_team"))
    assert [(s.segment.id, s.start, s.end) for s in schedule] == [
        ("welcome", 0, 10),
        ("path", 10, 35),
        ("barriers", 35, 55),
        ("what_we_bring", 55, 75),
        ("growing", 75, 85),
        ("closing", 85, 90),
    ]


def test_a_guide_whose_segments_do_not_add_up_to_ninety_minutes_is_rejected_at_load():
    raw = _raw()
    raw["guides"][1]["segments"][0]["minutes"] = 5  # 10 -> 5: the run of show is 85 minutes
    with pytest.raises(ValidationError, match="guide participants: its segments add up to 85 minutes, not 90"):
        what_it_takes.FacilitatorGuides.model_validate(raw)


def test_a_prompt_id_used_twice_in_a_guide_is_rejected():
    raw = _raw()
    raw["guides"][0]["segments"][1]["prompts"][0]["id"] = "hopes"
    with pytest.raises(ValidationError, match="prompt ids are used twice: hopes"):
        what_it_takes.FacilitatorGuides.model_validate(raw)


def test_prompts_cover_the_workbook_themes():
    text = " ".join(p.text.lower() for g in what_it_takes.guides() for _, p in g.prompts)
    for theme in ("first contact", "service", "gets in the way", "trust", "rapport", "language", "culture"):
        assert theme in text, theme


# ---------------------------------------------------------------- timer (pure)


def test_time_left_before_the_timer_starts_is_the_whole_segment():
    left = what_it_takes.time_left(what_it_takes.TimerState(), what_it_takes.guide("care_team"), T0)
    assert (left.remaining_seconds, left.clock, left.running, left.share_used) == (600, "10:00", False, 0.0)
    assert left.label == "10:00 left (paused)"


def test_time_left_counts_down_from_the_start():
    state = what_it_takes.TimerState(segment=1).started(T0)  # "path": 25 minutes
    left = what_it_takes.time_left(state, what_it_takes.guide("care_team"), T0 + dt.timedelta(seconds=75))
    assert left.remaining_seconds == 25 * 60 - 75 == 1425
    assert left.clock == "23:45" and left.label == "23:45 left"
    assert left.share_used == pytest.approx(75 / 1500)


def test_pausing_keeps_the_time_run_and_resuming_continues_from_there():
    state = what_it_takes.TimerState().started(T0).paused(T0 + dt.timedelta(seconds=100))
    assert state.elapsed == 100 and not state.running
    later = state.started(T0 + dt.timedelta(hours=1))  # a long break does not count
    left = what_it_takes.time_left(later, what_it_takes.guide("care_team"), T0 + dt.timedelta(hours=1, seconds=20))
    assert left.remaining_seconds == 600 - 120


def test_running_over_shows_the_time_over_with_a_plus():
    state = what_it_takes.TimerState().started(T0)
    left = what_it_takes.time_left(state, what_it_takes.guide("care_team"), T0 + dt.timedelta(seconds=630))
    assert left.over and left.remaining_seconds == -30 and left.clock == "+00:30" and left.share_used == 1.0
    assert left.label == "Over time by 00:30: time to move on"


def test_moving_to_another_segment_resets_its_clock_and_stays_within_the_guide():
    running = what_it_takes.TimerState(segment=2, elapsed=50).started(T0)
    moved = running.moved_to(3, 6, T0 + dt.timedelta(seconds=30))
    assert (moved.segment, moved.elapsed, moved.started_at) == (3, 0.0, T0 + dt.timedelta(seconds=30))
    paused = what_it_takes.TimerState(segment=5, elapsed=10)
    assert paused.moved_to(9, 6, T0).segment == 5 and not paused.moved_to(9, 6, T0).running
    assert paused.moved_to(-1, 6, T0).segment == 0


# ---------------------------------------------------------------- conversations and notes (store)


def _conversation(store, workspace, guide_id="care_team", group="Five peer navigators"):
    return what_it_takes.add_conversation(
        store, workspace.id, what_it_takes.Conversation(guide_id=guide_id, held_on=dt.date(2025, 3, 4), group=group)
    )


def test_a_conversation_keeps_its_date_and_group(store, workspace):
    c = _conversation(store, workspace)
    [listed] = what_it_takes.list_conversations(store, workspace.id, "care_team")
    assert listed == c and listed.held_on == dt.date(2025, 3, 4) and listed.group == "Five peer navigators"
    assert what_it_takes.list_conversations(store, workspace.id, "leadership") == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"group": "   "}, "Who was in the room is required"),
        ({"group": "x" * 201}, "the limit is 200"),
        ({"guide_id": "board"}, "not one of the facilitator guides"),
        ({"held_on": dt.date(1999, 12, 31)}, "between 2000 and a year from now"),
    ],
)
def test_a_conversation_with_bad_details_is_refused_with_a_message(fields, message):
    data = {"guide_id": "care_team", "held_on": dt.date(2025, 3, 4), "group": "Staff"} | fields
    with pytest.raises(ValidationError, match=message):
        what_it_takes.Conversation(**data)


def test_notes_of_two_conversations_with_one_group_never_mix(store, workspace):
    first, second = _conversation(store, workspace), _conversation(store, workspace, group="Evening outreach team")
    section = what_it_takes.notes_section("care_team")
    answers.save_text(
        store, workspace.id, section, what_it_takes.note_prompt(first.record_id, "trust"), "Showing up weekly."
    )
    answers.save_text(
        store, workspace.id, section, what_it_takes.note_prompt(second.record_id, "trust"), "Never judging."
    )
    answers.save_text(store, workspace.id, section, what_it_takes.note_prompt(second.record_id, "drop_off"), "   ")
    assert what_it_takes.conversation_notes(store, workspace.id, first) == {"trust": "Showing up weekly."}
    assert what_it_takes.conversation_notes(store, workspace.id, second) == {"trust": "Never judging."}


def test_notes_keep_every_revision(store, workspace):
    c = _conversation(store, workspace)
    prompt = what_it_takes.note_prompt(c.record_id, "hopes")
    for text in ("Linkage is", "Linkage is not a referral slip."):
        answers.save_text(store, workspace.id, what_it_takes.notes_section("care_team"), prompt, text)
    assert [r.text for r in text_revisions(store, workspace.id, "what_it_takes.care_team", prompt)] == [
        "Linkage is not a referral slip.",
        "Linkage is",
    ]


def test_the_timer_is_kept_in_the_store_across_runs(store, workspace):
    c = _conversation(store, workspace)
    g = what_it_takes.guide("care_team")
    assert what_it_takes.get_timer(store, workspace.id, c.record_id) == what_it_takes.TimerState()
    what_it_takes.start_timer(store, workspace.id, c.record_id, now=T0)
    what_it_takes.go_to_segment(store, workspace.id, c.record_id, g, 2, now=T0 + dt.timedelta(minutes=9))
    what_it_takes.pause_timer(store, workspace.id, c.record_id, now=T0 + dt.timedelta(minutes=10))
    state = what_it_takes.get_timer(store, workspace.id, c.record_id)
    assert (state.segment, state.running, state.elapsed) == (2, False, 60.0)
    assert what_it_takes.time_left(state, g, T0 + dt.timedelta(hours=5)).clock == "19:00"


def test_summaries_put_each_groups_notes_in_run_of_show_order(store, workspace):
    c = _conversation(store, workspace, guide_id="participants", group="Seven participants")
    section = what_it_takes.notes_section("participants")
    answers.save_text(store, workspace.id, section, what_it_takes.note_prompt(c.record_id, "one_more"), "A nurse here.")
    answers.save_text(store, workspace.id, section, what_it_takes.note_prompt(c.record_id, "safe_place"), "Same faces.")
    summaries = {s.guide.id: s for s in what_it_takes.guide_summaries(store, workspace.id)}
    assert list(summaries) == ["care_team", "participants", "leadership"]
    assert summaries["care_team"].conversations == []
    [held] = summaries["participants"].conversations
    assert [(n.segment, n.text) for n in held.notes] == [
        ("Welcome, ground rules and why we are here", "Same faces."),
        ("What you would want more of", "A nurse here."),
    ]
    assert summaries["participants"].note_count == 2


def test_progress_counts_groups_with_notes_and_the_insights(store, workspace):
    assert what_it_takes.what_it_takes_progress(store, workspace.id).share == 0
    c = _conversation(store, workspace)
    assert what_it_takes.what_it_takes_progress(store, workspace.id).share == 0  # a conversation without notes
    answers.save_text(
        store, workspace.id, "what_it_takes.care_team", what_it_takes.note_prompt(c.record_id, "trust"), "Yes"
    )
    answers.save_text(store, workspace.id, what_it_takes.INSIGHTS_SECTION, "barriers", "Lapsed Medicaid.")
    progress = what_it_takes.what_it_takes_progress(store, workspace.id)
    assert progress.share == 0.5
    assert progress.detail == "1 of 3 conversations with notes; key insights written"
    assert what_it_takes.get_insights(store, workspace.id) == {
        "what_it_takes": "",
        "barriers": "Lapsed Medicaid.",
        "unique_value": "",
    }


def test_the_demo_holds_three_conversations_with_notes_and_the_insights(sqlite_store):
    from core import demo

    ws = demo.create_demo(sqlite_store)
    summaries = what_it_takes.guide_summaries(sqlite_store, ws.id)
    assert [len(s.conversations) for s in summaries] == [1, 1, 1]
    assert all(s.note_count >= 10 for s in summaries)
    assert all(what_it_takes.get_insights(sqlite_store, ws.id).values())
    assert what_it_takes.what_it_takes_progress(sqlite_store, ws.id).share == 1
