"""initial schema: workspaces, sessions, text answers with revisions, value answers, records

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('workspace',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('org_type', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('populations', sa.JSON(), nullable=False),
    sa.Column('passphrase_hash', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('workspace', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workspace_name_key'), ['name_key'], unique=True)

    op.create_table('record',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_record_workspace_id'), ['workspace_id'], unique=False)
        batch_op.create_index('ix_record_workspace_kind', ['workspace_id', 'kind', 'position'], unique=False)

    op.create_table('text_answer',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('section', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('prompt', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'section', 'prompt')
    )
    with op.batch_alter_table('text_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_text_answer_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('value_answer',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('section', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'section', 'key')
    )
    with op.batch_alter_table('value_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_value_answer_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('workspace_session',
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash'),
    info={'backup': False}
    )
    with op.batch_alter_table('workspace_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workspace_session_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('text_revision',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('answer_id', sa.String(length=32), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['text_answer.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('answer_id', 'revision')
    )
    with op.batch_alter_table('text_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_text_revision_answer_id'), ['answer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_text_revision_workspace_id'), ['workspace_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('text_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_text_revision_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_text_revision_answer_id'))

    op.drop_table('text_revision')
    with op.batch_alter_table('workspace_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workspace_session_workspace_id'))

    op.drop_table('workspace_session')
    with op.batch_alter_table('value_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_value_answer_workspace_id'))

    op.drop_table('value_answer')
    with op.batch_alter_table('text_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_text_answer_workspace_id'))

    op.drop_table('text_answer')
    with op.batch_alter_table('record', schema=None) as batch_op:
        batch_op.drop_index('ix_record_workspace_kind')
        batch_op.drop_index(batch_op.f('ix_record_workspace_id'))

    op.drop_table('record')
    with op.batch_alter_table('workspace', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workspace_name_key'))

    op.drop_table('workspace')
