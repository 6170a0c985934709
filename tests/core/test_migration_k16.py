"""Migration k16_part_versions: a database at j15_workshop upgrades with a stamp for every part that
holds rows, its triggers renew the part a write touched (and the workspace's stamp), and it downgrades."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text

from core.store import answers, migrate, versioned
from tests.conftest import store_at


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request, tmp_path):
    """A store migrated to j15_workshop only, with one workspace holding a text answer and a record."""
    with store_at(request.param, tmp_path, "j15_workshop") as store:
        _insert_old_rows(store)
        yield store


def _insert_old_rows(store) -> None:
    """One workspace with a text answer and a record, written as that schema held them."""
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspace (id, name, name_key, state, org_type, populations, passphrase_hash, is_demo, "
                "created_at, updated_at) VALUES ('w1', 'Old Org', 'old org', 'Ohio', "
                "'other', '[]', 'x', false, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO text_answer (id, workspace_id, section, prompt, text, revision, updated_at) "
                "VALUES ('t1', 'w1', 'basics.notes', 'q', 'kept', 1, '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO record (id, workspace_id, kind, position, data, created_at, updated_at) "
                "VALUES ('r1', 'w1', 'partners.partner', 1, '{\"name\": \"Clinic\"}', '2025-01-01 00:00:00', "
                "'2025-01-01 00:00:00')"
            )
        )


def test_upgrade_stamps_every_part_that_holds_rows(old_store):
    migrate.upgrade(old_store.engine, "k16_part_versions")
    stamps = versioned.part_versions(old_store, "w1")
    # basics.notes -> basics, partners.partner -> partners, the workspace's own row -> workspace; and the whole
    assert set(stamps) == {"basics", "partners", "workspace", "*", "#parts"}
    assert stamps["#parts"] == "*,basics,partners,workspace"  # which parts exist
    assert all(len(stamps[p]) == 32 for p in ("basics", "partners", "workspace"))
    assert answers.get_text(old_store, "w1", "basics.notes", "q") == "kept"


def test_a_write_renews_its_part_and_the_whole_only(old_store):
    migrate.upgrade(old_store.engine)
    before = versioned.part_versions(old_store, "w1")
    answers.save_text(old_store, "w1", "basics.notes", "q", "changed")
    after = versioned.part_versions(old_store, "w1")
    assert {p for p in after if after[p] != before.get(p)} == {"basics", "*"}
    [record] = answers.list_records(old_store, "w1", "partners.partner")
    answers.update_record(old_store, "w1", record.id, {"name": "Clinic 2"})
    again = versioned.part_versions(old_store, "w1")
    assert {p for p in again if again[p] != after.get(p)} == {"partners", "*"}
    answers.delete_record(old_store, "w1", record.id)
    gone = versioned.part_versions(old_store, "w1")
    assert {p for p in gone if gone[p] != again.get(p)} == {"partners", "*"}


def test_downgrade_drops_the_table_and_its_triggers(old_store):
    migrate.upgrade(old_store.engine)
    config = migrate._config()
    with old_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "j15_workshop")
    assert "workspace_part_version" not in inspect(old_store.engine).get_table_names()
    answers.save_text(old_store, "w1", "basics.notes", "q", "after the downgrade")  # the old triggers still work
