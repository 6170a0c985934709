"""Every exported document ends with its sources, named with their authors as the documents name them,
and keeps a source's words marked as quotes."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation

from core import demo, sources
from core.export import registry, word
from core.sources import Quote

WORKBOOK_CREDIT = (
    "Produced by National Harm Reduction Coalition, Vital Strategies, In The Works and Anka Consulting. "
    "Authors: Taeko Frost, DrPH, MPH; Kima Taylor, MD, MPH; Dana Kurzer-Yashin; Daliah Heller, PhD, MPH; "
    "Tracy Pugh, MHS."
)


@pytest.fixture(scope="module")
def demo_exports(tmp_path_factory):
    from core.store import migrate
    from core.store.database import Store

    store = Store.from_url(f"sqlite:///{tmp_path_factory.mktemp('sources') / 'w.db'}")
    migrate.upgrade(store.engine)
    workspace, _ = demo.open_demo(store)
    built = {e.id: (e.mime, e.build(store, workspace.id)) for e in registry.exports()}
    store.dispose()
    return built


def _word_tail(data: bytes) -> tuple[list[str], list[str]]:
    doc = Document(io.BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    start = max(i for i, p in enumerate(doc.paragraphs) if p.text == "Sources" and p.style.name == "Heading 1")
    return headings, [p.text for p in doc.paragraphs[start + 1 :]]


def test_every_word_document_ends_with_its_sources_and_their_authors(demo_exports):
    word_docs = {i: data for i, (mime, data) in demo_exports.items() if mime == registry.DOCX}
    assert set(word_docs) == {
        "value_proposition_docx",
        "workbook_docx",
        "readiness_report_docx",
        "partner_map_docx",
        "agenda_docx",
        "care_model_plan_docx",
    }
    for export_id, data in word_docs.items():
        headings, tail = _word_tail(data)
        assert headings[-1] == "Sources", export_id
        entries = [line for line in tail if line.endswith(".")]
        assert any(WORKBOOK_CREDIT in line for line in entries) or export_id == "care_model_plan_docx", export_id
        assert "quoted word for word" in tail[0], export_id


def test_the_whole_workbook_names_all_five_documents(demo_exports):
    _, tail = _word_tail(demo_exports["workbook_docx"][1])
    listed = "\n".join(tail)
    for source_id in sources.SOURCE_IDS:
        assert sources.full_entry(source_id) in listed
    assert "By Stefani Daniels, Managing Partner. Published Aug 14, 2017." in listed
    assert "Chronic Care Model mental health financing strategies (untitled). The document names no author." in listed


def test_the_care_model_plan_names_its_two_documents(demo_exports):
    _, tail = _word_tail(demo_exports["care_model_plan_docx"][1])
    assert [line for line in tail[1:]] == [
        sources.full_entry("care_model_recommendations"),
        sources.full_entry("careoregon"),
    ]


def test_the_deck_ends_with_a_sources_slide_and_the_tables_with_a_sources_sheet(demo_exports):
    prs = Presentation(io.BytesIO(demo_exports["value_proposition_pptx"][1]))
    last = prs.slides[-1]
    assert last.shapes.title.text == "Sources"
    assert WORKBOOK_CREDIT in last.placeholders[1].text_frame.text
    book = load_workbook(io.BytesIO(demo_exports["workspace_xlsx"][1]))
    assert book.sheetnames[-1] == "Sources"
    cells = [row[0] for row in book["Sources"].iter_rows(values_only=True)]
    assert cells[1:] == [sources.full_entry(i) for i in sources.SOURCE_IDS]


def test_a_quote_in_a_document_is_in_quotation_marks_in_the_quote_style_with_its_credit():
    doc = word.new_document("T", "Org")
    word.quote(doc, Quote(quote="Keep it real.", source="hrh_workbook", where="Step 8: Setting an Agenda"))
    word.quoted_bullets(
        doc,
        [
            Quote(quote="Track key metrics.", source="care_model_recommendations"),
            Quote(quote="Create a multi-faceted ongoing learning process.", source="care_model_recommendations"),
        ],
    )
    assert [(p.style.name, p.text) for p in doc.paragraphs][-5:] == [
        ("Quote", "“Keep it real.”"),
        ("Normal", "— Harm Reduction is Healthcare workbook, Step 8: Setting an Agenda"),
        ("List Bullet", "“Track key metrics.”"),
        ("List Bullet", "“Create a multi-faceted ongoing learning process.”"),
        ("Normal", "— quoted from Complex-needs care model recommendations"),
    ]
