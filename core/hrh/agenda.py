"""Step 8, a meeting agenda for a potential partner: preparation checklist, discussion items, timing.

The preparation items and suggested discussion items come from `data/agenda.yaml`;
a new agenda starts with every suggested item (editable, reorderable, removable).
Each agenda is a record of kind `agenda.meeting` holding its items in order, so
moving an item never touches another agenda. Never imports streamlit.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import NotFound, UserError
from core.hrh import partners
from core.sources import Quote, TitledQuote
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.store.models import new_id
from core.table_edits import apply_edits
from core.text import clean_long_text, clean_name, sanitize_text

RECORD_KIND = "agenda.meeting"
MAX_ITEMS = 40
MAX_MINUTES = 480


class PreparationItem(TitledQuote):
    """A preparation & setup item, in the workbook's words."""


class DiscussionItem(TitledQuote):
    """A suggested item for discussion, in the workbook's words, with the app's suggested minutes."""

    minutes: int = Field(ge=0, le=MAX_MINUTES)


@content_file("agenda.yaml")
class AgendaContent(ContentModel):
    intro: Quote
    minutes_rule: str = Field(description="the app's own words: the minutes are its starting point")
    preparation: list[PreparationItem]
    discussion: list[DiscussionItem]


def content() -> AgendaContent:
    return load(AgendaContent)


def _one_line(value: str, field: str, limit: int) -> str:
    text = " ".join(sanitize_text(value).split())
    if len(text) > limit:
        raise UserError(f"{field} is {len(text)} characters long; the limit is {limit}.")
    return text


class AgendaItem(BaseModel):
    """One discussion item: a topic, its details, who leads it and how many minutes it gets."""

    id: str = Field(default_factory=new_id)
    topic: str
    details: str = ""
    lead: str = ""
    minutes: int = 0

    @field_validator("topic")
    @classmethod
    def _topic(cls, value: str) -> str:
        return clean_name(value, field="Each item's topic", max_chars=200)

    @field_validator("details")
    @classmethod
    def _details(cls, value: str) -> str:
        return clean_long_text(value, field="The item's details", max_chars=2_000).strip()

    @field_validator("lead")
    @classmethod
    def _lead(cls, value: str) -> str:
        return _one_line(value, "Who leads", 120)

    @field_validator("minutes", mode="before")
    @classmethod
    def _minutes(cls, value: object) -> object:
        if value is None or value == "":
            return 0
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    @field_validator("minutes")
    @classmethod
    def _minutes_range(cls, value: int) -> int:
        if not 0 <= value <= MAX_MINUTES:
            raise UserError(f"Minutes per item must be a whole number from 0 to {MAX_MINUTES}.")
        return value


class PrepCheck(BaseModel):
    done: bool = False
    notes: str = ""

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str) -> str:
        return clean_long_text(value, field="Preparation notes", max_chars=2_000)


class Agenda(BaseModel):
    """A meeting with one potential partner (`partner_key` is its key on the Step 7 map; its name is kept too)."""

    model_config = ConfigDict(str_strip_whitespace=True)

    partner_key: str = ""
    partner_name: str
    title: str = ""
    date: dt.date | None = None
    start_time: dt.time | None = None
    place: str = ""
    attendees: str = ""
    purpose: str = ""
    preparation: dict[str, PrepCheck] = Field(default_factory=dict)
    items: list[AgendaItem] = Field(default_factory=list)

    @field_validator("partner_name")
    @classmethod
    def _partner(cls, value: str) -> str:
        return clean_name(value, field="The partner's name", max_chars=150)

    @field_validator("title", "place")
    @classmethod
    def _short(cls, value: str, info: ValidationInfo) -> str:
        return _one_line(value, {"title": "The meeting's title", "place": "The place"}[info.field_name], 200)

    @field_validator("attendees", "purpose")
    @classmethod
    def _long(cls, value: str, info: ValidationInfo) -> str:
        return clean_long_text(
            value, field={"attendees": "Attendees", "purpose": "Purpose"}[info.field_name], max_chars=2_000
        ).strip()

    @model_validator(mode="after")
    def _parts(self) -> Agenda:
        unknown = set(self.preparation) - {p.id for p in content().preparation}
        if unknown:
            raise UserError(f"Unknown preparation items: {', '.join(sorted(unknown))}.")
        if len(self.items) > MAX_ITEMS:
            raise UserError(f"An agenda can hold up to {MAX_ITEMS} items.")
        if len({i.id for i in self.items}) != len(self.items):
            raise UserError("Two items of the agenda have the same id.")
        return self

    @property
    def heading(self) -> str:
        return self.title or f"Meeting with {self.partner_name}"


