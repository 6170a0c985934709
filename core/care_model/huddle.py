"""Care model stage 4: step-up / step-down criteria and the huddle board of active daily management.

The huddle board holds, per day, the team's goals, the metrics to watch and the
problems to escalate, each with an owner; problems not marked done on earlier
days stay visible until they are. `huddle_numbers` puts the latest caseload and
process-measure facts on the board. Item text is checked for identifiers like
care plans are: people on the board are pseudonymous labels.

Also the stage's progress measure and demo filler. Never imports streamlit.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from core.care_model import one_twenty_five, process_measures
from core.care_model.first_five import describe, find_identifiers
from core.demo import demo_filler
from core.errors import UserError
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store
from core.store.versioned import remember
from core.text import clean_long_text, clean_name

STEP = "one_twenty_five"
CRITERIA_SECTION = f"{STEP}.criteria"
WEEKLY_SECTION = f"{STEP}.weekly"
ITEM_KIND = f"{STEP}.huddle_item"


class HuddleItem(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True)

    date: str
    type: str = "goal"
    text: str
    owner: str = ""
    escalate_to: str = ""
    done: bool = False
    checked: bool = False

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> str:
        try:
            return dt.date.fromisoformat(str(value)[:10]).isoformat()
        except ValueError as exc:
            raise UserError("the day must be a date like 2025-03-14.") from exc

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: object) -> str:
        value = value or "goal"
        if value not in {t.id for t in one_twenty_five.content().huddle_types}:
            raise UserError("choose a goal, a metric or a problem to escalate.")
        return str(value)

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: object) -> str:
        return clean_name(value, field="What", max_chars=300)

    @field_validator("owner", "escalate_to", mode="before")
    @classmethod
    def _who(cls, value: object) -> str:
        return clean_name(value, field="Owner", max_chars=80) if value else ""

    @field_validator("done", "checked", mode="before")
    @classmethod
    def _flag(cls, value: object) -> bool:
        return bool(value)

    @model_validator(mode="after")
    def _no_identifier(self) -> HuddleItem:
        findings = find_identifiers(self.text)
        if findings and not self.checked:
            raise UserError(
                f"it looks like it holds {describe(findings)}. Use a pseudonymous label, or tick "
                "'Checked' to keep it as it is."
            )
        return self


def items(store: Store, workspace_id: str) -> list[tuple[str, HuddleItem]]:
    out = []
    for r in answers.list_records(store, workspace_id, ITEM_KIND):
        try:
            out.append((r.id, HuddleItem.model_validate(r.data)))
        except ValueError:
            continue
    return out


def add_item(store: Store, workspace_id: str, item: HuddleItem):
    return answers.add_record(store, workspace_id, ITEM_KIND, item.model_dump())


def open_problems_before(store: Store, workspace_id: str, day: dt.date) -> list[HuddleItem]:
    """Problems from earlier days not yet marked done, oldest first."""
    found = [
        i for _, i in items(store, workspace_id) if i.type == "problem" and not i.done and i.date < day.isoformat()
    ]
    return sorted(found, key=lambda i: i.date)


def huddle_days(store: Store, workspace_id: str) -> list[str]:
    return sorted({i.date for _, i in items(store, workspace_id)}, reverse=True)


def huddle_numbers(store: Store, workspace_id: str) -> list[str]:
    """The facts to put on the board.
    Kept per version of the workspace's data (core.store.versioned): treat as read-only."""
    return list(remember(store, workspace_id, "huddle.huddle_numbers", lambda: _huddle_numbers(store, workspace_id)))


def _huddle_numbers(store: Store, workspace_id: str) -> list[str]:
    """The facts to put on the board: latest caseloads against targets, measures below target."""
    lines = one_twenty_five.caseload_dashboard(store, workspace_id).sentences()
    missed = [s for s in process_measures.measure_summaries(store, workspace_id) if s.status == "not met"]
    if missed:
        lines.append(
            "Measures not at target: "
            + ", ".join(f"{s.measure.name} ({s.latest:g} vs {s.target:g})" for s in missed)
            + "."
        )
    return lines


def save_criterion(store: Store, workspace_id: str, criterion: str, text: str) -> int:
    if criterion not in {c.id for c in one_twenty_five.content().criteria}:
        raise UserError(f"{criterion!r} is not a step-up / step-down question.")
    return answers.save_text(store, workspace_id, CRITERIA_SECTION, criterion, clean_long_text(text))


def save_weekly(store: Store, workspace_id: str, meeting: str, text: str) -> int:
    """The team's notes on how it runs one of the source's weekly meetings (team operations, supervision)."""
    if meeting not in {m.id for m in one_twenty_five.content().weekly}:
        raise UserError(f"{meeting!r} is not one of the weekly meetings.")
    return answers.save_text(store, workspace_id, WEEKLY_SECTION, meeting, clean_long_text(text))


@progress_for(STEP)
def progress(store: Store, workspace_id: str) -> StepProgress:
    parts = {
        "staff and targets": bool(one_twenty_five.staff(store, workspace_id)),
        "caseloads entered": bool(one_twenty_five.entries(store, workspace_id)),
        "process measures": bool(process_measures.months(store, workspace_id)[0]),
        "step-up / step-down criteria": any(
            t.strip() for t in answers.get_texts(store, workspace_id, CRITERIA_SECTION).values()
        ),
        "huddle board": bool(items(store, workspace_id)),
    }
    missing = [name for name, ok in parts.items() if not ok]
    return StepProgress(
        step_id=STEP,
        share=sum(parts.values()) / len(parts),
        detail="All parts done" if not missing else "To do: " + ", ".join(missing),
    )


# ---------------------------------------------------------------- demo


class DemoStaff(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    role: str
    target: int
    caseloads: dict[str, list[int]]  # period -> [outreach, active, maintenance]


class DemoOneTwentyFive(BaseModel):
    model_config = ConfigDict(extra="forbid")

    staff: list[DemoStaff]
    measures: list[dict]
    targets: dict[str, float]
    criteria: dict[str, str]
    weekly: dict[str, str] = {}
    huddle: list[dict]  # items; "days_ago" instead of a date, so the demo board is always recent


@demo_filler(STEP)
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    demo = DemoOneTwentyFive.model_validate(data)
    for person in demo.staff:
        member = one_twenty_five.add_staff(
            store, workspace_id, one_twenty_five.StaffMember(name=person.name, role=person.role, target=person.target)
        )
        for period, (outreach, active, maintenance) in person.caseloads.items():
            one_twenty_five.save_caseload(
                store,
                workspace_id,
                one_twenty_five.CaseloadEntry(
                    period=period, staff=member.key, outreach=outreach, active=active, maintenance=maintenance
                ),
            )
    for row in demo.measures:
        process_measures.add_month(store, workspace_id, process_measures.MeasureMonth.model_validate(row))
    for measure_id, target in demo.targets.items():
        process_measures.save_target(store, workspace_id, measure_id, target)
    for criterion, text in demo.criteria.items():
        save_criterion(store, workspace_id, criterion, text)
    for meeting, text in demo.weekly.items():
        save_weekly(store, workspace_id, meeting, text)
    today = dt.date.today()
    for raw in demo.huddle:
        raw = dict(raw)
        day = today - dt.timedelta(days=int(raw.pop("days_ago", 0)))
        add_item(store, workspace_id, HuddleItem(date=day.isoformat(), **raw))
