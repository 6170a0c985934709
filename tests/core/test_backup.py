"""JSON backup and restore: exact round trip, and every field of a file treated as untrusted.

The files here are written as an attacker would write them: valid JSON with a recomputed checksum
(a plain SHA-256 anyone can compute), naming another organization, its rows or its ids.
"""

import json

import pytest
from sqlmodel import select

from core import demo, security
from core.export import backup
from core.store import answers, migrate, workspaces
from core.store.database import Store
from core.store.models import Workspace
from core.store.workspaces import WorkspaceError, WorkspaceLocked, WorkspaceProfile
from tests.conftest import PASSPHRASE, make_workspace

COPY_PASSPHRASE = "a passphrase for the copy"


def _fill(store, ws):
    answers.save_text(store, ws.id, "value_proposition", "mission", "First draft 🌱 سلام")
    answers.save_text(store, ws.id, "value_proposition", "mission", "Second draft")
    answers.save_value(store, ws.id, "readiness", "choice", {"a": [1, 2, None]})
    answers.add_record(store, ws.id, "partner", {"name": "Clinic", "status": "contacted"})
    answers.add_record(store, ws.id, "partner", {"name": "Plan", "status": "identified"})


def _fresh_store(tmp_path, name):
    s = Store.from_url(f"sqlite:///{tmp_path / name}")
    migrate.upgrade(s.engine)
    return s


def _count_workspaces(store):
    with store.read() as s:
        return len(s.exec(select(Workspace)).all())


def _resign(document) -> bytes:
    """What anyone can do to a backup: change it, then recompute its checksum."""
    document["checksum"] = backup._checksum(document["tables"])
    return json.dumps(document).encode()


def _doc(store, workspace_id) -> dict:
    return json.loads(backup.export_workspace(store, workspace_id))


@pytest.fixture
def victim(store):
    ws = make_workspace(store, "Victim Org")
    _fill(store, ws)
    return ws


# ---------------------------------------------------------------- round trips


def test_round_trip_into_another_store_is_exact(store, tmp_path):
    ws = make_workspace(store, "Round Trip")
    _fill(store, ws)
    raw = backup.export_workspace(store, ws.id)
    other = _fresh_store(tmp_path, "other.db")
    restored_id = backup.restore_new(other, raw, "the new store's phrase")
    assert restored_id == ws.id
    assert backup.workspace_rows(other, ws.id) == backup.workspace_rows(store, ws.id)
    assert workspaces.open_workspace(other, "Round Trip", "the new store's phrase")[0].id == ws.id
    with pytest.raises(backup.BackupError, match="already in this store"):
        backup.restore_new(other, raw, "the new store's phrase")


def test_replace_brings_back_exactly_the_backup_after_the_passphrase(store):
    ws = make_workspace(store, "Replace Me")
    _fill(store, ws)
    before = backup.workspace_rows(store, ws.id)
    raw = backup.export_workspace(store, ws.id)
    answers.save_text(store, ws.id, "value_proposition", "mission", "changed after backup")
    answers.add_record(store, ws.id, "partner", {"name": "new"})
    with pytest.raises(WorkspaceError, match="not right"):
        backup.replace_workspace(store, ws.id, raw, "not the passphrase")
    assert answers.get_texts(store, ws.id, "value_proposition") == {"mission": "changed after backup"}
    backup.replace_workspace(store, ws.id, raw, PASSPHRASE)
    assert backup.workspace_rows(store, ws.id) == before


def test_replace_keeps_the_workspaces_identity_and_sessions(store):
    ws = make_workspace(store, "Keeps Itself")
    token = workspaces.start_session(store, ws.id)
    document = _doc(store, ws.id)
    document["tables"]["workspace"][0]["name"] = "Another Name"
    document["tables"]["workspace"][0]["state"] = "Texas"
    backup.replace_workspace(store, ws.id, _resign(document), PASSPHRASE)
    after = workspaces.get_workspace(store, ws.id)
    assert (after.name, after.state, after.is_demo) == ("Keeps Itself", "Texas", False)
    assert workspaces.workspace_for_token(store, token).id == ws.id
    assert workspaces.open_workspace(store, "Keeps Itself", PASSPHRASE)[0].id == ws.id


def test_replace_with_wrong_passphrases_is_limited_like_opening(store):
    ws = make_workspace(store, "Guarded Replace")
    raw = backup.export_workspace(store, ws.id)
    for _ in range(6):
        with pytest.raises(WorkspaceError, match="not right"):
            backup.replace_workspace(store, ws.id, raw, "guess guess", client="203.0.113.8")
    with pytest.raises(WorkspaceLocked):
        backup.replace_workspace(store, ws.id, raw, PASSPHRASE, client="203.0.113.8")


