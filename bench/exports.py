"""Export times for `make bench`: every registered export built for the demo workspace, next to a bare file of
the same kind made by the same library (one paragraph, one slide, one cell; for JSON, re-serializing the same
backup, i.e. the cost of the format alone), build and bare build interleaved (bench/measure.py).

The whole workbook (Word) also has an absolute target: under a second on this class of machine.
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
        compared = measure.interleaved(e.title, lambda e=e: e.build(store, workspace.id), bare, PAIRS)
        rows.append(compared.row())
        if e.id == WHOLE_WORKBOOK:
            ms = statistics.median(compared.page_ms)
            rows.append(measure.figure_row(f"{e.title}: time to build", ms, target=UNDER_A_SECOND))
    store.dispose()
    return rows
