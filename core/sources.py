"""The five source documents, text quoted from them, and the check that a quote is really there.

Three kinds of text live in `data/`:
- a **quote**: words copied from one of the five documents, written as a mapping
  `{quote: "<exact words>", source: <document id>}` (optionally `where`, the section, and
  `speaker`, a person the document itself quotes). Content models type such a field `Quote`
  (or a subclass adding an id), or `Text` where either kind may appear;
- **the app's own explanation**: a plain string;
- an **illustration**: invented example figures, on an object marked `illustration: true`.

`data/sources.yaml` names each document with its title and authors as the document names them.
`credit(...)` words a quote's credit; `cited_sources(...)` finds which documents a piece of content
quotes, so a page's credit line names exactly those. `found_in_source(text, id)` is the check the
tests run on every quote in `data/` against the documents themselves (whitespace and quote marks
normalised; "..." or "…" in a quote marks words left out). The documents are read from the folder
`WORKBOOK_SOURCES_DIR` names, or the copy kept in `data/sources/` (so a clean checkout can check them).

Never imports streamlit and never writes anything.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from core.content import ContentModel, content_file, load

SourceId = Literal[
    "hrh_workbook",
    "care_model_recommendations",
    "change_concept_5",
    "chronic_care_financing",
    "careoregon",
]
SOURCE_IDS: tuple[str, ...] = SourceId.__args__  # type: ignore[attr-defined]

ILLUSTRATION_LABEL = "Illustration, not a benchmark: use your own figures."
OWN_LABEL = "The app's own explanation"


class Document(ContentModel):
    """One source document: its file, and its title and authors as the document names them."""

    id: SourceId
    file: str = Field(pattern=r"^[a-z0-9-]+\.txt$")
    title: str = ""
    name: str = Field(min_length=1, description="the app's short name for the document")
    produced_by: list[str] = []
    authors: list[str] = []
    published: str = ""
    note: str = ""

    def byline(self) -> str:
        """Who made the document, as it names them: organizations, then authors without degrees."""
        parts = []
        if self.produced_by:
            parts.append("by " + _join(self.produced_by))
        people = [a.split(",")[0] for a in self.authors]
        if people:
            parts.append(("authors " if self.produced_by else "by ") + _join(people))
        if self.published:
            parts.append(self.published)
        if not self.produced_by and not self.authors:
            parts.append("untitled, no author named" if not self.title else "no author named")
        return "; ".join(parts)


@content_file("sources.yaml")
class SourcesContent(ContentModel):
    documents: list[Document]

    @model_validator(mode="after")
    def _all_five(self) -> SourcesContent:
        ids = [d.id for d in self.documents]
        if sorted(ids) != sorted(SOURCE_IDS):
            raise ValueError(f"sources.yaml must name each of {', '.join(SOURCE_IDS)} exactly once")
        return self


class Quote(ContentModel):
    """Words copied from a source document, with where they come from."""

    quote: str = Field(min_length=1)
    source: SourceId
    where: str = ""
    speaker: str = Field(default="", description="a person the document quotes, as it names them")

    def __str__(self) -> str:
        return self.quote


Text = Quote | str
"""A field that holds either a quote (a mapping in the data file) or the app's own words (a string)."""


class TitledQuote(Quote):
    """A quoted item of a list (a checklist item, a tip, an agenda item) with an id and the app's short title.

    `text` is the quote's words, for code that reads an item's text whatever its kind."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str

    @property
    def text(self) -> str:
        return self.quote


class Tip(Quote):
    """One tip, quoted, with the sub-points the source lists under it."""

    sub: list[Quote] = []


class Tips(ContentModel):
    """A source's list of tips, under its own heading, every word quoted."""

    title: Quote
    items: list[Tip] = Field(min_length=1)


class Illustration(ContentModel):
    """Invented example figures, marked so: the page shows them under "Illustration, not a benchmark"."""

    illustration: Literal[True]
    note: str = Field(min_length=1, description="which figures are made up, in the app's words")


def plain(text: Text) -> str:
    """The words of a quote or of the app's own text, without marks."""
    return text.quote if isinstance(text, Quote) else text


