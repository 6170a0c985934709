"""Join a workshop (participant): no workspace needed, code and display name, own answers saved on change and
found again after a reload by the token in the URL; nothing else of the workspace is shown."""

import pytest
from streamlit.testing.v1 import AppTest

from core.workshop import session as w
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
    at = app.page("pages/start/join.py")
    at.text_input(key="join__code").set_value(code)
    at.text_input(key="join__name").set_value(name)
    at.button[0].click().run()  # the form's Join button
    return at


def test_the_join_page_needs_no_workspace_and_shows_none(app, open_workshop):
    at = app.page("pages/start/join.py")
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
    assert at.radio(key=f"join__{A}").value is None  # Bo's answer is not mine
    # every choice shows the scale's words, not only the number
    assert at.radio(key=f"join__{A}").options == [
        "**1** · No and/or Doesn’t Exist",
        "**2** · Yes, it have done some work but it’s very limited and/or not operationalized",
        "**3** · Yes, we’re working on it but not our strongest area of work",
        "**4** · Yes, and it’s one of our strongest areas of work",
        "Not sure (not counted in the scores)",
    ]

    at.radio(key=f"join__{A}").set_value(4).run()
    at.radio(key=f"join__{B}").set_value(0).run()  # Not sure
    assert not at.exception
    assert w.participant_answers(app.store, seat) == {A: 4, B: None}
    assert w.participant_answers(app.store, w.seat_for_token(app.store, other.token)) == {A: 1}
    assert at.progress[0].text == "You have answered 2 of 8"
    assert "Mission & Values: 2 of 8 answered in this part." in [c.value for c in at.caption]
    at.radio(key=f"join__{B}").set_value(2).run()  # a changed mind: the last tap is what is kept
    assert w.participant_answers(app.store, seat) == {A: 4, B: 2}
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
    fresh.switch_page("pages/start/join.py").run()
    assert not fresh.exception
    assert fresh.radio(key=f"join__{A}").value == 3
    assert "**Ana**" in fresh.markdown[0].value


def test_a_forged_token_gets_the_join_form_and_a_message(app, open_workshop):
    _, ws = open_workshop
    joined = w.join_workshop(app.store, ws.code, "Ana", "x")
    app.at.query_params["p"] = joined.token[:-2] + "zz"
    at = app.page("pages/start/join.py")
    assert not at.exception
    assert "no longer works" in at.warning[0].value
    assert at.title[0].value == "Join a workshop"


def test_wrong_and_malformed_codes_get_clear_messages(app, open_workshop):
    _, ws = open_workshop
    at = join(app, "AAAAAAA" if ws.code != "AAAAAAA" else "CCCCCCC", "Ana")
    assert not at.exception
    assert "No open workshop has the code" in at.error[0].value
    at = join(app, "0O1", "Ana")
    assert "never uses 0" in at.error[0].value
    at = join(app, ws.code, "   ")
    assert "display name is required" in at.error[0].value


def test_too_many_wrong_codes_are_refused_with_a_wait(app, open_workshop, monkeypatch):
    _, ws = open_workshop
    monkeypatch.setenv("WORKBOOK_JOIN_TRIES_PER_SESSION", "2")
    wrong = "AAAAAAA" if ws.code != "AAAAAAA" else "CCCCCCC"
    for _ in range(2):
        at = join(app, wrong, "Ana")
    at = join(app, ws.code, "Ana")  # even the right code waits now
    assert not at.exception
    assert "Too many codes that did not work" in at.error[0].value
    assert "the facilitator can let you in" in at.error[0].value
    assert "p" not in at.query_params
    # the facilitator sees the held try with the right code and lets the phone in; the same try now works
    workspace, _ = open_workshop
    assert w.join_trouble(app.store, workspace.id, ws.id).held == 1
    assert w.let_in(app.store, workspace.id, ws.id) == 1
    at.button[0].click().run()
    assert not at.exception
    assert "p" in at.query_params and at.progress[0].text == "You have answered 0 of 8"


def test_the_code_from_the_link_is_filled_in(app, open_workshop):
    _, ws = open_workshop
    app.at.query_params["code"] = ws.code
    at = app.page("pages/start/join.py")
    assert at.text_input(key="join__code").value == ws.code


