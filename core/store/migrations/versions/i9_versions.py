"""workspace data versions: a stamp that triggers renew on every change to a workspace's rows

Revision ID: i9_versions
Revises: i8_workshop
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "i9_versions"
down_revision = "i8_workshop"
branch_labels = None
depends_on = None

# Every table holding a workspace's content (tests/core/test_versions.py checks that none is missing).
# workspace_session is left out on purpose: opening a workspace changes nothing in it.
VERSIONED_TABLES = [
    "text_answer",
    "text_revision",
    "value_answer",
    "record",
    "readiness_round",
    "readiness_respondent",
    "readiness_answer",
    "workshop",
    "workshop_participant",
    "workshop_text_answer",
]
EVENTS = {"insert": "NEW", "update": "NEW", "delete": "OLD"}
# SQLite: plain triggers (a writer holds the whole database from BEGIN IMMEDIATE, so no deadlock).
# PostgreSQL: constraint triggers deferred to the commit (see upgrade).


def _sqlite_trigger(table: str, event: str, column: str) -> str:
    row = EVENTS[event]
    return (
        f"CREATE TRIGGER {table}_version_{event} AFTER {event.upper()} ON {table} FOR EACH ROW BEGIN "
        "INSERT INTO workspace_version (workspace_id, version) "
        f"VALUES ({row}.{column}, lower(hex(randomblob(16)))) "
        "ON CONFLICT (workspace_id) DO UPDATE SET version = excluded.version; END"
    )


POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION workbook_bump_version() RETURNS trigger AS $$
DECLARE
    owner text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        owner := to_jsonb(OLD) ->> TG_ARGV[0];
    ELSE
        owner := to_jsonb(NEW) ->> TG_ARGV[0];
    END IF;
    INSERT INTO workspace_version (workspace_id, version)
    VALUES (owner, md5(random()::text || clock_timestamp()::text))
    ON CONFLICT (workspace_id) DO UPDATE SET version = EXCLUDED.version;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def _tables() -> list[tuple[str, str]]:
    return [(t, "workspace_id") for t in VERSIONED_TABLES] + [("workspace", "id")]


def upgrade() -> None:
    op.create_table(
        "workspace_version",
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for table, column in _tables():
            # Deferred to the commit: a transaction takes the version row's lock only when it has
            # every other lock it needs, so two writers can never deadlock on it.
            op.execute(
                f"CREATE CONSTRAINT TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION workbook_bump_version('{column}')"
            )
    else:
        for table, column in _tables():
            for event in EVENTS:
                op.execute(_sqlite_trigger(table, event, column))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, _ in _tables():
            op.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
        op.execute("DROP FUNCTION IF EXISTS workbook_bump_version()")
    else:
        for table, _ in _tables():
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_version_{event}")
    op.drop_table("workspace_version")
