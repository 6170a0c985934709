"""Building Word documents (python-docx) the same way in every export.

Real heading styles, tables with a repeated header row, images with alt text,
the organization's name and the date on the title page, and every piece of
text passed through `sanitize_text` (so control characters a user pasted never
break the file). Exporters call these helpers and end with `to_bytes`.

The three kinds of text stay marked in documents too: `quote` and `quoted_bullets` set a source's
words in quotation marks, in Word's "Quote" style, with their credit; `illustration` marks made-up
figures; and every document ends with `sources_section`, naming the source documents and their
authors as the documents name them.

Styles are looked up by name once per document and then set by id: python-docx
otherwise searches the style sheet by name for every heading, bullet and table,
which was a measurable share of the whole-workbook export. Likewise paragraphs,
their style, bold header cells and the "keep with next" of table rows are written
with lxml: python-docx finds the place of each new element by searching its
siblings (for a paragraph, every paragraph of the body so far), which grew with the
document. The XML is the same as python-docx writes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence
from copy import deepcopy

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from core import sources
from core.sources import ILLUSTRATION_LABEL, Quote
from core.text import sanitize_text

_P, _R, _RPR, _I, _B, _T, _BR, _TAB, _TC = (
    qn(t) for t in ("w:p", "w:r", "w:rPr", "w:i", "w:b", "w:t", "w:br", "w:tab", "w:tc")
)
_PPR, _PSTYLE, _SECTPR, _VAL = (qn(t) for t in ("w:pPr", "w:pStyle", "w:sectPr", "w:val"))
PAGE_WIDTH = 6.5  # inches between the margins of a Letter page
KEEP_TOGETHER_ROWS = 20  # a table this short is never split over two pages
_CHAR_INCHES = 0.085  # an average character of 11 pt Calibri (bold headers a little wider)
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


def _new_paragraph(doc: DocxDocument) -> Paragraph:
    """An empty paragraph at the end of the body, before its closing `w:sectPr` (where `doc.add_paragraph`
    puts it, without searching the whole body for that `w:sectPr`)."""
    body = doc.element.body
    p = OxmlElement("w:p")
    last = body[-1] if len(body) else None
    if last is not None and last.tag == _SECTPR:
        last.addprevious(p)
    else:
        body.append(p)
    return Paragraph(p, doc._body)


def _add_paragraph(doc: DocxDocument, text: str = "", style: str | None = None, *, italic: bool = False):
    """A paragraph of (sanitized) `text` in `style`, its run written with lxml (python-docx adds a run's
    text one character at a time, which a 10,000-character answer makes slow)."""
    p = _new_paragraph(doc)
    if style is not None:  # as `p.style = ...`: a pPr, holding a pStyle unless the style is the default one
        style_id = _style_id(doc, style)
        p_pr = SubElement(p._p, _PPR)
        if style_id is not None:
            SubElement(p_pr, _PSTYLE).set(_VAL, style_id)
    if text:
        _text_run(p._p, text, italic=italic)
    return p


def paragraph_before(doc: DocxDocument, anchor: Paragraph, text: str, style: str | None = None) -> Paragraph:
    """A paragraph of (sanitized) `text` in `style` inserted just before `anchor` (e.g. the contents, written once
    the sections are known), the style set by id as everywhere in this module."""
    p = anchor.insert_paragraph_before(sanitize_text(text))
    if style is not None:
        p._p.style = _style_id(doc, style)
    return p


def heading(doc: DocxDocument, text: str, level: int = 1) -> None:
    """A real heading (Title at level 0, Heading 1-9 below it)."""
    if not 0 <= level <= 9:
        raise ValueError(f"A heading level is 0 to 9, not {level}.")
    _add_paragraph(doc, sanitize_text(text), "Title" if level == 0 else f"Heading {level}")


def paragraph(
    doc: DocxDocument, text: str, *, italic: bool = False, style: str | None = None, keep_with_next: bool = False
) -> None:
    """A paragraph per line of `text` (blank lines kept as paragraph breaks); `keep_with_next` keeps the
    last on the page of what follows (a lead-in line and its list or table)."""
    for line in sanitize_text(text).split("\n\n"):
        p = _add_paragraph(doc, line, style, italic=italic)
    if keep_with_next:
        p.paragraph_format.keep_with_next = True


def small_print(doc: DocxDocument, text: str) -> None:
    """A note in small grey type (where figures come from)."""
    p = _add_paragraph(doc, "", None)
    run = p.add_run(sanitize_text(text))
    run.font.size = Pt(8.5)
    run.font.color.rgb = RGBColor(0x55, 0x5B, 0x61)


def bullets(doc: DocxDocument, items: Iterable[str]) -> None:
    for item in items:
        _add_paragraph(doc, sanitize_text(item), "List Bullet")


def quote(doc: DocxDocument, q: Quote) -> None:
    """A source's words in quotation marks, in the Quote style, with the credit under them."""
    _add_paragraph(doc, sanitize_text(f"“{q.quote}”"), "Quote")
    _add_paragraph(doc, sanitize_text(f"— {sources.credit(q)}"), italic=True)