def test_a_paused_workshop_keeps_answers_but_takes_no_new_ones(app, open_workshop):
    workspace, ws = open_workshop
    at = join(app, ws.code, "Ana")
    at.radio(key=f"join__{A}").set_value(2).run()
    seat = w.seat_for_token(app.store, at.query_params["p"])
    w.pause_workshop(app.store, workspace.id, ws.id)
    # a tap on the phone's page drawn before the pause: refused, said so, and the screen shows what is saved
    at.radio(key=f"join__{B}").set_value(3)
    at.radio(key=f"join__{A}").set_value(4).run()
    assert not at.exception
    assert "paused" in at.warning[0].value
    assert any("Your earlier answer is kept" in e.value for e in at.error)
    assert w.participant_answers(app.store, seat) == {A: 2}
    assert at.radio(key=f"join__{A}").value == 2 and at.radio(key=f"join__{B}").value is None
    assert at.radio(key=f"join__{A}").disabled
    w.close_workshop(app.store, workspace.id, ws.id)
    at.run()
    assert not at.exception
    assert "closed" in at.warning[0].value
    assert at.radio(key=f"join__{A}").value == 2


def test_a_text_workshop_saves_my_answers_and_flags_identifiers(app):
    from core.workshop import text as wt

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


def part_caption(at) -> str:
    return next(c.value for c in at.caption if "answered in this part" in c.value)


def test_next_and_the_dropdown_move_between_parts_and_an_old_dropdown_never_pulls_back(app):
    workspace = make_workspace(app.store, "Parts Org")
    ws = w.start_workshop(app.store, workspace.id, "readiness")  # all six parts
    at = join(app, ws.code, "Ana")
    assert part_caption(at) == "Mission & Values: 0 of 8 answered in this part."
    assert at.selectbox(key="join__part__0").options == [
        "1. Mission & Values (8 questions)", "2. Services (16 questions)", "3. Staffing (12 questions)",
        "4. Systems (5 questions)", "5. Relationships (6 questions)", "6. Sustainability (6 questions)",
    ]  # fmt: skip
    at.radio(key=f"join__{A}").set_value(3).run()
    at.button(key="join__next").click().run()
    assert part_caption(at) == "Services: 0 of 16 answered in this part."
    assert at.query_params["part"] in ("services", ["services"])  # a reload comes back to this part
    at.selectbox(key="join__part__1").set_value("systems").run()
    assert part_caption(at) == "Systems: 0 of 5 answered in this part."
    at.radio(key="join__systems.ehr").set_value(2).run()
    # the page's first dropdown, from before the moves, sends its old value again: nothing moves
    at.session_state["join__part__0"] = "mission_values"
    at.run()
    assert part_caption(at) == "Systems: 1 of 5 answered in this part."
    assert at.progress[0].text == "You have answered 2 of 53"
    # parts with questions left are listed with a way to go there
    left = [b.label for b in at.button if b.key and b.key.startswith("join__left__")]
    assert left == ["Mission & Values: 7 left", "Services: 16 left", "Staffing: 12 left", "Relationships: 6 left",
                    "Sustainability: 6 left"]  # fmt: skip
    at.button(key="join__left__mission_values").click().run()
    assert part_caption(at) == "Mission & Values: 1 of 8 answered in this part."
    assert at.radio(key=f"join__{A}").value == 3  # seeded again from the store
    seat = w.seat_for_token(app.store, at.query_params["p"])
    assert w.participant_answers(app.store, seat) == {A: 3, "systems.ehr": 2}


def test_a_reload_comes_back_to_the_part_in_the_url(app):
    workspace = make_workspace(app.store, "Parts Org")
    ws = w.start_workshop(app.store, workspace.id, "readiness")
    joined = w.join_workshop(app.store, ws.code, "Ana", "x")
    w.save_participant_answer(app.store, joined.token, "staffing.billing_staff", 4)
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    fresh.query_params["p"] = joined.token
    fresh.query_params["part"] = "staffing"
    fresh.run()
    fresh.switch_page("pages/start/join.py").run()
    assert part_caption(fresh) == "Staffing: 1 of 12 answered in this part."
    assert fresh.radio(key="join__staffing.billing_staff").value == 4
    fresh2 = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    fresh2.query_params["p"] = joined.token
    fresh2.query_params["part"] = "../../etc"  # a made-up part: the first one
    fresh2.run()
    fresh2.switch_page("pages/start/join.py").run()
    assert not fresh2.exception
    assert part_caption(fresh2) == "Mission & Values: 0 of 8 answered in this part."


def test_an_answer_changed_in_another_tab_shows_here_and_is_not_overwritten(app, open_workshop):
    _, ws = open_workshop
    at = join(app, ws.code, "Ana")
    at.radio(key=f"join__{A}").set_value(2).run()
    token = at.query_params["p"]
    w.save_participant_answer(app.store, token, A, 4)  # the same person, on their laptop
    at.radio(key=f"join__{B}").set_value(1).run()  # a tap on the phone, on another item
    seat = w.seat_for_token(app.store, token)
    assert w.participant_answers(app.store, seat) == {A: 4, B: 1}
    assert at.radio(key=f"join__{A}").value == 4
