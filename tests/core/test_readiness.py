"""The readiness content and scoring model, with hand-computed cases."""

from __future__ import annotations

import pytest

from core.hrh import readiness as r


def items(domain_id: str) -> list[str]:
    return [i.id for i in r.domain(domain_id).items]


def fill(domain_id: str, values) -> dict[str, int | None]:
    """Answers for the first len(values) items of a domain."""
    return dict(zip(items(domain_id), values, strict=False))


# ---------------------------------------------------------------- content


def test_assessment_has_the_workbooks_six_domains_and_53_items():
    counts = {d.id: len(d.items) for d in r.domains()}
    assert counts == {
        "mission_values": 8,
        "services": 16,
        "staffing": 12,
        "systems": 5,
        "relationships": 6,
        "sustainability": 6,
    }
    assert len(r.item_ids()) == 53
    assert "mission_values.written_mission" in r.item_ids()


def test_scale_labels_are_the_workbooks_and_not_sure_is_separate():
    assert r.scale_label(1) == "No and/or Doesn’t Exist"
    assert r.scale_label(4) == "Yes, and it’s one of our strongest areas of work"
    assert r.scale_label(None) == "Not sure"
    assert len(r.readiness_content().reflection_questions) == 3


def test_min_answers_is_half_of_the_items_rounded_up():
    assert [r.min_answers(n) for n in (8, 16, 12, 5, 6, 1)] == [4, 8, 6, 3, 3, 1]


# ---------------------------------------------------------------- scores


def test_domain_mean_share_and_completion_by_hand():
    # 4+4+3+3+2+2+1 = 19 over 7 answered items; the eighth is "Not sure".
    scores = r.score_readiness(fill("mission_values", [4, 4, 3, 3, 2, 2, 1, None]))
    mission = scores.domain("mission_values")
    assert mission.answered == 7 and mission.not_sure == 1 and mission.total == 8
    assert mission.mean == pytest.approx(19 / 7)
    assert mission.share == pytest.approx(4 / 7)  # (19/7 - 1) / 3 = (12/7) / 3
    assert mission.completion == pytest.approx(7 / 8)
    assert mission.responded == 8
    assert mission.enough


def test_not_sure_answers_do_not_count_in_domain_mean():
    with_not_sure = r.score_readiness(fill("systems", [4, 2, None, None, None]))
    assert with_not_sure.domain("systems").mean == 3.0
    assert with_not_sure.domain("systems").answered == 2


def test_all_not_sure_gives_no_scores_and_ranks_nothing():
    scores = r.score_readiness({item_id: None for item_id in r.item_ids()})
    assert scores.overall_mean is None and scores.overall_share is None
    assert scores.answered == 0 and scores.not_sure == 53 and scores.completion == 0
    assert all(d.mean is None and d.share is None and not d.enough for d in scores.domains)
    assert scores.ranked == []
    assert r.strongest_domains(scores) == [] and r.weakest_domains(scores) == []
    summary = r.readiness_summary(scores)
    assert summary.sentences[0].startswith("No item has been answered")
    assert len(summary.not_enough) == 6


def test_no_answers_at_all():
    scores = r.score_readiness({})
    assert scores.answered == 0 and scores.not_sure == 0 and scores.total == 53
    assert scores.ranked == []


def test_one_answer_domain_has_a_mean_but_is_not_ranked():
    scores = r.score_readiness(fill("systems", [4]))
    systems = scores.domain("systems")
    assert systems.mean == 4.0 and systems.share == 1.0 and systems.completion == pytest.approx(0.2)
    assert not systems.enough
    assert scores.ranked == []
    assert "Systems (1 of 5)" in r.readiness_summary(scores).sentences[-1]


def test_domain_is_ranked_at_exactly_half_its_items():
    assert r.score_readiness(fill("systems", [2, 2, 2])).ranked == ["systems"]
    assert r.score_readiness(fill("systems", [2, 2, None, None, None])).ranked == []


def test_overall_mean_weighs_every_item_the_same():
    answers = fill("mission_values", [4] * 8) | fill("systems", [1] * 5)
    scores = r.score_readiness(answers)
    assert scores.overall_mean == pytest.approx(37 / 13)  # (8*4 + 5*1) / 13, not (4 + 1) / 2
    assert scores.overall_share == pytest.approx((37 / 13 - 1) / 3)
    assert scores.answered == 13 and scores.completion == pytest.approx(13 / 53)


