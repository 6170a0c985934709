"""Trauma-informed primary care, Change Concept 5 (finance and sustain): the six goals as a checklist,
the inventory of what the work involves and how each piece is paid for, engagement indicators and
patient-level outcome measures per period, non-financial resources, the policy landscape and one
advocacy goal, and the three factors that sustain the approach (leadership, staff buy-in, continuous
quality improvement) with a status each.

The chapter's words (the goals, each part's guidance, the alternative payment types, the tools it
names) are `Quote`s in `data/change_concept_5.yaml`; the short names, lists and intros are the app's.

Content comes from `data/change_concept_5.yaml`. Answers live in generic storage under the step id:
goal statuses are value answers, notes and policy answers are text answers (with revisions), and
the tables are records. Outcome measures hold aggregate counts only: no table here has a place for
a patient's name or record. Never imports streamlit.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core import table_edits
from core.content import ContentModel, Option, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.sources import Quote
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.text import clean_long_text, clean_name, name_key

STEP = "change_concept_5"
GOALS_SECTION = f"{STEP}.goals"
GOAL_NOTES_SECTION = f"{STEP}.goal_notes"
SUSTAIN_SECTION = f"{STEP}.sustain"
SUSTAIN_NOTES_SECTION = f"{STEP}.sustain_notes"
POLICY_SECTION = f"{STEP}.policy"
INVENTORY_KIND = f"{STEP}.inventory"
ENGAGEMENT_KIND = f"{STEP}.engagement"
MEASURE_KIND = f"{STEP}.measure"
OUTCOME_KIND = f"{STEP}.outcome"
RESOURCE_KIND = f"{STEP}.resource"
MAX_COUNT = 1_000_000
SHORT_TEXT = 500

# ---------------------------------------------------------------- content


class Goal(Quote):
    """One of the six goals, in the source's words, with the app's short name for it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    short: str

    @property
    def text(self) -> str:
        return self.quote


class InventoryContent(ContentModel):
    guide: list[Quote]
    intro: str
    categories: list[Option]
    stages: list[Option]
    funding: list[Option]


class PaymentType(Quote):
    """An alternative payment type the chapter names, and its glossary entry."""

    term: str = Field(pattern=r"^[a-z0-9_]+$")


class BillingContent(ContentModel):
    guide: list[Quote]
    payment_types: list[PaymentType] = Field(min_length=1)
    codes: Quote


class EngagementContent(ContentModel):
    guide: list[Quote]
    intro: str
    indicators: list[Option]


class Guided(ContentModel):
    guide: list[Quote]
    intro: str


class ResourcesContent(Guided):
    types: list[Option]


