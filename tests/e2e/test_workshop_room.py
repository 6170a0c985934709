"""A readiness workshop in a real room: a facilitator and six phones (390x844) answering all 53 items at once.

Each phone has its own plan of taps (changed answers, "Not sure", parts reached by "Next" and by the Part
dropdown, one phone reloading half-way, one answering only part of the assessment). The phones act in turns,
one tap each, without waiting for the others' pages to settle, as people in a room do. At the end the store
is compared with each phone's plan, item by item: what a participant tapped last is what the store holds.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, expect

from core.hrh import readiness
from core.store.database import Store
from core.workshop import session as w
from tests.e2e.conftest import create_workspace, go_to, start_server, stop_server, wait_for_app

pytestmark = pytest.mark.timeout(1500)

DOMAINS = readiness.domains()
TITLES = {d.id: d.title for d in DOMAINS}
TEXT = {i.id: i.text for d in DOMAINS for i in d.items}
NOT_SURE = None
OPTION_INDEX = {1: 0, 2: 1, 3: 2, 4: 3, NOT_SURE: 4}
LOADED = 60_000  # ms: how long a phone may take to show what it was asked for, on a busy two-core machine


@pytest.fixture(scope="module")
def room_server(tmp_path_factory):
    db = tmp_path_factory.mktemp("room") / "workbook.db"
    url = f"sqlite:///{db}"
    proc, base = start_server(url)
    store = Store.from_url(url)
    try:
        yield base, store
    finally:
        store.dispose()
        stop_server(proc)


@dataclass
class Plan:
    """One phone's actions, in order: ("tap", item_id, value), ("next",), ("pick", domain_id), ("reload",)."""

    name: str
    actions: list[tuple] = field(default_factory=list)

    def expected(self) -> dict[str, int | None]:
        last: dict[str, int | None] = {}
        for action in self.actions:
            if action[0] == "tap":
                last[action[1]] = action[2]
        return last


def _answers(rng: random.Random, domain, *, not_sure_share: float = 0.1) -> list[tuple]:
    """Taps for every item of a domain in a shuffled order, a few answers changed afterwards."""
    items = [i.id for i in domain.items]
    order = items[:]
    rng.shuffle(order)
    taps = [("tap", i, None if rng.random() < not_sure_share else rng.randint(1, 4)) for i in order]
    for item in rng.sample(items, k=min(2, len(items))):  # changed minds
        taps.append(("tap", item, rng.randint(1, 4)))
    return taps


def plans() -> list[Plan]:
    rng = random.Random(15)
    ids = [d.id for d in DOMAINS]
    result = []
    # Ana: every part in order by "Next".
    ana = Plan("Ana")
    for n, d in enumerate(DOMAINS):
        ana.actions += _answers(rng, d)
        if n + 1 < len(DOMAINS):
            ana.actions.append(("next",))
    result.append(ana)
    # Bo: every part by the dropdown, starting with Services, back to Mission & Values, then the rest.
    bo = Plan("Bo")
    for domain_id in ["services", "mission_values", *ids[2:]]:
        bo.actions.append(("pick", domain_id))
        bo.actions += _answers(rng, readiness.domain(domain_id))
    result.append(bo)
    # Cy: Next, Next, then back by the dropdown to change two Mission & Values answers, then on by the dropdown.
    cy = Plan("Cy")
    cy.actions += _answers(rng, DOMAINS[0]) + [("next",)] + _answers(rng, DOMAINS[1]) + [("next",)]
    cy.actions += _answers(rng, DOMAINS[2])
    cy.actions += [("pick", "mission_values"), ("tap", DOMAINS[0].items[2].id, 4), ("tap", DOMAINS[0].items[5].id, 1)]
    for d in DOMAINS[3:]:
        cy.actions += [("pick", d.id)] + _answers(rng, d)
    result.append(cy)
    # Dee: reloads half-way through Services, then goes on by Next.
    dee = Plan("Dee")
    dee.actions += _answers(rng, DOMAINS[0]) + [("next",)]
    services = _answers(rng, DOMAINS[1])
    dee.actions += services[:7] + [("reload",)] + services[7:]
    for d in DOMAINS[2:]:
        dee.actions += [("next",)] + _answers(rng, d)
    result.append(dee)
    # Eli: only Mission & Values and half of Services, then stops.
    eli = Plan("Eli")
    eli.actions += _answers(rng, DOMAINS[0]) + [("next",)] + _answers(rng, DOMAINS[1])[:8]
    result.append(eli)
    # Flo: the last part first, then back to the first by the dropdown and on by Next; many "Not sure".
    flo = Plan("Flo")
    flo.actions += [("pick", ids[-1])] + _answers(rng, DOMAINS[-1], not_sure_share=0.4)
    flo.actions += [("pick", ids[0])] + _answers(rng, DOMAINS[0], not_sure_share=0.4)
    for d in DOMAINS[1:-1]:
        flo.actions += [("next",)] + _answers(rng, d, not_sure_share=0.4)
    result.append(flo)
    return result


