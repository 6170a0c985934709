"""Chronic Care Model: integrated mental health financing. The source's eleven strategies in four
phases, each quoted with where the team stands on it; the care delivery environment, the
stakeholders' core outcomes (pre-filled with the source's words, editable), the billing code
reference with each contracted payer's coverage, and the bundled payment pilot (the arrangements
model's bundle).

The code reference is `data/billing_codes.yaml`: code sets, codes, short descriptions in the app's
own words, documentation usually needed and the source of each family. It holds no rates and this
module never invents one: amounts are what a user records for a payer. Answers live in generic
storage under the step id. Never imports streamlit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core import table_edits
from core.content import ContentModel, Option, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.money import OptionalMoney, Percent
from core.sources import Quote
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.sustain.payment_arrangements import (
    ArrangementResult,
    BundledPayment,
    StartupCost,
    bundled_payment_result,
    check_rows,
)
from core.text import clean_long_text, clean_name

STEP = "chronic_care_financing"
ENVIRONMENT_SECTION = f"{STEP}.environment"
OUTCOMES_SECTION = f"{STEP}.outcomes"
PILOT_SECTION = f"{STEP}.pilot"
STRATEGY_SECTION = f"{STEP}.strategy"
STRATEGY_NOTES_SECTION = f"{STEP}.strategy_notes"
PILOT_KEY = "bundled_payment"
COVERAGE_KIND = f"{STEP}.coverage"

# ---------------------------------------------------------------- content


class BillingCode(ContentModel):
    code: str = Field(pattern=r"^[0-9A-Z]{5}$")
    code_set: Literal["CPT", "HCPCS"]
    description: str


class CodeFamily(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    about: str
    documentation: list[str] = Field(min_length=1)
    defined_in: str = Field(description="the public document, outside the five sources, defining the codes")
    codes: list[BillingCode] = Field(min_length=1)


@content_file("billing_codes.yaml")
class BillingCodesContent(ContentModel):
    selection: str = Field(description="the app's own words: whose selection the families are")
    sources_say: list[Quote] = Field(min_length=1)
    caution: str
    families: list[CodeFamily]


class Phase(Quote):
    id: str = Field(pattern=r"^[a-z0-9_]+$")


class Strategy(Quote):
    """One of the source's eleven financing strategies, and the part of the page that works on it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    phase: str
    tool: Literal["environment", "outcomes", "coverage", "pilot"] | None = None


class EnvironmentQuestion(Quote):
    id: str = Field(pattern=r"^[a-z0-9_]+$")

    @property
    def label(self) -> str:
        return self.quote


