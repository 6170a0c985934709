"""`make bench`, in the browser: what a person waits for, in headless Debian Chromium (Playwright), against the
server `make run` starts (`serve.py`, a temp SQLite file), next to a bare Streamlit app started the same way in
the same run (bench/server.py). Each figure alternates app and bare app pair by pair (bench/measure.py):

- a new visitor's first page: a fresh browser context (nothing cached) loads the home page until its script
  has run and its title shows;
- opening a workspace: "Open the demo workspace" on the Workspace page, from the click until the demo's page
  shows (the bare app: a button that sets a session value and shows a line);
- switching pages: a click on every page of the navigation (the demo open), until the new page's run ends;
  the bare app has as many pages, each drawing about as many elements (BARE_ELEMENTS) of the same kinds;
  target: at most 1.5x;
- saving one answer: a tap on a readiness answer, from the click until the answer is in the store (the
  store's file polled every 10 ms; the bare app writes one row per tap).

"Until the run ends" is read from the page, not slept for: the page's address has changed and the app is
connected with its script not running.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench import measure, server

PAIRS = int(os.environ.get("BENCH_BROWSER_PAIRS", "5"))
SWITCH_TARGET = measure.Target(1.5)
STEP_TIMEOUT = 60_000

BARE_APP = """
import sqlite3, time
import pandas as pd
import streamlit as st

DB = {db!r}
PAGES = {pages}
_df = pd.DataFrame({{"a": range(20), "b": ["x"] * 20}})


def save():
    con = sqlite3.connect(DB, timeout=15, isolation_level=None)
    con.execute("INSERT INTO answer (value, at) VALUES (?, ?)", (st.session_state["answer"], time.time()))
    con.close()


def workspace():
    st.title("Workspace")
    if st.button("Open the demo workspace"):
        st.session_state["open"] = True
    if st.session_state.get("open"):
        st.success("This is the demo workspace")


def page(n):
    def draw():
        st.title(f"Page {{n}}")
        for i in range(20):
            st.markdown(f"Some **text** for the page, paragraph {{i}}.")
        for i in range(3):
            st.subheader(f"Part {{i}}")
            st.caption("A caption")
        st.segmented_control("Answer", [1, 2, 3, 4, 0], key="answer", on_change=save)
        for i in range(4):
            st.text_input(f"Input {{i}}", key=f"ti{{i}}")
        st.dataframe(_df)
        with st.expander("More"):
            st.markdown("Inside")
        st.info("Info")
    return draw


pages = [st.Page(page(0), title="Home", url_path="home", default=True),
         st.Page(workspace, title="Workspace", url_path="workspace")]
pages += [st.Page(page(n), title=f"Page {{n}}", url_path=f"p{{n}}") for n in range(2, PAGES)]
st.navigation(pages, expanded=True).run()
"""

IDLE = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'


def _loaded(page) -> None:
    """The first page: connected, its script run and its title drawn."""
    page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=STEP_TIMEOUT)
    page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)


def _switch(page, link) -> float:
    """ms from a click on a navigation link until its page's address shows and the script run has ended.
    (A run of a bare page can start and end within one frame, so the script state alone may never change.)"""
    path = urlsplit(link.get_attribute("href")).path
    started = time.perf_counter()
    link.click()
    page.wait_for_url(lambda url: urlsplit(url).path == path, timeout=STEP_TIMEOUT)  # a page may add ?w=...
    page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)
    return (time.perf_counter() - started) * 1000


def _first_page(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url)
        _loaded(page)
        return (time.perf_counter() - started) * 1000
    finally:
        context.close()


def _open_workspace(browser, base: str, bare: bool) -> float:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(f"{base}/workspace")
        _loaded(page)
        if not bare:
            page.get_by_role("tab", name="Try the demo").click()
        button = page.get_by_role("button", name="Open the demo workspace")
        started = time.perf_counter()
        button.click()
        page.get_by_text("This is the demo workspace").first.wait_for(timeout=STEP_TIMEOUT)
        page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)
        return (time.perf_counter() - started) * 1000
    finally:
        context.close()


def _nav_links(page):
    return page.get_by_test_id("stSidebarNavLink")


def _latest(db: Path, sql: str):
    with sqlite3.connect(db, timeout=15) as con:
        return con.execute(sql).fetchone()[0]


def _saved(page, group, option: str, db: Path, sql: str) -> float:
    """ms from a tap on `option` of the button group until the store's latest write changes."""
    before = _latest(db, sql)
    started = time.perf_counter()
    group.get_by_role("radio", name=option, exact=True).click()
    deadline = started + STEP_TIMEOUT / 1000
    while _latest(db, sql) == before:
        if time.perf_counter() > deadline:
            raise RuntimeError("the answer never reached the store")
        time.sleep(0.01)
    ms = (time.perf_counter() - started) * 1000
    page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)
    return ms


