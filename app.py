"""Harm Reduction Financing Workbook: navigation and the workspace gate. Nothing else.

Pages of the steps are listed only while a workspace is open in this browser.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from pages import _ui

# Our page files live in pages/ (fixed by the design card), which Streamlit 1.67 would also treat as
# legacy auto-discovered pages and route deep links like /workspace straight to them, skipping this
# gate. `serve.py` switches that off before the server starts; this line keeps it off if the app was
# started with plain `streamlit run app.py` (from the second run on).
PagesManager.uses_pages_directory = False

st.set_page_config(
    page_title="Harm Reduction Financing Workbook", page_icon=":material/volunteer_activism:", layout="wide"
)

_ui.open_store_or_stop()  # opens and migrates the database, validates every data file
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
        # Steps 6-9
        st.Page("pages/financing_adventure.py", title="6. Financing adventure", icon=":material/alt_route:"),
        st.Page("pages/cost_benefit.py", title="6. Direct billing cost-benefit", icon=":material/calculate:"),
        st.Page("pages/partners.py", title="7. Potential partners", icon=":material/handshake:"),
        st.Page("pages/agenda.py", title="8. Meeting agenda", icon=":material/event_note:"),
        st.Page("pages/advocate.py", title="9. Organize & advocate", icon=":material/campaign:"),
    ]
    pages["Care model stages"] = [
        st.Page("pages/care_model_fit.py", title="Choose a care model", icon=":material/hub:"),
        st.Page("pages/first_five.py", title="First five patients", icon=":material/person_search:"),
        st.Page("pages/twenty_five.py", title="Testing with 25", icon=":material/science:"),
        st.Page("pages/one_twenty_five.py", title="125 and beyond", icon=":material/monitoring:"),
        st.Page("pages/huddle.py", title="Huddle board & step-up criteria", icon=":material/groups:"),
        st.Page("pages/five_x_planner.py", title="5x planner & ROI", icon=":material/trending_up:"),
    ]
    pages["Sustain & finance"] = [
        st.Page(
            "pages/payment_arrangements.py", title="Payment arrangements compared", icon=":material/compare_arrows:"
        ),
        st.Page("pages/change_concept_5.py", title="Trauma-informed: finance & sustain", icon=":material/spa:"),
        st.Page(
            "pages/chronic_care_financing.py", title="Chronic Care Model financing", icon=":material/medical_services:"
        ),
        st.Page("pages/billing_codes.py", title="Billing code reference", icon=":material/menu_book:"),
    ]
    pages["Workshop"] = []
    pages["Reports"] = [
        st.Page("pages/backup.py", title="Backup & restore", icon=":material/save:"),
    ]

st.navigation({group: listed for group, listed in pages.items() if listed}, expanded=True).run()
