"""Workshop live view of the text activities: answers to a question side by side without names, shown only when
the facilitator chooses, and the team's answer saved into Step 5 (or Step 4) with its earlier versions."""

from core.hrh import value_proposition
from core.store import answers
from core.workshop import session as w
from core.workshop import text as wt

NOBODY_ELSE = "services.nobody_else"
WRAP = "services.wrap_around"


def text_workshop(app, workspace):
    ws = w.start_workshop(
        app.store, workspace.id, "value_proposition", title="Board evening",
        options=w.WorkshopOptions(themes=["services"]),
    )  # fmt: skip
    for name, text in [("Ana", "Peer navigation **always**"), ("<b>Bo</b>", "Night outreach <i>by the river</i>")]:
        token = w.join_workshop(app.store, ws.code, name, "t").token
        wt.save_participant_text(app.store, token, NOBODY_ELSE, text)
    return ws


def test_answers_stay_hidden_until_the_facilitator_shows_them(app_with_workspace):
    app, workspace = app_with_workspace
    text_workshop(app, workspace)
    at = app.page("pages/workshop/workshop_live.py")
    assert not at.exception
    assert [m.value for m in at.metric[:2]] == ["2", "2"]
    assert list(at.dataframe[0].value["Name"]) == ["Ana", "<b>Bo</b>"]
    assert any("Team results are hidden" in i.value for i in at.info)
    assert not any("Peer navigation" in m.value for m in at.markdown)


def test_answers_side_by_side_without_names_and_the_teams_answer_saved_in_step_5(app_with_workspace):
    app, workspace = app_with_workspace
    ws = text_workshop(app, workspace)
    w.set_results_visible(app.store, workspace.id, ws.id, True)
    at = app.page("pages/workshop/workshop_live.py")
    assert not at.exception
    assert at.selectbox(key="workshop_live__question").value == NOBODY_ELSE
    shown = [m.value for m in at.markdown]
    assert "Peer navigation \\*\\*always\\*\\*" in shown  # as typed, never as markup
    assert "Night outreach \\<i\\>by the river\\</i\\>" in shown
    assert not any("Bo" in m for m in shown)  # no names beside the answers

    at.text_area(key=f"workshop_live__team__{NOBODY_ELSE}").set_value("Peer navigation and night outreach")
    at.button(key="workshop_live__team_save").click().run()
    assert not at.exception
    assert at.success[0].value == "Saved as the team's answer."
    section = value_proposition.theme("services").section
    assert answers.get_text(app.store, workspace.id, section, "nobody_else") == "Peer navigation and night outreach"

    at.selectbox(key="workshop_live__question").set_value(WRAP).run()
    assert not at.exception
    assert any("No answer to this question yet" in i.value for i in at.info)
