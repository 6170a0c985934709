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
        st.Page("pages/join.py", title="Join a workshop", icon=":material/qr_code_scanner:"),
    ],
}
if workspace is not None:
    pages["Harm Reduction is Healthcare"] = [
        st.Page("pages/basics.py", title="1. Learn the basics", icon=":material/school:"),
        st.Page("pages/glossary.py", title="Glossary", icon=":material/menu_book:"),
        st.Page("pages/readiness.py", title="2. Readiness assessment", icon=":material/checklist:"),
        st.Page("pages/readiness_results.py", title="2. Readiness results", icon=":material/insights:"),
        st.Page("pages/services.py", title="3. Billable services", icon=":material/medical_services:"),
        st.Page("pages/what_it_takes.py", title="4. What it takes", icon=":material/route:"),
        st.Page("pages/what_it_takes_summary.py", title="4. Summary & insights", icon=":material/summarize:"),
        st.Page("pages/value_proposition.py", title="5. Value proposition", icon=":material/campaign:"),
        st.Page("pages/value_proposition_draft.py", title="5. Your draft", icon=":material/edit_note:"),
        st.Page("pages/financing_adventure.py", title="6. Financing adventure", icon=":material/alt_route:"),
        st.Page("pages/cost_benefit.py", title="6. Direct billing cost-benefit", icon=":material/calculate:"),
        st.Page("pages/partners.py", title="7. Potential partners", icon=":material/handshake:"),
        st.Page("pages/agenda.py", title="8. Meeting agenda", icon=":material/event_note:"),
        st.Page("pages/advocate.py", title="9. Organize & advocate", icon=":material/record_voice_over:"),
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
    pages["Workshop"] = [
        st.Page("pages/workshop.py", title="Team workshop", icon=":material/groups:"),
        st.Page("pages/workshop_live.py", title="Workshop live view", icon=":material/cast:"),
    ]
    pages["Reports"] = [
        st.Page("pages/reports.py", title="Downloads", icon=":material/download:"),
        st.Page("pages/backup.py", title="Backup & restore", icon=":material/save:"),
    ]

navigation = st.navigation({group: listed for group, listed in pages.items() if listed}, expanded=True)
with _ui.page_run(workspace):  # the page reuses this run's workspace lookup and one read snapshot
    navigation.run()
