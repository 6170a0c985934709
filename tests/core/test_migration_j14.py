"""Migration j14_security: a database at i9_versions upgrades keeping every row, its old passphrase
hashes still open their workspaces, and names stop being unique."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from core import security
from core.store import answers, migrate, workspaces
from tests.conftest import store_at

PASSPHRASE = "an old passphrase"


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request, tmp_path):
    """A store migrated to i9_versions only, with one workspace as that schema held it."""
    with store_at(request.param, tmp_path, "i9_versions") as store:
        _insert_old_rows(store)
        yield store


def _insert_old_rows(store) -> None:
    """One workspace with a text answer and a record, written as that schema held them."""
    old_hash = security.hash_passphrase(PASSPHRASE)
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspace (id, name, name_key, state, org_type, populations, passphrase_hash, is_demo, "
                "failed_attempts, locked_until, created_at, updated_at) VALUES ('w1', 'Old Org', 'old org', 'Ohio', "
                "'other', '[]', :hash, false, 7, NULL, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            ),
            {"hash": old_hash},
        )
        conn.execute(
            text(
                "INSERT INTO text_answer (id, workspace_id, section, prompt, text, revision, updated_at) "
                "VALUES ('t1', 'w1', 'basics', 'notes', 'kept through the upgrade', 1, '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO record (id, workspace_id, kind, position, data, created_at, updated_at) "
                "VALUES ('r1', 'w1', 'partner', 1, '{\"name\": \"Clinic\"}', '2025-01-01 00:00:00', "
                "'2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO workspace_session (token_hash, workspace_id, created_at, last_seen_at) "
                "VALUES ('h1', 'w1', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )


def test_upgrade_keeps_every_row_and_the_old_hash_still_opens(old_store):
    migrate.upgrade(old_store.engine, "j14_security")
    assert migrate.current_revision(old_store.engine) == "j14_security"
    # Dropping the lock columns must not rebuild the parent table (that would cascade-delete children).
    assert answers.get_text(old_store, "w1", "basics", "notes") == "kept through the upgrade"
    [record] = answers.list_records(old_store, "w1", "partner")
    assert (record.data, record.version) == ({"name": "Clinic"}, 1)
    with old_store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM workspace_session")).scalar_one() == 1
        assert len(conn.execute(text("SELECT value FROM store_setting")).scalar_one()) == 32
    opened, _ = workspaces.open_workspace(old_store, "Old Org", PASSPHRASE)
    assert opened.id == "w1"
    assert workspaces.get_workspace(old_store, "w1").passphrase_hash.startswith("wsk1$")  # upgraded on open


def test_after_the_upgrade_names_need_not_be_unique(old_store):
    migrate.upgrade(old_store.engine)
    twin = workspaces.create_workspace(old_store, workspaces.WorkspaceProfile(name="old ORG"), "a new passphrase")
    assert twin.id != "w1"
    assert workspaces.open_workspace(old_store, "Old Org", "a new passphrase")[0].id == twin.id
    assert workspaces.open_workspace(old_store, "Old Org", PASSPHRASE)[0].id == "w1"
