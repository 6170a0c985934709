"""Migrations: a database made at the first revision upgrades to the newest without losing rows."""

from sqlalchemy import inspect, text

from core.store import migrate
from core.store.database import Store


def test_upgrade_from_first_revision_keeps_every_row(tmp_path):
    store = Store.from_url(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(store.engine, "0001")
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO workspace (id, name, name_key, state, org_type, populations, passphrase_hash, is_demo, "
                "failed_attempts, created_at, updated_at) VALUES ('w1', 'Old Org', 'old org', 'Ohio', 'other', '[]', "
                "'scrypt$1$1$1$AA==$AA==', 0, 0, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO text_answer (id, workspace_id, section, prompt, text, revision, updated_at) "
                "VALUES ('t1', 'w1', 'basics', 'notes', 'kept through upgrades', 1, '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO record (id, workspace_id, kind, position, data, created_at, updated_at) "
                "VALUES ('r1', 'w1', 'partner', 1, '{\"name\": \"Clinic\"}', "
                "'2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
    migrate.upgrade(store.engine)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM workspace")).scalar_one() == "Old Org"
        assert conn.execute(text("SELECT text FROM text_answer")).scalar_one() == "kept through upgrades"
        assert conn.execute(text("SELECT count(*) FROM record")).scalar_one() == 1


def test_upgrade_is_idempotent_and_creates_every_table(store):
    migrate.upgrade(store.engine)
    names = set(inspect(store.engine).get_table_names())
    assert {"workspace", "workspace_session", "text_answer", "text_revision", "value_answer", "record"} <= names
    assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_models_and_migrations_agree(store):
    """Autogenerate finds nothing to do: every model change has its migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    import core.store.models  # noqa: F401

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []
