"""Hosting for many organizations: two app servers on one PostgreSQL database.

No state lives only in one server's memory: a workspace opened on one server is open on the other
(the session cookie's token is checked in the store), and what is typed on one is there on the other.
Runs when TEST_DATABASE_URL names a PostgreSQL server (CI starts one).
"""

import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.conftest import PG_URL
from tests.e2e.conftest import create_workspace, start_server, stop_server, wait_for_app

pytestmark = pytest.mark.skipif(not PG_URL.startswith("postgresql"), reason="TEST_DATABASE_URL is not PostgreSQL")


@pytest.fixture(scope="module")
def two_servers():
    name = f"wb_hosting_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{PG_URL.rpartition('/')[0]}/{name}"
    first = second = None
    try:
        first, first_url = start_server(url)
        second, second_url = start_server(url)
        yield first_url, second_url
    finally:
        for proc in (first, second):
            if proc is not None:
                stop_server(proc)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_workspace_and_its_answers_follow_the_user_across_servers(two_servers, browser):
    first_url, second_url = two_servers
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    create_workspace(page, first_url, "Two Server Collective")
    about = page.get_by_role("textbox", name="In a few sentences: who you are, where you work, whom you serve")
    about.fill("Typed on the first server.")
    about.blur()
    wait_for_app(page)
    expect(page.get_by_text("Saved at")).to_be_visible()
    # The load balancer sends this browser's next connection to the other server: the session cookie
    # goes with it (cookies do not depend on the port) and is checked against the shared store.
    other = page.context.new_page()
    other.goto(f"{second_url}/workspace")
    wait_for_app(other)
    expect(other.get_by_role("heading", name="Two Server Collective")).to_be_visible()
    expect(
        other.get_by_role("textbox", name="In a few sentences: who you are, where you work, whom you serve")
    ).to_have_value("Typed on the first server.")


def test_workshop_participants_on_another_server_show_up_live(two_servers, browser):
    from tests.e2e.test_workshop import ANSWERS, LIVE_TIMEOUT, join_and_answer

    first_url, second_url = two_servers
    facilitator = browser.new_context(viewport={"width": 1400, "height": 1400}).new_page()
    facilitator.set_default_timeout(30_000)
    create_workspace(facilitator, first_url, "Two Server Workshop Org")
    from tests.e2e.conftest import go_to

    go_to(facilitator, "Team workshop")
    facilitator.get_by_test_id("stMultiSelect").click()
    facilitator.get_by_role("option", name="Systems").click()
    facilitator.keyboard.press("Escape")
    facilitator.get_by_role("button", name="Start the workshop").click()
    wait_for_app(facilitator)
    code = facilitator.get_by_test_id("workshop-code").inner_text()

    # Participants land on the other server; the facilitator's live view on the first one sees them.
    for name, answers in list(ANSWERS.items())[:2]:
        join_and_answer(browser, second_url, code, name, answers)
    joined = facilitator.get_by_test_id("stMetric").filter(has_text="People joined")
    expect(joined).to_contain_text("2", timeout=LIVE_TIMEOUT)
    expect(facilitator.get_by_test_id("stMetric").filter(has_text="Answers given")).to_contain_text("10")
