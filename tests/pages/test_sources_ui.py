"""The quoting helpers, drawn in a bare AppTest script."""

from streamlit.testing.v1 import AppTest


def _script():
    import streamlit as st

    from core.sources import Quote
    from pages import _sources_ui as src

    first = st.session_state.setdefault("first", [Quote(quote="One", source="careoregon", where="p. 1")])
    src.quoted_list(first)
    src.quoted_list(first)  # the kept markdown of the same list
    src.quoted_list([Quote(quote="Two", source="hrh_workbook")], numbered=True)  # another list: its own


def test_a_quoted_list_kept_by_identity_is_drawn_the_same_and_another_list_is_its_own():
    at = AppTest.from_function(_script).run()
    assert not at.exception
    texts = [m.value for m in at.markdown]
    # each item in quotation marks in a block quote, one credit at the end: document name, section
    assert texts[0] == texts[1]
    assert texts[0].startswith("> - “One”\n>\n> :small[— ") and texts[0].endswith(", p\\. 1]")
    assert texts[2].startswith("> 1. “Two”\n>\n> :small[— ")
    at.run()  # a rerun draws the kept text again
    assert [m.value for m in at.markdown] == texts


def test_quote_markdown_kept_by_identity_is_never_another_quotes():
    from core.sources import Quote
    from pages import _sources_ui as src

    one = Quote(quote="Words *here*", source="careoregon", where="p. 2")
    # the words escaped in quotation marks, the credit (document name, section) under them
    assert src.quote_md(one).startswith("> “Words \\*here\\*”  \n> :small[— ")
    assert src.quote_md(one) == src.quote_md(one)
    other = Quote(quote="Other words", source="careoregon", where="p. 2")
    assert src.quote_md(other).startswith("> “Other words”")
