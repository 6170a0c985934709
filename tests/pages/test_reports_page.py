"""Downloads page: every registered export with its preview and a download button built on click."""

from __future__ import annotations

from core.export import registry
from tests.pages.editing import plain

PAGE = "pages/reports/reports.py"


def test_every_export_is_listed_with_its_preview_and_a_download_button(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    exports = registry.exports()
    assert [s.value for s in at.subheader] == [e.title for e in exports]
    buttons = at.get("download_button")
    assert len(buttons) == len(exports)
    assert all(b.proto.label == "Download" for b in buttons)
    shown = "\n".join(plain(m.value) for m in at.markdown)  # as people read it
    assert "Our value proposition: assembled from your answers when you download" in shown
    assert "workbook-Northside-Outreach.docx" in [c.value for c in at.caption]


def test_a_broken_preview_does_not_hide_the_other_downloads(app_with_workspace, monkeypatch):
    app, _ = app_with_workspace

    def broken(store, workspace_id):
        raise RuntimeError("boom")

    monkeypatch.setattr(registry.get_export("workspace_xlsx"), "preview_fn", broken)
    at = app.page(PAGE)
    assert not at.exception
    assert "The preview could not be prepared \\(RuntimeError\\)" in "\n".join(m.value for m in at.markdown)
    assert len(at.get("download_button")) == len(registry.exports())
