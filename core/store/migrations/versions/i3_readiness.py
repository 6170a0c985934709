"""readiness assessment: rounds, respondents and answers (Step 2; the workshop adds respondents)

Revision ID: i3_readiness
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'i3_readiness'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('readiness_round',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("source IN ('self', 'workshop')", name='ck_readiness_round_source'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('readiness_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_readiness_round_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('readiness_respondent',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('round_id', sa.String(length=32), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("role IN ('self', 'participant', 'agreed')", name='ck_readiness_respondent_role'),
    sa.ForeignKeyConstraint(['round_id'], ['readiness_round.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('readiness_respondent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_readiness_respondent_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_readiness_respondent_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('readiness_answer',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('round_id', sa.String(length=32), nullable=False),
    sa.Column('respondent_id', sa.String(length=32), nullable=False),
    sa.Column('item_id', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('value', sa.Integer(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint('value IS NULL OR (value >= 1 AND value <= 4)', name='ck_readiness_answer_value'),
    sa.ForeignKeyConstraint(['respondent_id'], ['readiness_respondent.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['readiness_round.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('respondent_id', 'item_id', name='uq_readiness_answer_respondent_item')
    )
    with op.batch_alter_table('readiness_answer', schema=None) as batch_op:
        batch_op.create_index('ix_readiness_answer_round', ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_readiness_answer_workspace_id'), ['workspace_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('readiness_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_answer_workspace_id'))
        batch_op.drop_index('ix_readiness_answer_round')

    op.drop_table('readiness_answer')
    with op.batch_alter_table('readiness_respondent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_respondent_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_readiness_respondent_round_id'))

    op.drop_table('readiness_respondent')
    with op.batch_alter_table('readiness_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_readiness_round_workspace_id'))

    op.drop_table('readiness_round')
