"""Results computed from a workspace's data, kept until the part of that data they read changes.

Every change to a workspace's rows gives its `workspace_version` row a new random stamp (database
triggers, migration i9_versions), and the part of the data the row belongs to a new random stamp too
(`workspace_part_version`, migration k16_part_versions; core.store.parts says what a part is), whichever
process or server made it. `remember(store, workspace_id, name, compute)` keeps what `compute()`
returned in this process, with the stamps of the parts it read (core.store.parts tracks them), and
returns it again until one of those stamps changes: Home's progress of every step and the Downloads
previews are computed again only where a change touched what they read, not on every page run, nor
all of them after any change.

Stamps are random, not counters, so a restored backup or database file can never make an old result
look current: an entry is only found again for the very state of the parts it was computed from.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from core.store import parts
from core.store.answers import active_snapshot, prefetch, read_part_versions, read_version
from core.store.answers import sections_with_content as _sections_with_content
from core.store.database import Store

__all__ = ["data_version", "forget_all", "part_versions", "read_version", "remember", "sections_with_content"]

T = TypeVar("T")
MAX_ENTRIES = 2048  # about 60 per workspace (a result per step, per part, per preview): some 30 workspaces


@dataclass(frozen=True)
class _Entry:
    result: object
    stamps: tuple[tuple[str, str], ...]  # (part, its stamp when the result was computed), for each part read


_entries: OrderedDict[tuple, _Entry] = OrderedDict()
_lock = threading.Lock()


def part_versions(store: Store, workspace_id: str) -> dict[str, str]:
    """The current stamps of the workspace (`parts.ALL`) and of each of its parts (one read per page run
    inside a read snapshot)."""
    if snap := active_snapshot(store, workspace_id):
        return snap.part_versions()
    return read_part_versions(store, workspace_id)


def data_version(store: Store, workspace_id: str) -> str:
    """The current stamp of the workspace's data ("" before anything of it was ever changed)."""
    return part_versions(store, workspace_id)[parts.ALL]


def remember(store: Store, workspace_id: str, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned before for this very state of the parts of the workspace's data
    it read.

    The caller must treat the result as read-only: it is shared with later page runs.
    """
    if store.uncommitted:
        # Inside one open transaction (core.store.database.one_transaction): the data's stamps change only when
        # it commits on PostgreSQL (deferred triggers), and it may roll back. Neither reuse nor keep.
        return compute()
    key = (str(store.engine.url), workspace_id, name, dt.date.today())
    # Read before the data compute() reads: a change made meanwhile leaves older stamps with the result,
    # which then is computed again on the next run, never kept for a state it did not see.
    stamps = part_versions(store, workspace_id)
    with _lock:
        entry = _entries.get(key)
        if entry is not None:
            _entries.move_to_end(key)
    if entry is not None and all(stamps.get(part, "") == stamp for part, stamp in entry.stamps):
        parts.note(*(part for part, _ in entry.stamps))  # what it read counts for an enclosing `remember`
        return entry.result  # type: ignore[return-value]
    with parts.tracking() as read:
        result = compute()
    with _lock:
        _entries[key] = _Entry(result, tuple(sorted((part, stamps.get(part, "")) for part in read)))
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return result


def sections_with_content(store: Store, workspace_id: str) -> set[str]:
    """`answers.sections_with_content` of the whole workspace, as the union of each part's names, each
    kept until that part changes: after a change to one part only its names are read again. Depends on
    which parts exist (`parts.PART_LIST`: a part's first row adds one)."""
    stamps = part_versions(store, workspace_id)
    parts.note(parts.PART_LIST)
    missed: list[str] = []

    def names_of(part: str) -> frozenset[str]:
        missed.append(part)
        if len(missed) == 2:  # a first visit: every row at once, then each part's names without a query
            prefetch(store, workspace_id)
        return frozenset(_sections_with_content(store, workspace_id, part=part))

    found: set[str] = set()
    for name in stamps:
        if name not in (parts.ALL, parts.PART_LIST):
            found |= remember(store, workspace_id, f"sections_with_content.{name}", lambda name=name: names_of(name))
    return found


def forget_all() -> None:
    """Drop every kept result (tests)."""
    with _lock:
        _entries.clear()
