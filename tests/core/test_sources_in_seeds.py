"""Every sentence traceable: each quote in `data/` is in the document it names, word for word.

This walks every data file as YAML (not through the models, so nothing a model drops escapes the
check): every mapping with a `quote`, or with a `source` naming one of the five documents, must
carry words found in that document (whitespace and quote marks normalised; "..." marks words left
out). A glossary attribution must quote a sentence of the document that uses the term. A wrong
attribution fails this test, and so CI.
"""

from __future__ import annotations

import re

import pytest
import yaml

from core import sources
from core.content import DATA_DIR, load
from core.hrh.glossary import GlossaryContent

DATA_FILES = sorted(p.name for p in DATA_DIR.glob("*.yaml"))


def _raw(name: str):
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def test_the_five_documents_are_there_to_check_against():
    for d in sources.documents():
        text = sources.source_text(d.id)
        assert len(text) > 2000, f"{d.file} looks empty or truncated"


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_quote_of_a_data_file_is_in_its_source(name):
    assert sources.quote_problems(_raw(name)) == []


def test_the_data_quotes_each_of_the_five_documents():
    """The walk is not vacuous: every document is quoted somewhere, and quotes are many."""
    quoted: dict[str, int] = {}
    for name in DATA_FILES:
        for _, mapping in sources.raw_quotes(_raw(name)):
            quoted[mapping["source"]] = quoted.get(mapping["source"], 0) + 1
    assert set(quoted) == set(sources.SOURCE_IDS)
    assert sum(quoted.values()) > 300


def test_titles_and_authors_are_as_the_documents_name_them():
    for d in sources.documents():
        for words in [d.title, *d.authors, *d.produced_by, d.published]:
            if words:
                assert sources.found_in_source(words, d.id), f"{d.id}: {words!r} is not in {d.file}"


def test_every_glossary_attribution_quotes_the_term_from_the_document_it_names():
    for term in load(GlossaryContent).terms:
        names = [term.term, re.sub(r"\s*\(.*?\)", "", term.term), *term.aliases, *term.found_as]
        for attribution in term.attributions():
            assert sources.found_in_source(attribution.quote, attribution.source), (term.id, attribution.quote)
            assert sources.contains_name(attribution.quote, names), (
                f"{term.id}: the quote attributed to {attribution.source} does not use the term: "
                f"{attribution.quote[:80]!r}"
            )


def test_a_wrong_glossary_attribution_would_fail():
    """The check above is real: minimum savings rate is in none of the five documents."""
    for source_id in sources.SOURCE_IDS:
        assert not sources.found_in_source("minimum savings rate", source_id)
        assert not sources.contains_name(sources.source_text(source_id), ["minimum savings rate", "MSR"])
