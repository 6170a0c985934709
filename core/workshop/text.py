"""Workshop mode for the text activities: the Step 5 value-proposition themes and the Step 4 conversation prompts.

The questions are the workbook's: the themes' questions (and follow-ups) of `data/value_proposition.yaml`,
the prompts of one facilitator guide of `data/facilitator_guides.yaml`. Participants type their own answers
(`workshop_text_answer`, one row per participant and question, saved with one upsert statement that also
checks the workshop is open, so a paused or closed workshop refuses the answer atomically). The live view
puts everyone's answers to a question side by side, without names, and the facilitator saves the team's
answer into the workspace's own step (a Step 5 theme answer, or the notes of the Step 4 conversation the
workshop opened), as a new revision, so nothing typed there before is lost. Its queries are in
`core.store.workshop_repo`.

Text that looks like it identifies a person (phone, email, SSN, birth date, full name) is saved but
flagged back to the participant, as everywhere the workbook takes free text about people.

This module never imports streamlit.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from core.care_model.first_five import Finding, find_identifiers
from core.errors import WorkshopError
from core.hrh import value_proposition, what_it_takes
from core.steps import Step, step
from core.store import answers
from core.store.database import Store
from core.store.models import utcnow
from core.store.workshop_models import Workshop
from core.store.workshop_repo import (
    ParticipantProgress,
    Seat,
    WorkshopOptions,
    get_workshop,
    given_text_answers,
    list_participants,
    participant_progress,
    save_text_answer_if_open,
    seat_for_token,
    text_answers_of,
)
from core.text import clean_long_text

MAX_ANSWER_CHARS = 4_000
TEXT_ACTIVITIES = ("value_proposition", "what_it_takes")


class TextQuestion(BaseModel):
    """One question of a text workshop; `id` is what answers are saved under (stable content ids)."""

    model_config = ConfigDict(frozen=True)

    id: str
    part: str = Field(description="the theme or the segment it belongs to")
    text: str
    follow_up: bool = False


def available() -> list[str]:
    return list(TEXT_ACTIVITIES)


def check_options(activity: str, options: WorkshopOptions) -> WorkshopOptions:
    """The options of a text workshop, checked against the content (themes in workbook order)."""
    if activity == "value_proposition":
        known = [t.id for t in value_proposition.content().themes]
        chosen = options.themes or known
        unknown = [t for t in chosen if t not in known]
        if unknown:
            raise WorkshopError(f"Unknown value proposition themes: {', '.join(unknown)}.")
        return WorkshopOptions(themes=[t for t in known if t in chosen])
    if activity == "what_it_takes":
        if options.guide not in {g.id for g in what_it_takes.guides()}:
            raise WorkshopError("Choose which of the three conversations this workshop is.")
        return WorkshopOptions(guide=options.guide, conversation=options.conversation)
    raise WorkshopError(f"{activity!r} is not a text activity.")


def open_conversation(store: Store, workspace_id: str, options: WorkshopOptions, held_on: dt.date) -> WorkshopOptions:
    """A Step 4 workshop is one of the step's conversations: record it, so its notes have a home."""
    guide = what_it_takes.guide(options.guide)
    conversation = what_it_takes.add_conversation(
        store, workspace_id, what_it_takes.Conversation(guide_id=guide.id, held_on=held_on, group=guide.group)
    )
    return options.model_copy(update={"conversation": conversation.record_id})


def questions(workshop: Workshop) -> list[TextQuestion]:
    """The workshop's questions in the workbook's order."""
    if workshop.activity == "value_proposition":
        chosen = set(workshop.options.get("themes") or [])
        return [
            TextQuestion(id=f"{t.id}.{key}", part=t.title, text=text, follow_up=level > 0)
            for t in value_proposition.content().themes
            if not chosen or t.id in chosen
            for key, text, level in t.all_questions()
        ]
    if workshop.activity == "what_it_takes":
        guide = what_it_takes.guide(workshop.options["guide"])
        return [
            TextQuestion(id=prompt.id, part=f"{segment.title} ({segment.minutes} min)", text=prompt.text)
            for segment, prompt in guide.prompts
        ]
    return []


# ---------------------------------------------------------------- the participant's side


