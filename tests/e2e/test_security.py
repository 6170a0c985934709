"""Security on a shared host, in a real browser, as an attacker and as several people at once.

- The session is a cookie: no token in any URL; a reload keeps the workspace open; closing ends it.
- The restore attack of issue 14, end to end: the demo's backup, the victim's name put in it, the
  checksum recomputed, restored: the victim's workspace is untouched.
- Two browsers on one table: a stale tab never deletes a row the other added, and is told when it
  changes a row the other changed; the store is compared with what each did, row by row.
- Hostile names and answers on every page: no request leaves for another host, nothing links out.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from core import demo
from core.export import backup
from core.store import answers, migrate, workspaces
from core.store.database import Store
from core.store.workspaces import WorkspaceError, WorkspaceProfile
from core.sustain import change_concept_5 as cc5
from core.workshop import session as workshop
from tests.e2e.conftest import (
    PASSPHRASE,
    create_workspace,
    edit_cell,
    go_to,
    open_demo,
    start_server,
    stop_server,
    wait_for_app,
)
from tests.e2e.test_accessibility import page_titles

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
EVIL = "evil.example"
HOSTILE = (
    f"Eve ![x](http://{EVIL}/img.png) [click](http://{EVIL}/link) http://{EVIL}/bare www.{EVIL} "
    f"mail@{EVIL} <img src=http://{EVIL}/html.png> <a href=http://{EVIL}/a>a</a> :red[red] $x$"
)
HOSTILE_CELL = f"![x](http://{EVIL}/i.png) [c](http://{EVIL}/l) <b>"  # fits every table's text limit (62)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A running app and the store it uses (for seeding through core and for checking what landed)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('security') / 'workbook.db'}"
    store = Store.from_url(url)
    migrate.upgrade(store.engine)
    proc, base = start_server(url)
    try:
        yield base, store
    finally:
        stop_server(proc)
        store.dispose()


@pytest.fixture
def new_page(browser):
    """New browser contexts (separate people, separate cookies), closed after the test."""
    contexts = []

    def make() -> Page:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    yield make
    for context in contexts:
        context.close()


def open_workspace(page: Page, base: str, name: str, passphrase: str = PASSPHRASE) -> None:
    page.goto(f"{base}/workspace")
    wait_for_app(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Open", exact=True))
    form.get_by_label("Organization name").fill(name)
    form.get_by_label("Passphrase").fill(passphrase)
    form.get_by_role("button", name="Open", exact=True).click()
    wait_for_app(page)


def session_cookie(page: Page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == "hrwb_session"), None)


# ---------------------------------------------------------------- the session cookie


def test_the_session_lives_in_a_cookie_and_never_in_a_url(site, new_page):
    base, store = site
    page = new_page()
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.on("framenavigated", lambda frame: urls.append(frame.url))
    create_workspace(page, base, "Cookie Keepers")
    cookie = session_cookie(page)
    assert cookie is not None and cookie["sameSite"] == "Strict"
    assert not [u for u in urls if cookie["value"] in u]  # in no address, request or navigation
    workspace = workspaces.find_workspace(store, "Cookie Keepers")
    assert workspaces.workspace_for_token(store, cookie["value"]).id == workspace.id

    # A reload is a new Streamlit session: the cookie, checked against the store, finds it again.
    go_to(page, "Home")
    page.reload()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Cookie Keepers")
    assert "?" not in page.url

    page.get_by_role("button", name="Close workspace").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("No workspace open")
    page.wait_for_function("!document.cookie.includes('hrwb_session=')")  # cleared by the page's script
    page.reload()
    wait_for_app(page)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("No workspace open")
    assert session_cookie(page) is None
    assert workspaces.session_count(store, workspace.id) == 0


# ---------------------------------------------------------------- the restore attack


def test_the_restore_attack_of_issue_14_leaves_the_victim_intact(site, new_page, tmp_path):
    base, store = site
    victim_page = new_page()
    create_workspace(victim_page, base, "Victim Org")
    about = victim_page.get_by_role("textbox", name="In a few sentences: who you are, where you work, whom you serve")
    about.fill("Our own work, years of it.")
    about.blur()
    wait_for_app(victim_page)
    expect(victim_page.get_by_text("Saved at")).to_be_visible()
    victim = workspaces.find_workspace(store, "Victim Org")
    before = backup.workspace_rows(store, victim.id)

    # The attacker: "Try the demo", download its backup ...
    attacker = new_page()
    open_demo(attacker, base)
    go_to(attacker, "Backup & restore")
    with attacker.expect_download() as download:
        attacker.get_by_role("button", name="Download backup (.json)").click()
    document = json.loads(Path(download.value.path()).read_bytes())
    assert "passphrase_hash" not in document["tables"]["workspace"][0]
    # ... put the victim's name in it (keeping the demo's id), recompute the checksum ...
    document["tables"]["workspace"][0]["name"] = "Victim Org"
    document["workspace_name"] = "Victim Org"
    document["checksum"] = backup._checksum(document["tables"])
    crafted = tmp_path / "victim.json"
    crafted.write_text(json.dumps(document))
    # ... and restore it.
    attacker.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(crafted))
    wait_for_app(attacker)
    expect(attacker.get_by_text("The file holds the workspace")).to_contain_text("Victim Org")
    expect(attacker.get_by_text("so it cannot be replaced")).to_be_visible()
    expect(attacker.get_by_text("Replace what this workspace holds")).to_have_count(0)  # Replace is not offered
    attacker.get_by_label("Passphrase for the copy", exact=True).fill("attacker's own phrase")
    attacker.get_by_label("Passphrase for the copy, again").fill("attacker's own phrase")
    attacker.get_by_role("button", name="Restore").click()
    wait_for_app(attacker)
    expect(attacker.get_by_test_id("stAlertContentSuccess")).to_contain_text("Victim Org (restored copy)")

    # The victim's workspace: every row as it was, and its name opens only with its own passphrase.
    assert backup.workspace_rows(store, victim.id) == before
    assert workspaces.open_workspace(store, "Victim Org", PASSPHRASE)[0].id == victim.id
    with pytest.raises(WorkspaceError):
        workspaces.open_workspace(store, "Victim Org", demo.DEMO_PASSPHRASE)
    guesser = new_page()
    open_workspace(guesser, base, "Victim Org", demo.DEMO_PASSPHRASE)
    expect(guesser.get_by_text("do not match a workspace")).to_be_visible()
    victim_page.reload()
    wait_for_app(victim_page)
    expect(
        victim_page.get_by_role("textbox", name="In a few sentences: who you are, where you work, whom you serve")
    ).to_have_value("Our own work, years of it.")


# ---------------------------------------------------------------- two browsers on one table


def _grid(page: Page):
    grid = page.get_by_test_id("stDataFrame").first
    grid.scroll_into_view_if_needed()
    return grid


def edit_first_column(page: Page, row: int, value: str) -> None:
    """Type `value` into the first column of `row` of the page's table and wait for the run that saves it."""
    edit_cell(page, row, 0, value)


