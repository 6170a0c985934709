"""Applying a table editor's edit state: every row through the validated functions, bad rows reported."""

import math

from pydantic import BaseModel, field_validator

from core.editor import apply_edits, messages_of


class Row(BaseModel):
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
        row = Row.model_validate(data)
        self.rows[str(self.next)] = row
        self.next += 1

    def update(self, record_id, changes):
        self.rows[record_id] = Row.model_validate({**self.rows[record_id].model_dump(), **changes})

    def delete(self, record_id):
        del self.rows[record_id]

    def apply(self, ids, edits, **kw):
        return apply_edits(ids, edits, add=self.add, update=self.update, delete=self.delete, **kw)


def test_edits_additions_and_deletions_are_applied():
    table = FakeTable({"a": Row(name="A"), "b": Row(name="B"), "c": Row(name="C")})
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


def test_a_bad_row_is_reported_and_the_others_are_saved():
    table = FakeTable({"a": Row(name="A"), "b": Row(name="B")})
    errors = table.apply(
        ["a", "b"], {"edited_rows": {"0": {"name": " "}, "1": {"size": 3}}, "added_rows": [{"name": None, "size": 4}]}
    )
    assert errors == [
        "Row 1: Name is required. The change was not saved.",
        "New row: Name is required. It was not saved yet.",
    ]
    assert table.rows["a"].name == "A" and table.rows["b"].size == 3


def test_an_empty_new_row_is_left_alone_while_being_filled_in():
    table = FakeTable({})
    assert table.apply([], {"added_rows": [{"name": None, "size": math.nan}, {}]}) == []
    assert table.rows == {}


def test_blank_cells_can_mean_the_models_default():
    table = FakeTable({})
    table.apply([], {"added_rows": [{"name": "X", "size": None}]}, blank_means_default=("size",))
    assert table.rows["100"].size == 1


def test_a_row_deleted_elsewhere_is_reported_not_raised():
    table = FakeTable({"a": Row(name="A")})

    def gone(record_id, changes):
        raise KeyError("That row no longer exists; it may have been deleted in another tab.")

    errors = apply_edits(["a"], {"edited_rows": {0: {"size": 2}}}, add=table.add, update=gone, delete=table.delete)
    assert errors == [
        "Row 1: That row no longer exists; it may have been deleted in another tab. The change was not saved."
    ]


def test_messages_of_strips_pydantic_prefixes():
    try:
        Row(name="")
    except ValueError as exc:
        assert messages_of(exc) == ["Name is required."]
