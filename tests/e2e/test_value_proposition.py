"""Journey of Steps 4-5 in a real browser: answer a theme question, assemble the draft, run a
conversation's timer, and download the slide deck from the Downloads page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from pptx import Presentation

from tests.e2e.conftest import create_workspace, wait_for_app
from tests.e2e.conftest import go_to as _go_to

pytestmark = pytest.mark.e2e

AIM = "What does your organization aim to address in your community?"


def go_to(page, title: str) -> None:
    """Like conftest's go_to, first opening the sidebar's "View more" when the list is folded."""
    more = page.get_by_test_id("stSidebarNavViewButton")
    if more.count() and "more" in more.inner_text().lower():
        more.click()
    _go_to(page, title)


def test_theme_answer_goes_into_the_draft_and_the_downloaded_deck(server, page, tmp_path):
    create_workspace(page, server, "Lakeside Harm Reduction")
    go_to(page, "5. Value proposition")
    aim = page.get_by_role("textbox", name=AIM)
    aim.fill("Overdose deaths along the lake shore. عربي ✓")
    aim.blur()
    wait_for_app(page)
    expect(page.get_by_text("Saved at").first).to_be_visible()

    go_to(page, "5. Your draft")
    page.get_by_role("button", name="Assemble my draft").click()
    wait_for_app(page)
    expect(page.get_by_text("Draft assembled from your latest answers.")).to_be_visible()
    draft = page.get_by_role("textbox", name="Your value proposition")
    expect(draft).to_have_value(
        "## Who we are\n\nLakeside Harm Reduction is an organization.\n\n"
        "What we aim to address: Overdose deaths along the lake shore. عربي ✓"
    )

    go_to(page, "Downloads")
    deck_card = (
        page.get_by_test_id("stVerticalBlock")
        .filter(has=page.get_by_role("heading", name="Value proposition slide deck (PowerPoint)"))
        .filter(has=page.get_by_test_id("stDownloadButton"))
        .last  # the innermost block holding both: the export's card
    )
    with page.expect_download() as download:
        deck_card.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "value-proposition-deck-Lakeside-Harm-Reduction.pptx"
    path = tmp_path / "deck.pptx"
    download.value.save_as(path)
    slides = list(Presentation(str(path)).slides)
    # only what the workspace holds: no empty section, no placeholder slide
    assert [s.shapes.title.text for s in slides] == ["Lakeside Harm Reduction", "Who we are", "Sources"]
    body = " ".join(sh.text_frame.text for sh in slides[1].shapes if sh.has_text_frame)
    assert "What we aim to address: Overdose deaths along the lake shore. عربي ✓" in body  # on the slide itself


def test_the_segment_timer_counts_down_and_survives_a_reload(server, page):
    create_workspace(page, server, "Hillside Outreach")
    go_to(page, "4. What it takes")
    page.get_by_label("Who is in the room (no names)").fill("Four peer navigators")
    page.get_by_role("button", name="Start this conversation").click()
    wait_for_app(page)
    expect(page.get_by_text("10:00 left (paused)")).to_be_visible()
    page.get_by_role("button", name="Start timer").click()
    wait_for_app(page)
    expect(page.get_by_text("09:5")).to_be_visible(timeout=5_000)  # ticking without any click
    note = page.get_by_role("textbox", name="What would you like leadership to understand about your work")
    note.fill("Linkage is many contacts, not one referral.")
    note.blur()
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("button", name="Pause timer")).to_be_visible()
    expect(page.get_by_role("textbox", name="What would you like leadership")).to_have_value(
        "Linkage is many contacts, not one referral."
    )
