"""Organize & advocate: checklists, links, programs, seats, messages and progress."""

import datetime as dt

import pytest
from pydantic import ValidationError

from core.hrh import advocate as adv
from core.store import answers
from tests.conftest import make_workspace


def test_the_content_keeps_the_workbook_lists():
    c = adv.content()
    assert [t.id for t in c.state_research] == [
        "medicaid_expansion",
        "health_departments",
        "carve_ins",
        "managed_care",
        "funds_flow",
    ]
    assert len(c.organizing) == 3
    assert [s.id for s in c.stakeholders] == ["legislators", "regulators", "funders", "health_systems"]
    assert {"task_force", "working_group", "public_comment", "testimony", "health_assessment"} <= set(
        adv.labels(c.seat_types)
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "www.example.org", "https://exa mple.org", "", "ftp://x.org"])
def test_links_must_be_web_addresses(url):
    with pytest.raises(ValidationError):
        adv.ResearchLink(topic="carve_ins", url=url)


def test_a_link_is_kept_as_typed_and_needs_a_known_topic():
    link = adv.ResearchLink(
        topic="carve_ins",
        title=" State Medicaid\nbehavioral health page ",
        url=" https://medicaid.example.gov/bh?a=1&b=(2) ",
    )
    assert link.url == "https://medicaid.example.gov/bh?a=1&b=(2)"
    assert link.title == "State Medicaid behavioral health page"
    with pytest.raises(ValidationError, match="Choose which research topic"):
        adv.ResearchLink(topic="astrology", url="https://example.org")


def test_seats_take_dates_from_the_table_editor_and_check_their_lists():
    seat = adv.Seat(seat_type="testimony", name="City council hearing", date="2025-03-04T00:00:00")
    assert seat.date == dt.date(2025, 3, 4)
    assert adv.Seat(seat_type="board", name="Board", date="").date is None
    with pytest.raises(ValidationError, match="Choose the kind of seat"):
        adv.Seat(seat_type="throne", name="x")
    with pytest.raises(ValidationError, match="What and where is required"):
        adv.Seat(seat_type="board", name=" ")


def test_upcoming_seats_are_open_ones_from_today_soonest_first():
    today = dt.date(2025, 3, 1)
    seats = [
        adv.Seat(seat_type="board", name="later", date=dt.date(2025, 4, 1), status="planned"),
        adv.Seat(seat_type="board", name="past", date=dt.date(2025, 2, 1), status="planned"),
        adv.Seat(seat_type="board", name="sooner", date=dt.date(2025, 3, 1), status="idea"),
        adv.Seat(seat_type="board", name="done", date=dt.date(2025, 3, 5), status="attended"),
        adv.Seat(seat_type="board", name="undated"),
    ]
    assert [s.name for s in adv.upcoming_seats(seats, today)] == ["sooner", "later"]


def test_rows_are_added_updated_and_deleted(store):
    ws = make_workspace(store)
    program_id = adv.add_row(store, ws.id, adv.Program, {"name": "Lantern Harm Reduction", "area": "Tamarack County"})
    adv.update_row(store, ws.id, adv.Program, program_id, {"status": "in_touch"})
    with pytest.raises(ValidationError, match="Choose a status"):
        adv.update_row(store, ws.id, adv.Program, program_id, {"status": "enemies"})
    [(rid, program)] = adv.list_rows(store, ws.id, adv.Program)
    assert rid == program_id and program.status == "in_touch" and program.area == "Tamarack County"
    adv.delete_row(store, ws.id, program_id)
    assert adv.list_rows(store, ws.id, adv.Program) == []
    with pytest.raises(KeyError):
        adv.update_row(store, ws.id, adv.Program, program_id, {"status": "in_touch"})


def test_checklists_accept_only_their_items(store):
    ws = make_workspace(store)
    adv.set_checked(store, ws.id, adv.RESEARCH_SECTION, "carve_ins", True)
    adv.set_checked(store, ws.id, adv.ORGANIZING_SECTION, "connect", True)
    assert adv.checklist(store, ws.id, adv.RESEARCH_SECTION) == {"carve_ins": True}
    with pytest.raises(ValueError, match="not an item of that checklist"):
        adv.set_checked(store, ws.id, adv.RESEARCH_SECTION, "connect", True)


def test_message_draft_puts_the_pieces_together():
    funders = adv.content().stakeholders[2]
    parts = {
        "ask": "Fund a billing coordinator for two years.",
        "evidence": "We see 900 people a month.",
        "story": "A participant got hepatitis C treatment after a peer walked with them.",
    }
    assert adv.message_draft("Medicaid pays for peer navigation.", funders, parts) == (
        "For funders\n\nFund a billing coordinator for two years.\n\nWhy it matters: We see 900 people a month.\n\n"
        "A participant got hepatitis C treatment after a peer walked with them.\n\n"
        "What we are working towards: Medicaid pays for peer navigation."
    )
    assert adv.message_draft("goal", funders, {"ask": "  "}) == ""
    assert adv.message_draft("", funders, {"ask": "Do it"}) == "For funders\n\nDo it"


def test_progress_has_five_equal_parts(store):
    ws = make_workspace(store)
    assert adv.advocate_progress(store, ws.id).share == 0
    adv.set_checked(store, ws.id, adv.RESEARCH_SECTION, "carve_ins", True)
    adv.add_row(store, ws.id, adv.Seat, {"seat_type": "task_force", "name": "County overdose task force"})
    answers.save_text(store, ws.id, adv.GOAL_SECTION, adv.GOAL_PROMPT, "Medicaid pays for peer navigation.")
    for part in ("ask", "evidence", "story"):
        answers.save_text(store, ws.id, adv.message_section("funders"), part, f"the {part}")
    answers.save_text(store, ws.id, adv.message_section("legislators"), "ask", "only an ask")
    progress = adv.advocate_progress(store, ws.id)
    # research 1/5, programs 0, seats 1, goal 1, messages 1/4 -> (0.2 + 0 + 1 + 1 + 0.25) / 5
    assert progress.share == pytest.approx(0.49)
    assert progress.detail == "1 of 4 messages ready"
    assert adv.messages_ready(adv.message_texts(store, ws.id)) == ["funders"]