class Stakeholder(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    outcomes: Quote


@content_file("chronic_care.yaml")
class ChronicCareContent(ContentModel):
    intro: str
    statuses: list[Option]
    phases: list[Phase] = Field(min_length=4, max_length=4)
    strategies: list[Strategy] = Field(min_length=11, max_length=11)
    environment: list[EnvironmentQuestion] = Field(min_length=4, max_length=4)
    outcomes_intro: str
    stakeholders: list[Stakeholder] = Field(min_length=4, max_length=4)
    coverage_intro: str
    pilot_intro: str
    pilot_startup_items: list[str]

    @model_validator(mode="after")
    def _phases(self) -> ChronicCareContent:
        phases = {p.id for p in self.phases}
        wrong = [s.id for s in self.strategies if s.phase not in phases]
        if wrong:
            raise ValueError(f"strategies in no known phase: {', '.join(wrong)}")
        return self

    def strategies_in(self, phase_id: str) -> list[Strategy]:
        return [s for s in self.strategies if s.phase == phase_id]


def content() -> ChronicCareContent:
    return load(ChronicCareContent)


def billing_codes() -> BillingCodesContent:
    return load(BillingCodesContent)


def code_index() -> dict[str, tuple[CodeFamily, BillingCode]]:
    """Every code of the reference by its code, with its family."""
    return {c.code: (family, c) for family in billing_codes().families for c in family.codes}


def code_reference(query: str = "", family_id: str | None = None) -> list[dict[str, str]]:
    """Rows of the reference table, filtered by family and by words in the code, title or description."""
    words = query.casefold().split()
    rows = []
    for family in billing_codes().families:
        if family_id and family.id != family_id:
            continue
        for c in family.codes:
            haystack = f"{c.code} {c.code_set} {family.title} {family.about} {c.description}".casefold()
            if all(word in haystack for word in words):
                rows.append(
                    {"Code": c.code, "Code set": c.code_set, "Family": family.title, "What it pays for": c.description}
                )
    return rows


# ---------------------------------------------------------------- stakeholder outcomes


class StakeholderOutcome(BaseModel):
    id: str
    label: str
    text: str
    from_source: bool  # True while the team has not changed the source's wording


def stakeholder_outcomes(store: Store, workspace_id: str) -> list[StakeholderOutcome]:
    saved = answers.get_texts(store, workspace_id, OUTCOMES_SECTION)
    result = []
    for s in content().stakeholders:
        text = saved.get(s.id)
        edited = text is not None and text.strip() != s.outcomes.quote.strip()
        result.append(
            StakeholderOutcome(
                id=s.id, label=s.label, text=text if text is not None else s.outcomes.quote, from_source=not edited
            )
        )
    return result


# ---------------------------------------------------------------- where the team stands on each strategy


def strategy_statuses(store: Store, workspace_id: str) -> dict[str, str]:
    """Every strategy's status id (not started unless set)."""
    saved = answers.get_values(store, workspace_id, STRATEGY_SECTION)
    return {s.id: saved.get(s.id, "not_started") for s in content().strategies}


def set_strategy_status(store: Store, workspace_id: str, strategy_id: str, status: str) -> None:
    if strategy_id not in {s.id for s in content().strategies}:
        raise KeyError(f"No strategy {strategy_id!r}.")
    if status not in {o.id for o in content().statuses}:
        raise UserError(f"{status!r} is not a status.")
    answers.save_value(store, workspace_id, STRATEGY_SECTION, strategy_id, status)


# ---------------------------------------------------------------- payer coverage


class PayerCoverage(BaseModel):
    """What one contracted payer does with one code: the user's record, never a shipped rate."""

    model_config = ConfigDict(extra="ignore")

    payer: str
    code: str
    reimburses: Literal["yes", "no", "unknown"] = "unknown"
    amount: OptionalMoney = None  # what this payer pays per unit, as the user was told
    documentation: str = ""
    turn_on: bool = False  # advocate for this payer to start paying this code

    @field_validator("payer", mode="before")
    @classmethod
    def _payer(cls, value: Any) -> str:
        return clean_name(value, field="Payer", max_chars=120)

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, value: Any) -> str:
        code = clean_name(value, field="Code", max_chars=12).upper().replace(" ", "")
        if not code.isalnum():
            raise UserError("a code is letters and digits only, like 99492 or G0019.")
        return code

    @field_validator("reimburses", mode="before")
    @classmethod
    def _reimburses(cls, value: Any) -> Any:
        return value or "unknown"

    @field_validator("turn_on", mode="before")
    @classmethod
    def _turn_on(cls, value: Any) -> Any:
        return bool(value)

    @field_validator("documentation", mode="before")
    @classmethod
    def _documentation(cls, value: Any) -> str:
        return clean_long_text(value, field="Documentation", max_chars=500).strip()


COVERAGE_LABELS = {
    "payer": "Payer",
    "code": "Code",
    "reimburses": "Pays for it?",
    "amount": "Amount",
    "documentation": "Documentation they need",
    "turn_on": "Advocate to turn on",
}


def coverage(store: Store, workspace_id: str) -> list[PayerCoverage]:
    return [c for _, c in table_edits.load_records(store, workspace_id, COVERAGE_KIND, PayerCoverage)]


def save_coverage(store: Store, workspace_id: str, rows: list[dict]) -> list[PayerCoverage]:
    valid = table_edits.validate_rows(PayerCoverage, rows, COVERAGE_LABELS)
    seen = set()
    for index, row in enumerate(valid):
        key = (row.payer.casefold(), row.code)
        if key in seen:
            raise UserError(f"Row {index + 1}: {row.payer} / {row.code} is already in the table.")
        seen.add(key)
    return table_edits.sync_records(store, workspace_id, COVERAGE_KIND, PayerCoverage, rows, COVERAGE_LABELS)


class CodeCoverage(BaseModel):
    code: str
    description: str  # from the reference, or "not in the reference"
    paying: list[str]
    not_paying: list[str]
    unknown: list[str]
    turn_on: bool


