"""The demo workspace's steps 6-9, built through the same core functions as the pages."""

import datetime as dt
from decimal import Decimal as D

from core import demo
from core.hrh import advocate as adv
from core.hrh import agenda as ag
from core.hrh import cost_benefit as cb
from core.hrh import financing_adventure as fa
from core.hrh import partners as pm


def test_the_demo_fills_steps_6_to_9(sqlite_store):
    ws = demo.create_demo(sqlite_store)
    path = fa.workspace_path(sqlite_store, ws.id)
    assert path.stop.id == "ready_for_partners"
    assert fa.saved_answers(sqlite_store, ws.id)["cost_benefit_done"] == "yes"  # the other road is remembered

    survey = cb.get_survey(sqlite_store, ws.id)
    assert (survey.answered, survey.unknown) == (200, 15)
    evaluations = {e.name: e for _, e in cb.evaluate_all(sqlite_store, ws.id)}
    ourselves, partner = evaluations["Bill Medicaid ourselves"], evaluations["With a billing partner"]
    # collected share 0.8 x 0.88 x 0.92; see data/demo.yaml for the volumes, rates and costs. Steady state (start-up
    # over): staff 62,000 / 12 = 5,166.67 + EHR 900 + credentialing 4,000 / 12 = 333.33 + enrolment 40 x 24 = 960:
    # 7,360 a month. The 25,000 of start-up is paid over months 1-12 (2,083.33 a month), once.
    assert ourselves.result.monthly_revenue == D("8690.89") and ourselves.result.monthly_cost == D("7360.00")
    # first year: 12 x (8,690.89 - 7,360) - 25,000 = -9,029.27 (exact: 12 x 8,690.8939... = 104,290.73)
    assert ourselves.result.first_year_net == D("-9029.27") and ourselves.result.break_even_month == 19
    assert ourselves.verdict.kind == "fragile"
    # the partner: 0.25 x 62,000 / 12 + 300 + 333.33 + 960 = 2,885 a month
    assert partner.result.monthly_net == D("5144.63") and partner.verdict.kind == "pays"

    partners = pm.list_partners(sqlite_store, ws.id)
    assert len(partners) == 7 and {p.partner.entity_type for p in partners} == {
        "fqhc",
        "hospital",
        "mco",
        "aco",
        "health_department",
        "other",
    }
    clinic = next(p for p in partners if p.partner.name == "Riverbend Community Health Center")
    assert clinic.partner.research_done == 4
    assert pm.research_notes(sqlite_store, ws.id, clinic.partner)["appointment"].startswith("Booking online")

    [agenda] = ag.list_agendas(sqlite_store, ws.id)
    assert agenda.agenda.partner_key == clinic.partner.key
    assert agenda.agenda.date == dt.date.today() + dt.timedelta(days=14)
    assert agenda.agenda.items[0].lead == "Executive director" and ag.total_minutes(agenda.agenda) == 60

    seats = [s for _, s in adv.list_rows(sqlite_store, ws.id, adv.Seat)]
    assert [s.name for s in adv.upcoming_seats(seats, dt.date.today())][0] == "Tamarack County overdose fatality review"
    assert adv.messages_ready(adv.message_texts(sqlite_store, ws.id)) == ["legislators", "funders", "health_systems"]


def test_a_backup_restored_as_a_copy_keeps_research_notes_and_the_agendas_partner(sqlite_store):
    """A copy gives every row a new id; steps 6-9 refer to partners by a key inside their record instead."""
    from core.export import backup

    ws = demo.create_demo(sqlite_store)
    copy_id = backup.restore_copy(sqlite_store, backup.export_workspace(sqlite_store, ws.id), "a copy passphrase")
    assert copy_id != ws.id
    partners = {p.partner.key: p for p in pm.list_partners(sqlite_store, copy_id)}
    [agenda] = ag.list_agendas(sqlite_store, copy_id)
    clinic = partners[agenda.agenda.partner_key]
    assert clinic.partner.name == "Riverbend Community Health Center"
    assert pm.research_notes(sqlite_store, copy_id, clinic.partner)["appointment"].startswith("Booking online")
    evaluations = {e.name: e for _, e in cb.evaluate_all(sqlite_store, copy_id)}
    assert evaluations["With a billing partner"].result.monthly_net == D("5144.63")
