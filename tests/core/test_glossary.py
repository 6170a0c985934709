"""The Step 1 glossary: content complete and linked, search by name, alias and definition."""

from __future__ import annotations

from core.hrh import glossary as g

APPENDIX_A = [
    "aca",
    "bipoc",
    "fpl",
    "medicaid",
    "medicaid_expansion",
    "medicare",
    "dual_eligible",
    "healthcare_entity",
    "fqhc",
    "behavioral_health",
    "aco",
    "mco",
    "hmo_ppo_epo",
    "fee_for_service",
    "capitation",
    "value_based_payment",
    "pay_for_performance",
    "bundled_payment",
    "shared_savings",
    "carve_in_carve_out",
    "peer_support_services",
]
OTHER_SEEDS = [
    "accountable_care",
    "chronic_care_model",
    "health_home",
    "pmpm",
    "total_cost_of_care",
    "minimum_savings_rate",
    "diamond",
    "trauma_informed_care",
    "integrated_behavioral_health",
]


def test_every_appendix_a_term_and_the_other_seeds_payment_terms_are_defined():
    ids = {t.id for t in g.glossary_terms()}
    assert set(APPENDIX_A) <= ids
    assert set(OTHER_SEEDS) <= ids
    assert all(t.definition.strip() and g.source_names(t) for t in g.glossary_terms())


def test_terms_are_listed_alphabetically_ignoring_punctuation():
    names = [t.term for t in g.glossary_terms()]
    assert names[:2] == ["5x method", "Accountable care"]  # digits sort before letters
    assert names.index("Carve-in / carve-out") < names.index("Case management")
    assert names.index("Medicaid") < names.index("Medicaid expansion") < names.index("Medicaid managed care")


def test_related_terms_resolve():
    fqhc = g.glossary_term("fqhc")
    assert [t.id for t in g.related_terms(fqhc)] == ["health_care_for_the_homeless", "health_home", "healthcare_entity"]


def test_unknown_term_id_is_none():
    assert g.glossary_term("no_such_term") is None


def test_empty_search_returns_everything():
    assert g.search_glossary("") == g.glossary_terms()
    assert g.search_glossary("   ") == g.glossary_terms()


def test_search_ignores_case_and_punctuation_and_puts_exact_names_first():
    assert g.search_glossary("fee for service")[0].id == "fee_for_service"
    assert g.search_glossary("CARVE-OUT")[0].id == "carve_in_carve_out"
    assert g.search_glossary("aco")[0].id == "aco"


def test_search_finds_aliases():
    assert g.search_glossary("PMPM")[0].id == "pmpm"
    assert g.search_glossary("case rate")[0].id == "bundled_payment"
    assert g.search_glossary("Narcan")[0].id == "naloxone"


def test_search_ranks_name_matches_before_definition_matches():
    ids = [t.id for t in g.search_glossary("capitation")]
    assert ids[0] == "capitation"
    assert "pmpm" in ids[1:]  # its definition mentions capitation


def test_search_needs_every_word_and_handles_odd_input():
    assert g.search_glossary("zzzz nothing") == []
    assert g.search_glossary("<script>alert(1)</script>") == []
    assert g.search_glossary("médicaid")[0].id == "medicaid"  # accents folded
    assert g.search_glossary("\x00\x07") == g.glossary_terms()  # only control characters: empty query
