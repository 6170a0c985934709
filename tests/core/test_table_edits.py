"""Applying table editor changes: row by row (a bad row refused, the others saved) or the whole table at once."""

import math

import pytest
from pydantic import BaseModel, Field, field_validator

from core import table_edits
from core.care_model import care_model_fit as cm
from core.store import answers
from core.table_edits import apply_edits, messages_of


class Row(BaseModel):
    name: str = Field(min_length=1)
    count: int = Field(default=0, ge=0)


ROWS = [{"id": "a", "name": "One", "count": 1}, {"id": "b", "name": "Two", "count": 2}, {"id": "c", "name": "Three"}]


def test_rows_after_edits_deletes_and_appends():
    changes = {"edited_rows": {"0": {"count": 10}}, "deleted_rows": [1], "added_rows": [{"name": "Four", "count": 4}]}
    assert table_edits.rows_after(ROWS, changes) == [
        {"id": "a", "name": "One", "count": 10},
        {"id": "c", "name": "Three"},
        {"name": "Four", "count": 4},
    ]


def test_rows_after_treats_an_emptied_number_cell_as_nothing_and_ignores_an_untouched_new_row():
    changes = {"edited_rows": {1: {"count": float("nan")}}, "added_rows": [{"name": None, "count": None}]}
    result = table_edits.rows_after(ROWS, changes)
    assert result[1]["count"] is None
    assert len(result) == 3


def test_validate_rows_names_the_row_counted_from_one_and_the_column():
    with pytest.raises(ValueError, match=r"Row 2: How many: Input should be greater than or equal to 0"):
        table_edits.validate_rows(Row, [{"name": "ok"}, {"name": "bad", "count": -1}], {"count": "How many"})


def test_sync_records_updates_adds_and_deletes_in_place(sqlite_store):
    from tests.conftest import make_workspace

    ws = make_workspace(sqlite_store).id
    table_edits.sync_records(sqlite_store, ws, "test.kind", Row, [{"name": "One", "count": 1}, {"name": "Two"}])
    rows = table_edits.record_rows(sqlite_store, ws, "test.kind")
    first_id = rows[0]["id"]
    new_rows = table_edits.rows_after(
        rows, {"edited_rows": {0: {"count": 5}}, "deleted_rows": [1], "added_rows": [{"name": "Three"}]}
    )
    table_edits.sync_records(sqlite_store, ws, "test.kind", Row, new_rows)
    after = table_edits.record_rows(sqlite_store, ws, "test.kind")
    assert [(r["name"], r["count"]) for r in after] == [("One", 5), ("Three", 0)]
    assert after[0]["id"] == first_id


def test_sync_records_saves_nothing_when_one_row_is_bad(sqlite_store):
    from tests.conftest import make_workspace

    ws = make_workspace(sqlite_store).id
    table_edits.sync_records(sqlite_store, ws, "test.kind", Row, [{"name": "One"}])
    with pytest.raises(ValueError, match="Row 2"):
        table_edits.sync_records(sqlite_store, ws, "test.kind", Row, [{"name": "Changed"}, {"name": ""}])
    assert [r.data["name"] for r in answers.list_records(sqlite_store, ws, "test.kind")] == ["One"]


def test_rows_of_kinds_reads_several_tables_at_once_and_models_of_skips_rows_that_no_longer_fit(sqlite_store):
    from tests.conftest import make_workspace

    ws = make_workspace(sqlite_store).id
    table_edits.sync_records(sqlite_store, ws, "test.a", Row, [{"name": "One"}, {"name": "Two", "count": 2}])
    answers.add_record(sqlite_store, ws, "test.b", {"name": "", "count": -1})  # written before a rule changed
    rows = table_edits.rows_of_kinds(sqlite_store, ws, ["test.a", "test.b", "test.c"])
    assert [r["name"] for r in rows["test.a"]] == ["One", "Two"]
    assert all(r["id"] for r in rows["test.a"])
    assert rows["test.c"] == []
    assert [m.count for m in table_edits.models_of(rows["test.a"], Row)] == [0, 2]
    assert table_edits.models_of(rows["test.b"], Row) == []


# ---------------------------------------------------------------- row by row, through callbacks


class NamedRow(BaseModel):
    name: str
    size: int = 1

    @field_validator("name")
    @classmethod
    def _name(cls, value):
        if not value.strip():
            raise ValueError("Name is required.")
        return value


class FakeTable:
    def __init__(self, rows):
        self.rows = dict(rows)
        self.next = 100

    def add(self, data):
        row = NamedRow.model_validate(data)
        self.rows[str(self.next)] = row
        self.next += 1

    def update(self, record_id, changes):
        self.rows[record_id] = NamedRow.model_validate({**self.rows[record_id].model_dump(), **changes})

    def delete(self, record_id):
        del self.rows[record_id]

    def apply(self, ids, edits, **kw):
        return apply_edits(ids, edits, add=self.add, update=self.update, delete=self.delete, **kw)