def add_row(page: Page, rows_now: int, value: str) -> None:
    _grid(page).hover()
    page.get_by_role("button", name="Add row").first.click()  # the first table's toolbar
    edit_first_column(page, rows_now, value)


def periods(store, workspace_id) -> list[str]:
    return [r.data["period"] for r in answers.list_records(store, workspace_id, cc5.ENGAGEMENT_KIND)]


def open_engagement_table(page: Page) -> None:
    go_to(page, "Trauma-informed: finance & sustain")
    page.get_by_role("tab", name="Indicators and outcomes").click()
    wait_for_app(page)
    expect(_grid(page)).to_be_visible()


def test_a_stale_tab_never_deletes_a_row_another_added_and_is_told_of_a_clash(site, new_page):
    """main: a table edit from a stale tab deleted the row another tab had just added."""
    base, store = site
    workspace = workspaces.create_workspace(store, WorkspaceProfile(name="Two Tabs Org"), PASSPHRASE)
    cc5.save_engagement(
        store, workspace.id, [{"period": "2025-Q1", "staff_count": 10}, {"period": "2025-Q2", "staff_count": 11}]
    )
    tab_a, tab_b = new_page(), new_page()
    for tab in (tab_a, tab_b):
        open_workspace(tab, base, "Two Tabs Org")
        open_engagement_table(tab)  # both show the two periods

    # A adds a period. B, still showing two rows, changes the first one: A's row must stay.
    add_row(tab_a, 2, "2025-Q3")
    assert periods(store, workspace.id) == ["2025-Q1", "2025-Q2", "2025-Q3"]
    edit_first_column(tab_b, 0, "2024-Q4")
    assert periods(store, workspace.id) == ["2024-Q4", "2025-Q2", "2025-Q3"]
    expect(tab_b.get_by_text("changed in another window")).to_have_count(0)

    # Now A is the stale one: it changes the row B just changed. It is told; B's change stays.
    edit_first_column(tab_a, 0, "2023")
    expect(tab_a.get_by_text("changed in another window since this page showed it")).to_be_visible()
    assert periods(store, workspace.id) == ["2024-Q4", "2025-Q2", "2025-Q3"]
    # B, up to date, changes the second row: saved, and A's row is still there.
    edit_first_column(tab_b, 1, "2025-04")

    # The store, row by row, against what each tab did: A's added row, B's two changes, A's refused
    # change nowhere, the staff counts untouched.
    rows = answers.list_records(store, workspace.id, cc5.ENGAGEMENT_KIND)
    assert [(r.data["period"], r.data["staff_count"], r.version) for r in rows] == [
        ("2024-Q4", 10, 2),
        ("2025-04", 11, 2),
        ("2025-Q3", None, 1),
    ]
    # After a reload A sees what the store holds, with nothing to warn about.
    tab_a.reload()
    wait_for_app(tab_a)
    open_engagement_table(tab_a)
    expect(tab_a.get_by_text("changed in another window")).to_have_count(0)


