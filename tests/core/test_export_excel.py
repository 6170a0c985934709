"""Every table of a workspace as an Excel workbook; typed text never becomes a formula."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from core.export import excel
from core.store import answers
from tests.conftest import make_workspace
from tests.core.vp_workspace import HOSTILE, fill


def _xlsx(store, workspace_id):
    return load_workbook(io.BytesIO(excel.workspace_xlsx(store, workspace_id)))


def _rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_one_sheet_per_table_and_per_record_kind_with_a_contents_sheet(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id)
    book = _xlsx(sqlite_store, ws.id)
    assert book.sheetnames[:2] == ["Contents", "workspace"]
    assert {"text_answer", "text_revision", "value_answer", "what_it_takes.conversation", "service_row"} <= set(
        book.sheetnames
    )
    contents = {row[0]: row[2] for row in _rows(book["Contents"])[1:]}
    assert contents["service_row"] == 3 and contents["what_it_takes.conversation"] == 1


def test_workspace_sheet_leaves_out_the_passphrase_hash(sqlite_store):
    ws = make_workspace(sqlite_store)
    header, row = _rows(_xlsx(sqlite_store, ws.id)["workspace"])
    assert "passphrase_hash" not in header and "failed_attempts" not in header
    assert dict(zip(header, row, strict=True))["name"] == "Northside Outreach"
    assert dict(zip(header, row, strict=True))["populations"] == '["people_who_use_drugs"]'


def test_record_data_is_flattened_into_columns(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id)
    header, *rows = _rows(_xlsx(sqlite_store, ws.id)["service_row"])
    assert header[:2] == ["id", "position"] and header[-2:] == ["created_at", "updated_at"]
    table = [dict(zip(header, r, strict=True)) for r in rows]
    assert [(r["service_id"], r["services_per_month"], r["currently_offer"]) for r in table] == [
        ("naloxone", 400, True),
        ("wound_care", 120, True),
        ("benefits_enrollment", 30, False),
    ]


def test_text_answers_show_section_prompt_and_text(sqlite_store):
    ws = make_workspace(sqlite_store)
    answers.save_text(sqlite_store, ws.id, "value_proposition.framing", "acute_care", "We catch wounds early.")
    header, row = _rows(_xlsx(sqlite_store, ws.id)["text_answer"])
    record = dict(zip(header, row, strict=True))
    assert (record["section"], record["prompt"], record["text"]) == (
        "value_proposition.framing",
        "acute_care",
        "We catch wounds early.",
    )


@pytest.mark.parametrize("typed", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", '=HYPERLINK("http://x","y")'])
def test_typed_text_never_becomes_a_live_formula(sqlite_store, typed):
    ws = make_workspace(sqlite_store)
    answers.save_text(sqlite_store, ws.id, "value_proposition.equity", "statement", typed)
    raw = excel.workspace_xlsx(sqlite_store, ws.id)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)
    sheet = load_workbook(io.BytesIO(raw))["text_answer"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == typed)
    assert cell.data_type == "s"
    if typed[0] in "=+-@\t":
        assert cell.quotePrefix


def test_anything_a_person_can_type_exports(sqlite_store):
    ws = make_workspace(sqlite_store)
    fill(sqlite_store, ws.id, text=HOSTILE * 40)
    values = [c for row in _xlsx(sqlite_store, ws.id)["text_answer"].iter_rows(values_only=True) for c in row]
    assert any(isinstance(v, str) and "🧪💉" in v and "العربية" in v for v in values)


def test_flatten_and_sheet_titles():
    assert excel.flatten({"a": {"b": 1, "c": {"d": [1, 2]}}, "e": {}}) == {"a.b": 1, "a.c.d": [1, 2], "e": {}}
    taken: set[str] = set()
    assert excel.sheet_title("what/ever: [x]?", taken) == "what_ever_ _x__"
    long = "k" * 40
    assert excel.sheet_title(long, taken) == "k" * 31
    assert excel.sheet_title(long, taken) == "k" * 27 + " (2)"
    assert excel.cell_value([1, "a"]) == '[1, "a"]' and excel.cell_value(None) is None
