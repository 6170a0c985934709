"""Every export survives hostile text in every field, and every Word document is navigable.

The demo workspace fills every step; then every text answer, every free-text string inside
every table row and value answer, the readiness round's label and the workspace's name are
rewritten with what a person could type or paste: control characters, 10,000-character
answers, emoji, right-to-left text, HTML and script tags, and spreadsheet formulas. Every
registered export must then build and open, and no Excel cell may hold a live formula.

The structure test (issue 9, accessibility) checks every Word export of the demo: a Title,
headings that never skip a level, a header row on every table, alt text on every picture;
and a title on every slide of the deck.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation
from sqlmodel import select

from core import demo
from core.export import backup, registry
from core.hrh import readiness as r
from core.store import answers, workspaces
from core.store.models import Record, TextAnswer, ValueAnswer

FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)"]
# short enough that a hostile scenario name stays within the 80 characters a person can type into one
TAIL = "\x00\x07\x0b\x1b\x7f <script>alert(1)</script>&amp; 🧪💉 العربية עברית \u202egnp.exe\u202c"
LONG = ("Navigation takes time; trust takes longer. " * 300)[:10_000]
# Enumerations, ids, dates, numbers and links stay as they are: the pages only ever store
# choices there. Free text (anything with a space in it) is what a person types.
_NOT_FREE_TEXT = re.compile(r"^(\S+)$")


def _hostile(i: int, long: bool = False) -> str:
    """The i-th hostile string: a formula first (where a spreadsheet would look), then the rest."""
    head = f"{FORMULAS[i % len(FORMULAS)]} {TAIL} #{i}"
    return (head + " " + LONG)[:10_000] if long else head


class _Rewriter:
    """Maps each distinct original string to one hostile string, so joins between rows (an
    outcome count naming its measure, an agenda naming its partner) still hold."""

    def __init__(self) -> None:
        self.mapping: dict[str, str] = {}

    def string(self, value: str) -> str:
        if _NOT_FREE_TEXT.match(value) or value.startswith(("http://", "https://")):
            return value
        if value not in self.mapping:
            self.mapping[value] = _hostile(len(self.mapping))
        return self.mapping[value]

    def walk(self, value):
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, list):
            return [self.walk(v) for v in value]
        if isinstance(value, dict):
            return {k: self.walk(v) for k, v in value.items()}
        return value


def make_hostile(store, workspace_id: str) -> int:
    """Rewrite everything a person could have typed in the workspace; return how many fields changed."""
    rewrite = _Rewriter()
    changed = 0
    with store.read() as s:
        texts = s.exec(select(TextAnswer).where(TextAnswer.workspace_id == workspace_id)).all()
        values = s.exec(select(ValueAnswer).where(ValueAnswer.workspace_id == workspace_id)).all()
        records = s.exec(select(Record).where(Record.workspace_id == workspace_id)).all()
    for i, t in enumerate(texts):
        answers.save_text(store, workspace_id, t.section, t.prompt, _hostile(i, long=True))
        changed += 1
    for v in values:
        new = rewrite.walk(v.value)
        if new != v.value:
            answers.save_value(store, workspace_id, v.section, v.key, new)
            changed += 1
    for rec in records:
        new = rewrite.walk(rec.data)
        if new != rec.data:
            answers.update_record(store, workspace_id, rec.id, new)
            changed += 1
    for round_ in r.list_rounds(store, workspace_id):
        r.update_round(store, workspace_id, round_.id, _hostile(7)[:80], round_.held_on)
    ws = workspaces.get_workspace(store, workspace_id)
    profile = workspaces.WorkspaceProfile(
        name=f'=HYPERLINK("x") <i>Riverbend</i> 🧪 עברית \x07{ws.name}'[:100],
        state=ws.state,
        org_type=ws.org_type,
        populations=ws.populations,
    )
    workspaces.update_profile(store, workspace_id, profile, passphrase=COPY_PASSPHRASE)  # a new name needs it
    return changed + len(rewrite.mapping)


def open_export(e: registry.Export, data: bytes):
    """Open the file with the library that reads its kind (which fails on a broken file)."""
    if e.mime == registry.DOCX:
        return Document(io.BytesIO(data))
    if e.mime == registry.PPTX:
        return Presentation(io.BytesIO(data))
    if e.mime == registry.XLSX:
        return load_workbook(io.BytesIO(data))
    if e.mime == registry.JSON:
        return json.loads(data)
    raise AssertionError(f"{e.id}: no reader for {e.mime}")


def _docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


COPY_PASSPHRASE = "the copy's passphrase"


@pytest.fixture
def demo_workspace(sqlite_store):
    """The demo's content in a workspace of its own (the demo itself cannot be renamed)."""
    workspace, _ = demo.open_demo(sqlite_store)
    copy_id = backup.restore_copy(sqlite_store, backup.export_workspace(sqlite_store, workspace.id), COPY_PASSPHRASE)
    return sqlite_store, workspaces.get_workspace(sqlite_store, copy_id)


