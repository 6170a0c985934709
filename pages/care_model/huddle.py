"""Care model stage 4: step-up / step-down criteria and the daily huddle board."""

import datetime as dt

import streamlit as st

from core.care_model import huddle, one_twenty_five
from core.store import answers
from pages import _care_ui as ui
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
content = one_twenty_five.content()
_ui.step_header(huddle.STEP)

st.subheader("Step-up and step-down criteria", anchor=False)
src.quoted_list(content.criteria_guide)
st.caption("The questions below are the app's own, written from the source's guidance above.")
criteria = answers.get_texts(store, ws, huddle.CRITERIA_SECTION)
left, right = st.columns(2)
for index, criterion in enumerate(content.criteria):
    with left if index % 2 == 0 else right:
        _ui.text_answer(
            ws,
            huddle.CRITERIA_SECTION,
            criterion.id,
            criterion.label,
            stored=criteria.get(criterion.id, ""),
            height=100,
        )

st.subheader("Huddle board", anchor=False)
src.quoted_list(content.active_daily_management)
with st.expander("How to run it"):
    src.quoted_list(content.huddle_guide, lead=content.huddle_guide_lead)
day = st.date_input("Day", value=dt.date.today(), key="huddle__day", max_value=dt.date.today() + dt.timedelta(days=7))
numbers = huddle.huddle_numbers(store, ws)
with st.container(border=True):
    st.markdown("**Today's numbers**")
    ui.bullets(numbers or ["Enter caseloads and process measures on the 125 and beyond page to see them here."])

older = huddle.open_problems_before(store, ws, day)
if older:
    st.warning(
        "Open problems from earlier days: "
        + "; ".join(
            f"{p.date}: {_ui.escape_md(p.text)}" + (f" (owner: {_ui.escape_md(p.owner)})" if p.owner else "")
            for p in older[:10]
        ),
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

st.subheader("The weekly rhythm", anchor=False)
weekly = answers.get_texts(store, ws, huddle.WEEKLY_SECTION)
for col, meeting in zip(st.columns(len(content.weekly)), content.weekly, strict=True):
    with col:
        src.quote(meeting.guide)
        _ui.text_answer(
            ws, huddle.WEEKLY_SECTION, meeting.id, meeting.label, stored=weekly.get(meeting.id, ""), height=110
        )

st.divider()
st.markdown(
    "**What this gives you:** shared rules for stepping care up and down, and a daily rhythm that "
    "surfaces problems while they are small. **Next:** plan the next 5x step and its return on investment."
)
_ui.link("five_x_planner", "The 5x planner and care program ROI")
src.credit_line(content)
