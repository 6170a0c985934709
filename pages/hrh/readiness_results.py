"""Step 2 results: domain scores, radar chart, strengths and limitations, rounds compared, reflection, Word export."""

import streamlit as st

from core.export.readiness_report import readiness_report_docx
from core.hrh import charts as hrh_charts
from core.hrh import readiness
from core.store import answers, readiness_repo
from core.store.versioned import remember
from pages import _ui

ROUND_KEY = "readiness_results__round"
COMPARE_KEY = "readiness_results__compare"
NONE = ""


def mean(value: float | None) -> str:
    return readiness.format_mean(value)


def round_name(round_id: str) -> str:
    """A round as the dropdowns name it, with what never changes about it (a label that changes would make the
    browser redraw the dropdown at its first option)."""
    if not round_id:
        return "No comparison"
    r = by_id[round_id]
    return f"{r.label} ({r.held_on:%Y-%m-%d}, {'team workshop' if r.source == 'workshop' else 'self-assessment'})"


workspace = _ui.require_workspace()
_ui.step_header("readiness")
st.subheader("Results", anchor=False)
store = _ui.store()


def kept(name: str, compute):
    """What `compute()` read, kept per version of the workspace's data (read-only): a rerun reads it once."""
    return remember(store, workspace.id, f"readiness_results.{name}", compute)


rounds = kept("rounds", lambda: readiness.list_rounds(store, workspace.id))
if not rounds:
    st.info("No assessment yet. Answer the readiness assessment first; its results appear here.")
    _ui.link("readiness", "Start the assessment")
    st.stop()

by_id = {r.id: r for r in rounds}
if st.session_state.get(ROUND_KEY) not in by_id:  # the latest round with answers, not an empty later one
    st.session_state[ROUND_KEY] = readiness_repo.default_round(store, workspace.id, rounds).id
pick, compare = st.columns(2)
round_ = by_id[pick.selectbox("Assessment round", list(by_id), key=ROUND_KEY, format_func=round_name)]
others = [r.id for r in rounds if r.id != round_.id]
previous = readiness.previous_round(rounds, round_.id)
if st.session_state.get(COMPARE_KEY) not in [NONE, *others]:
    st.session_state[COMPARE_KEY] = previous.id if previous else NONE
if others:
    other_id = compare.selectbox("Compare with", [NONE, *others], key=COMPARE_KEY, format_func=round_name)
else:  # a disabled box would be unreadable grey; say how to get a comparison instead
    other_id = NONE
    compare.caption("Start another round on the assessment page to compare rounds here.")

scores = readiness.round_scores(store, workspace.id, round_.id)
if scores.answered == 0:
    st.info("This round has no answers with a number yet. Answer some items, then come back.")
    _ui.link("readiness", "Answer the assessment")
    st.stop()
other = readiness.round_scores(store, workspace.id, other_id) if other_id else None

c1, c2, c3 = st.columns(3)
c1.metric("Overall mean (1-4)", mean(scores.overall_mean))
c2.metric("Items answered", f"{scores.answered} of {scores.total}")
c3.metric(readiness.readiness_content().not_sure_label, scores.not_sure)

chart, words = st.columns([3, 2], gap="large")
series = {round_.label: scores} | ({by_id[other_id].label: other} if other else {})
with chart:
    _ui.plotly_chart(hrh_charts.readiness_radar(series))
summary = readiness.readiness_summary(scores)
with words:
    st.markdown("**Likely strengths** (highest means)")
    st.markdown("\n".join(f"- {d.title}: {mean(d.mean)}" for d in summary.strengths) or "Not enough answers yet.")
    st.markdown("**Likely limitations** (lowest means)")
    st.markdown("\n".join(f"- {d.title}: {mean(d.mean)}" for d in summary.limitations) or "Not enough answers yet.")
    if summary.not_enough:  # the last sentence names the domains without enough answers
        st.warning(summary.sentences[-1], icon=":material/info:")
    with st.expander("How strengths and limitations are named", icon=":material/rule:"):  # rule, reversed items
        st.markdown("\n\n".join(_ui.escape_md(line) for line in readiness.scoring_explanation()))