def test_reversed_items_are_scored_five_minus_the_answer():
    # Sustainability 1 ("Do you anticipate any funding gaps...") and 6 ("approached to be acquired") are reversed:
    # all 4s score 1 + 4 + 4 + 4 + 4 + 1 = 18, a mean of 3.0, not 4.0.
    assert r.reversed_ids() == {"sustainability.covid_funding_gaps", "sustainability.acquisition_approach"}
    scores = r.score_readiness(fill("sustainability", [4] * 6))
    assert scores.domain("sustainability").mean == 3.0 and scores.overall_mean == 3.0
    # Anticipating gaps (4) now lowers Sustainability; not anticipating them (1) raises it. With the sixth at 4:
    # worried 1 + 3 x 4 + 1 = 14 / 6; calm 4 + 3 x 4 + 1 = 17 / 6.
    worried = r.score_readiness(fill("sustainability", [4, 3, 3, 3, 3, 4])).domain("sustainability").mean
    calm = r.score_readiness(fill("sustainability", [1, 3, 3, 3, 3, 4])).domain("sustainability").mean
    assert worried == pytest.approx(14 / 6) and calm == pytest.approx(17 / 6)
    assert r.scored_value("sustainability.covid_funding_gaps", 4) == 1
    assert r.scored_value("sustainability.sufficient_funding", 4) == 4


def test_every_reversed_item_says_why_and_the_results_say_so():
    content = r.readiness_content()
    assert all(len(item.reason) > 40 for item in content.reversed_items)
    lines = r.scoring_explanation()
    assert lines[0] == content.strengths_rule and "above the overall mean" in lines[0]
    assert lines[1].startswith('Scored reversed (5 - the answer): Sustainability 1, "Do you anticipate any funding')


def test_a_domain_below_the_overall_mean_is_never_a_strength():
    # Mission 4.0 (8 items), Staffing 2.0 (12), Systems 1.0 (5): overall (32 + 24 + 5) / 25 = 2.44.
    # The highest three means were all called strengths before; only Mission & Values is above 2.44.
    answers = fill("mission_values", [4] * 8) | fill("staffing", [2] * 12) | fill("systems", [1] * 5)
    scores = r.score_readiness(answers)
    assert [d.domain_id for d in r.strongest_domains(scores)] == ["mission_values"]
    assert [d.domain_id for d in r.weakest_domains(scores)] == ["systems", "staffing"]
    summary = r.readiness_summary(scores)
    assert summary.sentences[1] == "Likely strengths (above the overall mean of 2.44): Mission & Values (4.00)."


def test_a_domain_at_the_overall_mean_is_neither():
    # 3, 3 and 3: the overall mean is 3 and nobody is above or below it.
    answers = fill("mission_values", [3] * 8) | fill("services", [3] * 8) | fill("staffing", [3] * 12)
    scores = r.score_readiness(answers)
    assert r.strongest_domains(scores) == [] and r.weakest_domains(scores) == []


def test_ties_are_never_broken_by_item_counts_or_workbook_order():
    # Four domains at 4.0 (8, 8, 12 and 6 items), Systems at 1.0: overall (32 + 32 + 48 + 24 + 5) / 38 = 3.71.
    # All four are above it and tied: the three "strongest" would have to drop one on something other than its
    # score, so all four are named.
    answers = (
        fill("mission_values", [4] * 8)
        | fill("services", [4] * 8)
        | fill("staffing", [4] * 12)
        | fill("relationships", [4] * 6)
        | fill("systems", [1] * 5)
    )
    scores = r.score_readiness(answers)
    assert [d.domain_id for d in r.strongest_domains(scores)] == [
        "mission_values",
        "services",
        "staffing",
        "relationships",
    ]
    assert [d.domain_id for d in r.weakest_domains(scores)] == ["systems"]


def test_three_strongest_and_three_weakest_of_six_ranked_domains():
    answers = (
        fill("mission_values", [4] * 8)  # 32 / 8 = 4.0
        | fill("services", [3] * 16)  # 48 / 16 = 3.0
        | fill("staffing", [2, 3] * 6)  # 30 / 12 = 2.5
        | fill("systems", [1, 1, 2, 2, 2])  # 8 / 5 = 1.6
        | fill("relationships", [2] * 6)  # 12 / 6 = 2.0
        | fill("sustainability", [3, 4] * 3)  # reversed 1st and 6th: 2 + 4 + 3 + 4 + 3 + 1 = 17 / 6 = 2.83
    )
    scores = r.score_readiness(answers)
    # overall: (32 + 48 + 30 + 8 + 12 + 17) / 53 = 147 / 53 = 2.77
    assert scores.overall_mean == pytest.approx(147 / 53)
    assert [d.domain_id for d in r.strongest_domains(scores)] == ["mission_values", "services", "sustainability"]
    assert [d.domain_id for d in r.weakest_domains(scores)] == ["systems", "relationships", "staffing"]
    summary = r.readiness_summary(scores)
    assert "Mission & Values (4.00), Services (3.00) and Sustainability (2.83)" in summary.sentences[1]
    assert "Systems (1.60), Relationships (2.00) and Staffing (2.50)" in summary.sentences[2]


