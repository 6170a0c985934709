"""Stage 1: fit scoring with reasons, the core team suggestion, and what is saved."""

import pytest
from pydantic import ValidationError

from core.care_model import care_model_fit as cm
from core.store import answers

INTENSIVE_PROFILE = dict(
    needs="medical",
    size="medium",
    pcp_relationships="weak",
    have_pcp="few",
    geography="concentrated",
    resources="clinic",
    coalition="none",
    timeline="two_three_years",
)
WRAPAROUND_PROFILE = dict(
    needs="mixed",
    size="medium",
    pcp_relationships="strong",
    have_pcp="most",
    geography="regional",
    resources="care_managers",
    coalition="informal",
    timeline="one_year",
)
COALITION_PROFILE = dict(
    needs="social",
    size="large",
    pcp_relationships="weak",
    have_pcp="some",
    geography="concentrated",
    resources="little",
    coalition="strong",
    timeline="longer",
)


def scores(answers_: dict) -> dict[str, cm.ModelFit]:
    return {f.model_id: f for f in cm.score_fit(cm.FitAnswers(answers=answers_))}


def test_every_answer_cites_a_real_strength_or_concern():
    content = cm.content()
    assert [m.id for m in content.models] == ["ambulatory_intensive", "wraparound", "community_coalition"]
    for q in content.questions:
        for o in q.options:
            for e in o.effects:
                kind, text = cm.model_by_id(e.model).line(e.ref.split(".")[1])
                assert text
                assert e.points > 0 or kind == "concern", f"{q.id}.{o.id}: a 'watch out' must cite a concern"


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (INTENSIVE_PROFILE, "ambulatory_intensive"),
        (WRAPAROUND_PROFILE, "wraparound"),
        (COALITION_PROFILE, "community_coalition"),
    ],
)
def test_clear_cut_profiles_pick_the_expected_model(profile, expected):
    fits = cm.score_fit(cm.FitAnswers(answers=profile))
    assert fits[0].model_id == expected
    assert fits[0].score - fits[1].score > 5


def test_intensive_profile_scores_hand_computed():
    # Ambulatory intensive care: 2 + 1 + 1 + 2 + 1 + 2 + 0 + 1 = 10, which is also its highest possible total.
    fit = scores(INTENSIVE_PROFILE)["ambulatory_intensive"]
    assert fit.raw == 10
    assert fit.score == 100
    # Wraparound: needs 1, size 1, weak PCP -2, few PCP -2, concentrated 0, clinic 0, none 0, 2-3 years 1 = -1;
    # its lowest total is 1 + 1 - 2 - 2 - 1 + 0 + 0 + 0 = -3, its highest 1 + 1 + 2 + 2 + 2 + 2 + 1 + 1 = 12,
    # so its score is (-1 + 3) / 15 = 13%.
    wrap = scores(INTENSIVE_PROFILE)["wraparound"]
    assert wrap.raw == -1
    assert wrap.score == 13


def test_wraparound_profile_reaches_its_maximum():
    fit = scores(WRAPAROUND_PROFILE)["wraparound"]
    assert (fit.raw, fit.score) == (12, 100)


def test_reasons_say_why_and_what_to_watch():
    fits = scores({"have_pcp": "most"})
    wrap, intensive = fits["wraparound"], fits["ambulatory_intensive"]
    assert [r.source_text for r in wrap.because] == [
        "The patient relationship with the PCP and care team can be leveraged."
    ]
    assert intensive.watch_out[0].kind == "concern"
    assert "leaving a relationship with another primary care provider" in intensive.watch_out[0].source_text
    assert intensive.because == []


def test_answers_resting_on_the_same_line_give_one_reason():
    # Both the PCP relationships and the PCP questions cite "leaving a relationship with another PCP".
    intensive = scores({"pcp_relationships": "strong", "have_pcp": "most"})["ambulatory_intensive"]
    assert len(intensive.watch_out) == 1
    reason = intensive.watch_out[0]
    assert reason.points == -3
    assert reason.note == (
        "moving patients to a new clinic can strain the practices you work well with; "
        "people would have to leave a PCP they trust"
    )


