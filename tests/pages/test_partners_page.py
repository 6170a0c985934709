"""Step 7 page: the partner map table, the research checklist, the chart and the export."""

from core.hrh import partners as pm
from core.store import answers
from tests.pages.editing import edit_table, errors

PAGE = "pages/hrh/partners.py"


def test_an_empty_map_says_what_to_do_first(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Step 7: Mapping out potential partners"
    assert "Add your first potential partner" in at.info[0].value
    assert not at.get("download_button")


def test_partners_added_in_the_table_are_saved(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    at = edit_table(
        at,
        "partners__map",
        added=[
            {"entity_type": "fqhc", "name": "Riverbend Community Health Center", "locations": "Water St"},
            {"entity_type": "hospital", "name": "  "},
        ],
    )
    assert not at.exception
    saved = pm.list_partners(app.store, ws.id)
    assert [(p.partner.name, p.partner.status) for p in saved] == [("Riverbend Community Health Center", "identified")]
    assert any("New row: The partner's name is required." in e for e in errors(at))
    assert at.data_editor(key="partners__map").value["name"].tolist() == ["Riverbend Community Health Center"]
    assert len(at.get("plotly_chart")) == 1 and len(at.get("download_button")) == 1


def test_edits_and_deletions_in_the_table_are_saved_and_bad_edits_refused(app_with_workspace):
    app, ws = app_with_workspace
    a = pm.add_partner(app.store, ws.id, entity_type="fqhc", name="A clinic")
    pm.add_partner(app.store, ws.id, entity_type="mco", name="A plan")
    at = app.page(PAGE)
    at = edit_table(at, "partners__map", edited={0: {"status": "contacted", "next_steps": "Call 🙂"}, 1: {"name": ""}})
    assert not at.exception
    assert pm.get_partner(app.store, ws.id, a.record_id).status == "contacted"
    assert pm.get_partner(app.store, ws.id, a.record_id).next_steps == "Call 🙂"
    assert any(e.startswith("Row 2: The partner's name is required.") for e in errors(at))
    assert [p.partner.name for p in pm.list_partners(app.store, ws.id)] == ["A clinic", "A plan"]
    at = edit_table(at, "partners__map", deleted=[0])
    assert [p.partner.name for p in pm.list_partners(app.store, ws.id)] == ["A plan"]


def test_the_research_checklist_saves_ticks_and_notes(app_with_workspace):
    app, ws = app_with_workspace
    saved = pm.add_partner(app.store, ws.id, entity_type="hospital", name="Riverbend General Hospital")
    at = app.page(PAGE)
    rid = saved.record_id
    assert len([c for c in at.checkbox if c.key.startswith(f"partners__research__{rid}")]) == 5
    at.checkbox(key=f"partners__research__{rid}__racial_equity").check().run()
    at.text_area(key=f"text__partners.research.{saved.partner.key}__racial_equity").input(
        "No statement found.\x00"
    ).run()
    assert not at.exception
    assert pm.get_partner(app.store, ws.id, rid).research == {"racial_equity": True}
    partner = pm.get_partner(app.store, ws.id, rid)
    assert pm.research_notes(app.store, ws.id, partner)["racial_equity"] == "No statement found."
    section = pm.research_section(partner.key)
    assert answers.get_text(app.store, ws.id, section, "racial_equity") == "No statement found."
    table = at.data_editor(key="partners__map").value
    assert table["_research"].tolist() == ["1 of 5"]


def test_partners_of_another_workspace_are_not_shown(app_with_workspace):
    from tests.conftest import make_workspace

    app, _ = app_with_workspace
    other = make_workspace(app.store, "Other program")
    pm.add_partner(app.store, other.id, entity_type="fqhc", name="Their clinic")
    at = app.page(PAGE)
    assert at.data_editor(key="partners__map").value.empty


def test_the_workbooks_guidance_and_research_tips_are_quoted_with_credit(app_with_workspace):
    app, workspace = app_with_workspace
    pm.add_partner(app.store, workspace.id, entity_type="hospital", name="St. Mary's")
    at = app.page("pages/hrh/partners.py")
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "We recommend doing this work with team members who offer care coordination services" in md
    tips = [c.value for c in at.caption if c.value.startswith("“Review ")]
    assert len(tips) == 5 and all("Harm Reduction is Healthcare workbook" in t for t in tips)
    assert any("Quoted on this page" in c.value for c in at.caption)


def test_a_partner_added_elsewhere_shows_after_the_map_was_kept(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    at.run()  # a rerun on the same data: the partners kept for this version of it
    assert "Add your first potential partner" in at.info[0].value
    pm.add_partner(app.store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")  # another window
    at.run()
    assert not at.exception
    assert at.data_editor(key="partners__map").value["name"].tolist() == ["Riverbend Community Health Center"]