def test_weakest_never_repeats_a_strength_when_few_domains_are_ranked():
    # overall (32 + 48 + 24 + 5) / 41 = 2.66: two above, two below
    answers = (
        fill("mission_values", [4] * 8)
        | fill("services", [3] * 16)
        | fill("staffing", [2] * 12)
        | fill("systems", [1] * 5)
    )
    scores = r.score_readiness(answers)
    assert [d.domain_id for d in r.strongest_domains(scores)] == ["mission_values", "services"]
    assert [d.domain_id for d in r.weakest_domains(scores)] == ["systems", "staffing"]


def test_answers_to_unknown_items_are_ignored():
    scores = r.score_readiness({"retired.item": 4, "systems.ehr": 2})
    assert scores.answered == 1 and scores.overall_mean == 2.0


@pytest.mark.parametrize("bad", [0, 5, -1, True, 2.5, "3"])
def test_values_outside_the_scale_are_refused(bad):
    with pytest.raises(ValueError, match="must be 1, 2, 3, 4 or Not sure"):
        r.score_readiness({"systems.ehr": bad})


# ---------------------------------------------------------------- rounds compared


def test_compare_rounds_change_per_domain():
    earlier = r.score_readiness(fill("mission_values", [2] * 8) | fill("systems", [3] * 5))
    later = r.score_readiness(fill("mission_values", [3, 4] * 4) | fill("systems", [3] * 5) | fill("staffing", [2] * 6))
    comparison = r.compare_rounds(earlier, later)
    by_id = {c.domain_id: c for c in comparison.domains}
    assert by_id["mission_values"].change == pytest.approx(1.5)  # 2.0 -> 3.5
    assert by_id["mission_values"].direction == "up"
    assert by_id["systems"].change == 0 and by_id["systems"].direction == "same"
    assert by_id["staffing"].change is None and by_id["staffing"].direction == "not comparable"
    assert by_id["staffing"].later_mean == 2.0
    # overall: earlier (16 + 15) / 13; later (28 + 15 + 12) / 19
    assert comparison.overall_change == pytest.approx(55 / 19 - 31 / 13)


def test_compare_rounds_going_down():
    comparison = r.compare_rounds(
        r.score_readiness(fill("systems", [4] * 5)), r.score_readiness(fill("systems", [2] * 5))
    )
    systems = next(c for c in comparison.domains if c.domain_id == "systems")
    assert systems.change == -2.0 and systems.direction == "down"


# ---------------------------------------------------------------- items


def test_domain_item_answers_numbers_and_statuses():
    rows = r.domain_item_answers("systems", {"systems.sociodemographic_data": 3, "systems.document_services": None})
    assert [row.number for row in rows] == [1, 2, 3, 4, 5]
    assert [row.status for row in rows] == ["answered", "not sure", "unanswered", "unanswered", "unanswered"]
    assert rows[0].label == "Yes, we’re working on it but not our strongest area of work"
    assert rows[1].label == "Not sure" and rows[2].label == "Not answered"


def test_previous_round_is_the_one_before_in_date_order():
    class R:
        def __init__(self, id):
            self.id = id

    rounds = [R("a"), R("b"), R("c")]
    assert r.previous_round(rounds, "c").id == "b"
    assert r.previous_round(rounds, "a") is None
    assert r.previous_round(rounds, "zzz") is None


def test_the_workshop_team_means_count_reversed_items_as_the_scores_do():
    from core.workshop import session as workshop

    team = [{"sustainability.covid_funding_gaps": 4, "sustainability.sufficient_funding": 4}]
    [spread] = workshop.domain_spreads([r.domain("sustainability")], team)
    assert spread.mean == 2.5  # (5 - 4 + 4) / 2
    assert spread.mean == r.score_readiness(team[0]).domain("sustainability").mean
