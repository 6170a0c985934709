"""Workshop mode in real browsers: one facilitator and three participants in separate browser contexts.

They join by code, answer on phone-sized screens; the facilitator's live view shows them and the
disagreement list without a manual reload; the facilitator records agreed answers and closes; Step 2
results show the agreed scores.
"""

from playwright.sync_api import Page, expect

from core.hrh import readiness
from tests.e2e.conftest import create_workspace, go_to, wait_for_app

SYSTEMS = [item.text for item in readiness.domain("systems").items]
CHOICE = {"1": 0, "2": 1, "3": 2, "4": 3, "Not sure": 4}


def choose(phone: Page, n: int, answer: str) -> None:
    """Tap an answer of the n-th Systems item (each choice shows the number and the scale's words)."""
    phone.get_by_role("radiogroup", name=SYSTEMS[n]).get_by_test_id("stRadioOption").nth(CHOICE[answer]).click()


# Five Systems items. Answers chosen so the disagreement order is known:
#   item 1: 1, 4, 4 (spread 3)   item 5: Not sure, 4, 3 (spread 1, variance 1/4)
#   item 3: 3, 3, 2 (spread 1, variance 2/9)   items 2 and 4: all the same (spread 0)
ANSWERS = {
    "Ana": ["1", "2", "3", "4", "Not sure"],
    "Bo": ["4", "2", "3", "4", "4"],
    "Cy": ["4", "2", "2", "4", "3"],
}
LIVE_TIMEOUT = 20_000  # the live part refreshes itself every 3 seconds
LOADED = 60_000  # ms: how long a phone may take to show an answer saved, on a busy two-core machine


def join_and_answer(browser, server: str, code: str, name: str, answers: list[str]) -> Page:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(f"{server}/join")
    wait_for_app(phone)
    phone.get_by_label("Join code").fill(code.lower())  # typed as heard: case and dash do not matter
    phone.get_by_label("Your display name").fill(name)
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_text("You have answered 0 of 5")).to_be_visible(timeout=LOADED)
    for n, answer in enumerate(answers):
        choose(phone, n, answer)
        expect(phone.get_by_text(f"You have answered {n + 1} of 5")).to_be_visible(timeout=LOADED)
    wait_for_app(phone)
    return phone


def test_facilitator_and_three_participants(server, browser):
    facilitator = browser.new_context(viewport={"width": 1400, "height": 1400}).new_page()
    facilitator.set_default_timeout(30_000)
    create_workspace(facilitator, server, "Harbor Light Outreach")
    go_to(facilitator, "Team workshop")
    facilitator.get_by_label("Name of the workshop (optional)").fill("Spring retreat")
    facilitator.get_by_test_id("stMultiSelect").click()
    facilitator.get_by_role("option", name="Systems").click()
    facilitator.keyboard.press("Escape")
    facilitator.get_by_role("button", name="Start the workshop").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_role("heading", name="Spring retreat")).to_be_visible()
    code = facilitator.get_by_test_id("workshop-code").inner_text()
    assert len(code) == 8 and code[3] == "-"
    expect(facilitator.get_by_test_id("stImage")).to_be_visible()  # the QR code

    phones = [join_and_answer(browser, server, code, name, answers) for name, answers in ANSWERS.items()]

    # the live view catches up by itself: no reload, no click
    joined = facilitator.get_by_test_id("stMetric").filter(has_text="People joined")
    expect(joined).to_contain_text("3", timeout=LIVE_TIMEOUT)
    expect(facilitator.get_by_test_id("stMetric").filter(has_text="Answers given")).to_contain_text("15")
    for name in ANSWERS:
        expect(facilitator.get_by_test_id("stDataFrame").first).to_contain_text(name, timeout=LIVE_TIMEOUT)

    facilitator.get_by_test_id("stCheckbox").filter(has_text="Show team results").click()
    wait_for_app(facilitator)
    first = facilitator.get_by_text("Talk about these first").locator(
        "xpath=ancestor::div[@data-testid='stMarkdownContainer']"
    )
    expect(first.locator("li").nth(0)).to_contain_text("Systems 1 (spread 3; 0 not sure)")
    expect(first.locator("li").nth(1)).to_contain_text("Systems 5 (spread 1; 1 not sure)")
    expect(first.locator("li").nth(2)).to_contain_text("Systems 3 (spread 1; 0 not sure)")

    # a fourth answer changes arrive live too: Cy moves item 3 from 2 to 3, so item 3 no longer disagrees
    choose(phones[2], 2, "3")
    wait_for_app(phones[2])
    expect(first.locator("li").nth(2)).not_to_contain_text("Systems 3", timeout=LIVE_TIMEOUT)

    # agree on the most disputed item, with a reason; accept the medians for the rest
    agreed = facilitator.get_by_test_id("stButtonGroup").filter(has=facilitator.get_by_role("radio", name="Not sure"))
    agreed.last.get_by_role("radio", name="2", exact=True).click()
    wait_for_app(facilitator)
    facilitator.get_by_label("Why, in one line").fill("Data are collected but not used yet")
    facilitator.get_by_role("button", name="Record agreed answer").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("Recorded for Systems 1: 2, “Data are collected but not used yet”.")).to_be_visible()
    facilitator.get_by_role("button", name="Accept the suggested answer for every item not yet agreed").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("Suggested answers recorded for 4 items.")).to_be_visible()

    facilitator.get_by_role("button", name="Close workshop").first.click()
    facilitator.get_by_role("button", name="Yes, close it").click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text("This workshop is closed")).to_be_visible()

    # a participant who reloads finds their own answers, now read-only
    phones[0].reload()
    wait_for_app(phones[0])
    expect(phones[0].get_by_text("This workshop is closed")).to_be_visible()
    expect(phones[0].get_by_text("You have answered 5 of 5")).to_be_visible()
    first = phones[0].get_by_role("radiogroup", name=SYSTEMS[0]).get_by_test_id("stRadioOption").nth(0)
    expect(first.locator("input")).to_be_checked()

    # Step 2 results use the agreed answers: 2 (agreed), 2, 3, 4, 3 (medians: 2,2,2 / 3,3,3 / 4,4,4 / 4,3 -> 3)
    go_to(facilitator, "2. Readiness results")
    expect(facilitator.get_by_test_id("stMetric").filter(has_text="Overall mean")).to_contain_text("2.80")
    expect(facilitator.get_by_test_id("stMetric").filter(has_text="Items answered")).to_contain_text("5 of 53")
    for phone in phones:
        phone.context.close()
    facilitator.context.close()
