"""The Payment arrangements page, driven through AppTest: scenarios, inputs, tables and the comparison."""

from decimal import Decimal as D

from core.hrh.services import ServiceRow, save_service_row
from core.sustain import payment_arrangements as arr
from tests.pages.editing import edit_table, open_tab, plain

PAGE = "pages/sustain/payment_arrangements.py"


def open_page(app_with_workspace):
    app, workspace = app_with_workspace
    return app, workspace, app.page(PAGE)


def only_scenario(app, workspace):
    [(rid, scenario)] = arr.list_scenarios(app.store, workspace.id)
    return rid, scenario


def test_empty_state_creates_a_first_scenario_with_step_3_volumes(app_with_workspace):
    app, workspace = app_with_workspace
    save_service_row(
        app.store,
        workspace.id,
        ServiceRow(
            service_id="naloxone",
            category="preventative",
            name="Naloxone",
            services_per_month=120,
            currently_offer=True,
        ),
    )
    at = app.page(PAGE)
    assert not at.exception
    assert "Start with a first scenario" in at.info[0].value
    at.text_input(key="pay__first_name").set_value("Today  ").run()
    at.button(key="pay__first_create").click().run()
    assert not at.exception
    rid, scenario = only_scenario(app, workspace)
    assert scenario.name == "Today"
    assert [(line.service, line.services_per_month) for line in scenario.fee_for_service.lines] == [("Naloxone", 120)]
    assert at.selectbox(key="pay__scenario").value == rid
    assert [t.label for t in at.tabs][:2] == ["Fee-for-service", "Care coordination fee (PMPM)"]


def test_pmpm_inputs_save_and_the_page_shows_the_annual_figure(app_with_workspace):
    app, workspace = app_with_workspace
    rid = arr.create_scenario(app.store, workspace.id, "Today")
    at = open_tab(app.page(PAGE), "pay__tabs", "Care coordination fee (PMPM)")
    at.number_input(key=f"pay__{rid}__care_coordination_fee.members").set_value(250).run()
    at.number_input(key=f"pay__{rid}__care_coordination_fee.pmpm").set_value(12.5).run()
    assert not at.exception
    fee = arr.get_scenario(app.store, workspace.id, rid).care_coordination_fee
    assert (fee.members, fee.pmpm) == (250, D("12.50"))
    # 250 x 12.50 x 12 = 37,500
    assert "$37,500" in [m.value for m in at.metric]
    assert any("$12.50 per member per month for 250 members" in md.value for md in at.markdown)


def test_rates_typed_in_the_fee_for_service_table_are_saved(app_with_workspace):
    app, workspace = app_with_workspace
    save_service_row(
        app.store,
        workspace.id,
        ServiceRow(
            service_id="naloxone",
            category="preventative",
            name="Naloxone",
            services_per_month=100,
            currently_offer=True,
        ),
    )
    rid = arr.create_scenario(app.store, workspace.id, "Today")
    at = app.page(PAGE)
    at = edit_table(
        at,
        f"pay__{rid}__ffs_lines",
        edited={0: {"rate": 25.5}},
        added=[{"service": "Group education", "services_per_month": 10, "rate": 12}],
    )
    assert not at.exception
    lines = arr.get_scenario(app.store, workspace.id, rid).fee_for_service.lines
    assert [(line.service, line.rate, line.volume_from) for line in lines] == [
        ("Naloxone", D("25.50"), "step3"),
        ("Group education", D("12.00"), "estimate"),
    ]
    # (100 x 25.50 + 10 x 12) x 12 = 32,040
    assert "$32,040" in [m.value for m in at.metric]


def test_a_bad_cell_shows_a_message_and_saves_nothing(app_with_workspace):
    app, workspace = app_with_workspace
    rid = arr.create_scenario(app.store, workspace.id, "Today")
    at = open_tab(app.page(PAGE), "pay__tabs", "Pay for performance")
    at = edit_table(at, f"pay__{rid}__p4p", added=[{"measure": "Follow-up", "bonus": 1000, "likelihood_pct": 140}])
    assert not at.exception
    assert any("Row 1" in e.value and "100" in e.value for e in at.error)
    assert arr.get_scenario(app.store, workspace.id, rid).pay_for_performance.measures == []


def test_renaming_to_nothing_is_refused_beside_the_field(app_with_workspace):
    app, workspace = app_with_workspace
    rid = arr.create_scenario(app.store, workspace.id, "Today")
    at = app.page(PAGE)
    at.text_input(key=f"pay__{rid}__name").set_value(" \x00 ").run()
    assert not at.exception
    assert any("Scenario name is required" in e.value for e in at.error)
    assert arr.get_scenario(app.store, workspace.id, rid).name == "Today"
    at.text_input(key=f"pay__{rid}__name").set_value("Aujourd'hui — 今日 🌱").run()
    assert arr.get_scenario(app.store, workspace.id, rid).name == "Aujourd'hui — 今日 🌱"


