"""Results computed from a workspace's data, kept until that data changes.

Every change to a workspace's rows gives its `workspace_version` row a new random
stamp (database triggers, migration i9_versions), whichever process or server made
it. `remember(store, workspace_id, name, compute)` keeps what `compute()` returned
under (workspace, stamp, name, today's date) in this process and returns it again
until the stamp changes: Home's progress of every step and the Downloads previews
are computed once per change, not on every page run.

Stamps are random, not counters, so a restored backup or database file can never
make an old result look current: an entry is only found again for the very state
of the data it was computed from.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from core.store.answers import active_snapshot, read_version
from core.store.database import Store

T = TypeVar("T")
MAX_ENTRIES = 512

_entries: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()


def data_version(store: Store, workspace_id: str) -> str:
    """The current stamp of the workspace's data ("" before anything of it was ever changed)."""
    if snap := active_snapshot(store, workspace_id):
        return snap.version()
    return read_version(store, workspace_id)


def remember(store: Store, workspace_id: str, name: str, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned before for this very state of the workspace's data.

    The caller must treat the result as read-only: it is shared with later page runs.
    """
    key = (str(store.engine.url), workspace_id, data_version(store, workspace_id), name, dt.date.today())
    with _lock:
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]  # type: ignore[return-value]
    result = compute()
    with _lock:
        _entries[key] = result
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return result


def forget_all() -> None:
    """Drop every kept result (tests)."""
    with _lock:
        _entries.clear()