def test_restore_as_copy_renames_renumbers_and_takes_the_new_passphrase(store):
    ws = make_workspace(store, "Copied")
    _fill(store, ws)
    raw = backup.export_workspace(store, ws.id)
    copy_id = backup.restore_copy(store, raw, COPY_PASSPHRASE)
    second_id = backup.restore_copy(store, raw, "another copy's phrase")
    assert len({ws.id, copy_id, second_id}) == 3
    assert workspaces.get_workspace(store, copy_id).name == "Copied (restored copy)"
    assert workspaces.get_workspace(store, second_id).name == "Copied (restored copy)"  # names need not differ
    assert workspaces.open_workspace(store, "Copied (restored copy)", COPY_PASSPHRASE)[0].id == copy_id
    assert answers.get_texts(store, copy_id, "value_proposition") == {"mission": "Second draft"}
    assert len(answers.text_revisions(store, copy_id, "value_proposition", "mission")) == 2
    assert [r.data["name"] for r in answers.list_records(store, copy_id, "partner")] == ["Clinic", "Plan"]
    assert answers.get_texts(store, ws.id, "value_proposition") == {"mission": "Second draft"}  # original untouched
    with pytest.raises(backup.BackupError, match="name and passphrase exists already"):
        backup.restore_copy(store, raw, COPY_PASSPHRASE)


def test_a_copys_name_stays_within_the_name_limit(store):
    long_name = "N" * 120
    ws = make_workspace(store, long_name)
    copy_id = backup.restore_copy(store, backup.export_workspace(store, ws.id), COPY_PASSPHRASE)
    name = workspaces.get_workspace(store, copy_id).name
    assert len(name) == 120 and name.endswith(" (restored copy)")


def test_copy_of_a_workspace_with_an_open_workshop_closes_the_copy(store):
    from core.workshop.session import start_workshop

    ws = make_workspace(store, "Workshop Owner")
    started = start_workshop(store, ws.id, "readiness")
    raw = backup.export_workspace(store, ws.id)
    copy_id = backup.restore_copy(store, raw, COPY_PASSPHRASE)
    rows = backup.workspace_rows(store, copy_id)["workshop"]
    assert [r["status"] for r in rows] == ["closed"]
    original = backup.workspace_rows(store, ws.id)["workshop"]
    assert original[0]["status"] == "open" and original[0]["code"] == rows[0]["code"]
    assert started.code == rows[0]["code"]


# ---------------------------------------------------------------- what a file never carries


def test_no_passphrase_key_session_code_or_counter_is_ever_in_a_backup(store):
    ws = make_workspace(store, "No Secrets")
    workspaces.start_session(store, ws.id)
    workspaces.issue_recovery_codes(store, ws.id)
    workspaces.open_workspace(store, "No Secrets", PASSPHRASE, browser=security.new_token())
    with pytest.raises(WorkspaceError):
        workspaces.open_workspace(store, "No Secrets", "a wrong guess")
    raw = backup.export_workspace(store, ws.id)
    document = json.loads(raw)
    assert {"workspace_session", "recovery_code", "known_browser", "guess_limit", "store_setting"}.isdisjoint(
        document["tables"]
    )
    assert set(document["tables"]["workspace"][0]) & {"passphrase_hash", "name_key", "is_demo"} == set()
    assert workspaces.get_workspace(store, ws.id).passphrase_hash.encode() not in raw


# ---------------------------------------------------------------- the attacks of issue 14


def test_the_demos_backup_renamed_to_a_victim_cannot_replace_or_delete_the_victim(store, victim):
    """main: the demo's backup with the victim's name, checksum recomputed, restored with Replace, deleted
    the victim's workspace and opened the victim's name with the demo's passphrase."""
    demo_ws, _ = demo.open_demo(store)
    victim_rows = backup.workspace_rows(store, victim.id)
    document = _doc(store, demo_ws.id)
    document["workspace_name"] = "Victim Org"
    document["tables"]["workspace"][0]["name"] = "Victim Org"
    crafted = _resign(document)

    with pytest.raises(backup.BackupError, match="demo workspace is open to everyone"):
        backup.replace_workspace(store, demo_ws.id, crafted, demo.DEMO_PASSPHRASE)
    # As a copy it is a new workspace, under a name of its own, opened with the restorer's passphrase.
    copy_id = backup.restore_copy(store, crafted, COPY_PASSPHRASE)
    assert workspaces.get_workspace(store, copy_id).name == "Victim Org (restored copy)"

    assert backup.workspace_rows(store, victim.id) == victim_rows  # every row of the victim, unchanged
    assert workspaces.open_workspace(store, "Victim Org", PASSPHRASE)[0].id == victim.id
    with pytest.raises(WorkspaceError):
        workspaces.open_workspace(store, "Victim Org", demo.DEMO_PASSPHRASE)


