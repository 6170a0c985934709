"""A meeting agenda (Step 8) as a Word document ready to send to the partner: when, where, who, why, and the
items with times and leads. The internal preparation checklist is left out unless asked for. A workspace in,
bytes out; never imports streamlit."""

from __future__ import annotations

from core.errors import NotFound
from core.export import word
from core.export.registry import DOCX, export
from core.export.workbook import workbook_section
from core.hrh import agenda as ag
from core.store import workspaces
from core.store.database import Store


def write_agenda(doc, agenda: ag.Agenda, *, level: int = 1, include_preparation: bool = False) -> None:
    """Append one agenda to `doc` (the when/where table, purpose, items), headings at `level`."""
    when = f"{agenda.date:%A, %B %-d, %Y}" if agenda.date else "To be agreed"
    end = ag.end_time(agenda)
    time = f"{agenda.start_time:%H:%M}-{end:%H:%M}" if agenda.start_time and end else "To be agreed"
    word.table(
        doc,
        ["Meeting", "Details"],
        [
            ["Date", when],
            ["Time", time],
            ["Place", agenda.place or "To be agreed"],
            ["Attendees", agenda.attendees or "To be confirmed"],
        ],
        widths=[1.3, 5.2],
    )
    if agenda.purpose:
        word.heading(doc, "Purpose", level)
        word.paragraph(doc, agenda.purpose)

    word.heading(doc, "Agenda", level)
    rows = [
        [
            str(s.number),
            s.times,
            s.item.topic + (f"\n{ag.marked_details(s.item.details)}" if s.item.details else ""),
            s.item.lead,
            str(s.item.minutes),
        ]
        for s in ag.schedule(agenda)
    ]
    rows.append(["", "", "Total", "", str(ag.total_minutes(agenda))])
    word.table(doc, ["#", "Time", "Topic", "Who leads", "Minutes"], rows, widths=[0.35, 1.0, 3.25, 1.15, 0.75])

    if include_preparation:
        word.heading(doc, "Before the meeting (for our team)", level)
        items = []
        for prep in ag.content().preparation:
            check = agenda.preparation.get(prep.id, ag.PrepCheck())
            items.append(
                f"{prep.title} ({'done' if check.done else 'to do'})" + (f": {check.notes}" if check.notes else "")
            )
        word.bullets(doc, items)


def agenda_docx(store: Store, workspace_id: str, agenda_id: str, *, include_preparation: bool = False) -> bytes:
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise NotFound("No such workspace.")
    agenda = ag.get_agenda(store, workspace_id, agenda_id)
    doc = word.new_document(agenda.heading, workspace.name, subtitle=f"{workspace.name} and {agenda.partner_name}")
    write_agenda(doc, agenda, include_preparation=include_preparation)
    word.sources_section(doc, ["hrh_workbook"])
    return word.to_bytes(doc)


NO_AGENDA = "No meeting agenda yet: build one for a partner in Step 8."


def latest_agenda_docx(store: Store, workspace_id: str) -> bytes:
    """The Downloads page's agenda: the most recently added one, ready to send (no preparation checklist)."""
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise NotFound("No such workspace.")
    saved = ag.list_agendas(store, workspace_id)
    if saved:
        return agenda_docx(store, workspace_id, saved[-1].record_id)
    doc = word.new_document("Meeting agenda", workspace.name)
    word.paragraph(doc, NO_AGENDA)
    word.sources_section(doc, ["hrh_workbook"])
    return word.to_bytes(doc)


def preview(store: Store, workspace_id: str) -> list[str]:
    saved = ag.list_agendas(store, workspace_id)
    if not saved:
        return [NO_AGENDA]
    latest = saved[-1].agenda
    lines = [
        f"{latest.heading}: date, time, place, attendees, purpose, and {len(latest.items)} items "
        f"with times and who leads ({ag.total_minutes(latest)} minutes).",
        "Ready to send: your team's preparation checklist is left out.",
    ]
    if len(saved) > 1:
        lines.append(f"The most recent of your {len(saved)} agendas; the others download from Step 8.")
    return lines


export(
    "agenda_docx",
    "Meeting agenda (Word)",
    "Step 8: the agenda of your latest meeting with a partner, to send before you meet.",
    "meeting-agenda-{org}.docx",
    DOCX,
    order=60,
    preview=preview,
)(latest_agenda_docx)


@workbook_section("agenda")
def agenda_section(store: Store, workspace_id: str, doc) -> bool:
    """Every agenda, with the team's preparation checklist (the workbook is the team's own record)."""
    saved = ag.list_agendas(store, workspace_id)
    for s in saved:
        word.heading(doc, s.agenda.heading, 2)
        write_agenda(doc, s.agenda, level=3, include_preparation=True)
    return bool(saved)