def new_agenda(partner_name: str, partner_key: str = "") -> Agenda:
    """An agenda pre-filled with the workbook's suggested items and timing."""
    items = [AgendaItem(topic=d.title, details=d.text, minutes=d.minutes) for d in content().discussion]
    return Agenda(partner_key=partner_key, partner_name=partner_name, items=items)


def marked_details(details: str) -> str:
    """An item's details as a document shows them: in quotation marks while they are still the workbook's
    suggested item word for word (a team's own wording is shown as it is)."""
    suggested = {" ".join(d.quote.split()) for d in content().discussion}
    return f"“{details}”" if " ".join(details.split()) in suggested else details


def total_minutes(agenda: Agenda) -> int:
    return sum(item.minutes for item in agenda.items)


class ScheduledItem(BaseModel):
    number: int
    item: AgendaItem
    start: dt.time | None = None
    end: dt.time | None = None

    @property
    def times(self) -> str:
        """'10:00-10:10', or '' when the meeting has no start time."""
        return f"{self.start:%H:%M}-{self.end:%H:%M}" if self.start and self.end else ""


def schedule(agenda: Agenda) -> list[ScheduledItem]:
    """The items numbered, with clock times when the meeting has a start time (each item starts when the last ends)."""
    rows = []
    clock = dt.datetime.combine(dt.date(2000, 1, 1), agenda.start_time) if agenda.start_time else None
    for number, item in enumerate(agenda.items, start=1):
        if clock is None:
            rows.append(ScheduledItem(number=number, item=item))
            continue
        end = clock + dt.timedelta(minutes=item.minutes)
        rows.append(ScheduledItem(number=number, item=item, start=clock.time(), end=end.time()))
        clock = end
    return rows


def end_time(agenda: Agenda) -> dt.time | None:
    if agenda.start_time is None:
        return None
    start = dt.datetime.combine(dt.date(2000, 1, 1), agenda.start_time)
    return (start + dt.timedelta(minutes=total_minutes(agenda))).time()


def move_item(agenda: Agenda, item_id: str, offset: int) -> Agenda:
    """The agenda with one item moved up (offset < 0) or down (offset > 0), clamped at the ends."""
    items = list(agenda.items)
    index = next((i for i, item in enumerate(items) if item.id == item_id), None)
    if index is None:
        raise NotFound("That item is no longer on the agenda.")
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    return agenda.model_copy(update={"items": items})


def preparation_done(agenda: Agenda) -> int:
    return sum(1 for p in content().preparation if agenda.preparation.get(p.id, PrepCheck()).done)


# ---------------------------------------------------------------- the store


class SavedAgenda(BaseModel):
    record_id: str
    agenda: Agenda


def list_agendas(store: Store, workspace_id: str) -> list[SavedAgenda]:
    return [
        SavedAgenda(record_id=r.id, agenda=Agenda.model_validate(r.data))
        for r in answers.list_records(store, workspace_id, RECORD_KIND)
    ]


def get_agenda(store: Store, workspace_id: str, record_id: str) -> Agenda:
    for saved in list_agendas(store, workspace_id):
        if saved.record_id == record_id:
            return saved.agenda
    raise NotFound("That agenda no longer exists; it may have been deleted in another tab.")


def create_agenda(store: Store, workspace_id: str, partner_record_id: str) -> SavedAgenda:
    """A new agenda for a partner of the Step 7 map, pre-filled with the suggested items."""
    partner = partners.get_partner(store, workspace_id, partner_record_id)
    agenda = new_agenda(partner.name, partner.key)
    record = answers.add_record(store, workspace_id, RECORD_KIND, agenda.model_dump(mode="json"))
    return SavedAgenda(record_id=record.id, agenda=agenda)


def save_agenda(store: Store, workspace_id: str, record_id: str, agenda: Agenda) -> Agenda:
    agenda = Agenda.model_validate(agenda.model_dump())
    answers.update_record(store, workspace_id, record_id, agenda.model_dump(mode="json"))
    return agenda


