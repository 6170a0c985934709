"""The one place that switches off Streamlit's legacy discovery of the `pages/` folder.

Our page files live in `pages/` (the design card fixes the folder), which Streamlit 1.67 also treats as
"legacy" auto-discovered pages: it would route a deep link such as /workspace straight to the file, skipping
app.py's navigation and workspace gate, and AppTest would run a page reached with `switch_page` on its own.
Streamlit has no public setting for this, so we set its `PagesManager.uses_pages_directory` flag:

- `for_server()`: before the server starts (serve.py, so `make run` and the browser tests), and again from
  app.py on every run in case the app was started with a plain `streamlit run app.py`;
- `for_apptest()`: AppTest resets the flag before every run, so tests and the bench set it again after each
  reset (tests/conftest.py and bench/run.py call this once).

When Streamlit changes this, this file is the only one to change.
"""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager


def for_server() -> None:
    PagesManager.uses_pages_directory = False


def for_apptest() -> None:
    """Idempotent: after this, every AppTest run goes through app.py's st.navigation, as a browser does."""
    if getattr(PagesManager.__init__, "like_server", False):
        return
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    init.like_server = True
    PagesManager.__init__ = init
