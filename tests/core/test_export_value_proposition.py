"""The value proposition document (python-docx) and slide deck (python-pptx), opened and checked
against the workspace."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from core import value_proposition as vp
from core.export.value_proposition import value_proposition_docx
from core.export.value_proposition_deck import _points, deck_outline, value_proposition_pptx
from tests.conftest import make_workspace
from tests.core.vp_workspace import HOSTILE, LONG, fill


def _headings(doc) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]


@pytest.fixture
def filled(sqlite_store):
    """Exports only read through the store functions, which the store tests run on both engines."""
    workspace = make_workspace(sqlite_store)
    fill(sqlite_store, workspace.id)
    vp.assemble_and_save(sqlite_store, workspace.id)
    return sqlite_store, workspace


def test_the_document_leads_with_the_draft_then_the_ask_then_the_evidence(filled):
    store, workspace = filled
    doc = Document(io.BytesIO(value_proposition_docx(store, workspace.id)))
    headings = _headings(doc)
    assert headings[0] == ("Title", "Value proposition")
    assert doc.core_properties.title == "Value proposition"
    assert doc.core_properties.author == "Northside Outreach"
    assert [t for s, t in headings if s == "Heading 1"] == [
        "Our value proposition",
        "Working together",
        "The evidence behind it",
    ]
    assert [t for s, t in headings if s == "Heading 2"][:8] == list(vp.SECTION_HEADINGS.values())
    assert ("Heading 2", "Services and monthly volumes") in headings and ("Heading 2", "Whom we serve") in headings
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Each month we provide about 520 services across 2 service lines" in text  # 400 + 120
    assert "Our ask." in text and "Our contact." in text
    assert (
        "Our organizational readiness assessment shows our strongest areas are Mission & Values (4.0 of 4), "
        "Relationships (3.0 of 4), and Services (2.5 of 4)." in text
    )


def test_the_services_table_and_chart_match_the_services_map(filled):
    store, workspace = filled
    doc = Document(io.BytesIO(value_proposition_docx(store, workspace.id)))
    services, populations = doc.tables
    assert [c.text for c in services.rows[0].cells] == [
        "Service",
        "Category",
        "Offered",
        "Services a month",
        "People a month",
    ]
    assert [[c.text for c in r.cells] for r in services.rows[1:]] == [
        ["Naloxone", "Preventative Services", "Today", "400", "250"],
        ["Enrollment in benefits", "Home & Community Based Services (HCBS)", "Could offer", "30", "25"],
        ["Wound care & treatment", "Medical Services", "Today", "120", "45"],
    ]
    assert services.rows[0]._tr.trPr.xpath("./w:tblHeader")  # a real, repeated header row
    assert [[c.text for c in r.cells][1:] for r in populations.rows[1:]] == [
        ["Yes", "1,850"],
        ["No", ""],
        ["No", ""],
        ["Yes", ""],
    ]
    [picture] = doc.inline_shapes
    alt = picture._inline.docPr.get("descr")
    assert alt.startswith("Bar chart of monthly services and people served. Naloxone: 400 services and 250 people")


def test_the_theme_answers_stay_out_of_the_document_a_partner_receives(filled):
    store, workspace = filled
    doc = Document(io.BytesIO(value_proposition_docx(store, workspace.id)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Answer to partnerships.trusted_providers.not_trust." not in text
    assert "Who do you not trust?" not in text


def test_an_edited_draft_is_what_the_document_shows(filled):
    from core.store import answers

    store, workspace = filled
    answers.save_text(
        store,
        workspace.id,
        vp.DRAFT_SECTION,
        vp.DRAFT_PROMPT,
        "For Riverbend Hospital.\n\n## Our pitch\n\nTwo navigators.\n\n- One\n- Two",
    )
    doc = Document(io.BytesIO(value_proposition_docx(store, workspace.id)))
    headings = [t for s, t in _headings(doc) if s == "Heading 2"]
    assert headings[0] == "Our pitch" and "Who we are" not in headings
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert bullets[:2] == ["One", "Two"]


def test_the_deck_has_the_slides_of_a_pitch_with_notes(filled):
    store, workspace = filled
    prs = Presentation(io.BytesIO(value_proposition_pptx(store, workspace.id)))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == [
        "Northside Outreach",
        "Who we serve",
        "What we offer",
        "What it takes to get people to care",
        "Our strengths",
        "Value to your health system: Improve the health of the community at large",
        "Value to your health system: Reduce hospital admissions or acute care episodes",
        "Value to your health system: Improve care coordination and linkage",
        "Value to your health system: Improve management of chronic conditions",
        "How we can work together",
        "Next steps and contact",
    ]
    assert 8 <= len(titles) <= 12
    notes = {s.shapes.title.text: s.notes_slide.notes_text_frame.text for s in prs.slides}
    assert "about 400 a month for about 250 people" in notes["What we offer"]
    assert notes["How we can work together"] == "Our ask."
    strengths = next(s for s in prs.slides if s.shapes.title.text == "Our strengths").placeholders[1].text_frame.text
    assert strengths.endswith(
        "Strongest areas in our readiness assessment: Mission & Values (4.0 of 4), Relationships (3.0 of 4), "
        "Services (2.5 of 4)"
    )
    assert prs.slide_width == 12192000  # 16:9


def test_the_volumes_chart_is_a_native_editable_chart_of_todays_services(filled):
    store, workspace = filled
    prs = Presentation(io.BytesIO(value_proposition_pptx(store, workspace.id)))
    slide = next(s for s in prs.slides if s.shapes.title.text == "What we offer")
    [frame] = [shape for shape in slide.shapes if shape.has_chart]
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(chart.plots[0].categories) == ["Naloxone", "Wound care & treatment"]
    assert {s.name: list(s.values) for s in chart.series} == {
        "Services a month": [400.0, 120.0],
        "People a month": [250.0, 45.0],
    }
    assert chart.chart_title.text_frame.text == "Services and people served each month (our estimates)"
    assert chart.value_axis.axis_title.text_frame.text == "Per month"
    assert chart.category_axis.reverse_order and chart.value_axis._element.crosses.get("val") == "max"
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert "With support we could also offer: Enrollment in benefits" in texts


def test_a_new_workspace_gets_a_deck_that_says_what_to_complete():
    outline = deck_outline(vp.DraftInputs(organization="New Program"), [], today=dt.date(2025, 5, 1))
    assert [s.title for s in outline] == [
        "New Program",
        "Who we serve",
        "What we offer",
        "What it takes to get people to care",
        "Our strengths",
        "Value to your health system",
        "How we can work together",
        "Next steps and contact",
    ]
    assert outline[0].subtitle == "Our value proposition\nMay 1, 2025"
    assert outline[2].chart is None and "Step 3" in outline[2].bullets[0]
    assert outline[5].bullets == []  # no framing outcomes given in these inputs


def test_long_answers_become_a_few_clipped_bullets():
    assert _points("One. Two.") == ["One. Two."]
    assert _points("First para.\n\nSecond para.") == ["First para.", "Second para."]
    assert _points("- a\n- b") == ["A", "B"]
    clauses = _points("trust built over years; peer staff; and never turning anyone away.", limit=30)
    assert clauses == ["Trust built over years", "Peer staff", "Never turning anyone away."]
    assert len(_points(LONG)) == 5 and all(len(p) <= 280 for p in _points(LONG))


def test_anything_a_person_can_type_exports_to_word_and_slides(sqlite_store):
    store, workspace = sqlite_store, make_workspace(sqlite_store)
    fill(store, workspace.id, text=HOSTILE + LONG[: 10_000 - len(HOSTILE)])
    vp.assemble_and_save(store, workspace.id)
    doc = Document(io.BytesIO(value_proposition_docx(store, workspace.id)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "🧪💉" in text and "العربية" in text and "עברית" in text and "\x00" not in text and "\x1b" not in text
    prs = Presentation(io.BytesIO(value_proposition_pptx(store, workspace.id)))
    notes = prs.slides[-1].notes_slide.notes_text_frame.text
    assert "🧪💉" in notes and "\x07" not in notes


def test_the_chart_shows_the_eight_largest_services_and_says_how_many_more_there_are():
    services = [
        vp.ServiceVolume(
            name=f"Service {n}", category="Medical", services_per_month=n * 10, clients_per_month=n, current=True
        )
        for n in range(1, 11)
    ]
    [offer] = [s for s in deck_outline(vp.DraftInputs(organization="X", services=services), []) if s.chart]
    assert offer.chart.categories == [f"Service {n}" for n in range(10, 2, -1)]
    assert offer.chart.series["Services a month"] == [100, 90, 80, 70, 60, 50, 40, 30]
    assert offer.chart.title == "Our 8 largest services: services and people served each month (our estimates)"
    assert offer.bullets == ["And 2 more services; the speaker notes list them all."]
