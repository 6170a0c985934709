"""Step 8: Setting an agenda: a first meeting with a potential partner, prepared and ready to send."""

import pandas as pd
import streamlit as st

from core.export.agenda import agenda_docx
from core.hrh import agenda as ag
from core.hrh import partners as pm
from core.steps import ref
from core.store.versioned import remember
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
PICK = "agenda__current"
# Kept per version of the workspace's data (core.store.versioned): read-only.
partners = remember(
    store, ws, "agenda.partners", lambda: {p.record_id: p.partner.name for p in pm.list_partners(store, ws)}
)
agendas = remember(store, ws, "agenda.list_agendas", lambda: ag.list_agendas(store, ws))
headings = {
    a.record_id: f"{a.agenda.heading}" + (f" ({a.agenda.date:%b %-d, %Y})" if a.agenda.date else "") for a in agendas
}


def on_create() -> None:
    saved = ag.create_agenda(_ui.store(), ws, st.session_state["agenda__partner"])
    st.session_state[PICK] = saved.record_id


_ui.step_header("agenda")
src.quote(ag.content().intro)
src.own(
    "Every agenda starts from the workbook's suggested items, quoted in each item's details; change, reorder "
    "or remove them.",
    mark=False,
)

if not partners:
    st.info(
        f"First add the partner you want to meet to the partner map ({ref('partners')}).", icon=":material/handshake:"
    )
    _ui.link("partners")
    src.credit_line(ag.content())
    st.stop()

left, right = st.columns([2, 1], vertical_alignment="bottom")
left.selectbox("New agenda for a meeting with", list(partners), format_func=partners.get, key="agenda__partner")
right.button("Create agenda", on_click=on_create, type="primary", key="agenda__create", icon=":material/add:")
if not agendas:
    st.info("Choose a partner and create the agenda for your meeting with them.", icon=":material/event_note:")
    src.credit_line(ag.content())
    st.stop()
if st.session_state.get(PICK) not in headings:
    st.session_state[PICK] = agendas[-1].record_id
rid = st.selectbox("Agenda", list(headings), format_func=headings.get, key=PICK)
agenda = next(a.agenda for a in agendas if a.record_id == rid)  # the choices are these agendas' ids


def save(field: str):
    return lambda value: ag.update_agenda(_ui.store(), ws, rid, **{field: value})


st.subheader("The meeting", anchor=False)
fields = [  # (column, widget, field, label, widget options)
    (0, st.text_input, "title", "Title", {"placeholder": f"Meeting with {agenda.partner_name}"}),
    (0, st.date_input, "date", "Date", {"value": None}),
    (1, st.text_input, "place", "Place", {"placeholder": "Our drop-in center, if you have space"}),
    (1, st.time_input, "start_time", "Start time", {"value": None, "step": 300}),
    (2, st.text_area, "attendees", "Attendees (names, pronouns, roles)", {"height": 124}),
]
cols = st.columns(3)
for col, widget, field, label, options in fields:
    with cols[col]:
        _ui.autosave_field(widget, f"agenda__{rid}__{field}", label, getattr(agenda, field), save(field), **options)
_ui.autosave_field(
    st.text_area,
    f"agenda__{rid}__purpose",
    "Purpose of the meeting",
    agenda.purpose,
    save("purpose"),
    height=80,
    placeholder="What you want to leave the meeting with.",
)

st.subheader("Preparation & setup", anchor=False)
for prep in ag.content().preparation:
    check = agenda.preparation.get(prep.id, ag.PrepCheck())
    with st.container(border=True):
        _ui.autosave_field(
            st.checkbox,
            f"agenda__{rid}__prep__{prep.id}",
            prep.title,
            check.done,
            lambda v, p=prep.id: ag.set_preparation(_ui.store(), ws, rid, p, done=v),
        )
        src.quote_caption(prep)
        _ui.autosave_field(
            st.text_input,
            f"agenda__{rid}__prep__{prep.id}__notes",
            "Notes",
            check.notes,
            lambda v, p=prep.id: ag.set_preparation(_ui.store(), ws, rid, p, notes=v),
        )

st.subheader("Items for discussion", anchor=False)
src.app_rule(ag.content().minutes_rule)
frame = pd.DataFrame(
    [{"topic": i.topic, "lead": i.lead, "minutes": i.minutes, "details": i.details} for i in agenda.items],
    columns=["topic", "lead", "minutes", "details"],
).astype({"topic": object, "lead": object, "details": object, "minutes": "Int64"})
items_key = f"agenda__items__{rid}"


def on_items() -> None:
    st.session_state[f"{items_key}__errors"] = ag.apply_item_edits(_ui.store(), ws, rid, st.session_state[items_key])


_ui.data_editor(
    frame,
    items_key,
    {
        "topic": st.column_config.TextColumn("Topic", required=True, max_chars=200),
        "lead": st.column_config.TextColumn("Who leads", max_chars=120),
        "minutes": st.column_config.NumberColumn("Minutes", min_value=0, max_value=480, step=1),
        "details": st.column_config.TextColumn("Details", max_chars=2000, width="large"),
    },
    on_items,
    alt="Discussion items with who leads each and minutes",
    messages=f"{items_key}__errors",
    num_rows="dynamic",
)
end = ag.end_time(agenda)
st.markdown(f"**Total: {ag.total_minutes(agenda)} minutes**" + (f" (ends at {end:%H:%M})" if end else ""))
if agenda.items:
    topics = {item.id: f"{n}. {item.topic}" for n, item in enumerate(agenda.items, start=1)}
    move = st.columns([3, 1, 1], vertical_alignment="bottom")
    item_id = move[0].selectbox("Move an item", list(topics), format_func=topics.get, key=f"agenda__{rid}__move")
    for col, (label, offset) in zip(move[1:], (("Up", -1), ("Down", 1)), strict=True):
        if col.button(
            label,
            key=f"agenda__{rid}__move_{label.lower()}",
            width="stretch",
            icon=f":material/arrow_{'upward' if offset < 0 else 'downward'}:",
        ):
            ag.move_saved_item(_ui.store(), ws, rid, item_id, offset)
            st.rerun()

st.subheader("Send it", anchor=False)
with_prep = st.checkbox("Include our preparation checklist (for internal use)", key="agenda__with_prep")
st.download_button(
    "Download the agenda (Word)",
    icon=":material/download:",
    on_click="ignore",
    data=lambda: agenda_docx(_ui.store(), ws, rid, include_preparation=with_prep),
    file_name="meeting-agenda.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
if st.button("Delete this agenda", key=f"agenda__{rid}__delete", icon=":material/delete:"):
    ag.delete_agenda(_ui.store(), ws, rid)
    st.rerun()

st.divider()
st.markdown(
    "**What this gives you:** an agenda ready to send, and a team that knows its part. **Next step:** "
    "organize with other programs and take a seat where payment decisions are made."
)
_ui.link("advocate")
src.credit_line(ag.content())
