"""Export times for `make bench`: every registered export built for the demo workspace, next to
a bare file of the same kind made by the same library (one paragraph, one slide, one cell; for
JSON, re-serializing the same backup, i.e. the cost of the format alone)."""

from __future__ import annotations

import io
import json
import statistics
import time
from pathlib import Path

REPEATS = 3


def _median_ms(fn) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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
        ms = _median_ms(lambda e=e: e.build(store, workspace.id))
        bare = BARE.get(Path(e.filename).suffix) or (lambda data=data: json.dumps(json.loads(data), indent=1).encode())
        bare()
        ref = _median_ms(bare)
        rows.append({"what": e.title, "ms": round(ms, 1), "reference_ms": round(ref, 1), "ratio": round(ms / ref, 2)})
        print(f"  {e.title:50s} {ms:8.1f} ms   bare {ref:7.1f} ms   x{ms / ref:.2f}", flush=True)
    store.dispose()
    return rows
