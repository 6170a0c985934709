"""The partner map: validated partners, the research checklist, counts by type and status, progress."""

import io

import pytest
from docx import Document
from pydantic import ValidationError

from core.export.partner_map import partner_map_docx
from core.hrh import partners as pm
from core.store import answers
from tests.conftest import make_workspace


def test_the_content_keeps_the_workbook_lists():
    c = pm.content()
    assert [t.id for t in c.entity_types] == ["fqhc", "hospital", "mco", "aco", "health_department", "other"]
    assert c.entity_types[0].label == "FQHCs / Health Care for the Homeless / Health Homes"
    assert [s.id for s in c.statuses] == [
        "identified",
        "researched",
        "contacted",
        "meeting_set",
        "partnering",
        "not_a_fit",
    ]
    assert len(c.research_tips) == 5
    assert c.research_tips[3].text.startswith("Review how easy (or hard) it would be to make an appointment")


def test_a_partner_is_cleaned_and_checked():
    p = pm.Partner(entity_type="fqhc", name="  Riverbend   Community\tHealth Center ", locations="Main St\x07")
    assert p.name == "Riverbend Community Health Center"
    assert p.locations == "Main St" and p.status == "identified"
    with pytest.raises(ValidationError, match="The partner's name is required"):
        pm.Partner(entity_type="fqhc", name="   ")
    with pytest.raises(ValidationError, match="Choose the type of entity"):
        pm.Partner(entity_type="bank", name="X")
    with pytest.raises(ValidationError, match="Choose a status"):
        pm.Partner(entity_type="fqhc", name="X", status="married")
    with pytest.raises(ValidationError, match="Next steps is 2,001 characters long"):
        pm.Partner(entity_type="fqhc", name="X", next_steps="a" * 2001)
    with pytest.raises(ValidationError, match="Unknown research tips: horoscope"):
        pm.Partner(entity_type="fqhc", name="X", research={"horoscope": True})


def test_unicode_names_are_kept():
    p = pm.Partner(entity_type="other", name="Clínica del Río 🌊 مركز")
    assert p.name == "Clínica del Río 🌊 مركز"


