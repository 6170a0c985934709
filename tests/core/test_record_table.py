"""Applying a table editor's changes to records, one validated row at a time."""

from core import care_model as cm
from core import record_table
from core.store import answers


def rows(store, ws):
    return [r.data for r in answers.list_records(store, ws, cm.TEAM_KIND)]


def test_edits_additions_and_deletions_are_applied(store, workspace):
    ws = workspace.id
    for role in ("Care manager", "Nurse", "Physician"):
        answers.add_record(store, ws, cm.TEAM_KIND, cm.TeamRole(role=role).model_dump())
    ids = [r.id for r in answers.list_records(store, ws, cm.TEAM_KIND)]
    errors = record_table.apply_edits(
        store,
        ws,
        cm.TEAM_KIND,
        cm.TeamRole,
        ids,
        {
            "edited_rows": {"1": {"placement": "partner", "note": "From the FQHC"}},
            "added_rows": [{"role": "Peer mentor", "placement": None}, {"role": None, "note": "", "placement": None}],
            "deleted_rows": [2],
        },
    )
    assert errors == []
    assert rows(store, ws) == [
        {"role": "Care manager", "placement": "core", "note": ""},
        {"role": "Nurse", "placement": "partner", "note": "From the FQHC"},
        {"role": "Peer mentor", "placement": "core", "note": ""},
    ]


def test_a_bad_row_is_reported_and_nothing_saved_replaces_it(store, workspace):
    ws = workspace.id
    answers.add_record(store, ws, cm.TEAM_KIND, cm.TeamRole(role="Nurse").model_dump())
    ids = [r.id for r in answers.list_records(store, ws, cm.TEAM_KIND)]
    errors = record_table.apply_edits(
        store,
        ws,
        cm.TEAM_KIND,
        cm.TeamRole,
        ids,
        {"edited_rows": {0: {"role": "   "}}, "added_rows": [{"role": "x" * 500}]},
        labels={"role": "Role"},
    )
    assert errors == ["Row 1: Role is required.", "New row 1: Role is 500 characters long; the limit is 120."]
    assert rows(store, ws) == [{"role": "Nurse", "placement": "core", "note": ""}]


def test_a_row_deleted_in_another_tab_is_reported(store, workspace):
    ws = workspace.id
    record = answers.add_record(store, ws, cm.TEAM_KIND, cm.TeamRole(role="Nurse").model_dump())
    answers.delete_record(store, ws, record.id)
    errors = record_table.apply_edits(
        store, ws, cm.TEAM_KIND, cm.TeamRole, [record.id], {"edited_rows": {0: {"note": "x"}}, "deleted_rows": [0]}
    )
    assert errors == ["Row 1 was deleted in another tab; nothing saved for it."]


def test_fixed_values_land_in_new_rows(store, workspace):
    from core import care_plans

    ws = workspace.id
    errors = record_table.apply_edits(
        store,
        ws,
        care_plans.TASK_KIND,
        care_plans.Task,
        [],
        {"added_rows": [{"task": "Housing application", "patient": "p5"}]},
        fixed={"patient": "p2"},
    )
    assert errors == []
    assert answers.list_records(store, ws, care_plans.TASK_KIND)[0].data["patient"] == "p2"


def test_rows_for_editor_keep_exactly_the_columns():
    class R:
        def __init__(self, data):
            self.data = data

    assert record_table.rows_for_editor([R({"a": 1, "z": 2})], ["a", "b"]) == [{"a": 1, "b": None}]
