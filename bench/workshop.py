"""`make bench`, workshop mode: thirty people answering at once, the facilitator's live view, and a room of phones.

- Writes: 30 threads x 53 answers through `save_readiness_answer` (the one-statement upsert every
  participant's answer goes through), next to 30 threads x 53 raw single-row INSERTs into a table of the
  same shape, on the same engine and database, the two alternating (bench/measure.py). Target: the answers
  at least 50% of the raw inserts' rate, i.e. all writes in at most 2x the raw inserts' time. PostgreSQL too
  when TEST_DATABASE_URL is set.
- The live view: a warm rerun of pages/workshop/workshop_live.py with 30 participants who answered all 53 items and
  the team results shown, next to a bare page drawing the same elements with no logic and no store.
- A room of phones on one server (`bench_room`): BENCH_ROOM_SIZES (30,60) phone sessions (bench/phone.py:
  Streamlit's websocket protocol, no browser) on one `serve.py` answer at once, while the projector's presenter
  view (one Chromium) refreshes itself; p50 and p95 from a tap to the answer in the store, to the phone's page
  redrawn and to the projected count showing it; server memory per session; then larger rooms until p95 from
  tap to store reaches a second (or BENCH_ROOM_CAP); and, with TEST_DATABASE_URL, two servers on one PostgreSQL.

Registered in bench/run.py's SECTIONS. A measurement, never a test.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from pathlib import Path

from sqlmodel import select

from bench import measure

PEOPLE = 30
REPEATS = int(os.environ.get("BENCH_WORKSHOP_REPEATS", "3"))  # pairs
WRITES_TARGET = measure.Target(2.0, label="<= 2x raw (>= 50% of raw insert rate)")

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
    from core.workshop import session as workshop

    ws = workshop.start_workshop(store, workspace_id, "readiness", title=f"Bench {uuid.uuid4().hex[:6]}")
    seats = [workshop.join_workshop(store, ws.code, f"Participant {p}", f"bench-{p}").seat for p in range(PEOPLE)]
    return ws, [s.participant.respondent_id for s in seats]


def bench_writes(store, workspace_id: str, engine_name: str) -> list[dict]:
    from sqlalchemy import text

    from core.hrh import readiness
    from core.store.models import new_id, utcnow
    from core.workshop import session as workshop

    items = sorted(readiness.item_ids())
    with store.write() as s:
        s.connection().execute(text(RAW_TABLE))

    def upsert_all() -> float:
        ws, respondents = _workshop_with_people(store, workspace_id)

        def answer(person: int) -> None:
            for n, item_id in enumerate(items):
                value = None if (person + n) % 9 == 0 else (person + n) % 4 + 1
                readiness.save_readiness_answer(store, workspace_id, respondents[person], item_id, value)

        try:
            return _in_threads(answer)
        finally:
            workshop.close_workshop(store, workspace_id, ws.id)

    def insert_all() -> float:
        with store.write() as s:
            s.connection().execute(text("DELETE FROM bench_raw_answer"))

        def insert(person: int) -> None:
            for n, item_id in enumerate(items):
                with store.write() as s:
                    s.connection().execute(
                        text(RAW_INSERT),
                        {"id": new_id(), "ws": workspace_id, "round": "round", "resp": f"person-{person}",
                         "item": item_id, "value": (person + n) % 4 + 1, "at": utcnow()},
                    )  # fmt: skip

        return _in_threads(insert)

    pairs = []
    for n in range(REPEATS):  # the order flips every pair, as in measure.interleaved
        if n % 2 == 0:
            pairs.append((upsert_all(), insert_all()))
        else:
            raw = insert_all()
            pairs.append((upsert_all(), raw))
    writes = PEOPLE * len(items)
    compared = measure.from_pairs(
        f"{engine_name}: {PEOPLE} people x {len(items)} answers at once, all {writes} writes, next to raw inserts",
        pairs,
        WRITES_TARGET,
    )
    row = compared.row()
    row["answers_per_s"] = round(writes / row["ms"] * 1000)
    row["raw_inserts_per_s"] = round(writes / row["reference_ms"] * 1000)
    return [row]


def bench_live_view(db_url: str, store, workspace_id: str) -> dict:
    from streamlit.testing.v1 import AppTest

    from bench import run as base
    from core.hrh import readiness
    from core.store import workspaces
    from core.workshop import session as workshop

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
    at.session_state["workspace_token"] = workspaces.start_session(store, workspace_id)
    at.query_params["w"] = ws.id
    at.run()
    at.switch_page("pages/workshop/workshop_live.py").run()
    if at.exception:
        return {
            "what": "pages/workshop/workshop_live.py (30 participants)",
            "error": str(at.exception[0].message)[:200],
        }
    bare = AppTest.from_string(
        base.bare_script(base.element_counts(at), pages=len(base.listed_pages())), default_timeout=120
    )
    bare.run()
    at.run()
    return measure.interleaved(
        f"pages/workshop/workshop_live.py, {PEOPLE} participants x {len(items)} answers, results shown (warm rerun)",
        at.run, bare.run, base.RERUNS, target=base.PAGE_TARGET,
    ).row()  # fmt: skip


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


# ---------------------------------------------------------------- a room of phones on one server

ROOM_SIZES = [int(n) for n in os.environ.get("BENCH_ROOM_SIZES", "30,60").split(",") if n.strip()]
ROOM_CAP = int(os.environ.get("BENCH_ROOM_CAP", "180"))  # the largest room tried while p95 stays under a second
ROOM_STEP = 30
ROOM_TAPS = int(os.environ.get("BENCH_ROOM_TAPS", "8"))  # taps per phone: 8 bursts where every phone taps at once
ONE_SECOND_MS = 1000


class _CountWatcher(threading.Thread):
    """The projector: the presenter view in one Chromium, noting when each count of "N answers given" first shows."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.first_seen, self.stop, self.ready = url, {}, threading.Event(), threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        import re

        from playwright.sync_api import sync_playwright

        from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
                page.goto(self.url)
                shown = page.get_by_text(re.compile(r"\d+ answers given")).first
                shown.wait_for(timeout=120_000)
                self.ready.set()
                while not self.stop.is_set():
                    try:
                        count = int(re.search(r"(\d+) answers given", shown.inner_text(timeout=5_000)).group(1))
                    except Exception:  # noqa: BLE001 - the element is redrawn every few seconds
                        continue
                    now = time.time()
                    for k in range(1, count + 1):
                        self.first_seen.setdefault(k, now)
                    page.wait_for_timeout(30)  # the poll interval of a watcher, not a wait for state
                browser.close()
        except BaseException as exc:  # noqa: BLE001 - reported by the room
            self.error = exc
            self.ready.set()