def test_partners_are_added_updated_researched_and_deleted(store):
    ws = make_workspace(store)
    clinic = pm.add_partner(store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")
    pm.add_partner(store, ws.id, entity_type="hospital", name="Riverbend General Hospital", status="contacted")
    pm.update_partner(store, ws.id, clinic.record_id, next_steps="Call the outreach lead", status="researched")
    pm.set_research_done(store, ws.id, clinic.record_id, "website", True)
    pm.save_research_note(store, ws.id, clinic.record_id, "website", "Their blog features a hep C clinic.")
    pm.save_research_note(store, ws.id, clinic.record_id, "website", "Their blog features a hep C clinic!")
    got = pm.get_partner(store, ws.id, clinic.record_id)
    assert got.next_steps == "Call the outreach lead" and got.status == "researched"
    assert got.research == {"website": True} and got.research_done == 1
    notes = pm.research_notes(store, ws.id, got)
    assert notes["website"] == "Their blog features a hep C clinic!" and notes["racial_equity"] == ""
    assert len(answers.text_revisions(store, ws.id, pm.research_section(got.key), "website")) == 2
    with pytest.raises(ValueError, match="not one of the research tips"):
        pm.set_research_done(store, ws.id, clinic.record_id, "horoscope", True)
    pm.delete_partner(store, ws.id, clinic.record_id)
    assert [p.partner.name for p in pm.list_partners(store, ws.id)] == ["Riverbend General Hospital"]


def test_the_same_partner_twice_under_one_type_is_refused(store):
    ws = make_workspace(store)
    pm.add_partner(store, ws.id, entity_type="mco", name="Riverbend Valley Health Plan")
    with pytest.raises(ValueError, match="already on the map under Managed care organizations"):
        pm.add_partner(store, ws.id, entity_type="mco", name="riverbend valley  health plan")
    pm.add_partner(store, ws.id, entity_type="aco", name="Riverbend Valley Health Plan")  # another type is fine


def test_a_bad_update_keeps_what_was_saved(store):
    ws = make_workspace(store)
    saved = pm.add_partner(store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")
    with pytest.raises(ValidationError):
        pm.update_partner(store, ws.id, saved.record_id, name="")
    assert pm.get_partner(store, ws.id, saved.record_id).name == "Riverbend Community Health Center"


def saved(entity_type, status, done=0, name=None):
    tips = [t.id for t in pm.content().research_tips][:done]
    partner = pm.Partner(
        entity_type=entity_type,
        name=name or f"{entity_type}-{status}-{done}",
        status=status,
        research={t: True for t in tips},
    )
    return pm.SavedPartner(record_id=partner.name, partner=partner)


def test_status_counts_cover_every_type_and_status():
    rows = pm.status_counts([saved("fqhc", "identified"), saved("fqhc", "contacted"), saved("mco", "contacted", 1)])
    by_type = {r.entity_type: r for r in rows}
    assert len(rows) == 6
    assert by_type["fqhc"].counts["identified"] == 1 and by_type["fqhc"].counts["contacted"] == 1
    assert by_type["fqhc"].total == 2 and by_type["mco"].total == 1 and by_type["aco"].total == 0


def test_by_type_lists_only_types_with_partners_in_the_data_order():
    grouped = pm.by_type([saved("mco", "identified"), saved("fqhc", "identified")])
    assert [entity.id for entity, _ in grouped] == ["fqhc", "mco"]


def test_research_share_leaves_out_partners_that_are_not_a_fit():
    # (5 + 2) tips done of 2 x 5 for the two in play; the 'not a fit' one is ignored
    share = pm.research_share(
        [saved("fqhc", "identified", 5), saved("mco", "contacted", 2), saved("aco", "not_a_fit", 0)]
    )
    assert share == pytest.approx(0.7)
    assert pm.research_share([]) == 0


def test_progress_is_a_quarter_for_mapping_and_the_rest_for_research(store):
    ws = make_workspace(store)
    assert pm.partners_progress(store, ws.id).share == 0
    a = pm.add_partner(store, ws.id, entity_type="fqhc", name="A")
    pm.add_partner(store, ws.id, entity_type="fqhc", name="B")
    assert pm.partners_progress(store, ws.id).share == 0.25
    for tip in ("website", "partnerships"):
        pm.set_research_done(store, ws.id, a.record_id, tip, True)
    # 2 of 10 tips: 0.25 + 0.75 x 0.2 = 0.4
    progress = pm.partners_progress(store, ws.id)
    assert progress.share == pytest.approx(0.4)
    assert progress.detail == "2 partners mapped, 20% of the research done"


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_partner_map_export_has_tables_per_type_chart_and_research(store):
    ws = make_workspace(store)
    clinic = pm.add_partner(
        store,
        ws.id,
        entity_type="fqhc",
        name="Riverbend Community Health Center",
        locations="Main St & 5th",
        contact="Outreach desk\x0b (555) 010-0000",
        status="contacted",
    )
    pm.add_partner(store, ws.id, entity_type="health_department", name="Tamarack County Health Department")
    pm.set_research_done(store, ws.id, clinic.record_id, "providers", True)
    pm.save_research_note(store, ws.id, clinic.record_id, "providers", "Two HIV providers <b>overlap</b>")
    doc = Document(io.BytesIO(partner_map_docx(store, ws.id)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Summary", "FQHCs / Health Care for the Homeless / Health Homes", "Health departments"]
    assert "Riverbend Community Health Center (1 of 5 done)" in headings
    text = docx_text(partner_map_docx(store, ws.id))
    assert "Overlapping providers (Done): Two HIV providers <b>overlap</b>" in text
    assert "Outreach desk\n (555) 010-0000" in text  # the vertical tab became a line break
    assert doc.tables[0].rows[0].cells[0].text == "Type of entity"
    pictures = doc.inline_shapes
    assert len(pictures) == 1
    assert "Health departments: 1" in pictures[0]._inline.docPr.get("descr")


def test_partner_map_export_of_an_empty_map(store):
    ws = make_workspace(store)
    assert "No partners are on the map yet." in docx_text(partner_map_docx(store, ws.id))
