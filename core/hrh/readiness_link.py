"""The one place the value proposition reads readiness strengths (Step 2) from.

Everything that needs "our strongest domains" (the draft, the Word document, the deck) calls
`strengths()`, so how Step 2 ranks domains stays Step 2's business (`core.hrh.readiness`).
Never imports streamlit.
"""

from __future__ import annotations

from pydantic import BaseModel

from core.hrh import readiness
from core.store.database import Store


class Strength(BaseModel):
    """One of the workspace's strongest readiness domains, with its mean on the 1-4 scale if known."""

    domain: str
    mean: float | None = None


def strengths(store: Store, workspace_id: str, n: int = 3) -> list[Strength]:
    """The `n` strongest domains of the latest readiness round with answers, strongest first;
    [] when no round has answers (domains with too few answers are never ranked)."""
    latest = readiness.latest_round_scores(store, workspace_id)
    if latest is None:
        return []
    _, scores = latest
    return [Strength(domain=d.title, mean=d.mean) for d in readiness.strongest_domains(scores, n)]