def is_quote(text: object) -> bool:
    return isinstance(text, Quote)


# ---------------------------------------------------------------- documents and credits


def documents() -> list[Document]:
    return list(load(SourcesContent).documents)


def document(source_id: str) -> Document:
    for d in load(SourcesContent).documents:
        if d.id == source_id:
            return d
    raise KeyError(f"No source document {source_id!r}.")


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def reference(source_id: str) -> str:
    """A document as a credit line names it: the app's name, its own title, who made it.

    "Harm Reduction is Healthcare workbook (“Harm Reduction is Healthcare: Sustainable Funding for
    Harm Reduction Programs”), by National Harm Reduction Coalition, Vital Strategies, In The Works
    and Anka Consulting; authors Taeko Frost, Kima Taylor, Dana Kurzer-Yashin, Daliah Heller and
    Tracy Pugh".
    """
    d = document(source_id)
    title = f" (“{d.title}”)" if d.title else ""
    return f"{d.name}{title}, {d.byline()}"


def credit(quote: Quote) -> str:
    """The credit printed under a quote: the speaker if any, the document and the section."""
    d = document(quote.source)
    where = f", {quote.where}" if quote.where else ""
    if quote.speaker:
        return f"{quote.speaker}, quoted in {d.name}{where}"
    return f"{d.name}{where}"


def shared_credit(items: Iterable[Quote]) -> str:
    """One credit for a list of quotes: each document (and each person it quotes) once, with the sections.

    "Complex-needs care model recommendations, Tips and guidance to prepare for care redesign"."""
    groups: dict[tuple[str, str], list[str]] = {}
    for q in items:
        wheres = groups.setdefault((q.source, q.speaker), [])
        if q.where and q.where not in wheres:
            wheres.append(q.where)
    parts = []
    for (source_id, speaker), wheres in sorted(groups.items(), key=lambda g: SOURCE_IDS.index(g[0][0])):
        name = document(source_id).name
        credit = f"{speaker}, quoted in {name}" if speaker else name
        parts.append(f"{credit}, {'; '.join(wheres)}" if wheres else credit)
    return "; ".join(parts)


def full_entry(source_id: str) -> str:
    """A document as a "Sources" section lists it: the app's name, the document's own title, who made it
    and when, as the document says ("The document names no author." when it names none)."""
    d = document(source_id)
    lines = [f"{d.name}, “{d.title}”." if d.title else f"{d.name} (untitled)."]
    if d.produced_by:
        lines.append("Produced by " + _join(d.produced_by) + ".")
    if d.authors:
        lines.append(("Authors: " if len(d.authors) > 1 else "By ") + "; ".join(d.authors) + ".")
    if d.published:
        lines.append(f"Published {d.published}.")
    if not d.produced_by and not d.authors:
        lines.append("The document names no author.")
    return " ".join(lines)


def cited_sources(*content: Any) -> list[str]:
    """The ids of the documents quoted anywhere in `content` (models, lists, dicts), in the order
    of `data/sources.yaml`."""
    found: set[str] = set()
    for item in content:
        found |= _sources_in(item)
    return [i for i in SOURCE_IDS if i in found]


# A frozen content model's sources, by the model's identity: the content is loaded once per process and a page
# names the same models on every run. The model is kept in the entry so that its id is never another's.
_CITED_MAX = 256
_cited: OrderedDict[int, tuple[BaseModel, frozenset[str]]] = OrderedDict()
_cited_lock = threading.Lock()


def _sources_in(item: Any) -> frozenset[str]:
    if isinstance(item, list | tuple):
        return frozenset().union(*(_sources_in(v) for v in item))
    if not (isinstance(item, BaseModel) and item.model_config.get("frozen")):
        return frozenset(q.source for q in iter_quotes(item))
    with _cited_lock:
        kept = _cited.get(id(item))
        if kept is not None and kept[0] is item:
            _cited.move_to_end(id(item))
            return kept[1]
    found = frozenset(q.source for q in iter_quotes(item))
    with _cited_lock:
        _cited[id(item)] = (item, found)
        while len(_cited) > _CITED_MAX:
            _cited.popitem(last=False)
    return found


