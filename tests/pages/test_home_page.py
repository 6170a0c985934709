"""Home page: explains the workbook, points to the workspace, shows progress once one is open."""

from core import steps
from core.hrh import agenda as meetings
from core.hrh import cost_benefit, partners


def test_without_a_workspace_home_explains_and_points_to_the_workspace_page(app):
    at = app.page("pages/start/home.py")
    assert not at.exception
    assert at.title[0].value == "Harm Reduction Financing Workbook"
    assert any("sustainable healthcare funding" in m.value for m in at.markdown)
    assert at.subheader[0].value == "Start here"
    assert not at.dataframe  # no progress without a workspace


def test_with_a_workspace_home_shows_progress_of_every_group(app_with_workspace):
    app, workspace = app_with_workspace
    # Step 8 measures its own progress (core.hrh.agenda): an agenda with a place is on its way.
    partner = partners.add_partner(app.store, workspace.id, entity_type="fqhc", name="Riverbend Health Center")
    meeting = meetings.create_agenda(app.store, workspace.id, partner.record_id)
    meetings.update_agenda(app.store, workspace.id, meeting.record_id, place="Our drop-in center")
    at = app.page("pages/start/home.py")
    assert not at.exception
    assert at.subheader[0].value == "Your progress: Northside Outreach"
    assert [e.label.split(":")[0] for e in at.expander] == [
        "Harm Reduction is Healthcare",
        "Care model stages",
        "Sustain & finance",
    ]
    links = [link.value for link in at.page_link]
    assert links[0] == "Step 1: Learn & review the basics of healthcare financing"  # Where to go next
    rows = links[1:]
    assert rows[:9] == [
        "Step 1: Learn & review the basics of healthcare financing",
        "Step 2: Organizational readiness assessment",
        "Step 3: Mapping out billable services",
        "Step 4: Mapping out what it takes to get people to services",
        "Step 5: Creating your organization's value proposition",
        "Step 6: Choose your healthcare financing adventure",
        "Step 7: Mapping out potential partners",
        "Step 8: Setting an agenda",
        "Step 9: Organize & advocate",
    ]
    # Every step of every group is a link to its page.
    assert len(rows) == len(steps.steps())
    assert at.page_link[8].proto.page == "agenda"  # the page of data/steps.yaml, by its address
    bars = {row: bar for row, bar in zip(rows, at.get("progress"), strict=True)}
    agenda = bars["Step 8: Setting an agenda"].proto
    assert 0 < agenda.value <= 100
    assert "in progress" in agenda.text or "done" in agenda.text
    assert bars["Step 1: Learn & review the basics of healthcare financing"].proto.text.startswith("0% · not started")


def test_a_new_workspace_points_to_step_1_and_a_saved_scenario_starts_step_6(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/start/workspace.py")
    assert not at.exception
    assert "Step 1: Learn & review the basics of healthcare financing" in [link.value for link in at.page_link]
    # A cost-benefit scenario is saved before any of Step 6's questions is answered: Step 6 has started.
    cost_benefit.create_scenario(app.store, workspace.id, "Base case")
    at = app.page("pages/start/home.py")
    bars = dict(zip([link.value for link in at.page_link][1:], at.get("progress"), strict=True))
    assert bars["Step 6: Choose your healthcare financing adventure"].proto.text.startswith("5% · in progress")
    assert bars["Step 6: Choose your healthcare financing adventure"].proto.value == 5


def test_workspace_name_is_shown_as_text_not_markup(app):
    from tests.conftest import make_workspace

    workspace = make_workspace(app.store, "**Bold** <b>Org</b>")
    app.open_workspace(workspace)
    at = app.page("pages/start/home.py")
    assert not at.exception
    assert "\\*\\*Bold\\*\\*" in at.subheader[0].value
    assert "\\<b\\>" in at.subheader[0].value


def test_a_broken_data_file_stops_the_app_with_a_message_naming_it(app, monkeypatch, tmp_path):
    import shutil

    from core import content

    data = tmp_path / "data"
    shutil.copytree(content.DATA_DIR, data)
    (data / "steps.yaml").write_text("groups: []\nsteps:\n  - id: Not A Slug\n")
    monkeypatch.setattr(content, "DATA_DIR", data)
    content.load.cache_clear()
    try:
        at = app.at
        at.run()
        assert not at.exception
        message = at.error[0].value
        assert "content files is broken" in message
        assert "steps.yaml" in message and "steps.0" in message
    finally:
        content.load.cache_clear()
