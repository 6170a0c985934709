"""Sustain & finance: trauma-informed primary care, Change Concept 5 (finance and sustain)."""

import streamlit as st

from core.hrh.glossary import glossary_term
from core.steps import link_label
from core.store.versioned import remember
from core.sustain import change_concept_5 as cc5
from pages import _care_figures as figures
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
_ui.step_header("change_concept_5")
store, ws = _ui.store(), workspace.id
content = cc5.content()
state = remember(store, ws, "change_concept_5.state", lambda: cc5.state(store, ws))  # per data version: read-only
src.quote(content.opening)
src.own(content.intro)
Col = st.column_config
STATUSES = cc5.labels(content.statuses)


def options(items):
    labels = cc5.labels(items)
    return {"options": list(labels), "format_func": labels.get, "required": True}


def rows(kind):
    return state.rows[kind]


def status_and_notes(key: str, stored_status: str, save_status, section: str, item_id: str, notes: str) -> None:
    _ui.autosave(
        st.segmented_control,
        key,
        stored_status,
        lambda v: save_status(v or "not_started"),
        label="Status",
        options=list(STATUSES),
        format_func=STATUSES.get,
        label_visibility="collapsed",
    )
    _ui.text_answer(
        ws,
        section,
        item_id,
        "Notes",
        stored=notes,
        height=68,
        placeholder="What is in place, what is missing, who is on it",
    )


# Only the open tab runs; the others' widgets are seeded from the store when they are opened.
goals, inventory, measures, resources, policy, sustain = st.tabs(
    [
        "The six goals",
        "Inventory and funding",
        "Indicators and outcomes",
        "Non-financial resources",
        "Policy and advocacy",
        "Sustain the approach",
    ],
    key="cc5__tabs",
    on_change="rerun",
)

if goals.open:
    with goals:
        src.from_source(content.goals, "The six goals are")
        for goal in content.goals:
            st.markdown(f"**{_ui.escape_md(goal.short)}**  \n“{_ui.escape_md(goal.quote)}”")
            status_and_notes(
                f"cc5__goal__{goal.id}",
                state.statuses[goal.id],
                lambda v, g=goal.id: cc5.set_goal_status(store, ws, g, v),
                cc5.GOAL_NOTES_SECTION,
                goal.id,
                state.goal_notes.get(goal.id, ""),
            )

if inventory.open:
    with inventory:
        src.quoted_list(content.inventory.guide)
        src.own(content.inventory.intro)
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
        st.subheader("How trauma-informed care gets paid for", anchor=False)
        src.quoted_list(content.billing.guide)
        src.quoted_list(content.billing.payment_types, lead="The alternative payment types the chapter names:")
        st.caption("In the glossary:")
        cols = st.columns(3)
        for n, kind in enumerate(content.billing.payment_types):
            with cols[n % 3]:
                _ui.glossary_link(kind.term, label=glossary_term(kind.term).term)
        src.quote(content.billing.codes)
        src.named_tools(content.tools_for("inventory"))

if measures.open:
    with measures:
        indicators = cc5.labels(content.engagement.indicators)
        st.subheader("Engagement indicators", anchor=False)
        src.quoted_list(content.engagement.guide)
        src.own(content.engagement.intro)
        _ui.table_editor(
            "cc5__engagement",
            rows(cc5.ENGAGEMENT_KIND),
            {
                "period": Col.TextColumn("Period", required=True, help=cc5.PERIOD_HELP),
                **{i: Col.NumberColumn(label, min_value=0, step=1) for i, label in indicators.items()},
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
        src.quoted_list(content.outcomes.guide)
        src.own(content.outcomes.intro)
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
        src.named_tools(content.tools_for("measures"))

if resources.open:
    with resources:
        src.quoted_list(content.resources.guide)
        src.own(content.resources.intro)
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
        src.quoted_list(content.policy.guide)
        src.own(content.policy.intro)
        for prompt in content.policy.prompts:
            _ui.text_answer(
                ws, cc5.POLICY_SECTION, prompt.id, prompt.label, stored=state.policy.get(prompt.id, ""), height=90
            )
            if prompt.id == "advocacy_goal":
                _ui.text_history(ws, cc5.POLICY_SECTION, prompt.id)
        src.named_tools(content.tools_for("policy"))

if sustain.open:
    with sustain:
        src.quote(content.sustain.guide)
        for factor in content.sustain.factors:
            st.markdown(f"**{_ui.escape_md(factor.short)}**: “{_ui.escape_md(factor.quote)}”")
            status_and_notes(
                f"cc5__sustain__{factor.id}",
                state.sustain[factor.id],
                lambda v, f=factor.id: cc5.set_sustain_status(store, ws, f, v),
                cc5.SUSTAIN_NOTES_SECTION,
                factor.id,
                state.sustain_notes.get(factor.id, ""),
            )
        src.named_tools(content.tools_for("sustain"))

st.divider()
done = cc5.parts_done(state)
st.markdown(
    f"**What this gives you:** {sum(done.values())} of {len(done)} parts filled in: a budget checklist, a map of "
    "how each piece of trauma-informed care is or could be paid for, the numbers that show change, and an "
    "advocacy goal.  \n**Next:** take the pieces marked *not yet funded* to *Chronic Care Model financing* (the "
    f"codes your payers cover) and to {link_label('advocate')} to tailor your messages."
)
src.credit_line(content)
