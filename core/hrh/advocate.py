"""Step 9, organize & advocate: state research, programs to organize with, seats at the table, the advocacy
goal and the messages tailored to each stakeholder.

Lists and wording come from `data/advocacy.yaml`. Checklists are value answers
(`advocate.state_research`, `advocate.organizing`); notes, the goal and the
messages are text answers with revisions (`advocate.state_research`,
`advocate.goal`, `advocate.message.<stakeholder>`); links, programs and seats are
records (`advocate.link`, `advocate.program`, `advocate.seat`) validated by the
models below. Never imports streamlit.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar, TypeVar
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from core.content import ContentModel, Option, content_file, load
from core.demo import demo_filler
from core.errors import NotFound, UserError
from core.sources import Quote, Tips, TitledQuote
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.text import clean_long_text, clean_name, sanitize_text

RESEARCH_SECTION = "advocate.state_research"
ORGANIZING_SECTION = "advocate.organizing"
GOAL_SECTION = "advocate.goal"
GOAL_PROMPT = "goal"
MESSAGE_PARTS_NEEDED = ("ask", "evidence", "story")


def message_section(stakeholder_id: str) -> str:
    return f"advocate.message.{stakeholder_id}"


class Tip(TitledQuote):
    """A checklist item: the workbook's words, with the app's short title for it."""


class Seats(ContentModel):
    """The workbook's "Get a Seat at the Table", quoted."""

    lead: Quote
    places: Tips
    assessments: Quote
    example: Quote


class Goal(ContentModel):
    label: str
    help: str


class Stakeholder(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    guidance: str


class MessagePart(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    help: str


@content_file("advocacy.yaml")
class AdvocacyContent(ContentModel):
    intro: Quote
    state_research: list[Tip]
    organizing: list[Tip]
    seats: Seats
    program_statuses: list[Option]
    seat_types: list[Option]
    seat_statuses: list[Option]
    goal: Goal
    policy_guide: list[Quote]
    stakeholders: list[Stakeholder]
    message_parts: list[MessagePart]


def content() -> AdvocacyContent:
    return load(AdvocacyContent)


def labels(options: list[Option]) -> dict[str, str]:
    return {o.id: o.label for o in options}


def _one_line(value: str, field: str, limit: int) -> str:
    text = " ".join(sanitize_text(value).split())
    if len(text) > limit:
        raise UserError(f"{field} is {len(text)} characters long; the limit is {limit}.")
    return text


# ---------------------------------------------------------------- rows of the three tables


class _Row(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)
    KIND: ClassVar[str]


class ResearchLink(_Row):
    """A link the user keeps for one state research topic."""

    KIND: ClassVar[str] = "advocate.link"
    topic: str
    title: str = ""
    url: str

    @field_validator("topic")
    @classmethod
    def _topic(cls, value: str) -> str:
        if value not in {t.id for t in content().state_research}:
            raise UserError("Choose which research topic the link is for.")
        return value

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _one_line(value, "The link's title", 200)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        value = sanitize_text(value).strip()
        parsed = urlparse(value)
        if not value:
            raise UserError("Paste the link's address (starting with https://).")
        if parsed.scheme not in ("http", "https") or not parsed.netloc or any(c.isspace() for c in value):
            raise UserError(f"{value[:80]!r} is not a web address; it must start with https:// or http://.")
        if len(value) > 1_000:
            raise UserError("That web address is longer than 1,000 characters.")
        return value


class Program(_Row):
    """Another harm reduction program to organize with."""

    KIND: ClassVar[str] = "advocate.program"
    name: str
    area: str = ""
    contact: str = ""
    notes: str = ""
    status: str = "to_contact"

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value, field="The program's name", max_chars=150)

    @field_validator("area", "contact")
    @classmethod
    def _short(cls, value: str, info: ValidationInfo) -> str:
        return _one_line(value, {"area": "Where they work", "contact": "Contact"}[info.field_name], 300)

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str) -> str:
        return clean_long_text(value, field="Notes", max_chars=2_000).strip()

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        if value not in labels(content().program_statuses):
            raise UserError("Choose a status from the list.")
        return value


class Seat(_Row):
    """A seat at the table: a task force, board, hearing or assessment where decisions are made."""

    KIND: ClassVar[str] = "advocate.seat"
    seat_type: str
    name: str
    date: dt.date | None = None
    who: str = ""
    status: str = "idea"
    notes: str = ""

    @field_validator("seat_type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in labels(content().seat_types):
            raise UserError("Choose the kind of seat from the list.")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value, field="What and where", max_chars=200)

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        if value in ("", None):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, str) and "T" in value:
            return value.split("T")[0]
        return value

    @field_validator("who")
    @classmethod
    def _who(cls, value: str) -> str:
        return _one_line(value, "Who goes", 200)

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        if value not in labels(content().seat_statuses):
            raise UserError("Choose a status from the list.")
        return value

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str) -> str:
        return clean_long_text(value, field="Notes", max_chars=2_000).strip()


R = TypeVar("R", bound=_Row)


def list_rows(store: Store, workspace_id: str, model: type[R]) -> list[tuple[str, R]]:
    """(record id, row) of one table, in the order people gave them."""
    return [(r.id, model.model_validate(r.data)) for r in answers.list_records(store, workspace_id, model.KIND)]


