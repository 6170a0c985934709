"""Workshop live view (facilitator, projector): code and link, who joined, results only when shown,
disagreement first, and recording the team's agreed answers."""

from core import readiness
from core import workshop as w

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
    at = app.page("pages/workshop_live.py")
    assert not at.exception
    assert "No workshop yet" in at.info[0].value
    assert at.page_link[0].value == "Start a workshop"


def test_code_link_and_participants_show_results_stay_hidden_until_asked(app_with_workspace):
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace, names=("Ana", "<b>Bo</b> **x**", "Cy"))
    at = app.page("pages/workshop_live.py")
    assert not at.exception
    assert any(w.format_code(ws.code) in m.value for m in at.markdown)
    assert at.code[0].value == f"/join?code={ws.code}"
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


def test_recording_an_agreed_answer_makes_it_the_rounds_result(app_with_workspace):
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    w.set_results_visible(app.store, workspace.id, ws.id, True)
    at = app.page("pages/workshop_live.py")
    assert at.selectbox(key=f"workshop_live__agree_item__{ws.id}").value == A  # most disagreement first
    assert at.button_group(key=f"workshop_live__agreed__{A}").value == 4  # the suggested (lower) median
    at.button(key="workshop_live__agree").click().run()
    assert not at.exception
    assert "reason" in at.error[0].value  # a reason is required; nothing saved
    assert w.agreed_answers(app.store, workspace.id, ws) == {}

    at.button_group(key=f"workshop_live__agreed__{A}").set_value(3)
    at.text_input(key=f"workshop_live__reason__{A}").set_value("Written, but <i>old</i>")
    at.button(key="workshop_live__agree").click().run()
    assert not at.exception
    assert at.success[0].value == "Agreed answer recorded."
    agreed = w.agreed_answers(app.store, workspace.id, ws)
    assert (agreed[A].value, agreed[A].note) == (3, "Written, but <i>old</i>")
    assert readiness.round_answers(app.store, workspace.id, ws.round_id) == {A: 3}

    at.button(key="workshop_live__accept_all").click().run()
    assert not at.exception
    assert at.success[0].value == "Suggested answers recorded for 1 items."
    assert readiness.round_answers(app.store, workspace.id, ws.round_id) == {A: 3, B: 2}


def test_not_sure_as_the_agreed_answer(app_with_workspace):
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    w.set_results_visible(app.store, workspace.id, ws.id, True)
    at = app.page("pages/workshop_live.py")
    at.selectbox(key=f"workshop_live__agree_item__{ws.id}").set_value(B).run()
    at.button_group(key=f"workshop_live__agreed__{B}").set_value(0)
    at.text_input(key=f"workshop_live__reason__{B}").set_value("Nobody in the room knows")
    at.button(key="workshop_live__agree").click().run()
    assert not at.exception
    assert readiness.round_answers(app.store, workspace.id, ws.round_id) == {B: None}


def test_pause_and_close_from_the_live_view(app_with_workspace):
    app, workspace = app_with_workspace
    ws = workshop_with_answers(app, workspace)
    at = app.page("pages/workshop_live.py")
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
    at = app.page("pages/workshop_live.py")
    assert not at.exception
    assert "No workshop yet" in at.info[0].value
    assert not any("Their secret retreat" in t.value for t in at.title)