class _Room:
    """A readiness workshop of one part (16 items) with `size` seated participants, on one store."""

    def __init__(self, store, size: int):
        from core.hrh import readiness
        from core.store import workspaces
        from core.workshop import session as workshop

        self.store = store
        profile = workspaces.WorkspaceProfile(name=f"Room of {size}")
        workspace = workspaces.create_workspace(store, profile, "bench passphrase")
        ws = workshop.start_workshop(store, workspace.id, "readiness", options=workshop.WorkshopOptions(
            domains=["services"]))  # fmt: skip
        self.joined = [workshop.join_workshop(store, ws.code, f"Phone {p + 1}", f"room-{p}") for p in range(size)]
        workshop.set_results_visible(store, workspace.id, ws.id, True)
        self.presenter = workshop.presenter_link_token(store, workspace.id, ws.id)
        self.person_of = {j.seat.participant.respondent_id: p for p, j in enumerate(self.joined)}
        self.items = [i.id for i in readiness.domain("services").items]

    def stored_at(self) -> dict[tuple[int, int], float]:
        """(person, item number) -> when the answer was stored (epoch seconds, from the row's updated_at)."""
        import datetime as dt

        from core.store.readiness_models import ReadinessAnswer

        with self.store.read() as s:
            rows = s.exec(
                select(ReadinessAnswer.respondent_id, ReadinessAnswer.item_id, ReadinessAnswer.updated_at).where(
                    ReadinessAnswer.respondent_id.in_(list(self.person_of))
                )
            ).all()
        return {
            (self.person_of[r], self.items.index(i)): (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).timestamp()
            for r, i, at in rows
        }


