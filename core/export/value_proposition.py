"""The value proposition as a Word document (python-docx), and as a section of the workbook report.

The document leads with the draft (the saved, possibly edited, text; a fresh assembly if none
was saved), then the proposal details (the ask, next steps, contact), then the evidence behind
it: services and monthly volumes (table and chart) and whom the program serves. The answers to
the theme questions are internal (who the team does not trust, how participants feel about
sharing data): only the whole-workbook report includes them. Built with `core.export.word`, so every piece of text is
sanitized. Never writes the store.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document as DocxDocument

from core import value_proposition as vp
from core.export import charts, word
from core.export.registry import DOCX, export
from core.store.database import Store


def write_body(doc: DocxDocument, body: str) -> None:
    """Draft text: blocks separated by blank lines; a block of "- " lines becomes a bulleted list."""
    for block in body.split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        bullets = [line for line in lines if line.lstrip().startswith("- ")]
        lead = [line for line in lines if not line.lstrip().startswith("- ")]
        if lead:
            word.paragraph(doc, "\n".join(lead))
        if bullets:
            word.bullets(doc, [line.lstrip()[2:] for line in bullets])


def services_chart(inputs: vp.DraftInputs) -> bytes | None:
    rows = inputs.services
    if not rows:
        return None
    return charts.bar_chart(
        [r.name + ("" if r.current else " (could offer)") for r in rows],
        {
            "Services a month": [r.services_per_month for r in rows],
            "People a month": [r.clients_per_month for r in rows],
        },
        title="Services and people served each month (our estimates)",
        ylabel="Per month",
        horizontal=True,
    )


def services_alt_text(inputs: vp.DraftInputs) -> str:
    parts = [
        f"{r.name}: {r.services_per_month} services and {r.clients_per_month} people a month" for r in inputs.services
    ]
    return "Bar chart of monthly services and people served. " + "; ".join(parts)


def write_value_proposition(
    doc: DocxDocument,
    store: Store,
    workspace_id: str,
    *,
    level: int = 1,
    inputs: vp.DraftInputs | None = None,
    internal: bool = False,
) -> None:
    """The draft, the proposal and the evidence, with headings starting at `level`.

    `internal` adds the answers to the theme questions: they are the team's own conversation
    (whom we do not trust, how participants feel about sharing information) and never go into
    the document a health system receives.
    """
    inputs = inputs or vp.gather_inputs(store, workspace_id)
    word.heading(doc, "Our value proposition", level)
    for section in vp.draft_sections(store, workspace_id, inputs):
        if section.heading:
            word.heading(doc, section.heading, level + 1)
        write_body(doc, section.body)

    labels = {p.id: p.label for p in vp.content().deck}
    proposal = [(labels[k], text) for k, text in inputs.deck.items() if text]
    if proposal:
        word.heading(doc, "Working together", level)
        for label, text in proposal:
            word.heading(doc, label, level + 1)
            word.paragraph(doc, text)

    word.heading(doc, "The evidence behind it", level)
    word.heading(doc, "Services and monthly volumes", level + 1)
    if inputs.services:
        word.table(
            doc,
            ["Service", "Category", "Offered", "Services a month", "People a month"],
            [
                [
                    r.name,
                    r.category,
                    "Today" if r.current else "Could offer",
                    f"{r.services_per_month:,}",
                    f"{r.clients_per_month:,}",
                ]
                for r in inputs.services
            ],
        )
        word.image(doc, services_chart(inputs), services_alt_text(inputs))
    else:
        word.paragraph(doc, "No services with monthly volumes yet (Step 3).", italic=True)

    word.heading(doc, "Whom we serve", level + 1)
    content = vp.content()
    checked = vp.get_populations(store, workspace_id)
    word.table(
        doc,
        ["People who may have", "We serve them", "People in the last 12 months"],
        [
            [
                s.text,
                "Yes" if checked[s.id].served else "No",
                f"{checked[s.id].count:,}" if checked[s.id].count is not None else "",
            ]
            for s in content.populations.statements
        ],
    )
    if inputs.profile_populations:
        word.paragraph(doc, "Our workspace profile names these populations:")
        word.bullets(doc, inputs.profile_populations)

    if internal:
        _write_theme_answers(doc, inputs, level)


def _write_theme_answers(doc: DocxDocument, inputs: vp.DraftInputs, level: int) -> None:
    content = vp.content()
    themes = [
        (t, [(key, text) for key, text, _ in t.all_questions() if inputs.theme_answers.get(f"{t.id}.{key}")])
        for t in content.themes
    ]
    if not any(answered for _, answered in themes):
        return
    word.heading(doc, "Our answers to the theme questions (internal)", level)
    word.paragraph(
        doc, "The team's own conversation, kept for our records; not for the documents we send partners.", italic=True
    )
    for t, answered in themes:
        if not answered:
            continue
        word.heading(doc, t.title, level + 1)
        for key, question in answered:
            word.heading(doc, question, level + 2)
            word.paragraph(doc, inputs.theme_answers[f"{t.id}.{key}"])


def preview(store: Store, workspace_id: str) -> list[str]:
    inputs = vp.gather_inputs(store, workspace_id)
    _, status = vp.current_draft(store, workspace_id)
    draft = {
        "empty": "assembled from your answers when you download (no draft saved yet)",
        "unedited": "your saved draft, as assembled",
        "edited": "your edited draft",
    }[status]
    return [
        f"Title page: {inputs.organization}, {dt.date.today():%B %-d, %Y}.",
        f"Our value proposition: {draft}.",
        f"Services and monthly volumes: {len(inputs.services)} services, with a chart.",
        f"Framing for healthcare entities: {len(inputs.answered_framing)} of 4 answered (in the draft).",
        "Whom you serve: the four population statements, with your counts.",
        "Your answers to the theme questions stay internal: they are in the whole-workbook report only.",
    ]


@export(
    "value_proposition_docx",
    "Value proposition (Word)",
    "The document to send a hospital, health center, health plan or health department before you meet.",
    "value-proposition-{org}.docx",
    DOCX,
    order=10,
    preview=preview,
)
def value_proposition_docx(store: Store, workspace_id: str) -> bytes:
    inputs = vp.gather_inputs(store, workspace_id)
    subtitle = ", ".join(x for x in (inputs.org_type, inputs.state) if x)
    doc = word.new_document("Value proposition", inputs.organization, subtitle=subtitle)
    write_value_proposition(doc, store, workspace_id, level=1, inputs=inputs)
    return word.to_bytes(doc)
