"""The whole-workbook Word report: a title page, the contents, then every step that has content.

Each step adds its part by registering a section under its step id:

    @workbook_section("what_it_takes")
    def what_it_takes_section(store, workspace_id, doc) -> bool: ...

The report writes the section's Heading 1 (`title`), then calls the function, which adds the
rest with `core.export.word` helpers (headings from level 2) and returns False when the step has
no content; everything it added is then removed, so empty steps never appear. Sections run in the
journey's order (data/steps.yaml, `core.steps.export_order`), and their titles are the steps' labels.
Never writes the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from docx.document import Document as DocxDocument

from core import registrations
from core.errors import NotFound
from core.export import word
from core.export.registry import DOCX, export
from core.export.value_proposition import write_value_proposition
from core.hrh import value_proposition as vp
from core.hrh import what_it_takes
from core.sources import SOURCE_IDS
from core.steps import export_order, step
from core.store import answers, workspaces
from core.store.database import Store
from core.store.versioned import remember, sections_with_content

SectionFn = Callable[[Store, str, DocxDocument], bool]
HasContent = Callable[[Store, str], bool]


@dataclass(frozen=True)
class WorkbookSection:
    order: int
    title: str
    fn: SectionFn
    step_id: str | tuple[str, ...] | None = None
    has_content: HasContent | None = None

    def is_empty(self, store: Store, workspace_id: str, present: set[str]) -> bool:
        """True when the preview can tell the section will be left out (cheap: no document is built)."""
        if self.has_content is not None:  # kept until a part of the data it reads changes
            has = self.has_content
            return not remember(
                store, workspace_id, f"workbook.has_content.{self.order}.{self.title}", lambda: has(store, workspace_id)
            )
        if self.step_id is None:
            return False
        ids = (self.step_id,) if isinstance(self.step_id, str) else self.step_id
        return not any(p == i or p.startswith(i + ".") for p in present for i in ids)


_SECTIONS: dict[str, WorkbookSection] = {}


def workbook_section(
    step_id: str,
    *,
    title: str | None = None,
    after_step: bool = False,
    content_ids: tuple[str, ...] | None = None,
    has_content: HasContent | None = None,
):
    """Decorator: `fn(store, workspace_id, doc) -> bool` writes one step's part of the report.

    The section goes where the step is in the journey (data/steps.yaml), titled with the step's label;
    `title` and `after_step=True` make a section of its own that follows the step's. The report's preview
    says whether the step has content yet from the sections and record kinds starting with the step id
    (or any of `content_ids`); `has_content(store, workspace_id)` does it for steps whose answers live in
    their own tables.
    """
    order = export_order(step_id) + (5 if after_step else 0)
    label = title or step(step_id).label

    def register(fn: SectionFn) -> SectionFn:
        key = f"{fn.__module__}.{fn.__qualname__}"
        clash = [s for k, s in _SECTIONS.items() if s.order == order and k != key]
        if clash:
            raise ValueError(f"Step {step_id!r} already has a workbook section: {clash[0].title!r}.")
        _SECTIONS[key] = WorkbookSection(
            order=order,
            title=label,
            fn=fn,
            step_id=None if after_step else (content_ids or step_id),
            has_content=has_content,
        )
        return fn

    return register


def sections() -> list[WorkbookSection]:
    registrations.load_all()
    return sorted(_SECTIONS.values(), key=lambda s: s.order)


def _write_section(doc: DocxDocument, section: WorkbookSection, store: Store, workspace_id: str) -> bool:
    body = doc.element.body
    before = set(body)  # holding the proxies keeps them identical for the comparison below
    word.heading(doc, section.title, 1)
    if section.fn(store, workspace_id, doc):
        return True
    for element in list(body):  # python-docx inserts before the final sectPr, so compare, not slice
        if element not in before and not element.tag.endswith("}sectPr"):
            body.remove(element)
    return False


def build_workbook(store: Store, workspace_id: str, *, today: dt.date | None = None) -> DocxDocument:
    """The report as a python-docx Document: title page, contents, and every section with content."""
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise NotFound("This workspace no longer exists.")
    doc = word.new_document(
        "Harm Reduction Financing Workbook",
        workspace.name,
        date=today,
        subtitle="Everything our organization has worked through, step by step",
    )
    about = answers.get_text(store, workspace_id, "workspace", "about").strip()
    if about:
        word.paragraph(doc, about)
    word.heading(doc, "Contents", 1)
    anchor = doc.add_paragraph()
    included = [s.title for s in sections() if _write_section(doc, s, store, workspace_id)]
    word.sources_section(doc, SOURCE_IDS)
    for title in [*included, "Sources"]:
        word.paragraph_before(doc, anchor, title, "List Number")
    if not included:
        word.paragraph_before(doc, anchor, "Nothing has been entered in this workspace's steps yet.")
    return doc


def preview(store: Store, workspace_id: str) -> list[str]:
    present = sections_with_content(store, workspace_id)  # kept per part (core.store.versioned)
    lines = ["Title page with your organization's name and the date, and a list of contents."]
    for s in sections():
        empty = s.is_empty(store, workspace_id, present)
        lines.append(s.title + (" (nothing entered yet: left out)" if empty else ""))
    return lines


@export(
    "workbook_docx",
    "The whole workbook (Word)",
    "Every step you have worked on, in order, with tables and charts: a record for your board or your files.",
    "workbook-{org}.docx",
    DOCX,
    order=30,
    preview=preview,
)
def workbook_docx(store: Store, workspace_id: str) -> bytes:
    return word.to_bytes(build_workbook(store, workspace_id))


# ---------------------------------------------------------------- steps 4 and 5


@workbook_section("what_it_takes")
def what_it_takes_section(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    summaries = what_it_takes.guide_summaries(store, workspace_id)
    insight_texts = what_it_takes.get_insights(store, workspace_id)
    if not any(s.conversations for s in summaries) and not any(insight_texts.values()):
        return False
    if any(insight_texts.values()):
        word.heading(doc, "Key insights", 2)
        for insight in what_it_takes.insights():
            if insight_texts[insight.id]:
                word.heading(doc, insight.label, 3)
                word.paragraph(doc, insight_texts[insight.id])
    for summary in summaries:
        if not summary.conversations:
            continue
        word.heading(doc, summary.guide.group, 2)
        for held in summary.conversations:
            c = held.conversation
            word.heading(doc, f"Conversation of {c.held_on:%B %-d, %Y}: {c.group}", 3)
            if held.notes:
                word.table(doc, ["Prompt", "Notes"], [[n.prompt, n.text] for n in held.notes], widths=[2.6, 3.9])
            else:
                word.paragraph(doc, "No notes were taken.", italic=True)
    return True


@workbook_section("value_proposition")
def value_proposition_section(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    inputs = vp.gather_inputs(store, workspace_id)
    text, _ = vp.current_draft(store, workspace_id)
    has_own = text.strip() or inputs.theme_answers or inputs.answered_framing or inputs.equity or inputs.populations
    if not has_own:
        return False
    write_value_proposition(doc, store, workspace_id, level=2, inputs=inputs, internal=True)
    return True