def test_a_copy_is_compared_side_by_side_with_a_chart(app_with_workspace):
    app, workspace = app_with_workspace
    rid = arr.create_scenario(app.store, workspace.id, "Today")
    arr.update_scenario(app.store, workspace.id, rid, "care_coordination_fee", {"members": 100, "pmpm": "10"})
    at = app.page(PAGE)
    at.text_input(key="pay__new_name").set_value("With a plan")
    at.selectbox(key="pay__copy_of").select(rid)
    at.button(key="pay__new_create").click().run()
    assert not at.exception
    assert [s.name for _, s in arr.list_scenarios(app.store, workspace.id)] == ["Today", "With a plan"]
    table = at.dataframe[-1].value
    assert list(table.columns) == ["Arrangement", "Today", "With a plan"]
    # 100 x 10 x 12 = 12,000; +/-20% = 9,600 to 14,400
    assert table.loc[1, "With a plan"] == "$12,000 ($9,600 to $14,400)"
    assert at.get("plotly_chart")


def test_a_duplicate_scenario_name_is_refused(app_with_workspace):
    app, workspace = app_with_workspace
    arr.create_scenario(app.store, workspace.id, "Today")
    at = app.page(PAGE)
    at.text_input(key="pay__new_name").set_value("TODAY")
    at.button(key="pay__new_create").click().run()
    assert any("already a scenario" in e.value for e in at.error)
    assert len(arr.list_scenarios(app.store, workspace.id)) == 1


def test_two_sided_shared_savings_show_the_loss_in_a_bad_year(app_with_workspace):
    app, workspace = app_with_workspace
    rid = arr.create_scenario(app.store, workspace.id, "Today")
    arr.update_scenario(
        app.store,
        workspace.id,
        rid,
        "shared_savings",
        {
            "baseline_cost_per_member": "9000",
            "members": 500,
            "expected_reduction_pct": 3,
            "good_year_reduction_pct": 6,
            "bad_year_reduction_pct": -4,
            "minimum_savings_rate_pct": 2,
            "savings_share_pct": 50,
            "loss_share_pct": 40,
        },
    )
    at = open_tab(app.page(PAGE), "pay__tabs", "Shared savings")
    at.radio(key=f"pay__{rid}__shared_savings.risk").set_value("two_sided").run()
    assert not at.exception
    assert arr.get_scenario(app.store, workspace.id, rid).shared_savings.risk == "two_sided"
    # the minimum loss rate is its own figure now: nothing is shown until it is entered
    assert any("enter the minimum loss rate" in i.value for i in at.info) and not at.metric
    at.number_input(key=f"pay__{rid}__shared_savings.minimum_loss_rate_pct").set_value(2.0).run()
    # bad year: costs up 4% of 4,500,000 = 180,000 (past the 2% minimum loss rate); 40% = 72,000 owed
    assert "-$72,000" in [m.value for m in at.metric]
    assert at.number_input(key=f"pay__{rid}__shared_savings.loss_cap_pct")
    assert "Owed by the program when costs rise by at least the minimum loss rate (2%)" in plain(
        next(m.value for m in at.markdown if "How it is computed" in m.value)
    )
    # a 30% reduction would pay 15% of the baseline; a 10% cap pays at most 450,000
    at.number_input(key=f"pay__{rid}__shared_savings.savings_cap_pct").set_value(10.0).run()
    at.number_input(key=f"pay__{rid}__shared_savings.expected_reduction_pct").set_value(30.0).run()
    assert not at.exception
    assert [m.value for m in at.metric][0] == "$450,000"
    at.number_input(key=f"pay__{rid}__shared_savings.savings_cap_pct").set_value(None).run()  # emptied: no cap
    assert arr.get_scenario(app.store, workspace.id, rid).shared_savings.savings_cap_pct is None
    assert [m.value for m in at.metric][0] == "$675,000"


def test_deleting_a_scenario_needs_a_confirmation(app_with_workspace):
    app, workspace = app_with_workspace
    rid = arr.create_scenario(app.store, workspace.id, "Today")
    at = app.page(PAGE)
    assert at.button(key=f"pay__{rid}__delete").disabled
    at.checkbox(key=f"pay__{rid}__sure").check().run()
    at.button(key=f"pay__{rid}__delete").click().run()
    assert not at.exception
    assert arr.list_scenarios(app.store, workspace.id) == []
    assert "Start with a first scenario" in at.info[0].value


def test_volumes_can_be_taken_again_from_step_3(app_with_workspace):
    app, workspace = app_with_workspace
    rid = arr.create_scenario(app.store, workspace.id, "Today")
    save_service_row(
        app.store,
        workspace.id,
        ServiceRow(
            service_id="hcv_testing",
            category="medical",
            name="Hepatitis C testing",
            services_per_month=35,
            currently_offer=True,
        ),
    )
    at = app.page(PAGE)
    assert any("Add the services you would bill" in i.value for i in at.info)
    at.button(key=f"pay__{rid}__refresh").click().run()
    assert not at.exception
    lines = arr.get_scenario(app.store, workspace.id, rid).fee_for_service.lines
    assert [(line.service, line.services_per_month, line.volume_from) for line in lines] == [
        ("Hepatitis C testing", 35, "step3")
    ]
    assert at.data_editor[0].value.loc[0, "volume_from"] == "From Step 3"
