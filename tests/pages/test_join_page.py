"""Join a workshop (participant): no workspace needed, code and display name, own answers saved on change and
found again after a reload by the token in the URL; nothing else of the workspace is shown."""

import pytest
from streamlit.testing.v1 import AppTest

from core import workshop as w
from tests.conftest import ROOT, make_workspace

A = "mission_values.written_mission"
B = "mission_values.value_statements"


@pytest.fixture
def open_workshop(app):
    workspace = make_workspace(app.store, "Riverside Secret Org")
    ws = w.start_workshop(
        app.store, workspace.id, "readiness", title="Retreat", options=w.WorkshopOptions(domains=["mission_values"])
    )
    return workspace, ws


def join(app, code: str, name: str) -> AppTest:
    at = app.page("pages/join.py")
    at.text_input(key="join__code").set_value(code)
    at.text_input(key="join__name").set_value(name)
    at.button[0].click().run()  # the form's Join button
    return at


def test_the_join_page_needs_no_workspace_and_shows_none(app, open_workshop):
    at = app.page("pages/join.py")
    assert not at.exception
    assert at.title[0].value == "Join a workshop"
    assert "workspace_token" not in at.session_state and "ws" not in at.query_params  # app.py opened nothing


def test_joining_and_answering_saves_only_my_answers(app, open_workshop):
    workspace, ws = open_workshop
    other = w.join_workshop(app.store, ws.code, "Bo", "x")
    w.save_participant_answer(app.store, other.token, A, 1)

    at = join(app, w.format_code(ws.code).lower(), "Zoë <b>R</b> **x**")
    assert not at.exception
    token = at.query_params["p"][0] if isinstance(at.query_params["p"], list) else at.query_params["p"]
    seat = w.seat_for_token(app.store, token)
    assert seat.participant.display_name == "Zoë <b>R</b> **x**"
    assert "Zoë \\<b\\>R\\</b\\> \\*\\*x\\*\\*" in at.markdown[0].value  # shown as typed, never as HTML
    assert at.progress[0].text == "You have answered 0 of 8"
    assert at.button_group(key=f"join__{A}").value is None  # Bo's answer is not mine

    at.button_group(key=f"join__{A}").set_value(4).run()
    at.button_group(key=f"join__{B}").set_value(0).run()  # Not sure
    assert not at.exception
    assert w.participant_answers(app.store, seat) == {A: 4, B: None}
    assert w.participant_answers(app.store, w.seat_for_token(app.store, other.token)) == {A: 1}
    assert at.progress[0].text == "You have answered 2 of 8"
    at.button_group(key=f"join__{B}").set_value(None).run()  # taken back: unanswered again
    assert w.participant_answers(app.store, seat) == {A: 4}
    # nothing of the workspace: not its name, not the other participant
    shown = " ".join(m.value for m in at.markdown) + " ".join(t.value for t in at.title)
    assert "Riverside Secret Org" not in shown and "Bo" not in shown


def test_a_reload_comes_back_to_my_answers_by_the_token(app, open_workshop):
    _, ws = open_workshop
    joined = w.join_workshop(app.store, ws.code, "Ana", "x")
    w.save_participant_answer(app.store, joined.token, A, 3)
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)  # a new browser session
    fresh.query_params["p"] = joined.token
    fresh.run()
    fresh.switch_page("pages/join.py").run()
    assert not fresh.exception
    assert fresh.button_group(key=f"join__{A}").value == 3
    assert "**Ana**" in fresh.markdown[0].value


def test_a_forged_token_gets_the_join_form_and_a_message(app, open_workshop):
    _, ws = open_workshop
    joined = w.join_workshop(app.store, ws.code, "Ana", "x")
    app.at.query_params["p"] = joined.token[:-2] + "zz"
    at = app.page("pages/join.py")
    assert not at.exception
    assert "no longer works" in at.warning[0].value
    assert at.title[0].value == "Join a workshop"


def test_wrong_and_malformed_codes_get_clear_messages(app, open_workshop):
    _, ws = open_workshop
    at = join(app, "AAAAAAA" if ws.code != "AAAAAAA" else "CCCCCCC", "Ana")
    assert not at.exception
    assert "No open workshop has this code" in at.error[0].value
    at = join(app, "0O1", "Ana")
    assert "never uses 0" in at.error[0].value
    at = join(app, ws.code, "   ")
    assert "display name is required" in at.error[0].value


def test_too_many_wrong_codes_are_refused_with_a_wait(app, open_workshop, monkeypatch):
    _, ws = open_workshop
    monkeypatch.setattr(w, "MAX_TRIES_PER_CLIENT", 2)
    wrong = "AAAAAAA" if ws.code != "AAAAAAA" else "CCCCCCC"
    for _ in range(2):
        at = join(app, wrong, "Ana")
    at = join(app, ws.code, "Ana")  # even the right code waits now
    assert not at.exception
    assert "Too many codes that did not work" in at.error[0].value
    assert "p" not in at.query_params


def test_the_code_from_the_link_is_filled_in(app, open_workshop):
    _, ws = open_workshop
    app.at.query_params["code"] = ws.code
    at = app.page("pages/join.py")
    assert at.text_input(key="join__code").value == ws.code


def test_a_paused_workshop_keeps_answers_but_takes_no_new_ones(app, open_workshop):
    workspace, ws = open_workshop
    at = join(app, ws.code, "Ana")
    at.button_group(key=f"join__{A}").set_value(2).run()
    w.pause_workshop(app.store, workspace.id, ws.id)
    at.run()
    assert "paused" in at.warning[0].value
    assert at.button_group(key=f"join__{A}").disabled and at.button_group(key=f"join__{A}").value == 2
    w.close_workshop(app.store, workspace.id, ws.id)
    at.run()
    assert not at.exception
    assert "closed" in at.warning[0].value
    assert at.button_group(key=f"join__{A}").value == 2


def test_a_text_workshop_saves_my_answers_and_flags_identifiers(app):
    from core import workshop_text as wt

    workspace = make_workspace(app.store, "Text Org")
    ws = w.start_workshop(app.store, workspace.id, "value_proposition", options=w.WorkshopOptions(themes=["services"]))
    at = join(app, ws.code, "Ana")
    assert not at.exception
    assert at.progress[0].text == "You have answered 0 of 4"
    key = "join__text__services.nobody_else"
    at.text_area(key=key).set_value("Peer navigation at night").run()
    assert not at.exception
    seat = w.seat_for_token(app.store, at.query_params["p"])
    assert wt.participant_texts(app.store, seat) == {"services.nobody_else": "Peer navigation at night"}
    assert at.progress[0].text == "You have answered 1 of 4"
    at.text_area(key=key).set_value("Ask for me at 614-555-0142").run()
    assert "phone number" in at.warning[0].value  # saved, and flagged beside the field
    w.pause_workshop(app.store, workspace.id, ws.id)
    at.text_area(key=key).set_value("Typed while paused").run()
    assert not at.exception
    assert "paused or closed" in at.error[0].value
    assert at.text_area(key=key).value == "Typed while paused"  # what was typed stays in the box
    assert wt.participant_texts(app.store, seat)["services.nobody_else"] == "Ask for me at 614-555-0142"
