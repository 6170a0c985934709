"""Step 5: the value proposition's building blocks: whom the program serves, the six themes with
every question of the workbook, the framing for healthcare entities, and the equity statement."""

import streamlit as st

from core.hrh import value_proposition as vp
from core.hrh import what_it_takes
from core.steps import ref
from core.store import answers
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store = _ui.store()
ss = st.session_state
content = vp.content()


def save_population(statement_id: str) -> None:
    key = f"value_proposition__pop__{statement_id}"
    ss[f"{key}__error"] = None
    try:
        answer = vp.PopulationAnswer(served=ss[key], count=ss[f"{key}__count"])
        vp.save_population(store, workspace.id, statement_id, answer)
    except _ui.USER_ERRORS as exc:
        ss[f"{key}__error"] = f"Not saved: {_ui.user_message(exc)}"


def answer_fields(section: str, rows: list[tuple[str, str, int]], height: int = 110) -> None:
    saved = answers.get_texts(store, workspace.id, section)
    for key, question, level in rows:
        label = f"↳ {question}" if level else question
        _ui.text_answer(workspace.id, section, key, label, stored=saved.get(key, ""), height=height)


_ui.step_header("value_proposition")
src.quote(content.definition)
src.own(content.intro, mark=False)
with st.expander("What a value proposition entails (from the workbook)", icon=":material/menu_book:"):
    src.quoted_list(content.entails, lead="What does a value proposition entail?")
insights = {
    i.label: text
    for i, text in zip(what_it_takes.insights(), what_it_takes.get_insights(store, workspace.id).values(), strict=True)
    if text
}
with st.expander(f"Look back on your {ref('what_it_takes')} key insights", icon=":material/route:"):
    if not insights:
        st.caption(f"No key insights written yet ({ref('what_it_takes')} summary page).")
    for label, text in insights.items():
        st.markdown(f"**{_ui.escape_md(label)}**  \n{_ui.escape_md(text)}")

st.subheader("Whom you serve", anchor=False)
src.quote(content.populations.lead)
src.from_source(content.populations.statements, "The four statements below are")
saved_pops = vp.get_populations(store, workspace.id)
head_left, head_right = st.columns([3, 1])
head_left.caption("Check each group your program serves")
head_right.caption(content.populations.count_label)
for statement in content.populations.statements:
    key = f"value_proposition__pop__{statement.id}"
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.checkbox(
        f"“{statement.quote}”",
        value=saved_pops[statement.id].served,
        key=key,
        on_change=save_population,
        args=(statement.id,),
        wrap=True,
    )
    right.number_input(
        content.populations.count_label,
        min_value=0,
        max_value=vp.MAX_COUNT,
        step=1,
        value=saved_pops[statement.id].count,
        key=f"{key}__count",
        on_change=save_population,
        args=(statement.id,),
        placeholder="optional",
        label_visibility="collapsed",
    )
    if ss.get(f"{key}__error"):
        st.error(ss[f"{key}__error"], icon=":material/error:")

st.subheader("Themes for your value proposition", anchor=False)
src.quoted_list(content.themes_guide)
src.quoted_list([content.themes_who], lead="Who should be in this conversation:")
src.from_source([q for t in content.themes for q in t.questions], "Every question below is")
st.caption("Answers save when you click outside the box.")
tabs = st.tabs([t.title for t in content.themes] + ["Framing for healthcare entities", "Equity"])
for tab, t in zip(tabs, content.themes, strict=False):
    with tab:
        answer_fields(t.section, t.all_questions())
with tabs[-2]:
    st.markdown(f"**{content.framing.title}.** {src.inline(content.framing.lead)}")
    src.from_source(content.framing.outcomes, "The four outcomes are")
    answer_fields(vp.FRAMING_SECTION, [(o.id, o.text, 0) for o in content.framing.outcomes], height=130)
    st.markdown(src.inline(content.framing.close))
with tabs[-1]:
    src.quote(content.equity.guidance)
    _ui.text_answer(
        workspace.id, vp.EQUITY_SECTION, vp.EQUITY_PROMPT, content.equity.label, help=content.equity.help, height=160
    )

st.divider()
st.markdown(
    "**What this gives you:** the pieces of your pitch, in your own words. **Next:** assemble them, with your "
    f"services ({ref('services')}), readiness strengths ({ref('readiness')}) and {ref('what_it_takes')} insights, "
    "into a draft you can edit and export."
)
_ui.link("value_proposition_draft", "Next: assemble and edit your draft")
src.credit_line(content)
