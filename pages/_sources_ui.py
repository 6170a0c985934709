"""Page helpers that show the three kinds of text, each visibly marked, and a page's credit line.

- A **quote** (a `core.sources.Quote`): shown in quotation marks, as a block quote, with its credit
  (the document, the section, and the person the document quotes, if any). `pull_quote` shows a
  practitioner's words as a pull quote; `quoted_list` shows an instrument's items under one credit;
  `from_source` marks widgets whose labels are a source's words.
- **The app's own explanation**: plain text; `own` adds the "app's own" mark where a reader could
  take it for the source's words, `app_rule` marks a rule or number the app chose.
- An **illustration**: invented example figures, under `illustration_badge`'s orange mark.

`credit_line(*content)` ends every page that quotes a source: it names exactly the documents the
content quotes, with their titles and authors as the documents name them. Content text is shown
through markdown with everything escaped (no link, image or HTML is ever rendered from it).
Nothing here computes anything. Not listed in the navigation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

import streamlit as st

from core import sources
from core.sources import ILLUSTRATION_LABEL, OWN_LABEL, Quote, Text
from pages._ui import escape_md

OWN_MARK = ":material/edit_note:"
_lists_lock = threading.Lock()  # guards the markdown kept below (quotes, quoted lists)
QUOTE_MARK = ":material/format_quote:"


def _credit_md(q: Quote) -> str:
    return "— " + escape_md(sources.credit(q))


_QUOTES_MAX = 4096
_quotes: OrderedDict[int, tuple[Quote, str]] = OrderedDict()  # id -> (the quote, kept so its id is its own; markdown)


def quote_md(q: Quote) -> str:
    """Markdown of a quote: in quotation marks, as a block quote, with its credit under it (kept by the
    quote's identity: a quote is frozen content, and a glossary run draws a hundred of them)."""
    with _lists_lock:
        kept = _quotes.get(id(q))
        if kept is not None and kept[0] is q:
            return kept[1]
    text = f"> “{escape_md(q.quote)}”  \n> :small[{_credit_md(q)}]"
    with _lists_lock:
        _quotes[id(q)] = (q, text)
        while len(_quotes) > _QUOTES_MAX:
            _quotes.popitem(last=False)
    return text


def quote(q: Quote) -> None:
    """A quote inline in the page: in quotation marks, as a block quote, with its credit under it."""
    st.markdown(quote_md(q))


def quote_caption(q: Quote) -> None:
    """A short quote as a caption under a widget: in quotation marks, with its credit."""
    st.caption(f"“{escape_md(q.quote)}” {_credit_md(q)}")


def pull_quote(q: Quote) -> None:
    """A person's words (or a key passage) set apart: a bordered block, the words in italics, the credit."""
    with st.container(border=True):
        st.markdown(f"{QUOTE_MARK} *“{escape_md(q.quote)}”*")
        st.caption(_credit_md(q))


def pull_quotes(quotes: Sequence[Quote], *, title: str = "In their words") -> None:
    """Several pull quotes under a small heading (nothing when there are none)."""
    if not quotes:
        return
    st.markdown(f"**{escape_md(title)}**")
    for q in quotes:
        pull_quote(q)


def _shared_credit(items: Sequence[Quote]) -> str:
    """One credit for a list: each document (and person quoted) once, with the sections named in the list."""
    return "— " + escape_md(sources.shared_credit(items))


# The markdown of a quoted list, by the identity of its items and lead: a page quotes the same content lists on
# every run. The objects are kept in the entry, so that their ids are never another list's; a list that is not
# a tuple or of frozen content (built on the page) is not kept.
_LISTS_MAX = 256
_lists: OrderedDict[tuple, tuple[object, object, str]] = OrderedDict()


def _unchanging(items: Sequence[Quote]) -> bool:
    return all(isinstance(q, Quote) for q in items)  # content models are frozen, and so are their words


def quoted_list(items: Sequence[Quote], *, lead: Text = "", numbered: bool = False) -> None:
    """An instrument's items quoted word for word, as one block quote with one credit at the end.

    `lead` is the line above the items: a quote (shown in quotation marks) or the app's own words."""
    if not items:
        return
    key = (id(items), id(lead), numbered, len(items))
    with _lists_lock:
        kept = _lists.get(key)
    if kept is not None and kept[0] is items and kept[1] is lead:
        st.markdown(kept[2])
        return
    text = _quoted_list_md(items, lead, numbered)
    if _unchanging(items):
        with _lists_lock:
            _lists[key] = (items, lead, text)
            while len(_lists) > _LISTS_MAX:
                _lists.popitem(last=False)
    st.markdown(text)


def _quoted_list_md(items: Sequence[Quote], lead: Text, numbered: bool) -> str:
    lines = [f"> {inline(lead)}", ">"] if lead else []
    for n, q in enumerate(items, start=1):
        marker = f"{n}." if numbered else "-"
        name = getattr(q, "name", "")
        named = f"**{escape_md(name)}:** " if name else ""
        lines.append(f"> {marker} {named}“{escape_md(q.quote)}”")
        for sub in getattr(q, "sub", []):
            lines.append(f">     - “{escape_md(sub.quote)}”")
    lines.append(">")
    quoted = [*items, lead] if isinstance(lead, Quote) else list(items)
    lines.append(f"> :small[{_shared_credit(quoted)}]")
    return "\n".join(lines)


def tips_panel(tips: Any, *, expanded: bool = False) -> None:
    """A stage's tips (a `core.sources.Tips`): an expander titled with the source's heading, every tip quoted."""
    with st.expander(tips.title.quote.rstrip(":"), icon=":material/tips_and_updates:", expanded=expanded):
        quoted_list(tips.items)


def named_tools(tools: Sequence[Any]) -> None:
    """Tools a source names (each a Quote with `name` and the app's `use`): what the source says of each,
    and that the app does not include them."""
    if not tools:
        return
    with st.container(border=True):
        st.markdown(f"{QUOTE_MARK} **Tools the source names**")
        for tool in tools:
            st.markdown(f"**{escape_md(tool.name)}**: {escape_md(tool.use)}")
            quote(tool)
        st.caption(f"{OWN_MARK} The source names these tools and gives no link; the app does not include them.")


def from_source(items: Sequence[Quote] | Quote, what: str) -> None:
    """A mark above widgets whose labels are a source's words: "The questions below are quoted word for
    word from <document>, <section>."""
    quotes = [items] if isinstance(items, Quote) else list(items)
    if not quotes:
        return
    credit = _shared_credit(quotes).removeprefix("— ")
    st.caption(f"{QUOTE_MARK} {escape_md(what)} quoted word for word from {credit}.")


def text(value: Text) -> None:
    """A content text of either kind: a quote with its credit, or the app's own words as they are."""
    if isinstance(value, Quote):
        quote(value)
    else:
        st.markdown(escape_md(value))


def inline(value: Text) -> str:
    """Markdown for a short text inside a sentence or a list: a quote in quotation marks, else as is."""
    if isinstance(value, Quote):
        return f"“{escape_md(value.quote)}”"
    return escape_md(value)


def help_text(value: Text) -> str | None:
    """A widget's help tooltip: a quote in quotation marks with its credit, or the app's own words."""
    if isinstance(value, Quote):
        return f"“{escape_md(value.quote)}” ({escape_md(sources.credit(value))})"
    return value or None


def own(value: str, *, mark: bool = True) -> None:
    """The app's own explanation, marked as such (where it could be taken for a source's words)."""
    st.markdown(escape_md(value))
    if mark:
        st.caption(f"{OWN_MARK} {OWN_LABEL}.")


def own_mark(what: str = "") -> None:
    """Only the mark: "<what> are the app's own writing"."""
    st.caption(f"{OWN_MARK} {escape_md(what) if what else OWN_LABEL + '.'}")


def app_rule(value: str) -> None:
    """A rule or number the app chose (not a source's), said on the page where it applies."""
    st.markdown(f":blue-badge[:material/rule: The app's own rule] {escape_md(value)}")


def illustration_badge(note: str = "") -> None:
    """The mark over invented example figures."""
    tail = f" {escape_md(note)}" if note else ""
    st.markdown(f":orange-badge[:material/science: {escape_md(ILLUSTRATION_LABEL)}]{tail}")


def credit_line(*content: Any, also: Iterable[str] = ()) -> None:
    """The page's credit line: every document quoted in `content` (and `also`, ids of documents quoted
    some other way), with titles and authors as the documents name them."""
    ids = [i for i in sources.SOURCE_IDS if i in set(sources.cited_sources(*content)) | set(also)]
    st.divider()
    if not ids:
        st.caption(f"{OWN_MARK} Everything on this page is the app's own explanation.")
        return
    refs = "; ".join(escape_md(sources.reference(i)) for i in ids)
    st.caption(
        f"{QUOTE_MARK} **Quoted on this page**, word for word, in quotation marks with their credit: {refs}. "
        "Everything else is the app's own explanation; figures marked *illustration* are made-up examples."
    )
