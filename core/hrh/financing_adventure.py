"""Step 6, the financing adventure: the workbook's flow chart as a decision graph, and the path a workspace took.

The graph lives in `data/financing_adventure.yaml`: questions with a "yes" and a
"no" target, and stops (an `action` to take before answering "yes", or an
`outcome`, a decision reached). A workspace's answers are value answers of
section `financing_adventure.path` (question id -> "yes" / "no"); answers off
the current path are kept, so switching an earlier answer back restores the
later ones. `follow()` is pure: answers in, path out.

Never imports streamlit; the page draws what `follow()` and `layout()` return.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from core.content import ContentModel, content_file, load
from core.demo import demo_filler
from core.errors import UserError
from core.hrh import cost_benefit as cb
from core.sources import Quote
from core.steps import StepProgress, progress_for
from core.steps import step as get_step
from core.store import answers
from core.store.database import Store

SECTION = "financing_adventure.path"
Answer = Literal["yes", "no"]


class Link(ContentModel):
    step: str
    label: str
    page: str = Field(default="", description="a page id of data/steps.yaml; empty: the step's main page")

    @property
    def page_id(self) -> str:
        """The page that does the next action: the step's main page unless one is named."""
        return self.page or get_step(self.step).pages[0].id


class Node(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    kind: Literal["question", "action", "outcome"]
    short: str = Field(max_length=40)
    text: str = ""
    help: str = ""
    if_yes: str | None = None
    if_no: str | None = None
    title: str = ""
    next_action: str = ""
    link: Link | None = None

    @model_validator(mode="after")
    def _shape(self) -> Node:
        if self.kind == "question":
            if not (self.text and self.if_yes and self.if_no):
                raise ValueError(f"question {self.id} needs text, if_yes and if_no")
        elif not (self.title and self.next_action and self.link) or self.if_yes or self.if_no:
            raise ValueError(f"{self.kind} {self.id} needs title, next_action and link, and no if_yes/if_no")
        return self


@content_file("financing_adventure.yaml")
class AdventureGraph(ContentModel):
    workbook: Quote
    start: str
    nodes: list[Node]

    @model_validator(mode="after")
    def _a_tree_from_start(self) -> AdventureGraph:
        ids = [n.id for n in self.nodes]
        if len(ids) != len(set(ids)):
            raise ValueError("node ids must be unique")
        by_id = {n.id: n for n in self.nodes}
        if self.start not in by_id:
            raise ValueError(f"start {self.start!r} is not a node")
        parents: dict[str, str] = {}
        for node in self.nodes:
            for target in (node.if_yes, node.if_no):
                if target is None:
                    continue
                if target not in by_id:
                    raise ValueError(f"{node.id} points to unknown node {target!r}")
                if target in parents or target == self.start:
                    raise ValueError(f"{target} has two ways in; the flow chart must be a tree")
                parents[target] = node.id
        unreachable = set(ids) - set(parents) - {self.start}
        if unreachable:
            raise ValueError(f"nodes not reachable from the start: {', '.join(sorted(unreachable))}")
        return self

    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)


def graph() -> AdventureGraph:
    return load(AdventureGraph)


class PathStep(BaseModel):
    node: Node
    answer: Answer

    @property
    def target(self) -> str:
        return self.node.if_yes if self.answer == "yes" else self.node.if_no  # type: ignore[return-value]


class AdventurePath(BaseModel):
    """Where a workspace's answers lead: the questions answered on the way, then either the next question
    to answer (`question`) or the stop reached (`stop`)."""

    steps: list[PathStep]
    question: Node | None = None
    stop: Node | None = None

    @property
    def node_ids(self) -> list[str]:
        ids = [s.node.id for s in self.steps]
        return ids + [n.id for n in (self.question, self.stop) if n is not None]

    @property
    def edges(self) -> set[tuple[str, str]]:
        return {(s.node.id, s.target) for s in self.steps}

    @property
    def decided(self) -> bool:
        """True once the path reached an outcome (a decision), not an action to take first."""
        return self.stop is not None and self.stop.kind == "outcome"

    @property
    def branch(self) -> str:
        """'direct billing', 'partnership' or '' (not answered yet), from the first answer."""
        if not self.steps:
            return ""
        return "direct billing" if self.steps[0].answer == "yes" else "partnership"


