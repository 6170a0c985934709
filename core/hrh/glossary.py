"""Step 1 glossary: the terms of healthcare financing, in plain words, searchable.

Terms come from `data/glossary.yaml` (every term of the workbook's Appendix A
and the payment terms of the other sources). Each term has the app's own
explanation (`definition`), and, where a source defines or uses the term, the
source's words quoted with their document (`source_definition`, `used_in`):
a term is attributed to a document only by such a quote, which the tests find
in that document. Other pages link to a term with the glossary page and its
`?term=<id>` query parameter; `glossary_term(id)` resolves it. Never imports
streamlit.
"""

from __future__ import annotations

import unicodedata

from pydantic import Field, model_validator

from core import sources
from core.content import ContentModel, content_file, load
from core.sources import Quote

SLUG = r"^[a-z0-9_]+$"


NOT_FROM_SOURCES = "Not from the five sources: the app's own explanation."


class Term(ContentModel):
    id: str = Field(pattern=SLUG)
    term: str
    aliases: list[str] = []
    found_as: list[str] = Field(default=[], description="how a source spells the term, if not as the term itself")
    definition: str = Field(description="the app's own explanation")
    source_definition: Quote | None = None
    used_in: list[Quote] = []
    related: list[str] = []

    def attributions(self) -> list[Quote]:
        """Every quote that ties this term to a source: its definition there, then where it is used."""
        return ([self.source_definition] if self.source_definition else []) + list(self.used_in)

    def source_ids(self) -> list[str]:
        """The documents that define or use the term, in the order of data/sources.yaml."""
        return sources.cited_sources(self.attributions())


@content_file("glossary.yaml")
class GlossaryContent(ContentModel):
    terms: list[Term] = Field(min_length=1)

    @model_validator(mode="after")
    def _links_resolve(self) -> GlossaryContent:
        ids = [t.id for t in self.terms]
        if len(ids) != len(set(ids)):
            raise ValueError("term ids must be unique")
        known = set(ids)
        for t in self.terms:
            missing = [r for r in t.related if r not in known]
            if missing:
                raise ValueError(f"term {t.id} relates to unknown terms: {', '.join(missing)}")
            if t.id in t.related:
                raise ValueError(f"term {t.id} relates to itself")
        return self


def _fold(text: str) -> str:
    """Lower case, accents and punctuation-insensitive form used for matching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.split())


def glossary_terms() -> list[Term]:
    """Every term, alphabetically by its name."""
    return sorted(load(GlossaryContent).terms, key=lambda t: _fold(t.term))


def glossary_term(term_id: str) -> Term | None:
    """The term with this id, or None (a stale or mistyped link)."""
    for t in load(GlossaryContent).terms:
        if t.id == term_id:
            return t
    return None


def source_names(term: Term) -> str:
    """The documents that define or use the term, by name, or that no source does."""
    ids = term.source_ids()
    if not ids:
        return NOT_FROM_SOURCES
    return "; ".join(sources.document(i).name for i in ids)


def related_terms(term: Term) -> list[Term]:
    return [t for t in (glossary_term(r) for r in term.related) if t is not None]


def search_glossary(query: str) -> list[Term]:
    """Terms matching `query`, best first; every term (alphabetically) for an empty query.

    Matching ignores case, accents and punctuation ("fee for service" finds
    "Fee-for-service"). Ranking: the name or an alias equals the query; then
    a name or alias starts with it; then contains it; then the definition
    contains it. Ties stay alphabetical. Every word of the query must appear.
    """
    folded = _fold(query or "")
    terms = glossary_terms()
    if not folded:
        return terms
    words = folded.split()
    ranked: list[tuple[int, int, Term]] = []
    for position, t in enumerate(terms):
        names = [_fold(t.term), _fold(t.id.replace("_", " "))] + [_fold(a) for a in t.aliases]
        definition = _fold(t.definition)
        if any(name == folded for name in names):
            rank = 0
        elif any(name.startswith(folded) for name in names):
            rank = 1
        elif any(all(w in name for w in words) for name in names):
            rank = 2
        elif all(w in definition or any(w in name for name in names) for w in words):
            rank = 3
        else:
            continue
        ranked.append((rank, position, t))
    return [t for _, _, t in sorted(ranked, key=lambda x: (x[0], x[1]))]
