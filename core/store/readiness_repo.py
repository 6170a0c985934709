"""Saving and reading readiness rounds, respondents and answers (Step 2).

The scoring lives in `core.hrh.readiness`; this module only stores. Every function
takes the workspace id and touches only that workspace's rows: a round,
respondent or answer of another workspace is "not found".

`upsert_answer` is one INSERT ... SELECT ... ON CONFLICT DO UPDATE
statement, so thirty people answering at once (a workshop) never lose an
answer and never collide, on SQLite (BEGIN IMMEDIATE queues writers) and on
PostgreSQL (the unique constraint arbitrates).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from sqlalchemy import Integer, bindparam, cast, func
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select

from core.errors import NotFound, UserError
from core.store.database import Store
from core.store.models import new_id, utcnow
from core.store.readiness_models import (
    RESPONDENT_ROLES,
    ROUND_SOURCES,
    ReadinessAnswer,
    ReadinessRespondent,
    ReadinessRound,
)
from core.text import clean_long_text, clean_name

MAX_NOTE_CHARS = 2_000
EARLIEST_DATE = dt.date(2000, 1, 1)

Answers = dict[str, int | None]


def _check_date(held_on: object) -> dt.date:
    if isinstance(held_on, dt.datetime):
        held_on = held_on.date()
    if not isinstance(held_on, dt.date):
        raise UserError("The date of a round must be a calendar date.")
    latest = dt.date.today() + dt.timedelta(days=366)
    if not EARLIEST_DATE <= held_on <= latest:
        raise UserError(f"The date of a round must be between {EARLIEST_DATE:%Y} and a year from now.")
    return held_on


def _check_value(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise UserError("An answer is 1, 2, 3, 4 or Not sure.")
    return value


# ---------------------------------------------------------------- rounds


def create_round(store: Store, workspace_id: str, label: str, held_on: dt.date, source: str = "self") -> ReadinessRound:
    """A new round; a "self" round gets its "self" respondent in the same transaction."""
    if source not in ROUND_SOURCES:
        raise UserError(f"A round is a self-assessment or a workshop, not {source!r}.")
    round_ = ReadinessRound(
        workspace_id=workspace_id,
        label=clean_name(label, field="Round name"),
        held_on=_check_date(held_on),
        source=source,
    )
    with store.write() as s:
        s.add(round_)
        s.flush()
        if source == "self":
            s.add(ReadinessRespondent(workspace_id=workspace_id, round_id=round_.id, role="self"))
    return round_


def list_rounds(store: Store, workspace_id: str) -> list[ReadinessRound]:
    """Every round of the workspace, oldest first (by date, then by when it was created)."""
    with store.read() as s:
        return list(
            s.exec(
                select(ReadinessRound)
                .where(ReadinessRound.workspace_id == workspace_id)
                .order_by(ReadinessRound.held_on, ReadinessRound.created_at)
            )
        )


def rounds_with_results(store: Store, workspace_id: str) -> set[str]:
    """Ids of the rounds whose result (the "agreed" answers if the round has an agreed respondent, else the "self"
    ones) holds at least one answer from 1 to 4. One query."""
    with store.read() as s:
        rows = s.exec(
            select(ReadinessRespondent.round_id, ReadinessRespondent.role, func.count(ReadinessAnswer.value))
            .join(ReadinessAnswer, ReadinessAnswer.respondent_id == ReadinessRespondent.id, isouter=True)
            .where(ReadinessRespondent.workspace_id == workspace_id, ReadinessRespondent.role.in_(("agreed", "self")))
            .group_by(ReadinessRespondent.round_id, ReadinessRespondent.role)
        ).all()
    numbers: dict[str, dict[str, int]] = {}
    for round_id, role, count in rows:
        numbers.setdefault(round_id, {})[role] = count
    return {r for r, by_role in numbers.items() if by_role.get("agreed", by_role.get("self", 0)) > 0}


def default_round(store: Store, workspace_id: str, rounds: list[ReadinessRound] | None = None) -> ReadinessRound | None:
    """The round results and reports open at: the latest round (by date, then creation) whose result has an
    answer from 1 to 4, so an empty later round (a workshop just started) never hides one with answers; the
    latest round when none has answers; None without rounds."""
    rounds = list_rounds(store, workspace_id) if rounds is None else rounds
    if not rounds:
        return None
    with_results = rounds_with_results(store, workspace_id)
    return next((r for r in reversed(rounds) if r.id in with_results), rounds[-1])


def get_round(store: Store, workspace_id: str, round_id: str) -> ReadinessRound:
    with store.read() as s:
        round_ = s.get(ReadinessRound, round_id)
    if round_ is None or round_.workspace_id != workspace_id:
        raise NotFound("That assessment round no longer exists; it may have been deleted in another tab.")
    return round_


def update_round(store: Store, workspace_id: str, round_id: str, label: str, held_on: dt.date) -> ReadinessRound:
    label, held_on = clean_name(label, field="Round name"), _check_date(held_on)
    with store.write() as s:
        round_ = s.get(ReadinessRound, round_id)
        if round_ is None or round_.workspace_id != workspace_id:
            raise NotFound("That assessment round no longer exists; it may have been deleted in another tab.")
        round_.label, round_.held_on = label, held_on
        s.add(round_)
    return round_


def delete_round(store: Store, workspace_id: str, round_id: str) -> None:
    """Delete a round with its respondents and answers (cascade)."""
    with store.write() as s:
        round_ = s.get(ReadinessRound, round_id)
        if round_ is not None and round_.workspace_id == workspace_id:
            s.delete(round_)


# ---------------------------------------------------------------- respondents


def list_respondents(
    store: Store, workspace_id: str, round_id: str, role: str | None = None
) -> list[ReadinessRespondent]:
    """The respondents of a round (optionally of one role), in the order they joined."""
    query = select(ReadinessRespondent).where(
        ReadinessRespondent.workspace_id == workspace_id, ReadinessRespondent.round_id == round_id
    )
    if role is not None:
        query = query.where(ReadinessRespondent.role == role)
    with store.read() as s:
        return list(s.exec(query.order_by(ReadinessRespondent.created_at, ReadinessRespondent.id)))


def add_respondent(
    store: Store, workspace_id: str, round_id: str, role: str, display_name: str = ""
) -> ReadinessRespondent:
    """A respondent for the round. A round has at most one "self" and one "agreed" respondent:
    asking for another returns the existing one (idempotent)."""
    if role not in RESPONDENT_ROLES:
        raise UserError(f"A respondent is one of {', '.join(RESPONDENT_ROLES)}, not {role!r}.")
    name = clean_name(display_name, field="Display name") if role == "participant" else ""
    with store.write() as s:
        round_ = s.get(ReadinessRound, round_id)
        if round_ is None or round_.workspace_id != workspace_id:
            raise NotFound("That assessment round no longer exists; it may have been deleted in another tab.")
        if role != "participant":
            existing = s.exec(
                select(ReadinessRespondent)
                .where(ReadinessRespondent.round_id == round_id, ReadinessRespondent.role == role)
                .order_by(ReadinessRespondent.created_at)
            ).first()
            if existing is not None:
                return existing
        respondent = ReadinessRespondent(workspace_id=workspace_id, round_id=round_id, role=role, display_name=name)
        s.add(respondent)
    return respondent


def self_respondent(store: Store, workspace_id: str, round_id: str) -> ReadinessRespondent:
    """The round's "self" respondent (the leader answering alone), created if missing."""
    existing = list_respondents(store, workspace_id, round_id, role="self")
    return existing[0] if existing else add_respondent(store, workspace_id, round_id, "self")


