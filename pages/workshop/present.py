"""Presenter view, for the projector: one workshop's join panel and the team's results in large type, nothing else.

Reached only by its presenter link (`/?presenter=<token>`; app.py shows this page alone for it, with no
navigation and no workspace). The token is the workshop's own read-only credential: it carries no workspace
token, so a photo of the screen gives nobody the workspace. Results show only when the facilitator shows them.
"""

import streamlit as st

from core.workshop import access
from pages import _present_ui as pui
from pages import _ui
from pages import _workshop_ui as wui

REFRESH_SECONDS = 3

store = _ui.store()
token = st.query_params.get(wui.PRESENTER_PARAM)
ws = access.presented_workshop(store, token)
if ws is None:
    st.title("Presenter view")
    st.info("This presenter link no longer works. Open a new one from the workshop's live view (Presenter view).")
    st.stop()

pui.projector_style()
with st.container(key="present_big"):
    link = wui.join_link(ws.workspace_id, ws, wui.PRESENT_PATH) if ws.status != "closed" else None
    pui.header(ws, link)
    if link is None:
        st.info("This workshop is closed. Thank you! Nothing anyone answered is lost.")
    else:
        # Folded once the results show, so they sit on the first screen; it opens again with a click.
        with st.expander("Join panel: code and QR code", expanded=not ws.results_visible,
                         key=f"present__join__{ws.results_visible}"):  # fmt: skip
            wui.join_panel(link, ws.code, big=120, qr_width=320)

    @st.fragment(run_every=REFRESH_SECONDS)
    def results() -> None:
        fresh = access.presented_workshop(store, token)
        if fresh is None or (fresh.results_visible, fresh.status) != (ws.results_visible, ws.status):
            st.rerun(scope="app")  # the link ended, results shown or hidden, workshop paused or closed
        summary = wui.live_summary(fresh.workspace_id, fresh)
        if fresh.activity == "readiness":
            pui.readiness_results(summary, fresh.results_visible)
        else:
            pui.text_results(summary, fresh.results_visible)

    results()
