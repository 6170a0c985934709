"""The whole-workbook report's sections for Steps 1, 3, 6 and 9 of Harm Reduction is Healthcare.

Steps 2, 4-5, 7 and 8 register theirs next to their own documents (readiness_report, workbook,
partner_map, agenda). Each section returns False when its step has nothing entered, and the
report then leaves it out. Only `core` results are laid out here (no arithmetic); reads the
store, never writes it; never imports streamlit.
"""

from __future__ import annotations

import datetime as dt

from docx.document import Document as DocxDocument

from core.export import charts, word
from core.export.workbook import workbook_section
from core.hrh import advocate, basics, glossary, money_flows
from core.hrh import cost_benefit as cb
from core.hrh import financing_adventure as fa
from core.hrh import services as sv
from core.store import answers
from core.store.database import Store

# ---------------------------------------------------------------- Step 1


@workbook_section("basics")
def basics_section(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    if not basics.is_reviewed(store, workspace_id):
        return False
    titles = [e.text.title for e in money_flows.examples()]
    word.paragraph(
        doc,
        f"The team reviewed the basics of healthcare financing: the glossary of {len(glossary.glossary_terms())} "
        f"terms and a worked example of each of the {len(titles)} ways money flows:",
    )
    word.bullets(doc, titles)
    return True


# ---------------------------------------------------------------- Step 3


def _count(value: int) -> str:
    return f"{value:,}"


def _services_chart(totals: list[sv.CategoryTotals]) -> tuple[bytes, str]:
    png = charts.bar_chart(
        [t.title for t in totals],
        {
            "Offered today": [t.current_services for t in totals],
            "Could add": [t.potential_services for t in totals],
        },
        title="Services a month by category",
        ylabel="Services a month (our estimates)",
        horizontal=True,
    )
    alt = "Bar chart of services a month by category, offered today and could add: " + "; ".join(
        f"{t.title}: {t.current_services:,} today, {t.potential_services:,} could add" for t in totals
    )
    return png, alt


@workbook_section("services", content_ids=("services", sv.RECORD_KIND))
def services_section(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    rows = sv.service_map(store, workspace_id)
    filled = [r for r in rows if sv.is_filled(r)]
    if not filled:
        return False
    totals = sv.category_totals(rows)
    overall = sv.overall_totals(rows)
    word.heading(doc, "Monthly volumes by category", 2)
    word.paragraph(
        doc,
        "Our estimates. Services the program could add are counted apart from those it offers today; people are "
        "counted once per service, so read them as contacts, not as different people.",
    )
    word.table(
        doc,
        ["Category", "Services today", "People today", "Services we could add", "People we could add"],
        [
            [t.title, _count(t.current_services), _count(t.current_clients)]
            + [_count(t.potential_services), _count(t.potential_clients)]
            for t in [*totals, overall]
        ],
        widths=[2.1, 1.0, 1.0, 1.2, 1.2],
    )
    png, alt = _services_chart(totals)
    word.image(doc, png, alt, width_inches=6.0)
    for category in sv.categories():
        listed = [r for r in filled if r.category == category.id]
        if not listed:
            continue
        word.heading(doc, category.title, 2)
        word.table(
            doc,
            ["Service", "Services a month", "People a month", "Offer today", "Could offer"],
            [
                [
                    r.name,
                    _count(r.services_per_month),
                    _count(r.clients_per_month),
                    "Yes" if r.currently_offer else "No",
                    "Yes" if r.potentially_offer else "No",
                ]
                for r in listed
            ],
            widths=[2.6, 1.0, 1.0, 0.95, 0.95],
        )
    warnings = sv.map_warnings(filled)
    if warnings:
        word.heading(doc, "To check", 2)
        word.bullets(doc, warnings)
    return True


# ---------------------------------------------------------------- Step 6


@workbook_section("financing_adventure")
def financing_adventure_section(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    path = fa.workspace_path(store, workspace_id)
    evaluations = [e for _, e in cb.evaluate_all(store, workspace_id)]
    if not path.steps and not evaluations:
        return False
    word.heading(doc, "Our financing path", 2)
    if path.steps:
        word.table(
            doc,
            ["Question", "Our answer"],
            [[s.node.text, s.answer.capitalize()] for s in path.steps],
            widths=[5.3, 1.2],
        )
    if path.stop is not None:
        word.paragraph(doc, f"Where it leads: {path.stop.title}. Next: {path.stop.next_action}")
    elif path.question is not None:
        word.paragraph(doc, f"Still to answer: {path.question.text}", italic=True)

    word.heading(doc, "Direct billing cost-benefit", 2)
    if not evaluations:
        word.paragraph(doc, "No cost-benefit scenario yet.", italic=True)
        return True
    for start in range(0, len(evaluations), 3):  # three scenarios side by side fit a portrait page
        chunk = evaluations[start : start + 3]
        table = cb.comparison_table(chunk)
        word.table(
            doc,
            ["Figure", *[e.name for e in chunk]],
            [[row["Figure"], *[row[e.name] for e in chunk]] for row in table],
            widths=[2.0] + [4.5 / len(chunk)] * len(chunk),
        )
    for e in evaluations:
        word.heading(doc, f"Scenario: {e.name}", 3)
        if e.result is None or e.verdict is None:
            word.paragraph(doc, "Incomplete: " + "; ".join(p.message for p in e.problems), italic=True)
            continue
        word.paragraph(doc, f"{e.verdict.headline}. {e.verdict.text}")
        costs = cb.cost_table(e.result)
        word.table(doc, ["Cost", "A month", "A year"], [list(c.values()) for c in costs], widths=[3.3, 1.6, 1.6])
    return True


# ---------------------------------------------------------------- Step 9


@workbook_section("advocate")
def advocate_section(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    content = advocate.content()
    goal = answers.get_text(store, workspace_id, advocate.GOAL_SECTION, advocate.GOAL_PROMPT).strip()
    messages = advocate.message_texts(store, workspace_id)
    seats = [s for _, s in advocate.list_rows(store, workspace_id, advocate.Seat)]
    programs = [p for _, p in advocate.list_rows(store, workspace_id, advocate.Program)]
    research = advocate.checklist(store, workspace_id, advocate.RESEARCH_SECTION)
    written = {s: parts for s, parts in messages.items() if any(t.strip() for t in parts.values())}
    if not (goal or written or seats or programs or any(research.values())):
        return False

    word.heading(doc, "Our advocacy goal", 2)
    word.paragraph(doc, goal or "Not written yet.", italic=not goal)

    word.heading(doc, "Messages by stakeholder", 2)
    if not written:
        word.paragraph(doc, "No messages written yet.", italic=True)
    for stakeholder in content.stakeholders:
        parts = written.get(stakeholder.id)
        if not parts:
            continue
        word.heading(doc, stakeholder.label, 3)
        word.table(
            doc,
            ["Part", "Our words"],
            [[p.label, parts[p.id]] for p in content.message_parts if parts.get(p.id, "").strip()],
            widths=[1.5, 5.0],
        )

    word.heading(doc, "Seats at the table", 2)
    if seats:
        types, statuses = advocate.labels(content.seat_types), advocate.labels(content.seat_statuses)
        word.table(
            doc,
            ["What and where", "Kind", "Date", "Who goes", "Status"],
            [
                [s.name, types[s.seat_type], f"{s.date:%B %-d, %Y}" if s.date else "", s.who, statuses[s.status]]
                for s in sorted(seats, key=lambda s: (s.date is None, s.date or dt.date.min))
            ],
            widths=[2.4, 1.2, 1.1, 1.0, 0.8],
        )
    else:
        word.paragraph(doc, "No seats listed yet.", italic=True)

    if programs:
        word.heading(doc, "Programs we organize with", 2)
        program_statuses = advocate.labels(content.program_statuses)
        word.table(
            doc,
            ["Program", "Where they work", "Status", "Notes"],
            [[p.name, p.area, program_statuses[p.status], p.notes] for p in programs],
            widths=[1.6, 1.3, 1.1, 2.5],
        )
    done = [t.title for t in content.state_research if research.get(t.id)]
    word.heading(doc, "State research done", 2)
    word.bullets(doc, done or ["Nothing checked yet."])
    return True
