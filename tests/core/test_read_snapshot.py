"""The per-page read snapshot (core.store.answers.read_snapshot): the same answers as without it,
in a fixed handful of queries, with writes seen at once and nothing shared across workspaces or threads."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from sqlalchemy import event, text

from core.store import answers
from tests.conftest import make_workspace


@contextmanager
def counted(store):
    """Count the SQL statements sent to the database inside the block (BEGINs included)."""
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def fill(store, ws_id: str) -> None:
    for n in range(12):
        answers.save_text(store, ws_id, f"step.part{n}", "q", f"answer {n}")
        answers.save_value(store, ws_id, f"step.values{n}", "k", {"n": n, "list": [n, n + 1]})
        answers.add_record(store, ws_id, f"kind{n % 6}", {"n": n})
    answers.save_text(store, ws_id, "other.empty", "q", "")


def everything(store, ws_id: str) -> dict:
    """Every reader's answer for the filled workspace."""
    return {
        "text": answers.get_text(store, ws_id, "step.part3", "q"),
        "missing_text": answers.get_text(store, ws_id, "nowhere", "q"),
        "texts": [answers.get_texts(store, ws_id, f"step.part{n}") for n in range(12)],
        "under": answers.get_texts_under(store, ws_id, "step."),
        "values": [answers.get_values(store, ws_id, f"step.values{n}") for n in range(12)],
        "records": [[(r.id, r.data) for r in answers.list_records(store, ws_id, f"kind{k}")] for k in range(7)],
        "of_kinds": {
            k: [r.id for r in rows]
            for k, rows in answers.list_records_of_kinds(store, ws_id, ["kind1", "kind4", "none"]).items()
        },
        "sections": answers.sections_with_content(store, ws_id),
    }


def test_readers_give_the_same_answers_inside_a_snapshot_in_a_few_queries(store, workspace):
    fill(store, workspace.id)
    with counted(store) as direct:
        expected = everything(store, workspace.id)
    with counted(store) as snapped, answers.read_snapshot(store, workspace.id):
        got = everything(store, workspace.id)
    assert got == expected
    assert [data for _, data in expected["records"][1]] == [{"n": 1}, {"n": 7}]
    assert "other.empty" not in expected["sections"] and "kind5" in expected["sections"]
    selects = [s for s in snapped if s.lstrip().upper().startswith("SELECT")]
    # texts, values, a few single kinds, then every record at once, and the list of kinds
    assert len(selects) <= 8 < len([s for s in direct if s.lstrip().upper().startswith("SELECT")])


def test_a_write_inside_the_snapshot_is_read_back_at_once(store, workspace):
    fill(store, workspace.id)
    with answers.read_snapshot(store, workspace.id):
        assert answers.get_text(store, workspace.id, "step.part1", "q") == "answer 1"
        assert len(answers.list_records(store, workspace.id, "kind0")) == 2
        answers.save_text(store, workspace.id, "step.part1", "q", "changed")
        answers.add_record(store, workspace.id, "kind0", {"n": 99})
        answers.save_value(store, workspace.id, "step.values1", "k", 5)
        assert answers.get_text(store, workspace.id, "step.part1", "q") == "changed"
        assert [r.data["n"] for r in answers.list_records(store, workspace.id, "kind0")] == [0, 6, 99]
        assert answers.get_values(store, workspace.id, "step.values1") == {"k": 5}


def test_changing_what_a_reader_returned_does_not_change_the_next_read(store, workspace):
    fill(store, workspace.id)
    with answers.read_snapshot(store, workspace.id):
        answers.get_texts(store, workspace.id, "step.part2")["q"] = "scribbled"
        answers.get_values(store, workspace.id, "step.values2").clear()
        answers.list_records(store, workspace.id, "kind2").clear()
        answers.get_texts_under(store, workspace.id, "step.")["step.part2"]["q"] = "scribbled"
        assert answers.get_texts(store, workspace.id, "step.part2") == {"q": "answer 2"}
        assert answers.get_values(store, workspace.id, "step.values2")["k"]["n"] == 2
        assert len(answers.list_records(store, workspace.id, "kind2")) == 2


def test_another_workspace_is_read_from_the_database_not_the_snapshot(store, workspace):
    other = make_workspace(store, "Eastside Clinic")
    fill(store, workspace.id)
    answers.save_text(store, other.id, "step.part1", "q", "theirs")
    with answers.read_snapshot(store, workspace.id):
        assert answers.get_text(store, other.id, "step.part1", "q") == "theirs"
        assert answers.list_records(store, other.id, "kind0") == []
        assert answers.get_text(store, workspace.id, "step.part1", "q") == "answer 1"


def test_other_threads_do_not_share_the_snapshot(store, workspace):
    fill(store, workspace.id)
    seen: dict[str, str] = {}
    with answers.read_snapshot(store, workspace.id):
        assert answers.get_text(store, workspace.id, "step.part1", "q") == "answer 1"  # loaded here

        def other_session():  # another browser session writes and reads on its own thread
            answers.save_text(store, workspace.id, "step.part1", "q", "from another tab")
            seen["other"] = answers.get_text(store, workspace.id, "step.part1", "q")

        thread = threading.Thread(target=other_session)
        thread.start()
        thread.join()
        # the write went through the same store, so this snapshot reads again
        assert answers.get_text(store, workspace.id, "step.part1", "q") == "from another tab"
    assert seen["other"] == "from another tab"


def test_prefetch_reads_every_record_once_and_does_nothing_outside_a_snapshot(store, workspace):
    fill(store, workspace.id)
    with counted(store) as outside:
        answers.prefetch(store, workspace.id)
    assert outside == []
    with answers.read_snapshot(store, workspace.id):
        answers.prefetch(store, workspace.id)
        with counted(store) as after:
            kinds = [len(answers.list_records(store, workspace.id, f"kind{k}")) for k in range(7)]
            answers.get_texts(store, workspace.id, "step.part0")
    assert kinds == [2, 2, 2, 2, 2, 2, 0]
    assert after == []


def test_data_read_before_the_version_is_read_again_after_it(store, workspace):
    """Nothing older than a version may be kept under it: another server may write in between."""
    from core.store import versioned

    fill(store, workspace.id)
    with answers.read_snapshot(store, workspace.id):
        assert answers.get_text(store, workspace.id, "step.part1", "q") == "answer 1"
        with store.engine.begin() as conn:  # another server's write: this process's counter does not move
            conn.execute(
                text("UPDATE text_answer SET text = 'from server B' WHERE workspace_id = :ws AND section = :section"),
                {"ws": workspace.id, "section": "step.part1"},
            )
        stamp = versioned.data_version(store, workspace.id)
        assert stamp == versioned.read_version(store, workspace.id)
        assert answers.get_text(store, workspace.id, "step.part1", "q") == "from server B"