def bench_browser(workdir: Path) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from bench.run import listed_pages
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    app_db = workdir / "browser-app.db"
    bare_db = workdir / "browser-bare.db"
    with sqlite3.connect(bare_db) as con:
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("CREATE TABLE answer (id INTEGER PRIMARY KEY, value INTEGER, at REAL)")
    script = workdir / "bare_browser_app.py"
    script.write_text(BARE_APP.format(db=str(bare_db), pages=len(listed_pages())))
    app_proc, app = server.start(f"sqlite:///{app_db}", workdir / "browser-app.log")
    bare_proc, bare = server.start(f"sqlite:///{bare_db}", workdir / "browser-bare.log", script=script)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                _first_page(browser, app)  # warm both servers: the first visit after a start compiles and imports
                _first_page(browser, bare)
                rows.append(measure.interleaved(
                    "a new visitor's first page (fresh context, until its title shows)",
                    lambda: _first_page(browser, app), lambda: _first_page(browser, bare), PAIRS,
                ).row())  # fmt: skip
                pairs = [
                    (_open_workspace(browser, app, False), _open_workspace(browser, bare, True)) for _ in range(PAIRS)
                ]
                rows.append(measure.from_pairs("opening the demo workspace (click until its page shows)", pairs).row())
                rows += _switch_and_save(browser, app, bare, app_db, bare_db)
            finally:
                browser.close()
    finally:
        server.stop(app_proc)
        server.stop(bare_proc)
    return rows


def _switch_and_save(browser, app: str, bare: str, app_db: Path, bare_db: Path) -> list[dict]:
    """In one context per app (the demo open in the workbook): every page of the navigation, then a saved answer."""
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}) for _ in range(2)]
    try:
        app_page, bare_page = (c.new_page() for c in contexts)
        app_page.goto(f"{app}/workspace")
        _loaded(app_page)
        app_page.get_by_role("tab", name="Try the demo").click()
        app_page.get_by_role("button", name="Open the demo workspace").click()
        app_page.get_by_text("This is the demo workspace").first.wait_for(timeout=STEP_TIMEOUT)
        app_page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)
        bare_page.goto(bare)
        _loaded(bare_page)
        count = _nav_links(app_page).count()
        bare_count = _nav_links(bare_page).count()
        pairs = []
        for n in list(range(1, count)) + [0]:  # every page, ending on Home

            def app_switch(n=n) -> float:
                return _switch(app_page, _nav_links(app_page).nth(n))

            def bare_switch(n=n) -> float:
                return _switch(bare_page, _nav_links(bare_page).nth(n % bare_count))

            pairs.append((app_switch(), bare_switch()) if n % 2 else tuple(reversed((bare_switch(), app_switch()))))
        rows = [
            measure.from_pairs(
                f"switching pages: every page of the navigation ({count}), click until its run ends",
                pairs, SWITCH_TARGET,
            ).row()
        ]  # fmt: skip
        # Saving one answer: the readiness page's first item, next to the bare page's one answer.
        app_page.get_by_test_id("stSidebarNavLink").filter(
            has=app_page.get_by_text("2. Readiness assessment", exact=True)
        ).first.click()
        app_page.wait_for_selector(IDLE, timeout=STEP_TIMEOUT)
        app_group = app_page.get_by_test_id("stButtonGroup").nth(1)
        app_group.wait_for(timeout=STEP_TIMEOUT)
        _switch(bare_page, _nav_links(bare_page).nth(0))
        bare_group = bare_page.get_by_test_id("stButtonGroup").first
        app_sql = "SELECT max(updated_at) || count(*) FROM readiness_answer"
        bare_sql = "SELECT max(id) FROM answer"
        try:
            _saved(app_page, app_group, "2", app_db, app_sql)  # so that every timed tap changes the answer
        except RuntimeError:
            pass  # it already was 2
        _saved(bare_page, bare_group, "2", bare_db, bare_sql)
        saves = []
        for n in range(PAIRS):
            option = "1" if n % 2 == 0 else "2"
            app_ms = _saved(app_page, app_group, option, app_db, app_sql)
            saves.append((app_ms, _saved(bare_page, bare_group, option, bare_db, bare_sql)))
        rows.append(measure.from_pairs("saving one answer (tap until it is in the store)", saves).row())
        return rows
    finally:
        for c in contexts:
            c.close()
