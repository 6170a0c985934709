"""Stage 4 page: staff and targets, caseloads per period on the dashboard, process measures and their trends."""

from core.care_model import one_twenty_five as cl
from core.care_model import process_measures as pm
from tests.pages.editing import edit_table, shown

PAGE = "pages/care_model/one_twenty_five.py"


def test_staff_then_caseloads_fill_the_dashboard(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert "Add your staff members and their target caseloads above" in shown(at)
    edit_table(
        at,
        "one_twenty_five__staff",
        added=[{"name": "Care manager 1", "role": "Peer", "target": 25}, {"name": "Care manager 2", "target": 0}],
    )
    assert "Target caseload: a target caseload is a whole number of patients from 1 to 10,000." in shown(at)
    assert [m.name for _, m in cl.staff(app.store, workspace.id)] == ["Care manager 1"]
    at.text_input(key="one_twenty_five__period").input("2025-03").run()
    edit_table(at, "one_twenty_five__caseload__2025-03", edited={0: {"outreach": 6, "active": 20, "maintenance": 3}})
    assert not at.exception
    assert [(e.period, e.total) for e in cl.entries(app.store, workspace.id)] == [("2025-03", 29)]
    assert "2025-03: 29 patients across 1 staff (target 25)." in shown(at)
    assert "Over target: Care manager 1 (29 of 25)." in shown(at)
    assert len(at.get("plotly_chart")) == 1  # one period: no trend chart yet


def test_a_bad_period_says_how_to_write_it(app_with_workspace):
    app, workspace = app_with_workspace
    cl.add_staff(app.store, workspace.id, cl.StaffMember(name="CM", target=10))
    at = app.page(PAGE)
    at.text_input(key="one_twenty_five__period").input("March").run()
    assert not at.exception
    assert "Month must be written as year-month, like 2025-03" in shown(at)


def test_measures_and_targets(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert "Add a row for a month above" not in shown(at)  # only the open tab runs
    at.session_state["one_twenty_five__view"] = "Process measures"
    at.run()
    assert "Add a row for a month above" in shown(at)
    edit_table(
        at,
        "one_twenty_five__measures",
        added=[{"month": "2025-01", "percent_engaged": 50}, {"month": "2025-02", "percent_engaged": 58}],
    )
    at.number_input(key="one_twenty_five__target__percent_engaged").set_value(60.0).run()
    assert not at.exception
    assert pm.targets(app.store, workspace.id) == {"percent_engaged": 60.0}
    table = at.dataframe[-1].value
    row = table[table["Measure"] == "Percent engaged"].iloc[0]
    assert (row["Latest"], row["Previous"], row["Target"], row["Status"]) == (58.0, 50.0, 60.0, "not met")
    at.selectbox(key="one_twenty_five__trend_measure").set_value("percent_engaged").run()
    chart = at.get("plotly_chart")[-1]
    assert "Percent engaged by month" in chart.proto.spec
    edit_table(at, "one_twenty_five__measures", added=[{"month": "2025-03", "percent_engaged": 140}])
    assert "Percent engaged must be between 0 and 100" in shown(at)
    assert len(pm.months(app.store, workspace.id)[0]) == 2


def test_demo_dashboard_shows_trend_and_flags(app):
    from core import demo

    workspace, token = demo.open_demo(app.store)
    app.at.session_state["workspace_token"] = token
    at = app.page(PAGE)
    assert not at.exception
    assert "Room for more: Care manager 2 (19 of 25), Care manager 3 (15 of 20)." in shown(at)
    assert len(at.get("plotly_chart")) == 2  # caseload by staff member, trend
    at.session_state["one_twenty_five__view"] = "Process measures"
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1  # the chosen measure's trend


def test_the_stage_quotes_its_guidance_tips_and_practitioner_and_says_its_own_rules(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/care_model/one_twenty_five.py")
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "Create a dashboard that displays the status of each caseload" in md
    assert "The app's own rule" in md and "more than 20% below it" in md
    tips = at.expander[[e.label for e in at.expander].index("Tips and guidance to develop work processes")]
    assert tips.markdown[0].value.count("> - “") == 7
    assert any("Jo Ann Beckie" in c.value for c in at.caption)
    at.session_state["one_twenty_five__view"] = "Process measures"
    at.run()
    md = " ".join(m.value for m in at.markdown)
    assert "> “Process measures to consider include\\:”" in md
    assert md.count("> - “") >= 9  # the nine measures, as the source words them
    assert "within 10% of it" in md and "The 10% is the app's own" in md
    assert at.number_input(key="one_twenty_five__target__visit_duration").help.startswith("“Duration of care visits”")
