"""Step 8 page: creating an agenda for a partner, details, preparation, items, reordering, total, export."""

import datetime as dt

import pytest

from core.hrh import agenda as ag
from core.hrh import partners as pm
from tests.pages.editing import edit_table, errors

PAGE = "pages/hrh/agenda.py"


def test_without_partners_the_page_points_to_step_7(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert "First add the partner you want to meet" in at.info[0].value
    assert at.page_link[0].value == "Step 7: Mapping out potential partners"


@pytest.fixture
def with_agenda(app_with_workspace):
    app, ws = app_with_workspace
    partner = pm.add_partner(app.store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")
    at = app.page(PAGE)
    assert "Choose a partner and create the agenda" in at.info[0].value
    at.button(key="agenda__create").click().run()
    assert not at.exception
    [saved] = ag.list_agendas(app.store, ws.id)
    assert saved.agenda.partner_key == partner.partner.key
    return app, ws, at, saved.record_id


def test_a_new_agenda_has_the_suggested_items_and_an_hour(with_agenda):
    _, _, at, rid = with_agenda
    items = at.data_editor(key=f"agenda__items__{rid}").value
    assert items["topic"].tolist()[0] == "Introductions" and len(items) == 9
    assert any(m.value == "**Total: 60 minutes**" for m in at.markdown)


def test_details_save_as_typed_and_bad_ones_are_refused(with_agenda):
    app, ws, at, rid = with_agenda
    at.date_input(key=f"agenda__{rid}__date").set_value(dt.date(2026, 12, 8)).run()
    at.time_input(key=f"agenda__{rid}__start_time").set_value(dt.time(10, 0)).run()
    at.text_input(key=f"agenda__{rid}__place").input("Our drop-in center").run()
    at.text_input(key=f"agenda__{rid}__title").input("x" * 250).run()
    assert not at.exception
    agenda = ag.get_agenda(app.store, ws.id, rid)
    assert (agenda.date, agenda.start_time, agenda.place, agenda.title) == (
        dt.date(2026, 12, 8),
        dt.time(10, 0),
        "Our drop-in center",
        "",
    )
    assert any("The meeting's title is 250 characters long; the limit is 200." in e for e in errors(at))
    assert any(m.value == "**Total: 60 minutes** (ends at 11:00)" for m in at.markdown)


def test_preparation_is_ticked_with_notes(with_agenda):
    app, ws, at, rid = with_agenda
    at.checkbox(key=f"agenda__{rid}__prep__tour").check().run()
    at.text_input(key=f"agenda__{rid}__prep__tour__notes").input("Photos of the mobile unit").run()
    assert ag.get_agenda(app.store, ws.id, rid).preparation["tour"] == ag.PrepCheck(
        done=True, notes="Photos of the mobile unit"
    )


def test_items_are_edited_added_deleted_and_totalled(with_agenda):
    app, ws, at, rid = with_agenda
    at = edit_table(
        at,
        f"agenda__items__{rid}",
        edited={0: {"lead": "Director", "minutes": 15}},
        added=[{"topic": "Tour of the drop-in", "minutes": 20}],
        deleted=[8],
    )
    assert not at.exception
    agenda = ag.get_agenda(app.store, ws.id, rid)
    assert agenda.items[0].lead == "Director" and agenda.items[-1].topic == "Tour of the drop-in"
    assert ag.total_minutes(agenda) == 60 + 5 + 20 - 5
    assert any(m.value == "**Total: 80 minutes**" for m in at.markdown)
    at = edit_table(at, f"agenda__items__{rid}", edited={1: {"minutes": -10}})
    assert any("Row 2: Minutes per item must be a whole number from 0 to 480" in e for e in errors(at))
    assert ag.get_agenda(app.store, ws.id, rid).items[1].minutes == 5


def test_items_move_up_and_down(with_agenda):
    app, ws, at, rid = with_agenda
    last = ag.get_agenda(app.store, ws.id, rid).items[-1]
    at.selectbox(key=f"agenda__{rid}__move").set_value(last.id).run()
    at.button(key=f"agenda__{rid}__move_up").click().run()
    assert not at.exception
    topics = [i.topic for i in ag.get_agenda(app.store, ws.id, rid).items]
    assert topics[-2:] == ["Other forums and contacts", "Next steps to formalize the partnership"]
    assert at.data_editor(key=f"agenda__items__{rid}").value["topic"].tolist()[-1] == (
        "Next steps to formalize the partnership"
    )


def test_the_word_export_and_deleting_an_agenda(with_agenda):
    app, ws, at, rid = with_agenda
    assert at.get("download_button")[0].proto.label == "Download the agenda (Word)"
    at.button(key=f"agenda__{rid}__delete").click().run()
    assert not at.exception
    assert ag.list_agendas(app.store, ws.id) == []


def test_the_workbooks_items_are_quoted_and_the_minutes_are_said_to_be_the_apps(app_with_workspace):
    app, workspace = app_with_workspace
    pm.add_partner(app.store, workspace.id, entity_type="fqhc", name="Riverbend Community Health Center")
    at = app.page("pages/hrh/agenda.py")
    at.button(key="agenda__create").click().run()
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "> “You’re almost there\\!" in md
    assert "The minutes beside each suggested item are the app's own starting point" in md
    assert any(
        c.value.startswith("“If you have space, bring them to your site\\.")
        and "Harm Reduction is Healthcare workbook" in c.value
        for c in at.caption
    )
    credit = next(c.value for c in at.caption if "Quoted on this page" in c.value)
    assert "Tracy Pugh" in credit


def test_a_partner_added_elsewhere_shows_after_the_partners_were_kept(app_with_workspace):
    app, ws = app_with_workspace
    at = app.page(PAGE)
    at.run()  # a rerun on the same data: the partners and agendas kept for this version of it
    assert "First add the partner you want to meet" in at.info[0].value
    pm.add_partner(app.store, ws.id, entity_type="fqhc", name="Riverbend Community Health Center")  # another window
    at.run()
    assert not at.exception
    assert at.selectbox(key="agenda__partner").options == ["Riverbend Community Health Center"]
