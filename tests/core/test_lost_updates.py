"""No lost update: two windows on one workspace, saving in orders other than the happy path.

"Tab A" and "tab B" are two pages that each read the store, then save what a person did there.
Each test ends by comparing the store with what each tab did, row by row.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from pydantic import BaseModel

from core import table_edits
from core.hrh import cost_benefit
from core.store import answers
from core.store.answers import StaleEdit
from core.table_edits import rows_after, sync_records

KIND = "test.partner"


class Row(BaseModel):
    name: str
    count: int = 0


def table(store, ws) -> list[tuple[str, int]]:
    return [(r.data["name"], r.data["count"]) for r in answers.list_records(store, ws, KIND)]


@pytest.fixture
def two_rows(store, workspace):
    sync_records(store, workspace.id, KIND, Row, [{"name": "County clinic", "count": 1}, {"name": "Food bank"}])
    return store, workspace.id


def test_a_stale_tab_adding_a_row_keeps_the_row_another_tab_added(two_rows):
    """main: tab B's save deleted the row tab A had just added (sync deleted every record B had not drawn)."""
    store, ws = two_rows
    tab_a = table_edits.record_rows(store, ws, KIND)
    tab_b = table_edits.record_rows(store, ws, KIND)  # drawn before A's save
    sync_records(store, ws, KIND, Row, rows_after(tab_a, {"added_rows": [{"name": "Housing office", "count": 3}]}))
    sync_records(store, ws, KIND, Row, rows_after(tab_b, {"added_rows": [{"name": "Library"}]}))
    assert table(store, ws) == [("County clinic", 1), ("Food bank", 0), ("Housing office", 3), ("Library", 0)]


def test_a_stale_tab_editing_one_row_leaves_the_others_as_another_tab_saved_them(two_rows):
    store, ws = two_rows
    tab_a = table_edits.record_rows(store, ws, KIND)
    tab_b = table_edits.record_rows(store, ws, KIND)
    sync_records(store, ws, KIND, Row, rows_after(tab_a, {"edited_rows": {1: {"count": 9}}}))
    sync_records(store, ws, KIND, Row, rows_after(tab_b, {"edited_rows": {0: {"count": 5}}}))
    assert table(store, ws) == [("County clinic", 5), ("Food bank", 9)]  # B's stale "Food bank, 0" not written


def test_both_tabs_changing_the_same_row_the_second_is_told_and_nothing_of_its_save_is_written(two_rows):
    store, ws = two_rows
    tab_a = table_edits.record_rows(store, ws, KIND)
    tab_b = table_edits.record_rows(store, ws, KIND)
    sync_records(store, ws, KIND, Row, rows_after(tab_a, {"edited_rows": {0: {"count": 2}}}))
    stale = rows_after(tab_b, {"edited_rows": {0: {"count": 7}}, "added_rows": [{"name": "Shelter"}]})
    with pytest.raises(StaleEdit, match="changed in another window since this page showed it; reload to see it"):
        sync_records(store, ws, KIND, Row, stale)
    assert table(store, ws) == [("County clinic", 2), ("Food bank", 0)]  # A's change kept, B's whole save not


def test_a_stale_tab_deleting_a_row_another_tab_changed_is_refused(two_rows):
    store, ws = two_rows
    tab_a = table_edits.record_rows(store, ws, KIND)
    tab_b = table_edits.record_rows(store, ws, KIND)
    sync_records(store, ws, KIND, Row, rows_after(tab_a, {"edited_rows": {1: {"name": "Food bank (north)"}}}))
    with pytest.raises(StaleEdit, match="A row you deleted"):
        sync_records(store, ws, KIND, Row, rows_after(tab_b, {"deleted_rows": [1]}))
    assert table(store, ws) == [("County clinic", 1), ("Food bank (north)", 0)]


def test_a_row_disappears_only_when_a_person_deleted_it(two_rows):
    store, ws = two_rows
    tab_a = table_edits.record_rows(store, ws, KIND)
    tab_b = table_edits.record_rows(store, ws, KIND)
    sync_records(store, ws, KIND, Row, rows_after(tab_a, {"deleted_rows": [0]}))
    # B still shows the row A deleted; B changes the other one: the deleted row is not brought back.
    sync_records(store, ws, KIND, Row, rows_after(tab_b, {"edited_rows": {1: {"count": 4}}}))
    assert table(store, ws) == [("Food bank", 4)]
    # B, still stale, changes the row A deleted: told, and nothing comes back.
    with pytest.raises(StaleEdit, match="A row you changed"):
        sync_records(store, ws, KIND, Row, rows_after(tab_b, {"edited_rows": {0: {"count": 8}}}))
    assert table(store, ws) == [("Food bank", 4)]


def test_an_edit_that_puts_back_the_shown_value_is_no_change(two_rows):
    store, ws = two_rows
    tab_a = table_edits.record_rows(store, ws, KIND)
    tab_b = table_edits.record_rows(store, ws, KIND)
    sync_records(store, ws, KIND, Row, rows_after(tab_a, {"edited_rows": {0: {"count": 3}}}))
    # The editor reports a cell B touched but left as it was: not a change, so no conflict.
    sync_records(store, ws, KIND, Row, rows_after(tab_b, {"edited_rows": {0: {"count": 1}, 1: {"count": 6}}}))
    assert table(store, ws) == [("County clinic", 3), ("Food bank", 6)]


def test_a_plain_list_still_states_the_whole_table(two_rows):
    store, ws = two_rows
    sync_records(store, ws, KIND, Row, [{"name": "Only this one"}])
    assert table(store, ws) == [("Only this one", 0)]


