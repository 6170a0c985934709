"""Step 1's reviewed mark and progress, and the demo workspace of steps 1-3."""

from __future__ import annotations

import pytest

from core import demo
from core.hrh import basics, readiness, services
from core.steps import workspace_progress
from core.store import answers


def test_basics_is_done_once_marked_reviewed(store, workspace):
    assert basics.basics_progress(store, workspace.id).share == 0
    basics.set_reviewed(store, workspace.id, True)
    assert basics.is_reviewed(store, workspace.id)
    assert basics.basics_progress(store, workspace.id).share == 1
    basics.set_reviewed(store, workspace.id, False)
    assert basics.basics_progress(store, workspace.id).status == "not started"
    with pytest.raises(ValueError):
        basics.set_reviewed(store, workspace.id, "yes")


def test_demo_fills_steps_1_to_3(sqlite_store):
    workspace = demo.create_demo(sqlite_store)
    progress = {p.step_id: p for p in workspace_progress(sqlite_store, workspace.id)}
    assert progress["basics"].share == 1 and progress["readiness"].share == 1 and progress["services"].share == 1
    round_, scores = readiness.latest_round_scores(sqlite_store, workspace.id)
    assert scores.not_sure == 4 and scores.answered == 49
    # overall mean 2.45: Mission & Values (3.50) and Services (2.56) are above it; Systems (2.40) is not a strength
    assert [d.domain_id for d in readiness.strongest_domains(scores)] == ["mission_values", "services"]
    notes = answers.get_texts(sqlite_store, workspace.id, readiness.reflection_section(round_.id))
    assert set(notes) == {"strengths", "limitations", "healthcare_entity"}
    rows = services.service_map(sqlite_store, workspace.id)
    assert sum(services.is_filled(r) for r in rows) == 18
    assert [r.name for r in rows if r.is_custom] == ["Fentanyl test strips", "Rides to medical appointments"]
    assert services.map_warnings(rows) == []
