"""The journey: every step and stage of the workbook, the pages of each, and how far a workspace is in each.

`data/steps.yaml` is the one map of the journey. From it come the app's navigation (`menu`), the page of
a step (`step_page`), the next step (`next_step`), step labels with their numbers (`Step.label`) and the
order of the whole-workbook report's sections (`export_order`). Each step's own module may register a
`progress` function (`@progress_for("readiness")`) that says how complete the step is for a workspace;
a step without one counts as "started" once anything was saved under its id (any text answer, value
answer or record whose section or kind begins with the step id), and so does a step whose own measure
still says 0 although something of it is saved (`STARTED`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core import registrations
from core.content import ContentModel, content_file, load
from core.store.answers import prefetch, sections_with_content
from core.store.versioned import remember

PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"
STEP_GROUPS = ("hrh", "care_model", "sustain")
StepGroupId = Literal["hrh", "care_model", "sustain"]


class PageEntry(ContentModel):
    """One page of the navigation: its file is `pages/<id>.py`."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=1)
    icon: str = Field(pattern=r"^[a-z0-9_]+$", description="a Material Symbols name")
    numbered: bool = Field(default=True, description="a page of a Harm Reduction is Healthcare step shows its number")
    default: bool = False
    hidden: bool = Field(default=False, description="in no menu: reached only by its own link")

    @property
    def path(self) -> str:
        return page_path(self.id)


