"""JSON backup and restore: exact round trip, and refusal of bad files with nothing changed."""

import json

import pytest
from sqlmodel import select

from core.export import backup
from core.store import answers, migrate, workspaces
from core.store.database import Store
from core.store.models import Workspace
from tests.conftest import PASSPHRASE, make_workspace


def _fill(store, ws):
    answers.save_text(store, ws.id, "value_proposition", "mission", "First draft 🌱 سلام")
    answers.save_text(store, ws.id, "value_proposition", "mission", "Second draft")
    answers.save_value(store, ws.id, "readiness", "choice", {"a": [1, 2, None]})
    answers.add_record(store, ws.id, "partner", {"name": "Clinic", "status": "contacted"})
    answers.add_record(store, ws.id, "partner", {"name": "Plan", "status": "identified"})


def _fresh_store(tmp_path, name):
    s = Store.from_url(f"sqlite:///{tmp_path / name}")
    migrate.upgrade(s.engine)
    return s


def test_round_trip_into_another_store_is_exact(store, tmp_path):
    ws = make_workspace(store, "Round Trip")
    _fill(store, ws)
    raw = backup.export_workspace(store, ws.id)
    other = _fresh_store(tmp_path, "other.db")
    restored_id = backup.restore_workspace(other, raw)
    assert restored_id == ws.id
    assert backup.workspace_rows(other, ws.id) == backup.workspace_rows(store, ws.id)
    workspaces.open_workspace(other, "Round Trip", PASSPHRASE)


def test_restore_over_existing_needs_a_choice(store):
    ws = make_workspace(store, "Twice")
    _fill(store, ws)
    raw = backup.export_workspace(store, ws.id)
    with pytest.raises(backup.BackupError, match="replace it or to restore the backup as a copy"):
        backup.restore_workspace(store, raw)


def test_replace_brings_back_exactly_the_backup(store):
    ws = make_workspace(store, "Replace Me")
    _fill(store, ws)
    before = backup.workspace_rows(store, ws.id)
    raw = backup.export_workspace(store, ws.id)
    answers.save_text(store, ws.id, "value_proposition", "mission", "changed after backup")
    answers.add_record(store, ws.id, "partner", {"name": "new"})
    backup.restore_workspace(store, raw, replace=True)
    assert backup.workspace_rows(store, ws.id) == before


def test_restore_as_copy_renames_and_renumbers(store):
    ws = make_workspace(store, "Copied")
    _fill(store, ws)
    raw = backup.export_workspace(store, ws.id)
    copy_id = backup.restore_workspace(store, raw, as_copy=True)
    second_id = backup.restore_workspace(store, raw, as_copy=True)
    assert len({ws.id, copy_id, second_id}) == 3
    assert workspaces.get_workspace(store, copy_id).name == "Copied (restored copy)"
    assert workspaces.get_workspace(store, second_id).name == "Copied (restored copy) 2"
    assert answers.get_texts(store, copy_id, "value_proposition") == {"mission": "Second draft"}
    assert len(answers.text_revisions(store, copy_id, "value_proposition", "mission")) == 2
    assert [r.data["name"] for r in answers.list_records(store, copy_id, "partner")] == ["Clinic", "Plan"]
    # The original is untouched.
    assert answers.get_texts(store, ws.id, "value_proposition") == {"mission": "Second draft"}


def _count_workspaces(store):
    with store.read() as s:
        return len(s.exec(select(Workspace)).all())


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda raw: raw[: len(raw) // 2], "not complete, valid JSON"),
        (lambda raw: b"\xff\xfe garbage", "not complete, valid JSON"),
        (lambda raw: json.dumps({"hello": "world"}).encode(), "format mark"),
        (lambda raw: raw.replace(b"Second draft", b"Tampered text"), "checksum"),
        (lambda raw: raw.replace(b'"version": 1', b'"version": 99'), "version"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(store, mangle, message):
    ws = make_workspace(store, "Source")
    _fill(store, ws)
    raw = backup.export_workspace(store, ws.id)
    workspaces.delete_workspace(store, ws.id, "Source")
    with pytest.raises(backup.BackupError, match=message):
        backup.restore_workspace(store, mangle(raw))
    assert _count_workspaces(store) == 0


def _resign(document):
    document["checksum"] = backup._checksum(document["tables"])
    return json.dumps(document).encode()


def test_foreign_rows_and_unknown_columns_are_refused(store):
    ws = make_workspace(store, "Strict")
    _fill(store, ws)
    document = json.loads(backup.export_workspace(store, ws.id))
    workspaces.delete_workspace(store, ws.id, "Strict")

    foreign = json.loads(json.dumps(document))
    foreign["tables"]["record"][0]["workspace_id"] = "someone-else"
    with pytest.raises(backup.BackupError, match="belongs to another workspace"):
        backup.restore_workspace(store, _resign(foreign))

    extra = json.loads(json.dumps(document))
    extra["tables"]["record"][0]["surprise"] = 1
    with pytest.raises(backup.BackupError, match="unknown columns"):
        backup.restore_workspace(store, _resign(extra))

    wrong_type = json.loads(json.dumps(document))
    wrong_type["tables"]["record"][0]["position"] = "first"
    with pytest.raises(backup.BackupError, match="wrong kind"):
        backup.restore_workspace(store, _resign(wrong_type))

    unknown_table = json.loads(json.dumps(document))
    unknown_table["tables"]["secrets"] = []
    with pytest.raises(backup.BackupError, match="tables this app does not know"):
        backup.restore_workspace(store, _resign(unknown_table))
    assert _count_workspaces(store) == 0


def test_sessions_are_never_in_a_backup(store):
    ws = make_workspace(store, "No Sessions")
    workspaces.start_session(store, ws.id)
    document = json.loads(backup.export_workspace(store, ws.id))
    assert "workspace_session" not in document["tables"]


def test_copy_of_a_workspace_with_an_open_workshop_closes_the_copy(store):
    from core.workshop import start_workshop

    ws = make_workspace(store, "Workshop Owner")
    started = start_workshop(store, ws.id, "readiness")
    raw = backup.export_workspace(store, ws.id)
    copy_id = backup.restore_workspace(store, raw, as_copy=True)
    rows = backup.workspace_rows(store, copy_id)["workshop"]
    assert [r["status"] for r in rows] == ["closed"]
    original = backup.workspace_rows(store, ws.id)["workshop"]
    assert original[0]["status"] == "open" and original[0]["code"] == rows[0]["code"]
    assert started.code == rows[0]["code"]
