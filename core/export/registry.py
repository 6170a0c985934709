"""Every document the workbook can export, in one list the Reports page shows.

An exporter registers itself with `@export(id, title, description, filename, mime)` on its
`build(store, workspace_id) -> bytes` function, and may add a `preview(store, workspace_id) ->
list[str]` (what the document will contain, in a few lines, cheap enough for every page run)
with `preview=`. `filename` may hold `{org}`, replaced by a file-safe form
of the organization's name. Never imports streamlit and never writes the store.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from core import registrations
from core.export import backup
from core.store.database import Store
from core.store.versioned import remember, sections_with_content

Build = Callable[[Store, str], bytes]
Preview = Callable[[Store, str], list[str]]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON = "application/json"


@dataclass
class Export:
    id: str
    title: str
    description: str
    filename: str
    mime: str
    build: Build
    order: int = 100
    preview_fn: Preview | None = field(default=None)

    def preview(self, store: Store, workspace_id: str) -> list[str]:
        """What the document will contain, computed once per change of the workspace's data."""
        if self.preview_fn is None:
            return []
        fn = self.preview_fn
        return list(remember(store, workspace_id, f"export_preview.{self.id}", lambda: fn(store, workspace_id)))

    def filename_for(self, organization: str) -> str:
        return self.filename.replace("{org}", file_slug(organization))


_EXPORTS: dict[str, Export] = {}


def export(
    id: str, title: str, description: str, filename: str, mime: str, *, order: int = 100, preview: Preview | None = None
):
    """Decorator: register `build(store, workspace_id) -> bytes` as a downloadable export,
    with `preview(store, workspace_id) -> list[str]` saying what it will contain."""

    def register(build: Build) -> Build:
        if id in _EXPORTS and _EXPORTS[id].build is not build:
            raise ValueError(f"Export {id!r} is registered twice.")
        entry = Export(
            id=id,
            title=title,
            description=description,
            filename=filename,
            mime=mime,
            build=build,
            order=order,
            preview_fn=preview,
        )
        _EXPORTS[id] = entry
        return build

    return register


def exports() -> list[Export]:
    """Every registered export, in their order (every core module is imported first)."""
    registrations.load_all()
    return sorted(_EXPORTS.values(), key=lambda e: (e.order, e.title))


def get_export(export_id: str) -> Export:
    for e in exports():
        if e.id == export_id:
            return e
    raise KeyError(f"No export {export_id!r}.")


def file_slug(name: str, limit: int = 40) -> str:
    """A name as a safe, readable piece of a file name ("Riverbend Harm Reduction" -> "Riverbend-Harm-Reduction")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")[:limit].strip("-")
    return slug or "workspace"


# The JSON backup is an export too (core/export/backup.py stays free of this registry).
def _register_backup() -> None:
    def preview(store: Store, workspace_id: str) -> list[str]:
        parts = sections_with_content(store, workspace_id)
        return [
            "Everything this workspace holds, every earlier version of every answer included.",
            f"{len(parts)} sections and tables with content. Restore it on the Backup & restore page.",
        ]

    export(
        "backup_json",
        "Backup of the whole workspace (JSON)",
        "One file to keep somewhere safe; restoring it gives back exactly what it holds.",
        "workbook-backup-{org}.json",
        JSON,
        order=900,
        preview=preview,
    )(backup.export_workspace)


_register_backup()
