"""Step 4: facilitate a 90-minute conversation with one of the three groups: the run of show,
the current segment with its prompts, a segment timer, and notes per prompt saved as you go."""

import streamlit as st
from pydantic import ValidationError

from core.hrh import what_it_takes
from core.steps import ref
from core.store import answers
from core.store.models import utcnow
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store = _ui.store()
ss = st.session_state
GUIDES = {g.id: g for g in what_it_takes.guides()}
conversations = what_it_takes.list_conversations(store, workspace.id)


def start_conversation(guide_id: str) -> None:
    prefix = f"what_it_takes__new__{guide_id}"
    ss[f"{prefix}__error"] = None
    try:
        held_on, group = ss[f"{prefix}__date"], ss[f"{prefix}__group"]
        c = what_it_takes.add_conversation(
            store, workspace.id, what_it_takes.Conversation(guide_id=guide_id, held_on=held_on, group=group)
        )
    except ValidationError as exc:
        ss[f"{prefix}__error"] = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        return
    ss[f"what_it_takes__conversation__{guide_id}"] = c.record_id
    ss[f"{prefix}__group"] = ""


def move(conversation_id: str, guide_id: str, segment: int) -> None:
    what_it_takes.go_to_segment(store, workspace.id, conversation_id, GUIDES[guide_id], segment)


def toggle(conversation_id: str, running: bool) -> None:
    (what_it_takes.pause_timer if running else what_it_takes.start_timer)(store, workspace.id, conversation_id)


def countdown(state: what_it_takes.TimerState, guide: what_it_takes.Guide) -> None:
    left = what_it_takes.time_left(state, guide, utcnow())
    st.progress(left.share_used, text=f":material/{'timer_off' if left.over else 'timer'}: {left.label}")


_ui.step_header("what_it_takes")
src.quoted_list(what_it_takes.content().workbook)
src.own_mark(what_it_takes.content().about)
if "what_it_takes__guide" not in ss:
    ss["what_it_takes__guide"] = conversations[-1].guide_id if conversations else next(iter(GUIDES))
guide_id = st.radio(
    "Which group are you meeting?",
    list(GUIDES),
    format_func=lambda g: GUIDES[g].group,
    key="what_it_takes__guide",
    horizontal=True,
)
guide = GUIDES[guide_id]
held = [c for c in conversations if c.guide_id == guide_id]

with st.expander(
    "Before you start: who, preparation and the run of show", icon=":material/checklist:", expanded=not held
):
    st.markdown(f"**Who:** {guide.audience}")
    st.markdown("\n".join(f"- {item}" for item in guide.preparation))
    st.dataframe(
        [
            {"Segment": s.segment.title, "Minutes": s.segment.minutes, "Starts at minute": s.start}
            for s in what_it_takes.run_of_show(guide)
        ],
        hide_index=True,
        width="stretch",
    )

prefix = f"what_it_takes__new__{guide_id}"
with st.expander("Start a new conversation with this group", icon=":material/add:", expanded=not held):
    with st.form(prefix, border=False):
        st.date_input("Date of the conversation", key=f"{prefix}__date", format="YYYY-MM-DD")
        st.text_input(
            "Who is in the room (no names)",
            key=f"{prefix}__group",
            max_chars=200,
            placeholder="e.g. Five peer navigators and the drop-in coordinator",
        )
        if ss.get(f"{prefix}__error"):
            st.error(ss[f"{prefix}__error"], icon=":material/error:")
        st.form_submit_button("Start this conversation", type="primary", on_click=start_conversation, args=(guide_id,))

if not held:
    st.info("Start a conversation above to open the facilitation view: segments, timer and a notes field per prompt.")
    src.credit_line(what_it_takes.content())
    st.stop()

by_id = {c.record_id: c for c in held}
conversation_key = f"what_it_takes__conversation__{guide_id}"
if ss.get(conversation_key) not in by_id:
    ss[conversation_key] = held[-1].record_id
conversation_id = st.selectbox(
    "Conversation",
    list(reversed(by_id)),
    key=conversation_key,
    format_func=lambda i: f"{by_id[i].held_on:%B %-d, %Y}: {by_id[i].group}",
)
timer = what_it_takes.get_timer(store, workspace.id, conversation_id)
index = min(timer.segment, len(guide.segments) - 1)
segment = guide.segments[index]

st.subheader(f"Segment {index + 1} of {len(guide.segments)}: {segment.title} ({segment.minutes} min)", anchor=False)
if index == 0:
    st.info(f"**Open with this:** {guide.opening}", icon=":material/campaign:")
st.fragment(countdown, run_every=1 if timer.running else None)(timer, guide)
last = len(guide.segments) - 1
controls = [  # label, key, icon, callback, args, disabled
    ("Previous segment", "previous", "skip_previous", move, (conversation_id, guide_id, index - 1), index == 0),
    (
        "Pause timer" if timer.running else "Start timer",
        "toggle",
        "pause" if timer.running else "play_arrow",
        toggle,
        (conversation_id, timer.running),
        False,
    ),
    ("Restart segment", "restart", "replay", move, (conversation_id, guide_id, index), False),
    ("Next segment", "next", "skip_next", move, (conversation_id, guide_id, index + 1), index == last),
]
for column, (label, key, icon, callback, args, disabled) in zip(st.columns(4), controls, strict=True):
    column.button(
        label,
        key=f"what_it_takes__{key}",
        icon=f":material/{icon}:",
        on_click=callback,
        args=args,
        disabled=disabled,
        type="primary" if key == "toggle" else "secondary",
        width="stretch",
    )

st.caption(f":material/lock: {what_it_takes.content().privacy_note} Notes save when you click outside the box.")
src.own_mark("The prompts below are the app's own writing, not the workbook's.")
section = what_it_takes.notes_section(guide_id)
saved = answers.get_texts(store, workspace.id, section)
for p in segment.prompts:
    key = what_it_takes.note_prompt(conversation_id, p.id)
    _ui.text_answer(workspace.id, section, key, p.text, stored=saved.get(key, ""), height=130)
if index == last:
    st.success(f"**Close with this:** {guide.closing}", icon=":material/flag:")

st.divider()
st.markdown(
    "**What this gives you:** the words of the people who do and receive the work, segment by segment. "
    "Once all three groups have met, compare their notes side by side and write the key insights."
)
_ui.link("what_it_takes_summary", f"Next: {ref('what_it_takes')} summary and key insights")
src.credit_line(what_it_takes.content())
