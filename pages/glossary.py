"""Glossary of Step 1: every term, searchable; `?term=<id>` opens one entry (other pages link here)."""

import streamlit as st

from core.glossary import glossary_term, glossary_terms, related_terms, search_glossary, source_name
from pages import _ui

_ui.require_workspace()
st.title("Glossary")
st.markdown(
    "The words you will hear in conversations about healthcare financing, in plain language. "
    "Search by name, abbreviation or any word of a definition."
)

term_id = st.query_params.get("term")
selected = glossary_term(term_id) if term_id else None
if term_id and selected is None:
    st.warning("That glossary entry does not exist (the link may be out of date). All terms are listed below.")
if selected is not None:
    with st.container(border=True, key="glossary__selected"):
        st.subheader(selected.term, anchor=False)
        st.markdown(_ui.escape_md(selected.definition))
        st.caption(f"Source: {source_name(selected)}")
        related = related_terms(selected)
        if related:
            st.markdown("**Related terms**")
            cols = st.columns(min(3, len(related)))
            for n, other in enumerate(related):
                with cols[n % len(cols)]:
                    _ui.glossary_link(other.id, label=other.term)

query = st.text_input(
    "Search the glossary", key="glossary__search", placeholder="e.g. capitation, FQHC, carve-out", max_chars=200
)
results = search_glossary(query)
shown_ids = {t.id for t in results}
st.caption(f"{len(results)} of {len(glossary_terms())} terms")
if not results:
    st.info("No term matches that search. Try a shorter word or an abbreviation, such as MCO or PMPM.")

for t in results:
    st.subheader(t.term, anchor=t.id, divider=False)
    aliases = f" *Also called: {_ui.escape_md(', '.join(t.aliases))}.*" if t.aliases else ""
    links = [
        f"[{_ui.escape_md(r.term)}](#{r.id})" if r.id in shown_ids else _ui.escape_md(r.term) for r in related_terms(t)
    ]
    related_line = f"  \nRelated: {', '.join(links)}" if links else ""
    st.markdown(f"{_ui.escape_md(t.definition)}{aliases}{related_line}")
