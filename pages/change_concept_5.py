"""Sustain & finance: trauma-informed primary care, Change Concept 5 (finance and sustain)."""

import streamlit as st

from core import change_concept_5 as cc5
from pages import _care_figures as figures
from pages import _ui

workspace = _ui.require_workspace()
_ui.step_header("change_concept_5")
store, ws = _ui.store(), workspace.id
content = cc5.content()
state = cc5.state(store, ws)
st.markdown(content.intro)
Col = st.column_config


def options(items):
    labels = cc5.labels(items)
    return {"options": list(labels), "format_func": labels.get, "required": True}


def rows(kind):
    return state.rows[kind]


# Only the open tab runs; the others' widgets are seeded from the store when they are opened.
goals, inventory, measures, resources, policy = st.tabs(
    [
        "The six goals",
        "Inventory and funding",
        "Indicators and outcomes",
        "Non-financial resources",
        "Policy and advocacy",
    ],
    key="cc5__tabs",
    on_change="rerun",
)

if goals.open:
    with goals:
        statuses = cc5.labels(content.statuses)
        for goal in content.goals:
            st.markdown(f"**{goal.short}**  \n{goal.text}")
            _ui.autosave(
                st.segmented_control,
                f"cc5__goal__{goal.id}",
                state.statuses[goal.id],
                lambda v, g=goal.id: cc5.set_goal_status(store, ws, g, v or "not_started"),
                label="Status",
                options=list(statuses),
                format_func=statuses.get,
                label_visibility="collapsed",
            )
            _ui.text_answer(
                ws,
                cc5.GOAL_NOTES_SECTION,
                goal.id,
                "Notes",
                stored=state.goal_notes.get(goal.id, ""),
                height=68,
                placeholder="What is in place, what is missing, who is on it",
            )

if inventory.open:
    with inventory:
        st.markdown(content.inventory.intro)
        _ui.table_editor(
            "cc5__inventory",
            rows(cc5.INVENTORY_KIND),
            {
                "item": Col.TextColumn("What", required=True, max_chars=200),
                "category": Col.SelectboxColumn("Kind", **options(content.inventory.categories)),
                "stage": Col.SelectboxColumn("Stage", **options(content.inventory.stages)),
                "funding": Col.SelectboxColumn("Paid for by", **options(content.inventory.funding)),
                "detail": Col.TextColumn("Details (code, contract, grant, or what it would take)", max_chars=500),
            },
            lambda new: cc5.save_inventory(store, ws, new),
        )
        if state.inventory:
            summary = cc5.funding_summary(state.inventory)
            funding = cc5.labels(content.inventory.funding)
            st.caption(" · ".join(f"{funding[k]}: {n}" for k, n in summary.items()))
        else:
            st.caption("Add a row for each activity, procedure, staff role, space and piece of equipment.")

if measures.open:
    with measures:
        st.subheader("Engagement indicators", anchor=False)
        st.markdown(content.engagement.intro)
        _ui.table_editor(
            "cc5__engagement",
            rows(cc5.ENGAGEMENT_KIND),
            {
                "period": Col.TextColumn("Period", required=True, help=cc5.PERIOD_HELP),
                "staff_count": Col.NumberColumn("Staff (headcount)", min_value=0, step=1),
                "staff_left": Col.NumberColumn("Staff who left", min_value=0, step=1),
                "personal_days": Col.NumberColumn("Personal days taken", min_value=0, step=1),
                "sick_days": Col.NumberColumn("Sick days taken", min_value=0, step=1),
            },
            lambda new: cc5.save_engagement(store, ws, new),
        )
        trend = cc5.engagement_trend(state.engagement)
        if trend:
            c1, c2 = st.columns(2)
            c1.plotly_chart(figures.turnover_trend(trend), key="cc5__turnover_chart")
            c2.plotly_chart(figures.days_off_trend(trend), key="cc5__days_chart")
            st.caption("Both should fall as trauma-informed care takes hold. Periods without a headcount are left out.")

        st.subheader("Patient-level outcome measures", anchor=False)
        st.markdown(content.outcomes.intro)
        _ui.table_editor(
            "cc5__measures",
            rows(cc5.MEASURE_KIND),
            {
                "measure": Col.TextColumn("Measure", required=True, max_chars=120),
                "counts_what": Col.TextColumn("What is counted, out of whom", max_chars=500),
                "better": Col.SelectboxColumn("Better when", options=["higher", "lower"], required=True),
            },
            lambda new: cc5.save_measures(store, ws, new),
        )
        names = [m.measure for m in state.measures]
        if names:
            _ui.table_editor(
                "cc5__outcomes",
                rows(cc5.OUTCOME_KIND),
                {
                    "measure": Col.SelectboxColumn("Measure", options=names, required=True),
                    "period": Col.TextColumn("Period", required=True, help=cc5.PERIOD_HELP),
                    "count": Col.NumberColumn("Count (patients)", min_value=0, step=1),
                    "out_of": Col.NumberColumn("Out of (patients)", min_value=1, step=1),
                },
                lambda new: cc5.save_outcomes(store, ws, new),
            )
            chosen = st.selectbox("Measure to chart", names, key="cc5__chart_measure")
            points = cc5.outcome_trend(state.outcomes, chosen)
            if points:
                better = next(m.better for m in state.measures if m.measure == chosen)
                st.plotly_chart(figures.outcome_trend(chosen, points), key="cc5__outcome_chart")
                st.caption(f"Better when {better}: {cc5.trend_direction(points, better)} since {points[0].period}.")
        else:
            st.info(
                "Add the measures your team chose first; then enter a count per period.", icon=":material/lightbulb:"
            )

if resources.open:
    with resources:
        st.markdown(content.resources.intro)
        _ui.table_editor(
            "cc5__resources",
            rows(cc5.RESOURCE_KIND),
            {
                "type": Col.SelectboxColumn("Type", **options(content.resources.types)),
                "name": Col.TextColumn("Who (a group, organization or board)", required=True, max_chars=200),
                "contribution": Col.TextColumn("How they help sustain the work", max_chars=500),
            },
            lambda new: cc5.save_resources(store, ws, new),
        )

if policy.open:
    with policy:
        st.markdown(content.policy.intro)
        for prompt in content.policy.prompts:
            _ui.text_answer(
                ws, cc5.POLICY_SECTION, prompt.id, prompt.label, stored=state.policy.get(prompt.id, ""), height=90
            )
            if prompt.id == "advocacy_goal":
                _ui.text_history(ws, cc5.POLICY_SECTION, prompt.id)

st.divider()
done = cc5.parts_done(state)
st.markdown(
    f"**What this gives you:** {sum(done.values())} of {len(done)} parts filled in: a budget checklist, a map of "
    "how each piece of trauma-informed care is or could be paid for, the numbers that show change, and an "
    "advocacy goal.  \n**Next:** take the pieces marked *not yet funded* to *Chronic Care Model financing* (the "
    "codes your payers cover) and to Step 9 (Organize & advocate) to tailor your messages."
)
st.caption(f"Source: {content.source}")
