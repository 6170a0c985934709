"""Glossary of Step 1: every term, searchable; `?term=<id>` opens one entry (other pages link here).

Each entry: the app's own explanation, the source's definition quoted with its credit (where a
source defines the term), and the sentences where the sources use it; a term no source uses says so.
"""

import streamlit as st

from core.hrh.glossary import NOT_FROM_SOURCES, Term, glossary_term, glossary_terms, related_terms, search_glossary
from core.sources import OWN_LABEL
from pages import _sources_ui as src
from pages import _ui

_ui.require_workspace()
st.title("Glossary")
st.markdown(
    "The words you will hear in conversations about healthcare financing. Each entry explains the term in "
    "plain words (the app's own explanation); where one of the five source documents defines or uses the "
    "term, its words are quoted below, with their credit. Search by name, abbreviation or any word of an "
    "explanation."
)


def entry(t: Term, *, full: bool, before: str = "", after: str = "") -> None:
    """One term in one block of markdown (a long glossary stays quick): the app's explanation, marked; the
    source's definition quoted with its credit, or that no source uses the term; where the sources use it."""
    parts = [before] if before else []
    parts.append(f"{_ui.escape_md(t.definition)}  \n:small[{src.OWN_MARK} {OWN_LABEL}.]")
    if t.source_definition is not None:
        parts.append(src.quote_md(t.source_definition))
    if not t.attributions():
        parts.append(f":small[{src.OWN_MARK} {NOT_FROM_SOURCES}]")
    if after:
        parts.append(after)
    st.markdown("\n\n".join(parts))
    if t.used_in:
        if full:
            st.markdown("**Where the sources use it**\n\n" + "\n\n".join(src.quote_md(q) for q in t.used_in))
        else:
            with st.expander("Where the sources use it"):
                st.markdown("\n\n".join(src.quote_md(q) for q in t.used_in))


term_id = st.query_params.get("term")
selected = glossary_term(term_id) if term_id else None
if term_id and selected is None:
    st.warning("That glossary entry does not exist (the link may be out of date). All terms are listed below.")
if selected is not None:
    with st.container(border=True, key="glossary__selected"):
        st.subheader(selected.term, anchor=False)
        entry(selected, full=True)
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
terms = glossary_terms()  # sorted on every call: once per run
shown_ids = {t.id for t in results}
st.caption(f"{len(results)} of {len(terms)} terms")
if not results:
    st.info("No term matches that search. Try a shorter word or an abbreviation, such as MCO or PMPM.")

for t in results:
    st.subheader(t.term, anchor=t.id, divider=False)
    links = [
        f"[{_ui.escape_md(r.term)}](#{r.id})" if r.id in shown_ids else _ui.escape_md(r.term) for r in related_terms(t)
    ]
    aliases = f"*Also called: {_ui.escape_md(', '.join(t.aliases))}.*" if t.aliases else ""
    entry(t, full=False, before=aliases, after=f"Related: {', '.join(links)}" if links else "")

src.credit_line(terms)
