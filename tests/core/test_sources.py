"""core.sources: the documents, quotes and their credits, and the check that a quote is in its document."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from core import sources
from core.sources import Quote


def test_normalise_collapses_whitespace_and_straightens_quote_marks():
    assert sources.normalise("  the  “health\u00a0plan”\n\tthat’s ") == 'the "health plan" that\'s'


def test_a_quote_is_found_whatever_its_line_breaks_and_quote_marks():
    # The document has a double space in "states  to" and curly marks; the data file need not.
    assert sources.found_in_source("expanded Medicaid in some states to make more people are eligible", "hrh_workbook")
    assert sources.found_in_source('a healthcare company or a "health plan"', "hrh_workbook")


def test_an_elision_skips_words_but_keeps_their_order():
    assert sources.found_in_source(
        "Start with existing billing codes ... reference national sources", "chronic_care_financing"
    )
    assert sources.found_in_source("Start with existing billing codes … on the use of codes", "chronic_care_financing")
    assert not sources.found_in_source(
        "reference national sources ... Start with existing billing codes", "chronic_care_financing"
    )
    assert not sources.found_in_source("...", "chronic_care_financing")


def test_one_changed_word_or_the_wrong_document_is_not_found():
    assert sources.found_in_source("Keep it real.", "hrh_workbook")
    assert not sources.found_in_source("Keep it very real.", "hrh_workbook")
    assert not sources.found_in_source("Keep it real.", "careoregon")
    assert not sources.found_in_source("keep it real.", "hrh_workbook")  # case matters: word for word


def test_quote_problems_names_each_crafted_wrong_attribution():
    raw = {
        "good": {"quote": "Keep it real.", "source": "hrh_workbook"},
        "items": [
            # a real sentence of one document attributed to another
            {"quote": "Track key metrics.", "source": "hrh_workbook"},
            # a real document id with no words
            {"source": "careoregon"},
            # words with a made-up document
            {"quote": "Keep it real.", "source": "the_internet"},
            # a speaker the document never names
            {"quote": "Keep it real.", "source": "hrh_workbook", "speaker": "Someone Famous, MD"},
        ],
        "plain": "The app's own words are a string and are not checked.",
        "other_source_field": {"source": "CMS booklet", "text": "not one of the five: not a quote"},
    }
    assert sources.quote_problems(raw) == [
        "items[0]: not found in hrh_workbook: 'Track key metrics.'",
        "items[1]: source careoregon without the quoted words",
        "items[2]: quote without a known source ('the_internet')",
        "items[3]: speaker not found in hrh_workbook: 'Someone Famous, MD'",
    ]


def test_the_quote_model_refuses_an_unknown_document_and_empty_words():
    with pytest.raises(ValidationError):
        Quote(quote="Keep it real.", source="wikipedia")
    with pytest.raises(ValidationError):
        Quote(quote="", source="hrh_workbook")
    assert str(Quote(quote="Keep it real.", source="hrh_workbook")) == "Keep it real."
    assert sources.plain(Quote(quote="x", source="careoregon")) == "x" and sources.plain("own") == "own"


def test_credits_name_the_document_the_section_and_the_person_quoted():
    assert sources.credit(Quote(quote="x", source="hrh_workbook", where="Step 8")) == (
        "Harm Reduction is Healthcare workbook, Step 8"
    )
    carr = Quote(quote="x", source="care_model_recommendations", speaker="Eleni Carr, MBA, LICSW")
    assert sources.credit(carr) == "Eleni Carr, MBA, LICSW, quoted in Complex-needs care model recommendations"
    assert sources.shared_credit(
        [
            Quote(quote="a", source="care_model_recommendations", where="Tips"),
            Quote(quote="b", source="hrh_workbook", where="Step 9"),
            Quote(quote="c", source="care_model_recommendations", where="Tips"),
            carr,
        ]
    ) == (
        "Harm Reduction is Healthcare workbook, Step 9; Complex-needs care model recommendations, Tips; "
        "Eleni Carr, MBA, LICSW, quoted in Complex-needs care model recommendations"
    )


def test_references_name_authors_as_the_documents_do_and_say_when_none_is_named():
    assert sources.reference("hrh_workbook") == (
        "Harm Reduction is Healthcare workbook (“Harm Reduction is Healthcare: Sustainable Funding for Harm "
        "Reduction Programs”), by National Harm Reduction Coalition, Vital Strategies, In The Works and Anka "
        "Consulting; authors Taeko Frost, Kima Taylor, Dana Kurzer-Yashin, Daliah Heller and Tracy Pugh"
    )
    assert sources.reference("careoregon") == (
        "CareOregon Health Resilience Program case (“Care Coordination and Resilience”), by Stefani Daniels; "
        "Aug 14, 2017"
    )
    assert sources.reference("chronic_care_financing").endswith("untitled, no author named")
    assert sources.full_entry("change_concept_5") == (
        "Trauma-informed primary care, Change Concept 5: Finance and Sustain, “Fostering Resilience and Recovery: "
        "Change Concept 5”. The document names no author."
    )


def test_cited_sources_walks_content_models_and_keeps_the_documents_order():
    from core.content import load
    from core.hrh.money_flows import MoneyFlowsContent

    assert sources.cited_sources(load(MoneyFlowsContent)) == ["hrh_workbook", "chronic_care_financing"]
    assert sources.cited_sources({"a": ["own words", Quote(quote="x", source="careoregon")]}) == ["careoregon"]
    assert sources.cited_sources("nothing quoted") == []


def test_contains_name_matches_words_and_plurals_not_pieces_of_words():
    assert sources.contains_name("Federally Qualified Healthcare Clinics (FQHCs’) = ...", ["FQHC"])
    assert sources.contains_name("health maintenance organizations (HMO’s)", ["HMO"])
    assert not sources.contains_name("working with individuals in your population", ["duals"])
    assert not sources.contains_name("anything", ["", "  "])


def test_the_documents_folder_can_be_named_and_a_missing_one_says_how_to_fix_it(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("WORKBOOK_SOURCES_DIR", str(tmp_path))
    assert sources.sources_dir() == tmp_path
    monkeypatch.delenv("WORKBOOK_SOURCES_DIR")
    assert (sources.sources_dir() / "careoregon-health-resilience-program.txt").is_file()


def test_raw_quotes_and_illustrations_are_found_with_their_paths():
    raw = {"a": [{"quote": "q", "source": "careoregon"}, {"b": {"illustration": True, "note": "n"}}]}
    assert [p for p, _ in sources.raw_quotes(raw)] == ["a[0]"]
    assert [p for p, _ in sources.illustrations(raw)] == ["a[1].b"]


def test_cited_sources_kept_for_a_model_are_never_another_models():
    # A frozen model's sources are kept by identity; an equal-looking or new model is walked on its own.
    first = Quote(quote="x", source="careoregon")
    assert sources.cited_sources(first) == ["careoregon"]
    assert sources.cited_sources(first) == ["careoregon"]  # the kept answer
    other = Quote(quote="x", source="hrh_workbook")
    assert sources.cited_sources(other) == ["hrh_workbook"]
    assert sources.cited_sources([first, other]) == ["hrh_workbook", "careoregon"]  # sources.yaml's order
