"""The Chronic Care Model financing page and the billing code reference, driven through AppTest."""

from decimal import Decimal as D

from core.store import answers
from core.sustain import chronic_care_financing as cc
from tests.pages.editing import edit_table

PAGE = "pages/sustain/chronic_care_financing.py"
CODES = "pages/sustain/billing_codes.py"


def test_empty_page_prefills_stakeholder_outcomes_and_says_what_to_do_first(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert not at.exception
    assert at.title[0].value == "Chronic Care Model financing"
    assert at.text_area(key="text__chronic_care_financing.outcomes__insurers").value == (
        "reduced ED and hospital utilization"
    )
    assert any("The source's words, word for word" in c.value for c in at.caption)
    assert any("Nothing recorded yet" in i.value for i in at.info)
    assert any("Enter the patients who fit" in i.value for i in at.info)
    # nothing is saved just by looking at the page
    assert answers.get_texts(app.store, workspace.id, cc.OUTCOMES_SECTION) == {}


def test_environment_and_an_edited_outcome_are_saved(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.text_area(key="text__chronic_care_financing.environment__provider_type").set_value("Peer specialists").run()
    at.text_area(key="text__chronic_care_financing.outcomes__employers").set_value("Back to work in 90 days").run()
    assert not at.exception
    assert answers.get_text(app.store, workspace.id, cc.ENVIRONMENT_SECTION, "provider_type") == "Peer specialists"
    assert cc.stakeholder_outcomes(app.store, workspace.id)[2].from_source is False
    assert any("Your working group's wording" in c.value for c in at.caption)


def test_the_bundled_pilot_yields_revenue_from_its_inputs(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    at.number_input(key="ccf__pilot__bundle.patients").set_value(60).run()
    at.number_input(key="ccf__pilot__bundle.payment_per_patient").set_value(900).run()
    at.number_input(key="ccf__pilot__bundle.startup_payment").set_value(10000).run()
    assert not at.exception
    pilot = cc.get_pilot(app.store, workspace.id)
    assert (pilot.bundle.patients, pilot.bundle.payment_per_patient) == (60, D("900.00"))
    # 60 x 900 + 10,000 = 64,000; enrollment +/-20%: 53,200 to 74,800
    assert [m.value for m in at.metric] == ["$64,000", "$53,200", "$74,800"]
    at = edit_table(at, "ccf__pilot__bundle__startup", edited={0: {"cost": 12000}})
    assert cc.get_pilot(app.store, workspace.id).bundle.startup_costs[0].cost == D("12000.00")
    assert any("leaves $2,000" in w.value for w in at.warning)


def test_codes_marked_to_turn_on_are_listed(app_with_workspace):
    app, workspace = app_with_workspace
    cc.save_coverage(
        app.store, workspace.id, [{"payer": "Plan A", "code": "H0038", "reimburses": "no", "turn_on": True}]
    )
    at = app.page(PAGE)
    # the line is escaped markdown (user text never renders as markup): compare without the escapes
    assert any(
        "H0038 (Self-help / peer support services, per 15 minutes): not paid by Plan A" in md.value.replace("\\", "")
        for md in at.markdown
    )


def test_code_reference_search_and_family_filter(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(CODES)
    assert not at.exception
    assert at.title[0].value == "Billing code reference"
    assert len(at.dataframe[0].value) == sum(len(f.codes) for f in cc.billing_codes().families)
    at.text_input(key="codes__query").set_value("peer").run()
    assert set(at.dataframe[0].value["Code"]) >= {"H0038", "G0140", "G0146"}
    at.text_input(key="codes__query").set_value("").run()
    at.selectbox(key="codes__family").select("chi_pin").run()
    assert list(at.dataframe[0].value["Code"]) == ["G0019", "G0022", "G0023", "G0024", "G0140", "G0146", "G0136"]
    assert any("MLN9201074" in c.value for c in at.caption)
    at.text_input(key="codes__query").set_value("zzz nothing").run()
    assert "No code matches" in at.info[0].value


def test_payer_coverage_is_recorded_and_summarized(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(CODES)
    at = edit_table(
        at,
        "codes__coverage",
        added=[
            {"payer": "State Medicaid", "code": "h0038", "reimburses": "yes", "amount": 20.5},
            {"payer": "Plan A", "code": "H0038", "reimburses": "no", "turn_on": True},
        ],
    )
    assert not at.exception
    rows = cc.coverage(app.store, workspace.id)
    assert [(r.payer, r.code, r.amount, r.turn_on) for r in rows] == [
        ("State Medicaid", "H0038", D("20.50"), False),
        ("Plan A", "H0038", None, True),
    ]
    at.run()
    summary = at.dataframe[-1].value
    assert summary.loc[0, "Paid by"] == "State Medicaid" and summary.loc[0, "Not paid by"] == "Plan A"


def test_bad_coverage_rows_are_refused_with_a_message(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(CODES)
    at = edit_table(at, "codes__coverage", added=[{"payer": "Plan A", "code": "99-492"}])
    assert any("Row 1" in e.value and "letters and digits" in e.value for e in at.error)
    at = edit_table(
        at, "codes__coverage", added=[{"payer": "Plan A", "code": "H0038"}, {"payer": "plan a", "code": "H0038"}]
    )
    assert any("already in the table" in e.value for e in at.error)
    assert cc.coverage(app.store, workspace.id) == []


def test_every_strategy_is_quoted_and_its_status_and_notes_save(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page(PAGE)
    assert [s.value for s in at.subheader][:4] == [
        "Background/Initiation",
        "Negotiation",
        "Current Strategies: fee-for-service payment structure",
        "Emerging Strategies: bundled payment structure",
    ]
    quoted = [m.value for m in at.markdown if m.value.startswith("> “")]
    assert sum("Chronic Care Model mental health financing strategies" in q for q in quoted) == 11
    assert any("Publicize initial effectiveness early on to stakeholders" in q for q in quoted)
    at.get_by_key("ccf__strategy__publicize").set_value("in_progress").run()
    at.text_area(key="text__chronic_care_financing.strategy_notes__publicize").set_value("County coalition, fall").run()
    assert not at.exception
    assert cc.strategy_statuses(app.store, workspace.id)["publicize"] == "in_progress"
    assert answers.get_text(app.store, workspace.id, cc.STRATEGY_NOTES_SECTION, "publicize") == "County coalition, fall"
    credit = next(c.value for c in at.caption if "Quoted on this page" in c.value)
    assert "untitled, no author named" in credit


def test_the_code_reference_says_the_selection_is_the_apps_and_quotes_the_sources(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/sustain/billing_codes.py")
    assert not at.exception
    md = " ".join(m.value for m in at.markdown)
    assert "the app's own selection" in md and "none of the five source documents names a code" in md
    assert "> - “Start with existing billing codes\\: e\\.g\\., Table 1" in md
    assert "suggested by" not in md
    at.selectbox(key="codes__family").set_value("collaborative_care").run()
    assert any("outside the five sources" in c.value for c in at.caption)
