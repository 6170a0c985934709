"""Stage 1 page: questionnaire to recommendation, the choices, prevalence to suggested team, the team table."""

from core.care_model import care_model_fit as cm
from core.store import answers
from tests.pages.editing import edit_table

PAGE = "pages/care_model/care_model_fit.py"


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
    saved = answers.get_text(app.store, workspace.id, cm.CHOICE_SECTION, "model_why")
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


def test_the_sources_words_are_quoted_with_credit_and_the_apps_rules_are_said(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    md = [m.value for m in at.markdown]
    # Step 2 of developing a model, quoted; its answer box saves under its own prompt.
    assert any(m.startswith("> “Explore what has been successful in other organizations") for m in md)
    # Wraparound's definition is Eleni Carr's, and says so.
    assert any("Eleni Carr, MBA, LICSW" in m and "wrapped around" in m for m in md)
    # The dead field is shown: ambulatory intensive care's other name, in the source's words.
    assert any("“sometimes referred to as an Extensivists model”" in m for m in md)
    # The app's own rules: the questionnaire's points and the 40% core-team threshold.
    rules = [m for m in md if "The app's own rule" in m]
    assert any("\\-2" in m and "\\+2 points" in m for m in rules)
    assert any("at least 40% of the people you serve" in m for m in rules)
    # The stage's tips (2) and Jeffrey Brenner's words, credited; the credit line ends the page.
    tips = at.expander[
        [e.label for e in at.expander].index(
            "Tips and guidance to develop a care model that fits the needs and assets of your population"
        )
    ]
    assert tips.markdown[0].value.count("> - “") == 2
    assert any("Jeffrey Brenner, MD, Executive Director, Camden Coalition" in c.value for c in at.caption)
    credit = next(c.value for c in at.caption if "Quoted on this page" in c.value)
    assert "Complex\\-needs care model recommendations" in credit and "no author named" in credit


def test_the_needs_services_partners_grid_saves_its_rows(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    edit_table(
        at,
        "care_model_fit__needs_grid",
        added=[{"need": "Housing", "services": "Shelter placement", "partners": "County housing office"}],
    )
    assert not at.exception
    assert cm.care_model_plan(app.store, workspace.id).needs_grid == [
        cm.NeedsGridRow(need="Housing", services="Shelter placement", partners="County housing office")
    ]
    edit_table(at, "care_model_fit__needs_grid", edited={0: {"need": ""}})
    assert any("Need is required" in e.value for e in at.error)


def test_the_new_prompts_save_their_answers(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.text_area(key="text__care_model_fit.current__elsewhere").input("Visited two wraparound programs.").run()
    at.text_area(key="text__care_model_fit.current__data_review_changes").input("Most ED visits: wounds.").run()
    assert not at.exception
    saved = answers.get_texts(app.store, workspace.id, cm.CURRENT_SECTION)
    assert saved["elsewhere"] == "Visited two wraparound programs."
    assert saved["data_review_changes"] == "Most ED visits: wounds."


def test_a_team_role_added_elsewhere_shows_after_the_table_was_kept(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.run()  # a rerun on the same data: the team's records kept for this version of it
    assert list(at.data_editor(key="care_model_fit__team").value["role"]) == []
    answers.add_record(app.store, workspace.id, cm.TEAM_KIND, {"role": "Nurse", "placement": "partner", "note": ""})
    at.run()  # another window added a role: the next run shows it
    assert list(at.data_editor(key="care_model_fit__team").value["role"]) == ["Nurse"]
