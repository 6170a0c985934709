"""Care model stage 1: the steps in developing a model, the data review and grid, the three care models,
the fit questionnaire, team location and core team, the stage's tips and a practitioner's words."""

import streamlit as st

from core.care_model import care_model_fit as cm
from core.sources import plain
from core.store import answers
from pages import _care_ui as ui
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
content = cm.content()
_ui.step_header(cm.STEP)
texts = answers.get_texts(store, ws, cm.CURRENT_SECTION)
steps = {s.id: s for s in content.development_steps}


def answer(prompt_id: str, height: int = 120) -> None:
    ui.prompt_answer(ws, cm.CURRENT_SECTION, content.prompt(prompt_id), texts.get(prompt_id, ""), height=height)


src.quoted_list(content.intro)

st.subheader("Where you start", anchor=False)
src.quote(steps["consider"].step)
src.from_source([content.prompt(p).label for p in steps["consider"].prompts], "The three questions")
for col, prompt_id in zip(st.columns(3), steps["consider"].prompts, strict=True):
    with col:
        answer(prompt_id, height=140)
src.quote(steps["explore"].step)
answer("elsewhere", height=100)

st.subheader("What your data and first patients suggest", anchor=False)
src.quote(content.data_review.lead)
for col, prompt_id in zip(st.columns(2), content.data_review.prompts, strict=True):
    with col:
        answer(prompt_id, height=110)
src.quote(content.data_review.grid)
ui.record_editor(
    ws,
    cm.NEEDS_GRID_KIND,
    cm.NeedsGridRow,
    {
        "need": st.column_config.TextColumn("Need", required=True, max_chars=120),
        "services": st.column_config.TextColumn("Services needed", max_chars=500, width="large"),
        "partners": st.column_config.TextColumn("Partners who provide them", max_chars=500, width="large"),
    },
    key="care_model_fit__needs_grid",
)

st.subheader("The three generic care models", anchor=False)
src.quoted_list(content.models_intro)
for tab, model in zip(st.tabs([m.name for m in content.models]), content.models, strict=True):
    with tab:
        ui.model_tab(model)

st.subheader("Which model fits your program?", anchor=False)
src.app_rule(content.fit_rule)
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
            ui.fit_card(f)

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
_ui.text_answer(ws, cm.CHOICE_SECTION, "model_why", "Why this model", height=100)

st.subheader("Where the team sits", anchor=False)
src.quoted_list(content.locations.principles, lead=content.locations.intro, numbered=True)
for col, loc in zip(st.columns(2), content.locations.options, strict=True):
    with col, st.container(border=True):
        ui.location_card(loc)
ui.choice(
    "care_model_fit__location",
    "Where your enhanced care team will sit",
    {loc.id: loc.name for loc in content.locations.options},
    chosen.get("location"),
    lambda value: cm.save_choice(store, ws, "location", value),
)
_ui.text_answer(ws, cm.CHOICE_SECTION, "location_why", "Why there", height=100)

st.subheader("Your core care team", anchor=False)
src.quoted_list(content.team.intro)
src.app_rule(cm.core_rule())
st.caption("How common is each kind of need among the people you will serve?")
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
            help=plain(need.reason),
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
src.quote(steps["theory"].step)
answer("working_theory")

src.tips_panel(content.tips)
src.pull_quotes(content.voices)

st.divider()
src.quote(steps["learn"].step)
st.markdown(
    "**What this gives you:** a care model, a place for the team and a core team that fit your people, "
    "with the reasons written down. **Next:** co-create care plans with five patients."
)
_ui.link("first_five")
src.credit_line(content)
