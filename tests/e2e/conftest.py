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
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

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


def start_server(database_url: str, *, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run` and wait for /_stcore/health; return the process and the base URL."""
    port = port or free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "serve.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {proc.stdout.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


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


def wait_for_app(page: Page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and its script has finished running."""
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    page.wait_for_timeout(150)  # let the last delta paint
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)


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
