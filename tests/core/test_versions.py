"""Workspace data versions (migration i9_versions) and results kept per version (core.store.versioned)."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from sqlalchemy import text

from core import demo, steps
from core.export import backup, registry
from core.hrh import basics, cost_benefit, partners
from core.hrh.readiness import item_ids
from core.store import answers, readiness_repo, versioned, workspaces
from core.store.database import Store
from core.store.models import workspace_tables
from core.store.workspaces import WorkspaceProfile
from core.workshop import session as workshop
from tests.conftest import PASSPHRASE, make_workspace

migration = importlib.import_module("core.store.migrations.versions.i9_versions")


@pytest.fixture(autouse=True)
def _fresh_cache():
    versioned.forget_all()
    yield
    versioned.forget_all()


def version(store, workspace) -> str:
    return versioned.read_version(store, workspace.id)


def test_every_table_of_a_workspace_has_its_triggers(store):
    owned = {t.name for t in workspace_tables() if t.name != "workspace"}
    assert owned == set(migration.VERSIONED_TABLES)  # a new table needs triggers in a migration
    with store.engine.connect() as conn:
        if store.dialect == "postgresql":
            rows = conn.execute(text("SELECT DISTINCT event_object_table FROM information_schema.triggers")).all()
        else:
            rows = conn.execute(text("SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'")).all()
    assert {r[0] for r in rows} == owned | {"workspace"}


def test_every_kind_of_change_gives_a_new_version_and_reading_or_opening_none(store, workspace):
    seen = [version(store, workspace)]

    def changed() -> None:
        now = version(store, workspace)
        assert now not in seen and len(now) == 32, f"change {len(seen)} kept the version"
        seen.append(now)

    answers.save_text(store, workspace.id, "basics.notes", "q", "first")
    changed()
    answers.save_value(store, workspace.id, "basics", "k", 3)
    changed()
    record = answers.add_record(store, workspace.id, "partner", {"name": "County health"})
    changed()
    answers.update_record(store, workspace.id, record.id, {"name": "County health department"})
    changed()
    answers.delete_record(store, workspace.id, record.id)
    changed()
    round_ = readiness_repo.create_round(store, workspace.id, "Spring", dt.date(2026, 4, 1))
    changed()
    respondent = readiness_repo.self_respondent(store, workspace.id, round_.id)  # made with the round
    readiness_repo.upsert_answer(store, workspace.id, respondent.id, sorted(item_ids())[0], 3)
    changed()
    workshop.start_workshop(store, workspace.id, "readiness")
    changed()
    workspaces.update_profile(store, workspace.id, WorkspaceProfile(name="Northside Outreach", state="Iowa"))
    changed()
    # reading, opening a session and looking a token up change nothing
    answers.get_text(store, workspace.id, "basics.notes", "q")
    token = workspaces.start_session(store, workspace.id)
    workspaces.workspace_for_token(store, token)
    assert version(store, workspace) == seen[-1]


def test_a_change_to_one_workspace_leaves_the_others_version_alone(store, workspace):
    other = make_workspace(store, "Eastside Clinic")
    answers.save_text(store, other.id, "basics.notes", "q", "theirs")
    before = version(store, other)
    answers.save_text(store, workspace.id, "basics.notes", "q", "ours")
    assert version(store, other) == before


def test_remember_computes_again_only_when_a_part_it_read_changes(store, workspace):
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        answers.get_value(store, workspace.id, "basics", "k")  # reads the part "basics" only
        return [len(calls)]

    assert versioned.remember(store, workspace.id, "n", compute) == [1]
    assert versioned.remember(store, workspace.id, "n", compute) == [1]
    assert len(calls) == 1
    answers.save_text(store, workspace.id, "partners.notes", "q", "another part")
    assert versioned.remember(store, workspace.id, "n", compute) == [1]  # nothing it read changed
    answers.save_value(store, workspace.id, "basics", "k", 1)
    assert versioned.remember(store, workspace.id, "n", compute) == [2]
    answers.save_text(store, workspace.id, "basics.notes", "q", "same part, another section")
    assert versioned.remember(store, workspace.id, "n", compute) == [3]
    assert versioned.remember(store, workspace.id, "other name", compute) == [4]


def test_a_query_of_no_known_part_counts_as_the_whole_workspace(store, workspace):
    """A reader that does not say its part (here a query of text revisions) is computed again on
    every change of the workspace, whatever part it touched."""
    answers.save_text(store, workspace.id, "basics.notes", "q", "first")
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(answers.text_revisions(store, workspace.id, "basics.notes", "q"))

    assert versioned.remember(store, workspace.id, "revisions", compute) == 1
    assert versioned.remember(store, workspace.id, "revisions", compute) == 1
    answers.save_value(store, workspace.id, "agenda", "k", 1)  # another part: still computed again
    assert versioned.remember(store, workspace.id, "revisions", compute) == 1
    assert len(calls) == 2
    answers.save_text(store, workspace.id, "basics.notes", "q", "second")  # 1 + 1 revisions
    assert versioned.remember(store, workspace.id, "revisions", compute) == 2


def test_an_enclosing_result_counts_what_a_kept_inner_one_read(store, workspace):
    def inner() -> str:
        return answers.get_text(store, workspace.id, "basics.notes", "q")

    def outer() -> str:
        return versioned.remember(store, workspace.id, "inner", inner) + "!"

    assert versioned.remember(store, workspace.id, "inner", inner) == ""  # kept before the outer asks
    assert versioned.remember(store, workspace.id, "outer", outer) == "!"  # the inner one is found kept
    answers.save_text(store, workspace.id, "basics.notes", "q", "new")
    assert versioned.remember(store, workspace.id, "outer", outer) == "new!"


def _home_and_downloads(store, workspace_id):
    """What Home and Downloads show from kept results, read as a page run reads them."""
    with answers.read_snapshot(store, workspace_id):
        progress = {p.step_id: p for p in steps.workspace_progress(store, workspace_id)}
        previews = {e.id: e.preview(store, workspace_id) for e in registry.exports()}
    return progress, previews


def _computed_afresh(store, workspace_id):
    versioned.forget_all()
    return _home_and_downloads(store, workspace_id)


def _changed(before, after) -> set[str]:
    return {k for k in before[0] if before[0][k] != after[0][k]} | {k for k in before[1] if before[1][k] != after[1][k]}


def _new_partner(store, workspace_id):
    first = answers.list_records(store, workspace_id, partners.RECORD_KIND)[0]
    answers.add_record(store, workspace_id, partners.RECORD_KIND, first.data | {"name": "County jail health"})


def _delete_partner(store, workspace_id):
    last = answers.list_records(store, workspace_id, partners.RECORD_KIND)[-1]
    answers.delete_record(store, workspace_id, last.id)


def _new_scenario(store, workspace_id):
    first = answers.list_records(store, workspace_id, cost_benefit.RECORD_KIND)[0]
    answers.add_record(store, workspace_id, cost_benefit.RECORD_KIND, first.data | {"name": "Another scenario"})


def _workshop_answers(store, workspace_id):
    started = workshop.start_workshop(store, workspace_id, "readiness")
    joined = workshop.join_workshop(store, started.code, "Pat", "phone-1")
    for item_id in sorted(item_ids())[:5]:
        workshop.save_participant_answer(store, joined.token, item_id, 1)


# (a kind of write, what Home or Downloads then shows differently; worked out from the demo: a new
# section changes the backup's count of sections, a partner row the partner map and Step 7, a
# scenario the value proposition's "4 finished scenarios", a workshop's answers the readiness step)
WRITES = {
    "text answer": (lambda st, w: answers.save_text(st, w, "basics.extra", "q", "hello"), {"backup_json"}),
    "value answer": (lambda st, w: answers.save_value(st, w, "agenda.extra", "k", 1), {"backup_json"}),
    "text answer of a part never used": (lambda st, w: answers.save_text(st, w, "new_part", "q", "x"), {"backup_json"}),
    "table row": (_new_partner, {"partners", "partner_map_docx"}),
    "deleted row": (_delete_partner, {"partners", "partner_map_docx"}),
    "cost-benefit scenario": (_new_scenario, {"value_proposition_docx", "value_proposition_pptx"}),
    "workshop answer": (_workshop_answers, {"readiness"}),
}


@pytest.mark.parametrize("kind", list(WRITES))
def test_after_each_kind_of_write_home_and_downloads_show_the_new_state(sqlite_store, kind):
    store = sqlite_store
    workspace_id = demo.create_demo(store).id
    write, shows = WRITES[kind]
    before = _home_and_downloads(store, workspace_id)
    assert _home_and_downloads(store, workspace_id) == before  # kept
    write(store, workspace_id)
    after = _home_and_downloads(store, workspace_id)
    assert after == _computed_afresh(store, workspace_id)
    assert shows <= _changed(before, after)


def test_a_scenario_is_counted_in_the_value_proposition_preview(sqlite_store):
    store = sqlite_store
    workspace_id = demo.create_demo(store).id
    preview = registry.get_export("value_proposition_docx").preview
    assert "What it is worth: 4 finished scenarios side by side, with a chart." in preview(store, workspace_id)
    _new_scenario(store, workspace_id)  # the demo's 4, and 1 more
    assert "What it is worth: 5 finished scenarios side by side, with a chart." in preview(store, workspace_id)


def test_a_restored_backup_shows_its_own_state_after_a_kept_one(store, workspace):
    partners.add_partner(store, workspace.id, entity_type="fqhc", name="Riverbend Community Health Center")
    saved = backup.export_workspace(store, workspace.id)
    kept_then = _home_and_downloads(store, workspace.id)
    _new_partner(store, workspace.id)
    answers.save_text(store, workspace.id, "basics.notes", "q", "after the backup")
    assert _home_and_downloads(store, workspace.id) != kept_then
    backup.replace_workspace(store, workspace.id, saved, PASSPHRASE)
    restored = _home_and_downloads(store, workspace.id)
    assert restored == _computed_afresh(store, workspace.id)
    assert restored[1]["partner_map_docx"] == kept_then[1]["partner_map_docx"]


def test_a_change_made_by_another_server_is_seen(store, workspace):
    """Two app servers on one database: B's write makes A compute again."""
    server_b = Store.from_url(str(store.engine.url.render_as_string(hide_password=False)))
    try:
        first = steps.workspace_progress(store, workspace.id)
        basics.set_reviewed(server_b, workspace.id, True)
        assert version(store, workspace) != ""
        after = {p.step_id: p for p in steps.workspace_progress(store, workspace.id)}
        assert {p.step_id: p for p in first}["basics"].share == 0
        assert after["basics"].share == 1
    finally:
        server_b.dispose()


