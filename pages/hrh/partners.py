"""Step 7: Mapping out potential partners: the map by entity type, the research checklist, the Word export."""

import pandas as pd
import streamlit as st

from core.export.partner_map import partner_map_docx
from core.hrh import partners as pm
from core.store.versioned import remember
from pages import _figures, _ui
from pages import _sources_ui as src

workspace = _ui.require_workspace()
store, ws = _ui.store(), workspace.id
C = pm.content()
TYPES = {t.id: t.label for t in C.entity_types}
STATUSES = {s.id: s.label for s in C.statuses}
partners = remember(store, ws, "partners.list_partners", lambda: pm.list_partners(store, ws))  # read-only

_ui.step_header("partners")
src.quoted_list(C.intro)

st.subheader("The map", anchor=False)
if not partners:
    st.info(
        "Add your first potential partner in the empty row of the table: choose its type and type its name.",
        icon=":material/add_business:",
    )
columns = [
    "entity_type",
    "name",
    "locations",
    "existing_relationship",
    "potential_relationship",
    "next_steps",
    "contact",
    "status",
]
frame = pd.DataFrame(
    [
        {
            **{c: getattr(p.partner, c) for c in columns},
            "_research": f"{p.partner.research_done} of {len(C.research_tips)}",
        }
        for p in partners
    ],
    columns=[*columns, "_research"],
).astype(object)
config = {
    "entity_type": st.column_config.SelectboxColumn(
        "Type of entity", options=list(TYPES), format_func=TYPES.get, required=True, width="medium"
    ),
    "name": st.column_config.TextColumn("Name", required=True, max_chars=150),
    **{c: st.column_config.TextColumn(pm.FIELD_LABELS[c], max_chars=pm.MAX_FIELD_CHARS) for c in columns[2:7]},
    "status": st.column_config.SelectboxColumn(
        "Status", options=list(STATUSES), format_func=STATUSES.get, default="identified"
    ),
    "_research": st.column_config.TextColumn("Research done", disabled=True),
}
_ui.record_editor(
    "partners__map",
    frame,
    [p.record_id for p in partners],
    column_config=config,
    blank_means_default=("status",),
    add=lambda data: pm.add_partner(_ui.store(), ws, **data),
    update=lambda rid, changes: pm.update_partner(_ui.store(), ws, rid, **changes),
    delete=lambda rid: pm.delete_partner(_ui.store(), ws, rid),
    alt="Potential partners: type, name, locations, relationships, next steps, contact and status",
)

if partners:
    st.plotly_chart(
        _figures.partner_status_bars(pm.status_counts(partners)),
        width="stretch",
        key="partners__chart",
        alt="Bar chart of potential partners by type of entity and status",
    )
    st.download_button(
        "Download the partner map (Word)",
        data=lambda: partner_map_docx(_ui.store(), ws),
        file_name="partner-map.docx",
        icon=":material/download:",
        on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )

    st.subheader("Do your research", anchor=False)
    src.quote(C.research_intro)
    st.caption("Tick each tip when it is done and keep notes: they go into the partner map export.")
    names = {p.record_id: f"{p.partner.name} ({TYPES[p.partner.entity_type]})" for p in partners}
    if st.session_state.get("partners__research_for") not in names:
        st.session_state["partners__research_for"] = partners[0].record_id
    rid = st.selectbox("Partner", list(names), format_func=names.get, key="partners__research_for")
    partner = next(p.partner for p in partners if p.record_id == rid)
    notes = pm.research_notes(store, ws, partner)
    for number, tip in enumerate(C.research_tips, start=1):
        with st.container(border=True):
            _ui.autosave_field(
                st.checkbox,
                f"partners__research__{rid}__{tip.id}",
                f"{number}. {tip.title}",
                bool(partner.research.get(tip.id)),
                lambda done, t=tip.id: pm.set_research_done(_ui.store(), ws, rid, t, done),
            )
            src.quote_caption(tip)
            _ui.text_answer(ws, pm.research_section(partner.key), tip.id, "Notes", stored=notes[tip.id], height=80)

st.divider()
st.markdown(
    "**What this gives you:** a map of who could fund or partner with you, how well you know each of them, "
    "and the next step with each. **Next step:** prepare a first meeting with the most promising partner."
)
_ui.link("agenda")
src.credit_line(C)