def result_respondent(store: Store, workspace_id: str, round_id: str) -> ReadinessRespondent | None:
    """Whose answers are the round's result: its "agreed" respondent if any, else its "self" one."""
    by_role: dict[str, ReadinessRespondent] = {}
    for respondent in list_respondents(store, workspace_id, round_id):
        by_role.setdefault(respondent.role, respondent)
    return by_role.get("agreed") or by_role.get("self")


# ---------------------------------------------------------------- answers


def upsert_answer(
    store: Store, workspace_id: str, respondent_id: str, item_id: str, value: int | None, note: str | None = None
) -> None:
    """Insert or replace one answer (value 1-4, None for "Not sure") in ONE statement; `core.hrh.readiness`
    checks the item id against the assessment first (`save_readiness_answer`).

    `note=None` keeps the note already saved; a string replaces it. Raises UserError for a value outside
    1-4, NotFound (a KeyError) if the respondent is not one of this workspace's.
    """
    value = _check_value(value)
    clean_note = clean_long_text(note or "", field="The note", max_chars=MAX_NOTE_CHARS)
    params = {
        "new_id": new_id(),
        "item_id": item_id,
        "value": value,
        "note": clean_note,
        "updated_at": utcnow(),
        "respondent_id": respondent_id,
        "workspace_id": workspace_id,
    }
    with store.write() as s:
        if s.connection().execute(_upsert_statement(store.dialect, note is not None), params).first() is None:
            raise NotFound("That respondent no longer exists in this workspace; nothing was saved.")


