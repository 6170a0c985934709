"""The money story: finished Step 6 scenarios and 5x planner scenarios, each figure with its source.
Expected values are worked by hand in the comments, never taken from the code under test."""

from __future__ import annotations

from decimal import Decimal

from core.care_model import five_x_planner
from core.hrh import cost_benefit as cb
from core.hrh import services
from core.money_story import money_story
from tests.conftest import make_workspace


def billing_scenario(store, workspace_id: str, name: str = "Bill it ourselves", *, fte: str = "1") -> str:
    """Naloxone, 100 a month (Step 3), all Medicaid managed care at $50; everything billed and collected.

    Revenue a month = 100 x $50 = $5,000. Costs a month = FTE x $24,000 / 12 + EHR $500 + credentialing
    $1,200 / 12 = $2,000 x FTE + $600.
    """
    rows = {r.service_id: r for r in services.service_map(store, workspace_id)}
    services.save_service_row(
        store,
        workspace_id,
        rows["naloxone"].model_copy(
            update={"services_per_month": 100, "clients_per_month": 60, "currently_offer": True}
        ),
    )
    saved = cb.create_scenario(store, workspace_id, name)
    rid = saved.record_id
    cb.set_payer_share(store, workspace_id, rid, "medicaid_mco", 100)
    cb.update_service(store, workspace_id, rid, "naloxone", "Naloxone", rates={"medicaid_mco": 50})
    for field, value in {
        "billable_share": 100,
        "denial_rate": 0,
        "collection_rate": 100,
        "billing_fte": fte,
        "billing_cost_per_fte": 24_000,
        "ehr_per_month": 500,
        "credentialing_per_year": 1_200,
        "startup_cost": 0,
        "enrolment_hours_per_month": 0,
        "enrolment_hourly_cost": 0,
    }.items():
        cb.set_input(store, workspace_id, rid, field, value)
    return rid


def care_scenario(store, workspace_id: str) -> None:
    """One peer role, caseload 25, $50,000 + 20% fringe = $60,000 a full-time post; no overhead, fixed or start-up
    costs; every patient engages and saves $3,000 a year (a known figure)."""
    five_x_planner.rename_scenario(store, workspace_id, "a", "Peer care")
    five_x_planner.save_role_edits(
        store,
        workspace_id,
        "a",
        {"added_rows": [{"role": "Peer", "caseload": 25, "salary": 50_000, "fringe_pct": 20}]},
    )
    for path, value in {
        "overhead_pct": 0,
        "fixed_costs": 0,
        "startup_cost": 0,
        "engagement_pct": 100,
        "reported_savings_per_patient": 3_000,
    }.items():
        five_x_planner.save_field(store, workspace_id, "a", path, value)


def test_an_empty_workspace_has_no_money_story(sqlite_store):
    workspace = make_workspace(sqlite_store)
    story = money_story(sqlite_store, workspace.id)
    assert story.empty and story.billing == [] and story.care == [] and story.unfinished == []


def test_a_finished_billing_scenario_brings_its_verdict_break_even_and_source(sqlite_store):
    workspace = make_workspace(sqlite_store)
    billing_scenario(sqlite_store, workspace.id)
    [s] = money_story(sqlite_store, workspace.id).billing
    # revenue $5,000; costs $2,000 + $600 = $2,600; net $2,400 a month, x 12 = $28,800 a year
    assert (s.revenue_month, s.cost_month, s.net_month) == (Decimal(5000), Decimal(2600), Decimal(2400))
    assert (s.revenue_year, s.cost_year, s.net_year) == (Decimal(60000), Decimal(31200), Decimal(28800))
    # no start-up and no ramp-up: the first year is twelve steady months
    assert s.first_year_net == Decimal(28800)
    assert s.break_even_month == "Month 1"
    # fixed costs $2,600 / $50 left by each billed service = 52 services a month
    assert s.break_even_volume == "52"
    # 20% worse on any one estimate: the rate at $40 still leaves $4,000 - $2,600 = $1,400
    assert s.verdict_kind == "pays" and s.headline == "Direct billing pays for itself at your estimates"
    assert s.source == "Step 6, direct billing cost-benefit, scenario “Bill it ourselves”"
    assert [(f.label, f.shown) for f in s.figures] == [
        ("Net a month at full volume", "$2,400"),
        ("First-year net (months 1-12)", "$28,800"),
        ("Break-even month", "Month 1"),
        ("Break-even: billed services a month", "52"),
    ]


