"""`make bench`: how fast the workbook is, each figure next to a bare reference measured in the same run.

- Pages: the warm rerun median of every page of app.py's navigation, with the demo workspace open and
  enlarged to a heavy one (bench/heavy.py),
  next to a bare page that draws the same kinds and numbers of elements with no logic and no store
  (built from what the real page drew), and the ratio of the two.
- Cold start: `python serve.py` until /_stcore/health answers, next to a bare Streamlit app.
- Later issues add exports and workshop writes through the EXTRA list.

Results are printed and written to bench/results/latest.md and latest.json (ignored by git).
This is a measurement, never a test: nothing here fails on a slow figure.
"""

from __future__ import annotations

import io
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
RERUNS = int(os.environ.get("BENCH_RERUNS", "15"))


def _median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def listed_pages() -> list[str]:
    """Page files of app.py's navigation, in order (read from app.py, as a person would)."""
    import re

    return re.findall(r'st\.Page\(\s*"(pages/[a-z0-9_]+\.py)"', (ROOT / "app.py").read_text())


# Element kinds a bare page can draw with no logic; anything else is drawn as markdown.
_BARE = {
    "title": 'st.title("Title")',
    "header": 'st.header("Header")',
    "subheader": 'st.subheader("Subheader")',
    "markdown": 'st.markdown("Some **text** for the page.")',
    "caption": 'st.caption("A caption")',
    "text": 'st.text("text")',
    "info": 'st.info("Info")',
    "success": 'st.success("Done")',
    "warning": 'st.warning("Warning")',
    "error": 'st.error("Error")',
    "divider": "st.divider()",
    "text_input": 'st.text_input("Input {i}", key="ti{i}")',
    "text_area": 'st.text_area("Area {i}", "Some saved text", key="ta{i}")',
    "number_input": 'st.number_input("Number {i}", value=3, key="ni{i}")',
    "selectbox": 'st.selectbox("Select {i}", ["a", "b", "c"], key="sb{i}")',
    "radio": 'st.radio("Radio {i}", ["1", "2", "3", "4"], key="ra{i}")',
    "multiselect": 'st.multiselect("Multi {i}", ["a", "b"], key="ms{i}")',
    "checkbox": 'st.checkbox("Check {i}", key="cb{i}")',
    "toggle": 'st.toggle("Toggle {i}", key="tg{i}")',
    "slider": 'st.slider("Slider {i}", 0, 10, 5, key="sl{i}")',
    "button": 'st.button("Button {i}", key="bt{i}")',
    "dataframe": "st.dataframe(_df, key='df{i}')",
    "arrow_data_frame": "st.dataframe(_df, key='df{i}')",
    "metric": 'st.metric("Metric", 42)',
    "expander": 'st.expander("Expander {i}")',
    "tabs": 'st.tabs(["A", "B"])',
    "plotly_chart": "st.plotly_chart(_fig, key='pc{i}')",
    "progress": "st.progress(0.5)",
    "download_button": 'st.download_button("Download {i}", data=b"x", key="db{i}")',
    "button_group": 'st.segmented_control("Choice {i}", [1, 2, 3, 4, 0], key="bg{i}")',
    "page_link": 'st.page_link("https://example.org", label="Link {i}")',
    "date_input": 'st.date_input("Date {i}", key="di{i}")',
}


def element_counts(at) -> Counter:
    counts: Counter = Counter()

    def walk(node):
        kind = getattr(node, "type", None)
        if kind and kind not in {"main", "sidebar", "block", "unknown", "event"}:
            counts[kind] += 1
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return counts


def bare_script(counts: Counter, pages: int = 0) -> str:
    """A script drawing `counts` elements with no logic and no store.

    With `pages`, the elements are drawn by the default page of an `st.navigation` of that
    many pages, as the workbook's pages are: the navigation is Streamlit's own cost of every
    rerun of a multipage app, so the reference pays it too. The workspace lookup, the sidebar
    and everything else app.py does are ours and are not in the reference.
    """
    lines = [
        "import pandas as pd",
        "import plotly.graph_objects as go",
        "import streamlit as st",
        "_df = pd.DataFrame({'a': range(20), 'b': ['x'] * 20})",
        "_fig = go.Figure(go.Bar(x=['a', 'b', 'c'], y=[1, 2, 3]))",
    ]
    body = []
    for kind, n in sorted(counts.items()):
        template = _BARE.get(kind, 'st.markdown("Some text")')
        body += [template.format(i=f"{kind}{i}") for i in range(n)]
    if not pages:
        return "\n".join(lines + body)
    lines.append("def _page():")
    lines += ["    " + line for line in body or ["pass"]]
    lines += [
        "def _other():",
        "    pass",
        "_pages = [st.Page(_page, title='Page', default=True)]",
        f"_pages += [st.Page(_other, title=f'Page {{n}}', url_path=f'p{{n}}') for n in range({pages - 1})]",
        "st.navigation(_pages, expanded=True).run()",
    ]
    return "\n".join(lines)


