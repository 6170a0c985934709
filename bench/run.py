"""`make bench`: how fast the workbook is, each figure next to a bare reference measured in the same run.

Every row is interleaved (bench/measure.py): the figure and its reference alternate run by run in one process
state, and the row gives the median of the per-pair ratios, its interquartile range and "noisy" when that range
is wide, with the target's verdict beside it. Sections:

- Pages: the warm rerun of every page of app.py's navigation, with the demo workspace open and enlarged to a
  heavy one (bench/heavy.py), next to a bare page that draws the same kinds and numbers of elements with no
  logic and no store (built from what the real page drew). Target: at most 1.5x. Home and Downloads also on
  the first run after a change (target: at most 2x).
- Cold start: `python serve.py` until /_stcore/health answers, next to a bare Streamlit app.
- Exports, workshop writes and the live view, the browser (bench/browser.py) and the room of phones
  (bench/workshop.py): see those modules. `BENCH_SECTIONS=pages,exports` runs only some sections.

Results are printed, one table per section, and written to bench/results/latest.md and latest.json (ignored by
git). This is a measurement, never a test: nothing here fails on a slow figure.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from bench import measure

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
RERUNS = int(os.environ.get("BENCH_RERUNS", "15"))  # pairs per page row
PAGES = [p for p in os.environ.get("BENCH_PAGES", "").split(",") if p]  # substrings of page paths: only those pages
PAGE_TARGET = measure.Target(1.5)
AFTER_A_CHANGE_TARGET = measure.Target(2.0)


class _NoBareModeWarnings(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warning, logged whenever code that reads st.* state runs
    outside a script run (AppTest's own thread, cache setup): harmless there, and noise in the bench's tables."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "missing ScriptRunContext" not in record.getMessage()


def quiet_streamlit_logs() -> None:
    """Idempotent: silence the bare-mode warning on every logger that can carry it."""
    for name in ("streamlit.runtime.scriptrunner_utils.script_run_context", "streamlit"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _NoBareModeWarnings) for f in logger.filters):
            logger.addFilter(_NoBareModeWarnings())
    for handler in logging.getLogger("streamlit").handlers:
        if not any(isinstance(f, _NoBareModeWarnings) for f in handler.filters):
            handler.addFilter(_NoBareModeWarnings())


def listed_pages() -> list[str]:
    """Page files of app.py's navigation, in order (the journey's map, data/steps.yaml)."""
    from core import steps

    return [p.path for group in steps.menu() for p in group.pages]


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
      pages/_legacy_pages.py), skipping app.py's navigation and workspace gate that every real
      rerun pays for.
    - `streamlit run` compiles each script once per process (one ScriptCache for the runtime),
      but AppTest builds a new ScriptCache on every run, so every rerun it measures would also
      re-parse and re-compile app.py and the page: a cost that grows with a script's length and
      that no user ever waits for.

    Both the real pages and their bare references are measured with this in place.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    from pages import _legacy_pages

    _legacy_pages.for_apptest()
    shared = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared


# Pages that keep results per version of the workspace's data (core.store.versioned): their warm rerun
# reuses them, so they are also measured on the first run after a change, which computes everything.
AFTER_A_CHANGE = ("pages/start/home.py", "pages/reports/reports.py")


def page_and_bare(path: str, token: str, pages: int):
    """(the page's AppTest, its bare reference's AppTest), both run once; or (the page's AppTest, None) on error."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["workspace_token"] = token
    at.run()
    at.switch_page(path).run()
    if at.exception:
        return at, None
    bare = AppTest.from_string(bare_script(element_counts(at), pages=pages), default_timeout=120)
    bare.run()
    assert not bare.exception, bare.exception
    return at, bare


def bench_pages(db_url: str) -> list[dict]:
    os.environ["DATABASE_URL"] = db_url
    apptest_like_server()

    from bench.heavy import heavy_demo
    from core.store import answers, migrate
    from core.store.database import Store

    store = Store.from_url(db_url)
    migrate.upgrade(store.engine)
    workspace_id, token = heavy_demo(store)
    rows = []
    listed = listed_pages()
    for path in [p for p in listed if not PAGES or any(part in p for part in PAGES)]:
        at, bare = page_and_bare(path, token, len(listed))
        if bare is None:
            rows.append({"what": path, "error": str(at.exception[0].message)[:200]})
            continue
        at.run()  # warm: this run fills what the page keeps per version of the data
        rows.append(measure.interleaved(path, at.run, bare.run, RERUNS, target=PAGE_TARGET).row())
        if path in AFTER_A_CHANGE:

            def change(n: int) -> None:
                answers.save_text(store, workspace_id, "basics.bench", "note", f"change {n} {time.time()}")

            rows.append(
                measure.interleaved(
                    f"{path}, first run after a change", at.run, bare.run, RERUNS,
                    before_page=change, target=AFTER_A_CHANGE_TARGET,
                ).row()
            )  # fmt: skip
    store.dispose()
    return rows


def _cold_start(args: list[str], env: dict) -> float:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*args, "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
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


def bench_cold_start(workdir: Path) -> list[dict]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'cold.db'}"}
    bare = workdir / "bare_app.py"
    bare.write_text('import streamlit as st\nst.title("Bare")\n')

    def app() -> float:
        return _cold_start([sys.executable, "serve.py"], env)

    def ref() -> float:
        return _cold_start([sys.executable, "-m", "streamlit", "run", str(bare)], env)

    pairs = []
    for n in range(3):  # the order flips every pair, as in measure.interleaved
        if n % 2 == 0:
            pairs.append((app(), ref()))
        else:
            r = ref()
            pairs.append((app(), r))
    return [measure.from_pairs("cold start to /_stcore/health", pairs).row()]


