"""Readiness rounds, respondents and answers in the store (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import text
from sqlmodel import func, select

from core.export import backup
from core.hrh import readiness as r
from core.store import migrate
from core.store.database import Store
from core.store.readiness_models import ReadinessAnswer, ReadinessRespondent, ReadinessRound
from tests.conftest import make_workspace

DAY = dt.date(2025, 3, 14)


def count(store: Store, model) -> int:
    with store.read() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def test_a_self_round_has_its_self_respondent(store, workspace):
    round_ = r.create_round(store, workspace.id, "  Spring 2025  ", DAY)
    assert round_.label == "Spring 2025" and round_.source == "self" and round_.held_on == DAY
    respondents = r.list_respondents(store, workspace.id, round_.id)
    assert [x.role for x in respondents] == ["self"]
    assert r.self_respondent(store, workspace.id, round_.id).id == respondents[0].id


def test_a_workshop_round_starts_without_respondents(store, workspace):
    round_ = r.create_round(store, workspace.id, "Team workshop", DAY, source="workshop")
    assert r.list_respondents(store, workspace.id, round_.id) == []
    assert r.round_answers(store, workspace.id, round_.id) == {}


@pytest.mark.parametrize(
    ("label", "held_on", "source", "message"),
    [
        ("", DAY, "self", "required"),
        ("x" * 200, DAY, "self", "limit"),
        ("Ok", "2025-01-01", "self", "calendar date"),
        ("Ok", dt.date(1999, 1, 1), "self", "between"),
        ("Ok", DAY, "board", "self-assessment or a workshop"),
    ],
)
def test_bad_round_input_is_refused_and_nothing_is_saved(store, workspace, label, held_on, source, message):
    with pytest.raises(ValueError, match=message):
        r.create_round(store, workspace.id, label, held_on, source=source)
    assert r.list_rounds(store, workspace.id) == []


def test_saving_again_replaces_the_answer_in_one_row(store, workspace):
    round_ = r.create_round(store, workspace.id, "First", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    r.save_readiness_answer(store, workspace.id, me.id, "systems.ehr", 2, note="paper charts")
    r.save_readiness_answer(store, workspace.id, me.id, "systems.ehr", 3)  # note=None keeps the note
    assert r.respondent_answers(store, workspace.id, me.id) == {"systems.ehr": 3}
    assert r.respondent_notes(store, workspace.id, me.id) == {"systems.ehr": "paper charts"}
    r.save_readiness_answer(store, workspace.id, me.id, "systems.ehr", None, note="")
    assert r.respondent_answers(store, workspace.id, me.id) == {"systems.ehr": None}
    assert r.respondent_notes(store, workspace.id, me.id) == {}
    assert count(store, ReadinessAnswer) == 1


def test_clearing_an_answer_makes_the_item_unanswered(store, workspace):
    round_ = r.create_round(store, workspace.id, "First", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    r.save_readiness_answer(store, workspace.id, me.id, "systems.ehr", 4)
    r.clear_readiness_answer(store, workspace.id, me.id, "systems.ehr")
    assert r.round_answers(store, workspace.id, round_.id) == {}


@pytest.mark.parametrize(
    ("item_id", "value"),
    [("systems.nope", 2), ("systems.ehr", 5), ("systems.ehr", 0), ("systems.ehr", True), ("systems.ehr", "3")],
)
def test_bad_answers_are_refused(store, workspace, item_id, value):
    round_ = r.create_round(store, workspace.id, "First", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    with pytest.raises(ValueError):
        r.save_readiness_answer(store, workspace.id, me.id, item_id, value)
    assert count(store, ReadinessAnswer) == 0


def test_another_workspaces_respondent_is_not_found(store, workspace):
    other = make_workspace(store, "Other Program")
    round_ = r.create_round(store, other.id, "Theirs", DAY)
    theirs = r.self_respondent(store, other.id, round_.id)
    with pytest.raises(KeyError):
        r.save_readiness_answer(store, workspace.id, theirs.id, "systems.ehr", 2)
    with pytest.raises(KeyError):
        r.get_round(store, workspace.id, round_.id)
    assert r.list_rounds(store, workspace.id) == []
    assert count(store, ReadinessAnswer) == 0


def test_round_result_is_the_agreed_answers_when_there_are_some(store, workspace):
    round_ = r.create_round(store, workspace.id, "Workshop", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    r.save_readiness_answer(store, workspace.id, me.id, "systems.ehr", 1)
    assert r.round_answers(store, workspace.id, round_.id) == {"systems.ehr": 1}
    agreed = r.add_respondent(store, workspace.id, round_.id, "agreed")
    assert r.add_respondent(store, workspace.id, round_.id, "agreed").id == agreed.id  # one agreed per round
    r.save_readiness_answer(store, workspace.id, agreed.id, "systems.ehr", 3)
    assert r.round_answers(store, workspace.id, round_.id) == {"systems.ehr": 3}
    assert r.round_answers(store, workspace.id, round_.id, role="self") == {"systems.ehr": 1}
    assert r.result_respondent(store, workspace.id, round_.id).id == agreed.id


def test_participants_answers_by_respondent(store, workspace):
    round_ = r.create_round(store, workspace.id, "Workshop", DAY, source="workshop")
    ana = r.add_respondent(store, workspace.id, round_.id, "participant", "Ana <b>")
    ben = r.add_respondent(store, workspace.id, round_.id, "participant", "Ben")
    r.save_readiness_answer(store, workspace.id, ana.id, "systems.ehr", 2)
    r.save_readiness_answer(store, workspace.id, ben.id, "systems.ehr", 4)
    r.save_readiness_answer(store, workspace.id, ben.id, "systems.document_services", None)
    assert r.answers_by_respondent(store, workspace.id, round_.id) == {
        ana.id: {"systems.ehr": 2},
        ben.id: {"systems.ehr": 4, "systems.document_services": None},
    }
    assert ana.display_name == "Ana <b>"
    with pytest.raises(ValueError, match="participants"):
        r.round_answers(store, workspace.id, round_.id, role="participant")
    with pytest.raises(ValueError, match="Display name"):
        r.add_respondent(store, workspace.id, round_.id, "participant", "  ")


def test_rounds_are_listed_by_date_and_latest_scores_skip_empty_rounds(store, workspace):
    later = r.create_round(store, workspace.id, "Autumn", dt.date(2025, 10, 1))
    earlier = r.create_round(store, workspace.id, "Spring", dt.date(2025, 4, 1))
    assert [x.label for x in r.list_rounds(store, workspace.id)] == ["Spring", "Autumn"]
    assert r.latest_round_scores(store, workspace.id) is None
    me = r.self_respondent(store, workspace.id, earlier.id)
    for item_id in [i.id for i in r.domain("systems").items]:
        r.save_readiness_answer(store, workspace.id, me.id, item_id, 3)
    round_, scores = r.latest_round_scores(store, workspace.id)
    assert round_.id == earlier.id and scores.domain("systems").mean == 3.0 and scores.ranked == ["systems"]
    assert r.previous_round(r.list_rounds(store, workspace.id), later.id).id == earlier.id


def test_update_and_delete_a_round_with_everything_in_it(store, workspace):
    round_ = r.create_round(store, workspace.id, "Frist", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    r.save_readiness_answer(store, workspace.id, me.id, "systems.ehr", 2)
    r.update_round(store, workspace.id, round_.id, "First", dt.date(2025, 3, 15))
    assert r.get_round(store, workspace.id, round_.id).label == "First"
    r.delete_round(store, workspace.id, round_.id)
    assert (count(store, ReadinessRound), count(store, ReadinessRespondent), count(store, ReadinessAnswer)) == (0, 0, 0)


def test_progress_is_the_share_of_items_answered_in_the_latest_round(store, workspace):
    assert r.readiness_progress(store, workspace.id).share == 0
    round_ = r.create_round(store, workspace.id, "First", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    for item_id in [i.id for i in r.domain("services").items]:
        r.save_readiness_answer(store, workspace.id, me.id, item_id, None)  # "Not sure" is a response
    progress = r.readiness_progress(store, workspace.id)
    assert progress.share == pytest.approx(16 / 53)
    assert progress.detail == "First: 16 of 53 items answered"


def test_backup_includes_rounds_respondents_and_answers(store, workspace):
    round_ = r.create_round(store, workspace.id, "First", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    r.save_readiness_answer(store, workspace.id, me.id, "systems.ehr", 2, note="ünïcode ✓")
    tables = backup.workspace_rows(store, workspace.id)
    assert [row["label"] for row in tables["readiness_round"]] == ["First"]
    assert tables["readiness_round"][0]["held_on"] == "2025-03-14"
    assert [row["role"] for row in tables["readiness_respondent"]] == ["self"]
    assert [(row["item_id"], row["value"], row["note"]) for row in tables["readiness_answer"]] == [
        ("systems.ehr", 2, "ünïcode ✓")
    ]


def test_backup_round_trip_keeps_rounds_and_answers(store, workspace):
    round_ = r.create_round(store, workspace.id, "First", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    r.save_readiness_answer(store, workspace.id, me.id, "systems.ehr", 2, note="ünïcode ✓")
    raw = backup.export_workspace(store, workspace.id)
    copy_id = backup.restore_copy(store, raw, "a passphrase for the copy")
    (copy_round,) = r.list_rounds(store, copy_id)
    assert copy_round.held_on == DAY and copy_round.id != round_.id
    copy_me = r.self_respondent(store, copy_id, copy_round.id)
    assert r.respondent_answers(store, copy_id, copy_me.id) == {"systems.ehr": 2}
    assert r.respondent_notes(store, copy_id, copy_me.id) == {"systems.ehr": "ünïcode ✓"}


def test_concurrent_writers_lose_nothing(store, workspace):
    """Ten people answering every item at once: every answer is stored exactly once."""
    round_ = r.create_round(store, workspace.id, "Workshop", DAY, source="workshop")
    people = [r.add_respondent(store, workspace.id, round_.id, "participant", f"P{n}") for n in range(10)]
    errors: list[Exception] = []
    all_items = sorted(r.item_ids())

    def answer(person):
        try:
            for n, item_id in enumerate(all_items):
                r.save_readiness_answer(store, workspace.id, person.id, item_id, n % 4 + 1)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=answer, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert count(store, ReadinessAnswer) == 10 * 53
    answers = r.answers_by_respondent(store, workspace.id, round_.id)
    assert all(len(a) == 53 for a in answers.values())


def test_concurrent_saves_of_one_item_keep_one_row(store, workspace):
    round_ = r.create_round(store, workspace.id, "First", DAY)
    me = r.self_respondent(store, workspace.id, round_.id)
    threads = [
        threading.Thread(target=r.save_readiness_answer, args=(store, workspace.id, me.id, "systems.ehr", v % 4 + 1))
        for v in range(12)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert count(store, ReadinessAnswer) == 1


def test_migration_from_the_initial_schema_keeps_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store.from_url(url)
    migrate.upgrade(old.engine, "0001")
    with old.engine.begin() as conn:  # today's models no longer fit the 0001 schema: a row as it held it
        conn.execute(
            text(
                "INSERT INTO workspace (id, name, name_key, state, org_type, populations, passphrase_hash, is_demo, "
                "failed_attempts, created_at, updated_at) VALUES ('w1', 'Old Org', 'old org', '', '', '[]', "
                "'scrypt$1$1$1$AA==$AA==', 0, 0, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
    migrate.upgrade(old.engine)
    assert migrate.current_revision(old.engine) == migrate.head_revision()
    round_ = r.create_round(old, "w1", "After upgrade", DAY)
    assert r.list_rounds(old, "w1")[0].id == round_.id
    old.dispose()
