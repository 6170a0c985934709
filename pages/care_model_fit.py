"""Care model stage 1: the three care models, the fit questionnaire, team location and core team."""

import streamlit as st

from core import care_model as cm
from core.store import answers
from pages import _care_ui as ui
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
content = cm.content()
_ui.step_header(cm.STEP)
prompts = {p.id: p for p in content.prompts}
texts = answers.get_texts(store, ws, cm.SECTION_CURRENT)

st.subheader("Where you start", anchor=False)
cols = st.columns(3)
for col, pid in zip(cols, ["current_care", "working", "not_working"], strict=True):
    with col:
        _ui.text_answer(ws, cm.SECTION_CURRENT, pid, prompts[pid].label, stored=texts.get(pid, ""), height=140)

st.subheader("The three generic care models", anchor=False)
st.caption(
    "Partnering with primary care is necessary whichever model you choose. Within each model, staffing, "
    "roles and interventions vary a lot."
)
for tab, model in zip(st.tabs([m.name for m in content.models]), content.models, strict=True):
    with tab:
        st.markdown(f"**{_ui.escape_md(model.summary)}**  \nExamples: {_ui.escape_md(', '.join(model.examples))}")
        ui.bullets(model.definition)
        left, right = st.columns(2)
        left.markdown("**Strengths**")
        with left:
            ui.bullets([s.text for s in model.strengths])
        right.markdown("**Concerns**")
        with right:
            ui.bullets([c.text for c in model.concerns])

st.subheader("Which model fits your program?", anchor=False)
fit = cm.fit_answers(store, ws)
for q in content.questions:
    ui.choice(
        f"care_model_fit__q__{q.id}",
        q.text,
        {o.id: o.label for o in q.options},
        fit.answers.get(q.id),
        lambda value, qid=q.id: cm.save_fit_answer(store, ws, qid, value),
    )
fit = cm.fit_answers(store, ws)
fits = cm.score_fit(fit)
st.info(cm.recommendation(fits, len(fit.answers)), icon=":material/lightbulb:")
if fit.answers:
    for col, f in zip(st.columns(len(fits)), fits, strict=True):
        with col, st.container(border=True):
            st.metric(f.name, f"{f.score} / 100")
            if f.because:
                st.markdown("**Scores high because**")
                ui.bullets([f"{r.note} ({r.source_text})" for r in f.because])
            if f.watch_out:
                st.markdown("**Watch out for**")
                ui.bullets([r.source_text for r in f.watch_out])

st.subheader("Your choice", anchor=False)
chosen = cm.choices(store, ws)
ui.choice(
    "care_model_fit__model",
    "The care model you will build",
    {m.id: m.name for m in content.models},
    chosen.get("model"),
    lambda value: cm.save_choice(store, ws, "model", value),
    horizontal=True,
)
_ui.text_answer(ws, cm.SECTION_CHOICE, "model_why", "Why this model", height=100)

st.subheader("Where the team sits", anchor=False)
st.markdown("  \n".join(f"**{p.name}:** {_ui.escape_md(p.text)}" for p in content.locations.principles))
for col, loc in zip(st.columns(2), content.locations.options, strict=True):
    with col, st.container(border=True):
        st.markdown(f"**{_ui.escape_md(loc.name)}**")
        for title, items in (
            ("Benefits", loc.benefits),
            ("Challenges", loc.challenges),
            ("Considerations for success", loc.considerations),
        ):
            with st.expander(title, expanded=title == "Benefits"):
                ui.bullets(items)
ui.choice(
    "care_model_fit__location",
    "Where your enhanced care team will sit",
    {loc.id: loc.name for loc in content.locations.options},
    chosen.get("location"),
    lambda value: cm.save_choice(store, ws, "location", value),
)
_ui.text_answer(ws, cm.SECTION_CHOICE, "location_why", "Why there", height=100)

st.subheader("Your core care team", anchor=False)
st.caption(
    "How common is each kind of need among the people you will serve? The roles answering the most "
    "prevalent needs belong on the core team; the others are partners."
)
prevalence = cm.prevalence(store, ws)
for col, need in zip(st.columns(len(content.team.needs)), content.team.needs, strict=True):
    with col:
        ui.autosave(
            st.number_input,
            f"care_model_fit__need__{need.id}",
            prevalence.percent.get(need.id, 0),
            lambda value, nid=need.id: cm.save_prevalence(store, ws, nid, value),
            label=f"{need.label} (% of people)",
            step=5,
            quiet=True,
        )
suggested = cm.suggest_core_team(cm.prevalence(store, ws))
core_roles = [s.name for s in suggested if s.placement == "core"]
partner_roles = [s.name for s in suggested if s.placement == "partner"]
st.markdown(
    f"**Suggested core team:** {_ui.escape_md(', '.join(core_roles))}  \n"
    f"**Suggested partners:** {_ui.escape_md(', '.join(partner_roles) or 'none yet')}"
)
if st.button("Add the suggested roles to the team table", key="care_model_fit__add_suggested", icon=":material/add:"):
    added = cm.add_suggested_roles(store, ws, suggested)
    st.toast(f"{added} role(s) added." if added else "Every suggested role is already in the table.")
ui.record_editor(
    ws,
    cm.TEAM_KIND,
    cm.TeamRole,
    {
        "role": st.column_config.TextColumn("Role", required=True, max_chars=120),
        "placement": st.column_config.SelectboxColumn(
            "Core team or partner",
            options=["core", "partner"],
            format_func={"core": "Core team", "partner": "Partner"}.get,
            default="core",
            required=True,
        ),
        "note": st.column_config.TextColumn("Note", max_chars=500, width="large"),
    },
    key="care_model_fit__team",
)

st.subheader("Your working theory", anchor=False)
_ui.text_answer(
    ws,
    cm.SECTION_CURRENT,
    "working_theory",
    prompts["working_theory"].label,
    stored=texts.get("working_theory", ""),
    help=prompts["working_theory"].help,
    height=120,
)

st.divider()
st.markdown(
    "**What this gives you:** a care model, a place for the team and a core team that fit your people, "
    "with the reasons written down. **Next:** co-create care plans with five patients."
)
st.page_link(
    "pages/first_five.py", label="Stage 2: Co-create care plans with five patients", icon=":material/arrow_forward:"
)