@cache
def _upsert_statement(dialect_name: str, replace_note: bool):
    """The answer upsert of `upsert_answer`, built once per dialect: building it is most of a write's
    cost (`excluded` copies the table's columns every time), and a workshop makes thousands of writes. Every
    value is a bound parameter, so SQLAlchemy also compiles it once."""
    answer = ReadinessAnswer.__table__
    respondent = ReadinessRespondent.__table__
    source = sa_select(
        bindparam("new_id", type_=answer.c.id.type),
        respondent.c.workspace_id,
        respondent.c.round_id,
        respondent.c.id,
        bindparam("item_id", type_=answer.c.item_id.type),
        cast(bindparam("value", type_=Integer), Integer),  # a typed NULL for "Not sure" on PostgreSQL
        bindparam("note", type_=answer.c.note.type),
        bindparam("updated_at", type_=answer.c.updated_at.type),
    ).where(respondent.c.id == bindparam("respondent_id"), respondent.c.workspace_id == bindparam("workspace_id"))
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    stmt = dialect.insert(answer).from_select(
        ["id", "workspace_id", "round_id", "respondent_id", "item_id", "value", "note", "updated_at"], source
    )
    update = {"value": stmt.excluded.value, "updated_at": stmt.excluded.updated_at}
    if replace_note:
        update["note"] = stmt.excluded.note
    # RETURNING, not rowcount: psycopg reports -1 for INSERT ... SELECT.
    return stmt.on_conflict_do_update(index_elements=["respondent_id", "item_id"], set_=update).returning(answer.c.id)


def clear_readiness_answer(store: Store, workspace_id: str, respondent_id: str, item_id: str) -> None:
    """Remove an answer, so the item is unanswered again (not the same as "Not sure")."""
    with store.write() as s:
        row = s.exec(
            select(ReadinessAnswer).where(
                ReadinessAnswer.workspace_id == workspace_id,
                ReadinessAnswer.respondent_id == respondent_id,
                ReadinessAnswer.item_id == item_id,
            )
        ).first()
        if row is not None:
            s.delete(row)


def respondent_answers(store: Store, workspace_id: str, respondent_id: str) -> Answers:
    """One respondent's answers by item id: 1-4, or None for "Not sure"; unanswered items are absent."""
    with store.read() as s:
        rows = s.exec(
            select(ReadinessAnswer.item_id, ReadinessAnswer.value).where(
                ReadinessAnswer.workspace_id == workspace_id, ReadinessAnswer.respondent_id == respondent_id
            )
        ).all()
    return {item_id: value for item_id, value in rows}


def respondent_notes(store: Store, workspace_id: str, respondent_id: str) -> dict[str, str]:
    """The non-empty notes of one respondent's answers, by item id."""
    with store.read() as s:
        rows = s.exec(
            select(ReadinessAnswer.item_id, ReadinessAnswer.note).where(
                ReadinessAnswer.workspace_id == workspace_id,
                ReadinessAnswer.respondent_id == respondent_id,
                ReadinessAnswer.note != "",
            )
        ).all()
    return {item_id: note for item_id, note in rows}


def result_notes(store: Store, workspace_id: str, round_id: str) -> dict[str, str]:
    """The reasons recorded with the round's result (the agreed answers' one-line reasons), by item id."""
    respondent = result_respondent(store, workspace_id, round_id)
    return respondent_notes(store, workspace_id, respondent.id) if respondent else {}


def round_answers(store: Store, workspace_id: str, round_id: str, role: str | None = None) -> Answers:
    """The round's result (role=None: "agreed" answers if the round has them, else "self"), or the
    answers of its "self" or "agreed" respondent. Participants: see `answers_by_respondent`."""
    if role == "participant":
        raise ValueError("A round has many participants: use answers_by_respondent().")
    if role is None:
        respondent = result_respondent(store, workspace_id, round_id)
    else:
        found = list_respondents(store, workspace_id, round_id, role=role)
        respondent = found[0] if found else None
    return respondent_answers(store, workspace_id, respondent.id) if respondent else {}


def answers_by_respondent(
    store: Store, workspace_id: str, round_id: str, role: str = "participant"
) -> dict[str, Answers]:
    """Every answer of a round's respondents of one role, by respondent id, in one query."""
    with store.read() as s:
        rows = s.exec(
            select(ReadinessAnswer.respondent_id, ReadinessAnswer.item_id, ReadinessAnswer.value)
            .join(ReadinessRespondent, ReadinessRespondent.id == ReadinessAnswer.respondent_id)
            .where(
                ReadinessAnswer.workspace_id == workspace_id,
                ReadinessAnswer.round_id == round_id,
                ReadinessRespondent.role == role,
            )
        ).all()
    result: dict[str, Answers] = {r.id: {} for r in list_respondents(store, workspace_id, round_id, role=role)}
    for respondent_id, item_id, value in rows:
        result.setdefault(respondent_id, {})[item_id] = value
    return result
