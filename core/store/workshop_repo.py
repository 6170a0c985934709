"""The workshop repository: every query of workshops, their participants and their seats.

Workshop rules (codes, limits, the disagreement order, agreed answers) live in `core.workshop.session` and
`core.workshop.text`, which both read and write workshops, participants and text answers through this module;
so neither imports the other to reach a workshop, and a participant's token is checked in one place. A join
runs its rules inside one locked transaction: the functions that take an open session `s` are its steps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, literal
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, select

from core.errors import NotFound, WorkshopError
from core.store.database import Store
from core.store.models import new_id, utcnow
from core.store.readiness_models import ReadinessAnswer, ReadinessRespondent
from core.store.workshop_models import Workshop, WorkshopParticipant, WorkshopTextAnswer


class WorkshopOptions(BaseModel):
    """What a workshop covers: readiness domains, value-proposition themes, or one Step 4 guide."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    domains: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    guide: str | None = None
    conversation: str | None = Field(default=None, description="the Step 4 conversation a guide workshop is")


SEEN_EVERY = dt.timedelta(seconds=60)


def list_workshops(store: Store, workspace_id: str) -> list[Workshop]:
    """The workspace's workshops, newest first."""
    with store.read() as s:
        return list(
            s.exec(
                select(Workshop)
                .where(Workshop.workspace_id == workspace_id)
                .order_by(Workshop.created_at.desc(), Workshop.id)
            )
        )


def get_workshop(store: Store, workspace_id: str, workshop_id: str) -> Workshop:
    with store.read() as s:
        workshop = s.get(Workshop, workshop_id)
    if workshop is None or workshop.workspace_id != workspace_id:
        raise NotFound("That workshop no longer exists in this workspace.")
    return workshop


def set_status(store: Store, workspace_id: str, workshop_id: str, status: str, allowed_from: set[str]) -> Workshop:
    with store.write() as s:
        workshop = s.get(Workshop, workshop_id)
        if workshop is None or workshop.workspace_id != workspace_id:
            raise NotFound("That workshop no longer exists in this workspace.")
        if workshop.status == status:
            return workshop
        if workshop.status not in allowed_from:
            raise WorkshopError(f"This workshop is {workshop.status}; it cannot be {status} now.")
        workshop.status = status
        if status == "closed":
            workshop.closed_at = utcnow()
        s.add(workshop)
        return workshop


@dataclass(frozen=True)
class Seat:
    """A participant in their workshop, as their token found them."""

    participant: WorkshopParticipant
    workshop: Workshop


