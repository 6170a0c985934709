"""Step 7, the partner map: potential partners by entity type, their status, and the five research tips.

Entity types, statuses and tips come from `data/partners.yaml`. Each partner is
a record of kind `partners.partner`, validated by `Partner` before it is saved;
which research tips are done is part of the record, and the notes of each tip
are text answers (section `partners.research.<partner key>`, prompt = tip id), so
they keep their revision history like every paragraph people write. A partner's
`key` lives inside its record, so it survives a backup restored as a copy (which
gives every row a new id); agendas refer to partners by it too.
Never imports streamlit.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import NotFound, UserError
from core.sources import Quote, TitledQuote
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.store.models import new_id
from core.text import clean_long_text, clean_name, name_key

RECORD_KIND = "partners.partner"
MAX_FIELD_CHARS = 2_000

FIELD_LABELS = {
    "entity_type": "Type of entity",
    "name": "Name",
    "locations": "Location(s)",
    "existing_relationship": "Existing relationship",
    "potential_relationship": "Potential relationship",
    "next_steps": "Next steps",
    "contact": "Contact info",
    "status": "Status",
}


class EntityType(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    help: str


class Status(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str


class ResearchTip(TitledQuote):
    """One of the workbook's five research tips, in its words, with the app's short title."""


@content_file("partners.yaml")
class PartnersContent(ContentModel):
    intro: list[Quote]
    research_intro: Quote
    entity_types: list[EntityType]
    statuses: list[Status]
    research_tips: list[ResearchTip] = Field(min_length=5, max_length=5)


def content() -> PartnersContent:
    return load(PartnersContent)


def entity_label(type_id: str) -> str:
    return {t.id: t.label for t in content().entity_types}.get(type_id, type_id)


def status_label(status_id: str) -> str:
    return {s.id: s.label for s in content().statuses}.get(status_id, status_id)


class Partner(BaseModel):
    """One potential partner, as the workbook's mapping table has it, plus a status and the research checklist."""

    model_config = ConfigDict(str_strip_whitespace=True)

    key: str = Field(default_factory=new_id, pattern=r"^[0-9a-f]{32}$")
    entity_type: str
    name: str
    locations: str = ""
    existing_relationship: str = ""
    potential_relationship: str = ""
    next_steps: str = ""
    contact: str = ""
    status: str = "identified"
    research: dict[str, bool] = Field(default_factory=dict)

    @field_validator("entity_type")
    @classmethod
    def _type(cls, value: str) -> str:
        if value not in {t.id for t in content().entity_types}:
            raise UserError("Choose the type of entity from the list.")
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return clean_name(value, field="The partner's name", max_chars=150)

    @field_validator("locations", "existing_relationship", "potential_relationship", "next_steps", "contact")
    @classmethod
    def _text(cls, value: str, info: ValidationInfo) -> str:
        return clean_long_text(value, field=FIELD_LABELS[info.field_name], max_chars=MAX_FIELD_CHARS).strip()

    @field_validator("status")
    @classmethod
    def _status(cls, value: str) -> str:
        if value not in {s.id for s in content().statuses}:
            raise UserError("Choose a status from the list.")
        return value

    @field_validator("research")
    @classmethod
    def _research(cls, value: dict[str, bool]) -> dict[str, bool]:
        known = {t.id for t in content().research_tips}
        unknown = sorted(set(value) - known)
        if unknown:
            raise UserError(f"Unknown research tips: {', '.join(unknown)}.")
        return value

    @property
    def research_done(self) -> int:
        return sum(1 for done in self.research.values() if done)


class SavedPartner(BaseModel):
    record_id: str
    partner: Partner


def list_partners(store: Store, workspace_id: str) -> list[SavedPartner]:
    return [
        SavedPartner(record_id=r.id, partner=Partner.model_validate(r.data))
        for r in answers.list_records(store, workspace_id, RECORD_KIND)
    ]


def get_partner(store: Store, workspace_id: str, record_id: str) -> Partner:
    for saved in list_partners(store, workspace_id):
        if saved.record_id == record_id:
            return saved.partner
    raise NotFound("That partner no longer exists; it may have been deleted in another tab.")


def _check_unique(store: Store, workspace_id: str, partner: Partner, except_id: str | None = None) -> None:
    for saved in list_partners(store, workspace_id):
        if (
            saved.record_id != except_id
            and saved.partner.entity_type == partner.entity_type
            and name_key(saved.partner.name) == name_key(partner.name)
        ):
            raise UserError(f"{partner.name} is already on the map under {entity_label(partner.entity_type)}.")


