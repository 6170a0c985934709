"""Meeting agendas: the suggested items, timing, reordering, the store and the Word export."""

import datetime as dt
import io

import pytest
from docx import Document
from pydantic import ValidationError

from core.export.agenda import agenda_docx
from core.hrh import agenda as ag
from core.hrh import partners as pm
from tests.conftest import make_workspace


def test_a_new_agenda_has_the_nine_suggested_items_in_an_hour():
    agenda = ag.new_agenda("Riverbend Community Health Center")
    assert len(agenda.items) == 9
    assert agenda.items[0].topic == "Introductions"
    assert agenda.items[5].details == "Share your value proposition"
    assert ag.total_minutes(agenda) == 60
    assert agenda.heading == "Meeting with Riverbend Community Health Center"
    assert len({item.id for item in agenda.items}) == 9


def test_the_preparation_items_are_the_workbooks_three():
    assert [p.id for p in ag.content().preparation] == ["site_visit", "tour", "team_prep"]
    assert ag.content().preparation[0].text.startswith("If you have space, bring them to your site.")


def test_schedule_gives_clock_times_from_the_start_time():
    agenda = ag.Agenda(
        partner_name="P",
        start_time=dt.time(9, 50),
        items=[
            ag.AgendaItem(topic="Introductions", minutes=10),
            ag.AgendaItem(topic="Tour", minutes=25),
            ag.AgendaItem(topic="Next steps", minutes=0),
        ],
    )
    rows = ag.schedule(agenda)
    assert [r.times for r in rows] == ["09:50-10:00", "10:00-10:25", "10:25-10:25"]
    assert [r.number for r in rows] == [1, 2, 3]
    assert ag.end_time(agenda) == dt.time(10, 25)
    untimed = ag.schedule(agenda.model_copy(update={"start_time": None}))
    assert untimed[0].times == "" and ag.end_time(agenda.model_copy(update={"start_time": None})) is None


def test_move_item_up_and_down_is_clamped_at_the_ends():
    agenda = ag.Agenda(partner_name="P", items=[ag.AgendaItem(id=i, topic=i) for i in "abc"])
    assert [i.id for i in ag.move_item(agenda, "c", -1).items] == ["a", "c", "b"]
    assert [i.id for i in ag.move_item(agenda, "a", -1).items] == ["a", "b", "c"]
    assert [i.id for i in ag.move_item(agenda, "a", 5).items] == ["b", "c", "a"]
    with pytest.raises(KeyError):
        ag.move_item(agenda, "zzz", 1)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"topic": ""}, "Each item's topic is required"),
        ({"topic": "x", "minutes": -5}, "Minutes per item must be a whole number from 0 to 480"),
        ({"topic": "x", "minutes": 481}, "from 0 to 480"),
        ({"topic": "x", "minutes": 2.5}, "valid integer"),
        ({"topic": "x", "lead": "a" * 121}, "Who leads is 121 characters long"),
    ],
)
def test_bad_items_are_refused_with_a_message(fields, message):
    with pytest.raises(ValidationError, match=message):
        ag.AgendaItem(**fields)


def test_blank_minutes_count_as_zero():
    assert ag.AgendaItem(topic="x", minutes=None).minutes == 0
    assert ag.AgendaItem(topic="x", minutes=15.0).minutes == 15


def test_readiness_counts_five_equal_parts():
    agenda = ag.new_agenda("P")
    assert ag.readiness(agenda) == 0
    agenda = agenda.model_copy(
        update={
            "date": dt.date(2025, 5, 1),
            "place": "Our drop-in center",
            "preparation": {"tour": ag.PrepCheck(done=True)},
        }
    )
    agenda.items[0].lead = "Director"
    # date 1 + place 1 + attendees 0 + leads 1/9 + preparation 1/3, over 5
    assert ag.readiness(agenda) == pytest.approx((1 + 1 + 0 + 1 / 9 + 1 / 3) / 5)


