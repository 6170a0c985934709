import pytest
from pydantic import ValidationError

from core.steps import (
    StepProgress,
    StepsContent,
    export_order,
    link_label,
    menu,
    next_step,
    page_title,
    step,
    steps,
    suggested_next,
    workspace_progress,
)
from core.store import answers
from tests.conftest import ROOT, make_workspace


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


def test_a_step_whose_own_measure_says_0_is_started_once_something_of_it_is_saved(store):
    from core.hrh import cost_benefit

    ws = make_workspace(store, "Scenario Org")
    before = {p.step_id: p for p in workspace_progress(store, ws.id)}
    assert before["financing_adventure"].status == "not started"
    # Step 6 measures the path through its questions; a cost-benefit scenario is saved with none answered.
    cost_benefit.create_scenario(store, ws.id, "Base case")
    after = {p.step_id: p for p in workspace_progress(store, ws.id)}
    assert after["financing_adventure"].status == "in progress"
    assert after["financing_adventure"].share == 0.05
    assert after["partners"].status == "not started"


def test_the_next_step_is_the_first_not_done_in_journey_order():
    every = [s.id for s in steps()]
    nothing = [StepProgress(step_id=i, share=0) for i in every]
    assert suggested_next(nothing).id == "basics"  # a new workspace starts at Step 1
    # Steps 1 and 2 done, Step 4 half way, Step 3 untouched: Step 3 is next (the journey's order, not the latest).
    some = {"basics": 1.0, "readiness": 1.0, "what_it_takes": 0.5}
    assert suggested_next([StepProgress(step_id=i, share=some.get(i, 0)) for i in every]).id == "services"
    assert suggested_next([StepProgress(step_id=i, share=1) for i in every]) is None


# ---------------------------------------------------------------- the journey's one map (data/steps.yaml)


def test_the_menu_is_the_journey_with_numbers_only_on_the_workbook_steps():
    groups = menu()
    assert [g.title for g in groups] == [
        "Start",
        "Harm Reduction is Healthcare",
        "Care model stages",
        "Sustain & finance",
        "Workshop",
        "Reports",
    ]
    assert [g.open for g in groups] == [True, False, False, False, False, False]
    hrh = [p.title for p in groups[1].pages]
    assert hrh[:5] == [
        "1. Learn the basics",
        "Glossary",
        "2. Readiness assessment",
        "2. Readiness results",
        "3. Billable services",
    ]
    assert hrh[-1] == "9. Organize & advocate"
    assert [p.title for p in groups[2].pages][0] == "Choose a care model"  # stages are not numbered in the menu
    every = [p for g in groups for p in g.pages]
    assert [p.path for p in every if p.default] == ["pages/start/home.py"]
    # 3 start pages, 14 + 6 + 4 pages of the three groups of steps, 2 workshop and 2 report pages
    assert len({p.path for p in every}) == len(every) == 31
    assert next(p for p in every if p.path == "pages/care_model/huddle.py").step_id == "one_twenty_five"


def test_links_say_the_step_label_or_the_menu_title():
    assert link_label("partners") == "Step 7: Mapping out potential partners"
    assert link_label("first_five") == "Stage 2: Co-create care plans with five patients"
    assert link_label("readiness_results") == "2. Readiness results"  # not a step's main page
    assert page_title("backup") == "Backup & restore"
    with pytest.raises(KeyError, match="nowhere"):
        page_title("nowhere")


def test_what_comes_next_and_where_each_step_goes_in_the_report():
    assert next_step("services").id == "what_it_takes"
    assert next_step("advocate") is None  # Step 9 never really ends
    assert next_step("one_twenty_five").id == "five_x_planner"
    assert next_step("chronic_care_financing") is None
    # 17 steps, 10 apart: basics first, the last sustain step last
    assert export_order("basics") == 10
    assert export_order("advocate") == 90
    assert export_order("chronic_care_financing") == 170


def _journey(**changes) -> dict:
    import yaml

    data = yaml.safe_load((ROOT / "data" / "steps.yaml").read_text())
    for change in changes.values():
        change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["steps"][2]["pages"].append({"id": "no_such_page", "title": "X", "icon": "x"}), "no_such_page"),
        (lambda d: d["steps"][3]["pages"].append(dict(d["steps"][2]["pages"][0])), "appears twice"),
        (lambda d: d["steps"][1].update(number=5), "numbered 1, 2, 3"),
        (lambda d: d["groups"][0]["pages"][0].update(default=False), "exactly one page"),
        (lambda d: d["groups"].pop(2), "include the step groups"),
        (lambda d: d["steps"][0].update(pages=[]), "at least 1"),
        (lambda d: d["steps"][0]["pages"][0].update(icon="<img src=x>"), "pattern"),
    ],
)
def test_a_broken_journey_is_refused_with_a_message_that_names_it(change, message):
    data = _journey(change=change)
    with pytest.raises(ValidationError, match=message):
        StepsContent.model_validate(data)
