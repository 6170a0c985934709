"""Column widths that every word processor honours.

`word.table(widths=...)` sets the width of each cell, which Word reads, but LibreOffice lays tables out
from the table grid, so there the columns stay equal. This sets both. (A candidate for `word.table`.)
"""

from __future__ import annotations

from docx.shared import Inches


def set_column_widths(table, inches: list[float]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, inches, strict=True):
        column.width = Inches(width)
        for cell in column.cells:
            cell.width = Inches(width)
