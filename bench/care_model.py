"""`make bench` figures of the care model stages beyond page reruns: the care model plan export."""

from __future__ import annotations

import statistics
import time
from pathlib import Path


def bench_care_model_plan(workdir: Path) -> list[dict]:
    """Median time to build the demo's care model plan (.docx), next to an empty document with one chart."""
    from core import demo
    from core.export import charts, word
    from core.export.care_model_plan import care_model_plan_docx
    from core.store import migrate
    from core.store.database import Store

    store = Store.from_url(f"sqlite:///{workdir / 'care_model_plan.db'}")
    migrate.upgrade(store.engine)
    workspace, _ = demo.open_demo(store)

    def bare() -> bytes:
        doc = word.new_document("Bare", "Bare")
        word.image(doc, charts.bar_chart(["a", "b"], {"x": [1, 2]}, title="t", ylabel="y"), "alt")
        return word.to_bytes(doc)

    def median_ms(fn) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    ms = median_ms(lambda: care_model_plan_docx(store, workspace.id))
    ref = median_ms(bare)
    store.dispose()
    return [
        {
            "what": "care model plan (.docx, demo)",
            "ms": round(ms, 1),
            "reference_ms": round(ref, 1),
            "ratio": round(ms / ref, 2),
        }
    ]
