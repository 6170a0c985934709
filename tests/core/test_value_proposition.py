"""Step 5: content faithful to the workbook, the population checklist, the pure draft assembler,
and saving the draft without ever overwriting a person's edits unasked."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from core import sources
from core.hrh import services, what_it_takes
from core.hrh import value_proposition as vp
from core.hrh.readiness_link import Strength
from core.money_story import BillingScenario, MoneyStory
from core.store import answers
from core.text import MAX_TEXT_CHARS

SEED = sources.sources_dir() / "harm-reduction-is-healthcare-workbook.txt"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- content


def test_six_themes_with_every_question_of_the_workbook():
    content = vp.content()
    assert [t.title for t in content.themes] == [
        "Mission & Values",
        "Services",
        "Staffing",
        "Systems",
        "Culture",
        "Partnerships",
    ]
    # questions + follow-up questions per theme, counted in the workbook
    assert [len(t.all_questions()) for t in content.themes] == [5, 4, 6, 8, 6, 4]
    assert [o.text for o in content.framing.outcomes] == [
        "Improve the health of the community at large",
        "Reduce hospital admissions or acute care episodes",
        "Improve care coordination and linkage",
        "Improve management of chronic conditions",
    ]
    assert len(content.populations.statements) == 4
    assert content.entails[3].quote.startswith("Example value proposition: Check out this powerpoint from Washington")


def test_every_instrument_text_is_verbatim_from_the_workbook():
    seed = _norm(SEED.read_text(encoding="utf-8"))
    content = vp.content()
    texts = [q for t in content.themes for _, q, _ in t.all_questions()]
    texts += [s.text for s in content.populations.statements] + [o.text for o in content.framing.outcomes]
    texts += [q.quote for q in (content.framing.lead, content.framing.close, content.equity.guidance)]
    texts += [content.populations.lead.quote, *(e.quote for e in content.entails)]
    assert [t for t in texts if _norm(t) not in seed] == []


# ---------------------------------------------------------------- population checklist


def test_population_answers_round_trip_and_unchecked_ones_default_to_not_served(store, workspace):
    vp.save_population(store, workspace.id, "chronic_conditions", vp.PopulationAnswer(served=True, count=310))
    saved = vp.get_populations(store, workspace.id)
    assert saved["chronic_conditions"] == vp.PopulationAnswer(served=True, count=310)
    assert saved["emergency_use"] == vp.PopulationAnswer(served=False, count=None)


@pytest.mark.parametrize("count", [-1, vp.MAX_COUNT + 1])
def test_a_negative_or_absurd_count_is_refused(count):
    with pytest.raises(ValidationError):
        vp.PopulationAnswer(served=True, count=count)


def test_an_unknown_population_statement_is_refused(store, workspace):
    with pytest.raises(ValueError, match="not one of the population statements"):
        vp.save_population(store, workspace.id, "everyone", vp.PopulationAnswer(served=True))


# ---------------------------------------------------------------- the draft (pure)


def _inputs(**changes) -> vp.DraftInputs:
    base = vp.DraftInputs(
        organization="Northside Outreach",
        org_type="Syringe services program",
        state="Ohio",
        about="Peer-led since 2016.",
        profile_populations=["People who use drugs", "People experiencing homelessness or unstable housing"],
        populations=[
            vp.PopulationServed(short="Substance use and related health risks", text="...", count=1850),
            vp.PopulationServed(short="Repeat use of emergency services", text="..."),
        ],
        services=[
            vp.ServiceVolume(
                name="Naloxone", category="Preventative", services_per_month=400, clients_per_month=250, current=True
            ),
            vp.ServiceVolume(
                name="Wound care", category="Medical", services_per_month=120, clients_per_month=45, current=True
            ),
            vp.ServiceVolume(
                name="HIV testing", category="Medical", services_per_month=30, clients_per_month=30, current=False
            ),
        ],
        insights={
            "what_it_takes": "Five contacts over two weeks.",
            "barriers": "Lapsed Medicaid.",
            "unique_value": "Trust.",
        },
        strengths=[Strength(domain="Mission & Values", mean=3.625), Strength(domain="Relationships", mean=3.5)],
        framing=[
            vp.FramingAnswer(
                id="acute_care",
                outcome="Reduce hospital admissions or acute care episodes",
                answer="We catch wounds early.",
            ),
            vp.FramingAnswer(id="chronic_conditions", outcome="Improve management of chronic conditions"),
        ],
        equity="We under-reach Latino neighborhoods and are changing that.",
        theme_answers={"mission_values.aim": "Overdose deaths.", "services.nobody_else": "Anonymous syringe services."},
        story=MoneyStory(
            billing=[
                BillingScenario(
                    name="Bill Medicaid",
                    source="Step 6, direct billing cost-benefit, scenario “Bill Medicaid”",
                    verdict_kind="pays",
                    headline="Direct billing pays for itself at your estimates",
                    verdict_text="...",
                    revenue_month=5000,
                    cost_month=2600,
                    net_month=2400,
                    revenue_year=60000,
                    cost_year=31200,
                    net_year=28800,
                    first_year_net=-1200,
                    break_even_month="Month 14",
                    break_even_volume="52",
                    billed_volume=100,
                )
            ]
        ),
    )
    return base.model_copy(update=changes)


def test_the_draft_tells_the_story_from_every_step():
    draft = vp.assemble_draft(_inputs())
    bodies = {s.id: s.body for s in draft.sections}
    assert list(bodies) == list(vp.SECTION_HEADINGS)
    assert bodies["who_we_are"] == (
        "Northside Outreach is a syringe services program in Ohio.\n\nPeer-led since 2016.\n\n"
        "What we aim to address: Overdose deaths."
    )
    assert bodies["who_we_serve"] == (
        "We serve people who use drugs and people experiencing homelessness or unstable housing.\n\n"
        "Many of the people we serve live with:\n"
        "- Substance use and related health risks (about 1,850 people in the last 12 months)\n"
        "- Repeat use of emergency services"
    )
    # 400 + 120 = 520 services a month today; HIV testing is only "could offer"
    assert bodies["what_we_offer"] == (
        "Each month we provide about 520 services across 2 service lines (our own estimates):\n"
        "- Naloxone: about 400 a month for about 250 people\n"
        "- Wound care: about 120 a month for about 45 people\n\n"
        "With support we could also offer: HIV testing (about 30 a month).\n\n"
        "Services nobody else in our community offers: Anonymous syringe services."
    )
    assert bodies["worth"] == (
        "Our own estimates, from the workbook's cost models:\n"
        "- Direct billing, “Bill Medicaid”: direct billing pays for itself at your estimates; $2,400 a month at "
        "full volume, -$1,200 in the first year; break-even: month 14."
    )
    assert bodies["what_it_takes"] == "Five contacts over two weeks.\n\nLapsed Medicaid."
    assert bodies["what_we_bring"] == "Trust."
    assert bodies["strengths"] == (
        "Our organizational readiness assessment shows our strongest areas are "
        "Mission & Values (3.6 of 4) and Relationships (3.5 of 4)."
    )
    assert bodies["value"] == "To reduce hospital admissions or acute care episodes: We catch wounds early."
    assert bodies["equity"] == "We under-reach Latino neighborhoods and are changing that."
    assert draft.missing == []


def test_an_empty_workspace_gets_a_short_draft_and_a_list_of_what_to_add():
    draft = vp.assemble_draft(vp.DraftInputs(organization="New Program", org_type="Other"))
    assert [(s.id, s.body) for s in draft.sections] == [("who_we_are", "New Program is an organization.")]
    assert len(draft.missing) == 8
    assert "Finish a direct billing cost-benefit scenario (Step 6) or the 5x planner (Stage 5)" in draft.missing[2]
    assert "Add the services you offer with monthly volumes in Step 3." in draft.missing


def test_who_we_are_never_says_the_organization_sentence_twice():
    about = "Northside Outreach is a peer-led syringe services program in Ohio since 2016."
    body = vp.assemble_draft(_inputs(about=about)).sections[0].body
    assert body == f"{about}\n\nWhat we aim to address: Overdose deaths."


def test_the_draft_text_parses_back_into_its_sections():
    draft = vp.assemble_draft(_inputs())
    assert vp.parse_draft(draft.text) == draft.sections


def test_an_edited_draft_keeps_its_own_headings_and_a_preamble():
    sections = vp.parse_draft("For Riverbend Hospital.\n\n## Who we serve\n\nEveryone.\n## Our ask\nTwo navigators.")
    assert [(s.id, s.heading, s.body) for s in sections] == [
        ("", "", "For Riverbend Hospital."),
        ("who_we_serve", "Who we serve", "Everyone."),
        ("", "Our ask", "Two navigators."),
    ]


def test_long_answers_are_clipped_so_the_draft_always_fits_one_answer():
    huge = "word " * 4000  # 20,000 characters
    draft = vp.assemble_draft(
        _inputs(about=huge, equity=huge, insights={k: huge for k in ("what_it_takes", "barriers", "unique_value")})
    )
    assert len(draft.text) <= MAX_TEXT_CHARS
    assert {s.id: s.body for s in draft.sections}["equity"].endswith("word…")
    assert len({s.id: s.body for s in draft.sections}["equity"]) <= vp.CLIP_CHARS


def test_clip_cuts_at_a_word_boundary():
    assert vp.clip("one two three", 9) == "one two…"
    assert vp.clip("short", 9) == "short"
    assert vp.clip("abcdefghijkl", 5) == "abcd…"


@pytest.mark.parametrize(
    ("current", "fingerprint_of", "status"),
    [
        ("", None, "empty"),
        ("  \n", "x", "empty"),
        ("Draft", "Draft", "unedited"),
        ("Draft!", "Draft", "edited"),
        ("Draft", None, "edited"),
    ],
)
def test_draft_status(current, fingerprint_of, status):
    fp = vp.fingerprint(fingerprint_of) if fingerprint_of else None
    assert vp.draft_status(current, fp) == status


# ---------------------------------------------------------------- from the store


def _fill(store, workspace):
    rows = {r.service_id: r for r in services.service_map(store, workspace.id)}
    services.save_service_row(
        store,
        workspace.id,
        rows["naloxone"].model_copy(
            update={"services_per_month": 400, "clients_per_month": 250, "currently_offer": True}
        ),
    )
    vp.save_population(store, workspace.id, "emergency_use", vp.PopulationAnswer(served=True, count=75))
    answers.save_text(store, workspace.id, "value_proposition.framing", "acute_care", "We catch wounds early.")
    answers.save_text(store, workspace.id, "value_proposition.systems", "data_collected.no_data", "Syringe services.")
    answers.save_text(store, workspace.id, what_it_takes.INSIGHTS_SECTION, "unique_value", "Trust.")
    answers.save_text(store, workspace.id, "workspace", "about", "Peer-led.")


def test_gather_inputs_reads_every_step(store, workspace):
    _fill(store, workspace)
    inputs = vp.gather_inputs(store, workspace.id)
    assert (inputs.organization, inputs.org_type, inputs.state, inputs.about) == (
        "Northside Outreach",
        "Syringe services program",
        "Ohio",
        "Peer-led.",
    )
    assert inputs.profile_populations == ["People who use drugs"]
    assert [(p.short, p.count) for p in inputs.populations] == [("Repeat use of emergency services", 75)]
    assert [(s.name, s.category, s.services_per_month, s.current) for s in inputs.services] == [
        ("Naloxone", "Preventative Services", 400, True)
    ]
    assert inputs.insights["unique_value"] == "Trust."
    assert [f.id for f in inputs.answered_framing] == ["acute_care"]
    assert inputs.theme_answers == {"systems.data_collected.no_data": "Syringe services."}


def test_step_texts_reads_only_this_steps_sections_in_one_query(store, workspace):
    answers.save_text(store, workspace.id, "value_proposition.framing", "acute_care", "Ours.")
    answers.save_text(store, workspace.id, "valueXproposition.framing", "acute_care", "Not ours.")  # "_" is no wildcard
    answers.save_text(store, workspace.id, "value_proposition_other", "x", "Not ours either.")
    assert vp.step_texts(store, workspace.id) == {"value_proposition.framing": {"acute_care": "Ours."}}


def test_assembling_saves_a_draft_and_re_assembling_an_unedited_one_just_updates_it(store, workspace):
    result = vp.assemble_and_save(store, workspace.id)
    assert result.saved and not result.needs_confirmation
    text, status = vp.current_draft(store, workspace.id)
    assert status == "unedited" and text == result.draft.text
    _fill(store, workspace)
    again = vp.assemble_and_save(store, workspace.id)
    assert again.saved and "We catch wounds early." in vp.current_draft(store, workspace.id)[0]


def test_re_assembling_never_overwrites_edits_without_asking(store, workspace):
    vp.assemble_and_save(store, workspace.id)
    answers.save_text(store, workspace.id, vp.DRAFT_SECTION, vp.DRAFT_PROMPT, "## Who we are\n\nOur own words.")
    _fill(store, workspace)
    asked = vp.assemble_and_save(store, workspace.id)
    assert not asked.saved and asked.needs_confirmation
    assert vp.current_draft(store, workspace.id) == ("## Who we are\n\nOur own words.", "edited")

    replaced = vp.assemble_and_save(store, workspace.id, replace_edits=True)
    assert replaced.saved
    assert vp.current_draft(store, workspace.id)[1] == "unedited"
    versions = [r.text for r in answers.text_revisions(store, workspace.id, vp.DRAFT_SECTION, vp.DRAFT_PROMPT)]
    assert "## Who we are\n\nOur own words." in versions  # the edited version can be restored


def test_exports_use_the_edited_draft_or_a_fresh_assembly(store, workspace):
    assert [s.id for s in vp.draft_sections(store, workspace.id)] == ["who_we_are", "who_we_serve"]
    answers.save_text(store, workspace.id, vp.DRAFT_SECTION, vp.DRAFT_PROMPT, "## Our pitch\n\nShort.")
    assert [(s.heading, s.body) for s in vp.draft_sections(store, workspace.id)] == [("Our pitch", "Short.")]


def test_strengths_come_from_the_latest_readiness_round(store, workspace):
    from core.hrh.readiness_link import strengths
    from tests.core.vp_workspace import answer_readiness

    assert strengths(store, workspace.id) == []
    answer_readiness(store, workspace.id)
    assert strengths(store, workspace.id) == [
        Strength(domain="Mission & Values", mean=4.0),
        Strength(domain="Relationships", mean=3.0),
        Strength(domain="Services", mean=2.5),
    ]
    assert [s.domain for s in vp.gather_inputs(store, workspace.id).strengths][:1] == ["Mission & Values"]


def test_progress_has_nine_parts(store, workspace):
    assert vp.value_proposition_progress(store, workspace.id).share == 0
    _fill(store, workspace)  # one theme (systems), the framing, a population
    progress = vp.value_proposition_progress(store, workspace.id)
    assert progress.share == pytest.approx(3 / 9)
    vp.assemble_and_save(store, workspace.id)
    progress = vp.value_proposition_progress(store, workspace.id)
    assert progress.share == pytest.approx(4 / 9)
    assert progress.detail == "1 of 6 themes; framing answered; draft written"


def test_the_demo_fills_every_theme_the_framing_and_an_assembled_draft(sqlite_store):
    from core import demo

    ws = demo.create_demo(sqlite_store)
    inputs = vp.gather_inputs(sqlite_store, ws.id)
    assert len(inputs.answered_framing) == 4 and inputs.equity and all(inputs.deck.values())
    assert {k.split(".")[0] for k in inputs.theme_answers} == {t.id for t in vp.content().themes}
    assert vp.current_draft(sqlite_store, ws.id)[1] == "unedited"


def test_the_theme_answers_chosen_for_the_documents_are_saved_in_the_workbooks_order(store, workspace):
    answers.save_text(store, workspace.id, "value_proposition.services", "nobody_else", "Anonymous syringes.")
    answers.save_text(store, workspace.id, "value_proposition.mission_values", "aim", "Overdose deaths.")
    answers.save_text(store, workspace.id, "value_proposition.partnerships", "trusted_providers", "Some.")
    assert vp.gather_inputs(store, workspace.id).included == []  # nothing goes out until chosen
    saved = vp.save_theme_choice(store, workspace.id, ["services.nobody_else", "mission_values.aim"])
    assert saved == ["mission_values.aim", "services.nobody_else"]
    included = vp.gather_inputs(store, workspace.id).included
    assert [(a.key, a.answer) for a in included] == [
        ("mission_values.aim", "Overdose deaths."),
        ("services.nobody_else", "Anonymous syringes."),
    ]
    assert included[0].question == "What does your organization aim to address in your community?"


def test_a_theme_choice_naming_no_question_is_refused_and_changes_nothing(store, workspace):
    vp.save_theme_choice(store, workspace.id, ["mission_values.aim"])
    for bad in (["mission_values.aim", "../../etc"], ["mission_values"], ["<script>"]):
        with pytest.raises(ValueError, match="is not one of the theme questions"):
            vp.save_theme_choice(store, workspace.id, bad)
    assert vp.theme_choice(store, workspace.id) == ["mission_values.aim"]
    # a value written by an older or crafted backup is read defensively: unknown keys and non-lists ignored
    answers.save_value(store, workspace.id, vp.CHOICE_SECTION, vp.CHOICE_KEY, ["mission_values.aim", 5, "x"])
    assert vp.theme_choice(store, workspace.id) == ["mission_values.aim"]
    answers.save_value(store, workspace.id, vp.CHOICE_SECTION, vp.CHOICE_KEY, {"a": 1})
    assert vp.theme_choice(store, workspace.id) == []
