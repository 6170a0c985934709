"""Harm Reduction Financing Workbook: navigation and the workspace gate. Nothing else.

Pages of the steps are listed only while a workspace is open in this browser.
"""

import streamlit as st

from pages import _ui

st.set_page_config(
    page_title="Harm Reduction Financing Workbook", page_icon=":material/volunteer_activism:", layout="wide"
)

_ui.store()  # opens and migrates the database, validates every data file
workspace = _ui.current_workspace()
_ui.sidebar_workspace(workspace)

pages = {
    "Start": [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("pages/workspace.py", title="Workspace", icon=":material/domain:"),
    ],
}
if workspace is not None:
    pages["Harm Reduction is Healthcare"] = [
    ]
    pages["Care model stages"] = [
    ]
    pages["Sustain & finance"] = [
        st.Page("pages/payment_arrangements.py", title="Payment arrangements compared", icon=":material/compare_arrows:"),
    ]
    pages["Workshop"] = [
    ]
    pages["Reports"] = [
        st.Page("pages/backup.py", title="Backup & restore", icon=":material/save:"),
    ]

st.navigation({group: listed for group, listed in pages.items() if listed}).run()
