"""Care model stage 4: step-up / step-down criteria and the daily huddle board."""

import datetime as dt

import streamlit as st

from core import caseload, huddle
from core.store import answers
from pages import _care_ui as ui
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
content = caseload.content()
_ui.step_header(huddle.STEP)

st.subheader("Step-up and step-down criteria", anchor=False)
st.caption(
    "Titrate care to meet people's evolving needs: agree when care steps up in intensity, when it steps "
    "down to maintenance, and how nobody is lost after step-down."
)
criteria = answers.get_texts(store, ws, huddle.SECTION_CRITERIA)
left, right = st.columns(2)
for index, criterion in enumerate(content.criteria):
    with left if index % 2 == 0 else right:
        _ui.text_answer(
            ws,
            huddle.SECTION_CRITERIA,
            criterion.id,
            criterion.label,
            stored=criteria.get(criterion.id, ""),
            height=100,
        )

st.subheader("Huddle board", anchor=False)
st.caption(
    "Active daily management: leaders and staff take a few minutes each day to check progress against "
    "targets, solve problems in the flow of care, and escalate what they cannot solve themselves."
)
with st.expander("How to run it"):
    ui.bullets(content.huddle_guide)
day = st.date_input("Day", value=dt.date.today(), key="huddle__day", max_value=dt.date.today() + dt.timedelta(days=7))
numbers = huddle.huddle_numbers(store, ws)
with st.container(border=True):
    st.markdown("**Today's numbers**")
    ui.bullets(numbers or ["Enter caseloads and process measures on the 125 and beyond page to see them here."])

older = huddle.open_problems_before(store, ws, day)
if older:
    st.warning(
        "Open problems from earlier days: "
        + "; ".join(f"{p.date}: {p.text}" + (f" (owner: {p.owner})" if p.owner else "") for p in older[:10]),
        icon=":material/report:",
    )

types = {t.id: t.label for t in content.huddle_types}
ui.record_editor(
    ws,
    huddle.ITEM_KIND,
    huddle.HuddleItem,
    {
        "type": st.column_config.SelectboxColumn(
            "Kind", options=list(types), format_func=types.get, default="goal", required=True, width="medium"
        ),
        "text": st.column_config.TextColumn("What", required=True, max_chars=300, width="large"),
        "owner": st.column_config.TextColumn("Owner", max_chars=80),
        "escalate_to": st.column_config.TextColumn("Escalate to", max_chars=80),
        "done": st.column_config.CheckboxColumn("Done", default=False),
        "checked": st.column_config.CheckboxColumn(
            "Checked: no identifier", default=False, help="Tick only if a flagged item holds no identifier."
        ),
    },
    key=f"huddle__items__{day.isoformat()}",
    where=lambda data: data.get("date") == day.isoformat(),
    fixed={"date": day.isoformat()},
)
st.caption("People on the board are pseudonymous labels (e.g. Patient C), never names.")

days = huddle.huddle_days(store, ws)
if days:
    st.caption("Days with a board: " + ", ".join(days[:14]))

st.divider()
st.markdown(
    "**What this gives you:** shared rules for stepping care up and down, and a daily rhythm that "
    "surfaces problems while they are small. **Next:** plan the next 5x step and its return on investment."
)
st.page_link("pages/five_x_planner.py", label="The 5x planner and care program ROI", icon=":material/arrow_forward:")
