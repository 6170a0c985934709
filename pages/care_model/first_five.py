"""Care model stage 2: co-created care plan worksheets for five pseudonymous patients, and the learning log."""

import streamlit as st

from core.care_model import first_five as cp
from core.store import answers
from pages import _care_ui as ui
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
content = cp.content()
_ui.step_header(cp.STEP)
st.info(
    'Patients are never named here. Give each worksheet a pseudonymous label such as "Patient A", and leave '
    "out names, birth dates, phone numbers, emails and Social Security numbers: text that looks like one is "
    "flagged before it is saved.",
    icon=":material/privacy_tip:",
)
src.quoted_list(content.intro)
src.quote(content.care_plan_guide)

profiles = cp.profiles(store, ws)
slot = st.radio(
    "Worksheet", cp.slot_ids(), format_func=lambda s: profiles[s].label, horizontal=True, key="first_five__slot"
)
profile = profiles[slot]
texts = answers.get_texts(store, ws, cp.section(slot))
fields = {f.id: f for f in content.worksheet}


def save_text(prompt: str):
    return lambda text: cp.save_worksheet_text(store, ws, slot, prompt, text)


def text(prompt: str, label: str, help="", height: int = 100) -> None:
    ui.checked_text(
        f"first_five__{slot}__{prompt}",
        label,
        texts.get(prompt, ""),
        save_text(prompt),
        help=src.help_text(help),
        height=height,
    )


ui.checked_text(
    f"first_five__{slot}__label",
    "Pseudonymous label",
    profile.label,
    lambda value: cp.save_profile(store, ws, slot, label=value),
    single_line=True,
    help="A label that no one outside the team could link to a person, e.g. Patient A.",
)
text("goals", fields["goals"].label, fields["goals"].help)
left, right = st.columns(2)
with left:
    text("assets_personal", fields["assets_personal"].label, fields["assets_personal"].help)
with right:
    text("assets_community", fields["assets_community"].label, fields["assets_community"].help)
text("needs", fields["needs"].label, fields["needs"].help)
needs = {o.id: o.label for o in content.needs}
ui.autosave(
    st.multiselect,
    f"first_five__{slot}__need_kinds",
    profile.needs,
    lambda value: cp.save_profile(store, ws, slot, needs=value),
    label="Kinds of need (for the learning log)",
    options=list(needs),
    format_func=needs.get,
    quiet=True,
)

with st.expander("How you engage: the questions to answer with this person", expanded=False):
    src.quoted_list(content.engagement.lead)
    src.from_source([q.text for q in content.engagement_questions], "The questions below (and their examples)")
    for q in content.engagement_questions:
        text(q.id, q.text.quote, q.help, height=80)

st.markdown("**Tasks and who is responsible**")
src.quoted_list(content.tasks_guide)
parties = {o.id: o.label for o in content.responsible}
ui.record_editor(
    ws,
    cp.TASK_KIND,
    cp.Task,
    {
        "task": st.column_config.TextColumn("Task", required=True, max_chars=300, width="large"),
        "responsible": st.column_config.SelectboxColumn(
            "Who is responsible", options=list(parties), format_func=parties.get
        ),
        "done": st.column_config.CheckboxColumn("Done", default=False),
        "checked": st.column_config.CheckboxColumn(
            "Checked: no identifier", default=False, help="Tick only if a flagged task holds no identifier."
        ),
    },
    key=f"first_five__{slot}__tasks",
    where=lambda data: data.get("patient") == slot,
    fixed={"patient": slot},
)

delivery = {o.id: o.label for o in content.delivery}
ui.autosave(
    st.multiselect,
    f"first_five__{slot}__delivery",
    profile.delivery,
    lambda value: cp.save_profile(store, ws, slot, delivery=value),
    label="How care had to be delivered",
    options=list(delivery),
    format_func=delivery.get,
    quiet=True,
)
text("learned", fields["learned"].label, fields["learned"].help, height=120)

st.subheader("Learning log: what the five have in common", anchor=False)
src.quoted_list(content.learning_guide)
summary = cp.learning_summary(store, ws)
if summary.started == 0:
    st.caption("Start with the goals of one person above; the log fills in as the worksheets do.")
ui.bullets([f"{summary.started} of 5 worksheets started.", *summary.sentences()])
log = answers.get_texts(store, ws, cp.LEARNING_SECTION)
for prompt in content.learning_log:
    ui.checked_text(
        f"first_five__learning__{prompt.id}",
        prompt.label,
        log.get(prompt.id, ""),
        lambda value, pid=prompt.id: cp.save_learning_text(store, ws, pid, value),
        help=prompt.help or None,
        height=90,
    )

for tips in content.tips:
    src.tips_panel(tips)
src.pull_quotes(content.voices)

st.divider()
st.markdown(
    "**What this gives you:** what it takes to engage people and what they need, learned from five "
    "people before you design at scale. **Next:** test what worked with 25 patients."
)
_ui.link("twenty_five")
src.credit_line(content)
