"""Step 9: Organize & advocate: read up on your state, organize with other programs, take seats at the table,
and tailor your message to each stakeholder."""

import datetime as dt

import pandas as pd
import streamlit as st

from core.hrh import advocate as adv
from core.store import answers
from core.store.versioned import remember
from pages import _sources_ui as src
from pages import _ui

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
C = adv.content()
TOPICS = {t.id: t.title for t in C.state_research}


def checklist(section: str, tips: list) -> None:
    done = adv.checklist(store, ws, section)
    texts = answers.get_texts(store, ws, section)
    for tip in tips:
        with st.expander(f"{'✓ ' if done.get(tip.id) else ''}{tip.title}"):
            src.quote(tip)
            _ui.autosave_field(
                st.checkbox,
                f"advocate__{section}__{tip.id}",
                "Done",
                done.get(tip.id, False),
                lambda v, t=tip.id: adv.set_checked(_ui.store(), ws, section, t, v),
            )
            _ui.text_answer(ws, section, tip.id, "What you found", stored=texts.get(tip.id, ""), height=90)


def table(key: str, model, columns: list[str], config: dict, alt: str, blank=()) -> list:
    rows = remember(store, ws, f"advocate.rows.{model.KIND}", lambda: adv.list_rows(store, ws, model))  # read-only
    frame = pd.DataFrame([[getattr(row, c) for c in columns] for _, row in rows], columns=columns, dtype=object)
    _ui.record_editor(
        key,
        frame,
        [rid for rid, _ in rows],
        column_config=config,
        alt=alt,
        blank_means_default=blank,
        add=lambda data: adv.add_row(_ui.store(), ws, model, data),
        update=lambda rid, changes: adv.update_row(_ui.store(), ws, model, rid, changes),
        delete=lambda rid: adv.delete_row(_ui.store(), ws, rid),
    )
    return [row for _, row in rows]


def select(label: str, options: list, **kw):
    return st.column_config.SelectboxColumn(
        label, options=[o.id for o in options], format_func=adv.labels(options).get, **kw
    )


_ui.step_header("advocate")
src.quote(C.intro)

st.subheader("Read up on your state", anchor=False)
checklist(adv.RESEARCH_SECTION, C.state_research)
st.markdown("**Links you keep**")
table(
    "advocate__links",
    adv.ResearchLink,
    ["topic", "title", "url"],
    {
        "topic": st.column_config.SelectboxColumn("Topic", options=list(TOPICS), format_func=TOPICS.get, required=True),
        "title": st.column_config.TextColumn("Title", max_chars=200),
        "url": st.column_config.LinkColumn("Link", required=True, validate=r"^https?://\S+$"),
    },
    "Links kept for the state research",
)

st.subheader("Organize harm reduction programs", anchor=False)
checklist(adv.ORGANIZING_SECTION, C.organizing)
st.markdown("**Programs to organize with**")
table(
    "advocate__programs",
    adv.Program,
    ["name", "area", "contact", "status", "notes"],
    {
        "name": st.column_config.TextColumn("Program", required=True),
        "area": "Where they work",
        "contact": "Contact",
        "status": select("Status", C.program_statuses, default="to_contact"),
        "notes": st.column_config.TextColumn("What they are doing", width="large"),
    },
    "Other harm reduction programs to organize with",
    blank=("status",),
)

st.subheader("Get a seat at the table", anchor=False)
src.quote(C.seats.lead)
src.quoted_list(C.seats.places.items, lead=C.seats.places.title)
src.quoted_list([C.seats.example], lead=C.seats.assessments)
seats = table(
    "advocate__seats",
    adv.Seat,
    ["seat_type", "name", "date", "who", "status", "notes"],
    {
        "seat_type": select("Kind of seat", C.seat_types, required=True),
        "name": st.column_config.TextColumn("What and where", required=True),
        "date": st.column_config.DateColumn("Date", format="MMM D, YYYY"),
        "who": "Who goes",
        "status": select("Status", C.seat_statuses, default="idea"),
        "notes": "Notes",
    },
    "Seats at the table with date, who goes and status",
    blank=("status",),
)
upcoming = adv.upcoming_seats(seats, dt.date.today())
if upcoming:
    st.markdown(
        "**Coming up:** "
        + "; ".join(
            f"{s.date:%b %-d}: {_ui.escape_md(s.name)}" + (f" ({_ui.escape_md(s.who)})" if s.who else "")
            for s in upcoming
        )
    )

st.subheader("Your advocacy goal and messages", anchor=False)
src.quoted_list(C.policy_guide)
src.own(
    "Look at the policy landscape you researched and choose one advocacy goal. Then tailor your message to "
    "each stakeholder: know where they stand, make one clear ask, back it with evidence, and tell a story "
    "that shows what it changes for people. The guidance under each stakeholder is the app's own."
)
goal = _ui.text_answer(ws, adv.GOAL_SECTION, adv.GOAL_PROMPT, C.goal.label, help=C.goal.help, height=90)
messages = adv.message_texts(store, ws)
for tab, stakeholder in zip(st.tabs([s.label for s in C.stakeholders]), C.stakeholders, strict=True):
    with tab:
        st.caption(stakeholder.guidance)
        section = adv.message_section(stakeholder.id)
        for part in C.message_parts:
            _ui.text_answer(
                ws, section, part.id, part.label, help=part.help, height=80, stored=messages[stakeholder.id][part.id]
            )
        draft = adv.message_draft(goal, stakeholder, messages[stakeholder.id])
        if draft:
            st.markdown("**Your message, put together** (copy it into an email or your talking points)")
            st.container(border=True).text(draft)
ready = adv.messages_ready(messages)
st.caption(f"Messages ready (ask, evidence and story written): {len(ready)} of {len(C.stakeholders)}.")

st.divider()
st.markdown(
    "**What this gives you:** a picture of your state's landscape, allies to organize with, the places where "
    "decisions are made, and a message ready for each person you will meet there. **Next step:** keep "
    "going: this step never really ends. Revisit your partner map as relationships grow."
)
_ui.link("partners")
src.credit_line(C)