def test_rows_for_an_editor_carry_their_version_and_models_ignore_it(two_rows):
    store, ws = two_rows
    rows = table_edits.record_rows(store, ws, KIND)
    assert [r[table_edits.VERSION] for r in rows] == [1, 1]
    sync_records(store, ws, KIND, Row, rows_after(rows, {"edited_rows": {0: {"count": 2}}}))
    assert [r[table_edits.VERSION] for r in table_edits.record_rows(store, ws, KIND)] == [2, 1]
    assert [m.name for m in table_edits.models_of(rows, Row)] == ["County clinic", "Food bank"]


def test_a_text_saved_from_a_stale_tab_is_refused_and_the_other_text_kept(store, workspace):
    ws = workspace.id
    answers.save_text(store, ws, "about", "who", "First draft")
    shown = answers.get_text_revision(store, ws, "about", "who")  # both tabs show revision 1
    answers.save_text(store, ws, "about", "who", "Tab A's version", expected_revision=shown)
    with pytest.raises(StaleEdit, match="This answer was changed in another window"):
        answers.save_text(store, ws, "about", "who", "Tab B's version", expected_revision=shown)
    assert answers.get_text(store, ws, "about", "who") == "Tab A's version"
    # Saving what the store already holds is never a conflict; a fresh revision saves.
    assert answers.save_text(store, ws, "about", "who", "Tab A's version", expected_revision=shown) == 2
    assert answers.save_text(store, ws, "about", "who", "Tab B, after reloading", expected_revision=2) == 3
    assert [r.text for r in answers.text_revisions(store, ws, "about", "who")] == [
        "Tab B, after reloading",
        "Tab A's version",
        "First draft",
    ]


def test_a_first_text_from_two_tabs_is_not_overwritten(store, workspace):
    ws = workspace.id
    answers.save_text(store, ws, "about", "new", "Tab A typed first", expected_revision=0)
    with pytest.raises(StaleEdit):
        answers.save_text(store, ws, "about", "new", "Tab B typed second", expected_revision=0)
    assert answers.get_text(store, ws, "about", "new") == "Tab A typed first"


def test_record_saves_check_the_version_they_were_given(store, workspace):
    ws = workspace.id
    record = answers.add_record(store, ws, KIND, {"name": "Clinic", "count": 1})
    answers.update_record(store, ws, record.id, {"name": "Clinic", "count": 2}, expected_version=1)
    with pytest.raises(StaleEdit):
        answers.update_record(store, ws, record.id, {"name": "Clinic", "count": 3}, expected_version=1)
    with answers.expected_versions({record.id: 1}), pytest.raises(StaleEdit):  # as a table editor's callback
        answers.delete_record(store, ws, record.id)
    with answers.expected_versions({record.id: 2}):
        answers.modify_record(store, ws, record.id, lambda data: {**data, "count": data["count"] + 1})
    assert answers.list_records(store, ws, KIND)[0].data == {"name": "Clinic", "count": 3}
    assert answers.record_versions(store, ws, [record.id]) == {record.id: 3}


def test_two_windows_changing_different_inputs_of_a_scenario_at_once_keep_both(store, workspace):
    """main: update_scenario read outside the write and rewrote the whole record: one change was lost."""
    ws = workspace.id
    saved = cost_benefit.create_scenario(store, ws, "Base")
    fields = [n for n, f in cost_benefit.Scenario.model_fields.items() if f.annotation is Decimal][:8]
    barrier = threading.Barrier(len(fields))

    def change(index_field):
        index, field = index_field
        barrier.wait()
        cost_benefit.update_scenario(store, ws, saved.record_id, **{field: Decimal(index + 1)})

    with ThreadPoolExecutor(max_workers=len(fields)) as pool:
        list(pool.map(change, enumerate(fields)))
    result = cost_benefit.get_scenario(store, ws, saved.record_id)
    assert {f: getattr(result, f) for f in fields} == {f: Decimal(i + 1) for i, f in enumerate(fields)}


def test_row_by_row_edits_refuse_only_the_rows_another_window_changed(store, workspace):
    """The record editor's path (apply_edits under answers.expected_versions): each row is checked
    against the version the page drew; the rows nobody else touched are saved."""
    ws = workspace.id
    first = answers.add_record(store, ws, KIND, {"name": "Clinic", "count": 1})
    second = answers.add_record(store, ws, KIND, {"name": "Library", "count": 2})
    drawn = answers.record_versions(store, ws, [first.id, second.id])  # what the stale tab showed
    answers.update_record(store, ws, first.id, {"name": "Clinic", "count": 5})  # another window

    def update(record_id, changes):
        current = next(r for r in answers.list_records(store, ws, KIND) if r.id == record_id)
        answers.update_record(store, ws, record_id, {**current.data, **changes})

    def delete(record_id):
        answers.delete_record(store, ws, record_id)

    with answers.expected_versions(drawn):
        errors = table_edits.apply_edits(
            [first.id, second.id],
            {"edited_rows": {0: {"count": 9}, 1: {"count": 3}}},
            add=lambda data: None,
            update=update,
            delete=delete,
        )
    assert errors == [
        "Row 1: This row was changed in another window since this page showed it; reload to see it. Nothing "
        "was saved here, and nothing was lost: what you entered is still on this page. The change was not saved."
    ]
    assert table(store, ws) == [("Clinic", 5), ("Library", 3)]
    with answers.expected_versions(drawn):
        errors = table_edits.apply_edits(
            [first.id, second.id], {"deleted_rows": [0]}, add=lambda data: None, update=update, delete=delete
        )
    assert len(errors) == 1 and errors[0].startswith("Row 1: This row was changed in another window")
    assert table(store, ws) == [("Clinic", 5), ("Library", 3)]  # not deleted: it changed since it was shown
