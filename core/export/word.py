"""Building Word documents (python-docx) the same way in every export.

Real heading styles, tables with a repeated header row, images with alt text,
the organization's name and the date on the title page, and every piece of
text passed through `sanitize_text` (so control characters a user pasted never
break the file). Exporters call these helpers and end with `to_bytes`.

Styles are looked up by name once per document and then set by id: python-docx
otherwise searches the style sheet by name for every heading, bullet and table,
which was a measurable share of the whole-workbook export.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from copy import deepcopy

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from lxml.etree import SubElement

from core.text import sanitize_text

_P, _R, _RPR, _I, _T, _BR, _TAB, _TC = (qn(t) for t in ("w:p", "w:r", "w:rPr", "w:i", "w:t", "w:br", "w:tab", "w:tc"))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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


def _style_id(doc: DocxDocument, name: str, style_type: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
    """The id of the style called `name` in `doc`, looked up once per document."""
    cache = doc.__dict__.setdefault("_workbook_style_ids", {})
    if name not in cache:
        cache[name] = doc.styles.get_style_id(name, style_type)
    return cache[name]


def _add_paragraph(doc: DocxDocument, text: str = "", style: str | None = None, *, italic: bool = False):
    """A paragraph of (sanitized) `text` in `style`, its run written with lxml (python-docx adds a run's
    text one character at a time, which a 10,000-character answer makes slow)."""
    p = doc.add_paragraph()
    if style is not None:
        p._p.style = _style_id(doc, style)
    if text:
        _text_run(p._p, text, italic=italic)
    return p


def heading(doc: DocxDocument, text: str, level: int = 1) -> None:
    """A real heading (Title at level 0, Heading 1-9 below it)."""
    if not 0 <= level <= 9:
        raise ValueError(f"A heading level is 0 to 9, not {level}.")
    _add_paragraph(doc, sanitize_text(text), "Title" if level == 0 else f"Heading {level}")


def paragraph(doc: DocxDocument, text: str, *, italic: bool = False, style: str | None = None) -> None:
    """A paragraph per line of `text` (blank lines kept as paragraph breaks)."""
    for line in sanitize_text(text).split("\n\n"):
        _add_paragraph(doc, line, style, italic=italic)


def bullets(doc: DocxDocument, items: Iterable[str]) -> None:
    for item in items:
        _add_paragraph(doc, sanitize_text(item), "List Bullet")


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _text_run(paragraph_element, text: str, *, italic: bool = False) -> None:
    """A run holding `text` under a `w:p` element: new lines as line breaks, tabs as tabs (as python-docx does)."""
    run = SubElement(paragraph_element, _R)
    if italic:
        SubElement(SubElement(run, _RPR), _I)
    for i, line in enumerate(text.split("\n")):
        if i:
            SubElement(run, _BR)
        for j, part in enumerate(line.split("\t")):
            if j:
                SubElement(run, _TAB)
            if part:
                t = SubElement(run, _T)
                t.text = part
                if part[0].isspace() or part[-1].isspace():
                    t.set(_XML_SPACE, "preserve")


def table(
    doc: DocxDocument,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    widths: Sequence[float] | None = None,
) -> None:
    """A table whose first row is a real header row (bold, repeated on each page).

    `widths` (inches, one per column) are set on the table grid and on every cell, with autofit
    off: Word reads the cells, LibreOffice lays tables out from the grid.

    Body rows are copies of one empty row filled in with lxml: python-docx's cell API walks the
    XML for every cell and was most of the time of a report with many tables.
    """
    rows = [list(r) for r in rows]
    if widths is not None and len(widths) != len(headers):
        raise ValueError(f"{len(widths)} column widths for {len(headers)} columns.")
    for values in rows:
        if len(values) != len(headers):
            raise ValueError(f"A row of {len(values)} cells in a table of {len(headers)} columns.")
    t = doc.add_table(rows=1, cols=len(headers))
    t._tbl.tblStyle_val = _style_id(doc, "Light Grid Accent 1", WD_STYLE_TYPE.TABLE)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    if widths:
        t.autofit = False
        for column, width in zip(t.columns, widths, strict=True):
            column.width = Inches(width)
            for cell in column.cells:
                cell.width = Inches(width)
    head = t.rows[0]._tr
    blank = deepcopy(head)  # cells with their widths and one empty paragraph each
    _repeat_header(t.rows[0])
    for cell, text in zip(t.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(sanitize_text(text)).bold = True
    tbl = t._tbl
    for values in rows:
        tr = deepcopy(blank)
        for tc, value in zip(tr.iterchildren(_TC), values, strict=True):
            text = sanitize_text("" if value is None else value)
            if text:
                _text_run(tc.find(_P), text)
        tbl.append(tr)
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
