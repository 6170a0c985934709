"""Change Concept 5: goals, inventory, indicators and outcomes per period, resources, advocacy."""

from decimal import Decimal as D

import pytest
from pydantic import ValidationError

from core import table_edits
from core.store import answers
from core.sustain import change_concept_5 as cc5


def test_content_has_the_six_goals_in_the_sources_words():
    goals = cc5.content().goals
    assert len(goals) == 6
    assert goals[0].quote.startswith("Our primary care service’s budget includes funding for structural")
    assert {g.source for g in goals} == {"change_concept_5"}
    assert "actively monitors patient-level outcomes" in goals[5].text
    assert [s.id for s in cc5.content().statuses] == ["not_started", "in_progress", "in_place"]
    assert [f.id for f in cc5.content().inventory.funding][:4] == [
        "billing_code",
        "value_based_contract",
        "grant",
        "not_yet_funded",
    ]


@pytest.mark.parametrize(("typed", "clean"), [("2025", "2025"), (" 2025-q1", "2025-Q1"), ("2025-03", "2025-03")])
def test_periods_are_years_quarters_or_months(typed, clean):
    assert cc5.clean_period(typed) == clean


@pytest.mark.parametrize("bad", ["", "Q1 2025", "2025-13", "2025-Q5", "25-01", "2025-1"])
def test_other_period_formats_get_a_clear_message(bad):
    with pytest.raises(ValueError, match="Write the period as"):
        cc5.clean_period(bad)


def test_period_order_is_chronological():
    periods = ["2025-Q2", "2024-11", "2025-01", "2024", "2025-Q1"]
    assert sorted(periods, key=cc5.period_order) == ["2024", "2024-11", "2025-Q1", "2025-01", "2025-Q2"]


def test_engagement_trend_gives_turnover_and_days_per_staff_in_time_order():
    periods = [
        cc5.EngagementPeriod(period="2025-Q2", staff_count=20, staff_left=2, sick_days=30, personal_days=14),
        cc5.EngagementPeriod(period="2025-Q1", staff_count=18, staff_left=3, sick_days=45, personal_days=20),
        cc5.EngagementPeriod(period="2025-Q3", staff_left=1, sick_days=12),  # no headcount given
    ]
    trend = cc5.engagement_trend(periods)
    assert [p.period for p in trend] == ["2025-Q1", "2025-Q2", "2025-Q3"]
    # 3 / 18 = 16.67% -> 16.7; 45 / 18 = 2.5; 20 / 18 = 1.11 -> 1.1
    assert (trend[0].turnover_pct, trend[0].sick_days_per_staff, trend[0].personal_days_per_staff) == (
        D("16.7"),
        D("2.5"),
        D("1.1"),
    )
    # 2 / 20 = 10%; 30 / 20 = 1.5; 14 / 20 = 0.7
    assert (trend[1].turnover_pct, trend[1].sick_days_per_staff, trend[1].personal_days_per_staff) == (
        D("10.0"),
        D("1.5"),
        D("0.7"),
    )
    assert trend[2].turnover_pct is None and trend[2].sick_days == 12


def test_more_staff_leaving_than_the_headcount_is_refused():
    with pytest.raises(ValueError, match="more staff left"):
        cc5.EngagementPeriod(period="2025", staff_count=3, staff_left=4)


def test_outcome_trend_is_a_share_when_a_total_is_given_else_the_count():
    counts = [
        cc5.OutcomeCount(measure="BP under control", period="2025-Q2", count=54, out_of=120),  # 45.0%
        cc5.OutcomeCount(measure="BP under control", period="2025-Q1", count=45, out_of=120),  # 37.5%
        cc5.OutcomeCount(measure="ED visits", period="2025-Q1", count=31),
    ]
    bp = cc5.outcome_trend(counts, "BP under control")
    assert [(p.period, p.value, p.unit) for p in bp] == [("2025-Q1", D("37.5"), "%"), ("2025-Q2", D("45.0"), "%")]
    assert cc5.trend_direction(bp, "higher") == "improving"
    assert cc5.trend_direction(bp, "lower") == "worsening"
    ed = cc5.outcome_trend(counts, "ED visits")
    assert [(p.value, p.unit) for p in ed] == [(D(31), "patients")]
    assert cc5.trend_direction(ed, "lower") == "too early to tell"


def test_a_count_above_its_total_is_refused():
    with pytest.raises(ValueError, match="more than the total"):
        cc5.OutcomeCount(measure="M", period="2025", count=11, out_of=10)


def test_funding_summary_counts_items_per_route_keeping_zeros():
    items = [
        cc5.InventoryItem(item="Trauma training", funding="grant"),
        cc5.InventoryItem(item="Quiet room", category="space", funding="not_yet_funded"),
        cc5.InventoryItem(item="Screening", category="procedure", funding="Billing code"),
    ]  # label accepted
    assert cc5.funding_summary(items) == {
        "billing_code": 1,
        "value_based_contract": 0,
        "grant": 1,
        "not_yet_funded": 1,
        "other": 0,
    }


