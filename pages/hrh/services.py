"""Step 3: map the billable services, one editable table per category, with totals and charts."""

import pandas as pd
import streamlit as st

from core.hrh import charts as hrh_charts
from core.hrh import services
from core.steps import ref
from core.store.versioned import remember
from core.text import MAX_NAME_CHARS
from pages import _sources_ui as src
from pages import _ui

COLUMNS = list(services.COLUMN_LABELS)
TOTAL_COLUMNS = ["Services today", "Clients today", "Services you could add", "Clients you could add"]


def editor_key(category_id: str) -> str:
    # A new key after every applied edit: the table restarts from the store, never from its own output.
    return f"services__editor__{category_id}__{st.session_state.get(f'services__version__{category_id}', 0)}"


def has_edits(key: str) -> bool:
    state = st.session_state.get(key) or {}
    return bool(state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows"))


def apply_edits(workspace_id: str, category_id: str) -> None:
    """on_change of a category table: validate and save each changed row, then restart the table."""
    key = editor_key(category_id)
    state = st.session_state.get(key) or {}
    shown = [r for r in services.service_map(_ui.store(), workspace_id) if r.category == category_id]
    try:
        result = services.apply_table_edit(
            _ui.store(),
            workspace_id,
            category_id,
            shown,
            state.get("edited_rows", {}),
            state.get("added_rows", []),
            state.get("deleted_rows", []),
        )
        st.session_state[f"services__errors__{category_id}"] = result.errors
    except _ui.USER_ERRORS as exc:
        st.session_state[f"services__errors__{category_id}"] = [f"{_ui.user_message(exc)} Nothing was saved."]
    st.session_state[f"services__version__{category_id}"] = (
        st.session_state.get(f"services__version__{category_id}", 0) + 1
    )


workspace = _ui.require_workspace()
_ui.step_header("services")
src.quote(services.workbook_words())
st.markdown(services.directions())
st.caption(f"{src.QUOTE_MARK} The services and categories are the workbook's {ref('services')} list, as it names them.")
st.caption(
    "Services and Clients are how many a month, whole numbers of 0 or more (a bad number is refused with a "
    'message and the saved one kept). Add your own "Other" services at the bottom of a table; '
    "the workbook's services keep their names. Select a row and delete it to clear it."
)

labels, headers = services.COLUMN_LABELS, services.COLUMN_HEADERS
# Counts are text cells: a number cell would drop a "-" or letters and clamp big numbers in the browser, silently;
# as text, what was typed reaches core.hrh.services, which refuses it with a message and keeps the saved value.
counts = {"width": "small", "max_chars": 12}
config = {
    "name": st.column_config.TextColumn(headers["name"], max_chars=MAX_NAME_CHARS, width="large"),
    "services_per_month": st.column_config.TextColumn(
        headers["services_per_month"], help=f"{labels['services_per_month']} (a whole number)", **counts
    ),
    "clients_per_month": st.column_config.TextColumn(
        headers["clients_per_month"], help=f"{labels['clients_per_month']} (a whole number)", **counts
    ),
    "currently_offer": st.column_config.CheckboxColumn(headers["currently_offer"], width="small"),
    "potentially_offer": st.column_config.CheckboxColumn(headers["potentially_offer"], width="small"),
}


def service_map(workspace_id: str) -> list[services.ServiceRow]:
    """The map as saved, kept per version of the workspace's data (a rerun reads no rows): read-only."""
    store = _ui.store()
    kept = remember(store, workspace_id, "services.service_map", lambda: services.service_map(store, workspace_id))
    return list(kept)


rows = service_map(workspace.id)
for category in services.categories():
    if has_edits(editor_key(category.id)):  # edits the callback has not applied (AppTest sets them directly)
        apply_edits(workspace.id, category.id)
        rows = service_map(workspace.id)
    shown = [r for r in rows if r.category == category.id]
    st.subheader(category.title, anchor=False)
    if category.note:
        st.caption(category.note)
    _ui.data_editor(
        pd.DataFrame([services.table_row(r) for r in shown], columns=COLUMNS),
        editor_key(category.id),
        config,
        apply_edits,
        args=(workspace.id, category.id),
        messages=f"services__errors__{category.id}",
        num_rows="dynamic",
        height="content",
    )
    for message in services.map_warnings(shown):
        st.warning(_ui.escape_md(message), icon=":material/warning:")

st.subheader("Totals per month", anchor=False)
totals = services.category_totals(rows)
overall = services.overall_totals(rows)
if not overall.rows_filled:
    st.info("Fill in at least one service above: its monthly numbers are added up here, by category.")
else:
    c1, c2, c3 = st.columns(3)
    c1.metric("Services per month, offered today", f"{overall.current_services:,}")
    c2.metric("More you could offer", f"{overall.potential_services:,}")
    c3.metric(
        "Client contacts per month, today",
        f"{overall.current_clients:,}",
        help="Clients are added up across services: a person served by two services counts twice.",
    )
    st.dataframe(
        [
            {
                "Category": t.title,
                "Services today": t.current_services,
                "Clients today": t.current_clients,
                "Services you could add": t.potential_services,
                "Clients you could add": t.potential_clients,
                "Rows filled in": t.rows_filled,
            }
            for t in [*totals, overall]
        ],
        column_config={name: st.column_config.NumberColumn(format="localized") for name in TOTAL_COLUMNS},
        hide_index=True,
        width="stretch",
        key="services__totals",
    )
    by_services, by_clients = st.tabs(["Services per month", "Clients per month"])
    with by_services:
        _ui.plotly_chart(hrh_charts.services_by_category_figure(totals, "services"))
    with by_clients:
        _ui.plotly_chart(hrh_charts.services_by_category_figure(totals, "clients"))

_ui.step_footer(
    "Realistic monthly volumes of what you offer and could offer: the numbers the direct billing cost-benefit, "
    "the payment models and your value proposition start from. Next, hear what it takes to get people to "
    f"these services ({ref('what_it_takes')}).",
    "what_it_takes",
)
src.credit_line(services.workbook_words())