def test_an_attackers_own_workspace_cannot_replace_the_victim_either(store, victim):
    attacker = make_workspace(store, "Attacker Org", state="Texas")
    victim_rows = backup.workspace_rows(store, victim.id)
    # Their own backup renamed to the victim: Replace only ever touches their own workspace.
    document = _doc(store, attacker.id)
    document["tables"]["workspace"][0]["name"] = "Victim Org"
    backup.replace_workspace(store, attacker.id, _resign(document), PASSPHRASE)
    assert workspaces.get_workspace(store, attacker.id).name == "Attacker Org"
    # A file claiming the victim's id (say it leaked) is another workspace's: never replaced.
    claimed = _doc(store, attacker.id)
    for rows in claimed["tables"].values():
        for row in rows:
            row["workspace_id" if "workspace_id" in row else "id"] = victim.id
    claimed["workspace_id"] = victim.id
    with pytest.raises(backup.BackupError, match="made from another workspace"):
        backup.replace_workspace(store, attacker.id, _resign(claimed), PASSPHRASE)
    assert backup.workspace_rows(store, victim.id) == victim_rows


def test_a_file_reusing_another_workspaces_row_ids_is_refused_and_changes_nothing(store, victim):
    attacker = make_workspace(store, "Id Reuser")
    answers.add_record(store, attacker.id, "partner", {"name": "mine"})
    victim_rows = backup.workspace_rows(store, victim.id)
    victim_record = answers.list_records(store, victim.id, "partner")[0]
    document = _doc(store, attacker.id)
    document["tables"]["record"][0]["id"] = victim_record.id
    with pytest.raises(backup.BackupError, match="conflict"):
        backup.replace_workspace(store, attacker.id, _resign(document), PASSPHRASE)
    assert backup.workspace_rows(store, victim.id) == victim_rows
    assert [r.data["name"] for r in answers.list_records(store, attacker.id, "partner")] == ["mine"]


def test_a_file_pointing_at_another_workspaces_rows_is_refused(store, victim):
    """A revision of "my" answer whose answer_id is the victim's would show in the victim's history."""
    attacker = make_workspace(store, "Pointer")
    answers.save_text(store, attacker.id, "value_proposition", "mission", "mine")
    with store.read() as s:
        from core.store.models import TextAnswer

        victim_answer = s.exec(select(TextAnswer).where(TextAnswer.workspace_id == victim.id)).first()
    document = _doc(store, attacker.id)
    document["tables"]["text_revision"][0]["answer_id"] = victim_answer.id
    with pytest.raises(backup.BackupError, match="refers to a row that is not in the backup"):
        backup.replace_workspace(store, attacker.id, _resign(document), PASSPHRASE)
    assert len(answers.text_revisions(store, victim.id, "value_proposition", "mission")) == 2


def test_an_old_backup_with_a_hostile_hash_and_a_demo_flag_gives_neither(store, monkeypatch):
    """Older files carried the passphrase hash, demo flag and lock: a restore must trust none of them."""
    ws = make_workspace(store, "Old File")
    document = _doc(store, ws.id)
    row = document["tables"]["workspace"][0]
    row["passphrase_hash"] = security.hash_passphrase("attacker's").replace("$32768$8$1$", "$32768$8$2000$")
    row["is_demo"] = True
    row["failed_attempts"] = 0
    row["locked_until"] = None
    document["schema_revision"] = "i9_versions"
    copy_id = backup.restore_copy(store, _resign(document), COPY_PASSPHRASE)
    copy = workspaces.get_workspace(store, copy_id)
    assert copy.is_demo is False
    assert security.is_current_key(copy.passphrase_hash)
    runs = []
    real = security.hashlib.scrypt
    monkeypatch.setattr(
        security.hashlib, "scrypt", lambda *a, **k: runs.append((k["n"], k["r"], k["p"])) or real(*a, **k)
    )
    with pytest.raises(WorkspaceError):
        workspaces.open_workspace(store, copy.name, "attacker's")
    assert runs == [(2**15, 8, 1)]  # one run at the app's cost, never p=2000
    assert workspaces.open_workspace(store, copy.name, COPY_PASSPHRASE)[0].id == copy_id


# ---------------------------------------------------------------- files refused before and while parsing


def test_deeply_nested_json_is_refused_before_parsing(store):
    """main: 200 KB of nested JSON crashed the page with RecursionError."""
    raw = b'{"format": "harm-reduction-workbook-backup", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(backup.BackupError, match="more than 32 levels deep"):
        backup.parse_backup(raw)
    brackets_in_text = json.dumps({"format": "x", "note": "[" * 10_000}).encode()
    with pytest.raises(backup.BackupError, match="format mark"):  # brackets inside a string are text
        backup.parse_backup(brackets_in_text)


