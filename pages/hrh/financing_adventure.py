"""Step 6: Choose your healthcare financing adventure. The workbook's flow chart, answered once and remembered."""

import streamlit as st

from core.hrh import cost_benefit as cb
from core.hrh import financing_adventure as fa
from pages import _figures, _ui
from pages import _sources_ui as src

workspace = _ui.require_workspace()
store = _ui.store()
graph = fa.graph()
given = fa.saved_answers(store, workspace.id)
path = fa.follow(graph, given)
LABELS = {"yes": "Yes", "no": "No"}


def on_answer(question_id: str) -> None:
    choice = st.session_state[f"financing_adventure__{question_id}"]
    fa.save_answer(_ui.store(), workspace.id, question_id, {"Yes": "yes", "No": "no"}.get(choice))


_ui.step_header("financing_adventure")
src.quote(graph.workbook)
st.markdown(
    "Two roads lead to healthcare money: **billing insurers directly** for the services you provide, or "
    "**partnering with a healthcare entity** (a health center, hospital, health plan or health department) that "
    "pays you. Answer each question honestly; the next one appears below it. Your answers are saved, and "
    "changing an earlier answer re-routes the rest (answers on the other road are kept in case you come back)."
)

st.subheader("Your path", anchor=False)
src.own_mark(
    "The questions follow the workbook's flow chart, in the app's wording; the help and next steps are the app's own."
)
for node in [s.node for s in path.steps] + ([path.question] if path.question else []):
    key = f"financing_adventure__{node.id}"
    if key not in st.session_state:
        st.session_state[key] = LABELS.get(given.get(node.id, ""))
    st.radio(
        node.text,
        ["Yes", "No"],
        key=key,
        index=None,
        horizontal=True,
        help=node.help,
        on_change=on_answer,
        args=(node.id,),
    )

st.subheader("Where you stand", anchor=False)
if path.stop is None:
    st.info(
        f"{len(path.steps)} of up to {fa.longest_question_chain(graph)} questions answered. "
        "Answer the question above to see your next step.",
        icon=":material/help:",
    )
else:
    show = st.success if path.stop.kind == "outcome" else st.warning
    show(
        f"**{path.stop.title}**\n\n{path.stop.next_action}",
        icon=":material/flag:" if path.stop.kind == "outcome" else ":material/directions:",
    )
    link = path.stop.link
    query = {"cost_benefit_tab": "Insurance mix survey"} if path.stop.id == "insurance_survey" else None
    _ui.link(link.page_id, link.label, query_params=query)

if path.branch == "direct billing":
    evaluations = cb.evaluate_all(store, workspace.id)
    with st.container(border=True):
        st.markdown("**Your cost-benefit scenarios**")
        if not evaluations:
            st.caption("None yet: the cost-benefit calculator shows whether billing would pay for itself.")
        for _, evaluation in evaluations:
            verdict = evaluation.verdict.headline if evaluation.verdict else "not complete yet"
            st.markdown(f"- {_ui.escape_md(evaluation.name)}: {verdict}")
        _ui.link("cost_benefit", "Open the cost-benefit calculator", icon=":material/calculate:")

st.plotly_chart(
    _figures.adventure_graph(graph, path),
    width="stretch",
    key="financing_adventure__graph",
    alt="The financing adventure flow chart with the path you took highlighted.",
)

st.divider()
st.markdown(
    "**What this gives you:** a clear choice of road, and the one thing to do next. If billing is on the table, "
    "the cost-benefit calculator tells you whether it would pay for itself. **Next step:** map out the health "
    "centers, hospitals, plans and health departments you could work with."
)
_ui.link("partners")
src.credit_line(graph)
