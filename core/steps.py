"""The journey: every step and stage of the workbook, and how far a workspace is in each.

Steps come from `data/steps.yaml`. Each step's own module may register a
`progress` function (`@progress_for("readiness")`) that says how complete the
step is for a workspace; a step without one counts as "started" once anything
was saved under its id (any text answer, value answer or record whose section
or kind begins with the step id).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.content import ContentModel, content_file, load
from core.store.versioned import remember

StepGroupId = Literal["hrh", "care_model", "sustain"]


class StepGroup(ContentModel):
    id: StepGroupId
    title: str


class Step(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    group: StepGroupId
    number: int = Field(ge=1)
    title: str
    purpose: str
    who: str
    time: str

    @property
    def label(self) -> str:
        prefix = "Step" if self.group == "hrh" else ("Stage" if self.group == "care_model" else "")
        return f"{prefix} {self.number}: {self.title}" if prefix else self.title


@content_file("steps.yaml")
class StepsContent(ContentModel):
    groups: list[StepGroup]
    steps: list[Step]

    @model_validator(mode="after")
    def _unique_ids(self) -> StepsContent:
        ids = [s.id for s in self.steps]
        if len(ids) != len(set(ids)):
            raise ValueError("step ids must be unique")
        return self


def steps() -> list[Step]:
    return list(load(StepsContent).steps)


def step(step_id: str) -> Step:
    for s in load(StepsContent).steps:
        if s.id == step_id:
            return s
    raise KeyError(f"No step with id {step_id!r} in data/steps.yaml")


class StepProgress(BaseModel):
    """How far a workspace is in one step: a share from 0 to 1 and a word for it."""

    model_config = ConfigDict(frozen=True)  # kept and shared between page runs (core.store.versioned)
    step_id: str
    share: float = Field(ge=0, le=1)
    detail: str = ""

    @property
    def status(self) -> Literal["not started", "in progress", "done"]:
        if self.share >= 1:
            return "done"
        return "in progress" if self.share > 0 else "not started"


ProgressFn = Callable[[object, str], StepProgress]
_PROGRESS: dict[str, ProgressFn] = {}


def progress_for(step_id: str):
    """Decorator: `fn(store, workspace_id) -> StepProgress` measures step `step_id`."""

    def register(fn: ProgressFn) -> ProgressFn:
        _PROGRESS[step_id] = fn
        return fn

    return register


def workspace_progress(store, workspace_id: str) -> list[StepProgress]:
    """Every step's progress for one workspace, in journey order.

    Computed once per change of the workspace's data (core.store.versioned), so
    Home does not recompute seventeen steps on every visit.
    """
    return list(remember(store, workspace_id, "workspace_progress", lambda: _compute_progress(store, workspace_id)))


def _compute_progress(store, workspace_id: str) -> list[StepProgress]:
    """Steps without their own measure are "in progress" once anything is saved under their id.
    Reads a fixed number of small queries, whatever the number of workspaces in the store."""
    from core.content import import_core_modules
    from core.store.answers import prefetch, sections_with_content

    import_core_modules()  # so every step module's @progress_for has run
    prefetch(store, workspace_id)  # the steps read about twenty kinds of records: one query, not twenty
    started = sections_with_content(store, workspace_id)
    result = []
    for s in steps():
        if s.id in _PROGRESS:
            result.append(_PROGRESS[s.id](store, workspace_id))
        else:
            touched = any(name == s.id or name.startswith(s.id + ".") for name in started)
            result.append(
                StepProgress(step_id=s.id, share=0.5 if touched else 0.0, detail="Something saved" if touched else "")
            )
    return result