def new_phone(browser) -> Page:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    phone.set_default_timeout(60_000)
    return phone


def join(phone: Page, base: str, code: str, name: str) -> None:
    phone.goto(f"{base}/join?code={code}")  # the join link / QR code
    wait_for_app(phone)
    phone.get_by_label("Your display name").fill(name)
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_text("You have answered 0 of 53")).to_be_visible(timeout=LOADED)


def item_choices(phone: Page, item_id: str):
    return phone.get_by_role("radiogroup", name=TEXT[item_id]).get_by_test_id("stRadioOption")


def act(phone: Page, action: tuple) -> None:
    """One tap, as a person does it: on what the screen shows now, without waiting for the app to settle."""
    kind = action[0]
    if kind == "tap":
        item_choices(phone, action[1]).nth(OPTION_INDEX[action[2]]).click()
    elif kind == "next":
        phone.get_by_role("button", name="Next:").click()
    elif kind == "pick":
        pick_part(phone, TITLES[action[1]])
    elif kind == "reload":
        phone.reload()
        wait_for_app(phone)
        # A person taps again once the page is back: its part drawn down to "Next" and that first run over.
        # (Right after a reload, "not running" is also what the page says before its first run has started.)
        expect(phone.get_by_role("button", name="Next:")).to_be_visible(timeout=LOADED)
        wait_for_app(phone)


def choose_in_dropdown(page: Page, label: str, option_text: str) -> None:
    """Choose an option of a dropdown. A dropdown tapped while its page is still running (the last tap's run, the
    live view's refresh) does not open, as Streamlit redraws it; a person taps it again, and so does this."""
    option = page.get_by_role("option").filter(has_text=option_text).first
    for _ in range(20):
        page.get_by_test_id("stSelectbox").filter(has_text=label).click()
        try:
            expect(option).to_be_visible(timeout=3_000)
        except AssertionError:
            continue
        option.click()
        return
    raise AssertionError(f"the {label} dropdown never opened to choose {option_text}")


def pick_part(phone: Page, title: str) -> None:
    choose_in_dropdown(phone, "Part", title)


def start_readiness_workshop(facilitator: Page, base: str) -> str:
    create_workspace(facilitator, base, "Room of Six Collective")
    go_to(facilitator, "Team workshop")
    facilitator.get_by_label("Name of the workshop (optional)").fill("Whole assessment")
    facilitator.get_by_role("button", name="Start the workshop").click()
    wait_for_app(facilitator)
    return facilitator.get_by_test_id("workshop-code").inner_text()


def sidebar_is_closed(phone: Page) -> None:
    expect(phone.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true", timeout=LOADED)


def join_from_the_home_page(phone: Page, base: str, code: str, name: str) -> None:
    """Like someone who typed the app's address: Home, open the menu, Join a workshop, type the code."""
    phone.goto(base)
    wait_for_app(phone)
    sidebar_is_closed(phone)
    phone.get_by_test_id("stExpandSidebarButton").click()
    phone.get_by_test_id("stSidebarNavLink").filter(has=phone.get_by_text("Join a workshop", exact=True)).click()
    wait_for_app(phone)
    sidebar_is_closed(phone)  # the menu folds away over the join form
    phone.get_by_label("Join code").fill(code)
    phone.get_by_label("Your display name").fill(name)
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_text("You have answered 0 of 53")).to_be_visible(timeout=LOADED)