def quoted_bullets(doc: DocxDocument, items: Sequence[Quote]) -> None:
    """A list quoted word for word: each item in quotation marks, one credit after the list."""
    if not items:
        return
    for q in items:
        _add_paragraph(doc, sanitize_text(f"“{q.quote}”"), "List Bullet")
    _add_paragraph(doc, sanitize_text("— quoted from " + sources.shared_credit(items)), italic=True)


def illustration(doc: DocxDocument, note: str = "") -> None:
    """The mark over made-up example figures."""
    _add_paragraph(doc, sanitize_text(f"{ILLUSTRATION_LABEL} {note}".strip()), italic=True)


def sources_section(doc: DocxDocument, source_ids: Iterable[str], level: int = 1) -> None:
    """The document's "Sources": each source document with its title and authors as it names them,
    and how the three kinds of text are marked. Every exported document ends with it."""
    ids = [i for i in sources.SOURCE_IDS if i in set(source_ids)]
    heading(doc, "Sources", level)
    paragraph(
        doc,
        "This document was prepared with the Harm Reduction Financing Workbook, which draws on the documents "
        "below. Text in quotation marks is quoted word for word from them, with its credit; other text is the "
        "workbook's own explanation or the organization's own answers; figures marked as an illustration are "
        "made-up examples, not benchmarks.",
    )
    for source_id in ids:
        _add_paragraph(doc, sanitize_text(sources.full_entry(source_id)), "List Bullet")


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _text_run(paragraph_element, text: str, *, italic: bool = False, bold: bool = False) -> None:
    """A run holding `text` under a `w:p` element: new lines as line breaks, tabs as tabs (as python-docx does)."""
    run = SubElement(paragraph_element, _R)
    if italic or bold:
        r_pr = SubElement(run, _RPR)
        if bold:
            SubElement(r_pr, _B)
        if italic:
            SubElement(r_pr, _I)
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
    numeric: Sequence[int] = (),
) -> None:
    """A table whose first row is a real header row (bold, repeated on each page).

    `widths` (inches, one per column) are set on the table grid and on every cell, with autofit
    off: Word reads the cells, LibreOffice lays tables out from the grid. Without them, `auto_widths`
    gives every column room for its longest word and every number whole. `numeric` columns (money,
    counts) are right aligned and never wrap: "$1,038,229" is never set over two lines.

    A row never splits over a page; a table of at most KEEP_TOGETHER_ROWS rows is kept on one page
    (each row kept with the next), so no page ends with its header and one row.

    Body rows are copies of one empty row filled in with lxml: python-docx's cell API walks the
    XML for every cell and was most of the time of a report with many tables.
    """
    rows = [list(r) for r in rows]
    if widths is not None and len(widths) != len(headers):
        raise ValueError(f"{len(widths)} column widths for {len(headers)} columns.")
    for values in rows:
        if len(values) != len(headers):
            raise ValueError(f"A row of {len(values)} cells in a table of {len(headers)} columns.")
    texts = [[sanitize_text("" if v is None else v) for v in values] for values in rows]
    widths = widths or auto_widths(headers, texts, numeric)
    t = doc.add_table(rows=1, cols=len(headers))
    t._tbl.tblStyle_val = _style_id(doc, "Light Grid Accent 1", WD_STYLE_TYPE.TABLE)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    for column, tc, width in zip(t.columns, t.rows[0]._tr.tc_lst, widths, strict=True):
        column.width = Inches(width)
        tc.width = Inches(width)  # the one row so far (as `cell.width` sets it, without resolving the grid)
    keep = len(rows) <= KEEP_TOGETHER_ROWS
    head = t.rows[0]
    for i, (cell, text) in enumerate(zip(head.cells, headers, strict=True)):
        _text_run(cell._tc.find(_P), sanitize_text(text), bold=True)
        if i in numeric:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(head)
    _cant_split(head._tr)
    blank = deepcopy(head._tr)  # cells with their widths and one paragraph each, the header's formatting
    for tc in blank.iterchildren(_TC):
        for r in tc.find(_P).findall(_R):
            tc.find(_P).remove(r)
    blank.trPr.remove(blank.trPr.find(qn("w:tblHeader")))
    for i, tc in enumerate(blank.iterchildren(_TC)):
        if i in numeric:
            tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))
    blank_kept = deepcopy(blank)  # the same, each cell kept with the next row (all rows but the last)
    for tc in blank_kept.iterchildren(_TC):
        _keep_next(tc.find(_P))
    if keep:
        for tc in head._tr.iterchildren(_TC):
            _keep_next(tc.find(_P))
    tbl = t._tbl
    for n, values in enumerate(texts):
        tr = deepcopy(blank_kept if keep and n < len(texts) - 1 else blank)
        for tc, text in zip(tr.iterchildren(_TC), values, strict=True):
            if text:
                _text_run(tc.find(_P), text)
        tbl.append(tr)
    _new_paragraph(doc)


