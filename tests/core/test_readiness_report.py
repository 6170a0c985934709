"""The readiness report as a Word document."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from core.export.readiness_report import readiness_report_docx
from core.hrh import readiness as r
from core.store import answers
from tests.conftest import make_workspace


def answer_all(store, workspace, round_, value_of):
    me = r.self_respondent(store, workspace.id, round_.id)
    for item in sorted(r.item_ids()):
        r.save_readiness_answer(store, workspace.id, me.id, item, value_of(item))


def open_doc(data: bytes):
    return Document(io.BytesIO(data))


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def test_report_has_scores_chart_strengths_limitations_and_notes(sqlite_store):
    store, workspace = sqlite_store, make_workspace(sqlite_store)
    round_ = r.create_round(store, workspace.id, "Spring", dt.date(2025, 4, 1))
    answer_all(store, workspace, round_, lambda item: 4 if item.startswith("mission") else 2)
    answers.save_text(store, workspace.id, r.reflection_section(round_.id), "strengths", "Trust.\x0b Reach \x01<b>")
    doc = open_doc(readiness_report_docx(store, workspace.id))
    assert headings(doc, 1)[:4] == [
        "About this assessment",
        "Scores by domain",
        "Strengths and limitations",
        "Reflection notes",
    ]
    scores = doc.tables[0]
    assert [c.text for c in scores.rows[0].cells] == ["Domain", "Mean (1-4)", "Share of scale", "Answered", "Not sure"]
    assert [c.text for c in scores.rows[1].cells] == ["Mission & Values", "4.00", "100%", "8 of 8", "0"]
    # the two reversed Sustainability items answered 2 count 5 - 2 = 3
    assert [c.text for c in scores.rows[-1].cells][:2] == ["Overall", f"{(32 + 45 * 2 + 2) / 53:.2f}"]
    assert scores.rows[0]._tr.trPr is not None  # header row repeats
    (picture,) = doc.inline_shapes
    descr = picture._inline.docPr.get("descr")
    assert descr.startswith("Radar chart of the mean answer per domain") and "Mission & Values 4.00" in descr
    text = "\n".join(p.text for p in doc.paragraphs)
    # only Mission & Values is above the overall mean of 124 / 53 = 2.34 (Sustainability is 14 / 6 = 2.33)
    assert "Likely strengths (above the overall mean of 2.34): Mission & Values (4.00)." in text
    assert "Trust.\n Reach <b>" in text  # vertical tab a line break, other controls removed, markup kept as text
    assert "No notes yet." in text  # the two other questions
    assert "Compared with" not in text


def test_report_compares_with_the_previous_round(sqlite_store):
    store, workspace = sqlite_store, make_workspace(sqlite_store)
    first = r.create_round(store, workspace.id, "Spring", dt.date(2025, 4, 1))
    answer_all(store, workspace, first, lambda item: 2)
    second = r.create_round(store, workspace.id, "Autumn", dt.date(2025, 10, 1))
    answer_all(store, workspace, second, lambda item: 3)
    doc = open_doc(readiness_report_docx(store, workspace.id, second.id))
    assert "Compared with Spring" in headings(doc, 1)
    comparison = next(t for t in doc.tables if t.rows[0].cells[0].text == "Domain" and len(t.columns) == 4)
    assert [c.text for c in comparison.rows[1].cells] == ["Mission & Values", "2.00", "3.00", "+1.00"]
    # the first round has nothing before it
    assert "Compared with" not in "\n".join(headings(open_doc(readiness_report_docx(store, workspace.id, first.id)), 1))


def test_report_of_an_empty_round_says_there_is_nothing_yet(sqlite_store):
    store, workspace = sqlite_store, make_workspace(sqlite_store)
    r.create_round(store, workspace.id, "Empty", dt.date(2025, 4, 1))
    text = "\n".join(p.text for p in open_doc(readiness_report_docx(store, workspace.id)).paragraphs)
    assert "No item has been answered with a number yet" in text
    assert "Not enough answers yet." in text


def test_report_without_a_round_raises(sqlite_store):
    store, workspace = sqlite_store, make_workspace(sqlite_store)
    with pytest.raises(KeyError):
        readiness_report_docx(store, workspace.id)