def apptest_like_server() -> None:
    """Make AppTest run pages as the running server does: through app.py, with scripts compiled once.

    - Without this, AppTest 1.67 would run a page on its own (legacy `pages/` discovery, see
      tests/like_server.py), skipping app.py's navigation and workspace gate that every real
      rerun pays for.
    - `streamlit run` compiles each script once per process (one ScriptCache for the runtime),
      but AppTest builds a new ScriptCache on every run, so every rerun it measures would also
      re-parse and re-compile app.py and the page: a cost that grows with a script's length and
      that no user ever waits for.

    Both the real pages and their bare references are measured with this in place.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    from tests.like_server import run_app_like_server

    run_app_like_server()
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


# Pages that keep results per version of the workspace's data (core.store.versioned): their warm rerun
# reuses them, so they are also measured on the first run after a change, which computes everything.
AFTER_A_CHANGE = ("pages/home.py", "pages/reports.py")


def _median_ms_after_a_change(fn, store, workspace_id: str, repeats: int) -> float:
    from core.store import answers

    times = []
    for n in range(repeats):
        answers.save_text(store, workspace_id, "basics.bench", "note", f"change {n}")  # not timed
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_pages(db_url: str) -> list[dict]:
    os.environ["DATABASE_URL"] = db_url
    from streamlit.testing.v1 import AppTest

    apptest_like_server()

    from bench.heavy import heavy_demo
    from core.store import migrate
    from core.store.database import Store

    store = Store.from_url(db_url)
    migrate.upgrade(store.engine)
    workspace_id, token = heavy_demo(store)
    rows = []
    listed = listed_pages()
    for path in listed:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["ws"] = token
        at.run()
        at.switch_page(path).run()
        if at.exception:
            rows.append({"what": path, "error": str(at.exception[0].message)[:200]})
            continue
        page_ms = _median_ms(at.run, RERUNS)
        bare = AppTest.from_string(bare_script(element_counts(at), pages=len(listed)), default_timeout=120)
        bare.run()
        assert not bare.exception, bare.exception
        bare_ms = _median_ms(bare.run, RERUNS)
        rows.append(
            {
                "what": path,
                "ms": round(page_ms, 1),
                "reference_ms": round(bare_ms, 1),
                "ratio": round(page_ms / bare_ms, 2),
            }
        )
        print(f"  {path:45s} {page_ms:8.1f} ms   bare {bare_ms:7.1f} ms   x{page_ms / bare_ms:.2f}", flush=True)
        if path in AFTER_A_CHANGE:
            changed_ms = _median_ms_after_a_change(at.run, store, workspace_id, RERUNS)
            rows.append(
                {
                    "what": f"{path}, first run after a change",
                    "ms": round(changed_ms, 1),
                    "reference_ms": round(bare_ms, 1),
                    "ratio": round(changed_ms / bare_ms, 2),
                }
            )
            print(f"  {path + ' after a change':45s} {changed_ms:8.1f} ms   x{changed_ms / bare_ms:.2f}", flush=True)
    return rows


def _cold_start(args: list[str], env: dict) -> float:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*args, "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < 60:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                    return (time.perf_counter() - start) * 1000
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("server did not start")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def bench_cold_start(db_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": db_url}
    bare = Path(tempfile.mkdtemp()) / "bare_app.py"
    bare.write_text('import streamlit as st\nst.title("Bare")\n')
    app = statistics.median(_cold_start([sys.executable, "serve.py"], env) for _ in range(3))
    ref = statistics.median(_cold_start([sys.executable, "-m", "streamlit", "run", str(bare)], env) for _ in range(3))
    return {
        "what": "cold start to /_stcore/health",
        "ms": round(app),
        "reference_ms": round(ref),
        "ratio": round(app / ref, 2),
    }


def bench_readiness_report(workdir: Path) -> list[dict]:
    """The readiness report of the demo workspace next to a one-heading python-docx document."""
    import docx

    from core import demo
    from core.export.readiness_report import readiness_report_docx
    from core.store import migrate
    from core.store.database import Store

    store = Store.from_url(f"sqlite:///{workdir / 'bench.db'}")
    migrate.upgrade(store.engine)
    workspace, _ = demo.open_demo(store)

    def minimal() -> None:
        document = docx.Document()
        document.add_heading("Readiness", level=0)
        document.save(io.BytesIO())

    report_ms = _median_ms(lambda: readiness_report_docx(store, workspace.id), 5)
    minimal_ms = _median_ms(minimal, 5)
    store.dispose()
    return [
        {
            "what": "readiness report (Word)",
            "ms": round(report_ms, 1),
            "reference_ms": round(minimal_ms, 1),
            "ratio": round(report_ms / minimal_ms, 2),
        }
    ]


# Later issues append (name, function) pairs here; each returns rows like the ones above.
EXTRA: list = [("Exports", bench_readiness_report)]

from bench.care_model import bench_care_model_plan  # noqa: E402

EXTRA.append(("Care model plan export", bench_care_model_plan))

from bench.exports import bench_exports  # noqa: E402  (issue 4: every registered export)

EXTRA.append(("Exports (demo workspace, median of 3 builds)", bench_exports))


def bench_steps_6_9_exports(workdir: Path) -> list[dict]:
    """The meeting agenda and the partner map (Word) of the demo, next to an empty document with one table."""
    from core import agenda, demo
    from core.export import word
    from core.export.agenda import agenda_docx
    from core.export.partner_map import partner_map_docx
    from core.store import migrate
    from core.store.database import Store

    store = Store.from_url(f"sqlite:///{workdir / 'bench.db'}")
    migrate.upgrade(store.engine)
    workspace, _ = demo.open_demo(store)
    agenda_id = agenda.list_agendas(store, workspace.id)[0].record_id

    def bare() -> bytes:
        doc = word.new_document("Title", "Organization")
        word.table(doc, ["a", "b"], [["1", "2"]])
        return word.to_bytes(doc)

    reference = _median_ms(bare, 5)
    rows = []
    for what, fn in (
        ("Meeting agenda (Word)", lambda: agenda_docx(store, workspace.id, agenda_id)),
        ("Partner map (Word, with chart)", lambda: partner_map_docx(store, workspace.id)),
    ):
        ms = _median_ms(fn, 5)
        rows.append(
            {"what": what, "ms": round(ms, 1), "reference_ms": round(reference, 1), "ratio": round(ms / reference, 2)}
        )
    return rows


EXTRA.append(("Steps 6-9 exports", bench_steps_6_9_exports))


def bench_workshop(workdir: Path) -> list[dict]:
    """Workshop mode: 30 people writing at once next to raw inserts, and the live view next to a bare page."""
    from bench.workshop import bench_workshop as run

    return run(workdir)


EXTRA.append(("Workshop mode (30 participants)", bench_workshop))


def write_results(sections: dict[str, list[dict]]) -> str:
    lines = [
        f"# Benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()})",
        "",
    ]
    for title, rows in sections.items():
        lines += [f"## {title}", "", "| what | median ms | bare reference ms | ratio |", "|---|---:|---:|---:|"]
        for r in rows:
            if "error" in r:
                lines.append(f"| {r['what']} | error: {r['error']} | | |")
            else:
                lines.append(f"| {r['what']} | {r['ms']} | {r['reference_ms']} | {r['ratio']} |")
        lines.append("")
    text = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text)
    (RESULTS / "latest.json").write_text(json.dumps(sections, indent=1))
    return text


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    workdir = Path(tempfile.mkdtemp(prefix="workbook-bench-"))
    db_url = f"sqlite:///{workdir / 'bench.db'}"
    sections = {}
    print("Page reruns (heavy demo workspace, warm, median of", RERUNS, "runs):", flush=True)
    sections["Page reruns (warm, heavy demo workspace)"] = bench_pages(db_url)
    print("Cold start...", flush=True)
    sections["Cold start"] = [bench_cold_start(db_url)]
    for title, fn in EXTRA:
        print(f"{title}...", flush=True)
        sections[title] = fn(workdir)
    print()
    print(write_results(sections))


if __name__ == "__main__":
    main()
