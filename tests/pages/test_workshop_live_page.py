"""Workshop live view (facilitator, projector): code and link, who joined, results only when shown,
disagreement first, and recording the team's agreed answers."""

import pytest

from core.hrh import readiness
from core.workshop import session as w

A = "mission_values.written_mission"
B = "mission_values.value_statements"


def workshop_with_answers(app, workspace, names=("Ana", "Bo", "Cy")):
    ws = w.start_workshop(
        app.store, workspace.id, "readiness", title="Retreat", options=w.WorkshopOptions(domains=["mission_values"])
    )
    answers = [(1, 2), (4, 2), (4, 3)]
    for name, (a, b) in zip(names, answers, strict=False):
        token = w.join_workshop(app.store, ws.code, name, "test").token
        w.save_participant_answer(app.store, token, A, a)
        w.save_participant_answer(app.store, token, B, b)
    return ws


def test_without_a_workshop_the_page_points_to_starting_one(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/workshop/workshop_live.py")
    assert not at.exception
    assert "No workshop yet" in at.info[0].value
    assert at.page_link[0].value == "Start a workshop"


def test_code_link_and_participants_show_results_stay_hidden_until_asked(app_with_workspace):
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace, names=("Ana", "<b>Bo</b> **x**", "Cy"))
    at = app.page("pages/workshop/workshop_live.py")
    assert not at.exception
    assert any(w.format_code(ws.code) in m.value for m in at.markdown)
    assert at.code[0].value == f"/join?code={ws.code}"
    assert at.expander[0].label.startswith(f"Join panel: code {w.format_code(ws.code)}")
    assert at.get("image")  # the QR code
    assert [m.value for m in at.metric[:2]] == ["3", "6"]
    people = at.dataframe[0].value
    assert list(people["Name"]) == ["Ana", "<b>Bo</b> **x**", "Cy"]  # a table cell is text, never HTML
    assert list(people["Answered"]) == ["2 of 8"] * 3
    assert not any("<b>Bo</b>" in m.value for m in at.markdown)
    assert any("Team results are hidden" in i.value for i in at.info)
    assert not at.get("plotly_chart")

    at.toggle(key="workshop_live__visible").set_value(True).run()
    assert not at.exception
    assert w.get_workshop(app.store, workspace.id, ws.id).results_visible
    table = at.dataframe[1].value
    # A: 1, 4, 4 (spread 3) before B: 2, 2, 3 (spread 1)
    assert list(table["Item"][:2]) == ["Mission & Values 1", "Mission & Values 2"]
    assert list(table.iloc[0][["1", "2", "3", "4", "Not sure", "No answer", "Spread", "Suggested"]]) == [
        1, 0, 0, 2, 0, 0, 3, 4,
    ]  # fmt: skip
    assert len(at.get("plotly_chart")) == 2  # disagreement and domain spread


def pick_key(at, ws) -> str:
    """The key of the "Item to agree on" dropdown drawn on this run (it gets a new one after every move)."""
    return next(b.key for b in at.selectbox if b.key and b.key.startswith(f"workshop_live__agree_pick__{ws.id}__"))


def test_recording_an_agreed_answer_makes_it_the_rounds_result(app_with_workspace):
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    w.set_results_visible(app.store, workspace.id, ws.id, True)
    at = app.page("pages/workshop/workshop_live.py")
    assert at.selectbox(key=pick_key(at, ws)).value == A  # most disagreement first
    assert at.button_group(key=f"workshop_live__agreed__{A}").value == 4  # the suggested (lower) median
    at.button(key="workshop_live__agree").click().run()
    assert not at.exception
    assert "Not recorded for Mission & Values 1" in at.error[0].value and "reason" in at.error[0].value
    assert w.agreed_answers(app.store, workspace.id, ws) == {}

    at.button_group(key=f"workshop_live__agreed__{A}").set_value(3)
    at.text_input(key=f"workshop_live__reason__{A}").set_value("Written, but <i>old</i>")
    at.button(key="workshop_live__agree").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Recorded for Mission & Values 1: 3")
    assert "<i>" not in at.success[0].value  # a reason is shown as typed, never as HTML
    agreed = w.agreed_answers(app.store, workspace.id, ws)
    assert (agreed[A].value, agreed[A].note) == (3, "Written, but <i>old</i>")
    assert readiness.round_answers(app.store, workspace.id, ws.round_id) == {A: 3}
    assert at.selectbox(key=pick_key(at, ws)).value == A  # recording never moves to another item

    at.button(key="workshop_live__accept_all").click().run()
    assert not at.exception
    assert at.success[0].value == "Suggested answers recorded for 1 items."
    assert readiness.round_answers(app.store, workspace.id, ws.round_id) == {A: 3, B: 2}


