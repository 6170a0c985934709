"""Browser journeys: a real `streamlit run` on a free port and Debian's headless Chromium.

The server runs as a subprocess on its own SQLite file (module-scoped: one per test module) and
is stopped in `finally`. Playwright drives /usr/bin/chromium; it never downloads a browser.
Helpers: `wait_for_app(page)` waits until the app is connected and idle, `create_workspace`,
`open_demo` and `go_to(page, "Page title")` do what a person would do.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PASSPHRASE = "correct horse battery"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lan_address() -> str | None:
    """This machine's address on its network (not loopback), or None. A server bound to it sees every browser of
    this machine coming from that one address: a room of phones behind one wifi router."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def start_server(
    database_url: str, *, port: int | None = None, address: str = "127.0.0.1", env: dict | None = None
) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run` and wait for /_stcore/health; return the process and the base URL.
    `address` is the one the server listens on; `env` adds settings (e.g. WORKBOOK_JOIN_TRIES_PER_ADDRESS)."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1", **(env or {})}
    # The server's output goes to a file: a pipe nobody reads fills up (64 KB) and then blocks the server.
    log = tempfile.NamedTemporaryFile(prefix="workbook-server-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [
            sys.executable,
            "serve.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            address,
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    proc.log_path = log.name  # type: ignore[attr-defined]
    log.close()
    url = f"http://{address}:{port}"
    # Poll the health endpoint until it answers or the deadline passes (the pause is between polls).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {Path(proc.log_path).read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log_path = getattr(proc, "log_path", None)
    if log_path:
        Path(log_path).unlink(missing_ok=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A running app on its own database; yields the base URL."""
    db = tmp_path_factory.mktemp("e2e") / "workbook.db"
    proc, url = start_server(f"sqlite:///{db}")
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run `make browser` (apt-get install chromium).")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    try:
        yield pg
    finally:
        context.close()


# Watches the page's talk with the server, once per page: when it last sent the server a message (a widget's
# change, a page switch, a table edit: each asks for a run) and when the app's run state last changed.
# Returns when the last message was sent.
TRACK_RUNS = """() => {
  if (window.__lastSent === undefined) {
    window.__lastSent = 0;
    window.__lastChange = 0;
    // The whole page is watched, so an app element drawn anew is watched too.
    new MutationObserver(() => {
      window.__lastChange = performance.now();
    }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (...message) {
      window.__lastSent = performance.now();
      return send.apply(this, message);
    };
  }
  return window.__lastSent;
}"""

# Idle: the script is not running and the run state has changed since the last message to the server, so the
# run that message asked for has started (and, not running now, finished). A widget's change reaches the server
# and comes back as "running" a round trip later: "not running" alone is also true before that run starts.
# Some messages show no run at all (a run so short that the page never draws "running", or one that asks for
# none): if the state has not changed `NO_RUN_AFTER_MS` after the last message, none is coming. This bounds the
# wait for a state; it is not a pause: the wait ends as soon as the run state changes.
NO_RUN_AFTER_MS = 3_000
APP_IDLE = f"""() => {{
  const app = document.querySelector('[data-testid="stApp"]');
  if (app?.dataset.testScriptState !== 'notRunning') return false;
  return window.__lastChange >= window.__lastSent || performance.now() - window.__lastSent > {NO_RUN_AFTER_MS};
}}"""


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and the run asked for by the last thing done on the page has finished."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.evaluate(TRACK_RUNS)
    page.wait_for_function(APP_IDLE, timeout=timeout)


def go_to(page: Page, title: str) -> None:
    """Click a page in the sidebar navigation by its title."""
    # A link's text is "<icon name><title>": match the element holding exactly the title.
    page.get_by_test_id("stSidebarNavLink").filter(has=page.get_by_text(title, exact=True)).first.click()
    wait_for_app(page)


def create_workspace(page: Page, base_url: str, name: str, passphrase: str = PASSPHRASE) -> None:
    """From a fresh page: create a workspace and leave it open."""
    page.goto(f"{base_url}/workspace")
    wait_for_app(page)
    page.get_by_role("tab", name="Create a workspace").click()
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Create workspace"))
    form.get_by_label("Organization name").fill(name)
    form.get_by_label("Passphrase", exact=True).fill(passphrase)
    form.get_by_label("Passphrase again").fill(passphrase)
    form.get_by_role("button", name="Create workspace").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def open_demo(page: Page, base_url: str) -> None:
    """From a fresh page: open the demo workspace."""
    page.goto(f"{base_url}/workspace")
    wait_for_app(page)
    page.get_by_role("tab", name="Try the demo").click()
    page.get_by_role("button", name="Open the demo workspace").click()
    wait_for_app(page, timeout=60_000)
    expect(page.get_by_text("This is the demo workspace")).to_be_visible()


# ---------------------------------------------------------------- editing a table (st.data_editor)


def table_cell(page: Page, row: int, column: int) -> Locator:
    """A cell of the page's first table: `row` counts the data rows from 0, `column` the shown columns from 0.

    The data editor (Glide Data Grid) draws on a canvas and keeps, inside it, an accessible table of the rows on
    screen: role="grid", a row's aria-rowindex counts the header as 1, and each cell is a focusable
    role="gridcell" (its id `glide-cell-<col>-<row>` counts a hidden row-marker column, so the position in its
    row is used instead). The table has no size of its own, so it is found by attributes, not by role.
    """
    grid = page.get_by_test_id("stDataFrame").first
    return grid.locator(f'table[role="grid"] tbody tr[aria-rowindex="{row + 2}"] td[role="gridcell"]').nth(column)


def select_cell(page: Page, row: int, column: int) -> Locator:
    """Make one cell of the page's first table the selected one, as the arrow keys would, and return it.

    Focusing the grid first gives it a selection (its first cell, if it had none); focusing a cell of the
    accessible table then moves the selection there. Without the first step the grid's own focus handler would
    select its first cell after the one asked for. The grid only handles focus that comes from outside it, and
    after an edit it keeps the focus but may drop its selection: so the focus is first taken away. The grid marks
    the selected cell aria-selected="true": that is waited for.
    """
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    page.evaluate("document.activeElement?.blur()")
    grid.get_by_test_id("data-grid-canvas").focus()
    expect(grid.locator('table[role="grid"] td[aria-selected="true"]').first).to_be_attached(timeout=5_000)
    cell = table_cell(page, row, column)
    cell.focus()
    expect(cell).to_have_attribute("aria-selected", "true", timeout=5_000)
    return cell


def edit_cell(page: Page, row: int, column: int, value: str | None, *, attempts: int = 3) -> None:
    """Edit one cell of the page's first table: type `value`, or tick a box (value None), and wait for the
    run that saves it.

    The cell is selected through the grid's accessible table (see `select_cell`); Enter opens its editor, which
    takes the keyboard focus, and Enter again commits; Space ticks a box. A key press that reaches the table
    while it is being redrawn after the last run can still be lost; then no editor opens or no run starts, so
    the edit is simply made again.
    """
    for attempt in range(attempts):
        page.evaluate(TRACK_RUNS)
        try:
            cell = select_cell(page, row, column)
            sent = page.evaluate("window.__lastSent")
            if value is None:
                cell.press("Space")
            else:
                cell.press("Enter")  # opens the cell's editor, which takes the focus
                editor = page.locator("textarea:focus, input:focus")
                expect(editor).to_have_count(1, timeout=5_000)
                editor.fill(value)
                expect(editor).to_have_value(value)  # the editor holds exactly what was typed before it is committed
                editor.press("Enter")
            # The edit is committed when the table sends it to the server (which then runs the script).
            page.wait_for_function("(sent) => window.__lastSent > sent", arg=sent, timeout=8_000)
        except (PlaywrightTimeoutError, AssertionError):
            page.keyboard.press("Escape")
            if attempt == attempts - 1:
                raise
            continue
        wait_for_app(page)
        return
