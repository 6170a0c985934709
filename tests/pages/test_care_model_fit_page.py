"""Stage 1 page: questionnaire to recommendation, the choices, prevalence to suggested team, the team table."""

from core import care_model as cm
from core.store import answers
from tests.pages.editing import edit_table

PAGE = "pages/care_model_fit.py"


def test_empty_page_says_what_to_do_first(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Stage 1: Develop a care model that fits the population"
    assert at.info[0].value.startswith("Answer the questions above")
    assert len(at.get("tab")) >= 3


def test_answering_the_questionnaire_recommends_a_model_with_reasons(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    profile = dict(
        needs="mixed",
        size="medium",
        pcp_relationships="strong",
        have_pcp="most",
        geography="regional",
        resources="care_managers",
        coalition="informal",
        timeline="one_year",
    )
    for qid, oid in profile.items():
        at.radio(key=f"care_model_fit__q__{qid}").set_value(oid)
    at.run()
    assert not at.exception
    assert cm.fit_answers(app.store, workspace.id).answers == profile
    assert at.info[0].value.startswith("Enhanced services wrapped around a primary care base fits best (100 of 100)")
    assert [m.value for m in at.metric] == ["100 / 100", "27 / 100", "21 / 100"]
    assert any("Scores high because" in m.value for m in at.markdown)


def test_choices_and_reasons_are_saved(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.radio(key="care_model_fit__model").set_value("community_coalition")
    at.radio(key="care_model_fit__location").set_value("central")
    at.text_area(key="text__care_model_fit.choice__model_why").input("Our county coalition is strong.")
    at.run()
    assert not at.exception
    assert cm.choices(app.store, workspace.id) == {"model": "community_coalition", "location": "central"}
    saved = answers.get_text(app.store, workspace.id, cm.SECTION_CHOICE, "model_why")
    assert saved == "Our county coalition is strong."


def test_prevalence_suggests_a_team_and_fills_the_table(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.number_input(key="care_model_fit__need__poverty").set_value(80).run()
    assert any("Community health worker" in m.value for m in at.markdown if "Suggested core team" in m.value)
    at.button(key="care_model_fit__add_suggested").click().run()
    assert not at.exception
    assert [r.data["role"] for r in cm.team_roles(app.store, workspace.id)] == [
        "Care manager",
        "Community health worker",
    ]
    assert list(at.data_editor(key="care_model_fit__team").value["role"]) == ["Care manager", "Community health worker"]


def test_bad_prevalence_shows_a_message_and_keeps_what_was_saved(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.number_input(key="care_model_fit__need__poverty").set_value(40).run()
    at.number_input(key="care_model_fit__need__poverty").set_value(150).run()
    assert not at.exception
    assert any("between 0% and 100%" in e.value for e in at.error)
    assert cm.prevalence(app.store, workspace.id).percent == {"poverty": 40}


def test_team_table_edits_save_and_bad_rows_say_why(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    edit_table(at, "care_model_fit__team", added=[{"role": "Nurse", "placement": "partner", "note": "FQHC"}])
    assert not at.exception
    assert [r.data for r in cm.team_roles(app.store, workspace.id)] == [
        {"role": "Nurse", "placement": "partner", "note": "FQHC"}
    ]
    edit_table(at, "care_model_fit__team", edited={0: {"role": ""}})
    assert any("Role is required" in e.value for e in at.error)
    assert cm.team_roles(app.store, workspace.id)[0].data["role"] == "Nurse"
