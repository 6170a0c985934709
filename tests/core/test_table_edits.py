"""Applying table editor changes and keeping records in step with a table."""

import pytest
from pydantic import BaseModel, Field

from core import table_edits
from core.store import answers


class Row(BaseModel):
    name: str = Field(min_length=1)
    count: int = Field(default=0, ge=0)


ROWS = [{"id": "a", "name": "One", "count": 1}, {"id": "b", "name": "Two", "count": 2}, {"id": "c", "name": "Three"}]


def test_apply_edits_edits_deletes_and_appends():
    changes = {"edited_rows": {"0": {"count": 10}}, "deleted_rows": [1], "added_rows": [{"name": "Four", "count": 4}]}
    assert table_edits.apply_edits(ROWS, changes) == [
        {"id": "a", "name": "One", "count": 10},
        {"id": "c", "name": "Three"},
        {"name": "Four", "count": 4},
    ]


def test_apply_edits_treats_an_emptied_number_cell_as_nothing_and_ignores_an_untouched_new_row():
    changes = {"edited_rows": {1: {"count": float("nan")}}, "added_rows": [{"name": None, "count": None}]}
    result = table_edits.apply_edits(ROWS, changes)
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
    new_rows = table_edits.apply_edits(
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