def token_hash(token: str) -> str:
    """What is stored of a participant's token: its SHA-256 (the token itself is only in their browser)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_code(store: Store, code: str) -> tuple[Workshop | None, bool]:
    """The workshop people can join with this code (not closed), and whether a closed one had it."""
    with store.read() as s:
        matches = list(s.exec(select(Workshop).where(Workshop.code == code).order_by(Workshop.created_at.desc())))
    return next((w for w in matches if w.status != "closed"), None), bool(matches)


def seat_for_token(store: Store, token: str | None, *, touch: bool = True) -> Seat | None:
    """The participant a URL token belongs to, with their workshop; None for an unknown or malformed token.

    Notes that the participant was seen, at most once a minute (for the facilitator's list).
    """
    if not token or len(token) > 100 or "." not in token:
        return None
    participant_id = token.split(".", 1)[0]
    if not re.fullmatch(r"[0-9a-f]{32}", participant_id):
        return None
    with store.read() as s:
        row = s.exec(
            select(WorkshopParticipant, Workshop)
            .join(Workshop, Workshop.id == WorkshopParticipant.workshop_id)
            .where(WorkshopParticipant.id == participant_id)
        ).first()
    if row is None or not hmac.compare_digest(row[0].token_hash, token_hash(token)):
        return None
    participant, workshop = row
    now = utcnow()
    seen = (
        participant.last_seen_at if participant.last_seen_at.tzinfo else participant.last_seen_at.replace(tzinfo=dt.UTC)
    )
    if touch and now - seen > SEEN_EVERY:
        with store.write() as s:
            fresh = s.get(WorkshopParticipant, participant.id)
            if fresh is not None:
                fresh.last_seen_at = now
                s.add(fresh)
    return Seat(participant=participant, workshop=workshop)


def list_participants(store: Store, workspace_id: str, workshop_id: str) -> list[WorkshopParticipant]:
    """Everyone who joined, in the order they joined."""
    with store.read() as s:
        return list(
            s.exec(
                select(WorkshopParticipant)
                .where(WorkshopParticipant.workspace_id == workspace_id, WorkshopParticipant.workshop_id == workshop_id)
                .order_by(WorkshopParticipant.joined_at, WorkshopParticipant.id)
            )
        )


class ParticipantProgress(BaseModel):
    model_config = ConfigDict(frozen=True)

    participant_id: str
    display_name: str
    responded: int = Field(ge=0, description="items answered, Not sure included")
    total: int = Field(ge=0)
    seen_seconds_ago: int = Field(ge=0)

    @property
    def share(self) -> float:
        return self.responded / self.total if self.total else 0.0


def participant_progress(
    participants: Sequence[WorkshopParticipant],
    answers_by_participant: Mapping[str, Mapping[str, object]],
    question_ids: Sequence[str],
    now: dt.datetime,
) -> list[ParticipantProgress]:
    """How far each participant is: questions with an answer (Not sure counts) out of the workshop's questions."""
    asked = set(question_ids)
    result = []
    for p in participants:
        seen = p.last_seen_at if p.last_seen_at.tzinfo else p.last_seen_at.replace(tzinfo=dt.UTC)
        mine = answers_by_participant.get(p.id, {})
        result.append(
            ParticipantProgress(
                participant_id=p.id,
                display_name=p.display_name,
                responded=sum(1 for q in mine if q in asked),
                total=len(asked),
                seen_seconds_ago=max(0, int((now - seen).total_seconds())),
            )
        )
    return result


# ---------------------------------------------------------------- running a workshop


def add_workshop(store: Store, workshop: Workshop) -> None:
    """Write a new workshop; raises IntegrityError if an open workshop has its code."""
    with store.write() as s:
        s.add(workshop)


def save_results_visible(store: Store, workspace_id: str, workshop_id: str, visible: bool) -> Workshop:
    """Set whether the workshop's results show on the projector view; NotFound if not in this workspace."""
    with store.write() as s:
        workshop = s.get(Workshop, workshop_id)
        if workshop is None or workshop.workspace_id != workspace_id:
            raise NotFound("That workshop no longer exists in this workspace.")
        workshop.results_visible = bool(visible)
        s.add(workshop)
        return workshop


def live_marks(store: Store, workspace_id: str, workshop: Workshop) -> tuple[tuple, tuple]:
    """(count, last change) of the workshop's answers and (count, last seen) of its participants, in one read."""
    if workshop.activity == "readiness":
        answered = select(func.count(ReadinessAnswer.id), func.max(ReadinessAnswer.updated_at)).where(
            ReadinessAnswer.workspace_id == workspace_id, ReadinessAnswer.round_id == workshop.round_id
        )
    else:
        answered = select(func.count(WorkshopTextAnswer.id), func.max(WorkshopTextAnswer.updated_at)).where(
            WorkshopTextAnswer.workspace_id == workspace_id, WorkshopTextAnswer.workshop_id == workshop.id
        )
    with store.read() as s:
        answers = s.exec(answered).one()
        people = s.exec(
            select(func.count(WorkshopParticipant.id), func.max(WorkshopParticipant.last_seen_at)).where(
                WorkshopParticipant.workspace_id == workspace_id, WorkshopParticipant.workshop_id == workshop.id
            )
        ).one()
    return tuple(answers), tuple(people)


# ---------------------------------------------------------------- joining, inside the caller's locked transaction


def lock_workshop(s: Session, workshop_id: str) -> Workshop | None:
    """The workshop, its row locked until the open transaction `s` ends (on PostgreSQL; SQLite writers queue)."""
    return s.exec(select(Workshop).where(Workshop.id == workshop_id).with_for_update()).first()


def count_participants(s: Session, workshop_id: str) -> int:
    """How many have joined the workshop, read in the open transaction `s`."""
    return s.exec(
        select(func.count(WorkshopParticipant.id)).where(WorkshopParticipant.workshop_id == workshop_id)
    ).one()


def name_taken(s: Session, workshop_id: str, name_key: str) -> bool:
    """Whether someone in the workshop joined under this name key, read in the open transaction `s`."""
    return bool(
        s.exec(
            select(WorkshopParticipant.id).where(
                WorkshopParticipant.workshop_id == workshop_id, WorkshopParticipant.name_key == name_key
            )
        ).first()
    )


def add_participant(s: Session, participant: WorkshopParticipant, respondent: ReadinessRespondent | None) -> None:
    """Add the participant in the open transaction `s`, after their readiness respondent (if any), whose id they get."""
    if respondent is not None:
        s.add(respondent)
        s.flush()
        participant.respondent_id = respondent.id
    s.add(participant)


# ---------------------------------------------------------------- text answers


def save_text_answer_if_open(store: Store, participant_id: str, question_id: str, text: str, now: dt.datetime) -> bool:
    """Upsert the answer in ONE statement that writes only while the participant's workshop is open; True if so."""
    table, people, ws = WorkshopTextAnswer.__table__, WorkshopParticipant.__table__, Workshop.__table__
    source = (
        sa_select(
            literal(new_id()),
            people.c.workspace_id,
            people.c.workshop_id,
            people.c.id,
            literal(question_id),
            literal(text),
            literal(now, table.c.updated_at.type),
        )
        .join(ws, ws.c.id == people.c.workshop_id)
        .where(people.c.id == participant_id, ws.c.status == "open")
    )
    dialect = postgresql if store.dialect == "postgresql" else sqlite
    stmt = dialect.insert(table).from_select(
        ["id", "workspace_id", "workshop_id", "participant_id", "question_id", "text", "updated_at"], source
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["participant_id", "question_id"],
        set_={"text": stmt.excluded.text, "updated_at": stmt.excluded.updated_at},
    ).returning(table.c.id)
    with store.write() as s:
        saved = s.connection().execute(stmt).first()
    return saved is not None


def text_answers_of(store: Store, participant_id: str) -> dict[str, str]:
    """One participant's text answers, by question id."""
    with store.read() as s:
        rows = s.exec(
            select(WorkshopTextAnswer.question_id, WorkshopTextAnswer.text).where(
                WorkshopTextAnswer.participant_id == participant_id
            )
        ).all()
    return dict(rows)


def given_text_answers(store: Store, workspace_id: str, workshop_id: str) -> list[tuple[str, str, str]]:
    """(participant id, question id, text) of every non-blank text answer of the workshop."""
    with store.read() as s:
        return list(
            s.exec(
                select(
                    WorkshopTextAnswer.participant_id, WorkshopTextAnswer.question_id, WorkshopTextAnswer.text
                ).where(
                    WorkshopTextAnswer.workspace_id == workspace_id,
                    WorkshopTextAnswer.workshop_id == workshop_id,
                    func.length(func.trim(WorkshopTextAnswer.text)) > 0,
                )
            ).all()
        )
