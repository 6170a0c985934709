"""Care model stage 4: the caseload dashboard and the nine process measures, month by month."""

import datetime as dt

import pandas as pd
import streamlit as st

from core.care_model import one_twenty_five as cl
from core.care_model import process_measures as pm
from core.sources import plain
from pages import _care_figures as figures
from pages import _care_ui as ui
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
statuses = cl.content().statuses
_ui.step_header(cl.STEP)
src.quoted_list(cl.content().intro)


def caseload_section() -> None:
    """Staff and targets, caseloads per period, the dashboard and its charts."""
    src.quoted_list(cl.content().caseload_guide)
    src.app_rule(cl.margin_rule())
    ui.record_editor(
        ws,
        cl.STAFF_KIND,
        cl.StaffMember,
        {
            "name": st.column_config.TextColumn(
                "Staff member", required=True, max_chars=80, help="A name or a label such as 'Care manager 1'."
            ),
            "role": st.column_config.TextColumn("Role", max_chars=80),
            "target": st.column_config.NumberColumn("Target caseload", min_value=1, step=1, required=True),
        },
        key="one_twenty_five__staff",
    )
    team = cl.staff(store, ws)
    if not team:
        st.info("Add your staff members and their target caseloads above to start the dashboard.")
    else:
        latest = max((e.period for e in cl.entries(store, ws)), default=dt.date.today().strftime("%Y-%m"))
        period = ui.autosave(
            st.text_input,
            "one_twenty_five__period",
            latest,
            cl.check_period,
            label="Period to enter (year-month)",
            quiet=True,
            max_chars=7,
        )
        try:
            period = cl.check_period(period)
        except ValueError:
            period = None
        if period:
            entered = {(e.period, e.staff): e for e in cl.entries(store, ws)}
            keys = [m.key for _, m in team]
            rows = [
                {"name": m.name, **{s.id: getattr(entered.get((period, m.key)), s.id, 0) for s in statuses}}
                for _, m in team
            ]
            key = f"one_twenty_five__caseload__{period}"

            def _save_period() -> None:
                edits = (st.session_state[key] or {}).get("edited_rows", {})
                errors = cl.save_period_edits(store, ws, period, keys, edits)
                st.session_state[f"{key}__status"] = ("error", " ".join(errors)) if errors else ("saved", "")

            _ui.data_editor(
                pd.DataFrame(rows),
                key,
                {
                    "name": st.column_config.TextColumn("Staff member", disabled=True),
                    **{s.id: st.column_config.NumberColumn(s.label, min_value=0, step=1) for s in statuses},
                },
                _save_period,
                quiet=True,
                num_rows="fixed",
            )

        board = cl.caseload_dashboard(store, ws)
        if board.latest:
            for line in board.sentences():
                st.markdown(_ui.escape_md(line))
            frame = pd.DataFrame([r.model_dump(exclude={"staff_key"}) for r in board.rows])
            st.dataframe(
                frame,
                hide_index=True,
                width="stretch",
                column_config={
                    "name": "Staff member",
                    "role": "Role",
                    "target": "Target",
                    "total": "Total",
                    **{s.id: s.label for s in statuses},
                    "status": "Against target",
                },
            )
            st.plotly_chart(figures.caseload_bars(board), width="stretch", key="one_twenty_five__caseload_chart")
            if len(board.periods) > 1:
                st.plotly_chart(figures.caseload_trend(board), width="stretch", key="one_twenty_five__trend_chart")


def measures_section() -> None:
    """Targets, one row per month, the latest against target, and the trend of one measure."""
    measures = pm.measures()
    src.quoted_list(pm.content().guide)
    src.quoted_list([m.source_text for m in measures], lead=pm.content().measures_lead)
    src.app_rule(pm.tolerance_rule())
    with st.expander("More from the source: data systems and costs"):
        src.quoted_list(pm.content().more)
    st.caption("One row per month; blank means not measured. Units and short names are the app's own.")
    with st.expander("Targets your team sets", icon=":material/flag:"):
        goals = pm.targets(store, ws)
        columns = st.columns(3)
        for col_index, m in enumerate(measures):
            with columns[col_index % 3]:
                ui.autosave(
                    st.number_input,
                    f"one_twenty_five__target__{m.id}",
                    goals.get(m.id),
                    lambda value, mid=m.id: pm.save_target(store, ws, mid, value),
                    label=f"{m.name} ({m.unit})",
                    help=f"“{plain(m.source_text)}” (the source's words). Better: {m.better}.",
                    quiet=True,
                )
    ui.record_editor(
        ws,
        pm.MONTH_KIND,
        pm.MeasureMonth,
        {
            "month": st.column_config.TextColumn(
                "Month", required=True, validate=r"^\d{4}-\d{2}$", help="e.g. 2025-03"
            ),
            **{
                m.id: st.column_config.NumberColumn(m.name, min_value=0, help=f"“{plain(m.source_text)}” ({m.unit})")
                for m in measures
            },
        },
        key="one_twenty_five__measures",
    )
    rows, warnings = pm.months(store, ws)
    for warning in warnings:
        st.warning(warning)
    summaries = pm.measure_summaries(store, ws)
    if not rows:
        st.info("Add a row for a month above to see each measure's trend against its target.")
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Measure": s.measure.name,
                        "Unit": s.measure.unit,
                        "Month": s.latest_month,
                        "Latest": s.latest,
                        "Previous": s.previous,
                        "Target": s.target,
                        "Status": s.status,
                    }
                    for s in summaries
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        names = {s.measure.id: s.measure.name for s in summaries}
        chosen = st.selectbox("Trend of", list(names), format_func=names.get, key="one_twenty_five__trend_measure")
        s = next(item for item in summaries if item.measure.id == chosen)
        st.plotly_chart(figures.measure_trend(s), width="stretch", key="one_twenty_five__measure_chart")


# Only the open tab runs (on_change="rerun"), so a rerun draws one section's charts, not all of them.
caseload_tab, measures_tab = st.tabs(
    ["Caseload dashboard", "Process measures"], key="one_twenty_five__view", on_change="rerun"
)
with caseload_tab:
    if caseload_tab.open:
        caseload_section()
with measures_tab:
    if measures_tab.open:
        measures_section()

src.tips_panel(cl.content().tips)
src.pull_quotes(cl.content().voices)

st.divider()
st.markdown(
    "**What this gives you:** caseloads and process measures the team can watch month by month. "
    "**Next:** set your step-up / step-down criteria and run daily huddles, then plan the next 5x step."
)
_ui.link("huddle", "Huddle board & step-up criteria")
src.credit_line(cl.content(), pm.content())
