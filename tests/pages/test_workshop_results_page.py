"""Step 2 results and Step 2 answering after a workshop: an empty later workshop round never becomes the round
shown, the round can be picked, and the agreed answers' reasons are on the page. The Team workshop page's join
address field."""

import datetime as dt

from core.hrh import readiness
from core.workshop import session as w
from tests.pages.editing import plain

A = "mission_values.written_mission"
B = "mission_values.value_statements"


def spring_round(app, workspace):
    spring = readiness.create_round(app.store, workspace.id, "Spring", dt.date(2025, 4, 1))
    me = readiness.self_respondent(app.store, workspace.id, spring.id)
    for item in sorted(readiness.item_ids()):
        readiness.save_readiness_answer(app.store, workspace.id, me.id, item, 2)
    return spring


def test_results_open_at_the_round_with_answers_not_an_empty_later_workshop(app_with_workspace):
    app, workspace = app_with_workspace
    spring = spring_round(app, workspace)
    ws = w.start_workshop(app.store, workspace.id, "readiness", title="Retreat", held_on=dt.date(2025, 9, 1))
    at = app.page("pages/hrh/readiness_results.py")
    assert not at.exception
    assert at.selectbox(key="readiness_results__round").value == spring.id
    # every answer 2, but the two reversed items score 5 - 2 = 3: (51 x 2 + 2 x 3) / 53 = 108 / 53 = 2.04
    assert [m.value for m in at.metric][:2] == ["2.04", "53 of 53"]
    # the user can pick the workshop's round (it has no result yet, and says so)
    at.selectbox(key="readiness_results__round").set_value(ws.round_id).run()
    assert at.info[0].value.startswith("This round has no answers with a number yet")
    # the answering page opens at the round people answer there, not at the workshop's
    at = app.page("pages/hrh/readiness.py")
    assert at.selectbox(key="readiness__round").value == spring.id


def test_the_agreed_answers_reasons_are_on_the_results_page(app_with_workspace):
    app, workspace = app_with_workspace
    ws = w.start_workshop(app.store, workspace.id, "readiness", title="Retreat",
                          options=w.WorkshopOptions(domains=["mission_values"]))  # fmt: skip
    w.record_agreed_answer(app.store, workspace.id, ws.id, A, 3, "Written in 2019 **bold** [link](http://x.org)")
    w.record_agreed_answer(app.store, workspace.id, ws.id, B, None, "Nobody knows")
    at = app.page("pages/hrh/readiness_results.py")
    assert not at.exception
    assert at.selectbox(key="readiness_results__round").value == ws.round_id
    table = next(d.value for d in at.dataframe if "Why" in d.value.columns)
    assert list(table["Agreed answer"][:3]) == [
        "Yes, we’re working on it but not our strongest area of work",
        "Not sure",
        "Not answered",
    ]
    # a table cell is text: the reason is shown as typed, never as a link
    assert list(table["Why"][:3]) == ["Written in 2019 **bold** [link](http://x.org)", "Nobody knows", ""]


def test_a_self_assessment_shows_no_reasons_table(app_with_workspace):
    app, workspace = app_with_workspace
    spring_round(app, workspace)
    at = app.page("pages/hrh/readiness_results.py")
    assert not at.exception
    assert not [d for d in at.dataframe if "Why" in d.value.columns]


def test_the_join_address_field_saves_cleans_refuses_and_warns(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/workshop/workshop.py")
    field = at.text_input(key="workshop__join_address")
    field.set_value("192.168.1.20:8501/").run()
    assert not at.exception
    assert w.saved_join_address(app.store, workspace.id) == "http://192.168.1.20:8501"
    assert any("http://192.168.1.20:8501/join?code=" in plain(c.value) for c in at.caption)
    at.text_input(key="workshop__join_address").set_value("javascript:alert(1)").run()
    assert not at.exception
    assert "not a web address" in at.error[0].value  # beside the field
    assert w.saved_join_address(app.store, workspace.id) == "http://192.168.1.20:8501"  # kept
    at.text_input(key="workshop__join_address").set_value("http://localhost:8501").run()
    assert any("no phone can reach" in x.value for x in at.warning)
