"""Stage 2 page: worksheets saved, identifiers flagged before saving, tasks, and the learning log."""

from core.care_model import first_five as cp
from core.store import answers
from tests.pages.editing import edit_table, shown

PAGE = "pages/care_model/first_five.py"


def test_worksheet_text_saves_and_the_log_counts_it(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.radio(key="first_five__slot").options == ["Patient A", "Patient B", "Patient C", "Patient D", "Patient E"]
    at.text_area(key="first_five__p1__goals").input("A place of my own, and no more ER visits for my leg.").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, "first_five.p1", "goals").startswith("A place of my own")
    assert any("Saved at" in c.value for c in at.caption)
    assert "1 of 5 worksheets started." in shown(at)


def test_text_that_looks_like_an_identifier_is_flagged_before_saving(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    key = "first_five__p1__assets_personal"
    at.text_area(key=key).input("Sister Maria Lopez, 614-555-0142").run()
    assert not at.exception
    assert "a person's full name (Maria Lopez); a phone number (614-555-0142)" in shown(at)
    assert answers.get_text(app.store, workspace.id, "first_five.p1", "assets_personal") == ""
    assert at.text_area(key=key).value == "Sister Maria Lopez, 614-555-0142"  # the typed text is kept

    at.text_area(key=key).input("A sister who checks in weekly").run()  # edited: saved, warning gone
    assert not at.warning
    assert answers.get_text(app.store, workspace.id, "first_five.p1", "assets_personal") == (
        "A sister who checks in weekly"
    )


def test_a_flagged_text_can_be_confirmed(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.text_area(key="first_five__p1__who_connects").input("Dr. Patel's nurse makes the first call").run()
    assert at.warning
    at.button(key="first_five__p1__who_connects__confirm").click().run()
    assert not at.exception and not at.warning
    assert answers.get_text(app.store, workspace.id, "first_five.p1", "who_connects") == (
        "Dr. Patel's nurse makes the first call"
    )


def test_label_needs_and_delivery_are_saved_per_worksheet(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.radio(key="first_five__slot").set_value("p2").run()
    at.text_input(key="first_five__p2__label").input("Patient Blue").run()
    at.multiselect(key="first_five__p2__need_kinds").set_value(["housing", "food"]).run()
    at.multiselect(key="first_five__p2__delivery").set_value(["home_visit"]).run()
    assert not at.exception
    profile = cp.profiles(app.store, workspace.id)["p2"]
    assert (profile.label, profile.needs, profile.delivery) == ("Patient Blue", ["housing", "food"], ["home_visit"])
    assert "Patient Blue" in at.radio(key="first_five__slot").options
    assert "Housing (1 of 5)" in shown(at)


def test_empty_label_is_refused_beside_the_field(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.text_input(key="first_five__p1__label").input("  ").run()
    assert any("Label is required" in e.value for e in at.error)
    assert cp.profiles(app.store, workspace.id)["p1"].label == "Patient A"


def test_tasks_save_per_patient_and_identifiers_are_refused(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    edit_table(at, "first_five__p1__tasks", added=[{"task": "Call 614-555-0142", "responsible": "staff"}])
    assert any("looks like it holds a phone number" in e.value for e in at.error)
    assert cp.tasks(app.store, workspace.id) == []
    edit_table(at, "first_five__p1__tasks", added=[{"task": "Walk to the wound clinic", "responsible": "staff"}])
    assert not at.exception
    assert [r.data for r in cp.tasks(app.store, workspace.id)] == [
        {"patient": "p1", "task": "Walk to the wound clinic", "responsible": "staff", "done": False, "checked": False}
    ]
    at.radio(key="first_five__slot").set_value("p2").run()
    assert len(at.data_editor(key="first_five__p2__tasks").value) == 0  # another patient's table


def test_the_stage_quotes_its_source_tips_and_practitioners_with_credit(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/care_model/first_five.py")
    assert not at.exception
    md = [m.value for m in at.markdown]
    assert any("Review Health Quality Ontario’s \\(HQO\\) coordinated care plan template" in m for m in md)
    labels = [e.label for e in at.expander]
    engaging = at.expander[
        labels.index(
            "Tips for engaging five patients in your target population to inform how you might redesign your care model"
        )
    ]
    assert engaging.markdown[0].value.count("> - “") == 10
    preparing = at.expander[labels.index("Tips and guidance to prepare for care redesign")]
    assert preparing.markdown[0].value.count("> - “") == 6
    assert preparing.markdown[0].value.count(">     - “") == 3  # where to find the five
    captions = [c.value for c in at.caption]
    assert any(
        "Jo Ann Beckie, Executive Director, Integrated Quality Management, Alberta Health Services" in c
        for c in captions
    )
    assert any("Rebecca Ramsay, BSN, MPH" in c and "CareOregon" in c for c in captions)
    assert any("Quoted on this page" in c for c in captions)


def test_engagement_questions_are_the_sources_with_its_examples_as_help(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/care_model/first_five.py")
    trust = at.text_area(key="first_five__p1__trust")
    assert trust.label == "How will the care team manage the interaction to establish trust?"
    assert trust.help.startswith("“Some examples include focusing on what matters most to the individual")
    assert trust.help.endswith("(Complex\\-needs care model recommendations)")  # markdown, escaped
