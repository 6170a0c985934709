"""The partner map (Step 7) as a Word document: counts by type and status, a chart, one table per entity
type, and the research notes of each partner. A workspace in, bytes out; never imports streamlit."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT

from core import partners as pm
from core.export import charts, word
from core.export.columns import set_column_widths
from core.store import workspaces
from core.store.database import Store

COLUMNS = [
    "Name",
    "Location(s)",
    "Existing relationship",
    "Potential relationship",
    "Next steps",
    "Contact info",
    "Status",
]


def _landscape(doc) -> None:
    section = doc.sections[-1]
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def partner_map_docx(store: Store, workspace_id: str) -> bytes:
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise KeyError("No such workspace.")
    partners = pm.list_partners(store, workspace_id)
    doc = word.new_document(
        "Potential partner map",
        workspace.name,
        subtitle="Step 7 of Harm Reduction is Healthcare: mapping out potential partners",
    )
    _landscape(doc)
    if not partners:
        word.paragraph(doc, "No partners are on the map yet.")
        return word.to_bytes(doc)

    statuses = pm.content().statuses
    counts = [row for row in pm.status_counts(partners) if row.total]
    word.heading(doc, "Summary", 1)
    word.paragraph(
        doc,
        f"{len(partners)} potential partners across {len(counts)} types of entity. "
        f"Research done: {pm.research_share(partners):.0%} of the five research tips for the "
        "partners still in play.",
    )
    word.table(
        doc,
        ["Type of entity", *[s.label for s in statuses], "Total"],
        [[row.label, *[row.counts[s.id] for s in statuses], row.total] for row in counts],
    )
    set_column_widths(doc.tables[-1], [2.2] + [0.9] * (len(statuses) + 1))
    png = charts.bar_chart(
        [row.label for row in counts],
        {"Partners": [row.total for row in counts]},
        title="Potential partners by type of entity",
        ylabel="Number of partners",
        horizontal=True,
    )
    word.image(
        doc,
        png,
        "Bar chart of potential partners by type of entity: "
        + "; ".join(f"{row.label}: {row.total}" for row in counts),
        width_inches=7.0,
    )

    for entity, listed in pm.by_type(partners):
        word.heading(doc, entity.label, 1)
        word.table(
            doc,
            COLUMNS,
            [
                [
                    p.partner.name,
                    p.partner.locations,
                    p.partner.existing_relationship,
                    p.partner.potential_relationship,
                    p.partner.next_steps,
                    p.partner.contact,
                    pm.status_label(p.partner.status),
                ]
                for p in listed
            ],
        )
        set_column_widths(doc.tables[-1], [1.3, 1.15, 1.3, 1.3, 1.25, 1.0, 1.1])

    word.heading(doc, "Research", 1)
    tips = pm.content().research_tips
    for saved in partners:
        partner = saved.partner
        notes = pm.research_notes(store, workspace_id, partner)
        word.heading(doc, f"{partner.name} ({partner.research_done} of {len(tips)} done)", 2)
        items = []
        for tip in tips:
            mark = "Done" if partner.research.get(tip.id) else "To do"
            items.append(f"{tip.title} ({mark})" + (f": {notes[tip.id]}" if notes[tip.id].strip() else ""))
        word.bullets(doc, items)
    return word.to_bytes(doc)