def test_every_export_survives_hostile_text_in_every_field(demo_workspace):
    store, workspace = demo_workspace
    assert make_hostile(store, workspace.id) > 200  # the demo fills every step
    built = {}
    for e in registry.exports():
        data = e.build(store, workspace.id)
        assert isinstance(data, bytes) and data, e.id
        opened = open_export(e, data)
        assert e.preview(store, workspace.id), e.id
        built[e.id] = (data, opened)

    report = _docx_text(built["workbook_docx"][1])
    assert "<script>alert(1)</script>" in report  # markup is text, never markup
    assert "🧪💉" in report and "العربية עברית" in report
    assert "\x07" not in report and "\x00" not in report
    assert LONG[:200] in report  # a 10,000-character answer is kept, not cut
    for export_id in ("readiness_report_docx", "partner_map_docx", "agenda_docx", "care_model_plan_docx"):
        assert "@SUM(A1)" in _docx_text(built[export_id][1]) or "+1+1" in _docx_text(built[export_id][1]), export_id

    data, book = built["workspace_xlsx"]
    formula_cells = [
        (ws.title, cell.coordinate)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formula_cells == []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(re.search(rb"<(\w+:)?f[ >]", z.read(n)) for n in sheets)
    texts = [
        cell.value for ws in book.worksheets for row in ws.iter_rows() for cell in row if isinstance(cell.value, str)
    ]
    assert {f for f in FORMULAS if any(t.startswith(f) for t in texts)} == set(FORMULAS)  # kept, as text

    backup = built["backup_json"][1]
    assert "<script>alert(1)</script>" in json.dumps(backup, ensure_ascii=False)


# ---------------------------------------------------------------- structure (accessibility)


def _heading_level(style_name: str) -> int | None:
    if style_name == "Title":
        return 0
    match = re.fullmatch(r"Heading (\d)", style_name)
    return int(match.group(1)) if match else None


def assert_accessible_docx(doc, name: str) -> None:
    levels = [
        (_heading_level(p.style.name), p.text) for p in doc.paragraphs if _heading_level(p.style.name) is not None
    ]
    assert levels and levels[0][0] == 0 and levels[0][1].strip(), f"{name}: starts with a Title"
    previous = 0
    for level, text in levels[1:]:
        assert level >= 1, f"{name}: a second Title ({text!r})"
        assert level <= previous + 1, f"{name}: heading {text!r} skips from level {previous} to {level}"
        previous = level
    for t in doc.tables:
        first = t.rows[0]._tr
        assert first.trPr is not None and first.trPr.xpath("./w:tblHeader"), f"{name}: a table without a header row"
        assert all(c.text.strip() for c in t.rows[0].cells), f"{name}: an empty header cell"
    for shape in doc.inline_shapes:
        descr = shape._inline.docPr.get("descr")
        assert descr and len(descr) > 20, f"{name}: a picture without alt text"


def test_every_word_export_has_a_title_ordered_headings_header_rows_and_alt_text(demo_workspace):
    store, workspace = demo_workspace
    documents = [e for e in registry.exports() if e.mime == registry.DOCX]
    assert {e.id for e in documents} >= {
        "value_proposition_docx",
        "workbook_docx",
        "readiness_report_docx",
        "partner_map_docx",
        "agenda_docx",
        "care_model_plan_docx",
    }
    for e in documents:
        assert_accessible_docx(Document(io.BytesIO(e.build(store, workspace.id))), e.id)


def test_the_structure_holds_for_an_empty_workspace_too(sqlite_store):
    from tests.conftest import make_workspace

    ws = make_workspace(sqlite_store)
    for e in registry.exports():
        data = e.build(sqlite_store, ws.id)
        opened = open_export(e, data)
        if e.mime == registry.DOCX:
            assert_accessible_docx(opened, e.id)


def test_every_slide_of_the_deck_has_a_title(demo_workspace):
    store, workspace = demo_workspace
    deck = Presentation(io.BytesIO(registry.get_export("value_proposition_pptx").build(store, workspace.id)))
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in deck.slides]
    assert len(titles) >= 8 and all(t.strip() for t in titles)