def iter_quotes(item: Any) -> Iterator[Quote]:
    """Every `Quote` inside a content model, list or dict, depth first."""
    if isinstance(item, Quote):
        yield item
    if isinstance(item, BaseModel):
        for name in type(item).model_fields:
            yield from iter_quotes(getattr(item, name))
    elif isinstance(item, dict):
        for value in item.values():
            yield from iter_quotes(value)
    elif isinstance(item, list | tuple):
        for value in item:
            yield from iter_quotes(value)


# ---------------------------------------------------------------- the check against the documents

_SPACE = re.compile(r"\s+")
_MARKS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
_ELISION = re.compile(r"\s*(?:\.\.\.|…)\s*")


def normalise(text: str) -> str:
    """Text as the check compares it: every run of whitespace one space, curly quote marks straight."""
    return _SPACE.sub(" ", text.translate(_MARKS)).strip()


def sources_dir() -> Path:
    """The folder holding the five documents: `WORKBOOK_SOURCES_DIR`, or the copy kept in `data/sources/`."""
    named = os.environ.get("WORKBOOK_SOURCES_DIR")
    return Path(named) if named else Path(__file__).resolve().parent.parent / "data" / "sources"


@cache
def source_text(source_id: str) -> str:
    """The normalised text of a document."""
    return normalise((sources_dir() / document(source_id).file).read_text(encoding="utf-8"))


def found_in_source(text: str, source_id: str) -> bool:
    """True if `text` appears word for word in the document (an elision "..." may skip words;
    the parts must then appear in order)."""
    haystack = source_text(source_id)
    position = 0
    parts = [p for p in _ELISION.split(normalise(text)) if p]
    if not parts:
        return False
    for part in parts:
        found = haystack.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def raw_quotes(raw: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every mapping with a `quote` or a `source` naming a document, in a parsed YAML tree, with its
    path ("models[0].strengths[1]"), so a test can check each against its document."""
    if isinstance(raw, dict):
        if "quote" in raw or raw.get("source") in SOURCE_IDS:
            yield path or "(top level)", raw
        for key, value in raw.items():
            yield from raw_quotes(value, f"{path}.{key}" if path else str(key))
    elif isinstance(raw, list):
        for n, value in enumerate(raw):
            yield from raw_quotes(value, f"{path}[{n}]")


def illustrations(raw: Any, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every mapping marked `illustration: true` in a parsed YAML tree."""
    if isinstance(raw, dict):
        if raw.get("illustration") is True:
            yield path or "(top level)", raw
        for key, value in raw.items():
            yield from illustrations(value, f"{path}.{key}" if path else str(key))
    elif isinstance(raw, list):
        for n, value in enumerate(raw):
            yield from illustrations(value, f"{path}[{n}]")


def quote_problems(raw: Any) -> list[str]:
    """What is wrong with the quotes of one parsed data file: a quote without a known source, a
    source without a quote, or words (quote or speaker) that are not in the document named."""
    problems = []
    for path, mapping in raw_quotes(raw):
        source, words = mapping.get("source"), mapping.get("quote")
        if source not in SOURCE_IDS:
            problems.append(f"{path}: quote without a known source ({source!r})")
            continue
        if not isinstance(words, str) or not words.strip():
            problems.append(f"{path}: source {source} without the quoted words")
            continue
        if not found_in_source(words, source):
            problems.append(f"{path}: not found in {source}: {words[:90]!r}")
        speaker = mapping.get("speaker")
        if speaker and not found_in_source(speaker, source):
            problems.append(f"{path}: speaker not found in {source}: {speaker!r}")
    return problems


def contains_name(quote: str, names: Iterable[str]) -> bool:
    """True if one of `names` occurs as words in `quote` (a plural "s", "es" or "'s" allowed; case,
    whitespace and quote marks ignored): "FQHC" is in "FQHCs'", not "duals" in "individuals"."""
    folded = normalise(quote).casefold()
    for name in names:
        wanted = normalise(name).casefold()
        if wanted and re.search(rf"(?<!\w){re.escape(wanted)}(?:s|es|'s)?(?!\w)", folded):
            return True
    return False
