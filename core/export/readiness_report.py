"""The readiness report (Step 2) as a Word document: a workspace and a round in, bytes out.

Contents: the round, the scores table, the radar chart (with alt text), the
strengths and limitations in words, domains without enough answers, every
item's answer (with the team's one-line reason for a workshop's agreed
answers), the reflection notes, and the comparison with the previous round if
there is one. Without a round named, the report is of the latest round with
answers (`readiness_repo.default_round`), never of an empty later one.
Built with `core.export.word` / `core.export.charts`, so headings are real
heading styles, tables have header rows and any text a person typed is
sanitized. Never imports streamlit.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument

from core.errors import NotFound
from core.export import charts, word
from core.export.registry import DOCX, export
from core.export.workbook import workbook_section
from core.hrh import readiness as r
from core.store import answers, readiness_repo, workspaces
from core.store.database import Store


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _change(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def _alt_text(label: str, scores: r.ReadinessScores, earlier: tuple[str, r.ReadinessScores] | None) -> str:
    parts = [f"{d.title} {_mean(d.mean)}" for d in scores.domains]
    text = f"Radar chart of the mean answer per domain on a 1 to 4 scale, {label}: " + "; ".join(parts) + "."
    if earlier:
        text += f" Also drawn: {earlier[0]}: " + "; ".join(f"{d.title} {_mean(d.mean)}" for d in earlier[1].domains)
    return text


def _round_label(round_) -> str:
    return f"{round_.label} ({round_.held_on:%B %-d, %Y})"


def _kind(round_) -> str:
    return "team workshop" if round_.source == "workshop" else "self-assessment"


def write_readiness_report(
    doc: DocxDocument, store: Store, workspace_id: str, round_id: str | None = None, *, level: int = 1
) -> bool:
    """Append the report of `round_id` (default: the latest round with answers) to `doc`, headings from `level`.

    Returns False (and adds nothing) when the workspace has no readiness round yet.
    """
    rounds = r.list_rounds(store, workspace_id)
    if not rounds:
        return False
    round_id = round_id or readiness_repo.default_round(store, workspace_id, rounds).id
    round_ = r.get_round(store, workspace_id, round_id)
    result = r.round_answers(store, workspace_id, round_id)
    scores = r.score_readiness(result)
    summary = r.readiness_summary(scores)
    previous = r.previous_round(rounds, round_id)
    earlier = (previous.label, r.round_scores(store, workspace_id, previous.id)) if previous else None
    sub = level + 1

    content = r.readiness_content()
    word.heading(doc, "About this assessment", level)
    word.paragraph(
        doc,
        f"{_round_label(round_)}, {_kind(round_)}. This report scores the organization on the six domains of the "
        "readiness assessment in the workbook Harm Reduction is Healthcare. Each item is answered from 1 to 4:",
    )
    word.bullets(doc, [f"{s.value}: {s.label}" for s in content.scale])
    word.paragraph(
        doc,
        f'Answers of "{content.not_sure_label}" are not counted in the scores. A domain\'s mean is the average '
        "of its answered items; its share of the scale is (mean - 1) / 3. A domain is ranked once at least half "
        "of its items are answered.",
    )

    word.heading(doc, "Scores by domain", level)
    word.table(
        doc,
        ["Domain", "Mean (1-4)", "Share of scale", "Answered", "Not sure"],
        [
            [d.title, _mean(d.mean), _percent(d.share), f"{d.answered} of {d.total}", str(d.not_sure)]
            for d in scores.domains
        ]
        + [
            [
                "Overall",
                _mean(scores.overall_mean),
                _percent(scores.overall_share),
                f"{scores.answered} of {scores.total}",
                str(scores.not_sure),
            ]
        ],
        widths=[2.2, 1.0, 1.1, 1.1, 0.8],
    )
    series = {round_.label: [d.mean or 0 for d in scores.domains]}
    if earlier:
        series[earlier[0]] = [d.mean or 0 for d in earlier[1].domains]
    png = charts.radar_chart([d.title for d in scores.domains], series, title="Readiness by domain (1-4)", max_value=4)
    word.image(doc, png, _alt_text(round_.label, scores, earlier), width_inches=4.8)

    word.heading(doc, "Strengths and limitations", level)
    for sentence in summary.sentences:
        word.paragraph(doc, sentence)
    word.heading(doc, "Likely strengths", sub)
    word.bullets(doc, [f"{d.title}: mean {_mean(d.mean)}" for d in summary.strengths] or ["Not enough answers yet."])
    word.heading(doc, "Likely limitations", sub)
    word.bullets(doc, [f"{d.title}: mean {_mean(d.mean)}" for d in summary.limitations] or ["Not enough answers yet."])

    word.heading(doc, "Reflection notes", level)
    notes = answers.get_texts(store, workspace_id, r.reflection_section(round_id))
    for question in content.reflection_questions:
        word.heading(doc, question.text, sub)
        word.paragraph(doc, notes.get(question.id, "").strip() or "No notes yet.", italic=not notes.get(question.id))

    if earlier:
        comparison = r.compare_rounds(earlier[1], scores)
        word.heading(doc, f"Compared with {earlier[0]}", level)
        word.table(
            doc,
            ["Domain", earlier[0], round_.label, "Change"],
            [[c.title, _mean(c.earlier_mean), _mean(c.later_mean), _change(c.change)] for c in comparison.domains]
            + [
                [
                    "Overall",
                    _mean(earlier[1].overall_mean),
                    _mean(scores.overall_mean),
                    _change(comparison.overall_change),
                ]
            ],
        )

    word.heading(doc, "Answers by item", level)
    reasons = readiness_repo.result_notes(store, workspace_id, round_id)
    if reasons:
        word.paragraph(doc, "The team agreed on these answers in a workshop; each comes with the team's reason.")
    for d in content.domains:
        word.heading(doc, d.title, sub)
        rows = r.domain_item_answers(d.id, result)
        if reasons:
            word.table(
                doc,
                ["Item", "Agreed answer", "Why"],
                [[f"{i.number}. {i.text}", i.label, reasons.get(i.item_id, "")] for i in rows],
                widths=[3.3, 1.6, 1.6],
            )
        else:
            word.table(doc, ["Item", "Answer"], [[f"{i.number}. {i.text}", i.label] for i in rows], widths=[4.6, 1.9])
    return True


def readiness_report_docx(store: Store, workspace_id: str, round_id: str | None = None) -> bytes:
    """The report of `round_id` (default: the latest round with answers) as .docx bytes.

    Raises NotFound (a KeyError) if the workspace has no such round (or no round at all).
    """
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise NotFound("This workspace no longer exists.")
    rounds = r.list_rounds(store, workspace_id)
    if not rounds:
        raise NotFound("There is no readiness assessment to report yet.")
    round_ = r.get_round(store, workspace_id, round_id or readiness_repo.default_round(store, workspace_id, rounds).id)
    doc = word.new_document(
        "Organizational readiness assessment", workspace.name, subtitle=f"{_round_label(round_)}, {_kind(round_)}"
    )
    write_readiness_report(doc, store, workspace_id, round_.id)
    word.sources_section(doc, ["hrh_workbook"])
    return word.to_bytes(doc)


def latest_report_docx(store: Store, workspace_id: str) -> bytes:
    """The Downloads page's readiness report: the latest round with answers, or a page saying there is none yet."""
    workspace = workspaces.get_workspace(store, workspace_id)
    if workspace is None:
        raise NotFound("This workspace no longer exists.")
    if r.list_rounds(store, workspace_id):
        return readiness_report_docx(store, workspace_id)
    doc = word.new_document("Organizational readiness assessment", workspace.name)
    word.paragraph(doc, NO_ROUND)
    word.sources_section(doc, ["hrh_workbook"])
    return word.to_bytes(doc)