def stored_answers(store: Store, ws, name: str) -> dict:
    by_name = {p.display_name: p for p in w.list_participants(store, ws.workspace_id, ws.id)}
    return w.participant_answers(store, w.Seat(participant=by_name[name], workshop=ws))


def shown_answer(phone: Page, item_id: str) -> str:
    """What the phone shows for an item, if the item is on screen (for the message of a failed comparison)."""
    group = phone.get_by_role("radiogroup", name=TEXT[item_id])
    if group.count() == 0:
        return "not on screen"
    checked = [n for n in range(5) if group.get_by_test_id("stRadioOption").nth(n).locator("input").is_checked()]
    labels = {0: 1, 1: 2, 2: 3, 3: 4, 4: "Not sure"}
    return str(labels[checked[0]]) if checked else "nothing chosen"


def compare(store: Store, ws, plan: Plan, expected: dict | None = None, phone: Page | None = None) -> None:
    """The store holds, for every item, what the phone tapped last, and nothing it never tapped."""
    stored, expected = stored_answers(store, ws, plan.name), plan.expected() if expected is None else expected
    wrong = {i: (stored.get(i, "missing"), v) for i, v in expected.items() if stored.get(i, "missing") != v}
    extra = sorted(set(stored) - set(expected))
    screen = {i: shown_answer(phone, i) for i in wrong} if phone is not None and wrong else {}
    assert not wrong and not extra, (
        f"{plan.name}: (stored, tapped last) {wrong}; on the phone's screen {screen}; never tapped but stored {extra}"
    )


def agree(facilitator: Page, label: str, first: str, final: str, reason: str) -> None:
    """Choose the item in the dropdown, tap one value, change it, give the reason, record."""
    choose_in_dropdown(facilitator, "Item to agree on", f"{label}:")
    record = facilitator.get_by_role("button", name=f"Record agreed answer for {label}")
    form = facilitator.get_by_test_id("stForm").filter(has=record)
    expect(form).to_have_count(1, timeout=LOADED)  # the form of the item chosen, and no other
    wait_for_app(facilitator)
    form.get_by_role("radio", name=first, exact=True).click()
    form.get_by_role("radio", name=final, exact=True).click()  # a second thought before recording
    form.get_by_label("Why, in one line").fill(reason)
    record.click()
    wait_for_app(facilitator)
    expect(facilitator.get_by_text(f"Recorded for {label}: {final}, “{reason}”.")).to_be_visible(timeout=LOADED)


