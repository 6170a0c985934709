"""Parts of the value proposition draft page, kept apart so the page reads top to bottom: which theme
answers the documents carry, and the two downloads. Saving and building through `core` only. Not listed
in the navigation."""

from __future__ import annotations

import streamlit as st

from core.export import registry
from core.hrh import value_proposition as vp
from core.steps import ref
from pages import _ui

CHOICE_KEY = "value_proposition_draft__themes"
EXPORTS = ("value_proposition_docx", "value_proposition_pptx")


def theme_choice(workspace_id: str) -> None:
    """A multiselect of the answered theme questions; the choice is saved on change."""
    st.subheader("Theme answers to include", anchor=False)
    answered = vp.answered_questions(vp.theme_answers(_ui.store(), workspace_id))
    if not answered:
        st.caption(
            f"Answer the theme questions on the {ref('value_proposition')} page to choose any for the documents."
        )
        return
    labels = {a.key: f"{a.theme}: {a.question}" for a in answered}
    st.caption(
        f"You answered {len(answered)} theme questions. They are your team's own conversation: none goes into "
        "the Word document or the slide deck unless you choose it here (the whole-workbook report has them all)."
    )
    stored = [k for k in vp.theme_choice(_ui.store(), workspace_id) if k in labels]
    _ui.autosave_field(
        st.multiselect,
        CHOICE_KEY,
        "Include these answers in the Word document and the slide deck",
        stored,
        lambda keys: vp.save_theme_choice(_ui.store(), workspace_id, list(keys)),
        options=list(labels),
        format_func=labels.get,
        placeholder="None chosen",
    )


def downloads(workspace) -> None:
    st.subheader("Download", anchor=False)
    store = _ui.store()
    for column, export_id in zip(st.columns(2), EXPORTS, strict=True):
        e = registry.get_export(export_id)
        column.download_button(
            e.title,
            data=lambda e=e: e.build(store, workspace.id),
            file_name=e.filename_for(workspace.name),
            mime=e.mime,
            key=f"value_proposition_draft__{export_id}",
            icon=":material/download:",
            on_click="ignore",
            width="stretch",
        )
