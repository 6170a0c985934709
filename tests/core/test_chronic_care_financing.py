"""Chronic Care Model financing: code reference, stakeholder outcomes, payer coverage, bundled pilot."""

import re
from decimal import Decimal as D

import pytest

from core.content import DATA_DIR
from core.store import answers
from core.sustain import chronic_care_financing as cc


def test_reference_holds_the_code_families_the_issue_names():
    codes = cc.code_index()
    expected = [
        "99492",
        "99493",
        "99494",
        "G2214",
        "99484",
        "99408",
        "99409",
        "G0396",
        "G0397",
        "99490",
        "99439",
        "99487",
        "99424",
        "G0019",
        "G0022",
        "G0023",
        "G0024",
        "98960",
        "98961",
        "98962",
        "H0038",
    ]
    assert [c for c in expected if c not in codes] == []
    assert codes["99492"][1].code_set == "CPT"
    assert codes["G0019"][1].code_set == "HCPCS"
    assert codes["H0038"][0].id == "peer_and_case_management"


def test_every_family_says_where_its_descriptions_come_from_and_what_documentation_is_needed():
    for family in cc.billing_codes().families:
        assert len(family.defined_in) > 20, family.id
        assert family.documentation, family.id


def test_the_code_reference_ships_no_rates():
    text = (DATA_DIR / "billing_codes.yaml").read_text(encoding="utf-8")
    assert "$" not in text
    assert not re.search(r"\b(rate|amount|fee|price)\s*:", text, re.IGNORECASE)
    assert not re.search(r"\d+\.\d{2}\b", text)  # nothing that looks like a dollar figure


def test_code_reference_filters_by_words_and_family():
    rows = cc.code_reference("peer")
    assert {r["Code"] for r in rows} >= {"H0038", "G0140"}
    assert [r["Code"] for r in cc.code_reference("", "collaborative_care")] == ["99492", "99493", "99494", "G2214"]
    assert cc.code_reference("g2214 month")[0]["Code set"] == "HCPCS"
    assert cc.code_reference("no such words") == []


def test_stakeholder_outcomes_are_prefilled_from_the_source_until_edited(store, workspace):
    outcomes = cc.stakeholder_outcomes(store, workspace.id)
    assert [o.label for o in outcomes] == ["Patients", "Providers", "Employers", "Insurance companies"]
    assert outcomes[3].text == "reduced ED and hospital utilization"  # word for word: "Insurance companies—reduced ..."
    assert all(o.from_source for o in outcomes)
    answers.save_text(store, workspace.id, cc.OUTCOMES_SECTION, "employers", "People back at work within 90 days.")
    employers = cc.stakeholder_outcomes(store, workspace.id)[2]
    assert (employers.text, employers.from_source) == ("People back at work within 90 days.", False)


def test_payer_coverage_row_is_validated_and_cleaned():
    row = cc.PayerCoverage(payer=" Buckeye Health Plan ", code=" g0019 ", reimburses=None, amount="", turn_on=None)
    assert (row.payer, row.code, row.reimburses, row.amount, row.turn_on) == (
        "Buckeye Health Plan",
        "G0019",
        "unknown",
        None,
        False,
    )
    with pytest.raises(ValueError, match="letters and digits"):
        cc.PayerCoverage(payer="P", code="99-492")
    with pytest.raises(ValueError):
        cc.PayerCoverage(payer="P", code="99492", amount=-3)


def test_the_same_payer_and_code_twice_is_refused(store, workspace):
    with pytest.raises(ValueError, match="already in the table"):
        cc.save_coverage(
            store, workspace.id, [{"payer": "Plan A", "code": "H0038"}, {"payer": "plan a", "code": "h0038"}]
        )


