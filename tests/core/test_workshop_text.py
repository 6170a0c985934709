"""Workshop mode's text activities (Step 5 themes, Step 4 prompts) in the store (SQLite, and PostgreSQL when
TEST_DATABASE_URL is set): questions from the content, own answers only, side by side without names, the team's
answer saved into the step with its history, pause and close refusing answers atomically."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import func, select

from core.hrh import value_proposition, what_it_takes
from core.store import answers
from core.store.workshop_models import WorkshopTextAnswer
from core.text import TextTooLong
from core.workshop import session as w
from core.workshop import text as wt

NOBODY_ELSE = "services.nobody_else"
WRAP = "services.wrap_around"


def vp_workshop(store, workspace, themes=("services",)):
    return w.start_workshop(
        store, workspace.id, "value_proposition", title="Board evening", options=w.WorkshopOptions(themes=list(themes))
    )


def test_options_are_checked_against_the_content():
    every = wt.check_options("value_proposition", w.WorkshopOptions())
    assert every.themes == [t.id for t in value_proposition.content().themes]
    assert wt.check_options("value_proposition", w.WorkshopOptions(themes=["staffing", "services"])).themes == [
        "services",
        "staffing",
    ]
    with pytest.raises(w.WorkshopError, match="Unknown value proposition themes"):
        wt.check_options("value_proposition", w.WorkshopOptions(themes=["karaoke"]))
    with pytest.raises(w.WorkshopError, match="Choose which of the three conversations"):
        wt.check_options("what_it_takes", w.WorkshopOptions())
    assert set(w.available_activities()) == {"readiness", "value_proposition", "what_it_takes"}


def test_questions_are_the_themes_questions_with_follow_ups(store, workspace):
    ws = vp_workshop(store, workspace, themes=["services", "mission_values"])
    asked = wt.questions(ws)
    services = value_proposition.theme("services").all_questions()
    mission = value_proposition.theme("mission_values").all_questions()
    assert [q.id for q in asked] == [f"mission_values.{k}" for k, _, _ in mission] + [
        f"services.{k}" for k, _, _ in services
    ]
    assert asked[-len(services)].text == "What services do we offer to the community that nobody else offers?"
    assert {q.part for q in asked} == {"Mission & Values", "Services"}


def test_a_step_4_workshop_is_one_of_the_steps_conversations(store, workspace):
    ws = w.start_workshop(store, workspace.id, "what_it_takes", options=w.WorkshopOptions(guide="participants"))
    guide = what_it_takes.guide("participants")
    assert [q.id for q in wt.questions(ws)] == [p.id for _, p in guide.prompts]
    [conversation] = what_it_takes.list_conversations(store, workspace.id)
    assert conversation.guide_id == "participants" and conversation.group == guide.group
    assert ws.options["conversation"] == conversation.record_id

    joined = w.join_workshop(store, ws.code, "R.", "c")
    first = guide.prompts[0][1].id
    wt.save_participant_text(store, joined.token, first, "The bus pass mattered most.")
    wt.record_team_text(store, workspace.id, ws.id, first, "Transport decides whether people make it.")
    assert what_it_takes.conversation_notes(store, workspace.id, conversation) == {
        first: "Transport decides whether people make it."
    }


def test_answers_are_private_to_each_participant_and_side_by_side_without_names(store, workspace):
    ws = vp_workshop(store, workspace)
    ana = w.join_workshop(store, ws.code, "Ana", "c")
    bo = w.join_workshop(store, ws.code, "Bo", "c")
    cy = w.join_workshop(store, ws.code, "Cy", "c")
    wt.save_participant_text(store, bo.token, NOBODY_ELSE, "Night outreach <b>at the river</b>")
    wt.save_participant_text(store, ana.token, NOBODY_ELSE, "Peer navigation 🌱")
    wt.save_participant_text(store, ana.token, WRAP, "Showers, mail")
    wt.save_participant_text(store, ana.token, WRAP, "Showers, mail, phones")  # changed, never duplicated
    wt.save_participant_text(store, cy.token, WRAP, "temporary")
    wt.save_participant_text(store, cy.token, WRAP, "   ")  # emptied: no longer an answer
    assert wt.participant_texts(store, w.seat_for_token(store, ana.token)) == {
        NOBODY_ELSE: "Peer navigation 🌱",
        WRAP: "Showers, mail, phones",
    }
    assert wt.participant_texts(store, w.seat_for_token(store, bo.token)) == {
        NOBODY_ELSE: "Night outreach <b>at the river</b>"
    }
    live = wt.text_live(store, workspace.id, ws)
    by_question = {q.question.id: q.answers for q in live.questions}
    assert by_question[NOBODY_ELSE] == ["Peer navigation 🌱", "Night outreach <b>at the river</b>"]  # join order
    assert by_question[WRAP] == ["Showers, mail, phones"]
    assert [(p.display_name, p.responded, p.total) for p in live.participants] == [
        ("Ana", 2, 4),
        ("Bo", 1, 4),
        ("Cy", 0, 4),
    ]
    assert live.answers_given == 3


def test_text_that_looks_like_an_identifier_is_saved_and_flagged(store, workspace):
    ws = vp_workshop(store, workspace)
    joined = w.join_workshop(store, ws.code, "Ana", "c")
    findings = wt.save_participant_text(store, joined.token, NOBODY_ELSE, "Call me at 614-555-0142")
    assert [f.kind for f in findings] == ["phone"]
    assert wt.participant_texts(store, w.seat_for_token(store, joined.token))[NOBODY_ELSE].endswith("0142")
    assert wt.save_participant_text(store, joined.token, WRAP, "Showers and mail") == []


def test_bad_answers_get_clear_messages(store, workspace):
    ws = vp_workshop(store, workspace)
    joined = w.join_workshop(store, ws.code, "Ana", "c")
    with pytest.raises(TextTooLong, match="limit is 4,000"):
        wt.save_participant_text(store, joined.token, NOBODY_ELSE, "x" * 4_001)
    with pytest.raises(w.WorkshopError, match="does not ask"):
        wt.save_participant_text(store, joined.token, "staffing.capacity", "x")
    with pytest.raises(w.WorkshopError, match="not a workshop seat"):
        wt.save_participant_text(store, "nope", NOBODY_ELSE, "x")
    wt.save_participant_text(store, joined.token, NOBODY_ELSE, "ok\x00\x07 kept")
    assert wt.participant_texts(store, w.seat_for_token(store, joined.token))[NOBODY_ELSE] == "ok kept"


def test_paused_and_closed_workshops_refuse_text_and_keep_it(store, workspace):
    ws = vp_workshop(store, workspace)
    joined = w.join_workshop(store, ws.code, "Ana", "c")
    wt.save_participant_text(store, joined.token, NOBODY_ELSE, "Kept")
    w.pause_workshop(store, workspace.id, ws.id)
    with pytest.raises(w.WorkshopError, match="paused or closed"):
        wt.save_participant_text(store, joined.token, NOBODY_ELSE, "Changed while paused")
    w.close_workshop(store, workspace.id, ws.id)
    with pytest.raises(w.WorkshopError, match="paused or closed"):
        wt.save_participant_text(store, joined.token, WRAP, "After closing")
    assert wt.participant_texts(store, w.seat_for_token(store, joined.token)) == {NOBODY_ELSE: "Kept"}


def test_the_teams_answer_goes_into_step_5_and_keeps_its_history(store, workspace):
    ws = vp_workshop(store, workspace)
    section = value_proposition.theme("services").section
    answers.save_text(store, workspace.id, section, "nobody_else", "What the director wrote last month")
    assert wt.team_texts(store, workspace.id, ws) == {NOBODY_ELSE: "What the director wrote last month"}
    wt.record_team_text(store, workspace.id, ws.id, NOBODY_ELSE, "Night outreach and peer navigation")
    assert answers.get_text(store, workspace.id, section, "nobody_else") == "Night outreach and peer navigation"
    history = [r.text for r in answers.text_revisions(store, workspace.id, section, "nobody_else")]
    assert "What the director wrote last month" in history  # nothing typed before is lost
    with pytest.raises(w.WorkshopError):
        wt.record_team_text(store, workspace.id, ws.id, "staffing.capacity", "x")


def test_text_answers_change_the_live_fingerprint(store, workspace):
    ws = vp_workshop(store, workspace)
    joined = w.join_workshop(store, ws.code, "Ana", "c")
    before = w.live_fingerprint(store, workspace.id, ws)
    wt.save_participant_text(store, joined.token, NOBODY_ELSE, "Peer navigation")
    assert w.live_fingerprint(store, workspace.id, ws) != before


def test_ten_people_typing_at_once_lose_nothing(store, workspace):
    ws = vp_workshop(store, workspace, themes=["systems", "culture"])
    asked = [q.id for q in wt.questions(ws)]
    tokens = [w.join_workshop(store, ws.code, f"P{n}", "c").token for n in range(10)]
    errors = []

    def type_all(n: int) -> None:
        try:
            for q in asked:
                wt.save_participant_text(store, tokens[n], q, f"Answer of P{n} to {q}")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=type_all, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    with store.read() as s:
        assert s.exec(select(func.count()).select_from(WorkshopTextAnswer)).one() == 10 * len(asked)
    live = wt.text_live(store, workspace.id, ws)
    assert all(len(q.answers) == 10 for q in live.questions)