st.dataframe(
    [
        {
            "Domain": d.title,
            "Mean (1-4)": d.mean,
            "Share of the scale": None if d.share is None else round(d.share * 100),  # whole percents, as on Home
            "Answered": f"{d.answered} of {d.total}",
            "Not sure": d.not_sure,
            "Ranked": "yes" if d.enough else "not enough answers",
        }
        for d in scores.domains
    ],
    column_config={
        "Mean (1-4)": st.column_config.NumberColumn(format="%.2f"),
        "Share of the scale": st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d%%"),
    },
    hide_index=True,
    width="stretch",
    key="readiness_results__scores",
)
st.caption(
    "Mean: the average of the items answered 1-4. Share of the scale: (mean - 1) / 3, so 0% when every item "
    "is 1 and 100% when every item is 4. A domain is ranked once at least half of its items are answered."
)

if other is not None:
    st.subheader(f"Compared with {_ui.escape_md(by_id[other_id].label)}", anchor=False)
    first, second = sorted([round_, by_id[other_id]], key=lambda r: (r.held_on, r.created_at))
    earlier, later = (scores, other) if first.id == round_.id else (other, scores)
    comparison = readiness.compare_rounds(earlier, later)
    st.dataframe(
        [
            {
                "Domain": c.title,
                f"{first.label} (earlier)": c.earlier_mean,
                f"{second.label} (later)": c.later_mean,
                "Change": c.change,
                "Direction": c.direction,
            }
            for c in comparison.domains
        ],
        column_config={"Change": st.column_config.NumberColumn(format="%+.2f")},
        hide_index=True,
        width="stretch",
        key="readiness_results__comparison",
    )

st.subheader("Each item of a domain", anchor=False)
domains = {d.id: d.title for d in readiness.domains()}
domain_id = st.selectbox("Domain", list(domains), format_func=domains.get, key="readiness_results__domain")
result = kept(f"round_answers.{round_.id}", lambda: readiness.round_answers(store, workspace.id, round_.id))
items = readiness.domain_item_answers(domain_id, result)
_ui.plotly_chart(hrh_charts.readiness_items_figure(items, domains[domain_id]))
# --- agreed answers' reasons (issue 15) ---
reasons = kept(f"result_notes.{round_.id}", lambda: readiness_repo.result_notes(store, workspace.id, round_.id))
if reasons:
    st.markdown(f"**The team's agreed answers in {domains[domain_id]}, and why**")
    st.dataframe(
        [{"Item": f"{i.number}. {i.text}", "Agreed answer": i.label, "Why": reasons.get(i.item_id, "")} for i in items],
        column_config={"Item": st.column_config.TextColumn(width="large"), "Why": st.column_config.TextColumn(
            width="large")},
        hide_index=True, width="stretch", key="readiness_results__reasons",
    )  # fmt: skip
# --- end of agreed answers' reasons ---

st.subheader("Reflection", anchor=False)
section = readiness.reflection_section(round_.id)
notes = answers.get_texts(store, workspace.id, section)
for question in readiness.readiness_content().reflection_questions:
    _ui.text_answer(workspace.id, section, question.id, question.text, stored=notes.get(question.id, ""), height=110)

st.download_button(
    "Download the readiness report (Word)",
    data=lambda: readiness_report_docx(store, workspace.id, round_.id),
    file_name="readiness-report.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    icon=":material/download:",
    key="readiness_results__download",
    help="The report of the round chosen at the top of this page, with the agreed answers' reasons.",
)

_ui.step_footer(
    "Your strengths are the start of your value proposition; your limitations are what a healthcare partner "
    "could help with. Next, map the services you offer and could offer, with their monthly volumes.",
    "services",
)
