"""`make bench`, workshop mode: thirty people answering at once, and the facilitator's live view.

- Writes: 30 threads x 53 answers through `save_readiness_answer` (the one-statement upsert every
  participant's answer goes through), next to 30 threads x 53 raw single-row INSERTs into a table of the
  same shape, on the same engine and database, in the same run. Each figure is the wall time of all
  1,590 writes (median of REPEATS), with the throughput in the row's name. PostgreSQL too when
  TEST_DATABASE_URL is set.
- The live view: a warm rerun of pages/workshop_live.py with 30 participants who answered all 53 items and
  the team results shown, next to a bare page drawing the same elements with no logic and no store.

Registered in bench/run.py's EXTRA list. A measurement, never a test.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
import uuid
from pathlib import Path

PEOPLE = 30
REPEATS = int(os.environ.get("BENCH_WORKSHOP_REPEATS", "3"))

RAW_TABLE = """CREATE TABLE bench_raw_answer (
    id VARCHAR(32) PRIMARY KEY, workspace_id VARCHAR(32) NOT NULL, round_id VARCHAR(32) NOT NULL,
    respondent_id VARCHAR(32) NOT NULL, item_id VARCHAR(120) NOT NULL, value INTEGER, note TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL, UNIQUE (respondent_id, item_id))"""
RAW_INSERT = (
    "INSERT INTO bench_raw_answer (id, workspace_id, round_id, respondent_id, item_id, value, note, updated_at) "
    "VALUES (:id, :ws, :round, :resp, :item, :value, '', :at)"
)


def _in_threads(work) -> float:
    """Run `work(person)` in PEOPLE threads released together; return the wall time in ms."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(PEOPLE + 1)

    def run(person: int) -> None:
        barrier.wait()
        try:
            work(person)
        except BaseException as exc:  # noqa: BLE001 - a lost write must show in the results
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(p,)) for p in range(PEOPLE)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = (time.perf_counter() - start) * 1000
    if errors:
        raise RuntimeError(f"{len(errors)} of {PEOPLE} writers failed: {errors[0]!r}")
    return elapsed


def _workshop_with_people(store, workspace_id: str):
    from core import workshop

    ws = workshop.start_workshop(store, workspace_id, "readiness", title=f"Bench {uuid.uuid4().hex[:6]}")
    seats = [workshop.join_workshop(store, ws.code, f"Participant {p}", f"bench-{p}").seat for p in range(PEOPLE)]
    return ws, [s.participant.respondent_id for s in seats]


def bench_writes(store, workspace_id: str, engine_name: str) -> list[dict]:
    from sqlalchemy import text

    from core import readiness, workshop
    from core.store.models import new_id, utcnow

    items = sorted(readiness.item_ids())
    upserts, raws = [], []
    with store.write() as s:
        s.connection().execute(text(RAW_TABLE))
    for _ in range(REPEATS):
        ws, respondents = _workshop_with_people(store, workspace_id)

        def answer(person: int, respondents=respondents) -> None:
            for n, item_id in enumerate(items):
                value = None if (person + n) % 9 == 0 else (person + n) % 4 + 1
                readiness.save_readiness_answer(store, workspace_id, respondents[person], item_id, value)

        upserts.append(_in_threads(answer))
        with store.write() as s:
            s.connection().execute(text("DELETE FROM bench_raw_answer"))

        def insert(person: int, ws=ws, respondents=respondents) -> None:
            for n, item_id in enumerate(items):
                with store.write() as s:
                    s.connection().execute(
                        text(RAW_INSERT),
                        {"id": new_id(), "ws": workspace_id, "round": ws.round_id, "resp": respondents[person],
                         "item": item_id, "value": (person + n) % 4 + 1, "at": utcnow()},
                    )  # fmt: skip

        raws.append(_in_threads(insert))
        workshop.close_workshop(store, workspace_id, ws.id)
    writes = PEOPLE * len(items)
    upsert_ms, raw_ms = statistics.median(upserts), statistics.median(raws)
    print(f"  {engine_name}: {writes} answers {upsert_ms:8.0f} ms, raw inserts {raw_ms:8.0f} ms", flush=True)
    return [
        {
            "what": f"{engine_name}: {PEOPLE} people x {len(items)} answers at once, all {writes} writes "
            f"({writes / upsert_ms * 1000:,.0f}/s; raw inserts {writes / raw_ms * 1000:,.0f}/s)",
            "ms": round(upsert_ms),
            "reference_ms": round(raw_ms),
            "ratio": round(upsert_ms / raw_ms, 2),
        }
    ]


