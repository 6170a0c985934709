"""The tables of workshop mode: a facilitated session, its participants, their text answers, join tries.

A *workshop* runs one activity on a workspace: the Step 2 readiness assessment
(its answers live in a `readiness_round` with source "workshop": each
participant is a `readiness_respondent` of role "participant", the team's
agreed answers are the round's "agreed" respondent), or a text activity (the
Step 5 value-proposition themes, the Step 4 conversation prompts), whose
answers are `workshop_text_answer` rows.

Secrets are never stored in clear: a participant's URL token is kept only as
its SHA-256. A join code is short by design (people type it); what protects it
is its randomness and the limited number of tries (`join_attempt`).

`join_attempt`, `join_pass` and `workshop_presenter` have no workspace column
and are never part of a backup: a wrong code belongs to no workspace, and a pass
or a presenter link is a credential that must not travel in a file. Join tries
older than the limit's window and expired passes are deleted as new ones arrive.

Schema changes only through an Alembic migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, Index, String, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from core.store.models import new_id, utcnow, workspace_fk

ACTIVITIES = ("readiness", "value_proposition", "what_it_takes")
STATUSES = ("open", "paused", "closed")


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Any:
    return Column(String(32), ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index)


class Workshop(SQLModel, table=True):
    """One facilitated session of one activity; `code` is how participants find it while it is not closed."""

    __tablename__ = "workshop"
    __table_args__ = (
        CheckConstraint("activity IN ('readiness', 'value_proposition', 'what_it_takes')", name="ck_workshop_activity"),
        CheckConstraint("status IN ('open', 'paused', 'closed')", name="ck_workshop_status"),
        # A code is unique among the workshops people can still join; a closed workshop's code may come back.
        Index(
            "uq_workshop_live_code",
            "code",
            unique=True,
            sqlite_where=text("status != 'closed'"),
            postgresql_where=text("status != 'closed'"),
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    activity: str = Field(max_length=30)
    title: str = Field(default="", max_length=120)
    round_id: str | None = Field(default=None, sa_column=_fk("readiness_round.id", nullable=True))
    options: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    code: str = Field(max_length=12)
    status: str = Field(default="open", max_length=10)
    results_visible: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow)
    closed_at: dt.datetime | None = None


class WorkshopParticipant(SQLModel, table=True):
    """Someone who joined a workshop with a display name; recognised again by the token in their URL."""

    __tablename__ = "workshop_participant"
    __table_args__ = (UniqueConstraint("workshop_id", "name_key", name="uq_workshop_participant_name"),)

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    workshop_id: str = Field(sa_column=_fk("workshop.id"))
    display_name: str = Field(max_length=120)
    name_key: str = Field(max_length=120)
    token_hash: str = Field(max_length=64)
    respondent_id: str | None = Field(default=None, sa_column=_fk("readiness_respondent.id", nullable=True))
    joined_at: dt.datetime = Field(default_factory=utcnow)
    last_seen_at: dt.datetime = Field(default_factory=utcnow)


class WorkshopTextAnswer(SQLModel, table=True):
    """One participant's text answer to one question of a text activity (one row each: saving is an upsert)."""

    __tablename__ = "workshop_text_answer"
    __table_args__ = (
        UniqueConstraint("participant_id", "question_id", name="uq_workshop_text_answer_participant_question"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workspace_id: str = Field(sa_column=workspace_fk())
    workshop_id: str = Field(sa_column=_fk("workshop.id"))
    participant_id: str = Field(sa_column=_fk("workshop_participant.id", index=False))
    question_id: str = Field(max_length=200)
    text: str = ""
    updated_at: dt.datetime = Field(default_factory=utcnow)


JOIN_OUTCOMES = ("pending", "wrong", "held", "full", "let_in")


class JoinAttempt(SQLModel, table=True):
    """A try to join that did not get in, counted to limit guessing (see `core.workshop.session.join_workshop`).

    `outcome`: "pending" while the code is being looked up, "wrong" (no open workshop has the code), "held" (the
    guessing limit held the client back; `workshop_id` is set when the code was right, so the facilitator sees
    it), "full" (the workshop has its most participants), "let_in" (a held try the facilitator let in). Only
    "pending" and "wrong" count toward the limits. Keys are SHA-256 hashes, never addresses in clear.
    """

    __tablename__ = "join_attempt"
    __table_args__ = (
        CheckConstraint("outcome IN ('pending', 'wrong', 'held', 'full', 'let_in')", name="ck_join_attempt_outcome"),
        Index("ix_join_attempt_session_at", "session_key", "attempted_at"),
        Index("ix_join_attempt_address_at", "address_key", "attempted_at"),
        Index("ix_join_attempt_at", "attempted_at"),
        {"info": {"backup": False}},
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    address_key: str = Field(default="", max_length=64, description="hash of the network address; '' if unknown")
    session_key: str = Field(max_length=64, description="hash of the browser session")
    workshop_id: str | None = Field(default=None, sa_column=_fk("workshop.id", nullable=True))
    outcome: str = Field(default="pending", max_length=10)
    attempted_at: dt.datetime = Field(default_factory=utcnow)


class JoinPass(SQLModel, table=True):
    """The facilitator let a held-back client in: until `expires_at`, this client joins this workshop with its
    code without the guessing limit (a pass opens one workshop only, so it never helps a guesser)."""

    __tablename__ = "join_pass"
    __table_args__ = (Index("ix_join_pass_workshop_client", "workshop_id", "client_key"), {"info": {"backup": False}})

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workshop_id: str = Field(sa_column=_fk("workshop.id", index=False))
    client_key: str = Field(max_length=64)
    expires_at: dt.datetime


class WorkshopPresenter(SQLModel, table=True):
    """The presenter link of a workshop (read-only: its join panel and aggregate results), kept as SHA-256 only.

    One per workshop: making a new link ends the previous one. It grants nothing of the workspace."""

    __tablename__ = "workshop_presenter"
    __table_args__ = (
        UniqueConstraint("workshop_id", name="uq_workshop_presenter_workshop"),
        {"info": {"backup": False}},
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=32)
    workshop_id: str = Field(sa_column=_fk("workshop.id", index=False))
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
