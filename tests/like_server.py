"""Make AppTest run the app the way `serve.py` (and so `make run`) does.

AppTest 1.67 resets Streamlit's legacy `pages/` discovery before every run and, since
our page files live in `pages/`, switches it on: a page reached with `switch_page`
would then run on its own, without app.py around it (no navigation, no workspace
gate, no per-page read snapshot). `serve.py` switches that discovery off before the
server starts; this does the same for AppTest, so tests and the benchmark exercise
app.py on every run, as a browser does.
"""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager


def run_app_like_server() -> None:
    """Idempotent: after this, every AppTest run goes through app.py's st.navigation."""
    if getattr(PagesManager.__init__, "like_server", False):
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    init.like_server = True
    PagesManager.__init__ = init
