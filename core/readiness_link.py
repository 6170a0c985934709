"""The one place the value proposition reads readiness strengths (Step 2) from.

Step 2's scoring lives in `core.readiness` (built on another branch). Everything that needs
"our strongest domains" (the draft, the Word document, the deck) calls `strengths()`, so wiring
Step 2 in is a change to this file only. Never imports streamlit.
"""

from __future__ import annotations

from pydantic import BaseModel

from core.store.database import Store


class Strength(BaseModel):
    """One of the workspace's strongest readiness domains, with its mean on the 1-4 scale if known."""

    domain: str
    mean: float | None = None


def strengths(store: Store, workspace_id: str, n: int = 3) -> list[Strength]:
    """The `n` strongest domains of the latest readiness round, strongest first; [] without a round.

    Until Step 2's scoring (`core.readiness`) is merged there is no round to read, so this is [].
    """
    return []
