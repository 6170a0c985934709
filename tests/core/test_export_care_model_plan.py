"""The care model plan as Word: every section from the demo, real headings, survives odd text."""

import io

import pytest
from docx import Document

from core import demo
from core.care_model import care_model_fit, first_five, five_x_planner
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
    roi_table = next(t for t in doc.tables if t.rows[0].cells[1].text == "First-year costs")
    assert [row.cells[0].text for row in roi_table.rows[1:]] == ["5", "25", "125", "625"]
    assert [c.text for c in roi_table.rows[0].cells][-1] == "ROI, first year"
    steady = next(t for t in doc.tables if t.rows[0].cells[1].text == "Net a year, steady state")
    assert [c.text for c in steady.rows[0].cells][-1] == "Break-even month"
    assert [row.cells[0].text for row in steady.rows[1:]] == ["5", "25", "125", "625"]
    assert "First-year figures: the sum of months 1-12" in text  # the definitions travel with the figures
    assert "Measure" in tables
    assert any(shape.width for shape in doc.inline_shapes)  # the cost and savings chart
    alt = doc.inline_shapes[0]._inline.docPr.get("descr")
    assert alt.startswith("Bar chart of first-year costs and projected savings")
    # No worksheet content: the export carries the learning log, not a patient's goals.
    assert "I want my own place again" not in text

    # The needs / services / partners grid, and the source's considerations kept as quotes with credit.
    grid = next(t for t in doc.tables if t.rows[0].cells[0].text == "Need")
    assert [c.text for c in grid.rows[1].cells] == [
        "Wound care",
        "Wound care on the mobile unit; FQHC nurse visits",
        "FQHC river clinics",
    ]
    quoted = [p for p in doc.paragraphs if p.text == "“Ensure regular joint case conferences on shared patients.”"]
    assert quoted and quoted[0].style.name == "List Bullet"
    assert "— quoted from Complex-needs care model recommendations" in text
    assert "What worked elsewhere: organizations like yours, the literature, site visits" in found


def test_empty_workspace_exports_with_placeholders(store, workspace):
    doc = Document(io.BytesIO(care_model_plan_docx(store, workspace.id)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "No care model chosen yet." in text
    assert "No process measures entered yet." in text


def test_control_characters_and_unicode_survive(store, workspace):
    ws = workspace.id
    answers.save_text(store, ws, care_model_fit.CURRENT_SECTION, "working_theory", "Theory \x0b with ✓ 🌱 مرحبا")
    first_five.save_learning_text(store, ws, "services_similar", "Housing\x00 for all")
    five_x_planner.save_scenario(
        store,
        ws,
        "a",
        five_x_planner.Scenario(
            name="Plan <b>&</b>",
            inputs=five_x_planner.RoiInputs(
                roles=[five_x_planner.RoleInput(role="Care manager\x07", caseload=40, salary=50000)]
            ),
        ),
    )
    doc = Document(io.BytesIO(care_model_plan_docx(store, ws)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Theory \n with ✓ 🌱 مرحبا" in text  # Word's manual line break (vertical tab) is a line break
    assert "Plan <b>&</b>" in headings(doc)
    assert "No figures yet; still to enter: enter the fringe of the Care manager role" in text


def test_unknown_workspace_is_refused(store):
    with pytest.raises(KeyError):
        care_model_plan_docx(store, "0" * 32)
