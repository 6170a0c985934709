"""The generic store: text answers with revisions, value answers, records; on SQLite and PostgreSQL."""

import threading

import pytest
from sqlalchemy import text

from core.store import answers
from core.store.database import Store, database_url, default_database_path
from core.text import TextTooLong
from tests.conftest import make_workspace


def test_text_answer_keeps_every_revision(store, workspace):
    assert answers.save_text(store, workspace.id, "step", "q1", "first") == 1
    assert answers.save_text(store, workspace.id, "step", "q1", "second") == 2
    assert answers.get_text(store, workspace.id, "step", "q1") == "second"
    revisions = answers.text_revisions(store, workspace.id, "step", "q1")
    assert [(r.revision, r.text) for r in revisions] == [(2, "second"), (1, "first")]


def test_saving_the_same_text_writes_no_revision(store, workspace):
    answers.save_text(store, workspace.id, "step", "q1", "same")
    assert answers.save_text(store, workspace.id, "step", "q1", "same") == 1
    assert len(answers.text_revisions(store, workspace.id, "step", "q1")) == 1


def test_restore_makes_an_old_version_current_as_a_new_revision(store, workspace):
    answers.save_text(store, workspace.id, "step", "q1", "draft one")
    answers.save_text(store, workspace.id, "step", "q1", "draft two")
    assert answers.restore_text_revision(store, workspace.id, "step", "q1", 1) == 3
    assert answers.get_text(store, workspace.id, "step", "q1") == "draft one"
    newest = answers.text_revisions(store, workspace.id, "step", "q1")[0]
    assert newest.note == "restored revision 1"
    with pytest.raises(KeyError):
        answers.restore_text_revision(store, workspace.id, "step", "q1", 99)


def test_text_is_cleaned_and_too_long_text_keeps_the_saved_version(store, workspace):
    answers.save_text(store, workspace.id, "step", "q1", "ok\x00 text")
    assert answers.get_text(store, workspace.id, "step", "q1") == "ok text"
    with pytest.raises(TextTooLong):
        answers.save_text(store, workspace.id, "step", "q1", "x" * 20_001)
    assert answers.get_text(store, workspace.id, "step", "q1") == "ok text"


def test_get_texts_returns_a_section(store, workspace):
    answers.save_text(store, workspace.id, "s", "a", "A")
    answers.save_text(store, workspace.id, "s", "b", "B")
    answers.save_text(store, workspace.id, "other", "a", "X")
    assert answers.get_texts(store, workspace.id, "s") == {"a": "A", "b": "B"}


def test_value_answers_upsert(store, workspace):
    answers.save_value(store, workspace.id, "sec", "choice", "yes")
    answers.save_value(store, workspace.id, "sec", "choice", {"n": 3, "list": [1, 2]})
    assert answers.get_values(store, workspace.id, "sec") == {"choice": {"n": 3, "list": [1, 2]}}
    answers.delete_value(store, workspace.id, "sec", "choice")
    assert answers.get_value(store, workspace.id, "sec", "choice", "none") == "none"


def test_records_keep_order_and_move(store, workspace):
    a = answers.add_record(store, workspace.id, "partner", {"name": "A"})
    b = answers.add_record(store, workspace.id, "partner", {"name": "B"})
    c = answers.add_record(store, workspace.id, "partner", {"name": "C"})
    answers.move_record(store, workspace.id, c.id, -2)
    assert [r.data["name"] for r in answers.list_records(store, workspace.id, "partner")] == ["C", "A", "B"]
    answers.update_record(store, workspace.id, a.id, {"name": "A2"})
    answers.delete_record(store, workspace.id, b.id)
    assert [r.data["name"] for r in answers.list_records(store, workspace.id, "partner")] == ["C", "A2"]


def test_workspaces_never_see_each_others_rows(store):
    one = make_workspace(store, "One")
    two = make_workspace(store, "Two")
    answers.save_text(store, one.id, "s", "p", "one's text")
    answers.save_value(store, one.id, "s", "k", 1)
    rec = answers.add_record(store, one.id, "partner", {"name": "secret"})
    assert answers.get_texts(store, two.id, "s") == {}
    assert answers.get_values(store, two.id, "s") == {}
    assert answers.list_records(store, two.id, "partner") == []
    with pytest.raises(KeyError):
        answers.update_record(store, two.id, rec.id, {"name": "stolen"})
    with pytest.raises(KeyError):
        answers.delete_record(store, two.id, rec.id)


def test_failed_write_rolls_back_everything(store, workspace):
    with pytest.raises(RuntimeError):
        with store.write() as s:
            s.exec(text("UPDATE workspace SET state = 'Texas'"))
            raise RuntimeError("boom")
    with store.read() as s:
        assert s.exec(text("SELECT state FROM workspace")).one()[0] == "Ohio"


def test_concurrent_writers_all_land(store, workspace):
    errors = []

    def writer(n):
        try:
            for i in range(10):
                answers.save_value(store, workspace.id, "load", f"w{n}-{i}", i)
                answers.save_text(store, workspace.id, "load", f"t{n}", f"text {i}")
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(answers.get_values(store, workspace.id, "load")) == 80
    assert all(len(answers.text_revisions(store, workspace.id, "load", f"t{n}")) == 10 for n in range(8))


def test_sqlite_pragmas_are_set(sqlite_store):
    with sqlite_store.read() as s:
        assert s.exec(text("PRAGMA journal_mode")).one()[0] == "wal"
        assert s.exec(text("PRAGMA foreign_keys")).one()[0] == 1
        assert s.exec(text("PRAGMA busy_timeout")).one()[0] == 15000


def test_default_database_lives_outside_the_source_tree(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_database_path() == tmp_path / "harm-reduction-workbook" / "workbook.db"
    assert database_url() == f"sqlite:///{tmp_path}/harm-reduction-workbook/workbook.db"
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://u:p@localhost/db")
    assert database_url() == "postgresql+psycopg://u:p@localhost/db"


def test_in_memory_store_for_scripts():
    from core.store import migrate

    store = Store.from_url("sqlite://")
    migrate.upgrade(store.engine)
    ws = make_workspace(store, "Memory")
    answers.save_text(store, ws.id, "s", "p", "kept")
    assert answers.get_text(store, ws.id, "s", "p") == "kept"
