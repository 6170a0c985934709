"""The whole-workbook Word report: title page, contents, and only the steps that have content."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from core import steps
from core.export import word, workbook
from tests.conftest import make_workspace
from tests.core.vp_workspace import HOSTILE, LONG, fill

STEP4 = "Step 4: Mapping out what it takes to get people to services"
STEP5 = "Step 5: Creating your organization's value proposition"


def _doc(store, workspace_id):
    return Document(io.BytesIO(workbook.workbook_docx(store, workspace_id)))


def _heading1(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]


def test_an_empty_workspace_gets_a_title_page_and_says_nothing_is_entered(sqlite_store):
    ws = make_workspace(sqlite_store)
    doc = _doc(sqlite_store, ws.id)
    assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[0].text == "Harm Reduction Financing Workbook"
    assert doc.paragraphs[1].text == "Northside Outreach"
    assert _heading1(doc) == ["Contents", "Sources"]
    assert "Nothing has been entered in this workspace's steps yet." in [p.text for p in doc.paragraphs]


def test_steps_with_content_appear_in_order_and_in_the_contents(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id)
    doc = _doc(sqlite_store, ws.id)
    steps = _heading1(doc)[1:]
    assert _heading1(doc)[0] == "Contents" and STEP4 in steps and STEP5 in steps
    assert steps.index(STEP5) == steps.index(STEP4) + 1
    contents = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert contents == steps
    heading2 = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "Key insights" in heading2 and "Care coordination team members" in heading2
    conversation = next(p.text for p in doc.paragraphs if p.style.name == "Heading 3" and p.text.startswith("Conv"))
    assert conversation == "Conversation of March 4, 2025: Five peer navigators"
    notes = next(t for t in doc.tables if t.rows[0].cells[0].text == "Prompt")
    assert [[c.text for c in r.cells] for r in notes.rows] == [
        ["Prompt", "Notes"],
        [
            "How do trust and rapport show up in your work? What earns trust, and what loses it?",
            "Trust comes from showing up every week.",
        ],
    ]
    # the workbook is the team's own record: it keeps the theme answers the partner document leaves out
    assert "Our answers to the theme questions (internal)" in heading2
    assert "Answer to partnerships.trusted_providers.not_trust." in [p.text for p in doc.paragraphs]


def test_a_section_without_content_leaves_nothing_behind(sqlite_store, monkeypatch):
    monkeypatch.setattr(workbook, "_SECTIONS", dict(workbook._SECTIONS))

    @workbook.workbook_section("advocate", title="Step 99: Nothing here", after_step=True)
    def _empty(store, workspace_id, doc):
        word.paragraph(doc, "half-written")
        return False

    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id)
    doc = _doc(sqlite_store, ws.id)
    texts = [p.text for p in doc.paragraphs]
    assert "Step 99: Nothing here" not in texts and "half-written" not in texts


def test_two_sections_cannot_share_a_place(monkeypatch):
    monkeypatch.setattr(workbook, "_SECTIONS", dict(workbook._SECTIONS))
    with pytest.raises(ValueError, match="'what_it_takes' already has a workbook section"):
        workbook.workbook_section("what_it_takes", title="Another step 4")(lambda store, ws_id, doc: True)


def test_sections_follow_the_journey_of_data_steps_yaml():
    """Every step with a section appears in the order of data/steps.yaml, titled with its label; the
    month-by-month numbers come right after the last step they follow."""
    titles = [s.title for s in workbook.sections()]
    journey = [s.label for s in steps.steps()]
    step_titles = [t for t in titles if t in journey]
    assert step_titles == [label for label in journey if label in step_titles]
    assert step_titles[:3] == [
        "Step 1: Learn & review the basics of healthcare financing",
        "Step 2: Organizational readiness assessment",
        "Step 3: Mapping out billable services",
    ]
    assert titles[-1] == "The numbers month by month"
    assert titles[-2] == "Chronic Care Model financing"


def test_the_preview_says_which_steps_are_still_empty(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id)
    from core.store import answers

    for row in answers.list_records(sqlite_store, ws.id, "what_it_takes.conversation"):
        answers.delete_record(sqlite_store, ws.id, row.id)
    with sqlite_store.write() as s:  # drop every Step 4 text so only Step 5 has content
        from sqlmodel import delete

        from core.store.models import TextAnswer

        s.exec(delete(TextAnswer).where(TextAnswer.section.like("what_it_takes%")))
    lines = workbook.preview(sqlite_store, ws.id)
    assert f"{STEP4} (nothing entered yet: left out)" in lines and STEP5 in lines


def test_the_report_survives_anything_a_person_can_type(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id, text=HOSTILE + LONG[: 10_000 - len(HOSTILE)])
    doc = workbook.build_workbook(sqlite_store, ws.id, today=dt.date(2025, 6, 1))
    reopened = Document(io.BytesIO(word.to_bytes(doc)))
    assert "Prepared June 1, 2025 with the Harm Reduction Financing Workbook" in [p.text for p in reopened.paragraphs]
    assert any("🧪💉" in p.text and "עברית" in p.text for p in reopened.paragraphs)