def test_apply_edits_applies_edits_additions_and_deletions():
    table = FakeTable({"a": NamedRow(name="A"), "b": NamedRow(name="B"), "c": NamedRow(name="C")})
    errors = table.apply(
        ["a", "b", "c"],
        {
            "edited_rows": {0: {"size": 5}, 2: {"name": "deleted anyway"}},
            "added_rows": [{"name": "D", "size": 2}],
            "deleted_rows": [2],
        },
    )
    assert errors == []
    assert {k: (r.name, r.size) for k, r in table.rows.items()} == {"a": ("A", 5), "b": ("B", 1), "100": ("D", 2)}


def test_apply_edits_reports_a_bad_row_and_saves_the_others():
    table = FakeTable({"a": NamedRow(name="A"), "b": NamedRow(name="B")})
    errors = table.apply(
        ["a", "b"], {"edited_rows": {"0": {"name": " "}, "1": {"size": 3}}, "added_rows": [{"name": None, "size": 4}]}
    )
    assert errors == [
        "Row 1: Name is required. The change was not saved.",
        "New row: Name is required. It was not saved yet.",
    ]
    assert table.rows["a"].name == "A" and table.rows["b"].size == 3


def test_apply_edits_leaves_an_empty_new_row_alone_while_being_filled_in():
    table = FakeTable({})
    assert table.apply([], {"added_rows": [{"name": None, "size": math.nan}, {}]}) == []
    assert table.rows == {}


def test_apply_edits_blank_cells_can_mean_the_models_default():
    table = FakeTable({})
    table.apply([], {"added_rows": [{"name": "X", "size": None}]}, blank_means_default=("size",))
    assert table.rows["100"].size == 1


def test_apply_edits_a_row_deleted_elsewhere_is_reported_not_raised():
    table = FakeTable({"a": NamedRow(name="A")})

    def gone(record_id, changes):
        raise KeyError("That row no longer exists; it may have been deleted in another tab.")

    errors = apply_edits(["a"], {"edited_rows": {0: {"size": 2}}}, add=table.add, update=gone, delete=table.delete)
    assert errors == [
        "Row 1: That row no longer exists; it may have been deleted in another tab. The change was not saved."
    ]


def test_messages_of_strips_pydantic_prefixes():
    try:
        NamedRow(name="")
    except ValueError as exc:
        assert messages_of(exc) == ["Name is required."]


# ---------------------------------------------------------------- row by row, records of one kind


def team_rows(store, ws):
    return [r.data for r in answers.list_records(store, ws, cm.TEAM_KIND)]


def test_apply_record_edits_applies_edits_additions_and_deletions(store, workspace):
    ws = workspace.id
    for role in ("Care manager", "Nurse", "Physician"):
        answers.add_record(store, ws, cm.TEAM_KIND, cm.TeamRole(role=role).model_dump())
    ids = [r.id for r in answers.list_records(store, ws, cm.TEAM_KIND)]
    errors = table_edits.apply_record_edits(
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
    assert team_rows(store, ws) == [
        {"role": "Care manager", "placement": "core", "note": ""},
        {"role": "Nurse", "placement": "partner", "note": "From the FQHC"},
        {"role": "Peer mentor", "placement": "core", "note": ""},
    ]


def test_apply_record_edits_reports_a_bad_row_and_nothing_saved_replaces_it(store, workspace):
    ws = workspace.id
    answers.add_record(store, ws, cm.TEAM_KIND, cm.TeamRole(role="Nurse").model_dump())
    ids = [r.id for r in answers.list_records(store, ws, cm.TEAM_KIND)]
    errors = table_edits.apply_record_edits(
        store,
        ws,
        cm.TEAM_KIND,
        cm.TeamRole,
        ids,
        {"edited_rows": {0: {"role": "   "}}, "added_rows": [{"role": "x" * 500}]},
        labels={"role": "Role"},
    )
    assert errors == ["Row 1: Role is required.", "New row 1: Role is 500 characters long; the limit is 120."]
    assert team_rows(store, ws) == [{"role": "Nurse", "placement": "core", "note": ""}]


def test_apply_record_edits_a_row_deleted_in_another_tab_is_reported(store, workspace):
    ws = workspace.id
    record = answers.add_record(store, ws, cm.TEAM_KIND, cm.TeamRole(role="Nurse").model_dump())
    answers.delete_record(store, ws, record.id)
    errors = table_edits.apply_record_edits(
        store, ws, cm.TEAM_KIND, cm.TeamRole, [record.id], {"edited_rows": {0: {"note": "x"}}, "deleted_rows": [0]}
    )
    assert errors == ["Row 1 was deleted in another tab; nothing saved for it."]


def test_apply_record_edits_fixed_values_land_in_new_rows(store, workspace):
    from core.care_model import first_five

    ws = workspace.id
    errors = table_edits.apply_record_edits(
        store,
        ws,
        first_five.TASK_KIND,
        first_five.Task,
        [],
        {"added_rows": [{"task": "Housing application", "patient": "p5"}]},
        fixed={"patient": "p2"},
    )
    assert errors == []
    assert answers.list_records(store, ws, first_five.TASK_KIND)[0].data["patient"] == "p2"


def test_rows_for_editor_keep_exactly_the_columns():
    class R:
        def __init__(self, data):
            self.data = data

    assert table_edits.rows_for_editor([R({"a": 1, "z": 2})], ["a", "b"]) == [{"a": 1, "b": None}]
