"""The demo workspace: a fictional program from `data/demo.yaml`, built through the same
`core` functions the pages use, so the demo always matches what a person could have entered.

A step that needs more than generic answers registers a filler with
`@demo_filler("<step id>")`; it receives the store, the workspace id and the
step's part of `steps:` in the demo file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.content import ContentModel, content_file, import_core_modules, load
from core.store import answers, workspaces
from core.store.database import Store
from core.store.models import Workspace

DEMO_PASSPHRASE = "riverbend-demo-workspace"  # noqa: S105 - published on purpose: the demo is fictional and open to all


class DemoText(ContentModel):
    section: str
    prompt: str
    text: str


class DemoValue(ContentModel):
    section: str
    key: str
    value: Any


class DemoRecord(ContentModel):
    kind: str
    data: dict


class DemoProfile(ContentModel):
    name: str
    state: str
    org_type: str
    populations: list[str]


@content_file("demo.yaml")
class DemoContent(ContentModel):
    profile: DemoProfile
    texts: list[DemoText] = []
    values: list[DemoValue] = []
    records: list[DemoRecord] = []
    steps: dict[str, Any] = {}


Filler = Callable[[Store, str, Any], None]
_FILLERS: dict[str, Filler] = {}


def demo_filler(step_id: str):
    def register(fn: Filler) -> Filler:
        _FILLERS[step_id] = fn
        return fn

    return register


def demo_name() -> str:
    return load(DemoContent).profile.name


def create_demo(store: Store) -> Workspace:
    """Create the demo workspace (it must not exist yet) and fill every step it has content for."""
    import_core_modules()
    demo = load(DemoContent)
    profile = workspaces.WorkspaceProfile(**demo.profile.model_dump())
    workspace = workspaces.create_workspace(store, profile, DEMO_PASSPHRASE, is_demo=True)
    for t in demo.texts:
        answers.save_text(store, workspace.id, t.section, t.prompt, t.text)
    for v in demo.values:
        answers.save_value(store, workspace.id, v.section, v.key, v.value)
    for r in demo.records:
        answers.add_record(store, workspace.id, r.kind, r.data)
    unknown = sorted(set(demo.steps) - set(_FILLERS))
    if unknown:
        raise ValueError(f"data/demo.yaml has steps no filler knows: {', '.join(unknown)}")
    for step_id, part in demo.steps.items():
        _FILLERS[step_id](store, workspace.id, part)
    return workspace


def open_demo(store: Store, *, reset: bool = False) -> tuple[Workspace, str]:
    """Open the demo workspace (creating it, or recreating it if `reset`); return it and a session token."""
    existing = workspaces.find_workspace(store, demo_name())
    if existing is not None and not existing.is_demo:
        raise workspaces.WorkspaceError("A workspace with the demo's name exists and is not the demo.")
    if existing is not None and reset:
        workspaces.delete_workspace(store, existing.id, existing.name)
        existing = None
    workspace = existing or create_demo(store)
    return workspace, workspaces.start_session(store, workspace.id)
