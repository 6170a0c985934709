"""The demo workspace: a fictional program from `data/demo.yaml`, built through the same
`core` functions the pages use, so the demo always matches what a person could have entered.

A step that needs more than generic answers registers a filler with
`@demo_filler("<step id>")`; it receives the store, the workspace id and the
step's part of `steps:` in the demo file.

The demo is built in ONE transaction (`create_demo`): every filler writes
through a store bound to that transaction (its own writes are savepoints), so a
failure half-way, or a crash, leaves no half-built demo behind for the next
visitor to open. The demo's workshops are filled without the join limiter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core import registrations
from core.content import load
from core.demo_content import DemoContent, demo_name  # noqa: F401  (re-exported: the demo's API in one place)
from core.store import answers, workspaces
from core.store.database import IntegrityError, Store, one_transaction
from core.store.models import Workspace

DEMO_PASSPHRASE = "riverbend-demo-workspace"  # noqa: S105 - published on purpose: the demo is fictional and open to all


Filler = Callable[[Store, str, Any], None]
_FILLERS: dict[str, Filler] = {}


def demo_filler(step_id: str):
    def register(fn: Filler) -> Filler:
        _FILLERS[step_id] = fn
        return fn

    return register


def create_demo(store: Store) -> Workspace:
    """Create the demo workspace (it must not exist yet) and fill every step it has content for, all in one
    transaction: it exists completely or not at all."""
    registrations.load_all()
    demo = load(DemoContent)
    with one_transaction(store) as inner:
        workspace = _fill(inner, demo)
    return workspace


def _fill(store: Store, demo: DemoContent) -> Workspace:
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
    if existing is None:
        try:
            existing = create_demo(store)
        except IntegrityError:  # someone else's "Try the demo" built it a moment ago: open theirs
            existing = workspaces.find_workspace(store, demo_name())
            if existing is None or not existing.is_demo:
                raise
    return existing, workspaces.start_session(store, existing.id)