class Prompt(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str


class PolicyContent(Guided):
    prompts: list[Prompt]


class SustainFactor(Quote):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    short: str


class SustainContent(ContentModel):
    guide: Quote
    factors: list[SustainFactor] = Field(min_length=1)


class Tool(Quote):
    """A tool the chapter names (the app does not include it), where it helps, and what for."""

    name: str
    part: Literal["inventory", "measures", "policy", "sustain"]
    use: str


@content_file("change_concept_5.yaml")
class ChangeConcept5Content(ContentModel):
    opening: Quote
    intro: str
    statuses: list[Option]
    goals: list[Goal] = Field(min_length=6, max_length=6)
    inventory: InventoryContent
    billing: BillingContent
    engagement: EngagementContent
    outcomes: Guided
    resources: ResourcesContent
    policy: PolicyContent
    sustain: SustainContent
    tools: list[Tool]

    @model_validator(mode="after")
    def _indicators_are_the_table(self) -> ChangeConcept5Content:
        fields = ["staff_count", "staff_left", "personal_days", "sick_days"]
        if [o.id for o in self.engagement.indicators] != fields:
            raise ValueError(f"engagement.indicators must be {', '.join(fields)}, in that order")
        return self

    def tools_for(self, part: str) -> list[Tool]:
        return [t for t in self.tools if t.part == part]


def content() -> ChangeConcept5Content:
    return load(ChangeConcept5Content)


def labels(options: list[Option]) -> dict[str, str]:
    return {o.id: o.label for o in options}


# ---------------------------------------------------------------- periods

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$")
PERIOD_HELP = "Write the period as a year (2025), a quarter (2025-Q1) or a month (2025-03)."


def clean_period(value: Any) -> str:
    text = re.sub(r"\s+", "", str(value or "")).upper()
    if not _PERIOD.match(text):
        raise UserError(PERIOD_HELP)
    return text


def period_order(period: str) -> tuple[int, int, int]:
    """Chronological sort key: a year sorts before its quarters and months, a quarter at its first month."""
    year, quarter, month = _PERIOD.match(period).groups()
    if quarter:
        return int(year), (int(quarter) - 1) * 3 + 1, 1
    if month:
        return int(year), int(month), 2
    return int(year), 0, 0


# ---------------------------------------------------------------- rows


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _short(value: Any, field: str) -> str:
    return clean_long_text(value, field=field, max_chars=SHORT_TEXT).strip()


def _count(value: Any) -> Any:
    return 0 if value is None else value


def _option(value: Any, options: list[Option], field: str) -> str:
    ids = labels(options)
    if value in ids:
        return value
    by_label = {label.casefold(): i for i, label in ids.items()}
    if isinstance(value, str) and value.casefold() in by_label:
        return by_label[value.casefold()]
    raise UserError(f"{field} must be one of: {', '.join(ids.values())}.")


class InventoryItem(_Row):
    item: str
    category: str = "activity"
    stage: str = "existing"
    funding: str = "not_yet_funded"
    detail: str = ""  # the code, contract or grant, or what it would take

    @field_validator("item", mode="before")
    @classmethod
    def _item(cls, value: Any) -> str:
        return clean_name(value, field="What", max_chars=200)

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> str:
        return _option(value or "activity", content().inventory.categories, "Kind")

    @field_validator("stage", mode="before")
    @classmethod
    def _stage(cls, value: Any) -> str:
        return _option(value or "existing", content().inventory.stages, "Stage")

    @field_validator("funding", mode="before")
    @classmethod
    def _funding(cls, value: Any) -> str:
        return _option(value or "not_yet_funded", content().inventory.funding, "Paid for by")

    @field_validator("detail", mode="before")
    @classmethod
    def _detail(cls, value: Any) -> str:
        return _short(value, "Details")


class EngagementPeriod(_Row):
    period: str
    staff_count: int | None = Field(default=None, ge=0, le=MAX_COUNT)
    staff_left: int = Field(default=0, ge=0, le=MAX_COUNT)
    personal_days: int = Field(default=0, ge=0, le=MAX_COUNT)
    sick_days: int = Field(default=0, ge=0, le=MAX_COUNT)

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any) -> str:
        return clean_period(value)

    @field_validator("staff_left", "personal_days", "sick_days", mode="before")
    @classmethod
    def _counts(cls, value: Any) -> Any:
        return _count(value)

    @model_validator(mode="after")
    def _left_within_staff(self) -> EngagementPeriod:
        if self.staff_count is not None and self.staff_left > self.staff_count:
            raise UserError(
                f"{self.period}: more staff left ({self.staff_left}) than the headcount ({self.staff_count})."
            )
        return self


class OutcomeMeasure(_Row):
    measure: str
    counts_what: str = ""  # what is counted, and out of whom
    better: Literal["higher", "lower"] = "higher"

    @field_validator("measure", mode="before")
    @classmethod
    def _measure(cls, value: Any) -> str:
        return clean_name(value, field="Measure", max_chars=120)

    @field_validator("counts_what", mode="before")
    @classmethod
    def _what(cls, value: Any) -> str:
        return _short(value, "What is counted")

    @field_validator("better", mode="before")
    @classmethod
    def _better(cls, value: Any) -> str:
        return value or "higher"


