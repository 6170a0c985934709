"""workspace part versions: a stamp per part of a workspace's data (a step's sections and record kinds,
the readiness tables, the workshop tables, the workspace's row), renewed by triggers on every change to
one of its rows, so a result kept for a computation is computed again only when a part it read changed
(core.store.parts, core.store.versioned)

Existing parts with rows get a random stamp now: a part without a stamp is a part that never held a row.

Revision ID: k16_part_versions
Revises: j15_workshop
Create Date: 2026-12-02
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "k16_part_versions"
down_revision = "j15_workshop"
branch_labels = None
depends_on = None

# table -> (workspace column, the column whose first word names the part, or "=part" for a fixed part).
# text_revision has no part of its own: its rows change with their text_answer's, and reading them
# counts as reading the whole workspace (core.store.parts).
PART_TABLES = {
    "text_answer": ("workspace_id", "section"),
    "value_answer": ("workspace_id", "section"),
    "record": ("workspace_id", "kind"),
    "readiness_round": ("workspace_id", "=readiness"),
    "readiness_respondent": ("workspace_id", "=readiness"),
    "readiness_answer": ("workspace_id", "=readiness"),
    "workshop": ("workspace_id", "=workshop"),
    "workshop_participant": ("workspace_id", "=workshop"),
    "workshop_text_answer": ("workspace_id", "=workshop"),
    "workspace": ("id", "=workspace"),
}
EVENTS = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}


def _sqlite_part(row: str, spec: str) -> str:
    if spec.startswith("="):
        return f"'{spec[1:]}'"
    column = f"{row}.{spec}"
    return f"CASE WHEN instr({column}, '.') > 0 THEN substr({column}, 1, instr({column}, '.') - 1) ELSE {column} END"


def _sqlite_trigger(table: str, event: str, owner: str, spec: str) -> str:
    bumps = " ".join(
        "INSERT INTO workspace_part_version (workspace_id, part, version) "  # noqa: S608 - names from PART_TABLES
        f"VALUES ({row}.{owner}, {_sqlite_part(row, spec)}, lower(hex(randomblob(16)))) "
        "ON CONFLICT (workspace_id, part) DO UPDATE SET version = excluded.version;"
        for row in EVENTS[event]
    )
    return (
        f"CREATE TRIGGER {table}_part_version_{event} AFTER {event.upper()} ON {table} FOR EACH ROW BEGIN {bumps} END"
    )


# PostgreSQL: the whole workspace's stamp first, then the part's, in one deferred trigger per table that
# replaces i9_versions' own: every writer of a workspace takes its workspace_version row's lock before any
# part row's, so two writers can never deadlock on the part rows.
POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION workbook_bump_versions() RETURNS trigger AS $$
DECLARE
    r jsonb;
    the_owner text;
    the_part text;
BEGIN
    FOR r IN SELECT x FROM unnest(ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END]) AS x WHERE x IS NOT NULL
    LOOP
        the_owner := r ->> TG_ARGV[0];
        INSERT INTO workspace_version (workspace_id, version)
        VALUES (the_owner, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (workspace_id) DO UPDATE SET version = EXCLUDED.version;
        IF left(TG_ARGV[1], 1) = '=' THEN
            the_part := substr(TG_ARGV[1], 2);
        ELSE
            the_part := split_part(r ->> TG_ARGV[1], '.', 1);
        END IF;
        INSERT INTO workspace_part_version (workspace_id, part, version)
        VALUES (the_owner, the_part, md5(random()::text || clock_timestamp()::text))
        ON CONFLICT (workspace_id, part) DO UPDATE SET version = EXCLUDED.version;
    END LOOP;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""


def _backfill() -> None:
    """A random stamp for every part that holds rows now."""
    bind = op.get_bind()
    found: set[tuple[str, str]] = set()
    for table, (owner, spec) in PART_TABLES.items():
        if spec.startswith("="):
            query = f"SELECT DISTINCT {owner} FROM {table}"  # noqa: S608 - names from PART_TABLES
            rows = bind.execute(sa.text(query)).all()
            found |= {(r[0], spec[1:]) for r in rows}
        else:
            query = f"SELECT DISTINCT {owner}, {spec} FROM {table}"  # noqa: S608 - names from PART_TABLES
            rows = bind.execute(sa.text(query)).all()
            found |= {(r[0], r[1].split(".", 1)[0]) for r in rows}
    if found:
        bind.execute(
            sa.text("INSERT INTO workspace_part_version (workspace_id, part, version) VALUES (:w, :p, :v)"),
            [{"w": w, "p": p, "v": uuid.uuid4().hex} for w, p in sorted(found)],
        )


def upgrade() -> None:
    op.create_table(
        "workspace_part_version",
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("part", sa.String(length=120), nullable=False),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "part"),
    )
    _backfill()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for table, (owner, spec) in PART_TABLES.items():
            op.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
            op.execute(
                f"CREATE CONSTRAINT TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                f"EXECUTE FUNCTION workbook_bump_versions('{owner}', '{spec}')"
            )
    else:
        for table, (owner, spec) in PART_TABLES.items():
            for event in EVENTS:
                op.execute(_sqlite_trigger(table, event, owner, spec))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, (owner, _) in PART_TABLES.items():
            op.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
            op.execute(
                f"CREATE CONSTRAINT TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION workbook_bump_version('{owner}')"
            )
        op.execute("DROP FUNCTION IF EXISTS workbook_bump_versions()")
    else:
        for table in PART_TABLES:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_part_version_{event}")
    op.drop_table("workspace_part_version")
