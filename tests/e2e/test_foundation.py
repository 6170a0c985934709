"""Journeys of the foundation in a real browser: nothing typed is lost across a reload."""

from playwright.sync_api import expect

from tests.e2e.conftest import create_workspace, go_to, open_demo, wait_for_app


def test_answer_survives_browser_reload(server, page):
    create_workspace(page, server, "Lakeshore Syringe Access")
    about = page.get_by_role("textbox", name="In a few sentences: who you are, where you work, whom you serve")
    about.fill("We run a mobile unit and a drop-in center. Ünïcödé ✓ and emoji 🌱 kept.")
    about.blur()
    wait_for_app(page)
    expect(page.get_by_text("Saved at")).to_be_visible()

    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Lakeshore Syringe Access")).to_be_visible()
    expect(
        page.get_by_role("textbox", name="In a few sentences: who you are, where you work, whom you serve")
    ).to_have_value("We run a mobile unit and a drop-in center. Ünïcödé ✓ and emoji 🌱 kept.")


def test_workspace_stays_open_across_pages_and_reload(server, page):
    create_workspace(page, server, "Harbor Peer Network")
    go_to(page, "Home")
    expect(page.get_by_text("Your progress: Harbor Peer Network")).to_be_visible()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_text("Your progress: Harbor Peer Network")).to_be_visible()
    go_to(page, "Backup & restore")
    expect(page.get_by_role("heading", name="Backup & restore")).to_be_visible()


def test_wrong_passphrase_gets_a_clear_message(server, page):
    create_workspace(page, server, "Valley Outreach")
    page.get_by_test_id("stSidebar").get_by_role("button", name="Close workspace").click()
    wait_for_app(page)
    page.goto(f"{server}/workspace")
    wait_for_app(page)
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Open"))
    form.get_by_label("Organization name").fill("Valley Outreach")
    form.get_by_role("textbox", name="Passphrase").fill("not the passphrase")
    form.get_by_role("button", name="Open").click()
    wait_for_app(page)
    expect(page.get_by_text("That name and passphrase do not match a workspace")).to_be_visible()


def test_demo_workspace_opens(server, page):
    open_demo(page, server)
    go_to(page, "Home")
    expect(page.get_by_text("Your progress: Riverbend Harm Reduction Collective (demo)")).to_be_visible()
