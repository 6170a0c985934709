"""Workshop mode in the store (SQLite, and PostgreSQL when TEST_DATABASE_URL is set): starting, joining,
limited tries, tokens, own answers only, pause and close, agreed answers as the round's result, and thirty
people answering all 53 items at once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlmodel import func, select

from core.export import backup
from core.hrh import readiness
from core.store.readiness_models import ReadinessAnswer
from core.store.workshop_models import JoinAttempt, WorkshopParticipant
from core.workshop import session as w
from tests.conftest import make_workspace

A = "mission_values.written_mission"
B = "mission_values.value_statements"
STAFF = "staffing.adequate_staff"


def count(store, model, *where) -> int:
    with store.read() as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


def start(store, workspace, **kw):
    return w.start_workshop(store, workspace.id, "readiness", **kw)


# ---------------------------------------------------------------- starting and running


def test_a_readiness_workshop_gets_its_own_round_and_an_open_code(store, workspace):
    ws = start(store, workspace, title="Board retreat", held_on=dt.date(2025, 6, 12))
    assert ws.status == "open" and not ws.results_visible
    assert w.normalize_code(ws.code) == ws.code
    round_ = readiness.get_round(store, workspace.id, ws.round_id)
    assert (round_.label, round_.held_on, round_.source) == ("Board retreat", dt.date(2025, 6, 12), "workshop")
    assert ws.options["domains"] == [d.id for d in readiness.domains()]
    assert len(w.workshop_item_ids(ws)) == 53
    assert [x.id for x in w.list_workshops(store, workspace.id)] == [ws.id]


def test_chosen_domains_are_kept_in_workbook_order(store, workspace):
    ws = start(store, workspace, options=w.WorkshopOptions(domains=["systems", "mission_values"]))
    assert ws.options["domains"] == ["mission_values", "systems"]
    assert len(w.workshop_item_ids(ws)) == 8 + 5
    with pytest.raises(w.WorkshopError, match="Unknown readiness domains"):
        start(store, workspace, options=w.WorkshopOptions(domains=["finance"]))
    with pytest.raises(w.WorkshopError):
        w.start_workshop(store, workspace.id, "karaoke")


def test_pause_resume_close_and_close_is_final(store, workspace):
    ws = start(store, workspace)
    assert w.pause_workshop(store, workspace.id, ws.id).status == "paused"
    assert w.resume_workshop(store, workspace.id, ws.id).status == "open"
    closed = w.close_workshop(store, workspace.id, ws.id)
    assert closed.status == "closed" and closed.closed_at is not None
    with pytest.raises(w.WorkshopError, match="closed"):
        w.resume_workshop(store, workspace.id, ws.id)
    with pytest.raises(w.WorkshopError):
        w.pause_workshop(store, workspace.id, ws.id)


def test_another_workspace_cannot_touch_a_workshop(store, workspace):
    ws = start(store, workspace)
    other = make_workspace(store, "Other Org")
    with pytest.raises(KeyError):
        w.get_workshop(store, other.id, ws.id)
    with pytest.raises(KeyError):
        w.close_workshop(store, other.id, ws.id)
    with pytest.raises(KeyError):
        w.record_agreed_answer(store, other.id, ws.id, A, 3, "agreed")
    assert w.list_workshops(store, other.id) == []


# ---------------------------------------------------------------- joining


def test_join_by_code_and_come_back_by_token(store, workspace):
    ws = start(store, workspace)
    joined = w.join_workshop(store, w.format_code(ws.code).lower(), "  Ana   M. ", "client-1")
    assert joined.seat.participant.display_name == "Ana M."
    assert joined.seat.workshop.id == ws.id
    seat = w.seat_for_token(store, joined.token)
    assert seat.participant.id == joined.seat.participant.id
    assert seat.participant.respondent_id is not None
    with store.read() as s:
        row = s.get(WorkshopParticipant, seat.participant.id)
    assert joined.token not in row.token_hash and len(row.token_hash) == 64  # only the hash is kept


def test_tokens_that_are_not_a_seat_find_nothing(store, workspace):
    ws = start(store, workspace)
    ana = w.join_workshop(store, ws.code, "Ana", "c")
    bo = w.join_workshop(store, ws.code, "Bo", "c")
    ana_id, ana_secret = ana.token.split(".")
    bo_secret = bo.token.split(".")[1]
    for token in [None, "", "garbage", ana_id, f"{ana_id}.{bo_secret}", f"{ana_id}.{ana_secret}x", "x" * 500]:
        assert w.seat_for_token(store, token) is None


def test_wrong_and_closed_codes_get_clear_messages(store, workspace):
    ws = start(store, workspace)
    wrong = "".join("A" if ch != "A" else "C" for ch in ws.code)
    with pytest.raises(w.WorkshopError, match="No open workshop has the code"):
        w.join_workshop(store, wrong, "Ana", "c")
    w.close_workshop(store, workspace.id, ws.id)
    with pytest.raises(w.WorkshopError, match="has been closed"):
        w.join_workshop(store, ws.code, "Ana", "c")


def test_a_paused_workshop_can_be_joined_but_takes_no_answers(store, workspace):
    ws = start(store, workspace)
    w.pause_workshop(store, workspace.id, ws.id)
    joined = w.join_workshop(store, ws.code, "Ana", "c")
    with pytest.raises(w.WorkshopError, match="paused"):
        w.save_participant_answer(store, joined.token, A, 3)
    w.resume_workshop(store, workspace.id, ws.id)
    w.save_participant_answer(store, joined.token, A, 3)
    w.close_workshop(store, workspace.id, ws.id)
    with pytest.raises(w.WorkshopError, match="closed"):
        w.save_participant_answer(store, joined.token, A, 1)
    with pytest.raises(w.WorkshopError, match="closed"):
        w.clear_participant_answer(store, joined.token, A)
    seat = w.seat_for_token(store, joined.token)
    assert w.participant_answers(store, seat) == {A: 3}  # closing keeps what was given
    assert "closed" in w.status_message(seat.workshop)


def test_a_display_name_is_taken_once_per_workshop(store, workspace):
    ws = start(store, workspace)
    w.join_workshop(store, ws.code, "Ana", "c")
    with pytest.raises(w.WorkshopError, match="already joined as"):
        w.join_workshop(store, ws.code, "  ANA ", "c")
    with pytest.raises(ValueError, match="display name is required"):
        w.join_workshop(store, ws.code, " \x00 ", "c")
    with pytest.raises(ValueError, match="limit is 60"):
        w.join_workshop(store, ws.code, "x" * 61, "c")
    assert len(w.list_participants(store, workspace.id, ws.id)) == 1
    other = start(store, workspace)
    w.join_workshop(store, other.code, "Ana", "c")  # the same name in another workshop is fine


def test_unicode_and_markup_names_are_kept_as_typed(store, workspace):
    ws = start(store, workspace)
    joined = w.join_workshop(store, ws.code, "<b>Zoë</b> 🌱 **x**", "c")
    assert w.seat_for_token(store, joined.token).participant.display_name == "<b>Zoë</b> 🌱 **x**"


# ---------------------------------------------------------------- limited tries (more in test_workshop_access.py)


def _wrong(code: str) -> str:
    return "".join("A" if ch != "A" else "C" for ch in code)


def test_malformed_codes_are_refused_before_counting(store, workspace):
    for n in range(15):
        with pytest.raises(w.WorkshopError, match="join code has 7"):
            w.join_workshop(store, "O0O-0O0O", "Ana", "c")
    assert count(store, JoinAttempt) == 0


# ---------------------------------------------------------------- own answers only


def test_a_participant_reads_and_writes_only_their_own_answers(store, workspace):
    ws = start(store, workspace, options=w.WorkshopOptions(domains=["mission_values"]))
    ana = w.join_workshop(store, ws.code, "Ana", "c")
    bo = w.join_workshop(store, ws.code, "Bo", "c")
    w.save_participant_answer(store, ana.token, A, 4)
    w.save_participant_answer(store, ana.token, B, None)
    w.save_participant_answer(store, bo.token, A, 1)
    w.save_participant_answer(store, ana.token, A, 3)  # a change replaces, never duplicates
    assert w.participant_answers(store, w.seat_for_token(store, ana.token)) == {A: 3, B: None}
    assert w.participant_answers(store, w.seat_for_token(store, bo.token)) == {A: 1}
    w.clear_participant_answer(store, ana.token, B)
    assert w.participant_answers(store, w.seat_for_token(store, ana.token)) == {A: 3}
    with pytest.raises(w.WorkshopError, match="does not ask"):
        w.save_participant_answer(store, ana.token, STAFF, 2)  # not one of the chosen domains
    with pytest.raises(ValueError):
        w.save_participant_answer(store, ana.token, A, 5)
    with pytest.raises(w.WorkshopError, match="not a workshop seat"):
        w.save_participant_answer(store, "forged.token", A, 2)
    assert count(store, ReadinessAnswer) == 2


# ---------------------------------------------------------------- live summary and agreed answers


def test_live_summary_and_agreed_answers_become_the_rounds_result(store, workspace):
    ws = start(store, workspace, options=w.WorkshopOptions(domains=["mission_values"]))
    tokens = [w.join_workshop(store, ws.code, name, "c").token for name in ("Ana", "Bo", "Cy", "Di")]
    for token, (a, b) in zip(tokens, [(1, 1), (4, 4), (4, 1), (4, 4)], strict=True):
        w.save_participant_answer(store, token, A, a)
        w.save_participant_answer(store, token, B, b)
    live = w.readiness_live(store, workspace.id, ws)
    assert [p.display_name for p in live.participants] == ["Ana", "Bo", "Cy", "Di"]
    assert [p.responded for p in live.participants] == [2, 2, 2, 2] and live.answers_given == 8
    assert [d.item_id for d in live.disagreement[:2]] == [B, A]  # both spread 3; B has the larger deviation
    assert live.domains[0].mean == pytest.approx(2.875)  # people's means 1, 4, 2.5, 4
    assert live.agreed == {}
    assert readiness.round_scores(store, workspace.id, ws.round_id).answered == 0  # nothing agreed yet

    w.record_agreed_answer(store, workspace.id, ws.id, A, 3, "Written, but two years old")
    w.record_agreed_answer(store, workspace.id, ws.id, B, 2, "Values exist only in the handbook")
    with pytest.raises(ValueError, match="reason"):
        w.record_agreed_answer(store, workspace.id, ws.id, A, 4, "   ")
    with pytest.raises(w.WorkshopError, match="does not cover"):
        w.record_agreed_answer(store, workspace.id, ws.id, STAFF, 4, "x")
    agreed = w.agreed_answers(store, workspace.id, ws)
    assert {i: (a.value, a.note) for i, a in agreed.items()} == {
        A: (3, "Written, but two years old"),
        B: (2, "Values exist only in the handbook"),
    }
    assert readiness.round_answers(store, workspace.id, ws.round_id) == {A: 3, B: 2}
    scores = readiness.round_scores(store, workspace.id, ws.round_id)
    assert scores.domain("mission_values").mean == pytest.approx(2.5)
    latest_round, latest = readiness.latest_round_scores(store, workspace.id)
    assert latest_round.id == ws.round_id and latest.answered == 2
    # everyone's own answers are kept with the round
    assert sorted(readiness.answers_by_respondent(store, workspace.id, ws.round_id).values(), key=str) == sorted(
        [{A: 1, B: 1}, {A: 4, B: 4}, {A: 4, B: 1}, {A: 4, B: 4}], key=str
    )


def test_accepting_the_suggested_answers_fills_only_items_not_agreed(store, workspace):
    ws = start(store, workspace, options=w.WorkshopOptions(domains=["mission_values"]))
    tokens = [w.join_workshop(store, ws.code, name, "c").token for name in ("Ana", "Bo", "Cy")]
    for token, (a, b) in zip(tokens, [(1, 2), (4, 3), (2, None)], strict=True):
        w.save_participant_answer(store, token, A, a)
        w.save_participant_answer(store, token, B, b)
    w.record_agreed_answer(store, workspace.id, ws.id, A, 4, "We publish it")
    assert w.accept_suggested_answers(store, workspace.id, ws.id) == 1  # only B; the other 6 items have no numbers
    agreed = w.agreed_answers(store, workspace.id, ws)
    assert agreed[A].value == 4 and agreed[B].value == 2  # B: 2, 3 -> lower median 2
    assert agreed[B].note == w.SUGGESTED_REASON
    assert w.accept_suggested_answers(store, workspace.id, ws.id) == 0


def test_backup_keeps_the_workshop_and_leaves_join_tries_out(store, workspace):
    ws = start(store, workspace)
    joined = w.join_workshop(store, ws.code, "Ana", "c")
    w.save_participant_answer(store, joined.token, A, 2)
    with pytest.raises(w.WorkshopError):
        w.join_workshop(store, _wrong(ws.code), "Guess", "c")
    w.presenter_link_token(store, workspace.id, ws.id)
    tables = backup.workspace_rows(store, workspace.id)
    assert len(tables["workshop"]) == 1 and len(tables["workshop_participant"]) == 1
    # tries, passes and presenter links are credentials or belong to no workspace: never in a file
    assert not {"join_attempt", "join_pass", "workshop_presenter"} & set(tables)


def test_deleting_the_workspace_removes_its_workshops(store, workspace):
    from core.store import workspaces

    ws = start(store, workspace)
    w.join_workshop(store, ws.code, "Ana", "c")
    workspaces.delete_workspace(store, workspace.id, workspace.name)
    assert count(store, WorkshopParticipant) == 0
    with pytest.raises(w.WorkshopError, match="No open workshop"):
        w.join_workshop(store, ws.code, "Bo", "c")


# ---------------------------------------------------------------- thirty people at once


def test_thirty_participants_answering_all_53_items_at_once_lose_nothing(store, workspace):
    ws = start(store, workspace)
    items = w.workshop_item_ids(ws)
    assert len(items) == 53
    people = 30
    tokens: list[str | None] = [None] * people
    errors: list[BaseException] = []
    barrier = threading.Barrier(people)

    def value_for(person: int, n: int) -> int | None:
        return None if (person + n) % 7 == 0 else (person + n) % 4 + 1

    def participant(person: int) -> None:
        try:
            barrier.wait()
            tokens[person] = w.join_workshop(store, ws.code, f"Participant {person}", f"client-{person}").token
            for n, item_id in enumerate(items):
                w.save_participant_answer(store, tokens[person], item_id, value_for(person, n))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=participant, args=(p,)) for p in range(people)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    assert not errors, errors[:3]  # no "database is locked", no lost update, nothing
    assert count(store, ReadinessAnswer, ReadinessAnswer.round_id == ws.round_id) == people * 53
    for person, token in enumerate(tokens):
        mine = w.participant_answers(store, w.seat_for_token(store, token))
        assert mine == {item_id: value_for(person, n) for n, item_id in enumerate(items)}
    live = w.readiness_live(store, workspace.id, ws)
    assert len(live.participants) == people and all(p.responded == 53 for p in live.participants)
    assert sum(sum(d.counts) + d.not_sure for d in live.items) == people * 53


def test_the_live_fingerprint_changes_with_every_answer_and_only_then(store, workspace):
    ws = start(store, workspace)
    now = dt.datetime(2030, 1, 1, 12, 0, 10, tzinfo=dt.UTC)
    empty = w.live_fingerprint(store, workspace.id, ws, now)
    assert w.live_fingerprint(store, workspace.id, ws, now) == empty
    joined = w.join_workshop(store, ws.code, "Ana", "c")
    after_join = w.live_fingerprint(store, workspace.id, ws, now)
    assert after_join != empty
    w.save_participant_answer(store, joined.token, A, 2)
    answered = w.live_fingerprint(store, workspace.id, ws, now)
    assert answered != after_join
    w.save_participant_answer(store, joined.token, A, 3)  # a changed answer, same number of rows
    changed = w.live_fingerprint(store, workspace.id, ws, now)
    assert changed != answered
    w.record_agreed_answer(store, workspace.id, ws.id, A, 3, "Agreed")
    assert w.live_fingerprint(store, workspace.id, ws, now) != changed
    later = now + dt.timedelta(minutes=1)  # "last seen" ages: the view is read again once a minute
    assert w.live_fingerprint(store, workspace.id, ws, later) != w.live_fingerprint(store, workspace.id, ws, now)
