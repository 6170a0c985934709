"""workshop in a real room: join tries counted per network address and per browser session, with their outcome
and the workshop a held-back try was for; passes the facilitator gives to held-back clients; presenter links

`join_attempt` is dropped and created again with its new columns: its rows are tries of the last ten minutes
(the limit's window), belong to no workspace and are never backed up, so nothing of value is lost.

Revision ID: j15_workshop
Revises: i9_versions
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = 'j15_workshop'
down_revision = 'j14_security'
branch_labels = None
depends_on = None


def _old_join_attempt() -> None:
    op.create_table('join_attempt',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('client_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('attempted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('join_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_join_attempt_at', ['attempted_at'], unique=False)
        batch_op.create_index('ix_join_attempt_client_at', ['client_key', 'attempted_at'], unique=False)


def upgrade() -> None:
    op.drop_table('join_attempt')
    op.create_table('join_attempt',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('address_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('session_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('workshop_id', sa.String(length=32), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('attempted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.CheckConstraint("outcome IN ('pending', 'wrong', 'held', 'full', 'let_in')", name='ck_join_attempt_outcome'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    info={'backup': False}
    )
    with op.batch_alter_table('join_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_join_attempt_address_at', ['address_key', 'attempted_at'], unique=False)
        batch_op.create_index('ix_join_attempt_at', ['attempted_at'], unique=False)
        batch_op.create_index('ix_join_attempt_session_at', ['session_key', 'attempted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_join_attempt_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('join_pass',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workshop_id', sa.String(length=32), nullable=False),
    sa.Column('client_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    info={'backup': False}
    )
    with op.batch_alter_table('join_pass', schema=None) as batch_op:
        batch_op.create_index('ix_join_pass_workshop_client', ['workshop_id', 'client_key'], unique=False)

    op.create_table('workshop_presenter',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('workshop_id', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workshop_id', name='uq_workshop_presenter_workshop'),
    info={'backup': False}
    )
    with op.batch_alter_table('workshop_presenter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_presenter_token_hash'), ['token_hash'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('workshop_presenter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_presenter_token_hash'))
    op.drop_table('workshop_presenter')
    with op.batch_alter_table('join_pass', schema=None) as batch_op:
        batch_op.drop_index('ix_join_pass_workshop_client')
    op.drop_table('join_pass')
    op.drop_table('join_attempt')
    _old_join_attempt()
