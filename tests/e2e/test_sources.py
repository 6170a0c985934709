"""The three kinds of text in a real browser: quotes look like quotes (block quotes with their credit),
illustrations carry their mark until the figures are one's own, and the app's own words say so."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import go_to, open_demo, wait_for_app

pytestmark = pytest.mark.e2e


def test_quotes_illustrations_and_the_apps_own_words_are_marked(server, page):
    open_demo(page, server)

    go_to(page, "Choose a care model")
    # A practitioner's words: a pull quote in italics, with the person and the document credited under it.
    brenner = page.locator("em").filter(has_text="We are seeing early life trauma as a predictor of high utilization")
    expect(brenner).to_be_visible()
    expect(page.get_by_text("Jeffrey Brenner, MD, Executive Director, Camden Coalition", exact=False)).to_be_visible()
    # The source's definitions are block quotes, each list credited once.
    definition = page.locator("blockquote").filter(has_text="In this centralized model, primary care services")
    expect(definition).to_have_count(1)
    expect(definition.get_by_text("Complex-needs care model recommendations")).to_be_visible()
    tips = page.get_by_test_id("stExpander").filter(has_text="Tips and guidance to develop a care model")
    tips.get_by_text("Tips and guidance to develop a care model").click()
    expect(tips.locator("blockquote li")).to_have_count(2)
    expect(page.get_by_text("The app's own rule").first).to_be_visible()
    expect(page.get_by_text("Quoted on this page", exact=False)).to_be_visible()

    go_to(page, "1. Learn the basics")
    badge = page.get_by_text("Illustration, not a benchmark: use your own figures.")
    expect(badge).to_have_count(2)
    rate = page.get_by_role("spinbutton", name="Payment per billed service ($)")
    rate.fill("52")
    rate.press("Enter")
    wait_for_app(page)
    expect(badge).to_have_count(1)
    expect(page.get_by_text("These results come from the figures you entered.")).to_be_visible()

    go_to(page, "Glossary")
    page.get_by_label("Search the glossary").fill("minimum savings")
    page.get_by_label("Search the glossary").press("Enter")
    wait_for_app(page)
    expect(page.get_by_text("Not from the five sources: the app's own explanation.")).to_be_visible()
