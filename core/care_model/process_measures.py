"""Care model stages 3-4: the nine process measures, entered per month, against the team's targets.

A month's numbers are one record (`month` plus one field per measure id, blank
when not measured); targets are value answers per measure. `measure_summaries`
gives each measure's series, latest value, previous value, target and whether
the latest value meets it, by the measure's direction (higher, lower, or near
the target within a tolerance).

Never imports streamlit.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.care_model.one_twenty_five import check_period
from core.content import ContentModel, content_file, load
from core.errors import UserError
from core.sources import Quote
from core.store import answers
from core.store.database import Store

STEP = "one_twenty_five"
MONTH_KIND = f"{STEP}.measure_month"
TARGETS_SECTION = f"{STEP}.measure_targets"

Better = Literal["higher", "lower", "near"]


class Measure(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    source_text: Quote
    unit: str
    better: Better
    max: float = Field(gt=0)


@content_file("process_measures.yaml")
class ProcessMeasuresContent(ContentModel):
    guide: list[Quote]
    more: list[Quote] = Field(description="the source's other guidance on data and costs")
    measures_lead: Quote
    near_tolerance_pct: int = Field(ge=0, le=100, description="the app's own tolerance, see tolerance_rule()")
    measures: list[Measure] = Field(min_length=9, max_length=9)


def measures() -> list[Measure]:
    return list(load(ProcessMeasuresContent).measures)


def content() -> ProcessMeasuresContent:
    return load(ProcessMeasuresContent)


def tolerance_rule() -> str:
    """The app's own rule for measures that are better near their target, in words for the page."""
    pct = content().near_tolerance_pct
    return (
        "Measures that are better higher are met at or above their target, those better lower at or below it. "
        f"Those better near their target (caseload per staff member, care in the community, visit duration) "
        f"are met within {pct}% of it: a target of 30 minutes is met from {30 - 30 * pct / 100:g} to "
        f"{30 + 30 * pct / 100:g}. The {pct}% is the app's own: the source sets no figure."
    )


def measure(measure_id: str) -> Measure:
    for m in measures():
        if m.id == measure_id:
            return m
    raise KeyError(f"{measure_id!r} is not a process measure.")


def check_value(m: Measure, value: Any) -> float | None:
    """A measure's value as a number within its range, or None when blank."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise UserError(f"{m.name}: enter a number.") from exc
    if number != number:  # NaN: an emptied cell
        return None
    if number < 0 or number > m.max:
        raise UserError(f"{m.name} must be between 0 and {m.max:g} {m.unit} (not {number:g}).")
    return number


class MeasureMonth(BaseModel):
    """One month's numbers: `month` ("YYYY-MM") and one field per measure id."""

    model_config = ConfigDict(extra="allow")

    month: str

    @model_validator(mode="before")
    @classmethod
    def _values(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        known = {m.id: m for m in measures()}
        unknown = set(data) - set(known) - {"month"}
        if unknown:
            raise UserError(f"unknown measure: {', '.join(sorted(unknown))}")
        out = {"month": check_period(data.get("month"))}
        for mid, m in known.items():
            out[mid] = check_value(m, data.get(mid))
        return out

    def value(self, measure_id: str) -> float | None:
        return getattr(self, measure_id, None)


def months(store: Store, workspace_id: str) -> tuple[list[MeasureMonth], list[str]]:
    """Every month entered, oldest first, and warnings (a month entered twice: the later row counts)."""
    seen: dict[str, MeasureMonth] = {}
    warnings = []
    for r in answers.list_records(store, workspace_id, MONTH_KIND):
        try:
            row = MeasureMonth.model_validate(r.data)
        except ValueError:
            continue
        if row.month in seen:
            warnings.append(f"{row.month} is entered more than once; the lower row is the one used.")
        seen[row.month] = row
    return [seen[k] for k in sorted(seen)], warnings


def add_month(store: Store, workspace_id: str, row: MeasureMonth):
    return answers.add_record(store, workspace_id, MONTH_KIND, row.model_dump())


def targets(store: Store, workspace_id: str) -> dict[str, float]:
    saved = answers.get_values(store, workspace_id, TARGETS_SECTION)
    out = {}
    for m in measures():
        try:
            value = check_value(m, saved.get(m.id))
        except ValueError:
            value = None
        if value is not None:
            out[m.id] = value
    return out


def save_target(store: Store, workspace_id: str, measure_id: str, value: Any) -> None:
    m = measure(measure_id)
    checked = check_value(m, value)
    if checked is None:
        answers.delete_value(store, workspace_id, TARGETS_SECTION, measure_id)
    else:
        answers.save_value(store, workspace_id, TARGETS_SECTION, measure_id, checked)


Status = Literal["met", "not met", "no target", "no data"]


def measure_status(m: Measure, value: float | None, target: float | None) -> Status:
    """Whether `value` meets `target`: at least it (higher), at most it (lower), or within the tolerance (near)."""
    if value is None:
        return "no data"
    if target is None:
        return "no target"
    if m.better == "higher":
        return "met" if value >= target else "not met"
    if m.better == "lower":
        return "met" if value <= target else "not met"
    tolerance = abs(target) * load(ProcessMeasuresContent).near_tolerance_pct / 100
    return "met" if abs(value - target) <= tolerance else "not met"


class MeasureSummary(BaseModel):
    measure: Measure
    series: list[tuple[str, float | None]]
    latest_month: str | None
    latest: float | None
    previous: float | None
    target: float | None
    status: Status


def measure_summaries(store: Store, workspace_id: str) -> list[MeasureSummary]:
    rows, _ = months(store, workspace_id)
    goal = targets(store, workspace_id)
    out = []
    for m in measures():
        series = [(r.month, r.value(m.id)) for r in rows]
        given = [(month, v) for month, v in series if v is not None]
        latest_month, latest = given[-1] if given else (None, None)
        previous = given[-2][1] if len(given) > 1 else None
        out.append(
            MeasureSummary(
                measure=m,
                series=series,
                latest_month=latest_month,
                latest=latest,
                previous=previous,
                target=goal.get(m.id),
                status=measure_status(m, latest, goal.get(m.id)),
            )
        )
    return out
