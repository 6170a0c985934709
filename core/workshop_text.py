"""Workshop mode for the text activities (Step 5 value-proposition themes, Step 4 conversation prompts).

Filled in once the Step 4 and Step 5 content exists.
"""

from __future__ import annotations


def check_options(activity, options):
    from core.workshop import WorkshopError

    raise WorkshopError(f"The {activity} workshop is not available yet.")


def available() -> list[str]:
    return []
