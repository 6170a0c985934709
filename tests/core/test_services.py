"""The Step 3 services map: table edits validated row by row, totals by category, progress, demo."""

from __future__ import annotations

import math

import pytest

from core.hrh import services as sv
from core.hrh.services import ServiceRow


def row(category="preventative", name="X", services=0, clients=0, current=False, potential=False, service_id=None):
    return ServiceRow(
        category=category,
        name=name,
        service_id=service_id,
        services_per_month=services,
        clients_per_month=clients,
        currently_offer=current,
        potentially_offer=potential,
    )


def shown(store, workspace, category):
    return [r for r in sv.service_map(store, workspace.id) if r.category == category]


# ---------------------------------------------------------------- totals (pure)


def test_category_totals_by_hand():
    rows = [
        row("preventative", "A", 100, 80, current=True),
        row("preventative", "B", 30, 20, current=True, potential=True),  # counted once, as current
        row("preventative", "C", 15, 15, potential=True),
        row("preventative", "D", 50, 40),  # neither ticked: not counted
        row("medical", "E", 10, 5, potential=True),
    ]
    totals = {t.category: t for t in sv.category_totals(rows)}
    assert list(totals) == ["preventative", "hcbs", "behavioral_health", "medical", "peer_support"]
    p = totals["preventative"]
    assert (p.current_services, p.current_clients) == (130, 100)
    assert (p.potential_services, p.potential_clients) == (15, 15)
    assert (p.total_services, p.total_clients) == (145, 115)
    assert p.rows_filled == 4
    assert (totals["medical"].potential_services, totals["medical"].current_services) == (10, 0)
    assert totals["hcbs"].rows_filled == 0 and totals["hcbs"].total_services == 0
    overall = sv.overall_totals(rows)
    assert (overall.current_services, overall.potential_services, overall.total_clients) == (130, 25, 120)


def test_empty_map_totals_are_zero():
    assert all(t.total_services == 0 and t.rows_filled == 0 for t in sv.category_totals([]))


def test_map_warnings_for_more_clients_than_services_and_unticked_volumes():
    warnings = sv.map_warnings([row(name="Groups", services=4, clients=30, current=True), row(name="Idle", services=5)])
    assert len(warnings) == 2
    assert warnings[0].startswith("Groups: more clients (30) than services (4)")
    assert warnings[1].startswith("Idle: has monthly numbers but neither")


# ---------------------------------------------------------------- table edits (store)


def test_editing_a_listed_service_saves_it(store, workspace):
    rows = shown(store, workspace, "preventative")
    naloxone = next(i for i, r in enumerate(rows) if r.service_id == "naloxone")
    result = sv.apply_table_edit(
        store,
        workspace.id,
        "preventative",
        rows,
        {
            naloxone: {
                "services_per_month": 420.0,
                "clients_per_month": 260,
                "currently_offer": True,
                "name": "Renamed?",
            }
        },
        [],
        [],
    )
    assert (result.saved, result.errors) == (1, [])
    saved = next(r for r in sv.service_map(store, workspace.id) if r.service_id == "naloxone")
    assert (saved.services_per_month, saved.clients_per_month, saved.currently_offer) == (420, 260, True)
    assert saved.name == "Naloxone"  # a listed service keeps the workbook's name
    # a second edit of the same row updates it, no duplicate
    rows = shown(store, workspace, "preventative")
    sv.apply_table_edit(store, workspace.id, "preventative", rows, {str(naloxone): {"potentially_offer": True}}, [], [])
    all_naloxone = [r for r in sv.service_map(store, workspace.id) if r.service_id == "naloxone"]
    assert len(all_naloxone) == 1 and all_naloxone[0].potentially_offer and all_naloxone[0].services_per_month == 420


@pytest.mark.parametrize(
    ("bad", "shown_as"),
    [(-1, "-1"), (2.5, "2.5"), ("abc", "abc"), (10_000_001, "10,000,001"), ("99,999,999", "99,999,999")]
    + [("12; DROP TABLE record", "12; DROP TABLE record"), ("-5", "-5")],
)
def test_bad_counts_get_a_message_naming_what_was_typed_and_are_not_saved(store, workspace, bad, shown_as):
    rows = shown(store, workspace, "preventative")
    result = sv.apply_table_edit(store, workspace.id, "preventative", rows, {0: {"services_per_month": bad}}, [], [])
    assert result.saved == 0
    assert result.errors == [
        "Vaccines – Hepatitis A/B: Estimated services per month must be a whole number from 0 to 1,000,000, "
        f"not '{shown_as}'; the last saved value is kept. Not saved."
    ]
    assert sv.service_map(store, workspace.id)[0].record_id is None


