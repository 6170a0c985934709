"""Care model stage 4: the caseload dashboard.

Staff members each have a target caseload; per period (a month, "YYYY-MM") the
team enters how many patients each staff member carries in outreach /
recruitment, active and maintenance status. `caseload_dashboard` shows the
latest period against the targets (over, under, on target) and the trend.

Staff rows carry their own stable `key` (not the record id), so caseload
entries still point at the right person after a backup is restored as a copy.
Never imports streamlit.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.content import ContentModel, Option, content_file, load
from core.errors import NotFound, UserError
from core.sources import Quote, Tips
from core.store import answers
from core.store.database import Store
from core.store.models import new_id
from core.store.versioned import remember
from core.text import clean_name

STEP = "one_twenty_five"
STAFF_KIND = f"{STEP}.staff"
CASELOAD_KIND = f"{STEP}.caseload"
MAX_CASELOAD = 10_000
_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


class Criterion(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str


class WeeklyMeeting(ContentModel):
    """A weekly meeting the source recommends, and the label of the team's own notes on how it runs it."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str
    guide: Quote


@content_file("one_twenty_five.yaml")
class OneTwentyFiveContent(ContentModel):
    intro: list[Quote]
    caseload_guide: list[Quote]
    statuses: list[Option] = Field(min_length=3, max_length=3)
    under_target_margin_pct: int = Field(ge=0, le=100, description="the app's own margin, see margin_rule()")
    criteria_guide: list[Quote]
    criteria: list[Criterion]
    huddle_types: list[Option]
    active_daily_management: list[Quote]
    huddle_guide_lead: Quote
    huddle_guide: list[Quote]
    weekly: list[WeeklyMeeting]
    tips: Tips
    voices: list[Quote]


def content() -> OneTwentyFiveContent:
    return load(OneTwentyFiveContent)


def margin_rule() -> str:
    """The app's own rule for "over", "under" and "on target", with its margin, in words for the page."""
    margin = content().under_target_margin_pct
    return (
        f"A caseload is over target above the target, under target more than {margin}% below it, and on "
        f"target in between (a target of 25 is under below {25 * (100 - margin) / 100:g}). The {margin}% "
        "margin is the app's own: the source sets no figure."
    )


def check_period(value: object, *, field: str = "Month") -> str:
    """A month as "YYYY-MM" (e.g. "2025-03"); anything else is a clear error."""
    text = str(value or "").strip()
    m = _PERIOD.match(text)
    if not m or not (2000 <= int(m.group(1)) <= 2100 and 1 <= int(m.group(2)) <= 12):
        raise UserError(f"{field} must be written as year-month, like 2025-03 (not {text or 'blank'!r}).")
    return text


# ---------------------------------------------------------------- rows


def _whole_number(value: object, message: str) -> int:
    """`value` as a whole number, or UserError(message) for text, lists, infinity, NaN or 3.5.

    (A TypeError or OverflowError raised inside a validator would escape pydantic as a traceback.)
    """
    try:
        number = float(value)
        if number != int(number):
            raise UserError(message)
    except (TypeError, ValueError, OverflowError) as exc:
        raise UserError(message) from exc
    return int(number)


class StaffMember(BaseModel):
    """A member of the care team and the caseload they are expected to carry."""

    model_config = ConfigDict(str_strip_whitespace=True)

    key: str = Field(default_factory=lambda: "s" + new_id()[:10])
    name: str
    role: str = ""
    target: int

    @field_validator("key", mode="before")
    @classmethod
    def _key(cls, value: object) -> str:
        return str(value) if value else "s" + new_id()[:10]

    @field_validator("name", mode="before")
    @classmethod
    def _name(cls, value: object) -> str:
        return clean_name(value, field="Staff member", max_chars=80)

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: object) -> str:
        return clean_name(value, field="Role", max_chars=80) if value else ""

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: object) -> int:
        if value is None or value == "":
            raise UserError("enter the caseload this person is expected to carry.")
        message = f"a target caseload is a whole number of patients from 1 to {MAX_CASELOAD:,}."
        number = _whole_number(value, message)
        if not 1 <= number <= MAX_CASELOAD:
            raise UserError(message)
        return number


class CaseloadEntry(BaseModel):
    """One staff member's patients by status in one period."""

    period: str
    staff: str
    outreach: int = Field(default=0, ge=0, le=MAX_CASELOAD)
    active: int = Field(default=0, ge=0, le=MAX_CASELOAD)
    maintenance: int = Field(default=0, ge=0, le=MAX_CASELOAD)

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, value: object) -> str:
        return check_period(value, field="Period")

    @field_validator("outreach", "active", "maintenance", mode="before")
    @classmethod
    def _count(cls, value: object) -> int:
        if value is None or value == "":
            return 0
        number = _whole_number(value, "enter a whole number of patients, 0 or more.")
        if number < 0:
            raise UserError("enter a whole number of patients, 0 or more.")
        return number

    @property
    def total(self) -> int:
        return self.outreach + self.active + self.maintenance


def staff(store: Store, workspace_id: str) -> list[tuple[str, StaffMember]]:
    """(record id, staff member) in the team's order; unreadable rows are skipped. Kept per version of the
    workspace's data (core.store.versioned): the members are read-only."""
    return list(remember(store, workspace_id, "one_twenty_five.staff", lambda: _staff(store, workspace_id)))


def _staff(store: Store, workspace_id: str) -> list[tuple[str, StaffMember]]:
    out = []
    for r in answers.list_records(store, workspace_id, STAFF_KIND):
        try:
            out.append((r.id, StaffMember.model_validate(r.data)))
        except ValueError:
            continue
    return out


def add_staff(store: Store, workspace_id: str, member: StaffMember) -> StaffMember:
    answers.add_record(store, workspace_id, STAFF_KIND, member.model_dump())
    return member


