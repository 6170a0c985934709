"""The nine process measures: months, targets and whether the latest value meets its target."""

import pytest
from pydantic import ValidationError

from core.care_model import process_measures as pm


def test_the_nine_measures_of_the_source():
    names = [m.source_text.quote for m in pm.measures()]
    assert {m.source_text.source for m in pm.measures()} == {"care_model_recommendations"}
    assert len(names) == 9
    assert names[0] == "Number of individuals recruited into the enhanced care model"
    assert names[-1] == "Duration of care visits"


@pytest.mark.parametrize(
    ("measure_id", "value", "target", "expected"),
    [
        ("percent_engaged", 62, 60, "met"),
        ("percent_engaged", 59.9, 60, "not met"),
        ("referral_to_appointment", 7, 7, "met"),
        ("referral_to_appointment", 8, 7, "not met"),
        ("visit_duration", 49.5, 45, "met"),
        ("visit_duration", 50, 45, "not met"),  # near: within 10% (4.5 min)
        ("visit_duration", 40.5, 45, "met"),
        ("percent_engaged", None, 60, "no data"),
        ("percent_engaged", 50, None, "no target"),
    ],
)
def test_measure_status_by_direction(measure_id, value, target, expected):
    assert pm.measure_status(pm.measure(measure_id), value, target) == expected


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"month": "2025-03", "percent_engaged": 120}, "between 0 and 100"),
        ({"month": "2025-03", "recruited": -1}, "between 0 and"),
        ({"month": "2025-03", "visit_duration": "long"}, "enter a number"),
        ({"month": "03/2025"}, "year-month"),
        ({"month": "2025-03", "happiness": 3}, "unknown measure"),
    ],
)
def test_bad_month_rows_are_refused(row, message):
    with pytest.raises(ValidationError, match=message):
        pm.MeasureMonth.model_validate(row)


def test_summaries_series_latest_and_previous(store, workspace):
    ws = workspace.id
    pm.add_month(store, ws, pm.MeasureMonth.model_validate({"month": "2025-02", "percent_engaged": 55}))
    pm.add_month(store, ws, pm.MeasureMonth.model_validate({"month": "2025-01", "percent_engaged": 50, "recruited": 9}))
    pm.add_month(store, ws, pm.MeasureMonth.model_validate({"month": "2025-03", "percent_engaged": 61}))
    pm.save_target(store, ws, "percent_engaged", 60)
    pm.save_target(store, ws, "recruited", 12)
    by_id = {s.measure.id: s for s in pm.measure_summaries(store, ws)}
    engaged = by_id["percent_engaged"]
    assert engaged.series == [("2025-01", 50.0), ("2025-02", 55.0), ("2025-03", 61.0)]
    assert (engaged.latest_month, engaged.latest, engaged.previous, engaged.status) == ("2025-03", 61.0, 55.0, "met")
    recruited = by_id["recruited"]  # measured only in January
    assert (recruited.latest_month, recruited.latest, recruited.previous, recruited.status) == (
        "2025-01",
        9.0,
        None,
        "not met",
    )
    assert by_id["visit_duration"].status == "no data"


def test_a_month_entered_twice_warns_and_the_later_row_counts(store, workspace):
    ws = workspace.id
    pm.add_month(store, ws, pm.MeasureMonth.model_validate({"month": "2025-02", "recruited": 3}))
    pm.add_month(store, ws, pm.MeasureMonth.model_validate({"month": "2025-02", "recruited": 5}))
    rows, warnings = pm.months(store, ws)
    assert [r.value("recruited") for r in rows] == [5.0]
    assert warnings == ["2025-02 is entered more than once; the lower row is the one used."]


def test_targets_are_validated_and_cleared(store, workspace):
    ws = workspace.id
    pm.save_target(store, ws, "percent_engaged", 60)
    with pytest.raises(ValueError, match="between 0 and 100"):
        pm.save_target(store, ws, "percent_engaged", 160)
    assert pm.targets(store, ws) == {"percent_engaged": 60.0}
    pm.save_target(store, ws, "percent_engaged", None)
    assert pm.targets(store, ws) == {}
    with pytest.raises(KeyError):
        pm.save_target(store, ws, "vibes", 1)


def test_the_tolerance_rule_says_the_apps_figure_and_matches_the_status():
    rule = pm.tolerance_rule()
    assert "within 10% of it: a target of 30 minutes is met from 27 to 33" in rule
    assert "The 10% is the app's own" in rule
    visit = pm.measure("visit_duration")
    # 27 and 33 are met (30 +/- 10% = 3), 26.9 and 33.1 are not: the rule's words are the code's.
    assert [pm.measure_status(visit, v, 30) for v in (27, 33, 26.9, 33.1)] == ["met", "met", "not met", "not met"]
