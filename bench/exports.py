"""Export times for `make bench`: every registered export built for the demo workspace, next to a bare file of
the same kind made by the same library (one paragraph, one slide, one cell; for JSON, re-serializing the same
backup, i.e. the cost of the format alone), build and bare build interleaved (bench/measure.py).

Charts are kept per process under all of their inputs (core/export/charts.py), and some models per version of
the workspace's data (core/store/versioned.py): the plain row of each export is the same export built again with
nothing changed. The whole workbook (Word) is measured three ways, each interleaved with the bare document:

- **first build after a change**: the workspace's "about" note is saved (a new version of the data, and a changed
  paragraph under the report's title) before each build, so nothing kept for the earlier state of the data serves;
  charts whose own inputs did not change are still reused, as they are when a person edits one step and exports;
- **cold**: the same, and no chart kept either (every chart drawn, as for the first export after the server
  starts, or after a change that touches every chart's figures);
- **repeated**: built again with nothing changed.

The absolute target, under a second on this class of machine, is judged on the first two (`: time to build`
rows, the median of their builds); the repeated build is shown for comparison.
"""

from __future__ import annotations

import io
import json
import os
import statistics
from pathlib import Path

from bench import measure

PAIRS = int(os.environ.get("BENCH_EXPORT_PAIRS", "5"))
WHOLE_WORKBOOK = "workbook_docx"
UNDER_A_SECOND = measure.Target(1000, label="< 1 s")


def _bare_docx() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Bare")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _bare_pptx() -> bytes:
    from pptx import Presentation

    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Bare"
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _bare_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Bare"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


BARE = {".docx": _bare_docx, ".pptx": _bare_pptx, ".xlsx": _bare_xlsx}


def _whole_workbook_rows(store, workspace_id: str, e, bare) -> list[dict]:
    """The whole workbook three ways (see the module's docstring), each next to the bare document."""
    from core.export import charts
    from core.store import answers

    about = answers.get_text(store, workspace_id, "workspace", "about")
    changes = iter(range(1, 10_000))

    def change(_n: int) -> None:
        answers.save_text(store, workspace_id, "workspace", "about", f"{about} (bench change {next(changes)})")

    def change_nothing_kept(n: int) -> None:
        change(n)
        charts.clear_cache()

    def build() -> bytes:
        return e.build(store, workspace_id)

    rows = []
    for what, before_page, target in (
        ("first build after a change (a note saved before each build)", change, UNDER_A_SECOND),
        ("cold: first build after a change, no chart kept (every chart drawn)", change_nothing_kept, UNDER_A_SECOND),
        ("repeated build, nothing changed", None, None),
    ):
        compared = measure.interleaved(f"{e.title}, {what}", build, bare, PAIRS, before_page=before_page)
        rows.append(compared.row())
        if target is not None:
            ms = statistics.median(compared.page_ms)
            rows.append(measure.figure_row(f"{e.title}, {what}: time to build", ms, target=target))
    return rows


def bench_exports(workdir: Path) -> list[dict]:
    from core import demo
    from core.export import registry
    from core.store import migrate
    from core.store.database import Store

    store = Store.from_url(f"sqlite:///{workdir / 'bench-exports.db'}")
    migrate.upgrade(store.engine)
    workspace, _ = demo.open_demo(store)
    rows = []
    for e in registry.exports():
        data = e.build(store, workspace.id)  # warm: imports, fonts, content files
        bare = BARE.get(Path(e.filename).suffix) or (lambda data=data: json.dumps(json.loads(data), indent=1).encode())
        bare()
        if e.id == WHOLE_WORKBOOK:
            rows.extend(_whole_workbook_rows(store, workspace.id, e, bare))
            continue
        compared = measure.interleaved(f"{e.title}, built again", lambda e=e: e.build(store, workspace.id), bare, PAIRS)
        rows.append(compared.row())
    store.dispose()
    return rows
