"""Backup & restore page: download, Replace (own backup, passphrase), copies, the demo, crafted files."""

import json

import pytest

from core import demo
from core.export import backup
from core.store import answers, workspaces
from tests.conftest import PASSPHRASE, make_workspace
from tests.pages.editing import plain


def _upload(at, raw: bytes):
    at.file_uploader(key="restore__file").upload("backup.json", raw, "application/json").run()
    return at


def _resign(document) -> bytes:
    document["checksum"] = backup._checksum(document["tables"])
    return json.dumps(document).encode()


def _restore(at, **fields):
    for key, value in fields.items():
        at.text_input(key=key).input(value)
    next(b for b in at.button if b.label == "Restore").click().run()
    return at


def test_backup_page_needs_a_workspace(app):
    at = app.page("pages/start/home.py")
    # app.py's gate: with no workspace open, the page is not in the navigation at all
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/reports/backup.py")
    assert not at.exception
    assert any("Create one, open yours" in m.value for m in at.markdown)


def test_backup_page_offers_the_download(app_with_workspace):
    app, workspace = app_with_workspace
    answers.save_text(app.store, workspace.id, "s", "p", "in the backup")
    at = app.page("pages/reports/backup.py")
    assert not at.exception
    assert at.title[0].value == "Backup & restore"
    download = at.get("download_button")[0]
    assert "Download backup" in download.proto.label
    # The file it builds is the core export (the page adds nothing of its own).
    parsed = backup.parse_backup(backup.export_workspace(app.store, workspace.id))
    assert parsed["workspace_id"] == workspace.id


def test_own_backup_replaces_after_the_passphrase(app_with_workspace):
    app, workspace = app_with_workspace
    answers.save_text(app.store, workspace.id, "s", "p", "as backed up")
    raw = backup.export_workspace(app.store, workspace.id)
    answers.save_text(app.store, workspace.id, "s", "p", "changed since")
    at = _upload(app.page("pages/reports/backup.py"), raw)
    assert at.radio(key="restore__mode").value == "replace"
    _restore(at, restore__passphrase="not the passphrase")
    assert any("not right" in plain(e.value) for e in at.error)
    assert answers.get_text(app.store, workspace.id, "s", "p") == "changed since"
    _restore(at, restore__passphrase=PASSPHRASE)
    assert not at.exception
    assert "holds exactly what the backup held" in at.success[0].value
    assert answers.get_text(app.store, workspace.id, "s", "p") == "as backed up"


def test_own_backup_as_a_copy_gets_its_own_passphrase_and_codes(app_with_workspace):
    app, workspace = app_with_workspace
    at = _upload(app.page("pages/reports/backup.py"), backup.export_workspace(app.store, workspace.id))
    at.radio(key="restore__mode").set_value("copy").run()
    _restore(at, restore__copy_passphrase="the copy's phrase", restore__copy_passphrase2="not the same one")
    assert any("not the same" in plain(e.value) for e in at.error)
    _restore(at, restore__copy_passphrase="the copy's phrase", restore__copy_passphrase2="the copy's phrase")
    assert not at.exception
    assert "Northside Outreach (restored copy)" in plain(at.success[0].value)
    assert len(at.code[0].value.splitlines()) == 6  # its recovery codes, once
    copy, _ = workspaces.open_workspace(app.store, "Northside Outreach (restored copy)", "the copy's phrase")
    assert copy.id != workspace.id


def test_another_workspaces_backup_can_only_be_a_copy(app_with_workspace):
    app, workspace = app_with_workspace
    other = make_workspace(app.store, "Other Org")
    answers.save_text(app.store, other.id, "s", "p", "other's text")
    at = _upload(app.page("pages/reports/backup.py"), backup.export_workspace(app.store, other.id))
    assert not at.radio  # no choice: Replace is not offered
    assert any("made from another workspace" in c.value for c in at.caption)
    _restore(at, restore__copy_passphrase="a copy phrase", restore__copy_passphrase2="a copy phrase")
    assert answers.get_text(app.store, other.id, "s", "p") == "other's text"
    assert workspaces.open_workspace(app.store, "Other Org", PASSPHRASE)[0].id == other.id


def test_the_demo_cannot_replace_even_with_its_own_backup_renamed_to_a_victim(app):
    victim = make_workspace(app.store, "Victim Org")
    answers.save_text(app.store, victim.id, "s", "p", "the victim's work")
    demo_ws, token = demo.open_demo(app.store)
    app.at.session_state["workspace_token"] = token
    document = json.loads(backup.export_workspace(app.store, demo_ws.id))
    document["tables"]["workspace"][0]["name"] = "Victim Org"
    at = _upload(app.page("pages/reports/backup.py"), _resign(document))
    assert not at.radio
    assert any("demo is open to everyone" in c.value for c in at.caption)
    _restore(at, restore__copy_passphrase="attacker phrase", restore__copy_passphrase2="attacker phrase")
    assert "Victim Org (restored copy)" in plain(at.success[0].value)
    assert answers.get_text(app.store, victim.id, "s", "p") == "the victim's work"
    assert workspaces.open_workspace(app.store, "Victim Org", PASSPHRASE)[0].id == victim.id


def test_crafted_files_get_a_message_not_a_traceback(app_with_workspace):
    app, _ = app_with_workspace
    nested = b'{"format": "harm-reduction-workbook-backup", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    at = _upload(app.page("pages/reports/backup.py"), nested)
    assert not at.exception
    assert "more than 32 levels deep" in plain(at.error[0].value)
    at = _upload(at, b"\x00\xff not json")
    assert "not complete, valid JSON" in plain(at.error[0].value)


def test_a_hostile_name_in_a_backup_is_shown_as_text(app_with_workspace):
    app, workspace = app_with_workspace
    document = json.loads(backup.export_workspace(app.store, workspace.id))
    document["tables"]["workspace"][0]["name"] = "![x](http://evil.example/x.png) <img src=x>"
    at = _upload(app.page("pages/reports/backup.py"), _resign(document))
    assert not at.exception
    shown = "\n".join(m.value for m in at.markdown)
    assert "\\!\\[x\\]\\(http\\:\u2060//" in shown and "\\<img" in shown  # escaped, the link broken
    assert "![x](http://evil.example/x.png) <img src=x>" in plain(shown)
