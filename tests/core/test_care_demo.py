"""The demo workspace fills every care model stage, with pseudonymous patients only."""

from core import demo
from core.care_model import first_five, huddle
from core.steps import workspace_progress
from core.store import answers

CARE_STEPS = ["care_model_fit", "first_five", "twenty_five", "one_twenty_five", "five_x_planner"]


def test_demo_completes_every_care_model_stage(sqlite_store):
    workspace, _ = demo.open_demo(sqlite_store)
    progress = {p.step_id: p for p in workspace_progress(sqlite_store, workspace.id)}
    assert {step: progress[step].share for step in CARE_STEPS} == dict.fromkeys(CARE_STEPS, 1.0)


def test_demo_patients_are_pseudonymous(sqlite_store):
    workspace, _ = demo.open_demo(sqlite_store)
    labels = [p.label for p in first_five.profiles(sqlite_store, workspace.id).values()]
    assert labels == ["Patient A", "Patient B", "Patient C", "Patient D", "Patient E"]
    for slot in first_five.slot_ids():
        for text in answers.get_texts(sqlite_store, workspace.id, first_five.section(slot)).values():
            assert first_five.find_identifiers(text) == []
    assert all(not item.checked for _, item in huddle.items(sqlite_store, workspace.id))
