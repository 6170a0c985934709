"""Which parts of a workspace's data a computation read, so a result kept for it (core.store.versioned)
is computed again only when one of those parts changed.

A workspace's data is cut into parts: the first word of a text or value answer's section or of a
record's kind (`basics.notes` -> `basics`, the step it belongs to), and one part for each of the
readiness tables (`readiness`), the workshop tables (`workshop`) and the workspace's own row
(`workspace`). Database triggers (migration k16_part_versions) give a part a new random stamp on every
change to one of its rows, next to the whole workspace's stamp (i9_versions).

Inside `tracking()`, the readers of core.store.answers say which part they read (`reading(part)`); any
other query of the store is seen by a session event and counted by its tables: a table of no part
(or a query whose tables cannot be told) counts as `ALL`, the whole workspace's stamp. So a reader
that forgets to say what it reads is never wrong, only recomputed on every change. (Only sessions are
seen: a read through a bare `engine.connect()` would not be; the store's readers all use `store.read()`.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.util import find_tables

ALL = "*"  # the whole workspace: its stamp is workspace_version's
PART_LIST = "#parts"  # which parts exist: its "stamp" is their names (a part's first row adds one)

# Tables whose rows all belong to one part; text_answer, value_answer and record are cut by section or kind.
TABLE_PARTS = {
    "readiness_round": "readiness",
    "readiness_respondent": "readiness",
    "readiness_answer": "readiness",
    "workshop": "workshop",
    "workshop_participant": "workshop",
    "workshop_text_answer": "workshop",
    "workspace": "workspace",
}
# Reading the stamps themselves is no read of the data.
STAMP_TABLES = {"workspace_version", "workspace_part_version"}

_read: ContextVar[set[str] | None] = ContextVar("parts_read", default=None)
_quiet: ContextVar[bool] = ContextVar("parts_quiet", default=False)


def part_of(name: str) -> str:
    """The part of a section or record kind: its first word (`basics.notes` -> `basics`)."""
    return name.split(".", 1)[0]


def part_of_prefix(prefix: str) -> str:
    """The part of every section that starts with `prefix`: one part when the prefix holds a dot
    (`value_proposition.` -> `value_proposition`), else possibly several (`care` matches `care_model`): ALL."""
    return part_of(prefix) if "." in prefix else ALL


def note(*parts: str) -> None:
    """Count these parts as read by the computation being tracked, if any."""
    read = _read.get()
    if read is not None:
        read.update(parts)


def read_whole() -> None:
    """A read that cannot tell its part (a reader of core.store.answers not inside `reading`): ALL."""
    if not _quiet.get():
        note(ALL)


@contextmanager
def reading(*parts: str) -> Iterator[None]:
    """A reader that reads only these parts: noted, and its own queries are not counted again."""
    note(*parts)
    reset = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(reset)


@contextmanager
def tracking() -> Iterator[set[str]]:
    """Collect the parts read inside the block; they count as read by an enclosing tracking too."""
    read: set[str] = set()
    reset = _read.set(read)
    quiet = _quiet.set(False)
    try:
        yield read
    finally:
        _quiet.reset(quiet)
        _read.reset(reset)
        note(*read)


def _tables_part(state: ORMExecuteState) -> set[str]:
    try:
        names = {t.name for t in find_tables(state.statement, include_joins=True, include_aliases=True)}
    except Exception:  # pragma: no cover - a statement find_tables cannot walk
        return {ALL}
    if not names:
        return {ALL}  # a query whose tables cannot be told
    return {TABLE_PARTS.get(n, ALL) for n in names - STAMP_TABLES}


@event.listens_for(Session, "do_orm_execute")
def _count_query(state: ORMExecuteState) -> None:
    if _read.get() is not None and not _quiet.get():
        note(*_tables_part(state))
