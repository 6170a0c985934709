"""The Sustain & finance part of the whole-workbook Word report."""

import io

from docx import Document

from core.demo import open_demo
from core.export import word
from core.export.sustain_sections import sustain_sections
from core.store import answers
from core.sustain import change_concept_5 as cc5
from core.sustain import chronic_care_financing as cc
from core.sustain import payment_arrangements as arr


def build(store, ws_id):
    doc = word.new_document("Whole workbook", "Test program")
    sustain_sections(store, ws_id, doc)
    return Document(io.BytesIO(word.to_bytes(doc)))  # it saves and opens again


def headings(doc):
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


def alt_texts(doc):
    return [el.get("descr") for el in doc.element.body.iter() if el.tag.endswith("}docPr")]


def test_an_empty_workspace_gets_every_heading_and_says_what_is_missing(sqlite_store):
    from tests.conftest import make_workspace

    ws = make_workspace(sqlite_store)
    doc = build(sqlite_store, ws.id)
    names = [text for _, text in headings(doc)]
    for expected in [
        "Sustain & finance",
        "Payment arrangements compared",
        "Trauma-informed care: finance and sustain",
        "The six goals",
        "Chronic Care Model financing",
        "Bundled payment pilot",
    ]:
        assert expected in names
    assert ("Heading 1", "Sustain & finance") in headings(doc)
    assert ("Heading 2", "Payment arrangements compared") in headings(doc)
    assert sum(p.text == "Not filled in yet." for p in doc.paragraphs) >= 5
    # the goals table is always there, with a header row and the six goals
    goals = next(t for t in doc.tables if t.rows[0].cells[0].text == "Goal")
    assert len(goals.rows) == 7
    assert goals.rows[1].cells[1].text == "Not started"


def test_the_demo_workspace_gives_tables_charts_with_alt_text_and_whole_dollars(sqlite_store):
    demo, _ = open_demo(sqlite_store)
    doc = build(sqlite_store, demo.id)
    comparison = doc.tables[0]
    assert [c.text for c in comparison.rows[0].cells] == [
        "Arrangement",
        "Billing on our own",
        "With River Valley Health Plan",
    ]
    # PMPM, not tied to the demo's Step 3 volumes: 150 x 25 x 12 = 45,000 (+/-20%); 400 x 30 x 12 = 144,000 (+/-15%)
    assert [c.text for c in comparison.rows[2].cells] == [
        "Care coordination fee (PMPM)",
        "$45,000 ($36,000 to $54,000)",
        "$144,000 ($122,400 to $165,600)",
    ]
    assert comparison.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    alts = alt_texts(doc)
    assert len(alts) == 2
    assert alts[0].startswith("Bar chart of expected yearly revenue")
    assert "Care coordination fee (PMPM) $45,000" in alts[0]
    assert alts[1].startswith("Line chart of staff turnover")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Codes to advocate to turn on:" in text
    assert "Two-sided risk" in text
    assert ("Heading 3", "Scenario: With River Valley Health Plan") in headings(doc)


def test_control_characters_and_markup_in_answers_survive_the_export(sqlite_store):
    from tests.conftest import make_workspace

    ws = make_workspace(sqlite_store)
    rid = arr.create_scenario(sqlite_store, ws.id, "Today")
    arr.update_scenario(sqlite_store, ws.id, rid, "care_coordination_fee", {"members": 10, "pmpm": "1.5"})
    cc5.save_resources(sqlite_store, ws.id, [{"name": "Board <b>&amp;</b> 🌱", "contribution": "tab\there"}])
    answers.save_text(sqlite_store, ws.id, cc.ENVIRONMENT_SECTION, "payer", "Plan\x0b A\x00 — ünï")
    doc = build(sqlite_store, ws.id)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "Board <b>&amp;</b> 🌱" in cells
    assert "Plan\n A — ünï" in cells  # the vertical tab became a line break, NUL removed
    # 10 x 1.50 x 12 = 180
    assert any(c.startswith("$180 (") for c in cells)


def test_the_whole_workbook_carries_each_projection_with_its_formulas_chart_and_months(sqlite_store):
    from core.care_model import five_x_planner as roi
    from core.export.sustain_sections import projections_workbook
    from core.hrh import cost_benefit as cb

    demo, _ = open_demo(sqlite_store)
    roi.save_field(sqlite_store, demo.id, "b", "startup_cost", None)  # B is not complete any more
    doc = word.new_document("Whole workbook", "Test program")
    assert projections_workbook(sqlite_store, demo.id, doc)
    doc = Document(io.BytesIO(word.to_bytes(doc)))
    names = [text for _, text in headings(doc)]
    assert names == [
        "Direct billing: Bill Medicaid ourselves",
        "Direct billing: With a billing partner",
        "Care program: Riverbend peer care managers",
        "Care program: Checked against CareOregon",
    ]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Break-even month: the first month whose cumulative net is at or above zero." in text
    assert "No figures yet; still to enter: enter the one-time start-up cost (0 if none)." in text
    figures = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == ["Figure", "Value", "How it is computed"]]
    assert len(figures) == 3  # two billing scenarios and the complete care program
    partner = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in figures[1].rows[1:]}
    evaluations = {e.name: e for _, e in cb.evaluate_all(sqlite_store, demo.id)}
    assert partner["First-year net"][0] == evaluations["With a billing partner"].result.figure("first_year_net").shown
    assert partner["Break-even month"] == ("Month 1", partner["Break-even month"][1])
    months = [t for t in doc.tables if t.rows[0].cells[0].text == "Month"]
    assert len(months) == 3 and all(len(t.rows) == 37 for t in months)
    alts = alt_texts(doc)
    assert len(alts) == 3 and alts[0].startswith("Line chart of the cumulative net of Bill Medicaid ourselves")
    assert "month 12 " in alts[0] and "month 36 " in alts[0]
    cohorts = next(t for t in doc.tables if t.rows[0].cells[0].text == "Patients")
    assert [r.cells[0].text for r in cohorts.rows[1:]] == ["5", "25", "125", "625"]


def test_the_projections_are_left_out_when_nothing_is_started(store, workspace):
    from core.export.sustain_sections import projections_workbook

    assert not projections_workbook(store, workspace.id, word.new_document("Whole workbook", "Test program"))
