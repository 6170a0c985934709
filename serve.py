"""Start the app: `python serve.py [streamlit options]` (what `make run` and the browser tests use).

The same as `streamlit run app.py`, except that Streamlit's legacy discovery of the `pages/` folder is
switched off before the server starts, so that every URL, deep links included, goes through app.py's
navigation and workspace gate.
"""

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    sys.exit(cli.main())
