"""After the workshop: a round without answers never becomes the default, the agreed answers' reasons reach the
Word report, the demo is built in one transaction without the join limiter, a participant's progress per part,
and the projector's chart carries its numbers."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from sqlmodel import func, select

from core import demo
from core.export.readiness_report import latest_report_docx, preview, readiness_report_docx
from core.hrh import readiness
from core.store import readiness_repo, workspaces
from core.store.workshop_models import JoinAttempt, Workshop
from core.workshop import charts
from core.workshop import session as w
from tests.conftest import make_workspace

A = "mission_values.written_mission"
B = "mission_values.value_statements"


def self_round(store, workspace, label, held_on, value):
    round_ = readiness.create_round(store, workspace.id, label, held_on)
    me = readiness.self_respondent(store, workspace.id, round_.id)
    for item in sorted(readiness.item_ids()):
        readiness.save_readiness_answer(store, workspace.id, me.id, item, value)
    return round_


# ---------------------------------------------------------------- the default round


def test_an_empty_later_workshop_never_becomes_the_default_round(store, workspace):
    spring = self_round(store, workspace, "Spring", dt.date(2025, 4, 1), 2)
    ws = w.start_workshop(store, workspace.id, "readiness", title="Retreat", held_on=dt.date(2025, 9, 1))
    assert readiness_repo.default_round(store, workspace.id).id == spring.id
    # participants' answers alone are not a result: still Spring
    token = w.join_workshop(store, ws.code, "Ana", "c").token
    w.save_participant_answer(store, token, A, 4)
    assert readiness_repo.default_round(store, workspace.id).id == spring.id
    # an agreed "Not sure" has no number: still Spring
    w.record_agreed_answer(store, workspace.id, ws.id, B, None, "Nobody knows")
    assert readiness_repo.default_round(store, workspace.id).id == spring.id
    # an agreed answer with a number: the workshop's round is the latest with answers
    w.record_agreed_answer(store, workspace.id, ws.id, A, 3, "Written in 2019")
    assert readiness_repo.default_round(store, workspace.id).id == ws.round_id
    assert readiness_repo.rounds_with_results(store, workspace.id) == {spring.id, ws.round_id}


def test_without_answers_anywhere_the_latest_round_is_the_default(store, workspace):
    assert readiness_repo.default_round(store, workspace.id) is None
    readiness.create_round(store, workspace.id, "First", dt.date(2025, 1, 1))
    second = readiness.create_round(store, workspace.id, "Second", dt.date(2025, 2, 1))
    assert readiness_repo.default_round(store, workspace.id).id == second.id


def test_another_workspaces_rounds_never_count(store, workspace):
    other = make_workspace(store, "Other Org")
    self_round(store, other, "Theirs", dt.date(2026, 1, 1), 4)
    mine = readiness.create_round(store, workspace.id, "Mine", dt.date(2025, 1, 1))
    assert readiness_repo.default_round(store, workspace.id).id == mine.id


# ---------------------------------------------------------------- the report: round choice and reasons


def open_doc(data: bytes):
    return Document(io.BytesIO(data))


def test_the_report_is_of_the_latest_round_with_answers_and_carries_the_agreed_reasons(sqlite_store):
    store, workspace = sqlite_store, make_workspace(sqlite_store)
    self_round(store, workspace, "Spring", dt.date(2025, 4, 1), 2)
    ws = w.start_workshop(store, workspace.id, "readiness", title="Retreat", held_on=dt.date(2025, 9, 1))
    doc = open_doc(latest_report_docx(store, workspace.id))
    opening = " ".join(p.text for p in doc.paragraphs[:6])
    assert "Spring (April 1, 2025)" in opening and "Retreat" not in opening  # not the empty later round
    assert preview(store, workspace.id)[0].startswith("The latest round with answers: Spring")

    w.record_agreed_answer(store, workspace.id, ws.id, A, 3, "Written in 2019; <b>old</b>\x0b")
    w.record_agreed_answer(store, workspace.id, ws.id, B, None, "Nobody in the room knows")
    doc = open_doc(readiness_report_docx(store, workspace.id, ws.round_id))
    mission = next(t for t in doc.tables if t.rows[0].cells[0].text == "Item" and "written mission" in
                   t.rows[1].cells[0].text)  # fmt: skip
    assert [c.text for c in mission.rows[0].cells] == ["Item", "Agreed answer", "Why"]
    assert mission.rows[1].cells[2].text == "Written in 2019; <b>old</b>"  # as typed, control character removed
    assert mission.rows[2].cells[1].text == "Not sure"
    assert mission.rows[2].cells[2].text == "Nobody in the room knows"
    assert mission.rows[3].cells[2].text == ""  # no agreed answer: no reason
    # the Spring report (no workshop) keeps its two columns
    spring = readiness_repo.list_rounds(store, workspace.id)[0]
    plain = open_doc(readiness_report_docx(store, workspace.id, spring.id))
    assert all(len(t.rows[0].cells) == 2 for t in plain.tables if t.rows[0].cells[0].text == "Item")


# ---------------------------------------------------------------- the demo


def test_the_demo_is_built_without_the_join_limiter(sqlite_store):
    workspace, _ = demo.open_demo(sqlite_store)
    with sqlite_store.read() as s:
        assert s.exec(select(func.count()).select_from(JoinAttempt)).one() == 0
    [ws] = w.list_workshops(sqlite_store, workspace.id)
    assert len(w.list_participants(sqlite_store, workspace.id, ws.id)) == 6


def test_a_demo_that_fails_half_way_leaves_nothing_behind(store, monkeypatch):
    def broken(_store, _workspace_id, _part):
        raise RuntimeError("the disk filled up half-way")

    monkeypatch.setitem(demo._FILLERS, "workshop", broken)  # after readiness, values, texts and records
    with pytest.raises(RuntimeError):
        demo.open_demo(store)
    assert workspaces.find_workspace(store, demo.demo_name()) is None
    with store.read() as s:
        assert s.exec(select(func.count()).select_from(Workshop)).one() == 0
        assert s.exec(select(func.count()).select_from(readiness_repo.ReadinessRound)).one() == 0
    monkeypatch.undo()
    workspace, _ = demo.open_demo(store)  # the next visitor gets a whole demo
    assert len(w.list_workshops(store, workspace.id)) == 1


# ---------------------------------------------------------------- a participant's progress per part


def test_progress_per_part_counts_not_sure_as_an_answer():
    domains = readiness.domains()[:2]
    answers = {A: 3, B: None, "services.mobile": 1, "staffing.billing_staff": 4}  # staffing is not asked
    progress = w.participant_part_progress(domains, answers)
    # Mission & Values: A and B (Not sure counts) = 2 of 8; Services: mobile = 1 of 16
    assert [(p.title, p.answered, p.total) for p in progress] == [("Mission & Values", 2, 8), ("Services", 1, 16)]


# ---------------------------------------------------------------- the projector's chart


def distribution(counts, not_sure=0, order=0):
    return w.ItemDistribution(
        item_id=A, domain_title="Mission & Values", number=1, text="Mission?", order=order,
        counts=counts, not_sure=not_sure, unanswered=0, spread=3,
    )  # fmt: skip


def test_every_bar_carries_its_answer_and_its_number_in_projector_type():
    fig = charts.disagreement_figure([distribution((1, 0, 2, 3), not_sure=1)], font_size=charts.PROJECTOR_FONT_SIZE)
    bar = fig.data[0]
    assert list(bar.x[1]) == ["1", "2", "3", "4", "?"]  # each bar under its own answer, not a colour
    assert list(bar.y) == [1, 0, 2, 3, 1]
    assert list(bar.text) == ["1", "", "2", "3", "1"]  # the numbers on the bars (none on an empty bar)
    assert bar.textfont.size == 28 and fig.layout.font.size == 28
    assert fig.layout.xaxis.tickfont.size == 28 and fig.layout.yaxis.tickfont.size == 28
    assert fig.layout.title.font.size >= 28
    spread = charts.domain_spread_figure(
        [w.DomainSpread(domain_id="mission_values", title="Mission & Values", people=3, mean=2.5, low=1, high=4)],
        font_size=28,
    )
    assert spread.layout.yaxis.tickfont.size == 28 and spread.data[-1].textfont.size == 28