def save_participant_text(store: Store, token: str, question_id: str, text: object) -> list[Finding]:
    """Save the participant's answer to one question (empty clears it) in ONE statement, only while the
    workshop is open. Returns what in the text looks like it identifies someone (saved anyway, for them to fix)."""
    seat = seat_for_token(store, token, touch=False)
    if seat is None:
        raise WorkshopError("This link is not a workshop seat any more. Join again with the code.")
    if question_id not in {q.id for q in questions(seat.workshop)}:
        raise WorkshopError("This workshop does not ask that question.")
    clean = clean_long_text(text, field="Your answer", max_chars=MAX_ANSWER_CHARS)
    saved = save_text_answer_if_open(store, seat.participant.id, question_id, clean, utcnow())
    if not saved:
        raise WorkshopError("The facilitator has paused or closed the workshop; your answer was not saved.")
    return find_identifiers(clean)


def participant_texts(store: Store, seat: Seat) -> dict[str, str]:
    """The participant's own answers, and only theirs."""
    return text_answers_of(store, seat.participant.id)


# ---------------------------------------------------------------- the facilitator's side


class QuestionAnswers(BaseModel):
    model_config = ConfigDict(frozen=True)

    question: TextQuestion
    answers: list[str] = Field(description="non-empty answers, in the order people joined; never with names")


class TextLive(BaseModel):
    model_config = ConfigDict(frozen=True)

    participants: list[ParticipantProgress]
    questions: list[QuestionAnswers]

    @property
    def answers_given(self) -> int:
        return sum(len(q.answers) for q in self.questions)


def text_live(store: Store, workspace_id: str, workshop: Workshop, now: dt.datetime | None = None) -> TextLive:
    """Who joined and how far each is, and every answer to each question side by side (two queries)."""
    participants = list_participants(store, workspace_id, workshop.id)
    rows = given_text_answers(store, workspace_id, workshop.id)
    by_person: dict[str, dict[str, str]] = {}
    for participant_id, question_id, text in rows:
        by_person.setdefault(participant_id, {})[question_id] = text
    asked = questions(workshop)
    order = [p.id for p in participants]
    return TextLive(
        participants=participant_progress(participants, by_person, [q.id for q in asked], now or utcnow()),
        questions=[
            QuestionAnswers(question=q, answers=[by_person[p][q.id] for p in order if q.id in by_person.get(p, {})])
            for q in asked
        ],
    )


def _team_place(workshop: Workshop, question_id: str) -> tuple[str, str]:
    """Where the team's answer to a question lives in the workspace: (text section, prompt)."""
    if workshop.activity == "value_proposition":
        theme_id, key = question_id.split(".", 1)
        return value_proposition.theme(theme_id).section, key
    conversation = workshop.options.get("conversation")
    if not conversation:
        raise WorkshopError("This workshop has no Step 4 conversation to write notes into.")
    return what_it_takes.notes_section(workshop.options["guide"]), what_it_takes.note_prompt(conversation, question_id)


def team_texts(store: Store, workspace_id: str, workshop: Workshop) -> dict[str, str]:
    """The team's answers already in the workspace's step, by workshop question id."""
    result = {}
    sections: dict[str, dict[str, str]] = {}
    for q in questions(workshop):
        section, prompt = _team_place(workshop, q.id)
        if section not in sections:
            sections[section] = answers.get_texts(store, workspace_id, section)
        if sections[section].get(prompt):
            result[q.id] = sections[section][prompt]
    return result


def record_team_text(store: Store, workspace_id: str, workshop_id: str, question_id: str, text: object) -> None:
    """Save the team's answer to a question in the workspace's own step (a new revision; older ones are kept)."""
    workshop = get_workshop(store, workspace_id, workshop_id)
    if workshop.activity not in TEXT_ACTIVITIES or question_id not in {q.id for q in questions(workshop)}:
        raise WorkshopError("This workshop does not ask that question.")
    section, prompt = _team_place(workshop, question_id)
    answers.save_text(store, workspace_id, section, prompt, text)


def target_step(workshop: Workshop) -> Step:
    """The step where the team's answers end up."""
    return step("value_proposition" if workshop.activity == "value_proposition" else "what_it_takes")
