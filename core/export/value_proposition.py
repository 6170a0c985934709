"""The value proposition as a Word document (python-docx), and as a section of the workbook report.

The document leads with the draft (the saved, possibly edited, text; a fresh assembly if none
was saved), then the theme answers the team chose to share, the proposal details (the ask, next
steps, contact), what it is worth (the finished cost-benefit scenarios side by side, the care
program's return, a chart and every figure's source), then the evidence behind it: services and
monthly volumes (table and chart) and whom the program serves. The other theme answers are internal
(who the team does not trust, how participants feel about sharing data): only the whole-workbook
report includes them all. Built with `core.export.word`, so every piece of text is sanitized.
Never writes the store.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document as DocxDocument

from core.export import charts, word
from core.export.registry import DOCX, export
from core.hrh import value_proposition as vp
from core.money import dollars
from core.money_story import MoneyStory
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

    if inputs.included and not internal:  # the whole-workbook report has every answer further on
        word.heading(doc, "In our own words", level)
        for answer in inputs.included:
            word.heading(doc, answer.question, level + 1)
            word.paragraph(doc, answer.answer)

    labels = {p.id: p.label for p in vp.content().deck}
    proposal = [(labels[k], text) for k, text in inputs.deck.items() if text]
    if proposal:
        word.heading(doc, "Working together", level)
        for label, text in proposal:
            word.heading(doc, label, level + 1)
            word.paragraph(doc, text)

    write_money(doc, inputs.story, level)

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
            numeric=(3, 4),
        )
        word.image(doc, services_chart(inputs), services_alt_text(inputs))
    else:
        word.paragraph(doc, "No services with monthly volumes yet (Step 3).", italic=True)

    content = vp.content()
    checked = vp.get_populations(store, workspace_id)
    served = [st for st in content.populations.statements if checked[st.id].served]
    if served or inputs.profile_populations:  # nothing to say is said by leaving it out
        word.heading(doc, "Whom we serve", level + 1)
    if served:
        word.table(
            doc,
            ["We serve people who may have (the workbook's words)", "People in the last 12 months"],
            [
                [f"“{st.quote}”", f"{checked[st.id].count:,}" if checked[st.id].count is not None else ""]
                for st in served
            ],
            widths=[4.9, 1.6],
            numeric=(1,),
        )
    if inputs.profile_populations:
        word.paragraph(doc, "Our workspace profile names these populations:", keep_with_next=True)
        word.bullets(doc, inputs.profile_populations)

    if internal:
        _write_theme_answers(doc, inputs, level)


def money_chart(story: MoneyStory) -> bytes:
    categories, series = story.year_bars()
    return charts.bar_chart(
        categories,
        {name: [float(v) / 1000 for v in values] for name, values in series.items()},
        title="A year at full volume: brought in or saved, and what it costs",
        ylabel="Thousands of dollars a year",
        horizontal=True,
    )


def write_money(doc: DocxDocument, story: MoneyStory, level: int) -> None:
    """What it is worth: each finished cost-benefit scenario's verdict, the scenarios side by side, the care
    program's return cohort by cohort, one chart, and where every figure comes from. Nothing when no
    scenario is finished."""
    if story.empty:
        return
    word.heading(doc, "What it is worth", level)
    word.paragraph(
        doc,
        "Our own estimates, from the workbook's cost models. Money is in whole dollars; a year at full volume is "
        "after start-up and ramp-up.",
        italic=True,
    )
    if story.billing:
        word.heading(doc, "Direct billing: the scenarios side by side", level + 1)
        for s in story.billing:
            word.paragraph(doc, f"{s.name}: {s.headline}. {s.verdict_text}")
        headers, rows = story.comparison()
        word.paragraph(doc, "The figures side by side:", keep_with_next=True)
        word.table(doc, ["Figure", *headers[1:]], rows, numeric=tuple(range(1, len(headers))))
    for c in story.care:
        word.heading(doc, f"The care program's return: {c.name}", level + 1)
        h = c.headline
        word.paragraph(
            doc,
            f"At {h.patients:,} patients the program would save {dollars(h.steady_year_savings)} a year for "
            f"{dollars(h.steady_year_cost)} of costs once at full caseload (net {dollars(h.steady_year_net)}); the "
            f"return in the first year is {h.roi}; break-even: {h.break_even_month.lower()}.",
            keep_with_next=True,
        )
        word.table(
            doc,
            ["Patients", "Savings a year", "Costs a year", "Net a year", "First-year return", "Break-even"],
            [
                (
                    f"{k.patients:,}",
                    dollars(k.steady_year_savings),
                    dollars(k.steady_year_cost),
                    dollars(k.steady_year_net),
                    k.roi,
                    k.break_even_month,
                )
                for k in c.cohorts
            ],
            numeric=(0, 1, 2, 3, 4, 5),  # "Not within 36 months" on one line too
        )
    categories, series = story.year_bars()
    word.image(
        doc,
        money_chart(story),
        "Bar chart of a year at full volume, what each scenario brings in or saves and what it costs: "
        + "; ".join(
            f"{name}: {dollars(a)} and {dollars(b)}" for name, a, b in zip(categories, *series.values(), strict=True)
        ),
    )
    word.small_print(doc, "Where these figures come from: " + "; ".join(story.sources()) + ".")


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
        "What it is worth: "
        + (
            f"{len(inputs.story.billing) + len(inputs.story.care)} finished scenarios side by side, with a chart."
            if not inputs.story.empty
            else "once a cost-benefit scenario (Step 6) or the 5x planner is finished."
        ),
        "Whom you serve: the four population statements, with your counts.",
        f"Theme answers you chose to include: {len(inputs.included)} (the others stay internal).",
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
    word.sources_section(doc, ["hrh_workbook"])
    return word.to_bytes(doc)