def test_an_agreed_answer_lands_on_the_item_shown_in_any_order(app_with_workspace):
    """The bug: after recording one item, choosing another and a value, the dropdown jumped to the top item and
    the reason went there. Here B (second in the list) is recorded first, then A, each with a changed value."""
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    w.set_results_visible(app.store, workspace.id, ws.id, True)
    at = app.page("pages/workshop/workshop_live.py")
    at.selectbox(key=pick_key(at, ws)).set_value(B).run()
    assert at.selectbox(key=pick_key(at, ws)).value == B
    at.button_group(key=f"workshop_live__agreed__{B}").set_value(1)
    at.text_input(key=f"workshop_live__reason__{B}").set_value("Values are not written down")
    at.button(key="workshop_live__agree").click().run()
    assert at.success[0].value.startswith("Recorded for Mission & Values 2: 1")
    assert at.selectbox(key=pick_key(at, ws)).value == B  # still on B, although A is now first not agreed
    at.button_group(key=f"workshop_live__agreed__{B}").set_value(2)  # a second thought, recorded again
    at.text_input(key=f"workshop_live__reason__{B}").set_value("Some are, on the website")
    at.button(key="workshop_live__agree").click().run()
    at.button(key="workshop_live__agree_next").click().run()  # the next item not agreed: A
    assert at.selectbox(key=pick_key(at, ws)).value == A
    at.button_group(key=f"workshop_live__agreed__{A}").set_value(1)
    at.text_input(key=f"workshop_live__reason__{A}").set_value("Mission is from 2009")
    at.button(key="workshop_live__agree").click().run()
    agreed = w.agreed_answers(app.store, workspace.id, ws)
    assert {i: (a.value, a.note) for i, a in agreed.items()} == {
        A: (1, "Mission is from 2009"),
        B: (2, "Some are, on the website"),
    }
    # an old dropdown (from before the moves) sending its old value never moves the item
    at.session_state[f"workshop_live__agree_pick__{ws.id}__1"] = B
    at.run()
    assert at.selectbox(key=pick_key(at, ws)).value == A
    assert any("Recorded for Mission \\& Values 1" in c.value for c in at.caption)


def test_not_sure_as_the_agreed_answer(app_with_workspace):
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    w.set_results_visible(app.store, workspace.id, ws.id, True)
    at = app.page("pages/workshop/workshop_live.py")
    at.selectbox(key=pick_key(at, ws)).set_value(B).run()
    at.button_group(key=f"workshop_live__agreed__{B}").set_value(0)
    at.text_input(key=f"workshop_live__reason__{B}").set_value("Nobody in the room knows")
    at.button(key="workshop_live__agree").click().run()
    assert not at.exception
    assert readiness.round_answers(app.store, workspace.id, ws.round_id) == {B: None}


def test_pause_and_close_from_the_live_view(app_with_workspace):
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    at = app.page("pages/workshop/workshop_live.py")
    at.button(key="workshop_live__pause").click().run()
    assert w.get_workshop(app.store, workspace.id, ws.id).status == "paused"
    assert "Paused" in at.caption[0].value
    at.button(key="workshop_live__close").click().run()
    assert not at.exception
    assert w.get_workshop(app.store, workspace.id, ws.id).status == "closed"
    assert any("This workshop is closed" in i.value for i in at.info)
    assert not at.code  # no join link for a closed workshop


def test_the_live_view_of_another_workspace_is_never_shown(app_with_workspace):
    from tests.conftest import make_workspace

    app, workspace = app_with_workspace
    other = make_workspace(app.store, "Other Org")
    theirs = w.start_workshop(app.store, other.id, "readiness", title="Their secret retreat")
    app.at.query_params["w"] = theirs.id
    at = app.page("pages/workshop/workshop_live.py")
    assert not at.exception
    assert "No workshop yet" in at.info[0].value
    assert not any("Their secret retreat" in t.value for t in at.title)


def test_held_back_tries_show_and_the_facilitator_lets_them_in(app_with_workspace, monkeypatch):
    from core.workshop import access

    monkeypatch.setenv("WORKBOOK_JOIN_TRIES_PER_SESSION", "1")
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    held = access.JoinClient(address="203.0.113.7", session="phone")
    with pytest.raises(w.WorkshopError):
        w.join_workshop(app.store, "AAAAAAA" if ws.code != "AAAAAAA" else "CCCCCCC", "Di", held)
    with pytest.raises(w.TooManyTries):
        w.join_workshop(app.store, ws.code, "Di", held)
    at = app.page("pages/workshop/workshop_live.py")
    assert any("1 tries with this workshop's code were held back" in x.value for x in at.warning)
    at.button(key="workshop_live__let_in").click().run()
    assert not at.exception
    assert any("1 phone or network may now join" in c.value for c in at.caption)
    w.join_workshop(app.store, ws.code, "Di", held)
    assert len(w.list_participants(app.store, workspace.id, ws.id)) == 4


def test_a_presenter_link_is_made_here_and_carries_no_workspace_token(app_with_workspace):
    from core.workshop import access

    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    at = app.page("pages/workshop/workshop_live.py")
    at.button(key=f"workshop_live__presenter__{ws.id}__make").click().run()
    assert not at.exception
    [link] = [b for b in at.get("link_button")]
    url = link.proto.url
    assert url.startswith("/?presenter=") and "ws=" not in url
    token = url.split("presenter=")[1]
    assert access.presented_workshop(app.store, token).id == ws.id
    at.button(key=f"workshop_live__presenter__{ws.id}__renew").click().run()
    assert access.presented_workshop(app.store, token) is None  # a new link ends the old one


def test_a_localhost_join_address_is_warned_about(app_with_workspace):
    app, workspace = app_with_workspace
    workshop_with_answers(app, workspace)
    w.save_join_address(app.store, workspace.id, "http://127.0.0.1:8501")
    at = app.page("pages/workshop/workshop_live.py")
    assert at.code[0].value.startswith("http://127.0.0.1:8501/join?code=")
    assert any("no phone can reach" in x.value for x in at.warning)
    w.save_join_address(app.store, workspace.id, "http://192.168.1.20:8501")
    at.run()
    assert at.code[0].value.startswith("http://192.168.1.20:8501/join?code=")
    assert not any("no phone can reach" in x.value for x in at.warning)