def test_agendas_are_created_for_a_partner_and_edited(store):
    ws = make_workspace(store)
    partner = pm.add_partner(store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")
    saved = ag.create_agenda(store, ws.id, partner.record_id)
    assert saved.agenda.partner_key == partner.partner.key
    ag.update_agenda(
        store,
        ws.id,
        saved.record_id,
        date=dt.date(2025, 5, 6),
        start_time=dt.time(10, 0),
        place="Riverbend drop-in center, 12 Water St",
        attendees="Our director, two peer navigators",
    )
    ag.set_preparation(store, ws.id, saved.record_id, "tour", done=True)
    ag.set_preparation(store, ws.id, saved.record_id, "tour", notes="Photos of the mobile unit")
    last = ag.get_agenda(store, ws.id, saved.record_id).items[-1]
    moved = ag.move_saved_item(store, ws.id, saved.record_id, last.id, -8)
    assert moved.items[0].topic == "Other forums and contacts"
    got = ag.get_agenda(store, ws.id, saved.record_id)
    assert got.preparation["tour"] == ag.PrepCheck(done=True, notes="Photos of the mobile unit")
    assert got.items[0].id == last.id and got.place == "Riverbend drop-in center, 12 Water St"
    with pytest.raises(ValidationError):
        ag.update_agenda(store, ws.id, saved.record_id, place="x" * 201)
    assert ag.get_agenda(store, ws.id, saved.record_id).place == "Riverbend drop-in center, 12 Water St"
    progress = ag.agenda_progress(store, ws.id)
    assert progress.share == pytest.approx((1 + 1 + 1 + 0 + 1 / 3) / 5, abs=1e-4)
    ag.delete_agenda(store, ws.id, saved.record_id)
    assert ag.list_agendas(store, ws.id) == []


def test_an_agenda_keeps_the_partner_name_after_the_partner_is_deleted(store):
    ws = make_workspace(store)
    partner = pm.add_partner(store, ws.id, entity_type="hospital", name="Riverbend General Hospital")
    saved = ag.create_agenda(store, ws.id, partner.record_id)
    pm.delete_partner(store, ws.id, partner.record_id)
    assert ag.get_agenda(store, ws.id, saved.record_id).partner_name == "Riverbend General Hospital"


def test_the_word_agenda_is_ready_to_send(store):
    ws = make_workspace(store)
    partner = pm.add_partner(store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")
    saved = ag.create_agenda(store, ws.id, partner.record_id)
    agenda = ag.get_agenda(store, ws.id, saved.record_id)
    agenda.items[0].lead = "Dana (director)\x1b"
    ag.save_agenda(store, ws.id, saved.record_id, agenda)
    ag.update_agenda(
        store,
        ws.id,
        saved.record_id,
        date=dt.date(2025, 5, 6),
        start_time=dt.time(10, 0),
        place="Our drop-in center",
        purpose="Get to know each other.",
    )
    ag.set_preparation(store, ws.id, saved.record_id, "tour", notes="internal: tidy the back room")
    doc = Document(io.BytesIO(agenda_docx(store, ws.id, saved.record_id)))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]
    assert headings == ["Meeting with Riverbend Community Health Center", "Purpose", "Agenda", "Sources"]
    details = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert details["Date"] == "Tuesday, May 6, 2025" and details["Time"] == "10:00-11:00"
    assert details["Attendees"] == "To be confirmed"
    items = doc.tables[1]
    assert [c.text for c in items.rows[0].cells] == ["#", "Time", "Topic", "Who leads", "Minutes"]
    assert [c.text for c in items.rows[1].cells][:2] == ["1", "10:00-10:10"]
    assert (
        items.rows[1].cells[2].text.startswith("Introductions\n“Introductions of all team members")
    )  # still the workbook's words
    assert items.rows[1].cells[3].text == "Dana (director)"
    assert [c.text for c in items.rows[-1].cells] == ["", "", "Total", "", "60"]
    all_text = "\n".join(p.text for p in doc.paragraphs)
    assert "tidy the back room" not in all_text  # internal preparation stays out unless asked for
    with_prep = Document(io.BytesIO(agenda_docx(store, ws.id, saved.record_id, include_preparation=True)))
    assert "Give them a tour (to do): internal: tidy the back room" in [p.text for p in with_prep.paragraphs]


def test_item_edits_from_the_table_are_applied_row_by_row(store):
    ws = make_workspace(store)
    partner = pm.add_partner(store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")
    saved = ag.create_agenda(store, ws.id, partner.record_id)
    errors = ag.apply_item_edits(
        store,
        ws.id,
        saved.record_id,
        {
            "edited_rows": {0: {"lead": "Director", "minutes": 15.0}, 1: {"minutes": -3}},
            "added_rows": [{"topic": "Lunch", "minutes": None}],
            "deleted_rows": [8],
        },
    )
    assert errors == ["Row 2: Minutes per item must be a whole number from 0 to 480. The change was not saved."]
    agenda = ag.get_agenda(store, ws.id, saved.record_id)
    assert (agenda.items[0].lead, agenda.items[0].minutes) == ("Director", 15)
    assert agenda.items[1].minutes == 5
    assert [i.topic for i in agenda.items][-2:] == ["Next steps to formalize the partnership", "Lunch"]
    assert agenda.items[-1].minutes == 0
    assert ag.total_minutes(agenda) == 60 + 5 - 5  # +5 on introductions, -5 for the deleted last item


def test_details_still_in_the_workbooks_words_are_marked_as_a_quote_and_a_teams_own_are_not():
    suggested = ag.content().discussion[5]
    assert suggested.quote == "Share your value proposition"
    assert ag.marked_details("Share your value proposition") == "“Share your value proposition”"
    assert ag.marked_details("Share  your value\nproposition") == "“Share  your value\nproposition”"
    assert ag.marked_details("Share our deck, 10 slides") == "Share our deck, 10 slides"