class OutcomeCount(_Row):
    """An aggregate count for one measure and period: how many patients, out of how many (optional)."""

    measure: str
    period: str
    count: int = Field(default=0, ge=0, le=MAX_COUNT)
    out_of: int | None = Field(default=None, ge=1, le=MAX_COUNT)

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: Any) -> str:
        return clean_period(value)

    @field_validator("count", mode="before")
    @classmethod
    def _blank_count(cls, value: Any) -> Any:
        return _count(value)

    @field_validator("measure", mode="before")
    @classmethod
    def _measure(cls, value: Any) -> str:
        return clean_name(value, field="Measure", max_chars=120)

    @model_validator(mode="after")
    def _count_within_total(self) -> OutcomeCount:
        if self.out_of is not None and self.count > self.out_of:
            raise UserError(f"the count ({self.count}) is more than the total it is out of ({self.out_of}).")
        return self


class Resource(_Row):
    type: str = "community_partners"
    name: str  # a group, organization or board: never a patient's name
    contribution: str = ""  # how they help sustain the work

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: Any) -> str:
        return _option(value or "community_partners", content().resources.types, "Type")

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: Any) -> str:
        return clean_name(value, field="Who", max_chars=200)

    @field_validator("contribution", mode="before")
    @classmethod
    def _contribution(cls, value: Any) -> str:
        return _short(value, "How they help")


LABELS = {
    "item": "What",
    "category": "Kind",
    "stage": "Stage",
    "funding": "Paid for by",
    "detail": "Details",
    "period": "Period",
    "staff_count": "Staff",
    "staff_left": "Staff who left",
    "personal_days": "Personal days",
    "sick_days": "Sick days",
    "measure": "Measure",
    "counts_what": "What is counted",
    "better": "Better when",
    "count": "Count",
    "out_of": "Out of",
    "type": "Type",
    "name": "Who",
    "contribution": "How they help",
}


# ---------------------------------------------------------------- goals


def goal_statuses(store: Store, workspace_id: str) -> dict[str, str]:
    """Every goal's status id (not started unless set)."""
    saved = answers.get_values(store, workspace_id, GOALS_SECTION)
    return {g.id: saved.get(g.id, "not_started") for g in content().goals}


def set_goal_status(store: Store, workspace_id: str, goal_id: str, status: str) -> None:
    if goal_id not in {g.id for g in content().goals}:
        raise KeyError(f"No goal {goal_id!r}.")
    if status not in labels(content().statuses):
        raise UserError(f"{status!r} is not a status.")
    answers.save_value(store, workspace_id, GOALS_SECTION, goal_id, status)


def sustain_statuses(store: Store, workspace_id: str) -> dict[str, str]:
    """Every sustaining factor's status id (not started unless set)."""
    saved = answers.get_values(store, workspace_id, SUSTAIN_SECTION)
    return {f.id: saved.get(f.id, "not_started") for f in content().sustain.factors}


def set_sustain_status(store: Store, workspace_id: str, factor_id: str, status: str) -> None:
    if factor_id not in {f.id for f in content().sustain.factors}:
        raise KeyError(f"No sustaining factor {factor_id!r}.")
    if status not in labels(content().statuses):
        raise UserError(f"{status!r} is not a status.")
    answers.save_value(store, workspace_id, SUSTAIN_SECTION, factor_id, status)


# ---------------------------------------------------------------- tables


def save_inventory(store: Store, workspace_id: str, rows: list[dict]) -> list[InventoryItem]:
    return table_edits.sync_records(store, workspace_id, INVENTORY_KIND, InventoryItem, rows, LABELS)


def _unique(keys: list, what: str) -> None:
    seen = set()
    for key in keys:
        if key in seen:
            raise UserError(f"{what} {' / '.join(key) if isinstance(key, tuple) else key} is entered twice.")
        seen.add(key)


def save_engagement(store: Store, workspace_id: str, rows: list[dict]) -> list[EngagementPeriod]:
    valid = table_edits.validate_rows(EngagementPeriod, rows, LABELS)
    _unique([p.period for p in valid], "Period")
    return table_edits.sync_records(store, workspace_id, ENGAGEMENT_KIND, EngagementPeriod, rows, LABELS)