def test_coverage_by_code_groups_payers_and_lists_codes_to_turn_on():
    rows = [
        cc.PayerCoverage(payer="Medicaid FFS", code="H0038", reimburses="yes", amount="1"),
        cc.PayerCoverage(payer="Plan A", code="H0038", reimburses="no", turn_on=True),
        cc.PayerCoverage(payer="Plan B", code="G0019", reimburses="unknown"),
        cc.PayerCoverage(payer="Plan B", code="X1234", reimburses="no"),
    ]
    summary = cc.coverage_by_code(rows)
    assert [(c.code, c.paying, c.not_paying, c.unknown, c.turn_on) for c in summary] == [
        ("H0038", ["Medicaid FFS"], ["Plan A"], [], True),
        ("G0019", [], [], ["Plan B"], False),
        ("X1234", [], ["Plan B"], [], False),
    ]
    assert summary[2].description == "Not in the reference"
    assert cc.codes_to_turn_on(rows) == [
        "H0038 (Self-help / peer support services, per 15 minutes): not paid by Plan A"
    ]


def test_pilot_starts_with_the_sources_startup_items_and_reuses_the_bundle_model(store, workspace):
    pilot = cc.get_pilot(store, workspace.id)
    assert [c.item for c in pilot.bundle.startup_costs] == ["Patient registry", "Measurement-based care tools"]
    cc.update_pilot(store, workspace.id, "bundle.patients", 60)
    cc.update_pilot(store, workspace.id, "bundle.payment_per_patient", "900")
    pilot = cc.update_pilot(store, workspace.id, "bundle.startup_payment", 10000)
    result = cc.pilot_result(pilot)
    # 60 x 900 = 54,000 + 10,000 start-up = 64,000; +/-20% on enrollment: 74,800 / 53,200
    assert (result.expected, result.good_year, result.bad_year) == (D("64000.00"), D("74800.00"), D("53200.00"))
    with pytest.raises(ValueError):
        cc.update_pilot(store, workspace.id, "bundle.patients", -1)
    assert cc.get_pilot(store, workspace.id).bundle.patients == 60


def test_progress_counts_setting_coverage_and_pilot(store, workspace):
    assert cc.progress(store, workspace.id).share == 0
    for prompt in ("provider_type", "location"):
        answers.save_text(store, workspace.id, cc.ENVIRONMENT_SECTION, prompt, "Peer navigators at our drop-in")
    cc.save_coverage(store, workspace.id, [{"payer": "Plan A", "code": "H0038"}])
    p = cc.progress(store, workspace.id)
    # (2/4 + 1 + 0) / 3 = 0.5
    assert p.share == pytest.approx(0.5)
    assert p.detail == "Still to do: care setting, bundled pilot"


def test_the_eleven_strategies_are_the_sources_in_four_phases():
    content = cc.content()
    assert [p.quote for p in content.phases] == [
        "Background/Initiation",
        "Negotiation",
        "Current Strategies: fee-for-service payment structure",
        "Emerging Strategies: bundled payment structure",
    ]
    assert [[s.id for s in content.strategies_in(p.id)] for p in content.phases] == [
        ["value_and_outcomes", "environment", "toolkit"],
        ["working_group", "publicize", "reimbursement_model", "acos_and_exchanges"],
        ["existing_codes", "contact_payers", "turn_on_codes"],
        ["bundled_pilot"],
    ]
    assert "Involve a third party to help negotiate payment rates" in content.strategies[5].quote
    assert "National Alliance for the Mentally Ill" in content.strategies[0].quote


def test_the_intro_says_the_strategies_are_recommendations_not_facts():
    assert "They are recommendations, not a promise that a payer will pay." in cc.content().intro


def test_billing_codes_say_they_are_the_apps_selection_and_quote_what_the_sources_say():
    reference = cc.billing_codes()
    assert "the app's own selection" in reference.selection and "names a code" in reference.selection
    assert "suggested" not in reference.selection
    assert {q.source for q in reference.sources_say} == {"chronic_care_financing", "change_concept_5"}


def test_a_strategy_status_saves_and_bad_ids_are_refused(store, workspace):
    assert set(cc.strategy_statuses(store, workspace.id).values()) == {"not_started"}
    cc.set_strategy_status(store, workspace.id, "publicize", "done")
    assert cc.strategy_statuses(store, workspace.id)["publicize"] == "done"
    with pytest.raises(KeyError):
        cc.set_strategy_status(store, workspace.id, "bribe_the_payer", "done")
    with pytest.raises(ValueError, match="not a status"):
        cc.set_strategy_status(store, workspace.id, "publicize", "finished<script>")