def test_progress_kept_for_a_version_is_the_same_as_computed_afresh(store, workspace):
    answers.save_text(store, workspace.id, "what_it_takes.care_team", "p1", "We have a nurse.")
    kept = steps.workspace_progress(store, workspace.id)
    assert steps.workspace_progress(store, workspace.id) == kept
    assert kept == steps._compute_progress(store, workspace.id)
    with pytest.raises(Exception):  # shared between page runs, so it cannot be changed in place
        kept[0].share = 1.0


def test_a_restored_backup_never_brings_back_an_old_result(store, workspace):
    answers.save_text(store, workspace.id, "basics.notes", "q", "before the backup")
    saved = backup.export_workspace(store, workspace.id)
    versions = {version(store, workspace)}
    answers.save_text(store, workspace.id, "basics.notes", "q", "after the backup")
    versions.add(version(store, workspace))
    backup.replace_workspace(store, workspace.id, saved, PASSPHRASE)
    assert version(store, workspace) not in versions
    assert answers.get_text(store, workspace.id, "basics.notes", "q") == "before the backup"


def test_deleting_a_workspace_works_with_its_triggers(store):
    gone = make_workspace(store, "Closing Program")
    answers.save_text(store, gone.id, "basics.notes", "q", "x")
    workspaces.delete_workspace(store, gone.id, "Closing Program")
    assert workspaces.get_workspace(store, gone.id) is None
    again = workspaces.create_workspace(store, WorkspaceProfile(name="Closing Program"), PASSPHRASE)
    assert version(store, again) != ""  # creating the workspace row is a change too


