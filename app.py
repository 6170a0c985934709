"""Harm Reduction Financing Workbook: navigation and the workspace gate. Nothing else.

Pages of the steps are listed only while a workspace is open in this browser. A presenter link (`?presenter=`)
gets the presenter view alone: no navigation, no workspace, whatever else the browser holds.
"""

import streamlit as st

from core import steps
from pages import _legacy_pages, _ui

_legacy_pages.for_server()  # deep links go through this gate even under a plain `streamlit run app.py`

# An emoji icon: Streamlit draws it as a data: URL. A ":material/...:" page icon is fetched from Google's
# font servers by every browser on every visit, the one request that would leave this host.
st.set_page_config(page_title="Harm Reduction Financing Workbook", page_icon="🤝", layout="wide")

_ui.open_store_or_stop()  # opens and migrates the database, validates every data file
PRESENTER_PAGE = steps.page_path("present")  # not one of the navigation's pages: only a presenter link reaches it
if st.query_params.get("presenter"):  # the projector's presenter link: that page alone, no workspace is looked up
    st.navigation([st.Page(PRESENTER_PAGE, title="Presenter view")], position="hidden").run()
    st.stop()
workspace = _ui.current_workspace()
_ui.sidebar_workspace(workspace)
_ui.write_cookies()  # the session cookie set or cleared since the last run (no token in any URL)

# The navigation comes from the journey's one map, data/steps.yaml (core.steps.menu): its groups, pages,
# titles and icons. Pages of the steps show only while a workspace is open in this browser.
# The st.Page objects are built once per browser session and per menu shown (each resolves and checks its file):
# never shared between sessions, since st.navigation marks the page it returns as the one this run may run.
_shown = "all" if workspace is not None else "open"
_kept = st.session_state.setdefault("_navigation_pages", {})
if _shown not in _kept:
    _kept[_shown] = {
        group.title: [st.Page(p.path, title=p.title, icon=p.icon, default=p.default) for p in group.pages]
        for group in steps.menu()
        if group.open or workspace is not None
    }
navigation = st.navigation(_kept[_shown], expanded=True)
with _ui.page_run(workspace):  # the page reuses this run's workspace lookup and one read snapshot
    navigation.run()