def bench_exports(workdir: Path) -> list[dict]:
    from bench.exports import bench_exports as run

    return run(workdir)


def bench_workshop(workdir: Path) -> list[dict]:
    """Workshop writes (30 people at once) next to raw inserts, and the live view next to a bare page."""
    from bench.workshop import bench_workshop as run

    return run(workdir)


def bench_browser(workdir: Path) -> list[dict]:
    from bench.browser import bench_browser as run

    return run(workdir)


def bench_room(workdir: Path) -> list[dict]:
    from bench.workshop import bench_room as run

    return run(workdir)


# (key for BENCH_SECTIONS, title, fn(workdir) -> rows); the pages run first, on their own database.
SECTIONS: list = [
    ("cold", "Cold start", bench_cold_start),
    ("exports", "Exports (demo workspace)", bench_exports),
    ("workshop", "Workshop writes and the live view", bench_workshop),
    ("browser", "In the browser (Chromium, next to a bare Streamlit app)", bench_browser),
    ("room", "A room of phones on one server", bench_room),
]


def write_results(sections: dict[str, list[dict]], load: tuple[str, str]) -> str:
    lines = [
        f"# Benchmark ({time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()})",
        "",
        f"Load average before: {load[0]}; after: {load[1]}. Ratios are medians of interleaved pairs; "
        f"IQR is their interquartile range, noisy when wider than {measure.NOISY_SPREAD:.0%} of the median.",
        "",
    ]
    for title, rows in sections.items():
        lines += [f"## {title}", "", measure.table(rows), ""]
    text = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text)
    (RESULTS / "latest.json").write_text(json.dumps({"load": load, "sections": sections}, indent=1))
    return text


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def _show(title: str, rows: list[dict]) -> None:
    print(f"\n## {title}\n\n{measure.table(rows)}", flush=True)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    quiet_streamlit_logs()
    chosen = set(filter(None, os.environ.get("BENCH_SECTIONS", "").split(",")))
    workdir = Path(tempfile.mkdtemp(prefix="workbook-bench-"))
    before = _load()
    print(f"Benchmark: load average {before}; {RERUNS} interleaved pairs per page row.", flush=True)
    sections = {}
    if not chosen or "pages" in chosen:
        title = "Page reruns (warm, heavy demo workspace, AppTest)"
        sections[title] = bench_pages(f"sqlite:///{workdir / 'bench.db'}")
        _show(title, sections[title])
    for key, title, fn in SECTIONS:
        if chosen and key not in chosen:
            continue
        try:
            sections[title] = fn(workdir)
        except Exception as exc:  # noqa: BLE001 - one failed section must not lose the others' figures
            sections[title] = [{"what": title, "error": f"{type(exc).__name__}: {str(exc)[:300]}"}]
        _show(title, sections[title])
    text = write_results(sections, (before, _load()))
    print(f"\nLoad average after: {_load()}. Written to {RESULTS / 'latest.md'} ({len(text.splitlines())} lines).")


if __name__ == "__main__":
    main()
