"""Step 2: answer the organizational readiness assessment, one domain at a time; every answer saves on change."""

import datetime as dt

import streamlit as st

from core.hrh import readiness
from core.steps import ref
from pages import _ui

NOT_SURE = 0  # the widget's value for "Not sure" (stored as NULL); None in the widget = unanswered
ROUND_KEY = "readiness__round"
DOMAIN_KEY = "readiness__domain"


def on_answer(workspace_id: str, respondent_id: str, item_id: str, key: str) -> None:
    value = st.session_state[key]
    try:
        if value is None:
            readiness.clear_readiness_answer(_ui.store(), workspace_id, respondent_id, item_id)
        else:
            readiness.save_readiness_answer(
                _ui.store(), workspace_id, respondent_id, item_id, None if value == NOT_SURE else value
            )
        st.session_state.pop(f"{key}__error", None)
    except _ui.USER_ERRORS as exc:
        st.session_state[f"{key}__error"] = _ui.user_message(exc)


def on_new_round(workspace_id: str) -> None:
    ss = st.session_state
    try:
        round_ = readiness.create_round(
            _ui.store(), workspace_id, ss["readiness__new_label"], ss["readiness__new_date"]
        )
    except _ui.USER_ERRORS as exc:
        ss["readiness__new_error"] = _ui.user_message(exc)
        return
    ss.pop("readiness__new_error", None)
    ss[ROUND_KEY] = round_.id
    ss[DOMAIN_KEY] = readiness.domains()[0].id


def new_round_form(workspace_id: str, first: bool) -> None:
    default = "First assessment" if first else f"Assessment of {dt.date.today():%B %Y}"
    with st.form("readiness__new", border=first):
        st.text_input("Name of this round", value=default, key="readiness__new_label", max_chars=120)
        st.date_input("Date", value=dt.date.today(), key="readiness__new_date", format="YYYY-MM-DD")
        if st.session_state.get("readiness__new_error"):
            st.error(st.session_state["readiness__new_error"], icon=":material/error:")
        submit = "Start the assessment" if first else "Start a new round"
        st.form_submit_button(submit, type="primary", on_click=on_new_round, args=(workspace_id,))


workspace = _ui.require_workspace()
_ui.step_header("readiness")
content = readiness.readiness_content()
rounds = readiness.list_rounds(_ui.store(), workspace.id)

with st.expander("Who should fill this out, and how", icon=":material/info:", expanded=not rounds):
    st.markdown(f"**Who:** {content.who}")
    st.markdown(f"**Directions:** {content.directions}")
scale = "  \n".join(f"**{level.value}** = {level.label}" for level in content.scale)
st.caption(f"{scale}  \n**{content.not_sure_label}** = you do not know (not counted in the scores)")

if not rounds:
    st.info("Start your first assessment round. You can reassess later and compare rounds.")
    new_round_form(workspace.id, first=True)
    st.stop()

by_id = {r.id: r for r in rounds}
if st.session_state.get(ROUND_KEY) not in by_id:  # the latest round a person answers here, not a workshop's
    own = [r for r in rounds if r.source == "self"]
    st.session_state[ROUND_KEY] = (own or rounds)[-1].id
pick, add = st.columns([3, 1], vertical_alignment="bottom")
label = {
    r.id: f"{r.label} ({r.held_on:%Y-%m-%d}, {'team workshop' if r.source == 'workshop' else 'self-assessment'})"
    for r in rounds
}
round_ = by_id[pick.selectbox("Assessment round", list(by_id), key=ROUND_KEY, format_func=label.get)]
with add.popover("New round", icon=":material/add:", width="stretch"):
    new_round_form(workspace.id, first=False)

if round_.source == "workshop":
    st.info("This round's answers come from a team workshop; see its results on the results page.")
    _ui.link("readiness_results", "See the results", icon=":material/insights:")
    st.stop()

respondent = readiness.self_respondent(_ui.store(), workspace.id, round_.id)
saved = readiness.respondent_answers(_ui.store(), workspace.id, respondent.id)
scores = readiness.score_readiness(saved)
responded = sum(d.responded for d in scores.domains)
st.progress(
    responded / scores.total,
    text=f"{responded} of {scores.total} items answered ({scores.not_sure} {content.not_sure_label.lower()})",
)

domain_ids = [d.id for d in content.domains]
if st.session_state.get(DOMAIN_KEY) not in domain_ids:
    st.session_state[DOMAIN_KEY] = domain_ids[0]


def domain_label(domain_id: str) -> str:
    score = scores.domain(domain_id)
    done = " ✓" if score.responded == score.total else ""
    return f"{score.title} {score.responded}/{score.total}{done}"


domain_id = st.segmented_control(
    "Domain", domain_ids, format_func=domain_label, key=DOMAIN_KEY, required=True, width="stretch"
)
domain = readiness.domain(domain_id)
st.subheader(domain.title, anchor=False)
if domain.intro:
    st.markdown(f"*{domain.intro}*")

options = [1, 2, 3, 4, NOT_SURE]
for number, item in enumerate(domain.items, start=1):
    key = f"readiness__{round_.id}__{item.id}"
    # Seeded from the store only when the widget was not drawn last run (Streamlit then dropped its
    # value); re-seeding on every run could overwrite a quick second tap before it was saved.
    stored = (NOT_SURE if saved[item.id] is None else saved[item.id]) if item.id in saved else None
    seeded = key not in st.session_state
    if seeded:
        st.session_state[key] = stored
    st.markdown(f"**{number}.** {item.text}")
    st.segmented_control(
        item.text,
        options,
        # The default is what the store holds: a browser that draws the control late (a placeholder first on a busy
        # device) starts it at its default and would send an empty default back as "unanswered". (On the run that
        # seeds it, the value comes from session state, which wants no default beside it.)
        default=None if seeded else stored,
        key=key,
        label_visibility="collapsed",
        format_func=lambda v: content.not_sure_label if v == NOT_SURE else str(v),
        on_change=on_answer,
        args=(workspace.id, respondent.id, item.id, key),
    )
    if st.session_state.get(f"{key}__error"):
        st.error(st.session_state[f"{key}__error"], icon=":material/error:")

position = domain_ids.index(domain_id)
if position + 1 < len(domain_ids):
    following = readiness.domain(domain_ids[position + 1])
    st.button(
        f"Next: {following.title}",
        icon=":material/arrow_forward:",
        key="readiness__next",
        on_click=st.session_state.update,
        kwargs={DOMAIN_KEY: following.id},
    )

_ui.step_footer(
    "A score for each of the six domains, your likely strengths and limitations, and a baseline to compare "
    "with when you reassess. See them with the reflection questions on the results page.",
    "readiness_results",
    f"{ref('readiness')} results: scores, strengths and reflection",
)