class StepGroup(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    open: bool = Field(default=False, description="shown before a workspace is open")
    pages: list[PageEntry] = Field(default_factory=list, description="pages of no step (groups of steps: none)")


class Step(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    group: StepGroupId
    number: int = Field(ge=1)
    title: str
    purpose: str
    who: str
    time: str
    pages: list[PageEntry] = Field(min_length=1, description="the step's pages, its main page first")

    @property
    def ref(self) -> str:
        """How a sentence names the step: "Step 3", "Stage 2", or its title outside the numbered groups."""
        prefix = "Step" if self.group == "hrh" else ("Stage" if self.group == "care_model" else "")
        return f"{prefix} {self.number}" if prefix else self.title

    @property
    def label(self) -> str:
        return f"{self.ref}: {self.title}" if self.ref != self.title else self.title

    @property
    def page(self) -> str:
        """The path of the step's main page."""
        return self.pages[0].path


@content_file("steps.yaml")
class StepsContent(ContentModel):
    groups: list[StepGroup]
    steps: list[Step]

    @model_validator(mode="after")
    def _consistent(self) -> StepsContent:
        ids = [s.id for s in self.steps]
        if len(ids) != len(set(ids)):
            raise ValueError("step ids must be unique")
        group_ids = [g.id for g in self.groups]
        if len(group_ids) != len(set(group_ids)) or not set(STEP_GROUPS) <= set(group_ids):
            raise ValueError(f"groups must be unique and include the step groups {', '.join(STEP_GROUPS)}")
        for g in self.groups:
            if g.id in STEP_GROUPS and g.pages:
                raise ValueError(f"group {g.id!r} lists its steps' pages under each step, not under the group")
        pages = [p.id for g in self.groups for p in g.pages] + [p.id for s in self.steps for p in s.pages]
        doubles = sorted({p for p in pages if pages.count(p) > 1})
        if doubles:
            raise ValueError(f"a page appears twice in the navigation: {', '.join(doubles)}")
        where = {p.id: g.id for g in self.groups for p in g.pages} | {
            p.id: s.group for s in self.steps for p in s.pages
        }
        missing = [p for p in pages if not (PAGES_DIR / where[p] / f"{p}.py").is_file()]
        if missing:
            raise ValueError(f"no page file pages/<id>.py for: {', '.join(missing)}")
        for group in STEP_GROUPS:
            numbers = [s.number for s in self.steps if s.group == group]
            if numbers != list(range(1, len(numbers) + 1)):
                raise ValueError(f"the steps of {group!r} must be numbered 1, 2, 3... in order, not {numbers}")
        if sum(p.default for g in self.groups for p in g.pages) != 1:
            raise ValueError("exactly one page of an open group is the default page")
        return self


def steps() -> list[Step]:
    return list(load(StepsContent).steps)


def step(step_id: str) -> Step:
    for s in load(StepsContent).steps:
        if s.id == step_id:
            return s
    raise KeyError(f"No step with id {step_id!r} in data/steps.yaml")


def page_path(page_id: str) -> str:
    """The file of a page, as Streamlit's navigation and links name it: pages/<group>/<id>.py."""
    paths = _page_paths(load(StepsContent))
    if page_id not in paths:
        step_of_page(page_id)  # raises its KeyError
    return paths[page_id]


_PATHS: list[tuple[StepsContent, dict[str, str]]] = []  # for the content loaded last (Home links 18 pages a run)


def _page_paths(content: StepsContent) -> dict[str, str]:
    if _PATHS and _PATHS[0][0] is content:
        return _PATHS[0][1]
    paths = {p.id: f"pages/{s.group}/{p.id}.py" for s in content.steps for p in s.pages}
    paths |= {p.id: f"pages/{g.id}/{p.id}.py" for g in content.groups for p in g.pages}  # a group's page first
    _PATHS[:] = [(content, paths)]
    return paths


def step_of_page(page_id: str) -> Step:
    """The step a page belongs to."""
    for s in steps():
        if any(p.id == page_id for p in s.pages):
            return s
    raise KeyError(f"No page {page_id!r} in data/steps.yaml")


def next_step(step_id: str) -> Step | None:
    """The step after this one in its own group (Step 9 and the last stage have none)."""
    current = step(step_id)
    later = [s for s in steps() if s.group == current.group and s.number == current.number + 1]
    return later[0] if later else None


def export_order(step_id: str) -> int:
    """Where a step's section goes in the whole-workbook report: journey order, 10 apart (room for a
    section that follows a step: `export_order(step) + 5`)."""
    return 10 * (1 + [s.id for s in steps()].index(step(step_id).id))


class MenuPage(BaseModel):
    """A page as the navigation shows it."""

    model_config = ConfigDict(frozen=True)
    path: str
    title: str
    icon: str
    default: bool = False
    step_id: str | None = None


class MenuGroup(BaseModel):
    model_config = ConfigDict(frozen=True)
    title: str
    open: bool
    pages: tuple[MenuPage, ...]


def menu() -> list[MenuGroup]:
    """The app's navigation, in order: each group's title and pages with their menu titles and icons.
    Pages of a Harm Reduction is Healthcare step carry the step's number ("3. Billable services")."""
    content = load(StepsContent)
    result = []
    for group in content.groups:
        entries: list[MenuPage] = [
            MenuPage(path=p.path, title=p.title, icon=f":material/{p.icon}:", default=p.default)
            for p in group.pages
            if not p.hidden
        ]
        for s in content.steps:
            if s.group != group.id:
                continue
            for p in s.pages:
                title = f"{s.number}. {p.title}" if s.group == "hrh" and p.numbered else p.title
                entries.append(MenuPage(path=p.path, title=title, icon=f":material/{p.icon}:", step_id=s.id))
        result.append(MenuGroup(title=group.title, open=group.open, pages=tuple(entries)))
    return result


def page_title(page_id: str) -> str:
    """The menu title of a page (what a link to it is called)."""
    path = page_path(page_id)
    for group in menu():
        for p in group.pages:
            if p.path == path:
                return p.title
    raise KeyError(f"No page {page_id!r} in data/steps.yaml")


def ref(step_id: str) -> str:
    """How a sentence names a step: "Step 3" in Harm Reduction is Healthcare, "Stage 2" in the care model,
    the title elsewhere. Prose uses it instead of typing numbers that would go stale when a step moves."""
    return step(step_id).ref


def link_label(page_id: str) -> str:
    """What a link to a page says by default: the step's label for a step's main page
    ("Step 7: Mapping out potential partners"), else the page's menu title."""
    for s in steps():
        if s.pages[0].id == page_id:
            return s.label
    return page_title(page_id)


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


STARTED = 0.05  # a step whose own measure says 0 although something in it is saved: started, not "not started"
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

    Each step's is kept until a part of the data it read changes (core.store.versioned), so Home
    does not recompute seventeen steps on every visit, nor all of them after a change to one.
    """
    return list(remember(store, workspace_id, "workspace_progress", lambda: _compute_progress(store, workspace_id)))


def _compute_progress(store, workspace_id: str) -> list[StepProgress]:
    """After a change usually one step is measured again, reading its few kinds of records; from the
    second step measured in one run (a first visit), every record is read at once instead."""
    registrations.load_all()
    measured: list[str] = []

    def measure(s: Step) -> StepProgress:
        measured.append(s.id)
        if len(measured) == 2:  # the steps read about twenty kinds of records: one query, not twenty
            prefetch(store, workspace_id)
        return _step_progress(store, workspace_id, s)

    return [remember(store, workspace_id, f"step_progress.{s.id}", lambda s=s: measure(s)) for s in steps()]


def _step_progress(store, workspace_id: str, s: Step) -> StepProgress:
    """A step without its own measure is "in progress" once anything is saved under its id."""
    touched = bool(sections_with_content(store, workspace_id, part=s.id))
    if s.id in _PROGRESS:
        measured = _PROGRESS[s.id](store, workspace_id)
        if measured.share == 0 and touched:  # e.g. cost-benefit scenarios saved before Step 6's questions
            measured = StepProgress(step_id=s.id, share=STARTED, detail=measured.detail or "Started")
        return measured
    return StepProgress(step_id=s.id, share=0.5 if touched else 0.0, detail="Something saved" if touched else "")


def suggested_next(progress: list[StepProgress]) -> Step | None:
    """Where to go on: the first step of the journey (Step 1 first) that is not done; None when all are."""
    share = {p.step_id: p.share for p in progress}
    return next((s for s in steps() if share.get(s.id, 0.0) < 1), None)
