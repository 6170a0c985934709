"""The list of exports the Reports page shows: every one builds, previews and names its file."""

from __future__ import annotations

import pytest

from core.export import registry
from tests.conftest import make_workspace
from tests.core.vp_workspace import fill


def test_every_export_of_this_step_and_the_backup_is_registered_in_order():
    ids = [e.id for e in registry.exports()]
    assert ids[:4] == ["value_proposition_docx", "value_proposition_pptx", "workbook_docx", "workspace_xlsx"]
    assert ids[-1] == "backup_json"
    assert registry.get_export("workbook_docx").mime == registry.DOCX


def test_every_export_builds_bytes_and_says_what_it_contains(sqlite_store):
    ws = make_workspace(sqlite_store, "Riverbend Harm Reduction Collective (test)")  # the demo's name is the demo's
    fill(sqlite_store, ws.id)
    for e in registry.exports():
        data = e.build(sqlite_store, ws.id)
        assert isinstance(data, bytes) and len(data) > 1000, e.id
        lines = e.preview(sqlite_store, ws.id)
        assert lines and all(isinstance(line, str) and line for line in lines), e.id
    deck = registry.get_export("value_proposition_pptx")
    assert deck.filename_for(ws.name) == "value-proposition-deck-Riverbend-Harm-Reduction-Collective-test.pptx"
    assert deck.preview(sqlite_store, ws.id)[0].startswith("8 slides: Who we are and whom we reach; What we offer;")


def test_file_names_are_safe_whatever_the_organization_is_called():
    assert registry.file_slug("Café Ünïon / ../../etc") == "Cafe-Union-etc"
    assert registry.file_slug("עברית 🧪") == "workspace"
    assert len(registry.file_slug("x" * 100)) == 40


def test_an_export_id_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="registered twice"):
        registry.export("workbook_docx", "Again", "", "x.docx", registry.DOCX)(lambda store, ws_id: b"")