def test_inventory_refuses_an_unknown_kind_with_the_choices():
    with pytest.raises(ValueError, match="Kind must be one of: Activity, Procedure"):
        cc5.InventoryItem(item="X", category="robot")


# ---------------------------------------------------------------- stored


def test_goal_statuses_default_to_not_started_and_save(store, workspace):
    assert set(cc5.goal_statuses(store, workspace.id).values()) == {"not_started"}
    cc5.set_goal_status(store, workspace.id, "budget_training", "in_place")
    assert cc5.goal_statuses(store, workspace.id)["budget_training"] == "in_place"
    with pytest.raises(ValueError):
        cc5.set_goal_status(store, workspace.id, "budget_training", "done-ish")


def test_engagement_periods_must_be_unique(store, workspace):
    with pytest.raises(ValueError, match="Period 2025-Q1 is entered twice"):
        cc5.save_engagement(store, workspace.id, [{"period": "2025-Q1"}, {"period": "2025-q1"}])
    assert answers.list_records(store, workspace.id, cc5.ENGAGEMENT_KIND) == []


def test_outcome_counts_need_a_defined_measure(store, workspace):
    with pytest.raises(ValueError, match="not one of your measures"):
        cc5.save_outcomes(store, workspace.id, [{"measure": "Unknown", "period": "2025", "count": 1}])


def test_renaming_a_measure_keeps_its_counts_and_deleting_one_with_counts_is_refused(store, workspace):
    cc5.save_measures(store, workspace.id, [{"measure": "BP control"}])
    cc5.save_outcomes(store, workspace.id, [{"measure": "BP control", "period": "2025-Q1", "count": 4, "out_of": 9}])
    rows = table_edits.record_rows(store, workspace.id, cc5.MEASURE_KIND)
    rows[0]["measure"] = "Blood pressure under control"
    cc5.save_measures(store, workspace.id, rows)
    assert [c.measure for c in cc5.state(store, workspace.id).outcomes] == ["Blood pressure under control"]
    with pytest.raises(ValueError, match="delete its counts first"):
        cc5.save_measures(store, workspace.id, [])
    assert len(cc5.measures(store, workspace.id)) == 1


def test_progress_counts_the_six_parts(store, workspace):
    assert cc5.progress(store, workspace.id).share == 0
    cc5.set_goal_status(store, workspace.id, "budget_training", "in_progress")
    cc5.save_inventory(store, workspace.id, [{"item": "Staff training"}])
    answers.save_text(store, workspace.id, cc5.POLICY_SECTION, "advocacy_goal", "Medicaid pays for peer support")
    p = cc5.progress(store, workspace.id)
    assert p.share == pytest.approx(3 / 6)
    assert p.detail == "Still to do: engagement, outcomes, resources"


def test_the_sustaining_factors_tools_and_payment_types_are_the_chapters():
    content = cc5.content()
    assert [f.short for f in content.sustain.factors] == [
        "Leadership",
        "Staff buy-in",
        "Continuous quality improvement",
    ]
    assert [t.name for t in content.tools] == [
        "Trauma-Informed Care Quality Outcomes Crosswalk",
        "Financing Trauma-Informed Primary Care",
        "OSA Workbook",
        "Patient-Level Outcomes Data Collection Template",
        "Trauma-Informed Care Advocacy Handbook",
        "Trauma-Informed Care Sustainability Guide",
    ]
    from core.hrh.glossary import glossary_term

    assert all(glossary_term(kind.term) for kind in content.billing.payment_types)
    assert [k.term for k in content.billing.payment_types] == [
        "value_based_payment",
        "pay_for_reporting",
        "pay_for_performance",
        "shared_savings",
        "population_based_payment",
    ]


def test_the_engagement_indicators_must_be_the_tables_columns():
    raw = cc5.content().model_dump()
    raw["engagement"]["indicators"] = raw["engagement"]["indicators"][:3]
    with pytest.raises(ValidationError, match="engagement.indicators must be"):
        cc5.ChangeConcept5Content.model_validate(raw)


def test_a_sustaining_factor_status_saves_and_bad_ids_are_refused(store, workspace):
    assert cc5.sustain_statuses(store, workspace.id) == {
        "leadership": "not_started",
        "staff_buy_in": "not_started",
        "quality_improvement": "not_started",
    }
    cc5.set_sustain_status(store, workspace.id, "staff_buy_in", "in_progress")
    assert cc5.state(store, workspace.id).sustain["staff_buy_in"] == "in_progress"
    with pytest.raises(KeyError):
        cc5.set_sustain_status(store, workspace.id, "budget", "in_place")
    with pytest.raises(ValueError, match="not a status"):
        cc5.set_sustain_status(store, workspace.id, "leadership", "done!")
