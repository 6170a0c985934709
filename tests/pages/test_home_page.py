"""Home page: explains the workbook, points to the workspace, shows progress once one is open."""

from core.hrh import agenda as meetings
from core.hrh import partners


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
    table = at.dataframe[0].value
    assert list(table["Step"])[0] == "Step 1: Learn & review the basics of healthcare financing"
    assert len(table) == 9
    agenda = table[table["Step"] == "Step 8: Setting an agenda"].iloc[0]
    assert agenda["Status"] in {"in progress", "done"}
    assert set(table["Progress"]) <= set(range(101))  # whole percents, shown as "58%", not "57.5%"
    assert 0 < agenda["Progress"] <= 100


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
