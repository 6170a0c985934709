"""Faults: a writer killed mid-write leaves a consistent database holding everything it committed;
two tabs saving the same answer keep both versions."""

import os
import signal
import subprocess
import sys
import textwrap
import time

from sqlalchemy import text

from core.store import answers, migrate
from core.store.database import Store
from tests.conftest import ROOT, make_workspace

WRITER = textwrap.dedent(
    """
    import sys
    from core.store import answers
    from core.store.database import Store
    store = Store.from_url(sys.argv[1])
    i = 0
    while True:
        i += 1
        answers.save_text(store, sys.argv[2], "fault", "q", f"version {i}")
        answers.add_record(store, sys.argv[2], "fault_row", {"n": i})
        print(i, flush=True)  # printed only after both transactions committed
    """
)


def test_writer_killed_mid_write_leaves_a_consistent_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'fault.db'}"
    store = Store.from_url(url)
    migrate.upgrade(store.engine)
    ws = make_workspace(store, "Fault Org")
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, url, ws.id],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    committed = 0
    deadline = time.monotonic() + 60
    while committed < 40 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert committed >= 40, "the writer did not get going"

    fresh = Store.from_url(url)
    with fresh.read() as s:
        assert s.exec(text("PRAGMA integrity_check")).one()[0] == "ok"
        assert s.exec(text("PRAGMA foreign_key_check")).all() == []
    revisions = answers.text_revisions(fresh, ws.id, "fault", "q")
    rows = answers.list_records(fresh, ws.id, "fault_row")
    # Everything reported as committed is there; at most the one in flight is extra.
    assert committed <= revisions[0].revision <= committed + 1
    assert committed <= len(rows) <= committed + 1
    assert answers.get_text(fresh, ws.id, "fault", "q") == f"version {revisions[0].revision}"
    assert [r.revision for r in revisions] == list(range(revisions[0].revision, 0, -1))


def test_two_tabs_saving_the_same_answer_keep_both_versions(store, workspace):
    # Two browser tabs are two sessions that each read the answer, then each save their own edit.
    tab_one_sees = answers.get_text(store, workspace.id, "vp", "mission")
    tab_two_sees = answers.get_text(store, workspace.id, "vp", "mission")
    assert tab_one_sees == tab_two_sees == ""
    answers.save_text(store, workspace.id, "vp", "mission", "Tab one's wording")
    answers.save_text(store, workspace.id, "vp", "mission", "Tab two's wording")
    texts = [r.text for r in answers.text_revisions(store, workspace.id, "vp", "mission")]
    assert texts == ["Tab two's wording", "Tab one's wording"]
    answers.restore_text_revision(store, workspace.id, "vp", "mission", 1)
    assert answers.get_text(store, workspace.id, "vp", "mission") == "Tab one's wording"