def test_scenarios_side_by_side_and_on_one_yearly_scale(sqlite_store):
    workspace = make_workspace(sqlite_store)
    rid = billing_scenario(sqlite_store, workspace.id)
    partner = cb.create_scenario(sqlite_store, workspace.id, "With a partner", copy_of=rid)
    cb.set_input(sqlite_store, workspace.id, partner.record_id, "billing_fte", "0.5")
    care_scenario(sqlite_store, workspace.id)
    story = money_story(sqlite_store, workspace.id)
    headers, rows = story.comparison()
    assert headers == ["Direct billing", "Bill it ourselves", "With a partner"]
    # half a post: $1,000 + $600 = $1,600 a month; net $5,000 - $1,600 = $3,400, $40,800 a year
    assert rows[1] == ["Billing costs a month", "$2,600", "$1,600"]
    assert rows[2] == ["Net a month", "$2,400", "$3,400"]
    assert rows[3] == ["Net a year", "$28,800", "$40,800"]
    # $1,600 / $50 = 32 services a month
    assert rows[6] == ["Break-even volume a month", "52", "32"]
    categories, series = story.year_bars()
    assert categories == [
        "Billing: Bill it ourselves",
        "Billing: With a partner",
        "Care program: Peer care (125 patients)",
    ]
    # care program at 125 patients: 125 x $3,000 = $375,000 saved; 125 / 25 = 5 posts x $60,000 = $300,000
    assert series == {
        "Brought in or saved a year": [Decimal(60000), Decimal(60000), Decimal(375000)],
        "Costs a year": [Decimal(31200), Decimal(19200), Decimal(300000)],
    }


def test_the_care_program_leads_with_125_patients_and_names_its_source(sqlite_store):
    workspace = make_workspace(sqlite_store)
    care_scenario(sqlite_store, workspace.id)
    [c] = money_story(sqlite_store, workspace.id).care
    assert [k.patients for k in c.cohorts] == [5, 25, 125, 625]
    h = c.headline
    assert h.patients == 125
    # net $375,000 - $300,000 = $75,000 a year; ROI = 75,000 / 300,000 = 25%; margin = 75,000 / 375,000 = 20%
    assert (h.steady_year_savings, h.steady_year_cost, h.steady_year_net) == (
        Decimal(375000),
        Decimal(300000),
        Decimal(75000),
    )
    assert (h.roi, h.margin, h.break_even_month) == ("25%", "20%", "Month 1")
    # 5 patients still need a whole post: $15,000 saved against $60,000, a loss of $45,000
    assert c.cohorts[0].steady_year_net == Decimal(-45000)
    assert c.figures[2].shown == "$75,000"
    assert c.figures[2].source == "Stage 5, the 5x planner, scenario “Peer care”, 125 patients"


def test_the_teams_own_cohort_size_is_the_headline(sqlite_store):
    workspace = make_workspace(sqlite_store)
    care_scenario(sqlite_store, workspace.id)
    five_x_planner.save_field(sqlite_store, workspace.id, "a", "custom_cohort", 50)
    [c] = money_story(sqlite_store, workspace.id).care
    # 50 patients: 2 posts, $120,000; saved 50 x $3,000 = $150,000; net $30,000
    assert c.headline.patients == 50 and c.headline.steady_year_net == Decimal(30000)


def test_unfinished_scenarios_are_left_out_and_named(sqlite_store):
    workspace = make_workspace(sqlite_store)
    cb.create_scenario(sqlite_store, workspace.id, "Half done")
    five_x_planner.rename_scenario(sqlite_store, workspace.id, "b", "Started")
    five_x_planner.save_field(sqlite_store, workspace.id, "b", "overhead_pct", 10)
    story = money_story(sqlite_store, workspace.id)
    assert story.empty
    assert story.unfinished == [
        "Step 6, direct billing cost-benefit, scenario “Half done”",
        "Stage 5, the 5x planner, scenario “Started”",
    ]
