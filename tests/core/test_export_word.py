"""The shared Word helpers: column widths every word processor honours, styles set by id."""

import io

import pytest
from docx import Document
from docx.shared import Inches

from core.export import word


def _reopen(doc):
    return Document(io.BytesIO(word.to_bytes(doc)))


def test_widths_are_set_on_the_grid_and_on_every_cell():
    doc = word.new_document("Title", "Org")
    word.table(doc, ["Name", "Notes"], [["a", "b"], ["c", "d"]], widths=[1.5, 4.0])
    table = _reopen(doc).tables[0]
    assert [c.width for c in table.columns] == [Inches(1.5), Inches(4.0)]  # the grid LibreOffice reads
    assert [cell.width for cell in table.rows[2].cells] == [Inches(1.5), Inches(4.0)]  # the cells Word reads
    assert table.autofit is False


def test_a_width_per_column_or_none():
    doc = word.new_document("Title", "Org")
    with pytest.raises(ValueError, match="2 column widths for 3 columns"):
        word.table(doc, ["a", "b", "c"], [], widths=[1.0, 2.0])


def test_headings_bullets_and_tables_carry_their_named_styles():
    doc = word.new_document("Title", "Org")
    word.heading(doc, "One", 1)
    word.heading(doc, "Two", 2)
    word.bullets(doc, ["a point"])
    word.paragraph(doc, "first\n\nsecond", style="List Number")
    word.table(doc, ["Head"], [["cell"]])
    again = _reopen(doc)
    styled = [(p.style.name, p.text) for p in again.paragraphs if p.text]
    assert styled[0] == ("Title", "Title")
    assert styled[-5:] == [
        ("Heading 1", "One"),
        ("Heading 2", "Two"),
        ("List Bullet", "a point"),
        ("List Number", "first"),
        ("List Number", "second"),
    ]
    assert again.tables[0].style.name == "Light Grid Accent 1"
    assert again.tables[0].rows[0]._tr.trPr.xpath("./w:tblHeader")


def test_a_heading_level_outside_0_to_9_is_refused():
    with pytest.raises(ValueError, match="0 to 9"):
        word.heading(word.new_document("T", "O"), "x", 10)
