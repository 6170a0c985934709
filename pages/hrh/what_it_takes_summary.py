"""Step 4 summary: the notes of the three groups side by side, and the key insights that feed the
value proposition (Step 5)."""

import streamlit as st

from core.hrh import what_it_takes
from core.steps import ref
from core.store import answers
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store = _ui.store()

st.title(f"{ref('what_it_takes')}: What we heard, side by side")
st.markdown(
    "The notes of your three conversations next to each other, so that you can see where the care team, "
    "the people you serve and your leadership agree and where they do not. Then write down what you learned: "
    "those key insights go into your value proposition."
)

summaries = what_it_takes.guide_summaries(store, workspace.id)
if not any(s.conversations for s in summaries):
    st.info(
        f"No conversations yet. Hold the first one on the {ref('what_it_takes')} page: choose a group, "
        "start a conversation and take notes per prompt.",
        icon=":material/info:",
    )
    _ui.link("what_it_takes", f"Go to {ref('what_it_takes')}: the conversations", icon=":material/route:")

for column, summary in zip(st.columns(len(summaries)), summaries, strict=True):
    with column, st.container(border=True):
        st.subheader(summary.guide.group, anchor=False)
        if not summary.conversations:
            st.caption("No conversation with this group yet.")
        if summary.conversations:
            src.own_mark("The prompts are the app's own writing; the notes are your team's.")
        for held in summary.conversations:
            c = held.conversation
            st.markdown(f"**{c.held_on:%B %-d, %Y}**: {_ui.escape_md(c.group)}")
            if not held.notes:
                st.caption("No notes taken.")
            for note in held.notes:
                st.caption(_ui.escape_md(note.prompt))
                st.markdown(_ui.escape_md(note.text))

st.subheader("Key insights", anchor=False)
st.markdown(
    "Read the three columns together and write what you learned. These three answers go straight into "
    "your value proposition draft and your slide deck."
)
saved = answers.get_texts(store, workspace.id, what_it_takes.INSIGHTS_SECTION)
for insight in what_it_takes.insights():
    _ui.text_answer(
        workspace.id,
        what_it_takes.INSIGHTS_SECTION,
        insight.id,
        insight.label,
        help=insight.help,
        stored=saved.get(insight.id, ""),
        height=150,
    )
    _ui.text_history(workspace.id, what_it_takes.INSIGHTS_SECTION, insight.id)

st.divider()
st.markdown(
    "**What this gives you:** what it really takes to get someone to care, and what your program brings "
    "that health systems lack, in your team's and your community's words. **Next:** turn it into your "
    "value proposition."
)
_ui.link("value_proposition", f"Next: {ref('value_proposition')}, your value proposition")
src.credit_line()