def save_measures(store: Store, workspace_id: str, rows: list[dict]) -> list[OutcomeMeasure]:
    """Save the team's measures; a renamed measure keeps its counts, a measure with counts cannot be deleted."""
    valid = table_edits.validate_rows(OutcomeMeasure, rows, LABELS)
    _unique([name_key(m.measure) for m in valid], "Measure")
    before = dict(table_edits.load_records(store, workspace_id, MEASURE_KIND, OutcomeMeasure))
    kept_ids = {row.get("id") for row in rows}
    counts = table_edits.load_records(store, workspace_id, OUTCOME_KIND, OutcomeCount)
    for record_id, old in before.items():
        if record_id not in kept_ids and any(c.measure == old.measure for _, c in counts):
            raise UserError(f"{old.measure} has counts entered: delete its counts first, or keep the measure.")
    saved = table_edits.sync_records(store, workspace_id, MEASURE_KIND, OutcomeMeasure, rows, LABELS)
    renamed = {
        before[row["id"]].measure: new.measure
        for row, new in zip(rows, valid, strict=True)
        if row.get("id") in before and before[row["id"]].measure != new.measure
    }
    for record_id, count in counts:
        if count.measure in renamed:
            data = count.model_copy(update={"measure": renamed[count.measure]}).model_dump(mode="json")
            answers.update_record(store, workspace_id, record_id, data)
    return saved


def measures(store: Store, workspace_id: str) -> list[OutcomeMeasure]:
    return [m for _, m in table_edits.load_records(store, workspace_id, MEASURE_KIND, OutcomeMeasure)]


def save_outcomes(store: Store, workspace_id: str, rows: list[dict]) -> list[OutcomeCount]:
    valid = table_edits.validate_rows(OutcomeCount, rows, LABELS)
    names = {m.measure for m in measures(store, workspace_id)}
    for index, count in enumerate(valid):
        if count.measure not in names:
            raise UserError(f"Row {index + 1}: {count.measure} is not one of your measures; add it above first.")
    _unique([(c.measure, c.period) for c in valid], "The count for")
    return table_edits.sync_records(store, workspace_id, OUTCOME_KIND, OutcomeCount, rows, LABELS)


def save_resources(store: Store, workspace_id: str, rows: list[dict]) -> list[Resource]:
    return table_edits.sync_records(store, workspace_id, RESOURCE_KIND, Resource, rows, LABELS)


# ---------------------------------------------------------------- results


def funding_summary(items: list[InventoryItem]) -> dict[str, int]:
    """How many inventory items each funding route pays for, in the content's order (zeros kept)."""
    counts = {o.id: 0 for o in content().inventory.funding}
    for item in items:
        counts[item.funding] += 1
    return counts


def _ratio(numerator: int, denominator: int | None, scale: int = 1) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) * scale / denominator).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class EngagementPoint(BaseModel):
    period: str
    turnover_pct: Decimal | None  # staff who left / headcount x 100
    sick_days_per_staff: Decimal | None
    personal_days_per_staff: Decimal | None
    staff_left: int
    sick_days: int
    personal_days: int


def engagement_trend(periods: list[EngagementPeriod]) -> list[EngagementPoint]:
    """Per period, in time order: turnover and days per staff member (None without a headcount)."""
    return [
        EngagementPoint(
            period=p.period,
            turnover_pct=_ratio(p.staff_left, p.staff_count, 100),
            sick_days_per_staff=_ratio(p.sick_days, p.staff_count),
            personal_days_per_staff=_ratio(p.personal_days, p.staff_count),
            staff_left=p.staff_left,
            sick_days=p.sick_days,
            personal_days=p.personal_days,
        )
        for p in sorted(periods, key=lambda p: period_order(p.period))
    ]


class OutcomePoint(BaseModel):
    period: str
    value: Decimal  # a percentage when the count has a total, else the count
    unit: Literal["%", "patients"]


def outcome_trend(counts: list[OutcomeCount], measure: str) -> list[OutcomePoint]:
    """One measure over time: the share of patients (when a total was given) or the count."""
    points = []
    for c in sorted((c for c in counts if c.measure == measure), key=lambda c: period_order(c.period)):
        share = _ratio(c.count, c.out_of, 100)
        points.append(
            OutcomePoint(
                period=c.period,
                value=share if share is not None else Decimal(c.count),
                unit="%" if share is not None else "patients",
            )
        )
    return points