def test_a_file_over_the_limit_is_refused_before_it_is_parsed(monkeypatch):
    parsed = []
    monkeypatch.setattr(backup.json, "loads", lambda *a, **k: parsed.append(1))
    with pytest.raises(backup.BackupError, match="larger than 20 MB"):
        backup.parse_backup(b" " * (backup.MAX_BACKUP_BYTES + 1))
    assert parsed == []


def test_the_upload_limit_matches_the_backup_limit():
    import tomllib

    from tests.conftest import ROOT

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == backup.MAX_BACKUP_MB


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(extra={"payload": 1}), r"parts this app does not know \(extra\)"),
        (lambda d: d.update(schema_revision="z99_from_the_future"), "another version of the app"),
        (lambda d: d.pop("schema_revision"), "another version of the app"),
        (lambda d: d["tables"]["workspace"][0].update(name="N" * 5000), "profile is not valid"),
        (lambda d: d["tables"]["workspace"][0].update(name="Nul\x00Org"), "characters or spacing"),
        (lambda d: d["tables"]["workspace"][0].update(name="  spaced   out "), "characters or spacing"),
        (lambda d: d["tables"]["workspace"][0].update(state="Atlantis"), "not in the list of states"),
        (lambda d: d["tables"]["workspace"][0].update(populations="everyone"), "profile is not valid"),
        (lambda d: d["tables"]["record"][0].update(kind="k" * 81), "longer than 80 characters"),
        (lambda d: d["tables"]["record"][0].update(position=2**70), "wrong kind"),
        (lambda d: d["tables"]["text_answer"][0].update(text="x\x00y"), "NUL character"),
        (lambda d: d["tables"]["text_answer"][0].update(text="x" * 100_001), "longer than 100,000"),
        (lambda d: d["tables"]["record"][0].update(surprise=1), "unknown columns: surprise"),
        (lambda d: d["tables"]["record"][0].update(workspace_id="someone-else"), "belongs to another workspace"),
        (lambda d: d["tables"]["record"][0].update(position="first"), "wrong kind"),
        (lambda d: d["tables"].update(secrets=[]), "tables this app does not know"),
    ],
)
def test_crafted_files_are_refused_and_change_nothing(store, change, message):
    ws = make_workspace(store, "Strict")
    _fill(store, ws)
    before = backup.workspace_rows(store, ws.id)
    document = _doc(store, ws.id)
    change(document)
    raw = _resign(document)
    with pytest.raises(backup.BackupError, match=message):
        backup.replace_workspace(store, ws.id, raw, PASSPHRASE)
    with pytest.raises(backup.BackupError, match=message):
        backup.restore_copy(store, raw, COPY_PASSPHRASE)
    assert backup.workspace_rows(store, ws.id) == before
    assert _count_workspaces(store) == 1


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda raw: raw[: len(raw) // 2], "not complete, valid JSON"),
        (lambda raw: b"\xff\xfe garbage", "not complete, valid JSON"),
        (lambda raw: json.dumps({"hello": "world"}).encode(), "format mark"),
        (lambda raw: raw.replace(b"Second draft", b"Tampered text"), "checksum"),
        (lambda raw: raw.replace(b'"version": 1', b'"version": 99'), "version"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(store, mangle, message):
    ws = make_workspace(store, "Source")
    _fill(store, ws)
    raw = backup.export_workspace(store, ws.id)
    workspaces.delete_workspace(store, ws.id, "Source")
    with pytest.raises(backup.BackupError, match=message):
        backup.restore_copy(store, mangle(raw), COPY_PASSPHRASE)
    assert _count_workspaces(store) == 0


def test_a_copy_is_counted_like_creating_a_workspace(store):
    ws = make_workspace(store, "Counted")
    raw = backup.export_workspace(store, ws.id)
    for n in range(security.CREATE_LIMIT.per_window):
        backup.restore_copy(store, raw, f"copy passphrase {n}", client="203.0.113.77")
    with pytest.raises(backup.BackupError, match="Too many"):
        backup.restore_copy(store, raw, "one copy too many", client="203.0.113.77")


def test_the_demos_name_cannot_be_taken_by_a_restored_backup(store):
    ws = workspaces.create_workspace(store, WorkspaceProfile(name="Plain Org"), PASSPHRASE)
    document = _doc(store, ws.id)
    document["tables"]["workspace"][0]["name"] = demo.demo_name()
    workspaces.delete_workspace(store, ws.id, "Plain Org")
    with pytest.raises(backup.BackupError, match="name of the demo"):
        backup.restore_new(store, _resign(document), COPY_PASSPHRASE)
