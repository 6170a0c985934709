"""A realistic workspace for the document tests: a small syringe services program (3 staff, about 400
people a month) that worked Steps 1-6 and the 5x planner as a new user would, built through the same
core functions the pages call. Its director then edited the draft: reworded "What it takes" and added
a section of her own ("The ask in one line"). Made-up program; no client names, no birth dates."""

from __future__ import annotations

import datetime as dt

from core.care_model import five_x_planner
from core.hrh import cost_benefit as cb
from core.hrh import services, what_it_takes
from core.hrh import value_proposition as vp
from core.store import answers, workspaces
from core.store.workspaces import WorkspaceProfile
from tests.conftest import PASSPHRASE
from tests.core.vp_workspace import answer_readiness

NAME = "Harbor Street Syringe Services"
ABOUT = (
    "A peer-run syringe services program with three staff, open five days a week from a storefront on Harbor "
    "Street and two evenings from a van. About 400 people come to us each month."
)
SERVICES = {  # service id: (services a month, people a month, today?)
    "naloxone": (420, 310, True),
    "wound_care": (140, 60, True),
    "hcv_testing": (45, 45, True),
    "case_management_coordination": (90, 40, True),
    "peer_navigation": (120, 70, True),
    "benefits_enrollment": (25, 25, False),
}
THEMES = {  # 16 answers, as a team writes them in its first workshop
    "mission_values.aim": "Overdose deaths and untreated wounds among people who use drugs downtown.",
    "mission_values.strategic_areas": "Syringe access, overdose prevention, wound care, and navigation to care.",
    "mission_values.values": "Dignity, no strings attached, nothing about us without us.",
    "mission_values.serve_directly": "People who inject drugs, many of them living outside or in shelters.",
    "mission_values.racial_justice": "Two of our three staff are from the neighborhoods we serve; we report by race.",
    "services.nobody_else": "Anonymous syringe services and wound care on the street, five days a week.",
    "services.wrap_around": "Showers twice a week, phone charging, mail for people without an address.",
    "services.linked": "Hepatitis C treatment and buprenorphine at Riverbend Community Health Center.",
    "services.partnerships": "A referral agreement with Riverbend; the county health department's outreach nurse.",
    "staffing.capacity": "Three staff: a director, a peer navigator and a part-time nurse.",
    "staffing.outreach": "Street outreach twice a week and the van on Tuesday and Thursday evenings.",
    "staffing.insurance_time": "About six hours a week turning insurance back on.",
    "systems.data_collected": "Visits, supplies given, naloxone reversals reported, referrals made.",
    "systems.gaps": "We cannot see whether a referral became an appointment.",
    "culture.privacy": "That nothing with a name leaves us without the person's say.",
    "partnerships.partnership_values": "Respect for low-threshold care; payment for the work, not just thanks.",
}
CHOSEN = ["mission_values.values", "services.wrap_around", "staffing.capacity"]  # for the documents
NOT_CHOSEN = "About six hours a week turning insurance back on."
FRAMING = {
    "community_health": "Fewer overdose deaths and fewer syringes in parks.",
    "acute_care": "We treat wounds before they become admissions for sepsis.",
    "care_coordination": "Our navigator walks people to their first appointment.",
    "chronic_conditions": "We test for hepatitis C and keep people in treatment.",
}
WHAT_IT_TAKES = (
    "Five contacts over two weeks before most people accept a referral.\n\n"
    "It takes a peer who has been there, a phone that works, and a ride."
)
ASK_LINE = "Fund one peer navigator for two years: $142,000."
DECK = {
    "ask": "A co-funded peer navigator position: $142,000 over two years (salary, fringe and a phone), "
    "starting in the next quarter.",
    "next_steps": "A site visit in June; a six-month pilot with your emergency department from September.",
    "contact": "Program director, director@harborstreet.example, 555-0142",
}


