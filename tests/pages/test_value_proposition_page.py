"""Step 5 page: the population checklist with counts, every theme question, framing and equity."""

from __future__ import annotations

from core.hrh import value_proposition as vp
from core.store import answers

PAGE = "pages/hrh/value_proposition.py"


def test_every_question_of_the_six_themes_and_the_framing_has_a_field(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Step 5: Creating your organization's value proposition"
    labels = [t.label for t in at.text_area]
    content = vp.content()
    for theme in content.themes:
        for _, question, level in theme.all_questions():
            assert (f"↳ {question}" if level else question) in labels
    for outcome in content.framing.outcomes:
        assert outcome.text in labels
    assert content.equity.label in labels
    assert [t.label for t in at.tabs] == [t.title for t in content.themes] + [
        "Framing for healthcare entities",
        "Equity",
    ]
    assert len(at.checkbox) == 4 and len(at.number_input) == 4


def test_checking_a_population_and_its_count_saves_them(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.checkbox(key="value_proposition__pop__emergency_use").check().run()
    at.number_input(key="value_proposition__pop__emergency_use__count").set_value(75).run()
    assert not at.exception
    assert vp.get_populations(app.store, workspace.id)["emergency_use"] == vp.PopulationAnswer(served=True, count=75)
    # coming back to the page shows what was saved
    at = app.page("pages/start/home.py")
    at = app.page(PAGE)
    assert at.checkbox(key="value_proposition__pop__emergency_use").value is True
    assert at.number_input(key="value_proposition__pop__emergency_use__count").value == 75


def test_a_theme_answer_and_a_framing_answer_save_as_typed(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.text_area(key="text__value_proposition.culture__sharing_feelings.okay_to_share").input(
        "Only what the clinic needs. مرحبا"
    ).run()
    at.text_area(key="text__value_proposition.framing__acute_care").input("We catch wounds early.").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, "value_proposition.culture", "sharing_feelings.okay_to_share") == (
        "Only what the clinic needs. مرحبا"
    )
    assert vp.gather_inputs(app.store, workspace.id).answered_framing[0].answer == "We catch wounds early."


def test_step_4_insights_are_shown_to_look_back_on(app_with_workspace):
    app, workspace = app_with_workspace
    answers.save_text(app.store, workspace.id, "what_it_takes.insights", "barriers", "Lapsed *Medicaid*.")
    at = app.page(PAGE)
    assert not at.exception
    assert any("Lapsed \\*Medicaid\\*\\." in m.value for m in at.markdown)


def test_the_workbooks_words_are_quoted_with_credit_with_the_corner_project_example(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/value_proposition.py")
    assert not at.exception
    entails = at.expander[[e.label for e in at.expander].index("What a value proposition entails (from the workbook)")]
    block = entails.markdown[0].value
    assert block.count("> - “") == 4 and "Washington Heights CORNER Project" in block
    assert "Harm Reduction is Healthcare workbook" in block
    checkbox = at.checkbox(key="value_proposition__pop__chronic_conditions")
    assert checkbox.label.startswith("“Co-occurring chronic health conditions")
    assert any("Every question below is quoted word for word" in c.value for c in at.caption)
    credit = next(c.value for c in at.caption if "Quoted on this page" in c.value)
    assert "National Harm Reduction Coalition, Vital Strategies, In The Works and Anka Consulting" in credit