def _room_run(room: _Room, bases: list[str], server_pids: list[int]) -> dict:
    """Every phone opens its seat, then ROOM_TAPS bursts in which all phones tap at once; returns the figures."""
    from bench import server
    from bench.phone import Phone

    size = len(room.joined)
    watcher = _CountWatcher(f"{bases[0]}/?presenter={room.presenter}")
    watcher.start()
    watcher.ready.wait(timeout=150)
    if watcher.error:
        raise RuntimeError(f"the presenter view did not open: {watcher.error!r}")
    rss_before = sum(server.rss_mb(pid) for pid in server_pids)
    cpu_before = sum(server.cpu_seconds(pid) for pid in server_pids)
    phones = [Phone(f"{bases[p % len(bases)]}/join?p={j.token}") for p, j in enumerate(room.joined)]
    taps: dict[tuple[int, int], float] = {}
    redrawn: list[float] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(size)

    def person(p: int) -> None:
        phone = phones[p]
        try:
            phone.open()
            for n in range(ROOM_TAPS):
                barrier.wait(timeout=300)
                taps[(p, n)] = time.time()
                redrawn.append(phone.tap(n, (p + n) % 4) * 1000)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=person, args=(p,)) for p in range(size)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rss_after = sum(server.rss_mb(pid) for pid in server_pids)
    cpu_used = sum(server.cpu_seconds(pid) for pid in server_pids) - cpu_before
    deadline = time.time() + 60
    stored = room.stored_at()
    while len(stored) < len(taps) and time.time() < deadline:
        time.sleep(0.2)
        stored = room.stored_at()
    while len(watcher.first_seen) < len(taps) and time.time() < deadline:
        time.sleep(0.2)
    watcher.stop.set()
    watcher.join(timeout=30)
    for phone in phones:
        phone.close()
    if errors:
        raise RuntimeError(f"{len(errors)} of {size} phones failed: {errors[0]!r}")
    if len(stored) < len(taps):
        raise RuntimeError(f"only {len(stored)} of {len(taps)} taps reached the store")
    to_stored = [(stored[key] - taps[key]) * 1000 for key in taps]
    order = sorted(stored, key=stored.get)
    to_shown = [(watcher.first_seen[k] - taps[key]) * 1000 for k, key in enumerate(order, 1) if k in watcher.first_seen]
    return {
        "taps": len(taps),
        "stored": to_stored,
        "redrawn": redrawn,
        "shown": to_shown,
        "mb_per_session": (rss_after - rss_before) / size,
        "rss_after": rss_after,
        "cpu_ms_per_run": cpu_used * 1000 / (len(taps) + size),
    }


def _room_rows(what: str, figures: dict) -> list[dict]:
    def p(values, q):
        return measure.quantile(values, q) if values else float("nan")

    under = measure.Target(ONE_SECOND_MS, label="p95 < 1 s")
    extra = {"taps": figures["taps"]}
    return [
        measure.figure_row(f"{what}: tap to stored, p50", p(figures["stored"], 0.5), **extra),
        measure.figure_row(f"{what}: tap to stored, p95", p(figures["stored"], 0.95), target=under, **extra),
        measure.figure_row(f"{what}: tap to the phone's page redrawn, p95", p(figures["redrawn"], 0.95), **extra),
        measure.figure_row(f"{what}: tap to the projector's count, p50 (refresh every 3 s)",
                           p(figures["shown"], 0.5), **extra),  # fmt: skip
        measure.figure_row(f"{what}: tap to the projector's count, p95", p(figures["shown"], 0.95), **extra),
        {"what": f"{what}: server memory per session (RSS after - before, / phones)",
         "value": f"{figures['mb_per_session']:.2f} MB/session", "mb_per_session": round(figures["mb_per_session"], 2),
         "server_rss_mb": round(figures["rss_after"])},
        {"what": f"{what}: server CPU per run (the phones' first runs and taps, the projector's refreshes)",
         "value": f"{figures['cpu_ms_per_run']:.0f} ms/run", "cpu_ms_per_run": round(figures["cpu_ms_per_run"], 1)},
    ]  # fmt: skip


