"""Backup & restore page: download is offered, restore is reachable, and it needs a workspace."""

import pytest

from core.export import backup
from core.store import answers


def test_backup_page_needs_a_workspace(app):
    at = app.page("pages/home.py")
    # app.py's gate: with no workspace open, the page is not in the navigation at all
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/backup.py")
    assert not at.exception
    assert any("Create one, open yours" in m.value for m in at.markdown)


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
