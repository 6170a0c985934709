"""Stage 3 page: interventions, roles, readiness counts with a chart, elements and the recruitment plan."""

from core.care_model import twenty_five as ct
from core.store import answers
from tests.pages.editing import edit_table, shown

PAGE = "pages/care_model/twenty_five.py"


def test_interventions_and_roles_save_from_their_tables(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    edit_table(
        at,
        "twenty_five__interventions",
        added=[{"name": "ED warm handoff", "status": "testing", "learned": "6 of 8 engaged"}],
    )
    edit_table(at, "twenty_five__roles", added=[{"member": "Peer care manager", "responsibilities": "Outreach"}])
    assert not at.exception
    assert [r.data for r in answers.list_records(app.store, workspace.id, ct.INTERVENTION_KIND)] == [
        {"name": "ED warm handoff", "status": "testing", "learned": "6 of 8 engaged"}
    ]
    assert answers.list_records(app.store, workspace.id, ct.ROLE_KIND)[0].data["member"] == "Peer care manager"
    edit_table(at, "twenty_five__interventions", edited={0: {"status": "adopt"}})
    assert answers.list_records(app.store, workspace.id, ct.INTERVENTION_KIND)[0].data["status"] == "adopt"


def test_readiness_counts_draw_a_chart_and_refuse_negatives(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert not at.get("plotly_chart")  # nothing counted yet
    at.number_input(key="twenty_five__ready__ready").set_value(11).run()
    at.number_input(key="twenty_five__ready__considering").set_value(6).run()
    assert ct.readiness(app.store, workspace.id).counts == {"ready": 11, "considering": 6}
    assert len(at.get("plotly_chart")) == 1
    at.number_input(key="twenty_five__ready__ready").set_value(-4).run()
    assert not at.exception
    assert "Ready: enter a number of people from 0 to 100,000." in shown(at)
    assert ct.readiness(app.store, workspace.id).counts["ready"] == 11


def test_recruitment_plan_from_the_caseload_drivers(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert "Enter an engagement rate above 0%" in shown(at)
    at.number_input(key="twenty_five__recruitment_hours").set_value(3.5).run()
    at.number_input(key="twenty_five__engagement_pct").set_value(60.0).run()
    assert not at.exception
    assert "To engage 25 people, expect to approach about 42, which takes about 147.0 staff hours" in shown(at)
    at.number_input(key="twenty_five__engagement_pct").set_value(130.0).run()
    assert "0% to 100% (not 130" in shown(at)
    assert ct.recruitment_inputs(app.store, workspace.id).engagement_pct == 60


def test_elements_are_saved(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.multiselect(key="twenty_five__elements").set_value(["care_management", "behavioral_health"]).run()
    assert ct.elements(app.store, workspace.id) == ["care_management", "behavioral_health"]


def test_the_stage_quotes_hiring_training_burnout_and_its_tips_with_credit(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/care_model/twenty_five.py")
    assert not at.exception
    labels = [e.label for e in at.expander]
    panels = {
        "Hire the right people": 3,
        "Train staff": 5,
        "Support staff and monitor for and protect against burnout": 2,
        "Tips and guidance to develop your enhanced care model through iterative testing": 9,
    }
    for title, count in panels.items():
        assert at.expander[labels.index(title)].markdown[0].value.count("> - “") == count, title
    assert any("Eleni Carr, MBA, LICSW, Senior Director of Care Integration" in c.value for c in at.caption)
    md = " ".join(m.value for m in at.markdown)
    assert "“Outline clear job tasks and role delineation for each member in a multidisciplinary team\\.”" in md
    assert any("Quoted on this page" in c.value for c in at.caption)