def test_one_bad_row_does_not_stop_the_good_ones(store, workspace):
    rows = shown(store, workspace, "medical")
    result = sv.apply_table_edit(
        store,
        workspace.id,
        "medical",
        rows,
        {0: {"services_per_month": -5}, 1: {"services_per_month": 12, "clients_per_month": 9}},
        [],
        [],
    )
    assert result.saved == 1 and len(result.errors) == 1
    assert shown(store, workspace, "medical")[1].services_per_month == 12


def test_blank_cells_mean_zero_and_unticked(store, workspace):
    rows = shown(store, workspace, "hcbs")
    sv.apply_table_edit(
        store,
        workspace.id,
        "hcbs",
        rows,
        {0: {"services_per_month": None, "clients_per_month": math.nan, "currently_offer": None}},
        [],
        [],
    )
    first = shown(store, workspace, "hcbs")[0]
    assert (first.services_per_month, first.clients_per_month, first.currently_offer) == (0, 0, False)


def test_added_rows_are_custom_other_rows_of_the_category(store, workspace):
    rows = shown(store, workspace, "peer_support")
    result = sv.apply_table_edit(
        store,
        workspace.id,
        "peer_support",
        rows,
        {},
        [
            {
                "name": "  Harm reduction   vending  ",
                "services_per_month": 80,
                "clients_per_month": 50,
                "currently_offer": True,
            },
            {"services_per_month": 3},  # no name: "Other"
            {"name": "x" * 500},
        ],
        [],
    )
    assert result.saved == 2
    assert result.errors == ["New row 3: Service name is 500 characters long; the limit is 120. Not saved."]
    custom = [r for r in shown(store, workspace, "peer_support") if r.is_custom]
    assert [(r.name, r.services_per_month) for r in custom] == [("Harm reduction vending", 80), ("Other", 3)]
    assert all(r.category == "peer_support" for r in custom)


def test_unicode_and_markup_in_custom_names_are_kept_as_text(store, workspace):
    rows = shown(store, workspace, "medical")
    sv.apply_table_edit(store, workspace.id, "medical", rows, {}, [{"name": "<b>Soins</b> des plaies 🩹\x07"}], [])
    custom = [r for r in shown(store, workspace, "medical") if r.is_custom]
    assert custom[0].name == "<b>Soins</b> des plaies 🩹"


def test_deleting_clears_a_listed_service_and_removes_a_custom_row(store, workspace):
    rows = shown(store, workspace, "behavioral_health")
    sv.apply_table_edit(
        store,
        workspace.id,
        "behavioral_health",
        rows,
        {0: {"services_per_month": 9}},
        [{"name": "Drop-in listening"}],
        [],
    )
    rows = shown(store, workspace, "behavioral_health")
    custom_index = next(i for i, r in enumerate(rows) if r.is_custom)
    result = sv.apply_table_edit(store, workspace.id, "behavioral_health", rows, {}, [], [0, custom_index])
    assert result.cleared == 2
    after = shown(store, workspace, "behavioral_health")
    assert after[0].record_id is None and after[0].services_per_month == 0
    assert not any(r.is_custom for r in after)
    assert len(after) == 4  # the workbook's four listed services are always there


def test_edits_of_another_category_name_are_refused(store, workspace):
    with pytest.raises(ValueError):
        sv.apply_table_edit(store, workspace.id, "nope", [], {}, [], [])


def test_progress_is_the_share_of_categories_with_a_filled_row(store, workspace):
    assert sv.services_progress(store, workspace.id).share == 0
    for category in ("preventative", "medical"):
        rows = shown(store, workspace, category)
        sv.apply_table_edit(store, workspace.id, category, rows, {0: {"currently_offer": True}}, [], [])
    progress = sv.services_progress(store, workspace.id)
    assert progress.share == pytest.approx(2 / 5) and progress.detail == "2 of 5 categories filled in"


def test_demo_rows_fill_listed_and_custom_services(store, workspace):
    sv.fill_demo(
        store,
        workspace.id,
        {
            "rows": [
                {"service_id": "naloxone", "services_per_month": 10, "clients_per_month": 8, "currently_offer": True},
                {"category": "hcbs", "name": "Rides", "services_per_month": 4, "potentially_offer": True},
            ]
        },
    )
    rows = sv.service_map(store, workspace.id)
    assert next(r for r in rows if r.service_id == "naloxone").services_per_month == 10
    assert [r.name for r in rows if r.is_custom] == ["Rides"]
    assert len(sv.offered_rows(rows)) == 2