# ---------------------------------------------------------------- hostile names on every page


def _hostile_workspace(store) -> str:
    """The demo's content under a hostile name, every text answer and free-text table cell hostile:
    made the way a person could, by restoring an edited backup as a copy."""
    demo_ws = workspaces.find_workspace(store, demo.demo_name()) or demo.create_demo(store)
    document = json.loads(backup.export_workspace(store, demo_ws.id))
    document["tables"]["workspace"][0]["name"] = "Eve hostile"
    for table in ("text_answer", "text_revision"):
        for row in document["tables"][table]:
            row["text"] = HOSTILE
    for row in document["tables"]["record"]:
        for key in ("name", "notes", "detail", "who", "role", "item", "contact", "next_steps", "text"):
            if isinstance(row["data"].get(key), str) and row["data"][key]:
                row["data"][key] = HOSTILE_CELL
    document["checksum"] = backup._checksum(document["tables"])
    copy_id = backup.restore_copy(store, json.dumps(document).encode(), PASSPHRASE)
    workspaces.update_profile(store, copy_id, WorkspaceProfile(name=HOSTILE[:120]), passphrase=PASSPHRASE)
    workshop.start_workshop(store, copy_id, "readiness", title=HOSTILE_CELL)  # its title heads the live view
    return copy_id


def test_hostile_names_and_answers_never_reach_another_host_on_any_page(site, new_page):
    base, store = site
    _hostile_workspace(store)
    page = new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in LOCAL_HOSTS else None)
    open_workspace(page, base, HOSTILE[:120])
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Eve ![x](http:")  # shown as typed
    links_out = "a[href*='evil'], [*|href*='evil'], img[src*='evil'], iframe, object, embed"
    visited = 0
    for title in page_titles():
        go_to(page, title)
        visited += 1
        found = page.locator(links_out)
        assert found.count() == 0, f"{title}: user text became a link or an image: " + " | ".join(
            found.nth(n).evaluate("e => e.outerHTML.slice(0, 300)") for n in range(min(found.count(), 3))
        )
        assert not page.locator("[data-testid='stMain'] .stMarkdownColoredText").count(), f"{title}: :red[] ran"
        assert not outside, f"{title}: requests to another host: {outside}"
        failed = page.get_by_test_id("stException")
        assert not failed.count(), f"{title}: the page failed on hostile text: {failed.first.inner_text()[:600]}"
    page.reload()
    wait_for_app(page)
    assert visited == len(page_titles()) and not outside
