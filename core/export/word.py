"""Building Word documents (python-docx) the same way in every export.

Real heading styles, tables with a repeated header row, images with alt text,
the organization's name and the date on the title page, and every piece of
text passed through `sanitize_text` (so control characters a user pasted never
break the file). Exporters call these helpers and end with `to_bytes`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from core.text import sanitize_text


def new_document(title: str, organization: str, *, subtitle: str = "", date: dt.date | None = None) -> DocxDocument:
    """A document with its title page: title, organization, date, and the same in its properties."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    date = date or dt.date.today()
    doc.core_properties.title = sanitize_text(title)[:250]
    doc.core_properties.author = sanitize_text(organization)[:250]
    doc.core_properties.subject = "Harm Reduction Financing Workbook"
    doc.add_heading(sanitize_text(title), level=0)
    org = doc.add_paragraph()
    org.add_run(sanitize_text(organization)).bold = True
    if subtitle:
        doc.add_paragraph(sanitize_text(subtitle))
    doc.add_paragraph(f"Prepared {date:%B %-d, %Y} with the Harm Reduction Financing Workbook")
    return doc


def heading(doc: DocxDocument, text: str, level: int = 1) -> None:
    doc.add_heading(sanitize_text(text), level=level)


def paragraph(doc: DocxDocument, text: str, *, italic: bool = False, style: str | None = None) -> None:
    """A paragraph per line of `text` (blank lines kept as paragraph breaks)."""
    for line in sanitize_text(text).split("\n\n"):
        p = doc.add_paragraph(style=style)
        run = p.add_run(line)
        run.italic = italic


def bullets(doc: DocxDocument, items: Iterable[str]) -> None:
    for item in items:
        doc.add_paragraph(sanitize_text(item), style="List Bullet")


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def table(
    doc: DocxDocument,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float] | None = None,
) -> None:
    """A table whose first row is a real header row (bold, repeated on each page)."""
    rows = [list(r) for r in rows]
    t = doc.add_table(rows=1, cols=len(headers))
    t.style = "Light Grid Accent 1"
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    head = t.rows[0]
    _repeat_header(head)
    for cell, text in zip(head.cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(sanitize_text(text)).bold = True
    for values in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = sanitize_text("" if value is None else value)
    if widths:
        for row in t.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Inches(width)
    doc.add_paragraph()


def image(doc: DocxDocument, png: bytes, alt_text: str, *, width_inches: float = 6.0) -> None:
    """A picture with alt text (python-docx has no public API for it: set `descr` on docPr)."""
    doc.add_picture(io.BytesIO(png), width=Inches(width_inches))
    inline = doc.inline_shapes[-1]._inline
    doc_pr = inline.docPr
    doc_pr.set("descr", sanitize_text(alt_text)[:1000])
    doc_pr.set("title", sanitize_text(alt_text)[:100])


def to_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