def entries(store: Store, workspace_id: str) -> list[CaseloadEntry]:
    """Every caseload entered, kept per version of the workspace's data: the entries are read-only."""
    return list(remember(store, workspace_id, "one_twenty_five.entries", lambda: _entries(store, workspace_id)))


def _entries(store: Store, workspace_id: str) -> list[CaseloadEntry]:
    out = []
    for r in answers.list_records(store, workspace_id, CASELOAD_KIND):
        try:
            out.append(CaseloadEntry.model_validate(r.data))
        except ValueError:
            continue
    return out


def save_caseload(store: Store, workspace_id: str, entry: CaseloadEntry) -> CaseloadEntry:
    """Insert or replace one staff member's numbers for one period."""
    if entry.staff not in {m.key for _, m in staff(store, workspace_id)}:
        raise NotFound("That staff member no longer exists; it may have been removed in another tab.")
    for r in answers.list_records(store, workspace_id, CASELOAD_KIND):
        if r.data.get("period") == entry.period and r.data.get("staff") == entry.staff:
            answers.update_record(store, workspace_id, r.id, entry.model_dump())
            return entry
    answers.add_record(store, workspace_id, CASELOAD_KIND, entry.model_dump())
    return entry


def save_period_edits(
    store: Store, workspace_id: str, period: str, staff_keys: list[str], edited_rows: dict
) -> list[str]:
    """Apply a period table's edits (row index -> changed counts); return one message per row not saved."""
    period = check_period(period)
    current = {(e.period, e.staff): e for e in entries(store, workspace_id)}
    errors = []
    for position, changes in sorted(edited_rows.items(), key=lambda item: int(item[0])):
        index = int(position)
        if index >= len(staff_keys):
            continue
        key = staff_keys[index]
        base = current.get((period, key), CaseloadEntry(period=period, staff=key)).model_dump()
        try:
            save_caseload(
                store,
                workspace_id,
                CaseloadEntry.model_validate(
                    {**base, **{k: v for k, v in changes.items() if k in ("outreach", "active", "maintenance")}}
                ),
            )
        except (ValueError, KeyError) as exc:
            text = exc.args[0] if isinstance(exc, KeyError) else str(exc).split("\n")[-1]
            errors.append(f"Row {index + 1}: {text}")
    return errors


# ---------------------------------------------------------------- dashboard

Status = Literal["over", "under", "on target"]


def caseload_status(total: int, target: int, margin_pct: int | None = None) -> Status:
    """Over when the total is above the target; under when it is below target less the margin (default 20%)."""
    margin = content().under_target_margin_pct if margin_pct is None else margin_pct
    if total > target:
        return "over"
    if total * 100 < target * (100 - margin):
        return "under"
    return "on target"


class StaffCaseload(BaseModel):
    staff_key: str
    name: str
    role: str
    target: int
    outreach: int
    active: int
    maintenance: int
    total: int
    status: Status


class PeriodTotals(BaseModel):
    period: str
    outreach: int
    active: int
    maintenance: int
    total: int
    target: int  # sum of the targets of the staff with numbers in that period


class CaseloadDashboard(BaseModel):
    periods: list[str]
    latest: str | None
    rows: list[StaffCaseload]  # latest period, every current staff member
    trend: list[PeriodTotals]  # the team, per period, oldest first
    staff_trend: dict[str, list[int | None]]  # staff name -> total per period (None: not entered)

    @property
    def over(self) -> list[StaffCaseload]:
        return [r for r in self.rows if r.status == "over"]

    @property
    def under(self) -> list[StaffCaseload]:
        return [r for r in self.rows if r.status == "under"]

    def sentences(self) -> list[str]:
        if self.latest is None:
            return []
        out = [
            f"{self.latest}: {sum(r.total for r in self.rows)} patients across {len(self.rows)} staff "
            f"(target {sum(r.target for r in self.rows)})."
        ]
        if self.over:
            out.append("Over target: " + ", ".join(f"{r.name} ({r.total} of {r.target})" for r in self.over) + ".")
        if self.under:
            out.append("Room for more: " + ", ".join(f"{r.name} ({r.total} of {r.target})" for r in self.under) + ".")
        return out


def caseload_dashboard(store: Store, workspace_id: str) -> CaseloadDashboard:
    team = [m for _, m in staff(store, workspace_id)]
    by_key = {m.key: m for m in team}
    all_entries = [e for e in entries(store, workspace_id) if e.staff in by_key]
    periods = sorted({e.period for e in all_entries})
    latest = periods[-1] if periods else None
    at_latest = {e.staff: e for e in all_entries if e.period == latest}
    rows = []
    for m in team:
        e = at_latest.get(m.key) or CaseloadEntry(period=latest or "2000-01", staff=m.key)
        rows.append(
            StaffCaseload(
                staff_key=m.key,
                name=m.name,
                role=m.role,
                target=m.target,
                outreach=e.outreach,
                active=e.active,
                maintenance=e.maintenance,
                total=e.total,
                status=caseload_status(e.total, m.target),
            )
        )
    trend = []
    for p in periods:
        in_period = [e for e in all_entries if e.period == p]
        trend.append(
            PeriodTotals(
                period=p,
                outreach=sum(e.outreach for e in in_period),
                active=sum(e.active for e in in_period),
                maintenance=sum(e.maintenance for e in in_period),
                total=sum(e.total for e in in_period),
                target=sum(by_key[e.staff].target for e in in_period),
            )
        )
    index = {(e.period, e.staff): e.total for e in all_entries}
    staff_trend = {m.name: [index.get((p, m.key)) for p in periods] for m in team}
    return CaseloadDashboard(periods=periods, latest=latest, rows=rows, trend=trend, staff_trend=staff_trend)