def follow(adventure: AdventureGraph, given: Mapping[str, str]) -> AdventurePath:
    """The path from the start through the answers given; answers to questions off the path are ignored.

    An answer other than "yes"/"no" counts as not answered.
    """
    steps: list[PathStep] = []
    node = adventure.node(adventure.start)
    while node.kind == "question":
        answer = given.get(node.id)
        if answer not in ("yes", "no"):
            return AdventurePath(steps=steps, question=node)
        step = PathStep(node=node, answer=answer)
        steps.append(step)
        node = adventure.node(step.target)
    return AdventurePath(steps=steps, stop=node)


def longest_question_chain(adventure: AdventureGraph) -> int:
    """The most questions any path from the start asks (the denominator of progress)."""

    def depth(node_id: str) -> int:
        node = adventure.node(node_id)
        if node.kind != "question":
            return 0
        return 1 + max(depth(node.if_yes), depth(node.if_no))  # type: ignore[arg-type]

    return depth(adventure.start)


class Position(BaseModel):
    x: float
    y: float


def layout(adventure: AdventureGraph) -> dict[str, Position]:
    """Positions to draw the tree: depth downwards (y = -depth), leaves side by side, parents centred.

    "yes" children are placed left of "no" children, so the direct billing branch is on the left.
    """
    positions: dict[str, Position] = {}
    next_leaf = [0.0]

    def place(node_id: str, depth: int) -> float:
        node = adventure.node(node_id)
        if node.kind != "question":
            x = next_leaf[0]
            next_leaf[0] += 1
        else:
            x = (place(node.if_yes, depth + 1) + place(node.if_no, depth + 1)) / 2  # type: ignore[arg-type]
        positions[node_id] = Position(x=x, y=-depth)
        return x

    place(adventure.start, 0)
    return positions


# ---------------------------------------------------------------- the store


def saved_answers(store: Store, workspace_id: str) -> dict[str, str]:
    return {k: v for k, v in answers.get_values(store, workspace_id, SECTION).items() if v in ("yes", "no")}


def save_answer(store: Store, workspace_id: str, question_id: str, answer: str | None) -> None:
    """Remember one answer ("yes", "no"), or forget it (None)."""
    node = graph().node(question_id)
    if node.kind != "question":
        raise UserError(f"{question_id!r} is not a question of the flow chart.")
    if answer is None:
        answers.delete_value(store, workspace_id, SECTION, question_id)
        return
    if answer not in ("yes", "no"):
        raise UserError("Answer yes or no.")
    answers.save_value(store, workspace_id, SECTION, question_id, answer)


def workspace_path(store: Store, workspace_id: str) -> AdventurePath:
    return follow(graph(), saved_answers(store, workspace_id))


@progress_for("financing_adventure")
def adventure_progress(store: Store, workspace_id: str) -> StepProgress:
    """Done once the path reaches an outcome; before that, the share of the longest chain of questions answered."""
    path = workspace_path(store, workspace_id)
    if path.decided:
        return StepProgress(step_id="financing_adventure", share=1.0, detail=path.stop.title)  # type: ignore[union-attr]
    share = min(0.9, len(path.steps) / longest_question_chain(graph()))
    detail = (
        f"Next: {path.stop.title}" if path.stop else (f"{len(path.steps)} questions answered" if path.steps else "")
    )
    return StepProgress(step_id="financing_adventure", share=share, detail=detail)


@demo_filler("financing_adventure")
def fill_demo(store: Store, workspace_id: str, data: dict) -> None:
    """The demo's answers, insurance mix survey and cost-benefit scenarios (a scenario may be a `copy_of` another)."""
    for question_id, answer in data.get("answers", {}).items():
        save_answer(store, workspace_id, question_id, answer)
    if "survey" in data:
        cb.save_survey(store, workspace_id, cb.InsuranceSurvey.model_validate(data["survey"]))
    created: dict[str, str] = {}
    for spec in data.get("scenarios", []):
        spec = dict(spec)
        copy_of = created[spec.pop("copy_of")] if "copy_of" in spec else None
        saved = cb.create_scenario(store, workspace_id, spec.pop("name"), copy_of=copy_of)
        if spec:
            cb.update_scenario(store, workspace_id, saved.record_id, **spec)
        created[saved.scenario.name] = saved.record_id