def test_six_phones_answer_all_53_items_and_the_store_holds_each_last_tap(room_server, browser):
    base, store = room_server
    facilitator = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    facilitator.set_default_timeout(60_000)
    code = start_readiness_workshop(facilitator, base)  # the live view stays open, refreshing itself

    room = plans()
    phones = [new_phone(browser) for _ in room]
    for phone, plan in zip(phones, room, strict=True):
        if plan.name == "Eli":
            join_from_the_home_page(phone, base, code, plan.name)
        else:
            join(phone, base, code, plan.name)  # the join link / QR code
        sidebar_is_closed(phone)

    # Everyone taps at once, one action each in turn, without waiting for the others' pages to settle.
    cursors = [0] * len(room)
    while any(c < len(p.actions) for c, p in zip(cursors, room, strict=True)):
        for n, (phone, plan) in enumerate(zip(phones, room, strict=True)):
            if cursors[n] < len(plan.actions):
                action = plan.actions[cursors[n]]
                act(phone, action)
                if action[0] == "next":  # a new part starts at its first question
                    following = next(a for a in plan.actions[cursors[n] + 1 :] if a[0] == "tap")[1]
                    part = readiness.domain(following.split(".")[0])
                    expect(item_choices(phone, part.items[0].id).first).to_be_in_viewport(timeout=LOADED)
                cursors[n] += 1
    for phone in phones:
        wait_for_app(phone)

    ws = next(x for x in _workshops(store) if x.title == "Whole assessment")
    for phone, plan in zip(phones, room, strict=True):
        compare(store, ws, plan, phone=phone)
        expected = plan.expected()
        expect(phone.get_by_text(f"You have answered {len(expected)} of 53")).to_be_visible()  # counts current
        part = phone.get_by_test_id("stCaptionContainer").filter(has_text="answered in this part")
        title, counted = part.inner_text().split(":")[0], part.inner_text().split(":")[1]
        domain = next(d for d in DOMAINS if d.title == title)
        in_part = sum(1 for i in domain.items if i.id in expected)
        assert counted.strip().startswith(f"{in_part} of {len(domain.items)}"), (plan.name, part.inner_text())

    # The facilitator agrees on four items in an order other than the list's, changing values before recording.
    facilitator.get_by_test_id("stCheckbox").filter(has_text="Show team results").click()
    wait_for_app(facilitator)
    top = w.readiness_live(store, ws.workspace_id, ws).disagreement[:5]
    plan_agreed = {}
    for d, (first, final) in zip([top[2], top[0], top[4], top[1]], [("1", "3"), ("4", "2"), ("2", "Not sure"),
                                                                       ("3", "4")], strict=True):  # fmt: skip
        reason = f"Talked through {d.label} at the retreat"
        agree(facilitator, d.label, first, final, reason)
        plan_agreed[d.item_id] = (None if final == "Not sure" else int(final), reason)
        # recording never moves the dropdown to another item
        dropdown = facilitator.get_by_test_id("stSelectbox").filter(has_text="Item to agree on")
        expect(dropdown.get_by_role("combobox")).to_have_value(re.compile(f"^{re.escape(d.label)}:"), timeout=LOADED)
    agreed = w.agreed_answers(store, ws.workspace_id, ws)
    assert {i: (a.value, a.note) for i, a in agreed.items()} == plan_agreed

    # Pause: a tap on a phone's page is refused, said so, and the phone shows what is saved; nothing changes.
    facilitator.get_by_role("button", name="Pause answers").click()
    wait_for_app(facilitator)
    eli, eli_plan = phones[4], room[4]
    unanswered = next(i for i in DOMAINS[1].items if i.id not in eli_plan.expected())
    item_choices(eli, unanswered.id).nth(1).click()
    expect(eli.get_by_text("Your earlier answer is kept.")).to_be_visible(timeout=LOADED)
    expect(item_choices(eli, unanswered.id).nth(1).locator("input")).not_to_be_checked(timeout=LOADED)
    compare(store, ws, eli_plan)
    facilitator.get_by_role("button", name="Resume answers").click()
    wait_for_app(facilitator)
    eli.reload()  # a reload after the pause comes back to the same part and answers
    wait_for_app(eli)
    item_choices(eli, unanswered.id).nth(1).click()
    wait_for_app(eli)
    compare(store, ws, eli_plan, {**eli_plan.expected(), unanswered.id: 2})

    # Close: nothing is lost; a phone that reloads finds its answers, read-only.
    facilitator.get_by_role("button", name="Close workshop").first.click()
    facilitator.get_by_role("button", name="Yes, close it").click()
    wait_for_app(facilitator)
    ana = phones[0]
    ana.reload()
    wait_for_app(ana)
    expect(ana.get_by_text("This workshop is closed")).to_be_visible(timeout=LOADED)
    expect(ana.get_by_text("You have answered 53 of 53")).to_be_visible(timeout=LOADED)
    compare(store, ws, room[0])
    for page in [*phones, facilitator]:
        page.context.close()


def _workshops(store: Store) -> list:
    from sqlmodel import select

    from core.store.workshop_models import Workshop

    with store.read() as s:
        return list(s.exec(select(Workshop)))
