"""A meeting agenda (Step 8) as a Word document ready to send to the partner: when, where, who, why, and the
items with times and leads. The internal preparation checklist is left out unless asked for. A workspace in,
bytes out; never imports streamlit."""

from __future__ import annotations

from core import agenda as ag
from core.export import word
from core.export.columns import set_column_widths
from core.store import workspaces
from core.store.database import Store


def agenda_docx(store: Store, workspace_id: str, agenda_id: str, *, include_preparation: bool = False) -> bytes:
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise KeyError("No such workspace.")
    agenda = ag.get_agenda(store, workspace_id, agenda_id)
    doc = word.new_document(agenda.heading, workspace.name, subtitle=f"{workspace.name} and {agenda.partner_name}")

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
    )
    if agenda.purpose:
        word.heading(doc, "Purpose", 1)
        word.paragraph(doc, agenda.purpose)

    word.heading(doc, "Agenda", 1)
    rows = [
        [
            str(s.number),
            s.times,
            s.item.topic + (f"\n{s.item.details}" if s.item.details else ""),
            s.item.lead,
            str(s.item.minutes),
        ]
        for s in ag.schedule(agenda)
    ]
    rows.append(["", "", "Total", "", str(ag.total_minutes(agenda))])
    word.table(doc, ["#", "Time", "Topic", "Who leads", "Minutes"], rows)
    set_column_widths(doc.tables[-1], [0.35, 1.0, 3.25, 1.15, 0.75])

    if include_preparation:
        word.heading(doc, "Before the meeting (for our team)", 1)
        items = []
        for prep in ag.content().preparation:
            check = agenda.preparation.get(prep.id, ag.PrepCheck())
            items.append(
                f"{prep.title} ({'done' if check.done else 'to do'})" + (f": {check.notes}" if check.notes else "")
            )
        word.bullets(doc, items)
    return word.to_bytes(doc)
