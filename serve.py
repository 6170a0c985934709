"""Start the app: `python serve.py [streamlit options]` (what `make run` and the browser tests use).

The same as `streamlit run app.py`, except that Streamlit's legacy discovery of the `pages/` folder is
switched off before the server starts, so that every URL, deep links included, goes through app.py's
navigation and workspace gate.
"""

import sys

from streamlit.web import cli

from pages import _legacy_pages

if __name__ == "__main__":
    _legacy_pages.for_server()
    sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
    sys.exit(cli.main())