NO_ROUND = "No readiness assessment yet: answer it in Step 2, alone or as a team workshop."


def preview(store: Store, workspace_id: str) -> list[str]:
    rounds = r.list_rounds(store, workspace_id)
    if not rounds:
        return [NO_ROUND]
    shown = readiness_repo.default_round(store, workspace_id, rounds)
    lines = [
        f"The latest round with answers: {_round_label(shown)}, {_kind(shown)}. (Step 2 results can download the "
        "report of any round.)",
        "Scores by domain (table and radar chart), likely strengths and limitations, your reflection notes, "
        "and every item's answer, with the reasons of the answers a team agreed on.",
    ]
    previous = r.previous_round(rounds, shown.id)
    if previous:
        lines.append(f"Compared with the round before it ({previous.label}).")
    return lines


export(
    "readiness_report_docx",
    "Readiness report (Word)",
    "Step 2: where the organization stands on the six readiness domains, for your team or your board.",
    "readiness-report-{org}.docx",
    DOCX,
    order=45,
    preview=preview,
)(latest_report_docx)


@workbook_section("readiness", has_content=lambda store, ws: bool(r.list_rounds(store, ws)))
def readiness_section(store: Store, workspace_id: str, doc: DocxDocument) -> bool:
    return write_readiness_report(doc, store, workspace_id, level=2)