def auto_widths(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> list[float]:
    """Column widths (inches) within the page: each column gets at least its longest word (a number whole,
    a numeric column's header on at most two lines), then the room left goes to the columns whose text
    would wrap, in proportion to what they lack, never wider than their text on one line."""

    def longest_word(text: str) -> int:
        return max((len(w) for w in text.split()), default=0)

    def inches(chars: int) -> float:
        return 0.2 + chars * _CHAR_INCHES

    floors, needs = [], []
    for i, header in enumerate(headers):
        cells = [r[i] for r in rows]
        if i in numeric:
            word = max([longest_word(header) + 1, math.ceil(len(header) / 2) + 1, *[len(c) for c in cells]])
        else:
            word = max([longest_word(header) + 1, *[longest_word(c) for c in cells]])
        floors.append(inches(word))
        needs.append(max(inches(word), inches(max([len(header) + 1, *[len(c) for c in cells]]))))
    room = PAGE_WIDTH - sum(floors)
    if room <= 0:  # more words than page: shrink every floor alike
        return [round(f * PAGE_WIDTH / sum(floors), 2) for f in floors]
    lack = [n - f for n, f in zip(needs, floors, strict=True)]
    share = min(1.0, room / sum(lack)) if sum(lack) else 0.0
    return [round(f + x * share, 2) for f, x in zip(floors, lack, strict=True)]


def _cant_split(tr) -> None:
    tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _keep_next(p) -> None:
    p.get_or_add_pPr().get_or_add_keepNext()  # in the schema's order (Word refuses a misplaced element)


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
