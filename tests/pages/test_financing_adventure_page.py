"""Step 6 page: answering the flow chart, re-routing, the next action and the graph."""

from core.hrh import cost_benefit as cb
from core.hrh import financing_adventure as fa

PAGE = "pages/hrh/financing_adventure.py"


def answer(at, question_id, value):
    at.radio(key=f"financing_adventure__{question_id}").set_value(value).run()
    assert not at.exception


def test_the_first_question_is_asked_and_the_graph_drawn(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Step 6: Choose your healthcare financing adventure"
    assert [r.label for r in at.radio] == ["Are you pursuing direct billing of insurance?"]
    assert at.radio[0].value is None
    assert "Answer the question above" in at.info[0].value
    assert len(at.get("plotly_chart")) == 1


def test_answers_are_saved_and_lead_to_the_next_action(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    answer(at, "direct_billing", "Yes")
    answer(at, "team_discussed", "Yes")
    answer(at, "insurance_known", "No")
    assert fa.saved_answers(app.store, ws.id) == {
        "direct_billing": "yes",
        "team_discussed": "yes",
        "insurance_known": "no",
    }
    assert "Find out how the people you serve are insured" in at.warning[0].value
    assert [link.value for link in at.page_link][:2] == ["Insurance mix survey", "Open the cost-benefit calculator"]
    assert any("Your cost-benefit scenarios" in m.value for m in at.markdown)


def test_changing_an_earlier_answer_reroutes_and_keeps_the_other_branch(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    answer(at, "direct_billing", "Yes")
    answer(at, "team_discussed", "No")
    assert "Talk it through with your team first" in at.warning[0].value
    answer(at, "direct_billing", "No")
    assert [r.label for r in at.radio][1].startswith("Are you interested in pursuing partnerships")
    answer(at, "partnership_interest", "No")
    assert "Not ready, or not a priority right now" in at.success[0].value
    assert fa.saved_answers(app.store, ws.id)["team_discussed"] == "no"  # kept for when they come back
    answer(at, "direct_billing", "Yes")
    assert at.radio(key="financing_adventure__team_discussed").value == "No"


def test_a_reload_shows_the_saved_path(app_with_workspace):
    app, ws = app_with_workspace
    for question_id in ("direct_billing", "partnership_interest", "stakeholders_aligned", "value_proposition_shared"):
        fa.save_answer(app.store, ws.id, question_id, "no" if question_id == "direct_billing" else "yes")
    at = app.page(PAGE)
    assert not at.exception
    assert [r.value for r in at.radio] == ["No", "Yes", "Yes", "Yes"]
    assert "ready to map out potential partners" in at.success[0].value


def test_the_verdicts_of_scenarios_show_on_the_direct_billing_road(app_with_workspace):
    app, ws = app_with_workspace
    cb.create_scenario(app.store, ws.id, "Today <b>")
    fa.save_answer(app.store, ws.id, "direct_billing", "yes")
    at = app.page(PAGE)
    assert not at.exception
    assert any(m.value == "- Today \\<b\\>: not complete yet" for m in at.markdown)


def test_the_questions_are_marked_as_the_apps_wording_and_the_page_credits_the_workbook(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/financing_adventure.py")
    assert not at.exception
    assert any("in the app's wording" in c.value for c in at.caption)
    assert any(m.value.startswith("> “You’ve been deep in data collection") for m in at.markdown)
    assert any("Quoted on this page" in c.value for c in at.caption)