def bench_live_view(db_url: str, store, workspace_id: str) -> dict:
    from streamlit.testing.v1 import AppTest

    from bench import run as base
    from core import readiness, workshop
    from core.store import workspaces

    os.environ["DATABASE_URL"] = db_url
    base.apptest_like_server()
    ws, respondents = _workshop_with_people(store, workspace_id)
    items = sorted(readiness.item_ids())
    for person, respondent in enumerate(respondents):
        for n, item_id in enumerate(items):
            readiness.save_readiness_answer(store, workspace_id, respondent, item_id, (person * 3 + n) % 4 + 1)
    workshop.set_results_visible(store, workspace_id, ws.id, True)
    for item_id in items[:10]:
        workshop.record_agreed_answer(store, workspace_id, ws.id, item_id, 3, "Agreed after discussion")
    at = AppTest.from_file(str(base.ROOT / "app.py"), default_timeout=120)
    at.query_params["ws"] = workspaces.start_session(store, workspace_id)
    at.query_params["w"] = ws.id
    at.run()
    at.switch_page("pages/workshop_live.py").run()
    if at.exception:
        return {"what": "pages/workshop_live.py (30 participants)", "error": str(at.exception[0].message)[:200]}
    page_ms = base._median_ms(at.run, base.RERUNS)
    bare = AppTest.from_string(
        base.bare_script(base.element_counts(at), pages=len(base.listed_pages())), default_timeout=120
    )
    bare.run()
    bare_ms = base._median_ms(bare.run, base.RERUNS)
    print(f"  live view, 30 participants {page_ms:8.1f} ms   bare {bare_ms:7.1f} ms", flush=True)
    return {
        "what": "pages/workshop_live.py, 30 participants x 53 answers, results shown (warm rerun)",
        "ms": round(page_ms, 1),
        "reference_ms": round(bare_ms, 1),
        "ratio": round(page_ms / bare_ms, 2),
    }


def _pg_store():
    """A fresh PostgreSQL database on TEST_DATABASE_URL's server, or None when it is not set."""
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url:
        return None, None
    from sqlalchemy import create_engine, text

    from core.store.database import Store

    name = f"wb_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()

    def drop(store) -> None:
        store.dispose()
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return Store.from_url(f"{url.rpartition('/')[0]}/{name}"), drop


def bench_workshop(workdir: Path) -> list[dict]:
    from core.store import migrate, workspaces
    from core.store.database import Store

    db_url = f"sqlite:///{workdir / 'workshop-bench.db'}"
    store = Store.from_url(db_url)
    migrate.upgrade(store.engine)
    profile = workspaces.WorkspaceProfile(name="Workshop bench")
    workspace = workspaces.create_workspace(store, profile, "bench passphrase")
    rows = bench_writes(store, workspace.id, "SQLite")
    pg, drop = _pg_store()
    if pg is not None:
        try:
            migrate.upgrade(pg.engine)
            pg_workspace = workspaces.create_workspace(pg, profile, "bench passphrase")
            rows += bench_writes(pg, pg_workspace.id, "PostgreSQL")
        finally:
            drop(pg)
    rows.append(bench_live_view(db_url, store, workspace.id))
    store.dispose()
    return rows