def add_partner(store: Store, workspace_id: str, **fields) -> SavedPartner:
    """Validate and append a partner; a ValidationError or UserError says what is wrong and nothing is saved."""
    partner = Partner.model_validate(fields)
    _check_unique(store, workspace_id, partner)
    record = answers.add_record(store, workspace_id, RECORD_KIND, partner.model_dump(mode="json"))
    return SavedPartner(record_id=record.id, partner=partner)


def update_partner(store: Store, workspace_id: str, record_id: str, **changes) -> Partner:
    partner = Partner.model_validate({**get_partner(store, workspace_id, record_id).model_dump(), **changes})
    _check_unique(store, workspace_id, partner, except_id=record_id)
    answers.update_record(store, workspace_id, record_id, partner.model_dump(mode="json"))
    return partner


def delete_partner(store: Store, workspace_id: str, record_id: str) -> None:
    answers.delete_record(store, workspace_id, record_id)


def research_section(partner_key: str) -> str:
    return f"partners.research.{partner_key}"


def _check_tip(tip_id: str) -> None:
    if tip_id not in {t.id for t in content().research_tips}:
        raise UserError(f"{tip_id!r} is not one of the research tips.")


def set_research_done(store: Store, workspace_id: str, record_id: str, tip_id: str, done: bool) -> Partner:
    """Tick (or untick) one research tip for one partner."""
    _check_tip(tip_id)
    partner = get_partner(store, workspace_id, record_id)
    return update_partner(store, workspace_id, record_id, research={**partner.research, tip_id: bool(done)})


def research_notes(store: Store, workspace_id: str, partner: Partner) -> dict[str, str]:
    """The notes of each research tip of one partner ('' where none)."""
    saved = answers.get_texts(store, workspace_id, research_section(partner.key))
    return {t.id: saved.get(t.id, "") for t in content().research_tips}


def save_research_note(store: Store, workspace_id: str, record_id: str, tip_id: str, text: str) -> int:
    """Save a new revision of one tip's notes (TextTooLong if over the limit, nothing saved)."""
    _check_tip(tip_id)
    partner = get_partner(store, workspace_id, record_id)  # it must exist in this workspace
    return answers.save_text(store, workspace_id, research_section(partner.key), tip_id, text)


class TypeCounts(BaseModel):
    entity_type: str
    label: str
    counts: dict[str, int]
    total: int


def status_counts(partners: list[SavedPartner]) -> list[TypeCounts]:
    """Partners per entity type and status (every type and status, zeros included), in the data's order."""
    rows = []
    for entity in content().entity_types:
        counts = {s.id: 0 for s in content().statuses}
        for saved in partners:
            if saved.partner.entity_type == entity.id:
                counts[saved.partner.status] += 1
        rows.append(TypeCounts(entity_type=entity.id, label=entity.label, counts=counts, total=sum(counts.values())))
    return rows


def by_type(partners: list[SavedPartner]) -> list[tuple[EntityType, list[SavedPartner]]]:
    """Entity types that have partners, in the data's order, each with its partners in the map's order."""
    grouped = [
        (entity, [p for p in partners if p.partner.entity_type == entity.id]) for entity in content().entity_types
    ]
    return [(entity, listed) for entity, listed in grouped if listed]


def research_share(partners: list[SavedPartner]) -> float:
    """Share of the five tips done, over the partners still in play (not marked 'not a fit')."""
    active = [p.partner for p in partners if p.partner.status != "not_a_fit"]
    if not active:
        return 0.0
    tips = len(content().research_tips)
    return sum(p.research_done for p in active) / (tips * len(active))


@progress_for("partners")
def partners_progress(store: Store, workspace_id: str) -> StepProgress:
    """A quarter for having partners on the map, the rest for the research done on those still in play."""
    partners = list_partners(store, workspace_id)
    if not partners:
        return StepProgress(step_id="partners", share=0.0)
    share = 0.25 + 0.75 * research_share(partners)
    return StepProgress(
        step_id="partners",
        share=round(share, 4),
        detail=f"{len(partners)} partner{'s' if len(partners) != 1 else ''} mapped, "
        f"{research_share(partners):.0%} of the research done",
    )


@demo_filler("partners")
def fill_demo(store: Store, workspace_id: str, data: list[dict]) -> None:
    """The demo's partners, with the research tips done (`research_done`) and their notes (`notes`)."""
    for spec in data:
        spec = dict(spec)
        done, notes = spec.pop("research_done", []), spec.pop("notes", {})
        saved = add_partner(store, workspace_id, **spec, research={tip: True for tip in done})
        for tip_id, text in notes.items():
            save_research_note(store, workspace_id, saved.record_id, tip_id, text)