def test_ties_break_on_raw_points_then_file_order():
    # have_pcp=most: wraparound +2 of -2..2 -> 100; coalition 0 of 0..1 -> 0 (raw 0); intensive -2 of -2..2 -> 0.
    order = [f.model_id for f in cm.score_fit(cm.FitAnswers(answers={"have_pcp": "most"}))]
    assert order == ["wraparound", "community_coalition", "ambulatory_intensive"]


def test_no_answers_give_no_recommendation():
    fits = cm.score_fit(cm.FitAnswers())
    assert all(f.score == 50 for f in fits)
    assert cm.recommendation(fits, 0).startswith("Answer the questions")


def test_close_scores_are_called_a_close_call():
    fits = [
        cm.ModelFit(model_id="a", name="A", raw=1, score=60, because=[], watch_out=[]),
        cm.ModelFit(model_id="b", name="B", raw=1, score=57, because=[], watch_out=[]),
    ]
    assert "fit about equally well" in cm.recommendation(fits, 3)


def test_unknown_question_or_answer_is_refused():
    with pytest.raises(ValidationError, match="not a question"):
        cm.FitAnswers(answers={"favourite_colour": "blue"})
    with pytest.raises(ValidationError, match="not an answer"):
        cm.FitAnswers(answers={"size": "enormous"})


def test_core_team_follows_the_most_prevalent_needs():
    team = cm.suggest_core_team(
        cm.NeedPrevalence(percent={"behavioral_health": 60, "complex_medical": 30, "poverty": 70, "substance_use": 0})
    )
    placed = {s.name: s.placement for s in team}
    assert placed == {
        "Care manager": "core",
        "Social worker": "core",
        "Community health worker": "core",
        "Behavioral health specialist": "core",
        "Nurse": "partner",
        "Physician": "partner",
        "Pharmacist": "partner",
    }
    assert [s.placement for s in team] == ["core"] * 4 + ["partner"] * 3  # core first
    assert "Peer mentor or guide" not in placed  # 0% suggests nothing


def test_top_need_is_core_even_below_the_threshold():
    team = cm.suggest_core_team(cm.NeedPrevalence(percent={"complex_medical": 25, "poverty": 10}))
    placed = {s.name: s.placement for s in team}
    assert placed["Nurse"] == placed["Physician"] == "core"
    assert placed["Community health worker"] == "partner"


def test_a_role_core_for_one_need_stays_core():
    team = cm.suggest_core_team(cm.NeedPrevalence(percent={"behavioral_health": 50, "substance_use": 10}))
    specialist = next(s for s in team if s.role_id == "behavioral_health_specialist")
    assert specialist.placement == "core"
    assert len(specialist.reasons) == 2


@pytest.mark.parametrize("pct", [-5, 101, 250])
def test_prevalence_outside_0_to_100_is_refused(pct):
    with pytest.raises(ValidationError, match="between 0% and 100%"):
        cm.NeedPrevalence(percent={"poverty": pct})


def test_choices_and_team_are_saved(store, workspace):
    cm.save_fit_answer(store, workspace.id, "size", "large")
    cm.save_choice(store, workspace.id, "model", "wraparound")
    cm.save_choice(store, workspace.id, "location", "embedded")
    cm.save_prevalence(store, workspace.id, "poverty", 80)
    added = cm.add_suggested_roles(store, workspace.id, cm.suggest_core_team(cm.prevalence(store, workspace.id)))
    assert added == 2  # care manager, community health worker
    assert cm.add_suggested_roles(store, workspace.id, cm.suggest_core_team(cm.prevalence(store, workspace.id))) == 0
    plan = cm.care_model_plan(store, workspace.id)
    assert plan.fit.answers == {"size": "large"}
    assert plan.model.id == "wraparound" and plan.location.id == "embedded"
    assert [r.role for r in plan.team] == ["Care manager", "Community health worker"]
    progress = cm.progress(store, workspace.id)
    assert progress.share == pytest.approx(3 / 5)  # model, location, team; not all questions, no working theory


