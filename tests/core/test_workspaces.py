"""Workspaces: create, open with a passphrase, lockout, sessions, rename, delete."""

from datetime import timedelta

import pytest
from pydantic import ValidationError
from sqlmodel import select

from core.store import answers, workspaces
from core.store.models import Record, TextAnswer, TextRevision, Workspace, WorkspaceSession
from core.store.workspaces import WorkspaceError, WorkspaceLocked, WorkspaceProfile
from tests.conftest import PASSPHRASE, make_workspace


def test_passphrase_is_never_stored_in_clear(store):
    ws = make_workspace(store, "Clear Test")
    with store.read() as s:
        row = s.get(Workspace, ws.id)
    assert PASSPHRASE not in row.passphrase_hash
    assert row.passphrase_hash.startswith("scrypt$")


def test_open_with_the_right_passphrase_gives_a_session(store):
    ws = make_workspace(store, "Open Me")
    opened, token = workspaces.open_workspace(store, "  open   ME ", PASSPHRASE)
    assert opened.id == ws.id
    assert workspaces.workspace_for_token(store, token).id == ws.id
    workspaces.close_session(store, token)
    assert workspaces.workspace_for_token(store, token) is None


def test_wrong_name_and_wrong_passphrase_get_the_same_message(store):
    make_workspace(store, "Real Org")
    with pytest.raises(WorkspaceError) as wrong_pass:
        workspaces.open_workspace(store, "Real Org", "not it at all")
    with pytest.raises(WorkspaceError) as wrong_name:
        workspaces.open_workspace(store, "No Such Org", PASSPHRASE)
    assert str(wrong_pass.value) == str(wrong_name.value)


def test_repeated_wrong_passphrases_lock_the_workspace(store):
    make_workspace(store, "Locky")
    for _ in range(3):
        with pytest.raises(WorkspaceError):
            workspaces.open_workspace(store, "Locky", "wrong passphrase")
    with pytest.raises(WorkspaceLocked) as locked:
        workspaces.open_workspace(store, "Locky", "wrong passphrase")
    assert locked.value.seconds == 5
    # Even the right passphrase waits while locked.
    with pytest.raises(WorkspaceLocked):
        workspaces.open_workspace(store, "Locky", PASSPHRASE)


def test_lock_expires_and_success_resets_the_count(store):
    ws = make_workspace(store, "Unlocky")
    for _ in range(4):
        with pytest.raises(WorkspaceError):
            workspaces.open_workspace(store, "Unlocky", "wrong passphrase")
    with store.write() as s:
        row = s.get(Workspace, ws.id)
        row.locked_until = row.locked_until - timedelta(minutes=1)
        s.add(row)
    workspaces.open_workspace(store, "Unlocky", PASSPHRASE)
    assert workspaces.get_workspace(store, ws.id).failed_attempts == 0


def test_names_are_unique_ignoring_case_and_spacing(store):
    make_workspace(store, "Same Name")
    with pytest.raises(WorkspaceError, match="already exists"):
        make_workspace(store, "same   name")


def test_profile_is_validated_against_the_choices():
    with pytest.raises(ValidationError, match="not in the list of states"):
        WorkspaceProfile(name="X", state="Atlantis")
    with pytest.raises(ValidationError, match="organization types"):
        WorkspaceProfile(name="X", org_type="bank")
    with pytest.raises(ValidationError, match="Unknown populations"):
        WorkspaceProfile(name="X", populations=["martians"])
    with pytest.raises(ValidationError, match="Organization name is required"):
        WorkspaceProfile(name="  ")
    assert WorkspaceProfile(name="X", populations=["youth", "youth"]).populations == ["youth"]


def test_short_passphrase_is_refused(store):
    with pytest.raises(ValueError, match="at least 8"):
        workspaces.create_workspace(store, WorkspaceProfile(name="Shorty"), "abc")


def test_rename_checks_other_names(store):
    one = make_workspace(store, "First")
    make_workspace(store, "Second")
    with pytest.raises(WorkspaceError, match="already named"):
        workspaces.update_profile(store, one.id, WorkspaceProfile(name="second"))
    renamed = workspaces.update_profile(store, one.id, WorkspaceProfile(name="First, renamed", state="Texas"))
    assert (renamed.name, renamed.state) == ("First, renamed", "Texas")
    assert workspaces.find_workspace(store, "first, RENAMED").id == one.id


def test_change_passphrase_needs_the_current_one(store):
    ws = make_workspace(store, "Rekey")
    with pytest.raises(WorkspaceError):
        workspaces.change_passphrase(store, ws.id, "wrong one!", "new passphrase")
    workspaces.change_passphrase(store, ws.id, PASSPHRASE, "new passphrase")
    workspaces.open_workspace(store, "Rekey", "new passphrase")


def test_delete_needs_the_name_and_removes_every_row(store):
    ws = make_workspace(store, "Doomed")
    keep = make_workspace(store, "Kept")
    answers.save_text(store, ws.id, "s", "p", "text")
    answers.add_record(store, ws.id, "partner", {"name": "x"})
    answers.save_text(store, keep.id, "s", "p", "kept text")
    workspaces.start_session(store, ws.id)
    with pytest.raises(WorkspaceError, match="does not match"):
        workspaces.delete_workspace(store, ws.id, "Doom")
    workspaces.delete_workspace(store, ws.id, "doomed")
    with store.read() as s:
        for table in (TextAnswer, TextRevision, Record, WorkspaceSession):
            assert s.exec(select(table).where(table.workspace_id == ws.id)).all() == []
    assert answers.get_text(store, keep.id, "s", "p") == "kept text"


def test_idle_sessions_expire(store):
    ws = make_workspace(store, "Sleepy")
    token = workspaces.start_session(store, ws.id)
    with store.write() as s:
        row = s.exec(select(WorkspaceSession)).one()
        row.last_seen_at = row.last_seen_at - timedelta(hours=13)
        s.add(row)
    assert workspaces.workspace_for_token(store, token) is None
    assert workspaces.workspace_for_token(store, "") is None
    assert workspaces.workspace_for_token(store, "x" * 500) is None
