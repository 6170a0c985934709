"""The care model plan as Word: every section from the demo, real headings, survives odd text."""

import io

import pytest
from docx import Document

from core import care_model, care_plans, care_roi, demo
from core.export.care_model_plan import care_model_plan_docx
from core.store import answers


def headings(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_demo_plan_has_every_section(sqlite_store):
    workspace, _ = demo.open_demo(sqlite_store)
    doc = Document(io.BytesIO(care_model_plan_docx(sqlite_store, workspace.id)))
    found = headings(doc)
    for title in (
        "Care model plan",
        "Where we start",
        "The care model we chose",
        "Where the team sits",
        "The core team and partners",
        "What the first five patients taught us",
        "Cohort plan and return on investment",
        "Riverbend peer care managers",
        "Checked against CareOregon",
        "Latest process measures",
        "Caseloads",
    ):
        assert title in found, title
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Enhanced services wrapped around a primary care base" in text
    assert "Embedded in primary care" in text
    tables = {t.rows[0].cells[0].text: t for t in doc.tables}
    roi_table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Annual cost")
    assert [row.cells[0].text for row in roi_table.rows[1:]] == ["5", "25", "125", "625"]
    assert "Measure" in tables
    assert any(shape.width for shape in doc.inline_shapes)  # the cost and savings chart
    alt = doc.inline_shapes[0]._inline.docPr.get("descr")
    assert alt.startswith("Bar chart of annual cost and projected savings")
    # No worksheet content: the export carries the learning log, not a patient's goals.
    assert "I want my own place again" not in text


def test_empty_workspace_exports_with_placeholders(store, workspace):
    doc = Document(io.BytesIO(care_model_plan_docx(store, workspace.id)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "No care model chosen yet." in text
    assert "No process measures entered yet." in text


def test_control_characters_and_unicode_survive(store, workspace):
    ws = workspace.id
    answers.save_text(store, ws, care_model.SECTION_CURRENT, "working_theory", "Theory \x0b with ✓ 🌱 مرحبا")
    care_plans.save_learning_text(store, ws, "services_similar", "Housing\x00 for all")
    care_roi.save_scenario(
        store,
        ws,
        "a",
        care_roi.Scenario(
            name="Plan <b>&</b>",
            inputs=care_roi.RoiInputs(roles=[care_roi.RoleInput(role="Care manager\x07", caseload=40, salary=50000)]),
        ),
    )
    doc = Document(io.BytesIO(care_model_plan_docx(store, ws)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Theory  with ✓ 🌱 مرحبا" in text
    assert "Plan <b>&</b>" in headings(doc)


def test_unknown_workspace_is_refused(store):
    with pytest.raises(KeyError):
        care_model_plan_docx(store, "0" * 32)
