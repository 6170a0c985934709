"""security on a shared host: names need not be unique, guessing limits apart from workspaces,
recovery codes, known browsers, record versions, the store's salt

Revision ID: j14_security
Revises: i9_versions
Create Date: 2026-12-01

- workspace.name_key is no longer unique; (name_key, passphrase_hash) is. The lock columns go: wrong
  tries are counted in guess_limit, per name (used or not), client and browser.
- record.version (1 for every existing row) lets a save from a stale tab be refused.
- store_setting holds a random salt of this store, for workspace keys (core.security.workspace_key).

Existing passphrase hashes keep working (they are upgraded when their workspace is next opened).
No table is rebuilt: on SQLite the workspace table's columns are dropped in place, because
rebuilding a parent table with foreign keys on would cascade-delete every workspace's rows.
"""

import secrets

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "j14_security"
down_revision = "i9_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"

    op.drop_index("ix_workspace_name_key", table_name="workspace")
    op.create_index("ix_workspace_name_key", "workspace", ["name_key"], unique=False)
    op.create_index("ix_workspace_name_passphrase", "workspace", ["name_key", "passphrase_hash"], unique=True)
    for column in ("failed_attempts", "locked_until"):
        if sqlite:
            op.execute(f"ALTER TABLE workspace DROP COLUMN {column}")  # SQLite 3.35+, no rebuild
        else:
            op.drop_column("workspace", column)

    op.add_column("record", sa.Column("version", sa.Integer(), server_default="1", nullable=False))

    op.create_table(
        "store_setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.bulk_insert(
        sa.table("store_setting", sa.column("key", sa.String), sa.column("value", sa.String)),
        [{"key": "workspace_key_salt", "value": secrets.token_hex(16)}],
    )
    op.create_table(
        "guess_limit",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("window_start", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("in_window", sa.Integer(), nullable=False),
        sa.Column("in_a_row", sa.Integer(), nullable=False),
        sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "recovery_code",
        sa.Column("code_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    op.create_index("ix_recovery_code_workspace_id", "recovery_code", ["workspace_id"], unique=False)
    op.create_table(
        "known_browser",
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("workspace_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("last_used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash", "workspace_id"),
    )
    op.create_index("ix_known_browser_workspace_id", "known_browser", ["workspace_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_known_browser_workspace_id", table_name="known_browser")
    op.drop_table("known_browser")
    op.drop_index("ix_recovery_code_workspace_id", table_name="recovery_code")
    op.drop_table("recovery_code")
    op.drop_table("guess_limit")
    op.drop_table("store_setting")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE record DROP COLUMN version")
    else:
        op.drop_column("record", "version")
    op.add_column("workspace", sa.Column("failed_attempts", sa.Integer(), server_default="0", nullable=False))
    op.add_column("workspace", sa.Column("locked_until", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.drop_index("ix_workspace_name_passphrase", table_name="workspace")
    op.drop_index("ix_workspace_name_key", table_name="workspace")
    op.create_index("ix_workspace_name_key", "workspace", ["name_key"], unique=True)