def test_two_writers_crossing_rows_do_not_deadlock_on_the_version(store, workspace):
    """Writer A changes row X, then row Y; writer C changes row Y meanwhile. Without versions, C
    commits and A goes on. The version row must not add a lock cycle (PostgreSQL row locks:
    its trigger runs at commit)."""
    import threading

    if store.dialect == "sqlite":
        pytest.skip("SQLite: one writer holds the whole database from BEGIN IMMEDIATE, so rows never cross")

    from sqlmodel import update

    from core.store.models import Record

    x = answers.add_record(store, workspace.id, "partner", {"name": "X"})
    y = answers.add_record(store, workspace.id, "partner", {"name": "Y"})
    a_has_x, c_has_y = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def set_name(s, record, name):
        s.exec(update(Record).where(Record.id == record.id).values(data={"name": name}))

    def writer_a():
        try:
            with store.write() as s:
                set_name(s, x, "X by A")
                a_has_x.set()
                c_has_y.wait(10)
                set_name(s, y, "Y by A")  # waits for C's commit
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def writer_c():
        try:
            a_has_x.wait(10)
            with store.write() as s:
                set_name(s, y, "Y by C")
                c_has_y.set()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
            c_has_y.set()

    before = version(store, workspace)
    threads = [threading.Thread(target=writer_a), threading.Thread(target=writer_c)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert [r.data["name"] for r in answers.list_records(store, workspace.id, "partner")][0] == "X by A"
    assert answers.list_records(store, workspace.id, "partner")[1].data["name"] == "Y by A"
    assert version(store, workspace) != before


def test_nothing_is_kept_or_reused_inside_one_open_transaction(store, workspace):
    """Inside `one_transaction` the stamps may not move until the commit (PostgreSQL's triggers are deferred:
    the demo's filling once read back a staff list without the member it had just added) and the transaction
    may roll back: a result computed there is neither reused nor kept."""
    from core.store.database import one_transaction

    computed = []

    def notes(on) -> dict[str, str]:
        computed.append(1)
        return dict(answers.get_texts(on, workspace.id, "basics.notes"))

    with one_transaction(store) as inner:
        assert versioned.remember(inner, workspace.id, "notes", lambda: notes(inner)) == {}
        answers.save_text(inner, workspace.id, "basics.notes", "about", "inside")
        # read again: the note just written, not the empty notes of the first call
        assert versioned.remember(inner, workspace.id, "notes", lambda: notes(inner)) == {"about": "inside"}
    assert len(computed) == 2
    # committed: computed once more (nothing from inside was kept), then reused
    assert versioned.remember(store, workspace.id, "notes", lambda: notes(store)) == {"about": "inside"}
    assert versioned.remember(store, workspace.id, "notes", lambda: notes(store)) == {"about": "inside"}
    assert len(computed) == 3
