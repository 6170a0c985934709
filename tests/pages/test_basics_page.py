"""Step 1 page: the payment examples respond to the numbers, glossary links, the reviewed mark saves."""

from core.hrh import basics


def test_basics_page_shows_the_fee_for_service_example_by_default(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/basics.py")
    assert not at.exception
    assert at.title[0].value == "Step 1: Learn & review the basics of healthcare financing"
    assert at.segmented_control(key="basics__model").value == "fee_for_service"
    assert [m.value for m in at.metric] == ["$4,860.00", "$2,500.00", "$2,360.00"]
    assert at.get("plotly_chart")
    links = [link.value for link in at.page_link]
    assert "Glossary: Fee-for-service (direct billing)" in links  # beside the example
    assert "Managed Care Organization (MCO)" in links  # the key terms
    assert at.subheader[-1].value == "What this gives you"


def test_changing_the_numbers_changes_the_example(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/basics.py")
    at.segmented_control(key="basics__model").set_value("capitation").run()
    at.number_input(key="basics__capitation__members").set_value(100).run()
    at.number_input(key="basics__capitation__services_per_member").set_value(1.5).run()
    at.number_input(key="basics__capitation__cost_per_service").set_value(30.0).run()
    assert not at.exception
    # 100 members x $40 = $4,000 in; 100 x 1.5 x $30 = $4,500 of care
    assert [m.value for m in at.metric] == ["$4,000.00", "$4,500.00", "-$500.00"]
    assert any("Utilization risk" in i.value for i in at.info)


def test_dollar_amounts_are_not_read_as_math(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/basics.py")
    lines = " ".join(m.value for m in at.markdown)
    assert "\\$4,860\\.00" in lines  # escaped: Streamlit would typeset $...$ as LaTeX


def test_reviewed_mark_saves_and_comes_back(app_with_workspace):
    app, workspace = app_with_workspace
    at = app.page("pages/hrh/basics.py")
    assert at.checkbox(key="basics__reviewed").value is False
    at.checkbox(key="basics__reviewed").check().run()
    assert not at.exception
    assert basics.is_reviewed(app.store, workspace.id)
    at.switch_page("pages/start/home.py").run()
    at.switch_page("pages/hrh/basics.py").run()
    assert at.checkbox(key="basics__reviewed").value is True


def test_made_up_figures_are_marked_as_an_illustration_until_changed(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/basics.py")
    badges = [md.value for md in at.markdown if "Illustration, not a benchmark" in md.value]
    assert len(badges) == 2  # over the inputs, and over the results computed from them
    at.number_input(key="basics__fee_for_service__rate_per_service").set_value(52.0).run()
    badges = [md.value for md in at.markdown if "Illustration, not a benchmark" in md.value]
    assert len(badges) == 1  # the inputs still say their starting figures were made up
    assert any(c.value == "These results come from the figures you entered." for c in at.caption)


def test_the_sources_are_quoted_with_credit_and_the_authors_named(app_with_workspace):
    app, _ = app_with_workspace
    at = app.page("pages/hrh/basics.py")
    quotes = [md.value for md in at.markdown if md.value.startswith("> “")]
    assert any("Direct billing \\(or fee\\-for\\-service\\)" in q and "Appendix A\\: Glossary" in q for q in quotes)
    credit = next(c.value for c in at.caption if "Quoted on this page" in c.value)
    assert "National Harm Reduction Coalition" in credit and "Taeko Frost" in credit
    assert any("The app's own explanation" in c.value for c in at.caption)
