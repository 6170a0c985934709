"""Care model stage 3: iterative testing with 25 patients.

Interventions under test and what was learned, roles and responsibilities per
team member, how many people are at each stage of readiness to engage, the
elements the care model will include, and the drivers of the eventual caseload
mix, with `recruitment_plan` turning the engagement rate and recruiting time
into how many people to approach and how many staff hours that takes.

Never imports streamlit.
"""

from __future__ import annotations

import math
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.content import ContentModel, Option, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.sources import Quote, Tip, Tips
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.text import clean_long_text, clean_name

STEP = "twenty_five"
INTERVENTION_KIND = f"{STEP}.intervention"
ROLE_KIND = f"{STEP}.role"
READINESS_SECTION = f"{STEP}.readiness"
DRIVERS_SECTION = f"{STEP}.drivers"
ELEMENTS_SECTION = f"{STEP}.elements"
MAX_COUNT = 100_000


class Driver(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str


class Guides(ContentModel):
    """The source's words that frame each part of the page."""

    interventions: list[Tip]
    roles: list[Quote]
    readiness: list[Quote]
    elements: list[Quote]
    drivers: list[Quote]


class Staffing(ContentModel):
    """Hiring, training and supporting staff: the source's guidance under its own headings."""

    lead: list[Quote]
    groups: list[Tips]


@content_file("twenty_five.yaml")
class TwentyFiveContent(ContentModel):
    intro: list[Quote]
    guides: Guides
    target_patients: int = Field(gt=0)
    intervention_statuses: list[Option]
    readiness_stages: list[Option]
    elements: list[Option]
    drivers: list[Driver]
    staffing: Staffing
    tips: Tips
    voices: list[Quote]


def content() -> TwentyFiveContent:
    return load(TwentyFiveContent)


# ---------------------------------------------------------------- table rows


class Intervention(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    name: str
    status: str = "planned"
    learned: str = ""

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return clean_name(value, field="Intervention", max_chars=200)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: object) -> str:
        value = value or "planned"
        if value not in {s.id for s in content().intervention_statuses}:
            raise UserError(f"{value!r} is not a status.")
        return str(value)

    @field_validator("learned", mode="before")
    @classmethod
    def _learned(cls, value: object) -> str:
        return clean_long_text(value or "", field="What was learned", max_chars=2000)


class TeamMemberRole(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    member: str
    responsibilities: str = ""

    @field_validator("member", mode="before")
    @classmethod
    def _member(cls, value: object) -> str:
        return clean_name(value, field="Team member", max_chars=120)

    @field_validator("responsibilities", mode="before")
    @classmethod
    def _responsibilities(cls, value: object) -> str:
        return clean_long_text(value or "", field="Responsibilities", max_chars=2000)


# ---------------------------------------------------------------- readiness to engage


class ReadinessCounts(BaseModel):
    """How many of the people being served are at each stage of readiness to engage."""

    counts: dict[str, int] = {}

    @field_validator("counts")
    @classmethod
    def _valid(cls, value: dict[str, int]) -> dict[str, int]:
        stages = {s.id: s.label for s in content().readiness_stages}
        for stage, n in value.items():
            if stage not in stages:
                raise UserError(f"{stage!r} is not a stage of readiness.")
            if n < 0 or n > MAX_COUNT:
                raise UserError(f"{stages[stage]}: enter a number of people from 0 to {MAX_COUNT:,}.")
        return value

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def shares(self) -> dict[str, float]:
        """Each stage's share of the people counted (0 when nobody is counted)."""
        total = self.total
        return {s.id: (self.counts.get(s.id, 0) / total if total else 0.0) for s in content().readiness_stages}


def readiness(store: Store, workspace_id: str) -> ReadinessCounts:
    saved = answers.get_values(store, workspace_id, READINESS_SECTION).get("counts") or {}
    try:
        return ReadinessCounts(counts=saved)
    except ValueError:
        return ReadinessCounts()


def save_readiness_count(store: Store, workspace_id: str, stage: str, count: int | None) -> ReadinessCounts:
    if count is None:
        raise UserError("Enter a number of people (0 if none).")
    updated = ReadinessCounts(counts={**readiness(store, workspace_id).counts, stage: int(count)})
    answers.save_value(store, workspace_id, READINESS_SECTION, "counts", updated.counts)
    return updated


# ---------------------------------------------------------------- caseload mix


class RecruitmentInputs(BaseModel):
    """Staff hours it takes to recruit one person, and the share of people approached who engage."""

    recruitment_hours: Decimal = Field(default=Decimal(0))
    engagement_pct: Decimal = Field(default=Decimal(0))

    @field_validator("recruitment_hours", mode="before")
    @classmethod
    def _hours(cls, value: object) -> Decimal:
        hours = Decimal(str(value if value is not None else 0))
        if hours < 0 or hours > 500:
            raise UserError("staff hours to recruit one person must be between 0 and 500.")
        return hours

    @field_validator("engagement_pct", mode="before")
    @classmethod
    def _engagement(cls, value: object) -> Decimal:
        pct = Decimal(str(value if value is not None else 0))
        if pct < 0 or pct > 100:
            raise UserError(f"the engagement rate is a share of the people approached: 0% to 100% (not {pct}%).")
        return pct


class RecruitmentPlan(BaseModel):
    target_engaged: int
    people_to_approach: int
    staff_hours: Decimal


def recruitment_plan(target_engaged: int, inputs: RecruitmentInputs) -> RecruitmentPlan:
    """How many people to approach, and the staff hours it takes, to engage `target_engaged` people.

    People to approach = target / engagement rate, rounded up to whole people;
    staff hours = people approached x hours to recruit one.
    """
    if target_engaged < 1:
        raise UserError("The number of people to engage must be at least 1.")
    if inputs.engagement_pct <= 0:
        raise UserError("Enter an engagement rate above 0%: with nobody engaging, no number of people is enough.")
    approach = math.ceil(Decimal(target_engaged) * 100 / inputs.engagement_pct)
    return RecruitmentPlan(
        target_engaged=target_engaged,
        people_to_approach=approach,
        staff_hours=(inputs.recruitment_hours * approach).quantize(Decimal("0.1")),
    )


def recruitment_inputs(store: Store, workspace_id: str) -> RecruitmentInputs:
    saved = answers.get_values(store, workspace_id, DRIVERS_SECTION)
    try:
        return RecruitmentInputs.model_validate({k: v for k, v in saved.items() if k in RecruitmentInputs.model_fields})
    except ValueError:
        return RecruitmentInputs()


def save_recruitment_input(store: Store, workspace_id: str, key: str, value: object) -> RecruitmentInputs:
    if key not in RecruitmentInputs.model_fields:
        raise ValueError(f"{key!r} is not a caseload driver.")
    if value is None:
        raise UserError("Enter a number (0 if you do not know yet).")
    updated = RecruitmentInputs.model_validate({**recruitment_inputs(store, workspace_id).model_dump(), key: value})
    answers.save_value(store, workspace_id, DRIVERS_SECTION, key, str(getattr(updated, key)))
    return updated


def elements(store: Store, workspace_id: str) -> list[str]:
    saved = answers.get_values(store, workspace_id, ELEMENTS_SECTION).get("included") or []
    known = [e.id for e in content().elements]
    return [e for e in known if e in saved]


def save_elements(store: Store, workspace_id: str, included: list[str]) -> None:
    known = [e.id for e in content().elements]
    unknown = set(included) - set(known)
    if unknown:
        raise UserError(f"Unknown care model element: {', '.join(sorted(unknown))}.")
    answers.save_value(store, workspace_id, ELEMENTS_SECTION, "included", [e for e in known if e in included])


@progress_for(STEP)
def progress(store: Store, workspace_id: str) -> StepProgress:
    parts = {
        "interventions": bool(answers.list_records(store, workspace_id, INTERVENTION_KIND)),
        "roles": bool(answers.list_records(store, workspace_id, ROLE_KIND)),
        "readiness counts": readiness(store, workspace_id).total > 0,
        "caseload drivers": any(t.strip() for t in answers.get_texts(store, workspace_id, DRIVERS_SECTION).values()),
    }
    missing = [name for name, ok in parts.items() if not ok]
    return StepProgress(
        step_id=STEP,
        share=sum(parts.values()) / len(parts),
        detail="All parts done" if not missing else "To do: " + ", ".join(missing),
    )


# ---------------------------------------------------------------- demo


class DemoTwentyFive(BaseModel):
    model_config = ConfigDict(extra="forbid")

    interventions: list[Intervention]
    roles: list[TeamMemberRole]
    readiness: dict[str, int]
    strategies: dict[str, str] = {}
    elements: list[str]
    drivers: dict[str, str]
    recruitment: RecruitmentInputs


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    demo = DemoTwentyFive.model_validate(data)
    for row in demo.interventions:
        answers.add_record(store, workspace_id, INTERVENTION_KIND, row.model_dump(mode="json"))
    for row in demo.roles:
        answers.add_record(store, workspace_id, ROLE_KIND, row.model_dump(mode="json"))
    answers.save_value(store, workspace_id, READINESS_SECTION, "counts", ReadinessCounts(counts=demo.readiness).counts)
    for stage, text in demo.strategies.items():
        answers.save_text(store, workspace_id, READINESS_SECTION, stage, text)
    save_elements(store, workspace_id, demo.elements)
    for driver, text in demo.drivers.items():
        answers.save_text(store, workspace_id, DRIVERS_SECTION, driver, text)
    for key in RecruitmentInputs.model_fields:
        save_recruitment_input(store, workspace_id, key, getattr(demo.recruitment, key))
