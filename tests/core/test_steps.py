from core.steps import StepProgress, step, steps, workspace_progress
from core.store import answers
from tests.conftest import make_workspace


def test_steps_are_in_journey_order_with_labels():
    ids = [s.id for s in steps()]
    assert ids[:3] == ["basics", "readiness", "services"]
    assert step("readiness").label == "Step 2: Organizational readiness assessment"
    assert step("first_five").label.startswith("Stage 2: ")


def test_status_words_follow_the_share():
    assert StepProgress(step_id="x", share=0).status == "not started"
    assert StepProgress(step_id="x", share=0.3).status == "in progress"
    assert StepProgress(step_id="x", share=1).status == "done"


def test_a_step_without_its_own_measure_starts_when_something_is_saved(store, monkeypatch):
    import core.steps

    workspace_progress(store, make_workspace(store, "Warm-up").id)  # every step module registered
    monkeypatch.setattr(core.steps, "_PROGRESS", {})  # so the default rule is what is measured
    ws = make_workspace(store, "Progress Org")
    other = make_workspace(store, "Other Org")
    answers.save_text(store, other.id, "agenda.meeting", "notes", "someone else's")
    answers.save_text(store, ws.id, "agenda.meeting", "notes", "ours")
    progress = {p.step_id: p for p in workspace_progress(store, ws.id)}
    assert progress["agenda"].status == "in progress"
    assert progress["agenda"].detail == "Something saved"
    assert progress["partners"].status == "not started"
    fresh = {p.step_id: p for p in workspace_progress(store, make_workspace(store, "Fresh Org").id)}
    assert fresh["agenda"].status == "not started"