def trend_direction(points: list[OutcomePoint], better: str) -> str:
    """ "improving", "worsening" or "steady" from the first to the last period (same unit only)."""
    if len(points) < 2 or points[0].unit != points[-1].unit:
        return "too early to tell"
    change = points[-1].value - points[0].value
    if change == 0:
        return "steady"
    return "improving" if (change > 0) == (better == "higher") else "worsening"


class ChangeConcept5State(BaseModel):
    """Everything the workspace entered for this step, read in a fixed number of queries."""

    statuses: dict[str, str]
    goal_notes: dict[str, str]
    inventory: list[InventoryItem]
    engagement: list[EngagementPeriod]
    measures: list[OutcomeMeasure]
    outcomes: list[OutcomeCount]
    resources: list[Resource]
    policy: dict[str, str]
    sustain: dict[str, str] = {}
    sustain_notes: dict[str, str] = {}
    rows: dict[str, list[dict[str, Any]]]  # the tables as stored, by record kind, for editing


TABLES = {
    INVENTORY_KIND: InventoryItem,
    ENGAGEMENT_KIND: EngagementPeriod,
    MEASURE_KIND: OutcomeMeasure,
    OUTCOME_KIND: OutcomeCount,
    RESOURCE_KIND: Resource,
}


def state(store: Store, workspace_id: str) -> ChangeConcept5State:
    rows = table_edits.rows_of_kinds(store, workspace_id, list(TABLES))
    models = {kind: table_edits.models_of(rows[kind], model) for kind, model in TABLES.items()}
    return ChangeConcept5State(
        statuses=goal_statuses(store, workspace_id),
        goal_notes=answers.get_texts(store, workspace_id, GOAL_NOTES_SECTION),
        inventory=models[INVENTORY_KIND],
        engagement=models[ENGAGEMENT_KIND],
        measures=models[MEASURE_KIND],
        outcomes=models[OUTCOME_KIND],
        resources=models[RESOURCE_KIND],
        policy=answers.get_texts(store, workspace_id, POLICY_SECTION),
        sustain=sustain_statuses(store, workspace_id),
        sustain_notes=answers.get_texts(store, workspace_id, SUSTAIN_NOTES_SECTION),
        rows=rows,
    )


PARTS = ("goals", "inventory", "engagement", "outcomes", "resources", "advocacy goal")


def parts_done(s: ChangeConcept5State) -> dict[str, bool]:
    return {
        "goals": any(status != "not_started" for status in s.statuses.values()),
        "inventory": bool(s.inventory),
        "engagement": bool(s.engagement),
        "outcomes": bool(s.measures and s.outcomes),
        "resources": bool(s.resources),
        "advocacy goal": bool(s.policy.get("advocacy_goal", "").strip()),
    }


@progress_for(STEP)
def progress(store: Store, workspace_id: str) -> StepProgress:
    done = parts_done(state(store, workspace_id))
    missing = [part for part, ok in done.items() if not ok]
    detail = "All six parts filled in" if not missing else f"Still to do: {', '.join(missing)}"
    return StepProgress(step_id=STEP, share=sum(done.values()) / len(done), detail=detail)


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    for goal_id, status in data.get("goal_statuses", {}).items():
        set_goal_status(store, workspace_id, goal_id, status)
    for goal_id, note in data.get("goal_notes", {}).items():
        answers.save_text(store, workspace_id, GOAL_NOTES_SECTION, goal_id, note)
    save_inventory(store, workspace_id, data.get("inventory", []))
    save_engagement(store, workspace_id, data.get("engagement", []))
    save_measures(store, workspace_id, data.get("measures", []))
    save_outcomes(store, workspace_id, data.get("outcomes", []))
    save_resources(store, workspace_id, data.get("resources", []))
    for prompt, text in data.get("policy", {}).items():
        answers.save_text(store, workspace_id, POLICY_SECTION, prompt, text)
    for factor_id, status in data.get("sustain_statuses", {}).items():
        set_sustain_status(store, workspace_id, factor_id, status)
    for factor_id, note in data.get("sustain_notes", {}).items():
        answers.save_text(store, workspace_id, SUSTAIN_NOTES_SECTION, factor_id, note)
