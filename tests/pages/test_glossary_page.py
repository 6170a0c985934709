"""Glossary page: every term, search, and `?term=<id>` links from other pages."""

from core.hrh.glossary import glossary_terms
from tests.pages.editing import plain


def test_glossary_lists_every_term(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/glossary.py")
    assert not at.exception
    total = len(glossary_terms())
    assert at.caption[0].value == f"{total} of {total} terms"
    assert "Capitated payment (capitation)" in [s.value for s in at.subheader]


def test_search_narrows_the_list(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/glossary.py")
    at.text_input(key="glossary__search").set_value("PMPM").run()
    assert not at.exception
    assert at.caption[0].value.startswith("1 of")
    assert [s.value for s in at.subheader] == ["Per member per month (PMPM)"]
    at.text_input(key="glossary__search").set_value("<script>zzz").run()
    assert not at.exception
    assert at.info[0].value.startswith("No term matches")


def test_term_link_opens_the_entry_with_related_terms(app_with_workspace):
    app, _ = app_with_workspace
    app.at.query_params["term"] = "capitation"
    at = app.page("pages/hrh/glossary.py")
    assert not at.exception
    selected = at.get_by_key("glossary__selected")
    assert selected.subheader[0].value == "Capitated payment (capitation)"
    assert sorted(link.value for link in selected.page_link) == [
        "Fee-for-service (direct billing)",
        "Financial risk (upside and downside)",
        "Per member per month (PMPM)",
        "Value-based payment",
    ]


def test_unknown_term_link_warns_and_lists_everything(app_with_workspace):
    app, _ = app_with_workspace
    app.at.query_params["term"] = "not_a_term"
    at = app.page("pages/hrh/glossary.py")
    assert not at.exception
    assert at.warning[0].value.startswith("That glossary entry does not exist")


def test_an_entry_shows_the_apps_words_the_sources_definition_and_where_the_sources_use_it(app_with_workspace):
    app, _ = app_with_workspace
    app.at.query_params["term"] = "bundled_payment"
    at = app.page("pages/hrh/glossary.py")
    assert not at.exception
    selected = at.get_by_key("glossary__selected")
    block = plain(selected.markdown[0].value)
    assert "The app's own explanation" in block
    assert "> “Bundled Payment = Capitation payments where insurers pay both a set fee" in block
    assert "Harm Reduction is Healthcare workbook, Appendix A: Glossary" in block
    used = plain(selected.markdown[1].value)
    assert used.startswith("**Where the sources use it**")
    assert "Bundled payments should cover start-up costs" in used and "Chronic Care Model" in used


def test_a_term_no_source_uses_says_so(app_with_workspace):
    app, _ = app_with_workspace
    app.at.query_params["term"] = "minimum_savings_rate"
    at = app.page("pages/hrh/glossary.py")
    block = plain(at.get_by_key("glossary__selected").markdown[0].value)
    assert "Not from the five sources: the app's own explanation." in block
    assert "> “" not in block  # nothing shown as quoted
    credit = next(plain(c.value) for c in at.caption if "Quoted on this page" in c.value)
    assert "Stefani Daniels" in credit  # the whole list quotes all five documents