def add_row(store: Store, workspace_id: str, model: type[R], data: dict) -> str:
    """Validate and append a row; a ValidationError says what is wrong and nothing is saved."""
    row = model.model_validate(data)
    return answers.add_record(store, workspace_id, model.KIND, row.model_dump(mode="json")).id


def update_row(store: Store, workspace_id: str, model: type[R], record_id: str, changes: dict) -> R:
    current = dict(list_rows(store, workspace_id, model)).get(record_id)
    if current is None:
        raise NotFound("That row no longer exists; it may have been deleted in another tab.")
    row = model.model_validate({**current.model_dump(), **changes})
    answers.update_record(store, workspace_id, record_id, row.model_dump(mode="json"))
    return row


def delete_row(store: Store, workspace_id: str, record_id: str) -> None:
    answers.delete_record(store, workspace_id, record_id)


def upcoming_seats(seats: list[Seat], today: dt.date) -> list[Seat]:
    """Seats dated today or later and not yet attended or dropped, soonest first."""
    return sorted(
        (s for s in seats if s.date and s.date >= today and s.status in ("idea", "planned", "confirmed")),
        key=lambda s: s.date,
    )  # type: ignore[arg-type, return-value]


# ---------------------------------------------------------------- checklists, goal and messages


def checklist(store: Store, workspace_id: str, section: str) -> dict[str, bool]:
    return {k: bool(v) for k, v in answers.get_values(store, workspace_id, section).items()}


def set_checked(store: Store, workspace_id: str, section: str, item_id: str, done: bool) -> None:
    tips = content().state_research if section == RESEARCH_SECTION else content().organizing
    if section not in (RESEARCH_SECTION, ORGANIZING_SECTION) or item_id not in {t.id for t in tips}:
        raise UserError(f"{item_id!r} is not an item of that checklist.")
    answers.save_value(store, workspace_id, section, item_id, bool(done))


def message_texts(store: Store, workspace_id: str) -> dict[str, dict[str, str]]:
    """Every stakeholder's message parts (position, ask, evidence, story), '' where not written yet."""
    parts = [p.id for p in content().message_parts]
    result = {}
    for stakeholder in content().stakeholders:
        saved = answers.get_texts(store, workspace_id, message_section(stakeholder.id))
        result[stakeholder.id] = {p: saved.get(p, "") for p in parts}
    return result


def message_draft(goal: str, stakeholder: Stakeholder, parts: dict[str, str]) -> str:
    """The pieces put together as a short message to copy into an email or talking points ('' if no ask yet)."""
    ask = parts.get("ask", "").strip()
    if not ask:
        return ""
    lines = [f"For {stakeholder.label.lower()}", "", ask]
    if parts.get("evidence", "").strip():
        lines += ["", f"Why it matters: {parts['evidence'].strip()}"]
    if parts.get("story", "").strip():
        lines += ["", parts["story"].strip()]
    if goal.strip():
        lines += ["", f"What we are working towards: {goal.strip()}"]
    return "\n".join(lines)


def messages_ready(messages: dict[str, dict[str, str]]) -> list[str]:
    """Stakeholders whose ask, evidence and story are all written."""
    return [s for s, parts in messages.items() if all(parts.get(p, "").strip() for p in MESSAGE_PARTS_NEEDED)]


@progress_for("advocate")
def advocate_progress(store: Store, workspace_id: str) -> StepProgress:
    """Five equal parts: state research checked, a program to organize with, a seat at the table, a goal,
    and messages ready for the four stakeholders."""
    research = checklist(store, workspace_id, RESEARCH_SECTION)
    research_share = sum(1 for t in content().state_research if research.get(t.id)) / len(content().state_research)
    ready = messages_ready(message_texts(store, workspace_id))
    parts = [
        research_share,
        1.0 if list_rows(store, workspace_id, Program) else 0.0,
        1.0 if list_rows(store, workspace_id, Seat) else 0.0,
        1.0 if answers.get_text(store, workspace_id, GOAL_SECTION, GOAL_PROMPT).strip() else 0.0,
        len(ready) / len(content().stakeholders),
    ]
    return StepProgress(
        step_id="advocate",
        share=round(sum(parts) / len(parts), 4),
        detail=f"{len(ready)} of {len(content().stakeholders)} messages ready",
    )


@demo_filler("advocate")
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    """The demo's checklists, notes, links, programs, seats (dated `in_days` from today), goal and messages."""
    for item_id in data.get("research_done", []):
        set_checked(store, workspace_id, RESEARCH_SECTION, item_id, True)
    for item_id, text in data.get("research_notes", {}).items():
        answers.save_text(store, workspace_id, RESEARCH_SECTION, item_id, text)
    for item_id in data.get("organizing_done", []):
        set_checked(store, workspace_id, ORGANIZING_SECTION, item_id, True)
    for link in data.get("links", []):
        add_row(store, workspace_id, ResearchLink, link)
    for program in data.get("programs", []):
        add_row(store, workspace_id, Program, program)
    for seat in data.get("seats", []):
        seat = dict(seat)
        if "in_days" in seat:
            seat["date"] = dt.date.today() + dt.timedelta(days=seat.pop("in_days"))
        add_row(store, workspace_id, Seat, seat)
    if data.get("goal"):
        answers.save_text(store, workspace_id, GOAL_SECTION, GOAL_PROMPT, data["goal"])
    for stakeholder_id, parts in data.get("messages", {}).items():
        for part_id, text in parts.items():
            answers.save_text(store, workspace_id, message_section(stakeholder_id), part_id, text)
