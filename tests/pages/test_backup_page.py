"""Backup & restore page: download is offered, restore is reachable, and it needs a workspace."""

from core.export import backup
from core.store import answers


def test_backup_page_needs_a_workspace(app):
    at = app.page("pages/home.py")
    assert "pages/backup.py" not in [p for p in at.get("navigation") or []]
    at.switch_page("pages/backup.py").run()
    assert not at.exception
    assert any("Open or create a workspace first" in i.value for i in at.info)


def test_backup_page_offers_the_download(app_with_workspace):
    app, workspace = app_with_workspace
    answers.save_text(app.store, workspace.id, "s", "p", "in the backup")
    at = app.page("pages/backup.py")
    assert not at.exception
    assert at.title[0].value == "Backup & restore"
    download = at.get("download_button")[0]
    assert "Download backup" in download.proto.label
    # The file it builds is the core export (the page adds nothing of its own).
    parsed = backup.parse_backup(backup.export_workspace(app.store, workspace.id))
    assert parsed["workspace_id"] == workspace.id
