"""The readiness content and scoring model, with hand-computed cases."""

from __future__ import annotations

import pytest

from core import readiness as r


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


def test_ties_go_to_more_answers_then_workbook_order():
    # All three have mean 3; Staffing has 12 answers, Mission & Values and Services 8 each.
    answers = fill("mission_values", [3] * 8) | fill("services", [3] * 8) | fill("staffing", [3] * 12)
    scores = r.score_readiness(answers)
    assert scores.ranked == ["staffing", "mission_values", "services"]
    assert [d.domain_id for d in r.strongest_domains(scores)] == ["staffing", "mission_values", "services"]


def test_weakest_ties_also_go_to_more_answers_then_workbook_order():
    answers = (
        fill("mission_values", [4] * 8)
        | fill("services", [4] * 16)
        | fill("staffing", [4] * 12)
        | fill("systems", [1] * 3)
        | fill("relationships", [1] * 6)
        | fill("sustainability", [1] * 6)
    )
    scores = r.score_readiness(answers)
    # Relationships and Sustainability both have 6 answers: workbook order decides; Systems has 3.
    assert [d.domain_id for d in r.weakest_domains(scores)] == ["relationships", "sustainability", "systems"]
    assert [d.domain_id for d in r.strongest_domains(scores)] == ["services", "staffing", "mission_values"]


def test_three_strongest_and_three_weakest_of_six_ranked_domains():
    answers = (
        fill("mission_values", [4] * 8)  # 4.0
        | fill("services", [3] * 16)  # 3.0
        | fill("staffing", [2, 3] * 6)  # 2.5
        | fill("systems", [1, 1, 2, 2, 2])  # 1.6
        | fill("relationships", [2] * 6)  # 2.0
        | fill("sustainability", [3, 4] * 3)  # 3.5
    )
    scores = r.score_readiness(answers)
    assert [d.domain_id for d in r.strongest_domains(scores)] == ["mission_values", "sustainability", "services"]
    assert [d.domain_id for d in r.weakest_domains(scores)] == ["systems", "relationships", "staffing"]
    summary = r.readiness_summary(scores)
    assert "Mission & Values (4.00), Sustainability (3.50) and Services (3.00)" in summary.sentences[1]
    assert "Systems (1.60), Relationships (2.00) and Staffing (2.50)" in summary.sentences[2]


def test_weakest_never_repeats_a_strength_when_few_domains_are_ranked():
    answers = (
        fill("mission_values", [4] * 8)
        | fill("services", [3] * 16)
        | fill("staffing", [2] * 12)
        | fill("systems", [1] * 5)
    )
    scores = r.score_readiness(answers)
    assert [d.domain_id for d in r.strongest_domains(scores)] == ["mission_values", "services", "staffing"]
    assert [d.domain_id for d in r.weakest_domains(scores)] == ["systems"]


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
