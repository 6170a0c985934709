"""A workspace filled through the same core functions the pages use, for the export tests."""

from __future__ import annotations

import datetime as dt

from core.hrh import readiness, services, what_it_takes
from core.hrh import value_proposition as vp
from core.store import answers

# Everything a person could paste: a formula, control characters, emoji, right-to-left scripts,
# a right-to-left override, markup, and a 10,000-character answer.
HOSTILE = (
    '=HYPERLINK("http://evil.example","x") \x00\x07\x0b\x1b\x7f\x85 naloxone 🧪💉 '
    "العربية עברית \u202egnp.exe <b>&amp;</b> "
)
LONG = ("Navigation takes time. " * 500)[:10_000]

SERVICES = {  # service id: (services a month, people a month, today?)
    "naloxone": (400, 250, True),
    "wound_care": (120, 45, True),
    "benefits_enrollment": (30, 25, False),
}


# A readiness round whose three strongest domains are Mission & Values (4.0), Relationships (3.0)
# and Services (2.5: half 3s, half 2s).
READINESS = {
    "mission_values": [4],
    "relationships": [3],
    "services": [3, 2],
    "staffing": [2],
    "systems": [1],
    "sustainability": [1],
}


def answer_readiness(store, workspace_id: str) -> None:
    round_ = readiness.create_round(store, workspace_id, "Spring 2025", dt.date(2025, 2, 1))
    respondent = readiness.self_respondent(store, workspace_id, round_.id)
    for domain in readiness.domains():
        values = READINESS[domain.id]
        for i, item in enumerate(domain.items):
            readiness.save_readiness_answer(store, workspace_id, respondent.id, item.id, values[i % len(values)])


def fill(store, workspace_id: str, *, text: str | None = None) -> None:
    """Readiness, services, populations, a conversation with notes, insights, every theme, the framing and the deck.

    With `text`, every free-text answer is that text (to prove exports survive anything typed).
    """
    answer_readiness(store, workspace_id)
    rows = {r.service_id: r for r in services.service_map(store, workspace_id)}
    for service_id, (per_month, people, today) in SERVICES.items():
        services.save_service_row(
            store,
            workspace_id,
            rows[service_id].model_copy(
                update={
                    "services_per_month": per_month,
                    "clients_per_month": people,
                    "currently_offer": today,
                    "potentially_offer": not today,
                }
            ),
        )
    vp.save_population(store, workspace_id, "substance_use_outcomes", vp.PopulationAnswer(served=True, count=1850))
    vp.save_population(store, workspace_id, "emergency_use", vp.PopulationAnswer(served=True))
    c = what_it_takes.add_conversation(
        store,
        workspace_id,
        what_it_takes.Conversation(
            guide_id="care_team", held_on=dt.date(2025, 3, 4), group=(text or "Five peer navigators")[:200]
        ),
    )
    answers.save_text(
        store,
        workspace_id,
        what_it_takes.notes_section("care_team"),
        what_it_takes.note_prompt(c.record_id, "trust"),
        text or "Trust comes from showing up every week.",
    )
    for insight in what_it_takes.insights():
        answers.save_text(
            store, workspace_id, what_it_takes.INSIGHTS_SECTION, insight.id, text or f"Insight: {insight.label}."
        )
    for theme in vp.content().themes:
        for key, _, _ in theme.all_questions():
            answers.save_text(store, workspace_id, theme.section, key, text or f"Answer to {theme.id}.{key}.")
    for outcome in vp.content().framing.outcomes:
        answers.save_text(store, workspace_id, vp.FRAMING_SECTION, outcome.id, text or f"We help: {outcome.id}.")
    answers.save_text(store, workspace_id, vp.EQUITY_SECTION, vp.EQUITY_PROMPT, text or "We report reach by language.")
    for prompt in vp.content().deck:
        answers.save_text(store, workspace_id, vp.DECK_SECTION, prompt.id, text or f"Our {prompt.id}.")
    answers.save_text(store, workspace_id, "workspace", "about", text or "A peer-led program.")