def test_bad_choices_save_nothing(store, workspace):
    with pytest.raises(KeyError):
        cm.save_choice(store, workspace.id, "model", "hospital_at_home")
    with pytest.raises(ValidationError):
        cm.save_fit_answer(store, workspace.id, "size", "huge")
    with pytest.raises(ValidationError):
        cm.save_prevalence(store, workspace.id, "poverty", 120)
    assert answers.get_values(store, workspace.id, cm.CHOICE_SECTION) == {}
    assert answers.get_values(store, workspace.id, cm.FIT_SECTION) == {}


@pytest.mark.parametrize(("role", "message"), [("", "Role is required"), ("x" * 200, "limit is 120")])
def test_team_role_is_validated(role, message):
    with pytest.raises(ValidationError, match=message):
        cm.TeamRole(role=role)
    with pytest.raises(ValidationError, match="core or partner"):
        cm.TeamRole(role="Nurse", placement="sometimes")


def test_the_core_team_rule_says_its_threshold_is_the_apps_own():
    rule = cm.core_rule()
    assert "at least 40% of the people you serve" in rule
    assert "the app's starting point" in rule and "names no figure" in rule
    # 40% makes a need core, 39% (not the most common) a partner's: the rule says what the code does.
    suggested = cm.suggest_core_team(cm.NeedPrevalence(percent={"poverty": 40, "complex_medical": 39}))
    placement = {s.role_id: s.placement for s in suggested}
    assert placement["community_health_worker"] == "core" and placement["nurse"] == "partner"


def test_suggested_roles_carry_the_sources_reason_in_plain_words():
    suggested = cm.suggest_core_team(cm.NeedPrevalence(percent={"behavioral_health": 70}))
    bh = next(s for s in suggested if s.role_id == "behavioral_health_specialist")
    assert bh.reasons == [
        "Behavioral health needs: 70% of the people you serve. For example, if your target population has a "
        "high prevalence of behavioral health needs, then a behavioral health provider should be a part of "
        "your core care team."
    ]


def test_the_steps_of_developing_a_model_are_all_four_with_their_prompts():
    content = cm.content()
    assert [s.id for s in content.development_steps] == ["consider", "explore", "theory", "learn"]
    assert content.development_steps[1].step.quote.startswith("Explore what has been successful")
    assert [content.prompt(p).id for p in content.data_review.prompts] == [
        "data_review_changes",
        "first_patients_changes",
    ]
    assert len(content.tips.items) == 2 and content.voices[0].speaker.startswith("Jeffrey Brenner, MD")


def test_a_step_naming_an_unknown_prompt_is_a_broken_data_file():
    raw = cm.content().model_dump()
    raw["development_steps"][0]["prompts"] = ["current_care", "no_such_prompt"]
    with pytest.raises(ValidationError, match="no_such_prompt"):
        cm.CareModelsContent.model_validate(raw)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"need": "", "services": "x"}, "Need is required"),
        ({"need": "Housing", "services": "x" * 501}, "Services"),
        ({"need": "Housing\x00\x1b[31m", "partners": "County <b>office</b>"}, None),
    ],
)
def test_a_needs_grid_row_is_cleaned_or_refused_with_a_message(row, message):
    if message:
        with pytest.raises(ValidationError, match=message):
            cm.NeedsGridRow.model_validate(row)
    else:
        cleaned = cm.NeedsGridRow.model_validate(row)
        assert "\x00" not in cleaned.need and "\x1b" not in cleaned.need
        assert cleaned.partners == "County <b>office</b>"  # kept as typed; pages never render it as HTML


def test_the_needs_grid_is_part_of_the_plan_and_a_broken_row_is_skipped(store, workspace):
    answers.add_record(store, workspace.id, cm.NEEDS_GRID_KIND, {"need": "Food", "services": "Pantry"})
    answers.add_record(store, workspace.id, cm.NEEDS_GRID_KIND, {"need": ""})  # e.g. from an old backup
    assert cm.care_model_plan(store, workspace.id).needs_grid == [cm.NeedsGridRow(need="Food", services="Pantry")]
