"""Step 1 as a whole: the team's "we have reviewed the basics" mark, and the step's progress.

The content of the step lives in `core.hrh.glossary` (terms) and `core.hrh.money_flows`
(the worked payment examples). Never imports streamlit.
"""

from __future__ import annotations

from core.errors import UserError
from core.steps import StepProgress, progress_for
from core.store import answers
from core.store.database import Store

SECTION = "basics"
REVIEWED_KEY = "reviewed"


def is_reviewed(store: Store, workspace_id: str) -> bool:
    return bool(answers.get_value(store, workspace_id, SECTION, REVIEWED_KEY, False))


def set_reviewed(store: Store, workspace_id: str, reviewed: bool) -> None:
    if not isinstance(reviewed, bool):
        raise UserError("Reviewed is yes or no.")
    answers.save_value(store, workspace_id, SECTION, REVIEWED_KEY, reviewed)


@progress_for("basics")
def basics_progress(store: Store, workspace_id: str) -> StepProgress:
    """Done once the team marks the basics as reviewed (the glossary and examples need no answers)."""
    done = is_reviewed(store, workspace_id)
    return StepProgress(
        step_id="basics", share=1.0 if done else 0.0, detail="Reviewed" if done else "Not marked as reviewed yet"
    )
