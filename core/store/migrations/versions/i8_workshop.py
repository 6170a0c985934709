"""workshop mode: workshops, participants, their text answers, and join tries (for rate limiting)

Revision ID: i8_workshop
Revises: i3_readiness
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'i8_workshop'
down_revision = 'i3_readiness'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('join_attempt',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('client_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('attempted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('join_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_join_attempt_at', ['attempted_at'], unique=False)
        batch_op.create_index('ix_join_attempt_client_at', ['client_key', 'attempted_at'], unique=False)

    op.create_table('workshop',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('activity', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('round_id', sa.String(length=32), nullable=True),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('results_visible', sa.Boolean(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('closed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.CheckConstraint("activity IN ('readiness', 'value_proposition', 'what_it_takes')", name='ck_workshop_activity'),
    sa.CheckConstraint("status IN ('open', 'paused', 'closed')", name='ck_workshop_status'),
    sa.ForeignKeyConstraint(['round_id'], ['readiness_round.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_workspace_id'), ['workspace_id'], unique=False)
        batch_op.create_index('uq_workshop_live_code', ['code'], unique=True, sqlite_where=sa.text("status != 'closed'"), postgresql_where=sa.text("status != 'closed'"))

    op.create_table('workshop_participant',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('workshop_id', sa.String(length=32), nullable=False),
    sa.Column('display_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('respondent_id', sa.String(length=32), nullable=True),
    sa.Column('joined_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['respondent_id'], ['readiness_respondent.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workshop_id', 'name_key', name='uq_workshop_participant_name')
    )
    with op.batch_alter_table('workshop_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_participant_respondent_id'), ['respondent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_participant_workshop_id'), ['workshop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_participant_workspace_id'), ['workspace_id'], unique=False)

    op.create_table('workshop_text_answer',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workspace_id', sa.String(length=32), nullable=False),
    sa.Column('workshop_id', sa.String(length=32), nullable=False),
    sa.Column('participant_id', sa.String(length=32), nullable=False),
    sa.Column('question_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['workshop_participant.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('participant_id', 'question_id', name='uq_workshop_text_answer_participant_question')
    )
    with op.batch_alter_table('workshop_text_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_text_answer_workshop_id'), ['workshop_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_text_answer_workspace_id'), ['workspace_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('workshop_text_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_text_answer_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_text_answer_workshop_id'))

    op.drop_table('workshop_text_answer')
    with op.batch_alter_table('workshop_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_participant_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_participant_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_participant_respondent_id'))

    op.drop_table('workshop_participant')
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_index('uq_workshop_live_code', sqlite_where=sa.text("status != 'closed'"), postgresql_where=sa.text("status != 'closed'"))
        batch_op.drop_index(batch_op.f('ix_workshop_workspace_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_round_id'))

    op.drop_table('workshop')
    with op.batch_alter_table('join_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_join_attempt_client_at')
        batch_op.drop_index('ix_join_attempt_at')

    op.drop_table('join_attempt')