def update_agenda(store: Store, workspace_id: str, record_id: str, **changes) -> Agenda:
    """Change some of an agenda's fields; invalid values raise a ValidationError and nothing is saved."""
    agenda = Agenda.model_validate({**get_agenda(store, workspace_id, record_id).model_dump(), **changes})
    answers.update_record(store, workspace_id, record_id, agenda.model_dump(mode="json"))
    return agenda


def set_preparation(
    store: Store, workspace_id: str, record_id: str, prep_id: str, *, done: bool | None = None, notes: str | None = None
) -> Agenda:
    agenda = get_agenda(store, workspace_id, record_id)
    check = agenda.preparation.get(prep_id, PrepCheck()).model_dump()
    if done is not None:
        check["done"] = done
    if notes is not None:
        check["notes"] = notes
    return update_agenda(
        store, workspace_id, record_id, preparation={**agenda.model_dump()["preparation"], prep_id: check}
    )


def move_saved_item(store: Store, workspace_id: str, record_id: str, item_id: str, offset: int) -> Agenda:
    return save_agenda(
        store, workspace_id, record_id, move_item(get_agenda(store, workspace_id, record_id), item_id, offset)
    )


def apply_item_edits(store: Store, workspace_id: str, record_id: str, edits: dict) -> list[str]:
    """Apply the items table's edits (columns topic, details, lead, minutes; rows in the agenda's order).

    Each row is validated on its own; returns one message per refused row, the others are saved.
    """
    item_ids = [item.id for item in get_agenda(store, workspace_id, record_id).items]

    def change(items_of):
        agenda = get_agenda(store, workspace_id, record_id)
        save_agenda(store, workspace_id, record_id, agenda.model_copy(update={"items": items_of(list(agenda.items))}))

    def add(data: dict) -> None:
        item = AgendaItem.model_validate(data)
        change(lambda items: [*items, item])

    def update(item_id: str, changes: dict) -> None:
        def edit(items: list[AgendaItem]) -> list[AgendaItem]:
            index = [i.id for i in items].index(item_id)
            items[index] = AgendaItem.model_validate({**items[index].model_dump(), **changes})
            return items

        change(edit)

    def delete(item_id: str) -> None:
        change(lambda items: [i for i in items if i.id != item_id])

    return apply_edits(item_ids, edits, add=add, update=update, delete=delete, blank_means_default=("minutes",))


def delete_agenda(store: Store, workspace_id: str, record_id: str) -> None:
    answers.delete_record(store, workspace_id, record_id)


def readiness(agenda: Agenda) -> float:
    """How ready to send: date, place, attendees, items with a lead, and the preparation done (a fifth each)."""
    parts = [
        1.0 if agenda.date else 0.0,
        1.0 if agenda.place else 0.0,
        1.0 if agenda.attendees else 0.0,
        (sum(1 for i in agenda.items if i.lead) / len(agenda.items)) if agenda.items else 0.0,
        preparation_done(agenda) / len(content().preparation),
    ]
    return sum(parts) / len(parts)


@progress_for("agenda")
def agenda_progress(store: Store, workspace_id: str) -> StepProgress:
    """The readiness of the most prepared agenda."""
    agendas = list_agendas(store, workspace_id)
    if not agendas:
        return StepProgress(step_id="agenda", share=0.0)
    best = max(agendas, key=lambda s: readiness(s.agenda))
    return StepProgress(
        step_id="agenda",
        share=round(readiness(best.agenda), 4),
        detail=f"{len(agendas)} agenda{'s' if len(agendas) != 1 else ''}; most ready: {best.agenda.heading}",
    )


@demo_filler("agenda")
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    """The demo's agenda for one partner of the demo map: dated `in_days` from today, leads by topic."""
    partner_id = next(
        (p.record_id for p in partners.list_partners(store, workspace_id) if p.partner.name == data["partner"]), None
    )
    if partner_id is None:
        raise ValueError(f"data/demo.yaml: the agenda's partner {data['partner']!r} is not on the demo's partner map.")
    saved = create_agenda(store, workspace_id, partner_id)
    leads = data.get("leads", {})
    items = [item.model_copy(update={"lead": leads.get(item.topic, item.lead)}) for item in saved.agenda.items]
    update_agenda(
        store,
        workspace_id,
        saved.record_id,
        items=items,
        date=dt.date.today() + dt.timedelta(days=data.get("in_days", 14)),
        start_time=dt.time.fromisoformat(data["start_time"]) if data.get("start_time") else None,
        **{k: data[k] for k in ("place", "attendees", "purpose", "preparation") if k in data},
    )
