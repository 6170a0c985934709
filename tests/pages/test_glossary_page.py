"""Glossary page: every term, search, and `?term=<id>` links from other pages."""

from core.glossary import glossary_terms


def test_glossary_lists_every_term(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/glossary.py")
    assert not at.exception
    total = len(glossary_terms())
    assert at.caption[0].value == f"{total} of {total} terms"
    assert "Capitated payment (capitation)" in [s.value for s in at.subheader]


def test_search_narrows_the_list(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/glossary.py")
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
    at = app.page("pages/glossary.py")
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
    at = app.page("pages/glossary.py")
    assert not at.exception
    assert at.warning[0].value.startswith("That glossary entry does not exist")
