"""The tables of the readiness assessment (Step 2): rounds, respondents and answers.

A *round* is one sitting of the assessment (a date and a label): a leader's
self-assessment, or a team workshop. A round has *respondents*: "self" (the
leader answering alone), "participant" (a workshop member) and "agreed" (the
team's agreed answers). A round's result is the answers of its "agreed"
respondent if it has one, else of its "self" respondent.

`readiness_answer.value` is 1-4, or NULL for "Not sure" (which counts as
unanswered in scores); an item nobody answered has no row. One row per
respondent and item (UNIQUE), so saving is an upsert.

Every table carries `workspace_id` (cascade delete; backups include them).
Schema changes only through an Alembic migration.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from core.store.models import new_id, utcnow, workspace_fk

ROUND_SOURCES = ("self", "workshop")
RESPONDENT_ROLES = ("self", "participant", "agreed")


class ReadinessRound(SQLModel, table=True):
    """One sitting of the readiness assessment."""

    __tablename__ = "readiness_round"
    __table_args__ = (CheckConstraint("source IN ('self', 'workshop')", name="ck_readiness_round_source"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    label: str = Field(max_length=120)
    held_on: dt.date
    source: str = Field(default="self", max_length=20)
    created_at: dt.datetime = Field(default_factory=utcnow)


class ReadinessRespondent(SQLModel, table=True):
    """Someone (or the team's agreement) answering in one round."""

    __tablename__ = "readiness_respondent"
    __table_args__ = (
        CheckConstraint("role IN ('self', 'participant', 'agreed')", name="ck_readiness_respondent_role"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    round_id: str = Field(
        sa_column=Column(String(32), ForeignKey("readiness_round.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    display_name: str = Field(default="", max_length=120)
    role: str = Field(max_length=20)
    created_at: dt.datetime = Field(default_factory=utcnow)


class ReadinessAnswer(SQLModel, table=True):
    """One respondent's answer to one item: 1-4, or NULL for "Not sure"."""

    __tablename__ = "readiness_answer"
    __table_args__ = (
        UniqueConstraint("respondent_id", "item_id", name="uq_readiness_answer_respondent_item"),
        CheckConstraint("value IS NULL OR (value >= 1 AND value <= 4)", name="ck_readiness_answer_value"),
        Index("ix_readiness_answer_round", "round_id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    round_id: str = Field(
        sa_column=Column(String(32), ForeignKey("readiness_round.id", ondelete="CASCADE"), nullable=False)
    )
    respondent_id: str = Field(
        sa_column=Column(String(32), ForeignKey("readiness_respondent.id", ondelete="CASCADE"), nullable=False)
    )
    item_id: str = Field(max_length=120)
    value: int | None = None
    note: str = ""
    updated_at: dt.datetime = Field(default_factory=utcnow)
