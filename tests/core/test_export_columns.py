"""Column widths reach both the cells (Word) and the table grid (LibreOffice)."""

from docx import Document
from docx.shared import Inches

from core.export.columns import set_column_widths


def test_widths_are_set_on_the_grid_and_on_every_cell():
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    set_column_widths(table, [1.5, 4.0])
    assert [c.width for c in table.columns] == [Inches(1.5), Inches(4.0)]
    assert [cell.width for cell in table.rows[1].cells] == [Inches(1.5), Inches(4.0)]
    assert table.autofit is False