def _one_server_room(workdir: Path, size: int) -> dict:
    from bench import server
    from core.store import migrate
    from core.store.database import Store

    url = f"sqlite:///{workdir / f'room-{size}.db'}"
    store = Store.from_url(url)
    migrate.upgrade(store.engine)
    room = _Room(store, size)
    proc, base = server.start(url, workdir / f"room-{size}.log")
    try:
        return _room_run(room, [base], [proc.pid])
    finally:
        server.stop(proc)
        store.dispose()


def _two_servers_on_postgresql(workdir: Path, size: int) -> dict | None:
    from bench import server
    from core.store import migrate

    pg, drop = _pg_store()
    if pg is None:
        return None
    url = pg.engine.url.render_as_string(hide_password=False)
    procs = []
    try:
        migrate.upgrade(pg.engine)
        room = _Room(pg, size)
        for n in range(2):
            procs.append(server.start(url, workdir / f"room-pg-{n}.log"))
        return _room_run(room, [base for _, base in procs], [proc.pid for proc, _ in procs])
    finally:
        for proc, _ in procs:
            server.stop(proc)
        drop(pg)


def bench_room(workdir: Path) -> list[dict]:
    """Rooms of BENCH_ROOM_SIZES phones on one server, then larger until p95 tap-to-stored reaches a second."""
    rows, p95s = [], {}
    sizes = list(ROOM_SIZES)
    while sizes:
        size = sizes.pop(0)
        try:
            figures = _one_server_room(workdir, size)
        except Exception as exc:  # noqa: BLE001 - a room that broke down is a finding, not a crash of the bench
            rows.append({"what": f"{size} phones, one server (SQLite)", "error": f"{type(exc).__name__}: {exc}"[:300]})
            p95s[size] = float("inf")
            continue
        p95s[size] = measure.quantile(figures["stored"], 0.95)
        rows += _room_rows(f"{size} phones, one server (SQLite)", figures)
        if not sizes:
            held = [n for n, ms in p95s.items() if ms < ONE_SECOND_MS]
            failed = [n for n, ms in p95s.items() if ms >= ONE_SECOND_MS]
            if p95s[size] < ONE_SECOND_MS and size + ROOM_STEP <= min([ROOM_CAP, *failed]) - 1:
                sizes.append(size + ROOM_STEP)  # still under a second, and no larger room failed: a larger one
            elif not held and size > 5:
                sizes.append(max(5, min(p95s) // 2))  # even the smallest took a second: a smaller one
    held = [n for n, ms in p95s.items() if ms < ONE_SECOND_MS]
    largest = max(held) if held else None
    last = max(p95s)
    capped = p95s[last] < ONE_SECOND_MS and last + ROOM_STEP > ROOM_CAP  # still under a second at the cap
    rows.append({
        "what": "largest room one server holds with p95 tap-to-stored under 1 s"
        + (f" (stopped at the cap, BENCH_ROOM_CAP={ROOM_CAP})" if capped else ""),
        "value": f"{largest} phones" if largest else "none measured", "largest_room": largest,
    })  # fmt: skip
    two_size = max(ROOM_SIZES)
    try:
        two = _two_servers_on_postgresql(workdir, two_size)
    except Exception as exc:  # noqa: BLE001 - reported as a row
        return [*rows, {"what": "two servers on one PostgreSQL", "error": f"{type(exc).__name__}: {exc}"[:300]}]
    if two is None:
        rows.append({"what": "two servers on one PostgreSQL", "error": "skipped: TEST_DATABASE_URL is not set"})
    else:
        rows += _room_rows(f"{two_size} phones, two servers on one PostgreSQL", two)
    return rows
