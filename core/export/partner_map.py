"""The partner map (Step 7) as a Word document: counts by type and status, a chart, one table per entity
type, and the research notes of each partner. A workspace in, bytes out; never imports streamlit."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT

from core.errors import NotFound
from core.export import charts, word
from core.export.registry import DOCX, export
from core.export.workbook import workbook_section
from core.hrh import partners as pm
from core.store import workspaces
from core.store.database import Store

LANDSCAPE_WIDTH = 9.0  # inches of text on a landscape Letter page with 1-inch margins
PORTRAIT_WIDTH = 6.5

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


def _fit(widths: list[float], page_width: float) -> list[float]:
    """Column widths scaled to the text width of the page (landscape in the partner map, portrait in the workbook)."""
    scale = min(1.0, page_width / sum(widths))
    return [round(w * scale, 2) for w in widths]


def write_partner_map(
    doc, store: Store, workspace_id: str, *, level: int = 1, page_width: float = LANDSCAPE_WIDTH
) -> bool:
    """Append the partner map to `doc`, headings from `level`; False (nothing added) when no partner is listed."""
    partners = pm.list_partners(store, workspace_id)
    if not partners:
        return False
    statuses = pm.content().statuses
    counts = [row for row in pm.status_counts(partners) if row.total]
    word.heading(doc, "Summary", level)
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
        widths=_fit([2.2] + [0.9] * (len(statuses) + 1), page_width),
    )
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
        width_inches=min(7.0, page_width),
    )

    for entity, listed in pm.by_type(partners):
        word.heading(doc, entity.label, level)
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
            widths=_fit([1.3, 1.15, 1.3, 1.3, 1.25, 1.0, 1.1], page_width),
        )

    word.heading(doc, "Research", level)
    tips = pm.content().research_tips
    for saved in partners:
        partner = saved.partner
        notes = pm.research_notes(store, workspace_id, partner)
        word.heading(doc, f"{partner.name} ({partner.research_done} of {len(tips)} done)", level + 1)
        items = []
        for tip in tips:
            mark = "Done" if partner.research.get(tip.id) else "To do"
            items.append(f"{tip.title} ({mark})" + (f": {notes[tip.id]}" if notes[tip.id].strip() else ""))
        word.bullets(doc, items)
    return True


def partner_map_docx(store: Store, workspace_id: str) -> bytes:
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise NotFound("No such workspace.")
    doc = word.new_document(
        "Potential partner map",
        workspace.name,
        subtitle="Step 7 of Harm Reduction is Healthcare: mapping out potential partners",
    )
    _landscape(doc)
    if not write_partner_map(doc, store, workspace_id):
        word.paragraph(doc, NO_PARTNERS)
    word.sources_section(doc, ["hrh_workbook"])
    return word.to_bytes(doc)


NO_PARTNERS = "No partners are on the map yet."


def preview(store: Store, workspace_id: str) -> list[str]:
    partners = pm.list_partners(store, workspace_id)
    if not partners:
        return [NO_PARTNERS + " Add them in Step 7."]
    types = [entity.label for entity, _ in pm.by_type(partners)]
    return [
        f"{len(partners)} potential partners, counted by type and status, with a chart.",
        "One table per type of entity: " + "; ".join(types) + ".",
        "The research checklist and notes of each partner. Landscape pages.",
    ]


export(
    "partner_map_docx",
    "Potential partner map (Word)",
    "Step 7: every potential partner by type of entity, where the relationship stands and what comes next.",
    "partner-map-{org}.docx",
    DOCX,
    order=50,
    preview=preview,
)(partner_map_docx)


@workbook_section("partners")
def partners_section(store: Store, workspace_id: str, doc) -> bool:
    return write_partner_map(doc, store, workspace_id, level=2, page_width=PORTRAIT_WIDTH)