def coverage_by_code(rows: list[PayerCoverage]) -> list[CodeCoverage]:
    """Per code (in the order first entered): which payers pay, which do not, and whether to advocate."""
    index = code_index()
    by_code: dict[str, CodeCoverage] = {}
    for row in rows:
        item = by_code.get(row.code)
        if item is None:
            description = index[row.code][1].description if row.code in index else "Not in the reference"
            item = by_code[row.code] = CodeCoverage(
                code=row.code, description=description, paying=[], not_paying=[], unknown=[], turn_on=False
            )
        {"yes": item.paying, "no": item.not_paying, "unknown": item.unknown}[row.reimburses].append(row.payer)
        item.turn_on = item.turn_on or row.turn_on
    return list(by_code.values())


def codes_to_turn_on(rows: list[PayerCoverage]) -> list[str]:
    """Codes marked to advocate for, each with the payers that do not pay it yet."""
    return [
        f"{c.code} ({c.description.rstrip('.')}): not paid by {', '.join(c.not_paying + c.unknown) or 'any payer yet'}"
        for c in coverage_by_code(rows)
        if c.turn_on
    ]


# ---------------------------------------------------------------- bundled payment pilot


class PilotInputs(BaseModel):
    """The pilot: the arrangements model's bundle, and how far enrollment may swing."""

    model_config = ConfigDict(extra="ignore")

    bundle: BundledPayment
    volume_swing_pct: Percent = Decimal(20)


def default_pilot() -> PilotInputs:
    items = [StartupCost(item=name) for name in content().pilot_startup_items]
    return PilotInputs(bundle=BundledPayment(startup_costs=items))


def get_pilot(store: Store, workspace_id: str) -> PilotInputs:
    saved = answers.get_value(store, workspace_id, PILOT_SECTION, PILOT_KEY)
    return PilotInputs.model_validate(saved) if saved else default_pilot()


def update_pilot(store: Store, workspace_id: str, path: str, value: Any) -> PilotInputs:
    """Set one input (`path` like "bundle.patients") and save; invalid input raises, nothing is saved."""
    data = get_pilot(store, workspace_id).model_dump(mode="json")
    *parents, leaf = path.split(".")
    target = data
    for part in parents:
        target = target[part]
    if leaf not in target:
        raise KeyError(f"{path} is not an input of the pilot.")
    check_rows(leaf, value)
    target[leaf] = value
    pilot = PilotInputs.model_validate(data)
    answers.save_value(store, workspace_id, PILOT_SECTION, PILOT_KEY, pilot.model_dump(mode="json"))
    return pilot


def pilot_result(pilot: PilotInputs) -> ArrangementResult:
    return bundled_payment_result(pilot.bundle, pilot.volume_swing_pct)


# ---------------------------------------------------------------- progress and demo


@progress_for(STEP)
def progress(store: Store, workspace_id: str) -> StepProgress:
    env = answers.get_texts(store, workspace_id, ENVIRONMENT_SECTION)
    answered = sum(1 for e in content().environment if env.get(e.id, "").strip())
    has_coverage = bool(answers.list_records(store, workspace_id, COVERAGE_KIND))
    has_pilot = pilot_result(get_pilot(store, workspace_id)).entered
    share = (answered / len(content().environment) + has_coverage + has_pilot) / 3
    missing = [
        name
        for name, ok in (
            ("care setting", answered == 4),
            ("payer coverage", has_coverage),
            ("bundled pilot", has_pilot),
        )
        if not ok
    ]
    return StepProgress(
        step_id=STEP, share=share, detail=f"Still to do: {', '.join(missing)}" if missing else "All parts filled in"
    )


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    for prompt, text in data.get("environment", {}).items():
        answers.save_text(store, workspace_id, ENVIRONMENT_SECTION, prompt, text)
    for stakeholder, text in data.get("outcomes", {}).items():
        answers.save_text(store, workspace_id, OUTCOMES_SECTION, stakeholder, text)
    save_coverage(store, workspace_id, data.get("coverage", []))
    for strategy_id, status in data.get("strategy_statuses", {}).items():
        set_strategy_status(store, workspace_id, strategy_id, status)
    for strategy_id, note in data.get("strategy_notes", {}).items():
        answers.save_text(store, workspace_id, STRATEGY_NOTES_SECTION, strategy_id, note)
    if "pilot" in data:
        pilot = PilotInputs.model_validate(data["pilot"])
        answers.save_value(store, workspace_id, PILOT_SECTION, PILOT_KEY, pilot.model_dump(mode="json"))