def build(store):
    """The workspace, with every step above filled in; returns it."""
    profile = WorkspaceProfile(
        name=NAME,
        org_type="syringe_services_program",
        state="Oregon",
        populations=["people_who_use_drugs", "unhoused", "hiv_hcv", "uninsured"],
    )
    ws = workspaces.create_workspace(store, profile, PASSPHRASE)
    answers.save_text(store, ws.id, "workspace", "about", ABOUT)
    answer_readiness(store, ws.id)  # Step 2
    rows = {r.service_id: r for r in services.service_map(store, ws.id)}
    for service_id, (per_month, people, today) in SERVICES.items():  # Step 3
        services.save_service_row(
            store,
            ws.id,
            rows[service_id].model_copy(
                update={
                    "services_per_month": per_month,
                    "clients_per_month": people,
                    "currently_offer": today,
                    "potentially_offer": not today,
                }
            ),
        )
    c = what_it_takes.add_conversation(  # Step 4
        store,
        ws.id,
        what_it_takes.Conversation(guide_id="care_team", held_on=dt.date(2025, 3, 4), group="All three staff"),
    )
    answers.save_text(
        store,
        ws.id,
        what_it_takes.notes_section("care_team"),
        what_it_takes.note_prompt(c.record_id, "trust"),
        "Trust is weekly.",
    )
    insights = {
        "what_it_takes": "Five contacts over two weeks before a referral is accepted.",
        "barriers": "Lapsed Medicaid and no phone.",
        "unique_value": "People trust us with what they tell no clinic.",
    }
    for insight_id, text in insights.items():
        answers.save_text(store, ws.id, what_it_takes.INSIGHTS_SECTION, insight_id, text)
    for statement, count in (  # Step 5
        ("substance_use_outcomes", 1850),
        ("emergency_use", 600),
        ("chronic_conditions", 240),
        ("treatment_interest", 90),
    ):
        vp.save_population(store, ws.id, statement, vp.PopulationAnswer(served=True, count=count))
    for key, text in THEMES.items():
        theme_id, _, question = key.partition(".")
        answers.save_text(store, ws.id, vp.theme(theme_id).section, question, text)
    vp.save_theme_choice(store, ws.id, CHOSEN)
    for outcome, text in FRAMING.items():
        answers.save_text(store, ws.id, vp.FRAMING_SECTION, outcome, text)
    answers.save_text(store, ws.id, vp.EQUITY_SECTION, vp.EQUITY_PROMPT, "We report who we reach by race and language.")
    for prompt, text in DECK.items():
        answers.save_text(store, ws.id, vp.DECK_SECTION, prompt, text)
    _cost_benefit(store, ws.id)  # Step 6
    _five_x(store, ws.id)
    vp.assemble_and_save(store, ws.id)
    draft, _ = vp.current_draft(store, ws.id)
    sections = vp.parse_draft(draft)
    edited = "\n\n".join(f"## {s.heading}\n\n{WHAT_IT_TAKES if s.id == 'what_it_takes' else s.body}" for s in sections)
    answers.save_text(
        store, ws.id, vp.DRAFT_SECTION, vp.DRAFT_PROMPT, f"{edited}\n\n## The ask in one line\n\n{ASK_LINE}"
    )
    return ws


def _cost_benefit(store, workspace_id: str) -> None:
    """Two finished scenarios: billing Medicaid ourselves, and the same with a billing partner."""
    own = cb.create_scenario(store, workspace_id, "Bill Medicaid ourselves").record_id
    mix = {"medicaid_mco": 62, "medicaid_ffs": 10, "medicare": 3, "commercial": 5, "uninsured": 20}
    for payer, share in mix.items():
        cb.set_payer_share(store, workspace_id, own, payer, share)
    rates = {
        "case_management_coordination": ("Case management – Care coordination", 38),
        "peer_navigation": ("In-person advocacy/navigation to appointments", 24),
        "hcv_testing": ("Hepatitis C testing", 18),
    }
    for key, (name, rate) in rates.items():
        cb.update_service(
            store,
            workspace_id,
            own,
            key,
            name,
            rates={payer: 0 if payer == "medicare" else rate for payer in cb.billable_payer_ids()},
        )
    for key, name in (
        ("naloxone", "Naloxone"),
        ("wound_care", "Wound care & treatment"),
        ("benefits_enrollment", "Enrollment in benefits"),
    ):
        cb.update_service(store, workspace_id, own, key, name, billed=False)
    for field, value in {
        "billable_share": 80,
        "denial_rate": 12,
        "collection_rate": 92,
        "billing_fte": "0.5",
        "billing_cost_per_fte": 52_000,
        "ehr_per_month": 400,
        "credentialing_per_year": 2_500,
        "startup_cost": 12_000,
        "startup_months": 6,
        "enrolment_hours_per_month": 20,
        "enrolment_hourly_cost": 24,
    }.items():
        cb.set_input(store, workspace_id, own, field, value)
    partner = cb.create_scenario(store, workspace_id, "With a billing partner", copy_of=own).record_id
    for field, value in {"billing_fte": "0.1", "collection_rate": 85, "startup_cost": 4_000}.items():
        cb.set_input(store, workspace_id, partner, field, value)


def _five_x(store, workspace_id: str) -> None:
    five_x_planner.rename_scenario(store, workspace_id, "a", "Peer care managers with Riverbend")
    five_x_planner.save_role_edits(
        store,
        workspace_id,
        "a",
        {"added_rows": [{"role": "Peer care manager", "caseload": 25, "salary": 46_000, "fringe_pct": 25}]},
    )
    for path, value in {
        "ed.baseline": 6,
        "ed.cost": 1_400,
        "ed.reduction_pct": 35,
        "hospital_days.baseline": 3,
        "hospital_days.cost": 2_600,
        "hospital_days.reduction_pct": 25,
        "engagement_pct": 60,
        "overhead_pct": 15,
        "fixed_costs": 12_000,
        "startup_cost": 8_000,
        "ramp_up_months": 3,
    }.items():
        five_x_planner.save_field(store, workspace_id, "a", path, value)
