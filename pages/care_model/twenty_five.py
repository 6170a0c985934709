"""Care model stage 3: iterative testing with 25 patients."""

import streamlit as st

from core.care_model import first_five
from core.care_model import twenty_five as ct
from core.store import answers
from pages import _care_figures as figures
from pages import _care_ui as ui
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
content = ct.content()
_ui.step_header(ct.STEP)
src.quoted_list(content.intro)

learned = first_five.learning_summary(store, ws)
with st.expander("From your first five patients", expanded=False, icon=":material/history_edu:"):
    ui.bullets(learned.sentences() or ["Nothing recorded yet in stage 2."])
    next_25 = answers.get_text(store, ws, first_five.LEARNING_SECTION, "next_25")
    if next_25:
        st.markdown(f"**What you planned to test next:** {_ui.escape_md(next_25)}")

st.subheader("Interventions being tested", anchor=False)
src.quoted_list(content.guides.interventions)
statuses = {s.id: s.label for s in content.intervention_statuses}
ui.record_editor(
    ws,
    ct.INTERVENTION_KIND,
    ct.Intervention,
    {
        "name": st.column_config.TextColumn("Intervention", required=True, max_chars=200, width="medium"),
        "status": st.column_config.SelectboxColumn(
            "Status", options=list(statuses), format_func=statuses.get, default="planned", required=True
        ),
        "learned": st.column_config.TextColumn("What was learned", max_chars=2000, width="large"),
    },
    key="twenty_five__interventions",
)

st.subheader("Roles and responsibilities", anchor=False)
src.quoted_list(content.guides.roles)
ui.record_editor(
    ws,
    ct.ROLE_KIND,
    ct.TeamMemberRole,
    {
        "member": st.column_config.TextColumn("Team member or role", required=True, max_chars=120),
        "responsibilities": st.column_config.TextColumn("Responsibilities", max_chars=2000, width="large"),
    },
    key="twenty_five__roles",
)

st.subheader("Readiness to engage", anchor=False)
src.quoted_list(content.guides.readiness)
st.caption("How many of the people you are working with are at each stage, and your strategy for each.")
counts = ct.readiness(store, ws)
strategies = answers.get_texts(store, ws, ct.READINESS_SECTION)
for col, stage in zip(st.columns(len(content.readiness_stages)), content.readiness_stages, strict=True):
    with col:
        ui.autosave(
            st.number_input,
            f"twenty_five__ready__{stage.id}",
            counts.counts.get(stage.id, 0),
            lambda value, sid=stage.id: ct.save_readiness_count(store, ws, sid, value),
            label=f"{stage.label} (people)",
            step=1,
            quiet=True,
        )
        _ui.text_answer(ws, ct.READINESS_SECTION, stage.id, "Strategy", stored=strategies.get(stage.id, ""), height=90)
counts = ct.readiness(store, ws)
if counts.total:
    st.plotly_chart(figures.readiness_bars(counts), width="stretch", key="twenty_five__readiness_chart")

st.subheader("Elements of your care model", anchor=False)
src.quoted_list(content.guides.elements)
elements = {e.id: e.label for e in content.elements}
ui.autosave(
    st.multiselect,
    "twenty_five__elements",
    ct.elements(store, ws),
    lambda value: ct.save_elements(store, ws, value),
    label="Your care model will include",
    options=list(elements),
    format_func=elements.get,
    quiet=True,
)

st.subheader("Drivers of your caseload mix", anchor=False)
src.quoted_list(content.guides.drivers)
drivers = answers.get_texts(store, ws, ct.DRIVERS_SECTION)
for driver in content.drivers:
    _ui.text_answer(ws, ct.DRIVERS_SECTION, driver.id, driver.label, stored=drivers.get(driver.id, ""), height=80)
inputs = ct.recruitment_inputs(store, ws)
left, right = st.columns(2)
with left:
    ui.autosave(
        st.number_input,
        "twenty_five__recruitment_hours",
        float(inputs.recruitment_hours),
        lambda value: ct.save_recruitment_input(store, ws, "recruitment_hours", value),
        label="Staff hours to recruit one person",
        step=0.5,
        quiet=True,
    )
with right:
    ui.autosave(
        st.number_input,
        "twenty_five__engagement_pct",
        float(inputs.engagement_pct),
        lambda value: ct.save_recruitment_input(store, ws, "engagement_pct", value),
        label="Engagement rate (% of people approached who engage)",
        step=5.0,
        quiet=True,
    )
try:
    plan = ct.recruitment_plan(content.target_patients, ct.recruitment_inputs(store, ws))
    st.success(
        f"To engage {plan.target_engaged} people, expect to approach about {plan.people_to_approach}, "
        f"which takes about {plan.staff_hours:,} staff hours of recruiting.",
        icon=":material/calculate:",
    )
except _ui.USER_ERRORS as exc:
    st.caption(_ui.user_message(exc))

st.subheader("Hire, train and support your staff", anchor=False)
src.quoted_list(content.staffing.lead)
for group in content.staffing.groups:
    src.tips_panel(group)
src.tips_panel(content.tips)
src.pull_quotes(content.voices)

st.divider()
st.markdown(
    "**What this gives you:** the interventions, roles and caseload drivers your model is built on, "
    "tested with 25 people. Start entering the nine process measures each month now: they show whether "
    "the model runs as designed. **Next:** standardize the work and track caseloads and measures."
)
_ui.link("one_twenty_five")
src.credit_line(content)
