"""The Change Concept 5 page, driven through AppTest."""

from core import table_edits
from core.store import answers
from core.sustain import change_concept_5 as cc5
from tests.pages.editing import edit_table, open_tab, plain

PAGE = "pages/sustain/change_concept_5.py"


def test_empty_page_shows_the_six_goals_and_what_to_do_first(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Trauma-informed care: finance and sustain"
    assert len([k for k in at.session_state if str(k).startswith("cc5__goal__")]) == 6
    assert any("0 of 6 parts filled in" in md.value for md in at.markdown)
    at = open_tab(at, "cc5__tabs", "Indicators and outcomes")
    assert not at.exception
    assert "Add the measures your team chose first" in at.info[0].value


def test_goal_status_and_note_are_saved(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.get_by_key("cc5__goal__budget_training").set_value("in_place").run()
    at.text_area(key="text__change_concept_5.goal_notes__budget_training").set_value("County grant to June").run()
    assert not at.exception
    assert cc5.goal_statuses(app.store, workspace.id)["budget_training"] == "in_place"
    assert (
        answers.get_text(app.store, workspace.id, cc5.GOAL_NOTES_SECTION, "budget_training") == "County grant to June"
    )


def test_inventory_rows_are_added_and_summarized_by_funding(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at = open_tab(at, "cc5__tabs", "Inventory and funding")
    at = edit_table(
        at,
        "cc5__inventory",
        added=[
            {"item": "Staff training", "category": "activity", "stage": "existing", "funding": "grant"},
            {"item": "Quiet room", "category": "space", "stage": "planned", "funding": "not_yet_funded"},
        ],
    )
    assert not at.exception
    assert [i.item for i in cc5.state(app.store, workspace.id).inventory] == ["Staff training", "Quiet room"]
    at.run()
    assert any("Grant: 1" in c.value and "Not yet funded: 1" in c.value for c in at.caption)


def test_engagement_periods_draw_trend_charts_and_a_bad_period_is_refused(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at = open_tab(at, "cc5__tabs", "Indicators and outcomes")
    at = edit_table(
        at,
        "cc5__engagement",
        added=[
            {"period": "2025-Q1", "staff_count": 18, "staff_left": 3, "personal_days": 20, "sick_days": 45},
            {"period": "2025-Q2", "staff_count": 20, "staff_left": 2, "personal_days": 14, "sick_days": 30},
        ],
    )
    assert not at.exception
    at.run()
    assert len(at.get("plotly_chart")) == 2
    rows = table_edits.record_rows(app.store, workspace.id, cc5.ENGAGEMENT_KIND)
    at = edit_table(at, "cc5__engagement", edited={1: {"period": "spring"}})
    assert any("Row 2" in e.value and "Write the period as" in e.value for e in at.error)
    assert table_edits.record_rows(app.store, workspace.id, cc5.ENGAGEMENT_KIND) == rows


def test_outcome_counts_for_a_measure_are_charted_with_their_direction(app_with_workspace):
    app, workspace = app_with_workspace
    cc5.save_measures(app.store, workspace.id, [{"measure": "Hep C treatment starts", "better": "higher"}])
    at = app.page(PAGE)
    at = open_tab(at, "cc5__tabs", "Indicators and outcomes")
    at = edit_table(
        at,
        "cc5__outcomes",
        added=[
            {"measure": "Hep C treatment starts", "period": "2025-Q1", "count": 9, "out_of": 22},
            {"measure": "Hep C treatment starts", "period": "2025-Q2", "count": 11, "out_of": 21},
        ],
    )
    assert not at.exception
    at.run()
    assert len(cc5.state(app.store, workspace.id).outcomes) == 2
    # 9/22 = 40.9% -> 11/21 = 52.4%: improving
    assert any("improving since 2025-Q1" in c.value for c in at.caption)


def test_count_above_its_total_is_refused_beside_the_table(app_with_workspace):
    app, workspace = app_with_workspace
    cc5.save_measures(app.store, workspace.id, [{"measure": "PCP visit kept"}])
    at = app.page(PAGE)
    at = open_tab(at, "cc5__tabs", "Indicators and outcomes")
    at = edit_table(
        at, "cc5__outcomes", added=[{"measure": "PCP visit kept", "period": "2025", "count": 50, "out_of": 40}]
    )
    assert any("more than the total" in e.value for e in at.error)
    assert cc5.state(app.store, workspace.id).outcomes == []


def test_resources_and_advocacy_goal_are_saved(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at = open_tab(at, "cc5__tabs", "Non-financial resources")
    at = edit_table(
        at,
        "cc5__resources",
        added=[
            {
                "type": "advisory_board",
                "name": "Participant circle 🌱",
                "contribution": "Reviews intake <b>questions</b>",
            }
        ],
    )
    at = open_tab(at, "cc5__tabs", "Policy and advocacy")
    at.text_area(key="text__change_concept_5.policy__advocacy_goal").set_value(
        "Medicaid pays for peer navigation"
    ).run()
    assert not at.exception
    state = cc5.state(app.store, workspace.id)
    assert state.resources[0].name == "Participant circle 🌱"
    assert state.policy["advocacy_goal"] == "Medicaid pays for peer navigation"


def test_sustain_tab_quotes_the_source_and_saves_each_factor(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at = open_tab(at, "cc5__tabs", "Sustain the approach")
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "engaged staff buy\\-in and a commitment to continuous quality improvement" in md
    assert "**Trauma\\-Informed Care Sustainability Guide**" in md
    at.get_by_key("cc5__sustain__leadership").set_value("in_place").run()
    at.text_area(key="text__change_concept_5.sustain_notes__leadership").set_value("Board chair co-leads").run()
    assert not at.exception
    assert cc5.sustain_statuses(app.store, workspace.id)["leadership"] == "in_place"
    assert answers.get_text(app.store, workspace.id, cc5.SUSTAIN_NOTES_SECTION, "leadership") == "Board chair co-leads"


def test_the_payment_types_and_tools_are_on_the_page_with_glossary_links(app_with_workspace):
    app, _ = app_with_workspace
    at = open_tab(app.page(PAGE), "cc5__tabs", "Inventory and funding")
    md = " ".join(m.value for m in at.markdown)
    assert "“pay\\-for\\-reporting”" in md and "“condition\\-specific population\\-based payments”" in md
    links = [link.value for link in at.page_link]
    assert "Pay for reporting" in links and "Condition-specific population-based payment" in links
    assert "**Trauma\\-Informed Care Quality Outcomes Crosswalk**" in md
    at = open_tab(at, "cc5__tabs", "Indicators and outcomes")
    assert "**OSA Workbook**" in " ".join(m.value for m in at.markdown)
    # The engagement table's columns are the data file's indicator labels (no longer hard-coded).
    columns = at.get_by_key("cc5__engagement").proto.columns
    assert "Personal days taken" in columns and "Staff (headcount)" in columns
    credit = next(plain(c.value) for c in at.caption if "Quoted on this page" in c.value)
    assert "Fostering Resilience and Recovery: Change Concept 5" in credit


def test_a_change_saved_elsewhere_shows_after_the_state_was_kept(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.run()  # a rerun on the same data: the state kept for this version of it
    assert any("0 of 6 parts filled in" in md.value for md in at.markdown)
    # Another window adds an inventory row: one of the six parts is filled in on the next run
    answers.add_record(
        app.store,
        workspace.id,
        cc5.INVENTORY_KIND,
        {"item": "Staff training", "category": "activity", "stage": "existing", "funding": "grant"},
    )
    at.run()
    assert any("1 of 6 parts filled in" in md.value for md in at.markdown)
