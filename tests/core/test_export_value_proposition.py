"""The value proposition document (python-docx) and slide deck (python-pptx), opened and checked
against the workspace."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from core.export.value_proposition import value_proposition_docx
from core.export.value_proposition_deck import bullets_of, deck_outline, fit, value_proposition_pptx
from core.hrh import value_proposition as vp
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
        "Sources",
    ]
    # no finished cost-benefit or 5x scenario: no "What it is worth"
    assert [t for s, t in headings if s == "Heading 2"][:8] == [
        h for k, h in vp.SECTION_HEADINGS.items() if k != "worth"
    ]
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
    # only the two statements the program serves (the others would tell a partner nothing)
    assert [[c.text for c in r.cells][1:] for r in populations.rows[1:]] == [["1,850"], [""]]
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


def test_the_deck_tells_the_story_in_a_cfos_order_one_slide_per_section(filled):
    store, workspace = filled
    prs = Presentation(io.BytesIO(value_proposition_pptx(store, workspace.id)))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == [
        "Northside Outreach",
        "Who we are and whom we reach",
        "What we offer",
        "Value to your health system",
        "What it takes to get people to care",  # with what we bring, our strengths and equity: one bullet each
        "The ask",
        "Next steps and contact",
        "Sources",
    ]
    notes = {s.shapes.title.text: s.notes_slide.notes_text_frame.text for s in prs.slides}
    assert "about 400 a month for about 250 people" in notes["What we offer"]
    assert notes["The ask"] == "Our ask."
    takes = next(s for s in prs.slides if s.shapes.title.text.startswith("What it takes")).placeholders[1]
    assert takes.text_frame.text.split("\n")[-2:] == [
        "Our strengths: Our organizational readiness assessment shows our strongest areas are Mission & Values "
        "(4.0 of 4), Relationships (3.0 of 4), and Services (2.5 of 4).",
        "Our commitment to equity: We report reach by language.",
    ]
    assert prs.slide_width == 12192000  # 16:9


def test_reworded_and_added_sections_are_on_the_slides_not_only_in_the_notes(filled):
    from core.store import answers

    store, workspace = filled
    answers.save_text(
        store,
        workspace.id,
        vp.DRAFT_SECTION,
        vp.DRAFT_PROMPT,
        "## Who we are\n\nWe are the harbor's needle exchange.\n\n## What it takes to get people to care\n\n"
        "\n\n## The ask in one line\n\nFund one navigator: $142,000.",
    )
    prs = Presentation(io.BytesIO(value_proposition_pptx(store, workspace.id)))
    shown = {
        s.shapes.title.text: " ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in prs.slides
    }
    assert "We are the harbor's needle exchange." in shown["Who we are"]
    # the emptied section is left out; the added line joins the ask
    assert not any(t.startswith("What it takes") for t in shown)
    assert "The ask in one line: Fund one navigator: $142,000." in shown["The ask"]
    assert not any("to be completed" in text for text in shown.values())


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
    assert chart.category_axis.tick_labels.font.size.pt >= 14 and chart.legend.font.size.pt >= 14
    texts = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "With support we could also offer: Enrollment in benefits (about 30 a month)." in texts


def test_a_new_workspace_gets_a_short_deck_without_placeholders():
    inputs = vp.DraftInputs(organization="New Program", org_type="Other")
    outline = deck_outline(inputs, vp.assemble_draft(inputs).sections, today=dt.date(2025, 5, 1))
    assert [s.title for s in outline] == ["New Program", "Who we are"]
    assert outline[0].subtitle == "Our value proposition\nOther\nMay 1, 2025"
    assert outline[1].bullets == ["New Program is an organization."]


def test_draft_text_becomes_bullets_and_long_text_continues_on_the_next_slide():
    assert bullets_of("One. Two.") == ["One. Two."]
    assert bullets_of("First para.\n\nSecond para.") == ["First para.", "Second para."]
    assert bullets_of("Lead:\n- a\n- b") == ["Lead:", "- A", "- B"]
    assert all(len(b) <= 400 for b in bullets_of(LONG))
    # 20 pt in a 12.1-inch box less 0.2 of indent: 11.9 x 72 / 10 = 85 characters a line; 5.3 inches hold
    # 5.3 x 72 = 381.6 pt. Eight 200-character bullets take 3 lines each, 24 pt of leading and 6 pt after:
    # 8 x (72 + 6) = 624 pt; at 18 pt (95 a line) 8 x (3 x 21.6 + 6) = 566 pt, still too much: two slides at
    # 18 pt, 5 bullets (354 pt) and 3.
    pages = fit(["x" * 200] * 8, 12.1, 5.3, (20, 18))
    assert [(size, len(page)) for size, page in pages] == [(18, 5), (18, 3)]
    assert fit(["short"] * 3, 12.1, 5.3, (20, 18)) == [(20, ["short"] * 3)]


def test_anything_a_person_can_type_exports_to_word_and_slides(sqlite_store):
    store, workspace = sqlite_store, make_workspace(sqlite_store)
    fill(store, workspace.id, text=HOSTILE + LONG[: 10_000 - len(HOSTILE)])
    vp.assemble_and_save(store, workspace.id)
    doc = Document(io.BytesIO(value_proposition_docx(store, workspace.id)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "🧪💉" in text and "العربية" in text and "עברית" in text and "\x00" not in text and "\x1b" not in text
    prs = Presentation(io.BytesIO(value_proposition_pptx(store, workspace.id)))
    notes = prs.slides[-2].notes_slide.notes_text_frame.text  # the last slide is the sources
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
    assert offer.chart.title == "Our 8 largest services, each month (our estimates)"
    assert offer.bullets == ["And 2 more services; the speaker notes list them all."]


def test_the_money_slide_carries_the_verdicts_a_native_chart_the_scenarios_and_their_sources(sqlite_store):
    from tests.core import ssp_persona

    workspace = ssp_persona.build(sqlite_store)
    prs = Presentation(io.BytesIO(value_proposition_pptx(sqlite_store, workspace.id)))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles[:4] == [
        "Harbor Street Syringe Services",
        "Who we are and whom we reach",
        "What we offer",
        "What it is worth",
    ]
    assert titles[-3:] == ["The ask", "Next steps and contact", "Sources"]
    slide = prs.slides[3]
    [chart] = [sh.chart for sh in slide.shapes if sh.has_chart]
    assert list(chart.plots[0].categories) == [
        "Bill Medicaid ourselves",
        "With a billing partner",
        "Peer care managers with Riverbend (125 patients)",
    ]
    assert chart.value_axis.tick_labels.font.size.pt >= 14
    [table] = [sh.table for sh in slide.shapes if sh.has_table]
    assert [c.text for c in table.rows[0].cells][1:] == [
        "Billing: Bill Medicaid ourselves",
        "Billing: With a billing partner",
        "Care program: Peer care managers with Riverbend, 125 patients",
    ]
    assert table.cell(3, 0).text == "Break-even month"
    texts = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
    assert "Direct billing, “With a billing partner”: direct billing pays for itself at your estimates." in texts
    assert "Sources: Step 6, direct billing cost-benefit, scenario “Bill Medicaid ourselves”" in texts
    assert "Stage 5, the 5x planner, scenario “Peer care managers with Riverbend”, 125 patients" in texts
    # the reworded section is on its slide, the added one with the ask
    shown = {s.shapes.title.text: " ".join(h.text_frame.text for h in s.shapes if h.has_text_frame) for s in prs.slides}
    assert (
        "It takes a peer who has been there, a phone that works, and a ride."
        in shown["What it takes to get people to care"]
    )
    assert "The ask in one line: Fund one peer navigator for two years: $142,000." in shown["The ask"]
    assert (  # all four of the profile's populations, and the counts of the four statements
        "We serve people who use drugs, people experiencing homelessness or unstable housing, people living with HIV "
        "or hepatitis C, and people who are uninsured or underinsured." in shown["Who we are and whom we reach"]
    )
    assert "about 1,850 people in the last 12 months" in shown["Who we are and whom we reach"]
